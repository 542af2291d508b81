/**
 * `mailgate rua ingest|summary|senders|readiness|whatif|export`: the reports receivers send to a domain's `rua=`
 * addresses (DMARC aggregate reports, RFC 9990; SMTP TLS reports, RFC 8460), kept in a SQLite store and
 * analysed. Named `rua` after the tag both records use, to stay clear of `mailgate report merge` (audit shards).
 *
 * Exit codes (README): 0 done; 1 `ingest` refused an input, `whatif` finds reported mail that would go from
 * DMARC pass to fail, or `readiness --require` finds the policy not ready; 2 usage or store errors (a missing
 * store for any command but `ingest`); 3 undetermined: `whatif` could not decide some mail because of DNS
 * trouble and nothing failed, or `readiness`/`whatif` have no aggregate report rows to judge from.
 *
 * @module
 */

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { overlayResolver } from '../../dns/overlay.js';
import { loadZonePaths, type Zone, ZoneParseError } from '../../dns/zonefile.js';
import { escapeControl } from '../../report/escape.js';
import { rowCsvLine, rowsCsvHeader } from '../../report/reports-csv.js';
import { renderReports } from '../../report/reports-render.js';
import { day, type ReportsOutput, RUA_FORMATS } from '../../report/reports-view.js';
import { SpfAttributor } from '../../reports/attribution.js';
import { ReportStoreError } from '../../reports/errors.js';
import { whatIfFindings } from '../../reports/findings.js';
import {
  FUTURE_SLACK_SECONDS,
  type IngestProgress,
  type IngestSummary,
  ingestReports,
  MemorySink,
} from '../../reports/ingest.js';
import { buildInventory, classifyTraffic } from '../../reports/inventory.js';
import { assessReadiness } from '../../reports/readiness.js';
import {
  type ReportSource,
  readFailureReportCounts,
  readPolicies,
  readReportCounts,
  readTlsReports,
  readTraffic,
} from '../../reports/source.js';
import { sqliteWarningSuppressed } from '../../reports/sqlite.js';
import { openReportStore, ReportStore } from '../../reports/store.js';
import { summarizeReports } from '../../reports/summary.js';
import type { TrafficFilter } from '../../reports/traffic.js';
import { whatIf } from '../../reports/whatif.js';
import {
  addDnsOptions,
  addOutputOptions,
  type CliContext,
  type DnsCliOptions,
  domainArgument,
  EXIT,
  emit,
  type OutputCliOptions,
  resolverFromOptions,
  UsageError,
  useColor,
  zoneRoot,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';

/** The default store file, in the working directory (override with `--db` or `MAILGATE_RUA_DB`). */
export const DEFAULT_RUA_DB = 'mailgate-rua.sqlite';

interface RuaOptions extends OutputCliOptions {
  /** The store file; `false` with `--no-db` (reports read into memory for this run only). */
  db: string | false;
  domain?: string;
  since?: string;
  until?: string;
  progress?: boolean;
  verbose?: boolean;
}

type RuaDnsOptions = RuaOptions & DnsCliOptions;

const DAY = 86_400;

/** Parses `--since`/`--until`: `YYYY-MM-DD` (UTC midnight), an ISO 8601 time, seconds since the epoch, or `Nd`. */
export function parseWhen(value: string, flag: string): { at: number } | { daysBack: number } {
  const v = value.trim();
  const rel = /^(\d{1,5})d$/.exec(v);
  if (rel) return { daysBack: Number(rel[1]) };
  if (/^\d{9,11}$/.test(v)) return { at: Number(v) };
  const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (!Number.isFinite(t))
    throw new UsageError(
      `${flag} must be a date (2026-01-31), a time, seconds since the epoch, or Nd (e.g. 30d)`,
    );
  return { at: Math.floor(t / 1000) };
}

/**
 * What a subcommand does with the store and its inputs, which decides the options it offers (only options
 * that act): `ingest` writes the store (created when missing) and reads inputs; `read` reads an existing store,
 * or with `--no-db` only its inputs, and may ingest inputs first; `export` reads an existing store only.
 */
type StoreUse = 'ingest' | 'read' | 'export';

function addStoreOptions(cmd: Command, use: StoreUse): Command {
  cmd.option(
    '--db <file>',
    use === 'ingest'
      ? `the report store (SQLite; created when missing; default ${DEFAULT_RUA_DB} or $MAILGATE_RUA_DB)`
      : `the report store to read, made by \`mailgate rua ingest\` (default ${DEFAULT_RUA_DB} or $MAILGATE_RUA_DB)`,
  );
  if (use === 'read')
    cmd.option('--no-db', 'keep nothing: read the given inputs into memory for this run only');
  if (use !== 'ingest')
    cmd
      .option('--domain <domain>', 'only this policy domain')
      .option(
        '--since <when>',
        'only reports that end at or after this time: YYYY-MM-DD, ISO 8601, epoch seconds, or Nd (N days before the latest report held, or before --until)',
      )
      .option('--until <when>', 'only reports that begin at or before this time (same forms, except Nd)');
  if (use !== 'export')
    cmd.option('--no-progress', 'no progress bar on long ingests (it only ever shows on a terminal)');
  return cmd.option(
    '--verbose',
    'say more on standard error (e.g. a Node warning that was kept off the terminal)',
  );
}

/**
 * Opens the store (or memory) and ingests `inputs` into it, with a progress bar on a terminal. Only `ingest`
 * creates a missing store: the other commands refuse it (a usage error), never leave an empty file behind.
 */
async function openSource(
  ctx: CliContext,
  opts: RuaOptions,
  inputs: readonly string[],
  use: StoreUse,
): Promise<{ source: ReportSource; ingest?: IngestSummary; close: () => void }> {
  let source: ReportSource;
  if (opts.db === false) {
    if (inputs.length === 0) throw new UsageError('--no-db needs report files to read');
    source = new MemorySink();
  } else {
    const file = opts.db ?? ctx.env.MAILGATE_RUA_DB ?? DEFAULT_RUA_DB;
    try {
      source = await openReportStore(file, { create: use === 'ingest' });
    } catch (e) {
      if (e instanceof ReportStoreError) throw new UsageError(e.message);
      throw e;
    }
    const warned = sqliteWarningSuppressed();
    if (warned && opts.verbose) ctx.stderr.write(`mailgate: note: Node said: ${escapeControl(warned)}\n`);
  }
  const close = () => {
    if (source instanceof ReportStore) source.close();
  };
  if (inputs.length === 0) return { source, close };
  const bar = startIngestBar(ctx, opts);
  try {
    const ingest = await ingestReports(inputs, source, {
      onProgress: (p) => bar?.update(p),
    });
    bar?.stop();
    return { source, ingest, close };
  } catch (e) {
    bar?.stop();
    close();
    throw e;
  }
}

/**
 * The ingest progress bar: on standard error, only when it is a terminal, `CI` is not set and `--no-progress`
 * was not given; it counts bytes of input files and shows records read. No colour is used (so `NO_COLOR` has
 * nothing to turn off).
 */
function startIngestBar(ctx: CliContext, opts: RuaOptions) {
  if (opts.progress === false || !ctx.stderr.isTTY || ctx.env.CI) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream: ctx.stderr as NodeJS.WritableStream,
      format: 'ingesting {bar} {percentage}% | {files} files, {records} records | ETA {eta_formatted}',
      clearOnComplete: true,
      hideCursor: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: IngestProgress) {
      const payload = { files: `${p.filesDone}/${p.filesTotal}`, records: p.records.toLocaleString('en-US') };
      if (!started) {
        bar.start(Math.max(1, p.bytesTotal), 0, payload);
        started = true;
      }
      bar.update(p.bytesDone, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** The filter from `--domain`, `--since`, `--until`; `Nd` counts back from `--until` or the latest report held. */
function filterFrom(opts: RuaOptions, source: ReportSource): TrafficFilter {
  const f: TrafficFilter = {};
  // the name as the store holds policy domains: lower-case A-labels, no final dot (exit 2 for a non-domain)
  if (opts.domain) f.domain = domainArgument(opts.domain.trim());
  let until: number | undefined;
  if (opts.until) {
    const u = parseWhen(opts.until, '--until');
    if ('daysBack' in u) throw new UsageError('--until takes a date or time, not Nd');
    until = u.at;
    f.until = until;
  }
  if (opts.since) {
    const s = parseWhen(opts.since, '--since');
    if ('at' in s) f.since = s.at;
    else {
      // the latest report that ends no later than a day from now: ingest refuses later ones, and a store
      // written by an older mailgate may hold one (a forged report dated 9999 would anchor every Nd there)
      const notAfter = Math.floor(Date.now() / 1000) + FUTURE_SLACK_SECONDS;
      const latest =
        until ??
        (source instanceof ReportStore
          ? (source.latestEnd(notAfter) ?? 0)
          : source.aggregate.reduce(
              (m, r) => (r.metadata.end <= notAfter ? Math.max(m, r.metadata.end) : m),
              0,
            ));
      f.since = latest - s.daysBack * DAY;
    }
  }
  return f;
}

async function output(ctx: CliContext, opts: RuaOptions, out: ReportsOutput): Promise<void> {
  await emit(ctx, opts, renderReports(out, opts.format, { color: useColor(ctx, opts) }));
}

function refusedNote(ctx: CliContext, ingest: IngestSummary | undefined, format: string): void {
  if (!ingest || ingest.refused.total === 0 || format === 'text') return;
  // the text summary lists them itself; other formats hold them in the data, and standard error says so
  ctx.stderr.write(`mailgate: ${ingest.refused.total} input(s) refused (listed in the output)\n`);
}

/**
 * Says on standard error that a verdict has no evidence (no aggregate report rows for the domain and period
 * asked) and returns exit code 3, undetermined: an empty store or a mistyped `--domain` is never "ready".
 */
function noEvidence(ctx: CliContext, filter: TrafficFilter, what: string): typeof EXIT.DNS {
  const scope = [
    filter.domain !== undefined ? ` for ${escapeControl(filter.domain)}` : '',
    filter.since !== undefined ? ` from ${day(filter.since)}` : '',
    filter.until !== undefined ? ` to ${day(filter.until)}` : '',
  ].join('');
  ctx.stderr.write(
    `mailgate: no aggregate report rows${scope}: ${what} is undetermined (exit 3); ingest reports first (mailgate rua ingest), or check --domain, --since and --until\n`,
  );
  return EXIT.DNS;
}

function parseShare(value: string): number {
  const n = Number(value.replace(/%$/, ''));
  const share = value.endsWith('%') ? n / 100 : n;
  if (!Number.isFinite(share) || share < 0 || share > 1)
    throw new InvalidArgumentError('must be a share between 0 and 1, or a percentage such as 0.5%');
  return share;
}

/** Registers `mailgate rua` and its subcommands. */
export function register(program: Command, ctx: CliContext): void {
  const rua = program.command('rua').description(DESCRIPTIONS.rua);

  const ingest = addOutputOptions(
    addStoreOptions(
      rua
        .command('ingest')
        .description(
          'read report files, directories or globs into the store (reports already held are skipped)',
        )
        .argument('<inputs...>', 'files (.xml, .gz, .zip, .json, .eml, mbox), directories, or glob patterns'),
      'ingest',
    ),
    [...RUA_FORMATS],
  );
  addDnsOptions(ingest).option('--no-attribute', 'do not attribute new sources by SPF (no DNS at all)');
  ingest.action(async (inputs: string[], opts: RuaDnsOptions & { attribute?: boolean }) => {
    const { source, ingest: summary, close } = await openSource(ctx, opts, inputs, 'ingest');
    try {
      if (source instanceof ReportStore && opts.attribute !== false) {
        const resolver = await resolverFromOptions(opts, ctx);
        await source.attributeNewSources(new SpfAttributor(resolver));
      }
      await output(ctx, opts, {
        kind: 'summary',
        ...(summary ? { ingest: summary } : {}),
        ...(source instanceof ReportStore ? { store: source.stats() } : {}),
        summary: summarize(source, {}),
      });
      refusedNote(ctx, summary, opts.format);
      ctx.exitCode = summary && summary.refused.total > 0 ? EXIT.FAIL : EXIT.OK;
    } finally {
      close();
    }
  });

  const summary = addOutputOptions(
    addStoreOptions(
      rua
        .command('summary')
        .description('summarize a period: DMARC results and dispositions per domain, SMTP TLS failures')
        .argument('[inputs...]', 'report files to ingest first (optional)'),
      'read',
    ),
    [...RUA_FORMATS],
  );
  summary.action(async (inputs: string[], opts: RuaOptions) => {
    const { source, ingest: ingested, close } = await openSource(ctx, opts, inputs, 'read');
    try {
      await output(ctx, opts, {
        kind: 'summary',
        ...(ingested ? { ingest: ingested } : {}),
        ...(source instanceof ReportStore ? { store: source.stats() } : {}),
        summary: summarize(source, filterFrom(opts, source)),
      });
      refusedNote(ctx, ingested, opts.format);
    } finally {
      close();
    }
  });

  const senders = addDnsOptions(
    addOutputOptions(
      addStoreOptions(
        rua
          .command('senders')
          .description(
            "the sender inventory: who sends as the domain, attributed by the domain's SPF record and DKIM",
          )
          .argument('[inputs...]', 'report files to ingest first (optional)'),
        'read',
      ),
      [...RUA_FORMATS],
    ),
  );
  senders.action(async (inputs: string[], opts: RuaDnsOptions) => {
    const { source, ingest: ingested, close } = await openSource(ctx, opts, inputs, 'read');
    try {
      const resolver = await resolverFromOptions(opts, ctx);
      const inventory = await buildInventory(readTraffic(source, filterFrom(opts, source)), {
        attributor: new SpfAttributor(resolver),
      });
      await output(ctx, opts, { kind: 'senders', inventory });
      refusedNote(ctx, ingested, opts.format);
    } finally {
      close();
    }
  });

  const readiness = addDnsOptions(
    addOutputOptions(
      addStoreOptions(
        rua
          .command('readiness')
          .description(
            'what p=quarantine and p=reject would have done to the reported mail, and what to fix first',
          )
          .argument('[inputs...]', 'report files to ingest first (optional)'),
        'read',
      ),
      [...RUA_FORMATS],
    ),
  )
    .option(
      '--max-legitimate-share <share>',
      'largest share of legitimate mail a ready policy may affect (0..1 or a percentage; default 0.1%)',
      parseShare,
    )
    .addOption(
      new Option('--require <policy>', 'exit 1 unless this policy is ready for every domain').choices([
        'quarantine',
        'reject',
      ]),
    );
  readiness.action(
    async (
      inputs: string[],
      opts: RuaDnsOptions & { maxLegitimateShare?: number; require?: 'quarantine' | 'reject' },
    ) => {
      const { source, ingest: ingested, close } = await openSource(ctx, opts, inputs, 'read');
      try {
        const resolver = await resolverFromOptions(opts, ctx);
        const filter = filterFrom(opts, source);
        const classified = await classifyTraffic(readTraffic(source, filter), new SpfAttributor(resolver));
        const maxLegitimateShare = opts.maxLegitimateShare ?? 0.001;
        const result = assessReadiness(classified, {
          maxLegitimateShare,
          policies: readPolicies(source, filter),
        });
        await output(ctx, opts, { kind: 'readiness', readiness: result, maxLegitimateShare });
        refusedNote(ctx, ingested, opts.format);
        const req = opts.require;
        if (result.length === 0) ctx.exitCode = noEvidence(ctx, filter, 'readiness');
        else ctx.exitCode = req && result.some((r) => r[req].verdict !== 'ready') ? EXIT.FAIL : EXIT.OK;
      } finally {
        close();
      }
    },
  );

  const whatif = addDnsOptions(
    addOutputOptions(
      addStoreOptions(
        rua
          .command('whatif')
          .description(
            'replay the reported senders against proposed zone files: who would go from DMARC pass to fail',
          )
          .argument('[inputs...]', 'report files to ingest first (optional)'),
        'read',
      ),
      [...RUA_FORMATS],
    ),
  )
    .requiredOption(
      '--proposed <zone>',
      "a proposed zone file (or a directory of *.zone), laid over today's DNS (repeatable)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .addOption(
      new Option('--dmarc-mode <mode>', 'DMARC mode for the replays')
        .choices(['9989', '7489'])
        .default('9989'),
    );
  whatif.action(
    async (inputs: string[], opts: RuaDnsOptions & { proposed: string[]; dmarcMode: '9989' | '7489' }) => {
      let proposedZones: Zone[];
      try {
        proposedZones = await loadZonePaths(opts.proposed, { root: zoneRoot(opts.proposed, opts.zoneRoot) });
      } catch (e) {
        if (e instanceof ZoneParseError) throw new UsageError(`zone file ${e.message}`);
        const err = e as NodeJS.ErrnoException;
        throw new UsageError(`cannot read zone file ${err.path ?? ''}${err.code ? ` (${err.code})` : ''}`);
      }
      if (proposedZones.length === 0) throw new UsageError('--proposed names no zone file');
      const { source, ingest: ingested, close } = await openSource(ctx, opts, inputs, 'read');
      try {
        const current = await resolverFromOptions(opts, ctx);
        const filter = filterFrom(opts, source);
        const result = await whatIf(readTraffic(source, filter), {
          current,
          proposed: overlayResolver(proposedZones, current),
          proposedZones,
          mode: opts.dmarcMode,
        });
        const findings = whatIfFindings(result);
        await output(ctx, opts, { kind: 'whatif', whatif: result, proposed: opts.proposed, findings });
        refusedNote(ctx, ingested, opts.format);
        if (result.totals.messages === 0) ctx.exitCode = noEvidence(ctx, filter, 'the what-if');
        else
          ctx.exitCode =
            result.totals.lost > 0 ? EXIT.FAIL : result.totals.undetermined > 0 ? EXIT.DNS : EXIT.OK;
      } finally {
        close();
      }
    },
  );

  const exp = addStoreOptions(
    rua
      .command('export')
      .description(
        'write every stored aggregate row (one per report record) as CSV or JSON lines, for a warehouse',
      ),
    'export',
  )
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'jsonl']).default('csv'))
    .option('-o, --output <file>', 'write to a file instead of standard output');
  exp.action(async (opts: RuaOptions) => {
    const { source, close } = await openSource(ctx, opts, [], 'export');
    try {
      const store = source as ReportStore;
      const filter = filterFrom(opts, store);
      // streamed in batches: a store of millions of rows is never held as one string
      let out: Writable = ctx.stdout;
      if (opts.output) {
        out = createWriteStream(opts.output);
        await new Promise<void>((resolve, reject) => {
          out.once('open', () => resolve());
          out.once('error', (e: NodeJS.ErrnoException) =>
            reject(new UsageError(`cannot write ${opts.output} (${e.code ?? e.message})`)),
          );
        });
      }
      const write = async (text: string) => {
        if (!out.write(text)) await once(out, 'drain');
      };
      let batch: string[] = opts.format === 'csv' ? [rowsCsvHeader()] : [];
      for (const r of store.rows(filter)) {
        batch.push(opts.format === 'csv' ? rowCsvLine(r) : JSON.stringify(r));
        if (batch.length >= 1000) {
          await write(`${batch.join('\n')}\n`);
          batch = [];
        }
      }
      if (batch.length > 0) await write(`${batch.join('\n')}\n`);
      if (out !== ctx.stdout) await new Promise<void>((resolve) => out.end(resolve));
    } finally {
      close();
    }
  });
}

function summarize(source: ReportSource, filter: TrafficFilter) {
  return summarizeReports({
    traffic: readTraffic(source, filter),
    reports: readReportCounts(source, filter),
    policies: readPolicies(source, filter),
    tls: readTlsReports(source, filter),
    failureReports: readFailureReportCounts(source),
    ...(filter.since !== undefined ? { since: filter.since } : {}),
    ...(filter.until !== undefined ? { until: filter.until } : {}),
    ...(filter.domain !== undefined ? { domain: filter.domain } : {}),
  });
}
