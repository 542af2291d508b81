import { describe, expect, it } from 'vitest';
import { isDnsTrouble } from '../../src/audit/dns-trouble.js';
import { spfAnalysisExitCode } from '../../src/cli/commands/spf.js';
import type { DnsResult, RecordDataMap, Resolver, RRType } from '../../src/dns/resolver.js';
import { auditSpf } from '../../src/spf/audit.js';
import { DEFAULT_SPF_LIMITS } from '../../src/spf/check-host.js';
import { SPF_FINDINGS } from '../../src/spf/findings.js';
import { parseSpfRecord } from '../../src/spf/record.js';
import { failing, zones, zonesOf } from '../support/resolvers.js';

const long = (n: number) => Array.from({ length: n }, (_, i) => `ip4:10.${i}.1.0/24`).join(' ');
const longRecord = (bytes: number) => {
  let r = 'v=spf1';
  let i = 0;
  while (r.length < bytes - 20) r += ` ip4:10.${Math.floor(i / 250)}.${i++ % 250}.1`;
  return `${r} -all`;
};
/**
 * A resolver answering one name's TXT with the given character-strings, else `inner`: for records no zone file
 * can hold (a zone file loader splits strings over 255 octets and refuses RDATA over 65535, as Knot does), which
 * a library caller's own resolver may still return.
 */
function withTxt(inner: Resolver, name: string, strings: string[]): Resolver {
  return {
    query<T extends RRType>(q: string, type: T): Promise<DnsResult<T>> {
      if (q.toLowerCase() === name && type === 'TXT')
        return Promise.resolve({ ok: true, name, type, records: [strings] as RecordDataMap[T][] });
      return inner.query(q, type);
    },
  };
}

const quoteSplit = (t: string) => (t.match(/.{1,200}/g) ?? []).map((s) => `"${s}"`).join(' ');

const ZONES = {
  'example.org': `
big        TXT "v=spf1 include:a.example.net include:b.example.net mx -all"
big        MX  10 mx1.example.org.
mx1        A   192.0.2.25
mx1        AAAA 2001:db8::25
nets       TXT "v=spf1 a ip4:198.51.100.0/25 ip4:198.51.100.128/25 -ip4:203.0.113.9 ~all"
nets       A   192.0.2.1
passall    TXT "v=spf1 +all"
neutral    TXT "v=spf1 ip4:192.0.2.1 ?all"
noall      TXT "v=spf1 ip4:192.0.2.1"
redir      TXT "v=spf1 ip4:192.0.2.1 -all redirect=nets.example.org"
after      TXT "v=spf1 -all ip4:192.0.2.1 a"
noinc      TXT "v=spf1 include:nothing.example.org include:nxdomain.example.org -all"
nothing    TXT "some other text"
loop1      TXT "v=spf1 include:loop2.example.org -all"
loop2      TXT "v=spf1 redirect=loop1.example.org"
voids      TXT "v=spf1 a:nx1.example.org mx:nx2.example.org exists:nx3.example.org -all"
mx11       TXT "v=spf1 mx -all"
mx11       MX 0 h1.example.org.
mx11       MX 1 h2.example.org.
mx11       MX 2 h3.example.org.
mx11       MX 3 h4.example.org.
mx11       MX 4 h5.example.org.
mx11       MX 5 h6.example.org.
mx11       MX 6 h7.example.org.
mx11       MX 7 h8.example.org.
mx11       MX 8 h9.example.org.
mx11       MX 9 h10.example.org.
mx11       MX 10 h11.example.org.
ptr        TXT "v=spf1 ptr -all"
dup        TXT "v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.0/24 ip4:192.0.2.128/25 -all"
noaddr     TXT "v=spf1 a:txtonly.example.org -all"
txtonly    TXT "hello"
macroip    TXT "v=spf1 ip4:%{i} -all"
unknown    TXT "v=spf1 ip4:192.0.2.1 foo=bar -all"
dmarcspf   TXT "v=spf1 -all"
_dmarc.dmarcspf TXT "v=spf1 -all"
dkimspf    TXT "v=spf1 -all"
_domainkey.dkimspf TXT "v=spf1 ip4:192.0.2.1 -all"
two        TXT "v=spf1 -all"
two        TXT "v=spf1 ~all"
syntax     TXT "v=spf1 ip4:192.0.2.1 a:museum -all"
big450     TXT ${quoteSplit(longRecord(470))}
big512     TXT ${quoteSplit(longRecord(600))}
macros     TXT "v=spf1 exists:%{i}._spf.example.org include:%{d}.x.example.org ip4:192.0.2.1 -all"
timeout    TXT "v=spf1 include:slow.example.org -all"
flat       TXT "v=spf1 include:a.example.net include:b.example.net include:esp.example.net -all"
spf99      TXT "v=spf1 -all"
spf99      SPF "v=spf1 -all"
`,
  'example.net': `
a          TXT "v=spf1 include:c.example.net a a ~all"
a          A   198.51.100.7
b          TXT "v=spf1 a a a ?all"
b          A   198.51.100.8
c          TXT "v=spf1 a a a a ?all"
c          A   198.51.100.9
esp        TXT "v=spf1 ${long(40)} ~all"
`,
};

