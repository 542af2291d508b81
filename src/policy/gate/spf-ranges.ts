/**
 * Address arithmetic for `spf.authorize` networks: which address ranges a domain's SPF policy treats alike.
 *
 * check_host() (RFC 7208 §4) compares the client address only through the networks of the policy: `ip4`/`ip6`
 * terms (§5.6) and the addresses an `a`/`mx` term resolves to, with its cidr lengths (§5.3, §5.4). Every other
 * term matches the same way for every address of one IP version (`include`/`redirect` recurse into records of
 * the same kind; `all` always matches; an `exists` whose target does not use the client address asks one fixed
 * name). So the result is constant over each elementary range delimited by the first address and the address
 * after the last of every network in the include/redirect tree: checking one address per range decides the
 * whole network. The exceptions are {@link OpaqueTerm}s: `ptr` (reverse DNS of the client, §5.5), targets
 * using `%{i}`, `%{c}` or `%{p}` (§7.3), and terms whose networks the audit could not learn.
 *
 * An IPv4-mapped IPv6 client (`::ffff:0:0/96`) is checked as the IPv4 address (RFC 7208 §5), so an IPv6 entry
 * covering part of that block is cut at its edges and at the IPv4 networks mapped into it.
 *
 * @module
 */

import ipaddr from 'ipaddr.js';
import { dynamicMacroLetters, parseSpfRecord, type SpfTermInfo, type SpfTreeNode } from '../../spf/index.js';
import { parseAuthorizeEntry } from '../authorize.js';
import { domainKey } from './domain-rules.js';

/** An inclusive range of addresses of one IP version, as unsigned integers (32 bits for IPv4, 128 for IPv6). */
export interface AddressRange {
  version: 4 | 6;
  first: bigint;
  last: bigint;
}

/** A term of the SPF tree whose match the ranges cannot describe, and why. */
export interface OpaqueTerm {
  /** The domain whose record holds the term. */
  domain: string;
  /** The term as written. */
  term: string;
  /** A clause: `ptr matches on the client's reverse DNS (RFC 7208 §5.5)`. */
  reason: string;
}

/** What a domain's SPF tree says about address ranges. */
export interface SpfBoundaries {
  /** The networks of every reached `ip4`/`ip6` term and every resolved `a`/`mx` term, of both versions. */
  networks: AddressRange[];
  /** Opaque terms by {@link termKey}. */
  opaque: Map<string, OpaqueTerm>;
  /** The domains (as {@link domainKey}) whose record terms the tree holds. */
  domains: Set<string>;
}

/** The first IPv4-mapped IPv6 address, `::ffff:0.0.0.0`. */
const MAPPED_FIRST = 0xffffn << 32n;
const MAPPED_LAST = MAPPED_FIRST + 0xffff_ffffn;
/**
 * Macro letters whose value depends on the client address: `i` and `c` (the address), `p` (its validated name)
 * (RFC 7208 §7.3; `c` is only valid in explanations, listed for safety). `v` (`in-addr`/`ip6`) is constant
 * within a range, which never spans two IP versions.
 */
const CLIENT_LETTERS = new Set(['i', 'c', 'p']);

function toBigInt(bytes: readonly number[]): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

