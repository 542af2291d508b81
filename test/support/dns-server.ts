/**
 * A loopback DNS server for tests: serves any {@link Resolver} (usually a `zoneResolver`) over UDP and TCP on
 * 127.0.0.1, so that `systemResolver` and peers that do their own DNS can be tested against known data without
 * the network.
 *
 * Behaviour (one question per query, class IN):
 * - records → answer RRs, TTL 0. A CNAME chain (`cnames`) is sent first, as a recursive server would: the name as
 *   asked `CNAME cnames[0]`, then `cnames[i-1] CNAME cnames[i]`, then the records, owned by the last name.
 * - `NXDOMAIN` → RCODE 3; `NODATA` → NOERROR, empty answer; `SERVFAIL` → RCODE 2; `REFUSED` → RCODE 5;
 *   `BADNAME` → RCODE 3 (what a real server says for a name it does not hold); `TIMEOUT` → no reply at all.
 *   A resolver that throws, or records that cannot be encoded (a TXT character-string over 255 octets, a bad
 *   address), give RCODE 2.
 * - TXT character-strings are sent separately, each as its UTF-8 octets (`Buffer.from(s, 'utf8')`);
 *   `systemResolver` decodes them back to the same strings.
 * - UDP replies over 512 octets (or over the EDNS0 payload size the client advertised in an OPT record, RFC 6891
 *   §6.2.5; c-ares in Node 24 advertises none) are replaced by a header+question reply with TC set; TCP replies are
 *   complete (2-octet length prefix, several queries per connection, partial reads reassembled; RFC 7766).
 * - Unsupported types get RCODE 4 (NOTIMP), other classes RCODE 5, opcodes other than QUERY RCODE 4, packets
 *   without exactly one question RCODE 1. Undecodable packets and responses are ignored.
 * - Faults ({@link DnsServerFaults}): no reply, SERVFAIL, any RCODE 0..15, hand-made answer sections (CNAME loops,
 *   records owned by another name, a lone CNAME as an authoritative server sends for an out-of-zone target), TC on
 *   every UDP reply, a TCP connection closed without a reply.
 *
 * @module
 */

import dgram from 'node:dgram';
import net, { isIPv4, isIPv6 } from 'node:net';
import dnsPacket from 'dns-packet';
import {
  type DnsResult,
  type RecordDataMap,
  type Resolver,
  RR_TYPES,
  type RRType,
} from '../../src/dns/resolver.js';

/**
 * A reply built by a fault instead of from the resolver (see {@link DnsServerFaults.reply}):
 * - `{ rcode }`: that RCODE (any of 0..15, e.g. 6..11 YXDOMAIN..DSOTYPENI) with an empty answer section;
 * - `{ answers, rcode?, authorities? }`: exactly these answer records (owner names as given: CNAME loops, records
 *   owned by another name, a CNAME without its target) and authority records (e.g. the SOA of a negative
 *   answer), RCODE 0 unless given;
 * - `{ truncated: true }`: over UDP, TC set and no answers, whatever the size; over TCP, the normal answer
 *   (combine with `tcp: 'close'` to make the TCP retry fail too);
 * - `{ tcp: 'close' }`: over TCP, close the connection without a reply (over UDP, the normal answer);
 * - `{ oversize: true }`: the normal answer padded with 2 KB of records in the additional section, sent over UDP
 *   whole (no TC), as a server ignoring the 512-octet limit would;
 * - `'drop'`: no reply at all.
 */
export type FaultReply =
  | { rcode: number; answers?: dnsPacket.Answer[]; authorities?: dnsPacket.Answer[] }
  | { answers: dnsPacket.Answer[]; rcode?: number; authorities?: dnsPacket.Answer[] }
  | { truncated: true; tcp?: 'close' }
  | { tcp: 'close' }
  | { oversize: true }
  | 'drop';

/** Faults to inject, decided per question (`name` is the question name in lower case without the final dot). */
export interface DnsServerFaults {
  /** Return true to never answer the question (the client sees a timeout). */
  drop?: (name: string, type: string) => boolean;
  /** Return true to answer the question with RCODE 2 (SERVFAIL). */
  servfail?: (name: string, type: string) => boolean;
  /** Return a {@link FaultReply} to send it instead of the resolver's answer; undefined for the normal answer. */
  reply?: (name: string, type: string, transport: 'udp' | 'tcp') => FaultReply | undefined;
}

