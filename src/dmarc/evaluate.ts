/**
 * DMARC evaluation of one message (RFC 9989 §5.3, or RFC 7489 §6.6 in `7489` mode): Author Domain, policy
 * discovery, identifier alignment of the SPF-authenticated MAIL FROM domain and of every passing DKIM `d=`,
 * the pass/fail verdict, the policy (`p`, `sp`, or `np` after the domain existence test), `t=y` or `pct`,
 * and a plain-language explanation.
 *
 * @module
 */

import { normalizeName, type Resolver } from '../dns/resolver.js';
import { DnsStepRunner, type DnsSteps } from '../dns/steps.js';
import { type AuthorDomainResult, extractAuthorDomain } from './author.js';
import {
  type DmarcDiscovery,
  type DmarcDnsError,
  DmarcRecordMemo,
  discoverPolicySteps,
  organizationalDomain7489,
  organizationalDomain9989Steps,
} from './discovery.js';
import { type DmarcEffective, effectivePolicy, POLICY_STRENGTH } from './effective.js';
import { domainExistsSteps, type ExistenceResult } from './existence.js';
import { explainEvaluation } from './explain.js';
import { isAddressLiteral, isAtOrBelow, topLabel } from './names.js';
import { assertDmarcOptions } from './options.js';
import type { AssessmentPolicy, DmarcMode, DmarcParseResult } from './record.js';

/** The DMARC result (RFC 8601 §2.7.1 values). */
export type DmarcResult = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';

/** What the policy asks a receiver to do with this message. `none` for anything but `fail`. */
export type DmarcDisposition = AssessmentPolicy;

/** The SPF result for the message: `domain` is the MAIL FROM domain (or the HELO domain for a null reverse-path). */
export interface DmarcSpfInput {
  /** The SPF result (RFC 7208 §2.6): only `pass` yields an SPF-authenticated identifier. */
  result: string;
  domain: string;
  /**
   * `mailfrom` (default), or `helo` when the MAIL FROM was empty and SPF checked `postmaster@<HELO>`
   * (RFC 7208 §2.4) — still the MAIL FROM identity for DMARC (RFC 9989 §3.2.4). Pass `helo` only in that case.
   */
  identity?: 'mailfrom' | 'helo';
}

/** One DKIM signature's result: `domain` is its `d=` (the SDID). */
export interface DmarcDkimInput {
  /** The DKIM result (RFC 8601 §2.7.1): only `pass` yields a DKIM-authenticated identifier. */
  result: string;
  /** The signature's SDID (its `d=` tag, RFC 6376 §3.5): `DkimSignatureResult.d`. */
  domain: string;
  /** The signature's selector (`s=`): `DkimSignatureResult.s`. */
  selector?: string;
}

/** The input of {@link evaluateDmarc}. */
export interface DmarcEvaluationInput {
  /** The value of each RFC5322.From header field, in message order (a plain string is taken as one field). */
  from: string[];
  spf?: DmarcSpfInput;
  dkim: DmarcDkimInput[];
}

/** Options of {@link evaluateDmarc}. */
export interface DmarcEvaluateOptions {
  resolver: Resolver;
  /** `9989` (default) or `7489`. */
  mode?: DmarcMode;
  /** Source of [0,1) numbers for RFC 7489 `pct` sampling (default `Math.random`); see `seededRandom`. */
  random?: () => number;
  /**
   * Several Author Domains in one From field: `evaluate` (default) applies DMARC to each and the strictest
   * failing policy (RFC 9989 §11.5); `permerror` stops, as §5.3.1 allows.
   */
  multipleAuthorDomains?: 'evaluate' | 'permerror';
  /** At most this many Author Domains are evaluated (default {@link MAX_AUTHOR_DOMAINS}); more is a permerror. */
  maxAuthorDomains?: number;
}

/** The most Author Domains evaluated for one message (RFC 9989 §11.5 asks for a limit). */
export const MAX_AUTHOR_DOMAINS = 5;

/** The most identifier Tree Walks per Author Domain (each is at most 8 queries; RFC 9989 §4.10.2 sets no limit). */
export const MAX_ALIGNMENT_WALKS = 10;

/** Why an identifier aligns or not. */
export type AlignmentReason =
  | 'identical'
  | 'same-organizational-domain'
  | 'not-authenticated'
  | 'strict-not-identical'
  | 'organizational-domains-differ'
  | 'invalid-domain'
  | 'dns-error'
  | 'walk-limit';

