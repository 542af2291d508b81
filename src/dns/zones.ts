/**
 * A {@link Resolver} that answers from parsed zone files the way an authoritative server (plus a recursive
 * resolver's CNAME chasing) would: NXDOMAIN for names that do not exist, NODATA for names that exist without
 * the asked type (including empty non-terminals, RFC 8020), CNAMEs followed, wildcards per RFC 4592.
 *
 * @module
 */

import {
  type DnsFailure,
  type DnsResult,
  type DnsSource,
  dnsFailure,
  normalizeName,
  type QueryOptions,
  type RecordDataMap,
  type Resolver,
  type RRType,
} from './resolver.js';
import { parseZone, type Zone, type ZoneRecord } from './zonefile.js';

/** Options for {@link zoneResolver}. */
export interface ZoneResolverOptions {
  /**
   * Names outside every zone, and names a zone delegates away (at or below an NS record other than its apex) that
   * no other loaded zone covers, are NXDOMAIN (a closed world, for tests, the demo and `--offline`).
   * Without it (and without `outside`), such names are REFUSED: the zones are not authoritative for them.
   */
  offline?: boolean;
  /**
   * Asked for names outside every zone, for names a zone delegates away (see {@link zoneResolver}), and for CNAME
   * targets among those: the basis of {@link overlayResolver}.
   */
  outside?: Resolver;
}

/** The longest CNAME chain followed before the answer is SERVFAIL (as recursive resolvers cap it). */
export const MAX_CNAME_CHAIN = 16;

/** A record and the zone file it came from (two files may share an origin: each record keeps its own file). */
interface Entry {
  record: ZoneRecord;
  file: string;
}

/** The data of one origin: the union of every loaded zone file with that origin. */
interface OriginIndex {
  origin: string;
  /** Owner name -> records. */
  nodes: Map<string, Entry[]>;
  /** Every name that exists: owners and their ancestors up to the origin (empty non-terminals). */
  existing: Set<string>;
  /** Zone cuts: owners of NS records other than the origin (RFC 1034 §4.2.1); the names at and below are delegated. */
  cuts: Set<string>;
}

function inZone(name: string, origin: string): boolean {
  return origin === '' || name === origin || name.endsWith(`.${origin}`);
}

