/**
 * DMARC audit findings: missing and misplaced records, several records, lint with zone lines, inherited and PSD
 * policies, weaker subdomain records, report destinations (RFC 9990 §4 authorization, MX), DNS errors, and the
 * RFC 9989 / RFC 7489 comparison.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingDefinition } from '../../src/catalog.js';
import { auditDmarc } from '../../src/dmarc/audit.js';
import { DMARC_FINDINGS, DMARC_RFC7489_CITATIONS } from '../../src/dmarc/findings.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { failing, zones } from '../support/resolvers.js';

/**
 * OpenDMARC's fixture, with its one relative `$ORIGIN dmarcwalk` made absolute: Knot refuses a relative `$ORIGIN`
 * (BIND accepts it), and mailgate loads zone files as Knot does.
 */
function opendmarcFixture(): string {
  return readFileSync('/work/shared/conformance/dmarc/opendmarc-test-dns.zone.inc', 'utf8').replace(
    '\n$ORIGIN dmarcwalk\n',
    '\n$ORIGIN dmarcwalk.example.test.\n',
  );
}

const ids = (a: { findings: { id: string }[] }) => a.findings.map((f) => f.id).sort();

describe('auditDmarc', () => {
  it('a clean set-up has no findings', async () => {
    const r = zones({
      'example.com':
        '@ IN MX 10 mx.example.com.\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"\n',
    });
    const a = await auditDmarc('Example.COM', { resolver: r });
    expect(a).toMatchObject({
      domain: 'example.com',
      mode: '9989',
      recordName: '_dmarc.example.com',
      source: 'domain',
      policy: 'reject',
      policySource: 'p',
      organizationalDomain: 'example.com',
    });
    expect(a.findings).toEqual([]);
    expect(a.reporting).toEqual([
      { tag: 'rua', uri: 'mailto:dmarc@example.com', domain: 'example.com', external: false, mx: 'ok' },
    ]);
  });

  it('no record, an SPF record at _dmarc, and a DMARC record at the apex', async () => {
    const r = zones({ 'example.com': '@ IN TXT "v=DMARC1; p=reject"\n_dmarc IN TXT "v=spf1 -all"\n' });
    const a = await auditDmarc('example.com', { resolver: r });
    expect(ids(a)).toEqual(['dmarc.no-record', 'dmarc.record-at-apex', 'dmarc.spf-at-dmarc']);
    expect(a.findings.every((f) => f.domain === 'example.com')).toBe(true);
    expect(a.findings.find((f) => f.id === 'dmarc.no-record')!.message).toBe(
      'No DMARC record applies to example.com (asked _dmarc.example.com, _dmarc.com)',
    );
  });

  it('several records: reported, no no-record finding (the record exists but is discarded)', async () => {
    const r = zones({
      'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n_dmarc IN TXT "v=DMARC1; p=none"\n',
    });
    const a = await auditDmarc('example.com', { resolver: r });
    expect(ids(a)).toEqual(['dmarc.multiple-records']);
    expect(a.findings[0]!.evidence?.details).toEqual({ records: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] });
  });

  it('lint findings carry the record name and the zone file line', async () => {
    const zone = parseZone(
      '@ IN MX 10 mx\n\n_dmarc IN TXT "v=DMARC1; p=none; sp=none; np=none; t=y; pct=20; rf=afrf; ri=3600"\n',
      { origin: 'example.com', file: 'example.com.zone' },
    );
    const a = await auditDmarc('example.com', { resolver: zoneResolver([zone], { offline: true }) });
    expect(ids(a)).toEqual([
      'dmarc.historic-tag',
      'dmarc.historic-tag',
      'dmarc.historic-tag',
      'dmarc.no-rua',
      'dmarc.pct-partial',
      'dmarc.policy-none',
      'dmarc.testing',
    ]);
    const pct = a.findings.find((f) => f.id === 'dmarc.pct-partial')!;
    expect(pct.evidence).toMatchObject({
      name: '_dmarc.example.com',
      source: { file: 'example.com.zone', line: 3 },
      term: 'pct=20',
      position: { offset: 41, length: 6 }, // 'v=DMARC1; p=none; sp=none; np=none; t=y; ' is 41 characters
    });
    expect(pct.rfc).toBe('RFC 7489 §6.3, RFC 9989 Appendix A.6');
  });

  it('weaker sp and np, and more than two URIs', async () => {
    const r = zones({
      'example.com':
        '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; np=none; rua=mailto:a@example.com,mailto:b@example.com,mailto:c@example.com"\n',
    });
    expect(ids(await auditDmarc('example.com', { resolver: r }))).toEqual([
      'dmarc.np-weaker',
      'dmarc.subdomain-policy-weaker',
      'dmarc.too-many-uris',
    ]);
  });

  it('an inherited policy, with np for a non-existent name', async () => {
    const r = zones({
      'example.com':
        '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=reject; sp=quarantine; np=none; rua=mailto:d@example.com"\nwww IN A 192.0.2.1\n',
    });
    const www = await auditDmarc('www.example.com', { resolver: r });
    expect(www).toMatchObject({ source: 'organizational', policy: 'quarantine', policySource: 'sp' });
    expect(ids(www)).toEqual(['dmarc.inherited-policy', 'dmarc.np-weaker', 'dmarc.subdomain-policy-weaker']);
    const ghost = await auditDmarc('ghost.example.com', { resolver: r });
    expect(ghost).toMatchObject({ policy: 'none', policySource: 'np' });
  });

  it('only a PSD policy', async () => {
    const r = zones({
      example:
        '_dmarc.bank IN TXT "v=DMARC1; p=reject; psd=y; rua=mailto:psd@bank.example"\nbank IN MX 10 mx.bank.example.\n',
    });
    const a = await auditDmarc('shop.bank.example', { resolver: r });
    expect(a).toMatchObject({
      source: 'psd',
      recordName: '_dmarc.bank.example',
      organizationalDomain: 'shop.bank.example',
    });
    expect(ids(a)).toEqual([
      'dmarc.inherited-policy',
      'dmarc.mode-divergence',
      'dmarc.psd-declared',
      'dmarc.psd-policy',
    ]);
  });

  it('a subdomain record weaker than the organizational policy', async () => {
    const r = zones({
      'example.com':
        '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n' +
        '_dmarc.news IN TXT "v=DMARC1; p=none; rua=mailto:d@example.com"\n',
    });
    const a = await auditDmarc('news.example.com', { resolver: r });
    expect(ids(a)).toEqual(['dmarc.policy-none', 'dmarc.subdomain-weakens']);
    expect(a.findings.find((f) => f.id === 'dmarc.subdomain-weakens')!.message).toBe(
      '_dmarc.news.example.com publishes p=none, weaker than the p=reject that _dmarc.example.com sets for its subdomains',
    );
  });

  describe('the existence test for an inherited policy (RFC 9989 §4.7, Appendix A.4)', () => {
    const stage3 = zones({
      'stage3.example':
        '@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n@ MX 10 mx.stage3.example.\nmx A 192.0.2.25\n_dmarc TXT "v=DMARC1; p=reject; sp=quarantine; np=reject"\nmkt A 192.0.2.80\n',
    });

    it('a non-existent name: np= applies, and sp= findings speak of the other, existing subdomains', async () => {
      const a = await auditDmarc('nonexist.stage3.example', { resolver: stage3 });
      expect(a).toMatchObject({ policy: 'reject', policySource: 'np', domainExists: false });
      const f = a.findings.find((x) => x.id === 'dmarc.subdomain-policy-weaker')!;
      expect(f.message).toBe(
        'sp=quarantine is weaker than p=reject for the other, existing subdomains of stage3.example; it does not apply to nonexist.stage3.example, which does not exist (np=reject applies to it)',
      );
    });

    it('an existing name: sp= applies and the finding keeps its wording', async () => {
      const a = await auditDmarc('mkt.stage3.example', { resolver: stage3 });
      expect(a).toMatchObject({ policy: 'quarantine', policySource: 'sp', domainExists: true });
      expect(a.findings.find((x) => x.id === 'dmarc.subdomain-policy-weaker')!.message).toBe(
        'sp=quarantine is weaker than p=reject for existing subdomains',
      );
    });

    it('np equal to sp: np= is still named for a non-existent name (np.example)', async () => {
      const r = zones({ 'np.example': '_dmarc TXT "v=DMARC1; p=reject; sp=reject; np=reject"\n' });
      const a = await auditDmarc('nothere.np.example', { resolver: r });
      expect(a).toMatchObject({ policy: 'reject', policySource: 'np', domainExists: false });
    });
  });

  describe('report destinations (RFC 9990 §4)', () => {
    const base = {
      'example.com':
        '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:agg@reports.example.net,mailto:x@other.example.org; ruf=mailto:f@wild.example"\n',
      'example.net':
        'reports IN MX 10 mx.example.net.\nexample.com._report._dmarc.reports IN TXT "v=DMARC1;"\n',
      'example.org': 'other IN A 192.0.2.7\n',
      'wild.example': '@ IN MX 0 .\n*._report._dmarc IN TXT "v=DMARC1"\n',
    };

    it('authorized, unauthorized, wildcard-authorized; no MX and null MX', async () => {
      const a = await auditDmarc('example.com', { resolver: zones(base) });
      expect(a.reporting).toEqual([
        {
          tag: 'rua',
          uri: 'mailto:agg@reports.example.net',
          domain: 'reports.example.net',
          external: true,
          authorizationName: 'example.com._report._dmarc.reports.example.net',
          authorized: true,
          mx: 'ok',
        },
        {
          tag: 'rua',
          uri: 'mailto:x@other.example.org',
          domain: 'other.example.org',
          external: true,
          authorizationName: 'example.com._report._dmarc.other.example.org',
          authorized: false,
          mx: 'none',
        },
        {
          tag: 'ruf',
          uri: 'mailto:f@wild.example',
          domain: 'wild.example',
          external: true,
          authorizationName: 'example.com._report._dmarc.wild.example',
          authorized: true,
          mx: 'null-mx',
        },
      ]);
      expect(ids(a)).toEqual([
        'dmarc.external-destination-unauthorized',
        'dmarc.report-domain-no-mx',
        'dmarc.report-domain-undeliverable',
      ]);
    });

    it('a report domain that does not exist is an error (its own id: the catalog gives the severity)', async () => {
      const r = zones({
        'example.com': '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@gone.example.com"\n',
      });
      const a = await auditDmarc('example.com', { resolver: r });
      expect(a.findings).toMatchObject([
        {
          id: 'dmarc.report-domain-undeliverable',
          severity: 'error',
          message: 'Report domain gone.example.com does not exist (NXDOMAIN): reports cannot be delivered',
        },
      ]);
    });

    it('no MX: an A record is the implicit MX (warning); no MX and no A/AAAA: undeliverable (error)', async () => {
      const a = await auditDmarc('example.com', { resolver: zones(base) });
      expect(a.findings.find((f) => f.evidence?.name === 'other.example.org')).toMatchObject({
        id: 'dmarc.report-domain-no-mx',
        severity: 'warning',
        message:
          'Report domain other.example.org has no MX records; reports rely on its A/AAAA records (the implicit MX of RFC 5321 §5.1)',
      });
      const r = zones({
        'example.com':
          '@ IN MX 10 mx\nmx IN A 192.0.2.1\nbare IN TXT "x"\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@bare.example.com"\n',
      });
      const b = await auditDmarc('example.com', { resolver: r });
      expect(b.findings).toMatchObject([
        {
          id: 'dmarc.report-domain-undeliverable',
          severity: 'error',
          message:
            'Report domain bare.example.com has no MX and no A/AAAA records: reports cannot be delivered at all',
        },
      ]);
    });

    it('an unauthorized external destination: the finding names the exact record; the remediation is the catalog entry', async () => {
      const a = await auditDmarc('example.com', { resolver: zones(base) });
      const f = a.findings.find((x) => x.id === 'dmarc.external-destination-unauthorized')!;
      expect(f.message).toBe(
        "rua=mailto:x@other.example.org is outside example.com's organization and example.com._report._dmarc.other.example.org has no v=DMARC1 record: receivers will not send it reports",
      );
      expect(f.evidence).toMatchObject({
        name: 'example.com._report._dmarc.other.example.org',
        details: { destination: 'other.example.org' },
      });
      expect(f.remediation).toBe(findingDefinition(f.id)!.remediation);
    });

    it('a TIMEOUT on an authorization record is a dns-error, not a missing authorization', async () => {
      const r = failing(zones(base), { 'example.com._report._dmarc.other.example.org': 'TIMEOUT' });
      const a = await auditDmarc('example.com', { resolver: r });
      expect(a.reporting[1]!.authorized).toBeNull();
      expect(ids(a)).toEqual([
        'dmarc.dns-error',
        'dmarc.report-domain-no-mx',
        'dmarc.report-domain-undeliverable',
      ]);
    });
  });

  it('a DNS error during discovery is a dns-error finding, not "no record"', async () => {
    const r = failing(zones({ 'example.com': '_dmarc IN TXT "v=DMARC1; p=reject"\n' }), {
      '_dmarc.example.com': 'SERVFAIL',
    });
    const a = await auditDmarc('example.com', { resolver: r });
    expect(ids(a)).toEqual(['dmarc.dns-error']);
    expect(a.findings[0]!.message).toContain('SERVFAIL for _dmarc.example.com');
  });

  it('RFC 7489 mode and the comparison', async () => {
    const r = zones({
      'example.com':
        '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"\n' +
        '_dmarc.dept IN TXT "v=DMARC1; p=quarantine; psd=n; rua=mailto:d@example.com"\n',
    });
    const a = await auditDmarc('x.dept.example.com', { resolver: r, mode: '7489' });
    expect(a).toMatchObject({
      mode: '7489',
      recordName: '_dmarc.example.com',
      organizationalDomain: 'example.com',
    });
    expect(a.comparison).toMatchObject({ mode: '9989', recordName: '_dmarc.dept.example.com' });
    const div = a.findings.find((f) => f.id === 'dmarc.mode-divergence')!;
    expect(div.message).toBe(
      'RFC 9989 and RFC 7489 receivers disagree for x.dept.example.com: RFC 9989: _dmarc.dept.example.com, Organizational Domain dept.example.com; RFC 7489: _dmarc.example.com, Organizational Domain example.com',
    );
  });

  it("OpenDMARC's dmarcwalk fixture: psdy and direct diverge (PSL vs Tree Walk), webhost does not", async () => {
    const zone = parseZone(opendmarcFixture(), {
      origin: 'example.test',
    });
    const r = zoneResolver([zone], { offline: true });
    const leaf = await auditDmarc('leaf.mid.psdy.dmarcwalk.example.test', { resolver: r });
    expect(leaf.findings.map((f) => f.id)).toContain('dmarc.mode-divergence');
    // same record, but the PSL puts every name under example.test in one organization
    const direct = await auditDmarc('direct.dmarcwalk.example.test', { resolver: r });
    expect(direct.findings.find((f) => f.id === 'dmarc.mode-divergence')!.evidence?.details).toEqual({
      rfc9989: {
        recordName: '_dmarc.direct.dmarcwalk.example.test',
        organizationalDomain: 'direct.dmarcwalk.example.test',
      },
      rfc7489: { recordName: '_dmarc.direct.dmarcwalk.example.test', organizationalDomain: 'example.test' },
    });
    const webhost = await auditDmarc('webhost.example.test', { resolver: r });
    expect(webhost.findings.map((f) => f.id)).not.toContain('dmarc.mode-divergence');
    expect(webhost).toMatchObject({ recordName: '_dmarc.example.test', source: 'organizational' });
  });

  it("OpenDMARC's gushi.org record", async () => {
    const zone = parseZone(
      readFileSync('/work/shared/conformance/dmarc/opendmarc-gushi.org.zone.inc', 'utf8'),
      {},
    );
    const a = await auditDmarc('gushi.org', { resolver: zoneResolver([zone], { offline: true }) });
    expect(a).toMatchObject({ policy: 'none', effective: { p: 'none', sp: 'reject', np: 'reject' } });
    expect(ids(a)).toEqual(['dmarc.historic-tag', 'dmarc.no-rua', 'dmarc.policy-none']);
  });

  describe('a TXT record at _dmarc that is not a valid DMARC record', () => {
    const ZONE = [
      '@ IN MX 10 mx',
      '_dmarc IN TXT "v=DMARC1; p=quarantine; rua=mailto:d@example.com"',
      '_dmarc.c IN TXT "v=dmarc1; p=reject"',
      '_dmarc.d IN TXT "p=reject; v=DMARC1"',
      '_dmarc.e IN TXT "junk v=DMARC1; p=reject"',
      '_dmarc.f IN TXT "v=DMARC1; p=none"',
      '_dmarc.f IN TXT "hello"',
      '',
    ].join('\n');
    const r = zoneResolver([parseZone(ZONE, { origin: 'example.com', file: 'example.com.zone' })], {
      offline: true,
    });

    it.each([
      [
        'c.example.com',
        'v=dmarc1; p=reject',
        "the version value 'dmarc1' must be exactly 'DMARC1' (case-sensitive)",
        3,
      ],
      ['d.example.com', 'p=reject; v=DMARC1', 'v=DMARC1 must be the first tag', 4],
      [
        'e.example.com',
        'junk v=DMARC1; p=reject',
        "the text 'junk' comes before v=DMARC1, which must be the first tag",
        5,
      ],
    ])(
      '%s: "%s" is ignored and the Organizational Domain policy applies',
      async (domain, record, why, line) => {
        const a = await auditDmarc(domain, { resolver: r });
        expect(a).toMatchObject({
          recordName: '_dmarc.example.com',
          source: 'organizational',
          policy: 'quarantine',
        });
        expect(ids(a)).toEqual(['dmarc.inherited-policy', 'dmarc.record-ignored']);
        const f = a.findings.find((x) => x.id === 'dmarc.record-ignored')!;
        expect(f.severity).toBe('warning');
        expect(f.rfc).toBe('RFC 9989 §4.7, §4.10');
        expect(f.message).toBe(
          `_dmarc.${domain} TXT "${record}" is not a DMARC record and is ignored: ${why}; the policy comes from _dmarc.example.com (the Organizational Domain) instead`,
        );
        expect(f.evidence).toEqual({
          name: `_dmarc.${domain}`,
          record,
          details: { reason: why },
          source: { file: 'example.com.zone', line },
        });
      },
    );

    it('without a parent policy: no policy applies; RFC 7489 mode cites RFC 7489', async () => {
      const lone = zones({ 'example.net': '_dmarc IN TXT "v=dmarc1; p=reject"\n' });
      const a = await auditDmarc('example.net', { resolver: lone, mode: '7489' });
      expect(ids(a)).toEqual(['dmarc.no-record', 'dmarc.record-ignored']);
      const f = a.findings.find((x) => x.id === 'dmarc.record-ignored')!;
      expect(f.message).toContain('; no DMARC policy applies to example.net');
      expect(f.rfc).toBe('RFC 7489 §6.3, §6.6.3');
      expect(a.findings.find((x) => x.id === 'dmarc.no-record')!.rfc).toBe('RFC 7489 §6.6.3');
    });

    it('not reported next to a valid record at the same name, nor for names above the applied record', async () => {
      expect(ids(await auditDmarc('f.example.com', { resolver: r }))).toEqual([
        'dmarc.no-rua',
        'dmarc.policy-none',
        'dmarc.subdomain-weakens',
      ]);
      const above = zones({
        'example.org':
          '_dmarc IN TXT "v=DMARC1 p=reject"\n_dmarc.a IN TXT "v=DMARC1; p=reject; rua=mailto:d@a.example.org"\n',
      });
      const a = await auditDmarc('a.example.org', { resolver: above });
      expect(a.recordName).toBe('_dmarc.a.example.org');
      expect(a.findings.map((x) => x.id)).not.toContain('dmarc.record-ignored');
    });

    it('a DNS error leaves the policy undecided', async () => {
      const a = await auditDmarc('c.example.com', {
        resolver: failing(r, { '_dmarc.example.com': 'TIMEOUT' }),
      });
      const f = a.findings.find((x) => x.id === 'dmarc.record-ignored')!;
      expect(f.message).toContain('; the policy is undecided (DNS TIMEOUT for _dmarc.example.com)');
    });
  });

  it('RFC 7489 mode cites RFC 7489 for its own rules, RFC 9989 for the comparison and 9989-only tags', async () => {
    const r = failing(
      zones({
        'example.com': '@ IN MX 10 mx\n_dmarc IN TXT "v=DMARC1; p=none; np=none; rua=mailto:d@example.com"\n',
      }),
      { '_dmarc.y.example.com': 'TIMEOUT' },
    );
    const a = await auditDmarc('x.y.example.com', { resolver: r, mode: '7489' });
    const rfc = Object.fromEntries(a.findings.map((f) => [f.id, f.rfc]));
    expect(rfc).toEqual({
      'dmarc.dns-error': 'RFC 9989 §4.10.1, §5.3.6', // the RFC 9989 Tree Walk of the comparison failed
      'dmarc.inherited-policy': 'RFC 7489 §6.6.3',
      'dmarc.policy-none': 'RFC 7489 §6.3',
    });
    expect(a.findings.find((f) => f.id === 'dmarc.dns-error')!.message).toContain(
      '(DMARC discovery, RFC 9989)',
    );
    const b = await auditDmarc('y.example.com', { resolver: r, mode: '7489' });
    expect(b.findings.map((f) => [f.id, f.rfc, f.message])).toEqual([
      [
        'dmarc.dns-error',
        'RFC 7489 §6.6.3',
        'DNS TIMEOUT for _dmarc.y.example.com (DMARC discovery, RFC 7489); the result is undecided, not "no policy"',
      ],
    ]);
    // The same audit in RFC 9989 mode keeps the catalog's citations.
    const c = await auditDmarc('x.y.example.com', { resolver: r, mode: '9989' });
    for (const f of c.findings) {
      expect(f.rfc).toBe(DMARC_FINDINGS.definitions.find((d) => d.id === f.id)!.rfc);
    }
    // Every RFC 7489 citation belongs to a catalog id.
    const known = new Set(DMARC_FINDINGS.definitions.map((d) => d.id));
    for (const id of Object.keys(DMARC_RFC7489_CITATIONS)) expect(known.has(id)).toBe(true);
  });

  it('every finding id is in the catalog', async () => {
    const known = new Set(DMARC_FINDINGS.definitions.map((d) => d.id));
    expect(known.size).toBe(DMARC_FINDINGS.definitions.length);
    for (const d of DMARC_FINDINGS.definitions) expect(d.id).toMatch(/^dmarc\.[a-z0-9-]+$/);
  });
});
