/**
 * The shapes of a parsed zone file (re-exported by `zonefile.ts`, the public entry point).
 *
 * @module
 */

import type { RecordDataMap, RRType } from './resolver.js';

/** One resource record from a zone file. `data` is typed for the {@link RRType}s; other types keep `rdata` only. */
export interface ZoneRecord {
  /** Owner name: lower-case A-labels, no trailing dot. */
  name: string;
  /** Upper-case type mnemonic (`TXT`, `MX`, `SPF`, `CAA`...), or `TYPEn` for a type without one (RFC 3597). */
  type: string;
  /** Time to live in seconds. */
  ttl: number;
  /**
   * The typed data for the types mailgate answers (TXT: the character-strings, a string over 255 octets split
   * into 255-octet strings as Knot serves it; SPF records use the TXT shape). Absent for other types.
   */
  data?: RecordDataMap[RRType];
  /** The record data as written (after the type), for display. */
  rdata: string;
  /** 1-based line of the record's first line in its file. */
  line: number;
  /** The file holding the record when it is not the zone's own file (an `$INCLUDE`d file); else absent. */
  file?: string;
  /**
   * TXT and SPF records only: each word of the RDATA as written (a character-string without its quotes, escapes
   * not decoded) and where it starts in the file, so a finding about one term of the record can point at its
   * column (a record in parentheses may span several lines).
   */
  parts?: ZoneTextPart[];
}

/** One word of a TXT record's RDATA as written, and where its text starts (see {@link ZoneRecord.parts}). */
export interface ZoneTextPart {
  /** The text as written, without the surrounding quotes; escapes are not decoded. */
  text: string;
  /** 1-based line and column (in characters) of the text's first character (after the opening quote). */
  line: number;
  column: number;
}

/** Something servers load but ignore or change, or that an audit should see: located at a file line. */
export interface ZoneWarning {
  /** 1-based line. */
  line: number;
  message: string;
  /** The file when it is not the zone's own file (an `$INCLUDE`d file); else absent. */
  file?: string;
}

/** A parsed zone: its origin, the records in file order, and the file they came from (for findings). */
export interface Zone {
  /** The zone's origin (apex): lower-case, no trailing dot; `''` for the root. */
  origin: string;
  /** Path or label of the source, used in findings and SARIF locations. */
  file?: string;
  records: ZoneRecord[];
  warnings: ZoneWarning[];
  /** Files read through `$INCLUDE` (as resolved paths), in the order they were first included. */
  includes?: string[];
}
