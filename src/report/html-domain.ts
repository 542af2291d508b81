/**
 * One domain's page of the HTML report, as a `<section>`: the verdict header (the outcome at the failing level, or
 * the policy gate's status, with an icon, a word and the state of every area), the policy rules when gated, the
 * findings grouped by severity (what to fix first), then the details: every record as published with its zone file
 * line and status, the SPF budget and include tree, DMARC discovery, and the DKIM keys. Everything is read from the report and its read model
 * ({@link viewReport}); nothing is parsed again.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { outcomeAt } from '../audit/dns-trouble.js';
import { type DkimSelectorView, type ExtraRecordView, type ReportView, viewReport } from '../audit/view.js';
import type { FailOn } from '../findings/finding.js';
import type { DomainGate } from '../policy/gate.js';
import { AREAS, areaState } from './html-areas.js';
import { dmarcSection } from './html-dmarc.js';
import { findingsSection, rulesTable } from './html-findings.js';
import {
  badge,
  code,
  esc,
  plural,
  RECORD_WORD,
  recordState,
  STATE_ICON,
  type State,
  scrollTable,
} from './html-layout.js';
import { spfBudget, spfTree } from './html-spf.js';
import { missingRecordText } from './phrases.js';
import { countsLine } from './text.js';

/** Options for {@link domainSection}. */
export interface DomainSectionOptions {
  /** The section's id (an anchor made by mailgate, never from DNS text), e.g. `d-3`. */
  id: string;
  /** The gate's result for this domain, when a policy was applied. */
  gate?: DomainGate;
  /** The failing level of the verdict when there is no gate (default `error`). */
  failOn?: FailOn;
  /** Open the `<details>` (SPF tree, DMARC names, information): true for a one-domain report. */
  open: boolean;
  /**
   * Part of a report of several domains: a link back to the overview (`#overview`), finding ids linked to the page's
   * findings reference instead of repeating what to change, and no record text below the root of the SPF tree.
   */
  several?: boolean;
}

/** The verdict of a domain: its state, a word and the rule it was decided by. */
export function domainVerdict(
  report: DomainReport,
  gate: DomainGate | undefined,
  failOn: FailOn,
): { state: State; word: string; rule: string } {
  if (gate) {
    const rule = 'by the policy';
    if (gate.status === 'passed') return { state: 'ok', word: 'passes the policy', rule };
    if (gate.status === 'failed') return { state: 'err', word: 'fails the policy', rule };
    return { state: 'dns', word: 'undetermined: DNS trouble', rule };
  }
  const rule = failOn === 'never' ? 'no finding fails (fail on never)' : `failing at ${failOn} and above`;
  const outcome = outcomeAt(report.findings, failOn, report.summary.dnsTrouble);
  if (outcome === 'pass') return { state: 'ok', word: 'pass', rule };
  if (outcome === 'fail') return { state: 'err', word: 'fail', rule };
  return { state: 'dns', word: 'undetermined: DNS trouble', rule };
}

