/**
 * Memoisation and query accounting for any {@link Resolver}.
 *
 * @module
 */

import {
  cancelled,
  type DnsFailureKind,
  type DnsResult,
  isTransientFailure,
  normalizeName,
  type QueryOptions,
  queryOrServfail,
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

/** One question in flight: the answer to come, and the askers still waiting for it. */
interface InFlight {
  promise: Promise<DnsResult>;
  /** Askers without a signal, or whose signal has not aborted. */
  waiting: number;
  /** Cancels the inner question once no asker waits any more. */
  controller: AbortController;
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
 * - Cancellation ({@link QueryOptions.signal}): an asker whose signal aborts gets `TIMEOUT` at once; the inner
 *   question is cancelled only when every asker sharing it has aborted (one domain's time limit never cancels a
 *   question another domain of the batch still waits for). A cancelled answer is not kept.
 * - An inner resolver that throws (it must not) gives a SERVFAIL, treated like any transient failure.
 */
export function cachedResolver(inner: Resolver): CachedResolver {
  // Per type, by normalised name. A name asked as written is looked up first: names taken from parsed records are
  // normalised already and are the same string objects from one question to the next, so the common lookup costs
  // one hash probe; only a miss normalises the name (normalising is idempotent, so a written name equal to a key
  // normalises to that key).
  const cache = new Map<RRType, Map<string, Promise<DnsResult>>>();
  const inFlight = new Map<string, InFlight>();
  const settled = new Map<RRType, Map<string, DnsResult>>();
  const stats: DnsStats = { queries: 0, cacheHits: 0, failures: {} };

  /** The entry for `name` (as written, else normalised) in a per-type map. */
  const find = <V>(byType: Map<RRType, Map<string, V>>, name: string, type: RRType): V | undefined => {
    const byName = byType.get(type);
    if (!byName) return undefined;
    const hit = byName.get(name);
    if (hit !== undefined) return hit;
    const normal = normalizeName(name) ?? name;
    return normal === name ? undefined : byName.get(normal);
  };
  const keep = <V>(byType: Map<RRType, Map<string, V>>, name: string, type: RRType, value: V) => {
    let byName = byType.get(type);
    if (!byName) {
      byName = new Map();
      byType.set(type, byName);
    }
    byName.set(name, value);
  };

  /** Waits for `flight` on behalf of one asker, who stops waiting (and stops counting) when `signal` aborts. */
  const join = <T extends RRType>(
    key: string,
    name: string,
    type: T,
    flight: InFlight,
    signal: AbortSignal | undefined,
  ): Promise<DnsResult<T>> => {
    if (!signal) {
      flight.waiting++;
      return flight.promise as Promise<DnsResult<T>>;
    }
    if (signal.aborted) return Promise.resolve(cancelled(name, type, signal));
    flight.waiting++;
    return new Promise<DnsResult<T>>((resolve) => {
      const onAbort = () => {
        flight.waiting--;
        if (flight.waiting === 0) {
          // nobody waits any more: cancel it, and let a later asker send the question afresh
          if (inFlight.get(key) === flight) inFlight.delete(key);
          flight.controller.abort(signal.reason);
        }
        resolve(cancelled(name, type, signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then((r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r as DnsResult<T>);
      });
    });
  };

  return {
    peek<T extends RRType>(name: string, type: T): DnsResult<T> | undefined {
      const hit = find(settled, name, type);
      if (hit) stats.cacheHits++;
      return hit as DnsResult<T> | undefined;
    },
    query<T extends RRType>(name: string, type: T, options: QueryOptions = {}): Promise<DnsResult<T>> {
      const held = find(cache, name, type);
      if (held) {
        stats.cacheHits++;
        return held as Promise<DnsResult<T>>;
      }
      const normal = normalizeName(name) ?? name;
      const key = `${normal}\u0000${type}`;
      const flying = inFlight.get(key);
      if (flying) {
        stats.cacheHits++;
        return join(key, name, type, flying, options.signal);
      }
      if (options.signal?.aborted) return Promise.resolve(cancelled(name, type, options.signal));
      stats.queries++;
      const controller = new AbortController();
      const flight: InFlight = { promise: Promise.resolve() as never, waiting: 0, controller };
      // A resolver must not throw; if one does, the question fails as SERVFAIL rather than crashing a batch.
      flight.promise = queryOrServfail(inner, name, type, { signal: controller.signal }).then((r) => {
        if (inFlight.get(key) === flight) inFlight.delete(key);
        if (controller.signal.aborted) return r; // cancelled: neither counted as the server's answer nor kept
        if (!r.ok) stats.failures[r.kind] = (stats.failures[r.kind] ?? 0) + 1;
        // Transient failures are shared with the askers already waiting, never memoised.
        if (!isTransientFailure(r)) {
          keep(cache, normal, type, Promise.resolve(r));
          keep(settled, normal, type, r);
        }
        return r;
      });
      inFlight.set(key, flight);
      return join(key, name, type, flight, options.signal);
    },
    stats: () => ({ ...stats, failures: { ...stats.failures } }),
    clear: () => {
      cache.clear();
      inFlight.clear();
      settled.clear();
    },
    ...(inner.offline ? { offline: true } : {}),
  };
}
