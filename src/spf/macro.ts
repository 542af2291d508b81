/**
 * SPF macro-strings (RFC 7208 §7): parsing into tokens with source positions, the `domain-spec` rule
 * (§7.1), and expansion (§7.3, §7.4) with transformers, delimiters, `%%`, `%_`, `%-` and upper-case URL escaping.
 *
 * @module
 */

/** The macro letters of RFC 7208 §7.2 (lower-case form). `c`, `r` and `t` are only allowed in explanation text. */
export type MacroLetter = 's' | 'l' | 'o' | 'd' | 'i' | 'p' | 'h' | 'c' | 'r' | 't' | 'v';

/** Letters allowed in a `domain-spec` (RFC 7208 §7.2: `c`, `r`, `t` only in "exp" text). */
export const DOMAIN_MACRO_LETTERS: ReadonlySet<string> = new Set(['s', 'l', 'o', 'd', 'i', 'p', 'h', 'v']);
/** Letters allowed in explanation text (RFC 7208 §6.2, §7.2). */
export const EXP_MACRO_LETTERS: ReadonlySet<string> = new Set([...DOMAIN_MACRO_LETTERS, 'c', 'r', 't']);

/** One piece of a macro-string. Offsets are absolute positions in the record (UTF-16 code units). */
export type MacroToken =
  | { type: 'literal'; text: string; offset: number; length: number }
  | { type: 'escape'; text: '%%' | '%_' | '%-'; offset: number; length: number }
  | {
      type: 'macro';
      /** The source text, e.g. `%{ir}` or `%{L2r-}`. */
      text: string;
      letter: MacroLetter;
      /** True when the letter was upper-case: the value is URL-escaped (RFC 7208 §7.3). */
      urlEscape: boolean;
      /** The DIGIT transformer (number of right-hand parts to keep), absent when not given. */
      digits?: number;
      reverse: boolean;
      /** The delimiter characters (RFC 7208 §7.3); empty means the default `.`. */
      delimiters: string;
      offset: number;
      length: number;
    };

/** A parsed macro-string or domain-spec: the source text, its tokens and position. */
export interface MacroString {
  text: string;
  tokens: MacroToken[];
  offset: number;
  length: number;
}

/** A syntax error inside a macro-string, with its absolute position. */
export interface MacroError {
  code: 'invalid-macro' | 'macro-letter-not-allowed' | 'invalid-character' | 'invalid-domain-spec';
  message: string;
  offset: number;
  length: number;
}

/**
 * Parses a macro-string (RFC 7208 §7.1 `macro-string`, or `explain-string` when `allowSpace`).
 *
 * @param text the macro-string text
 * @param offset absolute position of `text` in the record, for token and error positions
 * @param letters the macro letters allowed here (e.g. {@link DOMAIN_MACRO_LETTERS})
 * @param allowSpace true for explanation text (`explain-string = *( macro-string / SP )`)
 * @returns the tokens, or the first syntax error. Never throws.
 */
