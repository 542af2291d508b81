/**
 * The Action's job summary: the Markdown report (fitted to GitHub's size limit) and the policy file's warnings.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import type { DomainZones } from '../audit/zone-coverage.js';
import type { ProblemDiff } from '../policy/diff.js';
import type { PolicyIssue } from '../policy/load.js';
import type { ProblemLocation } from '../policy/locate.js';
import type { Problem } from '../policy/problems.js';
import { renderDiffMarkdown } from '../report/diff.js';
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
 * The "Zone files" section: each audited domain with the zone files it was audited against (live DNS only when
 * none), or the empty string when the run had no zone file.
 */
export function zonesMarkdown(domains: readonly DomainZones[]): string {
  if (!domains.some((d) => d.files.length > 0)) return '';
  const rows = domains.map(
    (d) =>
      `| ${escapeMarkdown(d.domain)} | ${d.files.length > 0 ? d.files.map((f) => markdownCode(f)).join(', ') : '_live DNS only_'} |`,
  );
  return `### Audited domains\n\n| Domain | Zone files (over live DNS) |\n| --- | --- |\n${rows.join('\n')}\n`;
}

/** What {@link fitSummary} adds around the report. */
export interface SummaryParts {
  /** The base-versus-head comparison: the summary then starts with what the change introduces and fixes. */
  diff?: ProblemDiff;
  /** What the change was compared with (`live DNS`, `the zone files at the base commit ...`). */
  base?: string;
  /** Where each problem is, for the comparison's Where column. */
  locate?: (p: Problem) => ProblemLocation | undefined;
  /** Markdown after the verdict (the audited domains and their zone files). */
  before?: string;
  /** Markdown at the end (the policy file's warnings), always kept whole. */
  after?: string;
}

/**
 * The job summary Markdown. With a comparison: what the change introduces and fixes, the unchanged problems
 * folded, then the full report folded too; without: the report. Fitted to GitHub's 1 MiB: fewer findings per
 * domain, then cut at a line. `parts.before` and `parts.after` are always kept whole.
 */
export function fitSummary(
  reports: DomainReport[],
  options: MarkdownOptions,
  parts: SummaryParts = {},
): string {
  const tail = parts.after ? `\n${parts.after}` : '';
  const head = parts.diff
    ? `${renderDiffMarkdown(parts.diff, {
        title: options.title ?? 'mailgate',
        ...(parts.base ? { base: parts.base } : {}),
        ...(parts.locate ? { locate: parts.locate } : {}),
        ...(options.link ? { link: options.link } : {}),
      })}\n${parts.before ? `${parts.before}\n` : ''}`
    : '';
  const fold = (md: string) =>
    parts.diff ? `<details><summary>Full report (after the change)</summary>\n\n${md}\n</details>\n` : md;
  const reportOptions: MarkdownOptions = parts.diff
    ? { ...options, headingLevel: 3, title: 'Full report' }
    : options;
  const withBefore = (md: string) => {
    if (parts.diff || !parts.before) return md;
    // Without a comparison the zone files go right after the verdict table, before the domains.
    const at = md.indexOf('\n### ');
    return at < 0 ? `${md}\n${parts.before}` : `${md.slice(0, at)}\n${parts.before}${md.slice(at)}`;
  };
  const limit = SUMMARY_LIMIT_BYTES - 4096 - Buffer.byteLength(tail) - Buffer.byteLength(head);
  let md = withBefore(renderMarkdown(reports, reportOptions));
  if (Buffer.byteLength(md) <= limit) return `${head}${fold(md)}${tail}`;
  md = withBefore(renderMarkdown(reports, { ...reportOptions, maxFindings: 5 }));
  if (Buffer.byteLength(md) <= limit) return `${head}${fold(md)}${tail}`;
  const lines = md.split('\n');
  let size = 0;
  let end = 0;
  while (end < lines.length && size + Buffer.byteLength(lines[end]!) + 1 <= limit)
    size += Buffer.byteLength(lines[end++]!) + 1;
  return `${head}${fold(`${lines.slice(0, end).join('\n')}\n\n_The summary was cut at GitHub's 1 MiB limit; see the JSON report._\n`)}${tail}`;
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
