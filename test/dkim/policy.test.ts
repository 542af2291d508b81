import { beforeAll, describe, expect, it } from 'vitest';
import { DKIM_FINDINGS } from '../../src/dkim/findings.js';
import {
  DEFAULT_DKIM_VERIFIER_POLICY,
  DKIM_RULE_SLUGS,
  DKIM_RULES,
  type DkimRuleName,
} from '../../src/dkim/policy.js';
import { verifyDkim } from '../../src/dkim/verify.js';
import { txtZone } from '../support/resolvers.js';
import { handSign, keyRecord, keySet, message, sign, type TestKey } from './helpers.js';

const D = 'mail.example';
let k2048: TestKey;
let k1024: TestKey;
let k512: TestKey;
let ed: TestKey;

beforeAll(() => {
  ({ k2048, k1024, k512, ed } = keySet());
});

function dns(records: Record<string, string | string[]>) {
  return txtZone(D, records);
}

const rules = (s: { rules: { rule: string }[] } | undefined) => s?.rules.map((r) => r.rule) ?? [];

describe('one name per rule', () => {
  it('the policy key, the rule id and the finding id are one slug (rsaKeyTooShort, rsa-key-too-short, dkim.rsa-key-too-short)', () => {
    expect(DKIM_RULES.rsaKeyTooShort).toEqual({
      slug: 'rsa-key-too-short',
      findingId: 'dkim.rsa-key-too-short',
      rfc: 'RFC 8301 §3.2',
    });
    expect(Object.keys(DKIM_RULES)).toEqual([
      'rsaSha1',
      'rsaKeyTooShort',
      'rsaKeyBelow2048',
      'fromNotSigned',
      'signatureExpired',
      'timestampFuture',
      'bodyLengthLimit',
      'unsignedContent',
      'keyTesting',
      'notOversigned',
    ]);
    for (const [name, rule] of Object.entries(DKIM_RULES) as [
      DkimRuleName,
      (typeof DKIM_RULES)[DkimRuleName],
    ][]) {
      expect(DKIM_RULE_SLUGS).toContain(rule.slug);
      // the finding factory has the rule's name, and raises the rule's finding id
      expect(DKIM_FINDINGS[name]('m').id).toBe(`dkim.${rule.slug}`);
      expect(rule.findingId).toBe(`dkim.${rule.slug}`);
      expect(['fail', 'policy', 'warn', 'off']).toContain(DEFAULT_DKIM_VERIFIER_POLICY[name]);
    }
  });
});

describe('rsa-sha1 (RFC 8301 §3.1)', () => {
  it('fires: an rsa-sha1 signature fails', async () => {
    const msg = await sign(message(), { domain: D, selector: 's', key: k2048, algorithm: 'rsa-sha1' });
    const [sig] = await verifyDkim(msg, { resolver: dns({ 's._domainkey': keyRecord(k2048) }) });
    expect(sig?.crypto).toBe('pass');
    expect(sig?.result).toBe('fail');
    expect(rules(sig)).toContain('rsa-sha1');
    expect(sig?.findings.map((f) => f.id)).toContain('dkim.rsa-sha1');
  });
  it('does not fire for rsa-sha256, and can be set to policy or warn', async () => {
    const good = await sign(message(), { domain: D, selector: 's', key: k2048 });
    const resolver = dns({ 's._domainkey': keyRecord(k2048) });
    const [sig] = await verifyDkim(good, { resolver });
    expect(sig?.result).toBe('pass');
    expect(rules(sig)).not.toContain('rsa-sha1');
    const sha1 = await sign(message(), { domain: D, selector: 's', key: k2048, algorithm: 'rsa-sha1' });
    expect((await verifyDkim(sha1, { resolver, policy: { rsaSha1: 'policy' } }))[0]?.result).toBe('policy');
    expect((await verifyDkim(sha1, { resolver, policy: { rsaSha1: 'warn' } }))[0]?.result).toBe('pass');
  });
});

