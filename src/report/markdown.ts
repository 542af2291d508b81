/**
 * The Markdown renderer (GitHub Flavored Markdown): used for `--format markdown` and for the GitHub Action's
 * job summary. Per domain: the policy rules (failing first) when a gate ran, the records, the SPF include tree
 * with the lookup cost of every DNS-querying term, the findings, and what to change.
 *
 * Every piece of DNS text goes through {@link escapeMarkdown} or {@link markdownCode}: a TXT record holding
 * Markdown, HTML or workflow commands renders as literal text.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { type ReportView, type SpfTreeView, viewReport } from '../audit/view.js';
import { findingDefinition } from '../catalog.js';
import type { Finding, Severity } from '../findings/finding.js';
import type { DomainGate, GateResult, RuleOutcome, RuleResult } from '../policy/gate.js';
import { markdownCode as code, escapeMarkdown as md } from './escape.js';
import { missingRecordText } from './phrases.js';
import { spfTreeItems, treeCost, viaLabel } from './spf-tree.js';
import { countsLine } from './text.js';

/** Options for {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** The policy gate's result: adds the verdict and each domain's rules. */
  gate?: GateResult;
  /** Heading level of the title (default 2; each domain gets one level below). */
  headingLevel?: number;
  /** The title (default `mailgate report`). */
  title?: string;
  /** Maps a finding to a link for its location (e.g. a zone file line on GitHub). */
  link?: (source: { file: string; line: number }) => string | undefined;
  /** Most findings listed per domain (default 50); the rest are counted. */
  maxFindings?: number;
}

const SEVERITY_ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };
const OUTCOME_ICON: Record<RuleOutcome, string> = {
  fail: '❌ fail',
  undetermined: '⚠️ undetermined',
  suppressed: '💤 suppressed',
  'not-checked': 'ℹ️ not checked',
  pass: '✅ pass',
};
const STATUS_ICON = { passed: '✅ passed', failed: '❌ failed', undetermined: '⚠️ undetermined' } as const;

