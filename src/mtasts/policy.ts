/**
 * MTA-STS policy files (RFC 8461 §3.2): parsing with one diagnostic per problem, and MX matching.
 *
 * The verdict (valid or not) follows mailauth's `parsePolicy` (`mailauth/lib/mta-sts.js`): strict mode gives the
 * RFC syntax; when only the lenient mode accepts the file, the policy is usable by lenient senders but is
 * flagged. MX matching (§4.1, a wildcard matches exactly one left-most label) is mailauth's `validateMx`.
 *
 * @module
 */

import { parsePolicy as mailauthParsePolicy, validateMx } from 'mailauth/lib/mta-sts.js';

/** The `max_age` upper bound, in seconds (RFC 8461 §3.2: "up to 31557600"). */
export const MAX_AGE_LIMIT = 31_557_600;

/** A policy mode (RFC 8461 §5). */
export type StsMode = 'enforce' | 'testing' | 'none';

/** A parsed policy. */
export interface StsPolicy {
  version: string | null;
  mode: StsMode | null;
  /** Seconds; null when missing or not a number. */
  maxAge: number | null;
  /** The `mx` patterns, lower-case, in order, without duplicates. */
  mx: string[];
  /** Problems that make the policy invalid for every sender. */
  errors: string[];
  /** Deviations from the RFC syntax that lenient senders accept (field-name case, mode case, stray spaces). */
  syntaxWarnings: string[];
}

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const MAX_AGE = /^[0-9]{1,10}$/;
const MX_PATTERN = /^(?:\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/i;

/**
 * Parses an MTA-STS policy file (RFC 8461 §3.2): `key: value` lines separated by CRLF or LF; `mx` repeats,
 * other keys count once (the first). Never throws.
 *
 * Errors (policy unusable): version not `STSv1`, mode not `enforce|testing|none`, `max_age` missing or not
 * 0..{@link MAX_AGE_LIMIT}, no `mx` in mode enforce/testing. Syntax warnings (lenient senders, and mailauth's
 * lenient mode, accept them): field-name or mode case, a malformed `mx` pattern, a repeated field, a line
 * without ":".
 */
export function parseStsPolicy(text: string): StsPolicy {
  const policy: StsPolicy = {
    version: null,
    mode: null,
    maxAge: null,
    mx: [],
    errors: [],
    syntaxWarnings: [],
  };
  const seen = new Set<string>();
  let modeRaw: string | null = null;
  let maxAgeRaw: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      if (line.trim() !== '')
        policy.syntaxWarnings.push(`line "${line.trim()}" is not "key: value" (ignored)`);
      continue;
    }
    const rawKey = line.slice(0, colon);
    const key = rawKey.trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (['version', 'mode', 'max_age', 'mx'].includes(key) && rawKey !== key)
      policy.syntaxWarnings.push(`field name "${rawKey}" should be "${key}"`);
    else if (!EXT_NAME.test(rawKey))
      policy.syntaxWarnings.push(`field name "${rawKey}" is not valid (ignored)`);
    if (key === 'mx') {
      const mx = value.toLowerCase().replace(/\.$/, '');
      if (!MX_PATTERN.test(value))
        policy.syntaxWarnings.push(`mx pattern "${value}" is not a host name or "*." plus a domain`);
      if (!policy.mx.includes(mx)) policy.mx.push(mx);
      continue;
    }
    if (seen.has(key)) {
      policy.syntaxWarnings.push(`field "${key}" appears more than once (the first one counts)`);
      continue;
    }
    seen.add(key);
    if (key === 'version') policy.version = value;
    else if (key === 'mode') modeRaw = value;
    else if (key === 'max_age') maxAgeRaw = value;
  }
  if (policy.version !== 'STSv1')
    policy.errors.push(
      policy.version === null
        ? 'the policy has no version field'
        : `version "${policy.version}" is not STSv1`,
    );
  if (modeRaw === null) policy.errors.push('the policy has no mode field');
  else {
    const m = modeRaw.toLowerCase();
    if (m === 'enforce' || m === 'testing' || m === 'none') {
      policy.mode = m;
      if (m !== modeRaw) policy.syntaxWarnings.push(`mode "${modeRaw}" should be "${m}"`);
    } else policy.errors.push(`mode "${modeRaw}" is not enforce, testing or none`);
  }
  if (maxAgeRaw === null) policy.errors.push('the policy has no max_age field');
  else if (MAX_AGE.test(maxAgeRaw)) {
    policy.maxAge = Number(maxAgeRaw);
    if (policy.maxAge > MAX_AGE_LIMIT)
      policy.errors.push(`max_age ${maxAgeRaw} is over ${MAX_AGE_LIMIT} seconds (one year)`);
  } else policy.errors.push(`max_age "${maxAgeRaw}" is not a number of seconds (1 to 10 digits)`);
  if ((policy.mode === 'enforce' || policy.mode === 'testing') && policy.mx.length === 0)
    policy.errors.push(`mode ${policy.mode} needs at least one mx field`);
  return policy;
}

/**
 * Whether mailauth's parser accepts the file, strictly (RFC syntax) and leniently. Used to cross-check
 * {@link parseStsPolicy}; exposed for tests.
 */
export function mailauthVerdict(text: string): { strict: boolean; lax: boolean } {
  const ok = (strict: boolean) => {
    try {
      mailauthParsePolicy(text, { strict });
      return true;
    } catch {
      return false;
    }
  };
  return { strict: ok(true), lax: ok(false) };
}

/**
 * True when `host` matches one of the policy's `mx` patterns (RFC 8461 §4.1): exactly, or `*.suffix` matching
 * one whole left-most label. Uses mailauth's `validateMx`; the mode is taken as `enforce` for the test.
 */
export function mxCovered(host: string, patterns: readonly string[]): { covered: boolean; pattern?: string } {
  const result = validateMx(host, { mode: 'enforce', mx: [...patterns] });
  if (!result.valid) return { covered: false };
  const pattern = patterns.find((p) => p === result.match || p === `*${result.match}`);
  return pattern ? { covered: true, pattern } : { covered: true };
}
