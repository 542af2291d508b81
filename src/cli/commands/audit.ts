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
import { withZoneSources } from '../../audit/locate.js';
import { domainsToAudit, uncoveredMessage, uncoveredZones } from '../../audit/zone-coverage.js';
import { namesAsked } from '../../dns/asked.js';
import { cachedResolver } from '../../dns/cache.js';
import { overlayResolver } from '../../dns/overlay.js';
import type { Resolver } from '../../dns/resolver.js';
import { systemResolver } from '../../dns/system.js';
import { loadZonePaths, type Zone, ZoneParseError } from '../../dns/zonefile.js';
import { zoneCoverage, zoneResolver } from '../../dns/zones.js';
import { FAIL_ON, type FailOn } from '../../findings/finding.js';
import type { StsPolicyFile } from '../../mtasts/index.js';
import { diffProblems } from '../../policy/diff.js';
import { formatIssue, loadPolicy, PolicyError } from '../../policy/load.js';
import { problemLocator } from '../../policy/locate.js';
import { type Problem, passedRuleKeys, problemsOf } from '../../policy/problems.js';
import {
  type AuditAndGateOptions,
  type AuditAndGateResult,
  AuditIncompleteError,
  auditAndGate,
} from '../../policy/run.js';
import { renderBatchReport } from '../../report/batch-render.js';
import { diffJson, renderDiffMarkdown } from '../../report/diff.js';
import { escapeControl, REPORT_FORMATS, renderDomainReports, renderMarkdown } from '../../report/index.js';
import { gatedReport } from '../../report/json.js';
import { ingestReports, MemorySink, readTraffic, refusalText, type TrafficRow } from '../../reports/index.js';
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
  zoneOrigins,
  zoneRoot,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';
import { diffExitCode, readSavedFile, renderDiff } from './diff.js';

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
  /** `DOMAIN=FILE` items (`--mta-sts-policy`). */
  mtaStsPolicy?: string[];
  /** A saved JSON report to compare with (`--baseline`). */
  baseline?: string;
  /** Zone files before the change (`--base-zone`). */
  baseZone?: string[];
  /** DMARC aggregate report files, directories or globs (`--dmarc-reports`). */
  dmarcReports?: string[];
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

/**
 * The domains to audit: from the command line or the list file, then the shard's slice. Without either, `fallback`
 * (the policy's domains plus the zone origins: every zone given is audited).
 */
