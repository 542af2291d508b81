import dgram from 'node:dgram';
import net from 'node:net';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsResult, dnsFailure, type Resolver, type RRType } from '../../src/dns/resolver.js';
import { type DnsServer, questionKey, startDnsServer } from './dns-server.js';

const BIG = Array.from({ length: 4 }, () => 'y'.repeat(200)); // 800+ octets of TXT

/** A stub Resolver covering what the server has to translate. */
const stub: Resolver = {
  async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
    const ok = (records: unknown[], cnames?: string[]): DnsResult<T> =>
      ({ ok: true, name, type, records, ...(cnames ? { cnames } : {}) }) as DnsResult<T>;
    if (name === 'host.test' && type === 'A') return ok(['192.0.2.1']);
    if (name === 'host.test' && type === 'TXT') return ok([['one', 'two'], ['three']]);
    if (name === 'big.test' && type === 'TXT') return ok([BIG]);
    if (name === 'mx.test' && type === 'MX') return ok([{ priority: 0, exchange: '' }]);
    if (name === 'chain.test' && type === 'A') return ok(['192.0.2.9'], ['b.test', 'c.test']);
    if (name === 'toolong.test' && type === 'TXT') return ok([['z'.repeat(256)]]);
    if (name === 'badaddr.test' && type === 'A') return ok(['not an address']);
    if (name === 'throws.test') throw new Error('boom');
    if (name === 'badname.test') return dnsFailure(name, type, 'BADNAME');
    if (name === 'refused.test') return dnsFailure(name, type, 'REFUSED');
    if (name === 'host.test') return dnsFailure(name, type, 'NODATA');
    return dnsFailure(name, type, 'NXDOMAIN');
  },
};

function query(
  name: string,
  type: dnsPacket.RecordType,
  id: number,
  extra: Partial<dnsPacket.Packet> = {},
): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type, class: 'IN' }],
    ...extra,
  });
}

/** Sends one UDP datagram and waits for a reply (null after `waitMs`). */
async function udpExchange(
  port: number,
  message: Buffer,
  waitMs = 1000,
): Promise<dnsPacket.DecodedPacket | null> {
  const sock = dgram.createSocket('udp4');
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), waitMs);
      sock.on('message', (msg) => {
        clearTimeout(timer);
        resolve(dnsPacket.decode(msg));
      });
      sock.send(message, port, '127.0.0.1');
    });
  } finally {
    sock.close();
  }
}

/** Opens a TCP connection, writes the chunks (each after the previous is flushed) and collects `count` replies. */
async function tcpExchange(
  port: number,
  chunks: Buffer[],
  count: number,
): Promise<dnsPacket.DecodedPacket[]> {
  const sock = net.connect(port, '127.0.0.1');
  sock.setNoDelay(true);
  const replies: dnsPacket.DecodedPacket[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let pending: Buffer = Buffer.alloc(0);
      sock.on('error', reject);
      sock.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
          const len = pending.readUInt16BE(0);
          replies.push(dnsPacket.decode(pending.subarray(2, 2 + len)));
          pending = pending.subarray(2 + len);
        }
        if (replies.length >= count) resolve();
      });
      sock.on('connect', async () => {
        for (const chunk of chunks) {
          await new Promise<void>((done) => sock.write(chunk, () => done()));
          await new Promise((done) => setImmediate(done));
        }
      });
    });
  } finally {
    sock.destroy();
  }
  return replies;
}

function framed(message: Buffer): Buffer {
  const out = Buffer.alloc(2 + message.length);
  out.writeUInt16BE(message.length, 0);
  message.copy(out, 2);
  return out;
}

/** The character-strings of a TXT answer RR, as UTF-8 text. */
function txtStrings(answer: dnsPacket.Answer | undefined): string[] | undefined {
  const data = (answer as dnsPacket.TxtAnswer | undefined)?.data;
  return Array.isArray(data) ? data.map((b) => b.toString()) : undefined;
}

const rcode = (p: dnsPacket.DecodedPacket | null): number | undefined =>
  p ? (p.flags ?? 0) & 0xf : undefined;

