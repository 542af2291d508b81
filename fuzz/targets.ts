/**
 * The fuzzing targets: every parser of untrusted input, each with an input generator (fast-check) that mixes
 * random text, the target's own vocabulary (tags, terms, separators) and adversarial shapes (long runs of one
 * character, deep nesting, long runs of separators), and the errors the parser may throw by design (its typed
 * errors; any other exception is a bug). Used by fuzz/worker.ts; see fuzz/README.md.
 */

import fc from 'fast-check';
import { parseAuthResultsValue } from '../src/arc/aar.js';
import { parseBimiRecord } from '../src/bimi/record.js';
import { parseDkimKeyRecord } from '../src/dkim/record.js';
import { parseDkimSignature } from '../src/dkim/signature.js';
import { extractAuthorDomain } from '../src/dmarc/author.js';
import { parseDmarcRecord } from '../src/dmarc/record.js';
import { parseZone, ZoneParseError } from '../src/dns/zonefile.js';
import { zoneResolver } from '../src/dns/zones.js';
import { MessageInputError } from '../src/mail/message-input.js';
import { listUnsubscribeUris } from '../src/message/bulk-sender.js';
import { envelopeFromHeaders, parseReceived } from '../src/message/envelope.js';
import { verifyMessage } from '../src/message/verify.js';
import { parseStsPolicy } from '../src/mtasts/policy.js';
import { parseStsRecord } from '../src/mtasts/record.js';
import { PolicyError, parsePolicy } from '../src/policy/load.js';
import { parseAggregateXml } from '../src/reports/aggregate-xml.js';
import { ReportReadError } from '../src/reports/errors.js';
import { parseTlsReport } from '../src/reports/tlsrpt-json.js';
import { parseSpfRecord } from '../src/spf/record.js';
import { parseTlsRptRecord } from '../src/tlsrpt/record.js';

/** One fuzzing target. */
export interface FuzzTarget {
  /** Its name (`--target NAME`). */
  name: string;
  /** What it parses. */
  what: string;
  /** The input generator. */
  input: fc.Arbitrary<string>;
  /** Runs the parser on one input (may be async). */
  run: (input: string) => unknown;
  /** True for an error the parser throws by design (a typed error); any other is a bug. */
  expected?: (err: unknown) => boolean;
}

/** Characters that break parsers: separators, quotes, brackets, escapes, white space, control and non-ASCII. */
const AWKWARD = [
  ' ',
  '\t',
  '\r\n',
  '\n',
  '\r',
  ';',
  ':',
  ',',
  '=',
  '.',
  '-',
  '/',
  '\\',
  '"',
  "'",
  '(',
  ')',
  '<',
  '>',
  '[',
  ']',
  '{',
  '}',
  '%',
  '@',
  '$',
  '#',
  '&',
  '*',
  '+',
  '!',
  '|',
  '\u0000',
  '\u007f',
  'é',
  '\u00a0',
  '\u2028',
  '😀',
  'a',
  'Z',
  '0',
];

/** A long run of one awkward character or short pattern (what quadratic regular expressions choke on). */
const run: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...AWKWARD),
      fc.constantFrom('( ', ' )', '<a', 'a.', '.a', '=a;', ' \t', 'a@', '%{', '--', '\\\\', '"\\'),
    ),
    fc.integer({ min: 100, max: 60_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** Nesting: `open` n times, some text, `close` n times (or not closed). */
const nesting: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(['(', ')'], ['<', '>'], ['"', '"'], ['[', ']'], ['{', '}'], ['%{', '}']),
    fc.integer({ min: 10, max: 20_000 }),
    fc.boolean(),
  )
  .map(([[open, close], n, closed]) => `${open!.repeat(n)}x${closed ? close!.repeat(n) : ''}`);

/** Random text: arbitrary UTF-16 units, printable ASCII, or the awkward characters. */
const random: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: fc.constantFrom(...AWKWARD), maxLength: 400 }),
);

/**
 * Text made of the target's vocabulary, random pieces and (sometimes) one adversarial piece, joined with
 * separators: mostly valid-looking input that goes deep into the parser.
 */
function structured(vocabulary: readonly string[], separators: readonly string[] = [' ', ';', '']) {
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...vocabulary) },
    { weight: 2, arbitrary: random },
    { weight: 1, arbitrary: run },
    { weight: 1, arbitrary: nesting },
  );
  return fc
    .tuple(fc.array(piece, { maxLength: 24 }), fc.constantFrom(...separators))
    .map(([pieces, sep]) => pieces.join(sep));
}

