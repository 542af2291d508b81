/**
 * The DMARC verdict for a message, behind one small adapter: mailgate's own evaluator (src/dmarc/evaluate.ts,
 * the default) or mailauth's `dmarc()`; plus the ARC-based local policy override a receiver may apply for a
 * trusted intermediary (RFC 8617 §7.2, RFC 7489 §7.2 `trusted_forwarder`).
 *
 * @module
 */

import { dmarc as mailauthDmarc } from 'mailauth';
import type { ArcResult } from '../arc/index.js';
import type { DkimSignatureResult } from '../dkim/index.js';
import {
  type AssessmentPolicy,
  type DmarcDisposition,
  type DmarcResult,
  evaluateDmarc,
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

/** A local policy override from a trusted ARC sealer (RFC 8617 §7.2). */
export interface ArcOverride {
  /** The sealer (`d=` of the newest ARC-Seal). */
  sealer: string;
  /** The instance of the newest set. */
  instance: number;
  /** The DMARC result the oldest sealer recorded in its ARC-Authentication-Results, when it recorded one. */
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
  const mode = options.mode ?? '9989';
  if ((options.engine ?? 'mailgate') === 'mailauth') return mailauthCheck(input, options.resolver, mode);
  const spfInput =
    input.spf.domain && !input.spf.skipped
      ? { result: input.spf.result, domain: input.spf.domain, identity: input.spf.identity ?? 'mailfrom' }
      : undefined;
  const ev = await evaluateDmarc(
    {
      from: input.from,
      ...(spfInput ? { spf: spfInput } : {}),
      dkim: input.dkim
        .filter((s) => s.d)
        .map((s) => ({ result: s.result, domain: s.d ?? '', ...(s.s ? { selector: s.s } : {}) })),
    },
    { resolver: options.resolver, mode, ...(options.random ? { random: options.random } : {}) },
  );
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
  return out;
}

async function mailauthCheck(
  input: MessageDmarcInput,
  resolver: Resolver,
  mode: '9989' | '7489',
): Promise<MessageDmarc> {
  const passing = input.dkim.filter((s) => s.result === 'pass' && s.d);
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

/** Whether `domain` is `trusted` or a subdomain of one of `trusted`. */
function isTrusted(domain: string, trusted: readonly string[]): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return trusted.some((t) => {
    const x = t.toLowerCase().replace(/\.$/, '');
    return d === x || d.endsWith(`.${x}`);
  });
}

/**
 * The ARC-based override (RFC 8617 §7.2): a failing DMARC verdict, a passing ARC chain, and a newest sealer the
 * caller trusts. Returns undefined when any of these does not hold.
 */
export function arcOverride(
  dmarc: MessageDmarc,
  arc: ArcResult,
  trustedSealers: readonly string[],
): ArcOverride | undefined {
  if (dmarc.result !== 'fail' || arc.result !== 'pass' || trustedSealers.length === 0) return undefined;
  const sealer = arc.sealers[arc.sealers.length - 1];
  if (!sealer || !isTrusted(sealer, trustedSealers)) return undefined;
  const out: ArcOverride = {
    sealer,
    instance: arc.instance,
    disposition: 'none',
    reason: 'trusted_forwarder',
  };
  const first = arc.sets[0]?.authResults?.results.find((r) => r.method === 'dmarc');
  if (first) out.recordedDmarc = first.result;
  return out;
}
