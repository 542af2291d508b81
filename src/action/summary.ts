/**
 * The Action's job summary: the Markdown report (fitted to GitHub's size limit) and the policy file's warnings.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import type { PolicyIssue } from '../policy/load.js';
import { escapeMarkdown, markdownCode } from '../report/escape.js';
import { type MarkdownOptions, renderMarkdown } from '../report/markdown.js';

/** GitHub accepts at most 1 MiB of job summary per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** Most policy warnings listed in the summary (the rest are counted). */
export const MAX_SUMMARY_WARNINGS = 50;

/**
 * The "Policy file warnings" section: one list item per warning (`file:line` as code, the key path and message
 * escaped), or the empty string when there is none.
 */
export function policyWarningsMarkdown(warnings: readonly PolicyIssue[]): string {
  if (warnings.length === 0) return '';
  const items = warnings
    .slice(0, MAX_SUMMARY_WARNINGS)
    .map(
      (w) =>
        `- ${markdownCode(`${w.file}:${w.line}`)}: ${escapeMarkdown(`${w.path ? `${w.path}: ` : ''}${w.message}`)}`,
    );
  const more = warnings.length - MAX_SUMMARY_WARNINGS;
  if (more > 0) items.push(`- … and ${more} more (see the annotations)`);
  return `### Policy file warnings\n\n${items.join('\n')}\n`;
}

/**
 * The job summary Markdown: the report (with fewer findings per domain, then cut at a line, when it would
 * exceed {@link SUMMARY_LIMIT_BYTES}) followed by `extra` (always kept whole).
 */
export function fitSummary(reports: DomainReport[], options: MarkdownOptions, extra = ''): string {
  const tail = extra ? `\n${extra}` : '';
  const limit = SUMMARY_LIMIT_BYTES - 4096 - Buffer.byteLength(tail);
  let md = renderMarkdown(reports, options);
  if (Buffer.byteLength(md) <= limit) return `${md}${tail}`;
  md = renderMarkdown(reports, { ...options, maxFindings: 5 });
  if (Buffer.byteLength(md) <= limit) return `${md}${tail}`;
  const lines = md.split('\n');
  let size = 0;
  let end = 0;
  while (end < lines.length && size + Buffer.byteLength(lines[end]!) + 1 <= limit)
    size += Buffer.byteLength(lines[end++]!) + 1;
  return `${lines.slice(0, end).join('\n')}\n\n_The summary was cut at GitHub's 1 MiB limit; see the JSON report._\n${tail}`;
}

/**
 * The job summary of a run that stopped before auditing: what was wrong (escaped) and that nothing was audited.
 *
 * @param message - the one-line failure message (from an input, the policy file or the environment).
 * @param kind - `usage` for a bad input or policy file (the workflow must change), `internal` for a bug.
 */
export function failureSummary(message: string, kind: 'usage' | 'internal'): string {
  const what =
    kind === 'usage'
      ? 'The run stopped on a usage error before any domain was audited; fix the input or the policy file and re-run.'
      : 'The run stopped on an internal error; nothing was gated. Please report it with the step log.';
  return `## mailgate: not run\n\n${what}\n\n> ${escapeMarkdown(message)}`;
}