/** Options for {@link startDnsServer}. */
export interface DnsServerOptions {
  /** Answers the questions. */
  resolver: Resolver;
  faults?: DnsServerFaults;
  /** Artificial latency added before each reply, in milliseconds (default 0). */
  delayMs?: number;
}

/** What the server has seen. Every query received is counted, including retries and the TCP retry after TC. */
export interface DnsServerStats {
  /** Queries received over UDP. */
  udp: number;
  /** Queries received over TCP. */
  tcp: number;
  /** UDP replies sent truncated (TC set). */
  truncated: number;
  /** Queries per question, keyed by {@link questionKey} (`"example.com TXT"`). */
  byQuestion: Map<string, number>;
}

/** A running loopback DNS server. */
export interface DnsServer {
  host: '127.0.0.1';
  /** The UDP and TCP port (the same for both). */
  port: number;
  /** `"127.0.0.1:<port>"`, ready for `systemResolver({ servers: [address] })`. */
  address: string;
  stats: DnsServerStats;
  /** Stops listening, drops pending replies and closes open TCP connections. Idempotent. */
  close(): Promise<void>;
}

/** The key of {@link DnsServerStats.byQuestion}: lower-case name without the final dot, a space, the type. */
export function questionKey(name: string, type: string): string {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return `${n.toLowerCase()} ${type.toUpperCase()}`;
}

/** The UDP reply limit without EDNS0, in octets (RFC 1035 §4.2.1). */
export const UDP_LIMIT = 512;

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type Rcode = (typeof RCODE)[keyof typeof RCODE];

const FAILURE_RCODES: Record<string, Rcode> = {
  NXDOMAIN: RCODE.NXDOMAIN,
  NODATA: RCODE.NOERROR,
  SERVFAIL: RCODE.SERVFAIL,
  REFUSED: RCODE.REFUSED,
  BADNAME: RCODE.NXDOMAIN,
};

const SUPPORTED: ReadonlySet<string> = new Set(RR_TYPES);

/** dns-packet writes label lengths without checking them: refuse what it would garble. */
function checkName(name: string): string {
  const labels = name.replace(/^\.|\.$/g, '').split('.');
  if (Buffer.byteLength(name, 'utf8') > 253 || labels.some((l) => Buffer.byteLength(l, 'utf8') > 63)) {
    throw new RangeError(`name too long for DNS: ${name}`);
  }
  return name;
}

/** The dns-packet `data` for one record; throws when the record cannot be encoded faithfully. */
function rdata(type: RRType, data: RecordDataMap[RRType]): unknown {
  switch (type) {
    case 'A':
      if (!isIPv4(data as string)) throw new RangeError(`not an IPv4 address: ${String(data)}`);
      return data;
    case 'AAAA':
      if (!isIPv6(data as string)) throw new RangeError(`not an IPv6 address: ${String(data)}`);
      return data;
    case 'MX': {
      const mx = data as RecordDataMap['MX'];
      return { preference: mx.priority, exchange: checkName(mx.exchange) };
    }
    case 'TXT': {
      const strings = (data as RecordDataMap['TXT']).map((s) => Buffer.from(s, 'utf8'));
      for (const s of strings) {
        if (s.length > 255) throw new RangeError(`TXT character-string of ${s.length} octets (max 255)`);
      }
      return strings;
    }
    case 'SOA': {
      const soa = data as RecordDataMap['SOA'];
      return { ...soa, mname: checkName(soa.mname), rname: checkName(soa.rname) };
    }
    default:
      return checkName(data as string);
  }
}

function answerRecords(qname: string, result: DnsResult & { ok: true }): dnsPacket.Answer[] {
  const out: dnsPacket.Answer[] = [];
  let owner = qname;
  for (const target of result.cnames ?? []) {
    out.push({ type: 'CNAME', name: owner, ttl: 0, class: 'IN', data: checkName(target) });
    owner = target;
  }
  for (const record of result.records) {
    out.push({
      type: result.type,
      name: owner,
      ttl: 0,
      class: 'IN',
      data: rdata(result.type, record),
    } as dnsPacket.Answer);
  }
  return out;
}

