/**
 * The origin of a zone file, as people name their files: `example.com.zone`, `example.com.db`, BIND's
 * `db.example.com`, a bare `example.com`, or `$ORIGIN example.com.` at the top of the file; an explicit mapping
 * for any other layout. An ambiguous file is an error that says how to name or map it.
 *
 * @module
 */

import { basename } from 'node:path';
import { ZoneParseError } from './zone-error.js';
import { endsWithDot, type FieldContext, parseName } from './zone-fields.js';
import { lexZone } from './zone-lexer.js';

/**
 * File extensions that a bare file name ending in them does not mean a domain (`records.txt` is not the zone
 * `records.txt`): configuration, data and include fragments. (`.inc` is also a TLD: map such a zone explicitly.)
 */
const NOT_A_TLD: ReadonlySet<string> = new Set([
  'txt',
  'conf',
  'cfg',
  'inc',
  'include',
  'json',
  'yaml',
  'yml',
  'toml',
  'ini',
  'bak',
  'old',
  'orig',
  'tmp',
  'swp',
  'tpl',
  'j2',
  'log',
  'rej',
  'sig',
  'signed',
  'jnl',
]);

/** A domain name of at least two labels (letters, digits, `-`, `_`), its last label not a number or a file extension. */
function domainLike(name: string): string | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  if (n.length === 0 || n.length > 253) return undefined;
  const labels = n.split('.');
  if (labels.length < 2) return undefined;
  for (const l of labels) {
    if (l.length === 0 || l.length > 63) return undefined;
    for (let i = 0; i < l.length; i++) {
      const c = l.charCodeAt(i);
      const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x5f;
      if (!ok) return undefined;
    }
  }
  const tld = labels[labels.length - 1]!;
  if (/^\d+$/.test(tld) && !n.endsWith('.in-addr.arpa') && !n.endsWith('.ip6.arpa')) return undefined;
  if (NOT_A_TLD.has(tld)) return undefined;
  return n;
}

/**
 * The origin a file name means, or `undefined` when the name is not one of the recognised patterns:
 * `ORIGIN.zone`, `ORIGIN.db` (any case), `db.ORIGIN` (BIND's convention: `db.t.example` is `t.example`), or a
 * bare `ORIGIN` of at least two labels whose last label is not a number or a common file extension.
 */
export function originFromFileName(path: string): string | undefined {
  const name = basename(path);
  const lower = name.toLowerCase();
  if (lower.endsWith('.zone')) return domainLike(name.slice(0, -5));
  if (lower.endsWith('.db')) return domainLike(name.slice(0, -3));
  if (lower.startsWith('db.')) return domainLike(name.slice(3));
  return domainLike(name);
}

/**
 * The file's leading `$ORIGIN`: the first `$ORIGIN` directive before any record or `$INCLUDE` (only `$TTL` may
 * come before it), as written in the file; `undefined` when there is none. Reads only up to it.
 *
 * @throws {@link ZoneParseError} for a lexical error or a malformed `$ORIGIN` before the first record.
 */
export function leadingOrigin(text: string, file: string): { origin: string; line: number } | undefined {
  const ctx: FieldContext = { file };
  for (const entry of lexZone(text, file)) {
    const first = entry.tokens[0]!;
    if (entry.blankOwner || first.quoted) return undefined;
    const directive = first.raw.toUpperCase();
    if (directive === '$TTL') continue;
    if (directive !== '$ORIGIN') return undefined;
    const arg = entry.tokens[1];
    if (!arg) return undefined; // the parser reports it
    if (!endsWithDot(arg.raw)) return undefined;
    return { origin: parseName(ctx, arg, undefined).text, line: entry.line };
  }
  return undefined;
}

/** How to give a file an origin, for error messages. */
function howToName(file: string, origin = 'example.com'): string {
  return `name the file ${origin}.zone, ${origin}.db or db.${origin}, start it with "$ORIGIN ${origin}.", or map it explicitly (CLI: --zone-origin ${file}=${origin}; Action: zone-origins: ${file}=${origin})`;
}

/**
 * The origin of a zone file: `mapped` when given; else the origin its name means ({@link originFromFileName})
 * and its leading `$ORIGIN` ({@link leadingOrigin}), which must agree when both are there.
 *
 * @param file - the file's path or label (its base name is used), shown in errors.
 * @param text - the file's text.
 * @param mapped - an explicit origin (CLI `--zone-origin`, Action `zone-origins`, library `origin`).
 * @throws {@link ZoneParseError} when neither gives an origin, or they disagree; the message says how to name
 *   or map the file.
 */
export function zoneOrigin(file: string, text: string, mapped?: string): string {
  if (mapped !== undefined) return mapped;
  const fromName = originFromFileName(file);
  const leading = leadingOrigin(text, file);
  if (fromName !== undefined && leading !== undefined && fromName !== leading.origin) {
    throw new ZoneParseError(
      file,
      leading.line,
      `the file name says the zone is ${fromName} but its $ORIGIN says ${leading.origin || '.'}: rename the file, correct $ORIGIN, or map it explicitly (CLI: --zone-origin ${file}=${leading.origin || '.'}; Action: zone-origins)`,
    );
  }
  const origin = leading?.origin ?? fromName;
  if (origin === undefined) {
    throw new ZoneParseError(
      file,
      0,
      `cannot tell which zone this file is: its name is not a zone name and it does not start with $ORIGIN; ${howToName(file)}`,
    );
  }
  return origin;
}
