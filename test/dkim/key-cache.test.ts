// The strict key-record parser (RFC 6376 §3.6.1 with the §3.2 tag-list grammar) and the key cache: one DNS
// question per key across messages, negative caching, TTLs, bounds, and a DNS timeout never cached as "no key".
import { beforeAll, describe, expect, it } from 'vitest';
import { auditDkim } from '../../src/dkim/audit.js';
import { DkimKeyCache } from '../../src/dkim/key-cache.js';
import { parseDkimKeyRecord } from '../../src/dkim/record.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import { type DnsResult, dnsFailure, type Resolver, type RRType } from '../../src/dns/resolver.js';
import { txtZone } from '../support/resolvers.js';
import { ed25519Key, keyRecord, message, sign, type TestKey } from './helpers.js';

const D = 'mail.example';
let ed: TestKey;
beforeAll(() => {
  ed = ed25519Key();
});

/** Counts the questions a resolver is asked. */
function counting(inner: Resolver): Resolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      asked.push(`${name} ${type}`);
      return inner.query(name, type);
    },
  };
}

describe('key record tag-list (RFC 6376 §3.2, §3.6.1)', () => {
  it('takes only SP, HTAB and folding as white space: U+00A0 makes the record invalid, with a reason', () => {
    const good = parseDkimKeyRecord(`v=DKIM1; k=ed25519; p=${ed.p}`);
    expect(good.errors).toEqual([]);
    const folded = parseDkimKeyRecord(`v=DKIM1;\r\n\tk=ed25519;\t p=${ed.p}`);
    expect(folded.errors).toEqual([]);
    const nbsp = parseDkimKeyRecord(`v=DKIM1;\u00a0k=ed25519; p=${ed.p}`);
    expect(nbsp.errors[0]).toBe(
      'tag-list syntax: U+00A0 (no-break space) at offset 8 is not allowed in a tag-list (RFC 6376 §3.2: only SP, HTAB and folding are white space, values are printable US-ASCII)',
    );
    // the same octets (C2 A0) read one octet per character
    expect(parseDkimKeyRecord(`v=DKIM1;\u00c2\u00a0k=ed25519; p=${ed.p}`).errors[0]).toMatch(
      /^tag-list syntax: U\+00C2/,
    );
    // a trailing NBSP is not an ignorable empty tag-spec either
    expect(parseDkimKeyRecord(`v=DKIM1; k=ed25519; p=${ed.p};\u00a0`).errors.length).toBeGreaterThan(0);
  });

  it('reports such a record in a domain audit as malformed, saying which character', async () => {
    const audit = await auditDkim(D, {
      selectors: ['s'],
      resolver: txtZone(D, { 's._domainkey': `v=DKIM1;\u00a0k=ed25519; p=${ed.p}` }),
    });
    expect(audit.findings.map((f) => [f.id, f.severity])).toEqual([['dkim.key-malformed', 'error']]);
    expect(audit.findings[0]?.message).toContain(
      'U+00A0 (no-break space) at offset 8 is not allowed in a tag-list',
    );
  });

  it('fails a signature whose key record has U+00A0 between its tags (permerror, key-invalid)', async () => {
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    const [sig] = await verifyDkim(signed, {
      resolver: txtZone(D, { 's._domainkey': `v=DKIM1;\u00a0k=ed25519;\u00a0p=${ed.p}` }),
    });
    expect(sig?.result).toBe('permerror');
    expect(sig?.reason).toMatch(
      /^unusable key record at s\._domainkey\.mail\.example: tag-list syntax: U\+00A0/,
    );
    expect(sig?.findings.map((f) => f.id)).toContain('dkim.key-invalid');
  });
});

