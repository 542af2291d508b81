/**
 * `mailgate diff BEFORE.json AFTER.json`: compares two saved reports (`mailgate audit --format json`, with or
 * without `--policy`; the Action's report file) and prints the problems the second introduces, makes worse and
 * fixes, and those it shares with the first (see `policy/diff.ts` for the matching keys and "worse").
 *
 * Exit codes: 0 nothing new or worse fails; 1 the second report introduces or worsens a problem that fails
 * (a failed rule, or a finding at or above `--fail-on` for plain reports); 3 only problems that could not be
 * compared because of DNS trouble; 2 bad input.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { FAIL_ON, type FailOn } from '../../findings/finding.js';
import { diffProblems, type ProblemDiff } from '../../policy/diff.js';
import { readSavedReport, type SavedReport, SavedReportError } from '../../policy/saved.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../report/diff.js';
import {
  addOutputOptions,
  type CliContext,
  type EXIT,
  emit,
  exitCodeOf,
  type OutputCliOptions,
  UsageError,
  useColor,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';

/** Output formats of `mailgate diff` and of `mailgate audit --baseline`. */
export const DIFF_FORMATS = ['text', 'json', 'markdown'];

interface DiffCliOptions extends OutputCliOptions {
  failOn: FailOn;
}

/**
 * Reads a saved report file for a comparison.
 * @throws {@link UsageError} when it cannot be read, is not JSON, or is not a saved mailgate report.
 */
export async function readSavedFile(file: string, failOn: FailOn): Promise<SavedReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not JSON (${(e as Error).message})`);
  }
  try {
    return readSavedReport(json, failOn, file);
  } catch (e) {
    if (e instanceof SavedReportError) throw new UsageError(e.message);
    throw e;
  }
}

/** The exit code of a comparison: 1 something new or worse fails, 3 only undetermined, else 0. */
export function diffExitCode(diff: ProblemDiff): (typeof EXIT)[keyof typeof EXIT] {
  return exitCodeOf(
    diff.status === 'failed' ? 'fail' : diff.status === 'undetermined' ? 'undetermined' : 'pass',
  );
}

/** Renders a comparison in one of {@link DIFF_FORMATS}. */
export function renderDiff(
  diff: ProblemDiff,
  format: string,
  options: Parameters<typeof renderDiffText>[1],
): string {
  if (format === 'json') return renderDiffJson(diff, options);
  if (format === 'markdown') return renderDiffMarkdown(diff, options);
  return renderDiffText(diff, options);
}

/** Registers `mailgate diff`. */
export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('diff')
    .description(DESCRIPTIONS.diff)
    .argument('<before>', 'the saved report before the change (mailgate audit --format json)')
    .argument('<after>', 'the saved report after it')
    .option(
      '--fail-on <level>',
      `for reports audited without --policy: findings at this level fail (${FAIL_ON.join('|')})`,
      'error',
    );
  addOutputOptions(cmd, DIFF_FORMATS);
  cmd.action(async (before: string, after: string, opts: DiffCliOptions) => {
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn))
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    const base = await readSavedFile(before, opts.failOn);
    const head = await readSavedFile(after, opts.failOn);
    if (base.gated !== head.gated)
      throw new UsageError(
        `${base.gated ? before : after} was gated with a policy and ${base.gated ? after : before} was not: compare two reports audited the same way`,
      );
    const diff = diffProblems(base.problems, head.problems);
    await emit(ctx, opts, renderDiff(diff, opts.format, { base: before, color: useColor(ctx, opts) }));
    ctx.exitCode = diffExitCode(diff);
  });
}
