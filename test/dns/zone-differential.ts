/**
 * The zone-file differential: a seeded generator of realistic zone files (the records of the sample zones and of
 * shared/realworld/records.json, and the other types a DNS-as-code repository holds) with mutations, valid and
 * broken, and the runners of Knot's `kzonecheck` and BIND's `named-checkzone`, each started once per batch.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';

/** One generated case: a directory of files, the zone file `<origin>.zone` and any `$INCLUDE`d files. */
export interface ZoneCase {
  id: string;
  origin: string;
  /** File name -> content; the zone file is `${origin}.zone`. */
  files: Record<string, string>;
  /** The mutations applied, in order (empty: the unchanged realistic zone). */
  mutations: string[];
}

/** A peer's verdict on one case. */
export interface PeerVerdict {
  accept: boolean;
  /** What the peer printed (its reasons). */
  output: string;
}

const ORIGINS = ['example.com', 'mail.example.org', 'acme.test', 'shop.example'];

/** SPF, DMARC, BIMI and DKIM values as published (shared/realworld/records.json). */
const REALWORLD: { name: string; type: string; value: string }[] = JSON.parse(
  readFileSync('/work/shared/realworld/records.json', 'utf8'),
);

/** A TXT value as quoted character-strings of at most 255 octets (split at 200, as providers do). */
function quoted(value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 200) parts.push(value.slice(i, i + 200));
  return parts.map((p) => `"${p.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(' ');
}

const HEX64 = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const DNSKEY = 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==';
const DKIM_P = REALWORLD.find((r) => r.name.endsWith('_domainkey.gmail.com'))!.value;

/** The realistic records of a zone (relative owners), each a list of lines that belong together. */
function pool(origin: string): string[][] {
  const txt = REALWORLD.filter((r) => r.type === 'TXT').map((r) => r.value);
  return [
    ['@        IN MX 10 mail', 'mail     IN A 192.0.2.25', 'mail     IN AAAA 2001:db8::25'],
    ['@        3600 IN MX 20 mx.provider.net.'],
    ['www      IN A 192.0.2.80', 'www      IN AAAA 2001:DB8:0:0::80'],
    [`@        IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.google.com -all"`],
    ...txt.slice(0, 6).map((v, i) => [`spf${i}    IN TXT ${quoted(v)}`]),
    [`_dmarc   IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@${origin}"`],
    [`s1._domainkey IN TXT ( "v=DKIM1; " ${quoted(DKIM_P)} )`],
    [
      '_mta-sts IN TXT "v=STSv1; id=20240101T000000"',
      `_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls@${origin}"`,
    ],
    [`default._bimi IN TXT "v=BIMI1; l=https://${origin}/logo.svg"`],
    ['@        IN CAA 0 issue "letsencrypt.org"', `@        IN CAA 0 iodef "mailto:security@${origin}"`],
    ['_sip._tcp IN SRV 10 5 5060 sip', 'sip      IN A 192.0.2.60'],
    [`_25._tcp.mail IN TLSA 3 1 1 ${HEX64}`],
    ['sub      IN NS ns.sub', 'ns.sub   IN A 192.0.2.99', `sub      IN DS 2371 13 2 ${HEX64}`],
    [`@        IN DNSKEY 257 3 13 ${DNSKEY}`],
    ['alias    IN CNAME www', 'ext      IN CNAME target.provider.net.'],
    ['*.wild   IN A 192.0.2.7', 'host.wild IN TXT "exists"'],
    ['@        IN HTTPS 1 . alpn="h2,h3" port=443'],
    ['opaque   IN TYPE65534 \\# 4 0a000001'],
    ['@        IN SPF "v=spf1 -all"'],
    ['ttl1     300 IN A 192.0.2.81', 'ttl2     IN 1h A 192.0.2.82', 'ttl3     1W2d A 192.0.2.83'],
    ['multi    IN TXT ( "v=spf1 ip4:192.0.2.0/24" ; a comment', '           " -all" )'],
    ['esc      IN TXT "caf\\195\\169 \\"quoted\\" back\\\\slash"'],
    [
      'info     IN HINFO "x86_64" "Linux"',
      'naptr    IN NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .',
    ],
    ['         IN TXT "owner of the line before"'],
    [`abs.${origin}. IN A 192.0.2.90`],
  ];
}

