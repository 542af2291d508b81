/**
 * The SMTP envelope (client IP, HELO, MAIL FROM) read back from a message's trace header fields, for callers
 * that verify a saved message without the envelope. Only used with `trustReceived`: the newest Received field
 * is written by the receiving system, but anything older could have been written by anyone. Fields whose
 * client IP is private, loopback or link-local record hops between internal relays of the receiving
 * organisation and are passed over for the newest field with a public client IP.
 *
 * @module
 */

import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { type MessageHeader, unfold } from '../mail/message-input.js';

/** What the trace fields say about the envelope. */
export interface EnvelopeFromHeaders {
  /** The client IP address from the TCP-info of the newest Received field with a `from` clause. */
  ip?: string;
  /** The HELO/EHLO name from that `from` clause. */
  helo?: string;
  /** The MAIL FROM address: `envelope-from` of that Received field, else the Return-Path (`''` for `<>`). */
  mailFrom?: string;
  /** Which Received field was used (0 = topmost), and its text (untrusted). */
  received?: { index: number; value: string };
  /**
   * Newer Received fields passed over because their client IP is not public (see {@link isInternalAddress}):
   * internal relays of the receiving organisation. Top first.
   */
  skipped?: SkippedReceived[];
  /**
   * True when every Received field with a client IP names a private, loopback or link-local address: the
   * newest one was used anyway, and SPF for it says nothing about the sender.
   */
  noPublicHop?: boolean;
  /** The Return-Path value used, when it was. */
  returnPath?: string;
}

/** A Received field passed over by {@link envelopeFromHeaders}. */
export interface SkippedReceived {
  /** Its position among the Received fields (0 = topmost). */
  index: number;
  /** Its client IP address. */
  ip: string;
  /** Its `from` name, when it has one (untrusted). */
  helo?: string;
  /** The ipaddr.js range name of the address (`private`, `uniqueLocal`, `loopback`, `linkLocal`). */
  range: string;
}

/** The address ranges of internal relays (RFC 1918, RFC 4193, 127/8, ::1, 169.254/16, fe80::/10). */
const INTERNAL_RANGES = new Set(['private', 'uniqueLocal', 'loopback', 'linkLocal']);

/**
 * The range name when `ip` is private (RFC 1918 10/8, 172.16/12, 192.168/16; RFC 4193 fc00::/7), loopback
 * (127/8, ::1), or link-local (169.254/16, fe80::/10), also as an IPv4-mapped IPv6 address; else null (a
 * public address, or not an IP address).
 */
export function isInternalAddress(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress())
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  return INTERNAL_RANGES.has(range) ? range : null;
}

const ADDRESS_LITERAL = /\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]/g;

/**
 * The text between the first `<` and the next `>` of a path (RFC 5321 §4.1.2), trimmed; the whole path trimmed
 * when it has no such pair. Linear in the path's length.
 */
function unbracket(path: string): string {
  const p = path.trim();
  const open = p.indexOf('<');
  const close = open < 0 ? -1 : p.indexOf('>', open + 1);
  return (close < 0 ? p : p.slice(open + 1, close)).trim();
}

/** `[192.0.2.1]` or `[IPv6:2001:db8::1]` as the address inside; any other name as it is. */
function literalOrName(word: string): string {
  return word.startsWith('[') && word.endsWith(']') ? word.slice(1, -1).replace(/^IPv6:/i, '') : word;
}

