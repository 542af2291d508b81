/**
 * The lookup budget of a policy (RFC 7208 §4.6.4): worst-case DNS-querying terms and void lookups of each
 * subtree of the include/redirect tree, and the findings when the whole policy exceeds the limits.
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';
import type { SpfTreeNode } from './analysis.js';
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
    findings.push(
      F.lookupLimit(
        `the SPF policy of ${name} needs up to ${lookups} DNS-querying terms (limit ${limit}): ${costs.join(', ')}`,
        {
          name,
          ...(tree.record ? { record: tree.record } : {}),
          details: { lookups, limit, costs },
        },
      ),
    );
  }
  const voidLimit = DEFAULT_SPF_LIMITS.maxVoidLookups;
  const voidLookups = tree.subtreeVoidLookups;
  if (voidLookups > voidLimit) {
    findings.push(
      F.voidLookupLimit(`the SPF policy of ${name} has ${voidLookups} void lookups (limit ${voidLimit})`, {
        name,
        details: { voidLookups },
      }),
    );
  }
  return findings;
}
