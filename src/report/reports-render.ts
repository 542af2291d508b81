/**
 * Renders the outputs of `mailgate rua` in one of {@link RUA_FORMATS}: text, JSON (with `schemaVersion`, per
 * `schema/rua-report.schema.json`), Markdown, CSV or HTML.
 *
 * @module
 */

import { renderReportsHtml } from './html-reports.js';
import { renderReportsCsv } from './reports-csv.js';
import { renderReportsMarkdown } from './reports-markdown.js';
import { RUA_REPORT_SCHEMA_ID } from './reports-schema.js';
import { renderReportsText } from './reports-text.js';
import { type ReportsOutput, RUA_FORMATS } from './reports-view.js';

/** The JSON document of an output: the output with `$schema` and `schemaVersion`. */
export function reportsJson(output: ReportsOutput): Record<string, unknown> {
  return { $schema: RUA_REPORT_SCHEMA_ID, schemaVersion: 1, ...output };
}

/**
 * Renders `output` in `format`.
 * @throws RangeError for a format not in {@link RUA_FORMATS}.
 */
export function renderReports(
  output: ReportsOutput,
  format: string,
  options: { color?: boolean } = {},
): string {
  switch (format) {
    case 'text':
      return renderReportsText(output, options);
    case 'json':
      return JSON.stringify(reportsJson(output), null, 2);
    case 'markdown':
      return renderReportsMarkdown(output);
    case 'csv':
      return renderReportsCsv(output);
    case 'html':
      return renderReportsHtml(output);
    default:
      throw new RangeError(`unknown format '${format}' (expected one of ${RUA_FORMATS.join(', ')})`);
  }
}