async function domainList(
  ctx: CliContext,
  args: string[],
  opts: AuditCliOptions,
  fallback: readonly string[] = [],
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
  } else if (args.length === 0 && fallback.length > 0) {
    all = [...fallback];
  } else {
    if (args.length === 0)
      throw new UsageError(
        'give at least one domain, or --domains-file FILE (or --zone files or a --policy with domains)',
      );
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
  resolver: Resolver,
  zones: readonly Zone[],
  list: { indexes: number[] },
  opts: AuditCliOptions,
  mtaSts: ReadonlyMap<string, StsPolicyFile>,
): BatchOptions {
  return {
    resolver,
    ...(zones.length > 0 ? { zones } : {}),
    ...(mtaSts.size > 0 ? { mtaStsPolicies: mtaSts } : {}),
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

/**
 * Zone files that cover no audited domain are an error when the domains came from the policy and the zone origins
 * (issue 12: a zone in the change that nothing audits would be a silent skip); with domains named on the command
 * line (`explicit`) the other zone files are context (see the note in the body).
 * @throws {@link UsageError} naming each file and its origin.
 */
function checkCoverage(
  _ctx: CliContext,
  zones: readonly Zone[],
  domains: readonly string[],
  asked: ReadonlySet<string>,
  explicit: boolean,
): void {
  // Domains named on the command line may be audited against a library of zone files (`--zone zones/`, the
  // demo's samples): the files they do not use are context. Without domains every zone given is meant to be
  // audited, so one that nothing covers is an error.
  if (explicit) return;
  const uncovered = uncoveredZones(zones, domains, asked);
  if (uncovered.length > 0) throw new UsageError(uncoveredMessage(uncovered, domains));
}

/** The most domains {@link warnNotInZones} names one by one; the others are counted. */
const MAX_NAMED_UNCOVERED = 20;

/**
 * With `--offline`, warns about audited domains no zone file holds (outside every zone, or delegated away by an NS
 * record below a zone's origin): their records do not exist in that closed world, so their results (no SPF, no
 * DMARC, NXDOMAIN) say nothing about the real domain.
 */
function warnNotInZones(ctx: CliContext, zones: readonly Zone[], domains: readonly string[]): void {
  const coverage = zoneCoverage(zones);
  let shown = 0;
  let more = 0;
  for (const domain of domains) {
    const c = coverage(domain);
    if (c.status === 'covered') continue;
    if (shown >= MAX_NAMED_UNCOVERED) {
      more++;
      continue;
    }
    shown++;
    const where =
      c.status === 'delegated'
        ? `is delegated away at ${c.delegatedAt} (an NS record in the zone files) and no zone file given holds it`
        : 'is in no zone file given';
    ctx.stderr.write(
      `mailgate: warning: ${escapeControl(domain)} ${where}: with --offline its records do not exist, so its results say nothing about the real domain (add its zone file)\n`,
    );
  }
  if (more > 0) ctx.stderr.write(`mailgate: warning: and ${more} more domains in no zone file given\n`);
}

/**
 * Reads `--mta-sts-policy DOMAIN=FILE` items.
 * @throws {@link UsageError} for a malformed item, a domain given twice, or a file that cannot be read.
 */
async function stsPolicyFiles(items: readonly string[]): Promise<Map<string, StsPolicyFile>> {
  const out = new Map<string, StsPolicyFile>();
  for (const item of items) {
    const eq = item.indexOf('=');
    const domain = item.slice(0, eq).trim().toLowerCase().replace(/\.$/, '');
    const file = item.slice(eq + 1).trim();
    if (eq < 0 || file === '')
      throw new UsageError(
        `--mta-sts-policy "${item}" is not DOMAIN=FILE (e.g. --mta-sts-policy example.com=.well-known/mta-sts.txt)`,
      );
    const name = domainArgument(domain);
    if (out.has(name)) throw new UsageError(`--mta-sts-policy gives ${name} twice`);
    try {
      out.set(name, { file, text: await readFile(file, 'utf8') });
    } catch (e) {
      throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  return out;
}

/** The `--base-zone` files, loaded as `--zone` files are (same `--zone-origin` mappings). */
async function loadBaseZones(opts: AuditCliOptions): Promise<Zone[]> {
  if (!opts.baseZone?.length) return [];
  try {
    return await loadZonePaths(opts.baseZone, {
      origins: zoneOrigins(opts.zoneOrigin ?? []),
      root: zoneRoot(opts.baseZone, opts.zoneRoot),
    });
  } catch (e) {
    if (e instanceof ZoneParseError) throw new UsageError(`base zone file ${e.message}`);
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read base zone file ${err.path ?? ''} (${err.code ?? err.message})`);
  }
}

/**
 * The DNS before the change: the `--base-zone` files over live DNS (alone with `--offline`), or live DNS (with
 * `--offline` and no base zone: nothing, every name outside the zones does not exist).
 */
function baseResolver(opts: AuditCliOptions, baseZones: readonly Zone[]): Resolver {
  if (opts.offline) return cachedResolver(zoneResolver([...baseZones], { offline: true }));
  const live = systemResolver({
    ...(opts.dnsServer ? { servers: opts.dnsServer } : {}),
    ...(opts.dnsTimeout ? { timeoutMs: opts.dnsTimeout } : {}),
    ...(opts.dnsTries ? { tries: opts.dnsTries } : {}),
  });
  return cachedResolver(baseZones.length > 0 ? overlayResolver([...baseZones], live) : live);
}

/** Reads `--dmarc-reports` into memory and says what was read and refused on standard error. */
async function reportTraffic(ctx: CliContext, paths: readonly string[]): Promise<TrafficRow[]> {
  const sink = new MemorySink();
  const summary = await ingestReports(paths, sink);
  const a = summary.aggregate;
  ctx.stderr.write(
    `mailgate: DMARC aggregate reports: ${summary.files.total} files, ${a.reports} reports, ${a.records} records, ${a.messages} messages (${a.duplicates} duplicate reports skipped, ${summary.refused.total} inputs refused)\n`,
  );
  for (const r of summary.refused.inputs)
    ctx.stderr.write(`mailgate: warning: ${escapeControl(refusalText(r))}\n`);
  return readTraffic(sink);
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
  cmd
    .option(
      '--baseline <file>',
      'compare with a saved JSON report (before the change): print the problems as new, worse, fixed or unchanged, and exit 1 only for new or worse ones that fail',
    )
    .option(
      '--base-zone <file>',
      'a zone file before the change (repeatable): the base of the comparison (audited over live DNS, or alone with --offline) and of the --dmarc-reports replay',
      collect,
    )
    .option(
      '--mta-sts-policy <domain=file>',
      "read DOMAIN's MTA-STS policy from FILE instead of fetching it (repeatable), e.g. example.com=.well-known/mta-sts.txt",
      collect,
    )
    .option(
      '--dmarc-reports <path>',
      'DMARC aggregate reports (file, directory or glob; repeatable): replay their senders against the DNS before and after the --zone change',
      collect,
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
    const resolver = await resolverFromOptions(opts, ctx);
    const zones = resolver.zones;
    const loaded =
      opts.policy === undefined
        ? undefined
        : await loadPolicy(opts.policy).catch((e: unknown) => {
            throw e instanceof PolicyError ? new UsageError(e.message) : e;
          });
    for (const w of loaded?.warnings ?? []) ctx.stderr.write(`mailgate: warning: ${formatIssue(w)}\n`);
    const list = await domainList(
      ctx,
      args,
      opts,
      domainsToAudit(Object.keys(loaded?.policy.domains ?? {}), zones),
    );
    const explicitDomains = args.length > 0 || opts.domainsFile !== undefined;
    if (opts.offline) warnNotInZones(ctx, zones, list.domains);
    const color = useColor(ctx, opts);
    const batch = opts.domainsFile !== undefined || opts.shard !== undefined;
    const mtaSts = await stsPolicyFiles(opts.mtaStsPolicy ?? []);
    const asked = namesAsked(resolver);
    const options = auditOptionsFromCli(asked, zones, list, opts, mtaSts);
    const compare = opts.baseline !== undefined || opts.baseZone !== undefined;
    if (opts.baseline !== undefined && opts.baseZone !== undefined)
      throw new UsageError('give --baseline (a saved report) or --base-zone (zone files), not both');

    if (loaded || compare || opts.dmarcReports) {
      // Exit codes: 1 when a rule fails, 3 when DNS trouble left one undetermined, else 0 (see src/policy/gate.ts);
      // with a base, only what the change introduces or makes worse counts (src/policy/diff.ts).
      // With --domains-file/--shard the (sliced) list is gated as one run, exactly as the Action gates its domains.
      const threshold = cmd.getOptionValueSource('failOn') === 'default' ? undefined : opts.failOn;
      const baseZones = await loadBaseZones(opts);
      const current = baseResolver(opts, baseZones);
      const traffic = opts.dmarcReports ? await reportTraffic(ctx, opts.dmarcReports) : undefined;
      const policy = loaded?.policy ?? {};
      const gateOnce = (o: BatchOptions, replay?: AuditAndGateOptions['whatIf']) =>
        withProgress(ctx, list.domains.length, opts, (progress) =>
          auditAndGate(list.domains, {
            ...o,
            onProgress: (done) => progress?.update(done),
            policy,
            ...(threshold ? { failOn: threshold } : loaded ? {} : { failOn: opts.failOn }),
            transform: (r) => withZoneSources(r, zones),
            ...(replay ? { whatIf: replay } : {}),
          }),
        );
      let audited: AuditAndGateResult;
      let before: AuditAndGateResult | undefined;
      try {
        audited = await gateOnce(options, traffic ? { traffic, current } : undefined);
        checkCoverage(ctx, zones, list.domains, asked.asked, explicitDomains);
        if (opts.baseZone !== undefined)
          before = await gateOnce(auditOptionsFromCli(current, baseZones, list, opts, mtaSts));
      } catch (e) {
        if (!(e instanceof AuditIncompleteError) || e.kind !== 'timeout') throw e;
        // No report to gate for that domain: undetermined, never a pass.
        ctx.stderr.write(
          `${e.message
            .split('\n')
            .map((line) => `mailgate: ${escapeControl(line)}`)
            .join('\n')}; the policy verdict is undetermined\n`,
        );
        ctx.exitCode = EXIT.DNS;
        return;
      }
      const { reports, gate } = audited;
      if (audited.whatIf && audited.whatIf.skippedMessages > 0)
        ctx.stderr.write(
          `mailgate: note: ${audited.whatIf.skippedMessages} reported messages are for domains not audited and were not replayed\n`,
        );
      const locator = problemLocator({
        zones,
        ...(baseZones.length > 0 ? { before: baseZones } : {}),
        ...(loaded ? { loaded } : {}),
      });
      if (!compare) {
        await emit(
          ctx,
          opts,
          renderDomainReports(reports, opts.format, { color, gate, locate: locator.sarif }),
        );
        ctx.exitCode = exitCodeOf(
          gate.status === 'failed' ? 'fail' : gate.status === 'undetermined' ? 'undetermined' : 'pass',
        );
        return;
      }
      const headProblems = gate.domains.flatMap((d) => problemsOf(d));
      let baseProblems: Problem[];
      let label: string;
      let newDomains = new Set<string>();
      let passedInBase = new Set<string>();
      if (opts.baseline !== undefined) {
        const saved = await readSavedFile(opts.baseline, threshold ?? loaded?.policy['fail-on'] ?? 'error');
        if (saved.gated && !loaded)
          throw new UsageError(
            `${opts.baseline} was gated with a policy: give the same --policy to compare with it`,
          );
        if (!saved.gated && loaded)
          throw new UsageError(
            `${opts.baseline} was audited without a policy: save it again with --policy ${opts.policy}`,
          );
        baseProblems = saved.problems;
        passedInBase = passedRuleKeys(saved.gate?.domains ?? []);
        label = opts.baseline;
      } else {
        baseProblems = before!.gate.domains.flatMap((d) => problemsOf(d));
        passedInBase = passedRuleKeys(before!.gate.domains);
        label = `the base zone files (${(opts.baseZone ?? []).join(', ')})`;
        const origins = new Set(baseZones.map((z) => z.origin));
        newDomains = new Set(
          list.domains.filter((d) => zones.some((z) => z.origin === d) && !origins.has(d)),
        );
      }
      const diff = diffProblems(baseProblems, headProblems, { newDomains, passedInBase });
      const diffOptions = { base: label, locate: locator.locate, color };
      let text: string;
      if (opts.format === 'json')
        text = JSON.stringify({ ...gatedReport(reports, gate), diff: diffJson(diff, diffOptions) }, null, 2);
      else if (opts.format === 'markdown')
        text = `${renderDiffMarkdown(diff, diffOptions)}\n<details><summary>Full report (after the change)</summary>\n\n${renderMarkdown(reports, { gate, headingLevel: 3, title: 'Full report' })}\n</details>\n`;
      else if (opts.format === 'text')
        text = `${renderDomainReports(reports, 'text', { color, gate })}\n\n${renderDiff(diff, 'text', diffOptions)}`;
      else text = renderDomainReports(reports, opts.format, { color, gate, locate: locator.sarif });
      await emit(ctx, opts, text);
      ctx.exitCode = diffExitCode(diff);
      return;
    }

    if (!batch) {
      const result = await runAudits(ctx, opts, options, list.domains, null);
      const reports = result.entries.map((e) => {
        if (!e.report) throw new Error(e.error?.message ?? `${e.domain}: not audited`);
        return withZoneSources(e.report, zones);
      });
      checkCoverage(ctx, zones, list.domains, asked.asked, explicitDomains);
      const locate = problemLocator({ zones }).sarif;
      await emit(
        ctx,
        opts,
        renderDomainReports(reports, opts.format, { color, failOn: opts.failOn, locate }),
      );
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
    checkCoverage(ctx, zones, list.domains, asked.asked, explicitDomains);
    const report = buildBatchReport(result, {
      failOn: opts.failOn,
      total: list.total,
      shard: opts.shard ?? null,
    });
    if (opts.format === 'sarif') {
      const reports = report.entries.flatMap((e) => (e.report ? [withZoneSources(e.report, zones)] : []));
      const locate = problemLocator({ zones }).sarif;
      await emit(ctx, opts, renderDomainReports(reports, 'sarif', { color, failOn: opts.failOn, locate }));
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
