import { describe, expect, it } from 'vitest';
import { parseTtl, parseZone, ZoneParseError } from '../../src/dns/zonefile.js';

describe('parseZone (RFC 1035 §5)', () => {
  it('parses the RFC 1035 §5.3 example zone', () => {
    // RFC 1035 §5.3, the ISI.EDU example (lightly trimmed), with its parentheses and omitted owners.
    const text = `@   IN  SOA     VENERA      Action\\.domains (
                                 20     ; SERIAL
                                 7200   ; REFRESH
                                 600    ; RETRY
                                 3600000; EXPIRE
                                 60)    ; MINIMUM

        NS      A.ISI.EDU.
        NS      VENERA
        NS      VAXA
        MX      10      VENERA
        MX      20      VAXA

A       A       26.3.0.103

VENERA  A       10.1.0.52
        A       128.9.0.32

VAXA    A       10.2.0.27
        A       128.9.0.33
`;
    const zone = parseZone(text, { origin: 'ISI.EDU.' });
    expect(zone.origin).toBe('isi.edu');
    const soa = zone.records[0]!;
    expect(soa.type).toBe('SOA');
    expect(soa.data).toEqual({
      mname: 'venera.isi.edu',
      rname: 'action\\.domains.isi.edu'.replace('\\', ''),
      serial: 20,
      refresh: 7200,
      retry: 600,
      expire: 3600000,
      minimum: 60,
    });
    const ns = zone.records.filter((r) => r.type === 'NS').map((r) => r.data);
    expect(ns).toEqual(['a.isi.edu', 'venera.isi.edu', 'vaxa.isi.edu']);
    const mx = zone.records.filter((r) => r.type === 'MX').map((r) => r.data);
    expect(mx).toEqual([
      { priority: 10, exchange: 'venera.isi.edu' },
      { priority: 20, exchange: 'vaxa.isi.edu' },
    ]);
    const venera = zone.records.filter((r) => r.name === 'venera.isi.edu').map((r) => r.data);
    expect(venera).toEqual(['10.1.0.52', '128.9.0.32']);
    expect(zone.records.find((r) => r.name === 'a.isi.edu')!.line).toBe(14);
  });

  it('handles $ORIGIN, $TTL, TTL/class in either order and TTL units', () => {
    const zone = parseZone(
      `$ORIGIN example.com.
$TTL 1h
www 300 IN A 192.0.2.1
mail IN 2d A 192.0.2.2
$ORIGIN sub.example.com.
host A 192.0.2.3
abs.example.net. A 192.0.2.4
`,
    );
    expect(zone.origin).toBe('example.com');
    expect(zone.records.map((r) => [r.name, r.ttl])).toEqual([
      ['www.example.com', 300],
      ['mail.example.com', 172800],
      ['host.sub.example.com', 3600],
      ['abs.example.net', 3600],
    ]);
    expect(parseTtl('1w2d3h4m5s')).toBe(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    expect(parseTtl('abc')).toBeNull();
  });

  it('keeps TXT character-strings separate and decodes \\" \\\\ and \\DDD escapes', () => {
    const zone = parseZone(
      `@ TXT "v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"
q TXT "say \\"hi\\"" back\\\\slash "\\065\\066C" unquoted
m TXT ( "first"
        "second" ) ; comment
`,
      { origin: 'example.com' },
    );
    expect(zone.records[0]!.data).toEqual(['v=spf1 ip4:192.0.2.0/24 ', 'include:_spf.example.net -all']);
    expect(zone.records[1]!.data).toEqual(['say "hi"', 'back\\slash', 'ABC', 'unquoted']);
    expect(zone.records[2]!.data).toEqual(['first', 'second']);
    expect(zone.records[2]!.line).toBe(3);
  });

  it('decodes \\DDD as UTF-8 when valid, else one character per byte (as systemResolver does)', () => {
    const zone = parseZone('a TXT "caf\\195\\169"\nb TXT "x\\128y"\n', { origin: 'example.com' });
    expect(zone.records[0]!.data).toEqual(['café']);
    expect(zone.records[1]!.data).toEqual(['x\x80y']);
  });

  it('canonicalises AAAA and lower-cases names; null MX target is empty', () => {
    const zone = parseZone('WWW AAAA 2001:DB8:0:0::1\n@ MX 0 .\n', { origin: 'Example.COM' });
    expect(zone.records[0]!.name).toBe('www.example.com');
    expect(zone.records[0]!.data).toBe('2001:db8::1');
    expect(zone.records[1]!.data).toEqual({ priority: 0, exchange: '' });
  });

  it('keeps unknown types opaque and SPF (type 99) as strings', () => {
    const zone = parseZone('@ CAA 0 issue "letsencrypt.org"\n@ SPF "v=spf1 -all"\n', {
      origin: 'example.com',
    });
    expect(zone.records[0]).toMatchObject({ type: 'CAA', rdata: '0 issue "letsencrypt.org"' });
    expect(zone.records[0]!.data).toBeUndefined();
    expect(zone.records[1]).toMatchObject({ type: 'SPF', data: ['v=spf1 -all'] });
  });

  it('warns about a character-string over 255 octets', () => {
    const zone = parseZone(`@ TXT "${'a'.repeat(256)}"\n`, { origin: 'example.com' });
    expect(zone.warnings).toHaveLength(1);
    expect(zone.warnings[0]!.message).toMatch(/256 octets/);
  });

  it.each([
    ['www A 300.1.1.1\n', 1, /not an IPv4 address/],
    ['www AAAA 192.0.2.1\n', 1, /not an IPv6 address/],
    ['@ TXT "unterminated\n', 1, /unterminated quoted string/],
    ['@ A (192.0.2.1\n', 2, /unbalanced '\('/],
    ['\n\n@ MX 70000 mx\n', 3, /MX preference/],
    ['$INCLUDE other.zone\n', 1, /unsupported directive/],
    ['@ 300\n', 1, /missing record type/],
    ['@ IN CH A 1.2.3.4\n', 1, /class CH is not supported/],
    [' A 192.0.2.1\n', 1, /without an owner/],
  ])('rejects %j with file and line', (text, line, re) => {
    try {
      parseZone(text, { origin: 'example.com', file: 'bad.zone' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZoneParseError);
      expect((e as ZoneParseError).line).toBe(line);
      expect((e as ZoneParseError).file).toBe('bad.zone');
      expect((e as Error).message).toMatch(re);
    }
  });

  it('requires an origin for relative names', () => {
    expect(() => parseZone('www A 192.0.2.1\n')).toThrow(/before any \$ORIGIN/);
  });
});
