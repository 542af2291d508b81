/**
 * Findings about one SPF record that need no DNS: syntax errors (RFC 7208 §4.6, §12), a final `+all` or
 * `?all` (§5.1), duplicate mechanisms, mechanisms after `all` (§5.1), and a root record with neither `all`
 * nor `redirect` (§4.7).
 *
 * @module
 */

import type { Evidence, Finding } from '../findings/finding.js';
import { SPF_FINDINGS as F } from './findings.js';
import { type Mechanism, printSpfTerm, type SpfParseError, type SpfTerm } from './record.js';

/** The evidence of a term: the record, the term and its position (UTF-16 code units of the record text). */
export function termEvidence(
  domain: string,
  record: string,
  t: { text: string; offset: number; length: number },
): Evidence {
  return { name: domain, record, term: t.text, position: { offset: t.offset, length: t.length } };
}

/** The space-separated term of `text` around `offset`. */
function termAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== ' ') start--;
  let end = offset;
  while (end < text.length && text[end] !== ' ') end++;
  return text.slice(start, end);
}

/** The finding of a syntax error: `spf.macro-in-ip` for a macro in ip4/ip6, else `spf.syntax-error`. */
export function syntaxFinding(domain: string, text: string, e: SpfParseError): Finding {
  const term = termAt(text, e.offset);
  const evidence: Evidence = {
    name: domain,
    record: text,
    term,
    position: { offset: e.offset, length: e.length },
  };
  if (/^[+\-~?]?ip[46]:/i.test(term) && term.includes('%')) {
    return F.macroInIp(
      `${term} in the SPF record of ${domain} contains a macro; ip4/ip6 take a literal network`,
      evidence,
    );
  }
  return F.syntaxError(
    `syntax error in the SPF record of ${domain} at position ${e.offset}: ${e.message}`,
    evidence,
  );
}

/**
 * The finding of the record's first `all` (§5.1): `spf.pass-all` or `spf.neutral-all` when it ends the policy
 * (`rootChain`), `spf.pass-all` for a `+all` in an included record; none otherwise.
 */
export function allFinding(
  domain: string,
  mech: Mechanism,
  rootChain: boolean,
  evidence: Evidence,
): Finding | undefined {
  if (rootChain) {
    if (mech.qualifier === '+') {
      return F.passAll(
        `the SPF policy of ${domain} ends with "${mech.text}": every host on the Internet passes`,
        evidence,
      );
    }
    if (mech.qualifier === '?') {
      return F.neutralAll(`the SPF policy of ${domain} ends with "?all": other hosts get neutral`, evidence);
    }
    return undefined;
  }
  if (mech.qualifier === '+') {
    return F.passAll(
      `the SPF record of ${domain} (included) has "${mech.text}": every host passes the include`,
      evidence,
    );
  }
  return undefined;
}

/**
 * The findings about a record's terms as a whole, in this order: each mechanism written more than once
 * (`spf.duplicate-term`, in the order of their second occurrence), the mechanisms after `all`
 * (`spf.terms-after-all`), and, for the root chain, a record with neither `all` nor `redirect` (`spf.no-all`).
 *
 * @param terms the parsed terms of the record
 * @param rootChain true for the root record and the redirect targets reached from it
 * @param syntaxError true when the record has a syntax error (no `spf.no-all` then)
 */
export function recordFindings(
  domain: string,
  record: string,
  terms: readonly SpfTerm[],
  rootChain: boolean,
  syntaxError: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const allIndex = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
  const seen = new Map<string, SpfTerm>();
  const duplicates = new Map<string, SpfTerm[]>();
  for (const term of terms) {
    if (term.kind !== 'mechanism') continue;
    const key = printSpfTerm(term).toLowerCase();
    const first = seen.get(key);
    if (!first) seen.set(key, term);
    else {
      const list = duplicates.get(key);
      if (list) list.push(term);
      else duplicates.set(key, [first, term]);
    }
  }
  for (const dup of duplicates.values()) {
    const first = dup[0]!;
    findings.push(
      F.duplicateTerm(`${first.text} appears ${dup.length} times in the SPF record of ${domain}`, {
        ...termEvidence(domain, record, dup[1]!),
        details: { count: dup.length, offsets: dup.map((t) => t.offset) },
      }),
    );
  }
  const afterAll =
    allIndex < 0
      ? []
      : terms
          .slice(allIndex + 1)
          .filter((t) => t.kind === 'mechanism')
          .map((t) => t.text);
  if (afterAll.length > 0) {
    const allTerm = terms[allIndex]!;
    const from = terms[allIndex + 1]?.offset ?? 0;
    findings.push(
      F.termsAfterAll(
        `${afterAll.join(' ')} come after "${allTerm.text}" in the SPF record of ${domain} and are never evaluated`,
        {
          name: domain,
          record,
          term: afterAll.join(' '),
          position: { offset: from, length: record.length - from },
        },
      ),
    );
  }
  const hasRedirect = terms.some((t) => t.kind === 'modifier' && t.name === 'redirect');
  if (rootChain && allIndex < 0 && !hasRedirect && !syntaxError) {
    findings.push(
      F.noAll(
        `the SPF record of ${domain} has neither "all" nor "redirect": hosts it does not list get neutral`,
        { name: domain, record },
      ),
    );
  }
  return findings;
}
