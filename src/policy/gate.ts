/**
 * The policy gate: checks audit reports against a {@link Policy} and says, rule by rule, what passed, what
 * failed, what was accepted (suppressed), and what could not be checked.
 *
 * Outcomes of a rule ({@link RuleOutcome}): `pass`; `fail` (the gate fails); `undetermined` (DNS trouble, or
 * a check that could not be made exact: never a pass); `suppressed` (a finding accepted by the policy).
 * The gate's status is `failed` when any rule failed, else `undetermined` when any rule is undetermined, else
 * `passed`. The CLI (`mailgate audit --policy`) and the GitHub Action use this one function.
 *
 * One module per concern under `gate/`: `spf.ts` (with `spf-authorize.ts` and `spf-ranges.ts`), `dmarc.ts`,
 * `dkim.ts`, `mtasts.ts`, `suppress.ts` (finding rules), `rules.ts` (shared rule shapes), `domain-policy.ts`.
 * This module orchestrates them and is the public entry point (importers use only this file).
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { viewReport } from '../audit/view.js';
import { countBySeverity, type Finding, sortFindings } from '../findings/finding.js';
import { checkDkim } from './gate/dkim.js';
import { checkDmarc } from './gate/dmarc.js';
import { domainRules, pathResolver } from './gate/domain-rules.js';
import { checkMtaSts } from './gate/mtasts.js';
import { checkReports } from './gate/reports.js';
import { RuleSet } from './gate/rules.js';
import { checkSpf } from './gate/spf.js';
import { applyFindingRules } from './gate/suppress.js';
import type {
  DomainGate,
  GateCounts,
  GateOptions,
  GateResult,
  GateStatus,
  RuleOutcome,
  RuleResult,
} from './gate/types.js';
import { type Problem, problemsOf } from './problems.js';
import type { GatePolicy } from './schema.js';

export { domainRules } from './gate/domain-rules.js';
export { networkEnds } from './gate/spf-ranges.js';
export type { DomainGate, GateOptions, GateResult, GateStatus, RuleOutcome, RuleResult };

const OUTCOME_ORDER: Record<RuleOutcome, number> = {
  fail: 0,
  undetermined: 1,
  'not-checked': 2,
  suppressed: 3,
  pass: 4,
};

function checkOptions(options: GateOptions): void {
  const max = options.maxAuthorizeChecks;
  if (max !== undefined && !(Number.isSafeInteger(max) && max >= 1))
    throw new RangeError(
      `maxAuthorizeChecks must be a positive integer (check_host() runs per network), not ${max}`,
    );
}

function statusOf(rules: readonly RuleResult[]): GateStatus {
  if (rules.some((r) => r.outcome === 'fail')) return 'failed';
  if (rules.some((r) => r.outcome === 'undetermined')) return 'undetermined';
  return 'passed';
}

function countFindings(findings: readonly Finding[], suppressed: number): GateCounts {
  return { ...countBySeverity(findings), suppressed };
}

/**
 * Checks one report against a policy.
 *
 * Policy rules (SPF `authorize`, `all`, `max-lookups`; DMARC `p`, `sp`, `np`, `rua`, `alignment`; DKIM
 * `selectors`, `min-key-bits`; MTA-STS `mode`) each give a {@link RuleResult}; every finding at or above
 * `fail-on` (after severity overrides) gives one too, `suppressed` when an unexpired suppression covers it.
 * SPF `authorize` runs check_host() (RFC 7208 §4) through `options.resolver`: once for an address; for a
 * network, once per address range the domain's SPF policy treats alike (at most `options.maxAuthorizeChecks`),
 * so every address of the network must pass. `include:DOMAIN` is looked for in the include tree.
 *
 * @returns the domain's {@link DomainGate}. Never throws for DNS reasons (DNS trouble is `undetermined`).
 * @throws RangeError (as a rejection) when `options.maxAuthorizeChecks` is not a positive integer
 */
