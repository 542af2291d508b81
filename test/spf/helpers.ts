/** Test helpers: zone-text resolvers and fault-injecting wrappers. */

import type { DnsFailureKind, DnsResult, Resolver, RRType } from '../../src/dns/resolver.js';
import { dnsFailure } from '../../src/dns/resolver.js';
import { parseZone, type Zone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

/** Parses `origin -> zone text` pairs into zones. */
export function zonesOf(zones: Record<string, string>): Zone[] {
  return Object.entries(zones).map(([origin, text]) => parseZone(text, { origin, file: `${origin}.zone` }));
}

/** A closed-world resolver over zone texts keyed by origin. */
export function zones(z: Record<string, string>): Resolver {
  return zoneResolver(zonesOf(z), { offline: true });
}

/** Wraps a resolver so that the given `name/TYPE` questions fail with a kind (e.g. TIMEOUT). */
export function failing(inner: Resolver, failures: Record<string, DnsFailureKind>): Resolver {
  return {
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const kind = failures[`${name.toLowerCase()}/${type}`] ?? failures[name.toLowerCase()];
      if (kind) return Promise.resolve(dnsFailure(name, type, kind, 'injected'));
      return inner.query(name, type);
    },
  };
}

/** Wraps a resolver and records every question asked. */
export function recording(inner: Resolver): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      asked.push(`${name}/${type}`);
      return inner.query(name, type);
    },
  };
}
