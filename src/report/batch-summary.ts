/**
 * The summary table printed at the end of a batch audit (text): outcome counts, DNS counts, and the most
 * common findings.
 *
 * @module
 */

import { type BatchReport, formatShards } from '../audit/batch-report.js';
import { escapeControl } from './escape.js';
import { painter, type Style } from './paint.js';

/** Options for {@link renderBatchSummary}. */
export interface BatchSummaryOptions {
  /** How many finding ids to list (default 10). */
  top?: number;
  /** ANSI colours (default false). */
  color?: boolean;
}

function table(rows: string[][], align: Array<'l' | 'r'>): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (align[c] === 'r' ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

const pct = (n: number, of: number) => (of === 0 ? '0%' : `${Math.round((n / of) * 100)}%`);

/**
 * Renders the batch summary as plain text:
 *
 * ```
 * Batch summary: 300 domains (fail on error)
 *   passing       250  83%
 *   failing        40  13%
 *   ...
 * DNS: 912 queries sent, 4310 answered from the cache (83%)
 * Most common findings:
 *   domains  severity  finding
 *       120  warning   mx.no-ptr
 * ```
 *
 * A partial merge (`report.missing`) adds a `missing (shard 3/3 not merged)` row and a `Partial merge:` line, and
 * percentages are then of the whole list (`report.total`).
 */
export function renderBatchSummary(report: BatchReport, options: BatchSummaryOptions = {}): string {
  const s = report.summary;
  const paint = painter(options.color === true);
  const missing = report.missing;
  const scope = report.shard
    ? `, shard ${report.shard.index}/${report.shard.count} of ${report.total}`
    : report.mergedShards
      ? `, ${report.mergedShards.length} shard(s) merged${missing ? ` of ${missing.shards[0]?.count ?? '?'}` : ''}`
      : '';
  const count = missing
    ? `${s.domains} of ${report.total} domains`
    : `${s.domains} domain${s.domains === 1 ? '' : 's'}`;
  const lines = [`Batch summary: ${count}${scope} (fail on ${report.failOn})`];
  const outcomes: Array<[string, number, Style]> = [
    ['passing', s.passing, 'green'],
    ['failing', s.failing, 'red'],
    ['undetermined', s.undetermined, 'yellow'],
    ['not audited', s.errored, 'red'],
  ];
  if (missing)
    outcomes.push([`missing (shard ${formatShards(missing.shards)} not merged)`, missing.domains, 'yellow']);
  // With shards missing, percentages are of the whole list, so the rows add up to 100%.
  const base = missing ? report.total : s.domains;
  for (const line of table(
    outcomes.map(([label, n]) => [label, String(n), pct(n, base)]),
    ['l', 'r', 'r'],
  ).map((l, i) => `  ${outcomes[i]![1] > 0 ? paint(l, outcomes[i]![2]) : l}`))
    lines.push(line);
  if (missing)
    lines.push(
      paint(
        `Partial merge: shard(s) ${formatShards(missing.shards)} missing, so ${missing.domains} of ${report.total} domains were not checked`,
        'yellow',
      ),
    );
  const asked = report.dns.queries + report.dns.cacheHits;
  lines.push(
    `DNS: ${report.dns.queries} quer${report.dns.queries === 1 ? 'y' : 'ies'} sent, ${report.dns.cacheHits} answered from the cache (${pct(report.dns.cacheHits, asked)})`,
  );
  const top = s.findings.slice(0, options.top ?? 10);
  if (top.length > 0) {
    lines.push('Most common findings:');
    for (const l of table(
      [
        ['domains', 'severity', 'finding'],
        ...top.map((f) => [String(f.domains), f.severity, escapeControl(f.id)]),
      ],
      ['r', 'l', 'l'],
    ))
      lines.push(`  ${l}`);
  }
  return lines.join('\n');
}
