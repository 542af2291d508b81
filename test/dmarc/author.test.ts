/**
 * Author Domain extraction (RFC 9989 §5.3.1), with the address examples of RFC 5322 Appendix A.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeEncodedWords,
  extractAuthorDomain,
  parseField,
  simpleMailbox,
} from '../../src/dmarc/author.js';

describe('RFC 5322 Appendix A addresses', () => {
  it('A.1.1 John Doe <jdoe@machine.example>', () => {
    const r = extractAuthorDomain(['John Doe <jdoe@machine.example>']);
    expect(r).toMatchObject({ status: 'ok', authorDomain: 'machine.example' });
    expect(r.mailboxes[0]).toMatchObject({
      displayName: 'John Doe',
      localPart: 'jdoe',
      address: 'jdoe@machine.example',
    });
  });

  it('A.1.2 a quoted display name with a period', () => {
    const r = extractAuthorDomain(['"Joe Q. Public" <john.q.public@example.com>']);
    expect(r.authorDomain).toBe('example.com');
    expect(r.mailboxes[0]).toMatchObject({ displayName: 'Joe Q. Public', localPart: 'john.q.public' });
  });

  it('A.1.2 a list with three domains is not one Author Domain', () => {
    const r = extractAuthorDomain(['Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>']);
    expect(r.status).toBe('multiple-domains');
    expect(r.domains).toEqual(['x.test', 'example.org', 'y.test']);
    expect(r.authorDomain).toBeNull();
  });

  it('A.1.3 groups: the members are the authors (RFC 6854); an empty group has none', () => {
    const r = extractAuthorDomain(['A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;']);
    expect(r.mailboxes.map((m) => [m.group, m.domain])).toEqual([
      ['A Group', 'a.test'],
      ['A Group', 'where.test'],
      ['A Group', 'one.test'],
    ]);
    expect(r.status).toBe('multiple-domains');
    expect(r.notes.join()).toContain('RFC 6854');
    expect(extractAuthorDomain(['Undisclosed recipients:;'])).toMatchObject({
      status: 'no-mailbox',
      authorDomain: null,
    });
    expect(extractAuthorDomain(['Team: a@example.com, b@example.com;']).authorDomain).toBe('example.com');
  });

  it('A.5 comments everywhere, including an escaped parenthesis', () => {
    const r = extractAuthorDomain(['Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>']);
    expect(r).toMatchObject({ status: 'ok', authorDomain: 'silly.test' });
    expect(r.mailboxes[0]!.address).toBe('pete@silly.test');
  });

  it('A.6.1 obsolete unquoted display name with a period, and an obsolete route', () => {
    expect(extractAuthorDomain(['Joe Q. Public <john.q.public@example.com>']).authorDomain).toBe(
      'example.com',
    );
    const r = extractAuthorDomain(['Mary <@node.test,@relay.test:mary@example.net>']);
    expect(r.authorDomain).toBe('example.net');
    expect(r.notes.join()).toContain('source route');
  });
});

describe('quoting and encoding', () => {
  it('an "@" inside a quoted display name does not count', () => {
    const r = extractAuthorDomain(['"ceo@bank.example" <attacker@evil.example>']);
    expect(r.authorDomain).toBe('evil.example');
    expect(r.notes.join()).toContain('display name');
  });

  it('a quoted local-part may contain "@" and ","', () => {
    const r = extractAuthorDomain(['"john@doe, jr"@example.com']);
    expect(r.authorDomain).toBe('example.com');
    expect(r.mailboxes[0]!.localPart).toBe('"john@doe, jr"');
  });

  it('encoded words are decoded in display names only', () => {
    expect(decodeEncodedWords('=?UTF-8?B?SsO8cmdlbg==?= =?ISO-8859-1?Q?M=FCller?=')).toBe('JürgenMüller');
    expect(decodeEncodedWords('=?utf-8?q?a_b?=')).toBe('a b');
    const r = extractAuthorDomain(['=?utf-8?B?Y2VvQGJhbmsuZXhhbXBsZQ==?= <x@evil.example>']);
    expect(r.mailboxes[0]!.displayName).toBe('ceo@bank.example');
    expect(r.authorDomain).toBe('evil.example');
    // an encoded word where the address should be: no Author Domain, and we say what it would show
    const bad = extractAuthorDomain(['=?utf-8?B?Y2VvQGJhbmsuZXhhbXBsZQ==?=']);
    expect(bad.status).toBe('invalid-domain');
    expect(bad.reason).toContain('ceo@bank.example');
  });

  it('IDN domains become A-labels; case and the trailing dot are normalised', () => {
    expect(extractAuthorDomain(['user@Bücher.Example']).authorDomain).toBe('xn--bcher-kva.example');
    expect(extractAuthorDomain(['USER@EXAMPLE.COM.']).authorDomain).toBe('example.com');
  });

  it('folded values are unfolded', () => {
    expect(extractAuthorDomain(['"Joe"\r\n <joe@example.com>']).authorDomain).toBe('example.com');
  });
});

describe('no single Author Domain (RFC 9989 §5.3.1)', () => {
  it('no From field', () => {
    expect(extractAuthorDomain([])).toMatchObject({ status: 'no-from', authorDomain: null, fieldCount: 0 });
  });
  it('several From fields, even with the same domain', () => {
    const r = extractAuthorDomain(['a@example.com', 'b@example.com']);
    expect(r).toMatchObject({ status: 'multiple-from-fields', authorDomain: null, domains: ['example.com'] });
    expect(r.reason).toContain('RFC 5322 §3.6');
  });
  it('several mailboxes in one domain are one Author Domain', () => {
    expect(extractAuthorDomain(['a@example.com, B <b@Example.com>']).authorDomain).toBe('example.com');
  });
  it('malformed addresses', () => {
    expect(extractAuthorDomain(['no address here']).status).toBe('invalid-domain');
    expect(extractAuthorDomain(['a@b@example.com']).status).toBe('invalid-domain');
    expect(extractAuthorDomain(['a@example..com']).status).toBe('invalid-domain');
    expect(extractAuthorDomain(['a@']).status).toBe('invalid-domain');
    expect(extractAuthorDomain(['@example.com']).status).toBe('invalid-domain');
    expect(extractAuthorDomain(['good@example.com, bad']).status).toBe('invalid-domain');
    expect(extractAuthorDomain(['']).status).toBe('no-mailbox');
  });
  it('a mailbox a mail reader could show otherwise: words glued to the domain, text around the angle address', () => {
    // each was read as a valid address before (the first as the Author Domain evil.examplex: dmarc=none for a
    // spoof of a p=reject domain); RFC 5322 §3.4, §3.4.1 and §4.4 allow none of them, and RFC 9989 §4.4 leaves a
    // malformed From without a reliable Author Domain
    const cases: [string, string][] = [
      ['ceo@evil.example x', "malformed domain 'evil.example x'"],
      ['CEO <ceo@evil.example x>', "malformed domain 'evil.example x'"],
      ['ceo@evil.example (CEO)x', "malformed domain 'evil.example (CEO)x'"],
      ['<ceo@ev il.example>', "malformed domain 'ev il.example'"],
      [
        'Alice <a@a.example> <x@evil.example>',
        "malformed address: text after the angle address: '<x@evil.example>'",
      ],
      ['<a@a.example> x@evil.example', "malformed address: text after the angle address: 'x@evil.example'"],
      ['x@evil.example <a@a.example>', "malformed address: '@' outside quotes in the display name"],
      ['Alice <a@a.example', 'malformed address: unterminated angle address (no ">")'],
      ['a@[192.0.2.1', 'unterminated address literal \'[192.0.2.1\' (no "]")'],
    ];
    for (const [value, problem] of cases) {
      const r = extractAuthorDomain([value]);
      expect({ value, status: r.status, problem: r.mailboxes[0]?.problem }).toEqual({
        value,
        status: 'invalid-domain',
        problem,
      });
    }
    // what RFC 5322 does allow stays one address: folding white space and comments around the dots of an
    // obs-domain, a comment after the angle address, dots in an obsolete display name
    expect(extractAuthorDomain(['a@evil . example']).authorDomain).toBe('evil.example');
    expect(extractAuthorDomain(['Alice <a@a.example> (work)']).authorDomain).toBe('a.example');
    expect(extractAuthorDomain(['J. Smith <a@a.example>']).authorDomain).toBe('a.example');
  });

  it('quotes at most 200 characters of a huge From value in its reason', () => {
    // an 800 KB domain was quoted whole in the reason, and from there in every sentence of the report
    const r = extractAuthorDomain([`x@${'a.'.repeat(400_000)}example`]);
    expect(r.status).toBe('invalid-domain');
    expect(r.reason).toBe(`From mailbox 'x@${'a.'.repeat(99)}...': invalid domain '${'a.'.repeat(100)}...'`);
    const many = extractAuthorDomain([Array.from({ length: 5000 }, (_, i) => `u@d${i}.example`).join(', ')]);
    expect(many.status).toBe('multiple-domains');
    expect(many.reason.length).toBeLessThan(400);
  });

  it('an address literal', () => {
    expect(extractAuthorDomain(['user@[192.0.2.1]'])).toMatchObject({
      status: 'domain-literal',
      authorDomain: null,
    });
  });
});

describe('the common From value read without the tokenizer', () => {
  it('reads local@domain and Display Name <local@domain> as the full parser does', () => {
    expect(simpleMailbox('Shop <news@shop.test>', 0)).toEqual({
      field: 0,
      address: 'news@shop.test',
      localPart: 'news',
      rawDomain: 'shop.test',
      domain: 'shop.test',
      displayName: 'Shop',
    });
    expect(simpleMailbox(' A  B\t<x.y@Example.COM.> ', 2)).toMatchObject({
      field: 2,
      displayName: 'A B',
      address: 'x.y@Example.COM.',
      domain: 'example.com',
    });
    // what needs the tokenizer is left to it: quotes, dots and encoded words in the name, comments, lists, groups
    for (const v of [
      '"Shop" <a@b.example>',
      'J. Smith <a@b.example>',
      '=?utf-8?q?Shop?= <a@b.example>',
      'a@b.example (comment)',
      'a@b.example, c@d.example',
      'team: a@b.example;',
      'a@[192.0.2.1]',
      'a@b..example',
      `${'x'.repeat(600)}@b.example`,
    ])
      expect(simpleMailbox(v, 0)).toBeUndefined();
  });

  it('gives exactly what parseField gives, field order and all, whenever it reads a value', () => {
    // values shaped like a From field, each part drawn from plain and tricky forms
    const ws = fc.constantFrom('', ' ', '  ', '\t', ' \t ');
    const word = fc.constantFrom(
      'Shop',
      'A-Z',
      "o'neil",
      'x+tag',
      '=?utf-8?q?x?=',
      '"Q"',
      'J.',
      'é',
      '(c)',
      'a@b.example',
    );
    const local = fc.constantFrom('news', 'a.b', 'x+tag', "o'neil", '=?x?=', 'a..b', '.a', '"q"', 'é', '');
    const domain = fc.constantFrom(
      'shop.test',
      'EXAMPLE.COM',
      'example.com.',
      'xn--bcher-kva.example',
      '-x.example',
      'localhost',
      'a..b',
      '[192.0.2.1]',
      'b.example (c)',
      'x_y.example',
      'bücher.example',
    );
    const value = fc
      .record({
        pre: ws,
        words: fc.array(fc.tuple(word, ws), { maxLength: 3 }),
        angle: fc.boolean(),
        local,
        domain,
        post: ws,
        extra: fc.constantFrom('', '', '', ', c@d.example', ';', '>', ' <x@y.example>'),
      })
      .map(
        (v) =>
          v.pre +
          v.words.map(([w, s]) => w + s).join('') +
          (v.angle ? `<${v.local}@${v.domain}>` : `${v.local}@${v.domain}`) +
          v.post +
          v.extra,
      );
    let read = 0;
    fc.assert(
      fc.property(value, (v) => {
        const fast = simpleMailbox(v, 0);
        if (fast === undefined) return;
        read++;
        const notes = new Set<string>();
        const full = parseField(v, 0, notes);
        expect(full).toHaveLength(1);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(full[0]));
        expect([...notes]).toEqual([]);
      }),
      { numRuns: 20000, seed: 13 },
    );
    // the generator reaches the fast path often enough for the comparison to mean something
    expect(read).toBeGreaterThan(200);
  });
});
