/**
 * The shapes the policy gate returns: one {@link RuleResult} per checked rule, a {@link DomainGate} per report,
 * and the combined {@link GateResult}. Re-exported by `src/policy/gate.ts`, which importers use.
 *
 * @module
 */

import type { Resolver } from '../../dns/resolver.js';
import type { FailOn, Finding } from '../../findings/finding.js';
import type { WhatIfResult } from '../../reports/index.js';
import type { Suppression } from '../schema.js';

/**
 * The outcome of one rule.
 * - `pass`: the requirement holds.
 * - `fail`: it does not (the gate fails).
 * - `undetermined`: the data needed could not be read (a TIMEOUT, SERVFAIL or REFUSED) or the check could not
 *   be made exact (e.g. an `spf.authorize` network whose SPF treatment depends on reverse DNS); never a pass.
 * - `suppressed`: a finding that would fail the gate was accepted by a suppression in the policy.
 * - `not-checked`: the check was turned off (`mta-sts.mode` with HTTPS off and no repository policy file): said
 *   as an info, never a failure and never DNS trouble.
 */
export type RuleOutcome = 'pass' | 'fail' | 'undetermined' | 'suppressed' | 'not-checked';

/** The gate's verdict: `failed` when any rule failed, else `undetermined` when any is, else `passed`. */
export type GateStatus = 'passed' | 'failed' | 'undetermined';

/** One checked rule. */
export interface RuleResult {
  /** The audited domain (as in its report). */
  domain: string;
  /**
   * What was checked: a policy rule (`spf.authorize`, `spf.all`, `spf.max-lookups`, `dmarc.p`, `dmarc.sp`,
   * `dmarc.np`, `dmarc.rua`, `dmarc.alignment`, `dkim.selectors`, `dkim.min-key-bits`, `mta-sts.mode`,
   * `reports.max-lost-messages`, `reports.max-lost-share`) or `finding` for a finding at or above `fail-on`.
   */
  rule: string;
  /**
   * The finding id this result is about: for a policy rule, its `policy.*` finding (`policy.dmarc-policy`;
   * `policy.dmarc-record`/`policy.spf-record` when the record is missing; `policy.dmarc-policy-undetermined`
   * and the like when `undetermined`); the audit finding's id for `finding`.
   */
  id: string;
  outcome: RuleOutcome;
  /** One sentence (may contain untrusted DNS text: renderers escape it). */
  message: string;
  /**
   * What the rule was checked on when one rule applies several times to a domain: the `spf.authorize` entry,
   * the DKIM selector (`dkim.selectors`, `dkim.min-key-bits`), `dkim` or `spf` for `dmarc.alignment`. With
   * `domain` and `rule` it identifies the result across runs (see `problemsOf`).
   */
  subject?: string;
  /** What the policy asked for, when it applies (`reject`, `-all`, `<= 8`, the `spf.authorize` entry). */
  expected?: string;
  /** What was found (`p=none`, `~all`, `192.0.2.0/24: pass`). */
  actual?: string;
  /** Key path of the rule in the policy file (e.g. `['domains', 'example.com', 'dmarc', 'p']`), for locations. */
  policyPath?: string[];
  /**
   * The finding behind the result: the audit finding, or a `policy.*` finding for a failed policy rule (severity
   * error) or an undetermined one (`policy.*-undetermined`, severity warning, titled "... could not be checked").
   */
  finding?: Finding;
  /** The suppression that accepted the finding (for `suppressed`). */
  suppression?: Suppression;
  /**
   * True for an `undetermined` result that DNS trouble did not cause: a check the gate cannot make exact (an
   * `spf.authorize` network whose SPF result may differ within a range because of `ptr` or client-address
   * macros, or that spans more ranges than `maxAuthorizeChecks`).
   */
  inexact?: true;
}

/** Counts of a domain's effective findings (after severity overrides; suppressed ones counted apart). */
export interface GateCounts {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings accepted by an unexpired suppression. */
  suppressed: number;
}

/** The gate's result for one domain. */
export interface DomainGate {
  domain: string;
  status: GateStatus;
  /** `status === 'passed'`. */
  passed: boolean;
  /** Rule results, failing first, then undetermined, suppressed, passing. */
  rules: RuleResult[];
  /**
   * The report's findings with the policy's severity overrides applied, without suppressed ones, plus the gate's
   * own findings (`policy.*` for failed or undetermined rules, expired suppressions); most severe first.
   */
  findings: Finding[];
  /** Findings accepted by a suppression, with it. */
  suppressed: { finding: Finding; suppression: Suppression }[];
  counts: GateCounts;
}

/** The gate's result for a set of reports. */
export interface GateResult {
  status: GateStatus;
  /** `status === 'passed'`. */
  passed: boolean;
  /** The severity threshold that was applied to findings. */
  failOn: FailOn;
  /** One entry per report, in input order. */
  domains: DomainGate[];
  /** Totals over all domains; `failed`, `undetermined` and `notChecked` count rule results. */
  counts: GateCounts & { failed: number; undetermined: number; notChecked: number };
  /** One line saying why the gate did not pass (empty when it passed). */
  reason: string;
}

/** Options for `gate` and `gateReports`. */
export interface GateOptions {
  /**
   * Answers check_host()'s questions for `spf.authorize` (use the audit's resolver, so the same zones apply).
   * Without it, address and network entries are `undetermined`.
   */
  resolver?: Resolver;
  /** The clock, for suppression expiry (default `new Date()`); dates compare as UTC calendar days. */
  now?: () => Date;
  /** Overrides the policy's `fail-on`. */
  failOn?: FailOn;
  /**
   * The most check_host() runs for one `spf.authorize` network (one per address range the SPF policy treats
   * alike; default {@link DEFAULT_MAX_AUTHORIZE_CHECKS}). A network with more ranges is `undetermined` unless
   * one of the ranges checked fails. A positive integer; anything else makes `gate` reject with a RangeError.
   */
  maxAuthorizeChecks?: number;
  /**
   * The what-if of the change on reported traffic (`whatIf` over DMARC aggregate reports), for the `reports`
   * rules (`max-lost-messages`, `max-lost-share`); without it those rules are `not-checked`.
   */
  whatIf?: WhatIfResult;
}

/** Default of {@link GateOptions.maxAuthorizeChecks}: 256 check_host() runs per network entry. */
export const DEFAULT_MAX_AUTHORIZE_CHECKS = 256;
