/**
 * Small helpers on domain names for DMARC: label counts, parents, the `_dmarc` name.
 * Names are expected normalised (lower-case A-labels, no trailing dot; see `normalizeName`).
 *
 * @module
 */

/** The name a DMARC Policy Record for `domain` is published at (RFC 9989 §4.5): `_dmarc.<domain>`. */
export function dmarcName(domain: string): string {
  return `_dmarc.${domain}`;
}

/** True when `domain` is `ancestor` or a subdomain of it. */
export function isAtOrBelow(domain: string, ancestor: string): boolean {
  return domain === ancestor || domain.endsWith(`.${ancestor}`);
}

/** The last `n` labels of `domain` (the whole name when it has fewer). */
export function lastLabels(domain: string, n: number): string {
  return domain.split('.').slice(-n).join('.');
}

/** The top-level label (`com` for `a.example.com`). */
export function topLabel(domain: string): string {
  const i = domain.lastIndexOf('.');
  return i < 0 ? domain : domain.slice(i + 1);
}

/** True for an RFC 5321 address literal (`[192.0.2.1]`) or a bare IP address: not a DNS name. */
export function isAddressLiteral(domain: string): boolean {
  return domain.startsWith('[') || /^[0-9.]+$/.test(domain) || domain.includes(':');
}
