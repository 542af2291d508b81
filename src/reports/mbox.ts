/**
 * Splits an mbox file (RFC 4155: messages separated by lines that begin with `From `) into messages while
 * streaming it: memory holds one message at a time, so a 1 GB mailbox is read in bounded memory. Quoted
 * `>From ` lines (mboxrd) lose one `>`. CRLF and LF line ends are both read.
 *
 * @module
 */

import { ReportReadError } from './errors.js';

/** Splits the byte stream `chunks` into messages; a message over `maxMessageBytes` is refused with a typed error. */
export async function* splitMbox(
  chunks: AsyncIterable<Uint8Array>,
  input: string,
  maxMessageBytes: number,
): AsyncGenerator<{ index: number; bytes: Buffer } | { index: number; error: ReportReadError }> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  let index = 0;
  let started = false;
  let carry: Buffer = Buffer.alloc(0);
  const flush = function* () {
    if (!started) return;
    index++;
    if (tooLarge)
      yield {
        index,
        error: new ReportReadError(
          `${input}#${index}`,
          'too-large',
          `message over the ${maxMessageBytes}-byte limit (maxMessageBytes)`,
        ),
      };
    else if (size > 0) yield { index, bytes: Buffer.concat(parts, size) };
    parts = [];
    size = 0;
    tooLarge = false;
  };
  const line = function* (l: Buffer) {
    // l includes its line end
    if (l.length >= 5 && l[0] === 0x46 && l.toString('latin1', 0, 5) === 'From ') {
      yield* flush();
      started = true;
      return;
    }
    if (!started) {
      started = true; // text before the first separator: read as a message of its own
    }
    let out = l;
    if (l[0] === 0x3e) {
      let i = 0;
      while (i < l.length && l[i] === 0x3e) i++;
      if (l.toString('latin1', i, i + 5) === 'From ') out = l.subarray(1);
    }
    if (tooLarge) return;
    if (size + out.length > maxMessageBytes) {
      tooLarge = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(out);
    size += out.length;
  };
  for await (const chunk of chunks) {
    const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      yield* line(buf.subarray(start, nl + 1));
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start));
    // a line longer than the limit cannot belong to a message we keep
    if (carry.length > maxMessageBytes) {
      started = true;
      tooLarge = true;
      parts = [];
      size = 0;
      carry = Buffer.alloc(0);
    }
  }
  if (carry.length > 0) yield* line(carry);
  yield* flush();
}
