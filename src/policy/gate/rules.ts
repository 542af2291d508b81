/**
 * The gate's rule bookkeeping: the list a domain's checks add their {@link RuleResult}s to, the `policy.*`
 * finding of a rule that did not pass, and {@link checkRecordRule}, the one shape shared by every rule that
 * reads a value of a record (SPF `all` and lookup count; DMARC `p`/`sp`/`np`, `rua`, alignment): DNS trouble
 * is `undetermined`, a missing or unusable record is `fail`, otherwise the value is compared.
 *
 * @module
 */

import type { Evidence, Finding } from '../../findings/finding.js';
import { NOT_CHECKED_FINDING, type POLICY_FINDINGS, UNDETERMINED_FINDING } from '../findings.js';
import type { RuleOutcome, RuleResult } from './types.js';

/** The factory of one `policy.*` finding (every entry of {@link POLICY_FINDINGS} has this type). */
export type PolicyFactory = (typeof POLICY_FINDINGS)['spfAll'];

/**
 * Locates a policy key for a rule: `(section, key, sub?)` → key path in the policy file; `sub` names an entry
 * of a key that may be a mapping (`alignment` → `dkim`).
 */
export type PolicyPathOf = (section: string, key: string, sub?: string) => string[];

/** The rule results of one domain, in the order the checks add them. */
export class RuleSet {
  /** The results added so far. */
  readonly results: RuleResult[] = [];

  /**
   * @param domain the audited domain, copied into every result
   * @param pathOf locates a `(section, key)` in the policy file (see `pathResolver`)
   */
  constructor(
    readonly domain: string,
    readonly pathOf: PolicyPathOf,
  ) {}

  /** Adds one result for this domain. */
  add(r: Omit<RuleResult, 'domain'>): void {
    this.results.push({ domain: this.domain, ...r });
  }
}

/** The id of the findings a factory makes (`policy.spf-all`). */
export function idOf(factory: PolicyFactory): string {
  return factory('').id;
}

/**
 * A policy rule that failed or could not be checked, as a finding (so SARIF and annotations show it): the
 * rule's own finding (severity `error`) for `fail`; for `undetermined`, its `-undetermined` counterpart
 * (`policy.dmarc-policy-undetermined`, severity `warning`, titled "... could not be checked").
 * @returns the finding, or undefined for `pass` (and `suppressed`, which policy rules never are).
 */
export function policyFinding(
  factory: PolicyFactory,
  domain: string,
  message: string,
  outcome: RuleOutcome,
  evidence: Evidence | undefined,
): Finding | undefined {
  if (outcome === 'pass' || outcome === 'suppressed') return undefined;
  if (outcome === 'not-checked') {
    const notChecked = NOT_CHECKED_FINDING[idOf(factory)];
    return notChecked ? notChecked(message, evidence, { domain }) : undefined;
  }
  if (outcome === 'undetermined') {
    // Every rule that can be undetermined has its `-undetermined` finding (warning, from the catalog).
    const undetermined = UNDETERMINED_FINDING[idOf(factory)] ?? factory;
    return undetermined(message, evidence, { domain });
  }
  return factory(message, evidence, { domain });
}

/** Adds a policy rule's result, with its `policy.*` finding when it did not pass. */
export function addPolicyRule(
  set: RuleSet,
  rule: {
    /** `spf.all`, `dmarc.p`... */
    rule: string;
    /** The policy file section and key that asked for it (for `policyPath`). */
    section: string;
    key: string;
    /** The entry of `key` when it may be a mapping (`dkim` of `alignment`), for `policyPath`. */
    subKey?: string;
    /** See {@link RuleResult.subject} (default: `subKey`). */
    subject?: string;
    outcome: RuleOutcome;
    message: string;
    factory: PolicyFactory;
    evidence: Evidence | undefined;
    expected?: string;
    actual?: string;
    /** See {@link RuleResult.inexact}. */
    inexact?: true;
  },
): void {
  const finding = policyFinding(rule.factory, set.domain, rule.message, rule.outcome, rule.evidence);
  const subject = rule.subject ?? rule.subKey;
  set.add({
    rule: rule.rule,
    id: finding?.id ?? idOf(rule.factory),
    outcome: rule.outcome,
    message: rule.message,
    ...(subject !== undefined ? { subject } : {}),
    ...(rule.expected !== undefined ? { expected: rule.expected } : {}),
    ...(rule.actual !== undefined ? { actual: rule.actual } : {}),
    policyPath: set.pathOf(rule.section, rule.key, rule.subKey),
    ...(finding ? { finding } : {}),
    ...(rule.inexact ? { inexact: true as const } : {}),
  });
}