export function parseMacroString(
  text: string,
  offset: number,
  letters: ReadonlySet<string>,
  allowSpace = false,
): { value: MacroString; error?: undefined } | { value?: undefined; error: MacroError } {
  const tokens: MacroToken[] = [];
  let literalStart = -1;
  const flush = (end: number) => {
    if (literalStart >= 0) {
      tokens.push({
        type: 'literal',
        text: text.slice(literalStart, end),
        offset: offset + literalStart,
        length: end - literalStart,
      });
      literalStart = -1;
    }
  };
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    if (ch === 0x25 /* % */) {
      flush(i);
      const next = text[i + 1];
      if (next === '%' || next === '_' || next === '-') {
        tokens.push({
          type: 'escape',
          text: `%${next}` as '%%' | '%_' | '%-',
          offset: offset + i,
          length: 2,
        });
        i += 2;
        continue;
      }
      if (next !== '{') {
        return {
          error: {
            code: 'invalid-macro',
            message: `"%" must be followed by "{", "%", "_" or "-" (RFC 7208 §7.1)`,
            offset: offset + i,
            length: Math.min(2, text.length - i),
          },
        };
      }
      const close = text.indexOf('}', i + 2);
      const body = close < 0 ? text.slice(i + 2) : text.slice(i + 2, close);
      const m = /^([a-zA-Z])(\d*)([rR]?)([.\-+,/_=]*)$/.exec(body);
      const errLen = close < 0 ? text.length - i : close + 1 - i;
      if (close < 0 || !m) {
        return {
          error: {
            code: 'invalid-macro',
            message: `malformed macro "${text.slice(i, i + errLen)}" (RFC 7208 §7.1)`,
            offset: offset + i,
            length: errLen,
          },
        };
      }
      const rawLetter = m[1] ?? '';
      const letter = rawLetter.toLowerCase();
      if (!EXP_MACRO_LETTERS.has(letter) || !letters.has(letter)) {
        const known = EXP_MACRO_LETTERS.has(letter);
        return {
          error: {
            code: known ? 'macro-letter-not-allowed' : 'invalid-macro',
            message: known
              ? `macro letter "${rawLetter}" is only allowed in explanation text (RFC 7208 §7.2)`
              : `unknown macro letter "${rawLetter}" (RFC 7208 §7.2)`,
            offset: offset + i,
            length: errLen,
          },
        };
      }
      const digitsText = m[2] ?? '';
      let digits: number | undefined;
      if (digitsText !== '') {
        // Keep huge values finite: any value above the number of parts means "all parts".
        digits = digitsText.length > 4 ? 9999 : Number(digitsText);
        if (digits === 0) {
          return {
            error: {
              code: 'invalid-macro',
              message: 'the DIGIT transformer must be nonzero (RFC 7208 §7.3)',
              offset: offset + i,
              length: errLen,
            },
          };
        }
      }
      const tok: MacroToken = {
        type: 'macro',
        text: text.slice(i, close + 1),
        letter: letter as MacroLetter,
        urlEscape: rawLetter !== letter,
        reverse: (m[3] ?? '') !== '',
        delimiters: m[4] ?? '',
        offset: offset + i,
        length: close + 1 - i,
      };
      if (digits !== undefined) tok.digits = digits;
      tokens.push(tok);
      i = close + 1;
      continue;
    }
    const literal = (ch >= 0x21 && ch <= 0x7e) || (allowSpace && ch === 0x20);
    if (!literal) {
      return {
        error: {
          code: 'invalid-character',
          message: `character ${describeChar(text[i] ?? '')} is not allowed here (RFC 7208 §7.1, macro-literal)`,
          offset: offset + i,
          length: 1,
        },
      };
    }
    if (literalStart < 0) literalStart = i;
    i++;
  }
  flush(text.length);
  return { value: { text, tokens, offset, length: text.length } };
}

/** Describes a character for error messages (`U+0080`, `"x"`). */
export function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x21 || code > 0x7e) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}

/**
 * True when `label` is a `toplabel` (RFC 7208 §7.1): `( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-"
 * *( alphanum / "-" ) alphanum )`, that is letters, digits and hyphens, not all-numeric, not starting or ending
 * with `-`. One pass over the label (a backtracking regular expression here was quadratic on a long label).
 */
function isTopLabel(label: string): boolean {
  if (label === '') return false;
  let letter = false;
  let hyphen = false;
  for (let i = 0; i < label.length; i++) {
    const c = label.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letter = true;
    else if (c === 0x2d) hyphen = true;
    else if (c < 0x30 || c > 0x39) return false;
  }
  const first = label.charCodeAt(0);
  const last = label.charCodeAt(label.length - 1);
  if (first === 0x2d || last === 0x2d) return false;
  return letter || hyphen;
}

