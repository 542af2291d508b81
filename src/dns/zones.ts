/**
 * A {@link Resolver} that answers from parsed zone files the way an authoritative server (plus a recursive
 * resolver's CNAME chasing) would: NXDOMAIN for names that do not exist, NODATA for names that exist without
 * the asked type (including empty non-terminals, RFC 8020), CNAMEs followed, wildcards per RFC 4592.
 *
 * @module
 */

import {
  type DnsResult,
  type DnsSource,
  dnsFailure,
  normalizeName,
  type RecordDataMap,
  type Resolver,
  type RRType,
} from './resolver.js';
import { parseZone, type Zone, type ZoneRecord } from './zonefile.js';

/** Options for {@link zoneResolver}. */
export interface ZoneResolverOptions {
  /**
   * Names outside every zone are NXDOMAIN (a closed world, for tests, the demo and `--offline`).
   * Without it (and without `outside`), such names are REFUSED: the zones are not authoritative for them.
   */
  offline?: boolean;
  /** Asked for names outside every zone (and for CNAME targets outside them): the basis of {@link overlayResolver}. */
  outside?: Resolver;
}

/** The longest CNAME chain followed before the answer is SERVFAIL (as recursive resolvers cap it). */
export const MAX_CNAME_CHAIN = 16;

interface Node {
  records: ZoneRecord[];
  zone: Zone;
}

interface Index {
  zones: Zone[];
  /** Owner name -> records (all zones). */
  nodes: Map<string, Node>;
  /** Every name that exists: owners and their ancestors up to the zone origin (empty non-terminals). */
  existing: Set<string>;
}

function inZone(name: string, origin: string): boolean {
  return origin === '' || name === origin || name.endsWith(`.${origin}`);
}

function buildIndex(zones: Zone[]): Index {
  const nodes = new Map<string, Node>();
  const existing = new Set<string>();
  for (const zone of zones) {
    existing.add(zone.origin);
    for (const rec of zone.records) {
      if (!inZone(rec.name, zone.origin)) continue; // out-of-zone data is ignored, as a server would
      let node = nodes.get(rec.name);
      if (!node) {
        node = { records: [], zone };
        nodes.set(rec.name, node);
      }
      node.records.push(rec);
      let n = rec.name;
      while (n !== zone.origin && n !== '') {
        existing.add(n);
        const dot = n.indexOf('.');
        n = dot < 0 ? '' : n.slice(dot + 1);
      }
    }
  }
  return { zones, nodes, existing };
}

function findZone(index: Index, name: string): Zone | undefined {
  let best: Zone | undefined;
  for (const z of index.zones) {
    if (inZone(name, z.origin) && (!best || z.origin.length > best.origin.length)) best = z;
  }
  return best;
}

function parent(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/**
 * The records at `name`, synthesised from a wildcard when `name` does not exist (RFC 4592 §3.3.1):
 * the closest encloser is the longest existing ancestor; `*.<closest encloser>` applies if it exists.
 */
function lookupNode(index: Index, zone: Zone, name: string): ZoneRecord[] | null {
  if (index.existing.has(name)) return index.nodes.get(name)?.records ?? [];
  let encloser = parent(name);
  while (inZone(encloser, zone.origin) && !index.existing.has(encloser)) {
    if (encloser === zone.origin || encloser === '') break;
    encloser = parent(encloser);
  }
  const wildcard = encloser === '' ? '*' : `*.${encloser}`;
  const w = index.nodes.get(wildcard);
  return w ? w.records : null;
}

function answerSource(zone: Zone, records: ZoneRecord[]): DnsSource[] {
  return records.map((r) => ({ file: zone.file ?? zone.origin, line: r.line }));
}

/**
 * Builds a {@link Resolver} over zones.
 *
 * - A name inside a zone (the zone with the longest matching origin) is answered from that zone only.
 * - Records of the asked type: an answer (`source` gives each record's file and line).
 * - A CNAME at the name (and the asked type is not CNAME): followed, within and across zones, and through
 *   `options.outside` for targets outside them; the answer lists the `cnames`. A loop or a chain longer than
 *   {@link MAX_CNAME_CHAIN} is SERVFAIL. A chain ending at a missing name gives that name's failure kind.
 * - The name exists (records of other types, or names below it): NODATA. Otherwise a wildcard (RFC 4592) or NXDOMAIN.
 * - `SPF` (type 99) records are kept in the zone but never returned for `TXT`.
 *
 * Never throws; invalid names are BADNAME.
 */
export function zoneResolver(zones: Zone[], options: ZoneResolverOptions = {}): Resolver {
  const index = buildIndex(zones);
  const resolver: Resolver = {
    async query<T extends RRType>(rawName: string, type: T): Promise<DnsResult<T>> {
      const name = normalizeName(rawName);
      if (name === null) return dnsFailure(rawName, type, 'BADNAME', 'invalid domain name');
      const cnames: string[] = [];
      const seen = new Set<string>();
      let current = name;
      for (;;) {
        const zone = findZone(index, current);
        if (!zone) {
          if (cnames.length === 0) {
            if (options.outside) return options.outside.query(current, type);
            return dnsFailure(
              name,
              type,
              options.offline ? 'NXDOMAIN' : 'REFUSED',
              options.offline ? 'outside the zones (offline)' : 'outside the zones',
            );
          }
          const tail: DnsResult<T> = options.outside
            ? await options.outside.query(current, type)
            : dnsFailure(
                current,
                type,
                options.offline ? 'NXDOMAIN' : 'REFUSED',
                'CNAME target outside the zones',
              );
          if (!tail.ok) return { ...tail, name };
          return { ...tail, name, cnames: [...cnames, ...(tail.cnames ?? [])] };
        }
        const recs = lookupNode(index, zone, current);
        if (recs === null) {
          return dnsFailure(
            name,
            type,
            'NXDOMAIN',
            cnames.length ? `CNAME target ${current} does not exist` : '',
          );
        }
        const matching = recs.filter((r) => r.type === type && r.data !== undefined);
        if (matching.length > 0) {
          const answer: DnsResult<T> = {
            ok: true,
            name,
            type,
            records: matching.map((r) => r.data as RecordDataMap[T]),
            source: answerSource(zone, matching),
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
