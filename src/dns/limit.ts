/**
 * A {@link Resolver} that keeps at most `max` questions in flight to the resolver it wraps; later questions wait
 * their turn (first come, first served). A question whose `signal` aborts while it waits leaves the queue and is
 * never sent; one in flight is cancelled through the signal, which is passed on. A batch of domains, each asking several questions at once (DKIM selector
 * probes, MX hosts, reverse DNS), would otherwise send bursts of hundreds of UDP queries: more than a socket
 * buffer or a public resolver's rate limit takes, so answers get lost and turn into timeouts.
 *
 * @module
 */

import {
  cancelled,
  type DnsResult,
  type QueryOptions,
  queryOrServfail,
  type Resolver,
  type RRType,
} from './resolver.js';

/**
 * Wraps `inner` so that at most `max` of its queries run at the same time.
 * @throws RangeError when `max` is not a positive integer.
 */
export function limitedResolver(inner: Resolver, max: number): Resolver {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer (got ${max})`);
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };
  return {
    ...(inner.offline ? { offline: true } : {}),
    async query<T extends RRType>(name: string, type: T, options: QueryOptions = {}): Promise<DnsResult<T>> {
      const { signal } = options;
      if (signal?.aborted) return cancelled(name, type, signal);
      if (running < max) running++;
      else {
        // wait for a turn; a question cancelled while waiting leaves the queue and is never sent
        const turn = await new Promise<boolean>((resolve) => {
          const go = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(true);
          };
          const onAbort = () => {
            const i = waiting.indexOf(go);
            if (i >= 0) waiting.splice(i, 1);
            resolve(false);
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          waiting.push(go);
        });
        if (!turn) return cancelled(name, type, signal);
      }
      try {
        return await queryOrServfail(inner, name, type, signal ? { signal } : {});
      } finally {
        release();
      }
    },
  };
}
