// Issue 10 §2: zone files are pull-request input, so reading them must take time linear in their size. The old
// `$ORIGIN` test regex took 5-6 minutes on a 1 MB file of blank-ish lines, and the Action's zone sniffing 40 s on
// 60,000 newlines. Operations are counted, not timed (a busy machine cannot fail this): every character the
// lexer, the field parsers and the sniffing look at goes through String.prototype.charCodeAt, which the test
// counts, on an input and on one 10x larger; and no regular expression may ever see more than a short token.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeZoneFile } from '../../src/action/zones.js';
import { leadingOrigin } from '../../src/dns/zone-origin.js';
import { loadZoneFile, parseZone } from '../../src/dns/zonefile.js';

interface Count {
  /** Characters looked at (String.prototype.charCodeAt calls). */
  chars: number;
  /** The longest string any regular expression was run on. */
  longestRegexInput: number;
}

/** Runs `fn` (synchronous work) counting the characters it reads and the regular expressions it runs. */
function count(fn: () => unknown): Count {
  const charCodeAt = String.prototype.charCodeAt;
  const exec = RegExp.prototype.exec;
  const c: Count = { chars: 0, longestRegexInput: 0 };
  String.prototype.charCodeAt = function (this: string, i: number) {
    c.chars++;
    return charCodeAt.call(this, i);
  };
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    c.longestRegexInput = Math.max(c.longestRegexInput, String(s).length);
    return exec.call(this, s);
  };
  try {
    fn();
  } finally {
    String.prototype.charCodeAt = charCodeAt;
    RegExp.prototype.exec = exec;
  }
  return c;
}

/** The counts for `make(n)` and `make(10 * n)`. */
function growth(make: (n: number) => string, work: (text: string) => unknown, n: number) {
  const small = count(() => work(make(n)));
  const large = count(() => work(make(10 * n)));
  return { ratio: large.chars / Math.max(small.chars, 1), small, large };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-linear-'));
  await mkdir(join(dir, 'z'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BLANKISH: [string, (n: number) => string][] = [
  ['newlines', (n) => '\n'.repeat(n)],
  ['blank lines', (n) => ' \t \n'.repeat(n / 4)],
  ['comment lines', (n) => ' ; $ORIGIN x.\n'.repeat(n / 14)],
  ['one line of blanks', (n) => ' '.repeat(n)],
  ['blanks before $ORIGIN', (n) => `${' \n'.repeat(n / 2)}$ORIGIN acme.test.\n`],
  ['records', (n) => 'a 300 IN TXT "v=spf1 -all"\n'.repeat(n / 27)],
  ['digits and blanks', (n) => `x${' 1'.repeat(n / 2)}\n`],
];

describe('zone files are read in linear time (issue 10 §2)', () => {
  it.each(BLANKISH)('loadZoneFile: %s (100 KB vs 1 MB)', async (name, make) => {
    // Written first (outside the counts), then loaded: loadZoneFile does all its work synchronously.
    const small = join(dir, 'z', `${name} small`, 'acme.test.zone');
    const large = join(dir, 'z', `${name} large`, 'acme.test.zone');
    for (const [file, n] of [
      [small, 100_000],
      [large, 1_000_000],
    ] as const) {
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, make(n));
    }
    const load = (file: string) => () => void loadZoneFile(file).catch(() => undefined);
    const a = count(load(small));
    const b = count(load(large));
    expect(b.chars / a.chars).toBeLessThanOrEqual(10.5);
    expect(Math.max(a.longestRegexInput, b.longestRegexInput)).toBeLessThan(1_000);
  });

  it.each(BLANKISH)('parseZone and leadingOrigin: %s', (_name, make) => {
    const g = growth(
      make,
      (text) => {
        try {
          leadingOrigin(text, 'z');
          parseZone(text, { origin: 'acme.test' });
        } catch {}
      },
      100_000,
    );
    expect(g.ratio).toBeLessThanOrEqual(10.5);
    expect(Math.max(g.small.longestRegexInput, g.large.longestRegexInput)).toBeLessThan(1_000);
  });

  it.each(BLANKISH)("the Action's zone sniffing: %s (60,000 vs 600,000)", (_name, make) => {
    const g = growth(make, (text) => looksLikeZoneFile('notes.txt', text), 60_000);
    expect(g.ratio).toBeLessThanOrEqual(10.5);
    expect(Math.max(g.small.longestRegexInput, g.large.longestRegexInput)).toBeLessThan(1_000);
  });

  it('still recognises zone files by their content', () => {
    expect(looksLikeZoneFile('x.txt', '\n\n  $TTL 300\n')).toBe(true);
    expect(looksLikeZoneFile('x.txt', '; c\n$origin example.com.\n')).toBe(true);
    expect(looksLikeZoneFile('x.txt', 'example.com. 300 IN SOA ns h 1 2 3 4 5\n')).toBe(true);
    expect(looksLikeZoneFile('x.txt', '  IN 300 soa ns h 1 2 3 4 5\n')).toBe(true);
    expect(looksLikeZoneFile('x.txt', 'api_key SOA-like\nsecret = 1 IN 2\n')).toBe(false);
    expect(looksLikeZoneFile('db.example', '')).toBe(true);
  });

  it('bounds one giant line: more words than any record can have is refused at once', () => {
    const c = count(() => {
      try {
        parseZone(`x TXT${' ""'.repeat(200_000)}\n`, { origin: 'acme.test' });
      } catch (e) {
        expect((e as Error).message).toMatch(/more than 65541 words in one record/);
      }
    });
    expect(c.chars).toBeLessThan(4 * 65541 + 100);
  });
});
