/**
 * Message input for verification: what a message may be given as, the size limits and their typed errors, the
 * header-section rule (`ENOHEADERS`), and what is observed while reading ({@link MessageShape}). The reader
 * itself, and the message model, are in message.ts.
 *
 * @module
 */

/** A message to verify: the bytes, a string (encoded as UTF-8), or a stream / async iterable of chunks. */
export type MessageInput = Buffer | Uint8Array | string | AsyncIterable<Uint8Array | string>;

/** Default maximum message size: 64 MiB (RFC 5321 sets no limit; common MTAs cap at 10-50 MB). */
export const DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Default maximum header section size: 1 MiB. */
export const DEFAULT_MAX_HEADER_BYTES = 1024 * 1024;

/** Size limits for reading a message. */
export interface MessageLimits {
  /** Maximum message size in bytes (default {@link DEFAULT_MAX_MESSAGE_BYTES}). */
  maxMessageBytes?: number;
  /** Maximum header section size in bytes (default {@link DEFAULT_MAX_HEADER_BYTES}). */
  maxHeaderBytes?: number;
}

/** Options for reading a message: the size limits, and whether a header section is required. */
export interface MessageReadOptions extends MessageLimits {
  /**
   * Reject input without a header section with a {@link MessageInputError} `ENOHEADERS` (default false:
   * such input reads as a message with no header fields, as the DKIM and ARC verifiers and their
   * conformance suites expect; `verifyMessage` sets it).
   */
  requireHeaderSection?: boolean;
}

/**
 * A message could not be read as a message. `code` tells why:
 * - `EMESSAGETOOLARGE`, `EHEADERTOOLARGE`: a size limit was exceeded ({@link MessageTooLargeError});
 * - `ENOHEADERS`: the input has no header section (see {@link startsWithHeaderField}): it is empty, or its
 *   first line is not a header field (only with {@link MessageReadOptions.requireHeaderSection}, which
 *   `verifyMessage` sets);
 * - `EINPUT`: the input is not bytes, text or a stream of them, or the stream failed.
 */
export class MessageInputError extends Error {
  /** `EMESSAGETOOLARGE`, `EHEADERTOOLARGE`, `ENOHEADERS` or `EINPUT`. */
  readonly code: 'EMESSAGETOOLARGE' | 'EHEADERTOOLARGE' | 'ENOHEADERS' | 'EINPUT';
  /** The limit that was exceeded, in bytes (for the size errors). */
  readonly limit?: number;
  constructor(code: MessageInputError['code'], message: string, limit?: number) {
    super(message);
    this.name =
      code === 'EMESSAGETOOLARGE' || code === 'EHEADERTOOLARGE'
        ? 'MessageTooLargeError'
        : 'MessageInputError';
    this.code = code;
    if (limit !== undefined) this.limit = limit;
  }
}

/** Thrown when the message (or its header section) is larger than the configured limit. */
export class MessageTooLargeError extends MessageInputError {
  constructor(code: 'EMESSAGETOOLARGE' | 'EHEADERTOOLARGE', limit: number) {
    super(
      code,
      code === 'EMESSAGETOOLARGE'
        ? `message is larger than the limit of ${limit} bytes (maxMessageBytes)`
        : `header section is larger than the limit of ${limit} bytes (maxHeaderBytes): the empty line that ends it does not come within that size`,
      limit,
    );
  }
}

const MBOX_FROM = Buffer.from('From ', 'latin1');

/**
 * Decides, byte by byte as the message streams in, whether it starts with a header field. "No header section"
 * means the message is empty, or its first line is not `field-name ":"` where field-name is one or more
 * printable US-ASCII characters other than ":" (RFC 5322 §2.2, §3.6.8), optionally followed by spaces or tabs
 * before the colon (the obsolete syntax of RFC 5322 §4.5). A first line starting with `From ` that is not a
 * header field is taken as an mbox separator line (RFC 4155) and the test applies to the line after it. An
 * empty first line (a message that begins with the header/body separator) has no header fields either.
 * Only the first line (or two) is examined: a message with a header field but no From is still a message.
 */
