/**
 * Problems: what a person has to fix, as opposed to the rules and findings that report it. A failed policy rule
 * and the audit finding behind it are one problem (`spf.max-lookups` failing and `spf.lookup-limit` are the same
 * over-budget SPF record); every rule that fails because a record is missing is one problem (no DMARC record
 * fails `dmarc.p`, `dmarc.rua` and `dmarc.alignment` at once); the rules DNS trouble left undetermined in one
 * area, with that area's DNS-trouble findings, are one problem. Annotations, SARIF results, the job summary's
 * counts and the base-versus-head comparison ({@link diffProblems}) all count problems.
 *
 * Each problem carries the keys of its members (rules and findings), which identify them across runs:
 * - a rule: `rule <domain> <rule> [<subject>]` (the subject tells apart the `spf.authorize` entries and DKIM
 *   selectors);
 * - a finding: `finding <domain> <id> <name>`, the DNS name it is about (its evidence name, else the domain);
 *   when one report holds several findings with the same id and name, the term (then the record) is added.
 *   The message is never part of a key: it holds values (counts, record text) that change between runs.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { isDnsTrouble } from '../audit/dns-trouble.js';
import { atOrAbove, type FailOn, type Finding, SEVERITY_RANK, type Severity } from '../findings/finding.js';
import type { DomainGate, RuleResult } from './gate/types.js';

/**
 * Whether a problem fails the gate (`fail`), leaves it undetermined (DNS trouble), or only warns; `info` is an
 * info finding, listed only when asked for (`withInfos`), never a problem to fix.
 */
export type ProblemOutcome = 'fail' | 'undetermined' | 'warn' | 'info';

/** One problem of one domain. */
export interface Problem {
  /** The key of its first member: stable across runs (see the module notes). */
  key: string;
  domain: string;
  outcome: ProblemOutcome;
  /** The finding that states the problem: the first rule's `policy.*` finding, else the audit finding. */
  finding: Finding;
  /** The failed or undetermined policy rules it stands for, in gate order. */
  rules: RuleResult[];
  /** The audit findings that describe the same problem (`spf.lookup-limit` behind `spf.max-lookups`). */
  related: Finding[];
  /** Every rule and finding it holds, each with its key (see the module notes). */
  members: ProblemMember[];
}

/** One rule or finding of a {@link Problem}, with its key. */
export interface ProblemMember {
  key: string;
  rule?: RuleResult;
  finding?: Finding;
}

/**
 * The audit findings behind a failed policy rule, by rule: the same problem seen by the audit. A finding joins
 * the rule's problem when it is about the same DNS name.
 */
const BEHIND_RULE: Readonly<Record<string, readonly string[]>> = {
  'spf.max-lookups': ['spf.lookup-limit'],
  'spf.all': ['spf.pass-all', 'spf.neutral-all', 'spf.no-all'],
  'dmarc.p': ['dmarc.policy-none', 'dmarc.policy-missing'],
  'dmarc.sp': ['dmarc.subdomain-policy-weaker', 'dmarc.subdomain-weakens'],
  'dmarc.np': ['dmarc.np-weaker'],
  'dmarc.rua': ['dmarc.no-rua'],
  'dkim.selectors': [
    'dkim.no-key',
    'dkim.selector-revoked',
    'dkim.key-invalid',
    'dkim.key-malformed',
    'dkim.key-unknown-type',
    'dkim.key-sha1-only',
    'dkim.multiple-key-records',
    'dkim.rsa-key-too-short',
  ],
  'dkim.min-key-bits': ['dkim.rsa-key-below-2048', 'dkim.rsa-key-too-short'],
  'mta-sts.mode': [
    'mtasts.no-record',
    'mtasts.multiple-records',
    'mtasts.invalid-record',
    'mtasts.mode-testing',
    'mtasts.mode-none',
    'mtasts.policy-*',
  ],
  'reports.max-lost-messages': ['reports.whatif-lost-mail'],
  'reports.max-lost-share': ['reports.whatif-lost-mail'],
};

/** The audit findings behind a missing record, by the `policy.*` finding of the rules it fails. */
const BEHIND_MISSING: Readonly<Record<string, readonly string[]>> = {
  'policy.spf-record': ['spf.no-record', 'spf.multiple-records', 'spf.syntax-error', 'spf.invalid-domain'],
  'policy.dmarc-record': [
    'dmarc.no-record',
    'dmarc.multiple-records',
    'dmarc.record-unusable',
    'dmarc.syntax',
    'dmarc.not-dmarc-record',
    'dmarc.policy-missing',
  ],
};

