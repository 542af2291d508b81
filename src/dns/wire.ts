/**
 * mailgate's stub-resolver client (RFC 1035 §4.2, RFC 7766) on `dns-packet`: `systemResolver` sends every question
 * through {@link queryWire} (see `system.ts` for why not c-ares: RCODEs 6–11, CNAME loops, owner names, lone CNAMEs,
 * cancellation). Names are sent as their octets: those c-ares refuses (RFC 2181 §11 allows any octet in a label,
 * and SPF macros, RFC 7208 §7, produce `foo:bar/baz.example.com`) and those with a `\` are asked as they are.
 *
 * What {@link queryWire} does, per try:
 * - **UDP first** (RFC 1035 §4.2.1), from a connected socket on a random port, with a random 16-bit ID, RD=1 and
 *   no EDNS0 (like c-ares in Node 24: answers over 512 octets come back truncated). A datagram is accepted only
 *   when it is a response whose ID and question (name case-insensitively, type, class IN) match the query; any
 *   other datagram (spoofing, cross-talk, a late answer to an earlier try) is ignored and the wait goes on.
 * - **TC=1** → the same question again over **TCP** to the same server (2-octet length prefix, replies reassembled
 *   from partial reads, RFC 7766 §8), within the same per-try timeout.
 * - **Tries**: `tries` rounds over the server list, in order; each try waits at most `timeoutMs`. A server that
 *   answers with any RCODE other than NOERROR and NXDOMAIN is skipped in later rounds (as c-ares does); the result
 *   is the first NOERROR/NXDOMAIN answer, else the failure of the last try.
 * - **Answers**: the CNAME chain is followed from the question and only the records owned by its last name are
 *   taken; a loop or a chain over {@link MAX_CNAME_CHAIN} is `SERVFAIL`; a reply whose answer section holds only
 *   records of other names is `SERVFAIL` (`EBADRESP`); a lone CNAME without a negative answer for its target is
 *   followed by asking the target.
 * - **Cancellation**: `signal` closes the sockets at once; the result is `TIMEOUT` (`ECANCELLED`).
 *
 * The failure kinds and messages follow the c-ares table in `error-codes.ts` (`CARES_ERROR_KINDS`): no reply →
 * `TIMEOUT` (`ETIMEOUT`); connection refused or network unreachable → `TIMEOUT` (`ECONNREFUSED`, ...); RCODE 2
 * and RCODEs 6–15 → `SERVFAIL`; RCODE 5/4/1 → `REFUSED`; a reply that matched the query but could not be decoded,
 * or a TCP connection closed mid-reply → `SERVFAIL` (`EBADRESP`, `EOF`); RCODE 3 → `NXDOMAIN`; NOERROR without a
 * record of the type → `NODATA`. Sockets are always closed; nothing is thrown.
 *
 * @module
 */

import { randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net, { isIPv4, isIPv6 } from 'node:net';
import dnsPacket from 'dns-packet';
import { DEFAULT_TIMEOUT_MS } from './defaults.js';
import { caresErrorKind } from './error-codes.js';
import {
  type DnsFailure,
  type DnsResult,
  dnsFailure,
  type MxData,
  type RecordDataMap,
  type RRType,
  type SoaData,
} from './resolver.js';
import { decodeTxtRecord } from './txt-octets.js';

/** Options for {@link queryWire}. */
export interface WireOptions {
  /**
   * Servers to ask, in order: `"192.0.2.53"`, `"192.0.2.53:5353"`, `"2001:db8::53"`, `"[2001:db8::53]"` or
   * `"[2001:db8::53]:5353"` (IP addresses; port default 53) — the forms `dns.getServers()` returns. Entries in any
   * other form are skipped; with no usable entry the result is a `TIMEOUT` failure.
   */
  servers: readonly string[];
  /** Time to wait for one answer from one server (UDP, and the TCP retry after TC), in milliseconds (> 0). */
  timeoutMs: number;
  /** How many rounds over the server list (integer ≥ 1). */
  tries: number;
  /**
   * Cancels the query: sockets are closed at once, nothing more is sent, and the result is a `TIMEOUT` failure
   * (`ECANCELLED`). Used for the per-domain time limit of an audit.
   */
  signal?: AbortSignal;
}

/**
 * The most CNAMEs {@link queryWire} follows for one question, in the answers and through its own re-queries; a
 * longer chain is a `SERVFAIL` (`CNAME chain longer than 16`), as is a loop.
 */
export const MAX_CNAME_CHAIN = 16;

/** A server address split into host and port. */
export interface ServerAddress {
  host: string;
  port: number;
  family: 4 | 6;
}

/**
 * Splits `ipv4`, `ipv4:port`, `ipv6`, `[ipv6]` or `[ipv6]:port` (port 1..65535, default 53) into its parts.
 *
 * @returns the address, or `null` when the string is in none of those forms (never throws).
 */
export function parseServerAddress(server: string): ServerAddress | null {
  if (typeof server !== 'string') return null;
  const port = (text: string | undefined): number | null => {
    if (text === undefined) return 53;
    const n = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
    return n >= 1 && n <= 65535 ? n : null;
  };
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(server);
  if (bracketed) {
    const host = bracketed[1] ?? '';
    const p = port(bracketed[2]);
    return isIPv6(host) && p !== null ? { host, port: p, family: 6 } : null;
  }
  if (isIPv4(server)) return { host: server, port: 53, family: 4 };
  if (isIPv6(server)) return { host: server, port: 53, family: 6 };
  const hostPort = /^([^:]+):([^:]*)$/.exec(server);
  const p = port(hostPort?.[2]);
  return hostPort && isIPv4(hostPort[1] ?? '') && p !== null
    ? { host: hostPort[1]!, port: p, family: 4 }
    : null;
}

/**
 * Formats 16 address octets as `inet_ntop` does (and so as node's `resolve6` returns them): RFC 5952 text
 * (lower-case hex, the first longest run of two or more zero groups as `::`), except that an IPv4-mapped
 * (`::ffff:0:0/96`) or IPv4-compatible (`::/96`, but not `::` or `::1`...) address ends in dotted-quad form.
 */
export function formatIPv6(octets: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 8; i++) words.push(((octets[2 * i] ?? 0) << 8) | (octets[2 * i + 1] ?? 0));
  let bestBase = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestBase = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  const dotted = (): string => `${octets[12]}.${octets[13]}.${octets[14]}.${octets[15]}`;
  if (bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
    return bestLen === 6 ? `::${dotted()}` : `::ffff:${dotted()}`;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestBase) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += (words[i] ?? 0).toString(16);
  }
  return out;
}

/** Parses IPv6 text (as dns-packet decodes an AAAA record) into 16 octets; null if it is not IPv6 text. */
function ipv6Octets(text: string): Uint8Array | null {
  if (!isIPv6(text)) return null;
  let head = text;
  const tail: number[] = [];
  const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    head = v4[1]!.endsWith('::') ? v4[1]! : v4[1]!.slice(0, -1);
    const [a, b, c, d] = [v4[2], v4[3], v4[4], v4[5]].map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
  }
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const halves = head.split('::');
  const left = groups(halves[0] ?? '');
  const right = halves.length > 1 ? groups(halves[1] ?? '') : [];
  const fill = 8 - tail.length - left.length - right.length;
  const words = [...left, ...Array<number>(halves.length > 1 ? fill : 0).fill(0), ...right, ...tail];
  if (words.length !== 8) return null;
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** Lower-cases ASCII letters only (DNS names compare case-insensitively in ASCII, RFC 4343). */
function asciiLower(name: string): string {
  return name.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** A name from a reply: without the trailing dot, lower-case (as `system.ts` returns host names). */
function hostName(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}

/** Whether two names are the same (ASCII case-insensitive, trailing dot ignored). */
function sameName(a: string, b: string): boolean {
  return asciiLower(a.replace(/\.$/, '')) === asciiLower(b.replace(/\.$/, ''));
}

function failure(name: string, type: RRType, code: string): DnsFailure {
  return dnsFailure(name, type, caresErrorKind(code), code);
}

/** The names of RCODEs 0–11 (RFC 1035 §4.1.1, RFC 2136 §2.2, RFC 8490 §7), for failure messages. */
const RCODE_NAMES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
  'DSOTYPENI',
];

