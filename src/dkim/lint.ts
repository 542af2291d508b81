/**
 * Judges one DKIM key record (RFC 6376 §3.6.1, RFC 8301 §3.2, RFC 8463): revoked, unusable, an unknown key type,
 * an RSA key under 1024 or 2048 bits, testing mode, hash algorithms, and the tolerated syntax problems.
 * Pure: the record in, findings out; `audit.ts` fetches the records and composes.
 *
 * @module
 */

import type { Evidence, Finding } from '../findings/finding.js';
import { DKIM_FINDINGS as F } from './findings.js';
import type { DkimKeyRecord } from './record.js';

/** One key record as published, parsed. */
export interface DkimKeyRecordView {
  /** The record text (character-strings joined). */
  text: string;
  /** The character-strings as published (a long RSA key is split into several). */
  strings: string[];
  /** `v=` when present. */
  v?: string;
  /** `k=` (default `rsa`). */
  k: string;
  /** `p=` (base64, FWS removed); `''` when revoked. */
  p: string;
  /** `h=` acceptable hashes, when present. */
  h?: string[];
  /** `s=` service types. */
  s: string[];
  /** `t=` flags. */
  t: string[];
  /** `n=` notes (untrusted text). */
  n?: string;
  /** Key type read from the key data. */
  keyType?: 'rsa' | 'ed25519';
  /** Key size in bits (RSA modulus from the key itself, via node:crypto; 256 for Ed25519). */
  bits?: number;
  /** True when `p=` is empty. */
  revoked: boolean;
  /** Problems that make the record unusable. */
  errors: string[];
  /** Problems a verifier tolerates. */
  warnings: string[];
  /** Zone file and line, when the record came from a zone file. */
  source?: { file: string; line: number };
}

/** The key record `rec`, published as `strings` (and read from `source` in a zone file), as reports show it. */
export function keyRecordView(
  strings: string[],
  rec: DkimKeyRecord,
  source?: { file: string; line: number },
): DkimKeyRecordView {
  const v: DkimKeyRecordView = {
    text: rec.text,
    strings,
    k: rec.keyType,
    p: rec.publicKey,
    s: rec.serviceTypes,
    t: rec.flags,
    revoked: rec.revoked,
    errors: rec.errors,
    warnings: rec.warnings,
  };
  if (rec.version !== undefined) v.v = rec.version;
  if (rec.hashAlgorithms) v.h = rec.hashAlgorithms;
  if (rec.notes !== undefined) v.n = rec.notes;
  if (rec.key) {
    v.keyType = rec.key.type;
    v.bits = rec.key.bits;
  }
  if (source) v.source = source;
  return v;
}

/** Findings for one parsed key record. */
export function keyRecordFindings(name: string, r: DkimKeyRecordView): Finding[] {
  const out: Finding[] = [];
  const ev: Evidence = { name, record: r.text };
  if (r.source) ev.source = r.source;
  if (r.revoked) {
    out.push(F.selectorRevoked(`The key at ${name} is revoked (empty p=).`, ev));
    return out;
  }
  const unknownType = r.errors.find((e) => e.startsWith('unknown key type'));
  if (unknownType)
    out.push(F.keyUnknownType(`The key record at ${name} has an ${unknownType}.`, { ...ev, term: 'k=' }));
  const other = r.errors.filter((e) => e !== unknownType);
  if (other.length)
    out.push(F.keyMalformed(`The key record at ${name} is unusable: ${other.join('; ')}.`, ev));
  if (r.keyType === 'rsa' && r.bits !== undefined) {
    if (r.bits < 1024) {
      out.push(
        F.rsaKeyTooShort(
          `The RSA key at ${name} has ${r.bits} bits; verifiers reject keys under 1024 bits.`,
          { ...ev, details: { bits: r.bits } },
        ),
      );
    } else if (r.bits < 2048) {
      out.push(
        F.rsaKeyBelow2048(`The RSA key at ${name} has ${r.bits} bits; 2048 are recommended.`, {
          ...ev,
          details: { bits: r.bits },
        }),
      );
    }
  }
  if (r.t.includes('y'))
    out.push(F.keyTesting(`The key at ${name} has t=y (testing mode).`, { ...ev, term: 't=y' }));
  if (r.h && r.h.length > 0) {
    const unknown = r.h.filter((x) => x !== 'sha1' && x !== 'sha256');
    if (!r.h.includes('sha256')) {
      out.push(
        F.keySha1Only(
          `The key at ${name} allows no sha256 (h=${r.h.join(':')}): verifiers accept only rsa-sha256 and ed25519-sha256 (RFC 8301 §3.1), so no signature can use this key.`,
          { ...ev, term: 'h=' },
        ),
      );
    } else if (unknown.length > 0) {
      out.push(
        F.keyUnknownHash(`The key at ${name} lists unknown hash algorithms in h=: ${unknown.join(', ')}.`, {
          ...ev,
          term: 'h=',
        }),
      );
    }
  }
  for (const w of r.warnings) out.push(F.keyRecordLint(`The key record at ${name}: ${w}.`, ev));
  return out;
}
