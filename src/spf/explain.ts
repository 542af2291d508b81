/**
 * Turns a check_host() result and its trace into a few plain sentences.
 *
 * @module
 */

import type { SpfDecision, SpfResult } from './check-host.js';

const MEANING: Record<SpfResult['result'], string> = {
  pass: 'the client is authorized',
  fail: 'the client is not authorized',
  softfail: 'the client is probably not authorized',
  neutral: 'the domain makes no assertion about the client',
  none: 'the domain publishes no SPF policy',
  permerror: 'the policy could not be interpreted',
  temperror: 'a transient DNS error prevented a verdict',
};

function reach(d: SpfDecision): string {
  if (d.path.length === 0) return '';
  const includes = d.path.filter((h) => h.via === 'include').length;
  const hops = d.path.map((h) => `${h.term} in ${h.domain}`).join(', then ');
  if (includes === d.path.length) {
    return `, reached through include at depth ${d.depth} (${hops})`;
  }
  return `, reached through ${hops} (depth ${d.depth})`;
}

/**
 * Explains an SPF result in a few sentences, e.g.
 * `SPF pass for example.com: the client is authorized. 203.0.113.5 matched ip4:203.0.113.0/24 in the record of
 * _spf.esp.example, reached through include at depth 2 (...); the result comes from "include:_spf.esp.example".
 * 4 of 10 lookups used.`
 *
 * The text includes record content from DNS (terms, explanation) as is: renderers must escape it.
 */
export function explainSpf(result: SpfResult): string {
  const s: string[] = [`SPF ${result.result} for ${result.domain}: ${MEANING[result.result]}.`];
  const d = result.decidedBy;
  if (d?.kind === 'mechanism') {
    let sentence = `${result.ip} matched ${d.term} in the record of ${d.domain}${reach(d)}`;
    const first = d.path[0];
    if (first && first.via === 'include') {
      sentence += `; the result comes from the qualifier of "${first.term}"`;
    }
    s.push(`${sentence}.`);
  } else if (d?.kind === 'default') {
    s.push(
      `${result.ip} matched no mechanism in the record of ${d.domain}${reach(d)}, which has no redirect, so the default result is neutral (RFC 7208 §4.7).`,
    );
  }
  if (result.problem) {
    const at = result.problemAt;
    s.push(
      at
        ? `${result.problem} (term "${at.term}" at position ${at.offset} of the record of ${at.domain}${at.depth ? `, depth ${at.depth}` : ''}).`
        : `${result.problem}.`,
    );
  }
  if (result.explanation !== undefined) s.push(`The domain's explanation: "${result.explanation}".`);
  const used = `${result.lookups} of ${result.limits.maxLookups} lookups used`;
  const voids = result.voidLookups
    ? `, ${result.voidLookups} of ${result.limits.maxVoidLookups} void lookups`
    : '';
  s.push(`${used}${voids}.`);
  return s.join(' ');
}
