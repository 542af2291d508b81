/**
 * The BIMI findings catalog (draft-brand-indicators-for-message-identification): the assertion record at
 * `<selector>._bimi.<domain>`, the SVG Tiny PS logo, the mark certificate (VMC/CMC), and the DMARC enforcement
 * prerequisite.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

const DRAFT = 'draft-brand-indicators-for-message-identification';

/** Every BIMI finding, one factory per key; `BIMI_FINDINGS.definitions` feeds the catalog. */
export const BIMI_FINDINGS = defineFindings({
  dnsError: {
    id: 'bimi.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS failure while checking BIMI',
    rfc: `${DRAFT} §7.2`,
    remediation:
      'Check that the name servers answer: TXT queries under _bimi.<domain>, and A/AAAA queries for the hosts of the l= and a= URLs; retry later.',
  },
  noRecord: {
    id: 'bimi.no-record',
    severity: 'info',
    title: 'No BIMI record',
    rfc: `${DRAFT} §4`,
    remediation:
      'To show a logo in supporting mailboxes, publish "default._bimi TXT "v=BIMI1; l=<https SVG>; a=<https PEM>"".',
  },
  multipleRecords: {
    id: 'bimi.multiple-records',
    severity: 'error',
    title: 'Several BIMI records',
    rfc: `${DRAFT} §7.2`,
    remediation:
      'Publish exactly one "v=BIMI1" TXT record per selector; with several, receivers show no logo.',
  },
  invalidRecord: {
    id: 'bimi.invalid-record',
    severity: 'error',
    title: 'Malformed BIMI record',
    rfc: `${DRAFT} §4.3`,
    remediation:
      'Write the record as "v=BIMI1; l=<https URL>; a=<https URL>" (tag=value pairs separated by ";").',
  },
  declined: {
    id: 'bimi.declined',
    severity: 'info',
    title: 'BIMI declined (empty l= and a=)',
    rfc: `${DRAFT} §4.3.1`,
  },
  missingLocation: {
    id: 'bimi.missing-location',
    severity: 'error',
    title: 'BIMI record without a logo location (l=)',
    rfc: `${DRAFT} §4.3`,
    remediation: 'Add "l=" with the https URL of the SVG Tiny PS logo.',
  },
  invalidLocation: {
    id: 'bimi.invalid-location',
    severity: 'error',
    title: 'BIMI logo location is not an https URL',
    rfc: `${DRAFT} §4.3`,
    remediation: 'Serve the logo over HTTPS and give its https:// URL in "l=".',
  },
  invalidAuthority: {
    id: 'bimi.invalid-authority',
    severity: 'error',
    title: 'BIMI authority location is not an https URL',
    rfc: `${DRAFT} §4.3`,
    remediation: 'Serve the mark certificate (PEM) over HTTPS and give its https:// URL in "a=".',
  },
  noAuthority: {
    id: 'bimi.no-authority',
    severity: 'warning',
    title: 'BIMI record without a mark certificate (a=)',
    rfc: `${DRAFT} §4.3`,
    remediation:
      'Most mailbox providers (e.g. Gmail, Apple Mail) show a logo only with a Verified or Common Mark Certificate: add "a=".',
  },
  dmarcNotEnforced: {
    id: 'bimi.dmarc-not-enforced',
    severity: 'error',
    title: 'BIMI needs DMARC enforcement (quarantine or reject)',
    rfc: `${DRAFT} §7.1`,
    remediation:
      'Publish a DMARC policy p=quarantine (pct=100) or p=reject, without sp=none or t=y, at the domain and its Organizational Domain.',
  },
  logoFetchFailed: {
    id: 'bimi.logo-fetch-failed',
    severity: 'error',
    title: 'BIMI logo could not be fetched',
    rfc: `${DRAFT} §7.3`,
    remediation: 'Serve the logo at the l= URL over HTTPS (valid certificate, status 200, no redirect).',
  },
  logoContentType: {
    id: 'bimi.logo-content-type',
    severity: 'warning',
    title: 'BIMI logo not served as image/svg+xml',
    rfc: `${DRAFT} §5.1`,
    remediation: 'Serve the logo with "Content-Type: image/svg+xml".',
  },
  logoLarge: {
    id: 'bimi.logo-large',
    severity: 'warning',
    title: 'BIMI logo over 32 KB',
    rfc: `${DRAFT} §5.1`,
    remediation: 'Keep the SVG under 32 KB (the BIMI Group’s limit); simplify paths or remove metadata.',
  },
  logoInvalid: {
    id: 'bimi.logo-invalid',
    severity: 'error',
    title: 'BIMI logo is not a valid SVG Tiny PS file',
    rfc: `${DRAFT} §5.1`,
    remediation:
      'Export the logo as SVG Tiny Portable/Secure: baseProfile="tiny-ps", a <title>, no x/y on the root, no scripts, animation or external references.',
  },
  certificateFetchFailed: {
    id: 'bimi.certificate-fetch-failed',
    severity: 'error',
    title: 'BIMI mark certificate could not be fetched',
    rfc: `${DRAFT} §7.4`,
    remediation:
      'Serve the PEM certificate chain at the a= URL over HTTPS (valid certificate, status 200, no redirect).',
  },
  certificateInvalid: {
    id: 'bimi.certificate-invalid',
    severity: 'error',
    title: 'BIMI mark certificate does not validate',
    rfc: `${DRAFT} §7.4`,
    remediation:
      'Publish the full chain of a current Verified/Common Mark Certificate from a BIMI-recognised issuer, issued for this domain, whose embedded logo is the one at l=.',
  },
});
