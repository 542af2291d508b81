import { describe, expect, it } from 'vitest';
import { runSuite } from './suite.js';
import { suiteResolver } from './suite-resolver.js';

const SUITE = '/work/shared/conformance/spf/rfc7208-tests.yml';

/**
 * Explanations compared ASCII case-insensitively, with the reason. Everything else is compared exactly.
 */
export const EXPLANATION_CASE_INSENSITIVE: Record<string, string> = {
  'v-macro-ip6':
    'The suite expects upper-case nibbles from %{ir} (pyspf builds them with .upper()); RFC 7208 §7.4 shows ' +
    'the IPv6 dot-format in lower case ("1.0.b.c.0.0..."), which is what we produce. DNS names are case-insensitive.',
};

describe('OpenSPF RFC 7208 test suite (zonedata resolver)', async () => {
  const outcomes = await runSuite(SUITE, (z) => suiteResolver(z), {
    explanationCaseInsensitive: EXPLANATION_CASE_INSENSITIVE,
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