describe('startDnsServer', () => {
  let server: DnsServer;

  beforeAll(async () => {
    server = await startDnsServer({ resolver: stub, faults: { servfail: (name) => name === 'sick.test' } });
  });
  afterAll(() => server.close());

  it('listens on UDP and TCP on the same loopback port', async () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
    const udp = await udpExchange(server.port, query('host.test', 'A', 1));
    const [tcp] = await tcpExchange(server.port, [framed(query('host.test', 'A', 2))], 1);
    expect(udp?.answers).toMatchObject([{ type: 'A', name: 'host.test', data: '192.0.2.1' }]);
    expect(tcp?.answers).toMatchObject([{ type: 'A', name: 'host.test', data: '192.0.2.1' }]);
    expect(udp?.id).toBe(1);
    expect(tcp?.id).toBe(2);
  });

  it('sends TXT character-strings separately', async () => {
    const reply = await udpExchange(server.port, query('host.test', 'TXT', 3));
    const data = reply?.answers?.map(txtStrings);
    expect(data).toEqual([['one', 'two'], ['three']]);
  });

  it('emits a CNAME chain first, owned by the names as asked (case kept), then the records', async () => {
    const reply = await udpExchange(server.port, query('Chain.TEST', 'A', 4));
    expect(reply?.questions).toEqual([{ name: 'Chain.TEST', type: 'A', class: 'IN' }]);
    expect(reply?.answers?.map((a) => [a.name, a.type, (a as { data: unknown }).data])).toEqual([
      ['Chain.TEST', 'CNAME', 'b.test'],
      ['b.test', 'CNAME', 'c.test'],
      ['c.test', 'A', '192.0.2.9'],
    ]);
    expect(server.stats.byQuestion.get('chain.test A')).toBe(1);
  });

  it('encodes a null MX exchange as the root', async () => {
    const reply = await udpExchange(server.port, query('mx.test', 'MX', 5));
    expect(reply?.answers).toMatchObject([{ type: 'MX', data: { preference: 0, exchange: '.' } }]);
  });

  it('maps failure kinds to RCODEs', async () => {
    const cases: [string, number][] = [
      ['nowhere.test', 3],
      ['badname.test', 3],
      ['refused.test', 5],
      ['throws.test', 2],
      ['sick.test', 2],
      ['toolong.test', 2],
    ];
    for (const [name, expected] of cases) {
      const reply = await udpExchange(server.port, query(name, name === 'badaddr.test' ? 'A' : 'TXT', 6));
      expect(rcode(reply), name).toBe(expected);
      expect(reply?.answers, name).toEqual([]);
    }
    expect(rcode(await udpExchange(server.port, query('badaddr.test', 'A', 7)))).toBe(2);
    const nodata = await udpExchange(server.port, query('host.test', 'MX', 8));
    expect(rcode(nodata)).toBe(0);
    expect(nodata?.answers).toEqual([]);
  });

  it('answers unsupported types with NOTIMP and a question-less query with FORMERR', async () => {
    expect(rcode(await udpExchange(server.port, query('host.test', 'SRV', 9)))).toBe(4);
    const empty = dnsPacket.encode({ type: 'query', id: 10, questions: [] });
    expect(rcode(await udpExchange(server.port, empty))).toBe(1);
  });

  it('truncates a UDP reply over 512 octets (TC, no answers) and answers it whole over TCP', async () => {
    const before = server.stats.truncated;
    const udp = await udpExchange(server.port, query('big.test', 'TXT', 11));
    expect(udp?.flag_tc).toBe(true);
    expect(udp?.answers).toEqual([]);
    expect(udp?.questions).toEqual([{ name: 'big.test', type: 'TXT', class: 'IN' }]);
    expect(server.stats.truncated).toBe(before + 1);
    const [tcp] = await tcpExchange(server.port, [framed(query('big.test', 'TXT', 12))], 1);
    expect(tcp?.flag_tc).toBe(false);
    expect(txtStrings(tcp?.answers?.[0])).toEqual(BIG);
  });

  it('honours the EDNS0 UDP payload size the client advertises (RFC 6891)', async () => {
    const opt = (size: number): Partial<dnsPacket.Packet> => ({
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: size,
          extendedRcode: 0,
          ednsVersion: 0,
          flags: 0,
          flag_do: false,
          options: [],
        },
      ],
    });
    const large = await udpExchange(server.port, query('big.test', 'TXT', 13, opt(4096)));
    expect(large?.flag_tc).toBe(false);
    expect(large?.answers).toHaveLength(1);
    expect(large?.additionals?.[0]?.type).toBe('OPT');
    // below 512 counts as 512 (RFC 6891 §6.2.5); still too small for this answer
    const small = await udpExchange(server.port, query('big.test', 'TXT', 14, opt(256)));
    expect(small?.flag_tc).toBe(true);
    const fits = await udpExchange(server.port, query('host.test', 'TXT', 15, opt(256)));
    expect(fits?.flag_tc).toBe(false);
    expect(fits?.answers).toHaveLength(2);
  });

  it('handles several queries per TCP connection, split and coalesced arbitrarily', async () => {
    const q1 = framed(query('host.test', 'A', 21));
    const q2 = framed(query('host.test', 'TXT', 22));
    const q3 = framed(query('nowhere.test', 'A', 23));
    const all = Buffer.concat([q1, q2, q3]);
    // one byte, then the rest of q1 and q2 together, then q3 in two pieces
    const chunks = [
      all.subarray(0, 1),
      all.subarray(1, q1.length + q2.length),
      all.subarray(q1.length + q2.length, -3),
      all.subarray(-3),
    ];
    const replies = await tcpExchange(server.port, chunks, 3);
    const byId = new Map(replies.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([21, 22, 23]);
    expect(byId.get(21)?.answers).toMatchObject([{ data: '192.0.2.1' }]);
    expect(byId.get(22)?.answers).toHaveLength(2);
    expect(rcode(byId.get(23) ?? null)).toBe(3);
  });

  it('ignores malformed packets and responses, and keeps serving', async () => {
    const udpBefore = server.stats.udp;
    expect(await udpExchange(server.port, Buffer.from([1, 2, 3]), 200)).toBeNull();
    expect(await udpExchange(server.port, Buffer.alloc(0), 200)).toBeNull();
    const response = dnsPacket.encode({
      type: 'response',
      id: 30,
      questions: [{ name: 'host.test', type: 'A' }],
    });
    expect(await udpExchange(server.port, response, 200)).toBeNull();
    expect(server.stats.udp).toBe(udpBefore);
    // a garbage frame on TCP, then a good one on the same connection
    const replies = await tcpExchange(
      server.port,
      [framed(Buffer.from('garbage')), framed(query('host.test', 'A', 31))],
      1,
    );
    expect(replies.map((r) => r.id)).toEqual([31]);
    expect((await udpExchange(server.port, query('host.test', 'A', 32)))?.id).toBe(32);
  });

  it('counts queries per question', async () => {
    const s = await startDnsServer({ resolver: stub });
    try {
      await udpExchange(s.port, query('Host.Test.', 'A', 40));
      await udpExchange(s.port, query('host.test', 'A', 41));
      await tcpExchange(s.port, [framed(query('host.test', 'TXT', 42))], 1);
      expect(Object.fromEntries(s.stats.byQuestion)).toEqual({ 'host.test A': 2, 'host.test TXT': 1 });
      expect(s.stats).toMatchObject({ udp: 2, tcp: 1, truncated: 0 });
      expect(questionKey('Host.Test.', 'txt')).toBe('host.test TXT');
    } finally {
      await s.close();
    }
  });
});

