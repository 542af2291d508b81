/**
 * The SPF domain-spec check is linear in the length of the domain-spec (issue 10 §2): `include:a.` + 60,000 × `b`
 * + `.ch` took 2.8 s to parse (and up to 27 s through `audit`) with the old toplabel regular expression, whose
 * two `[a-z0-9]*` around `[a-z]` backtracked quadratically on a long label. See test/support/linear.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDomainSpec } from '../../src/spf/macro.js';
import { parseSpfRecord } from '../../src/spf/record.js';
import { expectLinear, measureGrowth } from '../support/linear.js';

/** The regular expression the toplabel check replaced (RFC 7208 §7.1 `"." toplabel ["."]` at the end). */
const OLD_TOPLABEL_END = /\.([a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])\.?$/i;

describe('domain-spec toplabel (src/spf/macro.ts)', { timeout: 120_000 }, () => {
  it('accepts and rejects exactly what the RFC 7208 §7.1 grammar (the old expression) does', () => {
    const spec = fc.string({
      unit: fc.constantFrom('a', 'Z', 'q', '0', '7', '-', '.', '_', '+'),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(spec, (text) => {
        expect(parseDomainSpec(text, 0).error === undefined, text).toBe(OLD_TOPLABEL_END.test(text));
      }),
      { numRuns: 5000, seed: 7208 },
    );
    for (const [text, ok] of [
      ['example.com', true],
      ['example.com.', true],
      ['a.1-2', true],
      ['a.123', false],
      ['a.-ab', false],
      ['a.ab-', false],
      ['a.com..', false],
      ['com', false],
    ] as const)
      expect(parseDomainSpec(text, 0).error === undefined, text).toBe(ok);
  });

  for (const [what, make, valid] of [
    ['a long last label', (n: number) => `v=spf1 include:a.${'b'.repeat(n)}.ch -all`, true],
    ['a long label before a bad toplabel', (n: number) => `v=spf1 include:a.${'b'.repeat(n)}- -all`, false],
    ['a long all-numeric label', (n: number) => `v=spf1 exists:a.${'1'.repeat(n)} -all`, false],
  ] as const) {
    it(`parses a record with ${what} in linear time`, async () => {
      expect(parseSpfRecord(make(10)).ok).toBe(valid);
      const g = await measureGrowth(make, (text) => expect(parseSpfRecord(text).ok).toBe(valid), {
        base: 6_000,
      });
      expectLinear(g, `SPF record with ${what}`);
    });
  }
});
