/**
 * The `spf.authorize` rule: is each listed sender authorized by the domain's SPF policy?
 *
 * - `include:DOMAIN`: the domain must be reached through `+include` in the include tree.
 * - An address: check_host() (RFC 7208 §4) must give `pass` for it.
 * - A network: check_host() must give `pass` for every address. The network is split into the ranges the
 *   policy treats alike ({@link elementaryRanges}) and check_host() runs once per range, on its first address.
 *   It fails as soon as one range does not pass (that address is not authorized). When a pass went through a
 *   term the ranges cannot describe ({@link OpaqueTerm}: `ptr`, `%{i}`/`%{p}` targets, unresolved networks), or
 *   the network spans more ranges than `maxAuthorizeChecks`, the rule is `undetermined`, never a pass.
 *
 * @module
 */

import type { Resolver } from '../../dns/resolver.js';
import { checkHost, type SpfResultCode } from '../../spf/index.js';
import { parseAuthorizeEntry } from '../authorize.js';
import { domainKey } from './domain-rules.js';
import {
  type AddressRange,
  addressText,
  elementaryRanges,
  entryRange,
  type OpaqueTerm,
  rangeText,
  type SpfBoundaries,
  termKey,
} from './spf-ranges.js';
import { DEFAULT_MAX_AUTHORIZE_CHECKS, type RuleOutcome } from './types.js';

/** The result of one `spf.authorize` entry. */
export interface AuthorizationCheck {
  outcome: Exclude<RuleOutcome, 'suppressed'>;
  /** One sentence (may contain untrusted DNS text). */
  message: string;
  /** What was found: `192.0.2.0/24: pass`, `temperror`, `includes: a, b`. */
  actual?: string;
  /** Set on an `undetermined` result that DNS trouble did not cause (see `RuleResult.inexact`). */
  inexact?: true;
}

/** What the authorize rule knows about the domain's SPF policy. */
export interface AuthorizeContext {
  /** The audited domain (check_host()'s `<domain>`; the sender is `postmaster@<domain>`). */
  domain: string;
  /** Domains reached through `+include` (lower-case). */
  includes: readonly string[];
  /** The SPF record could not be read (DNS error). */
  rootTrouble: boolean;
  /** Some part of the include tree could not be read (DNS error). */
  subtreeTrouble: boolean;
  /** Set when the domain has no usable SPF record: the clause saying why (`example.com publishes no SPF record ...`). */
  problem?: { clause: string; status: string };
  /** Answers check_host()'s questions; without it, address and network entries are `undetermined`. */
  resolver?: Resolver;
  /** Most check_host() runs per network entry (a positive integer; default 256). */
  maxChecks?: number;
}

interface Checked {
  range: AddressRange;
  result: SpfResultCode;
}

