// RFC 1035 §5 master files, loaded as Knot DNS 3.2 loads them. Each refusal below was checked against
// kzonecheck 3.2.6 (and named-checkzone 9.18 where noted) on the same text: both refuse unless a comment says.
import { describe, expect, it } from 'vitest';
import { parseTtl, parseZone, type Zone, ZoneParseError } from '../../src/dns/zonefile.js';

const SOA = '@ SOA ns1 hostmaster 1 7200 3600 1209600 3600\n@ NS ns1\nns1 A 192.0.2.53\n';

/** Parses `text` (after an SOA, NS and glue, so the zone is complete) with origin example.com. */
function zone(text: string): Zone {
  return parseZone(`${SOA}${text}`, { origin: 'example.com', file: 'example.com.zone' });
}

/** The ZoneParseError `fn` throws. */
function refusal(fn: () => unknown): ZoneParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ZoneParseError) return e;
    throw e;
  }
  throw new Error('expected a ZoneParseError');
}

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
    const z = parseZone(text, { origin: 'ISI.EDU.' });
    expect(z.origin).toBe('isi.edu');
    expect(z.records[0]!.data).toEqual({
      mname: 'venera.isi.edu',
      // The escaped dot is part of the first label (RFC 1035 §5.1): the mailbox Action.domains@ISI.EDU.
      rname: 'action\\.domains.isi.edu',
      serial: 20,
      refresh: 7200,
      retry: 600,
      expire: 3600000,
      minimum: 60,
    });
    expect(z.records.filter((r) => r.type === 'NS').map((r) => r.data)).toEqual([
      'a.isi.edu',
      'venera.isi.edu',
      'vaxa.isi.edu',
    ]);
    expect(z.records.filter((r) => r.type === 'MX').map((r) => r.data)).toEqual([
      { priority: 10, exchange: 'venera.isi.edu' },
      { priority: 20, exchange: 'vaxa.isi.edu' },
    ]);
    expect(z.records.filter((r) => r.name === 'venera.isi.edu').map((r) => r.data)).toEqual([
      '10.1.0.52',
      '128.9.0.32',
    ]);
    expect(z.records.find((r) => r.name === 'a.isi.edu')!.line).toBe(14);
    expect(z.warnings).toEqual([]);
  });

  it('handles $ORIGIN, $TTL, TTL/class in either order and TTL units', () => {
    const z = parseZone(
      `$ORIGIN example.com.
$TTL 1h
www 300 IN A 192.0.2.1
mail IN 2d A 192.0.2.2
$ORIGIN sub.example.com.
host A 192.0.2.3
abs.example.net. A 192.0.2.4
`,
    );
    expect(z.origin).toBe('example.com');
    expect(z.records.map((r) => [r.name, r.ttl])).toEqual([
      ['www.example.com', 300],
      ['mail.example.com', 172800],
      ['host.sub.example.com', 3600],
      ['abs.example.net', 3600],
    ]);
    // Out-of-zone data is kept for locating findings but ignored, as servers ignore it.
    expect(z.warnings).toEqual([
      {
        line: 7,
        message: expect.stringMatching(/^A record for abs\.example\.net is outside the zone origin/),
      },
    ]);
    expect(parseTtl('1w2d3h4m5s')).toBe(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    expect(parseTtl('1H')).toBe(3600);
    expect(parseTtl('abc')).toBeNull();
    expect(parseTtl('1h30')).toBeNull(); // Knot: every number after a unit needs its own unit
    expect(parseTtl('4294967295')).toBe(4294967295);
    expect(parseTtl('4294967296')).toBeNull();
  });

  it('keeps TXT character-strings separate and decodes \\" \\\\ and \\DDD escapes', () => {
    const z = zone(`@ TXT "v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"
q TXT "say \\"hi\\"" back\\\\slash "\\065\\066C" unquoted
m TXT ( "first"
        "second" ) ; comment
e TXT ""
`);
    const txt = z.records.filter((r) => r.type === 'TXT');
    expect(txt.map((r) => r.data)).toEqual([
      ['v=spf1 ip4:192.0.2.0/24 ', 'include:_spf.example.net -all'],
      ['say "hi"', 'back\\slash', 'ABC', 'unquoted'],
      ['first', 'second'],
      [''],
    ]);
    expect(txt[2]!.line).toBe(6);
  });

  it('decodes \\DDD as UTF-8 when valid, else one character per byte (as systemResolver does)', () => {
    const z = zone('a TXT "caf\\195\\169"\nb TXT "x\\128y"\n');
    expect(z.records.slice(3).map((r) => r.data)).toEqual([['café'], ['x\x80y']]);
  });

  it('canonicalises AAAA and lower-cases names; a null MX target is empty', () => {
    const z = parseZone('WWW AAAA 2001:DB8:0:0::1\n@ MX 0 .\nv4 AAAA ::FFFF:192.0.2.1\n', {
      origin: 'Example.COM',
    });
    expect(z.records.map((r) => [r.name, r.data])).toEqual([
      ['www.example.com', '2001:db8::1'],
      ['example.com', { priority: 0, exchange: '' }],
      ['v4.example.com', '::ffff:c000:201'],
    ]);
  });

  it('keeps other types as text, checked field by field, and SPF (type 99) as strings', () => {
    const z = zone(`@ CAA 0 issue "letsencrypt.org"
@ SPF "v=spf1 -all"
_sip._tcp SRV 0 5 5060 sip.example.com.
_25._tcp.mx TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
@ DNSKEY 257 3 ECDSAP256SHA256 ( AwEA
  AQ== )
sub DS 12345 13 2 ( 0123456789abcdef0123456789abcdef
  0123456789abcdef0123456789abcdef )
sub NS ns.other.net.
@ HTTPS 1 . alpn="h2,h3" port=443 ipv4hint=192.0.2.1
loc LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m
`);
    const [caa, spf] = z.records.slice(3);
    expect(caa).toMatchObject({ type: 'CAA', rdata: '0 issue "letsencrypt.org"', line: 4 });
    expect(caa!.data).toBeUndefined();
    expect(spf).toMatchObject({ type: 'SPF', data: ['v=spf1 -all'] });
    expect(z.records.map((r) => r.type)).toEqual([
      'SOA',
      'NS',
      'A',
      'CAA',
      'SPF',
      'SRV',
      'TLSA',
      'DNSKEY',
      'DS',
      'NS',
      'HTTPS',
      'LOC',
    ]);
    expect(z.warnings).toEqual([]);
  });

  it('reads RFC 3597 generic RDATA: unknown types kept, known types decoded', () => {
    const z = zone(`@ TYPE65534 \\# 2 abcd
t TYPE16 \\# 4 03616263
a TYPE1 \\# 4 c0000201
e TYPE65280 \\# 0
bad A \\# 1 00
`);
    expect(z.records.slice(3).map((r) => [r.type, r.data])).toEqual([
      ['TYPE65534', undefined],
      ['TXT', ['abc']],
      ['A', '192.0.2.1'],
      ['TYPE65280', undefined],
      ['A', undefined],
    ]);
    // Knot loads a malformed A in the generic form as written; mailgate cannot answer with it, and says so.
    expect(z.warnings).toEqual([{ line: 8, message: expect.stringMatching(/not a well-formed A record/) }]);
  });

  it('splits a TXT string over 255 octets into 255-octet strings, as Knot serves it, with a warning', () => {
    const long = 'a'.repeat(300);
    const z = zone(`@ TXT "v=spf1 ${long} -all"\n`);
    const data = z.records[3]!.data as string[];
    expect(data.map((s) => s.length)).toEqual([255, 57]);
    expect(data.join('')).toBe(`v=spf1 ${long} -all`);
    expect(z.warnings).toEqual([
      {
        line: 4,
        message: expect.stringMatching(
          /^TXT character-string of 312 octets is over 255 \(RFC 1035 §3\.3\): Knot serves it split into 2 strings \(255 \+ 57 octets\)/,
        ),
      },
    ]);
  });

  it('says the sizes of a long split string in a few words (62 KB: 245 × 255 + 15, not 245 terms)', () => {
    const z = zone(`@ TXT "${'b'.repeat(62_490)}"\n`);
    expect((z.records[3]!.data as string[]).length).toBe(246);
    expect(z.warnings[0]!.message).toMatch(
      /^TXT character-string of 62490 octets is over 255 \(RFC 1035 §3\.3\): Knot serves it split into 246 strings \(245 × 255 \+ 15 octets\), which/,
    );
    expect(zone(`@ TXT "${'b'.repeat(765)}"\n`).warnings[0]!.message).toMatch(
      /into 3 strings \(255 \+ 255 \+ 255 octets\)/,
    );
  });

  it('drops duplicate records as servers do, and warns', () => {
    const z = zone('@ TXT "v=spf1 -all"\n@ TXT "v=spf1 -all"\n');
    expect(z.records.filter((r) => r.type === 'TXT')).toHaveLength(1);
    expect(z.warnings).toEqual([
      { line: 5, message: 'duplicate TXT record for example.com (same as line 4); servers keep one' },
    ]);
  });
});

