/**
 * Renderers: domain reports in text, JSON, Markdown, SARIF 2.1.0, CSV and HTML, all from the same {@link DomainReport}
 * objects (and, optionally, the policy gate's result) through one read model (`viewReport`); and the text and
 * JSON of the `spf`, `dmarc` and `verify` commands. Text is coloured by one painter (`paint.ts`).
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import type { FailOn } from '../findings/finding.js';
import type { GateResult } from '../policy/gate.js';
import type { ProblemLocation } from '../policy/locate.js';
import type { Problem } from '../policy/problems.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export { type ReportView, viewReport } from '../audit/view.js';
export { renderDmarcText } from './dmarc.js';
export { escapeControl } from './escape.js';
export { renderMarkdown } from './markdown.js';
export { renderMessageReportText } from './message.js';
export { renderSarif } from './sarif.js';
export {
  renderSpfAnalysisText,
  renderSpfVerdictText,
} from './spf.js';

/** Output formats for domain reports (`--format`). */
export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'csv', 'html'];

/** Options shared by the renderers. */
export interface RenderOptions {
  /** Use ANSI colours (text only). */
  color?: boolean;
  /** The policy gate's result: adds the verdict and rule outcomes (and uses the gate's effective findings). */
  gate?: GateResult;
  /** SARIF: where each problem is in the repository (`problemLocator(...).sarif`). */
  locate?: (problem: Problem) => ProblemLocation & { line: number };
  /** Without a gate: the severity at which a finding fails (default `error`), for the HTML verdicts and SARIF. */
  failOn?: FailOn;
}

/**
 * Renders reports in `format` (one of {@link REPORT_FORMATS}).
 * @throws RangeError for an unknown format.
 */
export function renderDomainReports(
  reports: DomainReport[],
  format: string,
  options: RenderOptions = {},
): string {
  const gate = options.gate ? { gate: options.gate } : {};
  switch (format) {
    case 'text':
      return renderText(reports, { color: options.color === true, ...gate });
    case 'json':
      return renderJson(reports, gate);
    case 'markdown':
      return renderMarkdown(reports, gate);
    case 'sarif':
      return JSON.stringify(
        renderSarif(reports, {
          ...gate,
          ...(options.locate ? { locate: options.locate } : {}),
          ...(options.failOn ? { failOn: options.failOn } : {}),
        }),
        null,
        2,
      );
    case 'csv':
      return renderCsv(reports, gate);
    case 'html':
      return renderHtml(reports, { ...gate, ...(options.failOn ? { failOn: options.failOn } : {}) });
    default:
      throw new RangeError(
        `unknown report format '${format}' (expected one of ${REPORT_FORMATS.join(', ')})`,
      );
  }
}
