/**
 * Live DNS: a {@link Resolver} that asks DNS servers itself, through the stub-resolver client of `wire.ts`
 * ({@link queryWire}: UDP, TCP after TC), with configurable servers, timeout and tries. The servers default to
 * the system's (`/etc/resolv.conf`, as read by `node:dns`' c-ares). c-ares itself is not asked any more: it cannot
 * tell answers apart that must be told apart, which the wire client does:
 *
 * - **RCODEs 6–11** (YXDOMAIN … DSOTYPENI) come out of c-ares as `ENODATA`, indistinguishable from a real NODATA
 *   ("no record"); the wire client calls any RCODE other than NOERROR and NXDOMAIN a server failure (`SERVFAIL`,
 *   or `REFUSED` for REFUSED, NOTIMP, FORMERR).
 * - **CNAME loops** answered NOERROR come out of c-ares as an empty answer (NODATA); the wire client reports
 *   `SERVFAIL` (`CNAME loop`), as the zone resolver does, and caps chains at {@link MAX_CNAME_CHAIN}.
 * - **Owner names**: c-ares takes every TXT (and MX...) record of the answer section, whatever name owns it, so a
 *   record for another name was applied to the name asked; the wire client follows the CNAME chain from the
 *   question and takes only the records owned by its last name, and rejects a reply with records of the type owned
 *   by any other name (`SERVFAIL`, `EBADRESP`).
 * - **A CNAME without its target** (an authoritative server answering for a name whose CNAME points outside its
 *   zones) was NODATA; the wire client asks the target.
 * - **Cancellation**: an `AbortSignal` ({@link QueryOptions.signal}) closes the sockets of a question at once;
 *   c-ares can only cancel every query of a resolver.
 * - **Names**: c-ares refuses names that DNS allows (RFC 2181 §11) but host names do not (`foo:bar/baz.example.com`
 *   from SPF macros, RFC 7208 §7.3) and reads `\` as an escape; the wire client sends the name's octets as they are.
 *
 * What stays as node returned it: the record shapes (A/AAAA canonical text, AAAA as `inet_ntop` writes it, MX
 * `{priority, exchange}`, names lower-case without the trailing dot), no EDNS0 (answers over 512 octets come over
 * TCP), and the TXT octets rule: a record is decoded as UTF-8 when all of its character-strings are valid UTF-8, and
 * otherwise kept one UTF-16 unit per octet ({@link decodeTxtRecord}, `txt-octets.ts`, which the zone-file parser
 * applies too, so a zone file and a server publishing the same octets give the same strings). Answers that followed
 * CNAMEs carry `cnames`. Failures use the c-ares code names of {@link CARES_ERROR_KINDS} as messages.
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
  normalizeName,
  type QueryOptions,
  type Resolver,
  type RRType,
} from './resolver.js';
import { decodeTxtRecord } from './txt-octets.js';
import { MAX_CNAME_CHAIN, queryWire } from './wire.js';

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

/**
 * Creates a {@link Resolver} that asks live DNS servers (see the module notes: our own stub resolver, `wire.ts`).
 *
 * Each question tries each server up to `tries` times, waiting at most `timeoutMs` per try (and as long again for
 * the TCP retry after a truncated UDP answer), so a question to an unresponsive single server fails with `TIMEOUT`
 * after about `tries × timeoutMs` ms. Names are normalised with {@link normalizeName} (U-labels to A-labels,
 * lower-case); an unqueryable name gives a `BADNAME` failure without any query. A CNAME chain is followed (at most
 * {@link MAX_CNAME_CHAIN} links; a loop is `SERVFAIL`), asking the target when the answer did not include it.
 * Any RCODE other than NOERROR and NXDOMAIN is DNS trouble (`SERVFAIL`, or `REFUSED`), never "no record".
 * `options.signal` (per question) cancels it: its sockets are closed and the result is `TIMEOUT`.
 *
 * @param options servers (`host`, `host:port`, `[v6]`, `[v6]:port`; default the system's), `timeoutMs` (ms per
 *   try), `tries` (per server).
 * @throws TypeError when a server string is malformed (a usage error, not a DNS failure).
 * @throws RangeError when `timeoutMs` or `tries` is not a positive integer.
 */
export function systemResolver(options: SystemResolverOptions = {}): Resolver {
  const timeoutMs = checkInteger(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs', 2 ** 31 - 1);
  const tries = checkInteger(options.tries ?? DEFAULT_TRIES, 'tries', 100);
  const servers = (options.servers ?? []).map(parseServer);
  // c-ares reads the system configuration and checks the server list; the questions go through queryWire.
  const dns = new NodeResolver({ timeout: timeoutMs, tries, maxTimeout: timeoutMs });
  if (servers.length > 0) {
    try {
      dns.setServers(servers);
    } catch (err) {
      throw new TypeError(`Invalid DNS servers ${JSON.stringify(servers)}: ${(err as Error).message}`);
    }
  }
  const wireServers = dns.getServers();
  return {
    async query<T extends RRType>(name: string, type: T, query: QueryOptions = {}): Promise<DnsResult<T>> {
      const normalized = normalizeName(name);
      if (normalized === null) return dnsFailure(name, type, 'BADNAME', 'not a valid domain name');
      return queryWire(normalized, type, {
        servers: wireServers,
        timeoutMs,
        tries,
        ...(query.signal ? { signal: query.signal } : {}),
      });
    },
  };
}
