import { readFileSync } from 'node:fs';
import { sealMessage } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthResultsValue } from '../../src/arc/aar.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { systemResolver } from '../../src/dns/system.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { verifyMessage } from '../../src/message/verify.js';
import { ed25519Key, keyRecord, message, rsaKey, sign, type TestKey } from '../dkim/helpers.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { failing, txtZones } from '../support/resolvers.js';

const rfc8463 = readFileSync('/work/shared/conformance/dkim/rfc8463-message.eml');
const footballZone = readFileSync(
  new URL('../../samples/zones/football.example.com.zone', import.meta.url),
  'utf8',
);
const football = zoneResolverFromText(footballZone, 'football.example.com');

let shopKey: TestKey;
let espKey: TestKey;
let fwdKey: TestKey;
beforeAll(() => {
  shopKey = rsaKey(2048);
  espKey = ed25519Key();
  fwdKey = ed25519Key();
});

function world(): Resolver {
  return txtZones({
    'shop.test': {
      '@': 'v=spf1 ip4:192.0.2.0/24 -all',
      _dmarc: 'v=DMARC1; p=reject',
      's1._domainkey': keyRecord(shopKey),
    },
    'esp.test': { '@': 'v=spf1 ip4:203.0.113.0/24 -all', 'e1._domainkey': keyRecord(espKey) },
    'forwarder.test': { '@': 'v=spf1 ip4:198.51.100.0/24 -all', 'arc._domainkey': keyRecord(fwdKey) },
  });
}

const shopMessage = (extra: string[] = []) =>
  message({ from: 'orders@shop.test', extraHeaders: extra, body: 'Your order has shipped.\r\n' });

