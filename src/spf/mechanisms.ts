/**
 * The mechanisms of RFC 7208 §5 that match by themselves: `all` (§5.1), `a` (§5.3), `mx` (§5.4), `ptr` (§5.5),
 * `ip4`/`ip6` (§5.6) and `exists` (§5.7), with the DNS-querying-term, void-lookup and MX-host limits of
 * §4.6.4. `include` (§5.2) evaluates another record and is in check-domain.ts.
 *
 * @module
 */

import { isTransientFailure, type MxData } from '../dns/resolver.js';
import { type SpfEvaluation, SpfStop, type Steps } from './evaluation.js';
import { cidrMatch, reverseName } from './ip.js';
import { isQueryableName } from './macro.js';
import type { AddressMechanism, Mechanism, PtrMechanism, TargetMechanism } from './record.js';
import type { SpfTermAt } from './result.js';

/**
 * Evaluates one mechanism other than `include` (which check-domain.ts evaluates) for the client of `ev`, in the
 * record of `domain`: `all`, `ip4` and `ip6` at once (a boolean), the others as steps that may ask DNS.
 *
 * @param at the term's location, for limit errors and the trace
 * @returns true when the mechanism matches, or the steps that tell
 * @throws SpfStop permerror past a limit (§4.6.4), temperror on a transient DNS failure (§5) or the time limit
 * @throws Error for `include` (a bug in the caller)
 */
export function matchMechanism(
  ev: SpfEvaluation,
  mech: Mechanism,
  domain: string,
  at: SpfTermAt,
): boolean | Steps<boolean> {
  switch (mech.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return cidrMatch(ev.ip, mech.address, mech.cidr ?? (mech.name === 'ip4' ? 32 : 128));
    case 'a':
      return matchA(ev, mech, domain, at);
    case 'mx':
      return matchMx(ev, mech, domain, at);
    case 'ptr':
      return matchPtr(ev, mech, domain, at);
    case 'exists':
      return matchExists(ev, mech, domain, at);
    case 'include':
      throw new Error('include is evaluated by checkDomain, not matchMechanism');
  }
}

/** `a` (§5.3): an address of the target, with the term's prefix lengths, covers the client. */
function* matchA(ev: SpfEvaluation, mech: AddressMechanism, domain: string, at: SpfTermAt): Steps<boolean> {
  ev.countLookup(at);
  const target =
    ev.literalTarget(mech.domainSpec, domain) ?? (yield* ev.expandTarget(mech.domainSpec, domain));
  if (!isQueryableName(target)) return false;
  const type = ev.addressType();
  const answer = ev.held(target, type) ?? (yield* ev.ask(target, type));
  if (ev.isVoid(answer, at)) ev.countVoid(at);
  if (!answer.ok) return false;
  return ev.matchesAny(answer.records, mech.ip4Cidr, mech.ip6Cidr);
}

/** `mx` (§5.4): an address of one of the target's MX hosts (at most `maxMxHosts`) covers the client. */
function* matchMx(ev: SpfEvaluation, mech: AddressMechanism, domain: string, at: SpfTermAt): Steps<boolean> {
  ev.countLookup(at);
  const target =
    ev.literalTarget(mech.domainSpec, domain) ?? (yield* ev.expandTarget(mech.domainSpec, domain));
  if (!isQueryableName(target)) return false;
  const answer = ev.held(target, 'MX') ?? (yield* ev.ask(target, 'MX'));
  if (ev.isVoid(answer, at)) ev.countVoid(at);
  if (!answer.ok) return false;
  if (answer.records.length > ev.limits.maxMxHosts) {
    throw new SpfStop(
      'permerror',
      `${target} has ${answer.records.length} MX records, more than ${ev.limits.maxMxHosts} (RFC 7208 §4.6.4)`,
      at,
    );
  }
  const type = ev.addressType();
  for (const host of queryableMxHosts(answer.records)) {
    const addr = ev.held(host, type) ?? (yield* ev.ask(host, type));
    if (!addr.ok) {
      if (isTransientFailure(addr)) ev.isVoid(addr, at); // throws temperror (§5)
      continue; // an MX host without addresses does not match, and is not a void lookup of the term
    }
    if (ev.matchesAny(addr.records, mech.ip4Cidr, mech.ip6Cidr)) return true;
  }
  return false;
}

/**
 * The MX hosts to look up, by preference, without the trailing dot; hosts that cannot be queried (a null MX,
 * RFC 7505) left out. Worked out once per answer (a cached answer is the same array from one evaluation to the
 * next).
 */
function queryableMxHosts(records: readonly MxData[]): readonly string[] {
  let hosts = MX_HOSTS.get(records);
  if (!hosts) {
    hosts = [...records]
      .sort((x, y) => x.priority - y.priority)
      .map((mx) => mx.exchange.replace(/\.$/, ''))
      .filter((host) => host !== '' && isQueryableName(host));
    MX_HOSTS.set(records, hosts);
  }
  return hosts;
}
const MX_HOSTS = new WeakMap<readonly MxData[], readonly string[]>();

/** `ptr` (§5.5): a validated PTR name of the client is the target or a subdomain of it. */
function* matchPtr(ev: SpfEvaluation, mech: PtrMechanism, domain: string, at: SpfTermAt): Steps<boolean> {
  ev.countLookup(at);
  const target = (yield* ev.expandTarget(mech.domainSpec, domain)).toLowerCase();
  if (!isQueryableName(target)) return false;
  const ptr = yield* ev.query(reverseName(ev.ip), 'PTR');
  if (!ptr.ok) {
    // §5.5: a DNS error on the PTR lookup means no match; an empty answer is a void lookup.
    if (ptr.kind === 'NXDOMAIN' || ptr.kind === 'NODATA') ev.countVoid(at);
    return false;
  }
  const inTarget = (n: string) => {
    const name = n.toLowerCase().replace(/\.$/, '');
    return name === target || name.endsWith(`.${target}`);
  };
  const candidates = ptr.records.slice(0, ev.limits.maxPtrNames).filter(inTarget);
  const names = yield* ev.validate(candidates);
  return names.length > 0;
}

/** `exists` (§5.7): the target has an A record (whatever the client's address family). */
function* matchExists(
  ev: SpfEvaluation,
  mech: TargetMechanism,
  domain: string,
  at: SpfTermAt,
): Steps<boolean> {
  ev.countLookup(at);
  const target =
    ev.literalTarget(mech.domainSpec, domain) ?? (yield* ev.expandTarget(mech.domainSpec, domain));
  if (!isQueryableName(target)) return false;
  const answer = ev.held(target, 'A') ?? (yield* ev.ask(target, 'A'));
  if (ev.isVoid(answer, at)) ev.countVoid(at);
  return answer.ok;
}
