/**
 * The SPF part of a domain's HTML report: the lookup budget bars (RFC 7208 §4.6.4: at most 10 DNS-querying terms
 * and 2 void lookups) and the include tree drawn as nested lists, each record with its lookup cost. The tree comes
 * from the one walk every renderer uses ({@link spfTreeItems}), with the same words ({@link viaLabel},
 * {@link treeCost}); the costs are the analysis's, never recounted from the record text.
 *
 * @module
 */

import type { SpfTreeView, SpfView } from '../audit/view.js';
import type { SpfTermInfo } from '../spf/index.js';
import { badge, code, esc, plural, recordState, rfcLinks } from './html-layout.js';
import { spfTreeItems, treeCost, viaLabel } from './spf-tree.js';

/** RFC 7208 §4.6.4's limits. */
const LOOKUP_LIMIT = 10;
const VOID_LIMIT = 2;

/** Most lines drawn in one tree (records and terms); the rest are counted. */
const MAX_TREE_LINES = 200;

/** Most segments drawn in a bar (a policy of 60 lookups draws 40 and says the number). */
const MAX_SEGMENTS = 40;

/** A segment bar: `used` segments (in groups, each a run of one class) over `limit` slots; beyond it, red. */
function segments(groups: readonly number[], limit: number): string {
  const cells: string[] = [];
  let n = 0;
  groups.forEach((size, g) => {
    for (let i = 0; i < size && n < MAX_SEGMENTS; i++, n++)
      cells.push(n >= limit ? 'over' : g % 2 === 0 ? 'on' : 'on2');
  });
  for (; n < limit; n++) cells.push('');
  return cells.map((c) => (c ? `<i class="${c}"></i>` : '<i></i>')).join('');
}

/** The cost of each reached DNS-querying term of the root record: what a bar's groups are made of. */
function rootCosts(tree: SpfTreeView): { term: SpfTermInfo; cost: number }[] {
  const out: { term: SpfTermInfo; cost: number }[] = [];
  for (const term of tree.terms) {
    if (!term.reached) continue;
    const child = term.child !== undefined ? tree.children[term.child] : undefined;
    const cost = child ? 1 + child.totalLookups : term.cost;
    if (cost > 0) out.push({ term, cost });
  }
  return out;
}

/**
 * The two budget bars: DNS-querying terms of 10 (one group of segments per term of the record, as the legend
 * says) and void lookups of 2, citing RFC 7208 §4.6.4 when `cite`. `''` when the record was not expanded (none,
 * several, DNS trouble).
 */
export function spfBudget(spf: SpfView, cite = true): string {
  if (spf.lookups === undefined || !spf.tree) return '';
  const lookups = spf.lookups;
  const voids = spf.voidLookups ?? 0;
  const costs = rootCosts(spf.tree);
  const over = lookups > LOOKUP_LIMIT;
  const out: string[] = [];
  out.push(
    `<p><strong>DNS lookups: ${lookups} of ${LOOKUP_LIMIT}</strong> ${over ? badge('err', 'over the limit: permerror') : lookups === LOOKUP_LIMIT ? badge('warn', 'at the limit') : badge('ok', `${LOOKUP_LIMIT - lookups} to spare`)}${cite ? ` <span class="sub">(${rfcLinks('RFC 7208 §4.6.4')})</span>` : ''}</p>`,
  );
  out.push(
    `<div class="bar" role="img" aria-label="${lookups} of ${LOOKUP_LIMIT} DNS lookups used">${segments(
      costs.map((c) => c.cost),
      LOOKUP_LIMIT,
    )}</div>`,
  );
  if (costs.length > 1 || (cite && costs.length > 0))
    out.push(
      `<ul class="legend">${costs.map((c) => `<li>${code(c.term.term)} ${c.cost}</li>`).join('')}</ul>`,
    );
  out.push(
    `<p><strong>Void lookups: ${voids} of ${VOID_LIMIT}</strong> ${voids > VOID_LIMIT ? badge('err', 'over the limit: permerror') : voids > 0 ? badge('warn', `${voids} void`) : badge('ok', 'none')}</p>`,
  );
  out.push(
    `<div class="bar" role="img" aria-label="${voids} of ${VOID_LIMIT} void lookups">${segments(voids > 0 ? [voids] : [], VOID_LIMIT)}</div>`,
  );
  return out.join('\n');
}

