/**
 * The gate's finding rules: severity overrides, the `fail-on` threshold, and suppressions with their reason and
 * expiry date.
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import {
  atOrAbove,
  type FailOn,
  type Finding,
  type Severity,
  withPolicySeverity,
} from '../../findings/finding.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { FindingRule, GatePolicy, Suppression } from '../schema.js';
import { domainKey } from './domain-rules.js';
import type { RuleSet } from './rules.js';
import type { DomainGate } from './types.js';

function suppressionsOf(rule: FindingRule | undefined): Suppression[] {
  if (!rule?.suppress) return [];
  return Array.isArray(rule.suppress) ? rule.suppress : [rule.suppress];
}

function appliesTo(s: Suppression, domain: string): boolean {
  const want = domainKey(domain);
  return !s.domains || s.domains.some((d) => domainKey(d) === want);
}

/**
 * Applies the policy's `findings` section to a report's findings, adding a `finding` rule result for each
 * finding that counts: `suppressed` when an unexpired suppression (for this domain) covers it; `undetermined`
 * for a DNS-trouble finding whatever its severity; `fail` at or above `failOn` (after the severity override).
 * A suppression expires after its `expires` day (UTC, compared with `now`); each expired one adds a
 * `policy.suppression-expired` warning.
 *
 * @returns `findings`: the effective findings (overridden, without suppressed ones, plus expiry warnings);
 *   `suppressed`: the accepted findings with their suppression.
 */
export function applyFindingRules(
  report: DomainReport,
  policy: GatePolicy,
  failOn: FailOn,
  set: RuleSet,
  now: Date,
): { findings: Finding[]; suppressed: DomainGate['suppressed'] } {
  const today = now.toISOString().slice(0, 10);
  const findings: Finding[] = [];
  const suppressed: DomainGate['suppressed'] = [];
  const expiredSeen = new Set<Suppression>();
  for (const original of report.findings) {
    const rule = policy.findings?.[original.id];
    const finding = rule?.severity ? withPolicySeverity(original, rule.severity as Severity) : original;
    const candidates = suppressionsOf(rule).filter((s) => appliesTo(s, report.domain));
    const active = candidates.find((s) => s.expires === undefined || s.expires >= today);
    const expired = candidates.filter((s) => s.expires !== undefined && s.expires < today);
    const path = ['findings', original.id];
    if (active) {
      suppressed.push({ finding, suppression: active });
      set.add({
        rule: 'finding',
        id: finding.id,
        outcome: 'suppressed',
        message: finding.message,
        finding,
        suppression: active,
        policyPath: [...path, 'suppress'],
      });
      continue;
    }
    for (const s of expired) {
      if (expiredSeen.has(s)) continue;
      expiredSeen.add(s);
      findings.push(
        POLICY_FINDINGS.suppressionExpired(
          `The suppression of ${original.id} expired on ${s.expires} (reason given: ${s.reason}); the finding counts again`,
          { term: original.id, details: { expires: s.expires, reason: s.reason } },
          { domain: report.domain },
        ),
      );
    }
    findings.push(finding);
    // DNS trouble leaves the area unchecked whatever the finding's severity: undetermined, never a pass.
    const trouble = isDnsTrouble(finding);
    if (trouble || atOrAbove(finding.severity, failOn)) {
      set.add({
        rule: 'finding',
        id: finding.id,
        outcome: trouble ? 'undetermined' : 'fail',
        message: finding.message,
        finding,
        ...(rule ? { policyPath: path } : {}),
      });
    }
  }
  return { findings, suppressed };
}
