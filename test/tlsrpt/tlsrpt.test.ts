import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTlsRpt, type TlsRptAudit } from '../../src/tlsrpt/audit.js';
import { checkReportUri, isTlsRptRecord, parseTlsRptRecord } from '../../src/tlsrpt/record.js';
import { type Loopback, loopback } from '../audit/loopback.js';

describe('TLS-RPT record syntax (RFC 8460 §3)', () => {
  it('parses the RFC examples', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1;rua=mailto:reports@example.com')).toEqual({
      rua: [{ uri: 'mailto:reports@example.com', scheme: 'mailto' }],
      hasRua: true,
      extensions: [],
      errors: [],
    });
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt').rua).toEqual([
      { uri: 'https://reporting.example.com/v1/tlsrpt', scheme: 'https' },
    ]);
  });
  it('accepts several URIs separated by commas, with spaces', () => {
    const r = parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.com/x;');
    expect(r.rua.map((u) => [u.scheme, u.error])).toEqual([
      ['mailto', undefined],
      ['https', undefined],
    ]);
    expect(r.errors).toEqual([]);
  });
  it('is case-sensitive about the version and discards other records', () => {
    expect(isTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com')).toBe(true);
    expect(isTlsRptRecord('v=tlsrptv1; rua=mailto:a@example.com')).toBe(false);
    expect(isTlsRptRecord('v=spf1 -all')).toBe(false);
  });
  it('rejects URIs that are not mailto with one address or https', () => {
    expect(checkReportUri('http://r.example.com/').error).toBe('scheme "http:" is not mailto or https');
    expect(checkReportUri('mailto:not-an-address').error).toMatch(/not one email address/);
    expect(checkReportUri('reports@example.com').error).toBe('not a URI (no scheme)');
    expect(checkReportUri('mailto:tls%2Breports@example.com').error).toBeUndefined();
    expect(checkReportUri('https://').error).toBe('not a valid URL');
  });
  it('reports malformed fields and extensions', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1; rua').errors).toEqual(['field "rua" is not name=value']);
    expect(
      parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com').errors,
    ).toEqual(['rua appears more than once']);
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com; x-ext=1').extensions).toEqual([
      { name: 'x-ext', value: '1' },
    ]);
  });
});

const ZONE = `$ORIGIN example.test.
@                  SOA ns hostmaster 1 7200 900 1209600 300
_smtp._tls.good    TXT "v=TLSRPTv1; rua=mailto:tls-reports@good.example.test,https://tlsrpt.example.test/v1"
_smtp._tls.split   TXT "v=TLSRPTv1; " "rua=mailto:tls@split.example.test"
_smtp._tls.multi   TXT "v=TLSRPTv1; rua=mailto:a@multi.example.test"
_smtp._tls.multi   TXT "v=TLSRPTv1; rua=mailto:b@multi.example.test"
_smtp._tls.other   TXT "google-site-verification=abc"
_smtp._tls.norua   TXT "v=TLSRPTv1;"
_smtp._tls.baduri  TXT "v=TLSRPTv1; rua=http://tlsrpt.example.test/,mailto:ok@baduri.example.test"
_smtp._tls.allbad  TXT "v=TLSRPTv1; rua=ftp://x.example.test/"
_smtp._tls.junk    TXT "v=TLSRPTv1; rua=mailto:a@junk.example.test; ;oops"
none               TXT "v=spf1 -all"
`;

const ids = (a: TlsRptAudit) => a.findings.map((f) => f.id).sort();

describe('auditTlsRpt through the loopback DNS server', () => {
  let lb: Loopback;
  beforeAll(async () => {
    lb = await loopback([ZONE], {
      faults: { servfail: (name) => name === '_smtp._tls.broken.example.test' },
    });
  });
  afterAll(async () => lb?.close());

  it('accepts a valid record with mailto and https URIs', async () => {
    const a = await auditTlsRpt('good.example.test', { resolver: lb.resolver });
    expect(a).toMatchObject({ status: 'found', findings: [] });
    expect(a.rua.map((u) => u.scheme)).toEqual(['mailto', 'https']);
  });
  it('joins character-strings', async () => {
    const a = await auditTlsRpt('split.example.test', { resolver: lb.resolver });
    expect(a.record?.text).toBe('v=TLSRPTv1; rua=mailto:tls@split.example.test');
    expect(a.status).toBe('found');
  });
  it('reports a missing record, whether the name is absent or holds other TXT records', async () => {
    expect(ids(await auditTlsRpt('none.example.test', { resolver: lb.resolver }))).toEqual([
      'tlsrpt.no-record',
    ]);
    const other = await auditTlsRpt('other.example.test', { resolver: lb.resolver });
    expect(other.status).toBe('none');
    expect(ids(other)).toEqual(['tlsrpt.no-record']);
  });
  it('reports several records (senders then send no reports)', async () => {
    const a = await auditTlsRpt('multi.example.test', { resolver: lb.resolver });
    expect(a.status).toBe('multiple');
    expect(ids(a)).toEqual(['tlsrpt.multiple-records']);
  });
  it('reports a missing rua and invalid URIs', async () => {
    expect(ids(await auditTlsRpt('norua.example.test', { resolver: lb.resolver }))).toEqual([
      'tlsrpt.missing-rua',
    ]);
    const bad = await auditTlsRpt('baduri.example.test', { resolver: lb.resolver });
    expect(bad.status).toBe('found'); // one usable URI remains
    expect(ids(bad)).toEqual(['tlsrpt.invalid-rua']);
    expect(bad.findings[0]!.evidence?.term).toBe('http://tlsrpt.example.test/');
    const allbad = await auditTlsRpt('allbad.example.test', { resolver: lb.resolver });
    expect(allbad.status).toBe('invalid');
  });
  it('reports malformed records', async () => {
    const a = await auditTlsRpt('junk.example.test', { resolver: lb.resolver });
    expect(ids(a)).toEqual(['tlsrpt.invalid-record', 'tlsrpt.invalid-record']);
  });
  it('reports DNS failures as tlsrpt.dns-error', async () => {
    const a = await auditTlsRpt('broken.example.test', { resolver: lb.resolver });
    expect(a.status).toBe('dns-error');
    expect(a.findings[0]).toMatchObject({
      id: 'tlsrpt.dns-error',
      severity: 'error',
      evidence: { details: { kind: 'SERVFAIL' } },
    });
  });
});
