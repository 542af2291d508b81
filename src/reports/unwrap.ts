/**
 * Opens report containers down to the report documents inside them: gzip (RFC 1952), zip, an RFC 5322
 * message with report attachments, an mbox of such messages, nested in any order up to a fixed depth. What a
 * container holds is told from its bytes ({@link sniffContent}), never from its name.
 *
 * Every document is yielded with a name that says where it came from (`mail.mbox#12!report.zip!report.xml`);
 * every problem is yielded as a {@link ReportReadError} for that name, and the walk goes on with the next
 * part, so one damaged attachment does not hide the rest of a mailbox.
 *
 * Memory: files are streamed; a message is held while it is decoded (at most `maxMessageBytes`); a gzip member
 * under {@link SYNC_GZIP_BYTES} is inflated at once (to read odd framings), a larger one is streamed; a zip
 * inside a message is read from memory, a zip file from disk. Decompressed documents are bounded by
 * `maxDocumentBytes`, and all that one input decompresses to (every zip entry and gzip member, nested ones too)
 * by `maxInflatedBytes`. Zip entries whose data overlap (a zip bomb that points many entries at one deflated
 * stream) end the reading of their archive.
 *
 * @module
 */

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import yauzl from 'yauzl';
import { ReportReadError } from './errors.js';
import { GzipError, gunzipMembers } from './gzip.js';
import { splitMbox } from './mbox.js';
import { readMessage } from './message.js';
import { type ContentKind, SNIFF_BYTES, sniffContent } from './sniff.js';
import type { FailureReportInfo, ToleranceKind } from './types.js';

/** Size limits of the readers (bytes). */
export interface UnwrapLimits {
  /** Largest decompressed report document (default 1 GiB). */
  maxDocumentBytes?: number;
  /** Largest message in an mbox or `.eml` file (default 64 MiB). */
  maxMessageBytes?: number;
  /** Most entries read from one zip archive (default 10,000). */
  maxZipEntries?: number;
  /**
   * Most bytes one input (a file given, or the bytes given to `unwrapBytes`) inflates to in all: the bytes of every
   * zip entry (stored or deflated) and gzip member in it, in nested containers too (default 4 GiB: four documents of the largest size, or
   * thousands of real reports; a mailbox of reports that inflates to more is read in parts). Past it, the input's
   * reading ends with one `too-large` refusal.
   */
  maxInflatedBytes?: number;
}

/** The defaults of {@link UnwrapLimits}. */
export const DEFAULT_UNWRAP_LIMITS: Required<UnwrapLimits> = {
  maxDocumentBytes: 1024 * 1024 * 1024,
  maxMessageBytes: 64 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxInflatedBytes: 4 * 1024 * 1024 * 1024,
};

/** The limits of one input's walk, and what it has inflated so far (shared by its nested containers). */
interface Walk extends Required<UnwrapLimits> {
  /** Bytes inflated so far (zip entries and gzip members, nested ones too). */
  inflated: number;
  /** Set when `maxInflatedBytes` was crossed: the walk yields nothing more (the refusal said so). */
  stopped: boolean;
}

function startWalk(limits: UnwrapLimits): Walk {
  return { ...DEFAULT_UNWRAP_LIMITS, ...limits, inflated: 0, stopped: false };
}

/**
 * Counts `bytes` inflated from `name` against the input's `maxInflatedBytes`.
 * @throws {@link ReportReadError} `too-large` (ending the reading of the input) past it.
 */
function charge(w: Walk, bytes: number, name: string): void {
  w.inflated += bytes;
  if (w.inflated <= w.maxInflatedBytes) return;
  w.stopped = true;
  throw new ReportReadError(
    name,
    'too-large',
    `the input inflates to more than ${w.maxInflatedBytes.toLocaleString('en-US')} bytes in all (maxInflatedBytes: the bound on what one input decompresses to, all its zip entries and gzip data together, nested ones too); the rest of the input was not read`,
    { stopsReading: true },
  );
}

