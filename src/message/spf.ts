/**
 * The SPF check of a message's envelope (RFC 7208 §2.4), behind one small adapter so the engine can be
 * chosen: mailgate's own check_host() (src/spf/check-host.ts, the default) or mailauth's `spf()`.
 *
 * @module
 */

import type { Deadline } from '../dns/deadline.js';
import { toMailauthResolver } from '../dns/mailauth.js';
import type { Resolver } from '../dns/resolver.js';
import { type SpfResultCode, verifySpfIdentity } from '../spf/index.js';

/** Which implementation evaluated SPF or DMARC. */
export type AuthEngine = 'mailgate' | 'mailauth';

/** The SPF verdict for the message. JSON-stable. */
export interface MessageSpf {
  /** The SPF result (RFC 7208 §2.6); `none` also when SPF was not checked (see `skipped`). */
  result: SpfResultCode;
  /** Which identity was checked: the MAIL FROM, or the HELO for a null reverse-path; null when not checked. */
  identity: 'mailfrom' | 'helo' | null;
  /** The domain whose SPF policy was checked; null when not checked. */
  domain: string | null;
  /** The client IP address used. */
  ip?: string;
  /** The HELO name used. */
  helo?: string;
  /** The MAIL FROM used (`''` for the null reverse-path). */
  mailFrom?: string;
  /**
   * Why: the problem (permerror, temperror), the deciding term, or why SPF was not checked (`no client IP address
   * was given`, `neither MAIL FROM nor HELO was given`).
   */
  reason?: string;
  /** True when SPF could not be checked (no client IP, or neither MAIL FROM nor HELO). */
  skipped?: boolean;
  /** The domain's explanation (exp=) for a fail. Untrusted DNS text. */
  explanation?: string;
  /** DNS-querying terms used (RFC 7208 §4.6.4). */
  lookups?: number;
  /** The implementation that evaluated SPF. */
  engine: AuthEngine;
}

/** The envelope an SPF check needs. */
export interface SpfEnvelope {
  /** The SMTP client IP address. */
  ip?: string;
  /** The HELO/EHLO name. */
  helo?: string;
  /** The MAIL FROM address (`''` for the null reverse-path); absent: unknown, and SPF is not checked. */
  mailFrom?: string;
}

/** Options for {@link checkMessageSpf}. */
export interface MessageSpfOptions {
  resolver: Resolver;
  /** `mailgate` (default) or `mailauth`. */
  engine?: AuthEngine;
  /** A time limit shared with the rest of the message's verification: past it, SPF is temperror. */
  deadline?: Deadline;
}

/**
 * Checks SPF for the envelope. Never throws: DNS trouble gives `temperror`, a missing IP gives `none` with
 * `skipped: true`.
 */
export async function checkMessageSpf(env: SpfEnvelope, options: MessageSpfOptions): Promise<MessageSpf> {
  const engine = options.engine ?? 'mailgate';
  const base: MessageSpf = { result: 'none', identity: null, domain: null, engine };
  if (env.ip !== undefined) base.ip = env.ip;
  if (env.helo !== undefined) base.helo = env.helo;
  if (env.mailFrom !== undefined) base.mailFrom = env.mailFrom;
  if (!env.ip) {
    return { ...base, skipped: true, reason: 'no client IP address was given' };
  }
  if (env.mailFrom === undefined && !env.helo) {
    return { ...base, skipped: true, reason: 'neither MAIL FROM nor HELO was given' };
  }
  // an unknown MAIL FROM is not the null reverse-path: checking the HELO identity as if it were (RFC 7208 §2.4)
  // would let DMARC align on the HELO name of a message whose MAIL FROM was never seen
  if (env.mailFrom === undefined) {
    return {
      ...base,
      skipped: true,
      reason: "the MAIL FROM is unknown (give it, or '' for the null reverse-path <>)",
    };
  }
  if (engine === 'mailauth') {
    const resolver = options.deadline ? options.deadline.resolver(options.resolver) : options.resolver;
    return mailauthCheck(env, base, resolver);
  }
  const r = await verifySpfIdentity(
    { ip: env.ip, mailFrom: env.mailFrom, helo: env.helo ?? '' },
    // the message report keeps the verdict, not the trace
    { resolver: options.resolver, trace: false, ...(options.deadline ? { deadline: options.deadline } : {}) },
  );
  const out: MessageSpf = {
    ...base,
    result: r.result,
    identity: r.identity,
    domain: r.domain,
    lookups: r.lookups,
  };
  if (r.problem) out.reason = r.problem;
  else if (r.decidedBy) {
    const d = r.decidedBy;
    out.reason =
      d.kind === 'default'
        ? `no mechanism matched in the SPF record of ${d.domain}`
        : `matched ${d.term ?? 'a mechanism'} in the SPF record of ${d.domain}`;
  }
  if (r.explanation) out.explanation = r.explanation;
  return out;
}

async function mailauthCheck(env: SpfEnvelope, base: MessageSpf, resolver: Resolver): Promise<MessageSpf> {
  const helo = env.helo ?? '';
  const opts: Record<string, unknown> = {
    ip: env.ip,
    helo: helo || env.ip,
    mta: 'mailgate',
    resolver: toMailauthResolver(resolver),
  };
  if (env.mailFrom) opts.sender = env.mailFrom;
  // mailauth is loaded only when it is the chosen engine
  const { spf: mailauthSpf } = await import('mailauth');
  const r = await mailauthSpf(opts as never);
  const result = String(r.status?.result ?? 'none') as SpfResultCode;
  const out: MessageSpf = {
    ...base,
    result,
    identity: env.mailFrom ? 'mailfrom' : 'helo',
    domain: r.domain ?? null,
    engine: 'mailauth',
  };
  if (r.status?.comment) out.reason = String(r.status.comment);
  if (r.explanation) out.explanation = r.explanation;
  if (r.lookups) out.lookups = r.lookups.count;
  return out;
}
