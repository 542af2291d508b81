/**
 * CSV for a whole batch (RFC 4180): one row per domain with its outcome, finding counts, the state of each
 * record type, the DNS queries it needed and its finding ids.
 *
 * @module
 */

import type { BatchReport } from '../audit/batch-report.js';
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
 * `status` (empty when the check was skipped); `finding_ids` lists distinct ids separated by spaces; `error` is
 * set for a domain that could not be audited. Every field goes through `csvField` (quoting, formula guard).
 */
export function renderBatchCsv(report: BatchReport): string {
  const rows = [BATCH_CSV_COLUMNS.join(',')];
  for (const e of report.entries) {
    const r = e.report;
    const cells: Array<string | number | boolean | undefined> = [
      e.index,
      r?.domain ?? e.domain,
      e.outcome,
      r?.summary.errors,
      r?.summary.warnings,
      r?.summary.infos,
      r?.summary.dnsTrouble,
      r?.mx?.status,
      r?.mtaSts?.status,
      r?.mtaSts?.mode ?? undefined,
      r?.tlsRpt?.status,
      r?.bimi?.status,
      r?.dns.queries,
      r ? [...new Set(r.findings.map((f) => f.id))].join(' ') : undefined,
      e.error ? `${e.error.kind}: ${e.error.message}` : undefined,
    ];
    rows.push(cells.map((c) => csvField(c)).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
