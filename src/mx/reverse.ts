/**
 * Reverse DNS of an address: the PTR names (RFC 1035 §3.5, RFC 3596 §2.5) and forward-confirmed reverse DNS
 * (FCrDNS, the "iprev" check of RFC 8601 §3): a PTR name whose A/AAAA records include the address.
 *
 * @module
 */

import ipaddr from 'ipaddr.js';
import {
  type DnsFailureKind,
  isAbsent,
  isNotCheckedOffline,
  isTransientFailure,
  type Resolver,
} from '../dns/resolver.js';

/**
 * The reverse-lookup name of an IPv4 or IPv6 address: `4.3.2.1.in-addr.arpa` for `1.2.3.4`, 32 nibbles under
 * `ip6.arpa` for IPv6.
 * @returns the name, or null when `address` is not an IP address.
 */
export function reverseName(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  const ip = ipaddr.parse(address);
  const bytes = ip.toByteArray();
  if (ip.kind() === 'ipv4') return `${[...bytes].reverse().join('.')}.in-addr.arpa`;
  const nibbles: string[] = [];
  for (const b of bytes) nibbles.push((b >> 4).toString(16), (b & 0xf).toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** True when two address texts denote the same address (`2001:db8::1` equals `2001:0db8:0:0::1`). */
export function sameAddress(a: string, b: string): boolean {
  if (!ipaddr.isValid(a) || !ipaddr.isValid(b)) return false;
  const x = ipaddr.parse(a);
  const y = ipaddr.parse(b);
  return x.kind() === y.kind() && x.toNormalizedString() === y.toNormalizedString();
}

/**
 * The special-purpose range of an address that makes it unusable on the Internet (RFC 6890), or null for a
 * global unicast address. Documentation ranges (192.0.2.0/24, 2001:db8::/32) count as global here so that
 * examples and tests look like real hosts.
 */
export function nonPublicRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return null;
  const ip = ipaddr.parse(address);
  const range = ip.range();
  const bad = [
    'unspecified',
    'loopback',
    'private',
    'linkLocal',
    'uniqueLocal',
    'multicast',
    'broadcast',
    'carrierGradeNat',
  ];
  return bad.includes(range) ? range : null;
}

/**
 * The most PTR names checked by {@link reverseDns}: 10, the limit RFC 7208 §4.6.4 sets for the `ptr` mechanism
 * ("if more than 10 PTR records are returned ... all records other than the first 10 MUST be ignored"). A PTR
 * answer with hundreds of names would otherwise cost hundreds of forward lookups.
 */
export const MAX_PTR_NAMES = 10;

/** The reverse DNS of one address. */
export interface ReverseDns {
  /**
   * PTR names at the reverse name (lower-case, no trailing dot, duplicates removed), in answer order, at most
   * {@link MAX_PTR_NAMES}: the ones checked. Empty when there are none.
   */
  ptr: string[];
  /** How many further distinct PTR names the answer had beyond {@link MAX_PTR_NAMES} (ignored, not checked). */
  ptrIgnored?: number;
  /**
   * True when some PTR name resolves back to the address (FCrDNS); false when none does; null when it could
   * not be decided (DNS failure, or no PTR).
   */
  fcrdns: boolean | null;
  /** The PTR name that confirmed the address, when `fcrdns` is true. */
  confirmedBy?: string;
  /** Set when a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) left something undecided. */
  dnsError?: { name: string; type: 'PTR' | 'A' | 'AAAA'; kind: DnsFailureKind };
  /**
   * Names that were not asked because they are outside the zone files of an offline resolver
   * (`DnsFailure.offline`): the reverse name (then `ptr` is empty and `fcrdns` null) or PTR names whose
   * forward lookup decides FCrDNS (then `fcrdns` is null unless another name confirmed the address).
   */
  notCheckedOffline?: string[];
}

/**
 * Looks up the PTR records of `address` and checks each PTR name's A (IPv4) or AAAA (IPv6) records for the
 * address, stopping at the first confirmation. Only the first {@link MAX_PTR_NAMES} distinct names are checked
 * (at most 1 PTR + 10 A/AAAA queries per address); the others are counted in `ptrIgnored`. Never throws.
 */
export async function reverseDns(address: string, resolver: Resolver): Promise<ReverseDns> {
  const name = reverseName(address);
  if (name === null) return { ptr: [], fcrdns: null };
  const ptr = await resolver.query(name, 'PTR');
  if (!ptr.ok) {
    if (isNotCheckedOffline(ptr)) return { ptr: [], fcrdns: null, notCheckedOffline: [name] };
    if (isAbsent(ptr.kind)) return { ptr: [], fcrdns: null };
    return { ptr: [], fcrdns: null, dnsError: { name, type: 'PTR', kind: ptr.kind } };
  }
  const all = [...new Set(ptr.records.map((r) => r.toLowerCase()))];
  const names = all.slice(0, MAX_PTR_NAMES);
  const base: Pick<ReverseDns, 'ptr' | 'ptrIgnored'> =
    all.length > names.length ? { ptr: names, ptrIgnored: all.length - names.length } : { ptr: names };
  const type = ipaddr.parse(address).kind() === 'ipv4' ? 'A' : 'AAAA';
  let dnsError: ReverseDns['dnsError'];
  const offline: string[] = [];
  for (const host of names) {
    const fwd = await resolver.query(host, type);
    if (fwd.ok) {
      if (fwd.records.some((r) => sameAddress(r, address)))
        return { ...base, fcrdns: true, confirmedBy: host };
    } else if (isNotCheckedOffline(fwd)) {
      offline.push(host);
    } else if (isTransientFailure(fwd)) {
      dnsError ??= { name: host, type, kind: fwd.kind };
    }
  }
  if (dnsError) return { ...base, fcrdns: null, dnsError };
  return offline.length > 0
    ? { ...base, fcrdns: null, notCheckedOffline: offline }
    : { ...base, fcrdns: false };
}
