/**
 * The policy gate: checks audit reports against a {@link Policy} and says, rule by rule, what passed, what
 * failed, what was accepted (suppressed), and what could not be checked because of DNS trouble.
 *
 * Outcomes of a rule:
 * - `pass`: the requirement holds.
 * - `fail`: it does not (the gate fails).
 * - `undetermined`: a DNS failure (TIMEOUT, SERVFAIL, REFUSED) kept the data needed from being read; never a pass.
 * - `suppressed`: a finding that would fail the gate was accepted by a suppression in the policy.
 *
 * The gate's status is `failed` when any rule failed, else `undetermined` when any rule is undetermined, else
 * `passed`. The CLI (`mailgate audit --policy`) and the GitHub Action use this one function.
 *
 * @module
 */

import ipaddr from 'ipaddr.js';
import type { DomainReport } from '../audit/audit.js';
import { hasTrouble, isTroubleFinding, type ReportView, viewReport } from '../audit/view.js';
import type { Resolver } from '../dns/resolver.js';
import { type Finding, SEVERITY_RANK, type Severity, sortFindings } from '../findings/finding.js';
import type { MtaStsAudit } from '../mtasts/audit.js';
import { checkHost } from '../spf/check-host.js';
import { parseAuthorizeEntry } from './authorize.js';
import { POLICY_FINDINGS } from './findings.js';
import type {
  DmarcPolicyValue,
  DomainPolicy,
  FindingRule,
  Policy,
  PolicyFailOn,
  Suppression,
} from './schema.js';

/** The outcome of one rule. */
export type RuleOutcome = 'pass' | 'fail' | 'undetermined' | 'suppressed';

/** The gate's verdict. */
export type GateStatus = 'passed' | 'failed' | 'undetermined';

/** One checked rule. */
export interface RuleResult {
  domain: string;
  /**
   * What was checked: a policy rule (`spf.authorize`, `spf.all`, `spf.max-lookups`, `dmarc.p`, `dmarc.sp`,
   * `dmarc.np`, `dmarc.rua`, `dmarc.alignment`, `dkim.selector`, `dkim.min-key-bits`, `mta-sts.mode`) or `finding`
   * for a finding at or above `fail-on`.
   */
  rule: string;
  /** The finding id this result is about (`policy.*` for policy rules; the audit finding's id for `finding`). */
  id: string;
  outcome: RuleOutcome;
  /** One sentence (may contain untrusted DNS text: renderers escape it). */
  message: string;
  /** What the policy asked for, when it applies (`reject`, `-all`, `<= 8`). */
  expected?: string;
  /** What was found. */
  actual?: string;
  /** Key path of the rule in the policy file (e.g. `['domains', 'example.com', 'dmarc', 'p']`), for locations. */
  policyPath?: string[];
  /** The finding behind the result: the audit finding, or a `policy.*` finding for a failed/undetermined policy rule. */
  finding?: Finding;
  /** The suppression that accepted the finding. */
  suppression?: Suppression;
}

/** Counts of a domain's effective findings (after severity overrides; suppressed ones counted apart). */
export interface GateCounts {
  errors: number;
  warnings: number;
  infos: number;
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
   * own findings (`policy.*` for failed rules, expired suppressions); most severe first.
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
  failOn: PolicyFailOn;
  domains: DomainGate[];
  /** Totals over all domains. */
  counts: GateCounts & { failed: number; undetermined: number };
  /** One line saying why the gate did not pass (empty when it passed). */
  reason: string;
}

/** Options for {@link gate} and {@link gateReports}. */
export interface GateOptions {
  /** Answers check_host()'s questions for `spf.authorize` (use the audit's resolver, so the same zones apply). */
  resolver?: Resolver;
  /** The clock, for suppression expiry (default `new Date()`). */
  now?: () => Date;
  /** Overrides the policy's `fail-on`. */
  failOn?: PolicyFailOn;
}

