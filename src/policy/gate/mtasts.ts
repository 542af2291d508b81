/**
 * The gate's MTA-STS rule (RFC 8461): the domain's policy must be in the required mode or a stronger one
 * (`none` < `testing` < `enforce`).
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { hasTrouble, type ReportView } from '../../audit/view.js';
import type { Evidence } from '../../findings/finding.js';
import { type MtaStsAudit, policyLine } from '../../mtasts/index.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { GateDomainRules } from '../schema.js';
import { addPolicyRule, type RuleSet } from './rules.js';
import type { RuleOutcome } from './types.js';

const MTA_STS_STRENGTH: Record<string, number> = { none: 0, testing: 1, enforce: 2 };

/**
 * Why a domain has no MTA-STS mode, from its MTA-STS section, as a clause; `notChecked` when the check was turned
 * off (HTTPS off and no repository policy file: the mode is unknown, which is neither a failure nor DNS trouble).
 */
export function mtaStsProblem(audit: MtaStsAudit): { clause: string; notChecked?: true } {
  const name = audit.record?.name ?? `_mta-sts.${audit.domain}`;
  if (audit.statusDetail === 'policy-not-fetched')
    return {
      clause: `its MTA-STS policy file was not checked (HTTPS off, and no policy file from the repository was given), so its mode is unknown`,
      notChecked: true,
    };
  switch (audit.status) {
    case 'none':
      return { clause: `${audit.domain} publishes no MTA-STS record (no "v=STSv1" TXT record at ${name})` };
    case 'multiple':
      return { clause: `${name} has more than one "v=STSv1" record, so senders apply no MTA-STS policy` };
    case 'invalid': {
      if (audit.record?.id === null)
        return {
          clause: `the MTA-STS record at ${name} is not valid (no usable id=), so senders apply no policy`,
        };
      const url = audit.policy?.url ?? `https://mta-sts.${audit.domain}/.well-known/mta-sts.txt`;
      if (audit.policy?.error)
        return {
          clause: `the MTA-STS policy file ${url} could not be fetched (${audit.policy.error.message}), so senders apply no policy`,
        };
      const errors = audit.policy?.parsed?.errors ?? [];
      return {
        clause: `the MTA-STS policy file ${url} is not valid${errors.length ? ` (${errors.join('; ')})` : ''}, so senders apply no policy`,
      };
    }
    default:
      return { clause: `the MTA-STS policy of ${audit.domain} is ${audit.status}` };
  }
}

/**
 * Where the mode rule points: the repository policy file's `mode:` line when the policy came from one, else the
 * `_mta-sts` TXT record (with its zone file line when it came from a zone file).
 */
function mtaStsEvidence(m: MtaStsAudit | undefined, domain: string): Evidence {
  const name = `_mta-sts.${domain}`;
  const file = m?.policy?.file;
  if (file !== undefined && m?.policy?.text !== undefined)
    return { name, source: { file, line: policyLine(m.policy.text, 'mode') } };
  return {
    name,
    ...(m?.record?.text !== undefined ? { record: m.record.text } : {}),
    ...(m?.record?.source ? { source: m.record.source } : {}),
  };
}

/**
 * Checks `mta-sts.mode`: `undetermined` when the report has no MTA-STS section or a DNS error kept the record or
 * policy file from being read; `not-checked` when the policy file was neither fetched (HTTPS off) nor given from
 * the repository; `fail` for no valid policy or a weaker mode.
 */
export function checkMtaSts(
  view: ReportView,
  rules: GateDomainRules,
  set: RuleSet,
  report: DomainReport,
): void {
  const want = rules['mta-sts']?.mode;
  if (want === undefined) return;
  let outcome: RuleOutcome;
  let message: string;
  let actual: string | undefined;
  const m = report.mtaSts;
  const required = `The policy requires MTA-STS mode ${want}${want === 'enforce' ? '' : ' or stronger'} for ${view.domain}`;
  if (!m) {
    outcome = 'undetermined';
    message = `${required}, but MTA-STS was not audited (this audit has no MTA-STS section)`;
  } else if (
    m.status === 'dns-error' ||
    hasTrouble(report.findings, 'mtasts') ||
    hasTrouble(report.findings, 'mta-sts')
  ) {
    outcome = 'undetermined';
    message = `${required}, but its MTA-STS record or policy file could not be read (DNS error)`;
    actual = 'dns-error';
  } else if (m.status === 'found' && m.mode) {
    const have = m.mode;
    const ok = (MTA_STS_STRENGTH[have] ?? 0) >= (MTA_STS_STRENGTH[want] ?? 0);
    outcome = ok ? 'pass' : 'fail';
    message = ok
      ? `MTA-STS mode ${have} (required: ${want} or stronger)`
      : `${required}, but its MTA-STS policy has mode ${have}`;
    actual = `mode ${have}`;
  } else {
    const problem = mtaStsProblem(m);
    outcome = problem.notChecked ? 'not-checked' : 'fail';
    message = problem.notChecked
      ? `MTA-STS mode of ${view.domain} not checked (HTTPS off): ${problem.clause}; the policy requires ${want}${want === 'enforce' ? '' : ' or stronger'}`
      : `${required}, but ${problem.clause}`;
    actual =
      m.statusDetail === 'policy-not-fetched'
        ? 'policy not fetched'
        : m.status === 'none'
          ? 'no record'
          : m.status;
  }
  addPolicyRule(set, {
    rule: 'mta-sts.mode',
    section: 'mta-sts',
    key: 'mode',
    outcome,
    message,
    factory: POLICY_FINDINGS.mtaStsMode,
    evidence: mtaStsEvidence(m, view.domain),
    expected: want,
    ...(actual !== undefined ? { actual } : {}),
  });
}