const resolver = zones(ZONES);
const ids = (a: { findings: { id: string }[] }) => a.findings.map((f) => f.id);

describe('auditSpf', () => {
  it('expands the tree past the limit, costs each subtree and names what costs what', async () => {
    const a = await auditSpf('big.example.org', { resolver });
    expect(a.record).toBe('v=spf1 include:a.example.net include:b.example.net mx -all');
    expect(a.lookups).toBe(13);
    const t = a.tree!;
    expect([t.ownLookups, t.lookups]).toEqual([3, 13]);
    expect(t.children.map((c) => [c.domain, c.ownLookups, c.lookups])).toEqual([
      ['a.example.net', 3, 7],
      ['b.example.net', 3, 3],
    ]);
    expect(t.children[0]?.children[0]).toMatchObject({ domain: 'c.example.net', depth: 2, lookups: 4 });
    const f = a.findings.find((x) => x.id === 'spf.lookup-limit');
    expect(f?.message).toContain('up to 13');
    expect(f?.message).toContain('include:a.example.net costs 8, include:b.example.net costs 4, mx costs 1');
    expect(f?.rfc).toBe('RFC 7208 §4.6.4');
    // Networks: every a of the includes and the MX host, through pass-qualified includes.
    expect(a.networks.blocks.map((b) => b.cidr)).toEqual([
      '192.0.2.25/32',
      '198.51.100.7/32',
      '198.51.100.8/31',
      '2001:db8::25/128',
    ]);
    expect(a.networks.ipv4Addresses).toBe(4);
    // Over 10: a flattening suggestion is made.
    expect(a.flatten?.fitsBudget).toBe(true);
    expect(a.flatten?.records[0]?.text).toBe(
      'v=spf1 ip4:192.0.2.25 ip4:198.51.100.7 ip4:198.51.100.8/31 ip6:2001:db8::25 -all',
    );
  });

  it('merges networks into a minimal CIDR list and keeps non-pass root terms verbatim for flattening', async () => {
    const a = await auditSpf('nets.example.org', { resolver, budget: 10 });
    expect(a.networks.blocks).toEqual([
      { cidr: '192.0.2.1/32', version: 4, prefix: 32, addresses: 1 },
      { cidr: '198.51.100.0/24', version: 4, prefix: 24, addresses: 256 },
    ]);
    expect(a.networks.ipv4Addresses).toBe(257);
    expect(a.flatten?.records.map((r) => r.text)).toEqual([
      // Known non-pass terms of the root go after the networks, where they cannot take addresses from them.
      'v=spf1 ip4:192.0.2.1 ip4:198.51.100.0/24 -ip4:203.0.113.9 ~all',
    ]);
    expect(a.flatten?.warning).toContain('freezes the addresses of third parties');
  });

  it.each([
    ['passall.example.org', 'spf.pass-all'],
    ['neutral.example.org', 'spf.neutral-all'],
    ['noall.example.org', 'spf.no-all'],
    ['redir.example.org', 'spf.redirect-ignored'],
    ['after.example.org', 'spf.terms-after-all'],
    ['noinc.example.org', 'spf.include-no-record'],
    ['loop1.example.org', 'spf.loop'],
    ['mx11.example.org', 'spf.mx-too-many-hosts'],
    ['ptr.example.org', 'spf.ptr-used'],
    ['dup.example.org', 'spf.duplicate-term'],
    ['dup.example.org', 'spf.overlapping-networks'],
    ['noaddr.example.org', 'spf.void-lookup'],
    ['macroip.example.org', 'spf.macro-in-ip'],
    ['unknown.example.org', 'spf.unknown-modifier'],
    ['dmarcspf.example.org', 'spf.misplaced-record'],
    ['dkimspf.example.org', 'spf.misplaced-record'],
    ['two.example.org', 'spf.multiple-records'],
    ['syntax.example.org', 'spf.syntax-error'],
    ['big450.example.org', 'spf.record-over-450'],
    ['big512.example.org', 'spf.record-over-512'],
    ['nowhere.example.org', 'spf.no-record'],
    ['macros.example.org', 'spf.not-flattenable'],
    ['voids.example.org', 'spf.void-lookup-limit'],
  ])('%s -> %s', async (domain, id) => {
    const a = await auditSpf(domain, { resolver });
    expect(ids(a)).toContain(id);
    const f = a.findings.find((x) => x.id === id)!;
    const def = SPF_FINDINGS.definitions.find((d) => d.id === id)!;
    expect(f.severity).toBe(def.severity);
    expect(f.rfc).toBe(def.rfc);
    expect(f.remediation).toBeTruthy();
    expect(f.domain).toBe(domain);
  });

  it('gives no findings for a clean record', async () => {
    const a = await auditSpf('neutral.example.org', { resolver });
    expect(ids(a)).toEqual(['spf.neutral-all']);
  });

  it('points a syntax error at its position in the record', async () => {
    const a = await auditSpf('syntax.example.org', { resolver });
    const f = a.findings.find((x) => x.id === 'spf.syntax-error')!;
    expect(f.evidence?.position).toEqual({ offset: 23, length: 6 });
    expect(f.evidence?.term).toBe('a:museum');
    expect(a.tree?.status).toBe('invalid');
    expect(a.status).toBe('invalid');
  });

  it('reports loops with the path and does not expand them again', async () => {
    const a = await auditSpf('loop1.example.org', { resolver });
    const f = a.findings.find((x) => x.id === 'spf.loop')!;
    expect(f.evidence?.details?.path).toEqual([
      'loop1.example.org',
      'loop2.example.org',
      'loop1.example.org',
    ]);
    expect(a.tree?.children[0]?.children[0]?.status).toBe('loop');
  });

  it('counts void lookups (a, mx and exists targets that do not exist) and both include targets without SPF', async () => {
    const v = await auditSpf('voids.example.org', { resolver });
    expect(v.voidLookups).toBe(3);
    expect(v.findings.filter((f) => f.id === 'spf.void-lookup')).toHaveLength(3);
    const n = await auditSpf('noinc.example.org', { resolver });
    expect(n.findings.filter((f) => f.id === 'spf.include-no-record').map((f) => f.evidence?.term)).toEqual([
      'include:nothing.example.org',
      'include:nxdomain.example.org',
    ]);
  });

  it('flags terms after all, and does not count their cost', async () => {
    const a = await auditSpf('after.example.org', { resolver });
    expect(a.lookups).toBe(0);
    expect(a.tree?.terms.map((t) => t.reached)).toEqual([true, false, false]);
  });

  it('reports a TIMEOUT as spf.dns-error with dnsErrors, not as spf.no-record', async () => {
    const slow = failing(resolver, {
      'timeout.example.org/TXT': 'TIMEOUT',
      'slow.example.org/TXT': 'SERVFAIL',
    });
    const a = await auditSpf('timeout.example.org', { resolver: slow });
    expect(ids(a)).toContain('spf.dns-error');
    expect(ids(a)).not.toContain('spf.no-record');
    expect(a.dnsErrors.map((e) => [e.name, e.type, e.kind])).toEqual([
      ['timeout.example.org', 'TXT', 'TIMEOUT'],
    ]);
    const b = await auditSpf('timeout.example.org', {
      resolver: failing(resolver, { 'slow.example.org/TXT': 'SERVFAIL' }),
    });
    expect(b.tree?.children[0]?.status).toBe('dns-error');
    expect(b.dnsErrors.map((e) => e.kind)).toEqual(['SERVFAIL']);
  });

  it('keeps terms with per-message macros as not flattenable; expands %{d} and checks the target', async () => {
    const a = await auditSpf('macros.example.org', { resolver, budget: 5 });
    expect(a.networks.notFlattenable.map((n) => n.term)).toEqual(['exists:%{i}._spf.example.org']);
    // include:%{d}.x.example.org is include:macros.example.org.x.example.org, which has no SPF record: every
    // client that exists:%{i}... does not match gets permerror, which no flattened list of networks keeps.
    expect(a.flatten?.records).toEqual([]);
    expect(a.flatten?.refused).toContain('macros.example.org.x.example.org gives no usable record (none)');
    const inc = a.findings.find((f) => f.id === 'spf.include-no-record');
    expect(inc?.evidence?.term).toBe('include:%{d}.x.example.org');
    expect(inc?.evidence?.details?.target).toBe('macros.example.org.x.example.org');
    expect(a.tree?.terms[1]).toMatchObject({ target: 'macros.example.org.x.example.org', expanded: true });
    const m = a.findings.filter((f) => f.id === 'spf.macro-not-checked');
    expect(m.map((f) => [f.evidence?.term, f.evidence?.details?.letters])).toEqual([
      ['exists:%{i}._spf.example.org', ['i']],
    ]);
  });

  it('chains flattened records within 450 bytes and reports the lookups they cost', async () => {
    const a = await auditSpf('flat.example.org', { resolver, budget: 3 });
    const f = a.flatten!;
    expect(f.records.length).toBeGreaterThan(1);
    for (const r of f.records) {
      expect(r.bytes).toBeLessThanOrEqual(450);
      expect(parseSpfRecord(r.text).ok).toBe(true);
      expect(r.strings.every((s) => new TextEncoder().encode(s).length <= 255)).toBe(true);
      expect(r.strings.join('')).toBe(r.text);
    }
    expect(f.records[0]?.name).toBe('flat.example.org');
    expect(f.records[0]?.text.endsWith(`include:_spf1.flat.example.org -all`)).toBe(true);
    expect(f.lookups).toBe(f.records.length - 1);
    expect(f.fitsBudget).toBe(f.lookups <= 3);
    // The chain authorizes exactly the analyzed networks.
    const terms = f.records.flatMap((r) =>
      r.text.split(' ').filter((t) => t.startsWith('ip4:') || t.startsWith('ip6:')),
    );
    expect(terms).toHaveLength(a.networks.blocks.length);
  });

  it('detects a type 99 SPF record when given the zones', async () => {
    const a = await auditSpf('spf99.example.org', { resolver, zones: zonesOf(ZONES) });
    const f = a.findings.find((x) => x.id === 'spf.type99-record');
    expect(f?.evidence?.source?.file).toBe('example.org.zone');
    expect(ids(await auditSpf('spf99.example.org', { resolver }))).not.toContain('spf.type99-record');
  });

  it('rejects a name that is not a domain', async () => {
    const a = await auditSpf('localhost', { resolver });
    expect(ids(a)).toEqual(['spf.invalid-domain']);
    expect(a.tree).toBeNull();
  });

  it('reports one redundant network per term, never a carve-out, and each only once', async () => {
    const a = await auditSpf('dup.example.org', { resolver });
    const o = a.findings.filter((f) => f.id === 'spf.overlapping-networks');
    expect(o.map((f) => [f.message, f.evidence?.position])).toEqual([
      [
        'ip4:192.0.2.128/25 is inside ip4:192.0.2.0/24 in the SPF record of dup.example.org',
        { offset: 41, length: 18 },
      ],
    ]);
    const d = a.findings.find((f) => f.id === 'spf.duplicate-term');
    expect(d?.evidence?.details).toEqual({ count: 2, offsets: [7, 24] });
  });

  it.each([
    // A term after a network that contains it never decides anything, whatever its qualifier.
    ['v=spf1 ip4:192.0.2.0/24 -ip4:192.0.2.9 -all', ['-ip4:192.0.2.9 in ip4:192.0.2.0/24']],
    // An exception before a wider network with another qualifier is a carve-out, not a redundancy.
    ['v=spf1 -ip4:192.0.2.9 ip4:192.0.2.0/24 -all', []],
    // Before a wider network with the same qualifier: redundant.
    ['v=spf1 ip4:192.0.2.9 ip4:192.0.2.0/24 -all', ['ip4:192.0.2.9 in ip4:192.0.2.0/24']],
    // The same network written twice differently: only the later one.
    ['v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.7/24 -all', ['ip4:192.0.2.7/24 in ip4:192.0.2.0/24']],
    // Nested networks: the largest container is named; IPv4 and IPv6 never overlap.
    [
      'v=spf1 ip4:10.0.0.0/8 ip4:10.1.0.0/16 ip4:10.1.2.3 ip6:::ffff:10.1.2.3 ip6:2001:db8::/32 ip6:2001:db8:1::1 -all',
      [
        'ip4:10.1.0.0/16 in ip4:10.0.0.0/8',
        'ip4:10.1.2.3 in ip4:10.0.0.0/8',
        'ip6:2001:db8:1::1 in ip6:2001:db8::/32',
      ],
    ],
    // Disjoint neighbours and a case-only duplicate (a duplicate-term, not an overlap).
    ['v=spf1 ip4:192.0.2.0/25 ip4:192.0.2.128/25 IP4:192.0.2.0/25 -all', []],
  ])('%s -> overlaps %j', async (record, expected) => {
    const r = zones({ 'ov.example': `@ TXT "${record}"` });
    const a = await auditSpf('ov.example', { resolver: r });
    const o = a.findings.filter((f) => f.id === 'spf.overlapping-networks');
    expect(o.map((f) => `${f.evidence?.term} in ${f.evidence?.details?.container}`)).toEqual(expected);
  });

  it('analyzes a record of thousands of ip4 terms: overlaps, duplicates and networks', async () => {
    // 3000 host terms inside ip4:10.0.0.0/8, 1000 disjoint /24s outside it, one term written three times.
    const hosts = Array.from({ length: 3000 }, (_, i) => `ip4:10.${i >> 8}.${i & 255}.1`);
    const nets = Array.from({ length: 1000 }, (_, i) => `ip4:172.${i >> 8}.${i & 255}.0/24`);
    const record = [
      'v=spf1',
      'ip4:10.0.0.0/8',
      ...hosts,
      ...nets,
      'ip4:172.0.0.0/24',
      'ip4:172.0.0.0/24',
      '-all',
    ];
    const text = record.join(' ');
    expect(text.length).toBeGreaterThan(50000);
    expect(text.length + Math.ceil(text.length / 200)).toBeLessThan(65535);
    const r = zones({ 'many.example': `@ TXT ${quoteSplit(text)}` });
    const a = await auditSpf('many.example', { resolver: r });
    const o = a.findings.filter((f) => f.id === 'spf.overlapping-networks');
    expect(o).toHaveLength(3000);
    expect(new Set(o.map((f) => f.evidence?.details?.container))).toEqual(new Set(['ip4:10.0.0.0/8']));
    expect(o[2999]?.evidence?.term).toBe('ip4:10.11.183.1');
    const d = a.findings.filter((f) => f.id === 'spf.duplicate-term');
    expect(d.map((f) => f.evidence?.details?.count)).toEqual([3]);
    // 10.0.0.0/8 and 256,000 more addresses: more than a /8 (spf.wide-networks)
    expect(
      ids(a)
        .filter((id) => !['spf.overlapping-networks', 'spf.duplicate-term'].includes(id))
        .sort(),
    ).toEqual(['spf.record-over-512', 'spf.wide-networks']);
    // 10.0.0.0/8 and 1000 consecutive /24s from 172.0.0.0: 172.0.0.0/15 (512), 172.2.0.0/16 (256),
    // 172.3.0.0/17 (128), 172.3.128.0/18 (64), 172.3.192.0/19 (32), 172.3.224.0/21 (8).
    expect(a.networks.blocks.map((b) => b.cidr)).toEqual([
      '10.0.0.0/8',
      '172.0.0.0/15',
      '172.2.0.0/16',
      '172.3.0.0/17',
      '172.3.128.0/18',
      '172.3.192.0/19',
      '172.3.224.0/21',
    ]);
    expect(a.networks.ipv4Addresses).toBe(2 ** 24 + 1000 * 256);
    expect(a.tree?.terms).toHaveLength(4004);
    expect(a.lookups).toBe(0);
  });

  it('reports a character-string over 255 octets (from a resolver other than a zone file or DNS server)', async () => {
    const long = `v=spf1 ${'ip4:192.0.2.1 '.repeat(23)}-all`;
    const r = withTxt(resolver, 'longstr.example.org', [long]);
    const a = await auditSpf('longstr.example.org', { resolver: r });
    expect(ids(a)).toContain('spf.txt-string-too-long');
    expect(a.findings.find((f) => f.id === 'spf.txt-string-too-long')?.severity).toBe('error');
  });

  it('reports a record larger than a TXT RDATA can be, without analyzing its terms', async () => {
    const text = `v=spf1 +all ${Array.from({ length: 6000 }, (_, i) => `ip4:10.${i >> 8}.${i & 255}.0/24`).join(' ')} include:x.example -all`;
    const r = withTxt(zones({}), 'huge.example', text.match(/.{1,200}/g) ?? []);
    const a = await auditSpf('huge.example', { resolver: r });
    const octets = text.length + Math.ceil(text.length / 200);
    expect(ids(a)).toEqual(['spf.record-too-large']);
    const f = a.findings[0]!;
    expect(f.severity).toBe('error');
    expect(f.evidence?.details).toEqual({ bytes: text.length, rdataOctets: octets, limit: 65535 });
    expect(a.tree).toMatchObject({ status: 'invalid', lookups: 0, terms: [] });
    expect(a.networks.blocks).toEqual([]);
  });

  it('expands %{d} (the current domain) and %{o} (the analyzed domain) in included records', async () => {
    const r = zones({
      'dm.example': `
@        TXT "v=spf1 include:_s.%{d} a:%{d2}.invalid -all"
_s       TXT "v=spf1 ip4:192.0.2.77 a:%{d} a:host.%{o} exists:%{l}.%{d} ~all"
_s       A   192.0.2.78
host     A   192.0.2.79
`,
    });
    const a = await auditSpf('dm.example', { resolver: r, budget: 10 });
    const t = a.tree!;
    expect(t.children[0]).toMatchObject({ domain: '_s.dm.example', status: 'found' });
    expect(t.terms.map((x) => [x.term, x.target, x.expanded])).toEqual([
      ['include:_s.%{d}', '_s.dm.example', true],
      ['a:%{d2}.invalid', 'dm.example.invalid', true],
      ['-all', undefined, undefined],
    ]);
    expect(t.children[0]?.terms.map((x) => x.target)).toEqual([
      undefined,
      '_s.dm.example',
      'host.dm.example',
      undefined,
      undefined,
    ]);
    expect(a.networks.blocks.map((b) => b.cidr)).toEqual(['192.0.2.77/32', '192.0.2.78/31']);
    // a:%{d2}.invalid has no addresses: reported like a literal a:dm.example.invalid.
    const v = a.findings.filter((f) => f.id === 'spf.void-lookup').map((f) => f.evidence?.term);
    expect(v).toEqual(['a:%{d2}.invalid']);
    // %{l} depends on the sender: only that term is left unchecked.
    expect(
      a.findings.filter((f) => f.id === 'spf.macro-not-checked').map((f) => f.evidence?.details?.letters),
    ).toEqual([['l']]);
    // The flattened policy keeps the per-message term; its %{d} refers to the included domain.
    expect(a.flatten?.kept).toEqual(['exists:%{l}.%{d}']);
    expect(a.flatten?.warning).toContain('exists:%{l}.%{d} (_s.dm.example: uses %{d}');
  });

  it('writes out the target of a kept a/mx/ptr term of an included record, and statically expanded targets', async () => {
    const r = zones({
      'keep.example': `
@        TXT "v=spf1 include:inc.keep.example ~exists:%{d} -all"
@        A   192.0.2.1
inc      TXT "v=spf1 a/28 mx:%{o} ~all"
`,
    });
    const a = await auditSpf('keep.example', {
      resolver: failing(r, { 'inc.keep.example/A': 'SERVFAIL', 'keep.example/MX': 'SERVFAIL' }),
      budget: 10,
    });
    expect(a.flatten?.kept).toEqual(['a:inc.keep.example/28', 'mx:keep.example', '~exists:keep.example']);
  });

  it('bounds the DNS work: records past maxNodes are not expanded, terms past maxTermLookups not resolved', async () => {
    const r = zones({
      'cap.example': `
@        TXT "v=spf1 a:h1.cap.example mx:m.cap.example exists:e.cap.example a:h2.cap.example include:i1.cap.example include:i2.cap.example -all"
h1       A   192.0.2.1
h2       A   192.0.2.2
m        MX  0 h1.cap.example.
i1       TXT "v=spf1 ip4:192.0.2.10 -all"
i2       TXT "v=spf1 ip4:192.0.2.20 -all"
`,
    });
    const a = await auditSpf('cap.example', { resolver: r, maxNodes: 2, maxTermLookups: 2, budget: 10 });
    const t = a.tree!;
    expect(t.terms.map((x) => [x.term, x.notResolved ?? false])).toEqual([
      ['a:h1.cap.example', false],
      ['mx:m.cap.example', false],
      ['exists:e.cap.example', true],
      ['a:h2.cap.example', true],
      ['include:i1.cap.example', false],
      ['include:i2.cap.example', false],
      ['-all', false],
    ]);
    expect(t.children.map((c) => c.status)).toEqual(['found', 'not-expanded']);
    // Unresolved terms still cost their lookup; exists:e.cap.example (NXDOMAIN) is not known to be void.
    expect(a.lookups).toBe(6);
    // h1 has an A record only: a:h1.cap.example is void for an IPv6 client (RFC 7208 §5.3).
    expect(a.voidLookupsByFamily).toEqual({ ipv4: 0, ipv6: 1 });
    expect(a.voidLookups).toBe(1);
    expect(a.networks.blocks.map((b) => b.cidr)).toEqual(['192.0.2.1/32', '192.0.2.10/32']);
    expect(a.networks.exact).toBe(false);
    // The record not expanded may authorize anything: no flattened record.
    expect(a.flatten?.records).toEqual([]);
    expect(a.flatten?.refused).toContain('i2.cap.example gives no usable record (not-expanded)');
    const f = a.findings.find((x) => x.id === 'spf.analysis-incomplete')!;
    expect(f.message).toBe(
      'the SPF policy of cap.example is too large to analyze fully: 1 included or redirected record was not expanded (limit 2 records); 2 a/mx/exists terms were not resolved (limit 2)',
    );
    expect(f.severity).toBe('info');
    // The defaults leave an ordinary policy alone.
    expect(ids(await auditSpf('cap.example', { resolver: r }))).not.toContain('spf.analysis-incomplete');
  });

  it('does not count a failed probe of _dmarc/_domainkey as DNS trouble of the SPF policy', async () => {
    for (const kind of ['TIMEOUT', 'SERVFAIL', 'REFUSED'] as const) {
      const r = failing(resolver, {
        '_dmarc.neutral.example.org/TXT': kind,
        '_domainkey.neutral.example.org/TXT': kind,
      });
      const a = await auditSpf('neutral.example.org', { resolver: r });
      expect(a.dnsErrors).toEqual([]);
      expect(ids(a)).toEqual(['spf.neutral-all', 'spf.misplaced-not-checked', 'spf.misplaced-not-checked']);
      const probe = a.findings.filter((f) => f.id === 'spf.misplaced-not-checked');
      expect(probe.map((f) => [f.severity, f.evidence?.name, f.evidence?.details])).toEqual([
        ['info', '_dmarc.neutral.example.org', { kind }],
        ['info', '_domainkey.neutral.example.org', { kind }],
      ]);
      // The evidence names the DNS failure kind like every other finding; the catalog (no `dnsTrouble` flag)
      // decides that it is no DNS trouble of the SPF policy.
      expect(probe.some(isDnsTrouble)).toBe(false);
      // `mailgate spf` exit code: a complete analysis with a warning is 1 at --fail-on warning, 0 at error, never 3.
      expect(spfAnalysisExitCode(a, 'error')).toBe(0);
      expect(spfAnalysisExitCode(a, 'warning')).toBe(1);
    }
    // The misplaced record itself is still found when the other probe fails.
    const d = await auditSpf('dmarcspf.example.org', {
      resolver: failing(resolver, { '_domainkey.dmarcspf.example.org/TXT': 'TIMEOUT' }),
    });
    expect(ids(d)).toEqual(['spf.misplaced-record', 'spf.misplaced-not-checked']);
    expect(d.dnsErrors).toEqual([]);
    // A failure of the policy's own records still is DNS trouble (exit code 3).
    const t = await auditSpf('timeout.example.org', {
      resolver: failing(resolver, { 'slow.example.org/TXT': 'TIMEOUT' }),
    });
    expect(spfAnalysisExitCode(t, 'never')).toBe(3);
  });

  it('counts authorized IPv6 addresses exactly, as a decimal string', async () => {
    const r = zones({
      'v6.example': `
@        TXT "v=spf1 ip6:2001:db8::/64 ip6:2001:db8:1::1 ip6:2001:db8:2::/127 ip4:192.0.2.0/24 -all"
`,
    });
    const a = await auditSpf('v6.example', { resolver: r });
    // 2^64 + 1 + 2: a float rounds it to 2^64.
    expect(a.networks.ipv6AddressCount).toBe('18446744073709551619');
    expect(BigInt(a.networks.ipv6AddressCount)).toBe(2n ** 64n + 3n);
    expect(a.networks.ipv6Addresses).toBe(2 ** 64);
    expect(a.networks.ipv4Addresses).toBe(256);
    expect(a.networks.blocks.find((b) => b.prefix === 64)?.addresses).toBe(2 ** 64);
    const none = await auditSpf('neutral.example.org', { resolver });
    expect(none.networks.ipv6AddressCount).toBe('0');
    const all = await auditSpf('v6all.example', {
      resolver: zones({ 'v6all.example': '@ TXT "v=spf1 ip6:::/0 ip6:2001:db8::1 -all"' }),
    });
    expect(all.networks.ipv6AddressCount).toBe((2n ** 128n).toString());
  });

  it('compares the policy with the RFC 7208 §4.6.4 limits of DEFAULT_SPF_LIMITS', async () => {
    const a = await auditSpf('big.example.org', { resolver });
    expect(a.lookupLimit).toBe(DEFAULT_SPF_LIMITS.maxLookups);
    const f = a.findings.find((x) => x.id === 'spf.lookup-limit');
    expect(f?.evidence?.details?.limit).toBe(DEFAULT_SPF_LIMITS.maxLookups);
    expect(f?.message).toContain(`(limit ${DEFAULT_SPF_LIMITS.maxLookups})`);
    const v = await auditSpf('voids.example.org', { resolver });
    expect(v.findings.find((x) => x.id === 'spf.void-lookup-limit')?.message).toBe(
      'the SPF policy of voids.example.org has 3 void lookups for every client (limit 2): check_host() returns permerror for every client that no earlier term matches',
    );
    const def = SPF_FINDINGS.definitions.find((d) => d.id === 'spf.lookup-limit');
    expect(def?.title).toBe('More than 10 DNS-querying terms');
  });
});

