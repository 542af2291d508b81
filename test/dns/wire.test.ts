// The stub-resolver client (src/dns/wire.ts) and systemResolver's use of it for names c-ares refuses, against the
// loopback DNS server (zone text served over UDP/TCP) and raw responders for replies a Resolver cannot express.
import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsFailure, Resolver, RRType } from '../../src/dns/resolver.js';
import { systemResolver } from '../../src/dns/system.js';
import { formatIPv6, parseServerAddress, queryWire } from '../../src/dns/wire.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { type DnsServer, questionKey, startDnsServer } from '../support/dns-server.js';

const COLON = 'foo:bar/baz.ex.test';
const SPACES = 'macro%percent  space%20url-space.ex.test';
const LONG = Array.from({ length: 5 }, (_, i) => `${String.fromCharCode(97 + i)}${'x'.repeat(199)}`);

const ZONE = `$ORIGIN ex.test.
$TTL 300
@                                   SOA ns1 hostmaster 7 7200 3600 1209600 300
@                                   NS  ns1
ns1                                 A   192.0.2.53
foo\\:bar/baz                         A   192.0.2.1
foo\\:bar/baz                         A   192.0.2.2
foo\\:bar/baz                         MX  10 foo\\:bar/baz
foo\\:bar/baz                         MX  20 MX2.Ex.Test.
foo\\:bar/baz                         TXT "v=spf1 " "a:foo:bar/baz.ex.test -all"
macro\\%percent\\032\\032space\\%20url-space A 192.0.2.3
macro\\%percent\\032\\032space\\%20url-space MX 0 .
macro\\%percent\\032\\032space\\%20url-space TXT "caf\\195\\169" "second"
macro\\%percent\\032\\032space\\%20url-space AAAA ::ffff:192.0.2.3
big\\:txt                             TXT "${LONG.join('" "')}"
a\\\\b                              TXT "backslash"
c\\:1                                 CNAME c\\:2
c\\:2                                 CNAME target
target                              A   192.0.2.5
dangling\\:cname                      CNAME nothing.ex.test.
bare\\:cname                          CNAME ns1
dropped\\:name                        TXT "never seen"
; ordinary names, for comparing the shapes with c-ares
plain                               A   192.0.2.10
plain                               AAAA 2001:db8:0:0:1:0:0:1
plain                               AAAA 2001:0:0:1:0:0:0:1
plain                               AAAA ::ffff:1.2.3.4
plain                               AAAA ::1.2.3.4
plain                               AAAA ::2
plain                               AAAA 64:ff9b::1.2.3.4
plain                               MX  5 Mail.Ex.Test.
plain                               TXT "plain " "text"
plain                               TXT "caf\\195\\169" "raw\\128"
ptr                                 PTR Plain.Ex.Test.
alias                               CNAME plain
`;

/** A raw UDP (and optionally TCP) responder on one loopback port, for replies the loopback server cannot make. */
interface Raw {
  address: string;
  received: Buffer[];
  close(): Promise<void>;
}

async function rawServer(handlers: {
  udp: (q: dnsPacket.DecodedPacket, send: (p: dnsPacket.Packet | Buffer) => void) => void;
  tcp?: (q: dnsPacket.DecodedPacket, socket: net.Socket) => void;
}): Promise<Raw> {
  const received: Buffer[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    const port = udp.address().port;
    udp.on('message', (msg, rinfo) => {
      received.push(msg);
      const send = (p: dnsPacket.Packet | Buffer) =>
        udp.send(Buffer.isBuffer(p) ? p : dnsPacket.encode(p), rinfo.port, rinfo.address);
      handlers.udp(dnsPacket.decode(msg), send);
    });
    const sockets = new Set<net.Socket>();
    const tcp = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
      let pending = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        if (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          const msg = pending.subarray(2, 2 + pending.readUInt16BE(0));
          received.push(Buffer.from(msg));
          handlers.tcp?.(dnsPacket.decode(msg), socket);
        }
      });
    });
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(true));
    });
    if (!ok) {
      udp.close();
      continue;
    }
    return {
      address: `127.0.0.1:${port}`,
      received,
      close: async () => {
        for (const s of sockets) s.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
      },
    };
  }
  throw new Error('no free port');
}

