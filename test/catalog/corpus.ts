/**
 * The findings corpus: fixtures that together produce (nearly) every finding of the catalog, each through the
 * real entry point that produces it in use (domain audits, the SPF analysis, the DMARC record parser, message
 * verification, ARC validation, the policy gate). `coverage.test.ts` checks that every catalog id is produced
 * here (or is on its allow-list, with a reason) and that every finding produced carries its catalog entry's
 * severity, RFC section and remediation.
 *
 * Adding a finding: add the input that produces it here, next to the fixtures of its area (the comment says
 * which id each entry is for).
 */

import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sealMessage } from 'mailauth';
import { type AuditOptions, auditDomain, type DomainReport } from '../../src/audit/audit.js';
import { parseDmarcRecord } from '../../src/dmarc/record.js';
import { overlayResolver } from '../../src/dns/overlay.js';
import type { Resolver, RRType } from '../../src/dns/resolver.js';
import { loadZonePaths, parseZone, type Zone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import type { Finding } from '../../src/findings/finding.js';
import { type FetchResult, fetchHttps, type HttpsFetch } from '../../src/https/fetch.js';
import { verifyMessage } from '../../src/message/verify.js';
import { gate } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { SpfAttributor } from '../../src/reports/attribution.js';
import { ingestFindings, readinessFindings, whatIfFindings } from '../../src/reports/findings.js';
import { ingestReports, MemorySink } from '../../src/reports/ingest.js';
import { classifyTraffic } from '../../src/reports/inventory.js';
import { assessReadiness } from '../../src/reports/readiness.js';
import type { TrafficRow } from '../../src/reports/traffic.js';
import { whatIf } from '../../src/reports/whatif.js';
import { auditSpf } from '../../src/spf/audit.js';
import { ed25519Key, handSign, keyRecord, message, rsaKey, sign, type TestKey } from '../dkim/helpers.js';
import { failing, txt, zonesOf } from '../support/resolvers.js';
import { ROOT } from '../support/samples.js';

/** One finding as produced, with the fixture that produced it. */
export interface Produced {
  fixture: string;
  finding: Finding;
}

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Every finding in `value`, at any depth: report sections, signatures, gate rules. A finding is an object
 * with an `<area>.<slug>` id, a severity and a message.
 */
export function findingsIn(value: unknown, out: Finding[] = [], seen = new Set<object>()): Finding[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) findingsIn(v, out, seen);
    return out;
  }
  const o = value as Record<string, unknown>;
  if (
    typeof o.id === 'string' &&
    /^[a-z0-9]+\.[a-z0-9-]+$/.test(o.id) &&
    typeof o.severity === 'string' &&
    SEVERITIES.has(o.severity) &&
    typeof o.message === 'string'
  ) {
    out.push(o as unknown as Finding);
  }
  for (const v of Object.values(o)) findingsIn(v, out, seen);
  return out;
}

// ------------------------------------------------------------------------------------------------ keys

const SHOP_RSA = readFileSync(join(ROOT, 'samples/keys/shop.test-2024r.pem'), 'utf8');

/** The sample RSA-2048 key (samples/keys), as a test key. */
function sampleKey(): TestKey {
  const publicKey = createPublicKey(createPrivateKey(SHOP_RSA));
  return {
    privateKey: SHOP_RSA,
    publicKey,
    p: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    type: 'rsa',
  };
}

interface Keys {
  k2048: TestKey;
  k1024: TestKey;
  k512: TestKey;
  ed: TestKey;
}

function keys(): Keys {
  return { k2048: sampleKey(), k1024: rsaKey(1024), k512: rsaKey(512), ed: ed25519Key() };
}

// ------------------------------------------------------------------------------------------------ zones

const SOA = 'SOA ns.corpus.test. hostmaster.corpus.test. 1 7200 900 1209600 300';
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const quoteSplit = (t: string) => (t.match(/.{1,200}/g) ?? []).map((s) => `"${s}"`).join(' ');
function longRecord(bytes: number): string {
  let r = 'v=spf1';
  let i = 0;
  while (r.length < bytes - 20) r += ` ip4:10.${Math.floor(i / 250)}.${i++ % 250}.1`;
  return `${r} -all`;
}
const HUGE = `v=spf1 ${Array.from({ length: 6000 }, (_, i) => `ip4:10.${i >> 8}.${i & 255}.0/24`).join(' ')} -all`;

/** MTA-STS domains: `_mta-sts` record, MX, and the policy host (its answer is in {@link POLICIES}). */
const STS = [
  'sts-tls',
  'sts-redirect',
  'sts-404',
  'sts-big',
  'sts-slow',
  'sts-down',
  'sts-ctype',
  'sts-invalid',
  'sts-syntax',
  'sts-short',
  'sts-testing',
  'sts-none',
  'sts-uncovered',
];

