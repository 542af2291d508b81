/**
 * The one DNS abstraction every protocol module uses.
 *
 * A {@link Resolver} answers `query(name, type)` with a {@link DnsResult}: either the records or a
 * {@link DnsFailure} whose `kind` says *why* there are none. Failures are values, not exceptions, so that
 * each protocol maps them per its own RFC (RFC 7208 §4.4/§4.6.4: NXDOMAIN/NODATA are void lookups,
 * TIMEOUT/SERVFAIL are temperror). A timeout is never reported as "no record".
 *
 * @module
 */

import { domainToASCII } from 'node:url';

/** The resource-record types mailgate asks for (RFC 1035 §3.2.2, RFC 3596 for AAAA). */
export type RRType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR' | 'CNAME' | 'NS' | 'SOA';

/** All supported record types, in a stable order. */
export const RR_TYPES: readonly RRType[] = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS', 'SOA'];

/** An MX record's data (RFC 1035 §3.3.9). `exchange` is a fully qualified name without the trailing dot. */
export interface MxData {
  /** The preference (lower is preferred), 0..65535. */
  priority: number;
  /** The mail exchanger host name, lower-case, no trailing dot; `''` for a null MX (RFC 7505) target `.`. */
  exchange: string;
}

/** An SOA record's data (RFC 1035 §3.3.13). Times are in seconds. */
export interface SoaData {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

/**
 * The record data for each type:
 * - `A`/`AAAA`: the address in its canonical text form (`192.0.2.1`, `2001:db8::1`).
 * - `TXT`: the record's character-strings, **kept separate** (RFC 7208 §3.3 joins them; audits must see them).
 * - `MX`: {@link MxData}. `SOA`: {@link SoaData}. `PTR`/`CNAME`/`NS`: a domain name, no trailing dot.
 */
export interface RecordDataMap {
  A: string;
  AAAA: string;
  MX: MxData;
  TXT: string[];
  PTR: string;
  CNAME: string;
  NS: string;
  SOA: SoaData;
}

/**
 * Why a query produced no records.
 * - `NXDOMAIN`: the name does not exist (RCODE 3).
 * - `NODATA`: the name exists but has no record of that type (NOERROR, empty answer; RFC 2308 §2.2).
 * - `TIMEOUT`: no answer within the time limit, after all tries.
 * - `SERVFAIL`: the server failed (RCODE 2), including DNSSEC validation failures and CNAME loops.
 * - `REFUSED`: the server refused (RCODE 5), or another error code such as NOTIMP/FORMERR.
 * - `BADNAME`: the name cannot be queried (empty label, label over 63 octets, name over 253 octets, bad IDN).
 */
export type DnsFailureKind = 'NXDOMAIN' | 'NODATA' | 'TIMEOUT' | 'SERVFAIL' | 'REFUSED' | 'BADNAME';

/**
 * Kinds that mean "we could not find out" rather than "there is nothing": a check is undetermined (SPF
 * temperror, RFC 7208 §2.6.6; a `*.dns-error` finding), never "no record".
 */
export const TRANSIENT_FAILURES: ReadonlySet<DnsFailureKind> = new Set(['TIMEOUT', 'SERVFAIL', 'REFUSED']);

/** True for a failed result (or a failure kind) that is transient: see {@link TRANSIENT_FAILURES}. */
export function isTransientFailure(result: DnsResult | DnsFailureKind): boolean {
  if (typeof result === 'string') return TRANSIENT_FAILURES.has(result);
  return !result.ok && TRANSIENT_FAILURES.has(result.kind);
}

/**
 * Kinds that mean "there is no such record to use", which every protocol treats alike (no key, no DMARC record,
 * no PTR): exactly `NXDOMAIN` (the name does not exist), `NODATA` (it exists without the type) and `BADNAME` (the
 * name cannot be queried, so no record can be published there). The complement of {@link TRANSIENT_FAILURES}
 * among the {@link DnsFailureKind}s. Code that must tell NXDOMAIN from NODATA (SPF void lookups count both; the
 * DMARC `np` existence test does not) checks the kind itself.
 */
export const ABSENT_FAILURES: ReadonlySet<DnsFailureKind> = new Set(['NXDOMAIN', 'NODATA', 'BADNAME']);

/**
 * True for a failed result (or a failure kind) that says the record is absent: `NXDOMAIN`, `NODATA` or
 * `BADNAME` ({@link ABSENT_FAILURES}). False for an answer and for a transient failure (TIMEOUT, SERVFAIL,
 * REFUSED), which is never "no record".
 */
export function isAbsent(result: DnsResult | DnsFailureKind): boolean {
  if (typeof result === 'string') return ABSENT_FAILURES.has(result);
  return !result.ok && ABSENT_FAILURES.has(result.kind);
}

/** A successful answer. `records` is never empty. */
export interface DnsAnswer<T extends RRType = RRType> {
  ok: true;
  /** The normalised (lower-case A-label, no trailing dot) name that was asked. */
  name: string;
  type: T;
  records: RecordDataMap[T][];
  /** Canonical names followed to reach the answer (RFC 1034 §3.6.2), in order; absent when none. */
  cnames?: string[];
  /** Where the answer came from, e.g. a zone file path and line, when known (used to point findings at zone lines). */
  source?: DnsSource[];
  /**
   * How long the answer may be kept, in seconds (the smallest TTL of the records, RFC 2181 §5.2), when the resolver
   * knows it (zone files do; c-ares does not report TTLs for TXT). Caches of parsed data (e.g. DKIM keys) honour it.
   */
  ttl?: number;
}

/** Where a record was defined (zone file path and 1-based line), for findings and SARIF locations. */
export interface DnsSource {
  file: string;
  line: number;
}

/** A query that produced no records, and why. */
export interface DnsFailure {
  ok: false;
  name: string;
  type: RRType;
  kind: DnsFailureKind;
  /** A short human-readable detail (e.g. the server error code). */
  message: string;
  /**
   * True when nothing was asked: the name is outside the zone files of an offline resolver (see
   * {@link Resolver.offline}), which answers NXDOMAIN for it (a closed world). Checks of third-party names (an MX
   * host's addresses, the reverse DNS of its addresses) report such names as "not checked (offline)" instead of
   * a finding; see {@link isNotCheckedOffline}.
   */
  offline?: true;
}

/** The outcome of one {@link Resolver.query}. */
export type DnsResult<T extends RRType = RRType> = DnsAnswer<T> | DnsFailure;

/** Per-question options of {@link Resolver.query}. */
export interface QueryOptions {
  /**
   * Cancels the question: once it aborts, the answer is a `TIMEOUT` failure at once, and a resolver that sends
   * queries stops sending and closes its sockets (a domain audit's time limit aborts it, so that nothing more is
   * asked for that domain). Resolvers that wrap another pass it on.
   */
  signal?: AbortSignal;
}

/**
 * Answers DNS questions. Implementations: `systemResolver` (live DNS), `zoneResolver` (RFC 1035 master files),
 * `overlayResolver` (zones over another resolver), `cachedResolver` (memoisation and query accounting).
 *
 * `query` must never throw for DNS reasons: every failure is a {@link DnsFailure}. Names are case-insensitive;
 * U-labels are converted to A-labels (see {@link normalizeName}) by the caller-facing implementations. The
 * optional {@link QueryOptions} carry an `AbortSignal`; a resolver that ignores it is still correct (callers wrap
 * it to stop waiting), but does not stop the work already started.
 */
export interface Resolver {
  query<T extends RRType>(name: string, type: T, options?: QueryOptions): Promise<DnsResult<T>>;
  /**
   * True when the resolver answers only from local data and never uses the network (`zoneResolver(zones, {
   * offline: true })`); wrappers (`cachedResolver`, the audit's time limit) keep it. An audit over an offline
   * resolver fetches nothing over HTTPS unless told to (see `AuditChecks.https`).
   */
  readonly offline?: boolean;
}

/** True for a failure that asked nothing: the name is outside the zones of an offline resolver ({@link DnsFailure.offline}). */
export function isNotCheckedOffline(result: DnsResult): boolean {
  return !result.ok && result.offline === true;
}

/** The `TIMEOUT` failure of a question cancelled through {@link QueryOptions.signal}. */
export function cancelled<T extends RRType>(name: string, type: T, signal?: AbortSignal): DnsFailure {
  const reason = signal?.reason;
  return dnsFailure(name, type, 'TIMEOUT', typeof reason === 'string' ? `cancelled: ${reason}` : 'cancelled');
}

/** A name {@link normalizeName} returns unchanged (linear: a label cannot contain the dot that ends it). */
const PLAIN_NAME = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}$/;

