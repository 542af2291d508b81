/**
 * Record types and RDATA of master files, as Knot DNS 3.2 reads them: the type mnemonics it knows, the text
 * form of each type's RDATA (field by field, as its zone scanner's grammar), and the RFC 3597 generic form
 * (`\# length hex`) for any type.
 *
 * The types mailgate answers (A, AAAA, MX, TXT, SPF, PTR, CNAME, NS, SOA) get typed data; every other type Knot
 * knows is checked field by field and kept as text. What Knot refuses is a {@link ZoneParseError}; what it
 * loads but changes (a TXT string over 255 octets, which it splits) is a warning.
 *
 * @module
 */

import { isIPv4, isIPv6 } from 'node:net';
import type { MxData, RecordDataMap, RRType, SoaData } from './resolver.js';
import { decodeTxtRecord } from './txt-octets.js';
import {
  type FieldContext,
  parseBase32hex,
  parseBase64,
  parseHex,
  parseName,
  parseNumber,
  parseTextBytes,
  parseTime,
  tokenError,
  type ZoneName,
} from './zone-fields.js';
import type { ZoneToken } from './zone-lexer.js';

/** The type mnemonics Knot DNS 3.2 knows, with their numbers (IANA DNS parameters). */
export const KNOWN_TYPES: ReadonlyMap<string, number> = new Map([
  ['A', 1],
  ['NS', 2],
  ['CNAME', 5],
  ['SOA', 6],
  ['PTR', 12],
  ['HINFO', 13],
  ['MINFO', 14],
  ['MX', 15],
  ['TXT', 16],
  ['RP', 17],
  ['AFSDB', 18],
  ['RT', 21],
  ['KEY', 25],
  ['AAAA', 28],
  ['LOC', 29],
  ['SRV', 33],
  ['NAPTR', 35],
  ['KX', 36],
  ['CERT', 37],
  ['DNAME', 39],
  ['APL', 42],
  ['DS', 43],
  ['SSHFP', 44],
  ['IPSECKEY', 45],
  ['RRSIG', 46],
  ['NSEC', 47],
  ['DNSKEY', 48],
  ['DHCID', 49],
  ['NSEC3', 50],
  ['NSEC3PARAM', 51],
  ['TLSA', 52],
  ['SMIMEA', 53],
  ['CDS', 59],
  ['CDNSKEY', 60],
  ['OPENPGPKEY', 61],
  ['CSYNC', 62],
  ['ZONEMD', 63],
  ['SVCB', 64],
  ['HTTPS', 65],
  ['SPF', 99],
  ['NID', 104],
  ['L32', 105],
  ['L64', 106],
  ['LP', 107],
  ['EUI48', 108],
  ['EUI64', 109],
  ['URI', 256],
  ['CAA', 257],
]);

const TYPE_BY_NUMBER: ReadonlyMap<number, string> = new Map([...KNOWN_TYPES].map(([k, v]) => [v, k]));

/** Types whose RDATA may be empty (Knot accepts `\# 0` for them, and for types it does not know). */
const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['APL']);

/**
 * The type a type token names: a known mnemonic (any case) or `TYPEn` (n in 0..65535, RFC 3597 §5), returned as
 * the mnemonic when Knot knows the number (`TYPE16` is `TXT`), else as `TYPEn`. `null` for anything else.
 */
export function typeName(raw: string): string | null {
  const up = raw.toUpperCase();
  if (KNOWN_TYPES.has(up)) return up;
  if (!up.startsWith('TYPE') || up.length === 4 || up.length > 24) return null;
  let v = 0;
  for (let i = 4; i < up.length; i++) {
    const c = up.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    v = v * 10 + (c - 0x30);
    if (v > 65535) return null;
  }
  return TYPE_BY_NUMBER.get(v) ?? `TYPE${v}`;
}

const ALGORITHMS: ReadonlyMap<string, number> = new Map([
  ['RSAMD5', 1],
  ['DH', 2],
  ['DSA', 3],
  ['RSASHA1', 5],
  ['DSA-NSEC3-SHA1', 6],
  ['RSASHA1-NSEC3-SHA1', 7],
  ['RSASHA256', 8],
  ['RSASHA512', 10],
  ['ECC-GOST', 12],
  ['ECDSAP256SHA256', 13],
  ['ECDSAP384SHA384', 14],
  ['ED25519', 15],
  ['ED448', 16],
  ['INDIRECT', 252],
  ['PRIVATEDNS', 253],
  ['PRIVATEOID', 254],
]);

const CERT_TYPES: ReadonlyMap<string, number> = new Map([
  ['PKIX', 1],
  ['SPKI', 2],
  ['PGP', 3],
  ['IPKIX', 4],
  ['ISPKI', 5],
  ['IPGP', 6],
  ['ACPKIX', 7],
  ['IACPKIX', 8],
  ['URI', 253],
  ['OID', 254],
]);

