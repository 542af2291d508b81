/**
 * A seedable pseudo-random source for the RFC 7489 `pct` sampling, so that evaluations can be reproduced.
 *
 * @module
 */

/**
 * Returns a deterministic generator of numbers in [0, 1) (mulberry32, 32-bit state) for a given seed.
 * Not for cryptography; only to make `pct` sampling reproducible in tests and reports.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
