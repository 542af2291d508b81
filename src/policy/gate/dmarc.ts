/**
 * The gate's DMARC rules (RFC 9989): the policy for the domain (`p`), its subdomains (`sp`) and non-existent
 * subdomains (`np`), aggregate reports (`rua`) and identifier alignment modes (`adkim`/`aspf`).
 *
 * Each rule is decided from the audit's DMARC section ({@link DmarcAudit}) and is `undetermined` only when the
 * data IT needs could not be read:
 * - no record applies because discovery hit a TIMEOUT/SERVFAIL/REFUSED before one was found: every rule;
 * - a record was read: `sp`, `np`, `rua` and the alignment modes are its tags, known. A DNS error later in the
 *   Tree Walk (e.g. at `_dmarc.com` while looking for the Organizational Domain) does not change them: the
 *   Author Domain's own record applies regardless (RFC 9989 §4.10.1);
 * - `p` for a domain without a record of its own is the inherited record's `sp` or `np`, chosen by whether the
 *   domain exists (RFC 9989 §4.10.1, Appendix A.4): when that test failed with a DNS error and `sp` and `np`
 *   differ in outcome, `p` is undetermined.
 * DNS errors elsewhere in the DMARC audit (report destinations, the other RFC's discovery) stay `dmarc.dns-error`
 * finding rules of their own.
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import type { ReportView } from '../../audit/view.js';
import type { AssessmentPolicy, DmarcAudit } from '../../dmarc/index.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { AlignmentWanted, GateDomainRules } from '../schema.js';
import { checkRecordRule, type RecordRuleContext, type RecordState, type RuleSet } from './rules.js';

const DMARC_STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };

function atLeast(have: string, want: string): boolean {
  return (DMARC_STRENGTH[have] ?? 0) >= (DMARC_STRENGTH[want] ?? 0);
}

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
 * Why no DMARC record could be read for the domain, as a clause naming the query that failed, e.g.
 * `the DMARC record of example.com could not be read (DNS TIMEOUT for _dmarc.example.com)`.
 */
export function dmarcTrouble(audit: DmarcAudit): string {
  const d = audit.domain;
  const err = audit.discovery.error;
  if (!err) return `the DMARC record of ${d} could not be read (DNS error)`;
  const dns = `DNS ${err.kind} for ${err.name}`;
  if (err.name === `_dmarc.${d}`) return `the DMARC record of ${d} could not be read (${dns})`;
  return `${d} has no DMARC record of its own, and the record that applies to it could not be read (${dns})`;
}

/**
 * The tag of the applied record that a policy value came from, following the defaults of RFC 9989 §4.7: `sp`
 * is `sp=` else `p=`; `np` is `np=` else `sp=` else `p=` (RFC 7489 mode has no `np`: `sp=` else `p=`).
 */
function originTag(audit: DmarcAudit, tag: 'p' | 'sp' | 'np'): string {
  const published = audit.record?.published;
  if (tag === 'p' || !published) return tag;
  if (tag === 'np' && published.np !== undefined && audit.mode === '9989') return 'np';
  return published.sp !== undefined ? 'sp' : 'p';
}

/**
 * The DNS failure kind of the DMARC audit's DNS-trouble finding about `name` (its `evidence.details.kind`, the
 * `.dns-error` convention every `auditDmarc` DNS finding follows), `error` if a finding lacks it, or undefined
 * when there is no such finding.
 */
function kindOf(audit: DmarcAudit, name: string): string | undefined {
  const f = audit.findings.find((x) => isDnsTrouble(x) && x.evidence?.name?.toLowerCase() === name);
  if (!f) return undefined;
  const kind = f.evidence?.details?.kind;
  return typeof kind === 'string' ? kind : 'error';
}

/**
 * The policy receivers apply to failing mail under a published value: one level lower (reject -> quarantine,
 * quarantine -> none) under `t=y` (RFC 9989 §4.7) or, in RFC 7489 mode, under `pct` below 100 for the mail the
 * sample leaves out (RFC 7489 §6.6.4); else the value itself. `why` says which tag lowered it.
 */