/** A reply to `q` (same ID and question) with the given answers and RCODE. */
function reply(
  q: dnsPacket.DecodedPacket,
  answers: dnsPacket.Answer[],
  rcode = 0,
  flags = 0,
): dnsPacket.Packet {
  return {
    type: 'response',
    id: q.id,
    flags: dnsPacket.RECURSION_AVAILABLE | flags | rcode,
    questions: q.questions,
    answers,
  };
}

function frame(p: dnsPacket.Packet): Buffer {
  const wire = dnsPacket.encode(p);
  const out = Buffer.alloc(2 + wire.length);
  out.writeUInt16BE(wire.length, 0);
  wire.copy(out, 2);
  return out;
}

/** The number of open UDP and TCP client sockets in this process. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'UDPWrap' || r === 'TCPSocketWrap').length;
}

describe('systemResolver asks names c-ares refuses through the wire client (loopback server, zone text)', () => {
  let server: DnsServer;
  let dns: Resolver;

  beforeAll(async () => {
    server = await startDnsServer({
      resolver: zoneResolverFromText(ZONE),
      faults: { drop: (name) => name === 'dropped:name.ex.test' },
    });
    dns = systemResolver({ servers: [server.address], timeoutMs: 200, tries: 1 });
  });
  afterAll(() => server.close());

  it('resolves A, MX and TXT at a name with ":" and "/"', async () => {
    expect(await dns.query(COLON, 'A')).toEqual({
      ok: true,
      name: COLON,
      type: 'A',
      records: ['192.0.2.1', '192.0.2.2'],
    });
    expect(await dns.query('FOO:BAR/BAZ.Ex.Test.', 'MX')).toEqual({
      ok: true,
      name: COLON,
      type: 'MX',
      records: [
        { priority: 10, exchange: COLON },
        { priority: 20, exchange: 'mx2.ex.test' },
      ],
    });
    expect(await dns.query(COLON, 'TXT')).toEqual({
      ok: true,
      name: COLON,
      type: 'TXT',
      records: [['v=spf1 ', 'a:foo:bar/baz.ex.test -all']],
    });
    // the question reached the server as written: not refused locally as BADNAME
    expect(server.stats.byQuestion.get(questionKey(COLON, 'A'))).toBe(1);
  });

  it('resolves A, MX, TXT and AAAA at a name with spaces and "%" (RFC 7208 macro-mania-in-domain)', async () => {
    expect(await dns.query(SPACES, 'A')).toEqual({
      ok: true,
      name: SPACES,
      type: 'A',
      records: ['192.0.2.3'],
    });
    expect(await dns.query(SPACES, 'MX')).toMatchObject({
      ok: true,
      records: [{ priority: 0, exchange: '' }],
    });
    expect(await dns.query(SPACES, 'TXT')).toMatchObject({ ok: true, records: [['caf\u00e9', 'second']] });
    expect(await dns.query(SPACES, 'AAAA')).toMatchObject({ ok: true, records: ['::ffff:192.0.2.3'] });
  });

  it('asks a name with a backslash literally (c-ares would read it as an escape and ask "ab")', async () => {
    expect(await dns.query('a\\b.ex.test', 'TXT')).toMatchObject({ ok: true, records: [['backslash']] });
    expect(server.stats.byQuestion.get(questionKey('a\\b.ex.test', 'TXT'))).toBe(1);
    expect(server.stats.byQuestion.has(questionKey('ab.ex.test', 'TXT'))).toBe(false);
  });

  it('tells NXDOMAIN from NODATA', async () => {
    expect(await dns.query('no:such.ex.test', 'A')).toEqual({
      ok: false,
      name: 'no:such.ex.test',
      type: 'A',
      kind: 'NXDOMAIN',
      message: 'ENOTFOUND',
    });
    expect(await dns.query(COLON, 'AAAA')).toEqual({
      ok: false,
      name: COLON,
      type: 'AAAA',
      kind: 'NODATA',
      message: 'ENODATA',
    });
    expect(await dns.query(SPACES, 'PTR')).toMatchObject({ ok: false, kind: 'NODATA' });
  });

  it('reports a dropped query as TIMEOUT', async () => {
    const before = server.stats.udp;
    expect(await dns.query('dropped:name.ex.test', 'TXT')).toEqual({
      ok: false,
      name: 'dropped:name.ex.test',
      type: 'TXT',
      kind: 'TIMEOUT',
      message: 'ETIMEOUT',
    });
    expect(server.stats.udp).toBe(before + 1); // tries: 1, one server
  });

  it('gets a TXT answer over 512 octets complete through TC=1 and the TCP retry', async () => {
    const truncated = server.stats.truncated;
    const tcp = server.stats.tcp;
    const big = await dns.query('big:txt.ex.test', 'TXT');
    expect(big).toEqual({ ok: true, name: 'big:txt.ex.test', type: 'TXT', records: [LONG] });
    expect(big.ok && big.records[0]?.join('').length).toBe(1000);
    expect(server.stats.truncated).toBe(truncated + 1);
    expect(server.stats.tcp).toBe(tcp + 1);
    expect(server.stats.byQuestion.get(questionKey('big:txt.ex.test', 'TXT'))).toBe(2); // UDP, then TCP
  });

  it('follows a CNAME chain to the records owned by its last name, and lists it in cnames', async () => {
    expect(await dns.query('c:1.ex.test', 'A')).toEqual({
      ok: true,
      name: 'c:1.ex.test',
      type: 'A',
      records: ['192.0.2.5'],
      cnames: ['c:2.ex.test', 'target.ex.test'],
    });
    expect(await dns.query('c:1.ex.test', 'CNAME')).toEqual({
      ok: true,
      name: 'c:1.ex.test',
      type: 'CNAME',
      records: ['c:2.ex.test'],
    });
    expect(await dns.query('dangling:cname.ex.test', 'TXT')).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(await dns.query('bare:cname.ex.test', 'TXT')).toMatchObject({ ok: false, kind: 'NODATA' });
  });

  it('gives the records in the same shapes as the c-ares path (same servers, ordinary names)', async () => {
    const wire = { servers: [server.address], timeoutMs: 200, tries: 1 };
    const questions: [string, RRType][] = [
      ['plain.ex.test', 'A'],
      ['plain.ex.test', 'AAAA'],
      ['plain.ex.test', 'MX'],
      ['plain.ex.test', 'TXT'],
      ['ptr.ex.test', 'PTR'],
      ['alias.ex.test', 'CNAME'],
      ['ex.test', 'NS'],
      ['ex.test', 'SOA'],
    ];
    for (const [name, type] of questions) {
      const viaCares = await dns.query(name, type);
      expect(viaCares.ok, `${name} ${type}`).toBe(true);
      expect(await queryWire(name, type, wire), `${name} ${type}`).toEqual(viaCares);
    }
    expect(await queryWire('plain.ex.test', 'AAAA', wire)).toMatchObject({
      records: [
        '2001:db8::1:0:0:1',
        '2001:0:0:1::1',
        '::ffff:1.2.3.4',
        '::1.2.3.4',
        '::2',
        '64:ff9b::102:304',
      ],
    });
    // "caf\195\169" "raw\128": one string is valid UTF-8, the other is not, so the whole record keeps its octet
    // form (one character per octet), in the zone as on the wire (decodeTxtRecord decides per record)
    expect(await queryWire('plain.ex.test', 'TXT', wire)).toMatchObject({
      records: [
        ['plain ', 'text'],
        ['caf\u00c3\u00a9', 'raw\u0080'],
      ],
    });
  });
});

describe('queryWire: servers, tries and RCODEs', () => {
  let zone: Resolver;
  beforeAll(() => {
    zone = zoneResolverFromText(ZONE);
  });

  it('moves on to the next server when one does not answer', async () => {
    const silent = await startDnsServer({ resolver: zone, faults: { drop: () => true } });
    const good = await startDnsServer({ resolver: zone });
    try {
      const result = await queryWire(COLON, 'A', {
        servers: [silent.address, good.address],
        timeoutMs: 200,
        tries: 1,
      });
      expect(result).toMatchObject({ ok: true, records: ['192.0.2.1', '192.0.2.2'] });
      expect(silent.stats.udp).toBe(1);
      expect(good.stats.udp).toBe(1);
    } finally {
      await Promise.all([silent.close(), good.close()]);
    }
  });

  it('tries each server `tries` times on silence, but a SERVFAIL server only once', async () => {
    const silent = await startDnsServer({ resolver: zone, faults: { drop: () => true } });
    const failing = await startDnsServer({ resolver: zone, faults: { servfail: () => true } });
    try {
      expect(
        await queryWire(COLON, 'A', { servers: [silent.address], timeoutMs: 100, tries: 3 }),
      ).toMatchObject({
        ok: false,
        kind: 'TIMEOUT',
      });
      expect(silent.stats.udp).toBe(3);
      expect(await queryWire(COLON, 'A', { servers: [failing.address], timeoutMs: 200, tries: 3 })).toEqual({
        ok: false,
        name: COLON,
        type: 'A',
        kind: 'SERVFAIL',
        message: 'ESERVFAIL',
      });
      expect(failing.stats.udp).toBe(1);
    } finally {
      await Promise.all([silent.close(), failing.close()]);
    }
  });

  it('maps RCODE 1/2/4/5 to REFUSED/SERVFAIL/REFUSED/REFUSED and RCODE 3 with a CNAME to NXDOMAIN', async () => {
    const raw = await rawServer({
      udp: (q, send) => {
        const name = q.questions?.[0]?.name ?? '';
        const rcode = Number(/^rcode(\d)/.exec(name)?.[1] ?? 0);
        send(
          reply(q, name.includes('cname') ? [{ type: 'CNAME', name, data: 'missing:x.test' }] : [], rcode),
        );
      },
    });
    try {
      const opts = { servers: [raw.address], timeoutMs: 200, tries: 1 };
      const kinds: Record<string, string> = {};
      for (const rcode of [1, 2, 4, 5]) {
        const r = (await queryWire(`rcode${rcode}:x.test`, 'TXT', opts)) as DnsFailure;
        kinds[rcode] = `${r.kind} ${r.message}`;
      }
      expect(kinds).toEqual({
        1: 'REFUSED EFORMERR',
        2: 'SERVFAIL ESERVFAIL',
        4: 'REFUSED ENOTIMP',
        5: 'REFUSED EREFUSED',
      });
      expect(await queryWire('cname:x.test', 'TXT', opts)).toMatchObject({ ok: false, kind: 'NODATA' });
      expect(await queryWire('rcode3-cname:x.test', 'TXT', opts)).toMatchObject({
        ok: false,
        kind: 'NXDOMAIN',
      });
    } finally {
      await raw.close();
    }
  });

  it('reports a CNAME loop in the answer as SERVFAIL', async () => {
    const raw = await rawServer({
      udp: (q, send) =>
        send(
          reply(q, [
            { type: 'CNAME', name: 'loop:a.test', data: 'loop:b.test' },
            { type: 'CNAME', name: 'loop:b.test', data: 'loop:a.test' },
          ]),
        ),
    });
    try {
      expect(
        await queryWire('loop:a.test', 'A', { servers: [raw.address], timeoutMs: 200, tries: 1 }),
      ).toMatchObject({ ok: false, kind: 'SERVFAIL', message: 'CNAME loop' });
    } finally {
      await raw.close();
    }
  });

  it('reports a port nobody listens on as TIMEOUT, never NXDOMAIN/NODATA', async () => {
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => probe.bind(0, '127.0.0.1', resolve));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await queryWire(COLON, 'A', { servers: [`127.0.0.1:${port}`], timeoutMs: 200, tries: 2 });
    expect(result).toMatchObject({ ok: false, kind: 'TIMEOUT' });
    expect(['ECONNREFUSED', 'ETIMEOUT']).toContain((result as DnsFailure).message);
  });

  it('returns BADNAME without sending for a label over 63 octets, TIMEOUT with no usable server', async () => {
    const raw = await rawServer({ udp: (q, send) => send(reply(q, [])) });
    try {
      const opts = { servers: [raw.address], timeoutMs: 200, tries: 1 };
      expect(await queryWire(`${'x'.repeat(64)}.test`, 'A', opts)).toMatchObject({
        ok: false,
        kind: 'BADNAME',
      });
      expect(await queryWire('a..b.test', 'A', opts)).toMatchObject({ ok: false, kind: 'BADNAME' });
      expect(raw.received).toHaveLength(0);
      expect(
        await queryWire(COLON, 'A', { servers: ['dns.example'], timeoutMs: 200, tries: 1 }),
      ).toMatchObject({
        ok: false,
        kind: 'TIMEOUT',
        message: 'no usable DNS server',
      });
    } finally {
      await raw.close();
    }
  });
});

describe('queryWire: what it sends and which replies it accepts', () => {
  it('sends RD=1, one IN question with the name octets as written, and a fresh random ID per query', async () => {
    const raw = await rawServer({ udp: (q, send) => send(reply(q, [], 3)) });
    try {
      const opts = { servers: [raw.address], timeoutMs: 200, tries: 1 };
      for (let i = 0; i < 8; i++) await queryWire(COLON, 'TXT', opts);
      expect(raw.received).toHaveLength(8);
      const first = dnsPacket.decode(raw.received[0]!);
      expect(first.flag_rd).toBe(true);
      expect(first.questions).toEqual([{ name: COLON, type: 'TXT', class: 'IN' }]);
      expect(first.additionals).toEqual([]); // no EDNS0, like c-ares
      expect(raw.received[0]!.includes(Buffer.from('\x0bfoo:bar/baz\x02ex\x04test\x00', 'latin1'))).toBe(
        true,
      );
      expect(new Set(raw.received.map((m) => m.readUInt16BE(0))).size).toBeGreaterThan(1);
    } finally {
      await raw.close();
    }
  });

  it('ignores replies whose ID, question or QR bit do not match, and takes the matching one', async () => {
    const raw = await rawServer({
      udp: (q, send) => {
        const question = q.questions![0]!;
        const a = (data: string): dnsPacket.Answer => ({ type: 'A', name: question.name, ttl: 0, data });
        send({ ...reply(q, [a('192.0.2.66')], 3), id: (q.id! + 1) & 0xffff }); // wrong ID
        send({ ...reply(q, [a('192.0.2.67')]), questions: [{ ...question, name: 'other.test' }] }); // wrong name
        send({ ...reply(q, [], 3), questions: [{ ...question, type: 'AAAA' }] }); // wrong type
        send({ ...reply(q, [a('192.0.2.68')]), type: 'query' }); // not a response
        send(reply(q, [a('192.0.2.1')]));
      },
    });
    try {
      expect(await queryWire(COLON, 'A', { servers: [raw.address], timeoutMs: 500, tries: 1 })).toEqual({
        ok: true,
        name: COLON,
        type: 'A',
        records: ['192.0.2.1'],
      });
      // the same through systemResolver
      const dns = systemResolver({ servers: [raw.address], timeoutMs: 500, tries: 1 });
      expect(await dns.query('Foo:Bar/Baz.ex.test', 'A')).toMatchObject({ ok: true, records: ['192.0.2.1'] });
    } finally {
      await raw.close();
    }
  });

  it('times out when only mismatched replies come, and calls an undecodable matching reply SERVFAIL', async () => {
    const raw = await rawServer({
      udp: (q, send) => {
        if (q.questions?.[0]?.name.startsWith('garbage')) {
          const junk = Buffer.from([0, 0, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 0x3f]);
          junk.writeUInt16BE(q.id!, 0);
          send(junk);
        } else {
          send({
            ...reply(q, [{ type: 'A', name: q.questions![0]!.name, data: '192.0.2.66' }]),
            id: q.id! ^ 0x8000,
          });
        }
      },
    });
    try {
      const opts = { servers: [raw.address], timeoutMs: 200, tries: 1 };
      expect(await queryWire(COLON, 'A', opts)).toMatchObject({
        ok: false,
        kind: 'TIMEOUT',
        message: 'ETIMEOUT',
      });
      expect(await queryWire('garbage:x.test', 'A', opts)).toMatchObject({
        ok: false,
        kind: 'SERVFAIL',
        message: 'EBADRESP',
      });
    } finally {
      await raw.close();
    }
  });

  it('reassembles a TCP reply from partial reads, skipping a frame with another ID', async () => {
    const raw = await rawServer({
      udp: (q, send) => send(reply(q, [], 0, dnsPacket.TRUNCATED_RESPONSE)),
      tcp: (q, socket) => {
        const txt = (data: string[]): dnsPacket.Answer => ({
          type: 'TXT',
          name: q.questions![0]!.name,
          data,
        });
        const bytes = Buffer.concat([
          frame({ ...reply(q, [txt(['wrong'])]), id: (q.id! + 7) & 0xffff }),
          frame(reply(q, [txt([...LONG])])), // a copy: dns-packet turns the strings into Buffers in place
        ]);
        // 1 octet, then 1 (splitting the length prefix), then pieces of 100
        const pieces = [bytes.subarray(0, 1), bytes.subarray(1, 2)];
        for (let i = 2; i < bytes.length; i += 100) pieces.push(bytes.subarray(i, i + 100));
        const next = () => {
          const piece = pieces.shift();
          if (piece && !socket.destroyed) socket.write(piece, () => setTimeout(next, 2));
        };
        next();
      },
    });
    try {
      expect(
        await queryWire('big:x.test', 'TXT', { servers: [raw.address], timeoutMs: 2000, tries: 1 }),
      ).toEqual({
        ok: true,
        name: 'big:x.test',
        type: 'TXT',
        records: [LONG],
      });
    } finally {
      await raw.close();
    }
  });

  it('reports a TCP connection closed before the reply as SERVFAIL (EOF)', async () => {
    const raw = await rawServer({
      udp: (q, send) => send(reply(q, [], 0, dnsPacket.TRUNCATED_RESPONSE)),
      tcp: (_q, socket) => socket.end(Buffer.from([0x01])),
    });
    try {
      expect(
        await queryWire('big:x.test', 'TXT', { servers: [raw.address], timeoutMs: 1000, tries: 1 }),
      ).toMatchObject({ ok: false, kind: 'SERVFAIL', message: 'EOF' });
    } finally {
      await raw.close();
    }
  });

  it('leaves no socket open after answers, truncation, timeouts and refusals', async () => {
    const server = await startDnsServer({
      resolver: zoneResolverFromText(ZONE),
      faults: { drop: (name) => name === 'dropped:name.ex.test' },
    });
    try {
      const before = openSockets();
      const opts = { servers: [server.address], timeoutMs: 150, tries: 1 };
      await Promise.all([
        queryWire(COLON, 'A', opts),
        queryWire('big:txt.ex.test', 'TXT', opts),
        queryWire('dropped:name.ex.test', 'TXT', opts),
        queryWire('no:such.ex.test', 'TXT', opts),
      ]);
      for (let i = 0; i < 100 && openSockets() > before; i++) await new Promise((r) => setTimeout(r, 10));
      expect(openSockets()).toBeLessThanOrEqual(before);
    } finally {
      await server.close();
    }
  });
});

describe('wire helpers', () => {
  it('formats AAAA octets as c-ares/inet_ntop does', () => {
    const v6 = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex'));
    expect(formatIPv6(v6('20010db8 00000000 00000000 00000001'))).toBe('2001:db8::1');
    expect(formatIPv6(v6('20010000 00000001 00000000 00000001'))).toBe('2001:0:0:1::1'); // longest run
    expect(formatIPv6(v6('00010000 00000002 00000000 00030004'))).toBe('1::2:0:0:3:4'); // first of equal runs
    expect(formatIPv6(v6('00000000 00000000 0000ffff 01020304'))).toBe('::ffff:1.2.3.4');
    expect(formatIPv6(v6('00000000 00000000 00000000 01020304'))).toBe('::1.2.3.4');
    expect(formatIPv6(v6('00000000 00000000 ffff0000 01020304'))).toBe('::ffff:0:102:304');
    expect(formatIPv6(v6('00000000 00000000 00000000 00000002'))).toBe('::2');
    expect(formatIPv6(v6('00000000 00000000 00000000 00000000'))).toBe('::');
    expect(formatIPv6(v6('00010002 00030004 00050006 00070008'))).toBe('1:2:3:4:5:6:7:8');
    expect(formatIPv6(v6('00000000 00000000 00010000 00000000'))).toBe('::1:0:0:0');
  });

  it('parses the server forms dns.getServers() gives', () => {
    expect(parseServerAddress('192.0.2.53')).toEqual({ host: '192.0.2.53', port: 53, family: 4 });
    expect(parseServerAddress('192.0.2.53:5353')).toEqual({ host: '192.0.2.53', port: 5353, family: 4 });
    expect(parseServerAddress('2001:db8::53')).toEqual({ host: '2001:db8::53', port: 53, family: 6 });
    expect(parseServerAddress('[2001:db8::53]')).toEqual({ host: '2001:db8::53', port: 53, family: 6 });
    expect(parseServerAddress('[2001:db8::53]:5353')).toEqual({
      host: '2001:db8::53',
      port: 5353,
      family: 6,
    });
    for (const bad of ['dns.example', '192.0.2.53:0', '192.0.2.53:65536', '[192.0.2.53]:53', '[::1]:', '']) {
      expect(parseServerAddress(bad), bad).toBeNull();
    }
  });
});
