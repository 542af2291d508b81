/**
 * The authorized networks of an SPF policy as an ordered set computation over its include/redirect tree
 * (RFC 7208 §4.6.2: the first matching mechanism decides; §5.2: `include` matches only when the included
 * record's result is pass; §6.1: `redirect` decides what no mechanism matched).
 *
 * Per record, walking its reached terms in order: a pass term adds the addresses it matches that no earlier
 * term decided; a non-pass term only marks its addresses as decided (so later pass terms cannot add them).
 * An include matches exactly the pass set of its record. Terms whose match depends on each message (macros,
 * `exists`, `ptr`) or on DNS that failed make the result inexact: they are listed, and when moving them in
 * front of a flattened list could change which clients pass, flattening is unsafe.
 *
 * @module
 */

import { type AddressSet, emptySet, fullSet, isEmpty, setOf, subtract, union } from './address-set.js';
import type { SpfTermInfo, SpfTreeNode } from './analysis.js';
import type { Cidr } from './networks.js';

/** The networks a term matches, when they are known without a client (ip4/ip6, resolved a/mx). */
export type TermNetworks = WeakMap<SpfTermInfo, readonly Cidr[]>;

/** The result of {@link authorizedSet}. */
export interface AuthorizedSet {
  /** Addresses for which the policy's static terms give pass. */
  pass: AddressSet;
  /** True when no term depends on each message or on failed DNS: `pass` is exactly the authorized set. */
  exact: boolean;
  /** Terms that depend on each message or on DNS that failed (`term (domain)`). */
  dynamic: string[];
  /**
   * Why a flattened list (kept terms first, then the networks) would not keep the same authorized set; empty
   * when it would.
   */
  unsafe: string[];
}

interface Walk {
  pass: AddressSet;
  decided: AddressSet;
}

/**
 * Computes the authorized (pass) set of the policy rooted at `tree`.
 * @param nets the networks of the ip4/ip6 and resolved a/mx terms (terms missing from it are dynamic)
 */
export function authorizedSet(tree: SpfTreeNode, nets: TermNetworks): AuthorizedSet {
  const out: AuthorizedSet = { pass: emptySet(), exact: true, dynamic: [], unsafe: [] };
  out.pass = walk(tree, nets, { pass: false, nonPass: false }, true, out).pass;
  return out;
}

/** What the records that lead to a record already decided before it: some pass, some non-pass addresses. */
interface Prior {
  pass: boolean;
  nonPass: boolean;
}

function walk(
  node: SpfTreeNode,
  nets: TermNetworks,
  prior: Prior,
  rootChain: boolean,
  out: AuthorizedSet,
): Walk {
  let pass = emptySet();
  let decided = emptySet();
  if (node.status !== 'found') {
    out.exact = false;
    out.dynamic.push(`${node.viaTerm ?? node.domain} (${node.domain}: ${node.status})`);
    out.unsafe.push(`${node.domain} gives no usable record (${node.status}), so check_host() errors there`);
    return { pass, decided };
  }
  // The flattened list keeps a dynamic term before the networks: that keeps the authorized set only when no
  // earlier term decided addresses the other way (a pass term after non-pass ones, a non-pass term after pass
  // ones), and a non-pass term of an included record is not kept at all.
  const here = (): Prior => ({
    pass: prior.pass || !isEmpty(pass),
    nonPass: prior.nonPass || !isEmpty(subtract(decided, pass)),
  });
  const dynamic = (t: SpfTermInfo, qualifierPass: boolean) => {
    out.exact = false;
    out.dynamic.push(`${t.term} (${node.domain})`);
    const h = here();
    if (qualifierPass && h.nonPass) {
      out.unsafe.push(
        `${t.term} (${node.domain}) comes after terms that give other addresses a non-pass result`,
      );
    } else if (!qualifierPass && !rootChain) {
      out.unsafe.push(`${t.term} (${node.domain}) is a non-pass term of an included record`);
    } else if (!qualifierPass && h.pass) {
      out.unsafe.push(`${t.term} (${node.domain}) is a non-pass term after terms that authorize addresses`);
    }
  };
  for (const t of node.terms) {
    if (!t.reached) continue;
    if (t.kind === 'invalid') {
      dynamic(t, false);
      continue;
    }
    if (t.kind === 'modifier') {
      if (t.name !== 'redirect') continue;
      const child = t.child === undefined ? undefined : node.children[t.child];
      if (!child) {
        dynamic(t, true);
        continue;
      }
      const r = walk(child, nets, here(), rootChain, out);
      pass = union(pass, subtract(r.pass, decided));
      decided = fullSet();
      continue;
    }
    const isPass = (t.qualifier ?? '+') === '+';
    let matched: AddressSet | undefined;
    if (t.name === 'all') matched = fullSet();
    else if (t.name === 'include') {
      const child = t.child === undefined ? undefined : node.children[t.child];
      if (child) {
        const before = out.exact;
        const r = walk(child, nets, isPass ? here() : { pass: true, nonPass: true }, false, out);
        matched = r.pass;
        if (before && !out.exact && !isPass) {
          out.unsafe.push(
            `${t.term} (${node.domain}) is not pass-qualified and its record depends on each message`,
          );
        }
      }
    } else {
      const n = nets.get(t);
      if (n) matched = setOf(n);
    }
    if (!matched) {
      dynamic(t, isPass);
      continue;
    }
    if (isPass) pass = union(pass, subtract(matched, decided));
    decided = union(decided, matched);
  }
  return { pass, decided };
}
