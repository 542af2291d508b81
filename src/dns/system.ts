/**
 * Live DNS: a {@link Resolver} over `node:dns/promises` (c-ares), with configurable servers, timeout and tries.
 *
 * Node's API hides a few things, which this module documents and smooths over:
 *
 * - **Errors**: c-ares reports failures as error codes; {@link CARES_ERROR_KINDS} maps each to a
 *   {@link DnsFailureKind} (see the table there). Nothing is thrown for DNS reasons.
 * - **Empty answers**: when a name is a CNAME to a name that has no record of the asked type, the server answers
 *   NOERROR with only the CNAME; `resolveTxt`/`resolveMx` then resolve to `[]` instead of failing with `ENODATA`.
 *   An empty array is therefore mapped to `NODATA` (RFC 2308 §2.2).
 * - **CNAME to a non-existent name**: a recursive server answers RCODE 3 (NXDOMAIN) with the CNAME in the answer
 *   section; c-ares discards the answer and `resolveTxt` rejects with `ENOTFOUND`, so the result is `NXDOMAIN` for
 *   the name asked (RFC 6604 §2: the RCODE describes the last name in the chain). The chain itself is not visible.
 * - **CNAME chains**: node does not expose the CNAMEs it followed, so {@link DnsAnswer.cnames} is never set by this
 *   resolver. A `CNAME` query returns the first hop only (the record at the name asked).
 * - **TXT octets**: node decodes each character-string as Latin-1 (one UTF-16 code unit per octet). This resolver
 *   re-decodes a record as UTF-8 when all of its character-strings are valid UTF-8 (so `é` published as the UTF-8
 *   octets `c3 a9` comes back as `é`), and otherwise keeps the one-unit-per-octet form (so a raw `\x80` octet comes
 *   back as `'\x80'`). The loopback test server (`test/support/dns-server.ts`) sends strings as UTF-8, so any string
 *   served through it round-trips unchanged. The decision is per record, so a UTF-8 sequence split across two
 *   character-strings keeps the whole record in its octet form (joining it still gives the right octets). The rule
 *   is {@link decodeTxtRecord} (`txt-octets.ts`), which the zone-file parser applies too, so a zone file and a
 *   server publishing the same octets give the same strings.
 * - **Names c-ares will not query**: c-ares rejects with `EBADNAME` names that DNS allows (RFC 2181 §11: any octet
 *   may appear in a label) but host names do not, e.g. `foo:bar/baz.example.com`, which SPF macros produce
 *   (RFC 7208 §7.3); and it reads `\` as an escape (`a\b.test` would be asked as `ab.test`). Such a name — one
 *   {@link normalizeName} accepts but c-ares answers `EBADNAME` for, or one containing `\` — is asked by our own
 *   stub resolver ({@link queryWire}, `wire.ts`) instead, with the same servers (those given, else the system's),
 *   timeout and tries, and the records come back in the same shapes; such answers also carry `cnames`.
 *
 * @module
 */

import { Resolver as NodeResolver } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { DEFAULT_TIMEOUT_MS, DEFAULT_TRIES } from './defaults.js';
import { CARES_ERROR_KINDS, caresErrorKind } from './error-codes.js';
import {
  type DnsResult,
  dnsFailure,
  type MxData,
  normalizeName,
  type RecordDataMap,
  type Resolver,
  type RRType,
  type SoaData,
} from './resolver.js';
import { decodeTxtRecord } from './txt-octets.js';
import { queryWire } from './wire.js';

/** Re-decodes a TXT record's Latin-1 character-strings as UTF-8 when every one of them is valid UTF-8. */
/** The one c-ares error-code table (defined in `error-codes.ts`, shared with `wire.ts`). */
export { CARES_ERROR_KINDS, caresErrorKind, decodeTxtRecord };

/** Options for {@link systemResolver}. */
export interface SystemResolverOptions {
  /**
   * DNS servers to ask, in order: `"192.0.2.53"`, `"192.0.2.53:5353"`, `"2001:db8::53"`, `"[2001:db8::53]"` or
   * `"[2001:db8::53]:5353"` (IP addresses only, no host names; port 1..65535, default 53). Absent or empty: the
   * system configuration (`/etc/resolv.conf`).
   */
  servers?: readonly string[];
  /** Time to wait for one answer from one server, in milliseconds (integer ≥ 1). Default {@link DEFAULT_TIMEOUT_MS} (5000 ms). */
  timeoutMs?: number;
  /** How many times each server is tried per query (integer ≥ 1). Default {@link DEFAULT_TRIES} (2). */
  tries?: number;
}

/** The defaults (5000 ms per try, 2 tries), shared with the CLI, the Action and `wire.ts`. */
export { DEFAULT_TIMEOUT_MS, DEFAULT_TRIES };

const SERVER_HELP =
  'expected an IP address with an optional port, e.g. "192.0.2.53", "192.0.2.53:5353", "2001:db8::53" or "[2001:db8::53]:5353"';

function parsePort(text: string, server: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new TypeError(`Invalid DNS server "${server}": port must be 1..65535`);
  }
  return port;
}

/**
 * Validates one server string and returns it in the form `Resolver#setServers` accepts.
 *
 * @throws TypeError when the string is not `ipv4`, `ipv4:port`, `ipv6`, `[ipv6]` or `[ipv6]:port`.
 */
