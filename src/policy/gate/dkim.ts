/**
 * The gate's DKIM rules: required selectors must have a usable key record at `<selector>._domainkey.<domain>`
 * (RFC 6376 §3.6.2.1), and RSA keys must be at least `min-key-bits` long (RFC 8301 §3.2; Ed25519 keys,
 * RFC 8463, are not measured in RSA bits and are skipped).
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { hasTrouble, type ReportView } from '../../audit/view.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { DomainPolicy } from '../schema.js';
import { addPolicyRule, type RuleSet } from './rules.js';
import type { RuleOutcome } from './types.js';

/** What is wrong with a DKIM selector that has no usable key, as a clause; `status` is the audit's, if any. */
export function dkimProblem(name: string, status: string | undefined): string {
  switch (status) {
    case undefined:
      return 'the audit did not check this selector';
    case 'none':
      return `there is no key record at ${name}`;
    case 'revoked':
      return `the key at ${name} is revoked (empty p=)`;
    case 'invalid':
      return `the record at ${name} is not a usable DKIM key record`;
    case 'multiple':
      return `${name} has more than one key record`;
    default:
      return `the key record at ${name} is ${status}`;
  }
}

/**
 * Checks the `dkim` section of a domain's rules: one result per required selector (`undetermined` when its
 * record could not be read, or it was not audited while DKIM lookups failed), one per found RSA key for
 * `min-key-bits` (bits of the modulus).
 */
export function checkDkim(view: ReportView, rules: DomainPolicy, set: RuleSet, report: DomainReport): void {
  const dkim = rules.dkim;
  if (!dkim) return;
  const areaTrouble = hasTrouble(report.findings, 'dkim');
  for (const selector of dkim.selectors ?? []) {
    const s = view.dkim.find((x) => x.selector.toLowerCase() === selector.toLowerCase());
    const name = `${selector}._domainkey.${view.domain}`;
    let outcome: RuleOutcome;
    let message: string;
    if (s?.status === 'dns-error' || (!s && areaTrouble)) {
      outcome = 'undetermined';
      message = `DKIM key at ${name} could not be read (DNS error)`;
    } else if (s?.status === 'found') {
      outcome = 'pass';
      message = `DKIM key found at ${name}`;
    } else {
      outcome = 'fail';
      message = `The policy requires a usable DKIM key for selector ${selector} of ${view.domain}, but ${dkimProblem(name, s?.status)}`;
    }
    addPolicyRule(set, {
      rule: 'dkim.selectors',
      section: 'dkim',
      key: 'selectors',
      outcome,
      message,
      factory: POLICY_FINDINGS.dkimSelector,
      evidence: {
        name,
        ...(s?.record !== undefined ? { record: s.record } : {}),
        ...(s?.source ? { source: s.source } : {}),
      },
      expected: selector,
      actual: s?.status ?? 'not checked',
    });
  }
  const min = dkim['min-key-bits'];
  if (min === undefined) return;
  for (const s of view.dkim.filter((x) => x.status === 'found')) {
    if (s.keyType === 'ed25519') continue;
    const ok = s.bits !== undefined && s.bits >= min;
    addPolicyRule(set, {
      rule: 'dkim.min-key-bits',
      section: 'dkim',
      key: 'min-key-bits',
      outcome: ok ? 'pass' : 'fail',
      message: ok
        ? `DKIM key ${s.selector}: ${s.bits} bits (minimum ${min})`
        : `DKIM key ${s.selector} of ${view.domain} is ${s.bits ?? 'of unknown size'}${s.bits !== undefined ? ' bits' : ''}; the policy requires at least ${min} bits`,
      factory: POLICY_FINDINGS.dkimKeySize,
      evidence: {
        name: s.name,
        ...(s.record !== undefined ? { record: s.record } : {}),
        ...(s.source ? { source: s.source } : {}),
      },
      expected: `>= ${min}`,
      actual: s.bits !== undefined ? String(s.bits) : 'unknown',
    });
  }
}