describe('RSA key size (RFC 8301 §3.2)', () => {
  it('fails a 512-bit key', async () => {
    const msg = await sign(message(), { domain: D, selector: 'weak', key: k512 });
    const [sig] = await verifyDkim(msg, { resolver: dns({ 'weak._domainkey': keyRecord(k512) }) });
    expect(sig?.key?.bits).toBe(512);
    expect(sig?.result).toBe('fail');
    expect(rules(sig)).toContain('rsa-key-too-short');
    expect(sig?.reason).toMatch(/512 bits/);
  });
  it('passes a 1024-bit key with a warning, and a 2048-bit key without', async () => {
    const m1 = await sign(message(), { domain: D, selector: 'a', key: k1024 });
    const m2 = await sign(message(), { domain: D, selector: 'b', key: k2048 });
    const resolver = dns({ 'a._domainkey': keyRecord(k1024), 'b._domainkey': keyRecord(k2048) });
    const [s1] = await verifyDkim(m1, { resolver });
    const [s2] = await verifyDkim(m2, { resolver });
    expect(s1?.result).toBe('pass');
    expect(s1?.rules).toContainEqual({ rule: 'rsa-key-below-2048', outcome: 'warn' });
    expect(s1?.findings.find((f) => f.id === 'dkim.rsa-key-below-2048')?.severity).toBe('warning');
    expect(s2?.result).toBe('pass');
    expect(s2?.key?.bits).toBe(2048);
    expect(rules(s2)).not.toContain('rsa-key-below-2048');
    expect(rules(s2)).not.toContain('rsa-key-too-short');
  });
});

describe('From must be signed (RFC 6376 §5.4)', () => {
  it('fires when h= lacks From', async () => {
    // mailauth's signer refuses to leave From out (ENOFROM), so this one is signed by hand
    const msg = handSign(message(), { domain: D, selector: 's', key: ed, h: ['To', 'Subject', 'Date'] });
    const [sig] = await verifyDkim(msg, { resolver: dns({ 's._domainkey': keyRecord(ed) }) });
    // mailauth does not check such a signature cryptographically (RFC 6376 §6.1.1)
    expect(sig?.crypto).toBe('not-checked');
    expect(sig?.result).toBe('fail');
    expect(sig?.reason).toBe('From is not signed (RFC 6376 §5.4)');
    expect(rules(sig)).toContain('from-not-signed');
    const [policy] = await verifyDkim(msg, {
      resolver: dns({ 's._domainkey': keyRecord(ed) }),
      policy: { fromNotSigned: 'policy' },
    });
    expect(policy?.result).toBe('policy');
  });
  it('does not fire when From is signed', async () => {
    const msg = await sign(message(), {
      domain: D,
      selector: 's',
      key: ed,
      headerList: ['From', 'To', 'Subject'],
    });
    const [sig] = await verifyDkim(msg, { resolver: dns({ 's._domainkey': keyRecord(ed) }) });
    expect(sig?.result).toBe('pass');
    expect(rules(sig)).not.toContain('from-not-signed');
  });
});

describe('x= and t= (RFC 6376 §3.5)', () => {
  const signTime = new Date('2024-03-01T00:00:00Z');
  const expires = new Date('2024-03-08T00:00:00Z');
  it('fires when x= has passed', async () => {
    const msg = await sign(message(), { domain: D, selector: 's', key: ed, signTime, expires });
    const resolver = dns({ 's._domainkey': keyRecord(ed) });
    const [late] = await verifyDkim(msg, { resolver, now: new Date('2024-03-09T00:00:00Z') });
    expect(late?.result).toBe('fail');
    expect(rules(late)).toContain('signature-expired');
    expect(late?.expiresAt).toBe('2024-03-08T00:00:00.000Z');
    const [inTime] = await verifyDkim(msg, { resolver, now: new Date('2024-03-02T00:00:00Z') });
    expect(inTime?.result).toBe('pass');
    expect(rules(inTime)).not.toContain('signature-expired');
  });
  it('fires when t= is in the future beyond the clock skew', async () => {
    const msg = await sign(message(), { domain: D, selector: 's', key: ed, signTime });
    const resolver = dns({ 's._domainkey': keyRecord(ed) });
    const [early] = await verifyDkim(msg, { resolver, now: new Date('2024-02-29T00:00:00Z') });
    expect(early?.result).toBe('fail');
    expect(rules(early)).toContain('timestamp-future');
    const [skewed] = await verifyDkim(msg, { resolver, now: new Date('2024-02-29T23:58:00Z') });
    expect(skewed?.result).toBe('pass');
  });
});