/** The head of every zone: SOA, NS and glue, so kzonecheck sees a complete zone. */
function head(origin: string): string[] {
  return [
    `$ORIGIN ${origin}.`,
    '$TTL 3600',
    `@ IN SOA ns1.${origin}. hostmaster.${origin}. ( 2024010101 7200 3600 1209600 300 )`,
    '@ IN NS ns1',
    '@ IN NS ns2.provider.net.',
    'ns1 IN A 192.0.2.53',
  ];
}

/** One mutation: a kind and numbers that pick where and how. */
interface Mutation {
  kind: (typeof KINDS)[number];
  at: number;
  variant: number;
}

/** The mutation kinds (valid changes and broken ones). */
export const KINDS = [
  'unterminate-quote',
  'repeat-class',
  'repeat-type',
  'misspell-type',
  'garbage-line',
  'cname-beside-data',
  'two-cnames',
  'out-of-zone',
  'relative-origin',
  'bad-origin',
  'bad-ipv4',
  'bad-ipv6',
  'bad-mx',
  'long-txt',
  'paren',
  'escape',
  'generic-rdata',
  'ttl',
  'class',
  'crlf',
  'non-ascii',
  'include',
  'generate',
  'delete-line',
  'dname',
  'other-type-rdata',
  'remove-glue',
  'remove-soa',
  'directive',
  'name',
  'case',
  'quoted-newline',
  'delegation-data',
  'duplicate',
  'char',
  'char',
  'char',
] as const;

/** Characters the `char` mutation inserts or substitutes: the zone syntax's own, and some others. */
const CHARS = [
  '"',
  '(',
  ')',
  ';',
  '\\',
  ' ',
  '\t',
  '.',
  '@',
  '$',
  '0',
  '9',
  'a',
  'Z',
  '*',
  '-',
  '_',
  '/',
  ':',
  '=',
  '#',
  ',',
  '\\0',
  '\\256',
  'é',
];

const pick = <T>(xs: readonly T[], n: number): T => xs[n % xs.length]!;

/** Indexes of record lines (not directives, comments or continuation lines). */
function recordLines(lines: readonly string[]): number[] {
  return lines
    .map((l, i) => [l, i] as const)
    .filter(([l]) => l !== '' && !l.startsWith('$') && !l.startsWith(' ') && !l.startsWith(';'))
    .map(([, i]) => i);
}

/** Splits a record line into owner and the rest (after the owner's white space). */
function splitOwner(line: string): [string, string] {
  const m = /^(\S+)(\s+)(.*)$/.exec(line);
  return m ? [m[1]!, m[3]!] : [line, ''];
}

