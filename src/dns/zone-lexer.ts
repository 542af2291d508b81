/**
 * The master-file lexer (RFC 1035 §5.1), with the rules Knot DNS's zone scanner applies: one pass over the
 * text, no regular expressions, so its time is linear in the input.
 *
 * It splits the text into entries (a record or a directive: one line, or several joined by parentheses) of
 * tokens. A token keeps its text as written (escapes `\X` and `\DDD` undecoded: what they mean depends on the
 * field, a domain name or a character-string), without its quotes.
 *
 * Refused here, as Knot refuses them: a CR byte (Knot does not accept CRLF line endings), a quoted string that
 * reaches the end of its line outside parentheses (it would swallow the next line), nested or unbalanced
 * parentheses, a backslash at the end of a line, a quote glued to other text.
 *
 * @module
 */

import { ZoneParseError } from './zone-error.js';

/** One token of an entry. */
export interface ZoneToken {
  /** The text as written, without surrounding quotes; escapes are not decoded. */
  raw: string;
  /** Written in double quotes. */
  quoted: boolean;
  /** 1-based line and column (in characters) where the token starts. */
  line: number;
  column: number;
}

/** One record or directive: its tokens, and whether its owner was omitted (the line starts with a blank). */
export interface ZoneEntry {
  tokens: ZoneToken[];
  /** The entry's first line starts with white space (or `(`): the owner is the previous record's. */
  blankOwner: boolean;
  /** 1-based line of the entry's first token. */
  line: number;
}

/**
 * The most words one entry may have: RDATA is at most 65535 octets and every RDATA word adds at least one, plus
 * the owner, TTL, class, type and a generic `\# length`. More is refused at once, which also bounds the memory
 * and time one giant line can cost.
 */
export const MAX_ENTRY_TOKENS = 65535 + 6;

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SEMI = 0x3b;
const LPAREN = 0x28;
const RPAREN = 0x29;
const BACKSLASH = 0x5c;

/** True for the characters that end an unquoted token. */
function isDelimiter(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === SEMI || c === LPAREN || c === RPAREN;
}

/**
 * Splits master-file text into entries, lazily (a caller may stop after the first few).
 *
 * @param text - the file's text.
 * @param file - the file label used in errors.
 * @throws {@link ZoneParseError} (file, line, column) for the lexical errors listed in the module description.
 */
