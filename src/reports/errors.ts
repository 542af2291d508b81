/**
 * The typed error for a report input that cannot be read. Ingestion catches it per file (or per member of an
 * archive or mailbox), counts the file as refused with the reason, and goes on with the next one.
 *
 * @module
 */

/**
 * Why an input was refused:
 * - `io`: the file could not be opened or read (the errno code is in the message).
 * - `empty`: the file or attachment has no bytes.
 * - `unsupported`: the content is none of the report shapes (XML, JSON, gzip, zip, a message, an mbox).
 * - `xml`: the XML is not well-formed (line and column in the message).
 * - `not-a-report`: well-formed, but not a DMARC aggregate report (no `<feedback>`) or not an RFC 8460 report.
 * - `invalid-report`: a report missing what identifies it (report id, date range, policy domain).
 * - `json`: a TLS report that is not valid JSON.
 * - `archive`: a damaged gzip or zip container.
 * - `message`: a message or mailbox that cannot be split or decoded.
 * - `too-large`: the input is over a configured size limit (the limit is in the message).
 */
export type ReportReadErrorCode =
  | 'io'
  | 'empty'
  | 'unsupported'
  | 'xml'
  | 'not-a-report'
  | 'invalid-report'
  | 'json'
  | 'archive'
  | 'message'
  | 'too-large';

/** An input that cannot be read, naming the input (a path, or `path!member` inside an archive or mailbox). */
export class ReportReadError extends Error {
  /** The input: a file path, or `path!member` / `path#message-3!attachment` for nested inputs. */
  readonly input: string;
  readonly code: ReportReadErrorCode;
  /** The reason without the input name. */
  readonly reason: string;
  /**
   * True when this refusal ended the reading of an archive (e.g. a zip over its entry limit, or damaged
   * half-way): what came after it was not read. Summaries list these refusals first.
   */
  readonly stopsReading: boolean;
  constructor(
    input: string,
    code: ReportReadErrorCode,
    reason: string,
    options: { stopsReading?: boolean } = {},
  ) {
    super(`${input}: ${reason}`);
    this.name = 'ReportReadError';
    this.input = input;
    this.code = code;
    this.reason = reason;
    this.stopsReading = options.stopsReading === true;
  }
}

/** A store that cannot be opened or used: a file from a newer mailgate, or a file that is not a store. */
export class ReportStoreError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ReportStoreError';
    this.file = file;
  }
}
