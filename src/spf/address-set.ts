/**
 * Sets of IP addresses as sorted, disjoint, non-adjacent integer ranges per address family, for the ordered
 * set computation of the authorized networks of an SPF policy (RFC 7208 §4.6.2, §5.2).
 *
 * @module
 */

import { type Cidr, type CidrBlock, cidrRange, rangesToBlocks } from './networks.js';

/** An inclusive range of addresses as integers. */
export type Range = readonly [bigint, bigint];

/** A set of addresses: sorted disjoint ranges for IPv4 (`v4`) and IPv6 (`v6`). */
export interface AddressSet {
  v4: Range[];
  v6: Range[];
}

const MAX = { v4: (1n << 32n) - 1n, v6: (1n << 128n) - 1n } as const;

/** The empty set. */
export function emptySet(): AddressSet {
  return { v4: [], v6: [] };
}

/** Every IPv4 and IPv6 address (what `all` matches). */
export function fullSet(): AddressSet {
  return { v4: [[0n, MAX.v4]], v6: [[0n, MAX.v6]] };
}

/** The set of a list of networks. */
export function setOf(nets: readonly Cidr[]): AddressSet {
  const s = emptySet();
  for (const n of nets) {
    const r = cidrRange(n);
    (n.address.version === 4 ? s.v4 : s.v6).push(r);
  }
  return { v4: normalize(s.v4), v6: normalize(s.v6) };
}

function normalize(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1n) {
      if (r[1] > last[1]) last[1] = r[1];
    } else out.push([r[0], r[1]]);
  }
  return out;
}

function subtractRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && (b[j] as Range)[1] < s) j++;
    let k = j;
    while (k < b.length && s <= e) {
      const [bs, be] = b[k] as Range;
      if (bs > e) break;
      if (bs > s) out.push([s, bs - 1n]);
      s = be + 1n;
      k++;
    }
    if (s <= e) out.push([s, e]);
  }
  return out;
}

/** `a ∪ b`. */
export function union(a: AddressSet, b: AddressSet): AddressSet {
  return { v4: normalize([...a.v4, ...b.v4]), v6: normalize([...a.v6, ...b.v6]) };
}

/** `a \ b`. */
export function subtract(a: AddressSet, b: AddressSet): AddressSet {
  return { v4: subtractRanges(a.v4, b.v4), v6: subtractRanges(a.v6, b.v6) };
}

/** True when the set has no address. */
export function isEmpty(s: AddressSet): boolean {
  return s.v4.length === 0 && s.v6.length === 0;
}

/** True when the set holds every IPv4 and every IPv6 address. */
export function isFull(s: AddressSet): boolean {
  const f = (r: Range[], max: bigint) => r.length === 1 && r[0]?.[0] === 0n && r[0]?.[1] === max;
  return f(s.v4, MAX.v4) && f(s.v6, MAX.v6);
}

/** The minimal sorted CIDR list of a set, IPv4 first. */
export function setBlocks(s: AddressSet): CidrBlock[] {
  return [...rangesToBlocks(s.v4, 4), ...rangesToBlocks(s.v6, 6)];
}