describe('l= (RFC 6376 §8.2)', () => {
  it('flags l= and reports content appended after the limit', async () => {
    const base = message({ body: 'Signed part.\r\n' });
    const signed = await sign(base, { domain: D, selector: 's', key: ed, maxBodyLength: 14 });
    const tampered = `${signed}Click https://evil.example/ now\r\n`;
    const resolver = dns({ 's._domainkey': keyRecord(ed) });
    const [sig] = await verifyDkim(tampered, { resolver });
    expect(sig?.result).toBe('pass');
    expect(sig?.bodyLength).toMatchObject({ limit: 14, unsignedBytes: 33 });
    expect(sig?.bodyLength?.unsignedExcerpt).toBe('Click https://evil.example/ now\r\n');
    expect(rules(sig)).toEqual(expect.arrayContaining(['body-length-limit', 'unsigned-content']));
    const [clean] = await verifyDkim(signed, { resolver });
    expect(rules(clean)).toContain('body-length-limit');
    expect(rules(clean)).not.toContain('unsigned-content');
  });
  it('does not fire without l=', async () => {
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    const [sig] = await verifyDkim(signed, { resolver: dns({ 's._domainkey': keyRecord(ed) }) });
    expect(sig?.bodyLength).toBeUndefined();
    expect(rules(sig)).not.toContain('body-length-limit');
  });
});

describe('key record flags and restrictions (RFC 6376 §3.6.1)', () => {
  it('t=y is reported but does not change the result', async () => {
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    const [y] = await verifyDkim(signed, { resolver: dns({ 's._domainkey': keyRecord(ed, 't=y; ') }) });
    expect(y?.result).toBe('pass');
    expect(rules(y)).toContain('key-testing');
    const [n] = await verifyDkim(signed, { resolver: dns({ 's._domainkey': keyRecord(ed) }) });
    expect(rules(n)).not.toContain('key-testing');
  });
  it('t=s with an i= subdomain is a permerror; i= equal to d= passes', async () => {
    const sub = await sign(message(), {
      domain: D,
      selector: 's',
      key: ed,
      identity: 'alice@news.mail.example',
    });
    const same = await sign(message(), { domain: D, selector: 's', key: ed, identity: 'alice@mail.example' });
    const resolver = dns({ 's._domainkey': keyRecord(ed, 't=s; ') });
    const [a] = await verifyDkim(sub, { resolver });
    expect(a?.result).toBe('permerror');
    expect(a?.findings.map((f) => f.id)).toContain('dkim.key-strict-identity');
    const [b] = await verifyDkim(same, { resolver });
    expect(b?.result).toBe('pass');
    const [c] = await verifyDkim(sub, { resolver: dns({ 's._domainkey': keyRecord(ed) }) });
    expect(c?.result).toBe('pass');
  });
  it("h= in the key record that excludes the signature's hash is a permerror", async () => {
    const signed = await sign(message(), { domain: D, selector: 's', key: k2048 });
    const [x] = await verifyDkim(signed, { resolver: dns({ 's._domainkey': keyRecord(k2048, 'h=sha1; ') }) });
    expect(x?.result).toBe('permerror');
    expect(x?.findings.map((f) => f.id)).toContain('dkim.key-hash-excluded');
    const [ok] = await verifyDkim(signed, {
      resolver: dns({ 's._domainkey': keyRecord(k2048, 'h=sha256; ') }),
    });
    expect(ok?.result).toBe('pass');
  });
  it('a revoked, unparsable or mistyped key is a permerror', async () => {
    const signed = await sign(message(), { domain: D, selector: 's', key: k2048 });
    const cases: [string, string, string][] = [
      ['v=DKIM1; k=rsa; p=', 'dkim.key-revoked', 'key revoked'],
      ['v=DKIM1; k=rsa; p=!!notbase64!!', 'dkim.key-invalid', 'not valid base64'],
      ['v=DKIM1; k=rsa; p=AAAA', 'dkim.key-invalid', 'not a DER-encoded RSA public key'],
      ['v=DKIM1; k=dsa; p=AAAA', 'dkim.key-invalid', 'unknown key type'],
      [keyRecord(ed), 'dkim.key-type-mismatch', 'does not match'],
      ['v=DKIM1; s=other; p=AAAA', 'dkim.key-service-excluded', 'not for email'],
    ];
    for (const [record, id, reason] of cases) {
      const [sig] = await verifyDkim(signed, { resolver: dns({ 's._domainkey': record }) });
      expect(sig?.result, record).toBe('permerror');
      expect(sig?.reason, record).toContain(reason);
      expect(
        sig?.findings.map((f) => f.id),
        record,
      ).toContain(id);
    }
  });
  it('reports several TXT records at one selector', async () => {
    const signed = await sign(message(), { domain: D, selector: 's', key: ed });
    const [sig] = await verifyDkim(signed, {
      resolver: dns({ 's._domainkey': [keyRecord(ed), 'v=DKIM1; p='] }),
    });
    expect(sig?.key?.recordCount).toBe(2);
    expect(sig?.findings.map((f) => f.id)).toContain('dkim.multiple-key-records');
  });
});