/** A reply to send (null: none; `close`: close the TCP connection instead). */
interface Reply {
  packet: dnsPacket.Packet;
  /** Send it with TC set and no records over UDP. */
  truncate?: boolean;
  /** Over TCP: close the connection instead of replying. */
  close?: boolean;
  /** Over UDP: send it whole whatever its size (no TC). */
  oversize?: boolean;
}

/** 2 KB of TXT records for the additional section of an oversize reply. */
const PADDING: dnsPacket.Answer[] = Array.from({ length: 8 }, (_, i) => ({
  type: 'TXT',
  name: `padding${i}.invalid`,
  class: 'IN',
  ttl: 0,
  data: [Buffer.alloc(250, 0x78)],
}));

/**
 * Starts a loopback DNS server on 127.0.0.1, UDP and TCP on the same free port.
 *
 * @throws Error when no port free for both UDP and TCP is found after 20 attempts.
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const { resolver, faults = {}, delayMs = 0 } = options;
  const stats: DnsServerStats = { udp: 0, tcp: 0, truncated: 0, byQuestion: new Map() };
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const connections = new Set<net.Socket>();
  let closed = false;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        done: resolve,
      };
      timers.add(entry);
    });
  }

  /** Builds the reply to one query message, or null for no reply. Rejects only if a fault callback throws. */
  async function answer(message: Buffer, transport: 'udp' | 'tcp'): Promise<Reply | null> {
    const reply = await normalAnswer(message, transport);
    if (reply === null || reply === 'fault') return null;
    return reply;
  }

  /** The reply before transport faults; `'fault'`: a fault said to send nothing. */
  async function normalAnswer(message: Buffer, transport: 'udp' | 'tcp'): Promise<Reply | 'fault' | null> {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return null;
    }
    if (query.type !== 'query') return null;
    if (transport === 'udp') stats.udp++;
    else stats.tcp++;
    const questions = query.questions ?? [];
    const opt = (query.additionals ?? []).find((a) => a.type === 'OPT');
    const base = (rcode: Rcode, flags = 0): dnsPacket.Packet => ({
      type: 'response',
      id: query.id ?? 0,
      flags:
        ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | dnsPacket.RECURSION_AVAILABLE | flags | rcode,
      questions,
      answers: [],
      authorities: [],
      additionals: opt
        ? [
            {
              type: 'OPT',
              name: '.',
              udpPayloadSize: 1232,
              extendedRcode: 0,
              ednsVersion: 0,
              flags: 0,
              flag_do: false,
              options: [],
            },
          ]
        : [],
    });
    const opcode = (query as { opcode?: string }).opcode;
    if (opcode !== undefined && opcode !== 'QUERY') return { packet: base(RCODE.NOTIMP) };
    const question = questions[0];
    if (questions.length !== 1 || question === undefined) return { packet: base(RCODE.FORMERR) };
    const name = question.name.endsWith('.') ? question.name.slice(0, -1) : question.name;
    const lower = name.toLowerCase();
    const type = String(question.type);
    const key = questionKey(lower, type);
    stats.byQuestion.set(key, (stats.byQuestion.get(key) ?? 0) + 1);

    if ((question.class ?? 'IN') !== 'IN') return { packet: base(RCODE.REFUSED) };
    if (!SUPPORTED.has(type)) return { packet: base(RCODE.NOTIMP) };
    if (faults.drop?.(lower, type)) return null;
    if (delayMs > 0) await sleep(delayMs);
    if (closed) return null;
    if (faults.servfail?.(lower, type)) return { packet: base(RCODE.SERVFAIL) };
    const fault = faults.reply?.(lower, type, transport);
    if (fault === 'drop') return 'fault';
    if (fault !== undefined && ('rcode' in fault || 'answers' in fault)) {
      return {
        packet: {
          ...base((fault.rcode ?? RCODE.NOERROR) as Rcode, dnsPacket.AUTHORITATIVE_ANSWER),
          answers: fault.answers ?? [],
          authorities: fault.authorities ?? [],
        },
      };
    }
    const truncate = fault !== undefined && 'truncated' in fault && transport === 'udp';
    const close = fault !== undefined && 'tcp' in fault && fault.tcp === 'close' && transport === 'tcp';
    const oversize = fault !== undefined && 'oversize' in fault;
    if (close) return { packet: base(RCODE.SERVFAIL), close: true };
    if (truncate) return { packet: base(RCODE.NOERROR, dnsPacket.AUTHORITATIVE_ANSWER), truncate: true };

    let result: DnsResult;
    try {
      result = await resolver.query(lower, type as RRType);
    } catch {
      return { packet: base(RCODE.SERVFAIL) };
    }
    if (result.ok) {
      try {
        const normal = base(RCODE.NOERROR, dnsPacket.AUTHORITATIVE_ANSWER);
        const packet = {
          ...normal,
          answers: answerRecords(name, result),
          ...(oversize ? { additionals: [...(normal.additionals ?? []), ...PADDING] } : {}),
        };
        dnsPacket.encode(packet); // surface encoding errors here
        return oversize ? { packet, oversize: true } : { packet };
      } catch {
        return { packet: base(RCODE.SERVFAIL) };
      }
    }
    if (result.kind === 'TIMEOUT') return null;
    return { packet: base(FAILURE_RCODES[result.kind] ?? RCODE.SERVFAIL, dnsPacket.AUTHORITATIVE_ANSWER) };
  }

  function udpLimit(message: Buffer): number {
    try {
      const opt = dnsPacket.decode(message).additionals?.find((a) => a.type === 'OPT') as
        | dnsPacket.OptAnswer
        | undefined;
      // RFC 6891 §6.2.5: values below 512 are treated as 512.
      return opt ? Math.max(UDP_LIMIT, opt.udpPayloadSize) : UDP_LIMIT;
    } catch {
      return UDP_LIMIT;
    }
  }

  async function onUdp(socket: dgram.Socket, message: Buffer, rinfo: dgram.RemoteInfo): Promise<void> {
    const reply = await answer(message, 'udp');
    if (reply === null || closed) return;
    let wire = dnsPacket.encode(reply.packet);
    if (reply.truncate || (!reply.oversize && wire.length > udpLimit(message))) {
      stats.truncated++;
      wire = dnsPacket.encode({
        ...reply.packet,
        flags: (reply.packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
        answers: [],
        authorities: [],
      });
    }
    socket.send(wire, rinfo.port, rinfo.address, () => {});
  }

  function onTcpConnection(socket: net.Socket): void {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => {});
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const message = Buffer.from(pending.subarray(2, 2 + length));
        pending = pending.subarray(2 + length);
        void answer(message, 'tcp')
          .then((reply) => {
            if (reply === null || closed || socket.destroyed) return;
            if (reply.close) {
              socket.destroy();
              return;
            }
            const wire = dnsPacket.encode(reply.packet);
            if (wire.length > 0xffff) return;
            const framed = Buffer.alloc(2 + wire.length);
            framed.writeUInt16BE(wire.length, 0);
            wire.copy(framed, 2);
            socket.write(framed);
          })
          .catch(() => {});
      }
    });
  }

  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket('udp4');
    udp.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => {
        udp.off('error', reject);
        // Batches send hundreds of queries at once; a larger receive buffer keeps loopback from dropping them.
        try {
          udp.setRecvBufferSize(4 << 20);
        } catch {
          // the kernel may cap it; the default still works for small tests
        }
        resolve();
      });
    });
    const port = udp.address().port;
    const tcp = net.createServer(onTcpConnection);
    const listening = await new Promise<boolean>((resolve, reject) => {
      tcp.once('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'EADDRINUSE') resolve(false);
        else reject(err);
      });
      tcp.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(true));
    }).catch((err: unknown) => {
      udp.close();
      throw err;
    });
    if (!listening) {
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      continue;
    }
    tcp.on('error', () => {});
    udp.on('message', (message, rinfo) => {
      void onUdp(udp, message, rinfo).catch(() => {});
    });

    let closing: Promise<void> | undefined;
    return {
      host: '127.0.0.1',
      port,
      address: `127.0.0.1:${port}`,
      stats,
      close(): Promise<void> {
        closing ??= (async () => {
          closed = true;
          for (const entry of timers) {
            clearTimeout(entry.timer);
            entry.done();
          }
          timers.clear();
          for (const socket of connections) socket.destroy();
          await Promise.all([
            new Promise<void>((resolve) => udp.close(() => resolve())),
            new Promise<void>((resolve) => tcp.close(() => resolve())),
          ]);
        })();
        return closing;
      },
    };
  }
  throw new Error('startDnsServer: no port free for both UDP and TCP on 127.0.0.1 after 20 attempts');
}