function corpusZone(k: Keys): string {
  return lines(
    '$ORIGIN corpus.test.',
    '$TTL 300',
    `@ ${SOA}`,
    '@ NS ns',
    'ns A 203.0.113.53',
    '@ MX 10 mx',
    'mx A 203.0.113.25',
    'txtonly TXT "no addresses here"',
    ...Array.from({ length: 11 }, (_, i) => `h${i + 1} A 203.0.113.${i + 1}`),
    // --- SPF
    'nospf MX 10 mx', // spf.no-record
    't99 TXT "v=spf1 -all"',
    't99 SPF "v=spf1 -all"', // spf.type99-record
    'two TXT "v=spf1 -all"',
    'two TXT "v=spf1 ~all"', // spf.multiple-records
    'syntax TXT "v=spf1 ip4:192.0.2.1 a:museum -all"', // spf.syntax-error
    `lookups TXT "v=spf1 ${Array.from({ length: 11 }, (_, i) => `a:h${i + 1}.corpus.test`).join(' ')} -all"`, // spf.lookup-limit
    'voids TXT "v=spf1 a:nx1.corpus.test mx:nx2.corpus.test exists:nx3.corpus.test -all"', // spf.void-lookup(-limit)
    'budget TXT "v=spf1 a:gone1.corpus.test mx:mxless.corpus.test exists:%{i}.allow.corpus.test ip4:192.0.2.1 -all"', // spf.void-budget-spent
    'mxless A 203.0.113.50',
    'noaddr TXT "v=spf1 mx -all"',
    'noaddr MX 10 txtonly', // spf.target-no-addresses (and mx.no-address)
    'mx11 TXT "v=spf1 mx -all"',
    ...Array.from({ length: 11 }, (_, i) => `mx11 MX ${i} h${i + 1}`), // spf.mx-too-many-hosts
    'ptr TXT "v=spf1 ptr -all"', // spf.ptr-used
    'passall TXT "v=spf1 +all"', // spf.pass-all
    'everything TXT "v=spf1 ip4:0.0.0.0/1 ip4:128.0.0.0/1 -all"', // spf.authorizes-everything
    'wide TXT "v=spf1 ip4:10.0.0.0/7 -all"', // spf.wide-networks
    'neutral TXT "v=spf1 ip4:192.0.2.1 ?all"', // spf.neutral-all
    'noall TXT "v=spf1 ip4:192.0.2.1"', // spf.no-all
    'redir TXT "v=spf1 ip4:192.0.2.1 -all redirect=neutral.corpus.test"', // spf.redirect-ignored
    'after TXT "v=spf1 -all ip4:192.0.2.1 a"', // spf.terms-after-all
    'noinc TXT "v=spf1 include:txtonly.corpus.test -all"', // spf.include-no-record
    'noredir TXT "v=spf1 redirect=txtonly.corpus.test"', // spf.redirect-no-record
    'loop1 TXT "v=spf1 include:loop2.corpus.test -all"',
    'loop2 TXT "v=spf1 redirect=loop1.corpus.test"', // spf.loop
    // longstr and huge: answered by ORACLE_TXT below (a zone file cannot hold them: servers split a string over
    // 255 octets and refuse RDATA over 65535), for spf.txt-string-too-long and spf.record-too-large
    `big450 TXT ${quoteSplit(longRecord(470))}`, // spf.record-over-450
    `big512 TXT ${quoteSplit(longRecord(600))}`, // spf.record-over-512
    'dup TXT "v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.0/24 ip4:192.0.2.128/25 -all"', // spf.duplicate-term, spf.overlapping-networks
    'macroip TXT "v=spf1 ip4:%{i} -all"', // spf.macro-in-ip
    'unknownmod TXT "v=spf1 ip4:192.0.2.1 foo=bar -all"', // spf.unknown-modifier
    'misplaced TXT "v=spf1 -all"',
    '_dmarc.misplaced TXT "v=spf1 -all"', // spf.misplaced-record (and dmarc.spf-at-dmarc)
    'macros TXT "v=spf1 exists:%{i}._spf.corpus.test include:%{d}.x.corpus.test ip4:192.0.2.1 -all"', // spf.macro-not-checked, spf.not-flattenable
    'cap TXT "v=spf1 a:h1.corpus.test mx:capmx.corpus.test exists:e.corpus.test a:h2.corpus.test include:i1.corpus.test include:i2.corpus.test -all"', // spf.analysis-incomplete
    'capmx MX 0 h1',
    'i1 TXT "v=spf1 ip4:192.0.2.10 -all"',
    'i2 TXT "v=spf1 ip4:192.0.2.20 -all"',
    // --- DMARC (corpus.test publishes none: each name below has its own or none)
    'apex TXT "v=DMARC1; p=reject"',
    '_dmarc.apex TXT "v=spf1 -all"', // dmarc.no-record, dmarc.record-at-apex, dmarc.spf-at-dmarc
    '_dmarc.multi TXT "v=DMARC1; p=reject"',
    '_dmarc.multi TXT "v=DMARC1; p=none"', // dmarc.multiple-records
    '_dmarc.lint TXT "v=DMARC1; p=none; sp=none; np=none; t=y; pct=20; rf=afrf; ri=3600"', // dmarc.historic-tag, .no-rua, .pct-partial, .policy-none, .testing
    '_dmarc.weak TXT "v=DMARC1; p=reject; sp=quarantine; np=none; rua=mailto:a@corpus.test,mailto:b@corpus.test,mailto:c@corpus.test"', // dmarc.np-weaker, .subdomain-policy-weaker, .too-many-uris
    // --- DKIM keys at the domain (audited with the selectors of DK_SELECTORS)
    `good._domainkey.dk TXT ${txt(keyRecord(k.k2048))}`,
    '_dmarc.dk TXT "v=DMARC1; p=reject; rua=mailto:d@corpus.test"',
    'revoked._domainkey.dk TXT "v=DKIM1; k=rsa; p="', // dkim.selector-revoked
    `short._domainkey.dk TXT ${txt(keyRecord(k.k1024))}`, // dkim.rsa-key-below-2048
    `weak._domainkey.dk TXT ${txt(keyRecord(k.k512))}`, // dkim.rsa-key-too-short
    `sha1only._domainkey.dk TXT ${txt(keyRecord(k.k2048, 'h=sha1; '))}`, // dkim.key-sha1-only
    `unkhash._domainkey.dk TXT ${txt(keyRecord(k.k2048, 'h=sha256:sha512; '))}`, // dkim.key-unknown-hash
    `lint._domainkey.dk TXT ${txt(`k=rsa; v=DKIM1; p=${k.k2048.p}`)}`, // dkim.key-record-lint
    'unktype._domainkey.dk TXT "v=DKIM1; k=dsa; p=AAAA"', // dkim.key-unknown-type
    'malformed._domainkey.dk TXT "v=DKIM1; k=rsa; p=AAAA"', // dkim.key-malformed
    'cname._domainkey.dk CNAME good._domainkey.dk', // dkim.key-cname
    `testing._domainkey.dk TXT ${txt(keyRecord(k.k2048, 't=y; '))}`, // dkim.key-testing
    `multi._domainkey.dk TXT ${txt(keyRecord(k.k2048))}`,
    `multi._domainkey.dk TXT ${txt(keyRecord(k.k1024))}`, // dkim.multiple-key-records
    '_domainkey.probe TXT "o=~"', // dkim.no-selector-found (probe: _domainkey exists with a legacy DomainKeys policy, no selector)
    // --- MX (reverse zone: 113.0.203.in-addr.arpa)
    'nullmx MX 0 .', // mx.null-mx
    'nullmx TXT "v=spf1 ip4:192.0.2.1 -all"', // mx.null-mx-spf-authorizes
    'nullmixed MX 0 .',
    'nullmixed MX 10 mx', // mx.null-mx-mixed
    'nullpref MX 10 .', // mx.null-mx-preference
    'mxnoaddr MX 10 txtonly', // mx.no-address
    'mxcname MX 10 mxalias',
    'mxalias CNAME mx', // mx.cname
    'mxip MX 10 203.0.113.5.', // mx.ip-literal
    'mxprivate MX 10 inside',
    'inside A 10.0.0.5', // mx.non-public-address
    'mxnoptr MX 10 bare',
    'bare A 203.0.113.30', // mx.no-ptr
    'mxliar MX 10 liar',
    'liar A 203.0.113.31', // mx.fcrdns-mismatch (PTR other.corpus.test)
    'other A 203.0.113.99',
    // --- MTA-STS (policies in POLICIES)
    ...STS.flatMap((d) => [
      `${d} MX 10 mx`,
      `_mta-sts.${d} TXT "v=STSv1; id=2026010101"`,
      `mta-sts.${d} A 203.0.113.80`,
    ]),
    '_mta-sts.sts-multi TXT "v=STSv1; id=1"',
    '_mta-sts.sts-multi TXT "v=STSv1; id=2"', // mtasts.multiple-records
    '_mta-sts.sts-bad TXT "v=STSv1; id=not-valid!"', // mtasts.invalid-record
    'sts-nohost MX 10 mx',
    '_mta-sts.sts-nohost TXT "v=STSv1; id=1"', // mtasts.policy-host-missing
    // --- TLS-RPT
    '_smtp._tls.rpt-multi TXT "v=TLSRPTv1; rua=mailto:a@corpus.test"',
    '_smtp._tls.rpt-multi TXT "v=TLSRPTv1; rua=mailto:b@corpus.test"', // tlsrpt.multiple-records
    '_smtp._tls.rpt-norua TXT "v=TLSRPTv1;"', // tlsrpt.missing-rua
    '_smtp._tls.rpt-baduri TXT "v=TLSRPTv1; rua=http://tlsrpt.corpus.test/"', // tlsrpt.invalid-rua
    '_smtp._tls.rpt-junk TXT "v=TLSRPTv1; rua=mailto:a@corpus.test; ;oops"', // tlsrpt.invalid-record
    // --- BIMI (assets in ASSETS; no DMARC record: bimi.dmarc-not-enforced)
    'default._bimi.bimi-multi TXT "v=BIMI1; l=https://logo.corpus.test/ok.svg"',
    'default._bimi.bimi-multi TXT "v=BIMI1; l=https://logo.corpus.test/other.svg"', // bimi.multiple-records
    'default._bimi.bimi-bad TXT "v=BIMI1; l=https://logo.corpus.test/ok.svg; l=https://logo.corpus.test/ok.svg"', // bimi.invalid-record
    'default._bimi.bimi-declined TXT "v=BIMI1; l=; a="', // bimi.declined
    'default._bimi.bimi-nol TXT "v=BIMI1; a=https://logo.corpus.test/ok.pem"', // bimi.missing-location
    'default._bimi.bimi-http TXT "v=BIMI1; l=http://logo.corpus.test/ok.svg"', // bimi.invalid-location, bimi.no-authority
    'default._bimi.bimi-auth TXT "v=BIMI1; l=https://logo.corpus.test/ok.svg; a=http://logo.corpus.test/ok.pem"', // bimi.invalid-authority
    'default._bimi.bimi-logo TXT "v=BIMI1; l=https://logo.corpus.test/big.txt"', // bimi.logo-content-type, .logo-large, .logo-invalid
    'default._bimi.bimi-fetch TXT "v=BIMI1; l=https://logo.corpus.test/gone.svg; a=https://logo.corpus.test/gone.pem"', // bimi.logo-fetch-failed, .certificate-fetch-failed
    'default._bimi.bimi-cert TXT "v=BIMI1; l=https://logo.corpus.test/ok.svg; a=https://logo.corpus.test/bad.pem"', // bimi.certificate-invalid
    // --- DNS trouble (see TROUBLE): one name per protocol fails
    'trouble MX 10 mx',
    'trouble TXT "v=spf1 -all"',
  );
}