/** Counts inflated bytes through a stream (see {@link charge}). */
async function* inflated(chunks: AsyncIterable<Uint8Array>, w: Walk, name: string) {
  for await (const c of chunks) {
    charge(w, c.byteLength, name);
    yield c;
  }
}

/** gzip data up to this size is inflated in one call, which also reads odd framings (junk after the data). */
export const SYNC_GZIP_BYTES = 8 * 1024 * 1024;

/** The most bytes gzip data is inflated to in memory at once; beyond, it is streamed. */
export const SYNC_GZIP_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Files up to this size are read in one call; larger ones (an mbox, a big archive) are streamed. */
export const SMALL_FILE_BYTES = 1024 * 1024;

/** Containers nested deeper than this are refused (an mbox holding a message holding a zip holding gzip is 4). */
export const MAX_NESTING = 6;

/** One thing found inside an input. */
export type Unwrapped =
  | {
      kind: 'document';
      /** `xml` (a DMARC aggregate report, probably) or `json` (an SMTP TLS report, probably). */
      format: 'xml' | 'json';
      name: string;
      /** The document's bytes, streamed. Consume them before asking for the next item. */
      chunks: AsyncIterable<Uint8Array>;
      /** Tolerances met while unwrapping it (e.g. junk after a gzip member). */
      tolerated: ToleranceKind[];
    }
  | { kind: 'failure'; name: string; failure: FailureReportInfo }
  | { kind: 'error'; error: ReportReadError };

/** A stream whose first bytes have been read ahead to tell what it is. */
interface Peeked {
  head: Buffer;
  chunks: AsyncIterable<Uint8Array>;
}

async function peek(source: AsyncIterable<Uint8Array>): Promise<Peeked> {
  const it = source[Symbol.asyncIterator]();
  const got: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < SNIFF_BYTES) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength);
    got.push(b);
    size += b.length;
  }
  const head = Buffer.concat(got, size);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, chunks: rest() };
}

async function collect(chunks: AsyncIterable<Uint8Array>, limit: number, name: string, what: string) {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.byteLength;
    if (size > limit) throw new ReportReadError(name, 'too-large', `${what} over the ${limit}-byte limit`);
    parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
}

/** Counts bytes through a stream and stops it past `limit`. */
async function* bounded(chunks: AsyncIterable<Uint8Array>, limit: number, name: string) {
  let size = 0;
  for await (const c of chunks) {
    size += c.byteLength;
    if (size > limit)
      throw new ReportReadError(name, 'too-large', `decompressed document over the ${limit}-byte limit`);
    yield c;
  }
}

/** Where the bytes of an input come from: a file on disk (zip can then be read from disk) or memory. */
type Origin = { path: string; size: number } | { bytes: Buffer } | null;

/**
 * Walks one input file down to its documents.
 *
 * @param path the file to read.
 * @param size its size in bytes (for zip files read from disk).
 */
export async function* unwrapFile(
  path: string,
  size: number,
  limits: UnwrapLimits = {},
): AsyncGenerator<Unwrapped> {
  const l = startWalk(limits);
  if (size <= SMALL_FILE_BYTES) {
    // most reports are small: one read is cheaper than a stream
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      yield { kind: 'error', error: ioError(path, e) };
      return;
    }
    yield* unwrap(path, { head: bytes.subarray(0, SNIFF_BYTES), chunks: once(bytes) }, { bytes }, l, 0, []);
    return;
  }
  let peeked: Peeked;
  try {
    peeked = await peek(createReadStream(path, { highWaterMark: 256 * 1024 }));
  } catch (e) {
    yield { kind: 'error', error: ioError(path, e) };
    return;
  }
  yield* unwrap(path, peeked, { path, size }, l, 0, []);
}

/**
 * Walks bytes held in memory (an attachment, a message) down to their documents.
 * @param name the name used in results and errors.
 */
