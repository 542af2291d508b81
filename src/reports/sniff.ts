/**
 * Tells what a report input holds from its first bytes, never from its file name: receivers name files
 * `.xml` that are gzip, `.zip` that are gzip, and send `.gz` attachments as `application/octet-stream`.
 *
 * @module
 */

/**
 * - `gzip`: RFC 1952 magic `1f 8b`.
 * - `zip`: a local file header `PK 03 04` (or an empty archive's `PK 05 06`).
 * - `xml`: `<` after an optional BOM and white space.
 * - `json`: `{` or `[` after an optional BOM and white space (an RFC 8460 TLS report).
 * - `mbox`: a `From ` separator line at the start (RFC 4155).
 * - `message`: an RFC 5322 header field at the start (`Name: value`).
 * - `empty`: no bytes, or only white space.
 * - `unknown`: anything else.
 */
export type ContentKind = 'gzip' | 'zip' | 'xml' | 'json' | 'mbox' | 'message' | 'empty' | 'unknown';

/** How many leading bytes {@link sniffContent} needs to decide (it decides on fewer at the end of input). */
export const SNIFF_BYTES = 512;

const HEADER_FIELD = /^[!-9;-~]{1,76}:/;

/** The content kind of `head`, the first bytes of an input (at least {@link SNIFF_BYTES} unless the input is shorter). */
export function sniffContent(head: Uint8Array): ContentKind {
  if (head.length === 0) return 'empty';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 3 || head[2] === 5) &&
    (head[3] === 4 || head[3] === 6)
  )
    return 'zip';
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  const start = i;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d))
    i++;
  if (i === head.length) return 'empty';
  const c = head[i];
  if (c === 0x3c) return 'xml';
  if (c === 0x7b || c === 0x5b) return 'json';
  if (i === start) {
    const text = Buffer.from(head.subarray(i, Math.min(head.length, i + 200))).toString('latin1');
    if (text.startsWith('From ')) return 'mbox';
    if (HEADER_FIELD.test(text)) return 'message';
  }
  return 'unknown';
}
