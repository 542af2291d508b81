/**
 * The text renderer: a table of the records (SPF, DMARC and where it was found, DKIM selectors with key size),
 * the policy gate's rules when a gate ran, then one line per finding. ANSI colour only when asked for; DNS text
 * always has its control characters made visible (a TXT record may hold ESC sequences).
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { type DkimSelectorView, type ReportView, type SpfTreeView, viewReport } from '../audit/view.js';
import type { Finding } from '../findings/finding.js';
import type { DomainGate, GateResult, RuleOutcome } from '../policy/gate.js';
import { problemLabel, problemsOf } from '../policy/problems.js';
import { escapeControl } from './escape.js';
import { type Paint, painter, SEVERITY_STYLE, type Style } from './paint.js';
import { missingRecordText } from './phrases.js';
import { spfTreeItems, treeCost, viaLabel } from './spf-tree.js';

/** Options for {@link renderText}. */
export interface TextOptions {
  /** ANSI colours (default false). */
  color?: boolean;
  /** The policy gate's result, to show each domain's rules and the verdict. */
  gate?: GateResult;
}

const OUTCOME_STYLE: Readonly<Record<RuleOutcome, Style>> = {
  fail: 'red',
  undetermined: 'yellow',
  suppressed: 'dim',
  'not-checked': 'dim',
  pass: 'green',
};
const OUTCOME_LABEL: Record<RuleOutcome, string> = {
  fail: 'FAIL',
  undetermined: 'UNDETERMINED',
  suppressed: 'SUPPRESSED',
  'not-checked': 'NOT CHECKED',
  pass: 'pass',
};