export function parseServer(server: string): string {
  if (typeof server !== 'string') throw new TypeError(`Invalid DNS server ${String(server)}: ${SERVER_HELP}`);
  const bracketed = /^\[([^\]]*)\](?::([^:]*))?$/.exec(server);
  if (bracketed) {
    const host = bracketed[1] ?? '';
    if (!isIPv6(host))
      throw new TypeError(`Invalid DNS server "${server}": "${host}" is not an IPv6 address`);
    return bracketed[2] === undefined ? host : `[${host}]:${parsePort(bracketed[2], server)}`;
  }
  if (isIPv4(server) || isIPv6(server)) return server;
  const hostPort = /^([^:]+):([^:]*)$/.exec(server);
  if (hostPort && isIPv4(hostPort[1] ?? '')) return `${hostPort[1]}:${parsePort(hostPort[2] ?? '', server)}`;
  throw new TypeError(`Invalid DNS server "${server}": ${SERVER_HELP}`);
}

function checkInteger(value: number, what: string, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`systemResolver: ${what} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

/** A domain name from node: lower-case, no trailing dot. */
function hostName(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1).toLowerCase() : name.toLowerCase();
}

async function fetchRecords(dns: NodeResolver, name: string, type: RRType): Promise<RecordDataMap[RRType][]> {
  switch (type) {
    case 'A':
      return dns.resolve4(name);
    case 'AAAA':
      return dns.resolve6(name);
    case 'MX':
      return (await dns.resolveMx(name)).map(
        (mx): MxData => ({
          priority: mx.priority,
          exchange: hostName(mx.exchange),
        }),
      );
    case 'TXT':
      return (await dns.resolveTxt(name)).map(decodeTxtRecord);
    case 'PTR':
      return (await dns.resolvePtr(name)).map(hostName);
    case 'CNAME':
      return (await dns.resolveCname(name)).map(hostName);
    case 'NS':
      return (await dns.resolveNs(name)).map(hostName);
    case 'SOA': {
      const soa = await dns.resolveSoa(name);
      const data: SoaData = {
        mname: hostName(soa.nsname),
        rname: hostName(soa.hostmaster),
        serial: soa.serial,
        refresh: soa.refresh,
        retry: soa.retry,
        expire: soa.expire,
        minimum: soa.minttl,
      };
      return [data];
    }
  }
}

/**
 * Creates a {@link Resolver} that asks live DNS through a new `node:dns/promises` `Resolver` (c-ares).
 *
 * Each query tries each server up to `tries` times, waiting at most `timeoutMs` per try (c-ares' exponential
 * back-off is capped at `timeoutMs` through `maxTimeout`), so a query against an unresponsive single server fails
 * with `TIMEOUT` after about `tries × timeoutMs` ms. Names are normalised with {@link normalizeName} (U-labels to
 * A-labels, lower-case); an unqueryable name gives a `BADNAME` failure without any query. Failures follow
 * {@link CARES_ERROR_KINDS}; see the module notes for empty answers, CNAMEs and TXT octets.
 *
 * c-ares (as shipped with Node 24) sends no EDNS0 OPT record, so UDP answers are limited to 512 octets
 * (RFC 1035 §4.2.1); larger answers come back truncated (TC) and c-ares retries over TCP by itself.
 *
 * A name that c-ares refuses (`EBADNAME`) although {@link normalizeName} accepts it, or that contains a `\`, is asked
 * through {@link queryWire} (UDP, TCP after TC) with the same servers, `timeoutMs` and `tries`; see the module notes.
 *
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`), `timeoutMs` (ms per try), `tries` (per server).
 * @throws TypeError when a server string is malformed (a usage error, not a DNS failure).
 * @throws RangeError when `timeoutMs` or `tries` is not a positive integer.
 */
export function systemResolver(options: SystemResolverOptions = {}): Resolver {
  const timeoutMs = checkInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 2 ** 31 - 1);
  const tries = checkInteger(options.tries ?? DEFAULT_TRIES, 'tries', 100);
  const servers = (options.servers ?? []).map(parseServer);
  const dns = new NodeResolver({ timeout: timeoutMs, tries, maxTimeout: timeoutMs });
  if (servers.length > 0) {
    try {
      dns.setServers(servers);
    } catch (err) {
      throw new TypeError(`Invalid DNS servers ${JSON.stringify(servers)}: ${(err as Error).message}`);
    }
  }
  return {
    async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const normalized = normalizeName(name);
      if (normalized === null) return dnsFailure(name, type, 'BADNAME', 'not a valid domain name');
      // c-ares refuses some legal names and reads `\` as an escape: ask those ourselves.
      const viaWire = () => queryWire(normalized, type, { servers: dns.getServers(), timeoutMs, tries });
      if (normalized.includes('\\')) return viaWire();
      try {
        const records = (await fetchRecords(dns, normalized, type)) as RecordDataMap[T][];
        if (records.length === 0) return dnsFailure(normalized, type, 'NODATA', 'empty answer');
        return { ok: true, name: normalized, type, records };
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        const codeText = typeof code === 'string' ? code : undefined;
        if (codeText === 'EBADNAME') return viaWire();
        return dnsFailure(normalized, type, caresErrorKind(codeText), codeText ?? String(err));
      }
    },
  };
}
