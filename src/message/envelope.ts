/**
 * The SMTP envelope (client IP, HELO, MAIL FROM) read back from a message's trace header fields, for callers
 * that verify a saved message without the envelope. Only used with `trustReceived`: the newest Received field
 * is written by the receiving system, but anything older could have been written by anyone.
 *
 * @module
 */

import { isIP } from 'node:net';
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
  /** The Return-Path value used, when it was. */
  returnPath?: string;
}

const ADDRESS_LITERAL = /\[(?:IPv6:)?([0-9A-Fa-f:.]+)\]/g;

/** Removes the outer angle brackets of a path (RFC 5321 §4.1.2) and surrounding space. */
function unbracket(path: string): string {
  const p = path.trim();
  const m = p.match(/<([^>]*)>/);
  return (m ? (m[1] ?? '') : p).trim();
}

/** Reads `from <helo> (<tcp-info>)` and `envelope-from` out of a Received field value (RFC 5321 §4.4). */
export function parseReceived(value: string): { helo?: string; ip?: string; envelopeFrom?: string } {
  const v = unfold(value);
  const out: { helo?: string; ip?: string; envelopeFrom?: string } = {};
  const from = v.match(/^\s*from\s+(\S+)((?:\s*\([^)]*\))*)/i);
  if (from) {
    const helo = (from[1] ?? '').replace(/[;]$/, '');
    out.helo = helo.replace(/^\[(?:IPv6:)?(.*)\]$/i, '$1');
    const comments = from[2] ?? '';
    let ip: string | undefined;
    for (const m of comments.matchAll(ADDRESS_LITERAL)) if (isIP(m[1] ?? '')) ip = m[1];
    if (!ip) {
      for (const word of comments.split(/[\s()=]+/)) if (isIP(word)) ip = word;
    }
    if (!ip && isIP(out.helo)) ip = out.helo;
    if (ip) out.ip = ip;
  }
  const env = v.match(/envelope-from\s*[=:]?\s*(<[^>]*>|[^\s;()]+)/i);
  if (env) out.envelopeFrom = unbracket(env[1] ?? '');
  return out;
}

/**
 * Reads the envelope from the newest Received field that has a `from` clause and from Return-Path.
 *
 * @param headers the message's header fields, top first.
 */
export function envelopeFromHeaders(headers: readonly MessageHeader[]): EnvelopeFromHeaders {
  const out: EnvelopeFromHeaders = {};
  let index = -1;
  for (const h of headers) {
    if (h.key !== 'received') continue;
    index++;
    const r = parseReceived(h.value);
    if (!r.helo && !r.ip) continue;
    out.received = { index, value: unfold(h.value) };
    if (r.ip) out.ip = r.ip;
    if (r.helo) out.helo = r.helo;
    if (r.envelopeFrom !== undefined) out.mailFrom = r.envelopeFrom;
    break;
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