/** `from` and the blanks after it, at the start of a Received value (after blanks). Anchored, linear. */
const FROM_CLAUSE = /^\s*from\s+(\S+)/i;
/** Blanks then `(`: where the next TCP-info comment of the `from` clause starts (sticky). */
const COMMENT_START = /\s*\(/y;
/** `envelope-from`, then blanks, an optional `=` or `:` with blanks, then the path (sticky, after the keyword). */
const ENVELOPE_FROM = /envelope-from/gi;
const ENVELOPE_FROM_VALUE = /\s*(?:[=:]\s*)?(<[^>]*>|[^\s;()]+)/y;

/**
 * Items of a TCP-info comment whose value the client chose, not the receiving server: Exim's `helo=` (the
 * argument of HELO/EHLO) and `ident=` (RFC 1413, answered by the client's host). Their values can be address
 * literals (`helo=[192.0.2.25]`), which are never the client's IP address.
 */
const CLIENT_ITEM = /\b(helo|ehlo|ident)=("[^"]*"|[^\s)]*)/gi;

/**
 * Reads `from <helo> (<tcp-info>)` and `envelope-from` out of a Received field value (RFC 5321 §4.4). Linear in
 * the value's length: the `from` clause and its comments are read with anchored steps, never a backtracking
 * search (a 200 KB field of blanks or parentheses is read in one pass).
 *
 * The client's IP address is the first address literal of the comments after the `from` name (Postfix and
 * sendmail `from HELO (rdns [IP])`, Exim `from rdns ([IP]:port helo=HELO)`), not counting the values of Exim's
 * `helo=` and `ident=` items, which the client chose; else a bare IP address among the comments' words
 * (Exchange `from host (IP)`); else the `from` name when it is one (Exim without reverse DNS:
 * `from [IP] (port=N helo=HELO)`). The HELO name is Exim's `helo=` value when there is one, else the `from` name.
 */
export function parseReceived(value: string): { helo?: string; ip?: string; envelopeFrom?: string } {
  const v = unfold(value);
  const out: { helo?: string; ip?: string; envelopeFrom?: string } = {};
  const from = FROM_CLAUSE.exec(v);
  if (from) {
    const name = literalOrName((from[1] ?? '').replace(/[;]$/, ''));
    out.helo = name;
    // the comments right after the name: `(...)` groups separated by blanks, without nesting
    let comments = '';
    let at = from[0].length;
    for (;;) {
      COMMENT_START.lastIndex = at;
      const open = COMMENT_START.exec(v);
      if (!open) break;
      const close = v.indexOf(')', COMMENT_START.lastIndex);
      if (close < 0) break;
      comments += v.slice(at, close + 1);
      at = close + 1;
    }
    // Exim's helo= names the HELO; helo= and ident= values are the client's words, never its address
    let heloItem: string | undefined;
    const serverWords = comments.replace(CLIENT_ITEM, (_, key: string, item: string) => {
      if (heloItem === undefined && key.toLowerCase() !== 'ident') heloItem = item.replace(/^"|"$/g, '');
      return ' ';
    });
    if (heloItem) out.helo = literalOrName(heloItem);
    let ip: string | undefined;
    for (const m of serverWords.matchAll(ADDRESS_LITERAL)) {
      if (isIP(m[1] ?? '')) {
        ip = m[1];
        break;
      }
    }
    if (!ip) {
      for (const word of serverWords.split(/[\s()=]+/)) {
        if (isIP(word)) {
          ip = word;
          break;
        }
      }
    }
    if (!ip && isIP(name)) ip = name;
    if (ip) out.ip = ip;
  }
  for (const keyword of v.matchAll(ENVELOPE_FROM)) {
    ENVELOPE_FROM_VALUE.lastIndex = keyword.index + keyword[0].length;
    const env = ENVELOPE_FROM_VALUE.exec(v);
    if (env) {
      out.envelopeFrom = unbracket(env[1] ?? '');
      break;
    }
  }
  return out;
}

/**
 * Reads the envelope from the newest Received field that has a `from` clause and from Return-Path.
 *
 * A Received field whose client IP is private, loopback or link-local (see {@link isInternalAddress}) was
 * written for a hop between internal relays of the receiving organisation (e.g. a filtering gateway handing
 * the message to the mailbox server): it is passed over, and listed in `skipped`, for the next older field
 * whose client IP is public, which is where the message entered the organisation. When no field has a public
 * client IP, the newest field with a `from` clause is used and `noPublicHop` is set. A field with a `from`
 * name but no IP address is used as it is (its address is unknown, not internal).
 *
 * @param headers the message's header fields, top first.
 */
export function envelopeFromHeaders(headers: readonly MessageHeader[]): EnvelopeFromHeaders {
  const out: EnvelopeFromHeaders = {};
  const hops: Array<{ index: number; value: string; r: ReturnType<typeof parseReceived> }> = [];
  let index = -1;
  for (const h of headers) {
    if (h.key !== 'received') continue;
    index++;
    const r = parseReceived(h.value);
    if (!r.helo && !r.ip) continue;
    hops.push({ index, value: unfold(h.value), r });
  }
  const skipped: SkippedReceived[] = [];
  let chosen: (typeof hops)[number] | undefined;
  for (const hop of hops) {
    const range = hop.r.ip ? isInternalAddress(hop.r.ip) : null;
    if (range && hop.r.ip) {
      skipped.push({ index: hop.index, ip: hop.r.ip, ...(hop.r.helo ? { helo: hop.r.helo } : {}), range });
      continue;
    }
    chosen = hop;
    break;
  }
  if (!chosen && hops.length > 0) {
    // no public client anywhere: the newest hop, flagged
    chosen = hops[0];
    out.noPublicHop = true;
  } else if (skipped.length > 0) {
    out.skipped = skipped;
  }
  if (chosen) {
    out.received = { index: chosen.index, value: chosen.value };
    if (chosen.r.ip) out.ip = chosen.r.ip;
    if (chosen.r.helo) out.helo = chosen.r.helo;
    if (chosen.r.envelopeFrom !== undefined) out.mailFrom = chosen.r.envelopeFrom;
  }
  if (out.mailFrom === undefined) {
    const rp = headers.find((h) => h.key === 'return-path');
    if (rp) {
      out.returnPath = unfold(rp.value);
      out.mailFrom = unbracket(rp.value);
    }
  }
  return out;
}
