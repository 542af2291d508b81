/**
 * The fields of master-file records, parsed the way Knot DNS's zone scanner parses them: domain names,
 * numbers, TTLs, character-strings, hexadecimal, Base64 and Base32hex. Each parser walks its token once (no
 * regular expressions on the untrusted text) and throws a {@link ZoneParseError} at the token for what Knot
 * refuses.
 *
 * @module
 */

import { ZoneParseError } from './zone-error.js';
import type { ZoneToken } from './zone-lexer.js';

/** Where errors are reported: the file label. */
export interface FieldContext {
  file: string;
}

/** The most characters of a token an error message quotes; a longer token is cut, saying how long it was. */
export const MAX_QUOTED_TOKEN = 100;

/**
 * Throws a {@link ZoneParseError} at a token. A token longer than {@link MAX_QUOTED_TOKEN} characters is quoted
 * only in part wherever `detail` quotes it whole: an error message is printed to CI logs and annotations, and a
 * zone file's token can be anything (with a wide `$INCLUDE` root, another file's contents).
 */
export function tokenError(ctx: FieldContext, tok: ZoneToken, detail: string): never {
  let text = detail;
  if (tok.raw.length > MAX_QUOTED_TOKEN && text.includes(tok.raw))
    text = text
      .split(tok.raw)
      .join(`${tok.raw.slice(0, MAX_QUOTED_TOKEN)}... (${tok.raw.length} characters)`);
  throw new ZoneParseError(ctx.file, tok.line, text, tok.column);
}

/** A domain name in mailgate's form (lower-case, no trailing dot, `''` for the root) and its wire length. */
export interface ZoneName {
  /**
   * Labels joined by `.`, ASCII letters lower-cased, as query names are written; a dot inside a label is `\.`, and
   * control octets and octets over 126 are `\DDD`, so such a name never equals a query name (none can ask it).
   */
  text: string;
  /** Octets in wire form, including the root label (at most 255, RFC 1035 §2.3.4). */
  wire: number;
}

/** The root name. */
export const ROOT: ZoneName = { text: '', wire: 1 };

const MAX_LABEL = 63;
const MAX_NAME_WIRE = 255;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Reads `\DDD` at `raw[i]` (the backslash); returns the octet value, or -1 when the three digits are not there. */
function decimalEscape(raw: string, i: number): number {
  const a = raw.charCodeAt(i + 1);
  const b = raw.charCodeAt(i + 2);
  const c = raw.charCodeAt(i + 3);
  if (!isDigit(a)) return -1;
  if (!isDigit(b) || !isDigit(c)) return -2;
  return (a - 0x30) * 100 + (b - 0x30) * 10 + (c - 0x30);
}

/** The printable form of one label octet in {@link ZoneName.text}. */
function labelChar(octet: number): string {
  if (octet === 0x2e) return '\\.';
  if (octet < 0x20 || octet > 0x7e) return `\\${String(octet).padStart(3, '0')}`;
  if (octet >= 0x41 && octet <= 0x5a) return String.fromCharCode(octet + 0x20);
  return String.fromCharCode(octet);
}

/**
 * Parses a domain name field: `@` (the current origin), an absolute name (ending in `.`), or a name relative to
 * the origin. Label characters are those Knot accepts unescaped (letters, digits, `*`, `-`, `_`, `/`) and any
 * octet written as `\X` or `\DDD`.
 *
 * @param origin - the current origin (`undefined` before any is known: a relative name is then an error).
 * @throws {@link ZoneParseError} for an empty label, a label over 63 octets, a name over 255 octets, a
 *   character Knot refuses, a `\DDD` over 255, a quoted name, or a relative name without an origin.
 */
