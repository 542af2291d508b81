/**
 * The MX findings catalog: the mail exchangers a domain publishes (RFC 5321 §5.1, RFC 7505 null MX) and the
 * reverse DNS of their addresses (PTR and forward-confirmed reverse DNS).
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** Every MX finding, one factory per key; `MX_FINDINGS.definitions` feeds the catalog. */
export const MX_FINDINGS = defineFindings({
  dnsError: {
    id: 'mx.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS failure while checking MX records',
    rfc: 'RFC 5321 §5.1',
    remediation: 'Check that the domain’s name servers answer MX, A/AAAA and PTR queries; retry later.',
  },
  domainNotFound: {
    id: 'mx.domain-not-found',
    severity: 'error',
    title: 'Domain does not exist',
    rfc: 'RFC 5321 §5.1',
    remediation: 'Check the domain name, or register and delegate it before sending mail from it.',
  },
  noMx: {
    id: 'mx.no-mx',
    severity: 'warning',
    title: 'No MX record',
    rfc: 'RFC 5321 §5.1',
    remediation:
      'Publish MX records for the hosts that receive mail (replies and bounces), or a null MX ("MX 0 .") if the domain receives none.',
  },
  nullMx: {
    id: 'mx.null-mx',
    severity: 'info',
    title: 'Null MX: the domain accepts no mail',
    rfc: 'RFC 7505 §3',
  },
  nullMxMixed: {
    id: 'mx.null-mx-mixed',
    severity: 'error',
    title: 'Null MX published together with other MX records',
    rfc: 'RFC 7505 §3',
    remediation: 'A null MX must be the only MX record: remove either the null MX or the other MX records.',
  },
  nullMxPreference: {
    id: 'mx.null-mx-preference',
    severity: 'warning',
    title: 'Null MX with a preference other than 0',
    rfc: 'RFC 7505 §3',
    remediation: 'Publish the null MX as "MX 0 ." (preference 0).',
  },
  nullMxSpfAuthorizes: {
    id: 'mx.null-mx-spf-authorizes',
    severity: 'warning',
    title: 'Null MX domain publishes SPF that authorizes hosts',
    rfc: 'RFC 7505 §4.2',
    remediation:
      'A domain that accepts no mail should send none: publish "v=spf1 -all", or remove the null MX if the domain sends mail (receivers may reject mail whose bounces cannot be delivered).',
  },
  noAddress: {
    id: 'mx.no-address',
    severity: 'error',
    title: 'MX target has no A or AAAA record',
    rfc: 'RFC 5321 §5.1',
    remediation:
      'Give the mail exchanger an A and/or AAAA record, or point the MX record at a host that has one.',
  },
  cname: {
    id: 'mx.cname',
    severity: 'warning',
    title: 'MX target is an alias (CNAME)',
    rfc: 'RFC 2181 §10.3',
    remediation: 'Point the MX record at the canonical host name (the CNAME’s target), not at an alias.',
  },
  ipLiteral: {
    id: 'mx.ip-literal',
    severity: 'error',
    title: 'MX target is an IP address',
    rfc: 'RFC 1035 §3.3.9',
    remediation:
      'An MX record names a host, not an address: publish an A/AAAA record for a host name and point the MX at it.',
  },
  nonPublicAddress: {
    id: 'mx.non-public-address',
    severity: 'warning',
    title: 'MX host resolves to a non-public address',
    rfc: 'RFC 6890',
    remediation:
      'Publish the mail exchanger’s public addresses; private, loopback and link-local addresses are unreachable from the Internet.',
  },
  noPtr: {
    id: 'mx.no-ptr',
    severity: 'warning',
    title: 'MX host address has no PTR record',
    rfc: 'RFC 1912 §2.1',
    remediation:
      'Ask the address block’s owner (the hosting or network provider) to publish a PTR record naming the host; bulk-sender rules expect reverse DNS on mail servers.',
  },
  notCheckedOffline: {
    id: 'mx.not-checked-offline',
    severity: 'info',
    title: 'Not checked (offline): names outside the zone files',
    rfc: 'RFC 5321 §5.1',
    remediation:
      'Nothing to fix: offline, only the zone files answer. Load the zones of these names too, or run without --offline to check them.',
  },
  fcrdnsMismatch: {
    id: 'mx.fcrdns-mismatch',
    severity: 'warning',
    title: 'Reverse DNS is not forward-confirmed',
    rfc: 'RFC 8601 §3',
    remediation:
      'Make the PTR name resolve (A/AAAA) back to the same address (forward-confirmed reverse DNS, "iprev").',
  },
});