/** The alignment of one authenticated (or not) identifier with the Author Domain. */
export interface IdentifierAlignment {
  method: 'spf' | 'dkim';
  /** The identifier, normalised when valid. */
  domain: string;
  selector?: string;
  /** SPF only: which identity the domain came from. */
  identity?: 'mailfrom' | 'helo';
  /** The underlying result, lower-case (`pass`, `fail`, `softfail`...). */
  result: string;
  /** True when `result` is `pass`: the domain is an Authenticated Identifier. */
  authenticated: boolean;
  /** True: aligned; false: not; null: unknown (a DNS error or the walk limit). */
  aligned: boolean | null;
  /** The alignment mode from `aspf`/`adkim`. */
  mode: 'relaxed' | 'strict';
  /** The identifier's Organizational Domain, when it was determined. */
  organizationalDomain?: string;
  reason: AlignmentReason;
  /** The reason in words, e.g. "organizational domains differ (esp.example vs example.com)". */
  detail: string;
  /** The DNS failure behind `dns-error`. */
  error?: DmarcDnsError;
}

/** The result of {@link evaluateDmarc}. */
export interface DmarcEvaluation {
  mode: DmarcMode;
  result: DmarcResult;
  /** The policy tag value that applies (from `p`, `sp` or `np`), or null when no policy applies. */
  policy: AssessmentPolicy | null;
  /** Which tag `policy` came from. */
  policySource?: 'p' | 'sp' | 'np';
  /** What to do with the message: the policy for `fail` after `t=y` (RFC 9989) or `pct` (RFC 7489); else none. */
  disposition: DmarcDisposition;
  /** RFC 9989 `t=y`: the policy is applied one level lower. */
  testing: boolean;
  /** RFC 7489 `pct` sampling of a failing message: the percentage, the draw, and whether it selected the message. */
  sampling?: { pct: number; draw: number; selected: boolean };
  /** The Author Domain (or the first of several when evaluated per RFC 9989 §11.5), null without one. */
  authorDomain: string | null;
  author: AuthorDomainResult;
  organizationalDomain: string | null;
  /** Where the applied record was found (`_dmarc.example.com`). */
  recordName: string | null;
  /** The DMARC Policy Domain (RFC 9989 §3.2.5). */
  policyDomain: string | null;
  record: DmarcParseResult | null;
  /** The effective values of the applied record under `mode`. */
  effective: DmarcEffective | null;
  alignment: { spf: IdentifierAlignment | null; dkim: IdentifierAlignment[] };
  /** The methods whose identifier aligned (and was authenticated). */
  alignedBy: Array<'spf' | 'dkim'>;
  /** The domain existence test result (RFC 9989 Appendix A.4), when it was needed. */
  authorDomainExists?: boolean | null;
  discovery: DmarcDiscovery | null;
  /** Every DNS question asked (`TXT _dmarc.example.com`, `A sub.example.com`...), in order. */
  queries: string[];
  /** A transient DNS failure that decided a temperror (or left part of the evaluation unknown). */
  error?: DmarcDnsError;
  /** Why the result is none, temperror or permerror, in a few words. */
  reason?: string;
  /** One evaluation per Author Domain when the From field had several (RFC 9989 §11.5). */
  perAuthorDomain?: DmarcEvaluation[];
  /** The verdict in plain language. */
  why: string;
}

const DOWNGRADE: Readonly<Record<AssessmentPolicy, AssessmentPolicy>> = {
  reject: 'quarantine',
  quarantine: 'none',
  none: 'none',
};

interface Context {
  /** Asks every question of the evaluation, and logs it. */
  runner: DnsStepRunner;
  mode: DmarcMode;
  random: () => number;
  /** The memoising record lookup shared by the evaluation's walks, as steps. */
  lookup: DmarcRecordMemo;
}

function base(mode: DmarcMode, author: AuthorDomainResult): DmarcEvaluation {
  return {
    mode,
    result: 'none',
    policy: null,
    disposition: 'none',
    testing: false,
    authorDomain: author.authorDomain,
    author,
    organizationalDomain: null,
    recordName: null,
    policyDomain: null,
    record: null,
    effective: null,
    alignment: { spf: null, dkim: [] },
    alignedBy: [],
    discovery: null,
    queries: [],
    why: '',
  };
}

