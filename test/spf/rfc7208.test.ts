import { describe, expect, it } from 'vitest';
import { RFC7208_SUITE, runSuite, SUITE_EXPLANATION_CASE_INSENSITIVE } from './suite.js';
import { suiteResolver } from './suite-resolver.js';

const SUITE = RFC7208_SUITE;

describe('OpenSPF RFC 7208 test suite (zonedata resolver)', async () => {
  const outcomes = await runSuite(SUITE, (z) => suiteResolver(z), {
    explanationCaseInsensitive: SUITE_EXPLANATION_CASE_INSENSITIVE,
  });

  it('has the 203 cases of the stored suite', () => {
    expect(outcomes).toHaveLength(203);
  });

  it.each(outcomes.map((o) => [o.id, o] as const))('%s', (_id, o) => {
    expect(
      { result: o.actual, explanation: o.explanationActual },
      `${o.scenario} (spec ${o.spec}); problem: ${o.problem ?? '-'}`,
    ).toSatisfy(() => o.ok);
  });
});
