/**
 * ISO 8601 text of a time (`Date.prototype.toISOString`'s format), computed with integer arithmetic for the
 * years 1970 to 9999 (a fifth of the cost of building a `Date` and formatting it, which every signature's `t=` and
 * `x=` and every verification's time would pay), and by `Date` otherwise.
 *
 * @module
 */

/** The last millisecond of the year 9999, the end of the four-digit years. */
const MAX_FAST_MS = 253_402_300_799_999;

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * `new Date(ms).toISOString()`, or undefined when that is not a valid time (NaN, or beyond ±8.64e15 ms).
 *
 * @param ms milliseconds since the Unix epoch.
 */
export function isoTime(ms: number): string | undefined {
  if (!(ms >= 0 && ms <= MAX_FAST_MS) || !Number.isInteger(ms)) {
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const seconds = Math.floor(ms / 1000);
  const milli = ms - seconds * 1000;
  const days = Math.floor(seconds / 86_400);
  const sod = seconds - days * 86_400;
  // the civil date of a day number (H. Hinnant, "chrono-compatible low-level date algorithms"), for days ≥ 0
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(sod / 3600);
  const minute = Math.floor((sod - hour * 3600) / 60);
  const second = sod - hour * 3600 - minute * 60;
  const msText = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}.${msText}Z`;
}
