/**
 * Renderers for domain reports. (v0: JSON and a plain text list; the full set lives in this folder.)
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';

/** Output formats for domain reports. */
export const REPORT_FORMATS = ['text', 'json'];

/** Options for text renderers. */
export interface RenderOptions {
  /** Use ANSI colours. */
  color?: boolean;
}

/** Renders reports in `format` (one of {@link REPORT_FORMATS}). */
export function renderDomainReports(reports: DomainReport[], format: string, _options: RenderOptions = {}): string {
  if (format === 'json') return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2);
  return reports
    .map((r) =>
      [
        `${r.domain}`,
        ...r.findings.map((f) => `  ${f.severity.padEnd(7)} ${f.id}  ${JSON.stringify(f.message).slice(1, -1)}`),
      ].join('\n'),
    )
    .join('\n\n');
}
