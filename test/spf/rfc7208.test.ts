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

describe('trace: false (what verifyMessage asks) changes nothing but the trace', () => {
  it('gives the same result, problem, decision, counts and explanation on every case of the suite', async () => {
    const { loadSuite } = await import('./suite.js');
    const { verifySpfIdentity } = await import('../../src/spf/check-host.js');
    let compared = 0;
    for (const scenario of loadSuite(SUITE)) {
      const resolver = suiteResolver(scenario.zonedata);
      for (const c of scenario.cases) {
        const params = { ip: c.host, mailFrom: c.mailfrom, helo: c.helo };
        const full = await verifySpfIdentity(params, { resolver });
        const lean = await verifySpfIdentity(params, { resolver, trace: false });
        expect(lean.trace).toEqual([]);
        expect({ ...lean, trace: full.trace }, c.id).toEqual(full);
        if (full.trace.length > 0) compared++;
      }
    }
    expect(compared).toBeGreaterThan(150);
  });
});
