/**
 * Parses a DKIM key record (RFC 6376 §3.6.1, RFC 8463 §4) and measures the public key with node:crypto.
 *
 * @module
 */

import { createPublicKey, type KeyObject } from 'node:crypto';
import { parseTagList, splitColonList, stripFws, type TagList } from '../mail/tag-list.js';

/** Key types this verifier can use (RFC 6376 §3.6.1 `k=rsa`, RFC 8463 `k=ed25519`). */
export const KNOWN_KEY_TYPES = ['rsa', 'ed25519'] as const;

/** What node:crypto could read from `p=`. */
export interface PublicKeyInfo {
  /** The key type found in the data (`rsa` or `ed25519`). */
  type: 'rsa' | 'ed25519';
  /** Key size in bits: the RSA modulus length, or 256 for Ed25519. */
  bits: number;
  /** How the key was encoded: SubjectPublicKeyInfo DER, a bare PKCS#1 RSAPublicKey, or a raw 32-byte Ed25519 key. */
  format: 'spki' | 'pkcs1' | 'raw';
}

/** A parsed DKIM key record. */
export interface DkimKeyRecord {
  /** The record text (TXT character-strings joined). */
  text: string;
  /** `v=` as written, when present (must be `DKIM1` and the first tag). */
  version?: string;
  /** `k=` lower-cased, `rsa` when absent (RFC 6376 §3.6.1 default). */
  keyType: string;
  /** True when `k=` was present. */
  keyTypeExplicit: boolean;
  /** `p=` with FWS removed; `''` means the key was revoked. */
  publicKey: string;
  /** True when `p=` is present and empty (RFC 6376 §3.6.1: a revoked key). */
  revoked: boolean;
  /** `h=`: acceptable hash algorithms, lower-cased; absent means all are allowed. */
  hashAlgorithms?: string[];
  /** `s=`: service types, lower-cased (default `*`). */
  serviceTypes: string[];
  /** `t=`: flags, lower-cased (`y` testing, `s` strict AUID domain). */
  flags: string[];
  /** `t=y`: the domain is testing DKIM (RFC 6376 §3.6.1). */
  testing: boolean;
  /** `t=s`: the AUID domain must equal the SDID, not be a subdomain of it. */
  strictIdentity: boolean;
  /** `n=`: notes for humans (untrusted text). */
  notes?: string;
  /** What node:crypto read from `p=`, when it could. */
  key?: PublicKeyInfo;
  /** Problems that make the record unusable (RFC 6376 §6.1.2 step 5: such a record is ignored). */
  errors: string[];
  /** Problems a verifier tolerates but an audit reports. */
  warnings: string[];
  /** The tag-list as parsed. */
  tags: TagList;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Reads a public key from base64 `p=` data as node:crypto sees it, with its KeyObject (one `createPublicKey` per
 * key; its size is read from the KeyObject's `asymmetricKeyDetails`).
 *
 * @param p the base64 data, FWS already removed.
 * @param keyType the record's `k=` (`rsa` or `ed25519`).
 * @returns the key info and KeyObject, or an `error` sentence (malformed base64, not a key, wrong type).
 */
function readPublicKey(
  p: string,
  keyType: string,
): { key?: PublicKeyInfo; keyObject?: KeyObject; error?: string } {
  if (!BASE64.test(p)) return { error: 'p= is not valid base64' };
  const der = Buffer.from(p, 'base64');
  if (keyType === 'ed25519') {
    if (der.length !== 32)
      return { error: `an Ed25519 key must be 32 octets (RFC 8463 §4), found ${der.length}` };
    try {
      const keyObject = createPublicKey({
        key: Buffer.concat([ED25519_SPKI_PREFIX, der]),
        format: 'der',
        type: 'spki',
      });
      return { key: { type: 'ed25519', bits: 256, format: 'raw' }, keyObject };
    } catch (err) {
      return { error: `not an Ed25519 key (${(err as Error).message})` };
    }
  }
  if (keyType !== 'rsa') return { error: `unknown key type k=${keyType}` };
  // a bare RSAPublicKey (PKCS#1) is a SEQUENCE whose first element is an INTEGER; SubjectPublicKeyInfo starts
  // with the AlgorithmIdentifier SEQUENCE: try the likely form first
  const order = looksLikePkcs1(der) ? (['pkcs1', 'spki'] as const) : (['spki', 'pkcs1'] as const);
  for (const type of order) {
    try {
      const keyObject = createPublicKey({ key: der, format: 'der', type });
      if (keyObject.asymmetricKeyType !== 'rsa') {
        return { error: `p= holds a ${keyObject.asymmetricKeyType} key, not an RSA key` };
      }
      return {
        key: { type: 'rsa', bits: keyObject.asymmetricKeyDetails?.modulusLength ?? 0, format: type },
        keyObject,
      };
    } catch {
      // try the next encoding
    }
  }
  return { error: 'p= is not a DER-encoded RSA public key' };
}

/** True when the DER SEQUENCE's first element is an INTEGER (RFC 8017 A.1.1 RSAPublicKey). */
function looksLikePkcs1(der: Buffer): boolean {
  if (der.length < 3 || der[0] !== 0x30) return false;
  const len = der[1] as number;
  const header = len < 0x80 ? 2 : 2 + (len & 0x7f);
  return der[header] === 0x02;
}

/**
 * Parses a DKIM key record (RFC 6376 §3.6.1 with the tag-list grammar of §3.2: only SP, HTAB and folding are
 * white space, so a record with U+00A0 between its tags is not a valid record). Never throws: an unusable
 * record has `errors`.
 *
 * @param text the TXT record with its character-strings joined.
 */
export function parseDkimKeyRecord(text: string): DkimKeyRecord {
  return readDkimKeyRecord(text).record;
}

/** A parsed key record and, when `p=` holds a usable key, its node:crypto KeyObject. */
export interface ReadKeyRecord {
  record: DkimKeyRecord;
  /** The key, parsed once (absent for a revoked, malformed or mistyped key). */
  publicKey?: KeyObject;
}

/** {@link parseDkimKeyRecord}, also returning the KeyObject the verifier uses. */
export function readDkimKeyRecord(text: string): ReadKeyRecord {
  const tags = parseTagList(text);
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const e of tags.errors) errors.push(`tag-list syntax: ${e}`);
  for (const d of tags.duplicates) errors.push(`duplicate tag ${d}=`);
  const get = (n: string) => tags.map.get(n);

  const rec: DkimKeyRecord = {
    text,
    keyType: 'rsa',
    keyTypeExplicit: false,
    publicKey: '',
    revoked: false,
    serviceTypes: ['*'],
    flags: [],
    testing: false,
    strictIdentity: false,
    errors,
    warnings,
    tags,
  };
  let publicKey: KeyObject | undefined;

  const v = get('v');
  if (v !== undefined) {
    rec.version = v;
    if (v !== 'DKIM1') errors.push(`v=${v} is not DKIM1`);
    else if (tags.tags[0]?.name !== 'v') warnings.push('v= is not the first tag (RFC 6376 §3.6.1)');
  }
  const k = get('k');
  if (k !== undefined) {
    rec.keyType = k.toLowerCase();
    rec.keyTypeExplicit = true;
    if (!(KNOWN_KEY_TYPES as readonly string[]).includes(rec.keyType)) errors.push(`unknown key type k=${k}`);
  }
  const h = get('h');
  if (h !== undefined) rec.hashAlgorithms = splitColonList(h).map((x) => x.toLowerCase());
  const s = get('s');
  if (s !== undefined) {
    rec.serviceTypes = splitColonList(s).map((x) => x.toLowerCase());
    if (!rec.serviceTypes.includes('*') && !rec.serviceTypes.includes('email')) {
      errors.push(`s=${s} does not include email or *`);
    }
  }
  const t = get('t');
  if (t !== undefined) {
    rec.flags = splitColonList(t).map((x) => x.toLowerCase());
    rec.testing = rec.flags.includes('y');
    rec.strictIdentity = rec.flags.includes('s');
  }
  const n = get('n');
  if (n !== undefined) rec.notes = n;

  const p = get('p');
  if (p === undefined) {
    errors.push('missing required tag p=');
  } else {
    rec.publicKey = stripFws(p);
    if (rec.publicKey === '') {
      rec.revoked = true;
    } else if ((KNOWN_KEY_TYPES as readonly string[]).includes(rec.keyType)) {
      const read = readPublicKey(rec.publicKey, rec.keyType);
      if (read.key) rec.key = read.key;
      if (read.keyObject) publicKey = read.keyObject;
      if (read.error) errors.push(read.error);
    }
  }
  return publicKey ? { record: rec, publicKey } : { record: rec };
}