const OUTCOME_ORDER: Record<RuleOutcome, number> = { fail: 0, undetermined: 1, suppressed: 2, pass: 3 };
const DMARC_STRENGTH: Record<string, number> = { none: 0, quarantine: 1, reject: 2 };
const MTA_STS_STRENGTH: Record<string, number> = { none: 0, testing: 1, enforce: 2 };

/**
 * The rules that apply to `domain`: `defaults`, overridden key by key (within each section) by `domains.<domain>`.
 * Domain keys match case-insensitively and with or without a trailing dot.
 * @returns the merged policy and the policy-file key of the domain entry (when there is one).
 */
export function domainPolicy(policy: Policy, domain: string): { rules: DomainPolicy; key?: string } {
  const want = domain.toLowerCase().replace(/\.$/, '');
  const key = Object.keys(policy.domains ?? {}).find((k) => k.toLowerCase().replace(/\.$/, '') === want);
  const own = key !== undefined ? policy.domains?.[key] : undefined;
  const base = policy.defaults ?? {};
  const rules: DomainPolicy = {};
  for (const section of ['spf', 'dmarc', 'dkim', 'mta-sts'] as const) {
    const merged = { ...(base[section] ?? {}), ...(own?.[section] ?? {}) };
    if (Object.keys(merged).length > 0) (rules as Record<string, unknown>)[section] = merged;
  }
  return key !== undefined ? { rules, key } : { rules };
}

function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function suppressionsOf(rule: FindingRule | undefined): Suppression[] {
  if (!rule?.suppress) return [];
  return Array.isArray(rule.suppress) ? rule.suppress : [rule.suppress];
}

function appliesTo(s: Suppression, domain: string): boolean {
  return !s.domains || s.domains.some((d) => d.toLowerCase().replace(/\.$/, '') === domain);
}

class RuleSet {
  readonly results: RuleResult[] = [];
  constructor(
    readonly domain: string,
    readonly pathBase: (section: string, key: string) => string[],
  ) {}

  add(r: Omit<RuleResult, 'domain'>): void {
    this.results.push({ domain: this.domain, ...r });
  }
}

/** Locates a policy key: the domain's own entry when it sets the key, else `defaults`. */
function pathResolver(policy: Policy, domainKey: string | undefined) {
  return (section: string, key: string): string[] => {
    const own = domainKey !== undefined ? policy.domains?.[domainKey] : undefined;
    if (own && (own as Record<string, Record<string, unknown> | undefined>)[section]?.[key] !== undefined) {
      return ['domains', domainKey!, section, key];
    }
    return ['defaults', section, key];
  };
}

type PolicyFactory = (typeof POLICY_FINDINGS)['spfAll'];