/** DS digest types Knot accepts and their digest lengths in octets (RFC 4034, 4509, 6605). */
const DS_DIGEST_OCTETS: ReadonlyMap<number, number> = new Map([
  [1, 20],
  [2, 32],
  [4, 48],
]);

/** The outcome of parsing one record's RDATA. */
export interface ParsedRdata {
  /** Typed data for the types mailgate answers (absent for other types, and for generic data it cannot read). */
  data?: RecordDataMap[RRType];
  /** The RDATA length in octets (wire form). */
  octets: number;
}

/** What the RDATA parser needs from its record. */
export interface RdataContext extends FieldContext {
  /** The current origin (relative names in RDATA are relative to it). */
  origin: ZoneName | undefined;
  /** Records a warning at the record's line. */
  warn: (message: string) => void;
}

const MAX_RDATA = 65535;

/** Walks the RDATA tokens of one record. */
class Fields {
  private i = 0;
  constructor(
    private readonly ctx: RdataContext,
    private readonly type: string,
    private readonly typeTok: ZoneToken,
    readonly toks: readonly ZoneToken[],
  ) {}
  /** The next token, or an error naming the missing field. */
  next(what: string): ZoneToken {
    const t = this.toks[this.i];
    if (!t) {
      const at = this.toks[this.toks.length - 1] ?? this.typeTok;
      tokenError(this.ctx, at, `${this.type} record needs ${what}`);
    }
    this.i++;
    return t;
  }
  has(): boolean {
    return this.i < this.toks.length;
  }
  /** The remaining tokens (consumed). */
  rest(): ZoneToken[] {
    const r = this.toks.slice(this.i);
    this.i = this.toks.length;
    return r;
  }
  /** Errors when tokens are left over. */
  end(): void {
    const t = this.toks[this.i];
    if (t) tokenError(this.ctx, t, `unexpected data '${t.raw}' after the ${this.type} record data`);
  }
  last(): ZoneToken {
    return this.toks[this.toks.length - 1] ?? this.typeTok;
  }
  u8(what: string): number {
    return parseNumber(this.ctx, this.next(what), 255, what);
  }
  u16(what: string): number {
    return parseNumber(this.ctx, this.next(what), 65535, what);
  }
  u32(what: string): number {
    return parseNumber(this.ctx, this.next(what), 0xffffffff, what);
  }
  name(what: string): ZoneName {
    return parseName(this.ctx, this.next(what), this.ctx.origin);
  }
  /** One character-string of at most 255 octets. */
  charString(what: string): Buffer {
    const tok = this.next(what);
    const b = parseTextBytes(this.ctx, tok);
    if (b.length > 255)
      tokenError(this.ctx, tok, `${what} of ${b.length} octets is over 255 (RFC 1035 §3.3)`);
    return b;
  }
  /** A mnemonic or a number, from a table. */
  mnemonic(table: ReadonlyMap<string, number>, max: number, what: string): number {
    const tok = this.next(what);
    const named = tok.quoted ? undefined : table.get(tok.raw.toUpperCase());
    if (named !== undefined) return named;
    const c = tok.raw.charCodeAt(0);
    if (tok.quoted || !(c >= 0x30 && c <= 0x39)) tokenError(this.ctx, tok, `unknown ${what} '${tok.raw}'`);
    return parseNumber(this.ctx, tok, max, what);
  }
}

function ipv4(ctx: FieldContext, tok: ZoneToken, what: string): string {
  if (tok.quoted || !isIPv4(tok.raw)) tokenError(ctx, tok, `${what} '${tok.raw}' is not an IPv4 address`);
  return tok.raw;
}

function ipv6(ctx: FieldContext, tok: ZoneToken, what: string): string {
  const raw = tok.raw;
  let ok = !tok.quoted && raw.length > 0;
  for (let i = 0; ok && i < raw.length; i++) {
    const c = raw.charCodeAt(i) | 0x20;
    ok = (c >= 0x30 && c <= 0x3a) || (c >= 0x61 && c <= 0x66) || c === 0x2e; // digits, ':', a-f, '.'
  }
  if (!ok || !isIPv6(raw)) tokenError(ctx, tok, `${what} '${raw}' is not an IPv6 address`);
  return new URL(`http://[${raw}]/`).hostname.slice(1, -1);
}

