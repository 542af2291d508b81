/**
 * The reported period of a report (`<date_range>` of an aggregate report, RFC 9990 §2.1.1; `date-range` of an
 * SMTP TLS report, RFC 8460 §4.3), checked once for both readers: a time that no renderer or query can work
 * with refuses the report, and a period written backwards is read the right way round (and counted).
 *
 * @module
 */

/**
 * The earliest time a report period may name: 1970-01-01T00:00:01Z (seconds since the epoch). 0 is what an
 * unset field holds, and negative times are refused; real samples do use the 1970s (the RFC 9990 sample
 * report covers a day of 1979).
 */
export const EARLIEST_REPORT_TIME = 1;

/** The latest time a report period may name: 9999-12-31T23:59:59Z (seconds since the epoch). */
export const LATEST_REPORT_TIME = 253_402_300_799;

/** A period that can be stored: `begin <= end`, both within the accepted range. */
export interface ReportPeriod {
  /** Start, seconds since the epoch (UTC). */
  begin: number;
  /** End, seconds since the epoch (UTC). */
  end: number;
  /** True when the report gave `begin` after `end` and the two were swapped. */
  reversed: boolean;
}

/** True when `t` (seconds since the epoch) is a whole number within the accepted range. */
export function isReportTime(t: number): boolean {
  return Number.isSafeInteger(t) && t >= EARLIEST_REPORT_TIME && t <= LATEST_REPORT_TIME;
}

/**
 * Checks a report's period.
 *
 * @param begin the start as read, seconds since the epoch (`NaN` when it was not a number).
 * @param end the end as read, seconds since the epoch (`NaN` when it was not a number).
 * @param names how the report names the two fields, for the sentence (`<begin>`, `"start-datetime"`).
 * @returns the period, swapped when `begin > end`; or a sentence saying why it cannot be used (a time that is
 *   not a whole number of seconds, before 1970-01-01T00:00:01Z or after 9999-12-31T23:59:59Z).
 */
export function checkReportPeriod(
  begin: number,
  end: number,
  names: readonly [string, string] = ['<begin>', '<end>'],
): ReportPeriod | { problem: string } {
  for (const [name, t] of [
    [names[0], begin],
    [names[1], end],
  ] as const) {
    if (!Number.isSafeInteger(t)) return { problem: `${name} is not a valid time` };
    if (t < EARLIEST_REPORT_TIME) return { problem: `${name} ${t} is before 1970-01-01T00:00:01Z` };
    if (t > LATEST_REPORT_TIME) return { problem: `${name} ${t} is after 9999-12-31T23:59:59Z` };
  }
  return begin <= end ? { begin, end, reversed: false } : { begin: end, end: begin, reversed: true };
}