/** The input generator of a target: structured input, or pure adversarial shapes, or random text. */
function inputs(vocabulary: readonly string[], separators?: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: structured(vocabulary, separators) },
    { weight: 2, arbitrary: run },
    { weight: 1, arbitrary: nesting },
    { weight: 1, arbitrary: random },
  );
}

const SPF = [
  'v=spf1',
  'V=SPF1',
  'include:_spf.example.com',
  'include:',
  'a',
  'a:mail.example.com/24',
  'mx//64',
  'mx:example.com/24//48',
  'ptr',
  'ptr:example.com',
  'ip4:192.0.2.0/24',
  'ip4:192.0.2.300',
  'ip6:2001:db8::/32',
  'ip6:1::2::3',
  'exists:%{i}.%{h}._spf.example.com',
  'exists:%{ir}.%{v}.%{d2}.example.com',
  '-all',
  '~all',
  '?all',
  '+all',
  'redirect=_spf.example.com',
  'exp=explain.%{d}',
  'unknown=%{l}',
  '%{',
  '%%',
  '%_',
  '%-',
  '%{s1r-.}',
  ':',
  '/',
  '//',
];

const DMARC = [
  'v=DMARC1',
  'v=dmarc1',
  'p=reject',
  'p=none',
  'sp=quarantine',
  'np=reject',
  'pct=50',
  'pct=1000',
  't=y',
  'psd=y',
  'adkim=s',
  'aspf=r',
  'fo=0:1:d:s',
  'rf=afrf',
  'ri=86400',
  'rua=mailto:dmarc@example.com',
  'rua=mailto:a@example.com!10m,mailto:b@example.net',
  'ruf=mailto:f@example.com',
  'x=y',
  '=',
  ';',
  ',',
  '!',
];

const DKIM_SIGNATURE = [
  'v=1',
  'a=rsa-sha256',
  'a=ed25519-sha256',
  'c=relaxed/simple',
  'd=example.com',
  's=selector',
  'h=from:to:subject:date',
  'h=From:From:List-Unsubscribe',
  'bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=',
  'b=dGVzdA==',
  'b= dGVz\r\n\tdA ==',
  'i=@example.com',
  'i=user@sub.example.com',
  'l=0',
  'l=99999999999999999999',
  't=1700000000',
  'x=1',
  'q=dns/txt',
  'z=From:a=3Db|To:c',
  '=?',
];

const DKIM_KEY = [
  'v=DKIM1',
  'k=rsa',
  'k=ed25519',
  'p=',
  'p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
  'p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
  'h=sha256',
  'h=sha1:sha256',
  's=email',
  's=*',
  't=y:s',
  'n=notes',
];

const STS_RECORD = ['v=STSv1', 'id=20240101T000000', 'id=', 'ext=value', 'x=', '=y'];
const STS_POLICY = [
  'version: STSv1',
  'mode: enforce',
  'mode: testing',
  'mx: mail.example.com',
  'mx: *.example.net',
  'max_age: 604800',
  'max_age: 99999999999',
  'unknown: x',
  ':',
  'mx:',
];
const TLSRPT = [
  'v=TLSRPTv1',
  'rua=mailto:tls@example.com',
  'rua=https://report.example.com/v1',
  'rua=mailto:a@example.com,https://b.example.com',
  'x=y',
];
const BIMI = [
  'v=BIMI1',
  'l=https://example.com/logo.svg',
  'a=https://example.com/vmc.pem',
  'l=',
  'a=',
  'avp=brand',
];