/**
 * Normalises a domain name for querying: trims surrounding white space and one trailing dot, converts U-labels to A-labels (IDNA via
 * WHATWG `domainToASCII`), lower-cases, and checks the RFC 1035 §2.3.4 limits (labels 1..63 octets, name
 * at most 253 octets). Underscore labels (`_dmarc`, `_domainkey`) and other octets allowed in DNS are kept.
 *
 * @returns the normalised name, or `null` when the name cannot be queried (BADNAME).
 */
export function normalizeName(name: string): string | null {
  // the common case, already normalised: lower-case LDH and underscore labels of 1 to 63 octets
  if (name.length <= 253 && PLAIN_NAME.test(name)) return name;
  let n = name.trim();
  if (n.endsWith('.')) n = n.slice(0, -1);
  if (n === '') return null;
  // Any octet may appear in a label (RFC 2181 §11), and SPF macros build names with spaces, `%` or `:`
  // (RFC 7208 §7); only control characters are refused, since no registry allows them and logs would break.
  if (/[\x00-\x1f\x7f]/.test(n)) return null;
  if (/[^\x00-\x7f]/.test(n)) {
    // IDN: convert label by label so underscore labels survive.
    const labels = n.split('.').map((label) => {
      if (!/[^\x00-\x7f]/.test(label)) return label;
      const ascii = domainToASCII(label);
      return ascii === '' ? null : ascii;
    });
    if (labels.some((l) => l === null)) return null;
    n = labels.join('.');
  }
  n = n.toLowerCase();
  if (n.length > 253) return null;
  for (const label of n.split('.')) {
    if (label.length === 0 || label.length > 63) return null;
  }
  return n;
}