/**
 * RCODE → c-ares-style code for the error RCODEs: 1 `EFORMERR`, 2 `ESERVFAIL`, 4 `ENOTIMP`, 5 `EREFUSED`, and
 * `ESERVFAIL` for every other RCODE but NOERROR and NXDOMAIN (6–11, YXDOMAIN…DSOTYPENI, which make no sense in
 * the answer to a query, and 12–15, unassigned): the server did not answer the question, so nothing is known —
 * never "no record" (c-ares itself reports RCODEs 6–11 as `ENODATA`, which is why every query goes through here).
 */
function rcodeCode(rcode: number): string {
  switch (rcode) {
    case 1:
      return 'EFORMERR';
    case 4:
      return 'ENOTIMP';
    case 5:
      return 'EREFUSED';
    default:
      return 'ESERVFAIL';
  }
}

/** The failure message for an error RCODE: the code, and the RCODE when the code does not name it. */
function rcodeMessage(rcode: number): string {
  const code = rcodeCode(rcode);
  return rcode === 1 || rcode === 2 || rcode === 4 || rcode === 5
    ? code
    : `${code} (RCODE ${rcode}${RCODE_NAMES[rcode] ? ` ${RCODE_NAMES[rcode]}` : ''})`;
}

/** One question on the wire: its ID and encoded message. */
interface Question {
  name: string;
  type: RRType;
  id: number;
  message: Buffer;
}

function buildQuestion(name: string, type: RRType): Question {
  const id = randomInt(0, 0x10000);
  const message = dnsPacket.encode({
    type: 'query',
    id,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, class: 'IN', name }],
  });
  return { name, type, id, message };
}

/** The outcome of one exchange with one server: a matching reply, or a c-ares-style error code (and a message). */
type Exchange = { reply: dnsPacket.DecodedPacket } | { error: string; message?: string };

/**
 * Checks a received message against the question: `'match'` (decoded reply in `packet`), `'bad'` (the ID matches
 * but the message is not a decodable reply to the question) or `'other'` (not for us).
 */
function match(
  q: Question,
  message: Buffer,
): { kind: 'match'; packet: dnsPacket.DecodedPacket } | { kind: 'bad' | 'other' } {
  if (message.length < 12 || message.readUInt16BE(0) !== q.id) return { kind: 'other' };
  let packet: dnsPacket.DecodedPacket;
  try {
    packet = dnsPacket.decode(message);
  } catch {
    return { kind: 'bad' };
  }
  const questions = packet.questions ?? [];
  const question = questions[0];
  if (
    packet.type !== 'response' ||
    questions.length !== 1 ||
    question === undefined ||
    question.type !== q.type ||
    (question.class ?? 'IN') !== 'IN' ||
    !sameName(question.name, q.name)
  ) {
    return { kind: 'other' };
  }
  return { kind: 'match', packet };
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'ESERVFAIL';
}

/** Asks one server over UDP; waits at most `timeoutMs`, or until `signal` aborts (`ECANCELLED`). Never rejects. */
function udpExchange(
  server: ServerAddress,
  q: Question,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    if (signal?.aborted) return resolve({ error: 'ECANCELLED' });
    let done = false;
    let sawBad = false;
    const socket = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4');
    const onAbort = () => finish({ error: 'ECANCELLED' });
    const finish = (outcome: Exchange): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('message');
      try {
        socket.close();
      } catch {
        // already closed
      }
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ error: sawBad ? 'EBADRESP' : 'ETIMEOUT' }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (err) => finish({ error: errorCode(err) }));
    socket.on('message', (message: Buffer) => {
      const m = match(q, message);
      if (m.kind === 'match') finish({ reply: m.packet });
      else if (m.kind === 'bad') sawBad = true;
    });
    try {
      socket.connect(server.port, server.host, () => {
        if (done) return;
        socket.send(q.message, (err) => {
          if (err) finish({ error: errorCode(err) });
        });
      });
    } catch (err) {
      finish({ error: errorCode(err) });
    }
  });
}

