/**
 * Which signatures the `maxSignatures` limit leaves evaluated (RFC 6376 §6.1 leaves the order to the verifier and
 * names this one): those whose d= is the From domain, a parent or a subdomain of it first, then the others, each
 * in message order. Found by a new-user trial: ten junk signatures added on top of a message pushed its author's
 * signature past the limit.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NOT_EVALUATED_REASON, verifyDkimMessage } from '../../src/dkim/verify.js';
import { txtZones } from '../support/resolvers.js';
import { ed25519Key, keyRecord, message, sign, type TestKey } from './helpers.js';

const junk = (d: string) =>
  `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${d}; s=s; h=from; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\n`;

let key: TestKey;
beforeAll(() => {
  key = ed25519Key();
});

describe('the signature limit chooses the From domain signatures first', () => {
  it('evaluates the author signature under 12 junk ones, and says how it chose', async () => {
    const signed = await sign(message({ from: 'alice@news.shop.test' }), {
      domain: 'shop.test',
      selector: 's1',
      key,
    });
    const raw = Array.from({ length: 12 }, (_, i) => junk(`junk${i}.example`)).join('') + signed;
    const resolver = txtZones({ 'shop.test': { 's1._domainkey': keyRecord(key) } });
    const v = await verifyDkimMessage(raw, { resolver, maxSignatures: 10 });
    // message order is kept in the results: the author's signature is the 13th
    expect(v.signatures.map((s) => s.d)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `junk${i}.example`),
      'shop.test',
    ]);
    expect(v.signatures[12]?.result).toBe('pass');
    // nine junk signatures were evaluated with it (the first nine), three were not
    expect(
      v.signatures.filter((s) => s.result === 'policy' && s.reason === NOT_EVALUATED_REASON).map((s) => s.d),
    ).toEqual(['junk9.example', 'junk10.example', 'junk11.example']);
    expect(v.findings.find((f) => f.id === 'dkim.signatures-not-evaluated')?.message).toBe(
      'The message has 13 DKIM-Signature header fields; 10 were evaluated, those whose d= is the From domain, a parent or a subdomain of it first, and the other 3 were not (result policy).',
    );
  });

  it('keeps message order when no signature is by the From domain', async () => {
    const raw = `${Array.from({ length: 12 }, (_, i) => junk(`junk${i}.example`)).join('')}${message({ from: 'a@other.test' })}`;
    const v = await verifyDkimMessage(raw, { resolver: txtZones({}), maxSignatures: 10 });
    expect(v.signatures.slice(10).map((s) => s.reason)).toEqual([NOT_EVALUATED_REASON, NOT_EVALUATED_REASON]);
    expect(v.findings.find((f) => f.id === 'dkim.signatures-not-evaluated')?.message).toBe(
      'The message has 12 DKIM-Signature header fields; the first 10 were evaluated and the other 2 were not (result policy).',
    );
  });
});
