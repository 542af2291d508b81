/**
 * `auditDomains`: audits a list of domains with bounded concurrency, one shared DNS cache (so common includes
 * such as `_spf.google.com` are asked once for the whole batch), a per-domain time limit, and results delivered
 * in input order as they become available.
 *
 * @module
 */

import { cachedResolver, type DnsStats } from '../dns/cache.js';
import { limitedResolver } from '../dns/limit.js';
import {
  type AuditOptions,
  auditDomain,
  type DomainReport,
  InvalidDomainError,
  validateAuditOptions,
} from './audit.js';

/** Default number of domains audited at the same time. */
export const DEFAULT_CONCURRENCY = 16;
/** Default number of DNS questions in flight to the resolver at the same time, for the whole batch. */
export const DEFAULT_MAX_QUERIES_IN_FLIGHT = 64;
/** Default time limit per domain, in milliseconds. */
export const DEFAULT_TIMEOUT_MS_PER_DOMAIN = 60_000;
/** After the time limit, how long a domain's audit may take to wind down before it is abandoned, in ms. */
const GRACE_MS = 5_000;

/**
 * One domain's outcome in a batch. `report` is present unless the domain could not be audited at all:
 * - `invalid-domain`: not a valid domain name (nothing was asked);
 * - `timeout`: the audit did not wind down within a grace period after the time limit (should not happen:
 *   at the limit every unanswered question fails as TIMEOUT and the audit completes with an `audit.timeout` finding);
 * - `internal`: the audit threw (a bug): the message says what.
 */
export interface BatchEntry {
  /** Position in the full input list (0-based; with shards, in the list before slicing). */
  index: number;
  /** The domain as given. */
  domain: string;
  report?: DomainReport;
  error?: { kind: 'invalid-domain' | 'timeout' | 'internal'; message: string };
}

/** Options for {@link auditDomains}: those of `auditDomain` (`signal` cancels the whole batch here), plus the batch's own. */
export interface BatchOptions extends Omit<AuditOptions, 'signal'> {
  /** Domains audited at the same time (integer ≥ 1, default {@link DEFAULT_CONCURRENCY}). */
  concurrency?: number;
  /**
   * DNS questions sent to `resolver` at the same time, for the whole batch (integer ≥ 1, default
   * {@link DEFAULT_MAX_QUERIES_IN_FLIGHT}); the others wait. Keeps bursts within what UDP socket buffers and public
   * resolvers' rate limits take.
   */
  maxQueriesInFlight?: number;
  /**
   * Time limit per domain, in milliseconds (default {@link DEFAULT_TIMEOUT_MS_PER_DOMAIN}). At the limit, questions
   * still unanswered count as TIMEOUT (so the affected checks get `*.dns-error` findings) and the report gets an
   * `audit.timeout` finding, which counts as DNS trouble (undetermined, exit code 3), not as a failure.
   */
  timeoutMsPerDomain?: number;
  /**
   * Called once per domain, in input order, as soon as that domain and every one before it are done. Awaited:
   * a slow consumer slows the batch down (back-pressure) but never reorders it.
   */
  onResult?: (entry: BatchEntry) => void | Promise<void>;
  /** Called whenever a domain finishes (in completion order), with the number done and the total: for progress bars. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The input positions of `domains` in a larger list (for shards: see `shardSlice`); default `0..n-1`.
   * Must have the same length as `domains`.
   */
  indexes?: readonly number[];
  /**
   * More DKIM selectors for one domain, added to `selectors` (duplicates dropped): the policy gate passes each
   * domain's `dkim.selectors` this way. When both are empty, common selectors are probed.
   */
  domainSelectors?: (domain: string) => readonly string[];
  /**
   * Cancels the batch (a job that went away): domains being audited end as at their time limit (questions still
   * unanswered count as TIMEOUT, the report gets `audit.timeout`), and domains not started yet get an error entry
   * of kind `timeout` without being audited. The result is still returned, every domain accounted for.
   */
  signal?: AbortSignal;
}

/** The result of {@link auditDomains}. */
export interface BatchResult {
  /** One entry per input domain, in input order. */
  entries: BatchEntry[];
  /** Questions the batch sent to `options.resolver`, and answered from the shared cache. */
  dns: DnsStats;
  /** When the batch started, ISO 8601. */
  startedAt: string;
  /** Wall-clock duration, in milliseconds. */
  elapsedMs: number;
}

function checkPositiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer (got ${value})`);
  return value;
}

/**
 * Audits every domain of `domains` with `auditDomain` (same options), sharing one DNS cache.
 *
 * - At most `concurrency` domains are in progress, and at most `maxQueriesInFlight` questions are sent, at any time.
 * - Each domain's report is what `auditDomain` alone would return (its `dns` counts are its own questions); the
 *   batch's `dns` counts what was sent to `options.resolver` for the whole batch, and what the shared cache
 *   answered.
 * - `onResult` receives the entries in input order. Invalid names become `invalid-domain` entries; nothing
 *   is thrown for a domain.
 *
 * @throws RangeError when `concurrency`, `maxQueriesInFlight`, `timeoutMsPerDomain` or `indexes` is invalid;
 *   `InvalidAuditOptionError` (see `validateAuditOptions`) for a missing resolver or a bad selector, mode or limit,
 *   before any domain is audited.
 */
export async function auditDomains(domains: readonly string[], options: BatchOptions): Promise<BatchResult> {
  validateAuditOptions(options);
  if (!Array.isArray(domains)) throw new TypeError('auditDomains: domains must be an array of strings');
  const concurrency = checkPositiveInt(options.concurrency ?? DEFAULT_CONCURRENCY, 'concurrency');
  const timeoutMs = checkPositiveInt(
    options.timeoutMsPerDomain ?? DEFAULT_TIMEOUT_MS_PER_DOMAIN,
    'timeoutMsPerDomain',
  );
  const indexes = options.indexes ?? domains.map((_, i) => i);
  if (indexes.length !== domains.length) throw new RangeError('indexes must have one entry per domain');
  const maxInFlight = checkPositiveInt(
    options.maxQueriesInFlight ?? DEFAULT_MAX_QUERIES_IN_FLIGHT,
    'maxQueriesInFlight',
  );
  const {
    concurrency: _c,
    timeoutMsPerDomain: _t,
    maxQueriesInFlight: _m,
    onResult,
    onProgress,
    indexes: _i,
    domainSelectors,
    ...auditOptions
  } = options;
  const shared = cachedResolver(limitedResolver(options.resolver, maxInFlight));
  // `selectors` plus the domain's own.
  const selectorsOf = (domain: string): { selectors?: string[] } =>
    domainSelectors
      ? { selectors: [...new Set([...(options.selectors ?? []), ...domainSelectors(domain)])] }
      : {};
  const startedAt = new Date();
  const started = performance.now();
  const entries: BatchEntry[] = new Array(domains.length);
  let next = 0;
  let done = 0;
  let emitted = 0;
  let emitting: Promise<void> = Promise.resolve();

  const batchSignal = options.signal;
  const auditOne = async (position: number): Promise<BatchEntry> => {
    const domain = domains[position]!;
    const index = indexes[position]!;
    if (batchSignal?.aborted)
      return {
        index,
        domain,
        error: { kind: 'timeout', message: `${domain}: not audited: the batch was cancelled` },
      };
    const controller = new AbortController();
    const cancel = () => controller.abort('the batch was cancelled');
    batchSignal?.addEventListener('abort', cancel, { once: true });
    let limit: NodeJS.Timeout | undefined;
    let grace: NodeJS.Timeout | undefined;
    const abandoned = new Promise<BatchEntry>((resolve) => {
      limit = setTimeout(() => {
        controller.abort(`time limit of ${timeoutMs} ms reached`);
        grace = setTimeout(
          () =>
            resolve({
              index,
              domain,
              error: {
                kind: 'timeout',
                message: `${domain}: the audit did not finish within ${timeoutMs} ms (+${GRACE_MS} ms)`,
              },
            }),
          GRACE_MS,
        );
      }, timeoutMs);
    });
    // Started in a `then`, so that anything thrown (also by `domainSelectors`) is this domain's error entry.
    const audited = Promise.resolve(domain)
      .then((d) =>
        auditDomain(d, {
          ...auditOptions,
          ...selectorsOf(d),
          resolver: shared,
          signal: controller.signal,
          // the batch's per-domain limit decides (its own timer fires first, with its reason)
          timeoutMs: timeoutMs + GRACE_MS,
        }),
      )
      .then(
        (report): BatchEntry => ({ index, domain, report }),
        (err: unknown): BatchEntry =>
          err instanceof InvalidDomainError
            ? { index, domain, error: { kind: 'invalid-domain', message: err.message } }
            : {
                index,
                domain,
                error: {
                  kind: 'internal',
                  message: `${domain}: ${err instanceof Error ? err.message : String(err)}`,
                },
              },
      );
    try {
      return await Promise.race([audited, abandoned]);
    } finally {
      clearTimeout(limit);
      clearTimeout(grace);
      batchSignal?.removeEventListener('abort', cancel);
    }
  };

  const flush = () => {
    emitting = emitting.then(async () => {
      while (emitted < entries.length && entries[emitted] !== undefined) {
        const entry = entries[emitted]!;
        emitted++;
        if (onResult) await onResult(entry);
      }
    });
    return emitting;
  };

  const worker = async () => {
    while (next < domains.length) {
      const position = next++;
      entries[position] = await auditOne(position);
      done++;
      onProgress?.(done, domains.length);
      await flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, domains.length) }, worker));
  await flush();
  return {
    entries,
    dns: shared.stats(),
    startedAt: startedAt.toISOString(),
    elapsedMs: Math.round(performance.now() - started),
  };
}
