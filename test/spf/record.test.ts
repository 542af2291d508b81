import { describe, expect, it } from 'vitest';
import { parseSpfRecord, printSpfRecord, selectSpfRecords } from '../../src/spf/record.js';

describe('parseSpfRecord', () => {
  it('parses the mechanisms and modifiers of RFC 7208 §12 with positions', () => {
    const text =
      'v=spf1 +a mx/24//64 ptr:example.org ip4:192.0.2.0/24 -ip6:2001:db8::/32 ~exists:%{ir}.%{l1r+-}._spf.%{d} ?include:_spf.example.net redirect=_spf.example.com exp=explain._spf.%{d} x-foo=bar';
    const r = parseSpfRecord(text);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    const names = r.record.terms.map((t) => (t.kind === 'invalid' ? 'invalid' : t.name));
    expect(names).toEqual([
      'a',
      'mx',
      'ptr',
      'ip4',
      'ip6',
      'exists',
      'include',
      'redirect',
      'exp',
      'unknown',
    ]);
    for (const t of r.record.terms) expect(text.slice(t.offset, t.offset + t.length)).toBe(t.text);
    const mx = r.record.terms[1];
    expect(mx?.kind === 'mechanism' && mx.name === 'mx' && [mx.ip4Cidr, mx.ip6Cidr]).toEqual([24, 64]);
    const ex = r.record.terms[5];
    expect(ex?.kind === 'mechanism' && ex.qualifier).toBe('~');
    if (ex?.kind === 'mechanism' && ex.name === 'exists') {
      const macros = ex.domainSpec.tokens.filter((t) => t.type === 'macro');
      expect(macros.map((m) => m.type === 'macro' && [m.letter, m.digits, m.reverse, m.delimiters])).toEqual([
        ['i', undefined, true, ''],
        ['l', 1, true, '+-'],
        ['d', undefined, false, ''],
      ]);
      for (const m of ex.domainSpec.tokens) expect(text.slice(m.offset, m.offset + m.length)).toBe(m.text);
    }
    expect(r.record.redirect?.domainSpec.text).toBe('_spf.example.com');
    expect(r.record.exp?.domainSpec.text).toBe('explain._spf.%{d}');
  });

  it('accepts the version in any case, several spaces and trailing spaces (§4.5, §4.6.1)', () => {
    expect(parseSpfRecord('V=SpF1  a   -all ').ok).toBe(true);
    expect(parseSpfRecord('v=spf1').ok).toBe(true);
  });

  it.each([
    ['v=spf10', 'no-version', 0],
    ['v=spf1 ip4:1.2.3.4 -all moo', 'unknown-mechanism', 24],
    ['v=spf1 -all.', 'unknown-mechanism', 8],
    ['v=spf1 -all:foobar', 'invalid-syntax', 11],
    ['v=spf1 ip4:1.2.3.4/032', 'invalid-cidr', 18],
    ['v=spf1 ip4:1.2.3.4/33', 'invalid-cidr', 18],
    ['v=spf1 ip4:1.2.3', 'invalid-ip4', 11],
    ['v=spf1 ip4:1.2.3.4:8080', 'invalid-ip4', 11],
    ['v=spf1 ip6::CAFE::BABE', 'invalid-ip6', 11],
    ['v=spf1 ip6:::1.1.1.1/129', 'invalid-cidr', 20],
    ['v=spf1 a//129 -all', 'invalid-cidr', 8],
    ['v=spf1 a/24/64', 'invalid-syntax', 8],
    ['v=spf1 a:museum', 'invalid-domain-spec', 9],
    ['v=spf1 a:111.222.33.44', 'invalid-domain-spec', 9],
    ['v=spf1 a:example.-com', 'invalid-domain-spec', 9],
    ['v=spf1 a:', 'invalid-domain-spec', 9],
    ['v=spf1 ptr/0 -all', 'invalid-syntax', 10],
    ['v=spf1 include:ip5.example.com/24', 'invalid-domain-spec', 15],
    ['v=spf1 exists:%(ir).sbl.example.com', 'invalid-macro', 14],
    ['v=spf1 -all exp=%{r}.example.com', 'macro-letter-not-allowed', 16],
    ['v=spf1 a:%{a}.example.com', 'invalid-macro', 9],
    ['v=spf1 a:%{d0}.example.com', 'invalid-macro', 9],
    ['v=spf1 1up=foo', 'invalid-modifier-name', 7],
    ['v=spf1 =all', 'invalid-modifier-name', 7],
    ['v=spf1 redirect:t2.example.com', 'unknown-mechanism', 7],
    ['v=spf1 exp=e1.example.com -all exp=e2.example.com', 'duplicate-modifier', 31],
    ['v=spf1 foo=%abc', 'invalid-macro', 11],
    ['v=spf1 a:ctrl.example.com\rptr -all', 'invalid-character', 25],
    ['v=spf1 \u0080a:example.net -all', 'invalid-character', 7],
  ])('%j -> %s at %i', (text, code, offset) => {
    const r = parseSpfRecord(text);
    expect(r.ok).toBe(false);
    expect(r.errors[0]?.code).toBe(code);
    expect(r.errors[0]?.offset).toBe(offset);
  });

  it('keeps ":" and "/" inside a domain-spec, and splits the dual-cidr-length off the end (§5.3, §7.1)', () => {
    const r = parseSpfRecord('v=spf1 a:foo:bar/baz.example.com a:foo.example.com/24 mx:%{d}//0');
    expect(r.ok).toBe(true);
    const [a1, a2, mx] = r.record.terms;
    expect(a1?.kind === 'mechanism' && a1.name === 'a' && a1.domainSpec?.text).toBe(
      'foo:bar/baz.example.com',
    );
    expect(a2?.kind === 'mechanism' && a2.name === 'a' && [a2.domainSpec?.text, a2.ip4Cidr]).toEqual([
      'foo.example.com',
      24,
    ]);
    expect(mx?.kind === 'mechanism' && mx.name === 'mx' && [mx.domainSpec?.text, mx.ip6Cidr]).toEqual([
      '%{d}',
      0,
    ]);
  });

  it('accepts a top label with dashes (xn--) and a trailing dot', () => {
    expect(parseSpfRecord('v=spf1 a:foo.example.xn--zckzah include:o.spf.example.com. -all').ok).toBe(true);
  });

  it('prints canonical text that parses back to the same terms', () => {
    const text = 'v=spf1 +A MX:Example.COM/24 ip6:2001:DB8::/32 Redirect=_spf.example.com';
    const r = parseSpfRecord(text);
    expect(printSpfRecord(r.record)).toBe(
      'v=spf1 +a mx:Example.COM/24 ip6:2001:DB8::/32 redirect=_spf.example.com',
    );
  });
});

describe('selectSpfRecords (§4.5)', () => {
  it('joins character-strings and needs a space or the end after v=spf1', () => {
    expect(selectSpfRecords([['v=spf1', 'mx']]).status).toBe('none');
    expect(selectSpfRecords([['v=spf1 ', 'mx']]).record?.text).toBe('v=spf1 mx');
    expect(selectSpfRecords([['v=spf10'], ['v=spf1 mx']]).record?.index).toBe(1);
  });
  it('reports several records, ignoring other TXT records', () => {
    const s = selectSpfRecords([['google-site-verification=x'], ['v=spf1 -all'], ['V=SPF1 +all']]);
    expect(s.status).toBe('multiple');
    expect(s.records.map((r) => r.index)).toEqual([1, 2]);
    expect(selectSpfRecords([]).status).toBe('none');
  });
});