describe('startDnsServer faults, delay and close', () => {
  it('drops the questions `faults.drop` selects (still counted)', async () => {
    const s = await startDnsServer({
      resolver: stub,
      faults: { drop: (name, type) => name === 'host.test' && type === 'A' },
    });
    try {
      expect(await udpExchange(s.port, query('host.test', 'A', 50), 300)).toBeNull();
      expect((await udpExchange(s.port, query('host.test', 'TXT', 51)))?.answers).toHaveLength(2);
      expect(s.stats.byQuestion.get('host.test A')).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('still answers with delayMs, and close() drops a delayed reply and resolves', async () => {
    const s = await startDnsServer({ resolver: stub, delayMs: 50 });
    const reply = await udpExchange(s.port, query('host.test', 'A', 60));
    expect(reply?.answers).toHaveLength(1);
    const pending = udpExchange(s.port, query('host.test', 'A', 61), 400);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await s.close();
    await s.close(); // idempotent
    expect(await pending).toBeNull();
  });

  it('releases its port on close (a new server can bind the same port over TCP)', async () => {
    const s = await startDnsServer({ resolver: stub });
    const [tcp] = await tcpExchange(s.port, [framed(query('host.test', 'A', 70))], 1);
    expect(tcp?.id).toBe(70);
    await s.close();
    const probe = net.createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(s.port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
});
