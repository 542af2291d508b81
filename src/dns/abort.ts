/**
 * A {@link Resolver} that stops waiting when an `AbortSignal` fires: every question still pending, and every
 * later one, is answered at once as a `TIMEOUT` failure. This is how a domain audit honours a time limit without
 * hanging and without throwing away what it already learned: the protocol audits finish with `*.dns-error`
 * findings for what was still unanswered. The signal goes down with every question, so the resolvers below
 * cancel what is in flight (the batch's limiter drops queued questions, the wire client closes its sockets).
 *
 * @module
 */

import {
  type DnsResult,
  dnsFailure,
  type QueryOptions,
  queryOrServfail,
  type Resolver,
  type RRType,
} from './resolver.js';

/**
 * Wraps `inner` so that questions fail as TIMEOUT once `signal` is aborted. The signal is passed to `inner` with
 * each question (combined with the asker's own, if any), so a resolver that honours it cancels the questions in
 * flight and sends nothing more; one that ignores it is simply no longer waited for.
 */
export function abortableResolver(inner: Resolver, signal: AbortSignal): Resolver {
  return {
    ...(inner.offline ? { offline: true } : {}),
    query<T extends RRType>(name: string, type: T, options: QueryOptions = {}): Promise<DnsResult<T>> {
      const timeout = () => dnsFailure(name, type, 'TIMEOUT', 'audit time limit reached');
      if (signal.aborted) return Promise.resolve(timeout());
      const combined = options.signal ? AbortSignal.any([signal, options.signal]) : signal;
      return new Promise<DnsResult<T>>((resolve) => {
        const onAbort = () => resolve(timeout());
        signal.addEventListener('abort', onAbort, { once: true });
        void queryOrServfail(inner, name, type, { signal: combined }).then((r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        });
      });
    },
  };
}
