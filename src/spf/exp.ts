/**
 * The explanation of a fail (RFC 7208 §6.2): the `exp=` modifier's domain-spec is expanded, its single TXT
 * record fetched, and the text expanded as an explain-string. Any problem means "no explanation", never an
 * error of check_host().
 *
 * @module
 */

import { type SpfEvaluation, SpfStop, type Steps } from './evaluation.js';
import { EXP_MACRO_LETTERS, isQueryableName, parseMacroString, targetName } from './macro.js';
import type { KnownModifier } from './record.js';

/** A problem (a time limit, DNS trouble) while `run` works, as a value: it drops the explanation only. */
function* orIgnore<T>(run: Steps<T>): Steps<{ value: T } | { problem: string }> {
  try {
    return { value: yield* run };
  } catch (e) {
    if (e instanceof SpfStop) return { problem: e.problem };
    throw e;
  }
}

/**
 * The explanation string for a fail (RFC 7208 §6.2), or undefined when none applies; each outcome is traced
 * (`exp` events: `used` or `ignored` with the reason).
 *
 * @param from the record (its domain and its `exp=` modifier) whose mechanism decided the fail
 * @returns the expanded text (untrusted third-party text), or undefined
 */
export function* fetchExplanation(
  ev: SpfEvaluation,
  from: { domain: string; exp: KnownModifier },
): Steps<string | undefined> {
  const ignore = (detail: string) => {
    if (ev.tracing) ev.trace.push({ type: 'exp', domain: from.domain, status: 'ignored', detail });
    return undefined;
  };
  // A time limit or DNS trouble while expanding `%{p}` or fetching the text drops the explanation only.
  const expanded = yield* orIgnore(ev.expand(from.exp.domainSpec, from.domain));
  if ('problem' in expanded) return ignore(expanded.problem);
  const target = targetName(expanded.value);
  if (!isQueryableName(target)) return ignore(`"${target}" is not a valid domain name`);
  const fetched = yield* orIgnore(ev.query(target, 'TXT'));
  if ('problem' in fetched) return ignore(fetched.problem);
  const answer = fetched.value;
  if (!answer.ok) return ignore(`DNS ${answer.kind} for TXT ${target}`);
  if (answer.records.length !== 1)
    return ignore(`${target} has ${answer.records.length} TXT records, not one`);
  const text = (answer.records[0] ?? []).join('');
  const parsed = parseMacroString(text, 0, EXP_MACRO_LETTERS, true);
  if (parsed.error) return ignore(`explanation text has a syntax error: ${parsed.error.message}`);
  const out = yield* orIgnore(ev.expand(parsed.value, from.domain));
  if ('problem' in out) return ignore(out.problem);
  if (ev.tracing) ev.trace.push({ type: 'exp', domain: from.domain, status: 'used', detail: target });
  return out.value;
}
