/**
 * `parseStsRecord` is linear in the length of the record (issue 10 §2: 80k spaces took 6 s, because
 * `/[ \t]+$/` retries every start of a run of blanks that is not at the end). See test/support/linear.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseStsRecord } from '../../src/mtasts/record.js';
import { expectLinear, measureGrowth } from '../support/linear.js';

describe('parseStsRecord (src/mtasts/record.ts)', { timeout: 120_000 }, () => {
  it('trims blanks around fields, and only after the version', () => {
    expect(parseStsRecord('v=STSv1 ;\t id=20240101 ; ')).toEqual({
      id: '20240101',
      extensions: [],
      errors: [],
    });
    expect(parseStsRecord(' v=STSv1; id=1').errors).toEqual([
      'the record must start with "v=STSv1" (found " v=STSv1")',
    ]);
    expect(parseStsRecord('v=STSv1; id=1;  ext=v  ').extensions).toEqual([{ name: 'ext', value: 'v' }]);
  });

  for (const [what, make] of [
    ['blanks inside a field', (n: number) => `v=STSv1; id=1; a${' '.repeat(n)}b`],
    ['blanks inside the version', (n: number) => `v=STSv1${' '.repeat(n)}x; id=1`],
    ['blanks then a tab inside a field', (n: number) => `v=STSv1; id=1;${' \t'.repeat(n)}x=y z`],
  ] as const) {
    it(`reads a record with ${what} in linear time`, async () => {
      expect(parseStsRecord(make(3)).errors).toHaveLength(1);
      const g = await measureGrowth(make, (text) => expect(parseStsRecord(text).errors).toHaveLength(1), {
        base: 8_000,
      });
      expectLinear(g, `MTA-STS record with ${what}`);
    });
  }
});
