/**
 * The DMARC verdict for a message, behind one small adapter: mailgate's own evaluator (src/dmarc/evaluate.ts,
 * the default) or mailauth's `dmarc()`; plus the ARC-based local policy override a receiver may apply for a
 * trusted intermediary (RFC 8617 §7.2, RFC 7489 §7.2 `trusted_forwarder`).
 *
 * @module
 */

import type { ArcResult } from '../arc/index.js';
import type { DkimSignatureResult } from '../dkim/index.js';
import {
  type AssessmentPolicy,
  type DisplayNameAddress,
  type DmarcDisposition,
  type DmarcDkimInput,
  type DmarcEvaluateOptions,
  type DmarcEvaluation,
  type DmarcEvaluationInput,
  type DmarcResult,
  evaluateDmarcNow,
} from '../dmarc/index.js';
import { toMailauthResolver } from '../dns/mailauth.js';
import type { Resolver } from '../dns/resolver.js';
import type { AuthEngine, MessageSpf } from './spf.js';

/** One identifier's alignment with the Author Domain. */
export interface AlignmentSummary {
  method: 'spf' | 'dkim';
  /** The identifier (MAIL FROM domain or DKIM `d=`). */
  domain: string;
  /** The DKIM selector. */
  selector?: string;
  /** The underlying SPF/DKIM result. */
  result: string;
  /** True aligned, false not, null unknown (DNS trouble). */
  aligned: boolean | null;
  /** Why, in words. */
  detail: string;
}

/** A local policy override from a trusted ARC sealer (RFC 8617 §7.2); see {@link arcOverride} for the rule. */
export interface ArcOverride {
  /** The trusted sealer whose ARC-Authentication-Results vouch for the message (`d=` of its ARC-Seal). */
  sealer: string;
  /** The instance of that sealer's ARC set. */
  instance: number;
  /** The DMARC result that sealer recorded in its ARC-Authentication-Results (`pass`). */
  recordedDmarc?: string;
  /** The disposition a receiver that trusts the sealer would apply (`none`). */
  disposition: 'none';
  /** RFC 7489 §7.2 PolicyOverrideType. */
  reason: 'trusted_forwarder';
}

/** The DMARC verdict. JSON-stable. */
export interface MessageDmarc {
  /** The DMARC result (RFC 8601 §2.7.1 values). */
  result: DmarcResult;
  /** The policy that applies (`p`, `sp` or `np`), null when no policy applies. */
  policy: AssessmentPolicy | null;
  /** What the policy asks for this message (`none` unless it fails; after `t=y` or `pct`). */
  disposition: DmarcDisposition;
  /** The Author Domain (RFC5322.From domain), null without one. */
  authorDomain: string | null;
  /** The DMARC Policy Domain (where the record was found). */
  policyDomain: string | null;
  /** The record text (untrusted DNS text). */
  record?: string;
  /** The methods whose authenticated identifier aligned. */
  alignedBy: ('spf' | 'dkim')[];
  /** Every identifier's alignment. */
  alignment: AlignmentSummary[];
  /** `t=y` (RFC 9989): the policy is applied one level lower. */
  testing?: boolean;
  /** Why the result is none, temperror or permerror. */
  reason?: string;
  /** The verdict in words: why the result is what it is. */
  why: string;
  /** `9989` (default) or `7489`. */
  mode: '9989' | '7489';
  /** Present when a trusted ARC sealer's passing chain lets a receiver override a failing policy. */
  arcOverride?: ArcOverride;
  /** The implementation that evaluated DMARC. */
  engine: AuthEngine;
  /**
   * From display names that show an address at another domain than their mailbox's (mailgate engine; untrusted
   * text): what a reader sees is not what DMARC checked (RFC 9989 §11.4).
   */
  displayNameAddresses?: DisplayNameAddress[];
}

/** Inputs of {@link checkMessageDmarc}. */
export interface MessageDmarcInput {
  /** The From field values, in message order. */
  from: string[];
  /** The From addresses as mailauth parsed them (for the mailauth engine). */
  fromAddresses?: string[];
  spf: MessageSpf;
  dkim: DkimSignatureResult[];
}

