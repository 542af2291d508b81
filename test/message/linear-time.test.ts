/**
 * Header fields built to stall a backtracking regular expression are read in linear time (issue 10 §2): a
 * List-Unsubscribe of `<` characters, a From without `@`, a Received field with `envelope-from` followed by
 * blanks, a Return-Path of `<` characters. Before the fix a 200 KB field took 19 to 35 s in `verify` (about 4×
 * per doubling). Each check grows the input 10× and allows at most 30× the CPU time (a quadratic parser gives
 * 100×); see test/support/linear.ts.
 */
import { describe, expect, it } from 'vitest';
import { extractAuthorDomain } from '../../src/dmarc/author.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import type { MessageHeader } from '../../src/mail/message-input.js';
import { parseTagList } from '../../src/mail/tag-list.js';
import { listUnsubscribeUris } from '../../src/message/bulk-sender.js';
import { envelopeFromHeaders, parseReceived } from '../../src/message/envelope.js';
import { verifyMessage } from '../../src/message/verify.js';
import { expectLinear, measureGrowth } from '../support/linear.js';

describe('List-Unsubscribe (src/message/bulk-sender.ts)', { timeout: 120_000 }, () => {
  it('reads the same URIs as before', () => {
    expect(listUnsubscribeUris('<https://a.test/u>, <mailto:u@a.test?subject=x>')).toEqual([
      'https://a.test/u',
      'mailto:u@a.test?subject=x',
    ]);
    expect(listUnsubscribeUris('<a<b>, < c >, <unclosed')).toEqual(['a<b', 'c']);
    expect(listUnsubscribeUris('no brackets')).toEqual([]);
  });

  it('a value of `<` characters takes linear time', async () => {
    const g = await measureGrowth(
      (n) => '<'.repeat(n),
      (v) => expect(listUnsubscribeUris(v)).toEqual([]),
      { base: 20_000 },
    );
    expectLinear(g, 'List-Unsubscribe of "<"');
  });
});

describe('From (src/dmarc/author.ts)', { timeout: 120_000 }, () => {
  it('still finds an address shown in a display name or an encoded word', () => {
    const spoof = extractAuthorDomain(['"ceo@bank.example" <x@evil.test>']);
    expect(spoof.authorDomain).toBe('evil.test');
    expect(spoof.notes.join(' ')).toContain('shows an address at bank.example, not evil.test');
    const encoded = extractAuthorDomain(['=?utf-8?q?ceo=40bank.example?=']);
    expect(encoded.status).toBe('invalid-domain');
    expect(encoded.reason).toContain("decodes to 'ceo@bank.example'");
    // the first address-like text whose domain has two labels; a local-part never reaches over an "@"
    const twice = extractAuthorDomain(['"a@b@c.example x@y" <u@z.test>']);
    expect(twice.notes.join(' ')).toContain('shows an address at c.example');
  });

  it('a From without "@" takes linear time', async () => {
    const g = await measureGrowth(
      (n) => 'a'.repeat(n),
      (v) => expect(extractAuthorDomain([v]).status).toBe('invalid-domain'),
      { base: 20_000 },
    );
    expectLinear(g, 'From without "@"');
  });

  it('a display name of one long word before a lone "@" takes linear time', async () => {
    const g = await measureGrowth(
      (n) => `"${'a'.repeat(n)} @" <u@example.com>`,
      (v) => expect(extractAuthorDomain([v]).authorDomain).toBe('example.com'),
      { base: 20_000 },
    );
    expectLinear(g, 'display name "aaa… @"');
  });

  it('a run of ":" after an "@" far into the field takes linear time (found by npm run fuzz)', async () => {
    const g = await measureGrowth(
      (n) => `${']'.repeat(n)}@x${':'.repeat(n)}`,
      (v) => expect(extractAuthorDomain([v]).status).toBe('invalid-domain'),
      { base: 20_000 },
    );
    expectLinear(g, 'From "]]]…@x:::…"');
  });

  it('a From listing many mailboxes in different domains takes linear time', async () => {
    const g = await measureGrowth(
      (n) => Array.from({ length: n }, (_, i) => `u@d${i}.example`).join(', '),
      (v) => expect(extractAuthorDomain([v]).status).toBe('multiple-domains'),
      { base: 1_000 },
    );
    expectLinear(g, 'From with n domains');
  });
});