/** The type bitmap of NSEC, NSEC3 and CSYNC: type names or `TYPEn`; may be empty. */
function bitmap(f: Fields, ctx: RdataContext): number {
  const types = new Set<number>();
  for (const tok of f.rest()) {
    const t = tok.quoted ? null : typeName(tok.raw);
    if (t === null) tokenError(ctx, tok, `'${tok.raw}' in the type bitmap is not a record type`);
    types.add(KNOWN_TYPES.get(t) ?? Number(t.slice(4)));
  }
  const windows = new Map<number, number>();
  for (const t of types) windows.set(t >> 8, Math.max(windows.get(t >> 8) ?? 0, ((t & 0xff) >> 3) + 1));
  let octets = 0;
  for (const len of windows.values()) octets += 2 + len;
  return octets;
}

/** RRSIG timestamps: `YYYYMMDDHHmmSS` (a real UTC date) or seconds since 1970 (at most 10 digits, 32 bits). */
function timestamp(ctx: FieldContext, tok: ZoneToken, what: string): void {
  const raw = tok.raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) tokenError(ctx, tok, `${what} '${raw}' is not a timestamp`);
  }
  if (tok.quoted || raw.length === 0) tokenError(ctx, tok, `${what} '${raw}' is not a timestamp`);
  if (raw.length === 14) {
    const [y, mo, d, h, mi, s] = [
      raw.slice(0, 4),
      raw.slice(4, 6),
      raw.slice(6, 8),
      raw.slice(8, 10),
      raw.slice(10, 12),
      raw.slice(12, 14),
    ].map(Number) as [number, number, number, number, number, number];
    const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
    const valid =
      y >= 1970 &&
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === mo - 1 &&
      date.getUTCDate() === d &&
      h < 24 &&
      mi < 60 &&
      s < 60 &&
      date.getTime() / 1000 <= 0xffffffff;
    if (!valid) tokenError(ctx, tok, `${what} '${raw}' is not a valid date`);
    return;
  }
  if (raw.length > 10) tokenError(ctx, tok, `${what} '${raw}' is neither YYYYMMDDHHmmSS nor seconds`);
  if (Number(raw) > 0xffffffff) tokenError(ctx, tok, `${what} '${raw}' is over 4294967295`);
}

/** A decimal with at most `decimals` fraction digits, as Knot's LOC `float2`/`float3`; value in 10^-decimals units. */
function fixedPoint(raw: string, decimals: number): number | null {
  const dot = raw.indexOf('.');
  const int = dot < 0 ? raw : raw.slice(0, dot);
  const frac = dot < 0 ? '' : raw.slice(dot + 1);
  if (int.length === 0 || frac.length > decimals) return null;
  for (const part of [int, frac])
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return null;
    }
  return Number(int) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || '0');
}

/** LOC (RFC 1876 §3): `d [m [s]] N|S d [m [s]] E|W alt[m] [siz[m] [hp[m] [vp[m]]]]`, with Knot's limits. */
function loc(f: Fields, ctx: RdataContext): void {
  const toks = f.rest();
  let i = 0;
  const bad = (tok: ZoneToken | undefined, why: string): never =>
    tokenError(ctx, tok ?? f.last(), `LOC record: ${why}`);
  const int = (tok: ZoneToken | undefined, max: number, what: string): number => {
    if (!tok) bad(tok, `${what} is missing`);
    const v = fixedPoint(tok!.raw, 0);
    if (v === null || v > max || tok!.quoted) bad(tok, `${what} '${tok!.raw}' is not 0..${max}`);
    return v!;
  };
  const coordinate = (maxDeg: number, hemispheres: string, what: string) => {
    int(toks[i++], maxDeg, `${what} degrees`);
    for (let part = 0; part < 2; part++) {
      const t = toks[i];
      if (!t) bad(t, `${what} hemisphere is missing`);
      if (hemispheres.includes(t!.raw)) return i++;
      if (part === 0) int(t, 59, `${what} minutes`);
      else {
        const s = fixedPoint(t!.raw, 3);
        if (s === null || s > 59999) bad(t, `${what} seconds '${t!.raw}' is not 0..59.999`);
      }
      i++;
    }
    const h = toks[i];
    if (!h || !hemispheres.includes(h.raw))
      bad(h, `${what} hemisphere must be ${hemispheres.split('').join(' or ')}`);
    return i++;
  };
  coordinate(90, 'NS', 'latitude');
  coordinate(180, 'EW', 'longitude');
  const meters = (tok: ZoneToken | undefined, what: string, max: number, signed: boolean) => {
    if (!tok) bad(tok, `${what} is missing`);
    let raw = tok!.raw;
    if (raw.endsWith('m')) raw = raw.slice(0, -1);
    const negative = signed && raw.startsWith('-');
    if (negative) raw = raw.slice(1);
    const v = fixedPoint(raw, 2);
    if (v === null || v > (negative ? 10000000 : max)) bad(tok, `${what} '${tok!.raw}' is out of range`);
  };
  meters(toks[i++], 'altitude', 4284967295, true);
  for (const what of ['size', 'horizontal precision', 'vertical precision']) {
    if (i >= toks.length) break;
    meters(toks[i++], what, 9000000000, false);
  }
  if (i < toks.length) bad(toks[i], `unexpected data '${toks[i]!.raw}'`);
}

