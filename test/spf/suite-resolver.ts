/**
 * A {@link Resolver} built from an OpenSPF test-suite scenario's `zonedata`, following the rules in
 * /work/shared/conformance/README.md ("How to read the zone data"), which restate pyspf's test/testspf.py:
 *
 * - a name not in `zonedata` does not exist: NXDOMAIN;
 * - a name without a record of the queried type: NODATA;
 * - `{TYPE: NONE}` adds no record, it only marks TYPE as given (`TXT: NONE` stops the SPF -> TXT copy);
 * - `SPF` records are copied as `TXT` records, appended at the end, when the name has no `TXT` entry at all;
 * - a bare `TIMEOUT` entry: a query for a type with no record listed before it times out; a query for a type
 *   with records above it gets those records and nothing listed after (so copied TXT records, at the end, are
 *   never reached); `{TYPE: TIMEOUT}` times out that type;
 * - `TXT`/`SPF` values may be lists of strings (one record, several character-strings);
 *   `MX` values are `[priority, exchange]`;
 * - `CNAME` entries are followed; a CNAME loop is a DNS error (SERVFAIL).
 *
 * Names are matched case-insensitively with the trailing dot ignored; any other octets (spaces, `%`) are
 * allowed, as the suite queries such names. Record data is returned as the Resolver contract says: A/AAAA in
 * canonical text, MX exchange lower-case without trailing dot, PTR without trailing dot (case kept, so the
 * engine's case-insensitivity is what the suite tests).
 */

import {
  type DnsResult,
  dnsFailure,
  type MxData,
  type RecordDataMap,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js';
import { formatIp, parseIp6 } from '../../src/spf/ip.js';

/** The `zonedata` of one scenario as loaded from YAML. */
export type ZoneData = Record<string, unknown[]>;

type Entry = 'TIMEOUT' | { type: string; value: unknown };

function entriesOf(list: unknown[]): Entry[] {
  const out: Entry[] = [];
  const generated: Entry[] = [];
  let hasTxt = false;
  for (const item of list) {
    if (item === 'TIMEOUT') {
      out.push('TIMEOUT');
      continue;
    }
    if (item && typeof item === 'object') {
      for (const [type, value] of Object.entries(item as Record<string, unknown>)) {
        if (type === 'TXT') hasTxt = true;
        else if (type === 'SPF' && !hasTxt) generated.push({ type: 'TXT', value });
        // NONE adds no record (and, like in testspf.py, does not count as "listed before a TIMEOUT").
        if (value !== 'NONE') out.push({ type, value });
      }
    }
  }
  if (!hasTxt) out.push(...generated);
  return out;
}

function norm(name: string): string {
  let n = name.toLowerCase();
  while (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

function toTxt(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

function convert<T extends RRType>(type: T, value: unknown): RecordDataMap[T] {
  switch (type) {
    case 'TXT':
      return toTxt(value) as RecordDataMap[T];
    case 'MX': {
      const [priority, exchange] = value as [number, string];
      const mx: MxData = { priority: Number(priority), exchange: norm(String(exchange ?? '')) };
      return mx as RecordDataMap[T];
    }
    case 'AAAA': {
      const ip = parseIp6(String(value));
      return (ip ? formatIp(ip) : String(value).toLowerCase()) as RecordDataMap[T];
    }
    case 'PTR':
    case 'CNAME':
      return String(value).replace(/\.$/, '') as RecordDataMap[T];
    default:
      return String(value) as RecordDataMap[T];
  }
}

/** Builds a Resolver from a scenario's zonedata. */
export function suiteResolver(zonedata: ZoneData): Resolver {
  const zone = new Map<string, Entry[]>();
  for (const [name, list] of Object.entries(zonedata ?? {})) zone.set(norm(name), entriesOf(list ?? []));

  const lookup = <T extends RRType>(qname: string, type: T, seen: Set<string>): DnsResult<T> => {
    const name = norm(qname);
    const entries = zone.get(name);
    if (!entries) return dnsFailure(name, type, 'NXDOMAIN', 'not in zonedata');
    const records: RecordDataMap[T][] = [];
    let seenType = false;
    let cname: string | undefined;
    for (const e of entries) {
      if (e === 'TIMEOUT') {
        if (!seenType) return dnsFailure(name, type, 'TIMEOUT', 'TIMEOUT entry');
        break;
      }
      if (e.type === 'CNAME' && e.value !== 'NONE') cname = String(e.value);
      if (e.type !== type) continue;
      seenType = true;
      if (e.value === 'TIMEOUT') return dnsFailure(name, type, 'TIMEOUT', `${type}: TIMEOUT entry`);
      records.push(convert(type, e.value));
    }
    if (records.length === 0 && cname !== undefined && type !== 'CNAME') {
      const target = norm(cname);
      if (seen.has(target)) return dnsFailure(name, type, 'SERVFAIL', 'CNAME loop');
      seen.add(target);
      const r = lookup(target, type, seen);
      if (!r.ok) return { ...r, name };
      return { ...r, name, cnames: [target, ...(r.cnames ?? [])] };
    }
    if (records.length === 0) return dnsFailure(name, type, 'NODATA', `no ${type} record`);
    return { ok: true, name, type, records };
  };

  return {
    async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const n = norm(name);
      return lookup(n, type, new Set([n]));
    },
  };
}
