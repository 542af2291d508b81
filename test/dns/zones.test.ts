import { describe, expect, it } from 'vitest';
import { cachedResolver } from '../../src/dns/cache.js';
import { overlayResolver } from '../../src/dns/overlay.js';
import { dnsFailure, type Resolver } from '../../src/dns/resolver.js';
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
    // Knot's scanner needs ':' and '%' escaped in a zone file (unescaped, it refuses the zone).
    const z = zoneResolverFromText(
      'foo\\:bar/baz A 192.0.2.50\nmacro\\%percent\\032\\032space A 192.0.2.51\n',
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

describe('zoneResolver: delegations (NS below the apex are zone cuts, RFC 1034 §4.2.1)', () => {
  const PARENT = `$ORIGIN example.com.
@          NS  ns1.example.com.
@          TXT "v=spf1 -all"
ns1        A   192.0.2.53
www        A   192.0.2.1
sub        NS  ns.other.test.
sub        NS  ns.sub
ns.sub     A   192.0.2.54
_dmarc.sub TXT "v=DMARC1; p=reject"
alias      CNAME host.sub.example.com.
*          TXT "wildcard"
`;
  const parent = () => parseZone(PARENT, { file: 'example.com.zone' });
  const live: Resolver = {
    query: async (name, type) =>
      name.endsWith('sub.example.com')
        ? zoneResolverFromText(
            '@ TXT "live sub"\n_dmarc TXT "v=DMARC1; p=none"\nhost A 198.51.100.7\n',
            'sub.example.com',
          ).query(name, type)
        : dnsFailure(name, type, 'REFUSED', 'not in the test'),
  };

  it('sends names at and below the cut to the outside resolver (what-if mode)', async () => {
    const o = overlayResolver([parent()], live);
    expect(await o.query('sub.example.com', 'TXT')).toMatchObject({ ok: true, records: [['live sub']] });
    // the parent's own _dmarc.sub record is not authoritative data: live DNS answers, not a false "no record"
    expect(await o.query('_dmarc.sub.example.com', 'TXT')).toMatchObject({
      ok: true,
      records: [['v=DMARC1; p=none']],
    });
    // glue is not an answer either
    expect(await o.query('ns.sub.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(await o.query('host.sub.example.com', 'A')).toMatchObject({ ok: true, records: ['198.51.100.7'] });
    // a CNAME in the zone into the delegated space is followed through the outside resolver
    expect(await o.query('alias.example.com', 'A')).toMatchObject({
      ok: true,
      name: 'alias.example.com',
      records: ['198.51.100.7'],
      cnames: ['host.sub.example.com'],
    });
    // the rest of the zone, and the NS at the apex, are still the zone's
    expect(await o.query('www.example.com', 'A')).toMatchObject({ ok: true, records: ['192.0.2.1'] });
    expect(await o.query('example.com', 'NS')).toMatchObject({ ok: true, records: ['ns1.example.com'] });
    // the wildcard does not reach below the cut
    expect(await o.query('other.example.com', 'TXT')).toMatchObject({ ok: true, records: [['wildcard']] });
    expect(await o.query('x.sub.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it('is REFUSED below the cut without an outside resolver, NXDOMAIN offline', async () => {
    const online = zoneResolver([parent()]);
    for (const name of ['sub.example.com', '_dmarc.sub.example.com', 'ns.sub.example.com']) {
      expect(await online.query(name, 'TXT')).toMatchObject({ ok: false, kind: 'REFUSED' });
    }
    const offline = zoneResolver([parent()], { offline: true });
    expect(await offline.query('_dmarc.sub.example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'NXDOMAIN',
      message: 'delegated at sub.example.com (NS), outside the zones (offline)',
    });
    expect(await offline.query('ns.sub.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(await offline.query('alias.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it('lets a loaded zone for the delegated name answer (longest origin wins)', async () => {
    const child = parseZone('@ TXT "child"\n_dmarc TXT "v=DMARC1; p=quarantine"\n', {
      origin: 'sub.example.com',
      file: 'sub.zone',
    });
    const r = zoneResolver([parent(), child], { offline: true });
    expect(await r.query('sub.example.com', 'TXT')).toMatchObject({
      ok: true,
      records: [['child']],
      source: [{ file: 'sub.zone', line: 1 }],
    });
    expect(await r.query('_dmarc.sub.example.com', 'TXT')).toMatchObject({
      ok: true,
      records: [['v=DMARC1; p=quarantine']],
    });
    expect(await r.query('ns.sub.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(await r.query('alias.example.com', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });

  it("never mixes a parent zone's data at or below a child zone's origin into the child's answers", async () => {
    const p = parseZone('@ TXT "parent"\nsub TXT "parent data"\n', { origin: 'example.com', file: 'p.zone' });
    const c = parseZone('@ TXT "child"\n', { origin: 'sub.example.com', file: 'c.zone' });
    const r = zoneResolver([p, c], { offline: true });
    expect(await r.query('sub.example.com', 'TXT')).toMatchObject({ ok: true, records: [['child']] });
  });

  it('warns about data the cut hides, but not about the NS records or glue', () => {
    expect(parent().warnings).toEqual([
      {
        line: 9,
        message:
          'TXT record for _dmarc.sub.example.com is at or below the delegation of sub.example.com (NS), so this zone does not serve it; put it in the zone of sub.example.com',
      },
    ]);
  });
});

describe('zoneResolver: several zone files with the same origin', () => {
  it('merges them and gives each record its own file in `source`', async () => {
    const a = parseZone('@ TXT "from a"\nwww A 192.0.2.1\n', { origin: 'example.com', file: 'a.zone' });
    const b = parseZone('\n\n@ TXT "from b"\nmail A 192.0.2.2\n', { origin: 'example.com', file: 'b.zone' });
    const r = zoneResolver([a, b], { offline: true });
    const txt = await r.query('example.com', 'TXT');
    expect(txt).toMatchObject({ ok: true, records: [['from a'], ['from b']] });
    expect(txt.ok && txt.source).toEqual([
      { file: 'a.zone', line: 1 },
      { file: 'b.zone', line: 3 },
    ]);
    expect(await r.query('mail.example.com', 'A')).toMatchObject({
      ok: true,
      records: ['192.0.2.2'],
      source: [{ file: 'b.zone', line: 4 }],
    });
    expect(await r.query('www.example.com', 'A')).toMatchObject({
      source: [{ file: 'a.zone', line: 2 }],
    });
  });
});

describe('cachedResolver: transient failures', () => {
  /** Answers TIMEOUT/SERVFAIL/REFUSED the first time a name is asked, then the zone's answer. */
  function flaky(kind: 'TIMEOUT' | 'SERVFAIL' | 'REFUSED') {
    const asked = new Map<string, number>();
    const zone = zoneResolverFromText('_spf TXT "v=spf1 -all"\n', 'google.test');
    const inner: Resolver = {
      query: async (name, type) => {
        const n = (asked.get(name) ?? 0) + 1;
        asked.set(name, n);
        await new Promise((res) => setTimeout(res, 5));
        return n === 1 ? dnsFailure(name, type, kind, 'first try fails') : zone.query(name, type);
      },
    };
    return { inner, asked };
  }

  for (const kind of ['TIMEOUT', 'SERVFAIL', 'REFUSED'] as const) {
    it(`shares a ${kind} with the askers in flight, then asks again`, async () => {
      const { inner, asked } = flaky(kind);
      const c = cachedResolver(inner);
      const together = await Promise.all([
        c.query('_spf.google.test', 'TXT'),
        c.query('_SPF.google.test.', 'TXT'),
      ]);
      expect(together.map((r) => (r.ok ? 'ok' : r.kind))).toEqual([kind, kind]);
      // a later domain of the batch is not handed the old failure
      expect(await c.query('_spf.google.test', 'TXT')).toMatchObject({
        ok: true,
        records: [['v=spf1 -all']],
      });
      // ...and the answer is kept
      expect(await c.query('_spf.google.test', 'TXT')).toMatchObject({ ok: true });
      expect(asked.get('_spf.google.test')).toBe(2);
      expect(c.stats()).toEqual({ queries: 2, cacheHits: 2, failures: { [kind]: 1 } });
    });
  }

  it('keeps NXDOMAIN and NODATA for the cache life', async () => {
    let calls = 0;
    const zone = zoneResolverFromText('www A 192.0.2.1\n', 'example.test');
    const c = cachedResolver({
      query: (name, type) => {
        calls++;
        return zone.query(name, type);
      },
    });
    for (let i = 0; i < 3; i++) {
      expect(await c.query('nope.example.test', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
      expect(await c.query('www.example.test', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    }
    expect(calls).toBe(2);
    expect(c.stats()).toEqual({ queries: 2, cacheHits: 4, failures: { NXDOMAIN: 1, NODATA: 1 } });
  });

  it('does not keep the SERVFAIL of a throwing resolver', async () => {
    let calls = 0;
    const c = cachedResolver({
      query: async () => {
        calls++;
        throw new Error('boom');
      },
    });
    await c.query('example.com', 'A');
    expect(await c.query('example.com', 'A')).toMatchObject({ ok: false, kind: 'SERVFAIL' });
    expect(calls).toBe(2);
  });
});