/** APL (RFC 3123): zero or more `[!]1:ipv4/len` or `[!]2:ipv6/len`. */
function apl(f: Fields, ctx: RdataContext): number {
  let octets = 0;
  for (const tok of f.rest()) {
    const raw = tok.raw.startsWith('!') ? tok.raw.slice(1) : tok.raw;
    const colon = raw.indexOf(':');
    const slash = raw.lastIndexOf('/');
    const family = raw.slice(0, colon);
    const addr = raw.slice(colon + 1, slash);
    const len = raw.slice(slash + 1);
    const ok =
      !tok.quoted &&
      colon > 0 &&
      slash > colon &&
      /^\d{1,3}$/.test(len) &&
      ((family === '1' && isIPv4(addr) && Number(len) <= 32) ||
        (family === '2' && isIPv6(addr) && !addr.includes('%') && Number(len) <= 128));
    if (!ok) tokenError(ctx, tok, `APL item '${tok.raw}' is not [!]1:IPv4/length or [!]2:IPv6/length`);
    octets += 4 + (family === '1' ? 4 : 16);
  }
  return octets;
}

/** EUI48/EUI64 (RFC 7043): `xx-xx-...` with 6 or 8 groups of two hex digits. */
function eui(ctx: FieldContext, tok: ZoneToken, groups: number, type: string): void {
  const parts = tok.raw.split('-');
  const ok = !tok.quoted && parts.length === groups && parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p));
  if (!ok) tokenError(ctx, tok, `${type} '${tok.raw}' is not ${groups} hex pairs separated by '-'`);
}

/** NID/L64 locators (RFC 6742): four groups of four hex digits separated by ':'. */
function locator64(ctx: FieldContext, tok: ZoneToken, type: string): void {
  const parts = tok.raw.split(':');
  const ok = !tok.quoted && parts.length === 4 && parts.every((p) => /^[0-9a-fA-F]{4}$/.test(p));
  if (!ok)
    tokenError(ctx, tok, `${type} '${tok.raw}' is not four groups of four hex digits separated by ':'`);
}

/** IPSECKEY (RFC 4025): precedence, gateway type 0-3, algorithm, gateway, then the key unless algorithm is 0. */
function ipseckey(f: Fields, ctx: RdataContext): number {
  f.u8('a precedence');
  const gtTok = f.next('a gateway type');
  const gt = parseNumber(ctx, gtTok, 3, 'IPSECKEY gateway type');
  const alg = f.u8('an algorithm');
  const gw = f.next('a gateway');
  let octets = 3;
  if (gt === 0) {
    if (gw.raw !== '.') tokenError(ctx, gw, "IPSECKEY gateway type 0 needs the gateway '.'");
  } else if (gt === 1) octets += ipv4(ctx, gw, 'IPSECKEY gateway') ? 4 : 0;
  else if (gt === 2) octets += ipv6(ctx, gw, 'IPSECKEY gateway') ? 16 : 0;
  else octets += parseName(ctx, gw, ctx.origin).wire;
  if (alg === 0) {
    f.end();
    return octets;
  }
  return octets + parseBase64(ctx, f.rest(), 'IPSECKEY public key', gw);
}

const SVCB_KEYS: ReadonlyMap<string, number> = new Map([
  ['mandatory', 0],
  ['alpn', 1],
  ['no-default-alpn', 2],
  ['port', 3],
  ['ipv4hint', 4],
  ['ech', 5],
  ['ipv6hint', 6],
]);

/** The value of an SVCB parameter: after `=`, possibly in quotes (`alpn="h2,h3"`). */
function svcbValue(raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
}