export async function* unwrapBytes(
  name: string,
  bytes: Uint8Array,
  limits: UnwrapLimits = {},
): AsyncGenerator<Unwrapped> {
  const l = startWalk(limits);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  yield* unwrap(name, { head: buf.subarray(0, SNIFF_BYTES), chunks: once(buf) }, { bytes: buf }, l, 0, []);
}

async function* once(buf: Buffer): AsyncGenerator<Uint8Array> {
  if (buf.length > 0) yield buf;
}

function ioError(path: string, e: unknown): ReportReadError {
  const err = e as NodeJS.ErrnoException;
  return new ReportReadError(path, 'io', `cannot read the file (${err.code ?? err.message})`);
}

async function* unwrap(
  name: string,
  peeked: Peeked,
  origin: Origin,
  l: Walk,
  depth: number,
  tolerated: ToleranceKind[],
): AsyncGenerator<Unwrapped> {
  if (l.stopped) return;
  if (depth > MAX_NESTING) {
    yield {
      kind: 'error',
      error: new ReportReadError(name, 'archive', `containers nested over ${MAX_NESTING} deep`),
    };
    return;
  }
  const kind: ContentKind = sniffContent(peeked.head);
  try {
    switch (kind) {
      case 'xml':
      case 'json':
        yield {
          kind: 'document',
          format: kind,
          name,
          chunks: bounded(peeked.chunks, l.maxDocumentBytes, name),
          tolerated,
        };
        return;
      case 'gzip':
        yield* gunzip(name, peeked, origin, l, depth, tolerated);
        return;
      case 'zip':
        yield* unzip(name, peeked, origin, l, depth);
        return;
      case 'message': {
        const bytes =
          origin && 'bytes' in origin
            ? origin.bytes
            : await collect(peeked.chunks, l.maxMessageBytes, name, 'message');
        yield* messageParts(name, bytes, l, depth);
        return;
      }
      case 'mbox':
        for await (const m of splitMbox(peeked.chunks, name, l.maxMessageBytes)) {
          if (l.stopped) return;
          if ('error' in m) yield { kind: 'error', error: m.error };
          else yield* messageParts(`${name}#${m.index}`, m.bytes, l, depth + 1);
        }
        return;
      case 'empty':
        yield {
          kind: 'error',
          error: new ReportReadError(name, 'empty', 'no content (empty or only white space)'),
        };
        return;
      default:
        yield {
          kind: 'error',
          error: new ReportReadError(
            name,
            'unsupported',
            'not a report: neither XML, JSON, gzip, zip, an email message nor an mbox',
          ),
        };
    }
  } catch (e) {
    if (e instanceof ReportReadError) yield { kind: 'error', error: e };
    else if ((e as NodeJS.ErrnoException).code && origin && 'path' in origin)
      yield { kind: 'error', error: ioError(name, e) };
    else throw e;
  }
}

async function* gunzip(
  name: string,
  peeked: Peeked,
  origin: Origin,
  l: Walk,
  depth: number,
  tolerated: ToleranceKind[],
): AsyncGenerator<Unwrapped> {
  const small =
    origin && 'bytes' in origin
      ? origin.bytes.length <= SYNC_GZIP_BYTES
      : origin
        ? origin.size <= SYNC_GZIP_BYTES
        : false;
  if (small) {
    const compressed =
      origin && 'bytes' in origin
        ? origin.bytes
        : await collect(peeked.chunks, SYNC_GZIP_BYTES, name, 'gzip data');
    let result: ReturnType<typeof gunzipMembers> | null = null;
    try {
      result = gunzipMembers(compressed, Math.min(SYNC_GZIP_OUTPUT_BYTES, l.maxDocumentBytes));
    } catch (e) {
      if (!(e instanceof GzipError)) throw e;
      const overLimit = /limit/.test(e.message);
      if (!overLimit || SYNC_GZIP_OUTPUT_BYTES >= l.maxDocumentBytes)
        throw new ReportReadError(name, overLimit ? 'too-large' : 'archive', e.message);
      // more than fits in memory at once: streamed instead (bounded by maxDocumentBytes)
    }
    if (!result) {
      yield* gunzipStream(name, once(compressed), l, depth, tolerated);
      return;
    }
    charge(l, result.data.length, name);
    const t: ToleranceKind[] = result.trailingBytes > 0 ? [...tolerated, 'trailing-data'] : tolerated;
    // gzip holds one document, not members with names: the document keeps the name of its container
    yield* unwrap(
      name,
      { head: result.data.subarray(0, SNIFF_BYTES), chunks: once(result.data) },
      { bytes: result.data },
      l,
      depth + 1,
      t,
    );
    return;
  }
  yield* gunzipStream(name, peeked.chunks, l, depth, tolerated);
}

