/**
 * The gate's DKIM rules: required selectors must have a key record at `<selector>._domainkey.<domain>` (RFC 6376
 * §3.6.2.1) that can verify a signature verifiers accept (not revoked, a known `k=`, `h=` allowing sha256, RSA
 * of 1024 bits or more: RFC 8301), and RSA keys must be at least `min-key-bits` long (RFC 8301 §3.2; Ed25519
 * keys, RFC 8463, are not measured in RSA bits and are skipped).
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { hasTrouble, type ReportView } from '../../audit/view.js';
import type { DkimKeyRecordView, DkimSelectorAudit } from '../../dkim/index.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { GateDomainRules } from '../schema.js';
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
 * Why a key record cannot verify any signature a verifier accepts, as a clause, or undefined when it can:
 * - a record with errors (RFC 6376 §6.1.2 step 5: ignored): an unknown `k=` (RFC 6376 §3.6.1 knows `rsa`, RFC
 *   8463 adds `ed25519`), malformed `p=`, wrong `v=` or `s=`...;
 * - a revoked key (empty `p=`, RFC 6376 §3.6.1);
 * - `h=` without `sha256`: the key may only be used with the hashes listed, and verifiers must not accept
 *   rsa-sha1 (RFC 8301 §3.1); ed25519-sha256 (RFC 8463) and rsa-sha256 both need sha256;
 * - an RSA key under 1024 bits, which verifiers must not accept (RFC 8301 §3.2).
 * @returns the clause and a short code for `actual` (`revoked`, `h=sha1`, `k=foo`, `512 bits`, `invalid`).
 */
export function unusableKey(
  name: string,
  r: DkimKeyRecordView,
): { clause: string; code: string } | undefined {
  if (r.revoked) return { clause: `the key at ${name} is revoked (empty p=)`, code: 'revoked' };
  const unknownType = r.errors.find((e) => e.startsWith('unknown key type'));
  if (unknownType) {
    return {
      clause: `the key record at ${name} has an ${unknownType}, which verifiers cannot use (RFC 6376 §3.6.1 defines rsa, RFC 8463 ed25519)`,
      code: `k=${r.k}`,
    };
  }
  if (r.errors.length > 0) {
    return { clause: `the key record at ${name} is not usable: ${r.errors.join('; ')}`, code: 'invalid' };
  }
  if (r.h !== undefined && !r.h.includes('sha256')) {
    return {
      clause: `the key at ${name} allows only h=${r.h.join(':')}, and verifiers must not accept rsa-sha1 signatures (RFC 8301 §3.1), so no acceptable signature can verify with it`,
      code: `h=${r.h.join(':')}`,
    };
  }
  if (r.keyType === 'rsa' && r.bits !== undefined && r.bits < 1024) {
    return {
      clause: `the RSA key at ${name} has ${r.bits} bits, and verifiers must not accept signatures made with keys under 1024 bits (RFC 8301 §3.2)`,
      code: `${r.bits} bits`,
    };
  }
  return undefined;
}

/**
 * The selector's usable key record, or why there is none: `undetermined` when its lookup failed with DNS
 * trouble (or it was not audited while DKIM lookups failed).
 */
function selectorState(
  audit: DkimSelectorAudit | undefined,
  name: string,
  areaTrouble: boolean,
): { outcome: RuleOutcome; clause?: string; actual: string; record?: DkimKeyRecordView } {
  if (!audit) {
    return areaTrouble
      ? { outcome: 'undetermined', actual: 'not checked' }
      : { outcome: 'fail', clause: dkimProblem(name, undefined), actual: 'not checked' };
  }
  if (audit.status === 'dns-error') {
    return { outcome: 'undetermined', actual: 'dns-error' };
  }
  if (audit.records.length === 0) {
    return { outcome: 'fail', clause: dkimProblem(name, 'none'), actual: 'none' };
  }
  const problems = audit.records.map((r) => ({ r, problem: unusableKey(name, r) }));
  const usable = problems.find((p) => p.problem === undefined);
  if (usable) return { outcome: 'pass', actual: 'found', record: usable.r };
  if (problems.length === 1) {
    const only = problems[0]!;
    return { outcome: 'fail', clause: only.problem!.clause, actual: only.problem!.code, record: only.r };
  }
  return {
    outcome: 'fail',
    clause: `none of the ${problems.length} key records at ${name} is usable: ${problems.map((p) => p.problem!.clause).join('; ')}`,
    actual: problems.map((p) => p.problem!.code).join(', '),
    record: problems[0]!.r,
  };
}

/**
 * Checks the `dkim` section of a domain's rules: one result per required selector, which passes only with a
 * key record a verifier can use (see {@link unusableKey}; `undetermined` when its record could not be read,
 * or it was not audited while DKIM lookups failed), and one per found RSA key for `min-key-bits` (bits of the
 * modulus).
 */
export function checkDkim(
  view: ReportView,
  rules: GateDomainRules,
  set: RuleSet,
  report: DomainReport,
): void {
  const dkim = rules.dkim;
  if (!dkim) return;
  const areaTrouble = hasTrouble(report.findings, 'dkim');
  for (const selector of dkim.selectors ?? []) {
    const audit = report.dkim.selectors.find((x) => x.selector.toLowerCase() === selector.toLowerCase());
    const name = audit?.name ?? `${selector}._domainkey.${view.domain}`;
    const st = selectorState(audit, name, areaTrouble);
    const message =
      st.outcome === 'undetermined'
        ? `The policy requires a usable DKIM key for selector ${selector} of ${view.domain}, but the key record at ${name} could not be read (${audit?.dnsError ? `DNS ${audit.dnsError}` : 'DNS errors kept the audit from checking it'})`
        : st.outcome === 'pass'
          ? `DKIM key found at ${name}`
          : `The policy requires a usable DKIM key for selector ${selector} of ${view.domain}, but ${st.clause}`;
    const record = st.record ?? audit?.records[0];
    addPolicyRule(set, {
      rule: 'dkim.selectors',
      section: 'dkim',
      key: 'selectors',
      outcome: st.outcome,
      message,
      factory: POLICY_FINDINGS.dkimSelector,
      evidence: {
        name,
        ...(record ? { record: record.text } : {}),
        ...(record?.source ? { source: record.source } : {}),
      },
      subject: selector.toLowerCase(),
      expected: selector,
      actual: st.actual,
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
      subject: s.selector.toLowerCase(),
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
