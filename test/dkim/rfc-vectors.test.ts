import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyDkim } from '../../src/dkim/verify.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { failing, txtZone } from '../support/resolvers.js';

const CONF = '/work/shared/conformance/dkim';
const rfc8463 = readFileSync(`${CONF}/rfc8463-message.eml`);
const footballZone = readFileSync(
  new URL('../../samples/zones/football.example.com.zone', import.meta.url),
  'utf8',
);
const football = zoneResolverFromText(footballZone, 'football.example.com');

// RFC 6376 Appendix C key, served at brisbane._domainkey.example.com (see the conformance README).
const rfc6376Dns = JSON.parse(readFileSync(`${CONF}/rfc6376-dns.json`, 'utf8')) as {
  name: string;
  value: string;
}[];
const exampleCom = txtZone(
  'example.com',
  Object.fromEntries(rfc6376Dns.map((r) => [r.name.replace(/\.example\.com$/, ''), r.value])),
);

describe('RFC 8463 Appendix A', () => {
  it('verifies both signatures (ed25519-sha256 and rsa-sha256) with keys from the zone file', async () => {
    const sigs = await verifyDkim(rfc8463, { resolver: football });
    expect(sigs.map((s) => [s.result, s.a, s.s, s.d])).toEqual([
      ['pass', 'ed25519-sha256', 'brisbane', 'football.example.com'],
      ['pass', 'rsa-sha256', 'test', 'football.example.com'],
    ]);
    expect(sigs[0]?.i).toBe('@football.example.com');
    expect(sigs[0]?.signedAt).toBe('2018-06-10T13:38:29.000Z');
    expect(sigs[0]?.key?.keyType).toBe('ed25519');
    expect(sigs[1]?.key?.bits).toBe(1024);
    expect(sigs[1]?.key?.record).toMatch(/^v=DKIM1; k=rsa; p=MIGfMA0G.*QIDAQAB$/);
    expect(sigs[0]?.bodyHash).toEqual({
      expected: '2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=',
      computed: '2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=',
    });
    // the 1024-bit RSA key passes but is reported (RFC 8301 §3.2 recommends 2048)
    expect(sigs[1]?.rules).toContainEqual({ rule: 'rsa-key-below-2048', outcome: 'warn' });
    // From, Subject and Date are oversigned; To and Message-ID are not
    expect(sigs[0]?.notOversigned).toContain('to');
    expect(sigs[0]?.notOversigned).not.toContain('from');
    expect(sigs[0]?.notOversigned).not.toContain('subject');
  });

  it('fails both signatures when the body changes', async () => {
    const changed = Buffer.from(rfc8463.toString('latin1').replace('Joe.', 'Joe!'), 'latin1');
    const sigs = await verifyDkim(changed, { resolver: football });
    expect(sigs.map((s) => [s.result, s.reason])).toEqual([
      ['fail', 'body hash did not verify'],
      ['fail', 'body hash did not verify'],
    ]);
  });

  it('fails the signature when a signed header changes', async () => {
    const changed = Buffer.from(
      rfc8463.toString('latin1').replace('Is dinner ready?', 'Is lunch ready?'),
      'latin1',
    );
    const sigs = await verifyDkim(changed, { resolver: football });
    expect(sigs.map((s) => s.result)).toEqual(['fail', 'fail']);
    expect(sigs[0]?.reason).toBe('signature did not verify');
  });

  it('gives temperror on a DNS timeout, never "no key" or permerror', async () => {
    const resolver = failing(football, (n) => (n.startsWith('test._domainkey') ? 'TIMEOUT' : undefined));
    const sigs = await verifyDkim(rfc8463, { resolver });
    expect(sigs[0]?.result).toBe('pass');
    expect(sigs[1]?.result).toBe('temperror');
    expect(sigs[1]?.reason).toMatch(/TIMEOUT/);
    expect(sigs[1]?.reason).not.toMatch(/no key/);
    expect(sigs[1]?.findings.map((f) => f.id)).toContain('dkim.dns-error');
  });

  it('gives temperror on SERVFAIL too', async () => {
    const resolver = failing(football, (n) => (n.includes('_domainkey') ? 'SERVFAIL' : undefined));
    const sigs = await verifyDkim(rfc8463, { resolver });
    expect(sigs.map((s) => s.result)).toEqual(['temperror', 'temperror']);
  });

  it('gives permerror (not neutral) when the key is missing', async () => {
    const resolver = txtZone('football.example.com', {});
    const sigs = await verifyDkim(rfc8463, { resolver });
    expect(sigs.map((s) => s.result)).toEqual(['permerror', 'permerror']);
    expect(sigs[0]?.reason).toMatch(/^no key for signature \(NXDOMAIN/);
    expect(sigs[0]?.key?.dnsError).toBe('NXDOMAIN');
  });

  it('accepts the message with LF line endings and reports them', async () => {
    const lf = Buffer.from(rfc8463.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const { verifyDkimMessage } = await import('../../src/dkim/verify.js');
    const v = await verifyDkimMessage(lf, { resolver: football });
    expect(v.signatures.map((s) => s.result)).toEqual(['pass', 'pass']);
    expect(v.shape.lineEndings).toBe('lf');
    expect(v.findings.map((f) => f.id)).toContain('dkim.lf-line-endings');
  });
});

describe('RFC 6376 / RFC 4871 Appendix A.2', () => {
  it('verifies the RFC 4871 A.2 form (rsa-sha256, simple/simple)', async () => {
    const msg = readFileSync(`${CONF}/rfc4871-A2-message.eml`);
    const sigs = await verifyDkim(msg, { resolver: exampleCom });
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({
      result: 'pass',
      a: 'rsa-sha256',
      c: 'simple/simple',
      d: 'example.com',
      s: 'brisbane',
      i: 'joe@football.example.com',
    });
    expect(sigs[0]?.signedHeaders).toEqual(['Received', 'From', 'To', 'Subject', 'Date', 'Message-ID']);
  });

  it('fails the as-printed RFC 6376 copy with a body hash mismatch', async () => {
    const msg = readFileSync(`${CONF}/rfc6376-A2-as-printed.eml`);
    const sigs = await verifyDkim(msg, { resolver: exampleCom });
    expect(sigs).toHaveLength(1);
    expect(sigs[0]?.result).toBe('fail');
    expect(sigs[0]?.reason).toBe('body hash did not verify');
    expect(sigs[0]?.bodyHash).toEqual({
      expected: '2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=',
      computed: '4bLNXImK9drULnmePzZNEBleUanJCX5PIsDIFoH4KTQ=',
    });
  });
});
