/**
 * The message model: a message read once, on Buffers. The header section is split into header fields once
 * (RFC 5322 §2.2), each kept as its octets (a latin1 string: one UTF-16 unit per octet, for canonicalization) and
 * as text (UTF-8, for reading), and indexed by lower-case field name so that repeated fields are found
 * bottom-up (RFC 6376 §5.4.2). The body is never held: it is streamed, with bare LFs read as CRLF, to a
 * {@link BodySink} chosen once the header section is known (the DKIM body hashes).
 *
 * DKIM, ARC, DMARC (From), SPF (the envelope from Received/Return-Path) and the message report all read the
 * same {@link MessageHeaderSection}.
 *
 * @module
 */

import { isAscii } from 'node:buffer';
import {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_MESSAGE_BYTES,
  HeaderStart,
  type MessageHeader,
  type MessageInput,
  MessageInputError,
  type MessageReadOptions,
  type MessageShape,
  MessageTooLargeError,
} from './message-input.js';
import { trimFws } from './tag-list.js';

/** One header field: its name and value (see {@link MessageHeader}) and its octets. */
export interface HeaderField extends MessageHeader {
  /**
   * The whole field as it appears, name, colon, value and folding (lines joined with CRLF), without the CRLF
   * that ends it; one UTF-16 code unit per octet (latin1), so canonicalization sees the exact octets.
   */
  raw: string;
}

/** Receives the body, with every bare LF already turned into CRLF. */
export interface BodySink {
  /** One piece of the body, in order. The buffer may be reused by the caller after the call. */
  write(chunk: Buffer): void;
  /** The body has ended. */
  end(): void;
}

/**
 * The header fields of a message, in order (top first), looked up by lower-case name. Field names are compared
 * in ASCII case-insensitively (RFC 5322 §1.2.2), so `FROM` and `From` are one name.
 */
export class MessageHeaderSection {
  /** Every header field, top first. */
  readonly fields: readonly HeaderField[];
  private readonly byKey = new Map<string, HeaderField[]>();

  constructor(fields: HeaderField[]) {
    this.fields = fields;
    for (const f of fields) {
      const list = this.byKey.get(f.key);
      if (list) list.push(f);
      else this.byKey.set(f.key, [f]);
    }
  }

  /** The fields named `key` (lower-case), top first; empty when there are none. */
  all(key: string): readonly HeaderField[] {
    return this.byKey.get(key) ?? NONE;
  }

  /** How many fields are named `key` (lower-case). */
  count(key: string): number {
    return this.byKey.get(key)?.length ?? 0;
  }

  /** The topmost field named `key` (lower-case). */
  first(key: string): HeaderField | undefined {
    return this.byKey.get(key)?.[0];
  }

  /**
   * The fields a signature's `h=` list selects (RFC 6376 §5.4.2): for each name in order, the bottom-most
   * instance not selected yet; a name with no instance left selects nothing (the null string).
   *
   * @param names field names as written in `h=` (case-insensitive; surrounding FWS is ignored).
   * @returns the selected fields, in `h=` order, without the names that selected nothing.
   */
  select(names: readonly string[]): HeaderField[] {
    const used = new Map<string, number>();
    const out: HeaderField[] = [];
    for (const name of names) {
      const key = lowerAscii(trimFws(name));
      const list = this.byKey.get(key);
      if (!list) continue;
      const n = used.get(key) ?? 0;
      if (n >= list.length) continue;
      used.set(key, n + 1);
      out.push(list[list.length - 1 - n] as HeaderField);
    }
    return out;
  }
}

const NONE: readonly HeaderField[] = Object.freeze([]);

/** A message read by {@link readMessage}. */
export interface ReadMessage {
  /** The header section. */
  header: MessageHeaderSection;
  /** Size, line endings and the header/body separator. */
  shape: MessageShape;
}

/** Options for {@link readMessage}: the size limits and header-section rule, and where the body goes. */
export interface ReadMessageOptions extends MessageReadOptions {
  /**
   * Called once, when the header section has been read (before any body octet), to choose where the body goes.
   * Return undefined to discard it (its size and line endings are still recorded).
   */
  body?: (header: MessageHeaderSection) => BodySink | undefined;
}

const CHUNK = 64 * 1024;
const NON_ASCII = /[^\x00-\x7f]/;
const UPPER = /[A-Z]/g;

