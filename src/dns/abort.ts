/**
 * A {@link Resolver} that stops waiting when an `AbortSignal` fires: every question still pending, and every
 * later one, is answered at once as a `TIMEOUT` failure. This is how a domain audit honours a time limit without
 * hanging and without throwing away what it already learned: the protocol audits finish with `*.dns-error`
 * findings for what was still unanswered.
 *
 * @module
 */

import { type DnsResult, dnsFailure, queryOrServfail, type Resolver, type RRType } from './resolver.js';

/** Wraps `inner` so that questions fail as TIMEOUT once `signal` is aborted. The inner queries are not cancelled. */
export function abortableResolver(inner: Resolver, signal: AbortSignal): Resolver {
  return {
    ...(inner.offline ? { offline: true } : {}),
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const timeout = () => dnsFailure(name, type, 'TIMEOUT', 'audit time limit reached');
      if (signal.aborted) return Promise.resolve(timeout());
      return new Promise<DnsResult<T>>((resolve) => {
        const onAbort = () => resolve(timeout());
        signal.addEventListener('abort', onAbort, { once: true });
        void queryOrServfail(inner, name, type).then((r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        });
      });
    },
  };
}
