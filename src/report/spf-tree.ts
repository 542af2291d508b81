/**
 * The SPF include tree as every renderer shows it: one walk ({@link spfTreeItems}) in record order, the same
 * words for how a record was reached ({@link viaLabel}) and what it costs ({@link treeCost}, RFC 7208 §4.6.4).
 * The text report lists the records, the Markdown report adds each DNS-querying term with its cost, and the
 * `spf` command adds what every term resolved to; all from the analysis tree, never from the record text again.
 *
 * @module
 */

import type { SpfTreeView } from '../audit/view.js';
import type { SpfTermInfo } from '../spf/index.js';

/** One line of the tree: a record (with its depth below the root), or a term of a record that leads to no record. */
export type SpfTreeItem =
  | { kind: 'node'; node: SpfTreeView; depth: number }
  | { kind: 'term'; term: SpfTermInfo; node: SpfTreeView; depth: number };

/**
 * The tree in record order: each record, then its terms, where a term that led to a record (an include or
 * redirect that was followed) is replaced by that record's own items. Records no term leads to come after
 * their parent's terms.
 */
export function spfTreeItems(root: SpfTreeView): SpfTreeItem[] {
  const out: SpfTreeItem[] = [];
  const walk = (node: SpfTreeView, depth: number) => {
    out.push({ kind: 'node', node, depth });
    const shown = new Set<number>();
    for (const term of node.terms) {
      const child = term.child !== undefined ? node.children[term.child] : undefined;
      if (child && term.child !== undefined) {
        shown.add(term.child);
        walk(child, depth + 1);
      } else out.push({ kind: 'term', term, node, depth });
    }
    node.children.forEach((child, i) => {
      if (!shown.has(i)) walk(child, depth + 1);
    });
  };
  walk(root, 0);
  return out;
}

/** How a record was reached, as written before its domain: `include:`, `~include:`, `redirect=`; `''` for the root. */
export function viaLabel(node: SpfTreeView): string {
  if (node.via === 'root') return '';
  if (node.via === 'redirect') return 'redirect=';
  return `${node.qualifier === '+' ? '' : (node.qualifier ?? '')}include:`;
}

/**
 * The lookup cost of a record (RFC 7208 §4.6.4): `12 lookups in total` for the root (the whole policy);
 * `costs 4 (1 + 3 below)` for an include or redirect (the term itself and everything below it).
 */
export function treeCost(node: SpfTreeView): string {
  if (node.via === 'root') return `${node.totalLookups} lookup${node.totalLookups === 1 ? '' : 's'} in total`;
  const cost = 1 + node.totalLookups;
  return `costs ${cost}${node.totalLookups > 0 ? ` (1 + ${node.totalLookups} below)` : ''}`;
}
