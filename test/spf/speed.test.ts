// What makes check_host() cheap to repeat, counted rather than timed: a record text is parsed once across
// evaluations (a bounded cache), and one evaluation arms one timer for its time limit, not one per DNS query.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkHost } from '../../src/spf/check-host.js';
import * as record from '../../src/spf/record.js';
import { parseSpfRecordCached, RECORD_CACHE_ENTRIES, recordCacheSize } from '../../src/spf/record-cache.js';
import { zones } from '../support/resolvers.js';

const resolver = zones({
  'example.com': `
@        TXT "v=spf1 a:a1.example.com include:_spf.mid.example -all"
a1       A   192.0.2.1
`,
  'mid.example': `
_spf     TXT "v=spf1 a:a2.mid.example mx include:_spf.esp.example ~all"
a2       A   192.0.2.2
@        MX  10 mx.mid.example.
mx       A   192.0.2.3
`,
  'esp.example': `
_spf     TXT "v=spf1 exists:%{i}.x.esp.example ip4:203.0.113.0/24 ?all"
`,
});
const params = { ip: '203.0.113.7', domain: 'example.com', sender: 'a@example.com' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('check_host() work per evaluation', () => {
  it('parses each record text once across evaluations', async () => {
    const spy = vi.spyOn(record, 'parseSpfRecord');
    const first = await checkHost(params, { resolver });
    expect(first.result).toBe('pass');
    const calls = spy.mock.calls.length;
    expect(calls).toBe(3); // example.com, _spf.mid.example, _spf.esp.example
    for (let i = 0; i < 5; i++) expect((await checkHost(params, { resolver })).result).toBe('pass');
    expect(spy.mock.calls.length).toBe(calls);
    expect(parseSpfRecordCached('v=spf1 -all')).toBe(parseSpfRecordCached('v=spf1 -all'));
  });

  it('keeps at most RECORD_CACHE_ENTRIES records', () => {
    for (let i = 0; i < RECORD_CACHE_ENTRIES + 50; i++)
      parseSpfRecordCached(`v=spf1 ip4:192.0.2.${i % 256} ~all ${i}`);
    expect(recordCacheSize().entries).toBe(RECORD_CACHE_ENTRIES);
  });

  it('arms one timer per evaluation, however many DNS queries it makes', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const r = await checkHost(params, { resolver });
    expect(r.result).toBe('pass');
    expect(r.lookups).toBe(6); // a, include, a, mx, include, exists
    expect(timers).toHaveBeenCalledTimes(1);
  });
});
