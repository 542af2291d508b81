/**
 * The renderers of `mailgate spf`, usable from the library: a check_host() verdict ({@link SpfResult}) as text
 * with its evaluation trace, or as JSON (`schema/spf-verdict.schema.json`); an SPF audit ({@link SpfAudit}) as
 * text (the include tree with its costs, the authorized networks, the findings, the flattening suggestion) or as
 * JSON (`schema/spf-analysis.schema.json`). DNS text is escaped.
 *
 * @module
 */

import { viewSpfTree } from '../audit/view.js';
import { countBySeverity, sortFindings } from '../findings/finding.js';
import {
  explainSpf,
  formatAddressCount,
  formatBlockSize,
  type SpfAudit,
  type SpfResult,
} from '../spf/index.js';
import { SPF_ANALYSIS_SCHEMA_VERSION, SPF_VERDICT_SCHEMA_VERSION } from './cli-schema.js';
import { escapeControl } from './escape.js';
import { painter, resultStyle } from './paint.js';
import { spfTreeItems, treeCost } from './spf-tree.js';
import { countsLine, findingListLine } from './text.js';

/**
 * The JSON of verdict mode (`schema/spf-verdict.schema.json`): `schemaVersion`, the {@link SpfResult} as the
 * library returns it (its `explanation` is the domain's exp= text, RFC 7208 §6.2, present only for fail), and
 * `why`, the sentences of {@link explainSpf} saying why the result is what it is.
 */
export function spfVerdictJson(result: SpfResult): Record<string, unknown> {
  return { schemaVersion: SPF_VERDICT_SCHEMA_VERSION, ...result, why: explainSpf(result) };
}

/** The JSON of analysis mode (`schema/spf-analysis.schema.json`): `schemaVersion` and the audit, findings most severe first. */
export function spfAnalysisJson(audit: SpfAudit): Record<string, unknown> {
  return {
    schemaVersion: SPF_ANALYSIS_SCHEMA_VERSION,
    ...audit,
    findings: sortFindings(audit.findings),
  };
}

const OUTCOME_TEXT: Record<string, string> = {
  match: 'match',
  'no-match': 'no match',
  permerror: 'permerror',
  temperror: 'temperror',
};

/**
 * The evaluation trace as text, in evaluation order: each record entered (the checked domain's, then each
 * include and redirect target, indented by depth) and each term tried in it with its outcome. An include term
 * comes after the terms of the record it entered, with the include's own outcome. The DNS lookups and void
 * lookups counted so far against the limits (RFC 7208 §4.6.4) are shown on a term whenever they changed.
 */
export function renderSpfTrace(r: SpfResult): string[] {
  const e = escapeControl;
  const lines = [
    `Evaluation trace (DNS lookups ${r.lookups} of ${r.limits.maxLookups}, void lookups ${r.voidLookups} of ${r.limits.maxVoidLookups}):`,
  ];
  let lookups = 0;
  let voids = 0;
  for (const ev of r.trace) {
    const pad = '  '.repeat(ev.type === 'exp' ? 1 : ev.depth + 1);
    if (ev.type === 'record') {
      const via = ev.via === 'check' ? '' : ` (${ev.via})`;
      const what =
        ev.status === 'found' && ev.record !== undefined
          ? e(ev.record)
          : `${ev.status === 'none' ? 'no SPF record' : ev.status}${ev.detail ? `: ${e(ev.detail)}` : ''}`;
      lines.push(`${pad}${e(ev.domain)}${via}: ${what}`);
    } else if (ev.type === 'term') {
      const counted =
        ev.lookups !== lookups || ev.voidLookups !== voids
          ? `  [lookups ${ev.lookups}/${r.limits.maxLookups}, void ${ev.voidLookups}/${r.limits.maxVoidLookups}]`
          : '';
      lookups = ev.lookups;
      voids = ev.voidLookups;
      lines.push(
        `${pad}  ${e(ev.term)}  ${OUTCOME_TEXT[ev.outcome] ?? ev.outcome}${ev.detail ? ` (${e(ev.detail)})` : ''}${counted}`,
      );
    } else {
      lines.push(`${pad}exp= of ${e(ev.domain)}: ${ev.status}${ev.detail ? ` (${e(ev.detail)})` : ''}`);
    }
  }
  return lines;
}

/** Renders a verdict as text: the result line, the explanation and the evaluation trace (DNS text escaped). */
export function renderSpfVerdictText(r: SpfResult, options: { color?: boolean } = {}): string {
  const paint = painter(options.color === true);
  const lines = [
    `${paint(`SPF ${r.result}`, 'bold', resultStyle(r.result))} for ${escapeControl(r.domain)} (client ${escapeControl(r.ip)}, sender ${escapeControl(r.sender)})`,
    escapeControl(explainSpf(r)),
    '',
    ...renderSpfTrace(r),
  ];
  return lines.join('\n');
}

