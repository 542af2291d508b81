/**
 * BIND's `$GENERATE` directive (BIND 9 Administrator Reference Manual, "BIND Primary File Extension: the
 * $GENERATE Directive"): `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`, where `$` in `lhs` and
 * `rhs` is the iterator, `${offset[,width[,base]]}` formats it (bases d, o, x, X, and n/N for reversed nibbles),
 * `$$` and `\$` are a literal `$`. Knot DNS does not support it; mailgate expands it as BIND does.
 *
 * @module
 */

import { ZoneParseError } from './zone-error.js';
import { type FieldContext, tokenError } from './zone-fields.js';
import { lexZone, type ZoneToken } from './zone-lexer.js';

/** The most records one `$GENERATE` may produce (a /16 of PTR records); more is refused, to bound memory. */
export const MAX_GENERATE_RECORDS = 65536;

/** One generated record: the owner template result, the TTL/class/type tokens and the RDATA tokens. */
export interface GeneratedRecord {
  owner: ZoneToken;
  middle: ZoneToken[];
  rdata: ZoneToken[];
}

interface Range {
  start: number;
  stop: number;
  step: number;
}

function parseRange(ctx: FieldContext, tok: ZoneToken): Range & { count: number } {
  const raw = tok.raw;
  const dash = raw.indexOf('-');
  const slash = raw.indexOf('/');
  const num = (s: string) => (s.length > 0 && s.length <= 10 && /^\d+$/.test(s) ? Number(s) : Number.NaN);
  const start = num(raw.slice(0, dash));
  const stop = num(raw.slice(dash + 1, slash < 0 ? undefined : slash));
  const step = slash < 0 ? 1 : num(raw.slice(slash + 1));
  if (tok.quoted || dash < 0 || ![start, stop, step].every((n) => Number.isInteger(n) && n <= 0x7fffffff))
    tokenError(ctx, tok, `$GENERATE range '${raw}' is not start-stop or start-stop/step`);
  if (start > stop) tokenError(ctx, tok, `$GENERATE range '${raw}' starts after it stops`);
  if (step < 1) tokenError(ctx, tok, `$GENERATE step in '${raw}' must be at least 1`);
  const count = Math.floor((stop - start) / step) + 1;
  if (count > MAX_GENERATE_RECORDS)
    tokenError(
      ctx,
      tok,
      `$GENERATE range '${raw}' makes ${count} records; mailgate allows at most ${MAX_GENERATE_RECORDS}`,
    );
  return { start, stop, step, count };
}

/** BIND's nibble format: the value's hex digits, least significant first, separated by dots, to `width` characters. */
function nibbles(value: number, width: number, upper: boolean): string {
  const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = '';
  let v = value;
  let w = width;
  do {
    out += digits[v & 0xf];
    v = Math.floor(v / 16);
    if (w > 0) w--;
    if (w > 0 || v !== 0) {
      out += '.';
      if (w > 0) w--;
    }
  } while (v !== 0 || w > 0);
  return out;
}

/** One piece of a template: literal text, or the iterator with its modifiers. */
type Piece = string | { offset: number; width: number; base: string };

/** Parses a `$GENERATE` template once into pieces. */
function parseTemplate(ctx: FieldContext, tok: ZoneToken): Piece[] {
  const raw = tok.raw;
  const pieces: Piece[] = [];
  let lit = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\' && i + 1 < raw.length) {
      lit += raw.slice(i, i + 2);
      i++;
      continue;
    }
    if (c !== '$') {
      lit += c;
      continue;
    }
    if (raw[i + 1] === '$') {
      lit += '\\$';
      i++;
      continue;
    }
    if (lit) pieces.push(lit);
    lit = '';
    if (raw[i + 1] !== '{') {
      pieces.push({ offset: 0, width: 0, base: 'd' });
      continue;
    }
    const close = raw.indexOf('}', i + 2);
    if (close < 0) tokenError(ctx, tok, `$GENERATE modifier in '${raw}' has no closing '}'`);
    const parts = raw.slice(i + 2, close).split(',');
    const [offset = '0', width = '0', base = 'd'] = parts;
    const ok =
      parts.length <= 3 &&
      /^[-+]?\d{1,10}$/.test(offset) &&
      /^\d{1,3}$/.test(width) &&
      ['d', 'o', 'x', 'X', 'n', 'N'].includes(base);
    if (!ok)
      tokenError(
        ctx,
        tok,
        `$GENERATE modifier '\${${raw.slice(i + 2, close)}}' is not \${offset[,width[,base]]} (base d, o, x, X, n or N)`,
      );
    pieces.push({ offset: Number(offset), width: Number(width), base });
    i = close;
  }
  if (lit) pieces.push(lit);
  return pieces;
}

