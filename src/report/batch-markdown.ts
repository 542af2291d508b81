/**
 * Markdown for a whole batch (GitHub job summaries, pull-request comments): the summary, the most common
 * findings, and one row per domain. All DNS-derived text is escaped.
 *
 * @module
 */

import { type BatchReport, type DomainOutcome, formatShards } from '../audit/batch-report.js';
import { sectionState } from '../audit/view.js';
import { escapeMarkdown, markdownCode } from './escape.js';

const OUTCOME: Record<DomainOutcome, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  undetermined: '⚠️ undetermined',
  error: '⛔ not audited',
};

const MISSING = '⏳ missing';

/** Options for {@link renderBatchMarkdown}. */
export interface BatchMarkdownOptions {
  /** How many finding ids to list (default 10). */
  top?: number;
  /** At most this many domain rows (default 1000); the rest are counted in a final line. */
  maxRows?: number;
}

/** Renders a batch report as Markdown. A partial merge (`report.missing`) gets a warning and a `missing` row. */
export function renderBatchMarkdown(report: BatchReport, options: BatchMarkdownOptions = {}): string {
  const s = report.summary;
  const out: string[] = ['## mailgate batch audit', ''];
  const missing = report.missing;
  const scope = report.shard
    ? ` (shard ${report.shard.index}/${report.shard.count} of ${report.total})`
    : missing
      ? ` of ${report.total} (shards ${formatShards(report.mergedShards ?? [])} merged)`
      : '';
  out.push(`${s.domains} domains${scope}, failing at **${report.failOn}**.`, '');
  if (missing)
    out.push(
      `> [!WARNING]`,
      `> Partial merge: shard(s) ${formatShards(missing.shards)} missing, so ${missing.domains} of ${report.total} domains were not checked.`,
      '',
    );
  out.push('| outcome | domains |', '| --- | ---: |');
  out.push(`| ${OUTCOME.pass} | ${s.passing} |`, `| ${OUTCOME.fail} | ${s.failing} |`);
  out.push(`| ${OUTCOME.undetermined} | ${s.undetermined} |`, `| ${OUTCOME.error} | ${s.errored} |`);
  if (missing)
    out.push(`| ${MISSING} (shard ${formatShards(missing.shards)} not merged) | ${missing.domains} |`);
  out.push('');
  out.push(`DNS: ${report.dns.queries} queries sent, ${report.dns.cacheHits} answered from the cache.`, '');
  const top = s.findings.slice(0, options.top ?? 10);
  if (top.length > 0) {
    out.push('### Most common findings', '', '| finding | severity | domains |', '| --- | --- | ---: |');
    for (const f of top) out.push(`| ${markdownCode(f.id)} | ${f.severity} | ${f.domains} |`);
    out.push('');
  }
  out.push('### Domains', '', '| # | domain | outcome | errors | warnings | MX | MTA-STS | TLS-RPT | BIMI |');
  out.push('| ---: | --- | --- | ---: | ---: | --- | --- | --- | --- |');
  const max = options.maxRows ?? 1000;
  for (const e of report.entries.slice(0, max)) {
    const r = e.report;
    const cell = (v: string | number | undefined | null) =>
      v === undefined || v === null ? '' : escapeMarkdown(String(v));
    out.push(
      `| ${e.index + 1} | ${escapeMarkdown(r?.domain ?? e.domain)} | ${OUTCOME[e.outcome]}${e.error ? ` (${escapeMarkdown(e.error.message)})` : ''} | ${cell(r?.summary.errors)} | ${cell(r?.summary.warnings)} | ${cell(sectionState(r?.mx))} | ${cell(r?.mtaSts ? `${sectionState(r.mtaSts)}${r.mtaSts.mode ? ` (${r.mtaSts.mode})` : ''}` : undefined)} | ${cell(sectionState(r?.tlsRpt))} | ${cell(sectionState(r?.bimi))} |`,
    );
  }
  if (report.entries.length > max)
    out.push('', `… and ${report.entries.length - max} more domains (see the JSON or CSV output).`);
  return `${out.join('\n')}\n`;
}
