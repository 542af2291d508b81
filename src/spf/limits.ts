/**
 * The processing limits of check_host() (RFC 7208 §4.6.4): their defaults, and the validation of limits a
 * caller gives.
 *
 * @module
 */

/** Processing limits (RFC 7208 §4.6.4). Every one is configurable; the defaults are the RFC's. */
export interface SpfLimits {
  /**
   * DNS-querying terms (RFC 7208 §4.6.4): `include`, `a`, `mx`, `ptr` and `exists` mechanisms and the
   * `redirect` modifier evaluated in one check_host(); more is permerror. Default 10.
   */
  maxLookups: number;
  /** Void lookups (NXDOMAIN or NODATA answers to a term's query); more is permerror. Default 2. */
  maxVoidLookups: number;
  /** MX hosts per `mx` mechanism; more is permerror. Default 10. */
  maxMxHosts: number;
  /** PTR names considered per `ptr` mechanism or `%{p}` macro; the rest are ignored. Default 10. */
  maxPtrNames: number;
  /**
   * Elapsed-time limit for the whole evaluation, in milliseconds; exceeding it is temperror. Default 20 000
   * (the RFC's minimum). Values above 2^31-1 ms (about 24.8 days) are allowed: the timer is re-armed.
   */
  timeoutMs: number;
}

/** The RFC 7208 §4.6.4 limits. */
export const DEFAULT_SPF_LIMITS: Readonly<SpfLimits> = Object.freeze({
  maxLookups: 10,
  maxVoidLookups: 2,
  maxMxHosts: 10,
  maxPtrNames: 10,
  timeoutMs: 20_000,
});

export { MAX_TIMER_DELAY_MS } from '../dns/deadline.js';

/** The smallest value of each limit: 0 allows none of what the count limits count; a time limit must be positive. */
const MINIMUM: Record<keyof SpfLimits, number> = {
  maxLookups: 0,
  maxVoidLookups: 0,
  maxMxHosts: 0,
  maxPtrNames: 0,
  timeoutMs: 1,
};

/**
 * Merges caller limits over {@link DEFAULT_SPF_LIMITS} and validates them. A limit that is absent or
 * `undefined` takes its default; keys other than those of {@link SpfLimits} are ignored.
 *
 * @param limits the caller's limits (`CheckHostOptions.limits`)
 * @returns a complete, valid set of limits
 * @throws TypeError when `limits` is not an object, or a limit is not a number
 * @throws RangeError when a limit is not a safe integer (NaN, Infinity, a fraction), or is below its minimum:
 *   0 for `maxLookups`, `maxVoidLookups`, `maxMxHosts` and `maxPtrNames`, 1 for `timeoutMs`
 */
export function resolveSpfLimits(limits?: Partial<SpfLimits>): SpfLimits {
  if (limits === undefined || limits === null) return { ...DEFAULT_SPF_LIMITS };
  if (typeof limits !== 'object') {
    throw new TypeError(`checkHost: limits must be an object, got ${typeof limits}`);
  }
  const out: SpfLimits = { ...DEFAULT_SPF_LIMITS };
  for (const key of Object.keys(MINIMUM) as (keyof SpfLimits)[]) {
    const value: unknown = limits[key];
    if (value === undefined) continue;
    if (typeof value !== 'number') {
      throw new TypeError(`checkHost: limits.${key} must be a number, got ${typeof value}`);
    }
    const min = MINIMUM[key];
    if (!Number.isSafeInteger(value) || value < min) {
      throw new RangeError(
        `checkHost: limits.${key} must be an integer from ${min} to ${Number.MAX_SAFE_INTEGER}, got ${String(value)}`,
      );
    }
    out[key] = value;
  }
  return out;
}
