/**
 * The check_host() function of RFC 7208 (§4, §5, §6) with the processing limits of §4.6.4, the explanation
 * of §6.2, and a trace of what was fetched and tried; plus {@link verifySpfIdentity}, which does what a
 * receiving MTA does with MAIL FROM and HELO (§2.3, §2.4).
 *
 * The work is split by job: limits.ts (the §4.6.4 limits), result.ts (the data types), evaluation.ts (the
 * state of one evaluation: counts, deadline, DNS query, macro values), check-domain.ts (one domain's record,
 * include and redirect), mechanisms.ts (the other mechanisms), exp.ts (§6.2) and identity.ts (§2.4, §4.3).
 * This module is the entry point and re-exports the public types.
 *
 * @module
 */

import { checkDomain } from './check-domain.js';
import { SpfEvaluation, SpfStop } from './evaluation.js';
import { fetchExplanation } from './exp.js';
import { identityCheck, initialDomain, type SpfIdentityParams, splitSender } from './identity.js';
import { formatIp, parseClientIp } from './ip.js';
import { resolveSpfLimits } from './limits.js';
import type { CheckHostOptions, CheckHostParams, SpfResult, SpfTraceEvent } from './result.js';

export type { SpfIdentityParams } from './identity.js';
export { DEFAULT_SPF_LIMITS, type SpfLimits } from './limits.js';
export type {
  CheckHostOptions,
  CheckHostParams,
  SpfDecision,
  SpfResult,
  SpfResultCode,
} from './result.js';

/**
 * check_host() (RFC 7208 §4): evaluates the SPF policy of `domain` for a client address and sender.
 *
 * - DNS failures map per the RFC: NXDOMAIN/NODATA of a term's lookup are void lookups; TIMEOUT, SERVFAIL and
 *   REFUSED are temperror (never "no record"); a PTR lookup error is a no-match (§5.5).
 * - Limits (§4.6.4, configurable via `options.limits`): more than 10 DNS-querying terms, more than 2 void
 *   lookups, or an `mx` with more than 10 hosts give permerror; PTR names past the 10th are ignored; the
 *   elapsed-time limit (20 s by default) gives temperror.
 * - The explanation (§6.2) is fetched only for a fail and only from the record whose term decided it.
 *
 * Bad input does not throw: a malformed `ip` gives `permerror` with `problem` saying so (the check cannot be
 * done for that input, and retrying will not help); a malformed or single-label `domain` gives `none` (§4.3).
 *
 * @returns the result with its trace
 * @throws TypeError (as a rejection) when `options.resolver` is not a {@link Resolver}, `options.signal` is not an
 *   `AbortSignal`, or `options.limits` is not
 *   an object or holds a limit that is not a number (`null` means the defaults, like `undefined`)
 * @throws RangeError (as a rejection) when a limit is NaN, infinite, fractional or below its minimum (0 for the
 *   counts, 1 ms for `timeoutMs`); see `resolveSpfLimits`
 */
export async function checkHost(params: CheckHostParams, options: CheckHostOptions): Promise<SpfResult> {
  if (typeof options?.resolver?.query !== 'function')
    throw new TypeError('checkHost: options.resolver must be a Resolver (an object with a query method)');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new TypeError('checkHost: signal must be an AbortSignal');
  const limits = resolveSpfLimits(options.limits);
  const now = options.now ?? Date.now;
  const ip = parseClientIp(String(params.ip ?? ''));
  const domain = initialDomain(String(params.domain ?? ''));
  const sender = splitSender(String(params.sender ?? ''), domain ?? String(params.domain ?? ''));
  const base = {
    domain: domain ?? String(params.domain ?? ''),
    sender: sender.full,
    ip: ip ? formatIp(ip) : String(params.ip ?? ''),
    lookups: 0,
    voidLookups: 0,
    limits,
    trace: [] as SpfTraceEvent[],
  };
  type Outcome = Omit<SpfResult, keyof typeof base | 'helo'>;
  const withHelo = <T extends object>(r: T): T & { helo?: string } =>
    params.helo !== undefined ? { ...r, helo: params.helo } : r;
  if (!ip) {
    return withHelo({
      ...base,
      result: 'permerror',
      problem: `"${String(params.ip ?? '')}" is not an IP address; check_host() needs the client address (RFC 7208 §4.1)`,
    });
  }
  if (!domain) {
    return withHelo({
      ...base,
      result: 'none',
      problem: `"${String(params.domain ?? '')}" is not a valid multi-label domain name (RFC 7208 §4.3)`,
    });
  }
  const ev = new SpfEvaluation(
    options.resolver,
    limits,
    now,
    ip,
    sender,
    params.helo ?? '',
    params.receiver ?? 'unknown',
    options.deadline,
    options.signal,
    options.trace !== false,
  );
  const finish = (r: Outcome): SpfResult =>
    withHelo({ ...base, ...r, lookups: ev.lookups, voidLookups: ev.voidLookups, trace: ev.trace });
  try {
    const out = await ev.run(checkDomain(ev, domain, 0, [], 'check'));
    if (out.result === 'none') {
      return finish({ result: 'none', problem: `${domain} publishes no SPF record (RFC 7208 §4.5)` });
    }
    const r: Outcome = { result: out.result };
    if (out.decision) r.decidedBy = out.decision;
    if (out.result === 'fail' && out.expFrom) {
      const text = await ev.run(fetchExplanation(ev, out.expFrom));
      if (text !== undefined) r.explanation = text;
    }
    return finish(r);
  } catch (e) {
    if (e instanceof SpfStop) {
      const r: Outcome = { result: e.code, problem: e.problem };
      if (e.at) r.problemAt = e.at;
      return finish(r);
    }
    return finish({
      result: 'temperror',
      problem: `internal error: ${e instanceof Error ? e.message : String(e)}`,
    });
  } finally {
    ev.dispose();
  }
}

/** The result of {@link verifySpfIdentity}: which identity was checked, and the check_host() result. */
export type SpfIdentityResult = SpfResult & { identity: 'mailfrom' | 'helo' };

/**
 * Does what a receiver does (RFC 7208 §2.4): checks the MAIL FROM identity with `<domain>` = the part after
 * the last `@`; for a null reverse-path, checks `postmaster@<helo>` with `<domain>` = the HELO name
 * (identity `helo`). Bad input gives the results documented on {@link checkHost}.
 *
 * @throws TypeError / RangeError (as a rejection) for bad `options.limits`, as {@link checkHost}
 */
export async function verifySpfIdentity(
  params: SpfIdentityParams,
  options: CheckHostOptions,
): Promise<SpfIdentityResult> {
  const check = identityCheck(params);
  const r = await checkHost(check.params, options);
  return { identity: check.identity, ...r };
}
