/**
 * Differential tests: our check_host() against mailauth 7 (strict, RFC 7208 mode), pyspf and Mail::SPF on the
 * RFC 7208 suite and on generated policies (fixed seed). Every disagreement must be listed in
 * fixtures/disagreements.json with the RFC section that decides it (our engine follows the RFC); an unlisted
 * disagreement, or a listed one that no longer happens, fails the test.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  confirmCategories,
  type DiffCase,
  type Disagreement,
  type ExternalPeer,
  generatedCases,
  type PeerAnswer,
  peerMissing,
  runExternal,
  runMailauth,
  runOurs,
  tableFrom,
} from './differential.js';
import { loadSuite, RFC7208_SUITE } from './suite.js';
import { suiteResolver } from './suite-resolver.js';

const GENERATED = 2000;
const SEED = 7208;

interface Fixture {
  categories: Record<string, { rfc: string; reason: string }>;
  disagreements: Record<string, Record<string, { ours: string; theirs: string; category: string }>>;
}
const FIXTURE_URL = new URL('./fixtures/disagreements.json', import.meta.url);
const fixture = JSON.parse(readFileSync(FIXTURE_URL, 'utf8')) as Fixture;

async function suiteCases(): Promise<DiffCase[]> {
  const out: DiffCase[] = [];
  for (const sc of loadSuite(RFC7208_SUITE)) {
    const answers = await tableFrom(suiteResolver(sc.zonedata), Object.keys(sc.zonedata));
    for (const c of sc.cases)
      out.push({ id: `rfc7208:${c.id}`, answers, ip: c.host, sender: c.mailfrom, helo: c.helo });
  }
  return out;
}

const cases = [...(await suiteCases()), ...generatedCases(GENERATED, SEED)];
const ours: PeerAnswer[] = [];
for (const c of cases) ours.push(await runOurs(c));

const peerAnswers = new Map<string, PeerAnswer[]>();

function disagreements(theirs: PeerAnswer[]) {
  const found: Record<string, { ours: string; theirs: string }> = {};
  cases.forEach((c, i) => {
    const a = ours[i]!.result;
    const b = theirs[i]!.result;
    if (a !== b) found[c.id] = { ours: a, theirs: b };
  });
  return found;
}

function check(peer: string, theirs: PeerAnswer[]) {
  const found = disagreements(theirs);
  if (process.env.SPF_DIFF_DUMP) {
    writeFileSync(
      `${process.env.SPF_DIFF_DUMP}.${peer}.json`,
      JSON.stringify(
        {
          found,
          cases: cases.filter((c) => found[c.id]),
          ours: Object.fromEntries(
            cases.map((c, i) => [c.id, ours[i]]).filter(([id]) => found[id as string]),
          ),
          theirs: Object.fromEntries(
            cases.map((c, i) => [c.id, theirs[i]]).filter(([id]) => found[id as string]),
          ),
        },
        null,
        1,
      ),
    );
  }
  const listed = fixture.disagreements[peer] ?? {};
  const unlisted = Object.entries(found).filter(([id]) => !listed[id]);
  const stale = Object.keys(listed).filter((id) => !found[id]);
  const changed = Object.entries(found).filter(
    ([id, d]) => listed[id] && (listed[id].ours !== d.ours || listed[id].theirs !== d.theirs),
  );
  expect(
    unlisted.map(([id, d]) => `${id}: ours ${d.ours}, ${peer} ${d.theirs}`),
    'unlisted disagreements',
  ).toEqual([]);
  expect(stale, 'listed disagreements that no longer happen').toEqual([]);
  expect(
    changed.map(([id]) => id),
    'listed disagreements with other results',
  ).toEqual([]);
  for (const d of Object.values(listed)) expect(fixture.categories[d.category], d.category).toBeDefined();
  return Object.keys(found).length;
}

describe(`differential: ${cases.length} cases (203 from the RFC 7208 suite, ${GENERATED} generated, seed ${SEED})`, () => {
  it('the generated cases exercise every result code', () => {
    const counts: Record<string, number> = {};
    ours.slice(203).forEach((r) => {
      counts[r.result] = (counts[r.result] ?? 0) + 1;
    });
    console.log('generated results:', JSON.stringify(counts));
    for (const code of ['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror']) {
      expect(counts[code] ?? 0, code).toBeGreaterThanOrEqual(50);
    }
  });

  it('every listed category names an RFC 7208 section', () => {
    for (const c of Object.values(fixture.categories)) expect(c.rfc).toMatch(/^RFC 7208 §\d/);
  });

  it('mailauth spf() (strict)', async () => {
    const theirs: PeerAnswer[] = [];
    for (const c of cases) theirs.push(await runMailauth(c));
    const n = check('mailauth', theirs);
    console.log(`mailauth: ${cases.length - n}/${cases.length} agree, ${n} listed disagreements`);
  }, 300_000);

  for (const peer of ['pyspf', 'mail-spf'] as ExternalPeer[]) {
    const missing = peerMissing(peer);
    // One peer process reads all 2,203 cases (a few seconds when the machine is quiet): the timeout is generous
    // so that a busy machine cannot fail it.
    it.skipIf(missing !== null)(
      `${peer}${missing ? ` (skipped: ${missing})` : ''}`,
      () => {
        const theirs = runExternal(peer, cases);
        expect(theirs).toHaveLength(cases.length);
        const n = check(peer, theirs);
        console.log(`${peer}: ${cases.length - n}/${cases.length} agree, ${n} listed disagreements`);
        peerAnswers.set(peer, theirs);
      },
      300_000,
    );

    it.skipIf(missing !== null)(
      `${peer}: each generated disagreement is explained by its category`,
      async () => {
        const theirs = peerAnswers.get(peer) ?? runExternal(peer, cases);
        const listed: { id: string; item: Disagreement }[] = [];
        const unexplained: string[] = [];
        for (const [id, d] of Object.entries(fixture.disagreements[peer] ?? {})) {
          if (!id.startsWith('gen-')) continue;
          const i = cases.findIndex((c) => c.id === id);
          if (i < 0) unexplained.push(`${id} (${d.category}): no such case`);
          else
            listed.push({
              id,
              item: { c: cases[i]!, ours: ours[i]!, theirs: theirs[i]!, category: d.category },
            });
        }
        const verdicts = await confirmCategories(
          peer,
          listed.map((l) => l.item),
        );
        listed.forEach((l, k) => {
          if (!verdicts[k]) unexplained.push(`${l.id} (${l.item.category})`);
        });
        expect(listed.length).toBeGreaterThan(0);
        expect(unexplained).toEqual([]);
      },
      300_000,
    );
  }
});
