/**
 * Postmaster reports: internal Received hops with --trust-received, From group syntax, no From, the verify
 * summary line, and forwarded mail with a trusted ARC override (exit code, help, bulk-sender findings).
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { MessageHeader } from '../../src/mail/message-input.js';
import { envelopeFromHeaders, isInternalAddress } from '../../src/message/envelope.js';
import { fromGroupName } from '../../src/message/from-syntax.js';
import { verifyMessage } from '../../src/message/verify.js';
import { txtZones } from '../support/resolvers.js';

const samples = fileURLToPath(new URL('../../samples/', import.meta.url));
const sampleZones = ['shop.test', 'bulkmailer.test', 'forwarder.test'].flatMap((z) => [
  '--zone',
  join(samples, 'zones', `${z}.zone`),
]);

async function run(args: string[]) {
  let out = '';
  const sink = () =>
    new Writable({
      write: (c, _e, cb) => {
        out += String(c);
        cb();
      },
    });
  const code = await main(['verify', ...args], { stdout: sink(), stderr: sink(), env: {} });
  return { code, out };
}

const shop = () =>
  txtZones({ 'shop.test': { '@': 'v=spf1 ip4:192.0.2.0/24 -all', _dmarc: 'v=DMARC1; p=reject' } });

const internalHop =
  'Received: from mx2.internal (mx2.internal [10.1.1.2]) by mx.example.net; Sat, 01 Jun 2024 09:00:03 +0000\r\n' +
  'Received: from mta.shop.test (HELO mta.shop.test) ([192.0.2.25]) by mx2.internal with ESMTP; Sat, 01 Jun 2024 09:00:02 +0000\r\n' +
  'Return-Path: <bounce@shop.test>\r\n' +
  'From: news@shop.test\r\nTo: a@example.net\r\nSubject: internal hop\r\nDate: Sat, 01 Jun 2024 09:00:00 +0000\r\n' +
  'Message-ID: <x2@shop.test>\r\n\r\nhi\r\n';

const headers = (text: string): MessageHeader[] =>
  text
    .split('\r\n')
    .filter((l) => l.includes(':'))
    .map((l) => {
      const name = l.slice(0, l.indexOf(':'));
      return { name, key: name.toLowerCase(), value: l.slice(l.indexOf(':') + 1) };
    });

describe('isInternalAddress', () => {
  it('names private, unique-local, loopback and link-local ranges; public addresses are null', () => {
    expect(isInternalAddress('10.1.1.2')).toBe('private');
    expect(isInternalAddress('172.16.0.1')).toBe('private');
    expect(isInternalAddress('172.31.255.255')).toBe('private');
    expect(isInternalAddress('192.168.0.1')).toBe('private');
    expect(isInternalAddress('127.0.0.1')).toBe('loopback');
    expect(isInternalAddress('::1')).toBe('loopback');
    expect(isInternalAddress('169.254.1.1')).toBe('linkLocal');
    expect(isInternalAddress('fe80::1')).toBe('linkLocal');
    expect(isInternalAddress('fd00::25')).toBe('uniqueLocal');
    expect(isInternalAddress('::ffff:10.0.0.1')).toBe('private');
    expect(isInternalAddress('172.32.0.1')).toBeNull();
    expect(isInternalAddress('192.0.2.25')).toBeNull();
    expect(isInternalAddress('2001:db8::25')).toBeNull();
    expect(isInternalAddress('not-an-ip')).toBeNull();
  });
});

describe('--trust-received: internal relays of the receiving organisation', () => {
  it('skips a newest hop with a private client for the next public one', () => {
    const e = envelopeFromHeaders(headers(internalHop));
    expect(e).toMatchObject({
      ip: '192.0.2.25',
      helo: 'mta.shop.test',
      mailFrom: 'bounce@shop.test',
      received: { index: 1 },
      skipped: [{ index: 0, ip: '10.1.1.2', helo: 'mx2.internal', range: 'private' }],
    });
    expect(e.noPublicHop).toBeUndefined();
  });

  it('evaluates SPF for the public client: pass, DMARC pass; the report names the hop used and skipped', async () => {
    const r = await verifyMessage(internalHop, { resolver: shop(), trustReceived: true, authservId: 'mx' });
    expect(r.envelope).toMatchObject({
      source: 'received',
      ip: '192.0.2.25',
      received: { index: 1 },
      skippedReceived: [{ index: 0, ip: '10.1.1.2', range: 'private' }],
    });
    expect(r.spf.result).toBe('pass');
    expect(r.dmarc.result).toBe('pass');
    expect(r.envelope.note).toBe(
      'The envelope (ip, helo, mailFrom) was taken from Received field #2 and Return-Path because trustReceived (--trust-received) was given. Skipped Received field #1 (client 10.1.1.2, private): an internal relay of the receiving organisation.',
    );
    expect(r.findings.find((f) => f.id === 'message.envelope-from-received')?.evidence?.details).toEqual({
      taken: ['ip', 'helo', 'mailFrom'],
      used: 2,
      skipped: [{ field: 1, ip: '10.1.1.2', range: 'private' }],
    });
    expect(r.findings.map((f) => f.id)).not.toContain('message.envelope-no-public-hop');
  });

  it('warns when no hop has a public client, and uses the newest', async () => {
    const msg =
      'Received: from relay (relay [127.0.0.1]) by mx.example.net; Sat, 01 Jun 2024 09:00:03 +0000\r\n' +
      'Received: from lan (lan [192.168.1.9]) by relay; Sat, 01 Jun 2024 09:00:02 +0000\r\n' +
      'From: news@shop.test\r\nSubject: x\r\n\r\nhi\r\n';
    const r = await verifyMessage(msg, { resolver: shop(), trustReceived: true, authservId: 'mx' });
    expect(r.envelope).toMatchObject({ ip: '127.0.0.1', received: { index: 0 } });
    expect(r.envelope.skippedReceived).toBeUndefined();
    expect(r.findings.find((f) => f.id === 'message.envelope-no-public-hop')).toMatchObject({
      severity: 'warning',
      message:
        'Every Received field names an internal client address; SPF was evaluated for 127.0.0.1 (Received field #1), which says nothing about the sender.',
    });
  });

  it('a public newest hop is used as before (nothing skipped)', async () => {
    const msg =
      'Received: from mta.shop.test (mta.shop.test [IPv6:2001:db8::25]) by mx.example.net; Sat, 01 Jun 2024 09:00:02 +0000\r\n' +
      'Return-Path: <>\r\nFrom: news@shop.test\r\nSubject: x\r\n\r\nhi\r\n';
    const r = await verifyMessage(msg, { resolver: shop(), trustReceived: true, authservId: 'mx' });
    expect(r.envelope).toMatchObject({ ip: '2001:db8::25', mailFrom: '', received: { index: 0 } });
    expect(r.envelope.skippedReceived).toBeUndefined();
  });

  it('--help documents the rule', async () => {
    const r = await run(['--help']);
    expect(r.out).toContain('internal relays of');
    expect(r.out).toContain('(RFC 1918, RFC 4193, 127/8, ::1, 169.254/16, fe80::/10)');
  });
});

describe('From syntax', () => {
  it('fromGroupName finds group syntax, not colons in quotes, comments, routes or encoded-words', () => {
    expect(fromGroupName('Shop Team: news@shop.test;')).toBe('Shop Team');
    expect(fromGroupName('undisclosed-recipients:;')).toBe('undisclosed-recipients');
    expect(fromGroupName('"Shop: Team" <news@shop.test>')).toBeNull();
    expect(fromGroupName('news@shop.test (note: hi)')).toBeNull();
    expect(fromGroupName('<@relay.test:news@shop.test>')).toBeNull();
    expect(fromGroupName('=?UTF-8?Q?a:b?= <news@shop.test>')).toBeNull();
    expect(fromGroupName('news@shop.test')).toBeNull();
    expect(fromGroupName('"a \\" : b" <news@shop.test>')).toBeNull();
    // an IPv6 address literal's colons, and a colon after an "@", are not a group (a display name has no "@")
    expect(fromGroupName('a@[IPv6:2001:db8::1]')).toBeNull();
    expect(fromGroupName('a@:::')).toBeNull();
    expect(fromGroupName('a@shop.test, Team: b@shop.test;')).toBe('Team');
  });

  it('a From group: evaluated as today, with a message.from-group warning', async () => {
    const msg = 'From: Shop Team: news@shop.test;\r\nSubject: test group\r\n\r\nHello\r\n';
    const r = await verifyMessage(msg, {
      resolver: shop(),
      ip: '192.0.2.25',
      mailFrom: 'bounce@shop.test',
      authservId: 'mx',
    });
    expect(r.dmarc).toMatchObject({ result: 'pass', authorDomain: 'shop.test' });
    expect(r.findings.find((f) => f.id === 'message.from-group')).toMatchObject({
      severity: 'warning',
      rfc: 'RFC 6854 §2.1',
      message:
        'The From field uses group syntax (group "Shop Team"); RFC 6854 allows it in From only for limited use, and many receivers refuse it. DMARC took the Author Domain from the mailboxes listed in the group (none listed: no Author Domain).',
    });
  });

  it('a plain mailbox has no group finding; two From fields keep message.multiple-from', async () => {
    const one = await verifyMessage('From: "A: B" <news@shop.test>\r\n\r\nx\r\n', {
      resolver: shop(),
      authservId: 'mx',
    });
    expect(one.findings.map((f) => f.id)).not.toContain('message.from-group');
    const two = await verifyMessage('From: a@shop.test\r\nFrom: b@shop.test\r\n\r\nx\r\n', {
      resolver: shop(),
      authservId: 'mx',
    });
    expect(two.findings.find((f) => f.id === 'message.multiple-from')?.message).toBe(
      'The message has 2 From header fields.',
    );
    expect(two.findings.map((f) => f.id)).not.toContain('message.no-from');
  });
});

describe('From display names that show another address (RFC 9989 §11.4)', () => {
  it('raises message.from-display-address with the names and domains, plain or encoded, and not for its own domain', async () => {
    const verify = (from: string) =>
      verifyMessage(`From: ${from}\r\nSubject: hi\r\n\r\nx\r\n`, { resolver: shop(), authservId: 'mx' });
    const plain = await verify('"boss@evil.example" <news@shop.test>');
    expect(plain.dmarc.displayNameAddresses).toEqual([
      { displayName: 'boss@evil.example', shownDomain: 'evil.example', domain: 'shop.test' },
    ]);
    expect(plain.findings.find((f) => f.id === 'message.from-display-address')).toMatchObject({
      severity: 'warning',
      message:
        'The From display name "boss@evil.example" shows an address at evil.example, but the mailbox is at shop.test: DMARC checked shop.test, not what a reader sees (RFC 9989 §11.4).',
    });
    // the same name as an RFC 2047 encoded word (Ym9zc0BldmlsLmV4YW1wbGU= is boss@evil.example)
    const encoded = await verify('=?utf-8?B?Ym9zc0BldmlsLmV4YW1wbGU=?= <news@shop.test>');
    expect(encoded.dmarc.displayNameAddresses?.[0]?.shownDomain).toBe('evil.example');
    // the mailbox's own address in its display name is not an attack
    const own = await verify('"news@shop.test" <news@shop.test>');
    expect(own.dmarc.displayNameAddresses).toBeUndefined();
    expect(own.findings.map((f) => f.id)).not.toContain('message.from-display-address');
  });
});

describe('the verify text summary', () => {
  it('gives the From value its own line: no doubled separator after a group', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mailgate-verify-')), 'group.eml');
    writeFileSync(
      file,
      'From: Shop Team: news@shop.test;\r\nTo: alice@example.net\r\nSubject: test group\r\n\r\nHello\r\n',
    );
    try {
      const r = await run([
        file,
        '--ip',
        '192.0.2.25',
        '--mail-from',
        'bounce@shop.test',
        ...sampleZones,
        '--offline',
      ]);
      const lines = r.out.split('\n');
      expect(lines[1]).toBe('  from Shop Team: news@shop.test;');
      // 34 + 23 + 21 + 2 + 7 octets
      expect(lines[2]).toBe('  size 87 bytes, CRLF line endings');
      expect(r.out).not.toContain(';;');
    } finally {
      rmSync(file, { force: true });
    }
  });
});

describe('forwarded mail with a trusted ARC override', () => {
  const fwd = [
    join(samples, 'messages', 'forwarded-arc.eml'),
    '--trust-received',
    ...sampleZones,
    '--offline',
  ];

  it('exits 0 although DMARC fails, and --help says why', async () => {
    const r = await run([...fwd, '--trusted-arc-sealer', 'forwarder.test']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^DMARC +fail /m);
    const help = await run(['--help']);
    expect(help.out).toContain('ARC override: a DMARC fail does not make verify exit 1');
    expect(help.out).toContain('--trusted-arc-sealer domain');
  });

  it('raises no bulk-sender findings for the original sender, and says why', async () => {
    const trusted = await run([...fwd, '--trusted-arc-sealer', 'forwarder.test', '--format', 'json']);
    const report = JSON.parse(trusted.out);
    expect(
      report.findings.map((f: { id: string }) => f.id).filter((id: string) => id.startsWith('message.bulk-')),
    ).toEqual([]);
    expect(report.bulkSender.forwardedNote).toBe(
      "Forwarded by trusted ARC sealer forwarder.test: these checks describe the forwarded copy, not the original sender's mail, and raise no findings.",
    );
    // without the override the findings stay
    const plain = JSON.parse((await run([...fwd, '--format', 'json'])).out);
    expect(plain.bulkSender.forwardedNote).toBeUndefined();
    expect(plain.findings.some((f: { id: string }) => f.id.startsWith('message.bulk-'))).toBe(true);
  });
});