function matchesId(id: string, patterns: readonly string[] | undefined): boolean {
  return (patterns ?? []).some((p) => (p.endsWith('*') ? id.startsWith(p.slice(0, -1)) : p === id));
}

/** The area a rule or finding is about: `spf`, `dmarc`, `dkim`, `mtasts`, `reports`... */
export function areaOf(idOrRule: string): string {
  const m = /^policy\.([a-z]+)/.exec(idOrRule);
  const head = m ? m[1]! : (idOrRule.split('.')[0] ?? '');
  return head === 'mta' || head === 'mta-sts' ? 'mtasts' : head;
}

function nameOf(f: Finding | undefined, domain: string): string {
  return (f?.evidence?.name ?? domain).toLowerCase().replace(/\.$/, '');
}

/** The key of a rule result (see the module notes). */
export function ruleKey(r: RuleResult): string {
  return `rule ${r.domain} ${r.rule}${r.subject !== undefined ? ` ${r.subject}` : ''}`;
}

/** The key of a finding without the term that tells apart several findings of one id at one name. */
export function looseFindingKey(f: Finding, domain: string): string {
  return `finding ${domain} ${f.id} ${nameOf(f, domain)}`;
}

/** Keys of a domain's findings: {@link looseFindingKey}, with the term (else the record) when it repeats. */
function findingKeys(findings: readonly Finding[], domain: string): Map<Finding, string> {
  const count = new Map<string, number>();
  for (const f of findings) {
    const k = looseFindingKey(f, domain);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const out = new Map<Finding, string>();
  const used = new Set<string>();
  for (const f of findings) {
    const loose = looseFindingKey(f, domain);
    let key = loose;
    if ((count.get(loose) ?? 0) > 1) {
      const e = f.evidence ?? {};
      key = `${loose} ${e.term ?? e.record ?? ''}`;
      for (let n = 2; used.has(key); n++) key = `${loose} ${e.term ?? e.record ?? ''} #${n}`;
    }
    used.add(key);
    out.set(f, key);
  }
  return out;
}

const OUTCOME_RANK: Readonly<Record<ProblemOutcome, number>> = { fail: 3, undetermined: 2, warn: 1, info: 0 };

/** Options of {@link problemsOf} and {@link reportProblems}. */
export interface ProblemOptions {
  /** Also list each info finding as an entry of its own (outcome `info`), e.g. for SARIF notes. */
  withInfos?: boolean;
}

function worst(a: ProblemOutcome, b: ProblemOutcome): ProblemOutcome {
  return OUTCOME_RANK[a] >= OUTCOME_RANK[b] ? a : b;
}

/** A structural identity of a finding (a report read back from JSON has no shared objects). */
function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.id === b.id &&
    a.message === b.message &&
    (a.evidence?.name ?? '') === (b.evidence?.name ?? '') &&
    (a.evidence?.term ?? '') === (b.evidence?.term ?? '')
  );
}

/**
 * The problems of a gated domain: its failed and undetermined rules (grouped as described in the module notes)
 * and its findings at warning or above, each behind its rule when there is one. A finding counts as `fail` when
 * the gate failed on it (at or above `fail-on`), `undetermined` for DNS trouble, else `warn`. Suppressed
 * findings and passing rules are not problems.
 *
 * @returns the problems, failing first, in gate order otherwise.
 */
