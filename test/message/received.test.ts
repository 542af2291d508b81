/**
 * The envelope read from Received fields (`trustReceived`, `--trust-received`): the client's IP address and HELO
 * name in the formats MTAs write, and what the client itself chose (Exim's `helo=` and `ident=`) never taken as
 * its address.
 */
import { describe, expect, it } from 'vitest';
import { envelopeFromHeaders, parseReceived } from '../../src/message/envelope.js';
import { verifyMessage } from '../../src/message/verify.js';
import { txtZones } from '../support/resolvers.js';

describe('parseReceived: the client IP and the HELO name', () => {
  it('reads Exim: the leading address literal is the client, helo= is the HELO name', () => {
    // $sender_rcvhost without reverse DNS: [ip] (port=N helo=...)
    expect(
      parseReceived(
        'from [203.0.113.5] (port=51234 helo=[192.0.2.25])\r\n\tby mx.example.net with esmtp (Exim 4.96)\r\n\t(envelope-from <bounce@shop.test>)\r\n\tid 1sDfGh-000ABC-2x; Sat, 01 Jun 2024 09:00:02 +0000',
      ),
    ).toEqual({ helo: '192.0.2.25', ip: '203.0.113.5', envelopeFrom: 'bounce@shop.test' });
    expect(parseReceived('from [203.0.113.5] (helo=[192.0.2.25]) by mx.example.net')).toEqual({
      helo: '192.0.2.25',
      ip: '203.0.113.5',
    });
    // with reverse DNS: host ([ip]:port helo=... ident=...)
    expect(
      parseReceived('from client.example ([203.0.113.5]:40000 helo=[192.0.2.25] ident=[192.0.2.26]) by mx'),
    ).toEqual({ helo: '192.0.2.25', ip: '203.0.113.5' });
    expect(parseReceived('from client.example ([203.0.113.5] helo=mail.shop.test) by mx')).toEqual({
      helo: 'mail.shop.test',
      ip: '203.0.113.5',
    });
    // a HELO equal to the host name: no helo= item
    expect(parseReceived('from mail.example ([2001:db8::5]:25) by mx')).toEqual({
      helo: 'mail.example',
      ip: '2001:db8::5',
    });
    expect(parseReceived('from [IPv6:2001:db8::5] (helo=[IPv6:2001:db8::6]) by mx')).toEqual({
      helo: '2001:db8::6',
      ip: '2001:db8::5',
    });
  });

  it('reads Postfix, sendmail and Exchange as before', () => {
    expect(parseReceived('from mail.shop.test (unknown [192.0.2.25]) by mx.example.net (Postfix)')).toEqual({
      helo: 'mail.shop.test',
      ip: '192.0.2.25',
    });
    expect(parseReceived('from [192.0.2.25] (unknown [203.0.113.5]) by mx.example.net (Postfix)')).toEqual({
      helo: '192.0.2.25',
      ip: '203.0.113.5',
    });
    expect(
      parseReceived('from helo.test (rdns.test [198.51.100.1] (may be forged)) by mx (8.17.1/8.17.1)'),
    ).toEqual({
      helo: 'helo.test',
      ip: '198.51.100.1',
    });
    expect(
      parseReceived('from EXCH01.corp.test (10.0.0.5) by EXCH02.corp.test (10.0.0.6) with Microsoft SMTP'),
    ).toEqual({
      helo: 'EXCH01.corp.test',
      ip: '10.0.0.5',
    });
  });

  it('does not let an internal-looking helo= hide the border hop', () => {
    // the newest field is the border MX's (public client 203.0.113.5); the older one is the attacker's own text
    const h = (value: string) => ({ name: 'Received', key: 'received', value });
    const e = envelopeFromHeaders([
      h(
        ' from [203.0.113.5] (helo=[10.1.2.3]) by mx.example.net with esmtp (Exim 4.96) (envelope-from <bounce@shop.test>)',
      ),
      h(
        ' from mta.shop.test (mta.shop.test [192.0.2.25]) by relay.shop.test (envelope-from <bounce@shop.test>)',
      ),
    ]);
    expect([e.ip, e.helo, e.mailFrom, e.received?.index, e.skipped]).toEqual([
      '203.0.113.5',
      '10.1.2.3',
      'bounce@shop.test',
      0,
      undefined,
    ]);
  });
});

describe('verifyMessage with trustReceived: a HELO address literal is not the client', () => {
  const resolver = () =>
    txtZones({ 'shop.test': { '@': 'v=spf1 ip4:192.0.2.0/24 -all', _dmarc: 'v=DMARC1; p=reject' } });

  it('a spoof of a p=reject domain through Exim with EHLO [allowed address] fails SPF and DMARC', async () => {
    const msg =
      'Received: from [203.0.113.5] (helo=[192.0.2.25])\r\n\tby mx.example.net with esmtp (Exim 4.96)\r\n\t(envelope-from <bounce@shop.test>)\r\n\tid 1sDfGh-000ABC-2x; Sat, 01 Jun 2024 09:00:02 +0000\r\n' +
      'From: news@shop.test\r\nTo: alice@example.net\r\nSubject: invoice\r\n\r\npay now\r\n';
    const r = await verifyMessage(msg, { resolver: resolver(), trustReceived: true, authservId: 'mx' });
    expect([r.envelope.ip, r.envelope.helo, r.envelope.mailFrom]).toEqual([
      '203.0.113.5',
      '192.0.2.25',
      'bounce@shop.test',
    ]);
    expect([r.spf.result, r.dmarc.result, r.summary.disposition]).toEqual(['fail', 'fail', 'reject']);
    expect(r.authenticationResults.value).toContain('smtp.remote-ip=203.0.113.5');
  });

  it('an unknown MAIL FROM is not the null reverse-path: SPF is not checked, and DMARC does not align on the HELO', async () => {
    // found by the new-user trial: no envelope-from, no Return-Path, and SPF ran on the HELO name as for <>
    const world = () =>
      txtZones({
        'shop.test': { '@': 'v=spf1 -all', mta: 'v=spf1 ip4:203.0.113.5 -all', _dmarc: 'v=DMARC1; p=reject' },
      });
    const msg =
      'Received: from mta.shop.test (mta.shop.test [203.0.113.5]) by mx.example.net; Sat, 01 Jun 2024 09:00:02 +0000\r\n' +
      'From: news@shop.test\r\nSubject: hi\r\n\r\nbody\r\n';
    const r = await verifyMessage(msg, { resolver: world(), trustReceived: true, authservId: 'mx' });
    expect([r.envelope.ip, r.envelope.helo, r.envelope.mailFrom]).toEqual([
      '203.0.113.5',
      'mta.shop.test',
      undefined,
    ]);
    expect(r.spf).toMatchObject({
      result: 'none',
      skipped: true,
      reason: "the MAIL FROM is unknown (give it, or '' for the null reverse-path <>)",
    });
    expect([r.dmarc.result, r.dmarc.alignedBy]).toEqual(['fail', []]);
    // the null reverse-path given as such: SPF checks postmaster@HELO (RFC 7208 §2.4), and DMARC may align on it
    const nul = await verifyMessage(msg, {
      resolver: world(),
      ip: '203.0.113.5',
      helo: 'mta.shop.test',
      mailFrom: '',
      authservId: 'mx',
    });
    expect([nul.spf.result, nul.spf.identity, nul.dmarc.result]).toEqual(['pass', 'helo', 'pass']);
  });
});