export function* lexZone(text: string, file: string): Generator<ZoneEntry> {
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let inParens = false;
  let parenLine = 0;
  let parenColumn = 0;
  let current: ZoneEntry | null = null;
  // A line that starts with a blank: its entry (owner omitted) is created at its first token, so blank lines
  // cost no allocation.
  let blankStart = false;
  let atLineStart = true;
  const col = (at: number) => at - lineStart + 1;
  const fail = (detail: string, atLine = line, atCol?: number): never => {
    throw new ZoneParseError(file, atLine, detail, atCol);
  };
  const push = (tok: ZoneToken) => {
    if (!current) current = { tokens: [], blankOwner: blankStart, line: tok.line };
    if (current.tokens.length >= MAX_ENTRY_TOKENS)
      fail(
        `more than ${MAX_ENTRY_TOKENS} words in one record (its data can be at most 65535 octets)`,
        tok.line,
        tok.column,
      );
    current.tokens.push(tok);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === LF) {
      if (!inParens) {
        blankStart = false;
        if (current) {
          const done: ZoneEntry = current;
          current = null;
          yield done;
        }
      }
      i++;
      line++;
      lineStart = i;
      atLineStart = true;
      continue;
    }
    if (c === CR) {
      fail(
        'carriage return (CR) byte: Knot refuses CRLF line endings; convert the file to LF line endings',
        line,
        col(i),
      );
    }
    if (c === SPACE || c === TAB) {
      if (atLineStart && !inParens && !current) blankStart = true;
      atLineStart = false;
      i++;
      continue;
    }
    if (c === SEMI) {
      // A comment runs to the end of the line; Knot takes any byte in it, a CR too.
      atLineStart = false;
      const lf = text.indexOf('\n', i);
      i = lf < 0 ? n : lf;
      continue;
    }
    if (c === LPAREN) {
      if (atLineStart && !inParens && !current) blankStart = true;
      atLineStart = false;
      if (inParens) fail("'(' inside parentheses (they do not nest)", line, col(i));
      inParens = true;
      parenLine = line;
      parenColumn = col(i);
      i++;
      continue;
    }
    if (c === RPAREN) {
      atLineStart = false;
      if (!inParens) fail("')' without a matching '('", line, col(i));
      inParens = false;
      i++;
      continue;
    }
    atLineStart = false;
    const tokLine = line;
    const tokCol = col(i);
    if (c === QUOTE) {
      i++;
      const start = i;
      for (;;) {
        if (i >= n) fail('unterminated quoted string: the closing " is missing', tokLine, tokCol);
        const q = text.charCodeAt(i);
        if (q === QUOTE) break;
        if (q === BACKSLASH) {
          const next = text.charCodeAt(i + 1);
          if (i + 1 >= n || next === LF)
            fail('backslash at the end of a line inside a quoted string', line, col(i));
          if (next === CR)
            fail(
              'carriage return (CR) byte: Knot refuses CRLF line endings; convert the file to LF line endings',
            );
          i += 2;
          continue;
        }
        if (q === LF) {
          // Knot allows a line break inside a quoted string only within parentheses; elsewhere the string would
          // swallow the next line (and the record written there), so it is refused at the opening quote.
          if (!inParens)
            fail(
              'unterminated quoted string: the closing " is missing on this line (a quoted string continues on the next line only inside parentheses)',
              tokLine,
              tokCol,
            );
          line++;
          lineStart = i + 1;
        } else if (q === CR) {
          fail(
            'carriage return (CR) byte: Knot refuses CRLF line endings; convert the file to LF line endings',
          );
        }
        i++;
      }
      push({ raw: text.slice(start, i), quoted: true, line: tokLine, column: tokCol });
      i++; // the closing quote
      if (i < n && !isDelimiter(text.charCodeAt(i)) && text.charCodeAt(i) !== CR)
        fail('a quoted string must be followed by white space', line, col(i));
      continue;
    }
    const start = i;
    while (i < n) {
      const t = text.charCodeAt(i);
      if (isDelimiter(t) || t === CR) break;
      if (t === QUOTE) {
        // `key="value"` (SVCB/HTTPS parameters, RFC 9460 §2.1): the quoted value belongs to the word. Any other
        // quote inside a word is refused, as Knot refuses it.
        if (text.charCodeAt(i - 1) !== 0x3d || i === start)
          fail('a quote inside an unquoted word (put white space before it)', line, col(i));
        i++;
        for (;;) {
          if (i >= n || text.charCodeAt(i) === LF || text.charCodeAt(i) === CR)
            fail('unterminated quoted string: the closing " is missing on this line', tokLine, tokCol);
          const q = text.charCodeAt(i);
          if (q === QUOTE) break;
          i += q === BACKSLASH ? 2 : 1;
        }
        i++;
        if (i < n && !isDelimiter(text.charCodeAt(i)) && text.charCodeAt(i) !== CR)
          fail('a quoted string must be followed by white space', line, col(i));
        break;
      }
      if (t === BACKSLASH) {
        if (i + 1 >= n || text.charCodeAt(i + 1) === LF) fail('backslash at the end of a line', line, col(i));
        i += 2;
        continue;
      }
      i++;
    }
    push({ raw: text.slice(start, i), quoted: false, line: tokLine, column: tokCol });
  }
  if (inParens) fail("'(' is never closed", parenLine, parenColumn);
  const last: ZoneEntry | null = current;
  if (last !== null) yield last;
}