export function parseName(ctx: FieldContext, tok: ZoneToken, origin: ZoneName | undefined): ZoneName {
  const raw = tok.raw;
  if (tok.quoted) tokenError(ctx, tok, `a domain name cannot be quoted ("${raw}")`);
  if (raw === '@') {
    if (origin === undefined) tokenError(ctx, tok, "'@' used before any origin is known (add $ORIGIN)");
    return origin;
  }
  if (raw === '.') return ROOT;
  const labels: string[] = [];
  let label = '';
  let labelLen = 0;
  let wire = 0;
  let absolute = false;
  const endLabel = (at: number) => {
    if (labelLen === 0)
      tokenError(ctx, tok, `empty label in domain name '${raw}'${at === 0 ? ' (it starts with a dot)' : ''}`);
    labels.push(label);
    wire += 1 + labelLen;
    label = '';
    labelLen = 0;
  };
  for (let i = 0; i < raw.length; ) {
    const c = raw.charCodeAt(i);
    if (c === 0x2e) {
      endLabel(i);
      i++;
      if (i === raw.length) absolute = true;
      continue;
    }
    let octet: number;
    if (c === 0x5c) {
      const d = decimalEscape(raw, i);
      if (d === -2) tokenError(ctx, tok, `bad escape in domain name '${raw}' (\\DDD needs three digits)`);
      if (d >= 0) {
        if (d > 255) tokenError(ctx, tok, `escape \\${raw.slice(i + 1, i + 4)} is over 255 in '${raw}'`);
        octet = d;
        i += 4;
      } else {
        const e = raw.charCodeAt(i + 1);
        if (e > 0x7f) tokenError(ctx, tok, `non-ASCII character in domain name '${raw}' (write it as \\DDD)`);
        octet = e;
        i += 2;
      }
    } else if (isAlnum(c) || c === 0x2a || c === 0x2d || c === 0x5f || c === 0x2f) {
      octet = c;
      i++;
    } else {
      const ch = String.fromCodePoint(raw.codePointAt(i)!);
      const what =
        c > 0x7f
          ? `non-ASCII character '${ch}' (use the A-label, xn--..., of an internationalised name)`
          : c < 0x20 || c === 0x7f
            ? `control character \\${String(c).padStart(3, '0')}`
            : `character '${ch}' (escape it as \\${ch})`;
      tokenError(ctx, tok, `invalid domain name '${raw}': ${what}`);
    }
    labelLen++;
    if (labelLen > MAX_LABEL) tokenError(ctx, tok, `label over ${MAX_LABEL} octets in domain name '${raw}'`);
    label += labelChar(octet);
  }
  if (!absolute) endLabel(raw.length);
  const text = labels.join('.');
  if (absolute) {
    if (wire + 1 > MAX_NAME_WIRE)
      tokenError(ctx, tok, `domain name '${raw}' is over ${MAX_NAME_WIRE} octets`);
    return { text, wire: wire + 1 };
  }
  if (origin === undefined)
    tokenError(
      ctx,
      tok,
      `relative name '${raw}' used before any origin is known (add $ORIGIN, or write '${raw}.')`,
    );
  if (wire + origin.wire > MAX_NAME_WIRE)
    tokenError(ctx, tok, `domain name '${raw}' with the origin is over ${MAX_NAME_WIRE} octets`);
  return { text: origin.text === '' ? text : `${text}.${origin.text}`, wire: wire + origin.wire };
}

