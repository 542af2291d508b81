/**
 * MTA-STS TXT record syntax (RFC 8461 §3.1):
 *
 * ```
 * sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
 * sts-version     = %s"v=STSv1"
 * sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 * sts-ext-name    = (ALPHA / DIGIT) 0*31(ALPHA / DIGIT / "_" / "-" / ".")
 * sts-ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)
 * ```
 *
 * @module
 */

/** True when a TXT record is an MTA-STS record candidate: it begins with `v=STSv1` (RFC 8461 §3.1). */
export function isStsRecord(text: string): boolean {
  return /^v=STSv1[ \t]*(;|$)/.test(text);
}

/** A parsed `_mta-sts` TXT record. */
export interface StsRecord {
  /** The policy id (1 to 32 letters and digits), or null when missing or malformed. */
  id: string | null;
  /** Other fields (extensions), in order. */
  extensions: Array<{ name: string; value: string }>;
  /** Syntax problems, one sentence each; empty for a valid record. */
  errors: string[];
}

const ID = /^[A-Za-z0-9]{1,32}$/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/**
 * `text` without trailing spaces and tabs (RFC 8461 `*WSP`), and without leading ones unless `leading` is
 * false. A scan from each end: linear (`/[ \t]+$/` is quadratic on a long run of blanks not at the end).
 */
function trimWsp(text: string, leading = true): string {
  let start = 0;
  let end = text.length;
  while (leading && start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return text.slice(start, end);
}

/**
 * Parses an MTA-STS TXT record (character-strings already joined) per RFC 8461 §3.1. Never throws: problems
 * are listed in `errors`. When `id` appears twice the first one counts (as in mailauth and common senders).
 */
export function parseStsRecord(text: string): StsRecord {
  const errors: string[] = [];
  const extensions: StsRecord['extensions'] = [];
  let id: string | null = null;
  const parts = text.split(';');
  const version = trimWsp(parts[0] ?? '', false);
  if (version !== 'v=STSv1') errors.push(`the record must start with "v=STSv1" (found "${version}")`);
  let sawId = false;
  for (let i = 1; i < parts.length; i++) {
    const raw = parts[i]!;
    const field = trimWsp(raw);
    if (field === '') {
      if (i !== parts.length - 1) errors.push('empty field between two ";"');
      continue;
    }
    const eq = field.indexOf('=');
    if (eq < 1) {
      errors.push(`field "${field}" is not name=value`);
      continue;
    }
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'id') {
      if (sawId) {
        errors.push('id appears more than once (the first one counts)');
        continue;
      }
      sawId = true;
      if (ID.test(value)) id = value;
      else errors.push(`id "${value}" must be 1 to 32 letters and digits`);
    } else if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) {
      errors.push(`field "${field}" is not a valid extension (name=value of printable characters)`);
    } else {
      extensions.push({ name, value });
    }
  }
  if (!sawId) errors.push('the record has no id field');
  return { id, extensions, errors };
}
