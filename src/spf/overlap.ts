/**
 * Redundant ip4/ip6 terms of one SPF record (RFC 7208 §5.6): a network inside another network of the same
 * record. Runs in O(n log n) for n terms (a sort and one sweep), so records of thousands of terms stay fast.
 *
 * @module
 */

import { type Cidr, cidrRange } from './networks.js';
import type { Qualifier } from './record.js';

/** One ip4/ip6 term, as {@link redundantNetworks} needs it. */
export interface NetworkTerm {
  /** Position of the term in the record (its index among the terms); earlier terms are evaluated first. */
  index: number;
  cidr: Cidr;
  qualifier: Qualifier;
  /** The canonical text of the term (lower case): terms with the same key are duplicates, not overlaps. */
  key: string;
}

interface Group {
  version: 4 | 6;
  start: bigint;
  end: bigint;
  /** The terms with exactly this range, in record order. */
  members: NetworkTerm[];
  /** The first member of each qualifier. */
  byQualifier: Map<Qualifier, NetworkTerm>;
}

/**
 * Finds, for each ip4/ip6 term that is inside another term of the same record, the term it is inside.
 *
 * A term X is inside a term O (X's network contained in O's, same IP version, different canonical text) and
 * counts as redundant when O comes first (O always matches before X, whatever their qualifiers) or O comes
 * later with the same qualifier (removing X changes no result). A term inside a later term with another
 * qualifier is an exception carved out of it (`-ip4:192.0.2.9 ip4:192.0.2.0/24`) and is not reported. For
 * equal networks written differently, only the later ones are reported. When several terms contain X, the
 * largest network is named (the first of them in record order among equal networks).
 *
 * Networks are aligned CIDR blocks, so two of them are either nested or disjoint: sorting by start (and by
 * size, largest first) and sweeping with a stack of the enclosing networks finds every container; the stack
 * is at most 33 (IPv4) or 129 (IPv6) deep.
 *
 * @param terms the ip4/ip6 terms of one record, in record order
 * @returns a map from the index of each redundant term to the index of the term it is inside
 */
export function redundantNetworks(terms: readonly NetworkTerm[]): Map<number, number> {
  const groups = new Map<string, Group>();
  for (const t of terms) {
    const [start, end] = cidrRange(t.cidr);
    const id = `${t.cidr.address.version}/${start}/${end}`;
    let g = groups.get(id);
    if (!g) {
      g = { version: t.cidr.address.version, start, end, members: [], byQualifier: new Map() };
      groups.set(id, g);
    }
    g.members.push(t);
    if (!g.byQualifier.has(t.qualifier)) g.byQualifier.set(t.qualifier, t);
  }
  const sorted = [...groups.values()].sort(
    (a, b) =>
      a.version - b.version ||
      (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) ||
      (a.end > b.end ? -1 : a.end < b.end ? 1 : 0),
  );

  const out = new Map<number, number>();
  const stack: Group[] = [];
  for (const g of sorted) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.version === g.version && top.end >= g.start) break;
      stack.pop();
    }
    const first = g.members[0]!;
    const firstOtherKey = g.members.find((m) => m.key !== first.key);
    for (const x of g.members) {
      let container: NetworkTerm | undefined;
      // The largest enclosing network first.
      for (const outer of stack) {
        const head = outer.members[0]!;
        container = head.index < x.index ? head : outer.byQualifier.get(x.qualifier);
        if (container) break;
      }
      if (!container) {
        // An equal network written differently, earlier in the record.
        const earlier = first.key !== x.key ? first : firstOtherKey;
        if (earlier && earlier.index < x.index) container = earlier;
      }
      if (container) out.set(x.index, container.index);
    }
    stack.push(g);
  }
  return out;
}