const FROM = [
  'user@example.com',
  '"Display, Name" <user@example.com>',
  'Name <a@b.example>',
  '=?utf-8?q?ceo=40bank.example?=',
  '=?utf-8?b?Y2VvQGJhbmsuZXhhbXBsZQ==?=',
  'group: a@x.example, b@y.example;',
  '<@route.example:user@example.com>',
  '(comment) user (more) @ example . com',
  'user@[192.0.2.1]',
  'undisclosed-recipients:;',
  '"quoted\\"local"@example.com',
];
const RECEIVED = [
  'from mail.example.com (mail.example.com [192.0.2.7])',
  'by mx.example.net',
  'with ESMTPS id abc',
  'envelope-from <bounce@example.com>',
  'envelope-from=bounce@example.com',
  'for <user@example.net>',
  '; Mon, 1 Jan 2024 00:00:00 +0000',
  'from [IPv6:2001:db8::1]',
  '(authenticated sender)',
];
const LIST_UNSUBSCRIBE = [
  '<https://example.com/u?id=1>',
  '<mailto:u@example.com?subject=unsubscribe>',
  '<',
  '>',
  ',',
];
const AUTH_RESULTS = [
  'mx.example.net',
  'mx.example.net 1',
  'spf=pass smtp.mailfrom=example.com',
  'dkim=pass header.d=example.com header.s=s1 header.b=abc',
  'dmarc=fail (p=reject) header.from=example.com',
  'arc=pass',
  'none',
  '(comment (nested))',
  'reason="quoted \\" text"',
  'policy.test=x',
];
const ZONE = [
  '$ORIGIN example.com.',
  '$TTL 3600',
  '$INCLUDE other.zone',
  '@ IN SOA ns1 hostmaster 1 7200 900 1209600 300',
  '@ NS ns1',
  '@ MX 10 mail',
  '@ TXT "v=spf1 -all"',
  '_dmarc TXT ( "v=DMARC1;" "p=reject" )',
  'www CNAME @',
  'mail A 192.0.2.25',
  'mail AAAA 2001:db8::25',
  '* TXT "wildcard"',
  'a\\032b TXT "escaped"',
  '"\\"" TXT x',
  '; comment',
  '(',
  ')',
  '1w2d3h TXT x',
];
const POLICY = [
  'version: 1',
  'fail-on: warning',
  'defaults:',
  '  spf:',
  '    all: "-all"',
  '    authorize: [192.0.2.0/24, "include:_spf.google.com"]',
  'domains:',
  '  example.com: {}',
  '  example.com:',
  '    dmarc: { p: reject }',
  'findings:',
  '  spf.lookup-limit: { severity: error }',
  '&a [*a, *a]',
  '*nope',
  '- - - -',
  '{[{[',
  '!!binary',
  '? complex',
];

const AGGREGATE_XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<feedback xmlns="urn:ietf:params:xml:ns:dmarc-2.0">',
  '<feedback>',
  '</feedback>',
  '<version>1.0</version>',
  '<report_metadata><org_name>Example</org_name><email>r@example.net</email><report_id>1</report_id>',
  '<date_range><begin>1767225600</begin><end>1767311999</end></date_range></report_metadata>',
  '<policy_published><domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>',
  '<record><row><source_ip>192.0.2.1</source_ip><count>3</count>',
  '<policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>fail</spf></policy_evaluated></row>',
  '<identifiers><header_from>example.com</header_from><envelope_from>example.com</envelope_from></identifiers>',
  '<auth_results><dkim><domain>example.com</domain><selector>s1</selector><result>pass</result></dkim>',
  '<spf><domain>example.com</domain><result>fail</result></spf></auth_results></record>',
  '<reason><type>forwarded</type><comment></comment></reason>',
  '<!DOCTYPE feedback [<!ENTITY x "xx">]>',
  '&x;',
  '&amp;',
  '<![CDATA[',
  ']]>',
  '<!-- -->',
  '<xs:schema>',
  '-1',
  '99999999999999',
  'PASS',
];
const TLS_JSON = [
  '{',
  '}',
  '[',
  ']',
  '"organization-name": "Example"',
  '"date-range": {"start-datetime": "2026-01-01T00:00:00Z", "end-datetime": "2026-01-01T23:59:59Z"}',
  '"contact-info": "tls@example.net"',
  '"report-id": "r1"',
  '"policies": [',
  '{"policy": {"policy-type": "sts", "policy-string": ["version: STSv1", "mode: enforce"], "policy-domain": "example.com"},',
  '"summary": {"total-successful-session-count": 5, "total-failure-session-count": 1},',
  '"failure-details": [{"result-type": "certificate-expired", "receiving-mx-hostname": "mx.example.com", "failed-session-count": 1}]}',
  ',',
  ':',
  'null',
  '-1e308',
  '"\\u0000"',
];

/** A small message around fuzzed header fields, as `verify` reads it. */
function messageAround(headers: string): string {
  return `Received: from a.example.com (a.example.com [192.0.2.1]) by mx.example.net\r\n${headers}\r\nFrom: a@example.com\r\nSubject: fuzz\r\n\r\nbody\r\n`;
}

const HEADER_NAMES = [
  'From: ',
  'Received: ',
  'Return-Path: ',
  'List-Unsubscribe: ',
  'List-Unsubscribe-Post: ',
  'Authentication-Results: ',
  'ARC-Authentication-Results: ',
  'DKIM-Signature: ',
  'ARC-Seal: ',
  'ARC-Message-Signature: ',
  'Content-Type: ',
];

const offline = zoneResolver(
  [parseZone('@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject"', { origin: 'example.com' })],
  {
    offline: true,
  },
);