/**
 * Asks one server over TCP (RFC 7766); waits at most `timeoutMs` for connect and reply, or until `signal` aborts
 * (`ECANCELLED`). Never rejects.
 */
function tcpExchange(
  server: ServerAddress,
  q: Question,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    if (signal?.aborted) return resolve({ error: 'ECANCELLED' });
    let done = false;
    let pending: Buffer = Buffer.alloc(0);
    const socket = net.connect({ host: server.host, port: server.port });
    const onAbort = () => finish({ error: 'ECANCELLED' });
    const finish = (outcome: Exchange): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('data');
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ error: 'ETIMEOUT' }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', (err) => finish({ error: errorCode(err) }));
    socket.on('close', () => finish({ error: 'EOF' }));
    socket.on('connect', () => {
      const framed = Buffer.alloc(2 + q.message.length);
      framed.writeUInt16BE(q.message.length, 0);
      q.message.copy(framed, 2);
      socket.write(framed);
    });
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const message = pending.subarray(2, 2 + length);
        pending = pending.subarray(2 + length);
        const m = match(q, message);
        if (m.kind === 'match') return finish({ reply: m.packet });
        if (m.kind === 'bad') return finish({ error: 'EBADRESP' });
      }
    });
  });
}

/** Converts one answer record's dns-packet data to the shape `systemResolver` returns; null if unusable. */
function recordData(type: RRType, data: unknown): RecordDataMap[RRType] | null {
  switch (type) {
    case 'A':
      return typeof data === 'string' && isIPv4(data) ? data : null;
    case 'AAAA': {
      const octets = typeof data === 'string' ? ipv6Octets(data) : null;
      return octets ? formatIPv6(octets) : null;
    }
    case 'MX': {
      const mx = data as { preference?: unknown; exchange?: unknown };
      if (typeof mx?.preference !== 'number' || typeof mx.exchange !== 'string') return null;
      return { priority: mx.preference, exchange: hostName(mx.exchange) } satisfies MxData;
    }
    case 'TXT': {
      const parts = Array.isArray(data) ? data : [data];
      const strings = parts.map((p) => (Buffer.isBuffer(p) ? p.toString('latin1') : String(p)));
      return decodeTxtRecord(strings);
    }
    case 'SOA': {
      const soa = data as Partial<Record<keyof SoaData, unknown>>;
      if (typeof soa?.mname !== 'string' || typeof soa.rname !== 'string') return null;
      return {
        mname: hostName(soa.mname),
        rname: hostName(soa.rname),
        serial: Number(soa.serial),
        refresh: Number(soa.refresh),
        retry: Number(soa.retry),
        expire: Number(soa.expire),
        minimum: Number(soa.minimum),
      } satisfies SoaData;
    }
    default:
      return typeof data === 'string' ? hostName(data) : null;
  }
}

/** An answer-section record as dns-packet decodes it. */
interface RawRecord {
  type: string;
  name: string;
  class?: string;
  data?: unknown;
}

/** What one reply says: the final result, or the name to ask next (the CNAME target the reply did not resolve). */
type Step<T extends RRType> = { result: DnsResult<T> } | { next: string };

/**
 * Reads the answer to `name`/`type` from a NOERROR or NXDOMAIN reply to the question `asked` (`name` itself, or
 * the end of the CNAME chain followed so far, listed in `cnames`, which this extends):
 *
 * - RCODE 3: `NXDOMAIN` (RFC 6604 §2: the RCODE describes the last name of the chain);
 * - the CNAME chain in the answer section is followed from `asked` (RFC 1034 §3.6.2), and the records of the type
 *   owned by its last name are the answer; a loop, or more than {@link MAX_CNAME_CHAIN} CNAMEs, is `SERVFAIL`;
 * - records owned by names outside the chain are never taken for the name asked; when the chain ends without a
 *   record of the type, such records (of any type but DNAME) make the reply unusable (`SERVFAIL`, `EBADRESP`)
 *   rather than "no record";
 * - a chain that ends at a new name without its records and without a negative answer for it (no SOA in the
 *   authority section, RFC 2308 §2.2) — what an authoritative server sends for a CNAME whose target is outside its
 *   zones — is followed by asking the target (`next`);
 * - otherwise `NODATA`.
 */