/**
 * Evaluates DMARC for one message.
 *
 * Results: `pass` (an authenticated identifier aligns), `fail` (none does), `none` (no applicable policy:
 * no record, a record that gets no DMARC processing, an address-literal Author Domain), `temperror` (a DNS
 * failure left the policy or an alignment undecided), `permerror` (no single Author Domain: no From, several
 * From fields, a malformed address; or more Author Domains than `maxAuthorDomains`).
 *
 * RFC 9989 mode: Tree Walks for the policy and for relaxed alignment, `np` with the existence test, `t=y`.
 * RFC 7489 mode: PSL Organizational Domains, no `np`/`psd`/`t`, `pct` sampled with `options.random`.
 *
 * Never throws for bad input or DNS trouble.
 *
 * @throws TypeError for a call that cannot work: no `options.resolver`, or a `mode` other than '9989'/'7489'.
 */
export async function evaluateDmarc(
  input: DmarcEvaluationInput,
  options: DmarcEvaluateOptions,
): Promise<DmarcEvaluation> {
  return evaluateDmarcNow(input, options);
}

/**
 * {@link evaluateDmarc}, without a promise when it needs none: when the resolver holds every answer (it has
 * `peek`, e.g. a shared `cachedResolver`), the evaluation is returned as it is; otherwise a promise of it.
 *
 * @throws TypeError (synchronously) for a call that cannot work, as {@link evaluateDmarc}.
 */
export function evaluateDmarcNow(
  input: DmarcEvaluationInput,
  options: DmarcEvaluateOptions,
): DmarcEvaluation | Promise<DmarcEvaluation> {
  assertDmarcOptions(options, 'evaluateDmarc');
  const mode = options.mode ?? '9989';
  const runner = new DnsStepRunner(options.resolver, []);
  const ctx: Context = {
    runner,
    mode,
    random: options.random ?? Math.random,
    lookup: new DmarcRecordMemo(runner),
  };
  return runner.run(evaluationSteps(input, options, ctx));
}

function* evaluationSteps(
  input: DmarcEvaluationInput,
  options: DmarcEvaluateOptions,
  ctx: Context,
): DnsSteps<DmarcEvaluation> {
  const mode = ctx.mode;
  // a plain string is one From field; anything else that is not a list is no From field (permerror)
  const from: unknown = input.from;
  const author = extractAuthorDomain(Array.isArray(from) ? from : typeof from === 'string' ? [from] : []);
  const dkim = Array.isArray(input.dkim) ? input.dkim : [];

  let out: DmarcEvaluation;
  if (author.status === 'ok') {
    out = yield* evaluateForDomain(author.authorDomain!, author, input.spf, dkim, ctx);
  } else if (author.status === 'domain-literal') {
    out = base(mode, author);
    out.reason = 'address literal';
  } else if (author.status === 'multiple-domains' && options.multipleAuthorDomains !== 'permerror') {
    const max = options.maxAuthorDomains ?? MAX_AUTHOR_DOMAINS;
    out = base(mode, author);
    if (author.domains.length > max) {
      out.result = 'permerror';
      out.reason = `${author.domains.length} Author Domains, more than the ${max} evaluated`;
    } else {
      const each: DmarcEvaluation[] = [];
      for (const d of author.domains) {
        if (d.startsWith('[')) continue;
        each.push(yield* evaluateForDomain(d, author, input.spf, dkim, ctx));
      }
      out = combine(mode, author, each);
    }
  } else {
    out = base(mode, author);
    out.result = 'permerror';
    out.reason = author.reason;
  }
  // the log is the evaluation's own: nothing asks through the runner after this
  out.queries = ctx.runner.log ?? [];
  out.why = explainEvaluation(out);
  return out;
}

/** RFC 9989 §11.5: the strictest failing policy among the Author Domains; otherwise temperror, pass, none. */
function combine(mode: DmarcMode, author: AuthorDomainResult, each: DmarcEvaluation[]): DmarcEvaluation {
  const failing = each.filter((e) => e.result === 'fail');
  const pick =
    failing.sort(
      (a, b) =>
        POLICY_STRENGTH[b.disposition] - POLICY_STRENGTH[a.disposition] ||
        POLICY_STRENGTH[b.policy ?? 'none'] - POLICY_STRENGTH[a.policy ?? 'none'],
    )[0] ??
    each.find((e) => e.result === 'temperror') ??
    each.find((e) => e.result === 'pass') ??
    each[0];
  const out: DmarcEvaluation = pick ? { ...pick } : base(mode, author);
  out.author = author;
  out.perAuthorDomain = each;
  return out;
}

