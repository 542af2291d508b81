/**
 * Test helpers for the DMARC tests: resolvers over zone text, query logging, injected DNS failures.
 */

import {
  type DnsFailureKind,
  type DnsResult,
  dnsFailure,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

/** A closed-world resolver over several zones given as `{ origin: zoneText }`. */
export function zones(texts: Record<string, string>): Resolver {
  return zoneResolver(
    Object.entries(texts).map(([origin, text]) => parseZone(text, { origin })),
    { offline: true },
  );
}

/** A resolver that records every question it is asked (`log` holds `TYPE name`). */
export function logging(inner: Resolver): Resolver & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      log.push(`${type} ${name}`);
      return inner.query(name, type);
    },
  };
}

/** A resolver that fails with `kind` for the given names (any type, or `TYPE name` keys for one type). */
export function failing(inner: Resolver, failures: Record<string, DnsFailureKind>): Resolver {
  return {
    async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const kind = failures[`${type} ${name}`] ?? failures[name];
      if (kind) return dnsFailure(name, type, kind, `injected ${kind}`);
      return inner.query(name, type);
    },
  };
}