describe('parseZone refuses what Knot refuses, with file, line and column', () => {
  // [text after the complete-zone header (lines 1-3), line, column, message]
  it.each([
    // Issue 12: a line with no type, a misspelt type, a class or type given twice.
    ['garbage line here with no type\n', 4, 9, /unknown record type 'line'/],
    ['@ IN TXTT "v=spf1 -all"\n', 4, 6, /unknown record type 'TXTT'/],
    ['www IN IN A 192.0.2.1\n', 4, 8, /the class IN is given twice/],
    ['www A A 192.0.2.1\n', 4, 7, /the type A is given twice/],
    ['www 300 300 A 192.0.2.1\n', 4, 9, /a second TTL '300'/],
    // A quoted string without its closing quote never swallows the next line (and the DKIM key on it).
    ['@ TXT "v=spf1 -all\nsel._domainkey TXT "v=DKIM1; p=abc"\n', 4, 7, /unterminated quoted string/],
    ['@ TXT "v=spf1 -all', 4, 7, /unterminated quoted string/],
    // RFC 1034 §3.6.2: a CNAME is alone at its name (named-checkzone refuses it too).
    ['www CNAME web\nwww TXT "x"\n', 5, undefined, /www\.example\.com has a CNAME and other data/],
    ['www CNAME a\nwww CNAME b\n', 5, undefined, /two CNAME records/],
    ['@ CNAME other.example.\n', 4, undefined, /CNAME and other data/],
    ['x DNAME y\na.x A 192.0.2.1\n', 5, undefined, /below the DNAME at x\.example\.com/],
    ['x DNAME y\nx NS ns1\n', 5, undefined, /NS record beside its DNAME/],
    // $ORIGIN must be absolute (BIND accepts a relative one; Knot does not).
    ['$ORIGIN sub\n', 4, 9, /must be an absolute name ending with a dot/],
    ['$ORIGIN a..b.\n', 4, 9, /empty label/],
    ['$ORIGIN\n', 4, 1, /\$ORIGIN needs a domain name/],
    ['$ORIGIN sub.example.com. extra\n', 4, 26, /unexpected 'extra'/],
    // Types we answer: bad RDATA.
    ['www A 300.1.1.1\n', 4, 7, /not an IPv4 address/],
    ['www A 01.2.3.4\n', 4, 7, /not an IPv4 address/],
    ['www A 192.0.2.1 extra\n', 4, 17, /unexpected data 'extra'/],
    ['www AAAA 192.0.2.1\n', 4, 10, /not an IPv6 address/],
    ['www AAAA fe80::1%eth0\n', 4, 10, /not an IPv6 address/],
    ['@ MX 70000 mx\n', 4, 6, /MX preference 70000 is over 65535/],
    ['@ MX mx 10\n', 4, 6, /MX preference must be a number/],
    ['@ MX 10\n', 4, 6, /MX record needs a host name/],
    ['@ TXT\n', 4, 3, /TXT record needs at least one character-string/],
    ['@ SPF ; nothing\n', 4, 3, /SPF record needs at least one character-string/],
    ['@ TXT "a\\256"\n', 4, 7, /escape \\256 is over 255/],
    ['@ TXT "café"\n', 4, 7, /non-ASCII character 'é' in text: Knot refuses it/],
    ['@ TXT a"b"\n', 4, 8, /quote inside an unquoted word/],
    ['@ TXT a="b"\n', 4, 7, /quote inside an unquoted word/],
    ['x PTR a..b\n', 4, 7, /empty label/],
    ['x CNAME foo:bar\n', 4, 9, /character ':'/],
    ['x NS\n', 4, 3, /NS record needs a domain name/],
    ['@ SOA ns1 hostmaster 1h 7200 3600 1209600 3600\n', 4, 22, /SOA serial must be a number/],
    ['@ SOA ns1 hostmaster 1 2 3 4\n', 4, 28, /SOA record needs SOA minimum/],
    // Common other types, as far as Knot checks them.
    ['@ CAA 256 issue "x"\n', 4, 7, /CAA flags 256 is over 255/],
    ['@ CAA 0 issue\n', 4, 9, /CAA record needs a value/],
    ['_sip._tcp SRV 0 5 5060\n', 4, 19, /SRV record needs a target host name/],
    ['_25._tcp TLSA 3 1 1 xyz0\n', 4, 21, /not hexadecimal/],
    ['sub DS 1 8 2 abc\n', 4, 14, /not hexadecimal octets/],
    ['@ DNSKEY 257 3 8 AwEAAQ\n', 4, 18, /not Base64/],
    ['@ DNSKEY 257 3 FOO AwEAAQ==\n', 4, 16, /unknown algorithm 'FOO'/],
    ['@ HTTPS 1 . port=443 port=444\n', 4, 22, /given twice/],
    ['@ HTTPS 1 . mandatory=port\n', 4, 13, /mandatory SVCB parameter is missing/],
    ['@ LOC 91 N 4 E 10\n', 4, 7, /latitude degrees '91'/],
    ['@ TYPE65534 abcd\n', 4, 13, /has no text form/],
    ['@ TYPE65534 \\# 3 abcd\n', 4, 16, /length 3 does not match its 2 octets/],
    ['@ A \\# 0\n', 4, 8, /A record data cannot be empty/],
    ['@ TYPE65536 \\# 0\n', 4, 3, /unknown record type 'TYPE65536'/],
    ['@ WKS 192.0.2.1 6 smtp\n', 4, 3, /unknown record type 'WKS'/], // BIND knows WKS; Knot 3.2 does not
    // Names and numbers.
    [`${'a'.repeat(64)} A 192.0.2.1\n`, 4, 1, /label over 63 octets/],
    [`${'abcdefghi.'.repeat(25)}abcde A 192.0.2.1\n`, 4, 1, /is over 255 octets/],
    ['a\\256b A 192.0.2.1\n', 4, 1, /escape \\256 is over 255/], // kzonecheck accepts it (the octet wraps to 0)
    ['café A 192.0.2.1\n', 4, 1, /non-ASCII character 'é'/],
    ['www 4294967296 A 192.0.2.1\n', 4, 5, /TTL '4294967296' is over 4294967295 seconds/],
    ['www 1h30 A 192.0.2.1\n', 4, 5, /ends with a number without a unit/],
    ['www CH A 192.0.2.1\n', 4, 5, /class CH is not supported/],
    // Lexical.
    ['www A (192.0.2.1\n', 4, 7, /'\(' is never closed/],
    ['www A 192.0.2.1 )\n', 4, 17, /'\)' without a matching '\('/],
    ['www A ( 192.0.2.1 ( ) )\n', 4, 19, /do not nest/],
    ['www A 192.0.2.1\r\n', 4, 16, /CRLF line endings/],
    ['$INCLUDE other.zone\n', 4, 1, /\$INCLUDE needs files to read/],
    ['$FOO bar\n', 4, 1, /unknown directive \$FOO/],
    [' $TTL 300\n', 4, 2, /unknown record type '\$TTL'/],
    ['$TTL 300 extra\n', 4, 10, /unexpected 'extra' after the \$TTL value/],
    ['$TTL 1h30\n', 4, 6, /\$TTL '1h30'/],
  ] as [string, number, number | undefined, RegExp][])('refuses %j', (text, line, column, re) => {
    const e = refusal(() => zone(text));
    expect(e.file).toBe('example.com.zone');
    expect({ line: e.line, column: e.column }).toEqual({ line, column });
    expect(e.detail).toMatch(re);
    expect(e.message).toBe(
      `example.com.zone:${line}${column === undefined ? '' : `:${column}`}: ${e.detail}`,
    );
  });

  it('refuses a record without an owner at the start of a file, and relative names without an origin', () => {
    expect(refusal(() => parseZone(' A 192.0.2.1\n', { origin: 'example.com' })).detail).toMatch(
      /no owner name \(its line starts with white space\)/,
    );
    expect(refusal(() => parseZone('www A 192.0.2.1\n')).detail).toMatch(
      /relative name 'www' used before any origin is known/,
    );
    expect(refusal(() => parseZone('; nothing\n')).message).toBe(
      'zone:0: no origin: pass { origin } or start the file with $ORIGIN',
    );
  });
});

