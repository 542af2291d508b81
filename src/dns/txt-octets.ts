/**
 * The one rule for turning a TXT record's octets into strings, shared by every source of TXT records (live DNS
 * through node or our wire client, and zone files), so that the same published octets always read the same.
 *
 * @module
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a TXT record whose character-strings are given one UTF-16 code unit per octet (Latin-1, as node returns
 * them): as UTF-8 when every character-string is valid UTF-8, otherwise unchanged (one unit per octet). The
 * decision is per record, not per character-string: a record with one valid-UTF-8 string and one invalid string
 * keeps both in their octet form (so joining them still gives the right octets). `system.ts` documents the rule.
 *
 * @param strings the character-strings, one code unit (0..255) per octet.
 * @returns the decoded character-strings (a new array).
 */
export function decodeTxtRecord(strings: readonly string[]): string[] {
  if (strings.every((s) => !/[^\x00-\x7f]/.test(s))) return [...strings];
  try {
    return strings.map((s) => UTF8.decode(Buffer.from(s, 'latin1')));
  } catch {
    return [...strings];
  }
}