function apply(c: ZoneCase, lines: string[], m: Mutation): string[] {
  const recs = recordLines(lines);
  const at = recs.length > 0 ? pick(recs, m.at) : lines.length - 1;
  const out = [...lines];
  const line = out[at] ?? '';
  const [owner, rest] = splitOwner(line);
  const v = m.variant;
  switch (m.kind) {
    case 'unterminate-quote': {
      const i = out.findIndex((l, k) => k >= at && /TXT "/.test(l) && !/\(/.test(l));
      if (i >= 0) out[i] = out[i]!.replace(/"\s*$/, '');
      if (v % 2 === 0) out.push('after._domainkey IN TXT "v=DKIM1; p=abc"');
      return out;
    }
    case 'repeat-class':
      out[at] = line.replace(/ IN /, ' IN IN ');
      return out;
    case 'repeat-type':
      out.push(pick(['www2 IN A A 192.0.2.5', 'txt2 TXT TXT "x"', 'mx2 MX MX 10 mail'], v));
      return out;
    case 'misspell-type':
      out.push(
        pick(
          [
            '@ IN TXTT "v=spf1 -all"',
            'w IN AAA ::1',
            'm IN MXX 10 mail',
            'c CNAM www',
            'x IN WKS 192.0.2.1 6 smtp',
            'y IN TYPE65536 \\# 0',
          ],
          v,
        ),
      );
      return out;
    case 'garbage-line':
      out.splice(
        at,
        0,
        pick(['garbage line here with no type', 'just-a-word', 'www IN', 'www 300', '@ IN 300 IN'], v),
      );
      return out;
    case 'cname-beside-data':
      out.push(`${owner === '@' || owner === '' ? 'www' : owner} IN CNAME other.provider.net.`);
      return out;
    case 'two-cnames':
      out.push(
        'twice IN CNAME a.provider.net.',
        pick(['twice IN CNAME b.provider.net.', 'twice IN CNAME a.provider.net.'], v),
      );
      return out;
    case 'out-of-zone':
      out.push(
        pick(
          [
            'www.other.net. IN A 192.0.2.1',
            '$ORIGIN vendor.test.\nspf IN TXT "v=spf1 -all"',
            '. IN TXT "root"',
          ],
          v,
        ),
      );
      return out;
    case 'relative-origin':
      out.push(pick(['$ORIGIN sub', '$ORIGIN sub\nx IN A 192.0.2.1'], v));
      return out;
    case 'bad-origin':
      out.push(
        pick(
          [
            '$ORIGIN a..b.',
            '$ORIGIN',
            `$ORIGIN ${c.origin}. extra`,
            '$ORIGIN @',
            `$ORIGIN sub.${c.origin}.\nx IN A 192.0.2.1`,
            '$ORIGIN .\nx.example. IN A 192.0.2.1',
          ],
          v,
        ),
      );
      return out;
    case 'bad-ipv4':
      out.push(
        pick(
          [
            'b4 IN A 300.1.1.1',
            'b4 IN A 01.2.3.4',
            'b4 IN A 1.2.3',
            'b4 IN A 192.0.2.1 extra',
            'b4 IN A',
            'b4 IN A 192.0.2.1 ; fine',
          ],
          v,
        ),
      );
      return out;
    case 'bad-ipv6':
      out.push(
        pick(
          [
            'b6 IN AAAA 2001:db8:::1',
            'b6 IN AAAA 192.0.2.1',
            'b6 IN AAAA fe80::1%eth0',
            'b6 IN AAAA ::ffff:192.0.2.1',
            'b6 IN AAAA 2001:DB8::1',
          ],
          v,
        ),
      );
      return out;
    case 'bad-mx':
      out.push(
        pick(
          [
            '@ IN MX 65536 mail',
            '@ IN MX 10',
            '@ IN MX mail 10',
            '@ IN MX -1 mail',
            '@ IN MX 0 .',
            '@ IN MX 10 mail extra',
          ],
          v,
        ),
      );
      return out;
    case 'long-txt':
      out.push(`long IN TXT "v=spf1 ${'ip4:192.0.2.1 '.repeat(20 + (v % 30))}-all"`);
      return out;
    case 'paren':
      out.push(
        pick(
          [
            'p IN A ( 192.0.2.1',
            'p IN A 192.0.2.1 )',
            'p IN A ( 192.0.2.1 ( ) )',
            'p IN ( A\n 192.0.2.1 )',
            'p ( IN A 192.0.2.1 )',
          ],
          v,
        ),
      );
      return out;
    case 'escape':
      out.push(
        pick(
          [
            'e IN TXT "\\065\\066"',
            'e IN TXT "a\\256"',
            'e\\046dot IN A 192.0.2.1',
            'e\\256 IN A 192.0.2.1',
            'e IN TXT "a\\0"',
            'e IN TXT a\\ b',
            'e\\:colon IN A 192.0.2.1',
          ],
          v,
        ),
      );
      return out;
    case 'generic-rdata':
      out.push(
        pick(
          [
            'g IN TYPE65534 \\# 2 abcd',
            'g IN TYPE65534 \\# 3 abcd',
            'g IN TYPE16 \\# 4 03616263',
            'g IN A \\# 4 c0000201',
            'g IN A \\# 0',
            'g IN TYPE65280 \\# 0',
            'g IN TYPE65534 abcd',
            'g IN TXT \\# 2 0161',
          ],
          v,
        ),
      );
      return out;
    case 'ttl':
      out.push(
        pick(
          [
            't 1h30 IN A 192.0.2.1',
            't 4294967296 IN A 192.0.2.1',
            't 4294967295 IN A 192.0.2.1',
            '$TTL 1d',
            '$TTL 1h30',
            '$TTL',
            't 300 300 A 192.0.2.1',
            't 1w2d3h4m5s A 192.0.2.1',
          ],
          v,
        ),
      );
      return out;
    case 'class':
      out.push(pick(['c CH A 192.0.2.1', 'c CLASS1 A 192.0.2.1', 'c in a 192.0.2.1', 'c HS TXT "x"'], v));
      return out;
    case 'crlf':
      return v % 2 === 0
        ? out.map((l) => `${l}\r`)
        : [...out.slice(0, at), `${line}\r`, ...out.slice(at + 1)];
    case 'non-ascii':
      out.push(pick(['n IN TXT "café"', 'café IN A 192.0.2.1', 'n IN TXT "ok" ; commentaire é'], v));
      return out;
    case 'include': {
      const name = pick(['part.inc', 'sub/part.inc'], v);
      c.files[name] = pick(
        [
          'inc IN TXT "included"\n',
          ' IN TXT "blank owner"\n',
          '$ORIGIN other.test.\nx IN A 192.0.2.1\n',
          'inc IN A 300.0.0.1\n',
        ],
        v >> 1,
      );
      out.push(
        pick(
          [
            `$INCLUDE ${name}`,
            `$INCLUDE ${name} sub.${c.origin}.`,
            '$INCLUDE missing.inc',
            `$INCLUDE ${name} relative`,
          ],
          v >> 3,
        ),
      );
      return out;
    }
    case 'generate':
      out.push(
        pick(
          [
            '$GENERATE 1-4 host$ A 192.0.2.$',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: BIND's $GENERATE modifier syntax
            '$GENERATE 1-3 ${0,3,d}.gen A 192.0.2.$',
            '$GENERATE 1-2 g$ CNAME www',
          ],
          v,
        ),
      );
      return out;
    case 'delete-line':
      out.splice(pick([...out.keys()], v), 1);
      return out;
    case 'dname':
      out.push(
        pick(
          [
            'dn IN DNAME other.test.',
            'dn IN DNAME other.test.\nx.dn IN A 192.0.2.1',
            'dn IN DNAME a.test.\ndn IN DNAME b.test.',
            'dn IN DNAME a.test.\ndn IN NS ns1',
          ],
          v,
        ),
      );
      return out;
    case 'other-type-rdata':
      out.push(
        pick(
          [
            '@ IN CAA 256 issue "x"',
            '@ IN CAA 0 issue',
            '_s._tcp IN SRV 0 5 5060',
            '_s._tcp IN SRV 0 5 70000 sip',
            `_t._tcp IN TLSA 3 1 1 ${HEX64.slice(0, 63)}`,
            '_t._tcp IN TLSA 3 1 1 xyz0',
            'sub IN DS 1 8 2 abcd',
            `sub IN DS 1 8 3 ${HEX64}`,
            '@ IN DNSKEY 257 3 13 AwEAAQ',
            '@ IN DNSKEY 257 3 FOO AwEAAQ==',
            '@ IN HTTPS 1 . port=443 port=444',
            '@ IN HTTPS 1 . mandatory=port',
            '@ IN LOC 91 N 4 E 10',
            '@ IN SSHFP 1 1 123456789abcdef67890123456789abcdef67890',
            '@ IN HINFO "only-one"',
            '@ IN URI 10 1 "https://example.net/"',
          ],
          v,
        ),
      );
      return out;
    case 'remove-glue':
      return out.filter((l) => !/^ns1 IN A /.test(l) && !/^ns\.sub /.test(l));
    case 'remove-soa':
      return out.filter((l) => !/ SOA /.test(l));
    case 'directive':
      out.push(pick(['$FOO bar', ' $TTL 300', '$TTL 300 extra', '$ttl 300', '$origin sub.example.net.'], v));
      return out;
    case 'name':
      out.push(
        pick(
          [
            `${'a'.repeat(64)} IN A 192.0.2.1`,
            `${'abcdefghi.'.repeat(25)}x IN A 192.0.2.1`,
            'a..b IN A 192.0.2.1',
            '@.x IN A 192.0.2.1',
            'under_score IN A 192.0.2.1',
            'x IN CNAME foo:bar',
          ],
          v,
        ),
      );
      return out;
    case 'case':
      out[at] = `${owner.toUpperCase()} ${rest.toLowerCase()}`;
      return out;
    case 'quoted-newline':
      out.push(pick(['q IN TXT ( "v=spf1\n-all" )', 'q IN TXT "v=spf1\n-all"'], v));
      return out;
    case 'delegation-data':
      out.push(pick(['x.sub IN TXT "occluded"', 'sub IN TXT "at the cut"', 'sub IN CNAME www'], v));
      return out;
    case 'duplicate':
      if (line) out.push(line);
      return out;
    case 'char': {
      // Insert, replace or delete one character somewhere in a record line.
      const pos = line.length === 0 ? 0 : (v >> 2) % line.length;
      const ch = pick(CHARS, v >> 5);
      const op = v % 3;
      out[at] =
        op === 0
          ? line.slice(0, pos) + ch + line.slice(pos)
          : op === 1
            ? line.slice(0, pos) + ch + line.slice(pos + 1)
            : line.slice(0, pos) + line.slice(pos + 1);
      return out;
    }
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...KINDS),
  at: fc.nat(1000),
  variant: fc.nat(1000),
});

const scenario = fc.record({
  origin: fc.nat(ORIGINS.length - 1),
  records: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
  mutations: fc.oneof(
    { weight: 1, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.array(mutation, { minLength: 2, maxLength: 3 }) },
  ),
});

/** `count` generated cases from a fixed seed (deterministic). */
export function generateZoneCases(count: number, seed: number): ZoneCase[] {
  return fc.sample(scenario, { seed, numRuns: count }).map((s, i) => {
    const origin = ORIGINS[s.origin]!;
    const c: ZoneCase = {
      id: `zone-${seed}-${i}`,
      origin,
      files: {},
      mutations: s.mutations.map((m) => m.kind),
    };
    const records = pool(origin).filter((_, k) => s.records[k % s.records.length]);
    let lines = [...head(origin), ...records.flat()];
    for (const m of s.mutations) lines = apply(c, lines, m).flatMap((l) => l.split('\n'));
    c.files[`${origin}.zone`] = `${lines.join('\n')}\n`;
    return c;
  });
}

/** Writes each case into `dir/<id>/`. */
export async function writeCases(dir: string, cases: readonly ZoneCase[]): Promise<void> {
  for (const c of cases) {
    for (const [name, text] of Object.entries(c.files)) {
      const file = join(dir, c.id, name);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, text);
    }
  }
}

/** True when a program is on PATH. */
export function have(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}
