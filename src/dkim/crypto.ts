/**
 * The signature check of RFC 6376 §3.7 / §6.1.3 step 4 on canonical header data: the data to sign built from
 * the selected header fields (§5.4.2) and the signature field with its `b=` value emptied, and the signature
 * verified with node:crypto against a KeyObject (RSASSA-PKCS1-v1_5 for `rsa-*`, RFC 8017; Ed25519 over the
 * SHA-256 of the data for `ed25519-sha256`, RFC 8463 §3).
 *
 * @module
 */

import { createHash, type KeyObject, verify } from 'node:crypto';
import type { HeaderField, MessageHeaderSection } from '../mail/message.js';
import { type Canonicalization, relaxedHeader, stripSignatureValue } from './canonicalize.js';

/** Remembers the relaxed form of each header field of a message (a field may be signed by several signatures). */
export class HeaderCanonicalForms {
  private readonly relaxed = new Map<HeaderField, string>();

  /** The field in `canon` form, without its final CRLF. */
  of(field: HeaderField, canon: Canonicalization): string {
    if (canon === 'simple') return field.raw;
    let r = this.relaxed.get(field);
    if (r === undefined) {
      r = relaxedHeader(field.raw);
      this.relaxed.set(field, r);
    }
    return r;
  }
}

/**
 * The data a signature signs (RFC 6376 §3.7): each header field `h=` selects (§5.4.2), canonicalized and ending
 * with CRLF, then the signature field itself with its `b=` value emptied, canonicalized, without a final CRLF.
 *
 * @param header the message's header section.
 * @param signedHeaders the `h=` names, in order.
 * @param signatureField the signature header field being verified.
 * @param canon the header canonicalization.
 * @param forms a cache of canonical forms shared by the message's signatures.
 * @returns the data as latin1 text (one code unit per octet).
 */
export function signedHeaderData(
  header: MessageHeaderSection,
  signedHeaders: readonly string[],
  signatureField: HeaderField,
  canon: Canonicalization,
  forms: HeaderCanonicalForms = new HeaderCanonicalForms(),
): string {
  let data = '';
  for (const f of header.select(signedHeaders)) data += `${forms.of(f, canon)}\r\n`;
  const stripped = stripSignatureValue(signatureField.raw);
  data += canon === 'relaxed' ? relaxedHeader(stripped) : stripped;
  return data;
}

/** The outcome of {@link verifySignedData}. */
export type SignatureCheck = { ok: true } | { ok: false; error?: string };

/**
 * Verifies a signature over header data.
 *
 * @param keyAlgorithm `rsa` or `ed25519` (the `a=` key part; the key must be of that type).
 * @param hashAlgorithm `sha256` or `sha1` (the `a=` hash part).
 * @param publicKey the signer's key.
 * @param data the signed data, latin1 text ({@link signedHeaderData}).
 * @param signature the decoded `b=` value.
 * @returns ok, or not ok (with `error` when node:crypto refused the inputs, e.g. a malformed signature length).
 */
export function verifySignedData(
  keyAlgorithm: string,
  hashAlgorithm: string,
  publicKey: KeyObject,
  data: string,
  signature: Buffer,
): SignatureCheck {
  try {
    const ok =
      keyAlgorithm === 'ed25519'
        ? verify(null, createHash('sha256').update(data, 'latin1').digest(), publicKey, signature)
        : verify(hashAlgorithm, Buffer.from(data, 'latin1'), publicKey, signature);
    return ok ? { ok: true } : { ok: false };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