export async function gate(
  report: DomainReport,
  policy: GatePolicy,
  options: GateOptions = {},
): Promise<DomainGate> {
  checkOptions(options);
  const now = options.now?.() ?? new Date();
  const failOn = options.failOn ?? policy['fail-on'] ?? 'error';
  const { rules, key } = domainRules(policy, report.domain);
  const view = viewReport(report);
  const policyRules = new RuleSet(report.domain, pathResolver(policy, key));
  await checkSpf(view, rules, policyRules, report, options);
  checkDmarc(view, rules, policyRules, report);
  checkDkim(view, rules, policyRules, report);
  checkMtaSts(view, rules, policyRules, report);
  checkReports(rules, policyRules, report, options);
  const findingRules = new RuleSet(report.domain, policyRules.pathOf);
  const { findings, suppressed } = applyFindingRules(report, policy, failOn, findingRules, now);
  const all = [...policyRules.results, ...findingRules.results].sort(
    (a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome],
  );
  const gateFindings = policyRules.results.flatMap((r) =>
    r.finding && r.outcome !== 'pass' ? [r.finding] : [],
  );
  const effective = sortFindings([...gateFindings, ...findings]);
  const status = statusOf(all);
  return {
    domain: report.domain,
    status,
    passed: status === 'passed',
    rules: all,
    findings: effective,
    suppressed,
    counts: countFindings(effective, suppressed.length),
  };
}

/**
 * One line saying why the gate did not pass, counting problems (a failed rule and the finding behind it are one;
 * see `problemsOf`), e.g. `mailgate policy failed: 2 problems for example.com (dmarc.p, spf.all)`.
 */
function reasonOf(domains: readonly DomainGate[]): string {
  const problems = domains.flatMap((d) => problemsOf(d));
  const failed = problems.filter((p) => p.outcome === 'fail');
  const undetermined = problems.filter((p) => p.outcome === 'undetermined');
  const names = (ps: Problem[]) => {
    const labels = [...new Set(ps.map((p) => p.rules[0]?.rule ?? p.finding.id))];
    return labels.length > 4 ? `${labels.slice(0, 4).join(', ')}, ...` : labels.join(', ');
  };
  const doms = (ps: Problem[]) => {
    const list = [...new Set(ps.map((p) => p.domain))];
    return list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
  };
  const count = (n: number) => `${n} problem${n === 1 ? '' : 's'}`;
  if (failed.length > 0) {
    return `mailgate policy failed: ${count(failed.length)} for ${doms(failed)} (${names(failed)})`;
  }
  if (undetermined.length > 0) {
    const exact = (p: Problem) => p.rules.length > 0 && p.rules.every((r) => r.inexact);
    const inexact = undetermined.filter(exact).length;
    const why =
      inexact === 0
        ? 'because of DNS errors'
        : inexact === undetermined.length
          ? 'exactly'
          : 'because of DNS errors or checks that cannot be made exact';
    return `mailgate policy undetermined: ${count(undetermined.length)} could not be checked ${why} for ${doms(undetermined)} (${names(undetermined)})`;
  }
  return '';
}

/**
 * Checks every report against the policy (one {@link gate} call each, in order) and combines the verdicts:
 * `failed` if any domain failed, else `undetermined` if any was undetermined, else `passed`.
 *
 * @returns the {@link GateResult}; never throws for DNS reasons.
 * @throws RangeError (as a rejection) when `options.maxAuthorizeChecks` is not a positive integer
 */
export async function gateReports(
  reports: readonly DomainReport[],
  policy: GatePolicy,
  options: GateOptions = {},
): Promise<GateResult> {
  checkOptions(options);
  const domains: DomainGate[] = [];
  for (const report of reports) domains.push(await gate(report, policy, options));
  const rules = domains.flatMap((d) => d.rules);
  const status = statusOf(rules);
  const sum = (k: keyof GateCounts) => domains.reduce((n, d) => n + d.counts[k], 0);
  return {
    status,
    passed: status === 'passed',
    failOn: options.failOn ?? policy['fail-on'] ?? 'error',
    domains,
    counts: {
      errors: sum('errors'),
      warnings: sum('warnings'),
      infos: sum('infos'),
      suppressed: sum('suppressed'),
      failed: rules.filter((r) => r.outcome === 'fail').length,
      undetermined: rules.filter((r) => r.outcome === 'undetermined').length,
      notChecked: rules.filter((r) => r.outcome === 'not-checked').length,
    },
    reason: reasonOf(domains),
  };
}