/** `1 error, 2 warnings, 0 infos`. */
export function countsLine(c: { errors: number; warnings: number; infos: number }): string {
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${n(c.errors, 'error')}, ${n(c.warnings, 'warning')}, ${n(c.infos, 'info')}`;
}

/** Where a record came from, e.g. ` (zones/example.com.zone:12)`. */
function at(source?: { file: string; line: number }): string {
  return source ? ` (${escapeControl(source.file)}:${source.line})` : '';
}

function keyDescription(s: DkimSelectorView): string {
  if (s.status !== 'found') return s.status === 'none' ? 'no key record' : (s.statusDetail ?? s.status);
  const type = s.keyType ?? 'rsa';
  const bits = s.bits !== undefined ? ` ${s.bits} bits` : '';
  return `${type}${bits}${s.testing ? ' (testing)' : ''}`;
}

function recordRows(view: ReportView, paint: Paint): string[] {
  const rows: [string, string][] = [];
  const spf = view.spf;
  const spfDetail =
    spf.status === 'found' || spf.status === 'invalid'
      ? `  [${spf.lookups ?? '?'} lookup${spf.lookups === 1 ? '' : 's'}; all: ${spf.allQualifier === undefined ? 'none' : `${spf.allQualifier}all`}]`
      : '';
  rows.push([
    'SPF',
    spf.record !== undefined
      ? `${escapeControl(spf.record)}${spfDetail}${spf.status === 'invalid' ? ' (invalid)' : ''}${at(spf.source)}`
      : paint(missingRecordText(spf.status, 'SPF record'), spf.status === 'dns-error' ? 'yellow' : 'red'),
  ]);
  const dmarc = view.dmarc;
  rows.push([
    'DMARC',
    dmarc.record !== undefined
      ? `${escapeControl(dmarc.record)}  [at ${escapeControl(dmarc.name ?? `_dmarc.${view.domain}`)}${dmarc.inherited ? ', inherited' : ''}]${at(dmarc.source)}`
      : paint(
          missingRecordText(dmarc.status, 'DMARC record'),
          dmarc.status === 'dns-error' ? 'yellow' : 'red',
        ),
  ]);
  if (view.dkim.length === 0 && view.dkimUnchecked) {
    const u = view.dkimUnchecked;
    rows.push([
      'DKIM',
      paint(
        `${u.count} of ${u.probed} common selectors could not be checked (DNS ${u.kinds.join(', ')})`,
        'yellow',
      ),
    ]);
  } else if (view.dkim.length === 0)
    rows.push(['DKIM', paint('no selector found (give selectors to check)', 'dim')]);
  for (const s of view.dkim) {
    rows.push(['DKIM', `${escapeControl(s.selector)}: ${keyDescription(s)}${at(s.source)}`]);
  }
  for (const x of view.extras) {
    const detail = x.detail ? `  [${x.detail}]` : '';
    rows.push([
      x.label,
      x.record !== undefined
        ? `${escapeControl(x.record)}${detail}${at(x.source)}`
        : `${missingRecordText(x.status, `${x.label} record`)}${detail}`,
    ]);
  }
  return rows.map(([label, value]) => `  ${paint(label.padEnd(8), 'bold')} ${value}`);
}

/** The records of the SPF include tree, one a line (at most 61), each with its cost and status. */
function treeLines(tree: SpfTreeView): string[] {
  return spfTreeItems(tree)
    .flatMap((item) => (item.kind === 'node' ? [item] : []))
    .slice(0, 61)
    .map(({ node, depth }) => {
      const status = node.status === 'found' ? '' : ` [${node.status}]`;
      return `  ${'  '.repeat(depth + 1)}${viaLabel(node)}${escapeControl(node.domain)}  ${treeCost(node)}${status}`;
    });
}

/** One finding on one line, for the `spf`, `dmarc` and `verify` text: severity, id, message, RFC section. */
export function findingListLine(f: Finding, paint: Paint): string {
  return `  ${paint(f.severity.padEnd(8), SEVERITY_STYLE[f.severity])}${f.id}  ${escapeControl(f.message)}${f.rfc ? ` [${f.rfc}]` : ''}`;
}

function findingLine(f: Finding, paint: Paint, suffix = ''): string {
  const sev = paint(f.severity.padEnd(7), SEVERITY_STYLE[f.severity]);
  const where = at(f.evidence?.source);
  const line = `  ${sev} ${f.id}  ${escapeControl(f.message)}${where}${suffix}`;
  // Errors and warnings say what to do and which RFC says so; infos stay one line.
  if (f.severity === 'info' || (!f.remediation && !f.rfc)) return line;
  const fix = [f.remediation ? escapeControl(f.remediation) : '', f.rfc ? `[${escapeControl(f.rfc)}]` : '']
    .filter(Boolean)
    .join(' ');
  return `${line}\n${' '.repeat(10)}${paint(`fix: ${fix}`, 'dim')}`;
}

function gateLines(g: DomainGate, paint: Paint): string[] {
  const out: string[] = [];
  const status =
    g.status === 'passed'
      ? paint('passed', 'green')
      : paint(g.status, g.status === 'failed' ? 'red' : 'yellow');
  out.push(`  ${paint('Policy', 'bold')}   ${status}`);
  // Every rule result is listed, including findings that fail the gate (at or above fail-on) or leave it
  // undetermined, so the lines here add up to the counts in the verdict line.
  for (const r of g.rules) {
    const label = paint(OUTCOME_LABEL[r.outcome].padEnd(12), OUTCOME_STYLE[r.outcome]);
    const what = r.rule === 'finding' ? escapeControl(r.id) : r.rule;
    const why = r.suppression
      ? ` (suppressed: ${escapeControl(r.suppression.reason)}${r.suppression.expires ? `, until ${r.suppression.expires}` : ''})`
      : r.rule === 'finding' && r.finding
        ? ` (${r.finding.severity} finding)`
        : '';
    out.push(`    ${label} ${what}  ${escapeControl(r.message)}${why}`);
  }
  // The verdict counts problems: a failed rule and the finding behind it are one (policy/problems.ts).
  const problems = problemsOf(g).filter((p) => p.outcome === 'fail' || p.outcome === 'undetermined');
  if (problems.length > 0) {
    out.push(
      `  ${paint('Problems', 'bold')} ${problems.length} (a failed rule and the findings behind it are one)`,
    );
    for (const p of problems) {
      const label = paint(
        (p.outcome === 'fail' ? 'PROBLEM' : 'UNDETERMINED').padEnd(12),
        p.outcome === 'fail' ? 'red' : 'yellow',
      );
      out.push(`    ${label} ${escapeControl(problemLabel(p))}  ${escapeControl(p.finding.message)}`);
    }
  }
  return out;
}

function renderOne(report: DomainReport, paint: Paint, g?: DomainGate): string {
  const view = viewReport(report);
  const findings = g ? g.findings : report.findings;
  const counts = g ? g.counts : report.summary;
  const lines: string[] = [];
  const dns = report.summary.dnsTrouble
    ? paint('  DNS trouble: some checks could not complete', 'yellow')
    : '';
  lines.push(`${paint(escapeControl(report.domain), 'bold')}  ${countsLine(counts)}${dns}`);
  lines.push(...recordRows(view, paint));
  if (view.spf.tree && view.spf.tree.children.length > 0) {
    lines.push(`  ${paint('SPF tree', 'bold')}`);
    lines.push(...treeLines(view.spf.tree));
  }
  if (g) lines.push(...gateLines(g, paint));
  if (findings.length > 0) {
    lines.push('');
    const failing = new Set(
      g?.rules.filter((r) => r.rule === 'finding' && r.outcome !== 'suppressed').map((r) => r.finding),
    );
    for (const f of findings)
      lines.push(findingLine(f, paint, g && failing.has(f) ? paint('  [fails the policy]', 'red') : ''));
  } else {
    lines.push(paint('  no findings', 'green'));
  }
  return lines.join('\n');
}

/**
 * Renders reports as text for a terminal or a log.
 *
 * @param reports - the audit reports, rendered in order.
 * @returns the text, without a trailing newline. No ANSI codes unless `options.color`.
 */
export function renderText(reports: readonly DomainReport[], options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const parts = reports.map((r) =>
    renderOne(
      r,
      paint,
      options.gate?.domains.find((d) => d.domain === r.domain),
    ),
  );
  if (options.gate) {
    const g = options.gate;
    const verdict =
      g.status === 'passed'
        ? paint('Policy passed', 'green', 'bold')
        : paint(escapeControl(g.reason), g.status === 'failed' ? 'red' : 'yellow', 'bold');
    parts.push(verdict);
  }
  return parts.join('\n\n');
}
