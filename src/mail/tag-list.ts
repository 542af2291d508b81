/**
 * The tag-list syntax of RFC 6376 §3.2, a message/record primitive shared by DKIM-Signature header fields,
 * DKIM key records (src/dkim) and the ARC header fields that reuse it (RFC 8617 §4.1, src/arc).
 *
 * @module
 */

/** One `name=value` tag-spec, in the order written. */
export interface Tag {
  /** The tag name as written (tag names are case-sensitive, RFC 6376 §3.2). */
  name: string;
  /** The value with the FWS around it removed and inner runs of whitespace folded to one space. */
  value: string;
  /** The value exactly as written between `=` and `;` (for tags whose FWS matters, such as `z=`). */
  raw: string;
  /** UTF-16 offset of the tag-spec in the parsed text (for evidence positions). */
  offset: number;
}

/** A parsed tag-list. */
export interface TagList {
  /** Every tag-spec with a valid name, in order (duplicates included). */
  tags: Tag[];
  /** The last value of each tag name (RFC 6376 forbids duplicates; {@link TagList.duplicates} lists them). */
  map: Map<string, string>;
  /** Tag names that occur more than once: such a tag-list is invalid in its entirety (RFC 6376 §3.2). */
  duplicates: string[];
  /** Syntax problems, each a short sentence; empty for a valid tag-list. */
  errors: string[];
}

/** Names a character for an error message: `U+00A0 (no-break space)`. */
function describeCodePoint(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = {
    160: 'no-break space',
    194: 'the first octet of a UTF-8 sequence read as latin1',
    8199: 'figure space',
    8239: 'narrow no-break space',
    12288: 'ideographic space',
    65279: 'zero width no-break space',
    8203: 'zero width space',
  };
  const name = names[cp] ?? (cp < 0x20 || cp === 0x7f ? 'a control character' : undefined);
  return name ? `${hex} (${name})` : hex;
}

/** Removes FWS (SP, HTAB, CR, LF) from both ends, and nothing else (not U+00A0, unlike `trim()`). */
export function trimFws(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isFws(s.charCodeAt(a))) a++;
  while (b > a && isFws(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function isFws(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

/**
 * Parses an RFC 6376 §3.2 tag-list. Never throws: problems are listed in `errors` (a character that no
 * tag-list may contain, such as U+00A0 where only SP, HTAB and folding are white space; empty tag-specs other
 * than one trailing `;`; parts without `=`; invalid tag names; characters outside VALCHAR) and `duplicates`.
 *
 * @param text the tag-list (a header field value, or a TXT record's strings joined).
 */
export function parseTagList(text: string): TagList {
  const tags: Tag[] = [];
  const map = new Map<string, string>();
  const duplicates: string[] = [];
  const errors: string[] = [];
  const n = text.length;
  // the first character no tag-list may contain (native search; per tag-spec only when there is one)
  const foreign = text.search(FOREIGN);
  let start = 0;
  // the next `=` at or after `start` (found once and kept while tag-specs without one go by: a search per
  // tag-spec from its start would read the rest of the text again each time)
  let eqFrom = -1;
  let eqAt = -1;
  for (;;) {
    let end = text.indexOf(';', start);
    const last = end < 0;
    if (last) end = n;
    if (eqFrom < 0 || (eqAt >= 0 && eqAt < start)) {
      eqAt = text.indexOf('=', start);
      eqFrom = start;
    }
    const eq = eqAt >= 0 && eqAt < end ? eqAt : -1;
    if (eq < 0) {
      const spec = trimFws(text.slice(start, end));
      if (spec === '') {
        if (!last || start === 0) {
          if (!last || end > start) errors.push('empty tag-spec');
          else errors.push('empty tag-list');
        }
      } else {
        errors.push(`tag-spec without "=": ${JSON.stringify(clip(spec))}`);
      }
    } else {
      const name = trimFws(text.slice(start, eq));
      const raw = text.slice(eq + 1, end);
      if (!TAG_NAME.test(name)) {
        errors.push(`invalid tag name ${JSON.stringify(clip(name))}`);
      } else {
        if (foreign >= 0 && foreign < end && FOREIGN.test(raw)) {
          errors.push(`tag ${name}= has characters outside the allowed range`);
        }
        let value = trimFws(raw);
        if (hasFws(value)) value = value.replace(FWS_RUN, ' ');
        if (map.has(name) && !duplicates.includes(name)) duplicates.push(name);
        map.set(name, value);
        tags.push({ name, value, raw, offset: start });
      }
    }
    if (last) break;
    start = end + 1;
  }
  if (foreign >= 0) {
    errors.unshift(
      `${describeCodePoint(text.slice(foreign, foreign + 2))} at offset ${foreign} is not allowed in a tag-list (RFC 6376 §3.2: only SP, HTAB and folding are white space, values are printable US-ASCII)`,
    );
  }
  return { tags, map, duplicates, errors };
}

/** RFC 6376 §3.2 tag-name: `ALPHA *ALNUMPUNC` (ALNUMPUNC is a letter, a digit or `_`). */
const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** True when `s` holds SP, HTAB, CR or LF. */
function hasFws(s: string): boolean {
  return FWS_INSIDE.test(s);
}

/** Anything a tag-list can never contain: not printable US-ASCII, SP, HTAB, CR or LF. */
const FOREIGN = /[^\x20-\x7e\t\r\n]/;
const FWS_INSIDE = /[ \t\r\n]/;
const FWS_RUN = /[ \t\r\n]+/g;

function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** Removes all FWS from a value (for `b=`, `bh=`, `p=`, where RFC 6376 §3.5/§3.6.1 allow FWS anywhere). */
export function stripFws(value: string): string {
  return hasFws(value) ? value.replace(FWS_RUN, '') : value;
}

/** Splits a colon-separated list (`h=`, key `h=`/`s=`/`t=`), trimming FWS and dropping empty entries. */
export function splitColonList(value: string): string[] {
  const parts = value.split(':');
  const out: string[] = [];
  for (const part of parts) {
    const v = trimFws(part);
    if (v !== '') out.push(v);
  }
  return out;
}
