// The ISO 8601 formatter of signature times (src/dkim/time.ts) gives exactly Date's text, over the whole range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/dkim/time.js';

describe('isoTime', () => {
  it('matches Date.prototype.toISOString at known times', () => {
    for (const ms of [0, 951_782_400_123, 1_709_251_199_999, 4_102_444_800_000, 253_402_300_799_999]) {
      expect(isoTime(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoTime(951_782_400_123)).toBe('2000-02-29T00:00:00.123Z');
  });

  it('matches Date for any time, and is undefined where Date is invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e14 }), (ms) => {
        expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
    expect(isoTime(999_999_999_999 * 1000)).toBe(new Date(999_999_999_999_000).toISOString());
    expect(isoTime(9e15)).toBeUndefined();
    expect(isoTime(Number.NaN)).toBeUndefined();
    expect(isoTime(1.5)).toBe(new Date(1.5).toISOString());
  });
});