/** Every target, in the order `npm run fuzz` runs them. */
export const TARGETS: FuzzTarget[] = [
  {
    name: 'spf-record',
    what: 'SPF record (RFC 7208)',
    input: inputs(SPF, [' ', '  ', '']),
    run: parseSpfRecord,
  },
  {
    name: 'dmarc-record',
    what: 'DMARC record (RFC 9989)',
    input: inputs(DMARC, ['; ', ';', ' ']),
    run: parseDmarcRecord,
  },
  {
    name: 'dkim-signature',
    what: 'DKIM-Signature field value (RFC 6376 §3.5)',
    input: inputs(DKIM_SIGNATURE, ['; ', ';', ';\r\n\t']),
    run: parseDkimSignature,
  },
  {
    name: 'dkim-key',
    what: 'DKIM key record (RFC 6376 §3.6.1)',
    input: inputs(DKIM_KEY, ['; ', ';']),
    run: parseDkimKeyRecord,
  },
  {
    name: 'mtasts-record',
    what: 'MTA-STS TXT record (RFC 8461 §3.1)',
    input: inputs(STS_RECORD, ['; ', ';']),
    run: parseStsRecord,
  },
  {
    name: 'mtasts-policy',
    what: 'MTA-STS policy file (RFC 8461 §3.2)',
    input: inputs(STS_POLICY, ['\r\n', '\n']),
    run: parseStsPolicy,
  },
  {
    name: 'tlsrpt-record',
    what: 'TLS-RPT record (RFC 8460 §3)',
    input: inputs(TLSRPT, ['; ', ';']),
    run: parseTlsRptRecord,
  },
  { name: 'bimi-record', what: 'BIMI record', input: inputs(BIMI, ['; ', ';']), run: parseBimiRecord },
  {
    name: 'from',
    what: 'From field (RFC 5322 §3.6.2, the Author Domain)',
    input: inputs(FROM, [', ', ' ', '']),
    run: (v) => extractAuthorDomain([v]),
  },
  {
    name: 'received',
    what: 'Received field (RFC 5321 §4.4) and Return-Path',
    input: inputs(RECEIVED, [' ', '\r\n\t', '']),
    run: (v) => {
      parseReceived(v);
      envelopeFromHeaders([
        { name: 'Received', key: 'received', value: v },
        { name: 'Return-Path', key: 'return-path', value: v },
      ]);
    },
  },
  {
    name: 'list-unsubscribe',
    what: 'List-Unsubscribe field (RFC 2369)',
    input: inputs(LIST_UNSUBSCRIBE, [', ', '']),
    run: listUnsubscribeUris,
  },
  {
    name: 'auth-results',
    what: 'Authentication-Results field (RFC 8601)',
    input: inputs(AUTH_RESULTS, ['; ', ';', ' ']),
    run: parseAuthResultsValue,
  },
  {
    name: 'message',
    what: 'a whole message through verifyMessage (offline zones)',
    input: fc
      .array(
        fc.tuple(
          fc.constantFrom(...HEADER_NAMES),
          inputs([...FROM, ...RECEIVED, ...AUTH_RESULTS, ...DKIM_SIGNATURE]),
        ),
        {
          maxLength: 4,
        },
      )
      .map((fields) => messageAround(fields.map(([n, v]) => `${n}${v}`).join('\r\n'))),
    run: (raw) =>
      verifyMessage(raw, {
        resolver: offline,
        trustReceived: true,
        authservId: 'mx.example.net',
        now: new Date(0),
      }),
    expected: (err) => err instanceof MessageInputError,
  },
  {
    name: 'zone-file',
    what: 'RFC 1035 zone file (parseZone, the zone resolver)',
    input: inputs(ZONE, ['\n', '\r\n', ' ']),
    run: async (text) => {
      const zone = parseZone(text, { origin: 'example.com', file: 'fuzz.zone' });
      const resolver = zoneResolver([zone], { offline: true });
      await resolver.query('example.com', 'TXT');
      await resolver.query('www.example.com', 'A');
    },
    expected: (err) => err instanceof ZoneParseError,
  },
  {
    name: 'aggregate-xml',
    what: 'DMARC aggregate report XML (RFC 9990, RFC 7489; parseAggregateXml)',
    input: inputs(AGGREGATE_XML, ['', '\n', ' ']),
    run: (text) => parseAggregateXml(text, 'fuzz.xml'),
    expected: (err) => err instanceof ReportReadError,
  },
  {
    name: 'tls-report',
    what: 'SMTP TLS report JSON (RFC 8460; parseTlsReport)',
    input: inputs(TLS_JSON, ['', ' ', ',']),
    run: (text) => parseTlsReport(text, 'fuzz.json'),
    expected: (err) => err instanceof ReportReadError,
  },
  {
    name: 'policy',
    what: 'policy file (YAML/JSON)',
    input: inputs(POLICY, ['\n', '\n  ', ' ']),
    run: (text) => parsePolicy(text, { file: 'fuzz.yml' }),
    expected: (err) => err instanceof PolicyError,
  },
];
