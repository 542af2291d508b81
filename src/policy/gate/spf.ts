/**
 * The gate's SPF rules (RFC 7208): `all` (how the record ends), `max-lookups` (the worst-case count of
 * DNS-querying terms, §4.6.4) and `authorize` (see `spf-authorize.ts`).
 *
 * @module
 */

import type { DomainReport } from '../../audit/audit.js';
import { hasTrouble, type ReportView } from '../../audit/view.js';
import { crossingTerm } from '../../spf/index.js';
import { POLICY_FINDINGS } from '../findings.js';
import type { GateDomainRules } from '../schema.js';
import { addPolicyRule, checkRecordRule, type RecordState, type RuleSet } from './rules.js';
import { type AuthorizeContext, checkAuthorization } from './spf-authorize.js';
import { type SpfBoundaries, spfBoundaries } from './spf-ranges.js';
import type { GateOptions } from './types.js';

/** What is wrong with a domain's SPF record when it is not `found`, as a clause (`example.com publishes no SPF record`). */
export function spfProblem(view: ReportView): string {
  const d = view.domain;
  switch (view.spf.status) {
    case 'none':
      return `${d} publishes no SPF record (no "v=spf1" TXT record at ${d})`;
    case 'multiple':
      return `${d} publishes more than one SPF record, so check_host() returns permerror (RFC 7208 §4.5)`;
    case 'invalid':
      return `the SPF record of ${d} has a syntax error, so check_host() returns permerror (RFC 7208 §4.6)`;
    default:
      return `the SPF record of ${d} is ${view.spf.status}`;
  }
}

/**
 * Checks the `spf` section of a domain's rules and adds one result per rule (one per `authorize` entry).
 * check_host() runs through `options.resolver`; DNS trouble makes a rule `undetermined`, never a pass.
 */
export async function checkSpf(
  view: ReportView,
  rules: GateDomainRules,
  set: RuleSet,
  report: DomainReport,
  options: GateOptions,
): Promise<void> {
  const spf = rules.spf;
  if (!spf) return;
  const d = view.domain;
  // `rootTrouble`: the record itself could not be read; `trouble`: it, or some part of the include tree, could not.
  const rootTrouble = view.spf.status === 'dns-error';
  const trouble = rootTrouble || hasTrouble(report.findings, 'spf');
  const missing = !rootTrouble && view.spf.status !== 'found';
  const base: RecordState = rootTrouble
    ? { kind: 'trouble' }
    : missing
      ? { kind: 'missing', status: view.spf.status, problem: spfProblem(view) }
      : { kind: 'found' };
  const ctx = {
    set,
    section: 'spf',
    // A missing or unusable record fails the rule as policy.spf-record, as DMARC's does as policy.dmarc-record.
    missingFactory: POLICY_FINDINGS.spfRecord,
    evidence: {
      name: d,
      ...(view.spf.record !== undefined ? { record: view.spf.record } : {}),
      ...(view.spf.source ? { source: view.spf.source } : {}),
    },
  };

  if (spf.all !== undefined) {
    const want = spf.all;
    const q = view.spf.allQualifier;
    const wanted = want === '-all' ? '-all' : '~all or -all';
    // Without an `all` in the readable part, an unreadable include or redirect may still hold it.
    const state: RecordState = trouble && q === undefined && !missing ? { kind: 'trouble' } : base;
    checkRecordRule(ctx, state, {
      key: 'all',
      factory: POLICY_FINDINGS.spfAll,
      expected: want,
      troubleMessage: `SPF record of ${d} could not be read (DNS error)`,
      requirement: `The policy requires the SPF record of ${d} to end with ${wanted}`,
      compare: () => {
        const actual = q === undefined ? 'no all (neutral)' : `${q}all`;
        const ok = want === '-all' ? q === '-' : q === '-' || q === '~';
        return {
          ok,
          actual,
          message: ok
            ? `SPF record ends with ${actual}`
            : `SPF record of ${d} ends with ${actual}; the policy requires ${wanted}`,
        };
      },
    });
  }

  if (spf['max-lookups'] !== undefined) {
    const max = spf['max-lookups'];
    const used = view.spf.lookups;
    // With part of the tree unreadable the count is a lower bound: over the budget is still a failure.
    const partial = trouble && !missing && (used === undefined || used <= max);
    const state: RecordState =
      partial || (used === undefined && view.spf.status === 'found') ? { kind: 'trouble' } : base;
    checkRecordRule(ctx, state, {
      key: 'max-lookups',
      factory: POLICY_FINDINGS.spfLookups,
      expected: `<= ${max}`,
      troubleMessage: `SPF lookup count of ${d} could not be determined (DNS error)`,
      requirement: `The policy allows at most ${max} DNS lookups for the SPF record of ${d}`,
      compare: () => {
        const ok = (used ?? 0) <= max;
        // The root term whose running total first exceeds the budget: the one the change should touch.
        const crossing = !ok && report.spf.tree ? crossingTerm(report.spf.tree, max) : undefined;
        return {
          ok,
          actual: String(used),
          message: ok
            ? `SPF needs ${used} DNS lookups (budget ${max})`
            : `SPF record of ${d} needs ${used} DNS lookups; the policy allows at most ${max}${crossing ? ` (${crossing.term}, which costs ${crossing.cost}, takes it from ${crossing.total - crossing.cost} to ${crossing.total})` : ''}`,
          ...(crossing
            ? {
                evidence: {
                  ...ctx.evidence,
                  term: crossing.term,
                  position: { offset: crossing.offset, length: crossing.length },
                },
              }
            : {}),
        };
      },
    });
  }

  const authorize: AuthorizeContext = {
    domain: d,
    includes: view.spf.includes,
    rootTrouble,
    subtreeTrouble: trouble,
    ...(missing ? { problem: { clause: spfProblem(view), status: view.spf.status } } : {}),
    ...(options.resolver ? { resolver: options.resolver } : {}),
    ...(options.maxAuthorizeChecks !== undefined ? { maxChecks: options.maxAuthorizeChecks } : {}),
  };
  let bounds: SpfBoundaries | null | undefined;
  const boundaries = () => {
    bounds ??= report.spf.tree ? spfBoundaries(report.spf.tree) : null;
    return bounds;
  };
  for (const entry of spf.authorize ?? []) {
    const result = await checkAuthorization(authorize, entry, boundaries);
    addPolicyRule(set, {
      rule: 'spf.authorize',
      section: 'spf',
      key: 'authorize',
      outcome: result.outcome,
      message: result.message,
      factory: POLICY_FINDINGS.spfAuthorize,
      evidence: ctx.evidence,
      subject: entry,
      expected: entry,
      ...(result.actual !== undefined ? { actual: result.actual } : {}),
      ...(result.inexact ? { inexact: true as const } : {}),
    });
  }
}
