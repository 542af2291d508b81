/**
 * gzip (RFC 1952) as receivers really send it: several members one after another (read as one stream, as
 * RFC 1952 §2.2 says), or padding and junk after the last member (ignored and counted). node:zlib does the
 * inflating; this module walks the member headers so that it knows where each member ends.
 *
 * @module
 */

import { crc32, inflateRawSync } from 'node:zlib';

/** The result of {@link gunzipMembers}. */
export interface GunzipResult {
  data: Buffer;
  /** Members read. */
  members: number;
  /** Bytes after the last member that are not another member (ignored). */
  trailingBytes: number;
}

/** Thrown by {@link gunzipMembers} for damaged data; the message says what and where. */
export class GzipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GzipError';
  }
}

const FTEXT_FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

/** Offset of the compressed data after the member header at `at`, or throws. */
function skipHeader(buf: Buffer, at: number): number {
  if (buf.length - at < 10) throw new GzipError(`truncated gzip header at byte ${at}`);
  if (buf[at] !== 0x1f || buf[at + 1] !== 0x8b) throw new GzipError(`no gzip header at byte ${at}`);
  if (buf[at + 2] !== 8) throw new GzipError(`unknown gzip compression method ${buf[at + 2]}`);
  const flags = buf[at + 3] ?? 0;
  let i = at + 10;
  if (flags & FEXTRA) {
    if (i + 2 > buf.length) throw new GzipError('truncated gzip extra field');
    i += 2 + buf.readUInt16LE(i);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (flags & flag) {
      const zero = buf.indexOf(0, i);
      if (zero < 0) throw new GzipError('truncated gzip header (name or comment)');
      i = zero + 1;
    }
  }
  if (flags & FTEXT_FHCRC) i += 2;
  if (i > buf.length) throw new GzipError('truncated gzip header');
  return i;
}

/**
 * Inflates every gzip member of `buf`, checking each member's CRC-32 and length, and ignoring bytes after the
 * last member (counted in `trailingBytes`).
 *
 * @param maxOutputBytes the most bytes to produce (a bound against compression bombs).
 * @throws {@link GzipError} for damaged data (bad header, truncated member, CRC or length mismatch) or output
 *   over `maxOutputBytes`.
 */
export function gunzipMembers(buf: Buffer, maxOutputBytes: number): GunzipResult {
  const out: Buffer[] = [];
  let total = 0;
  let at = 0;
  let members = 0;
  while (at < buf.length) {
    if (members > 0 && !(buf[at] === 0x1f && buf[at + 1] === 0x8b)) break;
    const dataStart = skipHeader(buf, at);
    let result: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      result = inflateRawSync(buf.subarray(dataStart), {
        info: true,
        maxOutputLength: Math.max(1, maxOutputBytes - total),
      }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE')
        throw new GzipError(`decompressed data over the ${maxOutputBytes}-byte limit`);
      throw new GzipError(`damaged gzip data in member ${members + 1} (${err.message})`);
    }
    const end = dataStart + result.engine.bytesWritten;
    if (end + 8 > buf.length) throw new GzipError(`gzip member ${members + 1} is truncated (no trailer)`);
    const crc = buf.readUInt32LE(end);
    const size = buf.readUInt32LE(end + 4);
    if (crc32(result.buffer) !== crc)
      throw new GzipError(`gzip member ${members + 1} fails its CRC-32 check`);
    if (result.buffer.length % 2 ** 32 !== size)
      throw new GzipError(`gzip member ${members + 1} has the wrong length`);
    out.push(result.buffer);
    total += result.buffer.length;
    members++;
    at = end + 8;
  }
  const data = out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out, total);
  return { data, members, trailingBytes: buf.length - at };
}
