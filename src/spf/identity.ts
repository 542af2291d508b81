/**
 * The identities check_host() is run for and its initial processing: which identity an SMTP receiver checks
 * (MAIL FROM, or HELO for a null reverse-path; RFC 7208 §2.3, §2.4), the split of `<sender>` (§4.3), and the
 * checks on `<domain>` (§4.3) with U-labels converted to A-labels (RFC 8616 §4).
 *
 * @module
 */

import { isQueryableName } from './macro.js';
import type { CheckHostParams } from './result.js';

/** The sender split for macros: `<sender>`, its local-part and its domain (RFC 7208 §4.3, §7.2). */
export interface SenderParts {
  /** `local-part@domain`, with `postmaster` for an empty local-part. */
  full: string;
  local: string;
  domain: string;
}

/** Parameters of `verifySpfIdentity`: what an SMTP receiver knows. */
export interface SpfIdentityParams {
  /** The SMTP client address. */
  ip: string;
  /** The MAIL FROM reverse-path: an address, `''` or `<>` for the null reverse-path. Angle brackets are removed. */
  mailFrom: string;
  /** The HELO/EHLO name. */
  helo: string;
  /** The receiving host, for the `r` macro. */
  receiver?: string;
}

/**
 * The check_host() a receiver runs (RFC 7208 §2.4): the MAIL FROM identity with `<domain>` = the part after
 * the last `@`; for a null reverse-path, `postmaster@<helo>` with `<domain>` = the HELO name (identity `helo`).
 */
export function identityCheck(params: SpfIdentityParams): {
  identity: 'mailfrom' | 'helo';
  params: CheckHostParams;
} {
  let from = String(params.mailFrom ?? '').trim();
  if (from.startsWith('<') && from.endsWith('>')) from = from.slice(1, -1).trim();
  const helo = String(params.helo ?? '').trim();
  const common = {
    ip: params.ip,
    helo,
    ...(params.receiver !== undefined ? { receiver: params.receiver } : {}),
  };
  if (from === '') {
    return { identity: 'helo', params: { ...common, domain: helo, sender: `postmaster@${helo}` } };
  }
  const at = from.lastIndexOf('@');
  const domain = at < 0 ? from : from.slice(at + 1);
  return { identity: 'mailfrom', params: { ...common, domain, sender: from } };
}

/**
 * Splits a sender into local-part and domain (the domain follows the last `@`); `postmaster` for an empty
 * local-part (RFC 7208 §4.3), `fallbackDomain` when there is no domain.
 */
export function splitSender(sender: string, fallbackDomain: string): SenderParts {
  const s = sender.trim();
  const at = s.lastIndexOf('@');
  const local = at < 0 ? '' : s.slice(0, at);
  const domain = at < 0 ? s || fallbackDomain : s.slice(at + 1);
  const localPart = local === '' ? 'postmaster' : local;
  return { full: `${localPart}@${domain}`, local: localPart, domain };
}

/**
 * Checks `<domain>` for the initial-processing rules of RFC 7208 §4.3: not a domain literal, labels of
 * 1..63 octets, at most 253 octets, and more than one label. U-labels are converted to A-labels (RFC 8616 §4).
 * @returns the normalised (lower-case, no trailing dot) domain, or null when check_host() must return none.
 *   Never throws.
 */
export function initialDomain(domain: string): string | null {
  try {
    let d = domain.trim();
    if (d.endsWith('.')) d = d.slice(0, -1);
    if (d.startsWith('[')) return null;
    if (/[^\x00-\x7f]/.test(d)) {
      const labels = d.split('.').map((l) => (/[^\x00-\x7f]/.test(l) ? new URL(`http://${l}`).hostname : l));
      d = labels.join('.');
    }
    d = d.toLowerCase();
    if (!isQueryableName(d) || !d.includes('.')) return null;
    if (/[\x00-\x20\x7f]/.test(d)) return null;
    return d;
  } catch {
    return null; // a U-label that is not valid IDNA
  }
}