/** True when a name token is written absolute: it ends with a dot that is not escaped (`a.` yes, `a\\.` no). */
export function endsWithDot(raw: string): boolean {
  if (!raw.endsWith('.')) return false;
  let backslashes = 0;
  for (let i = raw.length - 2; i >= 0 && raw[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** True when `name` is `origin` or below it. */
export function inZone(name: string, origin: string): boolean {
  return origin === '' || name === origin || name.endsWith(`.${origin}`);
}

/**
 * Parses an unsigned decimal number (digits only, as Knot's scanner) no larger than `max`.
 * @throws {@link ZoneParseError} naming `what` when the token is not such a number.
 */
export function parseNumber(ctx: FieldContext, tok: ZoneToken, max: number, what: string): number {
  const raw = tok.raw;
  if (tok.quoted || raw.length === 0) tokenError(ctx, tok, `${what} must be a number, not "${raw}"`);
  let v = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!isDigit(c)) tokenError(ctx, tok, `${what} must be a number, not '${raw}'`);
    v = v * 10 + (c - 0x30);
    if (v > max) tokenError(ctx, tok, `${what} ${raw} is over ${max}`);
  }
  return v;
}

const UINT32_MAX = 0xffffffff;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * Parses a TTL or other time: seconds, or BIND/Knot units (`1w2d3h4m5s`, case-insensitive; every number but
 * a lone first one needs a unit), at most 2^32-1.
 *
 * @returns seconds, or `null` when `text` is not a time (`reason` says why when given).
 */
export function timeValue(text: string, reason?: { why: string }): number | null {
  if (text.length === 0) return null;
  let total = 0;
  let num = -1;
  let sawUnit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      num = Math.max(num, 0) * 10 + (c - 0x30);
      if (num > UINT32_MAX) {
        if (reason) reason.why = 'is over 4294967295 seconds';
        return null;
      }
      continue;
    }
    const unit = UNIT_SECONDS[text[i]!.toLowerCase()];
    if (unit === undefined || num < 0) {
      if (reason) reason.why = 'is not a time (seconds, or units such as 1h30m)';
      return null;
    }
    total += num * unit;
    if (total > UINT32_MAX) {
      if (reason) reason.why = 'is over 4294967295 seconds';
      return null;
    }
    num = -1;
    sawUnit = true;
  }
  if (num >= 0) {
    if (sawUnit) {
      if (reason) reason.why = 'ends with a number without a unit (write e.g. 1h30m)';
      return null;
    }
    total = num;
  }
  return total;
}

/**
 * Parses a time field (TTL, SOA timers).
 * @throws {@link ZoneParseError} naming `what`.
 */
export function parseTime(ctx: FieldContext, tok: ZoneToken, what: string): number {
  const reason = { why: 'is not a time' };
  const v = tok.quoted ? null : timeValue(tok.raw, reason);
  if (v === null) tokenError(ctx, tok, `${what} '${tok.raw}' ${reason.why}`);
  return v;
}

/**
 * Decodes a character-string token (RFC 1035 §5.1): printable ASCII, `\X` and `\DDD` escapes; in quotes also
 * space, tab, `;` and line breaks. Knot refuses other octets written raw (non-ASCII text must be `\DDD` escapes).
 *
 * @returns the octets.
 * @throws {@link ZoneParseError} for a character Knot refuses or a `\DDD` over 255.
 */
export function parseTextBytes(ctx: FieldContext, tok: ZoneToken): Buffer {
  const raw = tok.raw;
  const out = Buffer.allocUnsafe(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; ) {
    const c = raw.charCodeAt(i);
    if (c === 0x5c) {
      const d = decimalEscape(raw, i);
      if (d === -2) tokenError(ctx, tok, 'bad escape in text (\\DDD needs three digits)');
      if (d >= 0) {
        if (d > 255) tokenError(ctx, tok, `escape \\${raw.slice(i + 1, i + 4)} is over 255`);
        out[n++] = d;
        i += 4;
        continue;
      }
      const e = raw.charCodeAt(i + 1);
      if (e < 0x20 || e > 0x7e) tokenError(ctx, tok, 'a backslash must escape a printable ASCII character');
      out[n++] = e;
      i += 2;
      continue;
    }
    if (c === 0x22 && !tok.quoted)
      tokenError(ctx, tok, 'a quote inside an unquoted word (quote the whole string)');
    const printable = c > 0x20 && c < 0x7f;
    const quotedExtra = tok.quoted && (c === 0x20 || c === 0x09 || c === 0x0a);
    if (!printable && !quotedExtra) {
      const ch = String.fromCodePoint(raw.codePointAt(i)!);
      tokenError(
        ctx,
        tok,
        c > 0x7f
          ? `non-ASCII character '${ch}' in text: Knot refuses it; write its UTF-8 octets as \\DDD escapes (e.g. é is \\195\\169)`
          : `control character \\${String(c).padStart(3, '0')} in text: write it as a \\DDD escape`,
      );
    }
    out[n++] = c;
    i++;
  }
  return out.subarray(0, n);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return -1;
}