export function problemsOf(g: DomainGate, options: ProblemOptions = {}): Problem[] {
  const domain = g.domain;
  const problems: Problem[] = [];
  const keys = findingKeys(g.findings, domain);
  const byGroup = new Map<string, Problem>();
  const add = (group: string | undefined, r: RuleResult, outcome: ProblemOutcome, finding: Finding) => {
    const existing = group !== undefined ? byGroup.get(group) : undefined;
    if (existing) {
      existing.rules.push(r);
      existing.members.push({ key: ruleKey(r), rule: r });
      existing.outcome = worst(existing.outcome, outcome);
      return;
    }
    const p: Problem = {
      key: ruleKey(r),
      domain,
      outcome,
      finding,
      rules: [r],
      related: [],
      members: [{ key: ruleKey(r), rule: r }],
    };
    problems.push(p);
    if (group !== undefined) byGroup.set(group, p);
  };
  const findingRules: RuleResult[] = [];
  for (const r of g.rules) {
    if (r.rule === 'finding') {
      findingRules.push(r);
      continue;
    }
    if (r.outcome !== 'fail' && r.outcome !== 'undetermined') continue;
    if (!r.finding) continue;
    const outcome: ProblemOutcome = r.outcome === 'fail' ? 'fail' : 'undetermined';
    if (r.outcome === 'fail' && BEHIND_MISSING[r.id]) add(`missing ${r.id}`, r, outcome, r.finding);
    else if (r.outcome === 'undetermined' && !r.inexact)
      add(`trouble ${areaOf(r.rule)}`, r, outcome, r.finding);
    else add(undefined, r, outcome, r.finding);
  }
  const ruleFindings = g.rules.flatMap((r) => (r.rule !== 'finding' && r.finding ? [r.finding] : []));
  for (const f of g.findings) {
    if (ruleFindings.some((rf) => rf === f || sameFinding(rf, f))) continue;
    const trouble = isDnsTrouble(f);
    const key = keys.get(f)!;
    if (!trouble && SEVERITY_RANK[f.severity] < SEVERITY_RANK.warning) {
      if (options.withInfos)
        problems.push({
          key,
          domain,
          outcome: 'info',
          finding: f,
          rules: [],
          related: [],
          members: [{ key, finding: f }],
        });
      continue;
    }
    const gated = findingRules.find((r) => r.finding && (r.finding === f || sameFinding(r.finding, f)));
    const outcome: ProblemOutcome =
      gated?.outcome === 'fail'
        ? 'fail'
        : trouble || gated?.outcome === 'undetermined'
          ? 'undetermined'
          : 'warn';
    const name = nameOf(f, domain);
    const host =
      (trouble ? byGroup.get(`trouble ${areaOf(f.id)}`) : undefined) ??
      problems.find((p) => {
        const r = p.rules[0];
        if (!r) return false;
        const behind =
          BEHIND_MISSING[r.id] && r.outcome === 'fail' ? BEHIND_MISSING[r.id] : BEHIND_RULE[r.rule];
        if (!matchesId(f.id, behind)) return false;
        // Every sender a change breaks is behind the domain's one reports rule, whatever record it names.
        if (r.rule.startsWith('reports.')) return true;
        return (
          f.evidence?.name === undefined ||
          r.finding?.evidence?.name === undefined ||
          nameOf(r.finding, domain) === name
        );
      });
    if (host) {
      host.related.push(f);
      host.members.push({ key, finding: f });
      host.outcome = worst(host.outcome, outcome);
      continue;
    }
    problems.push({
      key,
      domain,
      outcome,
      finding: f,
      rules: [],
      related: [],
      members: [{ key, finding: f }],
    });
  }
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => OUTCOME_RANK[b.p.outcome] - OUTCOME_RANK[a.p.outcome] || a.i - b.i)
    .map((x) => x.p);
}

/**
 * The problems of an audit without a policy: every finding at warning or above (and DNS trouble), `fail` at or
 * above `failOn`.
 */
export function reportProblems(
  report: DomainReport,
  failOn: FailOn,
  options: ProblemOptions = {},
): Problem[] {
  const domain = report.domain;
  const keys = findingKeys(report.findings, domain);
  const out: Problem[] = [];
  for (const f of report.findings) {
    const trouble = isDnsTrouble(f);
    const info = !trouble && SEVERITY_RANK[f.severity] < SEVERITY_RANK.warning;
    if (info && !options.withInfos) continue;
    const outcome: ProblemOutcome = trouble
      ? 'undetermined'
      : info
        ? 'info'
        : atOrAbove(f.severity, failOn)
          ? 'fail'
          : 'warn';
    const key = keys.get(f)!;
    out.push({ key, domain, outcome, finding: f, rules: [], related: [], members: [{ key, finding: f }] });
  }
  return out.sort((a, b) => OUTCOME_RANK[b.outcome] - OUTCOME_RANK[a.outcome]);
}

/**
 * The severity a problem shows with: `error` when it fails the gate, `warning` when DNS trouble left it
 * undetermined, else its finding's.
 */
export function problemSeverity(p: Problem): Severity {
  if (p.outcome === 'fail') return 'error';
  if (p.outcome === 'undetermined') return 'warning';
  return p.finding.severity;
}

/** The key of a suppressed finding (its own namespace: it is not a problem). */
export function suppressedKey(f: Finding, domain: string): string {
  const e = f.evidence ?? {};
  return `suppressed ${looseFindingKey(f, domain)} ${e.term ?? ''}`;
}

/**
 * The finding ids of a problem: the one that states it, then the related ones, e.g.
 * `policy.spf-lookups + spf.lookup-limit`.
 */
export function problemLabel(p: Problem): string {
  return [...new Set([p.finding.id, ...p.related.map((f) => f.id)])].join(' + ');
}
