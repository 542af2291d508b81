/**
 * The DKIM findings: observations on signatures (src/dkim/verify.ts) and on published key records
 * (src/dkim/lint.ts). A revoked key is two findings: `dkim.key-revoked` (a signature's key, error: the signature
 * fails) and `dkim.selector-revoked` (a selector of the domain audit, warning: fine when retired on purpose).
 * Severities are those of the default verifier policy; a verifier policy rule configured otherwise (see
 * src/dkim/policy.ts) re-grades its finding through `withPolicySeverity`.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** The DKIM findings catalog (RFC 6376, RFC 8301, RFC 8463): signature and key-record observations; see docs/findings.md. */
export const DKIM_FINDINGS = defineFindings({
  // --- signatures on a message ---
  signatureInvalid: {
    id: 'dkim.signature-invalid',
    severity: 'error',
    title: 'DKIM-Signature is malformed',
    rfc: 'RFC 6376 §3.5, §6.1.1',
    remediation: 'Fix the signer: every required tag (v, a, b, bh, d, h, s) once, with valid values.',
  },
  bodyHashMismatch: {
    id: 'dkim.body-hash-mismatch',
    severity: 'error',
    title: 'Body hash does not match',
    rfc: 'RFC 6376 §6.1.3',
    remediation:
      'The body changed after signing (a footer, a re-encoding, line-ending changes) or the signer hashed a different body.',
  },
  signatureMismatch: {
    id: 'dkim.signature-mismatch',
    severity: 'error',
    title: 'Signature does not verify',
    rfc: 'RFC 6376 §6.1.3',
    remediation:
      'A signed header field changed in transit, or the published key does not match the signing key.',
  },
  rsaSha1: {
    id: 'dkim.rsa-sha1',
    severity: 'error',
    title: 'rsa-sha1 signature',
    rfc: 'RFC 8301 §3.1',
    remediation: 'Sign with rsa-sha256 (or ed25519-sha256 alongside it).',
  },
  rsaKeyTooShort: {
    id: 'dkim.rsa-key-too-short',
    severity: 'error',
    title: 'RSA key shorter than 1024 bits',
    rfc: 'RFC 8301 §3.2',
    remediation: 'Publish a 2048-bit RSA key under a new selector and sign with it.',
  },
  rsaKeyBelow2048: {
    id: 'dkim.rsa-key-below-2048',
    severity: 'warning',
    title: 'RSA key shorter than 2048 bits',
    rfc: 'RFC 8301 §3.2',
    remediation: 'Signers SHOULD use RSA keys of at least 2048 bits: rotate to a 2048-bit key.',
  },
  fromNotSigned: {
    id: 'dkim.from-not-signed',
    severity: 'error',
    title: 'From header field not signed',
    rfc: 'RFC 6376 §5.4',
    remediation: 'Include From in h= (and list it once more than it occurs, to oversign it).',
  },
  signatureExpired: {
    id: 'dkim.signature-expired',
    severity: 'error',
    title: 'Signature expired (x=)',
    rfc: 'RFC 6376 §3.5',
    remediation: 'Messages must be verified before x=; signers should allow enough time for delivery.',
  },
  timestampFuture: {
    id: 'dkim.timestamp-future',
    severity: 'error',
    title: 'Signature timestamp (t=) in the future',
    rfc: 'RFC 6376 §3.5',
    remediation: "Fix the signing host's clock.",
  },
  bodyLengthLimit: {
    id: 'dkim.body-length-limit',
    severity: 'warning',
    title: 'Signature covers only part of the body (l=)',
    rfc: 'RFC 6376 §8.2',
    remediation: 'Do not use l=: content can be appended to the message without breaking the signature.',
  },
  unsignedContent: {
    id: 'dkim.unsigned-content',
    severity: 'warning',
    title: 'Content after the l= limit is not signed',
    rfc: 'RFC 6376 §8.2',
    remediation: 'Treat the unsigned part as unauthenticated; it may have been appended by anyone.',
  },
  notOversigned: {
    id: 'dkim.not-oversigned',
    severity: 'warning',
    title: 'Header fields can be added without breaking the signature',
    rfc: 'RFC 6376 §8.15',
    remediation:
      'List each of these names in h= once more than it occurs in the message ("oversigning") so added instances break the signature.',
  },
  keyTesting: {
    id: 'dkim.key-testing',
    severity: 'warning',
    title: 'Key record in testing mode (t=y)',
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Remove t=y once DKIM works: receivers treat testing signatures like unsigned mail.',
  },
  keyStrictIdentity: {
    id: 'dkim.key-strict-identity',
    severity: 'error',
    title: 'i= is a subdomain of d= but the key has t=s',
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Sign with i= in the d= domain itself, or remove t=s from the key record.',
  },
  keyHashExcluded: {
    id: 'dkim.key-hash-excluded',
    severity: 'error',
    title: "The key record's h= excludes the signature's hash",
    rfc: 'RFC 6376 §3.6.1, §6.1.2',
    remediation: 'Sign with a hash the key allows (sha256), or fix h= in the key record.',
  },
  keyServiceExcluded: {
    id: 'dkim.key-service-excluded',
    severity: 'error',
    title: "The key record's s= excludes email",
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Use s=email or s=* (or omit s=).',
  },
  keyTypeMismatch: {
    id: 'dkim.key-type-mismatch',
    severity: 'error',
    title: "The key type does not match the signature's algorithm",
    rfc: 'RFC 6376 §6.1.2',
    remediation: 'Publish the key of the type the signer uses (k=rsa or k=ed25519) under its selector.',
  },
  keyMissing: {
    id: 'dkim.key-missing',
    severity: 'error',
    title: 'No key record at the selector',
    rfc: 'RFC 6376 §6.1.2',
    remediation:
      'Publish the public key at <selector>._domainkey.<domain>, or fix the selector the signer uses.',
  },
  keyRevoked: {
    id: 'dkim.key-revoked',
    severity: 'error',
    title: "The signature's key is revoked (empty p=)",
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Sign with a current key; a revoked selector must no longer be used.',
  },
  keyInvalid: {
    id: 'dkim.key-invalid',
    severity: 'error',
    title: 'Key record unusable',
    rfc: 'RFC 6376 §3.6.1, §6.1.2',
    remediation: 'Republish the key record: v=DKIM1; k=rsa|ed25519; p=<base64 key>.',
  },
  dnsError: {
    id: 'dkim.dns-error',
    severity: 'error',
    dnsTrouble: true,
    title: 'A DKIM key could not be fetched (DNS error)',
    rfc: 'RFC 6376 §6.1.2',
    remediation:
      'A temporary DNS failure (timeout, SERVFAIL): retry later, or check the DNS servers of the signing domain.',
  },
  multipleKeyRecords: {
    id: 'dkim.multiple-key-records',
    severity: 'warning',
    title: 'Several TXT records at one selector',
    rfc: 'RFC 6376 §3.6.2.2',
    remediation: 'Keep exactly one TXT record per selector; results are undefined otherwise.',
  },
  lfLineEndings: {
    id: 'dkim.lf-line-endings',
    severity: 'info',
    title: 'Message uses LF line endings',
    rfc: 'RFC 5322 §2.1, RFC 6376 §3.4',
    remediation:
      'The message was converted to CRLF before verifying (as it was on the wire). Save messages with CRLF to verify byte-exactly.',
  },
  noHeaderSeparator: {
    id: 'dkim.no-header-separator',
    severity: 'warning',
    title: 'No empty line between header and body',
    rfc: 'RFC 5322 §2.1',
    remediation: 'The whole message was read as header fields with an empty body.',
  },
  signaturesNotEvaluated: {
    id: 'dkim.signatures-not-evaluated',
    severity: 'warning',
    title: 'DKIM signatures beyond the verifier limit were not evaluated',
    rfc: 'RFC 6376 §6.1, §8.4',
    remediation:
      'The message carries more DKIM-Signature fields than the verifier evaluates (each costs a DNS query and a signature check); the ones after the limit get the result policy. Sign once or twice per message; raise maxDkimSignatures only for mail you expect to carry more.',
  },
  noSignature: {
    id: 'dkim.no-signature',
    severity: 'info',
    title: 'Message has no DKIM signature',
    rfc: 'RFC 6376 §6.1',
    remediation: 'Sign outgoing mail with DKIM at the sending domain.',
  },

  // --- keys published at a domain ---
  noKey: {
    id: 'dkim.no-key',
    severity: 'error',
    title: 'No DKIM key at the selector',
    rfc: 'RFC 6376 §3.6.2.1',
    remediation: 'Publish the key at <selector>._domainkey.<domain>, or remove the selector from the list.',
  },
  selectorRevoked: {
    id: 'dkim.selector-revoked',
    severity: 'warning',
    title: 'Selector publishes a revoked key (empty p=)',
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Fine if the selector was retired on purpose; make sure no signer still uses it.',
  },
  keySha1Only: {
    id: 'dkim.key-sha1-only',
    severity: 'error',
    title: 'Key allows no sha256 (h= lists only sha1 or unknown hashes)',
    rfc: 'RFC 8301 §3.1, RFC 6376 §3.6.1',
    remediation:
      'Use h=sha256 or remove h=: verifiers reject rsa-sha1 signatures, so this key cannot verify any acceptable one.',
  },
  keyUnknownHash: {
    id: 'dkim.key-unknown-hash',
    severity: 'warning',
    title: 'Key record lists a hash algorithm verifiers do not know',
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'List only sha256 in h= (or remove h=); unknown names are ignored by verifiers.',
  },
  keyRecordLint: {
    id: 'dkim.key-record-lint',
    severity: 'warning',
    title: 'Key record does not follow the RFC 6376 syntax rules',
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Write the record as v=DKIM1; k=rsa|ed25519; p=<base64 key>, with v= first.',
  },
  keyUnknownType: {
    id: 'dkim.key-unknown-type',
    severity: 'error',
    title: 'Unknown key type (k=)',
    rfc: 'RFC 6376 §3.6.1, RFC 8463',
    remediation: 'Use k=rsa or k=ed25519.',
  },
  keyMalformed: {
    id: 'dkim.key-malformed',
    severity: 'error',
    title: 'Malformed key record or key data',
    rfc: 'RFC 6376 §3.6.1',
    remediation: 'Republish the record: v=DKIM1; k=rsa; p=<base64 of the DER SubjectPublicKeyInfo>.',
  },
  keyViaCname: {
    id: 'dkim.key-cname',
    severity: 'info',
    title: 'Selector is a CNAME to another name (often an email provider)',
    rfc: 'RFC 6376 §3.6.2.1',
    remediation: 'Fine when the provider rotates the key for you; make sure the CNAME target exists.',
  },
  noDomainKeyTree: {
    id: 'dkim.no-domainkey-tree',
    severity: 'warning',
    title: '_domainkey does not exist (NXDOMAIN): no DKIM keys under it',
    rfc: 'RFC 8020 §2, RFC 6376 §3.6.2.1',
    remediation: 'Sign mail with DKIM and publish the key at <selector>._domainkey.<domain>.',
  },
  noSelectorFound: {
    id: 'dkim.no-selector-found',
    severity: 'info',
    title: 'None of the probed common selectors has a key',
    rfc: 'RFC 6376 §3.1',
    remediation:
      'Selectors cannot be listed through DNS: pass the selectors you use (from a DKIM-Signature s= of your mail).',
  },
});
