/**
 * The one table from c-ares-style error codes to {@link DnsFailureKind}s, used by `system.ts` (errors from
 * `node:dns/promises`) and `wire.ts` (our stub resolver names its failures and socket errors the same way).
 *
 * @module
 */

import type { DnsFailureKind } from './resolver.js';

/**
 * How each c-ares error code (as found in `err.code` from `node:dns/promises`, and as `wire.ts` names its own
 * failures and socket errors) maps to a {@link DnsFailureKind}.
 *
 * | c-ares code | kind | why |
 * | --- | --- | --- |
 * | `ENOTFOUND` | `NXDOMAIN` | RCODE 3: the name does not exist |
 * | `ENODATA` | `NODATA` | NOERROR with no record of the type (also: an empty result array) |
 * | `ETIMEOUT` | `TIMEOUT` | no answer after all tries |
 * | `ECONNREFUSED`, `EHOSTUNREACH`, `ENETUNREACH`, `EADDRNOTAVAIL` | `TIMEOUT` | no server could be reached (e.g. ICMP port unreachable on UDP, refused TCP, no route): no answer, so "could not find out" — never a definitive NXDOMAIN/NODATA |
 * | `ECANCELLED`, `EDESTRUCTION` | `TIMEOUT` | the query was abandoned before an answer arrived |
 * | `ESERVFAIL` | `SERVFAIL` | RCODE 2 |
 * | `EBADRESP`, `EOF` | `SERVFAIL` | the server's reply was malformed or the connection closed mid-reply (a server failure) |
 * | `EREFUSED` | `REFUSED` | RCODE 5 |
 * | `ENOTIMP`, `EFORMERR` | `REFUSED` | RCODE 4 / RCODE 1: the server will not answer this question |
 * | `EBADNAME`, `EBADQUERY`, `EBADSTR` | `BADNAME` | the name cannot be put in a query |
 * | anything else (`ENOMEM`, `EFILE`, an error without a code...) | `SERVFAIL` | a local failure: treated as temporary, never as "no record" |
 */
export const CARES_ERROR_KINDS: Readonly<Record<string, DnsFailureKind>> = Object.freeze({
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ETIMEOUT: 'TIMEOUT',
  ECONNREFUSED: 'TIMEOUT',
  EHOSTUNREACH: 'TIMEOUT',
  ENETUNREACH: 'TIMEOUT',
  EADDRNOTAVAIL: 'TIMEOUT',
  ECANCELLED: 'TIMEOUT',
  EDESTRUCTION: 'TIMEOUT',
  ESERVFAIL: 'SERVFAIL',
  EBADRESP: 'SERVFAIL',
  EOF: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ENOTIMP: 'REFUSED',
  EFORMERR: 'REFUSED',
  EBADNAME: 'BADNAME',
  EBADQUERY: 'BADNAME',
  EBADSTR: 'BADNAME',
});

/**
 * Maps a c-ares error code to a {@link DnsFailureKind} per {@link CARES_ERROR_KINDS}; unknown or missing codes give
 * `SERVFAIL`.
 */
export function caresErrorKind(code: string | undefined): DnsFailureKind {
  return (
    (code !== undefined && Object.hasOwn(CARES_ERROR_KINDS, code) ? CARES_ERROR_KINDS[code] : undefined) ??
    'SERVFAIL'
  );
}
