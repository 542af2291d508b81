import { describe, expect, it } from 'vitest';
import { cachedResolver } from '../../src/dns/cache.js';
import { overlayResolver } from '../../src/dns/overlay.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver, zoneResolverFromText } from '../../src/dns/zones.js';

const ZONE = `$ORIGIN example.com.
@        MX 10 mx1
@        TXT "v=spf1 " "mx -all"
mx1      A 192.0.2.10
www      CNAME web.example.com.
web      A 192.0.2.20
loop1    CNAME loop2
loop2    CNAME loop1
ext      CNAME target.other.test.
a.b.c    TXT "deep"
*.wild   TXT "wildcard"
host.wild A 192.0.2.30
*.wild   A 192.0.2.31
`;

describe('zoneResolver (authoritative semantics)', () => {
  const r = zoneResolverFromText(ZONE);

  it('answers records and keeps TXT strings separate, with source lines', async () => {
    const txt = await r.query('EXAMPLE.com.', 'TXT');
    expect(txt).toMatchObject({ ok: true, name: 'example.com', records: [['v=spf1 ', 'mx -all']] });
    expect(txt.ok && txt.source).toEqual([{ file: 'zone', line: 3 }]);
  });

  it('distinguishes NXDOMAIN, NODATA and empty non-terminals (RFC 8020)', async () => {
    expect(await r.query('nope.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(await r.query('mx1.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await r.query('b.c.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await r.query('c.example.com', 'A')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await r.query('x.a.b.c.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it('follows CNAMEs and reports loops as SERVFAIL', async () => {
    expect(await r.query('www.example.com', 'A')).toMatchObject({
      ok: true,
      records: ['192.0.2.20'],
      cnames: ['web.example.com'],
    });
    expect(await r.query('www.example.com', 'CNAME')).toMatchObject({
      ok: true,
      records: ['web.example.com'],
    });
    expect(await r.query('loop1.example.com', 'A')).toMatchObject({ ok: false, kind: 'SERVFAIL' });
    // offline: a CNAME target outside every zone does not exist
    expect(await r.query('ext.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it('synthesises from wildcards per RFC 4592 but not for existing names or below them', async () => {
    expect(await r.query('anything.wild.example.com', 'TXT')).toMatchObject({
      ok: true,
      records: [['wildcard']],
    });
    expect(await r.query('x.y.wild.example.com', 'A')).toMatchObject({ ok: true, records: ['192.0.2.31'] });
    // host.wild exists: no synthesis for it (NODATA for TXT), nor below it (RFC 4592 §2.2.1: closest encloser is host.wild)
    expect(await r.query('host.wild.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await r.query('sub.host.wild.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it('handles IDN U-labels and bad names', async () => {
    const idn = zoneResolverFromText('xn--bcher-kva A 192.0.2.40\n', 'example.com');
    expect(await idn.query('bücher.example.com', 'A')).toMatchObject({ ok: true, records: ['192.0.2.40'] });
    expect(await r.query('a..example.com', 'A')).toMatchObject({ ok: false, kind: 'BADNAME' });
    expect(await r.query(`${'a'.repeat(64)}.example.com`, 'A')).toMatchObject({ ok: false, kind: 'BADNAME' });
  });

  it('accepts any non-control octet in a label (RFC 2181 §11), as SPF macros produce', async () => {
    const z = zoneResolverFromText(
      'foo:bar/baz A 192.0.2.50\nmacro%percent\\032\\032space A 192.0.2.51\n',
      'example.com',
    );
    expect(await z.query('foo:bar/baz.example.com', 'A')).toMatchObject({
      ok: true,
      records: ['192.0.2.50'],
    });
    expect(await z.query('macro%percent  space.example.com', 'A')).toMatchObject({
      ok: true,
      records: ['192.0.2.51'],
    });
    expect(await z.query('tab\there.example.com', 'A')).toMatchObject({ ok: false, kind: 'BADNAME' });
  });

  it('is REFUSED outside its zones unless offline', async () => {
    const online = zoneResolver([parseZone(ZONE)]);
    expect(await online.query('example.org', 'A')).toMatchObject({ ok: false, kind: 'REFUSED' });
    expect(await r.query('example.org', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });
});

describe('overlayResolver', () => {
  const live = zoneResolverFromText(
    '@ TXT "v=spf1 -all"\nwww A 198.51.100.1\ntarget A 198.51.100.9\n',
    'other.test',
  );
  const liveExample = zoneResolverFromText('@ TXT "old"\nlegacy A 198.51.100.2\n', 'example.com');
  const fallback: Resolver = {
    query: (name, type) =>
      name.endsWith('other.test') ? live.query(name, type) : liveExample.query(name, type),
  };
  const o = overlayResolver([parseZone(ZONE)], fallback);

  it('answers zone names from the proposed zone, authoritatively', async () => {
    expect(await o.query('example.com', 'TXT')).toMatchObject({
      ok: true,
      records: [['v=spf1 ', 'mx -all']],
    });
    expect(await o.query('legacy.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it('answers other names and out-of-zone CNAME targets from the fallback', async () => {
    expect(await o.query('www.other.test', 'A')).toMatchObject({ ok: true, records: ['198.51.100.1'] });
    expect(await o.query('ext.example.com', 'A')).toMatchObject({
      ok: true,
      records: ['198.51.100.9'],
      cnames: ['target.other.test'],
    });
  });
});

describe('cachedResolver', () => {
  it('asks each distinct question once, shares in-flight questions and counts', async () => {
    let calls = 0;
    const inner: Resolver = {
      query: async (name, type) => {
        calls++;
        await new Promise((res) => setTimeout(res, 5));
        return zoneResolverFromText(ZONE).query(name, type);
      },
    };
    const c = cachedResolver(inner);
    await Promise.all([
      c.query('example.com', 'TXT'),
      c.query('EXAMPLE.COM.', 'TXT'),
      c.query('nope.example.com', 'A'),
    ]);
    await c.query('example.com', 'TXT');
    expect(calls).toBe(2);
    expect(c.stats()).toEqual({ queries: 2, cacheHits: 2, failures: { NXDOMAIN: 1 } });
  });

  it('turns a throwing resolver into SERVFAIL', async () => {
    const c = cachedResolver({
      query: async () => {
        throw new Error('boom');
      },
    });
    expect(await c.query('example.com', 'A')).toMatchObject({ ok: false, kind: 'SERVFAIL' });
  });
});