/** Options of {@link checkMessageDmarc}. */
export interface MessageDmarcOptions {
  resolver: Resolver;
  mode?: '9989' | '7489';
  engine?: AuthEngine;
  /** Source of [0,1) numbers for RFC 7489 `pct` sampling (default Math.random). */
  random?: () => number;
}

/** Evaluates DMARC. Never throws for DNS reasons or bad input. */
export async function checkMessageDmarc(
  input: MessageDmarcInput,
  options: MessageDmarcOptions,
): Promise<MessageDmarc> {
  return checkMessageDmarcNow(input, options);
}

/**
 * {@link checkMessageDmarc}, without a promise when it needs none: with the mailgate engine over a resolver that
 * holds every answer (`peek`: a shared cache, or a `Deadline.resolver()` over one), the verdict is returned as it
 * is; otherwise a promise of it.
 */
export function checkMessageDmarcNow(
  input: MessageDmarcInput,
  options: MessageDmarcOptions,
): MessageDmarc | Promise<MessageDmarc> {
  const mode = options.mode ?? '9989';
  if ((options.engine ?? 'mailgate') === 'mailauth') return mailauthCheck(input, options.resolver, mode);
  const spf = input.spf;
  const dkim: DmarcDkimInput[] = [];
  for (const s of input.dkim) {
    if (!s.d) continue;
    dkim.push(s.s ? { result: s.result, domain: s.d, selector: s.s } : { result: s.result, domain: s.d });
  }
  const dmarcInput: DmarcEvaluationInput =
    spf.domain && !spf.skipped
      ? {
          from: input.from,
          spf: { result: spf.result, domain: spf.domain, identity: spf.identity ?? 'mailfrom' },
          dkim,
        }
      : { from: input.from, dkim };
  const dmarcOptions: DmarcEvaluateOptions = { resolver: options.resolver, mode };
  if (options.random) dmarcOptions.random = options.random;
  const ev = evaluateDmarcNow(dmarcInput, dmarcOptions);
  return ev instanceof Promise ? ev.then((e) => summarize(e, mode)) : summarize(ev, mode);
}

/** The {@link MessageDmarc} of mailgate's evaluation. */
function summarize(ev: DmarcEvaluation, mode: '9989' | '7489'): MessageDmarc {
  const alignment: AlignmentSummary[] = [];
  const spfA = ev.alignment.spf;
  if (spfA) {
    alignment.push({
      method: 'spf',
      domain: spfA.domain,
      result: spfA.result,
      aligned: spfA.aligned,
      detail: spfA.detail,
    });
  }
  for (const a of ev.alignment.dkim) {
    const row: AlignmentSummary = {
      method: 'dkim',
      domain: a.domain,
      result: a.result,
      aligned: a.aligned,
      detail: a.detail,
    };
    if (a.selector) row.selector = a.selector;
    alignment.push(row);
  }
  const out: MessageDmarc = {
    result: ev.result,
    policy: ev.policy,
    disposition: ev.disposition,
    authorDomain: ev.authorDomain,
    policyDomain: ev.policyDomain,
    alignedBy: ev.alignedBy,
    alignment,
    why: ev.why,
    mode,
    engine: 'mailgate',
  };
  if (ev.record?.text) out.record = ev.record.text;
  if (ev.testing) out.testing = true;
  if (ev.reason) out.reason = ev.reason;
  if (ev.author.displayNameAddresses.length) out.displayNameAddresses = ev.author.displayNameAddresses;
  return out;
}

