/**
 * check_host() for one domain (RFC 7208 §4.4-§4.7): fetch and select the SPF record, parse it, evaluate its
 * mechanisms in order, and follow `include` (§5.2) and `redirect` (§6.1) into other records.
 *
 * @module
 */

import { isTransientFailure } from '../dns/resolver.js';
import type { RecordStatus } from '../findings/record-status.js';
import { type SpfEvaluation, SpfStop, type Steps } from './evaluation.js';
import { isQueryableName, type MacroString } from './macro.js';
import { matchMechanism } from './mechanisms.js';
import {
  type KnownModifier,
  type Qualifier,
  type SpfRecord,
  type SpfSelection,
  selectSpfRecords,
  type TargetMechanism,
} from './record.js';
import { parseSpfRecordCached } from './record-cache.js';
import type { SpfDecision, SpfHop, SpfTermAt } from './result.js';

/** What check_host() of one domain gave, when it did not stop with permerror or temperror. */
export interface Outcome {
  result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none';
  decision?: SpfDecision;
  /** The record whose exp= applies when the outcome is fail (§6.2). */
  expFrom?: { domain: string; exp: KnownModifier };
}

/** The deepest include/redirect nesting followed; the lookup limit stops honest policies long before. */
const MAX_DEPTH = 64;

const QUALIFIER_RESULT: Record<Qualifier, 'pass' | 'fail' | 'softfail' | 'neutral'> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};

/**
 * check_host() for one domain (RFC 7208 §4): the record at `domain`, evaluated.
 *
 * @param depth include/redirect hops from the checked domain
 * @param path the hops that led here
 * @param via how this record was reached
 * @returns `none` when the domain has no SPF record (§4.5), else the result of its record
 * @throws SpfStop permerror (several records, a syntax error, a limit) or temperror (DNS, time limit)
 */
export function* checkDomain(
  ev: SpfEvaluation,
  domain: string,
  depth: number,
  path: SpfHop[],
  via: 'check' | 'include' | 'redirect',
): Steps<Outcome> {
  if (depth > MAX_DEPTH) {
    throw new SpfStop('permerror', `include/redirect nesting deeper than ${MAX_DEPTH} levels`);
  }
  const record = (status: RecordStatus, more: { record?: string; detail?: string | undefined } = {}) => {
    if (ev.tracing) ev.trace.push({ type: 'record', domain, depth, via, status, ...more });
  };
  const txt = ev.held(domain, 'TXT') ?? (yield* ev.ask(domain, 'TXT'));
  if (!txt.ok) {
    if (isTransientFailure(txt)) {
      record('dns-error', { detail: txt.kind });
      throw new SpfStop(
        'temperror',
        `DNS ${txt.kind} looking up the TXT records of ${domain} (RFC 7208 §4.4)`,
      );
    }
    record('none', { detail: txt.kind });
    return { result: 'none' };
  }
  const sel = spfRecordsOf(txt.records);
  if (sel.status === 'none') {
    record('none', { detail: 'no v=spf1 TXT record' });
    return { result: 'none' };
  }
  if (sel.status === 'multiple') {
    record('multiple', { detail: `${sel.records.length} records` });
    throw new SpfStop('permerror', `${domain} publishes ${sel.records.length} SPF records (RFC 7208 §4.5)`);
  }
  const text = sel.record?.text ?? '';
  const parsed = parseSpfRecordCached(text);
  if (!parsed.ok) {
    const e = parsed.errors[0];
    record('invalid', { record: text, detail: e?.message });
    // The term holding the error (the whole record for a bad version).
    const t = e
      ? parsed.record.terms.find((x) => e.offset >= x.offset && e.offset <= x.offset + x.length)
      : undefined;
    const at = t
      ? { domain, term: t.text, offset: t.offset, length: t.length, depth }
      : e
        ? {
            domain,
            term: text.slice(e.offset, e.offset + e.length),
            offset: e.offset,
            length: e.length,
            depth,
          }
        : undefined;
    throw new SpfStop(
      'permerror',
      `syntax error in the SPF record of ${domain} at position ${e?.offset}: ${e?.message} (RFC 7208 §4.6)`,
      at,
    );
  }
  if (ev.tracing) ev.trace.push({ type: 'record', domain, depth, via, status: 'found', record: text });
  return yield* evaluateRecord(ev, parsed.record, domain, depth, path);
}

/**
 * The SPF records among a TXT answer ({@link selectSpfRecords}), selected once per answer (a cached answer is the
 * same array from one evaluation to the next).
 */
function spfRecordsOf(txt: readonly (readonly string[])[]): SpfSelection {
  let sel = SELECTIONS.get(txt);
  if (!sel) {
    sel = selectSpfRecords(txt);
    SELECTIONS.set(txt, sel);
  }
  return sel;
}
const SELECTIONS = new WeakMap<readonly (readonly string[])[], SpfSelection>();

