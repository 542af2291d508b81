/**
 * The explanation of a fail (RFC 7208 §6.2): the `exp=` modifier's domain-spec is expanded, its single TXT
 * record fetched, and the text expanded as an explain-string. Any problem means "no explanation", never an
 * error of check_host().
 *
 * @module
 */

import type { DnsResult } from '../dns/resolver.js';
import { type SpfEvaluation, SpfStop } from './evaluation.js';
import {
  EXP_MACRO_LETTERS,
  expandDomainSpec,
  expandMacroString,
  isQueryableName,
  parseMacroString,
} from './macro.js';
import type { KnownModifier } from './record.js';

/**
 * The explanation string for a fail (RFC 7208 §6.2), or undefined when none applies; each outcome is traced
 * (`exp` events: `used` or `ignored` with the reason).
 *
 * @param from the record (its domain and its `exp=` modifier) whose mechanism decided the fail
 * @returns the expanded text (untrusted third-party text), or undefined
 */
export async function fetchExplanation(
  ev: SpfEvaluation,
  from: { domain: string; exp: KnownModifier },
): Promise<string | undefined> {
  const ignore = (detail: string) => {
    ev.trace.push({ type: 'exp', domain: from.domain, status: 'ignored', detail });
    return undefined;
  };
  // A time limit or DNS trouble while expanding `%{p}` or fetching the text drops the explanation only.
  const orIgnore = async <T>(run: () => Promise<T>): Promise<{ value: T } | { problem: string }> => {
    try {
      return { value: await run() };
    } catch (e) {
      if (e instanceof SpfStop) return { problem: e.problem };
      throw e;
    }
  };
  const expanded = await orIgnore(() => expandDomainSpec(from.exp.domainSpec, ev.macroValues(from.domain)));
  if ('problem' in expanded) return ignore(expanded.problem);
  const target = expanded.value;
  if (!isQueryableName(target)) return ignore(`"${target}" is not a valid domain name`);
  const fetched = await orIgnore((): Promise<DnsResult<'TXT'>> => ev.query(target, 'TXT'));
  if ('problem' in fetched) return ignore(fetched.problem);
  const answer = fetched.value;
  if (!answer.ok) return ignore(`DNS ${answer.kind} for TXT ${target}`);
  if (answer.records.length !== 1)
    return ignore(`${target} has ${answer.records.length} TXT records, not one`);
  const text = (answer.records[0] ?? []).join('');
  const parsed = parseMacroString(text, 0, EXP_MACRO_LETTERS, true);
  if (parsed.error) return ignore(`explanation text has a syntax error: ${parsed.error.message}`);
  const out = await orIgnore(() => expandMacroString(parsed.value, ev.macroValues(from.domain)));
  if ('problem' in out) return ignore(out.problem);
  ev.trace.push({ type: 'exp', domain: from.domain, status: 'used', detail: target });
  return out.value;
}