const REVERSE = lines(
  '$ORIGIN 113.0.203.in-addr.arpa.',
  `@ ${SOA}`,
  '25 PTR mx.corpus.test.',
  '31 PTR other.corpus.test.',
);

/** Organizational-Domain policies, PSD, report destinations. */
const OTHER_ZONES: Record<string, string> = {
  'org.test': lines(
    '@ MX 10 mx.corpus.test.',
    '_dmarc TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@org.test"',
    'www A 203.0.113.7', // www.org.test: dmarc.inherited-policy
    '_dmarc.news TXT "v=DMARC1; p=none; rua=mailto:d@org.test"', // news.org.test: dmarc.subdomain-weakens
    '_dmarc.c TXT "v=dmarc1; p=reject"', // c.org.test: dmarc.record-ignored
  ),
  example: lines(
    '_dmarc.bank TXT "v=DMARC1; p=reject; psd=y; rua=mailto:psd@bank.example"', // shop.bank.example: dmarc.psd-declared, .psd-policy, .mode-divergence
    'bank MX 10 mx.bank.example.',
  ),
  'rep.test': lines(
    '@ MX 10 mx.corpus.test.',
    '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:agg@ok.dest.test,mailto:x@other.dest.test; ruf=mailto:f@nullmx.dest.test,mailto:g@gone.dest.test"',
  ),
  'dest.test': lines(
    'ok MX 10 mx.corpus.test.',
    'rep.test._report._dmarc.ok TXT "v=DMARC1;"',
    'other A 203.0.113.9', // dmarc.external-destination-unauthorized, dmarc.report-domain-no-mx
    'nullmx MX 0 .', // dmarc.report-domain-undeliverable
    '*._report._dmarc.nullmx TXT "v=DMARC1"',
  ),
};

// ------------------------------------------------------------------------------------------------ HTTPS

const POLICY = (mode: string, mx: string, maxAge = 604800) =>
  `version: STSv1\r\nmode: ${mode}\r\nmx: ${mx}\r\nmax_age: ${maxAge}\r\n`;
const ok = (url: string, body: string | Buffer, contentType: string | null): FetchResult => ({
  ok: true,
  url,
  status: 200,
  contentType,
  body: Buffer.from(body),
  address: '203.0.113.80',
});
const fail = (url: string, kind: Extract<FetchResult, { ok: false }>['kind'], extra = {}): FetchResult => ({
  ok: false,
  url,
  kind,
  message: `fetching ${url} failed (${kind})`,
  ...extra,
});
const stsUrl = (d: string) => `https://mta-sts.${d}.corpus.test/.well-known/mta-sts.txt`;
const TEXT = 'text/plain; charset=utf-8';

