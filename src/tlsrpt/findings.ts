/**
 * The TLS-RPT findings catalog (RFC 8460): the `_smtp._tls` TXT record and its reporting URIs.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** Every TLS-RPT finding, one factory per key; `TLSRPT_FINDINGS.definitions` feeds the catalog. */
export const TLSRPT_FINDINGS = defineFindings({
  dnsError: {
    id: 'tlsrpt.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS failure while checking TLS-RPT',
    rfc: 'RFC 8460 §3',
    remediation:
      'Check that the domain’s name servers answer TXT queries for _smtp._tls.<domain>; retry later.',
  },
  noRecord: {
    id: 'tlsrpt.no-record',
    severity: 'info',
    title: 'No TLS-RPT record',
    rfc: 'RFC 8460 §3',
    remediation:
      'Publish "_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls-reports@<domain>"" to receive reports of TLS failures (useful with MTA-STS).',
  },
  multipleRecords: {
    id: 'tlsrpt.multiple-records',
    severity: 'error',
    title: 'Several TLS-RPT records',
    rfc: 'RFC 8460 §3',
    remediation:
      'Publish exactly one "v=TLSRPTv1" TXT record at _smtp._tls.<domain>; with several, senders send no reports.',
  },
  invalidRecord: {
    id: 'tlsrpt.invalid-record',
    severity: 'error',
    title: 'Malformed TLS-RPT record',
    rfc: 'RFC 8460 §3',
    remediation: 'Write the record as "v=TLSRPTv1; rua=<uri>[,<uri>]" with fields separated by ";".',
  },
  missingRua: {
    id: 'tlsrpt.missing-rua',
    severity: 'error',
    title: 'TLS-RPT record without rua',
    rfc: 'RFC 8460 §3',
    remediation:
      'Add "rua=mailto:<address>" or "rua=https://<endpoint>": without it senders have nowhere to report.',
  },
  invalidRua: {
    id: 'tlsrpt.invalid-rua',
    severity: 'error',
    title: 'Invalid TLS-RPT reporting URI',
    rfc: 'RFC 8460 §3',
    remediation:
      'Use "mailto:" with one address or an "https:" URL; percent-encode commas and semicolons inside a URI.',
  },
});