/** Inflates a gzip stream as it is read (for large data); odd framings are not tolerated here. */
async function* gunzipStream(
  name: string,
  compressed: AsyncIterable<Uint8Array>,
  l: Walk,
  depth: number,
  tolerated: ToleranceKind[],
): AsyncGenerator<Unwrapped> {
  const stream = Readable.from(compressed).pipe(createGunzip());
  const chunks = async function* () {
    try {
      for await (const c of stream) yield c as Buffer;
    } catch (e) {
      throw new ReportReadError(name, 'archive', `damaged gzip data (${(e as Error).message})`);
    }
  };
  const p = await peek(inflated(chunks(), l, name));
  yield* unwrap(name, p, null, l, depth + 1, tolerated);
}

function openZip(origin: Origin, name: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => {
      if (err || !zip)
        reject(
          new ReportReadError(
            name,
            'archive',
            `not a readable zip archive (${err?.message ?? 'no archive'})`,
          ),
        );
      else resolve(zip);
    };
    const options = { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: true };
    if (origin && 'path' in origin) yauzl.open(origin.path, options, done);
    else if (origin && 'bytes' in origin) yauzl.fromBuffer(origin.bytes, options, done);
    else
      reject(new ReportReadError(name, 'archive', 'a zip archive inside a compressed stream cannot be read'));
  });
}

async function* unzip(
  name: string,
  peeked: Peeked,
  origin: Origin,
  l: Walk,
  depth: number,
): AsyncGenerator<Unwrapped> {
  let src = origin;
  if (!src) src = { bytes: await collect(peeked.chunks, l.maxMessageBytes, name, 'zip archive') };
  const zip = await openZip(src, name);
  let count = 0;
  const extents = new ZipExtents();
  try {
    for (;;) {
      if (l.stopped) return;
      const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', (e: yauzl.Entry) => {
          zip.removeAllListeners('end');
          zip.removeAllListeners('error');
          resolve(e);
        });
        zip.once('end', () => {
          zip.removeAllListeners('entry');
          resolve(null);
        });
        zip.once('error', (err: Error) => {
          zip.removeAllListeners('entry');
          reject(
            new ReportReadError(
              name,
              'archive',
              `damaged zip archive (${err.message}); the rest was not read`,
              {
                stopsReading: true,
              },
            ),
          );
        });
        zip.readEntry();
      });
      if (!entry) return;
      if (entry.fileName.endsWith('/')) continue;
      if (++count > l.maxZipEntries) {
        yield {
          kind: 'error',
          error: new ReportReadError(
            name,
            'too-large',
            `more than ${l.maxZipEntries.toLocaleString('en-US')} entries; the rest were not read`,
            { stopsReading: true },
          ),
        };
        return;
      }
      const entryName = `${name}!${entry.fileName}`;
      let overlap: string | null;
      try {
        const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
        overlap = extents.add(
          entry.fileName,
          entry.relativeOffsetOfLocalHeader,
          fileDataStart + entry.compressedSize,
        );
      } catch (e) {
        yield {
          kind: 'error',
          error: new ReportReadError(
            entryName,
            'archive',
            `cannot read the zip entry (${(e as Error).message})`,
          ),
        };
        continue;
      }
      if (overlap !== null) {
        yield {
          kind: 'error',
          error: new ReportReadError(
            entryName,
            'archive',
            `its data overlaps the data of the entry ${overlap}: zip entries that share data are a zip bomb (each would be inflated again), not an archive of reports; the rest was not read`,
            { stopsReading: true },
          ),
        };
        return;
      }
      if (entry.uncompressedSize > l.maxDocumentBytes) {
        yield {
          kind: 'error',
          error: new ReportReadError(
            entryName,
            'too-large',
            `entry over the ${l.maxDocumentBytes}-byte limit`,
          ),
        };
        continue;
      }
      let stream: Readable;
      try {
        stream = await new Promise<Readable>((resolve, reject) =>
          zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))),
        );
      } catch (e) {
        yield {
          kind: 'error',
          error: new ReportReadError(
            entryName,
            'archive',
            `cannot read the zip entry (${(e as Error).message})`,
          ),
        };
        continue;
      }
      const chunks = async function* () {
        try {
          for await (const c of stream) {
            charge(l, (c as Buffer).byteLength, entryName);
            yield c as Buffer;
          }
        } catch (e) {
          if (e instanceof ReportReadError) throw e;
          throw new ReportReadError(entryName, 'archive', `damaged zip entry (${(e as Error).message})`);
        }
      };
      try {
        if (entry.uncompressedSize <= SYNC_GZIP_BYTES) {
          // small entries (nearly all reports) are read whole, so gzip inside them gets the tolerant reader
          const buf = await collect(chunks(), SYNC_GZIP_BYTES, entryName, 'zip entry');
          yield* unwrap(
            entryName,
            { head: buf.subarray(0, SNIFF_BYTES), chunks: once(buf) },
            { bytes: buf },
            l,
            depth + 1,
            [],
          );
        } else {
          yield* unwrap(entryName, await peek(chunks()), null, l, depth + 1, []);
        }
      } catch (e) {
        if (!(e instanceof ReportReadError)) throw e;
        yield { kind: 'error', error: e };
      }
      // drain what the consumer left (e.g. a refused document) so the next entry can be read
      stream.resume();
    }
  } finally {
    zip.close();
  }
}

