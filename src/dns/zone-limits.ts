/**
 * The bounds on the work one loaded zone can cause: one zone file with everything it `$INCLUDE`s and
 * `$GENERATE`s. Per-directive and per-file bounds (a `$GENERATE` range, one file's size, the `$INCLUDE` depth)
 * do not bound the whole: a file that includes the next one ten times, seven levels deep, reads ten million
 * files, and 200 lines of `$GENERATE 0-65535` make 13 million records. These totals do; crossing one is a
 * `ZoneParseError` at the directive or record that crosses it, naming the bound and its value.
 *
 * @module
 */

/** The largest zone file (and each `$INCLUDE`d file) read, in bytes (128 MiB): bigger files are refused. */
export const MAX_ZONE_FILE_BYTES = 128 * 1024 * 1024;

/**
 * Total bounds per loaded zone (see {@link DEFAULT_ZONE_LIMITS} for the values and why). Each is a count or a
 * number of bytes, a positive integer.
 */
export interface ZoneLimits {
  /** Records in all: written, `$GENERATE`d and `$INCLUDE`d, duplicates and out-of-zone records included. */
  maxRecords?: number;
  /** Bytes of zone text read in all (UTF-8): the zone's file plus every `$INCLUDE` read (a file read twice counts twice). */
  maxTotalBytes?: number;
  /** `$INCLUDE` directives followed in all (a file included twice counts twice). */
  maxIncludes?: number;
  /** Records made by all the zone's `$GENERATE` directives together. */
  maxGeneratedRecords?: number;
  /**
   * Warnings kept in `Zone.warnings`; the rest are counted and said in one last warning, so that a zone cannot
   * flood a terminal or the Action's annotations.
   */
  maxWarnings?: number;
}

/**
 * The default {@link ZoneLimits}:
 *
 * - `maxRecords` 1,000,000: a record costs about 1 KB of memory and 11-13 µs to load (measured: 983,040
 *   `$GENERATE`d A records in 13 s and 1.1 GB resident; 300,000 written ones in 3.4 s and 0.45 GB), so a
 *   million is about what a 7 GB CI runner loads in seconds. Zones that mail authentication is audited in hold
 *   thousands of records; a /16 of PTR records is 65,536.
 * - `maxTotalBytes` 128 MiB ({@link MAX_ZONE_FILE_BYTES}): a zone with all its includes is at most as large as
 *   one zone file may be.
 * - `maxIncludes` 10,000: each `$INCLUDE` opens, checks and reads a file; a zone split into one file per host
 *   or customer for some thousands of them loads, the trial's four-level diamond (11,110 includes) does not.
 * - `maxGeneratedRecords` 262,144: four /16s of generated PTR or A records. One `$GENERATE` line of a few bytes
 *   makes up to `MAX_GENERATE_RECORDS` (65,536) records, so the bytes bound does not bound them; this does,
 *   well below `maxRecords`.
 * - `maxWarnings` 1,000.
 */
export const DEFAULT_ZONE_LIMITS: Readonly<Required<ZoneLimits>> = Object.freeze({
  maxRecords: 1_000_000,
  maxTotalBytes: MAX_ZONE_FILE_BYTES,
  maxIncludes: 10_000,
  maxGeneratedRecords: 262_144,
  maxWarnings: 1_000,
});

/**
 * The limits to apply: `limits` over {@link DEFAULT_ZONE_LIMITS}.
 * @throws RangeError when a given limit is not a positive integer.
 */
export function zoneLimits(limits: ZoneLimits = {}): Required<ZoneLimits> {
  const out = { ...DEFAULT_ZONE_LIMITS };
  for (const key of Object.keys(DEFAULT_ZONE_LIMITS) as (keyof ZoneLimits)[]) {
    const v = limits[key];
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v) || v < 1)
      throw new RangeError(`zone limit ${key} must be a positive integer`);
    out[key] = v;
  }
  return out;
}

/** A count with thousands separators, for messages (`1,000,000`). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Thrown by an `IncludeReader` for a file larger than the bytes the zone has left (its third argument), before
 * reading it; the parser turns it into a `ZoneParseError` naming `maxTotalBytes`.
 */
export class IncludeTooLargeError extends Error {
  /** The file's size in bytes. */
  readonly bytes: number;
  constructor(bytes: number) {
    super(`${count(bytes)} bytes is more than the zone has left to read`);
    this.name = 'IncludeTooLargeError';
    this.bytes = bytes;
  }
}
