/**
 * The batch report: every domain's entry, a summary (domains passing, failing, undetermined; most common
 * findings) and the batch's DNS counts, as one JSON-stable object; and the merge of shard reports.
 *
 * @module
 */

import type { DnsStats } from '../dns/cache.js';
import { type FailOn, SEVERITY_RANK, type Severity } from '../findings/finding.js';
import type { DomainReport } from './audit.js';
import type { BatchEntry, BatchResult } from './batch.js';
import { outcomeAt } from './dns-trouble.js';
import type { Shard } from './domain-list.js';

/** The batch report format version. */
export const BATCH_SCHEMA_VERSION = 1;
/** The `kind` of a batch report (tells it apart from a domain report or a list of them). */
export const BATCH_REPORT_KIND = 'mailgate-batch-report';

/** The largest `total` a batch report may have (a bound on what a merge of untrusted files may allocate). */
export const MAX_BATCH_TOTAL = 10_000_000;

/** Failing levels by strictness: `warning` fails more domains than `error`, `never` none. */
const FAIL_RANK: Record<FailOn, number> = { never: 0, error: 1, warning: 2 };

/**
 * A domain's outcome at a failing level:
 * - `fail`: a finding not caused by DNS trouble is at or above the level;
 * - `undetermined`: otherwise, DNS trouble (or the time limit) left something undecided;
 * - `pass`: neither;
 * - `error`: the domain could not be audited (invalid name, internal error).
 */
export type DomainOutcome = 'pass' | 'fail' | 'undetermined' | 'error';

/** A finding id and how many domains have it. */
export interface FindingCount {
  id: string;
  severity: Severity;
  /** Domains with at least one such finding. */
  domains: number;
  /** Findings with this id over all domains. */
  occurrences: number;
}

/** The batch summary. */
export interface BatchSummary {
  domains: number;
  passing: number;
  failing: number;
  undetermined: number;
  errored: number;
  /** Every finding id seen, most widespread first (then most severe, then by id). */
  findings: FindingCount[];
}

/** A batch report (JSON: `schema` is not published yet; `kind` and `schemaVersion` identify it). */
export interface BatchReport {
  schemaVersion: typeof BATCH_SCHEMA_VERSION;
  kind: typeof BATCH_REPORT_KIND;
  /** When the batch (or the earliest merged shard) started, ISO 8601. */
  checkedAt: string;
  /** The failing level the summary and outcomes use. */
  failOn: FailOn;
  /** Number of domains in the full list (before sharding). */
  total: number;
  /** The shard this report covers; null for a whole list (or a merge of all shards). */
  shard: Shard | null;
  /** For a merged report: the shards it joins. */
  mergedShards?: Shard[];
  /**
   * For a partial merge (`mergeBatchReports(..., { allowPartial: true })` with shards missing): the shards that
   * were not merged and how many domains of the list (`total`) are therefore not in this report. Absent otherwise.
   */
  missing?: MissingShards;
  /** One entry per audited domain, by input position, each with its outcome. */
  entries: Array<BatchEntry & { outcome: DomainOutcome }>;
  summary: BatchSummary;
  /** DNS questions sent to the resolver and answered from the shared cache (summed over merged shards). */
  dns: DnsStats;
}

/** What a partial merge lacks: the shards not merged and the number of the list's domains they hold. */
export interface MissingShards {
  /** The shards not merged, by index. */
  shards: Shard[];
  /** Domains of the list (`total`) in no merged report: `total - entries.length`. */
  domains: number;
}

/**
 * The 0-based input positions a shard covers in a list of `total` domains (see `shardSlice`: round-robin), at most
 * `limit` of them (default all).
 */
export function shardPositions(shard: Shard, total: number, limit = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  for (let p = shard.index - 1; p < total && out.length < limit; p += shard.count) out.push(p);
  return out;
}

/** `3/3` or `2/4, 4/4`. */
export function formatShards(shards: readonly Shard[]): string {
  return shards.map((s) => `${s.index}/${s.count}`).join(', ');
}

/** The outcome of one domain report at `failOn` (the rule of `mailgate audit`'s exit code). */
export function reportOutcome(report: DomainReport, failOn: FailOn): DomainOutcome {
  return outcomeAt(report.findings, failOn, report.summary.dnsTrouble);
}

/** The outcome of a batch entry: its report's, `undetermined` for a timeout, `error` otherwise. */
export function entryOutcome(entry: BatchEntry, failOn: FailOn): DomainOutcome {
  if (entry.report) return reportOutcome(entry.report, failOn);
  return entry.error?.kind === 'timeout' ? 'undetermined' : 'error';
}