function parent(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** One index per origin, longest origin first (so the first covering index is the most specific zone). */
function buildIndex(zones: readonly Zone[]): OriginIndex[] {
  const byOrigin = new Map<string, OriginIndex>();
  for (const zone of zones) {
    let index = byOrigin.get(zone.origin);
    if (!index) {
      index = { origin: zone.origin, nodes: new Map(), existing: new Set([zone.origin]), cuts: new Set() };
      byOrigin.set(zone.origin, index);
    }
    const zoneFile = zone.file ?? zone.origin;
    for (const record of zone.records) {
      const file = record.file ?? zoneFile;
      if (!inZone(record.name, zone.origin)) continue; // out-of-zone data is ignored, as a server would
      let node = index.nodes.get(record.name);
      if (!node) {
        node = [];
        index.nodes.set(record.name, node);
      }
      node.push({ record, file });
      if (record.type === 'NS' && record.name !== zone.origin) index.cuts.add(record.name);
      for (let n = record.name; n !== zone.origin && n !== ''; n = parent(n)) index.existing.add(n);
    }
  }
  return [...byOrigin.values()].sort((a, b) => b.origin.length - a.origin.length);
}

/**
 * Where `name` is answered: the zone with the longest origin covering it, unless that zone delegates the name
 * (a zone cut at or above it, below the origin): then `delegatedAt` is the cut and no zone answers it.
 */
function findZone(
  indexes: readonly OriginIndex[],
  name: string,
): { zone: OriginIndex } | { delegatedAt: string } | undefined {
  const zone = indexes.find((z) => inZone(name, z.origin));
  if (!zone) return undefined;
  if (zone.cuts.size > 0) {
    for (let n = name; n !== zone.origin && n !== ''; n = parent(n)) {
      if (zone.cuts.has(n)) return { delegatedAt: n };
    }
  }
  return { zone };
}

/**
 * Whether the zones answer for a name themselves: `covered` (a zone holds it), `delegated` (the zone that covers it
 * delegates it away at `delegatedAt`, an NS record below its origin, RFC 1034 §4.2.1, and no other zone holds it),
 * or `outside` (no zone covers it). With `--offline`, names that are not `covered` do not exist. The zones are
 * indexed once; the returned function answers for each name.
 */
export function zoneCoverage(
  zones: readonly Zone[],
): (
  name: string,
) => { status: 'covered' } | { status: 'delegated'; delegatedAt: string } | { status: 'outside' } {
  const indexes = buildIndex([...zones]);
  return (name) => {
    const n = normalizeName(name);
    const found = n === null ? undefined : findZone(indexes, n);
    if (!found) return { status: 'outside' };
    return 'delegatedAt' in found
      ? { status: 'delegated', delegatedAt: found.delegatedAt }
      : { status: 'covered' };
  };
}

/**
 * The records at `name`, synthesised from a wildcard when `name` does not exist (RFC 4592 §3.3.1):
 * the closest encloser is the longest existing ancestor; `*.<closest encloser>` applies if it exists.
 */
function lookupNode(zone: OriginIndex, name: string): Entry[] | null {
  if (zone.existing.has(name)) return zone.nodes.get(name) ?? [];
  let encloser = parent(name);
  while (inZone(encloser, zone.origin) && !zone.existing.has(encloser)) {
    if (encloser === zone.origin || encloser === '') break;
    encloser = parent(encloser);
  }
  const wildcard = encloser === '' ? '*' : `*.${encloser}`;
  return zone.nodes.get(wildcard) ?? null;
}

function answerSource(entries: readonly Entry[]): DnsSource[] {
  return entries.map((e) => ({ file: e.file, line: e.record.line }));
}

/**
 * Builds a {@link Resolver} over zones.
 *
 * - A name inside a zone (the zone with the longest matching origin) is answered from that zone only. Several
 *   zone files with the same origin are one zone (their records are merged).
 * - Delegations: an NS record at a name other than the zone's origin is a zone cut (RFC 1034 §4.2.1). Names at
 *   and below the cut are not the zone's data (A/AAAA there are glue, not answers): they are treated as outside
 *   the zones (asked of `options.outside`; NXDOMAIN when `offline`; else REFUSED), unless another loaded zone
 *   has a longer origin covering them, which then answers.
 * - Records of the asked type: an answer (`source` gives each record's own file and line).
 * - A CNAME at the name (and the asked type is not CNAME): followed, within and across zones, and through
 *   `options.outside` for targets outside them; the answer lists the `cnames`. A loop or a chain longer than
 *   {@link MAX_CNAME_CHAIN} is SERVFAIL. A chain ending at a missing name gives that name's failure kind.
 * - The name exists (records of other types, or names below it): NODATA. Otherwise a wildcard (RFC 4592) or NXDOMAIN.
 * - `SPF` (type 99) records are kept in the zone but never returned for `TXT`.
 *
 * Never throws; invalid names are BADNAME.
 */
export function zoneResolver(zones: Zone[], options: ZoneResolverOptions = {}): Resolver {
  const indexes = buildIndex(zones);
  // Offline (and nothing outside): a name outside the zones was not asked anywhere (DnsFailure.offline).
  const offline = options.offline === true && !options.outside;
  const offlineMark = (f: DnsFailure): DnsFailure => (offline ? { ...f, offline: true } : f);
  const resolver: Resolver = {
    ...(offline ? { offline: true } : {}),
    async query<T extends RRType>(rawName: string, type: T, query?: QueryOptions): Promise<DnsResult<T>> {
      const name = normalizeName(rawName);
      if (name === null) return dnsFailure(rawName, type, 'BADNAME', 'invalid domain name');
      const cnames: string[] = [];
      const seen = new Set<string>();
      let current = name;
      for (;;) {
        const found = findZone(indexes, current);
        if (!found || 'delegatedAt' in found) {
          const where = found
            ? `delegated at ${found.delegatedAt} (NS), outside the zones`
            : 'outside the zones';
          if (cnames.length === 0) {
            if (options.outside) return options.outside.query(current, type, query);
            return offlineMark(
              dnsFailure(
                name,
                type,
                options.offline ? 'NXDOMAIN' : 'REFUSED',
                options.offline ? `${where} (offline)` : where,
              ),
            );
          }
          const tail: DnsResult<T> = options.outside
            ? await options.outside.query(current, type, query)
            : offlineMark(
                dnsFailure(
                  current,
                  type,
                  options.offline ? 'NXDOMAIN' : 'REFUSED',
                  `CNAME target ${current} ${where}`,
                ),
              );
          if (!tail.ok) return { ...tail, name };
          return { ...tail, name, cnames: [...cnames, ...(tail.cnames ?? [])] };
        }
        const entries = lookupNode(found.zone, current);
        if (entries === null) {
          return dnsFailure(
            name,
            type,
            'NXDOMAIN',
            cnames.length ? `CNAME target ${current} does not exist` : '',
          );
        }
        const recs = entries.map((e) => e.record);
        const matching = entries.filter((e) => e.record.type === type && e.record.data !== undefined);
        if (matching.length > 0) {
          const answer: DnsResult<T> = {
            ok: true,
            name,
            type,
            records: matching.map((e) => e.record.data as RecordDataMap[T]),
            source: answerSource(matching),
            ttl: Math.min(...matching.map((e) => e.record.ttl)),
          };
          if (cnames.length) answer.cnames = cnames;
          return answer;
        }
        const cname = type === 'CNAME' ? undefined : recs.find((r) => r.type === 'CNAME');
        if (cname) {
          const target = cname.data as string;
          if (seen.has(current) || cnames.length >= MAX_CNAME_CHAIN) {
            return dnsFailure(name, type, 'SERVFAIL', 'CNAME loop or chain too long');
          }
          seen.add(current);
          cnames.push(target);
          current = target;
          continue;
        }
        return dnsFailure(name, type, 'NODATA', '');
      }
    },
  };
  return resolver;
}

/**
 * Parses zone text and returns a closed-world (offline) resolver over it: a convenience for tests and examples.
 * @throws {@link ZoneParseError} when the text is malformed.
 */
export function zoneResolverFromText(text: string, origin?: string): Resolver {
  return zoneResolver([parseZone(text, origin === undefined ? {} : { origin })], { offline: true });
}