/**
 * Decodes hexadecimal tokens (each an even number of hex digits, as Knot requires).
 * @returns the octets.
 * @throws {@link ZoneParseError} for no token, an odd count or a non-hex character.
 */
export function parseHex(ctx: FieldContext, toks: readonly ZoneToken[], what: string, at: ZoneToken): Buffer {
  if (toks.length === 0) tokenError(ctx, at, `${what} needs hexadecimal data`);
  const parts: Buffer[] = [];
  for (const tok of toks) {
    const raw = tok.raw;
    if (tok.quoted || raw.length % 2 !== 0)
      tokenError(ctx, tok, `${what}: '${raw}' is not hexadecimal octets (two digits each)`);
    const b = Buffer.allocUnsafe(raw.length / 2);
    for (let i = 0; i < raw.length; i += 2) {
      const h = hexValue(raw.charCodeAt(i));
      const l = hexValue(raw.charCodeAt(i + 1));
      if (h < 0 || l < 0) tokenError(ctx, tok, `${what}: '${raw}' is not hexadecimal`);
      b[i / 2] = h * 16 + l;
    }
    parts.push(b);
  }
  return Buffer.concat(parts);
}

function base64Value(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  if (c === 0x2b) return 62;
  if (c === 0x2f) return 63;
  return -1;
}

/**
 * Checks Base64 tokens (RFC 4648 §4) as Knot does: each token is whole quartets, `=` padding only at the end of
 * a quartet (`AB==`, `ABC=`).
 * @returns the decoded length in octets.
 * @throws {@link ZoneParseError} for no token or a malformed one.
 */
export function parseBase64(
  ctx: FieldContext,
  toks: readonly ZoneToken[],
  what: string,
  at: ZoneToken,
): number {
  if (toks.length === 0) tokenError(ctx, at, `${what} needs Base64 data`);
  let octets = 0;
  for (const tok of toks) {
    const raw = tok.raw;
    const bad = () =>
      tokenError(ctx, tok, `${what}: '${raw}' is not Base64 in whole groups of four characters`);
    if (tok.quoted || raw.length % 4 !== 0) bad();
    for (let q = 0; q < raw.length; q += 4) {
      const a = base64Value(raw.charCodeAt(q));
      const b = base64Value(raw.charCodeAt(q + 1));
      const c = raw.charCodeAt(q + 2);
      const d = raw.charCodeAt(q + 3);
      if (a < 0 || b < 0) bad();
      if (c === 0x3d) {
        if (d !== 0x3d) bad();
        octets += 1;
      } else {
        if (base64Value(c) < 0) bad();
        if (d === 0x3d) octets += 2;
        else if (base64Value(d) < 0) bad();
        else octets += 3;
      }
    }
  }
  return octets;
}

/**
 * Checks a Base32hex token (RFC 4648 §7) as Knot does, the NSEC3 next hashed owner name: groups of eight
 * characters, a short last group completed with `=`.
 * @returns the decoded length in octets.
 */
export function parseBase32hex(ctx: FieldContext, tok: ZoneToken, what: string): number {
  const raw = tok.raw;
  const octetsOf: Record<number, number> = { 2: 1, 4: 2, 5: 3, 7: 4, 8: 5 };
  const bad = () => tokenError(ctx, tok, `${what}: '${raw}' is not Base32hex`);
  if (tok.quoted || raw.length === 0 || raw.length % 8 !== 0) bad();
  let octets = 0;
  for (let g = 0; g < raw.length; g += 8) {
    let data = 0;
    while (data < 8 && raw.charCodeAt(g + data) !== 0x3d) {
      const c = raw.charCodeAt(g + data) | 0x20;
      if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x76))) bad();
      data++;
    }
    for (let p = data; p < 8; p++) if (raw.charCodeAt(g + p) !== 0x3d) bad();
    const o = octetsOf[data];
    if (o === undefined || (data < 8 && g + 8 !== raw.length)) bad();
    octets += o!;
  }
  return octets;
}
