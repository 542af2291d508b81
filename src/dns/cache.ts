/**
 * Memoisation and query accounting for any {@link Resolver}.
 *
 * @module
 */

import {
  type DnsFailureKind,
  type DnsResult,
  dnsFailure,
  normalizeName,
  type Resolver,
  type RRType,
} from './resolver.js';

/** Counters kept by {@link cachedResolver}. */
export interface DnsStats {
  /** Questions passed to the inner resolver (each distinct name+type once). */
  queries: number;
  /** Questions answered from the cache, including ones that joined an in-flight question. */
  cacheHits: number;
  /** Inner answers that were failures, per kind. */
  failures: Partial<Record<DnsFailureKind, number>>;
}

/** A {@link Resolver} that also reports its {@link DnsStats}. */
export interface CachedResolver extends Resolver {
  stats(): DnsStats;
  /** Forgets every answer (counters are kept). */
  clear(): void;
}

/**
 * Wraps `inner` so each distinct question (normalised name + type) is asked once: later and concurrent
 * askers share the same promise. Failures are cached too (a TIMEOUT is not retried within one cache's life,
 * so one slow name cannot multiply a batch's time); make a new cache per run.
 */
export function cachedResolver(inner: Resolver): CachedResolver {
  const cache = new Map<string, Promise<DnsResult>>();
  const stats: DnsStats = { queries: 0, cacheHits: 0, failures: {} };
  return {
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const key = `${normalizeName(name) ?? name}\u0000${type}`;
      const hit = cache.get(key);
      if (hit) {
        stats.cacheHits++;
        return hit as Promise<DnsResult<T>>;
      }
      stats.queries++;
      const p = inner
        .query(name, type)
        // A resolver must not throw; if one does, the question fails as SERVFAIL rather than crashing a batch.
        .catch((err: unknown) => dnsFailure(name, type, 'SERVFAIL', `resolver error: ${String(err)}`))
        .then((r) => {
          if (!r.ok) stats.failures[r.kind] = (stats.failures[r.kind] ?? 0) + 1;
          return r;
        });
      cache.set(key, p);
      return p;
    },
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
    clear: () => cache.clear(),
  };
}
