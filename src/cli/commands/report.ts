/**
 * `mailgate report merge <files...>`: joins the JSON batch reports of `mailgate audit --shard i/n` jobs into one
 * report, in input order, with the summary recomputed and the DNS counts summed. Exit code as `mailgate audit
 * --domains-file`: 0 all pass, 1 a domain fails or was not audited, 3 only DNS trouble, 2 bad input.
 *
 * @module
 */

import { Command, Option } from 'commander';
import {
  BatchMergeError,
  formatShards,
  mergeBatchReports,
  parseBatchReport,
} from '../../audit/batch-report.js';
import { FAIL_ON, type FailOn } from '../../findings/finding.js';
import { BATCH_FORMATS, renderBatchReport } from '../../report/batch-render.js';
import {
  type CliContext,
  emit,
  type OutputCliOptions,
  readJsonFile,
  UsageError,
  useColor,
} from '../common.js';
import { batchExitCode } from './audit.js';
import { DESCRIPTIONS } from './descriptions.js';

interface MergeCliOptions extends OutputCliOptions {
  failOn?: FailOn;
  allowPartial?: boolean;
}

/** Registers `mailgate report merge`: joins batch shard reports into one (exit codes as for `audit`). */
export function register(program: Command, ctx: CliContext): void {
  const report = program.command('report').description(DESCRIPTIONS.report);
  const merge = new Command('merge')
    .description('join the JSON batch reports of "mailgate audit --shard i/n" jobs into one')
    .argument('<files...>', 'JSON batch reports (one per shard)')
    .addOption(new Option('--format <format>', 'output format').choices([...BATCH_FORMATS]).default('json'))
    .option('-o, --output <file>', 'write the output to a file instead of standard output')
    .option('--no-color', 'no ANSI colours in text output')
    .option(
      '--fail-on <level>',
      `recompute outcomes at this level (${FAIL_ON.join('|')}; default: the level the shards were audited at)`,
    )
    .option(
      '--allow-partial',
      'merge even when some shards are missing (the output and a warning say which, and how many domains)',
    );
  report.addCommand(merge);
  merge.action(async (files: string[], opts: MergeCliOptions) => {
    if (opts.failOn !== undefined && !(FAIL_ON as readonly string[]).includes(opts.failOn))
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    const reports = [];
    for (const file of files) {
      const json = await readJsonFile(file);
      try {
        reports.push(parseBatchReport(json, file));
      } catch (e) {
        if (e instanceof BatchMergeError) throw new UsageError(e.message);
        throw e;
      }
    }
    let merged: ReturnType<typeof mergeBatchReports>;
    try {
      merged = mergeBatchReports(reports, {
        ...(opts.failOn ? { failOn: opts.failOn } : {}),
        ...(opts.allowPartial ? { allowPartial: true } : {}),
      });
    } catch (e) {
      if (e instanceof BatchMergeError) throw new UsageError(e.message);
      throw e;
    }
    if (merged.missing)
      ctx.stderr.write(
        `mailgate: warning: partial merge: shard(s) ${formatShards(merged.missing.shards)} missing, so ${merged.missing.domains} of ${merged.total} domains are not in the report\n`,
      );
    await emit(ctx, opts, renderBatchReport(merged, opts.format, { color: useColor(ctx, opts) }));
    // The merged report's outcomes are at --fail-on, or else at the level the shards recorded (the one
    // `mailgate audit` used for their own exit codes): 1 when a domain fails or could not be audited, 3 when
    // only DNS trouble left some undetermined. Missing shards (with --allow-partial) do not change it.
    ctx.exitCode = batchExitCode(merged);
  });
}