function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${text}`;
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function where(source: { file: string; line: number } | undefined, options: MarkdownOptions): string {
  if (!source) return '';
  const label = `${md(source.file)}:${source.line}`;
  const href = options.link?.(source);
  return href
    ? ` ([${label}](${encodeURI(href).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}))`
    : ` (${label})`;
}

function recordsTable(view: ReportView, options: MarkdownOptions): string {
  const rows: string[][] = [];
  const spf = view.spf;
  rows.push([
    'SPF',
    spf.record !== undefined ? code(spf.record) : `_${md(missingRecordText(spf.status, 'SPF record'))}_`,
    `${md(view.domain)}${where(spf.source, options)}`,
    spf.record !== undefined
      ? `${spf.lookups ?? '?'} lookup${spf.lookups === 1 ? '' : 's'}; ends with ${spf.allQualifier === undefined ? 'no all' : code(`${spf.allQualifier}all`)}`
      : '',
  ]);
  const dmarc = view.dmarc;
  rows.push([
    'DMARC',
    dmarc.record !== undefined
      ? code(dmarc.record)
      : `_${md(missingRecordText(dmarc.status, 'DMARC record'))}_`,
    `${md(dmarc.name ?? `_dmarc.${view.domain}`)}${where(dmarc.source, options)}`,
    dmarc.record !== undefined
      ? `p=${md(dmarc.p ?? '?')}${dmarc.inherited ? ' (inherited)' : ''}${dmarc.rua.length ? '; rua set' : '; no rua'}`
      : '',
  ]);
  for (const s of view.dkim) {
    const key =
      s.status === 'found'
        ? `${md(s.keyType ?? 'rsa')}${s.bits !== undefined ? ` ${s.bits} bits` : ''}${s.testing ? ' (testing)' : ''}`
        : `_${md(missingRecordText(s.statusDetail ?? s.status, 'key'))}_`;
    rows.push([
      `DKIM ${md(s.selector)}`,
      s.record !== undefined ? code(truncate(s.record, 60)) : '',
      `${md(s.name)}${where(s.source, options)}`,
      key,
    ]);
  }
  if (view.dkim.length === 0 && view.dkimUnchecked) {
    const u = view.dkimUnchecked;
    rows.push([
      'DKIM',
      `_${u.count} of ${u.probed} common selectors could not be checked_`,
      '',
      md(`DNS ${u.kinds.join(', ')}`),
    ]);
  } else if (view.dkim.length === 0)
    rows.push(['DKIM', '_no selector found_', '', 'give the selectors you sign with']);
  for (const x of view.extras) {
    rows.push([
      md(x.label),
      x.record !== undefined
        ? code(truncate(x.record, 80))
        : `_${md(missingRecordText(x.status, `${x.label} record`))}_`,
      `${md(x.name)}${where(x.source, options)}`,
      x.detail ? md(x.detail) : '',
    ]);
  }
  return table(['', 'Record', 'Where', 'Details'], rows);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The SPF include tree as a list: each record with its cost and, in record order, every reached DNS-querying term
 * of its record: an include/redirect that was followed as its record's line (costs 1 + its subtree), the other
 * terms (a, mx, ptr, exists, and includes whose target depends on each message) as `costs 1`; so the lines of a
 * record add up to its total (RFC 7208 §4.6.4). At most `max` lines, then `…`.
 */
function treeList(tree: SpfTreeView, max: number): string[] {
  const out: string[] = [];
  for (const item of spfTreeItems(tree)) {
    if (item.kind === 'term' && !(item.term.reached && item.term.cost > 0)) continue;
    const depth = item.kind === 'node' ? item.depth : item.depth + 1;
    if (out.length === max) {
      out.push(`${'  '.repeat(depth)}- …`);
      break;
    }
    if (item.kind === 'node') {
      const node = item.node;
      const status = node.status === 'found' ? '' : ` — _${md(node.status)}_`;
      out.push(
        `${'  '.repeat(depth)}- ${code(`${viaLabel(node)}${node.domain}`)} — ${treeCost(node)}${status}`,
      );
    } else out.push(`${'  '.repeat(depth)}- ${code(item.term.term)} — costs ${item.term.cost}`);
  }
  return out;
}

function ruleRow(r: RuleResult): string[] {
  const what = r.rule === 'finding' ? code(r.id) : code(r.rule);
  const details = r.suppression
    ? `${md(r.message)} — suppressed: ${md(r.suppression.reason)}${r.suppression.expires ? ` (until ${md(r.suppression.expires)})` : ''}`
    : md(r.message);
  return [
    OUTCOME_ICON[r.outcome],
    what,
    r.expected !== undefined ? md(r.expected) : '',
    r.actual !== undefined ? md(r.actual) : '',
    details,
  ];
}

function findingRow(f: Finding, options: MarkdownOptions): string[] {
  return [SEVERITY_ICON[f.severity], code(f.id), `${md(f.message)}${where(f.evidence?.source, options)}`];
}

/** Remediations for what fails or warns: one bullet per finding id (the catalog's advice). */
function whatToChange(findings: readonly Finding[]): string[] {
  const seen = new Map<string, { title: string; remediation: string; count: number }>();
  for (const f of findings) {
    if (f.severity === 'info') continue;
    const def = findingDefinition(f.id);
    const remediation = f.remediation ?? def?.remediation;
    if (!remediation) continue;
    const entry = seen.get(f.id);
    if (entry) entry.count++;
    else seen.set(f.id, { title: def?.title ?? f.id, remediation, count: 1 });
  }
  return [...seen.entries()].map(
    ([id, e]) => `- ${code(id)} ${md(e.title)}${e.count > 1 ? ` (×${e.count})` : ''}: ${md(e.remediation)}`,
  );
}

function renderDomain(report: DomainReport, level: number, options: MarkdownOptions, g?: DomainGate): string {
  const view = viewReport(report);
  const findings = g ? g.findings : report.findings;
  const counts = g ? g.counts : report.summary;
  const parts: string[] = [];
  const status = g ? ` — ${STATUS_ICON[g.status]}` : '';
  parts.push(heading(level, `${md(report.domain)}${status}`));
  const extra = [countsLine(counts)];
  if (g?.counts.suppressed) extra.push(`${g.counts.suppressed} suppressed`);
  if (report.summary.dnsTrouble) extra.push('⚠️ DNS trouble: some checks could not complete');
  parts.push(extra.join(' · '));
  if (g && g.rules.length > 0) {
    parts.push(table(['Outcome', 'Rule', 'Expected', 'Found', 'Details'], g.rules.map(ruleRow)));
  }
  parts.push(recordsTable(view, options));
  if (view.spf.tree) {
    const lines = treeList(view.spf.tree, 40);
    parts.push(
      `<details><summary>SPF include tree: ${view.spf.lookups ?? '?'} DNS lookups of 10</summary>\n\n${lines.join('\n')}\n\n</details>`,
    );
  }
  const max = options.maxFindings ?? 50;
  if (findings.length > 0) {
    const rows = findings.slice(0, max).map((f) => findingRow(f, options));
    parts.push(table(['Severity', 'Finding', 'Message'], rows));
    if (findings.length > max)
      parts.push(`_…and ${findings.length - max} more findings (see the JSON report)._`);
  } else {
    parts.push('No findings.');
  }
  const advice = whatToChange(findings);
  if (advice.length > 0) parts.push(`**What to change**\n\n${advice.join('\n')}`);
  return parts.join('\n\n');
}

/**
 * Renders reports (and the gate's verdict, when given) as GitHub Flavored Markdown.
 * @returns the Markdown text, ending with a newline.
 */
export function renderMarkdown(reports: readonly DomainReport[], options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 2;
  const parts: string[] = [heading(level, md(options.title ?? 'mailgate report'))];
  const g = options.gate;
  if (g) {
    const verdict =
      g.status === 'passed'
        ? `**${STATUS_ICON.passed}**: every rule holds for ${reports.length} domain${reports.length === 1 ? '' : 's'}.`
        : `**${STATUS_ICON[g.status]}**: ${md(g.reason)}`;
    parts.push(verdict);
    parts.push(
      table(
        ['Domain', 'Verdict', 'Failed rules', 'Undetermined', 'Errors', 'Warnings'],
        g.domains.map((d) => [
          md(d.domain),
          STATUS_ICON[d.status],
          String(d.rules.filter((r) => r.outcome === 'fail').length),
          String(d.rules.filter((r) => r.outcome === 'undetermined').length),
          String(d.counts.errors),
          String(d.counts.warnings),
        ]),
      ),
    );
  }
  // Failing domains first.
  const order: Record<string, number> = { failed: 0, undetermined: 1, passed: 2 };
  const sorted = [...reports].sort((a, b) => {
    const ga = g?.domains.find((d) => d.domain === a.domain)?.status ?? 'passed';
    const gb = g?.domains.find((d) => d.domain === b.domain)?.status ?? 'passed';
    return (order[ga] ?? 2) - (order[gb] ?? 2);
  });
  for (const r of sorted) {
    parts.push(
      renderDomain(
        r,
        level + 1,
        options,
        g?.domains.find((d) => d.domain === r.domain),
      ),
    );
  }
  return `${parts.join('\n\n')}\n`;
}
