// What makes DMARC evaluation cheap to repeat, counted rather than timed: a record text is parsed once across
// evaluations (a bounded cache shared by the process), as SPF records are (test/spf/speed.test.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateDmarc } from '../../src/dmarc/evaluate.js';
import * as record from '../../src/dmarc/record.js';
import {
  DMARC_RECORD_CACHE_ENTRIES,
  dmarcRecordCacheSize,
  parseDmarcRecordCached,
} from '../../src/dmarc/record-cache.js';
import { ParsedRecordCache } from '../../src/dns/parsed-records.js';
import { zones } from '../support/resolvers.js';

const resolver = zones({
  'cache-test.example': `
_dmarc   TXT "v=DMARC1; p=reject; rua=mailto:d@cache-test.example"
sub      A   192.0.2.1
`,
});
const input = {
  from: ['Shop <news@sub.cache-test.example>'],
  spf: { result: 'pass', domain: 'cache-test.example' },
  dkim: [{ result: 'pass', domain: 'cache-test.example' }],
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parsed DMARC records', () => {
  it('parses each record text once across evaluations, with the same verdict each time', async () => {
    const spy = vi.spyOn(record, 'parseDmarcRecord');
    const first = await evaluateDmarc(input, { resolver });
    expect(first).toMatchObject({ result: 'pass', policy: 'reject', policySource: 'sp' });
    const calls = spy.mock.calls.length;
    expect(calls).toBe(1); // _dmarc.cache-test.example (the other names of the walk hold no TXT record)
    for (let i = 0; i < 5; i++) {
      const again = await evaluateDmarc(input, { resolver });
      expect(again.result).toBe('pass');
      expect(again.record).toBe(first.record); // the one parse, shared
    }
    expect(spy.mock.calls.length).toBe(calls);
  });

  it('keeps at most DMARC_RECORD_CACHE_ENTRIES records', () => {
    for (let i = 0; i < DMARC_RECORD_CACHE_ENTRIES + 50; i++)
      parseDmarcRecordCached(`v=DMARC1; p=none; rua=mailto:r${i}@example.com`);
    expect(dmarcRecordCacheSize().entries).toBe(DMARC_RECORD_CACHE_ENTRIES);
  });
});

describe('ParsedRecordCache (src/dns/parsed-records.ts)', () => {
  it('bounds entries and characters, and spares an entry used since it was inserted', () => {
    let parses = 0;
    const cache = new ParsedRecordCache(
      (t) => {
        parses++;
        return t.length;
      },
      3,
      100,
    );
    for (const t of ['a', 'b', 'c']) cache.get(t);
    cache.get('a'); // used: spared once
    cache.get('d'); // over 3 entries: 'b' (unused, oldest) goes, 'a' is spared
    expect(cache.size()).toEqual({ entries: 3, chars: 3 });
    expect(parses).toBe(4);
    cache.get('a');
    expect(parses).toBe(4); // still held
    cache.get('b');
    expect(parses).toBe(5); // was evicted: parsed again
    cache.get('x'.repeat(101)); // longer than all the characters allowed: parsed, not kept
    expect(cache.size().entries).toBe(3);
    cache.get('y'.repeat(98)); // 98 characters: the others make room
    expect(cache.size().chars).toBeLessThanOrEqual(100);
  });
});
