/**
 * A {@link Resolver} that keeps at most `max` questions in flight to the resolver it wraps; later questions wait
 * their turn (first come, first served). A batch of domains, each asking several questions at once (DKIM selector
 * probes, MX hosts, reverse DNS), would otherwise send bursts of hundreds of UDP queries: more than a socket
 * buffer or a public resolver's rate limit takes, so answers get lost and turn into timeouts.
 *
 * @module
 */

import { type DnsResult, queryOrServfail, type Resolver, type RRType } from './resolver.js';

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
    async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      if (running < max) running++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await queryOrServfail(inner, name, type);
      } finally {
        release();
      }
    },
  };
}