/** Summarises entries: outcome counts and finding ids by how many domains have them. */
export function summarizeBatch(entries: readonly BatchEntry[], failOn: FailOn): BatchSummary {
  const summary: BatchSummary = {
    domains: entries.length,
    passing: 0,
    failing: 0,
    undetermined: 0,
    errored: 0,
    findings: [],
  };
  const counts = new Map<string, FindingCount>();
  for (const e of entries) {
    const outcome = entryOutcome(e, failOn);
    if (outcome === 'pass') summary.passing++;
    else if (outcome === 'fail') summary.failing++;
    else if (outcome === 'undetermined') summary.undetermined++;
    else summary.errored++;
    const seen = new Set<string>();
    for (const f of e.report?.findings ?? []) {
      let c = counts.get(f.id);
      if (!c) {
        c = { id: f.id, severity: f.severity, domains: 0, occurrences: 0 };
        counts.set(f.id, c);
      }
      c.occurrences++;
      if (!seen.has(f.id)) {
        seen.add(f.id);
        c.domains++;
      }
    }
  }
  summary.findings = [...counts.values()].sort(
    (a, b) =>
      b.domains - a.domains ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.id.localeCompare(b.id),
  );
  return summary;
}

/** Builds the batch report of a run (`total` and `shard` describe the list it was cut from). */
export function buildBatchReport(
  result: BatchResult,
  options: { failOn?: FailOn; total?: number; shard?: Shard | null } = {},
): BatchReport {
  const failOn = options.failOn ?? 'error';
  return {
    schemaVersion: BATCH_SCHEMA_VERSION,
    kind: BATCH_REPORT_KIND,
    checkedAt: result.startedAt,
    failOn,
    total: options.total ?? result.entries.length,
    shard: options.shard ?? null,
    entries: result.entries.map((e) => ({ ...e, outcome: entryOutcome(e, failOn) })),
    summary: summarizeBatch(result.entries, failOn),
    dns: result.dns,
  };
}

/** Thrown by {@link parseBatchReport} and {@link mergeBatchReports} for input that cannot be merged. */
export class BatchMergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BatchMergeError';
  }
}

/**
 * Checks that parsed JSON is a batch report (kind, version, entries, `total` within {@link MAX_BATCH_TOTAL}, shards,
 * `failOn`) and returns it.
 * @param label - names the input in error messages (e.g. the file name).
 * @throws {@link BatchMergeError} when it is not.
 */
export function parseBatchReport(json: unknown, label: string): BatchReport {
  const r = json as Partial<BatchReport> | null;
  if (r === null || typeof r !== 'object' || r.kind !== BATCH_REPORT_KIND)
    throw new BatchMergeError(
      `${label} is not a mailgate batch report (run "mailgate audit --domains-file ... --format json")`,
    );
  if (r.schemaVersion !== BATCH_SCHEMA_VERSION)
    throw new BatchMergeError(
      `${label} has batch report version ${String(r.schemaVersion)}, expected ${BATCH_SCHEMA_VERSION}`,
    );
  if (!Array.isArray(r.entries) || typeof r.total !== 'number' || !r.dns || typeof r.checkedAt !== 'string')
    throw new BatchMergeError(`${label} is an incomplete batch report`);
  if (!Number.isInteger(r.total) || r.total < r.entries.length || r.total > MAX_BATCH_TOTAL)
    throw new BatchMergeError(
      `${label} has an invalid total (${r.total}; expected a whole number from ${r.entries.length} to ${MAX_BATCH_TOTAL})`,
    );
  const shardOk = (x: unknown): x is Shard => {
    const sh = x as Partial<Shard> | null;
    return (
      sh !== null &&
      typeof sh === 'object' &&
      Number.isInteger(sh.index) &&
      Number.isInteger(sh.count) &&
      sh.index! >= 1 &&
      sh.index! <= sh.count! &&
      sh.count! <= 1_000_000
    );
  };
  if (
    (r.shard !== null && r.shard !== undefined && !shardOk(r.shard)) ||
    (r.mergedShards !== undefined && (!Array.isArray(r.mergedShards) || !r.mergedShards.every(shardOk)))
  )
    throw new BatchMergeError(
      `${label} has an invalid shard (expected index/count with 1 <= index <= count)`,
    );
  if (r.failOn === undefined || !Object.hasOwn(FAIL_RANK, r.failOn))
    throw new BatchMergeError(
      `${label} has no valid failOn level (${String(r.failOn)}; expected ${Object.keys(FAIL_RANK).join(', ')})`,
    );
  return r as BatchReport;
}

