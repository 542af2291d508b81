/**
 * Memoisation and query accounting for any {@link Resolver}.
 *
 * @module
 */

import {
  type DnsFailureKind,
  type DnsResult,
  dnsFailure,
  isTransientFailure,
  normalizeName,
  type Resolver,
  type RRType,
} from './resolver.js';

/** Counters kept by {@link cachedResolver}. */
export interface DnsStats {
  /**
   * Questions sent to the inner resolver. Each distinct question (normalised name + type) is sent once while its
   * answer is kept; a question whose answer was a transient failure (TIMEOUT, SERVFAIL, REFUSED) is not kept, so
   * asking it again later sends it again and counts again. Without transient failures, this is the number of
   * distinct questions.
   */
  queries: number;
  /** Questions answered from the cache, including ones that joined an in-flight question. */
  cacheHits: number;
  /** Inner answers that were failures, per kind (each question sent counts once). */
  failures: Partial<Record<DnsFailureKind, number>>;
}

/** A {@link Resolver} that also reports its {@link DnsStats}. */
export interface CachedResolver extends Resolver {
  stats(): DnsStats;
  /**
   * The answer already held for a question, without waiting (counted as a cache hit); undefined when it was never
   * asked, is still in flight, or was a transient failure. Callers that can use an answer at once (SPF, DKIM keys)
   * skip the asynchronous machinery with it.
   */
  peek<T extends RRType>(name: string, type: T): DnsResult<T> | undefined;
  /** Forgets every answer (counters are kept). */
  clear(): void;
}

/**
 * Wraps `inner` so each distinct question (normalised name + type) is asked once: later and concurrent askers
 * share the same answer.
 *
 * - Answers, NXDOMAIN, NODATA and BADNAME are kept for the cache's life (make a new cache per run).
 * - A transient failure (TIMEOUT, SERVFAIL, REFUSED; {@link isTransientFailure}) is shared only with the askers
 *   that joined the question while it was in flight; once it settles it is forgotten, so a later asker (e.g. the
 *   next domain of a batch that includes the same `_spf.google.com`) sends the question again instead of
 *   inheriting one timeout for the whole batch.
 * - An inner resolver that throws (it must not) gives a SERVFAIL, treated like any transient failure.
 */
export function cachedResolver(inner: Resolver): CachedResolver {
  const cache = new Map<string, Promise<DnsResult>>();
  const settled = new Map<string, DnsResult>();
  const stats: DnsStats = { queries: 0, cacheHits: 0, failures: {} };
  return {
    peek<T extends RRType>(name: string, type: T): DnsResult<T> | undefined {
      const hit = settled.get(`${normalizeName(name) ?? name}\u0000${type}`);
      if (hit) stats.cacheHits++;
      return hit as DnsResult<T> | undefined;
    },
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const key = `${normalizeName(name) ?? name}\u0000${type}`;
      const hit = cache.get(key);
      if (hit) {
        stats.cacheHits++;
        return hit as Promise<DnsResult<T>>;
      }
      stats.queries++;
      const p: Promise<DnsResult> = inner
        .query(name, type)
        // A resolver must not throw; if one does, the question fails as SERVFAIL rather than crashing a batch.
        .catch((err: unknown) => dnsFailure(name, type, 'SERVFAIL', `resolver error: ${String(err)}`))
        .then((r) => {
          if (!r.ok) stats.failures[r.kind] = (stats.failures[r.kind] ?? 0) + 1;
          // Transient failures are shared with the askers already waiting, never memoised.
          if (isTransientFailure(r)) {
            if (cache.get(key) === p) cache.delete(key);
          } else if (cache.get(key) === p) settled.set(key, r);
          return r;
        });
      cache.set(key, p);
      return p as Promise<DnsResult<T>>;
    },
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
    clear: () => {
      cache.clear();
      settled.clear();
    },
  };
}
