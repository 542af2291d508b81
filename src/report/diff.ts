/**
 * Renderers of the base-versus-head comparison ({@link ProblemDiff}): text (`mailgate diff`, `mailgate audit
 * --baseline`), Markdown (the same commands, and the top of the Action's job summary: what the change
 * introduces, what it fixes, then the problems the base already had, folded) and a JSON form.
 *
 * Every message and DNS name is untrusted text: escaped for Markdown, control characters made visible in text.
 *
 * @module
 */

import type { ChangeStatus, ProblemChange, ProblemDiff } from '../policy/diff.js';
import type { ProblemLocation } from '../policy/locate.js';
import { type Problem, problemLabel } from '../policy/problems.js';
import { VERSION } from '../version.js';
import { markdownCode as code, escapeControl, escapeMarkdown as md } from './escape.js';
import { type Paint, painter, type Style } from './paint.js';

/** Options of the diff renderers. */
export interface DiffRenderOptions {
  /** What the change was compared with, e.g. `the zone files at the base commit 1a2b3c4d5e6f`, `live DNS`. */
  base?: string;
  /** Where each problem is (annotation location), for the Where column and links. */
  locate?: (p: Problem) => ProblemLocation | undefined;
  /** A link for a file location (a blob URL on GitHub). */
  link?: (at: { file: string; line: number }) => string | undefined;
  /** Heading level of the title (default 2). */
  headingLevel?: number;
  /** The title (default `mailgate: base versus head`). */
  title?: string;
  /** Most rows per table (default 50); the rest are counted. */
  maxRows?: number;
  /** ANSI colours (text only). */
  color?: boolean;
}

const STATUS_MD: Readonly<Record<ChangeStatus, string>> = {
  new: '🆕 new',
  worse: '📉 worse',
  unknown: '❔ unknown',
  unchanged: 'unchanged',
  fixed: '✅ fixed',
};
const OUTCOME_MD = {
  fail: '🔴 fails',
  undetermined: '⚠️ undetermined',
  warn: '🟠 warns',
  info: '🔵 info',
} as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The one-sentence headline: `This change introduces 1 problem and makes 1 worse; it fixes 2.` */
export function diffHeadline(diff: ProblemDiff): string {
  const c = diff.counts;
  const parts: string[] = [];
  // How many of them fail the policy, when not all do (the others are warnings), so the headline and the
  // verdict's reason ("introduces 2 problems that fail the policy") agree.
  const failing = (status: string, all: number) => {
    const k = diff.changes.filter((x) => x.status === status && x.problem.outcome === 'fail').length;
    return k < all ? ` (${k} ${k === 1 ? 'fails' : 'fail'} the policy)` : '';
  };
  parts.push(
    c.new > 0 ? `introduces ${plural(c.new, 'problem')}${failing('new', c.new)}` : 'introduces no problem',
  );
  if (c.worse > 0) parts.push(`makes ${plural(c.worse, 'problem')} worse${failing('worse', c.worse)}`);
  const fixes = c.fixed > 0 ? `; it fixes ${c.fixed}` : '';
  const unknown = c.unknown > 0 ? `; ${plural(c.unknown, 'problem')} could not be compared` : '';
  return `This change ${parts.join(' and ')}${fixes}${unknown}.`;
}