function appliedPolicy(value: string, audit: DmarcAudit): { value: string; why?: string } {
  const eff = audit.effective;
  const lower = value === 'reject' ? 'quarantine' : value === 'quarantine' ? 'none' : undefined;
  if (!eff || lower === undefined) return { value };
  if (eff.testing) return { value: lower, why: `t=y: receivers apply ${lower} instead (RFC 9989 §4.7)` };
  if (eff.pct < 100)
    return {
      value: lower,
      why: `pct=${eff.pct}: receivers apply ${lower} to the failing mail outside the sample (RFC 7489 §6.6.4)`,
    };
  return { value };
}

/**
 * The policy for mail from the domain itself: its own `p=`, or the inherited record's `sp=`/`np=`. `options`
 * holds both `sp` and `np` when the domain existence test that chooses between them failed (`unknownKind`).
 */
interface DomainPolicyValue {
  options: { value: string; tag: string }[];
  unknownKind?: string;
}

function policyForDomain(audit: DmarcAudit): DomainPolicyValue | undefined {
  const eff = audit.effective;
  if (!eff) return undefined;
  if (audit.source === 'domain') return { options: [{ value: eff.p, tag: 'p' }] };
  const sp = { value: eff.sp, tag: originTag(audit, 'sp') };
  const np = { value: eff.np, tag: originTag(audit, 'np') };
  if (audit.mode === '9989' && eff.np !== eff.sp) {
    // The existence test asks A (and CNAME) at the domain itself; a transient failure there leaves it unknown.
    const kind = kindOf(audit, audit.domain);
    if (kind !== undefined) return { options: [sp, np], unknownKind: kind };
    return { options: [audit.policySource === 'np' ? np : sp] };
  }
  return { options: [sp] };
}

/**
 * Checks the `dmarc` section of a domain's rules and adds one result per rule (two for `alignment`: DKIM and
 * SPF). `sp` defaults to `p`, and `np` to `sp` then `p` (RFC 9989 §4.7); a missing tag compares as its default.
 */
export function checkDmarc(
  view: ReportView,
  rules: GateDomainRules,
  set: RuleSet,
  report: DomainReport,
): void {
  const dmarc = rules.dmarc;
  if (!dmarc) return;
  const audit = report.dmarc;
  const d = view.domain;
  const recordName = view.dmarc.name ?? `_dmarc.${d}`;
  const state: RecordState =
    view.dmarc.status === 'dns-error'
      ? { kind: 'trouble', why: dmarcTrouble(audit) }
      : view.dmarc.status !== 'found'
        ? { kind: 'missing', status: view.dmarc.status, problem: dmarcProblem(view) }
        : { kind: 'found' };
  const ctx: RecordRuleContext = {
    set,
    section: 'dmarc',
    missingFactory: POLICY_FINDINGS.dmarcRecord,
    evidence: {
      name: recordName,
      ...(view.dmarc.record !== undefined ? { record: view.dmarc.record } : {}),
      ...(view.dmarc.source ? { source: view.dmarc.source } : {}),
    },
  };
  const unreadable = `DMARC record of ${d} could not be read (DNS error)`;
  const inherited = audit.source !== null && audit.source !== 'domain';

  if (dmarc.p !== undefined) checkDomainPolicy(ctx, state, audit, d, recordName, dmarc.p);

  const effective: Record<'sp' | 'np', string | undefined> = {
    sp: view.dmarc.sp ?? view.dmarc.p,
    np: view.dmarc.np ?? view.dmarc.sp ?? view.dmarc.p,
  };
  for (const tag of ['sp', 'np'] as const) {
    const want = dmarc[tag] as AssessmentPolicy | undefined;
    if (want === undefined) continue;
    const whose = tag === 'sp' ? `subdomains of ${d}` : `non-existent subdomains of ${d}`;
    checkRecordRule(ctx, state, {
      key: tag,
      factory: POLICY_FINDINGS.dmarcPolicy,
      expected: `${tag}=${want}`,
      troubleMessage: `DMARC policy of ${d} could not be read (DNS error)`,
      requirement: `The policy requires DMARC ${tag}=${want} or stronger for ${d}`,
      compare: () => {
        const have = effective[tag] ?? 'none';
        const applied = appliedPolicy(have, audit);
        const ok = atLeast(applied.value, want);
        const lowered = !ok && atLeast(have, want) ? ` in effect (${applied.why})` : '';
        const origin = `${originTag(audit, tag)}= of ${recordName}`;
        return {
          ok,
          actual: `${tag}=${have}`,
          message: inherited
            ? ok
              ? `The DMARC policy that applies to ${whose} is ${have} (${origin}; required: ${want} or stronger)`
              : `The DMARC policy that applies to ${whose} is ${have} (${origin}), weaker than the required ${want}${lowered}`
            : ok
              ? `${tag}=${have} (required: ${want} or stronger)`
              : `DMARC ${tag}=${have} for ${d} is weaker than the required ${want}${lowered}`,
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
            : `DMARC record ${inherited ? `${recordName}, which applies to ${d},` : `of ${d}`} has no rua= (aggregate reports)`,
        };
      },
    });
  }

  if (dmarc.alignment !== undefined) {
    const wanted: { dkim?: AlignmentWanted; spf?: AlignmentWanted } =
      typeof dmarc.alignment === 'string' ? { dkim: dmarc.alignment, spf: dmarc.alignment } : dmarc.alignment;
    for (const id of ['dkim', 'spf'] as const) {
      const want = wanted[id];
      if (want === undefined) continue;
      const tag = id === 'dkim' ? 'adkim' : 'aspf';
      const wantCode = want === 'strict' ? 's' : 'r';
      checkRecordRule(ctx, state, {
        key: 'alignment',
        subKey: id,
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
              : `DMARC ${tag}=${have} for ${d}${inherited ? ` (${recordName})` : ''}; the policy wants ${want} alignment (${tag}=${wantCode})`,
          };
        },
      });
    }
  }
}

