/**
 * ARC findings (RFC 8617).
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** The ARC findings catalog (RFC 8617 chain validation); see docs/findings.md. */
export const ARC_FINDINGS = defineFindings({
  chainInvalid: {
    id: 'arc.chain-invalid',
    severity: 'warning',
    title: 'ARC chain structure is invalid',
    rfc: 'RFC 8617 §5.2',
    remediation:
      'An intermediary added incomplete or duplicate ARC sets, or a set has an invalid instance or cv=; the chain cannot vouch for earlier results.',
  },
  tooManySets: {
    id: 'arc.too-many-sets',
    severity: 'warning',
    title: 'More than 50 ARC sets',
    rfc: 'RFC 8617 §4.2.1, §5.2',
    remediation: 'A chain may have at most 50 sets (i=1..50); longer chains fail.',
  },
  sealInvalid: {
    id: 'arc.seal-invalid',
    severity: 'warning',
    title: 'An ARC-Seal does not verify',
    rfc: 'RFC 8617 §5.2 step 6',
    remediation: 'The ARC headers changed after sealing, or the sealer published the wrong key.',
  },
  messageSignatureInvalid: {
    id: 'arc.ams-invalid',
    severity: 'warning',
    title: 'The newest ARC-Message-Signature does not verify',
    rfc: 'RFC 8617 §5.2 step 4',
    remediation: 'The message changed after the newest intermediary sealed it.',
  },
  keyError: {
    id: 'arc.key-error',
    severity: 'warning',
    title: 'An ARC key is missing or unusable',
    rfc: 'RFC 8617 §5.2, RFC 6376 §6.1.2',
    remediation: 'The sealer must publish its key at <s>._domainkey.<d>.',
  },
  dnsError: {
    id: 'arc.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'An ARC key could not be fetched (DNS error)',
    rfc: 'RFC 8617 §5.2',
    remediation: 'A temporary DNS failure: the chain could not be validated; retry later.',
  },
});