function fromBigInt(v: bigint, version: 4 | 6): number[] {
  const out = new Array<number>(version === 4 ? 4 : 16).fill(0);
  let x = v;
  for (let i = out.length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** The range of a network: `bytes` of the address and the prefix length in bits (host bits ignored). */
function rangeOf(bytes: readonly number[], prefix: number): AddressRange {
  const version = bytes.length === 4 ? 4 : 6;
  const hostBits = BigInt((version === 4 ? 32 : 128) - prefix);
  const first = (toBigInt(bytes) >> hostBits) << hostBits;
  return { version, first, last: first + (1n << hostBits) - 1n };
}

/**
 * The range of an `spf.authorize` address or network entry (`192.0.2.0/24` → 192.0.2.0..192.0.2.255; an address
 * is a range of one).
 * @throws RangeError when `entry` is not an address or network as `parseAuthorizeEntry` requires (`1.2.3`,
 *   `01.2.3.4`, `10.0.0.0/33`, `include:...`): no shorthand is ever expanded into another address.
 */
export function entryRange(entry: string): AddressRange {
  const parsed = parseAuthorizeEntry(entry);
  if ('error' in parsed) throw new RangeError(parsed.error);
  if (parsed.kind !== 'ip') throw new RangeError(`"${entry}" is not an IP address or network`);
  const bytes = ipaddr.parse(parsed.address).toByteArray();
  return rangeOf(bytes, parsed.prefix ?? bytes.length * 8);
}

/** An address of the range's version as text: dotted quad, RFC 5952 IPv6, `::ffff:a.b.c.d` for IPv4-mapped. */
export function addressText(version: 4 | 6, value: bigint): string {
  if (version === 6 && value >= MAPPED_FIRST && value <= MAPPED_LAST) {
    return `::ffff:${addressText(4, value - MAPPED_FIRST)}`;
  }
  const addr = ipaddr.fromByteArray(fromBigInt(value, version));
  return addr.kind() === 'ipv6' ? (addr as ipaddr.IPv6).toRFC5952String() : addr.toString();
}

/** A range as text: one address, a CIDR network when it is one (`192.0.2.0/24`), else `first-last`. */
export function rangeText(r: AddressRange): string {
  if (r.first === r.last) return addressText(r.version, r.first);
  const size = r.last - r.first + 1n;
  const aligned = (size & (size - 1n)) === 0n && r.first % size === 0n;
  if (aligned) {
    const prefix = (r.version === 4 ? 32 : 128) - (size.toString(2).length - 1);
    return `${addressText(r.version, r.first)}/${prefix}`;
  }
  return `${addressText(r.version, r.first)}-${addressText(r.version, r.last)}`;
}

/**
 * First and last address of a network (`192.0.2.0/24` → `192.0.2.0`, `192.0.2.255`), or the address itself.
 * The gate no longer decides a network from these two addresses alone (see {@link elementaryRanges}); kept for
 * library users.
 * @throws RangeError when `entry` is not an address or network as `parseAuthorizeEntry` requires (`1.2.3`,
 *   `01.2.3.4`, `10.0.0.0/33`).
 */
export function networkEnds(entry: string): string[] {
  const r = entryRange(entry);
  const first = addressText(r.version, r.first);
  return r.first === r.last ? [first] : [first, addressText(r.version, r.last)];
}

/** The key of a term in {@link SpfBoundaries.opaque}: its record's domain and its offset in the record. */
export function termKey(domain: string, offset: number): string {
  return `${domainKey(domain)} ${offset}`;
}

/** The macro letters of a term's domain-spec that depend on the message or client (`l`, `i`...), as `%{l}`. */
function dynamicLetters(term: string): string[] {
  const parsed = parseSpfRecord(`v=spf1 ${term}`).record;
  const t = parsed.terms[0];
  const spec =
    t?.kind === 'mechanism' && 'domainSpec' in t
      ? t.domainSpec
      : t?.kind === 'modifier' && t.name !== 'unknown'
        ? t.domainSpec
        : undefined;
  return spec ? dynamicMacroLetters(spec) : [];
}

function macroReason(info: SpfTermInfo): string {
  const letters = dynamicLetters(info.term).map((l) => `%{${l}}`);
  return `its target depends on ${letters.length ? letters.join(', ') : 'macros'}, so the gate cannot know its networks`;
}

/** The network of an `ip4:`/`ip6:` term, or null when the term does not parse. */
function ipTermRange(term: string): AddressRange | null {
  const t = parseSpfRecord(`v=spf1 ${term}`).record.terms[0];
  if (t?.kind !== 'mechanism' || (t.name !== 'ip4' && t.name !== 'ip6')) return null;
  return rangeOf(Array.from(t.address.bytes), t.cidr ?? (t.name === 'ip4' ? 32 : 128));
}

/**
 * Reads the networks and opaque terms of a domain's SPF tree (as `auditSpf` built it). Only reached terms
 * count (terms after `all` are never evaluated). Work: linear in the tree's terms and networks.
 */
export function spfBoundaries(tree: SpfTreeNode): SpfBoundaries {
  const out: SpfBoundaries = { networks: [], opaque: new Map(), domains: new Set() };
  const opaque = (node: SpfTreeNode, info: SpfTermInfo, reason: string) =>
    out.opaque.set(termKey(node.domain, info.offset), { domain: node.domain, term: info.term, reason });
  const recurse = (node: SpfTreeNode, info: SpfTermInfo, stack: SpfTreeNode[]) => {
    if (info.macro) return opaque(node, info, macroReason(info));
    const child = info.child !== undefined ? node.children[info.child] : undefined;
    if (!child) return opaque(node, info, 'its target record was not read by the audit');
    if (child.status === 'not-expanded')
      return opaque(node, info, `${child.domain} was not expanded (${child.detail ?? 'analysis limit'})`);
    if (child.status === 'dns-error')
      return opaque(node, info, `${child.domain} could not be read (DNS error)`);
    stack.push(child);
  };
  const stack: SpfTreeNode[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.terms.length > 0) out.domains.add(domainKey(node.domain));
    for (const info of node.terms) {
      if (!info.reached || info.kind === 'invalid') continue;
      if (info.kind === 'modifier') {
        if (info.name === 'redirect') recurse(node, info, stack);
        continue;
      }
      switch (info.name) {
        case 'ip4':
        case 'ip6': {
          const r = ipTermRange(info.term);
          if (r) out.networks.push(r);
          else opaque(node, info, 'its network could not be read');
          break;
        }
        case 'a':
        case 'mx':
          if (info.macro) opaque(node, info, macroReason(info));
          else if (info.notResolved) opaque(node, info, 'its addresses were not resolved (analysis limit)');
          else if (info.dnsError) opaque(node, info, `resolving its addresses failed (${info.dnsError})`);
          else if (!info.networks) opaque(node, info, 'its addresses are unknown');
          else
            for (const n of info.networks) {
              const [addr, prefix] = ipaddr.parseCIDR(n);
              out.networks.push(rangeOf(addr.toByteArray(), prefix));
            }
          break;
        case 'ptr':
          opaque(node, info, "ptr matches on the client's reverse DNS (RFC 7208 §5.5)");
          break;
        case 'exists': {
          const client = dynamicLetters(info.term).filter((l) => CLIENT_LETTERS.has(l));
          if (client.length > 0)
            opaque(
              node,
              info,
              `its target depends on ${client.map((l) => `%{${l}}`).join(', ')}, which ${client.length === 1 ? 'is' : 'are'} known only for each client address (RFC 7208 §7.3)`,
            );
          break;
        }
        case 'include':
          recurse(node, info, stack);
          break;
      }
    }
  }
  return out;
}

/**
 * The networks that can cut a range of `version`: the tree's networks of that version; for IPv6 also the
 * IPv4-mapped block and the IPv4 networks mapped into it (a mapped client is checked as IPv4).
 */
function cuttingNetworks(b: SpfBoundaries, version: 4 | 6): AddressRange[] {
  const same = b.networks.filter((n) => n.version === version);
  if (version === 4) return same;
  const mapped = b.networks
    .filter((n) => n.version === 4)
    .map((n): AddressRange => ({ version: 6, first: n.first + MAPPED_FIRST, last: n.last + MAPPED_FIRST }));
  return [...same, { version: 6, first: MAPPED_FIRST, last: MAPPED_LAST }, ...mapped];
}

/**
 * Splits `entry` into the elementary ranges delimited by the networks of `boundaries` that intersect it (cut
 * at each network's first address and after its last), in ascending order; their union is `entry`. Within one
 * range every non-opaque term of the tree matches all addresses or none. Work: O(n log n) in the networks.
 */
export function elementaryRanges(entry: AddressRange, boundaries: SpfBoundaries): AddressRange[] {
  const cuts = new Set<bigint>([entry.first]);
  for (const n of cuttingNetworks(boundaries, entry.version)) {
    if (n.last < entry.first || n.first > entry.last) continue;
    if (n.first > entry.first) cuts.add(n.first);
    if (n.last < entry.last) cuts.add(n.last + 1n);
  }
  const sorted = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map((first, i) => ({
    version: entry.version,
    first,
    last: (sorted[i + 1] ?? entry.last + 1n) - 1n,
  }));
}