describe('DkimKeyCache', () => {
  it('asks DNS once for a key used by many messages, and shares a question in flight', async () => {
    const resolver = counting(txtZone(D, { 's._domainkey': keyRecord(ed) }));
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    const keyCache = new DkimKeyCache();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => verifyDkim(signed, { resolver, keyCache })),
    );
    for (let i = 0; i < 3; i++) results.push(await verifyDkim(signed, { resolver, keyCache }));
    expect(results.map((r) => r[0]?.result)).toEqual(Array(8).fill('pass'));
    expect(resolver.asked).toEqual(['s._domainkey.mail.example TXT']);
    expect(keyCache.stats()).toMatchObject({ hits: 7, misses: 1, entries: 1 });
  });

  it('uses a cache per resolver by default, and none across messages with keyCache: false', async () => {
    const resolver = counting(txtZone(D, { 's._domainkey': keyRecord(ed) }));
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    await verifyDkim(signed, { resolver });
    await verifyDkim(signed, { resolver });
    expect(resolver.asked).toHaveLength(1);
    await verifyDkim(signed, { resolver, keyCache: false });
    await verifyDkim(signed, { resolver, keyCache: false });
    expect(resolver.asked).toHaveLength(3);
  });

  it('keeps NXDOMAIN for negativeTtlMs: a flood naming a missing selector asks once', async () => {
    let now = 1_000_000;
    const resolver = counting(txtZone(D, {}));
    const keyCache = new DkimKeyCache({ negativeTtlMs: 60_000, now: () => now });
    const signed = await sign(message(), { domain: D, selector: 'gone', key: ed });
    for (let i = 0; i < 20; i++) {
      const [sig] = await verifyDkim(signed, { resolver, keyCache });
      expect(sig?.result).toBe('permerror');
    }
    expect(resolver.asked).toHaveLength(1);
    now += 60_001;
    await verifyDkim(signed, { resolver, keyCache });
    expect(resolver.asked).toHaveLength(2);
  });

  it('keeps a TIMEOUT only transientTtlMs, and as a temperror, never as "no key"', async () => {
    let now = 0;
    let down = true;
    const zone = txtZone(D, { 's._domainkey': keyRecord(ed) });
    const resolver = counting({
      query: async (name, type) =>
        down ? dnsFailure(name, type, 'TIMEOUT', 'test') : zone.query(name, type),
    });
    const keyCache = new DkimKeyCache({ transientTtlMs: 5_000, now: () => now });
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    const first = await verifyDkim(signed, { resolver, keyCache });
    const second = await verifyDkim(signed, { resolver, keyCache });
    for (const [sig] of [first, second]) {
      expect(sig?.result).toBe('temperror');
      expect(sig?.reason).toBe('DNS TIMEOUT looking up the key at s._domainkey.mail.example');
    }
    expect(resolver.asked).toHaveLength(1);
    down = false;
    now += 5_001;
    expect((await verifyDkim(signed, { resolver, keyCache }))[0]?.result).toBe('pass');
    expect(resolver.asked).toHaveLength(2);
  });

  it('honours the TTL the resolver gives (zone file $TTL 300) under maxAgeMs', async () => {
    let now = 0;
    const resolver = counting(txtZone(D, { 's._domainkey': keyRecord(ed) }));
    const keyCache = new DkimKeyCache({ maxAgeMs: 3_600_000, now: () => now });
    const lookup = await keyCache.lookup('s._domainkey.mail.example', resolver);
    expect(lookup.result.ok && lookup.result.ttl).toBe(300);
    now += 299_000;
    await keyCache.lookup('s._domainkey.mail.example', resolver);
    expect(resolver.asked).toHaveLength(1);
    now += 2_000;
    await keyCache.lookup('s._domainkey.mail.example', resolver);
    expect(resolver.asked).toHaveLength(2);
  });

  it('is bounded in entries, evicting the least recently used', async () => {
    const resolver = counting(txtZone(D, {}));
    const keyCache = new DkimKeyCache({ maxEntries: 3 });
    for (const s of ['a', 'b', 'c', 'a', 'd']) await keyCache.lookup(`${s}._domainkey.${D}`, resolver);
    expect(keyCache.stats()).toMatchObject({ entries: 3, evicted: 1, misses: 4, hits: 1 });
    // b was the least recently used: asked again; a, c, d are still there
    await keyCache.lookup(`b._domainkey.${D}`, resolver);
    await keyCache.lookup(`a._domainkey.${D}`, resolver);
    expect(resolver.asked.filter((q) => q.startsWith('b.'))).toHaveLength(2);
    expect(resolver.asked.filter((q) => q.startsWith('a.'))).toHaveLength(1);
    expect(() => new DkimKeyCache({ maxEntries: -1 })).toThrow(RangeError);
    await expect(verifyDkim('From: a@b.example\r\n\r\n', { resolver: undefined as never })).rejects.toThrow(
      'options.resolver must be a Resolver',
    );
  });
});