/**
 * The evaluation for one Author Domain. The steps only wait for DNS; the judging is in the synchronous functions
 * they call (a small generator is cheap to make: its frame is saved with it).
 */
function* evaluateForDomain(
  authorDomain: string,
  author: AuthorDomainResult,
  spf: DmarcSpfInput | undefined,
  dkim: DmarcDkimInput[],
  ctx: Context,
): DnsSteps<DmarcEvaluation> {
  const out = base(ctx.mode, author);
  out.authorDomain = authorDomain;
  const discovery = yield* discoverPolicySteps(authorDomain, ctx.mode, ctx.lookup);
  const eff = applyDiscovery(out, discovery, ctx.mode);
  if (!eff) return out;
  // the existence test (RFC 9989 Appendix A.4) when the policy is not the Author Domain's own
  const ex =
    discovery.source !== 'domain' && ctx.mode === '9989'
      ? yield* domainExistsSteps(ctx.runner, authorDomain)
      : undefined;
  const existenceUnknown = applyPolicy(out, discovery, eff, ex);

  // --- identifier alignment (RFC 9989 §4.4, §4.10.2; RFC 7489 §3.1) ---
  const align = new AlignmentChecker(authorDomain, discovery, eff, ctx);
  if (spf) {
    const a = align.check('spf', spf.domain, spf.result, spf.identity ?? 'mailfrom', undefined);
    out.alignment.spf = align.walk === undefined ? a : yield* align.finish(a);
  }
  for (const sig of dkim) {
    const a = align.check('dkim', sig.domain, sig.result, undefined, sig.selector);
    out.alignment.dkim.push(align.walk === undefined ? a : yield* align.finish(a));
  }
  decide(out, authorDomain, eff, existenceUnknown, ctx);
  return out;
}

/**
 * Takes the discovered policy into `out`.
 * @returns the effective values of the record, or undefined when the evaluation ends here (no usable record).
 */
function applyDiscovery(
  out: DmarcEvaluation,
  discovery: DmarcDiscovery,
  mode: DmarcMode,
): DmarcEffective | undefined {
  out.discovery = discovery;
  out.organizationalDomain = discovery.organizationalDomain;
  out.recordName = discovery.recordName;
  out.policyDomain = discovery.policyDomain;
  out.record = discovery.record;

  if (!discovery.record) {
    if (discovery.error) {
      out.result = 'temperror';
      out.error = discovery.error;
      out.reason = `DNS ${discovery.error.kind} for ${discovery.error.name}`;
    } else {
      out.reason = discovery.noRecordReason === 'multiple-records' ? 'several records' : 'no record';
    }
    return undefined;
  }
  const eff = effectivePolicy(discovery.record, mode);
  out.effective = eff;
  if (!eff) {
    out.reason = 'record unusable';
    return undefined;
  }
  return eff;
}

/**
 * The policy (RFC 9989 §4.10.1; RFC 7489 §6.6.3): `p` for the Author Domain's own record; else in RFC 9989 mode
 * `sp` or `np` by the existence test `ex`, in RFC 7489 mode `sp`.
 * @returns true when the existence test left the policy undecided (a DNS error, with `np` and `sp` different)
 */
function applyPolicy(
  out: DmarcEvaluation,
  discovery: DmarcDiscovery,
  eff: DmarcEffective,
  ex: ExistenceResult | undefined,
): boolean {
  let existenceUnknown = false;
  if (discovery.source === 'domain') {
    out.policy = eff.p;
    out.policySource = 'p';
  } else if (ex) {
    // The existence test runs even when np equals sp, so that the source of the policy is named correctly:
    // np applies to non-existent subdomains (RFC 9989 §4.7), whatever the values.
    out.authorDomainExists = ex.exists;
    if (ex.exists === null && eff.np === eff.sp) {
      // the same policy either way: the DNS trouble does not leave the verdict undecided
      out.policy = eff.sp;
      out.policySource = 'sp';
    } else if (ex.exists === null) {
      existenceUnknown = true;
      out.error = ex.error;
      // one of the two applies; report the weaker until the existence is known
      const weakerIsNp = POLICY_STRENGTH[eff.np] < POLICY_STRENGTH[eff.sp];
      out.policy = weakerIsNp ? eff.np : eff.sp;
      out.policySource = weakerIsNp ? 'np' : 'sp';
    } else {
      out.policy = ex.exists ? eff.sp : eff.np;
      out.policySource = ex.exists ? 'sp' : 'np';
    }
  } else {
    out.policy = eff.sp;
    out.policySource = 'sp';
  }
  out.testing = eff.testing;
  return existenceUnknown;
}