/** What is wrong with a domain's SPF record when it is not `found`, as a clause (`example.com publishes no SPF record`). */
function spfProblem(view: ReportView): string {
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

/** What is wrong with a domain's DMARC record when it is not `found`, as a clause. */
function dmarcProblem(view: ReportView): string {
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

/** What is wrong with a DKIM selector that has no usable key, as a clause. */
function dkimProblem(name: string, status: string | undefined): string {
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
 * Why a domain has no MTA-STS mode, from its MTA-STS section, as a clause; `undetermined` when the mode could
 * not be learnt without it being the domain's fault (the policy file was not fetched).
 */
function mtaStsProblem(audit: MtaStsAudit): { clause: string; undetermined?: true } {
  const name = audit.record?.name ?? `_mta-sts.${audit.domain}`;
  switch (audit.status) {
    case 'absent':
      return { clause: `${audit.domain} publishes no MTA-STS record (no "v=STSv1" TXT record at ${name})` };
    case 'not-fetched':
      return {
        clause: `the MTA-STS policy file of ${audit.domain} was not fetched (HTTPS checks skipped), so its mode is unknown`,
        undetermined: true,
      };
    case 'invalid': {
      if (!audit.record)
        return {
          clause: `${name} has more than one "v=STSv1" record, so senders apply no MTA-STS policy`,
        };
      if (audit.record.id === null)
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

function idOf(factory: PolicyFactory): string {
  return factory('').id;
}

/** A policy rule that failed or could not be checked, as a finding (so SARIF and annotations show it). */
function policyFinding(
  factory: PolicyFactory,
  domain: string,
  message: string,
  outcome: RuleOutcome,
  evidence: Finding['evidence'],
): Finding | undefined {
  if (outcome === 'pass') return undefined;
  const f = factory(message, evidence, { domain });
  return outcome === 'undetermined' ? { ...f, severity: 'warning' } : f;
}

async function checkSpf(
  view: ReportView,
  rules: DomainPolicy,
  set: RuleSet,
  report: DomainReport,
  options: GateOptions,
): Promise<void> {
  const spf = rules.spf;
  if (!spf) return;
  // `rootTrouble`: the record itself could not be read; `trouble`: it, or some part of the include tree, could not.
  const rootTrouble = view.spf.status === 'dns-error';
  const trouble = rootTrouble || hasTrouble(report.findings, 'spf');
  const evidence = {
    name: view.domain,
    ...(view.spf.record !== undefined ? { record: view.spf.record } : {}),
    ...(view.spf.source ? { source: view.spf.source } : {}),
  };
  const missing = !rootTrouble && view.spf.status !== 'found';
  const add = (
    rule: string,
    key: string,
    outcome: RuleOutcome,
    message: string,
    factory: PolicyFactory,
    extra: Partial<RuleResult> = {},
  ) => {
    const finding = policyFinding(factory, view.domain, message, outcome, evidence);
    set.add({
      rule,
      id: idOf(factory),
      outcome,
      message,
      policyPath: set.pathBase('spf', key),
      ...(finding ? { finding } : {}),
      ...extra,
    });
  };

  if (spf.all !== undefined) {
    const want = spf.all;
    const q = view.spf.allQualifier;
    const actual = q === undefined ? 'no all (neutral)' : `${q === '+' ? '+' : q}all`;
    if (rootTrouble || (trouble && q === undefined && !missing))
      add(
        'spf.all',
        'all',
        'undetermined',
        `SPF record of ${view.domain} could not be read (DNS error)`,
        POLICY_FINDINGS.spfAll,
        { expected: want },
      );
    else if (missing)
      add(
        'spf.all',
        'all',
        'fail',
        `The policy requires the SPF record of ${view.domain} to end with ${want === '-all' ? '-all' : '~all or -all'}, but ${spfProblem(view)}`,
        POLICY_FINDINGS.spfAll,
        { expected: want, actual: view.spf.status },
      );
    else {
      const ok = want === '-all' ? q === '-' : q === '-' || q === '~';
      add(
        'spf.all',
        'all',
        ok ? 'pass' : 'fail',
        ok
          ? `SPF record ends with ${actual}`
          : `SPF record of ${view.domain} ends with ${actual}; the policy requires ${want === '-all' ? '-all' : '~all or -all'}`,
        POLICY_FINDINGS.spfAll,
        { expected: want, actual },
      );
    }
  }

  if (spf['max-lookups'] !== undefined) {
    const max = spf['max-lookups'];
    const used = view.spf.lookups;
    // With part of the tree unreadable the count is a lower bound: over the budget is still a failure.
    const partial = trouble && !missing && (used === undefined || used <= max);
    if (rootTrouble || partial || (used === undefined && view.spf.status === 'found'))
      add(
        'spf.max-lookups',
        'max-lookups',
        'undetermined',
        `SPF lookup count of ${view.domain} could not be determined (DNS error)`,
        POLICY_FINDINGS.spfLookups,
        { expected: `<= ${max}` },
      );
    else if (missing)
      add(
        'spf.max-lookups',
        'max-lookups',
        'fail',
        `The policy allows at most ${max} DNS lookups for the SPF record of ${view.domain}, but ${spfProblem(view)}`,
        POLICY_FINDINGS.spfLookups,
        { expected: `<= ${max}`, actual: view.spf.status },
      );
    else {
      const ok = (used ?? 0) <= max;
      add(
        'spf.max-lookups',
        'max-lookups',
        ok ? 'pass' : 'fail',
        ok
          ? `SPF needs ${used} DNS lookups (budget ${max})`
          : `SPF record of ${view.domain} needs ${used} DNS lookups; the policy allows at most ${max}`,
        POLICY_FINDINGS.spfLookups,
        { expected: `<= ${max}`, actual: String(used) },
      );
    }
  }

  for (const entry of spf.authorize ?? []) {
    const result = await checkAuthorization(view, entry, rootTrouble, trouble, missing, options);
    add('spf.authorize', 'authorize', result.outcome, result.message, POLICY_FINDINGS.spfAuthorize, {
      expected: entry,
      ...(result.actual !== undefined ? { actual: result.actual } : {}),
    });
  }
}

interface AuthorizationCheck {
  outcome: RuleOutcome;
  message: string;
  actual?: string;
}

/**
 * First and last address of a network (`192.0.2.0/24` → `192.0.2.0`, `192.0.2.255`), or the address itself.
 * @throws RangeError when `entry` is not an address or network as `parseAuthorizeEntry` requires (`1.2.3`,
 *   `01.2.3.4`, `10.0.0.0/33`): no shorthand is ever expanded into another address.
 */
export function networkEnds(entry: string): string[] {
  const parsed = parseAuthorizeEntry(entry);
  if ('error' in parsed) throw new RangeError(parsed.error);
  if (parsed.kind !== 'ip') throw new RangeError(`"${entry}" is not an IP address or network`);
  if (!entry.includes('/')) return [ipaddr.parse(entry).toString()];
  const [addr] = ipaddr.parseCIDR(entry);
  const first =
    addr.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(entry)
      : ipaddr.IPv6.networkAddressFromCIDR(entry);
  const last =
    addr.kind() === 'ipv4'
      ? ipaddr.IPv4.broadcastAddressFromCIDR(entry)
      : ipaddr.IPv6.broadcastAddressFromCIDR(entry);
  return first.toString() === last.toString() ? [first.toString()] : [first.toString(), last.toString()];
}

async function checkAuthorization(
  view: ReportView,
  entry: string,
  rootTrouble: boolean,
  subtreeTrouble: boolean,
  missing: boolean,
  options: GateOptions,
): Promise<AuthorizationCheck> {
  const parsed = parseAuthorizeEntry(entry);
  if ('error' in parsed)
    // Only reachable with a policy object that did not go through `parsePolicy`: never guess what was meant.
    return { outcome: 'fail', message: `spf.authorize entry ${parsed.error}`, actual: 'invalid entry' };
  if (rootTrouble)
    return { outcome: 'undetermined', message: `could not check ${entry}: DNS error reading the SPF record` };
  if (missing) {
    return {
      outcome: 'fail',
      message: `${entry} is not authorized: ${spfProblem(view)}`,
      actual: view.spf.status,
    };
  }
  if (parsed.kind === 'include') {
    const target = parsed.domain;
    const ok = view.spf.includes.includes(target);
    if (!ok && subtreeTrouble) {
      return {
        outcome: 'undetermined',
        message: `could not check ${entry}: DNS error expanding the include tree`,
      };
    }
    return ok
      ? { outcome: 'pass', message: `SPF record of ${view.domain} includes ${target}` }
      : {
          outcome: 'fail',
          message: `SPF record of ${view.domain} does not include ${target}`,
          actual: view.spf.includes.length ? `includes: ${view.spf.includes.join(', ')}` : 'no includes',
        };
  }
  if (!options.resolver) {
    return { outcome: 'undetermined', message: `could not check ${entry}: no resolver given to the gate` };
  }
  const results: string[] = [];
  for (const ip of networkEnds(entry)) {
    const r = await checkHost(
      { ip, domain: view.domain, sender: `postmaster@${view.domain}`, helo: view.domain },
      { resolver: options.resolver },
    );
    if (r.result === 'temperror') {
      return {
        outcome: 'undetermined',
        message: `check_host(${ip}, ${view.domain}) gave temperror: ${r.problem ?? 'DNS error'}`,
        actual: 'temperror',
      };
    }
    results.push(`${ip}: ${r.result}`);
    if (r.result !== 'pass') {
      return {
        outcome: 'fail',
        message: `${entry} is not authorized by SPF for ${view.domain}: check_host(${ip}) = ${r.result}`,
        actual: results.join(', '),
      };
    }
  }
  return { outcome: 'pass', message: `check_host gives pass for ${entry}`, actual: results.join(', ') };
}

function checkDmarc(view: ReportView, rules: DomainPolicy, set: RuleSet, report: DomainReport): void {
  const dmarc = rules.dmarc;
  if (!dmarc) return;
  const trouble = view.dmarc.status === 'dns-error' || hasTrouble(report.findings, 'dmarc');
  const missing = !trouble && view.dmarc.status !== 'found';
  const evidence = {
    name: view.dmarc.name ?? `_dmarc.${view.domain}`,
    ...(view.dmarc.record !== undefined ? { record: view.dmarc.record } : {}),
    ...(view.dmarc.source ? { source: view.dmarc.source } : {}),
  };
  const add = (
    key: string,
    outcome: RuleOutcome,
    message: string,
    factory: PolicyFactory,
    extra: Partial<RuleResult> = {},
  ) => {
    const finding = policyFinding(factory, view.domain, message, outcome, evidence);
    set.add({
      rule: `dmarc.${key}`,
      id: idOf(factory),
      outcome,
      message,
      policyPath: set.pathBase('dmarc', key),
      ...(finding ? { finding } : {}),
      ...extra,
    });
  };
  const effective: Record<'p' | 'sp' | 'np', string | undefined> = {
    p: view.dmarc.p,
    sp: view.dmarc.sp ?? view.dmarc.p,
    np: view.dmarc.np ?? view.dmarc.sp ?? view.dmarc.p,
  };
  for (const tag of ['p', 'sp', 'np'] as const) {
    const want = dmarc[tag] as DmarcPolicyValue | undefined;
    if (want === undefined) continue;
    if (trouble) {
      add(
        tag,
        'undetermined',
        `DMARC policy of ${view.domain} could not be read (DNS error)`,
        POLICY_FINDINGS.dmarcPolicy,
        { expected: `${tag}=${want}` },
      );
      continue;
    }
    if (missing) {
      add(
        tag,
        'fail',
        `The policy requires DMARC ${tag}=${want} or stronger for ${view.domain}, but ${dmarcProblem(view)}`,
        POLICY_FINDINGS.dmarcRecord,
        { expected: `${tag}=${want}`, actual: view.dmarc.status },
      );
      continue;
    }
    const have = effective[tag] ?? 'none';
    const ok = (DMARC_STRENGTH[have] ?? 0) >= (DMARC_STRENGTH[want] ?? 0);
    add(
      tag,
      ok ? 'pass' : 'fail',
      ok
        ? `${tag}=${have} (required: ${want} or stronger)`
        : `DMARC ${tag}=${have} for ${view.domain} is weaker than the required ${want}`,
      POLICY_FINDINGS.dmarcPolicy,
      { expected: `${tag}=${want}`, actual: `${tag}=${have}` },
    );
  }
  if (dmarc.rua === true) {
    if (trouble)
      add(
        'rua',
        'undetermined',
        `DMARC record of ${view.domain} could not be read (DNS error)`,
        POLICY_FINDINGS.dmarcRua,
        { expected: 'rua=' },
      );
    else if (missing)
      add(
        'rua',
        'fail',
        `The policy requires a DMARC aggregate report address (rua=) for ${view.domain}, but ${dmarcProblem(view)}`,
        POLICY_FINDINGS.dmarcRecord,
        { expected: 'rua=', actual: view.dmarc.status },
      );
    else {
      const ok = view.dmarc.rua.length > 0;
      add(
        'rua',
        ok ? 'pass' : 'fail',
        ok
          ? `rua=${view.dmarc.rua.join(',')}`
          : `DMARC record of ${view.domain} has no rua= (aggregate reports)`,
        POLICY_FINDINGS.dmarcRua,
        { expected: 'rua=', actual: ok ? view.dmarc.rua.join(',') : 'none' },
      );
    }
  }
  if (dmarc.alignment !== undefined) {
    const wanted =
      typeof dmarc.alignment === 'string' ? { dkim: dmarc.alignment, spf: dmarc.alignment } : dmarc.alignment;
    for (const id of ['dkim', 'spf'] as const) {
      const want = wanted[id];
      if (want === undefined) continue;
      const tag = id === 'dkim' ? 'adkim' : 'aspf';
      const wantCode = want === 'strict' ? 's' : 'r';
      if (trouble) {
        add(
          'alignment',
          'undetermined',
          `DMARC record of ${view.domain} could not be read (DNS error)`,
          POLICY_FINDINGS.dmarcAlignment,
          { expected: `${tag}=${wantCode}` },
        );
        continue;
      }
      if (missing) {
        add(
          'alignment',
          'fail',
          `The policy wants ${want} ${id === 'dkim' ? 'DKIM' : 'SPF'} alignment (${tag}=${wantCode}) for ${view.domain}, but ${dmarcProblem(view)}`,
          POLICY_FINDINGS.dmarcRecord,
          { expected: `${tag}=${wantCode}`, actual: view.dmarc.status },
        );
        continue;
      }
      const have = view.dmarc[tag] ?? 'r';
      const ok = have === wantCode;
      add(
        'alignment',
        ok ? 'pass' : 'fail',
        ok
          ? `${tag}=${have} (${want} alignment)`
          : `DMARC ${tag}=${have} for ${view.domain}; the policy wants ${want} alignment (${tag}=${wantCode})`,
        POLICY_FINDINGS.dmarcAlignment,
        { expected: `${tag}=${wantCode}`, actual: `${tag}=${have}` },
      );
    }
  }
}

function checkDkim(view: ReportView, rules: DomainPolicy, set: RuleSet, report: DomainReport): void {
  const dkim = rules.dkim;
  if (!dkim) return;
  const areaTrouble = hasTrouble(report.findings, 'dkim');
  const add = (key: string, r: Omit<RuleResult, 'domain' | 'policyPath' | 'rule'>) =>
    set.add({ rule: `dkim.${key}`, policyPath: set.pathBase('dkim', key), ...r });
  for (const selector of dkim.selectors ?? []) {
    const s = view.dkim.find((x) => x.selector.toLowerCase() === selector.toLowerCase());
    const name = `${selector}._domainkey.${view.domain}`;
    const evidence = {
      name,
      ...(s?.record !== undefined ? { record: s.record } : {}),
      ...(s?.source ? { source: s.source } : {}),
    };
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
    const finding = policyFinding(POLICY_FINDINGS.dkimSelector, view.domain, message, outcome, evidence);
    add('selectors', {
      id: idOf(POLICY_FINDINGS.dkimSelector),
      outcome,
      message,
      expected: selector,
      actual: s?.status ?? 'not checked',
      ...(finding ? { finding } : {}),
    });
  }
  const min = dkim['min-key-bits'];
  if (min !== undefined) {
    for (const s of view.dkim.filter((x) => x.status === 'found')) {
      if (s.keyType === 'ed25519') continue;
      const ok = s.bits !== undefined && s.bits >= min;
      const message = ok
        ? `DKIM key ${s.selector}: ${s.bits} bits (minimum ${min})`
        : `DKIM key ${s.selector} of ${view.domain} is ${s.bits ?? 'of unknown size'}${s.bits !== undefined ? ' bits' : ''}; the policy requires at least ${min} bits`;
      const evidence = {
        name: s.name,
        ...(s.record !== undefined ? { record: s.record } : {}),
        ...(s.source ? { source: s.source } : {}),
      };
      const finding = policyFinding(
        POLICY_FINDINGS.dkimKeySize,
        view.domain,
        message,
        ok ? 'pass' : 'fail',
        evidence,
      );
      add('min-key-bits', {
        id: idOf(POLICY_FINDINGS.dkimKeySize),
        outcome: ok ? 'pass' : 'fail',
        message,
        expected: `>= ${min}`,
        actual: s.bits !== undefined ? String(s.bits) : 'unknown',
        ...(finding ? { finding } : {}),
      });
    }
  }
}

function checkMtaSts(view: ReportView, rules: DomainPolicy, set: RuleSet, report: DomainReport): void {
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
  } else if (m.status === 'valid' && m.mode) {
    const have = m.mode;
    const ok = (MTA_STS_STRENGTH[have] ?? 0) >= (MTA_STS_STRENGTH[want] ?? 0);
    outcome = ok ? 'pass' : 'fail';
    message = ok
      ? `MTA-STS mode ${have} (required: ${want} or stronger)`
      : `${required}, but its MTA-STS policy has mode ${have}`;
    actual = `mode ${have}`;
  } else {
    const problem = mtaStsProblem(m);
    outcome = problem.undetermined ? 'undetermined' : 'fail';
    message = `${required}, but ${problem.clause}`;
    actual =
      m.status === 'not-fetched' ? 'policy not fetched' : m.status === 'absent' ? 'no record' : m.status;
  }
  const finding = policyFinding(POLICY_FINDINGS.mtaStsMode, view.domain, message, outcome, {
    name: `_mta-sts.${view.domain}`,
  });
  set.add({
    rule: 'mta-sts.mode',
    id: idOf(POLICY_FINDINGS.mtaStsMode),
    outcome,
    message,
    expected: want,
    ...(actual !== undefined ? { actual } : {}),
    policyPath: set.pathBase('mta-sts', 'mode'),
    ...(finding ? { finding } : {}),
  });
}

function applyFindingRules(
  report: DomainReport,
  policy: Policy,
  failOn: PolicyFailOn,
  set: RuleSet,
  now: Date,
): { findings: Finding[]; suppressed: DomainGate['suppressed'] } {
  const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : SEVERITY_RANK[failOn];
  const today = todayUtc(now);
  const findings: Finding[] = [];
  const suppressed: DomainGate['suppressed'] = [];
  const expiredSeen = new Set<Suppression>();
  for (const original of report.findings) {
    const rule = policy.findings?.[original.id];
    const finding: Finding = rule?.severity ? { ...original, severity: rule.severity as Severity } : original;
    const candidates = suppressionsOf(rule).filter((s) => appliesTo(s, report.domain));
    const active = candidates.find((s) => s.expires === undefined || s.expires >= today);
    const expired = candidates.filter((s) => s.expires !== undefined && s.expires < today);
    const path = ['findings', original.id];
    if (active) {
      suppressed.push({ finding, suppression: active });
      set.add({
        rule: 'finding',
        id: finding.id,
        outcome: 'suppressed',
        message: finding.message,
        finding,
        suppression: active,
        policyPath: [...path, 'suppress'],
      });
      continue;
    }
    for (const s of expired) {
      if (expiredSeen.has(s)) continue;
      expiredSeen.add(s);
      findings.push(
        POLICY_FINDINGS.suppressionExpired(
          `The suppression of ${original.id} expired on ${s.expires} (reason given: ${s.reason}); the finding counts again`,
          { term: original.id, details: { expires: s.expires, reason: s.reason } },
          { domain: report.domain },
        ),
      );
    }
    findings.push(finding);
    // DNS trouble leaves the area unchecked whatever the finding's severity: undetermined, never a pass.
    const trouble = isTroubleFinding(finding);
    if (trouble || SEVERITY_RANK[finding.severity] >= threshold) {
      set.add({
        rule: 'finding',
        id: finding.id,
        outcome: trouble ? 'undetermined' : 'fail',
        message: finding.message,
        finding,
        ...(rule ? { policyPath: path } : {}),
      });
    }
  }
  return { findings, suppressed };
}

function statusOf(rules: readonly RuleResult[]): GateStatus {
  if (rules.some((r) => r.outcome === 'fail')) return 'failed';
  if (rules.some((r) => r.outcome === 'undetermined')) return 'undetermined';
  return 'passed';
}

function countFindings(findings: readonly Finding[], suppressed: number): GateCounts {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), suppressed };
}

/**
 * Checks one report against a policy.
 *
 * Policy rules (SPF `authorize`, `all`, `max-lookups`; DMARC `p`, `sp`, `np`, `rua`, `alignment`; DKIM
 * `selectors`, `min-key-bits`; MTA-STS `mode`) each give a {@link RuleResult}; every finding at or above
 * `fail-on` (after severity overrides) gives one too, `suppressed` when an unexpired suppression covers it.
 * SPF `authorize` runs check_host() (RFC 7208 §4) through `options.resolver` for an address (or the first and
 * last address of a network), and looks for `include:DOMAIN` in the include tree.
 *
 * @returns the domain's {@link DomainGate}. Never throws for DNS reasons (DNS trouble is `undetermined`).
 */
export async function gate(
  report: DomainReport,
  policy: Policy,
  options: GateOptions = {},
): Promise<DomainGate> {
  const now = options.now?.() ?? new Date();
  const failOn = options.failOn ?? policy['fail-on'] ?? 'error';
  const { rules, key } = domainPolicy(policy, report.domain);
  const view = viewReport(report);
  const set = new RuleSet(report.domain, pathResolver(policy, key));
  await checkSpf(view, rules, set, report, options);
  checkDmarc(view, rules, set, report);
  checkDkim(view, rules, set, report);
  checkMtaSts(view, rules, set, report);
  const policyRules = [...set.results];
  set.results.length = 0;
  const { findings, suppressed } = applyFindingRules(report, policy, failOn, set, now);
  const all = [...policyRules, ...set.results].sort(
    (a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome],
  );
  const gateFindings = policyRules.flatMap((r) => (r.finding && r.outcome !== 'pass' ? [r.finding] : []));
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

/** One line saying why the gate did not pass, e.g. `2 rules failed for example.com (dmarc.p, spf.all)`. */
function reasonOf(domains: readonly DomainGate[]): string {
  const failed = domains.flatMap((d) => d.rules.filter((r) => r.outcome === 'fail'));
  const undetermined = domains.flatMap((d) => d.rules.filter((r) => r.outcome === 'undetermined'));
  const names = (rs: RuleResult[]) => {
    const labels = [...new Set(rs.map((r) => (r.rule === 'finding' ? r.id : r.rule)))];
    return labels.length > 4 ? `${labels.slice(0, 4).join(', ')}, ...` : labels.join(', ');
  };
  const doms = (rs: RuleResult[]) => {
    const list = [...new Set(rs.map((r) => r.domain))];
    return list.length > 3 ? `${list.slice(0, 3).join(', ')} and ${list.length - 3} more` : list.join(', ');
  };
  if (failed.length > 0) {
    return `mailgate policy failed: ${failed.length} rule${failed.length === 1 ? '' : 's'} failed for ${doms(failed)} (${names(failed)})`;
  }
  if (undetermined.length > 0) {
    return `mailgate policy undetermined: ${undetermined.length} rule${undetermined.length === 1 ? '' : 's'} could not be checked because of DNS errors for ${doms(undetermined)} (${names(undetermined)})`;
  }
  return '';
}

/**
 * Checks every report against the policy and combines the verdicts: `failed` if any domain failed, else
 * `undetermined` if any was undetermined, else `passed`.
 */
export async function gateReports(
  reports: readonly DomainReport[],
  policy: Policy,
  options: GateOptions = {},
): Promise<GateResult> {
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
    },
    reason: reasonOf(domains),
  };
}
