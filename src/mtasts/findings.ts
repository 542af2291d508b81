/**
 * The MTA-STS findings catalog (RFC 8461): the `_mta-sts` TXT record, the policy fetched over HTTPS, and
 * whether the policy covers every MX host.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** Every MTA-STS finding, one factory per key; `MTASTS_FINDINGS.definitions` feeds the catalog. */
export const MTASTS_FINDINGS = defineFindings({
  dnsError: {
    id: 'mtasts.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS failure while checking MTA-STS',
    rfc: 'RFC 8461 §3.1',
    remediation:
      'Check that the domain’s name servers answer for _mta-sts.<domain> and mta-sts.<domain>; retry later.',
  },
  noRecord: {
    id: 'mtasts.no-record',
    severity: 'info',
    title: 'No MTA-STS policy',
    rfc: 'RFC 8461 §3.1',
    remediation:
      'Publish "_mta-sts TXT "v=STSv1; id=<id>"" and a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt so senders require TLS to your MX hosts.',
  },
  multipleRecords: {
    id: 'mtasts.multiple-records',
    severity: 'error',
    title: 'Several MTA-STS TXT records',
    rfc: 'RFC 8461 §3.1',
    remediation:
      'Publish exactly one "v=STSv1" TXT record at _mta-sts.<domain>; with several, senders ignore MTA-STS.',
  },
  invalidRecord: {
    id: 'mtasts.invalid-record',
    severity: 'error',
    title: 'Malformed MTA-STS TXT record',
    rfc: 'RFC 8461 §3.1',
    remediation:
      'Write the record as "v=STSv1; id=<1 to 32 letters and digits>;" and change the id whenever the policy changes.',
  },
  policyHostMissing: {
    id: 'mtasts.policy-host-missing',
    severity: 'error',
    title: 'MTA-STS policy host does not resolve',
    rfc: 'RFC 8461 §3.3',
    remediation:
      'Publish A/AAAA records for mta-sts.<domain> pointing at the web server that serves the policy.',
  },
  policyCertificate: {
    id: 'mtasts.policy-certificate',
    severity: 'error',
    title: 'MTA-STS policy host certificate is not valid',
    rfc: 'RFC 8461 §3.3',
    remediation:
      'Serve mta-sts.<domain> with a certificate from a public CA whose subjectAltName covers mta-sts.<domain>, with the full chain.',
  },
  policyRedirect: {
    id: 'mtasts.policy-redirect',
    severity: 'error',
    title: 'MTA-STS policy URL redirects',
    rfc: 'RFC 8461 §3.3',
    remediation:
      'Serve the policy directly at https://mta-sts.<domain>/.well-known/mta-sts.txt: senders do not follow redirects.',
  },
  policyHttpStatus: {
    id: 'mtasts.policy-http-status',
    severity: 'error',
    title: 'MTA-STS policy not served with HTTP 200',
    rfc: 'RFC 8461 §3.3',
    remediation: 'Serve the policy file with status 200 at /.well-known/mta-sts.txt.',
  },
  policyTooLarge: {
    id: 'mtasts.policy-too-large',
    severity: 'error',
    title: 'MTA-STS policy too large',
    rfc: 'RFC 8461 §3.3',
    remediation: 'Keep the policy file small (senders may refuse policies over 64 KB).',
  },
  policyTimeout: {
    id: 'mtasts.policy-timeout',
    severity: 'error',
    title: 'MTA-STS policy fetch timed out',
    rfc: 'RFC 8461 §3.3',
    remediation: 'Make the policy host answer promptly; senders give up after a short time.',
  },
  policyUnreachable: {
    id: 'mtasts.policy-unreachable',
    severity: 'error',
    title: 'MTA-STS policy host unreachable',
    rfc: 'RFC 8461 §3.3',
    remediation: 'Make the policy host accept HTTPS connections on port 443.',
  },
  policyContentType: {
    id: 'mtasts.policy-content-type',
    severity: 'error',
    title: 'MTA-STS policy not served as text/plain',
    rfc: 'RFC 8461 §3.2',
    remediation: 'Serve the policy file with "Content-Type: text/plain".',
  },
  policyInvalid: {
    id: 'mtasts.policy-invalid',
    severity: 'error',
    title: 'Invalid MTA-STS policy',
    rfc: 'RFC 8461 §3.2',
    remediation:
      'Write the policy as lines "version: STSv1", "mode: enforce|testing|none", "max_age: <seconds>" and one "mx: <host or *.domain>" per MX host.',
  },
  policySyntax: {
    id: 'mtasts.policy-syntax',
    severity: 'warning',
    title: 'MTA-STS policy deviates from the RFC syntax',
    rfc: 'RFC 8461 §3.2',
    remediation:
      'Use the exact field names and values of RFC 8461 §3.2 (lower-case, no stray characters); lenient senders accept it, strict ones do not.',
  },
  maxAgeShort: {
    id: 'mtasts.max-age-short',
    severity: 'warning',
    title: 'MTA-STS max_age is short',
    rfc: 'RFC 8461 §3.2',
    remediation:
      'Use a max_age of weeks (e.g. 604800 or more) once the policy is stable, so senders cache it.',
  },
  modeTesting: {
    id: 'mtasts.mode-testing',
    severity: 'info',
    title: 'MTA-STS in testing mode',
    rfc: 'RFC 8461 §5',
    remediation: 'Once TLS-RPT reports show no failures, switch the policy to "mode: enforce".',
  },
  modeNone: {
    id: 'mtasts.mode-none',
    severity: 'warning',
    title: 'MTA-STS policy mode is none',
    rfc: 'RFC 8461 §5',
    remediation:
      'Mode none disables MTA-STS; use testing or enforce, or remove the TXT record once senders’ caches expire.',
  },
  mxNotCovered: {
    id: 'mtasts.mx-not-covered',
    severity: 'error',
    title: 'MX host not covered by the MTA-STS policy',
    rfc: 'RFC 8461 §4.1',
    remediation:
      'Add an "mx:" line matching the host (exact name, or "*." plus its parent domain) to the policy and change the id.',
  },
});
