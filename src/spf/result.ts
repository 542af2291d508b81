/**
 * The data types of check_host() (RFC 7208 §4): its parameters and options, its result codes (§2.6), the
 * result with the decision that produced it, and the evaluation trace.
 *
 * @module
 */

import type { Deadline } from '../dns/deadline.js';
import type { Resolver } from '../dns/resolver.js';
import type { RecordStatus } from '../findings/record-status.js';
import type { SpfLimits } from './limits.js';
import type { MechanismName, Qualifier } from './record.js';

/** The results of check_host() (RFC 7208 §2.6). */
export type SpfResultCode = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** A term in a record, located. */
export interface SpfTermRef {
  /** The domain whose record holds the term. */
  domain: string;
  /** The term as written. */
  term: string;
  /** Start of the term in the record text, in UTF-16 code units (a JavaScript string index), 0-based. */
  offset: number;
  /** Length of the term in UTF-16 code units of the record text (not octets). */
  length: number;
}

/** A located term and the include/redirect depth of its record (0: the checked domain's own record). */
export type SpfTermAt = SpfTermRef & { depth: number };

/** One step from a record into another: an `include` mechanism or a `redirect` modifier. */
export interface SpfHop extends SpfTermRef {
  via: 'include' | 'redirect';
  /** The target domain (after macro expansion). */
  target: string;
}

/** What decided a pass/fail/softfail/neutral result. */
export interface SpfDecision {
  /** `mechanism`: a mechanism matched; `default`: nothing matched and there was no redirect (neutral, §4.7). */
  kind: 'mechanism' | 'default';
  /** The domain whose record decided (for an include match, the innermost record that matched). */
  domain: string;
  /** That record's text. */
  record: string;
  /** The matching mechanism (absent for `default`). */
  term?: string;
  /** Start of the matching mechanism in `record`, in UTF-16 code units. */
  offset?: number;
  /** Length of the matching mechanism, in UTF-16 code units. */
  length?: number;
  mechanism?: MechanismName;
  /** The qualifier that gave the result: the top-level term's qualifier (an include's, when reached through include). */
  qualifier: Qualifier;
  /** Number of include/redirect hops from the checked domain (0: its own record). */
  depth: number;
  /** The hops from the checked domain's record to the deciding record. */
  path: SpfHop[];
}

/** One entry of the evaluation trace, in order of evaluation. Offsets and lengths are in UTF-16 code units. */
export type SpfTraceEvent =
  | {
      type: 'record';
      domain: string;
      depth: number;
      via: 'check' | 'include' | 'redirect';
      /** `found`: one record; `none`: no SPF record (or NXDOMAIN); `multiple`: several; `invalid`: a syntax error; `dns-error`. */
      status: RecordStatus;
      record?: string;
      detail?: string;
    }
  | {
      type: 'term';
      domain: string;
      depth: number;
      term: string;
      offset: number;
      length: number;
      /** `match` / `no-match`, or the error the term raised. */
      outcome: 'match' | 'no-match' | 'permerror' | 'temperror';
      detail?: string;
      /** DNS-querying terms and void lookups counted so far (after this term). */
      lookups: number;
      voidLookups: number;
    }
  | { type: 'exp'; domain: string; status: 'used' | 'ignored'; detail?: string };

/** The result of `checkHost`. */
export interface SpfResult {
  result: SpfResultCode;
  /** The `<domain>` that was checked (normalised). */
  domain: string;
  /** The `<sender>` used for macros (`postmaster` substituted for an empty local-part). */
  sender: string;
  /** The client address in canonical form (an IPv4-mapped address is shown as IPv4); the input as given when invalid. */
  ip: string;
  helo?: string;
  /** The domain's explanation (exp=, §6.2), only for `fail` when one applies. Untrusted third-party text. */
  explanation?: string;
  /** Why the result is permerror, temperror or none. */
  problem?: string;
  /** The term that caused a permerror or temperror, when one did. */
  problemAt?: SpfTermAt;
  /** DNS-querying terms evaluated (§4.6.4). */
  lookups: number;
  /** Void lookups (§4.6.4). */
  voidLookups: number;
  /** The limits in force. */
  limits: SpfLimits;
  /** What was fetched and tried, in order; empty when `CheckHostOptions.trace` is false. */
  trace: SpfTraceEvent[];
  /** The mechanism (or default) that decided a pass/fail/softfail/neutral. */
  decidedBy?: SpfDecision;
}

/** Parameters of check_host() (RFC 7208 §4.1). */
export interface CheckHostParams {
  /** `<ip>`: the SMTP client address (IPv4, IPv6; IPv4-mapped IPv6 is treated as IPv4). */
  ip: string;
  /** `<domain>`: the domain whose policy is checked. */
  domain: string;
  /** `<sender>`: the MAIL FROM address, or `postmaster@<helo>` when checking HELO. */
  sender: string;
  /** The HELO/EHLO name, for the `h` macro. */
  helo?: string;
  /** The receiving host, for the `r` macro (default `unknown`). */
  receiver?: string;
}

/** Options of check_host(). */
export interface CheckHostOptions {
  resolver: Resolver;
  /**
   * Limits over `DEFAULT_SPF_LIMITS` (RFC 7208 §4.6.4). Validated by `resolveSpfLimits` (src/spf/limits.ts):
   * a value that is not a number is a TypeError; NaN, Infinity, a fraction or a value below the minimum is a
   * RangeError.
   */
  limits?: Partial<SpfLimits>;
  /** Clock in ms since the epoch (default `Date.now`); used for the time limit and the `t` macro. */
  now?: () => number;
  /**
   * A time limit shared with other work (e.g. `verifyMessage`'s): the evaluation also stops with temperror when it
   * passes, whichever of it and `limits.timeoutMs` comes first.
   */
  deadline?: Deadline;
  /**
   * Cancels the evaluation (a request that went away): it stops as at its time limit, with temperror (RFC 7208
   * §4.6.4). With `deadline` given and shorter than `limits.timeoutMs`, that deadline (and its own signal) decides.
   */
  signal?: AbortSignal;
  /**
   * Keep the trace of what was fetched and tried (`SpfResult.trace`; default true). `false` leaves it empty, for
   * callers that need only the verdict (`verifyMessage`): the evaluation then builds no trace event per term.
   */
  trace?: boolean;
}
