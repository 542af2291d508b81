import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RFC4408_SUITE, runSuite, SUITE_EXPLANATION_CASE_INSENSITIVE } from './suite.js';
import { suiteResolver } from './suite-resolver.js';

const SUITE = RFC4408_SUITE;
const DISAGREEMENTS = JSON.parse(
  readFileSync(new URL('./fixtures/rfc4408-disagreements.json', import.meta.url), 'utf8'),
) as Record<string, { ours: string; rfc4408Preferred: string; reason: string; rfc7208: string } | string>;

describe('OpenSPF RFC 4408 test suite (we follow RFC 7208 where they differ)', async () => {
  const outcomes = await runSuite(SUITE, (z) => suiteResolver(z), {
    explanationCaseInsensitive: SUITE_EXPLANATION_CASE_INSENSITIVE,
  });
  const listed = Object.keys(DISAGREEMENTS).filter((k) => !k.startsWith('_'));

  it('has the 191 cases of the stored suite', () => {
    expect(outcomes).toHaveLength(191);
  });

  it('gives an acceptable result (and explanation) for every case', () => {
    expect(outcomes.filter((o) => !o.ok).map((o) => `${o.id}: ${o.actual}`)).toEqual([]);
  });

  it('departs from the RFC 4408 preferred result exactly where the fixture says, with the result it says', () => {
    const departures = outcomes.filter((o) => !o.preferred);
    expect(departures.map((o) => o.id).sort()).toEqual([...listed].sort());
    for (const o of departures) {
      const d = DISAGREEMENTS[o.id];
      expect(typeof d === 'object' && d.ours).toBe(o.actual);
      expect(typeof d === 'object' && d.rfc4408Preferred).toBe(o.expected[0]);
    }
  });
});
