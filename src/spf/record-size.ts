/**
 * Size checks of a published SPF record: character-strings over 255 octets (RFC 7208 §3.3), records over
 * 450 or 512 octets (§3.4), and records larger than a TXT RDATA can hold (RFC 1035 §3.2.1).
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';
import { SPF_FINDINGS as F } from './findings.js';

/** The largest TXT RDATA in octets: RDLENGTH is a 16-bit field (RFC 1035 §3.2.1). */
export const MAX_TXT_RDATA = 65535;
/** The largest character-string in octets (RFC 1035 §3.3.14; RFC 7208 §3.3). */
export const MAX_CHARACTER_STRING = 255;
/** A record size that keeps the whole DNS answer within 512 octets (RFC 7208 §3.4), in octets. */
export const RECOMMENDED_RECORD_OCTETS = 450;
/** The UDP answer size without EDNS0 (RFC 1035 §4.2.1; RFC 7208 §3.4), in octets. */
export const UDP_ANSWER_OCTETS = 512;

/**
 * Size findings of a record: character-strings over 255 octets, the record over 450/512 octets (RFC 7208
 * §3.3, §3.4), or over what a TXT RDATA can hold (RFC 1035 §3.2.1).
 *
 * @param domain the owner name of the record
 * @param text the record (its character-strings joined)
 * @param strings the record's character-strings
 * @returns the findings, and the RDATA size in octets (a length octet and the octets of each character-string)
 */
export function recordSizeFindings(
  domain: string,
  text: string,
  strings: readonly string[],
): { rdataOctets: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let rdata = 0;
  strings.forEach((s, i) => {
    const n = Buffer.byteLength(s, 'utf8');
    rdata += 1 + n;
    if (n > MAX_CHARACTER_STRING) {
      findings.push(
        F.txtStringTooLong(
          `character-string ${i + 1} of the SPF record of ${domain} is ${n} octets (max ${MAX_CHARACTER_STRING})`,
          { name: domain, record: text, details: { index: i, octets: n } },
        ),
      );
    }
  });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (rdata > MAX_TXT_RDATA) {
    findings.push(
      F.recordTooLarge(
        `the SPF record of ${domain} needs ${rdata} octets of TXT RDATA, more than the ${MAX_TXT_RDATA} a record can hold; it cannot be published and was not analyzed`,
        { name: domain, record: text, details: { bytes, rdataOctets: rdata, limit: MAX_TXT_RDATA } },
      ),
    );
  } else if (bytes > UDP_ANSWER_OCTETS) {
    findings.push(
      F.recordOver512(`the SPF record of ${domain} is ${bytes} bytes (over ${UDP_ANSWER_OCTETS})`, {
        name: domain,
        record: text,
        details: { bytes },
      }),
    );
  } else if (bytes > RECOMMENDED_RECORD_OCTETS) {
    findings.push(
      F.recordOver450(`the SPF record of ${domain} is ${bytes} bytes (over ${RECOMMENDED_RECORD_OCTETS})`, {
        name: domain,
        record: text,
        details: { bytes },
      }),
    );
  }
  return { rdataOctets: rdata, findings };
}