/** What is shown of a term that leads to no record: reached DNS-querying terms, invalid terms, void lookups. */
function shownTerm(term: SpfTermInfo): boolean {
  return term.kind === 'invalid' || (term.reached && (term.cost > 0 || term.void));
}

/** Pips for a cost (decoration: the text says the number). */
function pips(n: number): string {
  return n > 0 ? `<span class="pips" aria-hidden="true">${'<i></i>'.repeat(Math.min(n, 12))}</span>` : '';
}

function nodeLine(node: SpfTreeView, showRecord: boolean, full: boolean): string {
  const cost = node.via === 'root' ? node.totalLookups : 1 + node.totalLookups;
  const parts = [
    `${code(`${viaLabel(node)}${node.domain}`)}${full ? pips(cost) : ' '}<span class="sub">${treeCost(node)}</span>`,
  ];
  if (node.voidLookups > 0 && node.via !== 'root')
    parts.push(badge('warn', plural(node.voidLookups, 'void lookup')));
  if (node.status !== 'found') {
    const state =
      node.status === 'loop' || node.status === 'not-expanded' ? 'warn' : recordState(node.status);
    parts.push(badge(state, esc(node.status)));
  }
  if (node.detail) parts.push(`<span class="sub">${esc(node.detail)}</span>`);
  const record = node.record ?? node.records?.join(' | ');
  return `${parts.join(' ')}${showRecord && record !== undefined ? `<div class="sub">${code(record)}</div>` : ''}`;
}

function termLine(term: SpfTermInfo, full: boolean): string {
  const parts = [code(term.term)];
  if (term.kind === 'invalid') parts.push(badge('err', 'invalid term'));
  else if (term.reached && term.cost > 0)
    parts.push(`${full ? pips(term.cost) : ''}<span class="sub">costs ${term.cost}</span>`);
  if (term.void) parts.push(badge('warn', 'void lookup'));
  else if (term.voidFamilies && (term.voidFamilies.ipv4 || term.voidFamilies.ipv6))
    parts.push(badge('warn', `void for ${term.voidFamilies.ipv4 ? 'IPv4' : 'IPv6'} clients`));
  if (term.dnsError) parts.push(badge('dns', esc(term.dnsError)));
  if (term.macro) parts.push('<span class="sub">(target depends on each message)</span>');
  return parts.join(' ');
}

/**
 * The include tree as nested lists: each record reached through `include` or `redirect` under the term that
 * reaches it, with its cost (`costs 4 (1 + 3 below)`) and, below the root, its record text (unless `records` is
 * false: then no decoration either); the DNS-querying
 * terms that lead to no record (a, mx, ptr, exists, macro includes) as leaves with their cost. At most
 * {@link MAX_TREE_LINES} lines, then a count of the rest.
 */
export function spfTree(tree: SpfTreeView, records = true): string {
  const items = spfTreeItems(tree).filter((i) => i.kind === 'node' || shownTerm(i.term));
  const out: string[] = ['<ul class="tree">'];
  let level = 0;
  let open = false;
  for (const item of items.slice(0, MAX_TREE_LINES)) {
    const depth = item.kind === 'node' ? item.depth : item.depth + 1;
    if (depth > level) {
      // Only ever one level deeper than the open item (items come in walk order).
      out.push('<ul>');
      level++;
    } else {
      if (open) out.push('</li>');
      for (; level > depth; level--) out.push('</ul></li>');
    }
    out.push(
      `<li>${item.kind === 'node' ? nodeLine(item.node, records && item.depth > 0, records) : termLine(item.term, records)}`,
    );
    open = true;
  }
  if (open) out.push('</li>');
  for (; level > 0; level--) out.push('</ul></li>');
  out.push('</ul>');
  if (items.length > MAX_TREE_LINES)
    out.push(`<p class="sub">… and ${items.length - MAX_TREE_LINES} more lines (see the JSON report).</p>`);
  return out.join('');
}
