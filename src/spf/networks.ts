/**
 * CIDR arithmetic for SPF analysis: merging a set of networks into the minimal list of CIDR blocks that
 * covers exactly the same addresses, and counting addresses.
 *
 * @module
 */

import { formatIp, type IpAddress } from './ip.js';

/** A network: an address and a prefix length. */
export interface Cidr {
  address: IpAddress;
  prefix: number;
}

/** A CIDR block of a merged list. */
export interface CidrBlock {
  /** `192.0.2.0/24`, `2001:db8::/32`. */
  cidr: string;
  version: 4 | 6;
  prefix: number;
  /**
   * Number of addresses, 2^(bits - prefix): a power of two, which a float holds exactly up to 2^128 (JSON
   * writes the large ones in exponent form, e.g. `1.8446744073709552e+19` for a /64).
   */
  addresses: number;
}

/**
 * The number of addresses of a block, exactly, for people: decimal up to 2^32 (`16777216` for a /8, `1` for a
 * /128), above that as a power of two (`2^96` for an IPv6 /32), never in a float's exponent form.
 */
export function formatBlockSize(block: Pick<CidrBlock, 'version' | 'prefix'>): string {
  const bits = (block.version === 4 ? 32 : 128) - block.prefix;
  return bits <= 32 ? (1n << BigInt(bits)).toString() : `2^${bits}`;
}

/**
 * An exact address count for people: decimal up to 2^32, else the decimal digits and the nearest power of two
 * (`79228162514264337593543950336 (2^96)`; `~2^95.6` when not a power of two).
 */
export function formatAddressCount(count: bigint): string {
  if (count <= 1n << 32n) return count.toString();
  const bits = count.toString(2).length - 1;
  if (count === 1n << BigInt(bits)) return `${count} (2^${bits})`;
  const fraction = Number(count >> BigInt(bits - 52)) / 2 ** 52;
  return `${count} (~2^${(bits + Math.log2(fraction)).toFixed(1)})`;
}

/** The exact number of addresses of one version in a list of blocks (disjoint, as {@link mergeCidrs} makes them). */
export function countAddresses(blocks: readonly CidrBlock[], version: 4 | 6): bigint {
  const bits = version === 4 ? 32 : 128;
  let n = 0n;
  for (const b of blocks) if (b.version === version) n += 1n << BigInt(bits - b.prefix);
  return n;
}

function toBig(ip: IpAddress): bigint {
  let v = 0n;
  for (const b of ip.bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function fromBig(v: bigint, version: 4 | 6): IpAddress {
  const len = version === 4 ? 4 : 16;
  const bytes = new Uint8Array(len);
  let x = v;
  for (let i = len - 1; i >= 0; i--) {
    bytes[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return { version, bytes };
}

/** The network address of `cidr` (host bits cleared) and the last address, as integers. */
export function cidrRange(c: Cidr): [bigint, bigint] {
  const bits = c.address.version === 4 ? 32n : 128n;
  const hostBits = bits - BigInt(c.prefix);
  const start = (toBig(c.address) >> hostBits) << hostBits;
  return [start, start + (1n << hostBits) - 1n];
}

/** True when network `inner` lies inside network `outer` (same version). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.address.version !== inner.address.version) return false;
  const [os, oe] = cidrRange(outer);
  const [is, ie] = cidrRange(inner);
  return os <= is && ie <= oe;
}

/**
 * Merges networks into the minimal sorted list of CIDR blocks covering exactly their union, IPv4 first.
 */
export function mergeCidrs(nets: readonly Cidr[]): CidrBlock[] {
  const out: CidrBlock[] = [];
  for (const version of [4, 6] as const) {
    const ranges = nets
      .filter((n) => n.address.version === version)
      .map(cidrRange)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: [bigint, bigint][] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1n) {
        if (r[1] > last[1]) last[1] = r[1];
      } else merged.push([r[0], r[1]]);
    }
    out.push(...rangesToBlocks(merged, version));
  }
  return out;
}

/**
 * The minimal sorted list of CIDR blocks covering sorted, disjoint inclusive integer ranges of one version.
 */
export function rangesToBlocks(ranges: readonly (readonly [bigint, bigint])[], version: 4 | 6): CidrBlock[] {
  const bits = version === 4 ? 32 : 128;
  const out: CidrBlock[] = [];
  for (const [s, e] of ranges) {
    let start = s;
    while (start <= e) {
      // Largest block aligned at `start` that does not pass `e`.
      let size = 1n;
      let prefix = bits;
      while (prefix > 0) {
        const next = size << 1n;
        if (start % next !== 0n || start + next - 1n > e) break;
        size = next;
        prefix--;
      }
      out.push({
        cidr: `${formatIp(fromBig(start, version))}/${prefix}`,
        version,
        prefix,
        addresses: Number(size),
      });
      start += size;
    }
  }
  return out;
}
