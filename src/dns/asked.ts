/**
 * A resolver decorator that notes every name asked (lower-case, without the trailing dot), so a caller can tell
 * afterwards which zone files answered anything (a zone file that no audit asked about is a mistake worth saying).
 *
 * @module
 */

import { type DnsResult, normalizeName, type QueryOptions, type Resolver, type RRType } from './resolver.js';

/** A {@link Resolver} that remembers the names it was asked. */
export interface AskedResolver extends Resolver {
  /** Every name asked so far (lower-case, no trailing dot). */
  readonly asked: ReadonlySet<string>;
}

/**
 * Wraps `inner`, noting each name asked in `asked`. Put it under a cache so it notes distinct questions only;
 * the set holds one entry per distinct name.
 */
export function namesAsked(inner: Resolver): AskedResolver {
  const asked = new Set<string>();
  return {
    asked,
    ...(inner.offline ? { offline: inner.offline } : {}),
    query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsResult<T>> {
      asked.add(normalizeName(name) ?? name.toLowerCase());
      return inner.query(name, type, options);
    },
  };
}
