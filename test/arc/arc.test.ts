import { sealMessage } from 'mailauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAuthResultsValue } from '../../src/arc/aar.js';
import { verifyArc } from '../../src/arc/verify.js';
import { ed25519Key, keyRecord, message, rsaKey, type TestKey } from '../dkim/helpers.js';
import { failing, txtZone } from '../support/resolvers.js';

let fwd: TestKey;
let list: TestKey;
let weak: TestKey;
beforeAll(() => {
  fwd = rsaKey(2048);
  list = ed25519Key();
  weak = rsaKey(512);
});

const dns = () =>
  txtZone('forwarder.example', {
    'arc._domainkey': keyRecord(fwd),
    'arc2._domainkey': keyRecord(list),
    'weak._domainkey': keyRecord(weak),
  });

async function seal(
  msg: string,
  selector: string,
  key: TestKey,
  cv: string,
  authResults: string,
): Promise<string> {
  const headers = await sealMessage(msg, {
    signingDomain: 'forwarder.example',
    selector,
    privateKey: key.privateKey,
    cv,
    authResults,
    signTime: new Date('2024-05-01T00:00:00Z'),
  });
  expect(headers.length).toBeGreaterThan(0);
  return headers.toString() + msg;
}

async function twoSets(): Promise<string> {
  const one = await seal(
    message(),
    'arc',
    fwd,
    'none',
    'mx.forwarder.example; spf=pass smtp.mailfrom=mail.example; dkim=pass header.d=mail.example; dmarc=pass header.from=mail.example',
  );
  return seal(
    one,
    'arc2',
    list,
    'pass',
    'lists.forwarder.example; arc=pass; dmarc=fail header.from=mail.example',
  );
}

describe('ARC chains (RFC 8617 §5.2)', () => {
  it('is none without ARC sets', async () => {
    const res = await verifyArc(message(), { resolver: dns() });
    expect(res).toMatchObject({ result: 'none', instance: 0, sets: [], sealers: [] });
  });

  it('passes a two-set chain and reports each set, the sealers and what the newest one recorded', async () => {
    const res = await verifyArc(await twoSets(), { resolver: dns() });
    expect(res.result).toBe('pass');
    expect(res.instance).toBe(2);
    expect(res.sealers).toEqual(['forwarder.example', 'forwarder.example']);
    expect(
      res.sets.map((s) => [s.instance, s.seal?.cv, s.seal?.s, s.messageSignature?.a, s.missing]),
    ).toEqual([
      [1, 'none', 'arc', 'rsa-sha256', []],
      [2, 'pass', 'arc2', 'ed25519-sha256', []],
    ]);
    expect(res.sets[0]?.authResults?.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'spf=pass',
      'dkim=pass',
      'dmarc=pass',
    ]);
    expect(res.sealedResults?.authservId).toBe('lists.forwarder.example');
    expect(res.findings).toEqual([]);
  });

  it('fails and names the ARC-Message-Signature when the body changed after sealing', async () => {
    const msg = (await twoSets()).replace('the numbers are attached', 'the numbers are NOT attached');
    const res = await verifyArc(msg, { resolver: dns() });
    expect(res.result).toBe('fail');
    expect(res.failed).toMatchObject({ instance: 2, part: 'message-signature' });
    expect(res.reason).toMatch(/body hash did not verify/);
    expect(res.findings.map((f) => f.id)).toEqual(['arc.ams-invalid']);
  });

  it('fails and names the seal whose signed data changed', async () => {
    const msg = (await twoSets()).replace(
      'dkim=pass header.d=mail.example',
      'dkim=pass header.d=evil.example',
    );
    const res = await verifyArc(msg, { resolver: dns() });
    expect(res.result).toBe('fail');
    expect(res.failed?.part).toBe('seal');
    expect(res.findings.map((f) => f.id)).toEqual(['arc.seal-invalid']);
  });

  it('fails on a missing key, and on a seal key under 1024 bits', async () => {
    const noKey = await verifyArc(await twoSets(), {
      resolver: txtZone('forwarder.example', { 'arc2._domainkey': keyRecord(list) }),
    });
    expect(noKey.failed).toMatchObject({ part: 'key', instance: 1 });
    expect(noKey.reason).toBe('no key for arc._domainkey.forwarder.example');
    const weakSeal = await seal(message(), 'weak', weak, 'none', 'mx.forwarder.example; spf=pass');
    const res = await verifyArc(weakSeal, { resolver: dns() });
    expect(res.result).toBe('fail');
    expect(res.failed?.part).toBe('key');
  });

  it('marks a DNS timeout as temporary', async () => {
    const resolver = failing(dns(), (name) => (name.startsWith('arc._domainkey') ? 'TIMEOUT' : undefined));
    const res = await verifyArc(await twoSets(), { resolver });
    expect(res.result).toBe('fail');
    expect(res.temporary).toBe(true);
    expect(res.failed).toMatchObject({ part: 'dns', instance: 1 });
    expect(res.findings.map((f) => f.id)).toEqual(['arc.dns-error']);
  });

  it('passes 50 sets and fails 51 (RFC 8617 §4.2.1, §5.2)', async () => {
    let msg = message();
    for (let i = 1; i <= 50; i++) {
      msg = await seal(msg, 'arc2', list, i === 1 ? 'none' : 'pass', `hop${i}.forwarder.example; arc=pass`);
    }
    const fifty = await verifyArc(msg, { resolver: dns() });
    expect(fifty.result).toBe('pass');
    expect(fifty.instance).toBe(50);
    // mailauth will not seal a 51st set, so copy set 50 as set 51
    const lines = msg.split('\r\n');
    const set50 = lines
      .join('\n')
      .split(/\n(?![ \t])/)
      .filter((h) => /^ARC-/i.test(h) && /\bi=50\b/.test(h))
      .map((h) => h.replace(/\bi=50\b/, 'i=51').replace(/\n/g, '\r\n'));
    expect(set50).toHaveLength(3);
    const fiftyOne = await verifyArc(`${set50.join('\r\n')}\r\n${msg}`, { resolver: dns() });
    expect(fiftyOne.result).toBe('fail');
    expect(fiftyOne.sets).toHaveLength(51);
    expect(fiftyOne.reason).toMatch(/more than 50 ARC sets/);
    expect(fiftyOne.findings.map((f) => f.id)).toEqual(['arc.too-many-sets']);
  }, 60_000);
});

describe('parseAuthResultsValue', () => {
  it('reads instances, authserv-id, results and properties, ignoring comments and quotes', () => {
    const v = parseAuthResultsValue(
      ' i=2; mx.example (comment; dkim=pass) 1; dkim=pass (good; sig) header.d=example.com header.s="sel;x"; spf=fail reason="no (match)" smtp.mailfrom=a@b.example',
    );
    expect(v).toEqual({
      instance: 2,
      authservId: 'mx.example',
      version: '1',
      results: [
        { method: 'dkim', result: 'pass', props: { 'header.d': 'example.com', 'header.s': 'sel;x' } },
        { method: 'spf', result: 'fail', reason: 'no (match)', props: { 'smtp.mailfrom': 'a@b.example' } },
      ],
    });
  });
});