function whereMd(p: Problem, options: DiffRenderOptions): string {
  const at = options.locate?.(p);
  if (!at) return '';
  const label = `${md(at.file)}${at.line !== undefined ? `:${at.line}` : ''}`;
  const href = at.line !== undefined ? options.link?.({ file: at.file, line: at.line }) : undefined;
  const linked = href
    ? `[${label}](${encodeURI(href).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`)})`
    : label;
  return at.absent ? `${linked} (${md(at.absent)})` : linked;
}

function row(c: ProblemChange, options: DiffRenderOptions): string {
  const p = c.problem;
  const detail = [
    md(p.finding.message),
    ...(c.worse?.length ? [`**worse:** ${md(c.worse.join('; '))}`] : []),
    ...(c.unknown ? [`_${md(c.unknown)}_`] : []),
  ].join(' — ');
  return `| ${STATUS_MD[c.status]} | ${OUTCOME_MD[p.outcome]} | ${code(problemLabel(p))} | ${md(p.domain)} | ${whereMd(p, options)} | ${detail} |`;
}

function table(changes: readonly ProblemChange[], options: DiffRenderOptions): string {
  const max = options.maxRows ?? 50;
  const head =
    '| Change | Outcome | Problem | Domain | Where | Details |\n| --- | --- | --- | --- | --- | --- |';
  const rows = changes.slice(0, max).map((c) => row(c, options));
  const more = changes.length > max ? `\n\n_…and ${changes.length - max} more (see the JSON report)._` : '';
  return `${head}\n${rows.join('\n')}${more}`;
}

/**
 * The comparison as GitHub Flavored Markdown: the verdict and headline, what the change introduces or makes worse
 * (and what could not be compared), what it fixes, then the unchanged problems folded in `<details>`.
 * @returns Markdown ending with a newline.
 */
export function renderDiffMarkdown(diff: ProblemDiff, options: DiffRenderOptions = {}): string {
  const level = Math.min(6, Math.max(1, options.headingLevel ?? 2));
  const h = (n: number, text: string) => `${'#'.repeat(Math.min(6, n))} ${text}`;
  const parts: string[] = [h(level, md(options.title ?? 'mailgate: base versus head'))];
  const icon = diff.status === 'passed' ? '✅' : diff.status === 'failed' ? '❌' : '⚠️';
  const over = options.base ? ` Compared with ${md(options.base)}.` : '';
  parts.push(`**${icon} ${md(diffHeadline(diff))}**${over}`);
  if (!diff.passed) parts.push(`> ${md(diff.reason)}`);
  const introduced = diff.changes.filter(
    (c) => c.status === 'new' || c.status === 'worse' || c.status === 'unknown',
  );
  const fixed = diff.changes.filter((c) => c.status === 'fixed');
  const unchanged = diff.changes.filter((c) => c.status === 'unchanged');
  parts.push(h(level + 1, 'This change introduces'));
  parts.push(introduced.length > 0 ? table(introduced, options) : 'Nothing new or worse.');
  parts.push(h(level + 1, 'This change fixes'));
  parts.push(
    fixed.length > 0
      ? fixed
          .slice(0, options.maxRows ?? 50)
          .map(
            (c) =>
              `- ${code(problemLabel(c.problem))} ${md(c.problem.domain)}: ${md(c.problem.finding.message)}`,
          )
          .join('\n')
      : 'Nothing that the base had.',
  );
  if (unchanged.length > 0) {
    parts.push(
      `<details><summary>Unchanged: ${plural(unchanged.length, 'problem')} the base already had (they do not fail this change)</summary>\n\n${table(unchanged, options)}\n\n</details>`,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

const STATUS_TEXT: Readonly<Record<ChangeStatus, string>> = {
  new: 'NEW',
  worse: 'WORSE',
  unknown: 'UNKNOWN',
  unchanged: 'unchanged',
  fixed: 'FIXED',
};

/** The colour of each change's line. */
const STATUS_STYLE: Record<ChangeStatus, Style> = {
  new: 'red',
  worse: 'red',
  unknown: 'yellow',
  unchanged: 'dim',
  fixed: 'green',
};

function textLine(c: ProblemChange, paint: Paint, options: DiffRenderOptions): string {
  const p = c.problem;
  const style = STATUS_STYLE[c.status];
  const at = options.locate?.(p);
  const where = at
    ? ` (${escapeControl(at.file)}${at.line !== undefined ? `:${at.line}` : ''}${at.absent ? `; ${escapeControl(at.absent)}` : ''})`
    : '';
  const extra = c.worse?.length
    ? `\n${' '.repeat(12)}worse: ${escapeControl(c.worse.join('; '))}`
    : c.unknown
      ? `\n${' '.repeat(12)}${escapeControl(c.unknown)}`
      : '';
  return `  ${paint(STATUS_TEXT[c.status].padEnd(10), style)}${escapeControl(p.domain)}  ${escapeControl(problemLabel(p))}  ${escapeControl(p.finding.message)}${where}${extra}`;
}

/** The comparison as text: the headline, then one line per problem (new, worse, unknown, fixed, unchanged). */
export function renderDiffText(diff: ProblemDiff, options: DiffRenderOptions = {}): string {
  const paint = painter(options.color === true);
  const lines: string[] = [];
  lines.push(paint(diffHeadline(diff), 'bold'));
  if (options.base) lines.push(`Compared with ${escapeControl(options.base)}.`);
  const order: ChangeStatus[] = ['new', 'worse', 'unknown', 'fixed', 'unchanged'];
  for (const status of order)
    for (const c of diff.changes.filter((x) => x.status === status)) lines.push(textLine(c, paint, options));
  if (!diff.passed)
    lines.push(paint(escapeControl(diff.reason), diff.status === 'failed' ? 'red' : 'yellow', 'bold'));
  else lines.push(paint('Nothing new or worse fails.', 'green'));
  return lines.join('\n');
}

/** One problem of the comparison in JSON. */
export interface DiffEntryJson {
  status: ChangeStatus;
  domain: string;
  key: string;
  outcome: Problem['outcome'];
  id: string;
  severity: string;
  message: string;
  rules: string[];
  related: string[];
  worse?: string[];
  unknown?: string;
  where?: { file: string; line?: number; column?: number; absent?: string };
}

/** The comparison in JSON (`mailgate diff --format json`, the `diff` of the Action's report). */
export interface DiffJson {
  status: ProblemDiff['status'];
  passed: boolean;
  reason: string;
  base?: string;
  counts: ProblemDiff['counts'];
  changes: DiffEntryJson[];
}

/** The comparison as plain JSON data (see {@link DiffJson}). */
export function diffJson(diff: ProblemDiff, options: DiffRenderOptions = {}): DiffJson {
  return {
    status: diff.status,
    passed: diff.passed,
    reason: diff.reason,
    ...(options.base ? { base: options.base } : {}),
    counts: diff.counts,
    changes: diff.changes.map((c) => {
      const p = c.problem;
      const at = options.locate?.(p);
      return {
        status: c.status,
        domain: p.domain,
        key: p.key,
        outcome: p.outcome,
        id: p.finding.id,
        severity: p.finding.severity,
        message: p.finding.message,
        rules: p.rules.map((r) => r.rule),
        related: p.related.map((f) => f.id),
        ...(c.worse ? { worse: c.worse } : {}),
        ...(c.unknown ? { unknown: c.unknown } : {}),
        ...(at ? { where: at } : {}),
      };
    }),
  };
}

/** The envelope of `mailgate diff --format json`. */
export function renderDiffJson(diff: ProblemDiff, options: DiffRenderOptions = {}): string {
  return JSON.stringify(
    { schemaVersion: 1, tool: { name: 'mailgate', version: VERSION }, diff: diffJson(diff, options) },
    null,
    2,
  );
}
