/**
 * The lookup cost of each DNS-querying term of one SPF record (RFC 7208 §4.6.4), in record order, for
 * renderers that list a policy's costs term by term.
 *
 * @module
 */

import { DNS_MECHANISMS, parseSpfRecord } from './record.js';
import { expandStaticDomainSpec } from './static-macro.js';

/** One reached DNS-querying term of a record. */
export interface RecordTermCost {
  /** The term as written. */
  term: string;
  /** `include`, `a`, `mx`, `ptr`, `exists` or `redirect`. */
  name: string;
  /** Lookups the term itself costs: 1 (an include or redirect adds its record's cost, not counted here). */
  cost: 1;
  /**
   * True for an include or redirect whose target is known without a client (literal, or `%{d}`/`%{o}`
   * macros only, RFC 7208 §7.2): the analysis expands it into a child record, in record order.
   */
  follows: boolean;
}

/**
 * The reached DNS-querying terms of `record` (terms after `all` and a redirect that `all` makes
 * unreachable cost nothing and are left out), as the analysis costs them.
 * @param record the SPF record text
 * @param domain the domain whose record it is (for `%{d}`)
 * @param root the analyzed domain (for `%{o}`)
 */
export function recordTermCosts(record: string, domain: string, root: string): RecordTermCost[] {
  const terms = parseSpfRecord(record).record.terms;
  const allIndex = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
  const out: RecordTermCost[] = [];
  terms.forEach((t, i) => {
    if (allIndex >= 0 && i > allIndex) return;
    if (t.kind === 'mechanism' && DNS_MECHANISMS.has(t.name)) {
      const spec = 'domainSpec' in t ? t.domainSpec : undefined;
      const follows =
        t.name === 'include' &&
        spec !== undefined &&
        expandStaticDomainSpec(spec, { domain, senderDomain: root }) !== null;
      out.push({ term: t.text, name: t.name, cost: 1, follows });
    } else if (t.kind === 'modifier' && t.name === 'redirect' && allIndex < 0) {
      const follows = expandStaticDomainSpec(t.domainSpec, { domain, senderDomain: root }) !== null;
      out.push({ term: t.text, name: 'redirect', cost: 1, follows });
    }
  });
  return out;
}