describe('what Knot loads with a warning', () => {
  it('warns about missing NS and missing glue in a complete zone (kzonecheck refuses them, knotd loads them)', () => {
    const z = parseZone('@ SOA ns1 h 1 2 3 4 5\nwww A 192.0.2.1\n', { origin: 'example.com' });
    expect(z.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(
        /^the zone has no NS record at its origin example\.com: BIND and kzonecheck refuse it/,
      ),
    ]);
    const glue = zone('sub NS ns.sub\nsub2 NS ns.other.net.\n');
    expect(glue.warnings).toEqual([
      {
        line: 4,
        message: expect.stringMatching(
          /^missing glue: the NS target ns\.sub\.example\.com of sub\.example\.com is inside the zone but has no A or AAAA record/,
        ),
      },
    ]);
    // A fragment (no SOA) is not a complete zone: no NS or glue checks.
    expect(parseZone('sub NS ns.sub\n', { origin: 'example.com' }).warnings).toEqual([]);
  });

  it('warns about a DS digest that does not fit its type, and an SOA below the apex', () => {
    const z = zone('sub NS ns.other.net.\nsub DS 1 8 2 abcd\nx SOA a b 1 2 3 4 5\n');
    expect(z.warnings.map((w) => w.line)).toEqual([5, 6]);
    expect(z.warnings[0]!.message).toMatch(/DS digest of 2 octets does not fit digest type 2 \(32 octets\)/);
    expect(z.warnings[1]!.message).toMatch(/SOA record for x\.example\.com is not at the zone origin/);
  });

  it('repeats the previous owner on a line that starts with white space', () => {
    expect(zone(' TXT "owner omitted"\n').records[3]).toMatchObject({ name: 'ns1.example.com', type: 'TXT' });
  });

  it('accepts a quoted string across lines inside parentheses (Knot; BIND refuses it)', () => {
    const z = zone('@ TXT ( "v=spf1\n-all" )\n');
    expect(z.records[3]!.data).toEqual(['v=spf1\n-all']);
  });
});

describe('error messages quote long tokens in part', () => {
  const parse = (text: string) => () => parseZone(text, { origin: 'example.com', file: 'big.zone' });

  it('cuts a token over 100 characters, saying how long it was', () => {
    const name = `MY_SECRET=${'h'.repeat(200_000)}`;
    const e = refusal(parse(`${name} A 192.0.2.1\n`));
    expect(e.detail).toBe(
      `invalid domain name '${name.slice(0, 100)}... (200010 characters)': character '=' (escape it as \\=)`,
    );
    const ttl = refusal(parse(`www ${'9'.repeat(5_000)}x A 192.0.2.1\n`));
    expect(ttl.message.length).toBeLessThan(300);
    expect(ttl.detail).toContain('... (5001 characters)');
  });

  it('quotes a short token whole', () => {
    expect(refusal(parse('bad=name A 192.0.2.1\n')).detail).toContain("'bad=name'");
  });
});