/**
 * Lower-cases US-ASCII letters only. `String.prototype.toLowerCase` would also map latin1 octets 0xC0-0xDE
 * (read from a header as one code unit per octet), changing the octets.
 */
export function lowerAscii(s: string): string {
  return NON_ASCII.test(s) ? s.replace(UPPER, (c) => c.toLowerCase()) : s.toLowerCase();
}

/**
 * RFC 5322 §2.2, §3.6.8: a line opens a header field when it starts with a field name (printable US-ASCII except
 * the colon) followed by the colon, with optional white space before the colon (the obsolete syntax of §4.5).
 * A line that does not, and does not start with white space (a fold), is appended to the field above: read any
 * other way, a line a mail reader shows as part of a value could escape a signature. (Appending can only add
 * octets to a signed value, so it can only turn a pass into a fail.)
 *
 * @param text the header section; the line is `text[start..end)`, without its line ending.
 */
function startsField(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c > 0x20 && c < 0x7f && c !== 0x3a) i++;
    else break;
  }
  if (i === start) return false;
  while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i < end && text.charCodeAt(i) === 0x3a;
}

const MBOX_FROM = 'From ';

/**
 * Splits a header section (its octets as a latin1 string, without the empty line that ends it) into fields.
 * Lines end with CRLF or a bare LF; a field's lines are joined with CRLF. An mbox `From ` line (RFC 4155) first
 * is not a field. One pass over the text: a field whose lines all end with CRLF is one slice of it.
 *
 * @param ascii whether the text is all US-ASCII, when the caller knows (else it is tested here).
 */
export function splitHeaderFields(text: string, ascii = !NON_ASCII.test(text)): HeaderField[] {
  const fields: HeaderField[] = [];
  // octets as text: US-ASCII reads the same in latin1 and UTF-8, so only a section with other octets is decoded
  const n = text.length;
  let fieldStart = -1; // the current field: from its first line's start...
  let fieldEnd = -1; // ...to its last line's end (without the line ending)
  let bareLf = false; // a line of the current field, other than its last, ended with a bare LF
  const flush = () => {
    if (fieldStart < 0) return;
    let raw = text.slice(fieldStart, fieldEnd);
    if (bareLf) raw = raw.replace(LINE_BREAK, '\r\n');
    const colon = raw.indexOf(':');
    let name = colon < 0 ? raw : raw.slice(0, colon);
    if (name.indexOf('\n') >= 0) name = name.replace(LINE_BREAK, '');
    name = trimWsp(name);
    const value =
      colon < 0
        ? ''
        : ascii
          ? raw.slice(colon + 1)
          : Buffer.from(raw.slice(colon + 1), 'latin1').toString('utf8');
    fields.push({ name, key: ascii ? name.toLowerCase() : lowerAscii(name), value, raw });
  };
  let start = 0;
  let lastLineBareLf = false;
  while (start < n) {
    let lf = text.indexOf('\n', start);
    let next: number;
    if (lf < 0) {
      lf = n;
      next = n;
    } else next = lf + 1;
    // the line without its ending (a CR before the LF, or a final CR, is part of the ending)
    const end = lf > start && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
    const lineBareLf = end === lf && lf < n;
    const first = start === 0;
    const lineStart = start;
    start = next;
    if (first && text.startsWith(MBOX_FROM) && !startsField(text, 0, end)) continue;
    const c = text.charCodeAt(lineStart);
    if (fieldStart >= 0 && (c === 0x20 || c === 0x09 || !startsField(text, lineStart, end))) {
      // a fold or an appended line: the field goes on; the line ending before it is now inside the field
      if (lastLineBareLf) bareLf = true;
      fieldEnd = end;
    } else {
      flush();
      fieldStart = lineStart;
      fieldEnd = end;
      bareLf = false;
    }
    lastLineBareLf = lineBareLf;
  }
  flush();
  return fields;
}

/** A line break inside a field (CRLF, or a bare LF). */
const LINE_BREAK = /\r?\n/g;

function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const CRLF = Buffer.from('\r\n', 'latin1');

/**
 * A size limit option: a positive integer number of bytes, or `fallback` when not given. A limit of `NaN`
 * (configuration read with `Number(process.env.X)`) would switch the check off, and a negative one refuse every
 * message, so both are refused.
 *
 * @throws RangeError when `value` is given and is not a positive integer.
 */
function byteLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer number of bytes, not ${String(value)}`);
  return value;
}

/**
 * Where the header text ends when the empty line that ends the section ends at `bodyFrom` (just after its LF): the
 * empty line's LF and the CR before it are not part of the section.
 */
function headerTextEnd(text: string, bodyFrom: number): number {
  let end = bodyFrom - 1; // LF
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

/**
 * Reads a message incrementally: {@link MessageReader.push} each chunk, then {@link MessageReader.end}. Enforces
 * the size limits (throwing {@link MessageTooLargeError}) and, with `requireHeaderSection`, the header-section
 * rule (throwing {@link MessageInputError} `ENOHEADERS` as soon as the first line or two decide it).
 */
export class MessageReader {
  readonly shape: MessageShape = {
    bytes: 0,
    headerBytes: 0,
    bodyBytes: 0,
    hasSeparator: false,
    lineEndings: 'none',
    crlf: 0,
    bareLf: 0,
  };
  private readonly maxMessage: number;
  private readonly maxHeader: number;
  private readonly start: HeaderStart | undefined;
  private readonly chooseBody: ReadMessageOptions['body'];
  private header: MessageHeaderSection | undefined;
  private sink: BodySink | undefined;
  private headerChunks: Buffer[] = [];
  private inHeader = true;
  private prev = -1; // the last octet of the previous chunk
  private lastLf = -1; // absolute position of the last LF (-1: the message start begins a line)

  constructor(options: ReadMessageOptions = {}) {
    this.maxMessage = byteLimit(options.maxMessageBytes, DEFAULT_MAX_MESSAGE_BYTES, 'maxMessageBytes');
    this.maxHeader = byteLimit(options.maxHeaderBytes, DEFAULT_MAX_HEADER_BYTES, 'maxHeaderBytes');
    this.start = options.requireHeaderSection ? new HeaderStart() : undefined;
    this.chooseBody = options.body;
  }

  /** Reads the next chunk. @throws {@link MessageInputError} for a limit or a missing header section. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    const shape = this.shape;
    const base = shape.bytes;
    shape.bytes += chunk.length;
    if (shape.bytes > this.maxMessage) throw new MessageTooLargeError('EMESSAGETOOLARGE', this.maxMessage);
    if (this.start && this.start.verdict === undefined) {
      this.start.feed(chunk);
      if (this.start.verdict === false) throw new MessageInputError('ENOHEADERS', this.start.why);
    }
    let bodyFrom = -1;
    let bare: number[] | undefined; // positions of bare LFs in the body part of this chunk
    const prevByte = this.prev;
    // the octets as latin1 text (one code unit per octet): a string search finds the LFs faster than a Buffer
    // search called from JavaScript, and the header section is read as this text
    const text = chunk.toString('latin1');
    for (let pos = text.indexOf('\n'); pos >= 0; pos = text.indexOf('\n', pos + 1)) {
      const cr = (pos > 0 ? text.charCodeAt(pos - 1) : prevByte) === 0x0d;
      if (cr) shape.crlf++;
      else shape.bareLf++;
      const at = base + pos;
      if (this.inHeader) {
        // the line this LF ends is empty: the first empty line ends the header section (RFC 5322 §2.1)
        if (at - this.lastLf === 1 || (at - this.lastLf === 2 && cr)) {
          if (at + 1 > this.maxHeader) throw new MessageTooLargeError('EHEADERTOOLARGE', this.maxHeader);
          this.inHeader = false;
          shape.hasSeparator = true;
          shape.headerBytes = at + 1;
          bodyFrom = pos + 1;
        }
      } else if (!cr) {
        bare ??= [];
        bare.push(pos);
      }
      this.lastLf = at;
    }
    this.prev = chunk[chunk.length - 1] as number;
    if (this.inHeader) {
      if (shape.bytes > this.maxHeader) throw new MessageTooLargeError('EHEADERTOOLARGE', this.maxHeader);
      this.headerChunks.push(chunk);
      return;
    }
    let body = chunk;
    if (bodyFrom >= 0) {
      if (this.headerChunks.length === 0) {
        // the whole header section is in this chunk (its own string, so that header values do not keep the
        // chunk's text alive)
        const end = headerTextEnd(text, bodyFrom);
        this.endHeaderText(chunk.toString('latin1', 0, end), isAscii(chunk.subarray(0, end)));
      } else {
        this.headerChunks.push(chunk.subarray(0, bodyFrom));
        this.endHeader();
      }
      body = chunk.subarray(bodyFrom);
    }
    if (body.length === 0 || !this.sink) return;
    if (!bare) {
      this.sink.write(body);
      return;
    }
    // bare LFs become CRLF (as on the wire); positions are in `chunk`, the body starts at bodyFrom
    const offset = Math.max(bodyFrom, 0);
    const parts: Buffer[] = [];
    let from = 0;
    for (const p of bare) {
      const q = p - offset;
      parts.push(body.subarray(from, q), CRLF);
      from = q + 1;
    }
    parts.push(body.subarray(from));
    this.sink.write(Buffer.concat(parts));
  }

  /**
   * Ends the message and returns it.
   * @throws {@link MessageInputError} `ENOHEADERS` when a header section is required and there is none.
   */
  end(): ReadMessage {
    const shape = this.shape;
    this.start?.end(shape.bytes);
    if (this.start?.verdict === false) throw new MessageInputError('ENOHEADERS', this.start.why);
    if (this.inHeader) {
      shape.headerBytes = shape.bytes;
      this.endHeader();
    }
    shape.bodyBytes = shape.bytes - shape.headerBytes;
    shape.lineEndings =
      shape.crlf && shape.bareLf ? 'mixed' : shape.bareLf ? 'lf' : shape.crlf ? 'crlf' : 'none';
    this.sink?.end();
    return { header: this.header as MessageHeaderSection, shape };
  }

  private endHeader(): void {
    const bytes = this.headerChunks.length === 1 ? this.headerChunks[0]! : Buffer.concat(this.headerChunks);
    this.headerChunks = [];
    const text = bytes.toString('latin1');
    const end = this.shape.hasSeparator ? headerTextEnd(text, text.length) : text.length;
    this.endHeaderText(text.slice(0, end), isAscii(bytes.subarray(0, end)));
  }

  /**
   * The header section has been read (`text`: its octets as latin1, without the empty line that ends it; `ascii`:
   * whether they are all US-ASCII).
   */
  private endHeaderText(text: string, ascii: boolean): void {
    this.header = new MessageHeaderSection(splitHeaderFields(text, ascii));
    this.sink = this.chooseBody?.(this.header);
  }
}

/**
 * {@link readMessage} for a message already in memory (bytes or text), without waiting; undefined for a stream.
 *
 * @throws as {@link readMessage} (except `EINPUT`: input that is neither bytes, text nor a stream gives undefined).
 */
export function readMessageNow(
  input: MessageInput,
  options: ReadMessageOptions = {},
): ReadMessage | undefined {
  if (typeof input === 'string') input = Buffer.from(input, 'utf8');
  if (!(input instanceof Uint8Array)) return undefined;
  const reader = new MessageReader(options);
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (buf.length <= CHUNK) reader.push(buf);
  else for (let i = 0; i < buf.length; i += CHUNK) reader.push(buf.subarray(i, i + CHUNK));
  return reader.end();
}

/**
 * Reads a message: the header section split into fields, the body streamed to the sink `options.body` chooses.
 * A Buffer or string is read synchronously in chunks; a stream is read as it arrives.
 *
 * @param input the message: bytes, text (encoded as UTF-8), or an async iterable of chunks.
 * @throws {@link MessageInputError} `EINPUT` for input that is not a message or a failing stream;
 *   {@link MessageTooLargeError} beyond a limit; `ENOHEADERS` with `requireHeaderSection` (see
 *   {@link MessageReadOptions}).
 */
export async function readMessage(
  input: MessageInput,
  options: ReadMessageOptions = {},
): Promise<ReadMessage> {
  const now = readMessageNow(input, options);
  if (now) return now;
  const reader = new MessageReader(options);
  if (input && typeof (input as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    try {
      for await (const c of input) {
        if (typeof c === 'string') reader.push(Buffer.from(c, 'utf8'));
        else if (c instanceof Uint8Array)
          reader.push(Buffer.isBuffer(c) ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength));
        else
          throw new MessageInputError('EINPUT', 'message stream yielded something other than bytes or text');
      }
    } catch (err) {
      if (err instanceof MessageInputError) throw err;
      throw new MessageInputError('EINPUT', `the message could not be read: ${(err as Error).message}`);
    }
    return reader.end();
  }
  throw new MessageInputError('EINPUT', 'message must be a Buffer, a string or a stream of bytes');
}
