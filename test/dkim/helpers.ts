/**
 * Test helpers: keys generated in the test, messages signed with mailauth's dkimSign (the key records are
 * served by the shared test resolvers, test/support/resolvers.ts).
 */

import { createHash, sign as cryptoSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { canonicalizeBody } from '../../src/dkim/canonical-body.js';

export interface TestKey {
  privateKey: string;
  publicKey: KeyObject;
  /** The p= value. */
  p: string;
  type: 'rsa' | 'ed25519';
}

export function rsaKey(bits: number): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey,
    p: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    type: 'rsa',
  };
}

export function ed25519Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey,
    p: der.subarray(der.length - 32).toString('base64'),
    type: 'ed25519',
  };
}

/** The keys the key-policy tests use: RSA keys of 2048, 1024 and 512 bits, and an Ed25519 key. */
export function keySet(): { k2048: TestKey; k1024: TestKey; k512: TestKey; ed: TestKey } {
  return { k2048: rsaKey(2048), k1024: rsaKey(1024), k512: rsaKey(512), ed: ed25519Key() };
}

/** A key record text for a test key. */
export function keyRecord(key: TestKey, extra = ''): string {
  return `v=DKIM1; k=${key.type}; ${extra}p=${key.p}`;
}

export interface SignOptions {
  domain: string;
  selector: string;
  key: TestKey;
  algorithm?: string;
  canonicalization?: string;
  headerList?: string | string[];
  maxBodyLength?: number;
  identity?: string;
  signTime?: Date;
  expires?: Date;
}

/** Signs `message` (CRLF) and returns the signed message. */
export async function sign(message: string, o: SignOptions): Promise<string> {
  const entry: Record<string, unknown> = {
    signingDomain: o.domain,
    selector: o.selector,
    privateKey: o.key.privateKey,
    canonicalization: o.canonicalization ?? 'relaxed/relaxed',
  };
  if (o.algorithm) entry.algorithm = o.algorithm;
  if (o.headerList) entry.headerList = o.headerList;
  if (o.maxBodyLength !== undefined) entry.maxBodyLength = o.maxBodyLength;
  if (o.identity) entry.identity = o.identity;
  const opts: Record<string, unknown> = { signTime: o.signTime ?? new Date(), signatureData: [entry] };
  if (o.expires) opts.expires = o.expires;
  const res = await dkimSign(message, opts as never);
  if (res.errors.length)
    throw new Error(`signing failed: ${res.errors.map((e) => e.err.message).join('; ')}`);
  if (!res.signatures) throw new Error('signing produced no signature');
  return res.signatures + message;
}

/** A small CRLF test message. */
export function message(opts: { from?: string; extraHeaders?: string[]; body?: string } = {}): string {
  const headers = [
    `From: Alice <${opts.from ?? 'alice@mail.example'}>`,
    'To: Bob <bob@example.net>',
    'Subject: Quarterly numbers',
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    'Message-ID: <test-1@mail.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...(opts.extraHeaders ?? []),
  ];
  const body = opts.body ?? 'Hello Bob,\r\n\r\nthe numbers are attached.\r\n\r\nAlice\r\n';
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/**
 * A minimal relaxed/relaxed signer for cases mailauth's signer refuses to produce (no From in h=, or
 * oversigned header names listed more times than they occur). Verified by mailauth like any other signature.
 */
export function handSign(
  msg: string,
  o: { domain: string; selector: string; key: TestKey; h: string[] },
): string {
  const sep = msg.indexOf('\r\n\r\n');
  const head = msg.slice(0, sep + 2);
  const body = msg.slice(sep + 4);
  const fields = head
    .split(/\r\n(?![ \t])/)
    .filter((f) => f !== '')
    .map((f) => ({ name: f.slice(0, f.indexOf(':')).trim().toLowerCase(), line: f }));
  const relaxed = (line: string) => {
    const i = line.indexOf(':');
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line
      .slice(i + 1)
      .replace(/\r\n/g, '')
      .replace(/[ \t]+/g, ' ')
      .trim();
    return `${name}:${value}`;
  };
  const used = new Set<number>();
  let data = '';
  for (const n of o.h) {
    for (let i = fields.length - 1; i >= 0; i--) {
      if (!used.has(i) && fields[i]?.name === n.toLowerCase()) {
        used.add(i);
        data += `${relaxed(fields[i]?.line ?? '')}\r\n`;
        break;
      }
    }
  }
  const bh = createHash('sha256')
    .update(canonicalizeBody(Buffer.from(body, 'latin1'), 'relaxed'))
    .digest('base64');
  const alg = o.key.type === 'ed25519' ? 'ed25519-sha256' : 'rsa-sha256';
  const unsigned = `DKIM-Signature: v=1; a=${alg}; c=relaxed/relaxed; d=${o.domain}; s=${o.selector}; h=${o.h.join(':')}; bh=${bh}; b=`;
  data += relaxed(unsigned);
  const b =
    o.key.type === 'ed25519'
      ? cryptoSign(null, createHash('sha256').update(data, 'latin1').digest(), o.key.privateKey)
      : cryptoSign('sha256', Buffer.from(data, 'latin1'), o.key.privateKey);
  return `${unsigned}${b.toString('base64')}\r\n${msg}`;
}
