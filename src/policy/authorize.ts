/**
 * The entries of a policy's `spf.authorize` list: an IP address, a network (`address/prefix`), or
 * `include:DOMAIN`. One strict parser shared by the policy loader (which reports every bad entry with its line)
 * and the gate (which never guesses what a malformed entry meant).
 *
 * Addresses are as strict as the CLI's `--ip` (`node:net` `isIP`): four dotted decimal numbers 0-255 without
 * leading zeros (no `1.2.3` shorthand, which `inet_aton` would read as 1.2.0.3; no `01.2.3.4`, which some parsers
 * read as octal), or an RFC 4291 IPv6 address without a zone index. A prefix length is decimal without leading
 * zeros, 0-32 for IPv4 and 0-128 for IPv6 (as RFC 7208 §5.6 requires of `ip4-cidr-length`/`ip6-cidr-length`).
 *
 * @module
 */

import { isIP } from 'node:net';
import { normalizeName } from '../dns/resolver.js';

/** A parsed `spf.authorize` entry. */
export type AuthorizeEntry =
  | { kind: 'include' /** The normalised domain (lower-case A-labels, no trailing dot). */; domain: string }
  | {
      kind: 'ip';
      /** The address as written (`isIP` accepted it). */
      address: string;
      version: 4 | 6;
      /** The prefix length in bits, when a network was given. */
      prefix?: number;
    };

/**
 * Parses one `spf.authorize` entry.
 *
 * @returns the entry, or `{ error }` with a sentence saying what is wrong (for `"1.2.3"`: not an IP address).
 */
export function parseAuthorizeEntry(entry: string): AuthorizeEntry | { error: string } {
  if (entry.toLowerCase().startsWith('include:')) {
    const target = entry.slice('include:'.length);
    const domain = normalizeName(target);
    if (target === '' || domain === null || !domain.includes('.') || /[^a-z0-9_.-]/.test(domain))
      return {
        error: `"${entry}" does not name a domain: include: must be followed by a domain name such as _spf.example.com`,
      };
    return { kind: 'include', domain };
  }
  const slash = entry.indexOf('/');
  const address = slash >= 0 ? entry.slice(0, slash) : entry;
  const version = isIP(address);
  if (version === 0 || address.includes('%'))
    return {
      error: `"${entry}" is not an IP address or network: IPv4 is four decimal numbers 0-255 without leading zeros (192.0.2.1), IPv6 as in RFC 4291 (2001:db8::1)`,
    };
  if (slash < 0) return { kind: 'ip', address, version: version as 4 | 6 };
  const digits = entry.slice(slash + 1);
  const max = version === 4 ? 32 : 128;
  if (!/^(0|[1-9][0-9]*)$/.test(digits) || Number(digits) > max)
    return {
      error: `"${entry}" has an invalid prefix length: /0 to /${max} for IPv${version}, decimal without leading zeros`,
    };
  return { kind: 'ip', address, version: version as 4 | 6, prefix: Number(digits) };
}
