/**
 * Body canonicalization (RFC 6376 §3.4.3 simple, §3.4.4 relaxed) of a bounded buffer, used only to show the
 * content after an `l=` limit. The body hash itself is computed by mailauth while the message streams.
 *
 * @module
 */

/**
 * Canonicalizes `body` (bare LFs are treated as CRLF, as the verifier does). The input may be the start of a
 * longer body: trailing empty lines are then removed too early, which only shortens an excerpt.
 *
 * @param body the body bytes.
 * @param mode `simple` or `relaxed`.
 * @returns the canonical body bytes.
 */
export function canonicalizeBody(body: Buffer, mode: 'simple' | 'relaxed'): Buffer {
  const text = body.toString('latin1').replace(/\r?\n/g, '\r\n');
  let lines = text.split('\r\n');
  // a final element after the last CRLF is an incomplete line; keep it as a line
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (mode === 'relaxed') {
    lines = lines.map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  }
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return Buffer.from(mode === 'simple' ? '\r\n' : '', 'latin1');
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1');
}
