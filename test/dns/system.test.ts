import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARES_ERROR_KINDS as ERROR_CODES_TABLE } from '../../src/dns/error-codes.js';
import {
  type DnsFailure,
  type DnsResult,
  dnsFailure,
  normalizeName,
  type RecordDataMap,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js';
import {
  CARES_ERROR_KINDS,
  caresErrorKind,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TRIES,
  decodeTxtRecord,
  parseServer,
  systemResolver,
} from '../../src/dns/system.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { type DnsServer, questionKey, startDnsServer } from '../support/dns-server.js';

type Entry = { records: unknown[]; cnames?: string[] } | DnsFailure['kind'];

/** A tiny in-test Resolver: `name TYPE` -> records or a failure kind; unknown names are NXDOMAIN, known ones NODATA. */
function stubResolver(data: Record<string, Entry>): Resolver {
  const names = new Set(Object.keys(data).map((k) => k.split(' ')[0]));
  return {
    async query<T extends RRType>(raw: string, type: T): Promise<DnsResult<T>> {
      const name = normalizeName(raw);
      if (name === null) return dnsFailure(raw, type, 'BADNAME');
      const entry = data[`${name} ${type}`];
      if (entry === undefined) return dnsFailure(name, type, names.has(name) ? 'NODATA' : 'NXDOMAIN');
      if (typeof entry === 'string') return dnsFailure(name, type, entry);
      const answer: DnsResult<T> = { ok: true, name, type, records: entry.records as RecordDataMap[T][] };
      if (entry.cnames) answer.cnames = entry.cnames;
      return answer;
    },
  };
}

const LONG_STRINGS = Array.from({ length: 5 }, (_, i) => `${String.fromCharCode(97 + i)}${'x'.repeat(199)}`);

const DATA: Record<string, Entry> = {
  'host.test A': { records: ['192.0.2.1', '192.0.2.2'] },
  'host.test AAAA': { records: ['2001:db8::1'] },
  'mail.test MX': {
    records: [
      { priority: 10, exchange: 'mx1.mail.test' },
      { priority: 20, exchange: 'mx2.mail.test' },
    ],
  },
  'nullmx.test MX': { records: [{ priority: 0, exchange: '' }] },
  'txt.test TXT': { records: [['v=spf1 ', 'ip4:192.0.2.0/24 ', '-all'], ['second record']] },
  'utf8.test TXT': { records: [['caf\u00e9 ', '\u4e2d\u6587', ' raw\x80byte']] },
  'big.test TXT': { records: [LONG_STRINGS] },
  'big1.test TXT': { records: [LONG_STRINGS.map((x) => `1${x.slice(1)}`)] },
  'big2.test TXT': { records: [LONG_STRINGS.map((x) => `2${x.slice(1)}`)] },
  'big3.test TXT': { records: [LONG_STRINGS.map((x) => `3${x.slice(1)}`)] },
  '1.2.0.192.in-addr.arpa PTR': { records: ['host.test'] },
  'alias.test CNAME': { records: ['host.test'] },
  'alias.test A': { records: ['192.0.2.1'], cnames: ['host.test'] },
  'chain.test TXT': { records: [['at the end']], cnames: ['b.chain.test', 'c.chain.test'] },
  'zone.test NS': { records: ['ns1.zone.test', 'ns2.zone.test'] },
  'zone.test SOA': {
    records: [
      {
        mname: 'ns1.zone.test',
        rname: 'hostmaster.zone.test',
        serial: 2024010101,
        refresh: 7200,
        retry: 3600,
        expire: 1209600,
        minimum: 300,
      },
    ],
  },
  'www.xn--bcher-kva.test A': { records: ['192.0.2.77'] },
  'broken.test TXT': 'SERVFAIL',
  'refused.test TXT': 'REFUSED',
  'slow.test TXT': 'TIMEOUT',
  'faulty.test TXT': { records: [['never seen']] },
  'dropped.test TXT': { records: [['never seen']] },
};

describe('systemResolver against the loopback server (stub Resolver)', () => {
  let server: DnsServer;
  let dns: Resolver;

  beforeAll(async () => {
    server = await startDnsServer({
      resolver: stubResolver(DATA),
      faults: {
        drop: (name) => name === 'dropped.test',
        servfail: (name) => name === 'faulty.test',
      },
    });
    dns = systemResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
  });
  afterAll(() => server.close());

  it('answers A and AAAA in canonical text form', async () => {
    expect(await dns.query('host.test', 'A')).toEqual({
      ok: true,
      name: 'host.test',
      type: 'A',
      records: ['192.0.2.1', '192.0.2.2'],
    });
    expect(await dns.query('host.test', 'AAAA')).toMatchObject({ ok: true, records: ['2001:db8::1'] });
  });

  it('answers MX as {priority, exchange}, including a null MX (RFC 7505)', async () => {
    const mx = await dns.query('mail.test', 'MX');
    expect(mx.ok && [...mx.records].sort((a, b) => a.priority - b.priority)).toEqual([
      { priority: 10, exchange: 'mx1.mail.test' },
      { priority: 20, exchange: 'mx2.mail.test' },
    ]);
    expect(await dns.query('nullmx.test', 'MX')).toMatchObject({
      ok: true,
      records: [{ priority: 0, exchange: '' }],
    });
  });

  it('keeps TXT character-strings separate, per record', async () => {
    const txt = await dns.query('txt.test', 'TXT');
    expect(txt.ok).toBe(true);
    expect(txt.ok && [...txt.records].sort((a, b) => a.length - b.length)).toEqual([
      ['second record'],
      ['v=spf1 ', 'ip4:192.0.2.0/24 ', '-all'],
    ]);
  });

  it('round-trips non-ASCII TXT strings (sent as UTF-8)', async () => {
    expect(await dns.query('utf8.test', 'TXT')).toMatchObject({
      ok: true,
      records: [['caf\u00e9 ', '\u4e2d\u6587', ' raw\x80byte']],
    });
  });

  it('answers PTR, CNAME, NS and SOA', async () => {
    expect(await dns.query('1.2.0.192.in-addr.arpa', 'PTR')).toMatchObject({
      ok: true,
      records: ['host.test'],
    });
    expect(await dns.query('alias.test', 'CNAME')).toMatchObject({ ok: true, records: ['host.test'] });
    const ns = await dns.query('zone.test', 'NS');
    expect(ns.ok && [...ns.records].sort()).toEqual(['ns1.zone.test', 'ns2.zone.test']);
    expect(await dns.query('zone.test', 'SOA')).toEqual({
      ok: true,
      name: 'zone.test',
      type: 'SOA',
      records: [
        {
          mname: 'ns1.zone.test',
          rname: 'hostmaster.zone.test',
          serial: 2024010101,
          refresh: 7200,
          retry: 3600,
          expire: 1209600,
          minimum: 300,
        },
      ],
    });
  });

  it('follows a CNAME chain to the records at its end, and lists the chain', async () => {
    const a = await dns.query('alias.test', 'A');
    expect(a).toEqual({
      ok: true,
      name: 'alias.test',
      type: 'A',
      records: ['192.0.2.1'],
      cnames: ['host.test'],
    });
    expect(await dns.query('chain.test', 'TXT')).toMatchObject({ ok: true, records: [['at the end']] });
  });

  it('tells NXDOMAIN from NODATA', async () => {
    expect(await dns.query('nowhere.test', 'TXT')).toMatchObject({
      ok: false,
      name: 'nowhere.test',
      type: 'TXT',
      kind: 'NXDOMAIN',
      message: 'ENOTFOUND',
    });
    expect(await dns.query('host.test', 'TXT')).toMatchObject({
      ok: false,
      kind: 'NODATA',
      message: 'ENODATA',
    });
    expect(await dns.query('host.test', 'MX')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await dns.query('zone.test', 'A')).toMatchObject({ ok: false, kind: 'NODATA' });
  });

  it('reports SERVFAIL and REFUSED from the server', async () => {
    expect(await dns.query('broken.test', 'TXT')).toMatchObject({
      ok: false,
      kind: 'SERVFAIL',
      message: 'ESERVFAIL',
    });
    expect(await dns.query('faulty.test', 'TXT')).toMatchObject({ ok: false, kind: 'SERVFAIL' });
    expect(await dns.query('refused.test', 'TXT')).toMatchObject({
      ok: false,
      kind: 'REFUSED',
      message: 'EREFUSED',
    });
  });

  it('reports a dropped query, or a TIMEOUT from the served resolver, as TIMEOUT', async () => {
    expect(await dns.query('dropped.test', 'TXT')).toMatchObject({
      ok: false,
      kind: 'TIMEOUT',
      message: 'ETIMEOUT',
    });
    expect(await dns.query('slow.test', 'TXT')).toMatchObject({ ok: false, kind: 'TIMEOUT' });
  });

  it('gets a TXT answer over 512 octets complete through the TCP fallback', async () => {
    const truncatedBefore = server.stats.truncated;
    const tcpBefore = server.stats.tcp;
    const big = await dns.query('big.test', 'TXT');
    expect(big).toMatchObject({ ok: true, records: [LONG_STRINGS] });
    expect(big.ok && big.records[0]?.join('').length).toBe(1000);
    expect(server.stats.truncated).toBe(truncatedBefore + 1);
    expect(server.stats.tcp).toBe(tcpBefore + 1);
    expect(server.stats.byQuestion.get(questionKey('big.test', 'TXT'))).toBe(2); // UDP, then TCP
  });

  it('gets several large answers in parallel through the TCP fallback, each matched to its question', async () => {
    const results = await Promise.all(
      ['big1.test', 'big2.test', 'big3.test'].map((n) => dns.query(n, 'TXT')),
    );
    results.forEach((result, i) => {
      expect(result.ok && result.records[0]?.map((s) => s[0])).toEqual(Array(5).fill(String(i + 1)));
      expect(result.ok && result.records[0]?.join('').length).toBe(1000);
    });
    for (const n of ['big1.test', 'big2.test', 'big3.test']) {
      expect(server.stats.byQuestion.get(questionKey(n, 'TXT'))).toBe(2);
    }
  });

  it('queries an upper-case IDN name as its lower-case A-label', async () => {
    expect(await dns.query('WWW.B\u00dcCHER.Test.', 'A')).toEqual({
      ok: true,
      name: 'www.xn--bcher-kva.test',
      type: 'A',
      records: ['192.0.2.77'],
    });
    expect(server.stats.byQuestion.get(questionKey('www.xn--bcher-kva.test', 'A'))).toBe(1);
  });

  it('returns BADNAME for an unqueryable name without sending a query', async () => {
    const before = server.stats.udp;
    expect(await dns.query('a..b.test', 'A')).toMatchObject({ ok: false, kind: 'BADNAME' });
    expect(await dns.query(`${'x'.repeat(64)}.test`, 'TXT')).toMatchObject({ ok: false, kind: 'BADNAME' });
    expect(server.stats.udp).toBe(before);
  });

  it('sends one query per distinct question (tries: 1, answers under 512 octets)', async () => {
    const s = await startDnsServer({ resolver: stubResolver(DATA) });
    try {
      const r = systemResolver({ servers: [s.address], timeoutMs: 300, tries: 1 });
      await Promise.all([
        r.query('host.test', 'A'),
        r.query('host.test', 'AAAA'),
        r.query('nowhere.test', 'MX'),
      ]);
      await r.query('host.test', 'A');
      expect(Object.fromEntries(s.stats.byQuestion)).toEqual({
        'host.test A': 2,
        'host.test AAAA': 1,
        'nowhere.test MX': 1,
      });
      expect(s.stats.udp).toBe(4);
      expect(s.stats.tcp).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe('systemResolver against the loopback server (zone file via zoneResolver)', () => {
  const ZONE = `$ORIGIN example.test.
$TTL 300
@        SOA ns1 hostmaster 1 7200 3600 1209600 300
@        NS  ns1
@        MX  10 mx1
@        TXT "v=spf1 " "mx -all"
_dmarc   TXT "v=DMARC1; p=reject; rua=mailto:d@example.test"
ns1      A   192.0.2.53
mx1      A   192.0.2.10
mx1      AAAA 2001:db8::10
www      CNAME web
web      CNAME mx1
gone     CNAME nothing.example.test.
sel._domainkey TXT ( "v=DKIM1; k=rsa; "
                     "p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYt"
                     "IxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhi" )
a.b      TXT "deep"
`;
  let server: DnsServer;
  let dns: Resolver;

  beforeAll(async () => {
    server = await startDnsServer({ resolver: zoneResolverFromText(ZONE) });
    dns = systemResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
  });
  afterAll(() => server.close());

  it('serves the zone records', async () => {
    expect(await dns.query('example.test', 'TXT')).toMatchObject({
      ok: true,
      records: [['v=spf1 ', 'mx -all']],
    });
    expect(await dns.query('example.test', 'MX')).toMatchObject({
      ok: true,
      records: [{ priority: 10, exchange: 'mx1.example.test' }],
    });
    expect(await dns.query('_dmarc.example.test', 'TXT')).toMatchObject({
      ok: true,
      records: [['v=DMARC1; p=reject; rua=mailto:d@example.test']],
    });
    expect(await dns.query('mx1.example.test', 'AAAA')).toMatchObject({
      ok: true,
      records: ['2001:db8::10'],
    });
    expect(await dns.query('example.test', 'SOA')).toMatchObject({
      ok: true,
      records: [{ mname: 'ns1.example.test', rname: 'hostmaster.example.test', serial: 1, minimum: 300 }],
    });
    const dkim = await dns.query('sel._domainkey.example.test', 'TXT');
    expect(dkim.ok && dkim.records[0]?.length).toBe(3);
  });

  it('follows a two-step CNAME chain served by zoneResolver', async () => {
    expect(await dns.query('www.example.test', 'A')).toMatchObject({ ok: true, records: ['192.0.2.10'] });
    expect(await dns.query('www.example.test', 'CNAME')).toMatchObject({
      ok: true,
      records: ['web.example.test'],
    });
  });

  it('keeps NXDOMAIN, NODATA and empty non-terminals apart', async () => {
    expect(await dns.query('nope.example.test', 'A')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(await dns.query('mx1.example.test', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await dns.query('b.example.test', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
    expect(await dns.query('gone.example.test', 'TXT')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
  });
});

/** A raw UDP responder for replies the Resolver interface cannot express (CNAME plus an RCODE). */
async function rawServer(reply: (q: dnsPacket.DecodedPacket) => dnsPacket.Packet): Promise<dgram.Socket> {
  const sock = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => sock.bind(0, '127.0.0.1', resolve));
  sock.on('message', (msg, rinfo) => {
    const q = dnsPacket.decode(msg);
    sock.send(dnsPacket.encode(reply(q)), rinfo.port, rinfo.address);
  });
  return sock;
}

describe('systemResolver at the end of a CNAME chain', () => {
  it('maps "CNAME + RCODE 3" to NXDOMAIN, and asks the target of a lone CNAME (NODATA when it has none)', async () => {
    const asked: string[] = [];
    const sock = await rawServer((q) => {
      const question = q.questions![0]!;
      asked.push(question.name);
      const nx = question.name.startsWith('nx');
      const alias = question.name.startsWith('nx') || question.name.startsWith('nodata');
      return {
        type: 'response',
        id: q.id,
        flags: dnsPacket.RECURSION_AVAILABLE | (nx ? 3 : 0),
        questions: q.questions,
        answers: alias
          ? [{ type: 'CNAME', name: question.name, ttl: 0, data: nx ? 'missing.test' : 'bare.test' }]
          : [],
      };
    });
    try {
      const dns = systemResolver({ servers: [`127.0.0.1:${sock.address().port}`], timeoutMs: 300, tries: 1 });
      for (const type of ['TXT', 'MX', 'A', 'AAAA', 'NS', 'PTR'] as const) {
        expect(await dns.query('nx.test', type)).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
        expect(await dns.query('nodata.test', type)).toMatchObject({ ok: false, kind: 'NODATA' });
      }
      // the NXDOMAIN answer is final; the lone CNAME makes the resolver ask its target
      expect(asked.filter((n) => n === 'missing.test')).toEqual([]);
      expect(asked.filter((n) => n === 'bare.test')).toHaveLength(6);
    } finally {
      sock.close();
    }
  });
});

describe('systemResolver: unreachable servers and bad options', () => {
  it('reports a server nobody listens on as TIMEOUT, never NXDOMAIN/NODATA', async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(resolve));
    const dns = systemResolver({ servers: [`127.0.0.1:${port}`], timeoutMs: 300, tries: 1 });
    const result = await dns.query('example.test', 'TXT');
    expect(result).toMatchObject({ ok: false, kind: 'TIMEOUT' });
    expect(['ECONNREFUSED', 'ETIMEOUT']).toContain((result as DnsFailure).message);
  });

  it('throws TypeError at construction for a malformed server string', () => {
    for (const bad of [
      'dns.example.com',
      '192.0.2.1:0',
      '192.0.2.1:65536',
      '192.0.2.1:',
      '192.0.2.1:53x',
      '999.0.2.1',
      '[192.0.2.1]:53',
      '[2001:db8::1',
      '2001:db8::1:53:x',
      '[::1]:',
      '',
    ]) {
      expect(() => systemResolver({ servers: [bad] }), bad).toThrow(TypeError);
    }
    expect(() => systemResolver({ servers: ['dns.example.com'] })).toThrow(
      /Invalid DNS server "dns\.example\.com"/,
    );
  });

  it('accepts host, host:port, [v6] and [v6]:port', () => {
    expect(parseServer('192.0.2.53')).toBe('192.0.2.53');
    expect(parseServer('192.0.2.53:5353')).toBe('192.0.2.53:5353');
    expect(parseServer('2001:db8::53')).toBe('2001:db8::53');
    expect(parseServer('[2001:db8::53]')).toBe('2001:db8::53');
    expect(parseServer('[2001:db8::53]:5353')).toBe('[2001:db8::53]:5353');
    expect(() =>
      systemResolver({ servers: ['192.0.2.53', '192.0.2.54:5353', '[2001:db8::53]:53', '::1'] }),
    ).not.toThrow();
  });

  it('throws RangeError for a bad timeout or tries', () => {
    expect(() => systemResolver({ timeoutMs: 0 })).toThrow(RangeError);
    expect(() => systemResolver({ timeoutMs: 1.5 })).toThrow(RangeError);
    expect(() => systemResolver({ tries: 0 })).toThrow(RangeError);
    expect(() => systemResolver({ tries: Number.NaN })).toThrow(RangeError);
  });
});

describe('c-ares error mapping and TXT decoding', () => {
  it('maps the c-ares codes per the documented table', () => {
    expect(caresErrorKind('ENOTFOUND')).toBe('NXDOMAIN');
    expect(caresErrorKind('ENODATA')).toBe('NODATA');
    expect(caresErrorKind('ETIMEOUT')).toBe('TIMEOUT');
    expect(caresErrorKind('ECONNREFUSED')).toBe('TIMEOUT');
    expect(caresErrorKind('ESERVFAIL')).toBe('SERVFAIL');
    expect(caresErrorKind('EREFUSED')).toBe('REFUSED');
    expect(caresErrorKind('EBADNAME')).toBe('BADNAME');
    expect(caresErrorKind('EBADQUERY')).toBe('BADNAME');
    expect(caresErrorKind('ENOTIMP')).toBe('REFUSED');
    expect(caresErrorKind('EFORMERR')).toBe('REFUSED');
    expect(caresErrorKind('EBADRESP')).toBe('SERVFAIL');
    expect(caresErrorKind('ENOMEM')).toBe('SERVFAIL');
    expect(caresErrorKind(undefined)).toBe('SERVFAIL');
    expect(caresErrorKind('toString')).toBe('SERVFAIL');
    const definitive = Object.entries(CARES_ERROR_KINDS).filter(
      ([, k]) => k === 'NXDOMAIN' || k === 'NODATA',
    );
    expect(definitive.map(([c]) => c).sort()).toEqual(['ENODATA', 'ENOTFOUND']);
  });

  it('is one table for node and for the wire client, with the unreachable-server codes', () => {
    expect(CARES_ERROR_KINDS).toBe(ERROR_CODES_TABLE);
    for (const code of ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ECANCELLED']) {
      expect(caresErrorKind(code), code).toBe('TIMEOUT');
    }
  });

  it('waits 5000 ms per try and tries twice by default (as the README, CLI and Action say)', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(5000);
    expect(DEFAULT_TRIES).toBe(2);
  });

  it('re-decodes Latin-1 strings from node as UTF-8 when valid, else keeps the octets', () => {
    expect(decodeTxtRecord(['plain', 'ascii'])).toEqual(['plain', 'ascii']);
    expect(decodeTxtRecord(['caf\u00c3\u00a9'])).toEqual(['caf\u00e9']);
    expect(decodeTxtRecord(['\x80raw'])).toEqual(['\x80raw']);
    // a UTF-8 sequence split across strings keeps the whole record as octets
    expect(decodeTxtRecord(['caf\u00c3', '\u00a9', '\u00c3\u00a9'])).toEqual([
      'caf\u00c3',
      '\u00a9',
      '\u00c3\u00a9',
    ]);
  });
});
