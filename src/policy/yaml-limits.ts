/**
 * Bounds on the shape of a parsed policy document, checked before it is converted to data: every alias names an
 * anchor set before it, no alias refers to a node that contains it, nesting (aliases followed) is at most
 * {@link MAX_POLICY_DEPTH} levels, and aliases add at most {@link MAX_ALIAS_NODES} nodes when expanded (a
 * "billion laughs" alias bomb is refused before anything is expanded). Both walks are iterative, so neither a
 * deep document nor a long chain of aliases can exhaust the call stack, and each node is visited once (aliases
 * are memoised), so the check is linear in the document's size.
 *
 * @module
 */

import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type LineCounter } from 'yaml';

/** Most levels of nesting (mappings and lists inside one another, aliases followed); a policy needs about 6. */
export const MAX_POLICY_DEPTH = 64;

/**
 * Most nodes (keys, values, list items) that aliases may add to the document when expanded: enough to share a
 * 20-key domain policy across 5,000 domains, far too few for an alias bomb to cost time.
 */
export const MAX_ALIAS_NODES = 100_000;

/** A problem with the document's shape: the 1-based line and one sentence. */
export interface ShapeProblem {
  line: number;
  message: string;
}

/** The YAML node types walked here: collections, pairs, scalars and aliases (any other value is a leaf). */
type Item = unknown;

function childrenOf(node: Item): Item[] {
  if (isMap(node) || isSeq(node)) return node.items as Item[];
  if (isPair(node)) return [node.key, node.value].filter((x) => x !== null && x !== undefined);
  return [];
}

function offsetOf(node: Item): number | undefined {
  if (isPair(node)) return offsetOf(node.key) ?? offsetOf(node.value);
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

/**
 * Checks the bounds above on a parsed document.
 *
 * @param doc - the document from `parseDocument` (without syntax errors).
 * @param counter - the line counter given to `parseDocument`, to turn offsets into lines.
 * @returns the first problem in document order, or `null` when the document is within bounds. Never throws.
 */
export function checkYamlShape(doc: Document, counter: LineCounter): ShapeProblem | null {
  const lineOf = (node: Item): number => {
    const offset = offsetOf(node);
    return offset === undefined ? 1 : counter.linePos(offset).line;
  };
  const root = doc.contents as Item;
  if (root === null || root === undefined) return null;

  // Pass 1, document order: resolve each alias to the last anchor of that name set before it, and bound the
  // literal nesting. Anchors are set when their node starts, so `&a [*a]` resolves to its own container.
  const targets = new Map<Item, Item>();
  const anchors = new Map<string, Item>();
  const pending: { node: Item; depth: number }[] = [{ node: root, depth: 1 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (isPair(node)) {
      // A pair is a key and its value: not a level of its own.
    } else if (depth > MAX_POLICY_DEPTH) {
      return { line: lineOf(node), message: `nested more than ${MAX_POLICY_DEPTH} levels deep` };
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined)
        return {
          line: lineOf(node),
          message: `alias *${node.source} names no anchor set before it (write &${node.source} on an earlier value)`,
        };
      targets.set(node, target);
      continue;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if ((isMap(node) || isSeq(node) || isScalar(node)) && anchor) anchors.set(anchor, node);
    const children = childrenOf(node);
    const next = isPair(node) ? depth : depth + 1;
    for (let i = children.length - 1; i >= 0; i--) pending.push({ node: children[i], depth: next });
  }
  if (targets.size === 0) return null;

  // Pass 2: expanded size and depth of every node, post-order in document order, memoised. An anchored node is
  // either finished before any alias to it is reached, or is an ancestor of the alias (a cycle).
  const memo = new Map<Item, { size: number; depth: number }>();
  interface Frame {
    node: Item;
    children: Item[];
    next: number;
    size: number;
    depth: number;
  }
  const stack: Frame[] = [{ node: root, children: childrenOf(root), next: 0, size: 1, depth: 0 }];
  /** Levels open on the stack (pairs are not levels). */
  let levels = isPair(root) ? 0 : 1;
  let added = 0;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      const target = targets.get(child);
      if (target === undefined) {
        stack.push({ node: child, children: childrenOf(child), next: 0, size: 1, depth: 0 });
        if (!isPair(child)) levels++;
        continue;
      }
      const source = (child as { source: string }).source;
      const known = memo.get(target);
      if (!known)
        return { line: lineOf(child), message: `alias *${source} refers to a value that contains it` };
      if (levels + known.depth > MAX_POLICY_DEPTH)
        return {
          line: lineOf(child),
          message: `nested more than ${MAX_POLICY_DEPTH} levels deep (alias *${source} followed)`,
        };
      added += known.size;
      if (added > MAX_ALIAS_NODES)
        return {
          line: lineOf(child),
          message: `aliases expand to more than ${MAX_ALIAS_NODES} values (an alias bomb?); write the values out or share fewer`,
        };
      frame.size += known.size;
      frame.depth = Math.max(frame.depth, known.depth);
      continue;
    }
    stack.pop();
    if (!isPair(frame.node)) levels--;
    const own = { size: frame.size, depth: frame.depth + (isPair(frame.node) ? 0 : 1) };
    memo.set(frame.node, own);
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.size += own.size;
      parent.depth = Math.max(parent.depth, own.depth);
    }
  }
  return null;
}