/** The result from the alignments (`alignedBy`), then the disposition: `t=y` (RFC 9989 §4.7) or `pct` (RFC 7489). */
function decide(
  out: DmarcEvaluation,
  authorDomain: string,
  eff: DmarcEffective,
  existenceUnknown: boolean,
  ctx: Context,
): void {
  let unknown: IdentifierAlignment | undefined;
  const spfA = out.alignment.spf;
  if (spfA?.aligned === true) out.alignedBy.push('spf');
  else if (spfA?.aligned === null) unknown = spfA;
  let dkimAligned = false;
  for (const a of out.alignment.dkim) {
    if (a.aligned === true) dkimAligned = true;
    else if (a.aligned === null) unknown ??= a;
  }
  if (dkimAligned) out.alignedBy.push('dkim');

  if (out.alignedBy.length > 0) {
    out.result = 'pass';
  } else if (unknown) {
    out.result = 'temperror';
    out.error = unknown.error ?? out.error;
    out.reason = `alignment of ${unknown.domain} unknown`;
  } else if (existenceUnknown) {
    out.result = 'temperror';
    out.reason = `existence of ${authorDomain} unknown (sp=${eff.sp}, np=${eff.np})`;
  } else {
    out.result = 'fail';
  }

  if (out.result === 'fail' && out.policy) {
    let applied = out.policy;
    if (eff.testing) applied = DOWNGRADE[applied];
    if (ctx.mode === '7489' && eff.pct < 100 && applied !== 'none') {
      const draw = ctx.random();
      const selected = draw * 100 < eff.pct;
      out.sampling = { pct: eff.pct, draw, selected };
      if (!selected) applied = DOWNGRADE[applied];
    }
    out.disposition = applied;
  }
}

/** The Organizational Domain of an identifier, or the DNS failure that left it unknown. */
interface IdentifierOrg {
  domain: string | null;
  error?: DmarcDnsError;
}

/** Identifier alignment with one Author Domain (RFC 9989 §4.4, §4.10.2; RFC 7489 §3.1). */
class AlignmentChecker {
  /** The Organizational Domains found by the identifiers' Tree Walks (at most {@link MAX_ALIGNMENT_WALKS}). */
  private readonly orgs = new Map<string, IdentifierOrg>();
  /** RFC 7489 mode only (a Public Suffix List lookup): computed when first needed. */
  private authorOrg7489: string | undefined;

  constructor(
    private readonly authorDomain: string,
    private readonly discovery: DmarcDiscovery,
    private readonly eff: DmarcEffective,
    private readonly ctx: Context,
  ) {}

  /**
   * After {@link AlignmentChecker.check}: the identifier whose Organizational Domain needs a Tree Walk that has not
   * been made yet (then {@link AlignmentChecker.finish} the alignment), else undefined.
   */
  walk: string | undefined;

