/**
 * The domain existence test for `np` (RFC 9989 Appendix A.4, §3.2.13 with RFC 8020): a name exists if any
 * record exists for it; only NXDOMAIN means it does not.
 *
 * @module
 */

import { isAbsent, isTransientFailure, type Resolver } from '../dns/resolver.js';
import { DnsStepRunner, type DnsSteps } from '../dns/steps.js';
import type { DmarcDnsError } from './discovery.js';

/** The result of {@link domainExists}: `exists`, or a transient DNS `error` that left it unknown. */
export interface ExistenceResult {
  exists: boolean | null;
  /** The questions asked, as `TYPE name`. */
  queries: string[];
  error?: DmarcDnsError;
}

/**
 * Tests whether `domain` exists. Asks for A: an answer or NODATA means it exists (NODATA is "the name exists
 * without that type", RFC 2308 §2.2). After NXDOMAIN, asks for CNAME, because a resolver answers an A
 * question for a dangling alias with the target's NXDOMAIN while the alias itself exists. A name that cannot
 * be queried (BADNAME) does not exist. TIMEOUT, SERVFAIL and REFUSED give `exists: null` and an `error`.
 */
export function domainExists(resolver: Resolver, domain: string): Promise<ExistenceResult> {
  const runner = new DnsStepRunner(resolver);
  return runner.runAsync(domainExistsSteps(runner, domain));
}

/** {@link domainExists} as steps: answers `runner` holds are taken at once, other questions are yielded. */
export function* domainExistsSteps(runner: DnsStepRunner, domain: string): DnsSteps<ExistenceResult> {
  const queries = [`A ${domain}`];
  const a = runner.held(domain, 'A') ?? (yield* runner.ask(domain, 'A'));
  if (a.ok || a.kind === 'NODATA') return { exists: true, queries };
  if (isTransientFailure(a.kind)) {
    return { exists: null, queries, error: { kind: a.kind, name: domain, message: a.message } };
  }
  if (a.kind === 'BADNAME') return { exists: false, queries };
  queries.push(`CNAME ${domain}`);
  const c = runner.held(domain, 'CNAME') ?? (yield* runner.ask(domain, 'CNAME'));
  // NODATA here would be an inconsistent server, but it still says the name exists (Appendix A.4).
  if (c.ok || c.kind === 'NODATA') return { exists: true, queries };
  // what is left of the absent kinds (isAbsent) is NXDOMAIN or BADNAME: the name does not exist
  if (isAbsent(c.kind)) return { exists: false, queries };
  return { exists: null, queries, error: { kind: c.kind, name: domain, message: c.message } };
}
