/**
 * Findings and policy rules in HTML: a domain's findings grouped by severity (errors, warnings, then infos), each
 * with its catalog title, the sentence, where it was observed (zone file line or DNS name), what to change and the
 * RFC sections it cites, linked; and, for a gated report, every policy rule with its outcome.
 *
 * @module
 */

import { findingDefinition } from '../catalog.js';
import type { Finding, Severity } from '../findings/finding.js';
import type { DomainGate, RuleOutcome, RuleResult } from '../policy/gate.js';
import { badge, code, esc, plural, rfcLinks, type State, scrollTable, sourceText } from './html-layout.js';

const SEVERITY_STATE: Readonly<Record<Severity, State>> = { error: 'err', warning: 'warn', info: 'info' };
const SEVERITY_HEADING: Readonly<Record<Severity, string>> = {
  error: 'Errors',
  warning: 'Warnings',
  info: 'Information',
};

/** The badge of a finding severity. */
export function severityBadge(severity: Severity): string {
  return badge(SEVERITY_STATE[severity], severity);
}

const OUTCOME_STATE: Readonly<Record<RuleOutcome, State>> = {
  fail: 'err',
  undetermined: 'dns',
  suppressed: 'none',
  'not-checked': 'info',
  pass: 'ok',
};

/** The anchor of a finding id's entry in the {@link findingsReference} (ids are the catalog's: letters, digits, `.` and `-`). */
export function referenceAnchor(id: string): string {
  return `f-${esc(id)}`;
}

function findingItem(f: Finding, failsPolicy: boolean, linked: boolean): string {
  const def = findingDefinition(f.id);
  const title = def?.title ?? f.id;
  const remediation = f.remediation ?? def?.remediation;
  const where = f.evidence?.source
    ? sourceText(f.evidence.source)
    : f.evidence?.name
      ? code(f.evidence.name)
      : '';
  const meta = [where, f.rfc ? rfcLinks(f.rfc) : ''].filter(Boolean).join(' · ');
  if (linked) {
    // One line: the title links to what the finding means (the page's findings reference), which names the id.
    // The location is the zone file line only: the message names the DNS name already.
    const head = def ? `<a href="#${referenceAnchor(f.id)}">${esc(title)}</a>` : code(f.id);
    const line = f.evidence?.source ? ` <span class="sub">${sourceText(f.evidence.source)}</span>` : '';
    return `<li class="f s-${SEVERITY_STATE[f.severity]}">${head}${failsPolicy ? ` ${badge('err', 'fails the policy')}` : ''} <bdi>${esc(f.message)}</bdi>${highlighted(f)}${line}</li>`;
  }
  return [
    `<li class="f s-${SEVERITY_STATE[f.severity]}">`,
    `<p>${severityBadge(f.severity)} <strong>${esc(title)}</strong> ${code(f.id)}${failsPolicy ? ` ${badge('err', 'fails the policy')}` : ''}</p>`,
    `<p><bdi>${esc(f.message)}</bdi></p>`,
    highlighted(f),
    meta ? `<p class="sub">${meta}</p>` : '',
    remediation && f.severity !== 'info'
      ? `<p class="fix"><strong>What to change:</strong> ${esc(remediation)}</p>`
      : '',
    '</li>',
  ].join('');
}

/**
 * The record a finding is about with the term it points at marked (`<mark>`), when the evidence gives a position
 * inside the record; `''` otherwise. Each part is escaped on its own.
 */
function highlighted(f: Finding): string {
  const record = f.evidence?.record;
  const pos = f.evidence?.position;
  if (record === undefined || !pos) return '';
  const { offset, length } = pos;
  if (!(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length > 0)) return '';
  if (offset + length > record.length) return '';
  return `<p><code class="rec">${esc(record.slice(0, offset))}<mark>${esc(record.slice(offset, offset + length))}</mark>${esc(record.slice(offset + length))}</code></p>`;
}

/**
 * What each finding id of a report of several domains means, written once instead of in every domain: the title,
 * the severity, the RFC sections (linked) and what to change. Each entry's anchor is {@link referenceAnchor}.
 */
