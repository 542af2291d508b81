/**
 * Differential test against mailauth's dmarc() (RFC 9989 Tree Walk) on generated DNS worlds and messages
 * (fast-check, fixed seed). Every disagreement must belong to a category listed in
 * fixtures/disagreements.json (with the RFC section that decides it); an unlisted one fails the test.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DmarcEvaluation } from '../../src/dmarc/evaluate.js';
import { zones } from '../support/resolvers.js';
import { caseArb, type GenCase, nodeStyleResolver, runBoth, type Summary } from './differential.js';

const SEED = 20260601;
const RUNS = 400;

interface Category {
  id: string;
  when: string;
  ours: string;
  mailauth: string;
  rfc: string;
  decision: string;
}

const catalog = JSON.parse(
  readFileSync(new URL('./fixtures/disagreements.json', import.meta.url), 'utf8'),
) as {
  categories: Category[];
};

/** How to recognise each listed category on a case (keyed by the JSON ids). */
const MATCHERS: Record<string, (c: GenCase, ours: DmarcEvaluation) => boolean> = {
  'multiple-author-domains': (_c, ours) => ours.author.status === 'multiple-domains',
  'duplicate-tag': (c, ours) =>
    c.records.some((r) => r.dupTag !== null && ours.queries.includes(`TXT _dmarc.${r.site}`)),
};

describe('differential: evaluateDmarc vs mailauth dmarc()', () => {
  it('every category has an RFC section and a matcher, and every matcher is listed', () => {
    expect(catalog.categories.map((c) => c.id).sort()).toEqual(Object.keys(MATCHERS).sort());
    for (const c of catalog.categories) {
      expect(c.rfc).toMatch(/RFC \d{4} §/);
      expect(c.decision.length).toBeGreaterThan(40);
    }
  });

  it('the resolver adapter throws node error codes', async () => {
    const r = nodeStyleResolver(
      zones({ 'example.com': 'a IN A 192.0.2.1\n_dmarc IN TXT "v=DMARC1;" "p=none"\n' }),
    );
    expect(await r('_dmarc.example.com', 'TXT')).toEqual([['v=DMARC1;', 'p=none']]);
    await expect(r('nope.example.com', 'A')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(r('a.example.com', 'TXT')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it(`${RUNS} generated cases (seed ${SEED}): no unlisted disagreement`, async () => {
    const cases = fc.sample(caseArb, { seed: SEED, numRuns: RUNS });
    const unlisted: Array<{ case: GenCase; ours: Summary; mailauth: Summary; why: string }> = [];
    const perCategory = new Map<string, number>();
    const agreedResults = new Set<string>();
    let agreements = 0;
    for (const c of cases) {
      const { ours, oursSummary, theirs } = await runBoth(c);
      if (JSON.stringify(oursSummary) === JSON.stringify(theirs)) {
        agreements++;
        agreedResults.add(oursSummary.result);
        continue;
      }
      const matched = catalog.categories.filter((cat) => MATCHERS[cat.id]!(c, ours));
      if (matched.length === 0)
        unlisted.push({ case: c, ours: oursSummary, mailauth: theirs, why: ours.why });
      for (const m of matched) perCategory.set(m.id, (perCategory.get(m.id) ?? 0) + 1);
    }
    expect(unlisted).toEqual([]);
    // The generator must keep exercising every outcome, or the comparison proves little.
    expect([...agreedResults].sort()).toEqual(['fail', 'none', 'noresult', 'pass', 'temperror']);
    expect(agreements).toBeGreaterThan(RUNS * 0.8);
    expect(perCategory.get('multiple-author-domains') ?? 0).toBeGreaterThan(0);
  }, 60_000);
});