/** The HTTPS answers of the corpus, by URL (the MTA-STS policies and the BIMI assets). */
function responses(): Map<string, (url: string) => FetchResult> {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps"><title>Logo</title></svg>';
  const r: Record<string, (url: string) => FetchResult> = {
    [stsUrl('sts-tls')]: (u) => fail(u, 'tls', { code: 'CERT_HAS_EXPIRED' }), // mtasts.policy-certificate
    [stsUrl('sts-redirect')]: (u) =>
      fail(u, 'redirect', { status: 301, location: 'https://elsewhere.test/' }), // mtasts.policy-redirect
    [stsUrl('sts-404')]: (u) => fail(u, 'http-status', { status: 404 }), // mtasts.policy-http-status
    [stsUrl('sts-big')]: (u) => fail(u, 'too-large'), // mtasts.policy-too-large
    [stsUrl('sts-slow')]: (u) => fail(u, 'timeout'), // mtasts.policy-timeout
    [stsUrl('sts-down')]: (u) => fail(u, 'connection', { code: 'ECONNREFUSED' }), // mtasts.policy-unreachable
    [stsUrl('sts-ctype')]: (u) => ok(u, POLICY('enforce', 'mx.corpus.test'), 'text/html'), // mtasts.policy-content-type
    [stsUrl('sts-invalid')]: (u) => ok(u, 'version: STSv1\r\nmx: mx.corpus.test\r\nmax_age: 86400\r\n', TEXT), // mtasts.policy-invalid
    [stsUrl('sts-syntax')]: (u) => ok(u, POLICY('enforce', 'mx.corpus.test').replace('mode:', 'Mode:'), TEXT), // mtasts.policy-syntax
    [stsUrl('sts-short')]: (u) => ok(u, POLICY('enforce', 'mx.corpus.test', 3600), TEXT), // mtasts.max-age-short
    [stsUrl('sts-testing')]: (u) => ok(u, POLICY('testing', 'mx.corpus.test'), TEXT), // mtasts.mode-testing
    [stsUrl('sts-none')]: (u) => ok(u, POLICY('none', 'mx.corpus.test'), TEXT), // mtasts.mode-none
    [stsUrl('sts-uncovered')]: (u) => ok(u, POLICY('enforce', 'other.corpus.test'), TEXT), // mtasts.mx-not-covered
    'https://logo.corpus.test/ok.svg': (u) => ok(u, svg, 'image/svg+xml'),
    'https://logo.corpus.test/big.txt': (u) => ok(u, `<html>${'x'.repeat(40 * 1024)}</html>`, 'text/plain'),
    'https://logo.corpus.test/gone.svg': (u) => fail(u, 'http-status', { status: 404 }),
    'https://logo.corpus.test/gone.pem': (u) => fail(u, 'http-status', { status: 404 }),
    'https://logo.corpus.test/bad.pem': (u) =>
      ok(u, 'not a certificate', 'application/pem-certificate-chain'),
  };
  return new Map(Object.entries(r));
}

/** The corpus fetcher: the canned answers above; anything else goes to the real fetcher (which fails at DNS). */
function corpusFetch(): HttpsFetch {
  const table = responses();
  return async (url, options) => {
    const answer = table.get(url);
    if (answer) return answer(url);
    return fetchHttps(url, options);
  };
}

// ------------------------------------------------------------------------------------------------ domains

const DK_SELECTORS = [
  'good',
  'revoked',
  'short',
  'weak',
  'sha1only',
  'unkhash',
  'lint',
  'unktype',
  'malformed',
  'cname',
  'testing',
  'multi',
  'none', // dkim.no-key
];

/** Names that fail for the `trouble` domain: every protocol's `*.dns-error`, and spf.misplaced-not-checked. */
const TROUBLE: Record<string, 'TIMEOUT' | 'SERVFAIL'> = {
  'trouble.corpus.test/TXT': 'TIMEOUT', // spf.dns-error
  'trouble.corpus.test/MX': 'SERVFAIL', // mx.dns-error
  '_dmarc.trouble.corpus.test': 'TIMEOUT', // dmarc.dns-error
  's1._domainkey.trouble.corpus.test': 'TIMEOUT', // dkim.dns-error
  '_domainkey.trouble.corpus.test': 'TIMEOUT', // spf.misplaced-not-checked
  '_mta-sts.trouble.corpus.test': 'SERVFAIL', // mtasts.dns-error
  '_smtp._tls.trouble.corpus.test': 'TIMEOUT', // tlsrpt.dns-error
  'default._bimi.trouble.corpus.test': 'TIMEOUT', // bimi.dns-error
};

/** The domains audited, with extra audit options. */
const AUDITS: [string, Partial<AuditOptions>?][] = [
  ...[
    'nospf',
    't99',
    'two',
    'syntax',
    'lookups',
    'voids',
    'budget',
    'noaddr',
    'mx11',
    'ptr',
    'passall',
    'everything',
    'wide',
    'neutral',
    'noall',
    'redir',
    'after',
    'noinc',
    'noredir',
    'loop1',
    'longstr',
    'big450',
    'big512',
    'huge',
    'dup',
    'macroip',
    'unknownmod',
    'misplaced',
    'macros',
    'apex',
    'multi',
    'lint',
    'weak',
    'probe',
    'ghost', // mx.domain-not-found
    'nullmx',
    'nullmixed',
    'nullpref',
    'mxnoaddr',
    'mxcname',
    'mxip',
    'mxprivate',
    'mxnoptr',
    'mxliar',
    ...STS,
    'sts-multi',
    'sts-bad',
    'sts-nohost',
    'rpt-multi',
    'rpt-norua',
    'rpt-baduri',
    'rpt-junk',
    'bimi-multi',
    'bimi-bad',
    'bimi-declined',
    'bimi-nol',
    'bimi-http',
    'bimi-auth',
    'bimi-logo',
    'bimi-fetch',
    'bimi-cert',
  ].map((d): [string] => [`${d}.corpus.test`]),
  ['dk.corpus.test', { selectors: DK_SELECTORS }],
  ['trouble.corpus.test', { selectors: ['s1'] }],
  ['www.org.test'],
  ['news.org.test'],
  ['c.org.test'],
  ['shop.bank.example'],
  ['rep.test'],
  ['lint.corpus.test', { dmarcMode: '7489' }], // the RFC 7489 citations
];

