/**
 * The gate's DMARC rules (RFC 9989): the policy for the domain (`p`), its subdomains (`sp`) and non-existent
 * subdomains (`np`), aggregate reports (`rua`) and identifier alignment modes (`adkim`/`aspf`).
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { hasTrouble, type ReportView } from '../../audit/view.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { DmarcPolicyValue, DomainPolicy } from '../schema.js';
import { checkRecordRule, type RecordRuleContext, type RecordState, type RuleSet } from './rules.js';

const DMARC_STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };

/** What is wrong with a domain's DMARC record when it is not `found`, as a clause. */
export function dmarcProblem(view: ReportView): string {
  const d = view.domain;
  const name = view.dmarc.name ?? `_dmarc.${d}`;
  switch (view.dmarc.status) {
    case 'none':
      return `no DMARC record was found for ${d} (at _dmarc.${d} or an Organizational Domain above it)`;
    case 'multiple':
      return `${name} has more than one DMARC record, so receivers apply no DMARC policy`;
    case 'invalid':
      return `the DMARC record at ${name} is not valid, so receivers apply no DMARC policy`;
    default:
      return `the DMARC record of ${d} is ${view.dmarc.status}`;
  }
}

/**
 * Checks the `dmarc` section of a domain's rules and adds one result per rule (two for `alignment` given as
 * one mode: DKIM and SPF). `sp` defaults to `p`, and `np` to `sp` then `p` (RFC 9989 §4.7); a missing tag
 * compares as its default. DNS trouble at the policy record or its discovery is `undetermined`.
 */
export function checkDmarc(view: ReportView, rules: DomainPolicy, set: RuleSet, report: DomainReport): void {
  const dmarc = rules.dmarc;
  if (!dmarc) return;
  const d = view.domain;
  const trouble = view.dmarc.status === 'dns-error' || hasTrouble(report.findings, 'dmarc');
  const state: RecordState = trouble
    ? { kind: 'trouble' }
    : view.dmarc.status !== 'found'
      ? { kind: 'missing', status: view.dmarc.status, problem: dmarcProblem(view) }
      : { kind: 'found' };
  const ctx: RecordRuleContext = {
    set,
    section: 'dmarc',
    missingFactory: POLICY_FINDINGS.dmarcRecord,
    evidence: {
      name: view.dmarc.name ?? `_dmarc.${d}`,
      ...(view.dmarc.record !== undefined ? { record: view.dmarc.record } : {}),
      ...(view.dmarc.source ? { source: view.dmarc.source } : {}),
    },
  };
  const unreadable = `DMARC record of ${d} could not be read (DNS error)`;

  const effective: Record<'p' | 'sp' | 'np', string | undefined> = {
    p: view.dmarc.p,
    sp: view.dmarc.sp ?? view.dmarc.p,
    np: view.dmarc.np ?? view.dmarc.sp ?? view.dmarc.p,
  };
  for (const tag of ['p', 'sp', 'np'] as const) {
    const want = dmarc[tag] as DmarcPolicyValue | undefined;
    if (want === undefined) continue;
    checkRecordRule(ctx, state, {
      key: tag,
      factory: POLICY_FINDINGS.dmarcPolicy,
      expected: `${tag}=${want}`,
      troubleMessage: `DMARC policy of ${d} could not be read (DNS error)`,
      requirement: `The policy requires DMARC ${tag}=${want} or stronger for ${d}`,
      compare: () => {
        const have = effective[tag] ?? 'none';
        const ok = (DMARC_STRENGTH[have] ?? 0) >= (DMARC_STRENGTH[want] ?? 0);
        return {
          ok,
          actual: `${tag}=${have}`,
          message: ok
            ? `${tag}=${have} (required: ${want} or stronger)`
            : `DMARC ${tag}=${have} for ${d} is weaker than the required ${want}`,
        };
      },
    });
  }

  if (dmarc.rua === true) {
    checkRecordRule(ctx, state, {
      key: 'rua',
      factory: POLICY_FINDINGS.dmarcRua,
      expected: 'rua=',
      troubleMessage: unreadable,
      requirement: `The policy requires a DMARC aggregate report address (rua=) for ${d}`,
      compare: () => {
        const ok = view.dmarc.rua.length > 0;
        return {
          ok,
          actual: ok ? view.dmarc.rua.join(',') : 'none',
          message: ok
            ? `rua=${view.dmarc.rua.join(',')}`
            : `DMARC record of ${d} has no rua= (aggregate reports)`,
        };
      },
    });
  }

  if (dmarc.alignment !== undefined) {
    const wanted =
      typeof dmarc.alignment === 'string' ? { dkim: dmarc.alignment, spf: dmarc.alignment } : dmarc.alignment;
    for (const id of ['dkim', 'spf'] as const) {
      const want = wanted[id];
      if (want === undefined) continue;
      const tag = id === 'dkim' ? 'adkim' : 'aspf';
      const wantCode = want === 'strict' ? 's' : 'r';
      checkRecordRule(ctx, state, {
        key: 'alignment',
        factory: POLICY_FINDINGS.dmarcAlignment,
        expected: `${tag}=${wantCode}`,
        troubleMessage: unreadable,
        requirement: `The policy wants ${want} ${id === 'dkim' ? 'DKIM' : 'SPF'} alignment (${tag}=${wantCode}) for ${d}`,
        compare: () => {
          const have = view.dmarc[tag] ?? 'r';
          const ok = have === wantCode;
          return {
            ok,
            actual: `${tag}=${have}`,
            message: ok
              ? `${tag}=${have} (${want} alignment)`
              : `DMARC ${tag}=${have} for ${d}; the policy wants ${want} alignment (${tag}=${wantCode})`,
          };
        },
      });
    }
  }
}