/** True when `text` ends in `"." toplabel ["."]` (RFC 7208 §7.1 domain-end without a macro). */
function endsInTopLabel(text: string): boolean {
  const body = text.endsWith('.') ? text.slice(0, -1) : text;
  const dot = body.lastIndexOf('.');
  return dot >= 0 && isTopLabel(body.slice(dot + 1));
}

/**
 * Parses a `domain-spec` (RFC 7208 §7.1): a macro-string whose end is either a macro-expand or
 * `"." toplabel ["."]`, where a toplabel is not all-numeric and does not start or end with `-`.
 * The `c`, `r` and `t` letters are not allowed (§7.2).
 *
 * @returns the parsed domain-spec or the first syntax error. Never throws.
 */
export function parseDomainSpec(
  text: string,
  offset: number,
): { value: MacroString; error?: undefined } | { value?: undefined; error: MacroError } {
  if (text === '') {
    return {
      error: {
        code: 'invalid-domain-spec',
        message: 'the domain-spec is empty (RFC 7208 §7.1)',
        offset,
        length: 0,
      },
    };
  }
  const parsed = parseMacroString(text, offset, DOMAIN_MACRO_LETTERS);
  if (parsed.error) return parsed;
  const last = parsed.value.tokens[parsed.value.tokens.length - 1];
  if (last && last.type !== 'literal') return parsed;
  if (last && endsInTopLabel(last.text)) return parsed;
  return {
    error: {
      code: 'invalid-domain-spec',
      message: `"${text}" is not a valid domain-spec: it must end in a macro or in "." and a top label that is not all-numeric (RFC 7208 §7.1)`,
      offset,
      length: text.length,
    },
  };
}

/** True when the macro-string contains at least one `%{...}` macro (escapes do not count). */
export function hasMacros(ms: MacroString): boolean {
  return ms.tokens.some((t) => t.type === 'macro');
}

/** The values a macro expansion needs (RFC 7208 §7.2). */
export interface MacroValues {
  /** `<sender>`: local-part@domain (with `postmaster` substituted for an empty local-part, §4.3). */
  sender: string;
  localPart: string;
  senderDomain: string;
  /** `<domain>` of the current check_host(). */
  domain: string;
  /** `i`: dot-format address. */
  ipDots: string;
  /** `c`: readable address. */
  ipText: string;
  /** `v`: `in-addr` or `ip6`. */
  ipVersionLabel: string;
  helo: string;
  /** `r`: the receiving host, `unknown` when not given. */
  receiver: string;
  /** `t`: seconds since the epoch. */
  timestamp: number;
  /** `p`: the validated domain name of the client (§5.5, §7.3), computed on first use. */
  validatedName: () => Promise<string>;
}

/**
 * Applies the transformers and delimiters of RFC 7208 §7.3 to a macro value: split on the delimiters
 * (default `.`), reverse if asked, keep the right-most `digits` parts, join with `.`.
 */