/** `192.0.2.0-192.0.2.6: pass, 192.0.2.7: fail`; past four ranges, a count of the passing ones. */
function summary(checked: readonly Checked[]): string {
  if (checked.length <= 4) return checked.map((c) => `${rangeText(c.range)}: ${c.result}`).join(', ');
  const last = checked[checked.length - 1]!;
  if (last.result === 'pass') return `${checked.length} ranges: pass`;
  return `${checked.length - 1} ranges: pass, ${rangeText(last.range)}: ${last.result}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Checks one `spf.authorize` entry.
 * @param boundaries the domain's {@link SpfBoundaries} (computed once per domain, on first use), or null when
 *   the audit has no SPF tree
 * Never throws: a malformed entry (only possible with a policy object that
 * did not go through `parsePolicy`) fails with the parser's sentence; DNS trouble is `undetermined`.
 */
export async function checkAuthorization(
  ctx: AuthorizeContext,
  entry: string,
  boundaries: () => SpfBoundaries | null,
): Promise<AuthorizationCheck> {
  const parsed = parseAuthorizeEntry(entry);
  if ('error' in parsed)
    // Never guess what a malformed entry meant.
    return { outcome: 'fail', message: `spf.authorize entry ${parsed.error}`, actual: 'invalid entry' };
  if (ctx.rootTrouble)
    return { outcome: 'undetermined', message: `could not check ${entry}: DNS error reading the SPF record` };
  if (ctx.problem)
    return {
      outcome: 'fail',
      message: `${entry} is not authorized: ${ctx.problem.clause}`,
      actual: ctx.problem.status,
    };
  if (parsed.kind === 'include') return checkInclude(ctx, entry, parsed.domain);
  if (!ctx.resolver)
    return { outcome: 'undetermined', message: `could not check ${entry}: no resolver given to the gate` };
  const range = entryRange(entry);
  if (range.first === range.last)
    return checkAddress(ctx, ctx.resolver, entry, addressText(range.version, range.first));
  const b = boundaries();
  if (!b)
    return {
      outcome: 'undetermined',
      message: `could not check ${entry}: the audit has no SPF include tree for ${ctx.domain}`,
    };
  return checkNetwork(ctx, ctx.resolver, entry, range, b);
}

function checkInclude(ctx: AuthorizeContext, entry: string, target: string): AuthorizationCheck {
  const ok = ctx.includes.includes(target);
  if (!ok && ctx.subtreeTrouble)
    return {
      outcome: 'undetermined',
      message: `could not check ${entry}: DNS error expanding the include tree`,
    };
  return ok
    ? { outcome: 'pass', message: `SPF record of ${ctx.domain} includes ${target}` }
    : {
        outcome: 'fail',
        message: `SPF record of ${ctx.domain} does not include ${target}`,
        actual: ctx.includes.length ? `includes: ${ctx.includes.join(', ')}` : 'no includes',
      };
}

function run(ctx: AuthorizeContext, resolver: Resolver, ip: string) {
  return checkHost(
    { ip, domain: ctx.domain, sender: `postmaster@${ctx.domain}`, helo: ctx.domain },
    { resolver },
  );
}

async function checkAddress(
  ctx: AuthorizeContext,
  resolver: Resolver,
  entry: string,
  ip: string,
): Promise<AuthorizationCheck> {
  const r = await run(ctx, resolver, ip);
  if (r.result === 'temperror')
    return {
      outcome: 'undetermined',
      message: `check_host(${ip}, ${ctx.domain}) gave temperror: ${r.problem ?? 'DNS error'}`,
      actual: 'temperror',
    };
  if (r.result !== 'pass')
    return {
      outcome: 'fail',
      message: `${entry} is not authorized by SPF for ${ctx.domain}: check_host(${ip}) = ${r.result}`,
      actual: `${ip}: ${r.result}`,
    };
  return { outcome: 'pass', message: `check_host gives pass for ${entry}`, actual: `${ip}: pass` };
}

async function checkNetwork(
  ctx: AuthorizeContext,
  resolver: Resolver,
  entry: string,
  range: AddressRange,
  b: SpfBoundaries,
): Promise<AuthorizationCheck> {
  const ranges = elementaryRanges(range, b);
  const max = ctx.maxChecks ?? DEFAULT_MAX_AUTHORIZE_CHECKS;
  const checked: Checked[] = [];
  const opaqueMet = new Map<string, OpaqueTerm>();
  for (const r of ranges.slice(0, max)) {
    const ip = addressText(r.version, r.first);
    const res = await run(ctx, resolver, ip);
    checked.push({ range: r, result: res.result });
    if (res.result === 'temperror')
      // Stop here: DNS trouble would likely repeat for every range (bounded time, never a pass).
      return {
        outcome: 'undetermined',
        message: `could not check every address of ${entry}: check_host(${ip}, ${ctx.domain}) gave temperror: ${res.problem ?? 'DNS error'}`,
        actual: summary(checked),
      };
    if (res.result !== 'pass')
      return {
        outcome: 'fail',
        message: `${entry} is not authorized by SPF for ${ctx.domain}: check_host(${ip}) = ${res.result}${r.first === r.last ? '' : ` (for ${rangeText(r)})`}`,
        actual: summary(checked),
      };
    for (const ev of res.trace) {
      if (ev.type !== 'term') continue;
      const key = termKey(ev.domain, ev.offset);
      const known = b.opaque.get(key);
      if (known) opaqueMet.set(key, known);
      else if (!b.domains.has(domainKey(ev.domain)))
        opaqueMet.set(key, {
          domain: ev.domain,
          term: ev.term,
          reason: "its record is not in the audit's include tree",
        });
    }
  }
  const n = checked.length;
  if (ranges.length > n)
    return {
      outcome: 'undetermined',
      message: `could not check every address of ${entry}: the SPF policy of ${ctx.domain} treats it as ${ranges.length} separate address ranges, more than the ${plural(max, 'check_host() run')} the gate makes per network; the first ${n} pass. Authorize smaller networks`,
      actual: `${summary(checked)} (${ranges.length - n} of ${ranges.length} ranges not checked)`,
      inexact: true,
    };
  if (opaqueMet.size > 0) {
    const terms = [...opaqueMet.values()].map((o) => `${o.term} in ${o.domain}: ${o.reason}`);
    return {
      outcome: 'undetermined',
      message: `could not check every address of ${entry}: check_host() gives pass for the first address of each of its ${plural(n, 'range')}, but evaluated terms whose match can differ within a range (${terms.join('; ')})`,
      actual: `${summary(checked)} (not exact)`,
      inexact: true,
    };
  }
  return {
    outcome: 'pass',
    message: `check_host gives pass for every address of ${entry} (${plural(n, 'range')} the SPF policy treats alike)`,
    actual: summary(checked),
  };
}