/** Builds a {@link DnsFailure}. */
export function dnsFailure<T extends RRType>(
  name: string,
  type: T,
  kind: DnsFailureKind,
  message = '',
): DnsFailure {
  return { ok: false, name, type, kind, message };
}

/**
 * The failure that a resolver which threw stands for: SERVFAIL (a temperror, never "no record"), saying
 * `resolver error: <message>`.
 */
export function thrownFailure<T extends RRType>(name: string, type: T, err: unknown): DnsFailure {
  return dnsFailure(
    name,
    type,
    'SERVFAIL',
    `resolver error: ${err instanceof Error ? err.message : String(err)}`,
  );
}

const FAILURE_KINDS: ReadonlySet<unknown> = new Set<DnsFailureKind>([
  'NXDOMAIN',
  'NODATA',
  'TIMEOUT',
  'SERVFAIL',
  'REFUSED',
  'BADNAME',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Whether `rec` has the {@link RecordDataMap} shape of `type`. */
function wellFormedData(rec: unknown, type: RRType): boolean {
  switch (type) {
    case 'TXT':
      return Array.isArray(rec) && rec.every((x) => typeof x === 'string');
    case 'MX':
      return isObject(rec) && typeof rec.exchange === 'string' && typeof rec.priority === 'number';
    case 'SOA':
      return isObject(rec) && typeof rec.mname === 'string' && typeof rec.rname === 'string';
    default:
      return typeof rec === 'string';
  }
}

/**
 * What is wrong with an answer an injected resolver gave, or undefined when it has the {@link DnsResult} shape
 * (`ok: true` with a `records` list of its type's {@link RecordDataMap} shape; or `ok: false` with a known kind).
 */
function malformation(r: unknown, type: RRType): string | undefined {
  if (typeof r !== 'object' || r === null)
    return `answered ${r === null ? 'null' : typeof r}, not a DnsResult`;
  const a = r as { ok?: unknown; records?: unknown; kind?: unknown };
  if (a.ok === true) {
    if (!Array.isArray(a.records)) return 'answered ok without a records list';
    for (const rec of a.records as unknown[])
      if (!wellFormedData(rec, type))
        return `answered ${type} record data of another shape (see RecordDataMap)`;
    return undefined;
  }
  if (a.ok === false)
    return FAILURE_KINDS.has(a.kind)
      ? undefined
      : `answered an unknown failure kind ${JSON.stringify(String(a.kind)).slice(0, 40)}`;
  return 'answered neither ok: true nor ok: false';
}

/**
 * Asks `resolver`, and never throws: the {@link Resolver} contract says `query` never throws, but a buggy
 * implementation may throw or reject; that becomes {@link thrownFailure} (SERVFAIL), so it cannot crash a verdict
 * or a batch. An answer without the {@link DnsResult} shape (undefined, `ok: true` without records, TXT records as
 * plain strings, a failure kind this library does not know such as `'timeout'`) is a SERVFAIL too: a malformed or
 * unknown answer is "could not find out", never "no record". Every wrapper that calls another resolver (the guard,
 * the cache, the in-flight limit, the audit's time limit) asks through this one function.
 */
export async function queryOrServfail<T extends RRType>(
  resolver: Resolver,
  name: string,
  type: T,
  options?: QueryOptions,
): Promise<DnsResult<T>> {
  let r: DnsResult<T>;
  try {
    r = await (options ? resolver.query(name, type, options) : resolver.query(name, type));
  } catch (err) {
    return thrownFailure(name, type, err);
  }
  const problem = malformation(r, type);
  return problem === undefined ? r : dnsFailure(name, type, 'SERVFAIL', `resolver error: ${problem}`);
}

/** Joins a TXT record's character-strings into one string (RFC 7208 §3.3, RFC 6376 §3.6.2.2). */
export function joinTxt(strings: readonly string[]): string {
  return strings.join('');
}
