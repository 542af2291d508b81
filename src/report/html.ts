/**
 * The HTML report of `mailgate audit --format html` and the Action's `html-file`: one self-contained file (no
 * request of any kind, a Content-Security-Policy that forbids them, inline style and script), readable from disk
 * or a CI artifact, printable, usable without JavaScript. One domain gets its page; several domains (a batch, or
 * several gated together) get an overview first ({@link overviewSection}) and a section per domain.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import {
  type BatchReport,
  type DomainOutcome,
  formatShards,
  reportOutcome,
  summarizeBatch,
} from '../audit/batch-report.js';
import type { FailOn } from '../findings/finding.js';
import type { DomainGate, GateResult, GateStatus } from '../policy/gate.js';
import { domainSection } from './html-domain.js';
import { findingsReference } from './html-findings.js';
import { badge, esc, htmlDocument, plural, type State } from './html-layout.js';
import { type OverviewEntry, overviewSection } from './html-overview.js';

/** Options for {@link renderHtml}. */
export interface HtmlOptions {
  /** The policy gate's result: adds the verdict, each domain's rules, and uses the gate's effective findings. */
  gate?: GateResult;
  /** Without a gate, the failing level of each domain's verdict (default `error`, as `mailgate audit`). */
  failOn?: FailOn;
  /** The page title (default `mailgate report`). */
  title?: string;
}

const GATE_BADGE: Readonly<Record<GateStatus, { state: State; word: string }>> = {
  passed: { state: 'ok', word: 'policy passed' },
  failed: { state: 'err', word: 'policy failed' },
  undetermined: { state: 'dns', word: 'undetermined' },
};
const GATE_OUTCOME: Readonly<Record<GateStatus, DomainOutcome>> = {
  passed: 'pass',
  failed: 'fail',
  undetermined: 'undetermined',
};

/** The anchor of the domain at input position `index` (made by mailgate, never from DNS text). */
const anchor = (index: number) => `d-${index + 1}`;

function header(title: string, lines: string[]): string {
  return `<header><h1>${esc(title)}</h1>${lines.map((l) => `<p>${l}</p>`).join('')}</header>`;
}

function gateOf(gate: GateResult | undefined, report: DomainReport): DomainGate | undefined {
  return gate?.domains.find((d) => d.domain === report.domain);
}

/**
 * Renders domain reports (gated or not) as one HTML document: for one domain its page, for several an overview
 * with links to each domain's section. Every piece of DNS text is escaped (see `html-layout.ts`).
 * @returns the complete document, ending with a newline.
 */
export function renderHtml(reports: readonly DomainReport[], options: HtmlOptions = {}): string {
  const title = options.title ?? 'mailgate report';
  const failOn = options.failOn ?? options.gate?.failOn ?? 'error';
  const g = options.gate;
  const lines: string[] = [];
  const checked = reports.map((r) => r.checkedAt).sort()[0];
  lines.push(
    `<span class="sub">${plural(reports.length, 'domain')}${checked ? ` · checked ${esc(checked.slice(0, 16).replace('T', ' '))} UTC` : ''}</span>`,
  );
  if (g) {
    const b = GATE_BADGE[g.status];
    lines.push(
      `${badge(b.state, b.word, 'big')} ${g.status === 'passed' ? `every rule holds for ${plural(reports.length, 'domain')}.` : `<bdi>${esc(g.reason)}</bdi>`}`,
    );
  }
  const parts = [header(title, lines)];
  const several = reports.length > 1;
  if (several) {
    const entries: OverviewEntry[] = reports.map((r, index) => {
      const dg = gateOf(g, r);
      return {
        id: anchor(index),
        index,
        domain: r.domain,
        outcome: dg ? GATE_OUTCOME[dg.status] : reportOutcome(r, failOn),
        report: r,
        findings: dg ? dg.findings : r.findings,
        counts: dg ? dg.counts : r.summary,
      };
    });
    // The most common findings, counted over the findings each domain is judged by (the gate's, when gated).
    const counted = summarizeBatch(
      entries.map((e) => ({
        index: e.index,
        domain: e.domain,
        report: { ...e.report!, findings: [...e.findings] },
      })),
      failOn,
    );
    parts.push(overviewSection({ entries, findings: counted.findings }));
  }
  reports.forEach((r, index) => {
    const dg = gateOf(g, r);
    parts.push(
      domainSection(r, {
        id: anchor(index),
        failOn,
        open: !several,
        several,
        ...(dg ? { gate: dg } : {}),
      }),
    );
  });
  if (several)
    parts.push(findingsReference(reports.flatMap((r) => (gateOf(g, r) ?? r).findings.map((f) => f.id))));
  return htmlDocument({ title, body: parts.join('\n') });
}

/** Options for {@link renderBatchHtml}. */
export interface BatchHtmlOptions {
  /** The page title (default `mailgate batch audit`). */
  title?: string;
}

/**
 * Renders a batch report (`mailgate audit --domains-file`, `mailgate report merge`) as one HTML document: the
 * overview (outcomes, most common findings, the domains by area), then each audited domain's section; domains
 * that could not be audited are listed with why, and a partial merge says which shards are missing.
 * @returns the complete document, ending with a newline.
 */
export function renderBatchHtml(report: BatchReport, options: BatchHtmlOptions = {}): string {
  const title = options.title ?? 'mailgate batch audit';
  const s = report.summary;
  const scope = report.shard
    ? ` (shard ${report.shard.index}/${report.shard.count} of ${report.total})`
    : report.missing
      ? ` of ${report.total} (shards ${formatShards(report.mergedShards ?? [])} merged)`
      : '';
  const asked = report.dns.queries + report.dns.cacheHits;
  const lines = [
    `${plural(s.domains, 'domain')}${scope}, failing at <strong>${report.failOn}</strong> · checked ${esc(report.checkedAt.slice(0, 16).replace('T', ' '))} UTC`,
    `<span class="sub">DNS: ${report.dns.queries} queries sent, ${report.dns.cacheHits} of ${asked} answered from the shared cache.</span>`,
  ];
  const entries: OverviewEntry[] = report.entries.map((e) => {
    const entry: OverviewEntry = {
      id: anchor(e.index),
      index: e.index,
      domain: e.report?.domain ?? e.domain,
      outcome: e.outcome,
      findings: e.report?.findings ?? [],
    };
    if (e.report) {
      entry.report = e.report;
      entry.counts = e.report.summary;
    }
    if (e.error) entry.error = e.error.message;
    return entry;
  });
  const missing = report.missing
    ? {
        domains: report.missing.domains,
        why: `Partial merge: shard(s) ${formatShards(report.missing.shards)} missing, so ${report.missing.domains} of ${report.total} domains were not checked.`,
      }
    : undefined;
  const parts = [
    header(title, lines),
    overviewSection({ entries, findings: s.findings, total: report.total, ...(missing ? { missing } : {}) }),
  ];
  for (const e of report.entries) {
    if (e.report)
      parts.push(
        domainSection(e.report, { id: anchor(e.index), failOn: report.failOn, open: false, several: true }),
      );
  }
  parts.push(findingsReference(s.findings.map((f) => f.id)));
  return htmlDocument({ title, body: parts.join('\n') });
}
