/**
 * What a sending domain's name and a selector may look like, checked before any DNS question: kept apart from
 * the audit so that the CLI can validate its arguments without loading the audit.
 *
 * @module
 */

import { domainToUnicode } from 'node:url';
import { normalizeName } from '../dns/resolver.js';

/**
 * Thrown by {@link auditDomain} for a name that cannot be audited: not a string, empty, too long, a bad label,
 * a single label, an IP address literal, or a wildcard. A sending domain is a host name (RFC 1123 §2.1 letters,
 * digits and hyphens; underscores are tolerated), written with U-labels or A-labels.
 */
export class InvalidDomainError extends Error {
  readonly domain: string;
  constructor(domain: string) {
    super(`not a valid domain name: '${domain}'`);
    this.name = 'InvalidDomainError';
    this.domain = domain;
  }
}

const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Checks that `domain` names something that can send mail and returns its normalised form (lower-case A-labels).
 * @throws {@link InvalidDomainError} otherwise.
 */
export function auditableDomain(domain: unknown): string {
  const name = typeof domain === 'string' ? normalizeName(domain) : null;
  if (name === null) throw new InvalidDomainError(String(domain));
  const labels = name.split('.');
  if (
    labels.length < 2 ||
    !labels.every((l) => HOST_LABEL.test(l) && !badALabel(l)) ||
    /^\d+$/.test(labels.at(-1)!)
  ) {
    throw new InvalidDomainError(domain as string);
  }
  return name;
}

/**
 * True for an `xn--` label that is not an A-label: its Punycode does not decode to a U-label (RFC 5890 §2.3.2.1;
 * `xn--zz`). The WHATWG decoder gives such a label back unchanged, while a real A-label decodes to non-ASCII.
 */
function badALabel(label: string): boolean {
  return label.startsWith('xn--') && domainToUnicode(label) === label;
}

/** True when `selector` is a valid DKIM (RFC 6376 §3.1) or BIMI selector: dot-separated host-name labels. */
export function isValidSelector(selector: unknown): boolean {
  const n = typeof selector === 'string' ? normalizeName(selector) : null;
  return n?.split('.').every((l) => HOST_LABEL.test(l)) === true;
}
