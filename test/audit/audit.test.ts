import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditOptions, auditDomain, type DomainReport } from '../../src/audit/audit.js';
import { isDnsTrouble } from '../../src/audit/dns-trouble.js';
import { AUDIT_FINDINGS } from '../../src/audit/findings.js';
import { originZones } from '../support/resolvers.js';
import { type Loopback, loopback } from './loopback.js';

const NOW = () => new Date('2026-01-15T12:00:00Z');

const ZONE = `$ORIGIN example.test.
@                 SOA ns hostmaster 1 7200 900 1209600 300
; a domain with every record
full              MX 10 mx.full
mx.full           A 192.0.2.25
full              TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc.full       TXT "v=DMARC1; p=reject; rua=mailto:d@full.example.test"
_smtp._tls.full   TXT "v=TLSRPTv1; rua=mailto:tls@full.example.test"
_mta-sts.full     TXT "v=STSv1; id=1"
default._bimi.full TXT "v=BIMI1; l=https://bimi.full.example.test/logo.svg"
; null MX, but SPF still authorizes a network
nullsender        MX 0 .
nullsender        TXT "v=spf1 ip4:198.51.100.0/24 -all"
; null MX done right
nullok            MX 0 .
nullok            TXT "v=spf1 -all"
; BIMI with a DMARC policy that is not enforced
lax               MX 10 mx.full
lax               TXT "v=spf1 -all"
_dmarc.lax        TXT "v=DMARC1; p=none"
default._bimi.lax TXT "v=BIMI1; l=https://bimi.lax.example.test/logo.svg"
slow              TXT "v=spf1 -all"
`;

const REVERSE = `$ORIGIN 2.0.192.in-addr.arpa.
@    SOA ns.example.test. hostmaster.example.test. 1 7200 900 1209600 300
25   PTR mx.full.example.test.
`;

const ids = (r: DomainReport, prefix = '') =>
  r.findings
    .map((f) => f.id)
    .filter((id) => id.startsWith(prefix))
    .sort();
const base = (extra: Partial<AuditOptions> = {}): AuditOptions => ({
  resolver: originZones(ZONE, REVERSE),
  selectors: ['s1'],
  now: NOW,
  checks: { https: false },
  ...extra,
});

describe('auditDomain: MX, MTA-STS, TLS-RPT and BIMI sections', () => {
  it('adds every section, with its findings in the report', async () => {
    const r = await auditDomain('full.example.test', base());
    expect(r.mx).toMatchObject({ status: 'found', hosts: [{ exchange: 'mx.full.example.test' }] });
    expect(r.mtaSts).toMatchObject({
      status: 'found',
      statusDetail: 'policy-not-fetched',
      record: { id: '1' },
    });
    expect(r.tlsRpt).toMatchObject({ status: 'found' });
    expect(r.bimi).toMatchObject({ status: 'found', dmarcEnforced: true });
    expect(ids(r, 'mx.')).toEqual([]);
    expect(ids(r, 'tlsrpt.')).toEqual([]);
    expect(ids(r, 'bimi.')).toEqual(['bimi.no-authority']);
    // every section finding is in the report's list, with the domain set
    for (const s of [r.mx, r.mtaSts, r.tlsRpt, r.bimi])
      for (const f of s!.findings) expect(r.findings).toContainEqual({ ...f, domain: 'full.example.test' });
  });

  it('leaves out the sections that are switched off', async () => {
    const r = await auditDomain(
      'full.example.test',
      base({ checks: { mx: false, mtaSts: false, tlsRpt: false, bimi: false } }),
    );
    expect(r.mx).toBeUndefined();
    expect(r.mtaSts).toBeUndefined();
    expect(r.tlsRpt).toBeUndefined();
    expect(r.bimi).toBeUndefined();
    expect(Object.keys(r)).not.toContain('mx');
  });

  it('reports a null MX domain whose SPF policy authorizes hosts (RFC 7505 §4.2)', async () => {
    const bad = await auditDomain('nullsender.example.test', base());
    expect(ids(bad, 'mx.')).toEqual(['mx.null-mx', 'mx.null-mx-spf-authorizes']);
    expect(bad.mx!.findings.map((f) => f.id)).toContain('mx.null-mx-spf-authorizes');
    expect(bad.findings.find((f) => f.id === 'mx.null-mx-spf-authorizes')?.evidence?.record).toBe(
      'v=spf1 ip4:198.51.100.0/24 -all',
    );
    const ok = await auditDomain('nullok.example.test', base());
    expect(ids(ok, 'mx.')).toEqual(['mx.null-mx']);
  });

  it('judges the BIMI DMARC prerequisite from the DMARC audit', async () => {
    const r = await auditDomain('lax.example.test', base());
    expect(r.bimi?.dmarcEnforced).toBe(false);
    expect(ids(r, 'bimi.')).toEqual(['bimi.dmarc-not-enforced', 'bimi.no-authority']);
  });
});

describe('auditDomain with a time limit', () => {
  let lb: Loopback;
  beforeAll(async () => {
    // The server never answers anything about slow.example.test except its TXT record.
    lb = await loopback([ZONE, REVERSE], {
      faults: {
        drop: (name, type) =>
          name.endsWith('slow.example.test') && !(name === 'slow.example.test' && type === 'TXT'),
      },
      timeoutMs: 20_000,
    });
  });
  afterAll(async () => lb?.close());

  it('turns unanswered questions into TIMEOUT and adds audit.timeout (DNS trouble), without hanging', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort('limit'), 200);
    const r = await auditDomain('slow.example.test', {
      resolver: lb.resolver,
      selectors: ['s1'],
      now: NOW,
      checks: { https: false },
      signal: controller.signal,
    });
    expect(r.findings.filter((f) => f.id === 'audit.timeout')).toHaveLength(1);
    expect(r.summary.dnsTrouble).toBe(true);
    expect(ids(r)).toContain('mx.dns-error');
    expect(ids(r)).toContain('dmarc.dns-error');
    expect(r.mx?.findings[0]?.evidence?.details).toMatchObject({ kind: 'TIMEOUT' });
    // The SPF record was answered before the limit: it is in the report.
    expect(r.spf.record).toBe('v=spf1 -all');
  });

  it('counts audit.timeout as DNS trouble', () => {
    expect(isDnsTrouble(AUDIT_FINDINGS.timeout('x'))).toBe(true);
    expect(isDnsTrouble({ id: 'mx.dns-error', severity: 'error', message: '' })).toBe(true);
    expect(isDnsTrouble({ id: 'mx.no-ptr', severity: 'warning', message: '' })).toBe(false);
  });
});
