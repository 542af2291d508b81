/**
 * The bounds on what a report may say (anyone can send a report to a `rua=` address). Text: the length of
 * names and identifiers, and of free text. Counts: one bound for every count a reporter gives (an aggregate
 * record's `<count>`, RFC 9990 §2.1.3; an SMTP TLS report's session counts, RFC 8460 §4.4), and the bound
 * of what a store may hold in total, so that every sum over stored counts is an exact JavaScript number.
 *
 * Anyone can send a report to a `rua=` address: a count is untrusted. The schemas type counts as unbounded
 * integers (`xs:integer`, JSON numbers), so the bound is ours.
 *
 * @module
 */

/**
 * The largest count one aggregate record or one TLS count may give: 2^32 − 1 = 4,294,967,295 messages
 * (or sessions). A record covers one source address and one set of results over one reporting period (a day,
 * RFC 9990 §2.1.1): 2^32 − 1 messages in a day from one address is about 50,000 messages a second for 24
 * hours, beyond any real sender; the daily mail of the whole world is estimated at a few hundred billion
 * messages, so a TLS policy total of that size (one receiver, one policy domain, one day) is not plausible
 * either. It is also the largest count a 32-bit unsigned counter, as reporters commonly keep, can give.
 * A count above it is refused (the record, or the TLS report), with the reason.
 *
 * With every count within it, a SQLite `SUM` over the store cannot overflow its 64-bit integer before
 * 2^31 rows; the store also refuses a report that would take its total past
 * {@link MAX_HELD_MESSAGES}, so every sum is below 2^53 and exact as a JavaScript number.
 */
export const MAX_REPORTED_COUNT = 4_294_967_295;

/**
 * The most messages a store (or one run in memory) may hold in total: `Number.MAX_SAFE_INTEGER`
 * (2^53 − 1, about 9 × 10^15, decades of the whole world's mail). A report that would take the total past it is
 * refused: every sum over held counts (a domain, a sender, a period) is then exact.
 */
export const MAX_HELD_MESSAGES = Number.MAX_SAFE_INTEGER;

/** Digits only, at most 15 of them (longer text is over the bound without being converted). */
const DIGITS = /^\d{1,15}$/;

/**
 * Reads an aggregate record's `<count>` text (already trimmed).
 *
 * @returns the count (0 ..= {@link MAX_REPORTED_COUNT}), or why it is refused: `not-a-number` (not a decimal
 *   whole number: empty, signed, fractional, with an exponent) or `over-limit`.
 */
export function parseReportedCount(text: string): number | 'not-a-number' | 'over-limit' {
  if (/^\d+$/.test(text) && !DIGITS.test(text)) return 'over-limit';
  if (!DIGITS.test(text)) return 'not-a-number';
  const n = Number(text);
  return n > MAX_REPORTED_COUNT ? 'over-limit' : n;
}

/**
 * Checks a count from JSON (an SMTP TLS report).
 *
 * @returns the count (0 ..= {@link MAX_REPORTED_COUNT}), or why it is refused: `not-a-number` (not a JSON
 *   number that is a whole number of zero or more) or `over-limit` (`1e300`, `2**70`: whole numbers to
 *   JavaScript, but no real count).
 */
export function checkReportedCount(value: unknown): number | 'not-a-number' | 'over-limit' {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return 'not-a-number';
  return value > MAX_REPORTED_COUNT ? 'over-limit' : value;
}

/** `4,294,967,295`: the bound as said in reasons. */
export const MAX_REPORTED_COUNT_TEXT = MAX_REPORTED_COUNT.toLocaleString('en-US');

/**
 * The longest text a name or identifier field may hold, in characters (UTF-16 code units): `<org_name>`,
 * `<email>`, `<report_id>`, every `<policy_published>` value, and every field of a record but the free text.
 * A domain name is at most 253 characters and an address or a result far less; 1,024 leaves room for any real
 * reporter name or report id. A report whose metadata or policy field is longer is refused; a record with a
 * longer field is refused (counted by reason).
 */
export const MAX_NAME_CHARS = 1024;

/**
 * The longest free text kept, in characters: `<extra_contact_info>`, `<generator>`, `<error>`, a `<reason>`'s
 * `<comment>`, `<human_result>`. Longer text is cut to this length and counted (`long-text-cut`).
 */
export const MAX_FREE_TEXT_CHARS = 4096;
