/**
 * A defensive wrapper for injected resolvers: the {@link Resolver} contract says `query` never throws, but a
 * buggy implementation must not crash a DMARC verdict, so a thrown error becomes a SERVFAIL (a temperror).
 *
 * @module
 */

import {
  type DnsResult,
  type QueryOptions,
  queryOrServfail,
  type Resolver,
  type RRType,
} from './resolver.js';

/**
 * Wraps `inner` so that a thrown error or rejected promise becomes a SERVFAIL failure, and (when `log` is given)
 * records each question as `TYPE name`.
 */
export function guardedResolver(inner: Resolver, log?: string[]): Resolver {
  return {
    query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsResult<T>> {
      log?.push(`${type} ${name}`);
      return queryOrServfail(inner, name, type, options);
    },
  };
}