/** Everything the corpus resolves: the zones above, and the fault-injecting resolver for `trouble`. */
export interface CorpusWorld {
  zones: Zone[];
  resolver: Resolver;
  keys: Keys;
}

/**
 * TXT answers no zone file can hold, served by a resolver in front of the zones (as a custom `Resolver` could
 * give them): one character-string over 255 octets, and RDATA over 65535 octets.
 */
const ORACLE_TXT: Record<string, string[][]> = {
  'longstr.corpus.test': [[`v=spf1 ${'ip4:192.0.2.1 '.repeat(23)}-all`]],
  'huge.corpus.test': [HUGE.match(/.{1,255}/g) ?? []],
};

function withOracleTxt(inner: Resolver): Resolver {
  return {
    ...inner,
    query: ((name: string, type: RRType, options?: unknown) => {
      const records = ORACLE_TXT[name.toLowerCase()];
      if (type === 'TXT' && records) return Promise.resolve({ ok: true, name, type, records });
      return (inner.query as (n: string, t: RRType, o?: unknown) => Promise<unknown>)(name, type, options);
    }) as Resolver['query'],
  };
}

export function corpusWorld(): CorpusWorld {
  const k = keys();
  const zones = zonesOf({
    'corpus.test': corpusZone(k),
    '113.0.203.in-addr.arpa': REVERSE,
    ...OTHER_ZONES,
    'mail.test': mailZone(k),
    'fwd.test': fwdZone(k),
  });
  return {
    zones,
    resolver: withOracleTxt(failing(zoneResolver(zones, { offline: true }), TROUBLE)),
    keys: k,
  };
}

const NOW = () => new Date('2026-01-15T12:00:00Z');

async function domainAudits(world: CorpusWorld): Promise<Map<string, DomainReport>> {
  const reports = new Map<string, DomainReport>();
  for (const [domain, extra] of AUDITS) {
    const key = extra?.dmarcMode ? `${domain} (${extra.dmarcMode})` : domain;
    reports.set(
      key,
      await auditDomain(domain, {
        resolver: world.resolver,
        zones: world.zones,
        now: NOW,
        https: { fetch: corpusFetch() },
        ...extra,
      }),
    );
  }
  // audit.timeout: the audit's time limit has passed before it starts
  reports.set(
    'timeout.corpus.test',
    await auditDomain('nospf.corpus.test', {
      resolver: world.resolver,
      now: NOW,
      signal: AbortSignal.abort('time limit of 0 ms reached'),
      checks: { https: false },
    }),
  );
  return reports;
}