function follow<T extends RRType>(
  name: string,
  asked: string,
  type: T,
  reply: dnsPacket.DecodedPacket,
  cnames: string[],
): Step<T> {
  if (((reply.flags ?? 0) & 0xf) === 3) return { result: failure(name, type, 'ENOTFOUND') };
  const answers = ((reply.answers ?? []) as unknown as RawRecord[]).filter((a) => (a.class ?? 'IN') === 'IN');
  let owner = asked;
  for (;;) {
    const here = answers.filter((a) => a.type === type && sameName(a.name, owner));
    if (here.length > 0) {
      const records: RecordDataMap[T][] = [];
      for (const a of here) {
        const data = recordData(type, a.data);
        if (data !== null) records.push(data as RecordDataMap[T]);
      }
      if (records.length === 0) return { result: failure(name, type, 'EBADRESP') };
      const result: DnsResult<T> = { ok: true, name, type, records };
      if (cnames.length > 0) result.cnames = [...cnames];
      return { result };
    }
    if (type === 'CNAME') break;
    const cname = answers.find((a) => a.type === 'CNAME' && sameName(a.name, owner));
    const target = cname && typeof cname.data === 'string' ? hostName(cname.data) : undefined;
    if (target === undefined) break;
    if (sameName(target, name) || cnames.some((c) => sameName(c, target))) {
      return { result: dnsFailure(name, type, 'SERVFAIL', 'CNAME loop') };
    }
    if (cnames.length >= MAX_CNAME_CHAIN) {
      return { result: dnsFailure(name, type, 'SERVFAIL', `CNAME chain longer than ${MAX_CNAME_CHAIN}`) };
    }
    cnames.push(target);
    owner = target;
  }
  // no record of the type at the end of the chain: a reply whose answer section holds records of other names
  // (other than the chain's own CNAMEs and a DNAME that synthesised one) answered something else
  const chain = [asked, ...cnames];
  const stray = answers.find((a) => a.type !== 'DNAME' && !chain.some((n) => sameName(n, a.name)));
  if (stray !== undefined) {
    return {
      result: dnsFailure(
        name,
        type,
        'SERVFAIL',
        `EBADRESP: the answer holds ${stray.type} records owned by ${hostName(stray.name)}, not by ${owner}`,
      ),
    };
  }
  const negative = ((reply.authorities ?? []) as unknown as RawRecord[]).some((a) => a.type === 'SOA');
  if (type !== 'CNAME' && !sameName(owner, asked) && !negative) return { next: owner };
  return { result: failure(name, type, 'ENODATA') };
}

/**
 * Asks `servers` one question: `tries` rounds over the list, each try waiting at most `timeoutMs` (UDP, then TCP
 * after TC). A server that answers SERVFAIL, REFUSED, NOTIMP, FORMERR or any RCODE other than NOERROR and NXDOMAIN
 * (RCODE 6–11, YXDOMAIN…DSOTYPENI, and the unassigned ones) is skipped in later rounds. Returns the first
 * NOERROR/NXDOMAIN reply, else the c-ares-style code of the last failure (`ECANCELLED` once `signal` aborts).
 */
async function ask(
  servers: readonly ServerAddress[],
  name: string,
  type: RRType,
  timeoutMs: number,
  tries: number,
  signal: AbortSignal | undefined,
): Promise<Exchange> {
  const skipped = new Set<number>();
  let last: Exchange = { error: 'ETIMEOUT' };
  for (let round = 0; round < tries; round++) {
    for (const [index, server] of servers.entries()) {
      if (skipped.has(index)) continue;
      if (signal?.aborted) return { error: 'ECANCELLED' };
      let exchange = await udpExchange(server, buildQuestion(name, type), timeoutMs, signal);
      if ('reply' in exchange && exchange.reply.flag_tc) {
        exchange = await tcpExchange(server, buildQuestion(name, type), timeoutMs, signal);
      }
      if ('error' in exchange) {
        if (exchange.error === 'ECANCELLED') return exchange;
        last = exchange;
        continue;
      }
      const rcode = (exchange.reply.flags ?? 0) & 0xf;
      if (rcode === 0 || rcode === 3) return exchange;
      last = { error: rcodeCode(rcode), message: rcodeMessage(rcode) };
      skipped.add(index);
    }
  }
  return last;
}