/**
 * Whether the record a rule reads could be read:
 * - `trouble`: a TIMEOUT/SERVFAIL/REFUSED kept it (or the part the rule needs) from being read; `why`, when
 *   given, is a clause saying what could not be read (`the DMARC record of example.com could not be read (DNS
 *   TIMEOUT for _dmarc.example.com)`), completing the rule's requirement;
 * - `missing`: there is no usable record; `status` is the record status (`none`, `invalid`, `multiple`) and
 *   `problem` a clause saying what is wrong (`example.com publishes no SPF record ...`);
 * - `found`: the record was read.
 */
export type RecordState =
  | { kind: 'trouble'; why?: string }
  | { kind: 'missing'; status: string; problem: string }
  | { kind: 'found' };

/** What {@link checkRecordRule} needs to know about the section. */
export interface RecordRuleContext {
  set: RuleSet;
  /** Policy file section: `spf`, `dmarc`. */
  section: string;
  /** Evidence for the `policy.*` finding (record name, text, zone file location). */
  evidence: Evidence;
  /** The finding of a rule whose record is missing (`policy.dmarc-record`); default: the rule's own. */
  missingFactory?: PolicyFactory;
}

/** One rule over a record value. */
export interface RecordRule {
  /** The policy key (`p`, `rua`, `max-lookups`); the rule is `<section>.<key>`. */
  key: string;
  /** The entry of `key` the rule checks when the key may be a mapping (`dkim` of `alignment`). */
  subKey?: string;
  /** The rule's own finding (`policy.dmarc-policy`). */
  factory: PolicyFactory;
  /** What the policy asks for (`p=reject`, `-all`, `<= 8`). */
  expected: string;
  /**
   * The sentence for DNS trouble when the state gives no `why` (`SPF record of example.com could not be read
   * (DNS error)`); with a `why`, the message is `<requirement>, but <why>`.
   */
  troubleMessage: string;
  /** The requirement as a clause, completed by `, but <problem>` when the record is missing. */
  requirement: string;
  /**
   * Compares the record's value with the requirement (only called when the record was read). `evidence`, when
   * given, replaces the section's for this rule's finding (e.g. the SPF term that crosses the lookup budget).
   */
  compare(): { ok: boolean; actual: string; message: string; evidence?: Evidence };
}

/**
 * Checks one rule over a record value: `undetermined` on DNS trouble (never a pass), `fail` when the record is
 * missing (with `<requirement>, but <problem>` and the record status as `actual`), else the comparison.
 */
export function checkRecordRule(ctx: RecordRuleContext, state: RecordState, rule: RecordRule): void {
  const base = {
    rule: `${ctx.section}.${rule.key}`,
    section: ctx.section,
    key: rule.key,
    ...(rule.subKey !== undefined ? { subKey: rule.subKey } : {}),
    evidence: ctx.evidence,
    expected: rule.expected,
  };
  switch (state.kind) {
    case 'trouble':
      addPolicyRule(ctx.set, {
        ...base,
        outcome: 'undetermined',
        message: state.why !== undefined ? `${rule.requirement}, but ${state.why}` : rule.troubleMessage,
        factory: rule.factory,
      });
      return;
    case 'missing':
      addPolicyRule(ctx.set, {
        ...base,
        outcome: 'fail',
        message: `${rule.requirement}, but ${state.problem}`,
        factory: ctx.missingFactory ?? rule.factory,
        actual: state.status,
      });
      return;
    case 'found': {
      const c = rule.compare();
      addPolicyRule(ctx.set, {
        ...base,
        ...(c.evidence ? { evidence: c.evidence } : {}),
        outcome: c.ok ? 'pass' : 'fail',
        message: c.message,
        factory: rule.factory,
        actual: c.actual,
      });
    }
  }
}