describe('a policy that authorizes every address, or a very large network (found by a new-user trial)', () => {
  const audit = (record: string, extra = '') =>
    auditSpf('t.example', {
      resolver: zones({ 't.example': `@ TXT "${record}"\n@ MX 10 mx\nmx A 192.0.2.1\n${extra}` }),
    });
  const only = async (record: string) =>
    (await audit(record)).findings
      .filter((f) => f.id === 'spf.authorizes-everything' || f.id === 'spf.wide-networks')
      .map((f) => [f.id, f.severity, f.message]);

  it('is an error for a /0 however it is written, as +all is', async () => {
    const every4 =
      'The SPF policy of t.example authorizes every IPv4 address (0.0.0.0/0): anyone can send as t.example, as with +all';
    for (const record of [
      'v=spf1 ip4:0.0.0.0/0 -all',
      'v=spf1 ip4:0.0.0.0/1 ip4:128.0.0.0/1 -all',
      'v=spf1 mx/0 -all',
      'v=spf1 a:mx.t.example/0 -all',
    ]) {
      expect(await only(record), record).toEqual([['spf.authorizes-everything', 'error', every4]]);
    }
    expect(await only('v=spf1 ip6:::/0 -all')).toEqual([
      [
        'spf.authorizes-everything',
        'error',
        'The SPF policy of t.example authorizes every IPv6 address (::/0): anyone can send as t.example, as with +all',
      ],
    ]);
    // +all is spf.pass-all alone
    const plus = (await audit('v=spf1 +all')).findings.map((f) => f.id);
    expect(plus).toContain('spf.pass-all');
    expect(plus).not.toContain('spf.authorizes-everything');
  });

  it('is a warning above a /8 of IPv4 or a /16 of IPv6, and nothing at a /8 or for a provider-sized list', async () => {
    expect(await only('v=spf1 ip4:10.0.0.0/7 -all')).toEqual([
      [
        'spf.wide-networks',
        'warning',
        'The SPF policy of t.example authorizes 33554432 IPv4 addresses (widest: 10.0.0.0/7): more than a /8 of IPv4 or a /16 of IPv6',
      ],
    ]);
    expect(await only('v=spf1 ip6:2001::/15 -all')).toHaveLength(1);
    expect(await only('v=spf1 ip4:10.0.0.0/8 ip6:2001:db8::/16 -all')).toEqual([]);
    expect(await only('v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all')).toEqual([]);
  });
});