describe('verifyMessage: RFC 8463 Appendix A', () => {
  it('gives dkim=pass twice, with the keys from the zone file, and an Authentication-Results header', async () => {
    const r = await verifyMessage(rfc8463, { resolver: football, authservId: 'mx.example.net' });
    expect(r.dkim.map((s) => [s.result, s.d, s.s, s.a])).toEqual([
      ['pass', 'football.example.com', 'brisbane', 'ed25519-sha256'],
      ['pass', 'football.example.com', 'test', 'rsa-sha256'],
    ]);
    expect(r.summary).toMatchObject({ dkimPass: 2, dkimTotal: 2, dnsTrouble: false });
    expect(r.spf).toMatchObject({ result: 'none', skipped: true });
    expect(r.dmarc).toMatchObject({ result: 'none', authorDomain: 'football.example.com', policy: null });
    expect(r.arc.result).toBe('none');
    const ar = r.authenticationResults;
    expect(
      ar.header.startsWith(
        'Authentication-Results: mx.example.net;\r\n\tdkim=pass header.d=football.example.com',
      ),
    ).toBe(true);
    expect(ar.header.endsWith('\r\n')).toBe(true);
    const parsed = parseAuthResultsValue(ar.value);
    expect(parsed.authservId).toBe('mx.example.net');
    expect(parsed.results.map((x) => `${x.method}=${x.result}`)).toEqual([
      'dkim=pass',
      'dkim=pass',
      'spf=none',
      'dmarc=none',
      'arc=none',
    ]);
    expect(parsed.results[0]?.props).toEqual({
      'header.d': 'football.example.com',
      'header.i': '@football.example.com',
      'header.s': 'brisbane',
      'header.a': 'ed25519-sha256',
      'header.b': '/gCrinpc',
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // JSON-stable
  });

  it('verifies through the loopback DNS server too', async () => {
    let server: DnsServer | undefined;
    try {
      server = await startDnsServer({ resolver: football });
      const resolver = systemResolver({ servers: [server.address], timeoutMs: 2000, tries: 1 });
      const r = await verifyMessage(rfc8463, { resolver, authservId: 'mx.example.net' });
      expect(r.dkim.map((s) => s.result)).toEqual(['pass', 'pass']);
      expect(r.dkim[1]?.key?.bits).toBe(1024);
    } finally {
      await server?.close();
    }
  });

  it('fails both when the body changes', async () => {
    const changed = Buffer.from(rfc8463.toString('latin1').replace('Joe.', 'Jim.'), 'latin1');
    const r = await verifyMessage(changed, { resolver: football, authservId: 'mx' });
    expect(r.dkim.map((s) => s.result)).toEqual(['fail', 'fail']);
    expect(r.authenticationResults.value).toContain(
      'dkim=fail (body hash did not verify) header.d=football.example.com',
    );
  });

  it('gives temperror on a DNS timeout, and says DNS trouble left the verdict undecided', async () => {
    const resolver = failing(football, (name) => (name.includes('_domainkey') ? 'TIMEOUT' : undefined));
    const r = await verifyMessage(rfc8463, { resolver, authservId: 'mx' });
    expect(r.dkim.map((s) => s.result)).toEqual(['temperror', 'temperror']);
    expect(r.summary.dnsTrouble).toBe(true);
    expect(r.findings.map((f) => f.id)).toContain('message.dns-error');
    expect(r.authenticationResults.value).not.toMatch(/no key|permerror/);
  });

  it('loopback server: a dropped key query is a temperror', async () => {
    let server: DnsServer | undefined;
    try {
      server = await startDnsServer({
        resolver: football,
        faults: { drop: (name) => name.startsWith('test._domainkey') },
      });
      const resolver = systemResolver({ servers: [server.address], timeoutMs: 200, tries: 1 });
      const r = await verifyMessage(rfc8463, { resolver, authservId: 'mx' });
      expect(r.dkim.map((s) => s.result)).toEqual(['pass', 'temperror']);
    } finally {
      await server?.close();
    }
  });
});

describe('verifyMessage: SPF, DMARC and the explanation', () => {
  it('passes DMARC aligned by SPF and DKIM', async () => {
    const msg = await sign(shopMessage(), { domain: 'shop.test', selector: 's1', key: shopKey });
    const r = await verifyMessage(msg, {
      resolver: world(),
      ip: '192.0.2.25',
      helo: 'mta.shop.test',
      mailFrom: 'bounce@shop.test',
      authservId: 'mx.receiver.test',
    });
    expect(r.spf).toMatchObject({
      result: 'pass',
      identity: 'mailfrom',
      domain: 'shop.test',
      engine: 'mailgate',
    });
    expect(r.dkim[0]?.result).toBe('pass');
    expect(r.dmarc).toMatchObject({
      result: 'pass',
      policy: 'reject',
      disposition: 'none',
      alignedBy: ['spf', 'dkim'],
    });
    expect(r.envelope).toMatchObject({ source: 'options', ip: '192.0.2.25' });
    const parsed = parseAuthResultsValue(r.authenticationResults.value);
    expect(parsed.results.find((x) => x.method === 'spf')).toEqual({
      method: 'spf',
      result: 'pass',
      props: { 'smtp.mailfrom': 'bounce@shop.test' },
    });
    expect(parsed.results.find((x) => x.method === 'dmarc')?.props).toEqual({ 'header.from': 'shop.test' });
    expect(r.authenticationResults.value).toContain('dmarc=pass (p=reject) header.from=shop.test');
    expect(r.authenticationResults.value).toContain('arc=none smtp.remote-ip=192.0.2.25');
  });

  it('explains an ESP signature that does not align, with what to change', async () => {
    const msg = await sign(shopMessage(), { domain: 'esp.test', selector: 'e1', key: espKey });
    const r = await verifyMessage(msg, {
      resolver: world(),
      ip: '203.0.113.9',
      helo: 'out.esp.test',
      mailFrom: 'bounces@esp.test',
      authservId: 'mx',
    });
    expect(r.spf.result).toBe('pass');
    expect(r.dkim[0]).toMatchObject({ result: 'pass', d: 'esp.test' });
    expect(r.dmarc).toMatchObject({ result: 'fail', policy: 'reject', disposition: 'reject', alignedBy: [] });
    expect(r.findings.map((f) => f.id)).toContain('message.dmarc-fail');
    expect(r.why[0]).toMatch(/DMARC fails/);
    expect(r.why.join('\n')).toMatch(
      /sign with DKIM d=shop\.test.*DKIM passed for esp\.test, which does not align/,
    );
    expect(r.authenticationResults.value).toContain('dmarc=fail (p=reject dis=reject) header.from=shop.test');
  });

  it('can use mailauth for SPF and DMARC with the same verdicts', async () => {
    const msg = await sign(shopMessage(), { domain: 'shop.test', selector: 's1', key: shopKey });
    const r = await verifyMessage(msg, {
      resolver: world(),
      ip: '192.0.2.25',
      mailFrom: 'bounce@shop.test',
      helo: 'mta.shop.test',
      authservId: 'mx',
      engines: { spf: 'mailauth', dmarc: 'mailauth' },
    });
    expect(r.spf).toMatchObject({ result: 'pass', engine: 'mailauth', domain: 'shop.test' });
    expect(r.dmarc).toMatchObject({ result: 'pass', policy: 'reject', engine: 'mailauth' });
  });

  it('takes the envelope from Received and Return-Path with trustReceived, and says so', async () => {
    const signed = await sign(shopMessage(), { domain: 'shop.test', selector: 's1', key: shopKey });
    const msg =
      'Return-Path: <bounce@shop.test>\r\n' +
      'Received: from mta.shop.test (mta.shop.test [192.0.2.25])\r\n\tby mx.receiver.test with ESMTPS id 4Xyz;\r\n\tMon, 01 Jan 2024 10:00:01 +0000\r\n' +
      'Received: from internal.shop.test (internal [10.0.0.5]) by mta.shop.test; Mon, 01 Jan 2024 10:00:00 +0000\r\n' +
      signed;
    const r = await verifyMessage(msg, { resolver: world(), trustReceived: true, authservId: 'mx' });
    expect(r.envelope).toMatchObject({
      source: 'received',
      ip: '192.0.2.25',
      helo: 'mta.shop.test',
      mailFrom: 'bounce@shop.test',
      received: { index: 0 },
    });
    expect(r.envelope.note).toMatch(/Received field #1 and Return-Path/);
    expect(r.findings.map((f) => f.id)).toContain('message.envelope-from-received');
    expect(r.spf.result).toBe('pass');
    expect(r.dmarc.result).toBe('pass');
    // without trustReceived the header is not used
    const plain = await verifyMessage(msg, { resolver: world(), authservId: 'mx' });
    expect(plain.envelope.source).toBe('none');
    expect(plain.spf.skipped).toBe(true);
    // an explicit option wins over the header
    const mixed = await verifyMessage(msg, {
      resolver: world(),
      trustReceived: true,
      ip: '203.0.113.1',
      authservId: 'mx',
    });
    expect(mixed.envelope).toMatchObject({
      source: 'mixed',
      ip: '203.0.113.1',
      mailFrom: 'bounce@shop.test',
    });
    expect(mixed.spf.result).toBe('fail');
  });
});

describe('verifyMessage: forwarded mail with ARC', () => {
  async function forwarded(): Promise<string> {
    const original = await sign(shopMessage(), { domain: 'shop.test', selector: 's1', key: shopKey });
    // the list changes the subject and appends a footer: the original signature breaks
    const modified = original
      .replace('Subject: Quarterly numbers', 'Subject: [list] Quarterly numbers')
      .replace('Your order has shipped.\r\n', 'Your order has shipped.\r\n-- \r\nlist footer\r\n');
    const headers = await sealMessage(modified, {
      signingDomain: 'forwarder.test',
      selector: 'arc',
      privateKey: fwdKey.privateKey,
      cv: 'none',
      authResults:
        'lists.forwarder.test; spf=pass smtp.mailfrom=shop.test; dkim=pass header.d=shop.test; dmarc=pass header.from=shop.test',
      signTime: new Date('2024-01-01T10:00:05Z'),
    });
    return headers.toString() + modified;
  }

  it('fails DMARC, passes ARC, and overrides for a trusted sealer only', async () => {
    const msg = await forwarded();
    const opts = {
      resolver: world(),
      ip: '198.51.100.7',
      helo: 'lists.forwarder.test',
      mailFrom: 'list-bounces@forwarder.test',
      authservId: 'mx',
    };
    const untrusted = await verifyMessage(msg, opts);
    expect(untrusted.dkim[0]?.result).toBe('fail');
    expect(untrusted.spf).toMatchObject({ result: 'pass', domain: 'forwarder.test' });
    expect(untrusted.dmarc.result).toBe('fail');
    expect(untrusted.arc).toMatchObject({ result: 'pass', instance: 1, sealers: ['forwarder.test'] });
    expect(untrusted.dmarc.arcOverride).toBeUndefined();
    expect(untrusted.why.join('\n')).toMatch(/looks forwarded; if you trust forwarder\.test/);

    const trusted = await verifyMessage(msg, { ...opts, trustedArcSealers: ['forwarder.test'] });
    expect(trusted.dmarc.arcOverride).toEqual({
      sealer: 'forwarder.test',
      instance: 1,
      recordedDmarc: 'pass',
      disposition: 'none',
      reason: 'trusted_forwarder',
    });
    expect(trusted.dmarc.disposition).toBe('reject'); // the policy's own disposition is still reported
    expect(trusted.findings.map((f) => f.id)).toContain('message.dmarc-arc-override');
    expect(trusted.findings.map((f) => f.id)).not.toContain('message.dmarc-fail');
    expect(trusted.why.join('\n')).toMatch(/trusted sealer: a receiver may override/);
    expect(trusted.authenticationResults.value).toContain('arc=pass (i=1) smtp.remote-ip=198.51.100.7');
  });
});

describe('verifyMessage: Authentication-Results cannot be injected', () => {
  it('quotes or escapes message text so no property or result can be added', async () => {
    const evilFrom = 'From: "x" <a@shop.test>\r\nFrom: b@"evil; dmarc=pass".test';
    const dkim =
      'DKIM-Signature: v=1; a=rsa-sha256; d=shop.test; s=sel(x)\\; i=@shop.test; h=from; bh=AAAA; b=AAAA/;dmarc=pass';
    const msg = `${dkim}\r\n${evilFrom}\r\nSubject: x\r\n\r\nbody\r\n`;
    const r = await verifyMessage(msg, {
      resolver: world(),
      authservId: 'mx.example; dkim=pass',
      ip: '192.0.2.1',
      mailFrom: 'x"; spf=pass (@shop.test',
      helo: 'h',
    });
    const parsed = parseAuthResultsValue(r.authenticationResults.value);
    expect(parsed.authservId).toBe('mx.example; dkim=pass');
    expect(parsed.results.map((x) => x.method)).toEqual(['dkim', 'spf', 'dmarc', 'arc']);
    expect(parsed.results[0]?.result).toBe('neutral');
    expect(parsed.results[1]?.props['smtp.mailfrom']).toBe('x"; spf=pass (@shop.test');
    expect(r.authenticationResults.value).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    // every line but the first starts with a tab (nothing broke the folding)
    expect(
      r.authenticationResults.value
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith('\t')),
    ).toBe(true);
  });
});

describe('verifyMessage: strict mode and bulk-sender readiness', () => {
  it('rejects rsa-sha1 in strict mode (the default) and only warns when strict is false', async () => {
    const msg = await sign(shopMessage(), {
      domain: 'shop.test',
      selector: 's1',
      key: shopKey,
      algorithm: 'rsa-sha1',
    });
    const strict = await verifyMessage(msg, { resolver: world(), authservId: 'mx' });
    expect(strict.dkim[0]).toMatchObject({
      result: 'fail',
      reason: 'rsa-sha1 is not accepted (RFC 8301 §3.1)',
    });
    const lenient = await verifyMessage(msg, { resolver: world(), authservId: 'mx', strict: false });
    expect(lenient.dkim[0]?.result).toBe('pass');
    expect(lenient.findings.find((f) => f.id === 'dkim.rsa-sha1')?.severity).toBe('warning');
  });

  it('reports one-click unsubscribe readiness as findings', async () => {
    const ready = await sign(
      shopMessage([
        'List-Unsubscribe: <mailto:unsub@shop.test>, <https://shop.test/unsub?u=1>',
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      ]),
      {
        domain: 'shop.test',
        selector: 's1',
        key: shopKey,
        headerList: ['From', 'To', 'Subject', 'Date', 'List-Unsubscribe', 'List-Unsubscribe-Post'],
      },
    );
    const env = { ip: '192.0.2.25', mailFrom: 'bounce@shop.test', helo: 'mta.shop.test', authservId: 'mx' };
    const ok = await verifyMessage(ready, { resolver: world(), ...env });
    expect(ok.bulkSender?.ready).toBe(true);
    expect(ok.findings.filter((f) => f.id.startsWith('message.bulk-'))).toEqual([]);

    const notSigned = await sign(
      shopMessage([
        'List-Unsubscribe: <mailto:unsub@shop.test>',
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      ]),
      { domain: 'shop.test', selector: 's1', key: shopKey, headerList: ['From', 'To', 'Subject'] },
    );
    const bad = await verifyMessage(notSigned, { resolver: world(), ...env });
    expect(bad.bulkSender?.ready).toBe(false);
    expect(bad.bulkSender?.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual([
      'list-unsubscribe-https',
      'unsubscribe-signed',
    ]);
    expect(bad.findings.map((f) => f.id)).toEqual(
      expect.arrayContaining(['message.bulk-list-unsubscribe', 'message.bulk-unsubscribe-not-signed']),
    );
    // the verdict is unaffected
    expect(bad.dmarc.result).toBe('pass');
  });
});

describe('verifyMessage: bulk-sender DMARC and SPF findings say what is missing, once (bulk: true)', () => {
  const bulk = (r: { findings: { id: string; message: string }[] }) =>
    r.findings.filter((f) => f.id.startsWith('message.bulk-'));
  const once = (r: { findings: { id: string; message: string }[] }) => {
    const ids = bulk(r).map((f) => f.id);
    expect(ids).toEqual([...new Set(ids)]);
  };
  const dmarcCheck = (r: Awaited<ReturnType<typeof verifyMessage>>) =>
    r.bulkSender?.checks.filter((c) => c.id.startsWith('dmarc-')).map((c) => [c.id, c.ok, c.detail]);

  it('RFC 8463: no DMARC record, an aligned DKIM pass: says no policy is published, not that nothing aligns', async () => {
    const r = await verifyMessage(rfc8463, { resolver: football, authservId: 'mx', bulk: true });
    once(r);
    expect(r.findings.filter((f) => f.id === 'message.bulk-dmarc').map((f) => f.message)).toEqual([
      'No DMARC policy is published for football.example.com; bulk senders must publish one.',
    ]);
    expect(dmarcCheck(r)).toEqual([
      ['dmarc-policy', false, 'no DMARC policy is published for football.example.com'],
      [
        'dmarc-aligned',
        true,
        'dkim d=football.example.com aligns with football.example.com (relaxed alignment; no DMARC policy applied it)',
      ],
    ]);
    expect(r.findings.find((f) => f.id === 'message.bulk-spf')?.message).toBe(
      'SPF was not checked (no client IP address was given); bulk senders must pass SPF.',
    );
  });

  it('no DMARC record and nothing aligned: one finding naming both', async () => {
    const msg = await sign(message({ from: 'news@unpublished.test' }), {
      domain: 'esp.test',
      selector: 'e1',
      key: espKey,
    });
    const r = await verifyMessage(msg, {
      resolver: world(),
      authservId: 'mx',
      bulk: true,
      ip: '203.0.113.5',
      mailFrom: 'bounce@esp.test',
      helo: 'out.esp.test',
    });
    expect(r.dmarc.result).toBe('none');
    once(r);
    expect(r.findings.filter((f) => f.id === 'message.bulk-dmarc').map((f) => f.message)).toEqual([
      'No DMARC policy is published for unpublished.test; neither SPF nor DKIM aligns with unpublished.test; bulk senders must publish a DMARC policy and align SPF or DKIM with the From domain.',
    ]);
    expect(dmarcCheck(r)?.map((c) => c[1])).toEqual([false, false]);
    // a subdomain of the signer aligns under relaxed alignment, by SPF and by DKIM
    const sub = await sign(message({ from: 'news@mail.esp.test' }), {
      domain: 'esp.test',
      selector: 'e1',
      key: espKey,
    });
    const r2 = await verifyMessage(sub, {
      resolver: world(),
      authservId: 'mx',
      bulk: true,
      ip: '203.0.113.5',
      mailFrom: 'bounce@esp.test',
    });
    expect(dmarcCheck(r2)?.[1]).toEqual([
      'dmarc-aligned',
      true,
      'dkim d=esp.test and spf esp.test align with mail.esp.test (relaxed alignment; no DMARC policy applied it)',
    ]);
    expect(r2.findings.filter((f) => f.id === 'message.bulk-dmarc').map((f) => f.message)).toEqual([
      'No DMARC policy is published for mail.esp.test; bulk senders must publish one.',
    ]);
  });

  it('a DMARC policy that fails: one finding, about alignment', async () => {
    const msg = await sign(shopMessage(), { domain: 'esp.test', selector: 'e1', key: espKey });
    const r = await verifyMessage(msg, { resolver: world(), authservId: 'mx', bulk: true });
    expect(r.dmarc.result).toBe('fail');
    once(r);
    expect(r.findings.filter((f) => f.id === 'message.bulk-dmarc').map((f) => f.message)).toEqual([
      'DMARC fails: neither SPF nor DKIM aligns with shop.test; bulk senders must align SPF or DKIM with the From domain.',
    ]);
    expect(dmarcCheck(r)?.map((c) => c[1])).toEqual([true, false]);
  });

  it('with a client IP but no MAIL FROM or HELO, gives that as the reason SPF was not checked', async () => {
    const msg = await sign(shopMessage(), { domain: 'shop.test', selector: 's1', key: shopKey });
    const r = await verifyMessage(msg, { resolver: world(), authservId: 'mx', bulk: true, ip: '192.0.2.10' });
    expect(r.spf).toMatchObject({ skipped: true, reason: 'neither MAIL FROM nor HELO was given' });
    expect(r.findings.find((f) => f.id === 'message.bulk-spf')?.message).toBe(
      'SPF was not checked (neither MAIL FROM nor HELO was given); bulk senders must pass SPF.',
    );
    expect(r.findings.find((f) => f.id === 'message.no-envelope')?.message).toBe(
      'SPF was not checked: neither MAIL FROM nor HELO was given.',
    );
    expect(r.authenticationResults.value).toContain('spf=none (neither MAIL FROM nor HELO was given)');
    once(r);
  });
});

describe('verifyMessage: loopback DNS server for a full check', () => {
  let server: DnsServer;
  beforeAll(async () => {
    server = await startDnsServer({ resolver: world() });
  });
  afterAll(async () => {
    await server.close();
  });
  it('gives the same verdicts over real DNS', async () => {
    const msg = await sign(shopMessage(), { domain: 'shop.test', selector: 's1', key: shopKey });
    const resolver = systemResolver({ servers: [server.address], timeoutMs: 2000, tries: 1 });
    const r = await verifyMessage(msg, {
      resolver,
      ip: '192.0.2.25',
      mailFrom: 'bounce@shop.test',
      helo: 'mta.shop.test',
      authservId: 'mx',
    });
    expect([r.spf.result, r.dkim[0]?.result, r.dmarc.result]).toEqual(['pass', 'pass', 'pass']);
  });
});
