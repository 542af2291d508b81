/**
 * Sender attribution by SPF: which term of a domain's SPF record authorizes a source address. It runs
 * mailgate's own check_host() (RFC 7208 §4) with the address and the domain, and reads the decision: a pass
 * through `include:_spf.google.com` attributes the address to that include; a pass by `ip4:192.0.2.0/24` or
 * `mx` to that term of the domain's own record. Names come from the record, never from reverse DNS.
 *
 * Results are cached per (domain, address) for the life of an {@link SpfAttributor} (a store keeps them too,
 * with the time they were computed: the record that authorized an address last year may have changed).
 *
 * @module
 */

import type { Resolver } from '../dns/resolver.js';
import { checkHost, type SpfResultCode } from '../spf/index.js';
import { providerName } from './providers.js';

/** How check_host() judged a source address for a domain, and which term decided. */
export interface SpfAttribution {
  /** The check_host() result (RFC 7208 §2.6). */
  result: SpfResultCode;
  /**
   * The term of the domain's own record that decided, as written (`include:_spf.google.com`, `ip4:192.0.2.0/24`,
   * `mx`, `-all`); for a pass through includes, the top-level include. Absent for none/temperror/permerror.
   */
  term?: string;
  /** The domain whose record holds `term` (the checked domain, or a `redirect=` target). */
  termDomain?: string;
  /** For a pass through `include`: the top-level include's target (`_spf.google.com`). */
  include?: string;
  /** For a pass: the innermost record and term that matched (e.g. `ip4:209.85.128.0/17` in `_netblocks.google.com`). */
  matched?: { domain: string; term: string };
  /** A provider name for `include` (see `providerName`), when known. */
  provider?: string;
  /** Why the result is none, temperror or permerror. */
  problem?: string;
}

/** Runs and caches {@link attributeSource} per (domain, address). */
export class SpfAttributor {
  readonly #resolver: Resolver;
  readonly #cache = new Map<string, Promise<SpfAttribution>>();
  /** check_host() runs so far (cache misses). */
  evaluations = 0;

  constructor(resolver: Resolver) {
    this.#resolver = resolver;
  }

  /** The attribution of `ip` for `domain` (cached). */
  attribute(domain: string, ip: string): Promise<SpfAttribution> {
    const key = `${domain}\u0000${ip}`;
    let p = this.#cache.get(key);
    if (!p) {
      this.evaluations++;
      p = attributeSource(domain, ip, this.#resolver);
      this.#cache.set(key, p);
    }
    return p;
  }
}

/**
 * Attributes `ip` for `domain` by check_host() (sender `postmaster@<domain>`).
 * Never throws for DNS reasons: DNS trouble is a `temperror` with its `problem`.
 */
export async function attributeSource(
  domain: string,
  ip: string,
  resolver: Resolver,
): Promise<SpfAttribution> {
  const r = await checkHost({ ip, domain, sender: `postmaster@${domain}` }, { resolver });
  const out: SpfAttribution = { result: r.result };
  if (r.problem) out.problem = r.problem;
  const d = r.decidedBy;
  if (!d) return out;
  // The first hop out of the checked domain's record (through redirects, the record that holds the term).
  const hops = d.path;
  let i = 0;
  let termDomain = r.domain;
  while (i < hops.length && hops[i]?.via === 'redirect') {
    termDomain = hops[i]?.target ?? termDomain;
    i++;
  }
  const first = hops[i];
  if (first && first.via === 'include') {
    out.term = first.term;
    out.termDomain = first.domain;
    out.include = first.target;
    const name = providerName(first.target);
    if (name) out.provider = name;
  } else if (d.term !== undefined) {
    out.term = d.term;
    out.termDomain = termDomain;
  } else {
    out.term = '(no match: default neutral)';
    out.termDomain = termDomain;
  }
  if (r.result === 'pass' && d.term !== undefined) out.matched = { domain: d.domain, term: d.term };
  return out;
}