/**
 * The byte ranges of a zip archive's entries (local header to the end of the data), to refuse entries that
 * share bytes. The ranges kept are disjoint and sorted by start, so one binary search finds the neighbours a
 * new range could overlap: O(log n) per entry, plus the insertion.
 */
class ZipExtents {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly names: string[] = [];

  /**
   * Adds the range [start, end) of the entry `name` (end > start: a local header is 30 bytes).
   * @returns the name of an entry whose range overlaps it (the range is then not added), or null.
   */
  add(name: string, start: number, end: number): string | null {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) < start) lo = mid + 1;
      else hi = mid;
    }
    // lo: the first range starting at or after `start`; the one before it starts before `start`
    if (lo < this.starts.length && (this.starts[lo] as number) < end) return this.names[lo] as string;
    if (lo > 0 && (this.ends[lo - 1] as number) > start) return this.names[lo - 1] as string;
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
    this.names.splice(lo, 0, name);
    return null;
  }
}

async function* messageParts(name: string, bytes: Buffer, l: Walk, depth: number): AsyncGenerator<Unwrapped> {
  if (bytes.length > l.maxMessageBytes) {
    yield {
      kind: 'error',
      error: new ReportReadError(name, 'too-large', `message over the ${l.maxMessageBytes}-byte limit`),
    };
    return;
  }
  const content = await readMessage(bytes, name);
  if (content.kind === 'failure') {
    yield { kind: 'failure', name, failure: content.failure };
    return;
  }
  if (content.parts.length === 0) {
    yield {
      kind: 'error',
      error: new ReportReadError(name, 'not-a-report', 'the message has no report attachment'),
    };
    return;
  }
  for (const part of content.parts) {
    const partName = `${name}!${part.name}`;
    const buf = Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength);
    yield* unwrap(
      partName,
      { head: buf.subarray(0, SNIFF_BYTES), chunks: once(buf) },
      { bytes: buf },
      l,
      depth + 1,
      [],
    );
  }
}
