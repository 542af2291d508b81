/**
 * The error a zone file that authoritative servers would refuse to load produces, with its location.
 *
 * @module
 */

/**
 * Thrown for a zone file that Knot DNS (the reference; see docs/zone-files.md) would refuse to load: a syntax
 * error, bad RDATA, an unknown type or directive, a CNAME beside other data, an `$INCLUDE` loop... The whole
 * zone is refused, as a server refuses it.
 *
 * `message` is `file:line[:column]: detail`; `detail` is the text without the location.
 */
export class ZoneParseError extends Error {
  /** The file (as given: a path or a label) holding the problem; an `$INCLUDE`d file names itself. */
  readonly file: string;
  /** 1-based line of the problem; 0 when it is about the file as a whole (e.g. no origin). */
  readonly line: number;
  /** 1-based column (in characters) of the offending token, when known. */
  readonly column: number | undefined;
  /** The problem without its location. */
  readonly detail: string;
  constructor(file: string, line: number, detail: string, column?: number) {
    super(`${file}:${line}${column !== undefined ? `:${column}` : ''}: ${detail}`);
    this.name = 'ZoneParseError';
    this.file = file;
    this.line = line;
    this.column = column;
    this.detail = detail;
  }
}