describe('Received and Return-Path (src/message/envelope.ts)', { timeout: 120_000 }, () => {
  it('reads the same envelope as before', () => {
    expect(
      parseReceived(
        'from mail.example.com (mail.example.com [192.0.2.7]) (authenticated)\r\n by mx.test; envelope-from=<bounce@example.com>',
      ),
    ).toEqual({ helo: 'mail.example.com', ip: '192.0.2.7', envelopeFrom: 'bounce@example.com' });
    expect(parseReceived('from [IPv6:2001:db8::1] by mx.test (envelope-from a@b.test)')).toEqual({
      helo: '2001:db8::1',
      ip: '2001:db8::1',
      envelopeFrom: 'a@b.test',
    });
    expect(parseReceived('by mx.test; envelope-from ; envelope-from: <x@y.test>')).toEqual({
      envelopeFrom: 'x@y.test',
    });
    expect(
      envelopeFromHeaders([{ name: 'Return-Path', key: 'return-path', value: ' <<a@b.test> ' }]).mailFrom,
    ).toBe('<a@b.test');
  });

  it('a Received field with envelope-from followed by blanks takes linear time', async () => {
    const g = await measureGrowth(
      (n) => `from a.test (a.test [192.0.2.1]) by mx.test; envelope-from${' '.repeat(n)};`,
      (v) => expect(parseReceived(v).envelopeFrom).toBeUndefined(),
      { base: 20_000 },
    );
    expectLinear(g, 'Received envelope-from + blanks');
  });

  it('a Received field of helo= items with unclosed quotes takes linear time', async () => {
    const g = await measureGrowth(
      (n) => `from [203.0.113.5] (${'helo="x ident=" '.repeat(n)}) by mx`,
      (v) => expect(parseReceived(v).ip).toBe('203.0.113.5'),
      { base: 20_000 },
    );
    expectLinear(g, 'Received "helo=\\" …"');
  });

  it('a Received field of unclosed comments takes linear time', async () => {
    const g = await measureGrowth(
      (n) => `from a.test ${'( '.repeat(n)}`,
      (v) => expect(parseReceived(v).helo).toBe('a.test'),
      { base: 20_000 },
    );
    expectLinear(g, 'Received "( ( ( …"');
  });

  it('a Return-Path of `<` characters takes linear time', async () => {
    const g = await measureGrowth(
      (n): MessageHeader[] => [{ name: 'Return-Path', key: 'return-path', value: '<'.repeat(n) }],
      (h) => expect(envelopeFromHeaders(h).mailFrom).toBe(h[0]?.value),
      { base: 20_000 },
    );
    expectLinear(g, 'Return-Path of "<"');
  });
});

describe('Tag-lists (src/mail/tag-list.ts: DKIM-Signature, ARC, key records)', { timeout: 120_000 }, () => {
  it('a run of tag-specs without "=" before one with "=" takes linear time', async () => {
    // each tag-spec used to search for its "=" from its own start, reading the rest of the text again each time
    const list = parseTagList('a; b=1');
    expect(list.errors).toEqual(['tag-spec without "=": "a"']);
    expect([...list.map]).toEqual([['b', '1']]);
    const g = await measureGrowth(
      (n) => `${'a;'.repeat(n)}b=1`,
      (v) => expect(parseTagList(v).map.get('b')).toBe('1'),
      { base: 50_000 },
    );
    expectLinear(g, 'tag-list "a;a;…;b=1"');
  });
});

describe('verifyMessage with all of them (--trust-received)', { timeout: 120_000 }, () => {
  const resolver = zoneResolverFromText('@ TXT "v=spf1 -all"', 'example.com');
  const build = (n: number) =>
    Buffer.from(
      [
        `Received: from a.test (a.test [192.0.2.1]) by mx.test; envelope-from${' '.repeat(n)};`,
        `Return-Path: ${'<'.repeat(n)}`,
        `From: ${'a'.repeat(n)}`,
        `List-Unsubscribe: ${'<'.repeat(n)}`,
        'Subject: hello',
        '',
        'body',
        '',
      ].join('\r\n'),
    );

  it('gives the verdict, and 10× the header size takes at most ~30× the time', async () => {
    const r = await verifyMessage(build(1000), { resolver, trustReceived: true, authservId: 'mx.test' });
    expect(r.dmarc.result).toBe('permerror'); // no Author Domain: the From has no "@"
    expect(r.envelope.ip).toBe('192.0.2.1');
    const g = await measureGrowth(
      build,
      (raw) => verifyMessage(raw, { resolver, trustReceived: true, authservId: 'mx.test' }),
      { base: 20_000 },
    );
    expectLinear(g, 'verifyMessage with adversarial headers');
  });
});
