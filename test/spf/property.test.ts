import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHost } from '../../src/spf/check-host.js';
import { parseSpfRecord, printSpfRecord, type SpfRecord } from '../../src/spf/record.js';
import { recordArbitrary, tableResolver } from './differential.js';

const SEED = 4408;

/** Arbitrary record-like text: a mix of SPF-ish tokens, separators and any characters. */
const tokens = fc.constantFrom(
  'v=spf1',
  'V=SPF1',
  ' ',
  '  ',
  'a',
  'mx',
  'ptr',
  'all',
  'include',
  'exists',
  'ip4',
  'ip6',
  'redirect',
  'exp',
  ':',
  '/',
  '//',
  '=',
  '%',
  '%{',
  '}',
  '%%',
  '%_',
  '%-',
  '%{ir}',
  '%{L2r-}',
  '%{d0}',
  '.',
  '-',
  '+',
  '~',
  '?',
  '0',
  '24',
  '33',
  '129',
  '192.0.2.1',
  '::1',
  '2001:db8::',
  'example.com',
  'museum',
  '\t',
  '\r',
  '\u0080',
  '\u00ef',
);
const recordish = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(tokens, { maxLength: 30 }).map((t) => t.join('')),
  fc.array(tokens, { maxLength: 30 }).map((t) => `v=spf1 ${t.join('')}`),
);

function strip(r: SpfRecord) {
  return JSON.parse(
    JSON.stringify(r.terms, (k, v) =>
      k === 'offset' || k === 'length' || k === 'text' || k === 'address' ? undefined : v,
    ),
  );
}

describe('parseSpfRecord properties', () => {
  it('never throws, and every term, token and error points inside the record', () => {
    fc.assert(
      fc.property(recordish, (text) => {
        const r = parseSpfRecord(text);
        expect(r.ok).toBe(r.errors.length === 0);
        const inside = (o: number, l: number) => o >= 0 && l >= 0 && o + l <= text.length;
        for (const e of r.errors) expect(inside(e.offset, e.length)).toBe(true);
        for (const t of r.record.terms) {
          expect(inside(t.offset, t.length)).toBe(true);
          expect(text.slice(t.offset, t.offset + t.length)).toBe(t.text);
          const spec =
            t.kind === 'mechanism' && 'domainSpec' in t
              ? t.domainSpec
              : t.kind === 'modifier'
                ? t.name === 'unknown'
                  ? t.value
                  : t.domainSpec
                : undefined;
          for (const tok of spec?.tokens ?? [])
            expect(text.slice(tok.offset, tok.offset + tok.length)).toBe(tok.text);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('print(parse(x)) === x for canonical records, valid or not', () => {
    fc.assert(
      fc.property(recordArbitrary, (text) => {
        expect(printSpfRecord(parseSpfRecord(text).record)).toBe(text);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('parse(print(parse(x))) has the same terms, whatever the spacing and case of x', () => {
    const messy = fc
      .tuple(
        recordArbitrary,
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
      )
      .map(([r, spaces, upper]) => {
        let i = 0;
        const t = r.replace(/ /g, () => ' '.repeat(spaces[i++ % 8] ?? 1));
        return upper ? t.replace(/\b(include|exists|redirect|ptr|mx|all)\b/g, (m) => m.toUpperCase()) : t;
      });
    fc.assert(
      fc.property(messy, (text) => {
        const first = parseSpfRecord(text);
        const again = parseSpfRecord(printSpfRecord(first.record));
        expect(again.ok).toBe(first.ok);
        expect(strip(again.record)).toEqual(strip(first.record));
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('checkHost properties', () => {
  it('always returns one of the seven results for arbitrary published text, never throws', async () => {
    const codes = new Set(['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror']);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(recordArbitrary, recordish),
        fc.constantFrom('192.0.2.1', '2001:db8::1', 'nonsense'),
        async (txt, ip) => {
          const resolver = tableResolver({
            'example.com|TXT': { records: [[txt]] },
            'example.com|A': { records: ['192.0.2.1'] },
          });
          const r = await checkHost(
            { ip, domain: 'example.com', sender: 'a@example.com', helo: 'example.com' },
            { resolver },
          );
          expect(codes.has(r.result)).toBe(true);
          expect(r.lookups).toBeLessThanOrEqual(11);
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
