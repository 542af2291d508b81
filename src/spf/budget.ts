/**
 * The lookup budget of a policy (RFC 7208 §4.6.4): worst-case DNS-querying terms and void lookups of each
 * subtree of the include/redirect tree, and the findings when the whole policy exceeds the limits.
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';
import type { SpfTermInfo, SpfTreeNode, VoidLookupCounts } from './analysis.js';
import { SPF_FINDINGS as F } from './findings.js';
import { DEFAULT_SPF_LIMITS } from './limits.js';

/**
 * Sets the subtree totals of a node whose terms and children are done: `lookups` (its own reached
 * DNS-querying terms plus the `lookups` of the children its reached terms lead to) and `subtreeVoidLookups`.
 */
export function sumSubtree(node: SpfTreeNode): void {
  const reachedChildren = new Set<number>();
  for (const t of node.terms) if (t.child !== undefined && t.reached) reachedChildren.add(t.child);
  node.lookups =
    node.ownLookups + node.children.reduce((n, c, i) => n + (reachedChildren.has(i) ? c.lookups : 0), 0);
  node.subtreeVoidLookups = node.voidLookups + node.children.reduce((n, c) => n + c.subtreeVoidLookups, 0);
}

/** What each reached DNS-querying term of a record costs, e.g. `include:_spf.example.com costs 4`. */
export function termCosts(node: SpfTreeNode): string[] {
  const costs: string[] = [];
  for (const t of node.terms) {
    if (!t.reached || t.cost === 0) continue;
    const child = t.child !== undefined ? node.children[t.child] : undefined;
    costs.push(`${t.term} costs ${1 + (child?.lookups ?? 0)}`);
  }
  return costs;
}

/** The root term at which a policy's worst-case DNS-querying terms first exceed a limit (see {@link crossingTerm}). */
export interface CrossingTerm {
  /** The term as written in the root record, e.g. `include:_spf.example.com`. */
  term: string;
  /** Where it is in the root record text (UTF-16 code units, 0-based). */
  offset: number;
  length: number;
  /** What the term costs: 1, plus its subtree for an include or redirect. */
  cost: number;
  /** The count reached with it (greater than the limit). */
  total: number;
}

/**
 * The term of the root record that takes the policy over `limit` DNS-querying terms (RFC 7208 §4.6.4): the root
 * record's reached terms are added up in record order, each costing 1 plus, for an include or redirect, the
 * worst case of the record it leads to; the first whose running total exceeds `limit` is the one to change.
 * Undefined when the policy stays within `limit`.
 *
 * @param tree the expanded tree, with subtree totals ({@link sumSubtree})
 * @param limit the budget in DNS-querying terms (10, or a policy's `max-lookups`)
 */
export function crossingTerm(tree: SpfTreeNode, limit: number): CrossingTerm | undefined {
  let total = 0;
  for (const t of tree.terms) {
    if (!t.reached || t.cost === 0) continue;
    const child = t.child !== undefined ? tree.children[t.child] : undefined;
    const cost = 1 + (child?.lookups ?? 0);
    total += cost;
    if (total > limit) return { term: t.term, offset: t.offset, length: t.length, cost, total };
  }
  return undefined;
}

/** The result of {@link voidFamilyWalk}. */
export interface VoidFamilyWalk {
  counts: VoidLookupCounts;
  /**
   * Reached terms whose lookup can be void but is not known without a client (macros, ptr) met when the
   * family's void budget is already spent, so their usual NXDOMAIN answer makes check_host() return permerror.
   */
  spentBefore: { term: string; domain: string; families: ('ipv4' | 'ipv6')[]; spent: VoidLookupCounts }[];
}

const FAMILY_NAME = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;

/** True for a term whose lookup depends on the client and can be void (RFC 7208 §4.6.4). */
function mayBeVoid(t: SpfTermInfo): boolean {
  if (t.name === 'ptr') return true;
  return t.macro && (t.name === 'a' || t.name === 'mx' || t.name === 'exists' || t.name === 'include');
}

