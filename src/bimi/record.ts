/**
 * BIMI Assertion Record syntax (draft-brand-indicators-for-message-identification §4.3): a DKIM-style tag-list
 * (RFC 6376 §3.2) beginning with `v=BIMI1`, with `l=` (logo location, https) and `a=` (authority evidence
 * location, https).
 *
 * @module
 */

/** True when a TXT record is a BIMI record candidate: it begins with a `v=BIMI1` tag (§7.2 steps 4 and 7). */
export function isBimiRecord(text: string): boolean {
  return /^v[ \t]*=[ \t]*BIMI1[ \t]*(;|$)/i.test(text.trim());
}

/** A parsed BIMI Assertion Record. */
export interface BimiRecord {
  /** The `l=` value: '' when empty (a declination when `a=` is empty too), null when absent. */
  location: string | null;
  /** The `a=` value: '' when empty, null when absent. */
  authority: string | null;
  /** Other tags, lower-case names, in order (e.g. `avp`). */
  tags: Record<string, string>;
  /** Syntax problems, one sentence each. */
  errors: string[];
}

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Parses a BIMI record (character-strings already joined). Never throws. */
export function parseBimiRecord(text: string): BimiRecord {
  const out: BimiRecord = { location: null, authority: null, tags: {}, errors: [] };
  const seen = new Set<string>();
  const parts = text.split(';');
  parts.forEach((raw, i) => {
    const field = raw.trim();
    if (field === '') {
      if (i !== parts.length - 1) out.errors.push('empty tag between two ";"');
      return;
    }
    const eq = field.indexOf('=');
    if (eq < 1) {
      out.errors.push(`"${field}" is not tag=value`);
      return;
    }
    const name = field.slice(0, eq).trim().toLowerCase();
    const value = field
      .slice(eq + 1)
      .trim()
      .replace(/[ \t\r\n]+/g, '');
    if (!TAG_NAME.test(name)) {
      out.errors.push(`"${field.slice(0, eq)}" is not a valid tag name`);
      return;
    }
    if (seen.has(name)) {
      out.errors.push(`tag ${name} appears more than once`);
      return;
    }
    seen.add(name);
    if (i === 0 && (name !== 'v' || value !== 'BIMI1'))
      out.errors.push('the record must start with "v=BIMI1"');
    if (name === 'l') out.location = value;
    else if (name === 'a') out.authority = value;
    else if (name !== 'v') out.tags[name] = value;
  });
  return out;
}

/** True when `value` is an absolute https URL with a host. */
export function isHttpsUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && u.hostname !== '';
  } catch {
    return false;
  }
}
