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

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** RFC 6376 §3.2 VALCHAR (%x21-3A / %x3C-7E) plus the whitespace a value may contain. */
const VALUE_CHARS = /^[\x21-\x3a\x3c-\x7e \t\r\n]*$/;

/**
 * Parses an RFC 6376 §3.2 tag-list. Never throws: problems are listed in `errors` (empty tag-specs other than
 * one trailing `;`, parts without `=`, invalid tag names, characters outside VALCHAR) and `duplicates`.
 *
 * @param text the tag-list (a header field value, or a TXT record's strings joined).
 */
export function parseTagList(text: string): TagList {
  const tags: Tag[] = [];
  const map = new Map<string, string>();
  const duplicates: string[] = [];
  const errors: string[] = [];
  const segments = text.split(';');
  let offset = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const segmentOffset = offset;
    offset += segment.length + 1;
    if (segment.trim() === '') {
      if (i < segments.length - 1 || segments.length === 1) {
        if (segments.length > 1 || segment !== '') errors.push('empty tag-spec');
        else errors.push('empty tag-list');
      }
      continue;
    }
    const eq = segment.indexOf('=');
    if (eq < 0) {
      errors.push(`tag-spec without "=": ${JSON.stringify(clip(segment.trim()))}`);
      continue;
    }
    const name = segment.slice(0, eq).trim();
    const raw = segment.slice(eq + 1);
    if (!TAG_NAME.test(name)) {
      errors.push(`invalid tag name ${JSON.stringify(clip(name))}`);
      continue;
    }
    if (!VALUE_CHARS.test(raw)) errors.push(`tag ${name}= has characters outside the allowed range`);
    const value = raw.replace(/[ \t\r\n]+/g, ' ').trim();
    if (map.has(name) && !duplicates.includes(name)) duplicates.push(name);
    map.set(name, value);
    tags.push({ name, value, raw, offset: segmentOffset });
  }
  return { tags, map, duplicates, errors };
}

function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** Removes all FWS from a value (for `b=`, `bh=`, `p=`, where RFC 6376 §3.5/§3.6.1 allow FWS anywhere). */
export function stripFws(value: string): string {
  return value.replace(/[ \t\r\n]+/g, '');
}

/** Splits a colon-separated list (`h=`, key `h=`/`s=`/`t=`), trimming FWS and dropping empty entries. */
export function splitColonList(value: string): string[] {
  return value
    .split(':')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