/** SvcParams of SVCB/HTTPS (RFC 9460 §2.1) as Knot 3.2 reads them: known keys and `keyN`, unique; mandatory keys present. */
function svcbParams(f: Fields, ctx: RdataContext): number {
  const seen = new Map<number, ZoneToken>();
  const mandatory: number[] = [];
  let mandatoryTok: ZoneToken | undefined;
  let octets = 0;
  for (const tok of f.rest()) {
    if (tok.quoted) tokenError(ctx, tok, `SVCB parameter "${tok.raw}" cannot be quoted as a whole`);
    const eq = tok.raw.indexOf('=');
    const keyText = eq < 0 ? tok.raw : tok.raw.slice(0, eq);
    const value = eq < 0 ? undefined : svcbValue(tok.raw.slice(eq + 1));
    const key = svcbKey(keyText);
    if (key === null) tokenError(ctx, tok, `unknown SVCB parameter '${keyText}'`);
    if (seen.has(key)) tokenError(ctx, tok, `SVCB parameter '${keyText}' is given twice`);
    seen.set(key, tok);
    const badValue = (why: string): never => tokenError(ctx, tok, `SVCB parameter '${keyText}': ${why}`);
    const items = value === undefined ? [] : splitCommaList(value);
    if (key === 2) {
      if (value !== undefined) badValue('takes no value');
    } else if (key <= 6 && value === undefined) badValue('needs a value');
    if (key <= 6 && key !== 2 && key !== 3 && key !== 5 && items.some((x) => x === ''))
      badValue('empty item in the comma-separated list');
    if (key === 0) {
      mandatoryTok = tok;
      for (const item of items) {
        const k = svcbKey(item);
        if (k === null || k === 0) badValue(`'${item}' cannot be mandatory`);
        if (mandatory.includes(k!)) badValue(`'${item}' is listed twice`);
        mandatory.push(k!);
      }
    } else if (key === 3) {
      if (!/^\d{1,5}$/.test(value!) || Number(value) > 65535) badValue(`'${value}' is not a port`);
    } else if (key === 4) {
      for (const a of items) if (!isIPv4(a)) badValue(`'${a}' is not an IPv4 address`);
    } else if (key === 6) {
      for (const a of items) if (!isIPv6(a) || a.includes('%')) badValue(`'${a}' is not an IPv6 address`);
    } else if (key === 5) {
      const fake: ZoneToken = { ...tok, raw: value!, quoted: false };
      parseBase64(ctx, [fake], 'SVCB parameter ech', tok);
    }
    octets += 4 + (value?.length ?? 0);
  }
  for (const k of mandatory)
    if (!seen.has(k)) tokenError(ctx, mandatoryTok!, 'a mandatory SVCB parameter is missing from the record');
  return octets;
}

function svcbKey(text: string): number | null {
  const known = SVCB_KEYS.get(text);
  if (known !== undefined) return known;
  if (!/^key\d{1,5}$/.test(text)) return null;
  const n = Number(text.slice(3));
  return n <= 65535 ? n : null;
}

/** Splits `a,b\,c` on unescaped commas. */
function splitCommaList(text: string): string[] {
  const items: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      i++;
    } else if (c === ',') {
      items.push(cur);
      cur = '';
    } else cur += c;
  }
  items.push(cur);
  return items;
}

/**
 * Parses the text form of one record's RDATA.
 *
 * @param type - the type as {@link typeName} returns it.
 * @param typeTok - the type token (errors about missing fields point at the record's last token).
 * @param toks - the RDATA tokens.
 * @throws {@link ZoneParseError} for RDATA Knot refuses.
 */
export function parseRdata(
  ctx: RdataContext,
  type: string,
  typeTok: ZoneToken,
  toks: readonly ZoneToken[],
): ParsedRdata {
  const first = toks[0];
  if (first && !first.quoted && first.raw === '\\#') return parseGeneric(ctx, type, toks);
  if (!KNOWN_TYPES.has(type))
    tokenError(
      ctx,
      first ?? typeTok,
      `${type} has no text form: write its data in the RFC 3597 generic form (\\# length hex)`,
    );
  const f = new Fields(ctx, type, typeTok, toks);
  const parsed = parseKnown(ctx, type, f);
  if (parsed.octets > MAX_RDATA)
    tokenError(ctx, f.last(), `${type} record data of ${parsed.octets} octets is over ${MAX_RDATA}`);
  return parsed;
}