export function transformValue(
  value: string,
  digits: number | undefined,
  reverse: boolean,
  delimiters: string,
) {
  const delims = delimiters === '' ? '.' : delimiters;
  const parts: string[] = [];
  let cur = '';
  for (const ch of value) {
    if (delims.includes(ch)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  if (reverse) parts.reverse();
  const kept = digits !== undefined && digits < parts.length ? parts.slice(parts.length - digits) : parts;
  return kept.join('.');
}

/** URL-escapes every character outside the RFC 3986 unreserved set (RFC 7208 §7.3, upper-case macro letters). */
export function urlEscape(value: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(value)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(c)) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function letterValue(letter: MacroLetter, v: MacroValues, validated: string): string {
  switch (letter) {
    case 's':
      return v.sender;
    case 'l':
      return v.localPart;
    case 'o':
      return v.senderDomain;
    case 'd':
      return v.domain;
    case 'i':
      return v.ipDots;
    case 'p':
      return validated;
    case 'v':
      return v.ipVersionLabel;
    case 'h':
      return v.helo;
    case 'c':
      return v.ipText;
    case 'r':
      return v.receiver;
    case 't':
      return String(v.timestamp);
  }
}

/** True when the macro-string uses `%{p}` (whose value needs DNS work: {@link MacroValues.validatedName}). */
export function usesValidatedName(ms: MacroString): boolean {
  return ms.tokens.some((t) => t.type === 'macro' && t.letter === 'p');
}

/**
 * {@link expandMacroString} with the `%{p}` value already known (`validated`; any string when the macro-string
 * does not use `%{p}`, see {@link usesValidatedName}): no waiting.
 */
export function expandMacroStringWith(ms: MacroString, values: MacroValues, validated: string): string {
  let out = '';
  for (const t of ms.tokens) {
    if (t.type === 'literal') out += t.text;
    else if (t.type === 'escape') out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
    else {
      const raw = letterValue(t.letter, values, validated);
      const transformed = transformValue(raw, t.digits, t.reverse, t.delimiters);
      out += t.urlEscape ? urlEscape(transformed) : transformed;
    }
  }
  return out;
}

/**
 * Expands a parsed macro-string (RFC 7208 §7.3, §7.4). `%%` -> `%`, `%_` -> space, `%-` -> `%20`.
 * Does not apply domain-name rules; see {@link expandDomainSpec}.
 *
 * @throws only what `values.validatedName` throws (DNS work for `%{p}`).
 */
export async function expandMacroString(ms: MacroString, values: MacroValues): Promise<string> {
  const validated = usesValidatedName(ms) ? await values.validatedName() : '';
  return expandMacroStringWith(ms, values, validated);
}

/** Labels of 1 to 63 printable US-ASCII characters other than the dot (one octet each): queryable at once. */
const ASCII_NAME = /^(?:[\x21-\x2d\x2f-\x7e]{1,63}\.)*[\x21-\x2d\x2f-\x7e]{1,63}$/;

/** The largest domain name in text form, in octets (RFC 1035 §2.3.4; RFC 7208 §4.8, §7.3). */
export const MAX_NAME_OCTETS = 253;
/** The largest label, in octets (RFC 1035 §2.3.4). */
export const MAX_LABEL_OCTETS = 63;

/** Length of a name or label in octets: its UTF-8 encoding (a non-ASCII local-part from `%{l}`, RFC 6531). */
function octets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Expands a domain-spec into a target name (RFC 7208 §4.8, §7.3): the trailing dot is ignored, and a
 * result longer than 253 octets (UTF-8, so a non-ASCII local-part counts its octets, not its characters)
 * is shortened from the left, label by label, until it fits.
 */
export async function expandDomainSpec(ms: MacroString, values: MacroValues): Promise<string> {
  return targetName(await expandMacroString(ms, values));
}

/**
 * Turns an expanded domain-spec into the name to query (RFC 7208 §4.8, §7.3): drops one trailing dot, then
 * removes labels from the left while the name is over 253 octets (UTF-8) and has more than one label.
 */
export function targetName(expanded: string): string {
  let name = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
  // a UTF-16 code unit is at most 3 octets of UTF-8: a name of at most 84 units is short enough as it is
  while (name.length > MAX_NAME_OCTETS / 3 && octets(name) > MAX_NAME_OCTETS && name.includes('.'))
    name = name.slice(name.indexOf('.') + 1);
  return name;
}

/**
 * Checks that an expanded target name can be queried: non-empty labels of at most 63 octets and at most
 * 253 octets in all (RFC 1035 §2.3.4), counted in UTF-8 octets. SPF allows other octets in names
 * (RFC 7208 §7.1), so no LDH check.
 */
export function isQueryableName(name: string): boolean {
  if (name.length <= MAX_NAME_OCTETS && ASCII_NAME.test(name)) return true;
  if (name === '' || octets(name) > MAX_NAME_OCTETS) return false;
  for (const label of name.split('.'))
    if (label.length === 0 || octets(label) > MAX_LABEL_OCTETS) return false;
  return true;
}