/**
 * Counts void lookups per client address family in evaluation order (RFC 7208 §4.6.2, §4.6.4), for a client
 * that no term matches (the worst case): an `a` term whose target has A but no AAAA records is void for an
 * IPv6 client only (§5.3). Also notes the terms that can be void met once a family's budget
 * (`DEFAULT_SPF_LIMITS.maxVoidLookups`) is spent.
 */
export function voidFamilyWalk(tree: SpfTreeNode): VoidFamilyWalk {
  const out: VoidFamilyWalk = { counts: { ipv4: 0, ipv6: 0 }, spentBefore: [] };
  const limit = DEFAULT_SPF_LIMITS.maxVoidLookups;
  const visit = (node: SpfTreeNode) => {
    for (const t of node.terms) {
      if (!t.reached) continue;
      if (mayBeVoid(t)) {
        const families = (['ipv4', 'ipv6'] as const).filter((f) => out.counts[f] >= limit);
        if (families.length > 0) {
          out.spentBefore.push({ term: t.term, domain: node.domain, families, spent: { ...out.counts } });
        }
      }
      if (t.voidFamilies?.ipv4) out.counts.ipv4++;
      if (t.voidFamilies?.ipv6) out.counts.ipv6++;
      const child = t.child === undefined ? undefined : node.children[t.child];
      if (child) visit(child);
    }
  };
  visit(tree);
  return out;
}

/**
 * The budget findings of a policy: `spf.lookup-limit` when its worst case exceeds
 * `DEFAULT_SPF_LIMITS.maxLookups` DNS-querying terms (naming what each root term costs), and
 * `spf.void-lookup-limit` when it has more than `DEFAULT_SPF_LIMITS.maxVoidLookups` void lookups.
 *
 * @param tree the expanded tree, with subtree totals ({@link sumSubtree})
 * @param name the analyzed domain
 */
export function budgetFindings(tree: SpfTreeNode, name: string): Finding[] {
  const findings: Finding[] = [];
  const limit = DEFAULT_SPF_LIMITS.maxLookups;
  const lookups = tree.lookups;
  if (lookups > limit) {
    const costs = termCosts(tree);
    const crossing = crossingTerm(tree, limit);
    findings.push(
      F.lookupLimit(
        `the SPF policy of ${name} needs up to ${lookups} DNS-querying terms (limit ${limit})${crossing ? `; ${crossing.term} (costs ${crossing.cost}) takes it to ${crossing.total}` : ''}: ${costs.join(', ')}`,
        {
          name,
          ...(tree.record ? { record: tree.record } : {}),
          ...(crossing
            ? { term: crossing.term, position: { offset: crossing.offset, length: crossing.length } }
            : {}),
          details: { lookups, limit, costs },
        },
      ),
    );
  }
  const voidLimit = DEFAULT_SPF_LIMITS.maxVoidLookups;
  const walk = voidFamilyWalk(tree);
  const { ipv4, ipv6 } = walk.counts;
  const over = (['ipv4', 'ipv6'] as const).filter((f) => walk.counts[f] > voidLimit);
  if (over.length > 0) {
    const who =
      over.length === 2 && ipv4 === ipv6
        ? `${ipv4} void lookups for every client`
        : over.map((f) => `${walk.counts[f]} void lookups for ${FAMILY_NAME[f]} clients`).join(' and ');
    findings.push(
      F.voidLookupLimit(
        `the SPF policy of ${name} has ${who} (limit ${voidLimit}): check_host() returns permerror for ${over.length === 2 ? 'every client' : `every ${FAMILY_NAME[over[0]!]} client`} that no earlier term matches`,
        {
          name,
          details: { voidLookups: Math.max(ipv4, ipv6), ipv4, ipv6, families: over },
        },
      ),
    );
  }
  for (const s of walk.spentBefore) {
    const fam = s.families.length === 2 ? 'every client' : `${FAMILY_NAME[s.families[0]!]} clients`;
    findings.push(
      F.voidBudgetSpent(
        `${s.term} in the SPF record of ${s.domain}: the void-lookup budget (${voidLimit}) is already spent for ${fam} when it is reached, so its usual NXDOMAIN answer makes check_host() return permerror for ${fam}, even those that later terms authorize`,
        { name: s.domain, term: s.term, details: { families: s.families, spent: s.spent, limit: voidLimit } },
      ),
    );
  }
  return findings;
}