function parseKnown(ctx: RdataContext, type: string, f: Fields): ParsedRdata {
  switch (type) {
    case 'A': {
      const a = ipv4(ctx, f.next('an IPv4 address'), 'A record');
      f.end();
      return { data: a, octets: 4 };
    }
    case 'AAAA': {
      const a = ipv6(ctx, f.next('an IPv6 address'), 'AAAA record');
      f.end();
      return { data: a, octets: 16 };
    }
    case 'NS':
    case 'CNAME':
    case 'PTR':
    case 'DNAME': {
      const n = f.name('a domain name');
      f.end();
      return type === 'DNAME' ? { octets: n.wire } : { data: n.text, octets: n.wire };
    }
    case 'MX':
    case 'AFSDB':
    case 'RT':
    case 'KX':
    case 'LP': {
      const pref = f.u16(type === 'MX' ? 'MX preference' : `${type} preference`);
      const n = f.name('a host name');
      f.end();
      if (type !== 'MX') return { octets: 2 + n.wire };
      const mx: MxData = { priority: pref, exchange: n.text };
      return { data: mx, octets: 2 + n.wire };
    }
    case 'SOA': {
      const mname = f.name('a primary server name (MNAME)');
      const rname = f.name('a mailbox name (RNAME)');
      const serial = f.u32('SOA serial');
      const timers = ['SOA refresh', 'SOA retry', 'SOA expire', 'SOA minimum'].map((what) =>
        parseTime(ctx, f.next(what), what),
      ) as [number, number, number, number];
      f.end();
      const soa: SoaData = {
        mname: mname.text,
        rname: rname.text,
        serial,
        refresh: timers[0],
        retry: timers[1],
        expire: timers[2],
        minimum: timers[3],
      };
      return { data: soa, octets: mname.wire + rname.wire + 20 };
    }
    case 'TXT':
    case 'SPF':
      return parseTxt(ctx, type, f);
    case 'HINFO': {
      const a = f.charString('HINFO CPU');
      const b = f.charString('HINFO OS');
      f.end();
      return { octets: 2 + a.length + b.length };
    }
    case 'MINFO':
    case 'RP': {
      const a = f.name('a mailbox name');
      const b = f.name('a second domain name');
      f.end();
      return { octets: a.wire + b.wire };
    }
    case 'LOC':
      if (!f.has()) f.next('a latitude');
      loc(f, ctx);
      return { octets: 16 };
    case 'SRV': {
      f.u16('SRV priority');
      f.u16('SRV weight');
      f.u16('SRV port');
      const n = f.name('a target host name');
      f.end();
      return { octets: 6 + n.wire };
    }
    case 'NAPTR': {
      f.u16('NAPTR order');
      f.u16('NAPTR preference');
      const a = f.charString('NAPTR flags');
      const b = f.charString('NAPTR services');
      const c = f.charString('NAPTR regexp');
      const n = f.name('a replacement domain name');
      f.end();
      return { octets: 4 + 3 + a.length + b.length + c.length + n.wire };
    }
    case 'CERT': {
      f.mnemonic(CERT_TYPES, 65535, 'certificate type');
      f.u16('a key tag');
      f.mnemonic(ALGORITHMS, 255, 'algorithm');
      return { octets: 5 + parseBase64(ctx, f.rest(), 'CERT certificate', f.last()) };
    }
    case 'APL':
      return { octets: apl(f, ctx) };
    case 'DS':
    case 'CDS': {
      const tagTok = f.next('a key tag');
      parseNumber(ctx, tagTok, 65535, 'DS key tag');
      f.mnemonic(ALGORITHMS, 255, 'algorithm');
      const digestTypeTok = f.next('a digest type');
      const digestType = parseNumber(ctx, digestTypeTok, 255, 'digest type');
      const digest = parseHex(ctx, f.rest(), `${type} digest`, digestTypeTok);
      if (type === 'DS') {
        // Knot's optional check of DS records: kzonecheck refuses the zone, the Knot server loads it.
        const want = DS_DIGEST_OCTETS.get(digestType);
        if (want === undefined)
          ctx.warn(
            `DS digest type ${digestType} is not one kzonecheck accepts (1 SHA-1, 2 SHA-256, 4 SHA-384); validating resolvers ignore this DS`,
          );
        else if (digest.length !== want)
          ctx.warn(
            `DS digest of ${digest.length} octets does not fit digest type ${digestType} (${want} octets): kzonecheck and BIND refuse the zone, and validators cannot use this DS`,
          );
      }
      return { octets: 4 + digest.length };
    }
    case 'SSHFP': {
      f.u8('SSHFP algorithm');
      const t = f.next('a fingerprint type');
      parseNumber(ctx, t, 255, 'SSHFP fingerprint type');
      return { octets: 2 + parseHex(ctx, f.rest(), 'SSHFP fingerprint', t).length };
    }
    case 'IPSECKEY':
      return { octets: ipseckey(f, ctx) };
    case 'RRSIG': {
      const covered = f.next('a type covered');
      if (covered.quoted || typeName(covered.raw) === null)
        tokenError(ctx, covered, `'${covered.raw}' is not a record type`);
      f.mnemonic(ALGORITHMS, 255, 'algorithm');
      f.u8('RRSIG labels');
      f.u32('RRSIG original TTL');
      timestamp(ctx, f.next('a signature expiration'), 'RRSIG expiration');
      timestamp(ctx, f.next('a signature inception'), 'RRSIG inception');
      f.u16('RRSIG key tag');
      const signer = f.name("a signer's name");
      return { octets: 18 + signer.wire + parseBase64(ctx, f.rest(), 'RRSIG signature', f.last()) };
    }
    case 'NSEC': {
      const n = f.name('a next domain name');
      return { octets: n.wire + bitmap(f, ctx) };
    }
    case 'KEY':
    case 'DNSKEY':
    case 'CDNSKEY': {
      f.u16(`${type} flags`);
      f.u8(`${type} protocol`);
      f.mnemonic(ALGORITHMS, 255, 'algorithm');
      return { octets: 4 + parseBase64(ctx, f.rest(), `${type} public key`, f.last()) };
    }
    case 'DHCID':
    case 'OPENPGPKEY':
      return { octets: parseBase64(ctx, f.rest(), `${type} data`, f.last()) };
    case 'NSEC3':
    case 'NSEC3PARAM': {
      f.u8('hash algorithm');
      f.u8('flags');
      f.u16('iterations');
      const saltTok = f.next('a salt');
      const salt = saltTok.raw === '-' ? 0 : parseHex(ctx, [saltTok], 'salt', saltTok).length;
      if (salt > 255) tokenError(ctx, saltTok, 'salt is over 255 octets');
      if (type === 'NSEC3PARAM') {
        f.end();
        return { octets: 5 + salt };
      }
      const hash = parseBase32hex(ctx, f.next('a next hashed owner name'), 'NSEC3 next hashed owner name');
      return { octets: 6 + salt + hash + bitmap(f, ctx) };
    }
    case 'TLSA':
    case 'SMIMEA': {
      f.u8(`${type} certificate usage`);
      f.u8(`${type} selector`);
      const t = f.next('a matching type');
      parseNumber(ctx, t, 255, `${type} matching type`);
      return { octets: 3 + parseHex(ctx, f.rest(), `${type} certificate association data`, t).length };
    }
    case 'CSYNC': {
      f.u32('CSYNC serial');
      f.u16('CSYNC flags');
      return { octets: 6 + bitmap(f, ctx) };
    }
    case 'ZONEMD': {
      f.u32('ZONEMD serial');
      f.u8('ZONEMD scheme');
      const t = f.next('a hash algorithm');
      parseNumber(ctx, t, 255, 'ZONEMD hash algorithm');
      return { octets: 6 + parseHex(ctx, f.rest(), 'ZONEMD digest', t).length };
    }
    case 'NID':
    case 'L64': {
      f.u16(`${type} preference`);
      locator64(ctx, f.next('a locator'), type);
      f.end();
      return { octets: 10 };
    }
    case 'L32': {
      f.u16('L32 preference');
      ipv4(ctx, f.next('a locator'), 'L32 locator');
      f.end();
      return { octets: 6 };
    }
    case 'EUI48':
    case 'EUI64': {
      eui(ctx, f.next('an address'), type === 'EUI48' ? 6 : 8, type);
      f.end();
      return { octets: type === 'EUI48' ? 6 : 8 };
    }
    case 'URI': {
      f.u16('URI priority');
      f.u16('URI weight');
      const target = parseTextBytes(ctx, f.next('a target'));
      f.end();
      return { octets: 4 + target.length };
    }
    case 'CAA': {
      f.u8('CAA flags');
      const tag = f.charString('CAA tag');
      const value = parseTextBytes(ctx, f.next('a value'));
      f.end();
      return { octets: 2 + tag.length + value.length };
    }
    case 'SVCB':
    case 'HTTPS': {
      f.u16(`${type} priority`);
      const target = f.name('a target name');
      return { octets: 2 + target.wire + svcbParams(f, ctx) };
    }
    default:
      return { octets: 0 };
  }
}