/** `2026-01-15 12:00 UTC` for an ISO 8601 time; the text itself when it is not one. */
function when(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC` : iso;
}

function statusCell(status: ReportView['spf']['status'], detail?: string, note?: string): string {
  const extra = [detail, note].filter((x) => x !== undefined && x !== '').map((x) => esc(x!));
  return `${badge(recordState(status), RECORD_WORD[status])}${extra.length > 0 ? `<br><span class="sub">${extra.join('; ')}</span>` : ''}`;
}

function row(label: string, name: string, status: string, record: string, source: string): string {
  return `<tr><th scope="row">${label}</th><td>${name}</td><td>${status}</td><td>${record}${source}</td></tr>`;
}

/** A zone file location below a record in the records table. */
function at(source: { file: string; line: number } | undefined): string {
  return source ? `<div class="zf">${esc(source.file)}:${source.line}</div>` : '';
}

function missing(text: string): string {
  return `<span class="sub">${esc(text)}</span>`;
}

/** `rsa 2048 bits, testing`: a DKIM key's facts. */
function keyFacts(s: DkimSelectorView): string | undefined {
  if (s.status !== 'found') return undefined;
  return `${s.keyType ?? 'rsa'}${s.bits !== undefined ? ` ${s.bits} bits` : ''}${s.testing ? ', testing (t=y)' : ''}`;
}

function dkimRow(s: DkimSelectorView): string {
  const state = s.statusDetail ?? s.status;
  return row(
    `DKIM <bdi>${esc(s.selector)}</bdi>`,
    code(s.name),
    statusCell(s.status, s.statusDetail, keyFacts(s)),
    s.record !== undefined ? code(s.record, true) : missing(missingRecordText(state, 'key record')),
    at(s.source),
  );
}

function extraRow(x: ExtraRecordView): string {
  return row(
    esc(x.label),
    code(x.name),
    statusCell(x.status, x.statusDetail, x.detail),
    x.record !== undefined ? code(x.record, true) : missing(missingRecordText(x.status, `${x.label} record`)),
    at(x.source),
  );
}

/**
 * Every record as published: SPF, DMARC (where found), each DKIM selector, MX, MTA-STS, TLS-RPT, BIMI. When
 * `compact`, the optional records that are not published (status `none`) are named in one line below the table.
 */
function recordsTable(view: ReportView, compact: boolean): string {
  const rows: string[] = [];
  const spf = view.spf;
  rows.push(
    row(
      'SPF',
      code(view.domain),
      statusCell(spf.status),
      spf.record !== undefined
        ? code(spf.record, true)
        : missing(missingRecordText(spf.status, 'SPF record')),
      at(spf.source),
    ),
  );
  const dmarc = view.dmarc;
  rows.push(
    row(
      'DMARC',
      code(dmarc.name ?? `_dmarc.${view.domain}`),
      statusCell(dmarc.status, dmarc.inherited ? 'inherited' : undefined),
      dmarc.record !== undefined
        ? code(dmarc.record, true)
        : missing(missingRecordText(dmarc.status, 'DMARC record')),
      at(dmarc.source),
    ),
  );
  for (const s of view.dkim) rows.push(dkimRow(s));
  const absent = compact ? view.extras.filter((x) => x.status === 'none') : [];
  for (const x of view.extras) if (!absent.includes(x)) rows.push(extraRow(x));
  const none =
    absent.length > 0
      ? `<p class="sub">${badge('none', 'none')} Not published: ${absent.map((x) => `${esc(x.label)} (${code(x.name)})`).join(', ')}.</p>`
      : '';
  return `${scrollTable(
    `<table class="recs"><thead><tr><th scope="col">Record</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">As published, and its zone file line</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  )}${none}`;
}

/** The DKIM keys: selector, key type, size, testing flag. */
function dkimSection(view: ReportView): string {
  if (view.dkim.length === 0) {
    const u = view.dkimUnchecked;
    return u
      ? `<p>${badge('dns', 'DNS trouble')} ${u.count} of ${u.probed} common selectors could not be checked (DNS ${esc(u.kinds.join(', '))}).</p>`
      : `<p>${badge('none', 'no selector found')} Common selectors were probed; give the selectors you sign with (<code>--selector</code>) to check them.</p>`;
  }
  const rows = view.dkim.map((s) => {
    const found = s.status === 'found';
    return `<tr><th scope="row"><bdi>${esc(s.selector)}</bdi></th><td>${badge(recordState(s.status), s.statusDetail ?? RECORD_WORD[s.status])}</td><td>${found || s.keyType ? esc(s.keyType ?? 'rsa') : ''}</td><td class="n">${s.bits ?? ''}</td><td>${s.testing ? badge('warn', 't=y testing') : found ? 'no' : ''}</td></tr>`;
  });
  return scrollTable(
    `<table><thead><tr><th scope="col">Selector</th><th scope="col">Status</th><th scope="col">Key type</th><th scope="col" class="n">Size (bits)</th><th scope="col">Testing</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

const ALL_WORD = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' } as const;

function spfSection(view: ReportView, open: boolean, records: boolean): string {
  const spf = view.spf;
  const out: string[] = [];
  if (spf.status !== 'found' && spf.status !== 'invalid') {
    out.push(
      `<p>${badge(recordState(spf.status), RECORD_WORD[spf.status])} ${esc(missingRecordText(spf.status, 'SPF record'))}.</p>`,
    );
  } else {
    const all = spf.allQualifier;
    out.push(
      `<p>The policy ends with ${all === undefined ? `${badge('warn', 'no all')} (other hosts get neutral)` : `${code(`${all}all`)} (${ALL_WORD[all]} for every other host)`}.</p>`,
    );
  }
  out.push(spfBudget(spf, records));
  if (spf.tree && (spf.tree.children.length > 0 || spf.tree.terms.some((t) => t.cost > 0))) {
    out.push(
      `<details${open ? ' open' : ''} class="spf-tree"><summary>Include tree: ${plural(spf.tree.totalLookups, 'lookup')}</summary>${spfTree(spf.tree, records)}</details>`,
    );
  }
  return out.join('\n');
}

/** One domain's section of the report (see the module notes). */
export function domainSection(report: DomainReport, options: DomainSectionOptions): string {
  const view = viewReport(report);
  const g = options.gate;
  const findings = g ? g.findings : report.findings;
  const counts = g ? g.counts : report.summary;
  const verdict = domainVerdict(report, g, options.failOn ?? 'error');
  const id = esc(options.id);
  const out: string[] = [`<section class="card domain" id="${id}" aria-labelledby="${id}-h">`];
  const facts = [countsLine(counts)];
  if (g?.counts.suppressed) facts.push(`${g.counts.suppressed} suppressed`);
  // A report of several domains says the rule and the time once, in its header.
  if (!options.several) facts.push(verdict.rule, `checked ${esc(when(report.checkedAt))}`);
  out.push(
    `<div class="verdict s-${verdict.state}"><h2 id="${id}-h"><bdi>${esc(report.domain)}</bdi></h2>${badge(verdict.state, verdict.word, 'big')}<span class="sub">${facts.join(' · ')}</span></div>`,
  );
  if (report.summary.dnsTrouble)
    out.push(
      `<p>${badge('dns', 'DNS trouble')} Some checks could not complete (timeout, SERVFAIL or REFUSED): see the findings. This is never read as "no record".</p>`,
    );
  if (options.several) out.push('<p class="nav"><a href="#overview">↑ Overview</a></p>');
  else {
    const chips = AREAS.map((a) => {
      const s = areaState(report, findings, a);
      return `<li class="s-${s.state}">${STATE_ICON[s.state]} ${a.label} ${s.word}</li>`;
    });
    out.push(`<ul class="chips" aria-label="State of each area">${chips.join('')}</ul>`);
  }
  if (g) out.push(`<h3>Policy rules</h3>${rulesTable(g)}`);
  out.push(
    `<h3>Findings</h3>${findingsSection(findings, { linked: options.several === true, ...(g ? { gate: g } : {}) })}`,
  );
  out.push(`<h3>Records as published</h3>${recordsTable(view, options.several === true)}`);
  out.push(`<h3>SPF</h3>${spfSection(view, options.open, options.several !== true)}`);
  out.push(
    `<h3>DMARC</h3>${dmarcSection(report.dmarc, view.dmarc, { open: options.open, compact: options.several === true })}`,
  );
  // In a report of several domains the key facts are in the records table's status notes.
  if (!options.several || view.dkim.length === 0) out.push(`<h3>DKIM keys</h3>${dkimSection(view)}`);
  out.push('</section>');
  return out.join('\n');
}