async function mailauthCheck(
  input: MessageDmarcInput,
  resolver: Resolver,
  mode: '9989' | '7489',
): Promise<MessageDmarc> {
  const passing = input.dkim.filter((s) => s.result === 'pass' && s.d);
  // mailauth is loaded only when it is the chosen engine
  const { dmarc: mailauthDmarc } = await import('mailauth');
  const r = await mailauthDmarc({
    headerFrom: input.fromAddresses ?? [],
    spfDomains: input.spf.result === 'pass' && input.spf.domain ? [input.spf.domain] : [],
    dkimDomains: passing.map((s) => ({ domain: s.d ?? '' })),
    resolver: toMailauthResolver(resolver) as never,
  });
  if (!r) {
    return {
      result: 'permerror',
      policy: null,
      disposition: 'none',
      authorDomain: null,
      policyDomain: null,
      alignedBy: [],
      alignment: [],
      reason: 'no single Author Domain',
      why: 'DMARC cannot be evaluated: the message has no single Author Domain.',
      mode,
      engine: 'mailauth',
    };
  }
  const result = String(r.status.result) as DmarcResult;
  const policy = (
    ['none', 'quarantine', 'reject'].includes(r.policy) ? r.policy : null
  ) as AssessmentPolicy | null;
  const alignedBy: ('spf' | 'dkim')[] = [];
  if (r.alignment?.spf?.result) alignedBy.push('spf');
  if (r.alignment?.dkim?.result) alignedBy.push('dkim');
  const out: MessageDmarc = {
    result,
    policy,
    disposition: result === 'fail' && policy ? policy : 'none',
    authorDomain: r.status.header?.from ?? null,
    policyDomain: r.policyDomain ?? r.domain ?? null,
    alignedBy,
    alignment: [],
    why: `DMARC ${result} for ${r.status.header?.from ?? 'the Author Domain'}${policy ? ` (policy ${policy})` : ''}.`,
    mode,
    engine: 'mailauth',
  };
  if (r.rr) out.record = r.rr;
  if (r.testMode) out.testing = true;
  if (r.error) out.reason = r.error;
  return out;
}

/** Two domain names are the same, ASCII case-insensitively and without a trailing dot. */
function sameDomain(a: string, b: string): boolean {
  const norm = (d: string) => d.trim().toLowerCase().replace(/\.$/, '');
  return norm(a) !== '' && norm(a) === norm(b);
}

/** Whether `domain` is `trusted` or a subdomain of one of `trusted`. */
function isTrusted(domain: string, trusted: readonly string[]): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return trusted.some((t) => {
    const x = t.toLowerCase().replace(/\.$/, '');
    return d === x || d.endsWith(`.${x}`);
  });
}

/**
 * The ARC-based override (RFC 8617 §7.2: a receiver may use the ARC-Authentication-Results of ARC sealers it
 * trusts), judged over every sealer of the chain, not only the newest:
 *
 * - DMARC fails, the ARC chain passes, and some sealer is trusted (the domain or a parent of it is listed);
 * - that sealer recorded `dmarc=pass` with `header.from` the message's Author Domain in its
 *   ARC-Authentication-Results: it received the message with DMARC passing for that From domain (a pass it
 *   recorded for another domain, or for none named, does not count);
 * - what happened after it cannot undo that: every later sealer is trusted too, or the sealer's
 *   ARC-Message-Signature still verifies (its instance is at or above the chain's oldest-pass, RFC 8617 §5.2
 *   step 5), so no later hop changed what it signed.
 *
 * Among such sealers the oldest (closest to the author) is named. Returns undefined when none qualifies.
 */
export function arcOverride(
  dmarc: MessageDmarc,
  arc: ArcResult,
  trustedSealers: readonly string[],
): ArcOverride | undefined {
  if (dmarc.result !== 'fail' || arc.result !== 'pass' || trustedSealers.length === 0) return undefined;
  const sets = arc.sets;
  let laterAllTrusted = true;
  let chosen: { sealer: string; instance: number } | undefined;
  for (let k = sets.length - 1; k >= 0; k--) {
    const set = sets[k];
    const sealer = set?.seal?.d;
    const trusted = sealer !== undefined && isTrusted(sealer, trustedSealers);
    if (set && sealer && trusted) {
      const unchanged = arc.oldestPass !== undefined && arc.oldestPass <= set.instance;
      const recorded = set.authResults?.results.find((r) => r.method === 'dmarc');
      // it vouches for this message's Author Domain only: a dmarc=pass recorded for another header.from (or for
      // none named) says nothing about the From this message carries
      const forAuthor =
        recorded !== undefined &&
        dmarc.authorDomain !== null &&
        sameDomain(recorded.headerFrom ?? '', dmarc.authorDomain);
      if ((laterAllTrusted || unchanged) && recorded?.result === 'pass' && forAuthor)
        chosen = { sealer, instance: set.instance };
    }
    if (!trusted) laterAllTrusted = false;
  }
  if (!chosen) return undefined;
  return {
    sealer: chosen.sealer,
    instance: chosen.instance,
    recordedDmarc: 'pass',
    disposition: 'none',
    reason: 'trusted_forwarder',
  };
}
