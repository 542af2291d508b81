/**
 * The test resolvers, one set for every folder: closed-world resolvers over zone text, fault injection, a
 * question log. Answers come from RFC 1035 zone text through `zoneResolver` (offline), so a test's DNS is
 * exactly what it writes down.
 *
 * Names are compared case-insensitively; a failure key is a name (every type) or `name/TYPE` (one type), the
 * same syntax {@link recording} logs.
 */

import {
  type DnsFailureKind,
  type DnsResult,
  dnsFailure,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js';
import { parseZone, type Zone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';

/** Parses `origin -> zone text` pairs into zones; each zone's file is `<origin>.zone` (findings cite its lines). */
export function zonesOf(texts: Record<string, string>): Zone[] {
  return Object.entries(texts).map(([origin, text]) => parseZone(text, { origin, file: `${origin}.zone` }));
}

/** A closed-world resolver over zone texts keyed by origin (names outside every zone are REFUSED). */
export function zones(texts: Record<string, string>): Resolver {
  return zoneResolver(zonesOf(texts), { offline: true });
}

/** A closed-world resolver over zone texts that each set their `$ORIGIN` (files `zone0.zone`, `zone1.zone`...). */
export function originZones(...texts: string[]): Resolver {
  return zoneResolver(
    texts.map((t, i) => parseZone(t, { file: `zone${i}.zone` })),
    { offline: true },
  );
}

/** Zone text quoting: a TXT value as 255-octet character-strings, quotes and backslashes escaped. */
export function txt(value: string): string {
  // character-strings of at most 255 octets; `"` and `\` escaped, and octets outside printable ASCII written as
  // `\DDD` (a zone file holds non-ASCII text only that way: Knot refuses raw UTF-8)
  const bytes = Buffer.from(value, 'utf8');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 255) {
    let out = '';
    for (const b of bytes.subarray(i, i + 255)) {
      if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
      else if (b < 0x20 || b > 0x7e) out += `\\${String(b).padStart(3, '0')}`;
      else out += String.fromCharCode(b);
    }
    parts.push(`"${out}"`);
  }
  return parts.join(' ');
}

/** A zone over `origin` (with an SOA) holding the given relative-name TXT records, then any extra raw lines. */
export function zoneText(
  origin: string,
  records: Record<string, string | string[]>,
  extra: readonly string[] = [],
): string {
  const lines = [
    `$ORIGIN ${origin}.`,
    '$TTL 300',
    `@ IN SOA ns.${origin}. hostmaster.${origin}. 1 3600 600 86400 300`,
    // A complete zone has NS records at its origin (BIND and kzonecheck refuse one without; Knot warns).
    '@ IN NS ns.nameserver.invalid.',
  ];
  for (const [name, value] of Object.entries(records)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name} IN TXT ${txt(v)}`);
  }
  return `${[...lines, ...extra].join('\n')}\n`;
}

/**
 * A closed-world resolver over TXT records: `{ origin: { relativeName: txt | txt[] } }`, plus raw zone lines per
 * origin (`{ origin: ['@ MX 10 mx', ...] }`).
 */
export function txtZones(
  spec: Record<string, Record<string, string | string[]>>,
  extra: Record<string, readonly string[]> = {},
): Resolver {
  return zones(
    Object.fromEntries(
      Object.entries(spec).map(([origin, records]) => [
        origin,
        zoneText(origin, records, extra[origin] ?? []),
      ]),
    ),
  );
}

/** A closed-world resolver over one origin's TXT records (see {@link txtZones}). */
export function txtZone(
  origin: string,
  records: Record<string, string | string[]>,
  extra: readonly string[] = [],
): Resolver {
  return txtZones({ [origin]: records }, { [origin]: extra });
}

/** Which questions fail and how: `{ name: kind }` or `{ 'name/TYPE': kind }`, or a function of the name (lower case) and type. */
export type Failures =
  | Readonly<Record<string, DnsFailureKind>>
  | ((name: string, type: RRType) => DnsFailureKind | undefined);

/** Wraps `inner` so that the questions `failures` names fail with their kind (e.g. TIMEOUT, SERVFAIL, NXDOMAIN). */
export function failing(inner: Resolver, failures: Failures): Resolver {
  const kindOf =
    typeof failures === 'function'
      ? failures
      : (name: string, type: RRType) => failures[`${name}/${type}`] ?? failures[name];
  return {
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const kind = kindOf(name.toLowerCase().replace(/\.$/, ''), type);
      if (kind) return Promise.resolve(dnsFailure(name, type, kind, `injected ${kind}`));
      return inner.query(name, type);
    },
  };
}

/** A resolver whose every question fails with `kind`. */
export function down(kind: DnsFailureKind): Resolver {
  return { query: (name, type) => Promise.resolve(dnsFailure(name, type, kind, `injected ${kind}`)) };
}

/** Wraps `inner` and logs every question as `name/TYPE`, in order. */
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