export function findingsReference(ids: Iterable<string>): string {
  const items: string[] = [];
  for (const id of [...new Set(ids)].sort()) {
    const def = findingDefinition(id);
    if (!def) continue;
    items.push(
      `<li class="f s-${SEVERITY_STATE[def.severity]}" id="${referenceAnchor(id)}"><p>${severityBadge(def.severity)} <strong>${esc(def.title)}</strong> ${code(id)}${def.rfc ? ` <span class="sub">${rfcLinks(def.rfc)}</span>` : ''}</p>${def.remediation ? `<p class="fix"><strong>What to change:</strong> ${esc(def.remediation)}</p>` : ''}</li>`,
    );
  }
  if (items.length === 0) return '';
  return `<section class="card" id="findings-reference" aria-labelledby="findings-reference-h"><h2 id="findings-reference-h">What the findings mean</h2><p class="sub">Each finding of the domains above, once: the default severity, the RFC, and what to change.</p><ul class="findings">${items.join('')}</ul></section>`;
}

/**
 * The findings grouped by severity. Errors and warnings are listed open; information is in a closed `<details>`. Findings that fail the policy (a gate's `finding` rules) are marked. At most `max` per severity,
 * then a count of the rest. With `linked`, the RFC sections and what to change are left to the page's
 * {@link findingsReference}, which each finding id links to.
 */
export function findingsSection(
  findings: readonly Finding[],
  options: { gate?: DomainGate; max?: number; linked?: boolean },
): string {
  if (findings.length === 0) return `<p>${badge('ok', 'no findings')}</p>`;
  const max = options.max ?? 100;
  const failing = new Set(
    options.gate?.rules
      .filter((r) => r.rule === 'finding' && r.outcome !== 'suppressed')
      .map((r) => r.finding),
  );
  const out: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    const items = group.slice(0, max).map((f) => findingItem(f, failing.has(f), options.linked === true));
    const rest =
      group.length > max ? `<p class="sub">… and ${group.length - max} more (see the JSON report).</p>` : '';
    const heading = `${SEVERITY_HEADING[severity]} (${group.length})`;
    const list = `<ul class="findings">${items.join('')}</ul>${rest}`;
    out.push(
      severity === 'info'
        ? `<details><summary>${heading}</summary>${list}</details>`
        : `<h4>${heading}</h4>${list}`,
    );
  }
  const suppressed = options.gate?.suppressed ?? [];
  if (suppressed.length > 0) {
    const items = suppressed.map(
      (s) =>
        `<li>${code(s.finding.id)} <bdi>${esc(s.finding.message)}</bdi> <span class="sub">— suppressed: ${esc(s.suppression.reason)}${s.suppression.expires ? ` (until ${esc(s.suppression.expires)})` : ''}</span></li>`,
    );
    out.push(
      `<details><summary>Suppressed by the policy (${suppressed.length})</summary><ul>${items.join('')}</ul></details>`,
    );
  }
  return out.join('\n');
}

function ruleRow(r: RuleResult): string {
  const what = r.rule === 'finding' ? code(r.id) : code(r.rule);
  const suppression = r.suppression
    ? ` <span class="sub">— suppressed: ${esc(r.suppression.reason)}${r.suppression.expires ? ` (until ${esc(r.suppression.expires)})` : ''}</span>`
    : '';
  return `<tr><td>${badge(OUTCOME_STATE[r.outcome], r.outcome)}</td><th scope="row">${what}</th><td>${r.expected !== undefined ? code(r.expected) : ''}</td><td>${r.actual !== undefined ? code(r.actual) : ''}</td><td><bdi>${esc(r.message)}</bdi>${suppression}</td></tr>`;
}

/** The policy rules of a gated report: outcome, rule, expected, found, details; failing first (the gate's order). */
export function rulesTable(g: DomainGate): string {
  if (g.rules.length === 0) return '<p>The policy sets no rule for this domain.</p>';
  const counts = (['fail', 'undetermined', 'not-checked', 'suppressed', 'pass'] as const)
    .map((o) => [o, g.rules.filter((r) => r.outcome === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${o}`)
    .join(', ');
  return `<p class="sub">${plural(g.rules.length, 'rule')}: ${counts}</p>${scrollTable(
    `<table class="rules"><thead><tr><th scope="col">Outcome</th><th scope="col">Rule</th><th scope="col">Expected</th><th scope="col">Found</th><th scope="col">Details</th></tr></thead><tbody>${g.rules.map(ruleRow).join('')}</tbody></table>`,
  )}`;
}