/** Whether `name` can be put in a question: labels of 1..63 octets, at most 255 octets on the wire. */
function encodable(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n === '') return false;
  const labels = n.split('.');
  return (
    labels.every((l) => l.length > 0 && Buffer.byteLength(l, 'utf8') <= 63) &&
    labels.reduce((sum, l) => sum + 1 + Buffer.byteLength(l, 'utf8'), 1) <= 255
  );
}

/**
 * Asks DNS servers one question directly over UDP (then TCP when the reply is truncated), as a stub resolver
 * (RFC 1035 §4.2, RFC 7766); see the module notes for the protocol details and the failure mapping.
 *
 * `name` is sent as given (its octets, UTF-8 for non-ASCII; no escapes: a `\` is a `\`), so pass it normalised
 * (`normalizeName`); the answer's `name` is `name` without a trailing dot. Records come in the shapes
 * `systemResolver` returns: A/AAAA canonical text (AAAA as `inet_ntop` writes it), MX `{priority, exchange}`,
 * TXT the character-strings (UTF-8 when every one is valid UTF-8, else one unit per octet), PTR/CNAME/NS names
 * lower-case without the trailing dot, SOA {@link SoaData}. `cnames` lists the CNAME chain followed, if any; a CNAME
 * query returns the record at `name` itself.
 *
 * Worst case, a question takes about `tries × servers × 2 × timeoutMs` ms (UDP, then TCP after a TC reply), times
 * the number of CNAME targets it has to ask (at most {@link MAX_CNAME_CHAIN}); `options.signal` ends it at once.
 *
 * @param name the domain name to ask about (labels 1..63 octets; else a `BADNAME` failure, nothing sent).
 * @param type the record type (class IN).
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`), `timeoutMs` (ms per try), `tries` (rounds),
 *   `signal` (cancels the question: `TIMEOUT`, `ECANCELLED`).
 * @returns the records or a {@link DnsResult} failure; never throws or rejects.
 */
export async function queryWire<T extends RRType>(
  name: string,
  type: T,
  options: WireOptions,
): Promise<DnsResult<T>> {
  const qname = name.endsWith('.') ? name.slice(0, -1) : name;
  try {
    if (!encodable(qname)) return dnsFailure(qname, type, 'BADNAME', 'not encodable in a DNS question');
    const servers = (options.servers ?? [])
      .map(parseServerAddress)
      .filter((s): s is ServerAddress => s !== null);
    if (servers.length === 0) return dnsFailure(qname, type, 'TIMEOUT', 'no usable DNS server');
    const timeoutMs =
      Number.isFinite(options.timeoutMs) && options.timeoutMs > 0 ? options.timeoutMs : DEFAULT_TIMEOUT_MS;
    const tries = Number.isInteger(options.tries) && options.tries > 0 ? options.tries : 1;
    const cnames: string[] = [];
    let asked = qname;
    for (;;) {
      const exchange = await ask(servers, asked, type, timeoutMs, tries, options.signal);
      if ('error' in exchange) {
        const f = failure(qname, type, exchange.error);
        if (exchange.message) f.message = exchange.message;
        if (asked !== qname) f.message += ` (asking ${asked}, the end of the CNAME chain)`;
        return f;
      }
      const step = follow(qname, asked, type, exchange.reply, cnames);
      if ('result' in step) return step.result;
      if (!encodable(step.next)) return dnsFailure(qname, type, 'SERVFAIL', `bad CNAME target ${step.next}`);
      asked = step.next;
    }
  } catch (err) {
    return dnsFailure(qname, type, 'SERVFAIL', `wire query failed: ${String(err)}`);
  }
}
