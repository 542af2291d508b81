/**
 * The overview of a report of several domains (a batch, or several domains gated together): outcome counts, the
 * most common findings, and one sortable, filterable row per domain with its outcome, counts and the state of each
 * area (a compact grid: an icon and a word in every cell), linked down to the domain's section. The table is
 * complete without JavaScript; the page's script only adds sorting and filtering.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import type { DomainOutcome, FindingCount } from '../audit/batch-report.js';
import { findingDefinition } from '../catalog.js';
import type { Finding } from '../findings/finding.js';
import { AREAS, areaState } from './html-areas.js';
import { referenceAnchor, severityBadge } from './html-findings.js';
import { badge, code, esc, STATE_ICON, type State, scrollTable } from './html-layout.js';

/** One domain of the overview. */
export interface OverviewEntry {
  /** The anchor of the domain's section (`d-3`). */
  id: string;
  /** 0-based position in the input list. */
  index: number;
  domain: string;
  outcome: DomainOutcome;
  /** The report, when the domain was audited. */
  report?: DomainReport;
  /** The findings the outcome was decided on (the gate's effective findings when gated). */
  findings: readonly Finding[];
  /** Finding counts, when audited. */
  counts?: { errors: number; warnings: number; infos: number };
  /** Why the domain was not audited. */
  error?: string;
}

/** What the overview shows above the table. */
export interface OverviewFacts {
  entries: readonly OverviewEntry[];
  /** Finding ids by the number of domains that have them, most widespread first. */
  findings: readonly FindingCount[];
  /** Domains of the list absent from the report (a partial merge), with the sentence saying why. */
  missing?: { domains: number; why: string };
  /** Domains in the whole list (default: the entries). */
  total?: number;
}

/** The state and word of each outcome. */
export const OUTCOME_BADGE: Readonly<Record<DomainOutcome, { state: State; word: string; rank: number }>> = {
  fail: { state: 'err', word: 'fail', rank: 0 },
  error: { state: 'err', word: 'not audited', rank: 1 },
  undetermined: { state: 'dns', word: 'undetermined', rank: 2 },
  pass: { state: 'ok', word: 'pass', rank: 3 },
};

const pct = (n: number, of: number) => (of === 0 ? '0 %' : `${Math.round((n / of) * 100)} %`);

function cards(facts: OverviewFacts): string {
  const total = facts.total ?? facts.entries.length;
  const count = (o: DomainOutcome) => facts.entries.filter((e) => e.outcome === o).length;
  const items: [State, string, number][] = [
    ['ok', 'passing', count('pass')],
    ['err', 'failing', count('fail')],
    ['dns', 'undetermined', count('undetermined')],
    ['err', 'not audited', count('error')],
  ];
  if (facts.missing) items.push(['warn', 'missing', facts.missing.domains]);
  return `<div class="cards">${items
    .map(
      ([state, word, n]) =>
        `<div class="s-${n > 0 ? state : 'none'}"><strong>${n}</strong>${STATE_ICON[n > 0 ? state : 'none']} ${word} <span class="sub">(${pct(n, total)})</span></div>`,
    )
    .join('')}</div>`;
}

function topFindings(findings: readonly FindingCount[], domains: number, top: number): string {
  if (findings.length === 0) return `<p>${badge('ok', 'no findings')} in any domain.</p>`;
  const rows = findings.slice(0, top).map((f) => {
    const title = findingDefinition(f.id)?.title ?? f.id;
    return `<tr><th scope="row"><a href="#${referenceAnchor(f.id)}">${code(f.id)}</a> <span class="sub">${esc(title)}</span></th><td>${severityBadge(f.severity)}</td><td class="n">${f.domains}</td><td class="n">${pct(f.domains, domains)}</td><td class="n">${f.occurrences}</td></tr>`;
  });
  const more =
    findings.length > top
      ? `<p class="sub">${findings.length - top} more finding ids (see each domain).</p>`
      : '';
  return `${scrollTable(
    `<table class="sortable"><thead><tr><th scope="col">Finding</th><th scope="col">Severity</th><th scope="col" class="n">Domains</th><th scope="col" class="n">Share</th><th scope="col" class="n">Occurrences</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  )}${more}`;
}

function areaCells(e: OverviewEntry): string {
  return AREAS.map((a) => {
    if (!e.report) return '<td data-v="9"></td>';
    const s = areaState(e.report, e.findings, a);
    return `<td class="s-${s.state}" data-v="${s.rank}">${STATE_ICON[s.state]} ${s.short}</td>`;
  }).join('');
}

function domainRow(e: OverviewEntry): string {
  const o = OUTCOME_BADGE[e.outcome];
  const r = e.report;
  const lookups =
    r?.spf.tree && (r.spf.status === 'found' || r.spf.status === 'invalid') ? r.spf.lookups : undefined;
  const p = r?.dmarc.policy ?? r?.dmarc.effective?.p;
  const name = r ? `<a href="#${esc(e.id)}"><bdi>${esc(e.domain)}</bdi></a>` : `<bdi>${esc(e.domain)}</bdi>`;
  const note = e.error ? `<br><span class="sub">${esc(e.error)}</span>` : '';
  return `<tr data-outcome="${e.outcome}"><td class="n">${e.index + 1}</td><th scope="row">${name}${note}</th><td data-v="${o.rank}">${badge(o.state, o.word)}</td><td class="n">${e.counts?.errors ?? ''}</td><td class="n">${e.counts?.warnings ?? ''}</td><td class="n"${lookups !== undefined && lookups > 10 ? ' data-over="1"' : ''}>${lookups ?? ''}</td><td>${p ? esc(p) : ''}</td>${areaCells(e)}</tr>`;
}

/**
 * The overview section (`id="overview"`): outcome cards, the `top` most common findings (default 10), and the
 * domains table with one column per area.
 */
export function overviewSection(facts: OverviewFacts, top = 10): string {
  const out: string[] = ['<section class="card" id="overview" aria-labelledby="overview-h">'];
  out.push('<h2 id="overview-h">Overview</h2>');
  out.push(cards(facts));
  if (facts.missing) out.push(`<p>${badge('warn', 'partial')} ${esc(facts.missing.why)}</p>`);
  out.push('<h3>Most common findings</h3>');
  out.push(topFindings(facts.findings, facts.entries.length, top));
  out.push('<h3>Domains</h3>');
  out.push(
    '<p class="sub">Each area: ✓ ok, ⚠︎ warn(ing), ✗ err(or), ? DNS trouble, – none published, or skip(ped) by the audit. Select a domain to go to its section.</p>',
  );
  const head = [
    '<th scope="col" class="n">#</th>',
    '<th scope="col">Domain</th>',
    '<th scope="col">Outcome</th>',
    '<th scope="col" class="n"><abbr title="Errors">Err.</abbr></th>',
    '<th scope="col" class="n"><abbr title="Warnings">Warn.</abbr></th>',
    '<th scope="col" class="n"><abbr title="SPF DNS lookups (limit 10)">Lookups</abbr></th>',
    '<th scope="col"><abbr title="DMARC policy for the domain">p=</abbr></th>',
    ...AREAS.map((a) => `<th scope="col">${a.label}</th>`),
  ];
  out.push(
    scrollTable(
      `<table class="sortable grid" data-filter="domains"><caption class="vh">Domains by outcome and area</caption><thead><tr>${head.join('')}</tr></thead><tbody>${facts.entries.map(domainRow).join('\n')}</tbody></table>`,
    ),
  );
  out.push('</section>');
  return out.join('\n');
}