/** The demo domains of samples/zones, as the demo audits them. */
async function sampleAudits(): Promise<Map<string, DomainReport>> {
  const resolver = zoneResolver(await loadZonePaths([join(ROOT, 'samples', 'zones')]), { offline: true });
  const out = new Map<string, DomainReport>();
  for (const [domain, selectors] of [
    ['mailgate-healthy.example', ['s2026']],
    ['too-many-lookups.example', ['google']],
    ['open-relay.example', ['legacy', 'old']],
    ['broken-spf.example', ['default']],
  ] as const) {
    out.set(
      domain,
      await auditDomain(domain, { resolver, selectors: [...selectors], checks: { https: false } }),
    );
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ SPF and DMARC alone

async function spfAnalyses(world: CorpusWorld): Promise<Produced[]> {
  const out: Produced[] = [];
  const add = (fixture: string, findings: Finding[]) => {
    for (const finding of findings) out.push({ fixture, finding });
  };
  // spf.analysis-incomplete: records past maxNodes are not expanded
  const cap = await auditSpf('cap.corpus.test', {
    resolver: world.resolver,
    maxNodes: 2,
    maxTermLookups: 2,
    budget: 10,
  });
  add('auditSpf cap.corpus.test (maxNodes 2)', cap.findings);
  // spf.invalid-domain: `mailgate spf` accepts any name and says why it cannot be checked
  add('auditSpf a single label', (await auditSpf('localhost', { resolver: world.resolver })).findings);
  return out;
}

/** Record texts for the DMARC record parser (`mailgate dmarc --record`, the audit's lint). */
const DMARC_RECORDS = [
  'p=reject; v=DMARC1', // dmarc.not-dmarc-record
  'v=DMARC1; p=reject; reject; rua=mailto:d@example.com', // dmarc.syntax
  'v=DMARC1; p=reject; foo=bar; rua=mailto:d@example.com', // dmarc.unknown-tag
  'v=DMARC1; P=Reject; rua=mailto:d@example.com', // dmarc.tag-case
  'v=DMARC1; p=none; p=reject; rua=mailto:d@example.com', // dmarc.duplicate-tag
  'v=DMARC1; p=reject; adkim=x; rua=mailto:d@example.com', // dmarc.invalid-value
  'v=DMARC1; p=reject; rua=mailto:a@example.com,', // dmarc.invalid-uri
  'v=DMARC1; p=reject; rua=https://reports.example.com/dmarc', // dmarc.uri-scheme
  'v=DMARC1; p=reject; rua=mailto:reports@example.com!10m', // dmarc.uri-size-limit
  'v=DMARC1', // dmarc.record-unusable
  'v=DMARC1; p=block; rua=mailto:d@example.com', // dmarc.policy-missing
  'v=DMARC1; p=reject; fo=1; rua=mailto:d@example.com', // dmarc.fo-ignored
];

function dmarcRecords(): Produced[] {
  return DMARC_RECORDS.flatMap((text) =>
    parseDmarcRecord(text).findings.map((finding) => ({ fixture: `parseDmarcRecord ${text}`, finding })),
  );
}

// ------------------------------------------------------------------------------------------------ messages

function mailZone(k: Keys): string {
  return lines(
    '$ORIGIN mail.test.',
    `@ ${SOA}`,
    '@ MX 10 mx.corpus.test.',
    '@ TXT "v=spf1 ip4:203.0.113.10 -all"',
    '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@mail.test"',
    `s2048._domainkey TXT ${txt(keyRecord(k.k2048))}`,
    `s1024._domainkey TXT ${txt(keyRecord(k.k1024))}`,
    `s512._domainkey TXT ${txt(keyRecord(k.k512))}`,
    `ed._domainkey TXT ${txt(keyRecord(k.ed))}`,
    `testing._domainkey TXT ${txt(keyRecord(k.k2048, 't=y; '))}`, // dkim.key-testing
    `strict._domainkey TXT ${txt(keyRecord(k.k2048, 't=s; '))}`, // dkim.key-strict-identity
    `sha1key._domainkey TXT ${txt(keyRecord(k.k2048, 'h=sha1; '))}`, // dkim.key-hash-excluded
    `svc._domainkey TXT ${txt(`v=DKIM1; s=other; p=${k.k2048.p}`)}`, // dkim.key-service-excluded
    `edrec._domainkey TXT ${txt(keyRecord(k.ed))}`, // dkim.key-type-mismatch (an RSA signature)
    'revoked._domainkey TXT "v=DKIM1; k=rsa; p="', // dkim.key-revoked
    'invalid._domainkey TXT "v=DKIM1; k=rsa; p=AAAA"', // dkim.key-invalid
    `multi._domainkey TXT ${txt(keyRecord(k.k2048))}`,
    `multi._domainkey TXT ${txt(keyRecord(k.k1024))}`, // dkim.multiple-key-records
  );
}

function fwdZone(k: Keys): string {
  return lines('$ORIGIN fwd.test.', `@ ${SOA}`, `arc._domainkey TXT ${txt(keyRecord(k.ed))}`);
}

const D = 'mail.test';
const SIGNED_AT = new Date('2024-06-01T00:00:00Z');
const VERIFY_AT = new Date('2024-06-02T00:00:00Z');

async function messages(world: CorpusWorld): Promise<Produced[]> {
  const { k2048, k1024, k512, ed } = world.keys;
  const out: Produced[] = [];
  const base = message({ from: `alice@${D}` });
  const at = (o: Partial<Parameters<typeof sign>[1]>) => ({
    domain: D,
    selector: 's2048',
    key: k2048,
    signTime: SIGNED_AT,
    ...o,
  });
  const verify = async (fixture: string, raw: string, extra: Record<string, unknown> = {}) => {
    const report = await verifyMessage(raw, {
      resolver: failing(world.resolver, { 'timeout._domainkey.mail.test': 'TIMEOUT' }),
      now: VERIFY_AT,
      authservId: 'mx.corpus.test',
      ...extra,
    });
    for (const finding of findingsIn(report)) out.push({ fixture, finding });
  };

  // Many signatures, each verified on its own: two messages, since a verifier evaluates at most
  // DEFAULT_MAX_SIGNATURES (10) signatures of one message.
  const signAll = async (raw: string, list: Partial<Parameters<typeof sign>[1]>[]) => {
    let out = raw;
    for (const o of list) out = await sign(out, at(o));
    return out;
  };
  const many = await signAll(base, [
    { selector: 's2048' }, // dkim.not-oversigned (mailauth's default h= lists each name once)
    { selector: 's2048', algorithm: 'rsa-sha1' }, // dkim.rsa-sha1
    { selector: 's512', key: k512 }, // dkim.rsa-key-too-short
    { selector: 's1024', key: k1024 }, // dkim.rsa-key-below-2048
    { selector: 'ed', key: ed },
    {
      selector: 's2048',
      signTime: new Date('2024-01-01T00:00:00Z'),
      expires: new Date('2024-01-02T00:00:00Z'),
    }, // dkim.signature-expired
    { selector: 's2048', signTime: new Date('2025-01-01T00:00:00Z') }, // dkim.timestamp-future
    { selector: 'testing' }, // dkim.key-testing
    { selector: 'strict', identity: `@sub.${D}` }, // dkim.key-strict-identity
  ]);
  const more = await signAll(base, [
    { selector: 'sha1key' }, // dkim.key-hash-excluded
    { selector: 'svc' }, // dkim.key-service-excluded
    { selector: 'edrec' }, // dkim.key-type-mismatch
    { selector: 'absent' }, // dkim.key-missing
    { selector: 'revoked' }, // dkim.key-revoked
    { selector: 'invalid' }, // dkim.key-invalid
    { selector: 'timeout' }, // dkim.dns-error, message.dns-error
    { selector: 'multi' }, // dkim.multiple-key-records
  ]);
  // message.no-envelope, message.bulk-spf, message.bulk-list-unsubscribe, message.bulk-one-click (bulk checks
  // asked for: the message has no List-Unsubscribe, which is what those two findings are about)
  await verify('many signatures, no envelope', many, { bulk: true });
  await verify('more signatures, no envelope', more);
  // dkim.signatures-not-evaluated: eleven signatures, one past the cap
  await verify(
    'eleven signatures',
    await signAll(
      base,
      Array.from({ length: 11 }, () => ({})),
    ),
  );

  const good = await sign(base, at({}));
  // dkim.body-hash-mismatch, message.dmarc-fail, message.bulk-dkim, message.bulk-dmarc
  await verify('body changed', good.replace('the numbers are attached', 'the numbers are NOT attached'), {
    ip: '203.0.113.66',
    helo: 'mx.elsewhere.test',
    mailFrom: `bounce@${D}`,
  });
  // dkim.signature-mismatch
  await verify('subject changed', good.replace('Subject: Quarterly numbers', 'Subject: Quarterly numbers!'));
  // dkim.body-length-limit, dkim.unsigned-content
  const limited = await sign(base, at({ maxBodyLength: 10 }));
  await verify('l= and appended text', `${limited}Appended after signing.\r\n`);
  // dkim.from-not-signed (mailauth's signer refuses to leave From out)
  await verify(
    'From not signed',
    handSign(base, { domain: D, selector: 'ed', key: ed, h: ['To', 'Subject'] }),
  );
  // dkim.signature-invalid
  await verify('malformed signature', `DKIM-Signature: v=1; a=rsa-sha256; d=${D}; s=s2048\r\n${base}`);
  // dkim.lf-line-endings
  await verify('LF line endings', good.replace(/\r\n/g, '\n'));
  // dkim.no-header-separator, message.no-from
  await verify('no separator', 'Subject: no body separator\r\nTo: bob@example.net\r\n');
  // dkim.no-signature, message.multiple-from, message.from-group
  await verify(
    'two From fields, one a group',
    message({ from: `alice@${D}`, extraHeaders: [`From: Team: bob@${D};`] }),
  );
  // message.from-display-address
  await verify(
    'a display name showing another address',
    message({ from: `alice@${D}` }).replace(
      `From: Alice <alice@${D}>`,
      `From: "ceo@bank.example" <alice@${D}>`,
    ),
  );
  // message.no-author-domain
  await verify(
    'a malformed From (an address in an unquoted display name)',
    message({ from: `alice@${D}` }).replace(
      `From: Alice <alice@${D}>`,
      `From: alice@${D} <x@attacker.example>`,
    ),
  );
  // message.envelope-from-received, message.envelope-no-public-hop
  await verify(
    'Received from an internal address only',
    `Received: from relay.internal (relay.internal [10.1.2.3]) by mx.corpus.test with ESMTP id 1; Sun, 2 Jun 2024 00:00:00 +0000\r\n${good}`,
    { trustReceived: true },
  );
  // message.bulk-unsubscribe-not-signed
  const bulk = message({
    from: `alice@${D}`,
    extraHeaders: [
      'List-Unsubscribe: <https://mail.test/unsubscribe/1>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    ],
  });
  await verify(
    'unsubscribe fields not signed',
    await sign(bulk, at({ headerList: ['From', 'To', 'Subject', 'Date'] })),
    {
      ip: '203.0.113.10',
      helo: 'mx.mail.test',
      mailFrom: `bounce@${D}`,
    },
  );
  return out;
}

/** The sample messages (samples/messages), verified as their README says. */
async function sampleMessages(): Promise<Produced[]> {
  const dir = join(ROOT, 'samples', 'zones');
  const resolver = zoneResolver(await loadZonePaths([dir]), { offline: true });
  const out: Produced[] = [];
  const samples: [string, { trustedArcSealers?: string[] }][] = [
    ['forwarded-arc.eml', { trustedArcSealers: ['forwarder.test'] }], // message.dmarc-arc-override
    ['shop-tampered.eml', {}],
  ];
  for (const [file, extra] of samples) {
    const raw = readFileSync(join(ROOT, 'samples', 'messages', file));
    const report = await verifyMessage(raw, {
      resolver,
      trustReceived: true,
      authservId: 'mx.example.net',
      now: VERIFY_AT,
      ...extra,
    });
    for (const finding of findingsIn(report)) out.push({ fixture: `samples/messages/${file}`, finding });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ ARC

async function arc(world: CorpusWorld): Promise<Produced[]> {
  const { ed } = world.keys;
  const out: Produced[] = [];
  const seal = async (msg: string, selector: string, cv: string, i = '') =>
    (
      await sealMessage(msg, {
        signingDomain: 'fwd.test',
        selector,
        privateKey: ed.privateKey,
        cv,
        authResults: `mx.fwd.test${i}; spf=pass smtp.mailfrom=${D}; dmarc=pass header.from=${D}`,
        signTime: SIGNED_AT,
      })
    ).toString() + msg;
  const base = message({ from: `alice@${D}` });
  const sealed = await seal(base, 'arc', 'none');
  const verify = async (fixture: string, raw: string, resolver = world.resolver) => {
    const report = await verifyMessage(raw, { resolver, now: VERIFY_AT, bulkSender: false });
    for (const finding of findingsIn(report.arc)) out.push({ fixture, finding });
  };
  // arc.ams-invalid
  await verify('ARC: body changed after sealing', sealed.replace('the numbers are attached', 'changed'));
  // arc.seal-invalid
  await verify('ARC: sealed results changed', sealed.replace('spf=pass', 'spf=fail'));
  // arc.key-error
  await verify('ARC: no key at the selector', await seal(base, 'nokey', 'none'));
  // arc.dns-error
  await verify(
    'ARC: key lookup times out',
    sealed,
    failing(world.resolver, { 'arc._domainkey.fwd.test': 'TIMEOUT' }),
  );
  // arc.chain-invalid: the only set is numbered i=2 (a gap)
  await verify('ARC: a gap in the instances', sealed.replace(/\bi=1;/g, 'i=2;'));
  // arc.too-many-sets: 51 copies of one set, numbered 1..51
  const [head, rest] = [sealed.slice(0, sealed.indexOf('From:')), sealed.slice(sealed.indexOf('From:'))];
  const copies = Array.from({ length: 51 }, (_, n) => head.replace(/\bi=1;/g, `i=${n + 1};`)).join('');
  await verify('ARC: 51 sets', copies + rest);
  return out;
}

// ------------------------------------------------------------------------------------------------ the gate

async function gates(world: CorpusWorld, reports: Map<string, DomainReport>): Promise<Produced[]> {
  const out: Produced[] = [];
  const run = async (fixture: string, domain: string, yaml: string) => {
    const report = reports.get(domain);
    if (!report) throw new Error(`no corpus report for ${domain}`);
    const g = await gate(report, parsePolicy(yaml).policy, { resolver: world.resolver, now: NOW });
    for (const finding of findingsIn(g)) out.push({ fixture: `gate ${domain}: ${fixture}`, finding });
  };
  // policy.spf-authorize, policy.spf-all, policy.spf-lookups, policy.dmarc-record
  await run(
    'SPF rules',
    'lookups.corpus.test',
    'defaults:\n  spf: { all: "-all", max-lookups: 8, authorize: [198.51.100.1] }\n  dmarc: { p: reject }\n',
  );
  await run('spf all', 'neutral.corpus.test', 'defaults:\n  spf: { all: "-all" }\n');
  // policy.spf-record: a domain without an SPF record fails the SPF rules with it
  await run('no SPF record', 'nospf.corpus.test', 'defaults:\n  spf: { all: "-all" }\n');
  // policy.dmarc-policy, policy.dmarc-rua, policy.dmarc-alignment
  await run(
    'DMARC rules',
    'lint.corpus.test',
    'defaults:\n  dmarc: { p: reject, rua: true, alignment: strict }\n',
  );
  // policy.dkim-selector, policy.dkim-key-size
  await run(
    'DKIM rules',
    'dk.corpus.test',
    'defaults:\n  dkim: { selectors: [none, short], min-key-bits: 2048 }\n',
  );
  // policy.mta-sts-mode
  await run('MTA-STS mode', 'sts-testing.corpus.test', 'defaults:\n  mta-sts: { mode: enforce }\n');
  // policy.mta-sts-mode-not-checked: the policy file was not fetched (HTTPS off) and none came from a repository
  const unfetched = structuredClone(reports.get('sts-testing.corpus.test')!);
  unfetched.mtaSts = {
    ...unfetched.mtaSts!,
    status: 'found',
    statusDetail: 'policy-not-fetched',
    policy: { url: 'https://mta-sts.sts-testing.corpus.test/.well-known/mta-sts.txt', fetched: false },
    mode: null,
    findings: [],
  };
  const g = await gate(unfetched, parsePolicy('defaults:\n  mta-sts: { mode: enforce }\n').policy, {
    now: NOW,
  });
  for (const finding of findingsIn(g)) out.push({ fixture: 'gate sts-testing: HTTPS off', finding });
  // every *-undetermined: DNS trouble for each rule's data
  await run(
    'DNS trouble',
    'trouble.corpus.test',
    [
      'defaults:',
      '  spf: { all: "-all", max-lookups: 8, authorize: [198.51.100.1] }',
      '  dmarc: { p: reject, rua: true, alignment: strict }',
      '  dkim: { selectors: [s1] }',
      '  mta-sts: { mode: enforce }',
      '',
    ].join('\n'),
  );
  // policy.suppression-expired
  await run(
    'expired suppression',
    'nospf.corpus.test',
    'findings:\n  spf.no-record:\n    suppress:\n      reason: "until the migration"\n      expires: 2020-01-31\n',
  );
  return out;
}

// ------------------------------------------------------------------------------------------------ reports

/** Aggregate-report analysis: ingest refusals (the real-data folder), readiness and a what-if on traffic rows. */
async function reportAnalyses(): Promise<Produced[]> {
  const out: Produced[] = [];
  const sink = new MemorySink();
  const summary = await ingestReports(['/work/shared/realworld/dmarc-reports'], sink);
  for (const finding of ingestFindings(summary)) out.push({ fixture: 'ingest realworld reports', finding });

  const healthy = await readFile(join(ROOT, 'samples/zones/mailgate-healthy.example.zone'), 'utf8');
  const key = /s2026\._domainkey\s+TXT\s+(.*)$/m.exec(healthy)![1]!;
  const zone = (spf: string) =>
    parseZone(
      [
        '$ORIGIN rua.corpus.test.',
        '@ SOA ns1 hostmaster 1 7200 900 1209600 300',
        `@ TXT "${spf}"`,
        '_dmarc TXT "v=DMARC1; p=none; rua=mailto:d@rua.corpus.test"',
        `s1._domainkey TXT ${key}`,
      ].join('\n'),
      { file: 'zones/rua.corpus.test.zone' },
    );
  const row = (p: Partial<TrafficRow> & { sourceIp: string; count: number }): TrafficRow => ({
    domain: 'rua.corpus.test',
    disposition: 'none',
    dkim: 'fail',
    spf: 'fail',
    reasons: [],
    headerFrom: 'rua.corpus.test',
    envelopeFrom: 'rua.corpus.test',
    dkimResults: [],
    spfResults: [{ domain: 'rua.corpus.test', result: 'pass' }],
    firstSeen: 1_767_225_600,
    lastSeen: 1_767_311_999,
    reports: 1,
    ...p,
  });
  const traffic = [
    // SPF only: lost when its network leaves the record (reports.whatif-lost-mail)
    row({ sourceIp: '198.51.100.7', count: 40, spf: 'pass' }),
    // SPF and DKIM: left passing by DKIM only (reports.whatif-weakened-mail)
    row({
      sourceIp: '192.0.2.5',
      count: 100,
      spf: 'pass',
      dkim: 'pass',
      dkimResults: [{ domain: 'rua.corpus.test', selector: 's1', result: 'pass' }],
    }),
    // an unaligned ESP: p=reject would reject legitimate mail (reports.enforcement-not-ready)
    row({
      sourceIp: '198.18.0.9',
      count: 12,
      envelopeFrom: 'bounce.esp.test',
      dkimResults: [{ domain: 'esp.test', selector: 'x', result: 'pass' }],
      spfResults: [{ domain: 'bounce.esp.test', result: 'pass' }],
    }),
  ];
  const currentZones = [zone('v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0/24 -all')];
  const current = zoneResolver(currentZones, { offline: true });
  const proposedZones = [zone('v=spf1 -all')];
  const result = await whatIf(traffic, {
    current,
    proposed: overlayResolver(proposedZones, current),
    proposedZones,
  });
  for (const finding of whatIfFindings(result)) out.push({ fixture: 'what-if rua.corpus.test', finding });
  // The gate's reports rules over that what-if: policy.reports-lost-mail (40 messages lost, 0 allowed),
  // policy.reports-lost-mail-undetermined (replays that met DNS trouble could exceed the limit) and
  // policy.reports-not-checked (no reports given).
  const ruaReport = await auditDomain('rua.corpus.test', { resolver: current, now: NOW });
  const reportsPolicy = parsePolicy(
    'defaults:\n  reports: { max-lost-messages: 0, max-lost-share: 0.5 }\n',
  ).policy;
  const gated = async (fixture: string, options: Parameters<typeof gate>[2]) => {
    const g = await gate(ruaReport, reportsPolicy, { now: NOW, ...options });
    for (const finding of findingsIn(g)) out.push({ fixture: `gate rua.corpus.test: ${fixture}`, finding });
  };
  await gated('reports rules over the what-if', { whatIf: result });
  const d = result.domains[0]!;
  await gated('reports rules with undetermined replays', {
    whatIf: { ...result, domains: [{ ...d, lost: 0, lostShare: 0, undetermined: 30, senders: [] }] },
  });
  await gated('reports rules without reports', {});
  const readiness = assessReadiness(await classifyTraffic(traffic, new SpfAttributor(current)));
  for (const finding of readinessFindings(readiness))
    out.push({ fixture: 'readiness rua.corpus.test', finding });
  return out;
}

// ------------------------------------------------------------------------------------------------ all

/** Runs every fixture and returns what each produced. */
export async function produceAll(): Promise<Produced[]> {
  const world = corpusWorld();
  const reports = await domainAudits(world);
  const out: Produced[] = [];
  for (const [domain, report] of [...reports, ...(await sampleAudits())]) {
    for (const finding of findingsIn(report)) out.push({ fixture: `auditDomain ${domain}`, finding });
  }
  out.push(...(await spfAnalyses(world)));
  out.push(...dmarcRecords());
  out.push(...(await messages(world)));
  out.push(...(await sampleMessages()));
  out.push(...(await arc(world)));
  out.push(...(await gates(world, reports)));
  out.push(...(await reportAnalyses()));
  return out;
}
