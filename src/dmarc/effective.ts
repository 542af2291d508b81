/**
 * The values a receiver applies from a DMARC Policy Record (RFC 9989 §4.7 and §4.10.1, or RFC 7489 §6.3 and
 * §6.6.3 step 6): defaults, `sp` falling back to `p`, `np` to `sp`, and the "act as p=none" rule; and the order
 * of the {@link AssessmentPolicy} values.
 *
 * @module
 */

import type {
  AlignmentMode,
  AssessmentPolicy,
  DmarcMode,
  DmarcParseResult,
  DmarcPublishedTags,
  DmarcUri,
  FailureOption,
} from './record.js';

/** The policy values, weakest first. */
export const POLICY_STRENGTH: Readonly<Record<AssessmentPolicy, number>> = {
  none: 0,
  quarantine: 1,
  reject: 2,
};

/** Policy strength comparison: true when `a` is weaker than `b`. */
export function weaker(a: AssessmentPolicy, b: AssessmentPolicy): boolean {
  return POLICY_STRENGTH[a] < POLICY_STRENGTH[b];
}

/** The values a receiver applies, after defaults and fallbacks, for one {@link DmarcMode}. */
export interface DmarcEffective {
  mode: DmarcMode;
  /** Policy for the domain itself. */
  p: AssessmentPolicy;
  /** Policy for existing subdomains: `sp`, else `p`. */
  sp: AssessmentPolicy;
  /** Policy for non-existent subdomains: `np`, else `sp`, else `p`. In RFC 7489 mode (no `np`) always `sp`. */
  np: AssessmentPolicy;
  /**
   * `published`: from the record's tags. `p-none-fallback`: the record has no valid `p` (or an invalid `sp`/`np`)
   * but a valid `rua`, so it acts as `p=none` (RFC 9989 §4.10.1, RFC 7489 §6.6.3 step 6).
   */
  policyBasis: 'published' | 'p-none-fallback';
  adkim: AlignmentMode;
  aspf: AlignmentMode;
  /** RFC 9989: `psd` (default `u`); RFC 7489 mode: always `u` (no such tag). */
  psd: 'y' | 'n' | 'u';
  /** RFC 9989: `t=y` (test mode); RFC 7489 mode: always false (no such tag). */
  testing: boolean;
  /** RFC 7489 mode: `pct` (default 100); RFC 9989 mode: always 100 (the tag is historic). */
  pct: number;
  fo: FailureOption[];
  /** Valid aggregate report URIs. */
  rua: DmarcUri[];
  /** Valid failure report URIs. */
  ruf: DmarcUri[];
}

/** The effective values of parsed tags (the parser's and {@link effectivePolicy}'s common step). */
export function effectivePolicyOf(
  published: DmarcPublishedTags,
  invalidTags: readonly string[],
  mode: DmarcMode,
): DmarcEffective | null {
  const policyTags = mode === '9989' ? ['p', 'sp', 'np'] : ['p', 'sp'];
  const policyValid = published.p !== undefined && !policyTags.some((t) => invalidTags.includes(t));
  const rua = published.rua ?? [];
  const ruf = published.ruf ?? [];
  let p: AssessmentPolicy;
  let sp: AssessmentPolicy;
  let np: AssessmentPolicy;
  let policyBasis: DmarcEffective['policyBasis'] = 'published';
  if (policyValid) {
    p = published.p!;
    sp = published.sp ?? p;
    np = mode === '9989' ? (published.np ?? sp) : sp;
  } else if (rua.length > 0) {
    p = sp = np = 'none';
    policyBasis = 'p-none-fallback';
  } else {
    return null;
  }
  return {
    mode,
    p,
    sp,
    np,
    policyBasis,
    adkim: published.adkim ?? 'r',
    aspf: published.aspf ?? 'r',
    psd: mode === '9989' ? (published.psd ?? 'u') : 'u',
    testing: mode === '9989' && published.t === 'y',
    pct: mode === '7489' ? (published.pct ?? 100) : 100,
    fo: published.fo ?? ['0'],
    rua,
    ruf,
  };
}

/**
 * The values a receiver applies under `mode` (RFC 9989 §4.7 and §4.10.1, or RFC 7489 §6.3 and §6.6.3 step 6,
 * where `np`, `psd` and `t` do not exist and `pct` does). Returns null when the record is not a DMARC
 * record or gets no DMARC processing (no valid policy and no valid `rua`).
 */
export function effectivePolicy(parsed: DmarcParseResult, mode: DmarcMode): DmarcEffective | null {
  if (!parsed.isDmarc) return null;
  return effectivePolicyOf(parsed.published, parsed.invalidTags, mode);
}