  /**
   * The alignment of one identifier; `identity` for SPF, `selector` for DKIM when known. Decided at once, unless
   * the identifier's Organizational Domain needs a Tree Walk not made yet: then `walk` names the identifier, and
   * the alignment is decided by {@link AlignmentChecker.finish}.
   */
  check(
    method: 'spf' | 'dkim',
    rawDomain: string,
    rawResult: string,
    identity: 'mailfrom' | 'helo' | undefined,
    selector: string | undefined,
  ): IdentifierAlignment {
    this.walk = undefined;
    const { authorDomain, discovery, eff, ctx } = this;
    const strict = (method === 'spf' ? eff.aspf : eff.adkim) === 's';
    const result = String(rawResult ?? '')
      .trim()
      .toLowerCase();
    const domain = normalizeName(String(rawDomain ?? ''));
    const a = identifierAlignment(
      method,
      domain ?? String(rawDomain ?? ''),
      identity,
      selector,
      result,
      strict,
    );
    if (!a.authenticated) {
      a.detail = `${method === 'spf' ? 'SPF' : 'DKIM'} result is ${result || 'empty'}`;
      return a;
    }
    if (domain === null || isAddressLiteral(domain)) {
      a.reason = 'invalid-domain';
      a.detail = `'${rawDomain}' is not a domain name`;
      return a;
    }
    if (domain === authorDomain) {
      a.aligned = true;
      a.reason = 'identical';
      a.detail = `identical to ${authorDomain}`;
      return a;
    }
    if (strict) {
      a.reason = 'strict-not-identical';
      a.detail = `strict alignment requires exactly ${authorDomain}`;
      return a;
    }
    if (ctx.mode === '7489') {
      this.authorOrg7489 ??= organizationalDomain7489(authorDomain) ?? authorDomain;
      const authorOrg7489 = this.authorOrg7489;
      const org = organizationalDomain7489(domain) ?? domain;
      a.organizationalDomain = org;
      a.aligned = org === authorOrg7489;
      a.reason = a.aligned ? 'same-organizational-domain' : 'organizational-domains-differ';
      a.detail = a.aligned
        ? `same organizational domain ${org}`
        : `organizational domains differ (${org} vs ${authorOrg7489})`;
      return a;
    }
    const authorOrg = discovery.organizationalDomain;
    if (authorOrg === null) {
      if (topLabel(domain) !== topLabel(authorDomain)) {
        a.reason = 'organizational-domains-differ';
        a.detail = `organizational domains differ (${domain} shares no parent with ${authorDomain})`;
        return a;
      }
      a.aligned = null;
      a.reason = 'dns-error';
      if (discovery.error) a.error = discovery.error;
      a.detail = `the Organizational Domain of ${authorDomain} is unknown (DNS ${discovery.error?.kind ?? 'error'})`;
      return a;
    }
    if (!isAtOrBelow(domain, authorOrg)) {
      a.reason = 'organizational-domains-differ';
      a.detail = `organizational domains differ (${domain} is not under ${authorOrg})`;
      return a;
    }
    const org = this.orgs.get(domain);
    if (org) return this.withOrg(a, domain, org, authorOrg);
    if (this.orgs.size >= MAX_ALIGNMENT_WALKS) {
      a.aligned = null;
      a.reason = 'walk-limit';
      a.detail = `not checked: more than ${MAX_ALIGNMENT_WALKS} Tree Walks for one message`;
      return a;
    }
    this.walk = domain;
    return a;
  }

  /** Decides an alignment {@link AlignmentChecker.check} left to a Tree Walk (`walk`): makes the walk, once. */
  *finish(a: IdentifierAlignment): DnsSteps<IdentifierAlignment> {
    const domain = this.walk as string;
    this.walk = undefined;
    const o = yield* organizationalDomain9989Steps(domain, this.ctx.lookup);
    const err = o.walk.error;
    const org: IdentifierOrg = err
      ? {
          domain: null,
          error: { kind: err.dnsKind ?? 'SERVFAIL', name: err.name, message: err.message ?? '' },
        }
      : { domain: o.domain };
    this.orgs.set(domain, org);
    return this.withOrg(a, domain, org, this.discovery.organizationalDomain as string);
  }

  /** Decides relaxed alignment from the identifier's Organizational Domain (or the DNS failure that hid it). */
  private withOrg(
    a: IdentifierAlignment,
    domain: string,
    org: IdentifierOrg,
    authorOrg: string,
  ): IdentifierAlignment {
    if (org.domain === null) {
      a.aligned = null;
      a.reason = 'dns-error';
      if (org.error) a.error = org.error;
      a.detail = `the Organizational Domain of ${domain} is unknown (DNS ${org.error?.kind ?? 'error'} for ${org.error?.name ?? domain})`;
      return a;
    }
    a.organizationalDomain = org.domain;
    a.aligned = org.domain === authorOrg;
    a.reason = a.aligned ? 'same-organizational-domain' : 'organizational-domains-differ';
    a.detail = a.aligned
      ? `same organizational domain ${authorOrg}`
      : `organizational domains differ (${org.domain} vs ${authorOrg})`;
    return a;
  }
}

/**
 * A new {@link IdentifierAlignment}, not aligned yet (`detail` is set by the caller). Its fields are in the order
 * of the type (`identity` or `selector` after `domain`), as JSON output shows them.
 */
function identifierAlignment(
  method: 'spf' | 'dkim',
  domain: string,
  identity: 'mailfrom' | 'helo' | undefined,
  selector: string | undefined,
  result: string,
  strict: boolean,
): IdentifierAlignment {
  // built field by field, in the type's order (no object spread on this path)
  const a = { method, domain } as IdentifierAlignment;
  if (identity !== undefined) a.identity = identity;
  else if (selector !== undefined) a.selector = selector;
  a.result = result;
  a.authenticated = result === 'pass';
  a.aligned = false;
  a.mode = strict ? 'strict' : 'relaxed';
  a.reason = 'not-authenticated';
  a.detail = '';
  return a;
}