export class HeaderStart {
  /** `true`: a header field starts the message; `false`: none does; undefined: not decided yet. */
  verdict: boolean | undefined;
  /** Why the verdict is false. */
  why = '';
  private line = 0; // 0: the first line; 1: the line after an mbox From_ line
  private at = 0; // bytes seen on the current line
  private nameLength = 0;
  private blank = false; // spaces or tabs after the name
  private mboxPrefix = true; // line 0 so far matches "From "
  private skipping = false; // inside the mbox From_ line, waiting for its LF

  feed(chunk: Buffer): void {
    for (let i = 0; i < chunk.length && this.verdict === undefined; i++) this.byte(chunk[i] as number);
  }

  end(total: number): void {
    if (this.verdict !== undefined) return;
    this.verdict = false;
    this.why =
      total === 0
        ? 'the message is empty (0 bytes): it has no header section'
        : `the message has no header section: ${this.line === 1 ? 'after the mbox "From " line, there is no header field' : 'its only line is not a header field ("Name: value", RFC 5322 §2.2)'}`;
  }

  private byte(b: number): void {
    if (this.skipping) {
      if (b === 0x0a) this.nextLine();
      return;
    }
    if (this.line === 0 && this.at < MBOX_FROM.length && b !== MBOX_FROM[this.at]) this.mboxPrefix = false;
    this.at++;
    if (b === 0x3a) {
      if (this.nameLength > 0) this.verdict = true;
      else this.reject(b);
    } else if (b > 0x20 && b < 0x7f && !this.blank) this.nameLength++;
    else if ((b === 0x20 || b === 0x09) && this.nameLength > 0) this.blank = true;
    else this.reject(b);
  }

  private reject(b: number): void {
    if (this.line === 0 && this.mboxPrefix && this.at > MBOX_FROM.length) {
      if (b === 0x0a) this.nextLine();
      else this.skipping = true;
      return;
    }
    this.verdict = false;
    const where = this.line === 1 ? 'the line after the mbox "From " line' : 'its first line';
    this.why =
      this.at === 1 && (b === 0x0d || b === 0x0a)
        ? `the message has no header section: ${where} is empty`
        : `the message has no header section: ${where} is not a header field ("Name: value", RFC 5322 §2.2)`;
  }

  private nextLine(): void {
    this.skipping = false;
    this.line = 1;
    this.at = 0;
    this.nameLength = 0;
    this.blank = false;
  }
}

/**
 * Whether `message` starts with a header field, by the rule of {@link MessageInputError} `ENOHEADERS`: the first
 * line (after an optional mbox `From ` line) must begin `field-name:` (RFC 5322 §2.2, §3.6.8).
 */
export function startsWithHeaderField(message: Buffer | string): boolean {
  const h = new HeaderStart();
  const buf = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  h.feed(buf);
  h.end(buf.length);
  return h.verdict === true;
}

/** What was observed while reading the message. */
export interface MessageShape {
  /** Total size in bytes, as given (before any line-ending conversion). */
  bytes: number;
  /** Size of the header section in bytes, including the empty line that ends it. */
  headerBytes: number;
  /** Size of the body in bytes. */
  bodyBytes: number;
  /** False when no empty line separates header and body (the whole message is read as header fields). */
  hasSeparator: boolean;
  /** `crlf` (as on the wire), `lf` (as many tools save mail), `mixed`, or `none` (a single line). */
  lineEndings: 'crlf' | 'lf' | 'mixed' | 'none';
  /** Number of CRLF line endings. */
  crlf: number;
  /** Number of bare LF line endings (converted to CRLF before verifying). */
  bareLf: number;
}

/** One header field of the message, in order (top first). */
export interface MessageHeader {
  /** The field name as written (e.g. `DKIM-Signature`). */
  name: string;
  /** The field name lower-cased. */
  key: string;
  /** The field value: everything after the first colon, folding kept, decoded as UTF-8. */
  value: string;
}

/** Unfolds a header value (RFC 5322 §2.2.3) and trims it. */
export function unfold(value: string): string {
  if (value.indexOf('\n') < 0) return value.trim();
  return value
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/\r?\n/g, ' ')
    .trim();
}
