/**
 * Message-level findings: the envelope, DMARC and ARC conclusions, and bulk-sender readiness (the Gmail and
 * Yahoo sender requirements in force since February 2024). Readiness items are findings, never verdicts.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** The message-level findings catalog (envelope, From, bulk-sender readiness, DMARC verdict); see docs/findings.md. */
export const MESSAGE_FINDINGS = defineFindings({
  envelopeFromReceived: {
    id: 'message.envelope-from-received',
    severity: 'info',
    title: 'Envelope taken from the trace header fields',
    rfc: 'RFC 5321 §4.4',
    remediation:
      'Only trust this for messages your own server received: the newest Received field is yours, older ones can be forged.',
  },
  envelopeNoPublicHop: {
    id: 'message.envelope-no-public-hop',
    severity: 'warning',
    title: 'No Received field with a public client address',
    rfc: 'RFC 5321 §4.4, RFC 1918, RFC 4193',
    remediation:
      'Give the SMTP client IP with --ip (the address that connected to your border MX); SPF for an internal relay address fails or passes by accident.',
  },
  noEnvelope: {
    id: 'message.no-envelope',
    severity: 'info',
    title: 'Envelope incomplete: SPF was not checked',
    rfc: 'RFC 7208 §2.4',
    remediation: 'Pass the client IP, HELO and MAIL FROM (or trust the Received fields) to check SPF.',
  },
  dmarcFail: {
    id: 'message.dmarc-fail',
    severity: 'error',
    title: 'The message fails DMARC',
    rfc: 'RFC 9989 §5.3',
    remediation:
      'Sign with a DKIM d= in the From domain, or send with a MAIL FROM in the From domain that passes SPF.',
  },
  dmarcArcOverride: {
    id: 'message.dmarc-arc-override',
    severity: 'info',
    title: 'DMARC fails, but a trusted ARC sealer vouches for the message',
    rfc: 'RFC 8617 §7.2, RFC 7489 §7.2',
    remediation:
      'A receiver that trusts this intermediary may deliver the message (local policy override "trusted_forwarder").',
  },
  dnsTrouble: {
    id: 'message.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'DNS trouble prevented part of the verdict',
    rfc: 'RFC 8601 §2.7.1',
    remediation: 'A temporary error: verify again later.',
  },
  multipleFrom: {
    id: 'message.multiple-from',
    severity: 'error',
    title: 'More than one From header field',
    rfc: 'RFC 5322 §3.6, RFC 9989 §5.3.1',
    remediation: 'A message must have exactly one From field; DMARC cannot be applied otherwise.',
  },
  noFrom: {
    id: 'message.no-from',
    severity: 'error',
    title: 'No From header field',
    rfc: 'RFC 5322 §3.6, RFC 9989 §5.3.1',
    remediation: 'Add a From field with the author mailbox; without one DMARC cannot be applied (permerror).',
  },
  noAuthorDomain: {
    id: 'message.no-author-domain',
    severity: 'error',
    title: 'The From field gives no single Author Domain',
    rfc: 'RFC 5322 §3.6.2, RFC 9989 §5.3.1',
    remediation:
      'Write the From field as one well-formed mailbox (e.g. "Shop Team <news@shop.test>"). A malformed From has no reliable Author Domain, so DMARC cannot be applied (permerror), and mail readers may show an address DMARC never checked; receivers commonly reject such messages.',
  },
  fromGroup: {
    id: 'message.from-group',
    severity: 'warning',
    title: 'From uses group syntax',
    rfc: 'RFC 6854 §2.1',
    remediation:
      'Write the From field as a mailbox-list (e.g. "Shop Team <news@shop.test>"); RFC 6854 allows group syntax ("name: addresses;") in From only for limited use, and many receivers reject such messages.',
  },
  fromDisplayAddress: {
    id: 'message.from-display-address',
    severity: 'warning',
    title: "From display name shows another domain's address",
    rfc: 'RFC 9989 §11.4',
    remediation:
      'The reader sees an address DMARC did not check: treat the message as a possible impersonation. Senders: put a name in the display name, not an email address (or only the From address itself).',
  },
  bulkSpf: {
    id: 'message.bulk-spf',
    severity: 'warning',
    title: 'Bulk senders: SPF does not pass',
    rfc: 'Gmail/Yahoo sender requirements 2024',
    remediation: 'Publish SPF for the MAIL FROM domain that authorizes your sending IPs.',
  },
  bulkDkim: {
    id: 'message.bulk-dkim',
    severity: 'warning',
    title: 'Bulk senders: no passing DKIM signature',
    rfc: 'Gmail/Yahoo sender requirements 2024',
    remediation: 'Sign every message with DKIM (2048-bit RSA or Ed25519 plus RSA).',
  },
  bulkDmarc: {
    id: 'message.bulk-dmarc',
    severity: 'warning',
    title: 'Bulk senders: no DMARC policy, or DMARC not aligned',
    rfc: 'Gmail/Yahoo sender requirements 2024, RFC 9989',
    remediation: 'Publish a DMARC record (p=none at least) and make SPF or DKIM align with the From domain.',
  },
  bulkListUnsubscribe: {
    id: 'message.bulk-list-unsubscribe',
    severity: 'warning',
    title: 'Bulk senders: no List-Unsubscribe with an https URI',
    rfc: 'RFC 2369 §3.2, RFC 8058 §3.1',
    remediation: 'Add List-Unsubscribe: <https://...> (a mailto: URI alone is not one-click).',
  },
  bulkOneClick: {
    id: 'message.bulk-one-click',
    severity: 'warning',
    title: 'Bulk senders: no List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    rfc: 'RFC 8058 §3.1',
    remediation: 'Add List-Unsubscribe-Post: List-Unsubscribe=One-Click and accept POSTs at the https URI.',
  },
  bulkUnsubscribeNotSigned: {
    id: 'message.bulk-unsubscribe-not-signed',
    severity: 'warning',
    title: 'Bulk senders: List-Unsubscribe headers not covered by a passing DKIM signature',
    rfc: 'RFC 8058 §4',
    remediation: 'Include List-Unsubscribe and List-Unsubscribe-Post in the DKIM h= list.',
  },
});
