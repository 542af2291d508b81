/**
 * CSV for a whole batch (RFC 4180): one row per domain with its outcome, finding counts, the state of each
 * record type, the DNS queries it needed and its finding ids.
 *
 * @module
 */

import { type BatchReport, shardPositions } from '../audit/batch-report.js';
import { sectionState } from '../audit/view.js';
import { csvField } from './escape.js';

/** The columns of {@link renderBatchCsv}, in order. */
export const BATCH_CSV_COLUMNS = [
  'index',
  'domain',
  'outcome',
  'errors',
  'warnings',
  'infos',
  'dns_trouble',
  'mx',
  'mta_sts',
  'mta_sts_mode',
  'tls_rpt',
  'bimi',
  'dns_queries',
  'finding_ids',
  'error',
] as const;

/**
 * Renders a batch report as CSV with a header row ({@link BATCH_CSV_COLUMNS}). Section columns hold the section's
 * `statusDetail` when it has one (`null-mx`, `nxdomain`, `policy-not-fetched`, `declined`), else its `status` (a
 * `RecordStatus`; empty when the check was skipped); `finding_ids` lists distinct ids separated by spaces; `error` is
 * set for a domain that could not be audited. Every field goes through `csvField` (quoting, formula guard).
 *
 * A partial merge (`report.missing`) also gets one row per input position of a missing shard, in input order
 * among the others: `index`, an empty `domain` (the name is only in the missing shard), `outcome` `missing` and
 * `error` `shard i/n not merged`; so the file always has `total` rows.
 */
export function renderBatchCsv(report: BatchReport): string {
  type Row = { index: number; cells: Array<string | number | boolean | undefined> };
  const rows: Row[] = report.entries.map((e) => {
    const r = e.report;
    return {
      index: e.index,
      cells: [
        e.index,
        r?.domain ?? e.domain,
        e.outcome,
        r?.summary.errors,
        r?.summary.warnings,
        r?.summary.infos,
        r?.summary.dnsTrouble,
        sectionState(r?.mx),
        sectionState(r?.mtaSts),
        r?.mtaSts?.mode ?? undefined,
        sectionState(r?.tlsRpt),
        sectionState(r?.bimi),
        r?.dns.queries,
        r ? [...new Set(r.findings.map((f) => f.id))].join(' ') : undefined,
        e.error ? `${e.error.kind}: ${e.error.message}` : undefined,
      ],
    };
  });
  if (report.missing) {
    for (const shard of report.missing.shards)
      for (const index of shardPositions(shard, report.total)) {
        const cells: Row['cells'] = new Array(BATCH_CSV_COLUMNS.length).fill(undefined);
        cells[0] = index;
        cells[2] = 'missing';
        cells[BATCH_CSV_COLUMNS.length - 1] = `shard ${shard.index}/${shard.count} not merged`;
        rows.push({ index, cells });
      }
    rows.sort((a, b) => a.index - b.index);
  }
  const lines = [BATCH_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(row.cells.map((c) => csvField(c)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
