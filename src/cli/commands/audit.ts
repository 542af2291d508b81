/**
 * `mailgate audit [domain...] [--domains-file FILE] [--shard i/n]`: audits domains' sender configuration.
 *
 * With domains on the command line the output is the per-domain report formats. With `--domains-file` (or
 * `--shard`) it is a batch: per-domain text streamed in input order (text format), then the summary table; or
 * the whole batch as JSON, CSV or Markdown.
 *
 * @module
 */

import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { type AuditChecks, type DomainReport, isValidSelector } from '../../audit/audit.js';
import {
  auditDomains,
  type BatchEntry,
  type BatchOptions,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS_PER_DOMAIN,
} from '../../audit/batch.js';
import { type BatchReport, buildBatchReport } from '../../audit/batch-report.js';
import { outcomeAt } from '../../audit/dns-trouble.js';
import { parseDomainList, parseShard, type Shard, shardSlice } from '../../audit/domain-list.js';
import type { Resolver } from '../../dns/resolver.js';
import type { Zone } from '../../dns/zonefile.js';
import { FAIL_ON, type FailOn } from '../../findings/finding.js';
import { formatIssue, loadPolicy, PolicyError } from '../../policy/load.js';
import { type AuditAndGateResult, AuditIncompleteError, auditAndGate } from '../../policy/run.js';
import { renderBatchReport } from '../../report/batch-render.js';
import { escapeControl, REPORT_FORMATS, renderDomainReports } from '../../report/index.js';
import {
  addCommandOptions,
  type CliContext,
  type CommandCliOptions,
  domainArgument,
  EXIT,
  type ExitCode,
  emit,
  exitCodeOf,
  positiveInt,
  resolverFromOptions,
  UsageError,
  useColor,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';

/** Checks `--skip` can turn off, and the {@link AuditChecks} key of each. */
const SKIPPABLE = {
  mx: 'mx',
  'mta-sts': 'mtaSts',
  'tls-rpt': 'tlsRpt',
  bimi: 'bimi',
  'reverse-dns': 'reverseDns',
  https: 'https',
} as const satisfies Record<string, keyof AuditChecks>;

interface AuditCliOptions extends CommandCliOptions {
  selector?: string[];
  bimiSelector?: string;
  failOn: FailOn;
  dmarcMode: '9989' | '7489';
  domainsFile?: string;
  shard?: Shard;
  concurrency: number;
  domainTimeout: number;
  skip?: string[];
  policy?: string;
}

/**
 * The exit code for a set of reports: 1 when a finding not caused by DNS trouble is at or above `failOn`,
 * else 3 when DNS trouble left something undecided, else 0.
 */
export function auditExitCode(reports: readonly DomainReport[], failOn: FailOn): ExitCode {
  const findings = reports.flatMap((r) => r.findings);
  return exitCodeOf(
    outcomeAt(
      findings,
      failOn,
      reports.some((r) => r.summary.dnsTrouble),
    ),
  );
}

/** The exit code of a batch: 1 when a domain fails or could not be audited, else 3 when one is undetermined, else 0. */
export function batchExitCode(report: BatchReport): ExitCode {
  const s = report.summary;
  return exitCodeOf(s.failing + s.errored > 0 ? 'fail' : s.undetermined > 0 ? 'undetermined' : 'pass');
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
];

function shardOption(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('--shard must be i/n with 1 <= i <= n (e.g. 2/8)');
  return shard;
}

/** The domains to audit: from the command line or the list file, then the shard's slice. */
async function domainList(
  ctx: CliContext,
  args: string[],
  opts: AuditCliOptions,
): Promise<{ domains: string[]; indexes: number[]; total: number }> {
  let all: string[];
  if (opts.domainsFile !== undefined) {
    if (args.length > 0) throw new UsageError('give domains on the command line or --domains-file, not both');
    let text: string;
    try {
      text = await readFile(opts.domainsFile, 'utf8');
    } catch (e) {
      throw new UsageError(
        `cannot read ${opts.domainsFile} (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
      );
    }
    const parsed = parseDomainList(text);
    const bad = parsed.errors[0];
    if (bad)
      throw new UsageError(
        `${opts.domainsFile}:${bad.line}: ${bad.message}: '${escapeControl(bad.text)}'${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ''}`,
      );
    all = parsed.domains.map((d) => d.domain);
    if (parsed.duplicates.length > 0) {
      const first = parsed.duplicates[0]!;
      ctx.stderr.write(
        `mailgate: note: ${parsed.duplicates.length} duplicate domain${parsed.duplicates.length === 1 ? '' : 's'} dropped (line ${first.line} repeats line ${first.firstLine}${parsed.duplicates.length > 1 ? ', ...' : ''})\n`,
      );
    }
  } else {
    if (args.length === 0) throw new UsageError('give at least one domain, or --domains-file FILE');
    for (const d of args) domainArgument(d);
    all = args;
  }
  if (!opts.shard) return { domains: all, indexes: all.map((_, i) => i), total: all.length };
  const slice = shardSlice(all, opts.shard);
  return { domains: slice.map((s) => s.item), indexes: slice.map((s) => s.index), total: all.length };
}

function checksFromSkip(skip: string[] | undefined, offline?: boolean): AuditChecks {
  // --offline means no network at all: no HTTPS fetch of MTA-STS policies or BIMI assets either.
  const checks: AuditChecks = offline ? { https: false } : {};
  for (const s of skip ?? []) {
    const key = SKIPPABLE[s as keyof typeof SKIPPABLE];
    if (!key)
      throw new UsageError(`--skip: unknown check '${s}' (expected ${Object.keys(SKIPPABLE).join(', ')})`);
    checks[key] = false;
  }
  return checks;
}

/** A running progress display (see {@link startProgress}). */
interface Progress {
  update(done: number): void;
  /** Prints text above the bar when standard output is the same terminal; false: write it yourself. */
  log(text: string): boolean;
  stop(): void;
}

/**
 * Whether the batch shows a progress bar: only for two domains or more, on a terminal (standard error is a TTY,
 * `TERM` is not `dumb`), outside CI (`CI` unset), and when terminal escapes are welcome (`NO_COLOR` unset and
 * no `--no-color`): the bar redraws itself with escape sequences, so it goes with colours.
 */
export function wantsProgress(ctx: CliContext, total: number, options: { color?: boolean } = {}): boolean {
  if (total < 2 || options.color === false) return false;
  if (!ctx.stderr.isTTY || ctx.env.CI || ctx.env.NO_COLOR || ctx.env.TERM === 'dumb') return false;
  return true;
}

/**
 * Starts the batch progress bar (`cli-progress`) on standard error when {@link wantsProgress} says so (never in
 * pipes, files or CI logs, never for one domain, never with `NO_COLOR`). Returns null otherwise.
 */
export function startProgress(
  ctx: CliContext,
  total: number,
  options: { color?: boolean } = {},
): Progress | null {
  if (!wantsProgress(ctx, total, options)) return null;
  const multi = new cliProgress.MultiBar(
    {
      stream: ctx.stderr as NodeJS.WritableStream,
      format: 'auditing {bar} {value}/{total} domains | {duration_formatted} elapsed, ETA {eta_formatted}',
      clearOnComplete: true,
      hideCursor: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = multi.create(total, 0);
  const sameTerminal = Boolean(ctx.stdout.isTTY);
  return {
    update: (done) => bar.update(done),
    log: (text) => {
      if (!sameTerminal) return false;
      multi.log(text.endsWith('\n') ? text : `${text}\n`);
      return true;
    },
    stop: () => multi.stop(),
  };
}

/**
 * The audit options of `mailgate audit`, with and without `--policy`: one {@link BatchOptions} built from the
 * command line (resolver and its zone files, selectors, BIMI selector, DMARC mode, checks, concurrency, time
 * limit per domain, shard positions).
 */
function auditOptionsFromCli(
  resolver: Resolver & { zones?: readonly Zone[] },
  list: { indexes: number[] },
  opts: AuditCliOptions,
): BatchOptions {
  return {
    resolver,
    ...(resolver.zones && resolver.zones.length > 0 ? { zones: resolver.zones } : {}),
    indexes: list.indexes,
    concurrency: opts.concurrency,
    timeoutMsPerDomain: opts.domainTimeout,
    dmarcMode: opts.dmarcMode,
    checks: checksFromSkip(opts.skip, opts.offline),
    ...(opts.selector ? { selectors: opts.selector } : {}),
    ...(opts.bimiSelector ? { bimiSelector: opts.bimiSelector } : {}),
  };
}

/** Runs `work` with the progress bar (when standard error is a terminal) fed by its `onProgress`. */
async function withProgress<T>(
  ctx: CliContext,
  total: number,
  opts: { color?: boolean },
  work: (progress: Progress | null) => Promise<T>,
): Promise<T> {
  const progress = startProgress(ctx, total, opts.color === false ? { color: false } : {});
  try {
    return await work(progress);
  } finally {
    progress?.stop();
  }
}

/** Runs the audits, streaming batch text output (and the progress bar) as entries arrive in input order. */
async function runAudits(
  ctx: CliContext,
  opts: AuditCliOptions,
  options: BatchOptions,
  domains: string[],
  stream: ((entry: BatchEntry) => string) | null,
) {
  return withProgress(ctx, domains.length, opts, (progress) =>
    auditDomains(domains, {
      ...options,
      onProgress: (done) => progress?.update(done),
      ...(stream
        ? {
            onResult: (entry: BatchEntry) => {
              const text = `${stream(entry)}\n\n`;
              if (!progress?.log(text)) ctx.stdout.write(text);
            },
          }
        : {}),
    }),
  );
}

/** Registers `mailgate audit`: single domains, `--domains-file` batches with `--shard`, and `--policy` gating. */
export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('audit')
    .description(DESCRIPTIONS.audit)
    .argument('[domain...]', 'domains to audit (or --domains-file)')
    .option(
      '-s, --selector <selector>',
      'DKIM selector to check (repeatable; default: probe common selectors)',
      collect,
    )
    .option('--bimi-selector <selector>', 'BIMI selector to check', 'default')
    .option(
      '--fail-on <level>',
      `exit 1 when a finding is at this level or above (${FAIL_ON.join('|')})`,
      'error',
    )
    .option('--dmarc-mode <mode>', 'DMARC rules: 9989 (RFC 9989) or 7489 (RFC 7489)', '9989')
    .option('--domains-file <file>', 'audit the domains listed in FILE (one a line, # comments) as a batch')
    .option('--shard <i/n>', 'audit only slice i of n of the list (1-based; for CI matrices)', shardOption)
    .option(
      '--concurrency <n>',
      'domains audited at the same time',
      positiveInt('--concurrency must be a positive integer'),
      DEFAULT_CONCURRENCY,
    )
    .option(
      '--domain-timeout <ms>',
      'time limit per domain in milliseconds; slower answers count as DNS timeouts',
      positiveInt('--domain-timeout must be a positive integer'),
      DEFAULT_TIMEOUT_MS_PER_DOMAIN,
    )
    .option(
      `--skip <checks>`,
      `checks to skip, comma-separated (${Object.keys(SKIPPABLE).join(', ')})`,
      collectList,
    );
  cmd.option(
    '--policy <file>',
    'gate the reports against a policy file (YAML or JSON), as the GitHub Action does',
  );
  addCommandOptions(cmd, REPORT_FORMATS);
  cmd.action(async (args: string[], opts: AuditCliOptions) => {
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn))
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    if (opts.dmarcMode !== '9989' && opts.dmarcMode !== '7489')
      throw new UsageError('--dmarc-mode must be 9989 or 7489');
    checksFromSkip(opts.skip, opts.offline);
    for (const sel of [
      ...(opts.selector ?? []),
      ...(opts.bimiSelector === undefined ? [] : [opts.bimiSelector]),
    ]) {
      if (!isValidSelector(sel)) throw new UsageError(`not a valid selector: '${sel}'`);
    }
    const list = await domainList(ctx, args, opts);
    const resolver = await resolverFromOptions(opts, ctx);
    const color = useColor(ctx, opts);
    const batch = opts.domainsFile !== undefined || opts.shard !== undefined;
    const options = auditOptionsFromCli(resolver, list, opts);

    if (opts.policy !== undefined) {
      // Exit codes: 1 when a rule fails, 3 when DNS trouble left one undetermined, else 0 (see src/policy/gate.ts).
      // With --domains-file/--shard the (sliced) list is gated as one run, exactly as the Action gates its domains.
      const loaded = await loadPolicy(opts.policy).catch((e: unknown) => {
        throw e instanceof PolicyError ? new UsageError(e.message) : e;
      });
      for (const w of loaded.warnings) ctx.stderr.write(`mailgate: warning: ${formatIssue(w)}\n`);
      let audited: AuditAndGateResult;
      try {
        audited = await withProgress(ctx, list.domains.length, opts, (progress) =>
          auditAndGate(list.domains, {
            ...options,
            onProgress: (done) => progress?.update(done),
            policy: loaded.policy,
            ...(cmd.getOptionValueSource('failOn') === 'default' ? {} : { failOn: opts.failOn }),
          }),
        );
      } catch (e) {
        if (!(e instanceof AuditIncompleteError) || e.kind !== 'timeout') throw e;
        // No report to gate for that domain: undetermined, never a pass.
        ctx.stderr.write(`mailgate: ${escapeControl(e.message)}; the policy verdict is undetermined\n`);
        ctx.exitCode = EXIT.DNS;
        return;
      }
      const { reports, gate } = audited;
      await emit(ctx, opts, renderDomainReports(reports, opts.format, { color, gate }));
      ctx.exitCode = exitCodeOf(
        gate.status === 'failed' ? 'fail' : gate.status === 'undetermined' ? 'undetermined' : 'pass',
      );
      return;
    }

    if (!batch) {
      const result = await runAudits(ctx, opts, options, list.domains, null);
      const reports = result.entries.map((e) => {
        if (!e.report) throw new Error(e.error?.message ?? `${e.domain}: not audited`);
        return e.report;
      });
      await emit(ctx, opts, renderDomainReports(reports, opts.format, { color, failOn: opts.failOn }));
      ctx.exitCode = auditExitCode(reports, opts.failOn);
      return;
    }

    // Batch: stream per-domain text to standard output as results arrive; other formats at the end.
    const streaming = opts.format === 'text' && opts.output === undefined;
    const result = await runAudits(
      ctx,
      opts,
      options,
      list.domains,
      streaming
        ? (entry) =>
            entry.report
              ? renderDomainReports([entry.report], 'text', { color })
              : `${escapeControl(entry.domain)}: not audited (${escapeControl(entry.error?.message ?? 'unknown error')})`
        : null,
    );
    const report = buildBatchReport(result, {
      failOn: opts.failOn,
      total: list.total,
      shard: opts.shard ?? null,
    });
    if (opts.format === 'sarif') {
      const reports = report.entries.flatMap((e) => (e.report ? [e.report] : []));
      await emit(ctx, opts, renderDomainReports(reports, 'sarif', { color }));
    } else if (streaming) {
      ctx.stdout.write(`${renderBatchReport(report, 'text', { color })}\n`);
    } else if (opts.format === 'text') {
      const perDomain = report.entries.map((e) =>
        e.report
          ? renderDomainReports([e.report], 'text', { color: false })
          : `${escapeControl(e.domain)}: not audited`,
      );
      await emit(ctx, opts, [...perDomain, renderBatchReport(report, 'text')].join('\n\n'));
    } else {
      await emit(ctx, opts, renderBatchReport(report, opts.format, { color }));
    }
    ctx.exitCode = batchExitCode(report);
  });
}