/** TXT/SPF: one or more character-strings; a string over 255 octets is split into 255-octet strings, as Knot does. */
function parseTxt(ctx: RdataContext, type: string, f: Fields): ParsedRdata {
  const toks = f.rest();
  if (toks.length === 0) tokenError(ctx, f.last(), `${type} record needs at least one character-string`);
  const chunks: string[] = [];
  let octets = 0;
  for (const tok of toks) {
    const b = parseTextBytes(ctx, tok);
    if (b.length > 255) {
      // the sizes of the strings Knot serves: n full ones of 255 octets and the rest (said as "4 × 255 + 12")
      const full = Math.floor(b.length / 255);
      const rest = b.length % 255;
      const count = full + (rest > 0 ? 1 : 0);
      const fulls = full === 0 ? [] : full <= 3 ? Array<string>(full).fill('255') : [`${full} × 255`];
      const sizes = [...fulls, ...(rest > 0 ? [String(rest)] : [])].join(' + ');
      ctx.warn(
        `${type} character-string of ${b.length} octets is over 255 (RFC 1035 §3.3): Knot serves it split into ${count} strings (${sizes} octets), which SPF, DKIM and DMARC join again; BIND refuses the zone. Split it into quoted strings of at most 255 octets yourself`,
      );
    }
    if (b.length === 0) {
      chunks.push('');
      octets += 1;
    }
    for (let at = 0; at < b.length; at += 255) {
      const part = b.subarray(at, at + 255);
      chunks.push(part.toString('latin1'));
      octets += 1 + part.length;
    }
  }
  const strings = decodeTxtRecord(chunks);
  if (toks.length > 1 && toks.some((t) => !t.quoted)) {
    ctx.warn(
      `${type} record of ${toks.length} unquoted words is ${toks.length} character-strings, which SPF, DKIM and DMARC join without spaces ("${strings.join('')}"); quote the whole value`,
    );
  }
  return { data: strings, octets };
}