/** The strictest failing level of `levels` (`warning` fails more domains than `error`, `never` none). */
function strictest(levels: readonly FailOn[]): FailOn {
  let out: FailOn | undefined;
  for (const l of levels)
    if (FAIL_RANK[l] !== undefined && (out === undefined || FAIL_RANK[l] > FAIL_RANK[out])) out = l;
  return out ?? 'error';
}

function addStats(a: DnsStats, b: DnsStats): DnsStats {
  const failures = { ...a.failures };
  for (const [k, v] of Object.entries(b.failures ?? {}))
    failures[k as keyof DnsStats['failures']] = (failures[k as keyof DnsStats['failures']] ?? 0) + (v ?? 0);
  return { queries: a.queries + b.queries, cacheHits: a.cacheHits + b.cacheHits, failures };
}

/**
 * Joins shard reports of one list (`mailgate audit --shard i/n`) into one report in input order: entries sorted
 * by input position, DNS counts summed, summary recomputed at `failOn` (default: the shards' level, which every
 * shard records; when shards disagree, the strictest: warning over error over never).
 *
 * With `allowPartial`, missing shards are allowed and recorded in {@link BatchReport.missing} (which shards, and
 * how many of the list's `total` domains are therefore absent); every renderer shows it.
 *
 * @throws {@link BatchMergeError} when the reports are not shards of the same list (different `total` or shard
 *   count, a whole-list report among several), a shard appears twice, an input position appears twice, or
 *   (unless `allowPartial`) a shard is missing.
 */
export function mergeBatchReports(
  reports: readonly BatchReport[],
  options: { failOn?: FailOn; allowPartial?: boolean } = {},
): BatchReport {
  if (reports.length === 0) throw new BatchMergeError('nothing to merge');
  const first = reports[0]!;
  const total = first.total;
  const shards: Shard[] = [];
  for (const r of reports) {
    if (r.total !== total)
      throw new BatchMergeError(`the reports come from different lists (${total} and ${r.total} domains)`);
    for (const s of r.mergedShards ?? (r.shard ? [r.shard] : [])) shards.push(s);
    if (!r.shard && !r.mergedShards && reports.length > 1)
      throw new BatchMergeError('a report of a whole list (no --shard) cannot be merged with others');
  }
  const count = shards[0]?.count;
  if (shards.some((s) => s.count !== count))
    throw new BatchMergeError('the reports use different shard counts');
  const indexes = new Set<number>();
  for (const s of shards) {
    if (indexes.has(s.index)) throw new BatchMergeError(`shard ${s.index}/${s.count} appears twice`);
    indexes.add(s.index);
  }
  const missingShards: Shard[] =
    count === undefined
      ? []
      : Array.from({ length: count }, (_, i) => i + 1)
          .filter((i) => !indexes.has(i))
          .map((index) => ({ index, count }));
  if (missingShards.length > 0 && !options.allowPartial)
    throw new BatchMergeError(
      `missing shard(s) ${formatShards(missingShards)} (pass --allow-partial to merge anyway)`,
    );
  const entries = reports.flatMap((r) => r.entries).sort((a, b) => a.index - b.index);
  for (let i = 1; i < entries.length; i++)
    if (entries[i]!.index === entries[i - 1]!.index)
      throw new BatchMergeError(
        `input position ${entries[i]!.index} (${entries[i]!.domain}) appears in two reports`,
      );
  const failOn = options.failOn ?? strictest(reports.map((r) => r.failOn));
  const sortedShards = [...shards].sort((a, b) => a.index - b.index);
  return {
    schemaVersion: BATCH_SCHEMA_VERSION,
    kind: BATCH_REPORT_KIND,
    checkedAt: reports.map((r) => r.checkedAt).sort()[0]!,
    failOn,
    total,
    shard: null,
    ...(sortedShards.length > 0 ? { mergedShards: sortedShards } : {}),
    ...(missingShards.length > 0
      ? { missing: { shards: missingShards, domains: Math.max(0, total - entries.length) } }
      : {}),
    entries: entries.map((e) => ({ ...e, outcome: entryOutcome(e, failOn) })),
    summary: summarizeBatch(entries, failOn),
    dns: reports.map((r) => r.dns).reduce(addStats, { queries: 0, cacheHits: 0, failures: {} }),
  };
}