/**
 * `dmarc.p`: the policy receivers apply to mail from the domain itself. For a domain with its own record that
 * is its `p=`; for an inherited record it is that record's `sp=` (or `np=` when the domain does not exist),
 * and the message names the tag and the record (`the policy that applies to sub.example.com is none (sp= of
 * _dmarc.example.com)`).
 */
function checkDomainPolicy(
  ctx: RecordRuleContext,
  base: RecordState,
  audit: DmarcAudit,
  d: string,
  recordName: string,
  want: AssessmentPolicy,
): void {
  const value = base.kind === 'found' ? policyForDomain(audit) : undefined;
  const outcomes = value?.options.map((o) => atLeast(appliedPolicy(o.value, audit).value, want)) ?? [];
  const split = value?.unknownKind !== undefined && new Set(outcomes).size > 1;
  const state: RecordState = split
    ? {
        kind: 'trouble',
        why: `whether ${d} exists could not be determined (DNS ${value.unknownKind} for ${d}), so it is unknown whether ${value.options.map((o) => `${o.tag}=${o.value}`).join(' or ')} of ${recordName} applies to it`,
      }
    : base;
  checkRecordRule(ctx, state, {
    key: 'p',
    factory: POLICY_FINDINGS.dmarcPolicy,
    expected: `p=${want}`,
    troubleMessage: `DMARC policy of ${d} could not be read (DNS error)`,
    requirement: `The policy requires DMARC p=${want} or stronger for ${d}`,
    compare: () => {
      // Several options only when they agree (both pass or both fail): report the weakest.
      const options = [...(value?.options ?? [{ value: 'none', tag: 'p' }])].sort(
        (a, b) => (DMARC_STRENGTH[a.value] ?? 0) - (DMARC_STRENGTH[b.value] ?? 0),
      );
      const have = options[0]!;
      const applied = appliedPolicy(have.value, audit);
      const ok = atLeast(applied.value, want);
      // published strong enough, applied weaker: t=y or pct
      const lowered = !ok && atLeast(have.value, want) ? ` in effect (${applied.why})` : '';
      if (audit.source === 'domain') {
        return {
          ok,
          actual: `p=${have.value}`,
          message: ok
            ? `p=${have.value} (required: ${want} or stronger)`
            : `DMARC p=${have.value} for ${d} is weaker than the required ${want}${lowered}`,
        };
      }
      const origin =
        options.length > 1
          ? `${options.map((o) => `${o.tag}=${o.value}`).join(' or ')} of ${recordName}, whichever applies`
          : `${have.tag}= of ${recordName}`;
      return {
        ok,
        actual: options.map((o) => `${o.tag}=${o.value}`).join(' or '),
        message: ok
          ? `The DMARC policy that applies to ${d} is ${have.value} (${origin}; required: ${want} or stronger)`
          : `The DMARC policy that applies to ${d} is ${have.value} (${origin}), weaker than the required ${want}${lowered}`,
      };
    },
  });
}
