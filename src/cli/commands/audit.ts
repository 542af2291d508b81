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
import {
  type AuditChecks,
  auditableDomain,
  type DomainReport,
  InvalidDomainError,
  isValidSelector,
} from '../../audit/audit.js';
import {
  auditDomains,
  type BatchEntry,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS_PER_DOMAIN,
} from '../../audit/batch.js';
import { type BatchReport, buildBatchReport } from '../../audit/batch-report.js';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import { parseDomainList, parseShard, type Shard, shardSlice } from '../../audit/domain-list.js';
import type { Resolver } from '../../dns/resolver.js';
import type { Zone } from '../../dns/zonefile.js';
import { SEVERITY_RANK } from '../../findings/finding.js';
import { formatIssue, loadPolicy, PolicyError } from '../../policy/load.js';
import { auditAndGate } from '../../policy/run.js';
import { renderBatchReport } from '../../report/batch-render.js';
import { escapeControl, REPORT_FORMATS, renderDomainReports } from '../../report/index.js';
import {
  addDnsOptions,
  addOutputOptions,
  type CliContext,
  type DnsCliOptions,
  EXIT,
  type ExitCode,
  emit,
  FAIL_ON,
  type FailOn,
  type OutputCliOptions,
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

interface AuditCliOptions extends DnsCliOptions, OutputCliOptions {
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
  const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : SEVERITY_RANK[failOn];
  const findings = reports.flatMap((r) => r.findings);
  if (findings.some((f) => !isDnsTrouble(f) && SEVERITY_RANK[f.severity] >= threshold)) return EXIT.FAIL;
  if (reports.some((r) => r.summary.dnsTrouble)) return EXIT.DNS;
  return EXIT.OK;
}

/** The exit code of a batch: 1 when a domain fails or could not be audited, else 3 when one is undetermined, else 0. */
export function batchExitCode(report: BatchReport): ExitCode {
  if (report.summary.failing > 0 || report.summary.errored > 0) return EXIT.FAIL;
  if (report.summary.undetermined > 0) return EXIT.DNS;
  return EXIT.OK;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const collectList = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== ''),
];

function positiveInt(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) <= 0)
      throw new InvalidArgumentError(`${name} must be a positive integer`);
    return Number(value);
  };
}

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
    for (const d of args) {
      try {
        auditableDomain(d);
      } catch (e) {
        if (e instanceof InvalidDomainError) throw new UsageError(e.message);
        throw e;
      }
    }
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
 * Starts the batch progress bar (`cli-progress`) on standard error, only when standard error is a terminal and
 * `CI` is not set (never in pipes, files or CI logs). Returns null otherwise.
 */
export function startProgress(ctx: CliContext, total: number): Progress | null {
  if (!ctx.stderr.isTTY || ctx.env.CI || total === 0) return null;
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

/** Runs the audits, streaming batch text output (and the progress bar) as entries arrive in input order. */
async function runAudits(
  ctx: CliContext,
  resolver: Resolver & { zones?: readonly Zone[] },
  list: { domains: string[]; indexes: number[] },
  opts: AuditCliOptions,
  stream: ((entry: BatchEntry) => string) | null,
) {
  const progress = startProgress(ctx, list.domains.length);
  try {
    return await auditDomains(list.domains, {
      resolver,
      ...(resolver.zones ? { zones: resolver.zones } : {}),
      indexes: list.indexes,
      concurrency: opts.concurrency,
      timeoutMsPerDomain: opts.domainTimeout,
      dmarcMode: opts.dmarcMode,
      checks: checksFromSkip(opts.skip, opts.offline),
      ...(opts.selector ? { selectors: opts.selector } : {}),
      ...(opts.bimiSelector ? { bimiSelector: opts.bimiSelector } : {}),
      onProgress: (done) => progress?.update(done),
      ...(stream
        ? {
            onResult: (entry: BatchEntry) => {
              const text = `${stream(entry)}\n\n`;
              if (!progress?.log(text)) ctx.stdout.write(text);
            },
          }
        : {}),
    });
  } finally {
    progress?.stop();
  }
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
      positiveInt('--concurrency'),
      DEFAULT_CONCURRENCY,
    )
    .option(
      '--domain-timeout <ms>',
      'time limit per domain in milliseconds; slower answers count as DNS timeouts',
      positiveInt('--domain-timeout'),
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
  addOutputOptions(cmd, REPORT_FORMATS);
  addDnsOptions(cmd);
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

    if (opts.policy !== undefined) {
      // Exit codes: 1 when a rule fails, 3 when DNS trouble left one undetermined, else 0 (see src/policy/gate.ts).
      // With --domains-file/--shard the (sliced) list is gated as one run, exactly as the Action gates its domains.
      const loaded = await loadPolicy(opts.policy).catch((e: unknown) => {
        throw e instanceof PolicyError ? new UsageError(e.message) : e;
      });
      for (const w of loaded.warnings) ctx.stderr.write(`mailgate: warning: ${formatIssue(w)}\n`);
      const { reports, gate } = await auditAndGate(list.domains, {
        resolver,
        policy: loaded.policy,
        selectors: opts.selector ?? [],
        dmarcMode: opts.dmarcMode,
        checks: checksFromSkip(opts.skip, opts.offline),
        ...(cmd.getOptionValueSource('failOn') === 'default' ? {} : { failOn: opts.failOn }),
      });
      await emit(ctx, opts, renderDomainReports(reports, opts.format, { color, gate }));
      ctx.exitCode =
        gate.status === 'failed' ? EXIT.FAIL : gate.status === 'undetermined' ? EXIT.DNS : EXIT.OK;
      return;
    }

    if (!batch) {
      const result = await runAudits(ctx, resolver, list, opts, null);
      const reports = result.entries.map((e) => {
        if (!e.report) throw new Error(e.error?.message ?? `${e.domain}: not audited`);
        return e.report;
      });
      await emit(ctx, opts, renderDomainReports(reports, opts.format, { color }));
      ctx.exitCode = auditExitCode(reports, opts.failOn);
      return;
    }

    // Batch: stream per-domain text to standard output as results arrive; other formats at the end.
    const streaming = opts.format === 'text' && opts.output === undefined;
    const result = await runAudits(
      ctx,
      resolver,
      list,
      opts,
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