describe('oversigning (RFC 6376 §8.15)', () => {
  it('warns about header fields that could be added, and not about oversigned ones', async () => {
    const plain = await sign(message(), {
      domain: D,
      selector: 's',
      key: ed,
      headerList: ['From', 'To', 'Subject'],
    });
    // mailauth's signer signs only the fields present, so the oversigned one is signed by hand
    const over = handSign(message(), {
      domain: D,
      selector: 's',
      key: ed,
      h: 'From:From:To:To:Subject:Subject:Date:Date:Reply-To:Cc:Sender:Message-ID:Message-ID:MIME-Version:MIME-Version:Content-Type:Content-Type:Content-Transfer-Encoding:List-Unsubscribe:List-Unsubscribe-Post'.split(
        ':',
      ),
    });
    const resolver = dns({ 's._domainkey': keyRecord(ed) });
    const [a] = await verifyDkim(plain, { resolver });
    expect(a?.result).toBe('pass');
    expect(a?.notOversigned).toEqual(expect.arrayContaining(['from', 'subject', 'reply-to']));
    expect(rules(a)).toContain('not-oversigned');
    const [b] = await verifyDkim(over, { resolver });
    expect(b?.result).toBe('pass');
    expect(b?.notOversigned).toEqual([]);
    expect(rules(b)).not.toContain('not-oversigned');
  });
});

describe('algorithms', () => {
  it('verifies ed25519-sha256 and rsa-sha256 with simple and relaxed canonicalization', async () => {
    const resolver = dns({ 'e._domainkey': keyRecord(ed), 'r._domainkey': keyRecord(k2048) });
    for (const c of ['simple/simple', 'relaxed/simple', 'simple/relaxed', 'relaxed/relaxed']) {
      const m1 = await sign(message(), { domain: D, selector: 'e', key: ed, canonicalization: c });
      const m2 = await sign(message(), { domain: D, selector: 'r', key: k2048, canonicalization: c });
      expect((await verifyDkim(m1, { resolver }))[0]).toMatchObject({
        result: 'pass',
        c,
        a: 'ed25519-sha256',
      });
      expect((await verifyDkim(m2, { resolver }))[0]).toMatchObject({ result: 'pass', c, a: 'rsa-sha256' });
    }
  });
});