/** Reads a domain name in uncompressed wire form at `at`; returns its text and end, or null when malformed. */
function wireName(b: Buffer, at: number): { text: string; end: number } | null {
  const labels: string[] = [];
  let i = at;
  for (;;) {
    if (i >= b.length) return null;
    const len = b[i]!;
    if (len === 0) return { text: labels.join('.'), end: i + 1 };
    if (len > 63 || i + 1 + len > b.length || i + 1 + len - at > 255) return null;
    let label = '';
    for (const o of b.subarray(i + 1, i + 1 + len)) {
      label +=
        o === 0x2e
          ? '\\.'
          : o < 0x20 || o > 0x7e
            ? `\\${String(o).padStart(3, '0')}`
            : String.fromCharCode(o >= 0x41 && o <= 0x5a ? o + 0x20 : o);
    }
    labels.push(label);
    i += 1 + len;
  }
}

/** Typed data from generic (RFC 3597) RDATA for the types mailgate answers, or null when it is not well formed. */
function decodeWire(type: string, b: Buffer): RecordDataMap[RRType] | null {
  switch (type) {
    case 'A':
      return b.length === 4 ? [...b].join('.') : null;
    case 'AAAA': {
      if (b.length !== 16) return null;
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(b.readUInt16BE(i).toString(16));
      return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
    }
    case 'NS':
    case 'CNAME':
    case 'PTR': {
      const n = wireName(b, 0);
      return n && n.end === b.length ? n.text : null;
    }
    case 'MX': {
      if (b.length < 3) return null;
      const n = wireName(b, 2);
      return n && n.end === b.length ? { priority: b.readUInt16BE(0), exchange: n.text } : null;
    }
    case 'TXT':
    case 'SPF': {
      const strings: string[] = [];
      for (let i = 0; i < b.length; ) {
        const len = b[i]!;
        if (i + 1 + len > b.length) return null;
        strings.push(b.subarray(i + 1, i + 1 + len).toString('latin1'));
        i += 1 + len;
      }
      return strings.length > 0 ? decodeTxtRecord(strings) : null;
    }
    case 'SOA': {
      const m = wireName(b, 0);
      const r = m && wireName(b, m.end);
      if (!m || !r || r.end + 20 !== b.length) return null;
      const at = r.end;
      return {
        mname: m.text,
        rname: r.text,
        serial: b.readUInt32BE(at),
        refresh: b.readUInt32BE(at + 4),
        retry: b.readUInt32BE(at + 8),
        expire: b.readUInt32BE(at + 12),
        minimum: b.readUInt32BE(at + 16),
      };
    }
    default:
      return null;
  }
}

/** RFC 3597 §5 generic RDATA: `\# length hex...`, the length in octets matching the data. */
function parseGeneric(ctx: RdataContext, type: string, toks: readonly ZoneToken[]): ParsedRdata {
  const lenTok = toks[1];
  if (!lenTok) tokenError(ctx, toks[0]!, 'generic RDATA (\\#) needs a length and hexadecimal data');
  const len = parseNumber(ctx, lenTok, 65535, 'generic RDATA length');
  const hexToks = toks.slice(2);
  if (len === 0) {
    if (hexToks.length > 0) tokenError(ctx, hexToks[0]!, 'generic RDATA of length 0 has data after it');
    if (KNOWN_TYPES.has(type) && !MAY_BE_EMPTY.has(type))
      tokenError(ctx, lenTok, `${type} record data cannot be empty`);
    return { octets: 0 };
  }
  const data = parseHex(ctx, hexToks, 'generic RDATA', lenTok);
  if (data.length !== len)
    tokenError(ctx, lenTok, `generic RDATA length ${len} does not match its ${data.length} octets of data`);
  if (
    type === 'A' ||
    type === 'AAAA' ||
    type === 'NS' ||
    type === 'CNAME' ||
    type === 'PTR' ||
    type === 'MX' ||
    type === 'TXT' ||
    type === 'SPF' ||
    type === 'SOA'
  ) {
    const decoded = decodeWire(type, data);
    if (decoded === null) {
      ctx.warn(
        `the ${type} record's generic RDATA (\\# ${len}) is not a well-formed ${type} record: Knot loads and serves it as written; mailgate does not use it`,
      );
      return { octets: len };
    }
    return { data: decoded, octets: len };
  }
  return { octets: len };
}
