/**
 * Output formats for a whole batch (`mailgate audit --domains-file`, `mailgate report merge`).
 *
 * @module
 */

import type { BatchReport } from '../audit/batch-report.js';
import { renderBatchCsv } from './batch-csv.js';
import { renderBatchMarkdown } from './batch-markdown.js';
import { renderBatchSummary } from './batch-summary.js';
import { renderBatchHtml } from './html.js';

/** Batch output formats: `text` is the summary table (the CLI streams per-domain text before it). */
export const BATCH_FORMATS = ['text', 'json', 'csv', 'markdown', 'html'] as const;

/**
 * Renders a batch report in `format`.
 * @throws RangeError for an unknown format.
 */
export function renderBatchReport(
  report: BatchReport,
  format: string,
  options: { color?: boolean } = {},
): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'csv':
      return renderBatchCsv(report);
    case 'markdown':
      return renderBatchMarkdown(report);
    case 'html':
      return renderBatchHtml(report);
    case 'text':
      return renderBatchSummary(report, { color: options.color === true });
    default:
      throw new RangeError(`unknown batch format '${format}' (expected one of ${BATCH_FORMATS.join(', ')})`);
  }
}