/** Evaluates a parsed record (RFC 7208 §4.6): the first matching mechanism decides, else redirect, else neutral. */
function* evaluateRecord(
  ev: SpfEvaluation,
  record: SpfRecord,
  domain: string,
  depth: number,
  path: SpfHop[],
): Steps<Outcome> {
  for (const mech of record.mechanisms) {
    const at: SpfTermAt = { domain, term: mech.text, offset: mech.offset, length: mech.length, depth };
    let matched: { inner?: SpfDecision; hop?: SpfHop } | null;
    try {
      if (mech.name === 'include') matched = yield* includeMatch(ev, mech, domain, depth, path, at);
      else {
        // all, ip4 and ip6 decide at once; the others are steps that may ask DNS
        const m = matchMechanism(ev, mech, domain, at);
        matched = (typeof m === 'boolean' ? m : yield* m) ? MATCH : null;
      }
    } catch (e) {
      // a permerror/temperror is traced at the term, then ends the evaluation
      if (e instanceof SpfStop) ev.pushTerm(at, e.code, e.problem);
      throw e;
    }
    ev.pushTerm(at, matched ? 'match' : 'no-match');
    if (!matched) continue;
    const decision: SpfDecision = matched.inner
      ? { ...matched.inner, qualifier: mech.qualifier }
      : {
          kind: 'mechanism',
          domain,
          record: record.text,
          term: mech.text,
          offset: mech.offset,
          length: mech.length,
          mechanism: mech.name,
          qualifier: mech.qualifier,
          depth,
          path,
        };
    const out: Outcome = { result: QUALIFIER_RESULT[mech.qualifier], decision };
    if (record.exp) out.expFrom = { domain, exp: record.exp };
    return out;
  }
  const redirect = record.redirect;
  if (redirect) {
    const at: SpfTermAt = {
      domain,
      term: redirect.text,
      offset: redirect.offset,
      length: redirect.length,
      depth,
    };
    return yield* ev.traced(at, followRedirect(ev, redirect, domain, depth, path, at));
  }
  return {
    result: 'neutral',
    decision: { kind: 'default', domain, record: record.text, qualifier: '?', depth, path },
  };
}

/** The `redirect` modifier (§6.1): the target's outcome, traced at the modifier. */
function* followRedirect(
  ev: SpfEvaluation,
  redirect: KnownModifier,
  domain: string,
  depth: number,
  path: SpfHop[],
  at: SpfTermAt,
): Steps<Outcome> {
  const { inner, hop } = yield* followHop(ev, 'redirect', redirect, domain, depth, path, at);
  ev.pushTerm(at, 'match', `redirect to ${hop.target}: ${inner.result}`);
  return inner;
}

/** A match of a mechanism other than `include`. */
const MATCH: { inner?: SpfDecision; hop?: SpfHop } = Object.freeze({});

/** `include` (§5.2): null for no match; for a match, the inner decision and the hop. */
function* includeMatch(
  ev: SpfEvaluation,
  mech: TargetMechanism,
  domain: string,
  depth: number,
  path: SpfHop[],
  at: SpfTermAt,
): Steps<{ inner?: SpfDecision; hop?: SpfHop } | null> {
  const { inner, hop } = yield* followHop(ev, 'include', mech, domain, depth, path, at);
  // §5.2: only a pass of the included record is a match; fail, softfail and neutral are not.
  if (inner.result !== 'pass') return null;
  return inner.decision ? { inner: inner.decision, hop } : { hop };
}

/** The RFC section of each hop, for error messages. */
const HOP_SECTION = { include: '§5.2', redirect: '§6.1' } as const;

/**
 * Follows an `include` mechanism (§5.2) or a `redirect` modifier (§6.1): counts it as a DNS-querying term,
 * expands its domain-spec and runs check_host() on the target.
 *
 * @returns the target's outcome (never `none`) and the hop taken
 * @throws SpfStop permerror when the target is not a valid name or has no SPF record, and what the target's
 *   own evaluation throws
 */
function* followHop(
  ev: SpfEvaluation,
  via: 'include' | 'redirect',
  term: { text: string; offset: number; length: number; domainSpec: MacroString },
  domain: string,
  depth: number,
  path: SpfHop[],
  at: SpfTermAt,
): Steps<{ inner: Outcome; hop: SpfHop }> {
  ev.countLookup(at);
  const target =
    ev.literalTarget(term.domainSpec, domain) ?? (yield* ev.expandTarget(term.domainSpec, domain));
  const section = HOP_SECTION[via];
  if (!isQueryableName(target)) {
    throw new SpfStop(
      'permerror',
      `${via} target "${target}" is not a valid domain name (RFC 7208 ${section})`,
      at,
    );
  }
  const hop: SpfHop = { via, domain, term: term.text, offset: term.offset, length: term.length, target };
  const inner = yield* checkDomain(ev, target, depth + 1, [...path, hop], via);
  if (inner.result === 'none') {
    throw new SpfStop('permerror', `${via} target ${target} has no SPF record (RFC 7208 ${section})`, at);
  }
  return { inner, hop };
}