function render(ctx: FieldContext, tok: ZoneToken, pieces: readonly Piece[], iterator: number): string {
  let out = '';
  for (const p of pieces) {
    if (typeof p === 'string') {
      out += p;
      continue;
    }
    const v = iterator + p.offset;
    if (v < 0) tokenError(ctx, tok, `$GENERATE value ${v} is below 0 (check the offset)`);
    if (p.base === 'n' || p.base === 'N') out += nibbles(v, p.width, p.base === 'N');
    else {
      const radix = p.base === 'd' ? 10 : p.base === 'o' ? 8 : 16;
      let s = v.toString(radix);
      if (p.base === 'X') s = s.toUpperCase();
      out += s.padStart(p.width, '0');
    }
  }
  return out;
}

/**
 * Expands a `$GENERATE` directive into records (their tokens; the record parser checks them as any record).
 *
 * @param args - the tokens after `$GENERATE`.
 * @param isClassOrTtl - true for a token in the TTL/class position (the record parser's rule).
 * @param budget - called with the number of records the range makes (and the range token) before any is
 *   made; it throws to refuse them (the zone's total bounds).
 * @throws {@link ZoneParseError} for a malformed range, template or directive, or more than
 *   {@link MAX_GENERATE_RECORDS} records; what `budget` throws.
 */
export function expandGenerate(
  ctx: FieldContext,
  directive: ZoneToken,
  args: readonly ZoneToken[],
  isClassOrTtl: (tok: ZoneToken) => boolean,
  budget?: (records: number, rangeTok: ZoneToken) => void,
): GeneratedRecord[] {
  const [rangeTok, lhsTok] = args;
  if (!rangeTok || !lhsTok) tokenError(ctx, directive, '$GENERATE needs a range, an owner, a type and RDATA');
  const range = parseRange(ctx, rangeTok);
  let i = 2;
  const middle: ZoneToken[] = [];
  while (i < args.length && middle.length < 2 && isClassOrTtl(args[i]!)) middle.push(args[i++]!);
  const typeTok = args[i++];
  const rhsTok = args[i++];
  if (!typeTok || !rhsTok)
    tokenError(ctx, args[args.length - 1]!, '$GENERATE needs a type and RDATA after the owner');
  middle.push(typeTok);
  if (i < args.length)
    tokenError(
      ctx,
      args[i]!,
      `unexpected '${args[i]!.raw}' after the $GENERATE RDATA (quote RDATA of several words)`,
    );
  const lhs = parseTemplate(ctx, lhsTok);
  const rhs = parseTemplate(ctx, rhsTok);
  budget?.(range.count, rangeTok);
  const out: GeneratedRecord[] = [];
  for (let v = range.start; v <= range.stop; v += range.step) {
    const owner: ZoneToken = { ...lhsTok, raw: render(ctx, lhsTok, lhs, v), quoted: false };
    const text = render(ctx, rhsTok, rhs, v);
    const rdata: ZoneToken[] = [];
    try {
      for (const entry of lexZone(text, ctx.file)) {
        for (const t of entry.tokens) rdata.push({ ...t, line: rhsTok.line, column: rhsTok.column });
      }
    } catch (e) {
      if (e instanceof ZoneParseError) tokenError(ctx, rhsTok, `$GENERATE RDATA '${text}': ${e.detail}`);
      throw e;
    }
    out.push({ owner, middle, rdata });
  }
  return out;
}