/** `1 lookup`, `2 lookups`. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The include tree with every term: each record (how it was reached, its cost, its void lookups, its status) and
 * its record text; each term that costs a lookup, is void, resolved to networks, failed or was not reached, with
 * what happened to it.
 */
function treeLines(a: SpfAudit, paint: ReturnType<typeof painter>): string[] {
  if (!a.tree) return [];
  const e = escapeControl;
  const lines: string[] = [];
  for (const item of spfTreeItems(viewSpfTree(a.tree))) {
    const indent = `  ${'    '.repeat(item.depth)}`;
    if (item.kind === 'node') {
      const n = item.node;
      const status = n.status === 'found' ? '' : ` [${n.status}${n.detail ? `: ${e(n.detail)}` : ''}]`;
      const via = n.viaTerm ? `${e(n.viaTerm)} -> ` : '';
      lines.push(
        `${indent}${via}${paint(e(n.domain), 'bold')}  ${treeCost(n)}${n.voidLookups ? `, void ${n.voidLookups}` : ''}${status}`,
      );
      if (n.record) lines.push(`${indent}  ${e(n.record)}`);
      for (const r of n.records ?? []) lines.push(`${indent}  ${e(r)}`);
      continue;
    }
    const t = item.term;
    const notes: string[] = [];
    if (!t.reached) notes.push('not reached');
    if (t.cost) notes.push(`costs ${t.cost}`);
    if (t.void) notes.push('void');
    else if (t.voidFamilies?.ipv4) notes.push('void for IPv4 clients');
    else if (t.voidFamilies?.ipv6) notes.push('void for IPv6 clients');
    if (t.networks?.length) notes.push(t.networks.join(' '));
    if (t.dnsError) notes.push(`DNS ${t.dnsError}`);
    if (t.macro) notes.push('macro');
    if (t.expanded && t.target) notes.push(`expands to ${t.target}`);
    if (t.notResolved) notes.push('not resolved (analysis limit)');
    if (
      notes.length &&
      (t.cost || t.void || t.voidFamilies || t.networks || t.dnsError || t.notResolved || !t.reached)
    ) {
      lines.push(`${indent}    ${e(t.term)}: ${e(notes.join(', '))}`);
    }
  }
  return lines;
}

/** Renders an SPF audit as text: tree with costs, networks, findings, flattening suggestion (DNS text escaped). */
export function renderSpfAnalysisText(a: SpfAudit, options: { color?: boolean } = {}): string {
  const e = escapeControl;
  const paint = painter(options.color === true);
  const lines: string[] = [paint(`SPF for ${e(a.domain)}`, 'bold')];
  lines.push(
    `  lookups       ${a.lookups} of ${a.lookupLimit} (worst case)${a.lookups > a.lookupLimit ? paint('  OVER THE LIMIT', 'red') : ''}`,
  );
  const v = a.voidLookupsByFamily;
  const over = (n: number) => (n > 2 ? paint('  OVER THE LIMIT', 'red') : '');
  lines.push(
    `  void lookups  IPv4 clients ${v.ipv4} of 2${over(v.ipv4)}, IPv6 clients ${v.ipv6} of 2${over(v.ipv6)}`,
  );
  if (a.tree) lines.push('', 'tree:', ...treeLines(a, paint));
  lines.push(
    '',
    `authorized networks: ${a.networks.ipv4Addresses} IPv4 addresses${a.networks.ipv6AddressCount !== '0' ? `, ${formatAddressCount(BigInt(a.networks.ipv6AddressCount))} IPv6 addresses` : ''}${a.networks.exact || a.tree?.status !== 'found' ? '' : ` (not exact: ${a.networks.limitExceeded ? e(a.networks.limitExceeded) : 'some terms depend on each message or on DNS that failed'})`}`,
  );
  for (const b of a.networks.blocks) lines.push(`  ${b.cidr.padEnd(44)}${formatBlockSize(b)}`);
  for (const n of a.networks.notFlattenable)
    lines.push(`  not flattenable: ${e(n.term)} (${e(n.domain)}: ${e(n.reason)})`);
  const findings = sortFindings(a.findings);
  lines.push('', `findings: ${countsLine(countBySeverity(findings))}`);
  for (const f of findings) lines.push(findingListLine(f, paint));
  if (a.flatten) {
    const f = a.flatten;
    if (f.refused) {
      lines.push('', `flattening suggestion: none. ${e(f.refused)}`);
      return lines.join('\n');
    }
    lines.push(
      '',
      `flattening suggestion: ${plural(f.lookups, 'lookup')} (budget ${f.budget}${f.fitsBudget ? '' : ', does NOT fit'})`,
    );
    for (const r of f.records)
      lines.push(`  ${e(r.name)}  TXT ${r.strings.map((s) => `"${e(s)}"`).join(' ')}`);
    lines.push(`  warning: ${e(f.warning)}`);
  }
  return lines.join('\n');
}
