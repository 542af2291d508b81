import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateBimiVmc } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDnsTrouble } from '../../src/audit/dns-trouble.js';
import { auditBimi, type BimiAudit, type BimiAuditOptions, dmarcShortfall } from '../../src/bimi/audit.js';
import { BIMI_FINDINGS } from '../../src/bimi/findings.js';
import { isBimiRecord, parseBimiRecord } from '../../src/bimi/record.js';
import { type Loopback, loopback } from '../audit/loopback.js';
import {
  createTestPki,
  fetchOnPort,
  NO_OPENSSL,
  opensslAvailable,
  startHttpsServer,
  type TestHttpsServer,
  type TestPki,
} from '../support/https-server.js';
import { failing, originZones } from '../support/resolvers.js';

const HAS_OPENSSL = opensslAvailable();
if (!HAS_OPENSSL) console.warn(NO_OPENSSL);

// A real Verified Mark Certificate (paypal.com, valid 2024-09-09 to 2025-09-08) from @postalsys/vmc's tests.
const VMC_FILE = join('node_modules', '@postalsys', 'vmc', 'test', 'fixtures', 'paypal_vmc.pem');
const HAS_VMC = existsSync(VMC_FILE);
const VMC_VALID_AT = new Date('2025-03-01T00:00:00Z');

const ENFORCED = { found: true, p: 'reject' } as const;

const TINY_PS = `<?xml version="1.0" encoding="UTF-8"?>
<svg version="1.2" baseProfile="tiny-ps" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <title>Example</title>
  <circle cx="50" cy="50" r="40" fill="#123456"/>
</svg>`;
const NOT_TINY = TINY_PS.replace('baseProfile="tiny-ps" ', '');
const SCRIPTED = TINY_PS.replace('<circle', '<script>alert(1)</script><circle');

describe('BIMI record syntax', () => {
  it('parses l= and a= and recognises records by their v= tag', () => {
    expect(isBimiRecord('v=BIMI1; l=https://example.com/logo.svg')).toBe(true);
    expect(isBimiRecord('v=spf1 -all')).toBe(false);
    expect(
      parseBimiRecord('v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem;'),
    ).toEqual({
      location: 'https://example.com/logo.svg',
      authority: 'https://example.com/vmc.pem',
      tags: {},
      errors: [],
    });
    expect(parseBimiRecord('v=BIMI1; l=; a=')).toMatchObject({ location: '', authority: '' });
    expect(parseBimiRecord('l=https://x.example/l.svg; v=BIMI1').errors).toEqual([
      'the record must start with "v=BIMI1"',
    ]);
    expect(parseBimiRecord('v=BIMI1; l=a; l=b').errors).toEqual(['tag l appears more than once']);
  });
  it('states the DMARC prerequisite (quarantine at 100% or reject, no sp=none, no t=y)', () => {
    expect(dmarcShortfall({ found: true, p: 'reject' })).toBeNull();
    expect(dmarcShortfall({ found: true, p: 'quarantine', pct: 100 })).toBeNull();
    expect(dmarcShortfall({ found: true, p: 'none' })).toBe('the DMARC policy is p=none');
    expect(dmarcShortfall({ found: true, p: 'quarantine', pct: 50 })).toBe(
      'the DMARC policy applies to pct=50% only',
    );
    expect(dmarcShortfall({ found: true, p: 'reject', sp: 'none' })).toBe(
      'the DMARC subdomain policy is sp=none',
    );
    expect(dmarcShortfall({ found: true, p: 'reject', testing: true })).toMatch(/t=y/);
    expect(dmarcShortfall({ found: false })).toBe('the domain has no DMARC policy');
  });
});

const ZONE = `$ORIGIN example.test.
@                        SOA ns hostmaster 1 7200 900 1209600 300
default._bimi            TXT "v=BIMI1; l=https://bimi.example.test/org.svg"
default._bimi.good       TXT "v=BIMI1; l=https://bimi.example.test/good.svg; a=https://bimi.example.test/self.pem"
brand._bimi.good         TXT "v=BIMI1; l=https://bimi.example.test/good.svg"
default._bimi.notiny     TXT "v=BIMI1; l=https://bimi.example.test/notiny.svg"
default._bimi.script     TXT "v=BIMI1; l=https://bimi.example.test/script.svg"
default._bimi.ctype      TXT "v=BIMI1; l=https://bimi.example.test/ctype.svg"
default._bimi.gone       TXT "v=BIMI1; l=https://bimi.example.test/missing.svg"
default._bimi.http       TXT "v=BIMI1; l=http://bimi.example.test/good.svg"
default._bimi.noloc      TXT "v=BIMI1; a=https://bimi.example.test/self.pem"
default._bimi.declined   TXT "v=BIMI1; l=; a="
default._bimi.multi      TXT "v=BIMI1; l=https://bimi.example.test/good.svg"
default._bimi.multi      TXT "v=BIMI1; l=https://bimi.example.test/other.svg"
default._bimi.broken     TXT "v=BIMI1; l=https://bimi.example.test/good.svg"
norecord                 TXT "v=spf1 -all"
bimi                     A 127.0.0.1
`;

const PAYPAL = `$ORIGIN paypal.com.
@                        SOA ns hostmaster 1 7200 900 1209600 300
default._bimi            TXT "v=BIMI1; l=https://bimi.paypal.com/logo.svg; a=https://bimi.paypal.com/vmc.pem"
other._bimi              TXT "v=BIMI1; l=https://bimi.paypal.com/altered.svg; a=https://bimi.paypal.com/vmc.pem"
bimi                     A 127.0.0.1
`;

const ids = (a: BimiAudit) => a.findings.map((f) => f.id).sort();

describe.skipIf(!HAS_OPENSSL)('auditBimi through the loopback DNS server and a local HTTPS server', () => {
  let pki: TestPki;
  let server: TestHttpsServer;
  let lb: Loopback;
  let opts: BimiAuditOptions;
  let vmcLogo: Buffer | undefined;

  beforeAll(async () => {
    pki = createTestPki();
    server = await startHttpsServer(pki.issue(['bimi.example.test', 'bimi.paypal.com']));
    lb = await loopback([ZONE, PAYPAL], {
      faults: { servfail: (name) => name === 'default._bimi.broken.example.test' },
    });
    const svg = { 'content-type': 'image/svg+xml' };
    const h = 'bimi.example.test';
    server.route(h, '/good.svg', { headers: svg, body: TINY_PS });
    server.route(h, '/org.svg', { headers: svg, body: TINY_PS });
    server.route(h, '/notiny.svg', { headers: svg, body: NOT_TINY });
    server.route(h, '/script.svg', { headers: svg, body: SCRIPTED });
    server.route(h, '/ctype.svg', { headers: { 'content-type': 'text/plain' }, body: TINY_PS });
    server.route(h, '/self.pem', {
      headers: { 'content-type': 'application/pem-certificate-chain' },
      body: pki.caCert,
    });
    if (HAS_VMC) {
      const pem = readFileSync(VMC_FILE);
      const probe = await validateBimiVmc({ authority: 'https://x/', authorityPath: pem } as never, {
        now: VMC_VALID_AT,
      });
      vmcLogo = Buffer.from(
        (probe as { authority: { vmc: { logoFile: string } } }).authority.vmc.logoFile,
        'base64',
      );
      server.route('bimi.paypal.com', '/vmc.pem', {
        headers: { 'content-type': 'application/pem-certificate-chain' },
        body: pem,
      });
      server.route('bimi.paypal.com', '/logo.svg', { headers: svg, body: vmcLogo });
      server.route('bimi.paypal.com', '/altered.svg', { headers: svg, body: TINY_PS });
      // The paypal VMC served for another domain.
      server.route(h, '/paypal.pem', {
        headers: { 'content-type': 'application/pem-certificate-chain' },
        body: pem,
      });
    }
    opts = { resolver: lb.resolver, ca: pki.caCert, fetch: fetchOnPort(server.port), dmarc: ENFORCED };
  });
  afterAll(async () => {
    await server?.close();
    await lb?.close();
    pki?.dispose();
  });

  it('checks a Tiny PS logo and rejects a certificate that does not chain to a mark issuer', async () => {
    const a = await auditBimi('good.example.test', opts);
    expect(a).toMatchObject({
      status: 'found',
      selector: 'default',
      record: { name: 'default._bimi.good.example.test' },
      location: 'https://bimi.example.test/good.svg',
      logo: { fetched: true, svgValid: true, contentType: 'image/svg+xml' },
      certificate: { fetched: true, valid: false },
      dmarcEnforced: true,
    });
    expect(ids(a)).toEqual(['bimi.certificate-invalid']);
  });

  it('uses a given selector, and falls back to the Organizational Domain', async () => {
    const brand = await auditBimi('good.example.test', { ...opts, selector: 'brand' });
    expect(brand.record?.name).toBe('brand._bimi.good.example.test');
    expect(ids(brand)).toEqual(['bimi.no-authority']);
    const sub = await auditBimi('sub.example.test', opts);
    expect(sub.record?.name).toBe('default._bimi.example.test');
  });

  it('reports logos that are not SVG Tiny PS, the wrong Content-Type, and fetch failures', async () => {
    const notiny = await auditBimi('notiny.example.test', opts);
    expect(ids(notiny)).toEqual(['bimi.logo-invalid', 'bimi.no-authority']);
    expect(notiny.logo?.error?.code).toBe('INVALID_BASE_PROFILE');
    const script = await auditBimi('script.example.test', opts);
    expect(script.logo?.error?.code).toBe('LOGO_INVALID_ELEMENT');
    expect(ids(await auditBimi('ctype.example.test', opts))).toEqual([
      'bimi.logo-content-type',
      'bimi.no-authority',
    ]);
    const gone = await auditBimi('gone.example.test', opts);
    expect(ids(gone)).toEqual(['bimi.logo-fetch-failed', 'bimi.no-authority']);
    expect(gone.logo?.error?.code).toBe('http-status');
  });

  it('reports record problems: http location, no location, declined, several records, none', async () => {
    expect(ids(await auditBimi('http.example.test', opts))).toEqual([
      'bimi.invalid-location',
      'bimi.no-authority',
    ]);
    expect(ids(await auditBimi('noloc.example.test', opts))).toEqual([
      'bimi.certificate-invalid',
      'bimi.missing-location',
    ]);
    const declined = await auditBimi('declined.example.test', opts);
    expect(declined).toMatchObject({ status: 'found', statusDetail: 'declined' });
    expect(ids(declined)).toEqual(['bimi.declined']);
    const multi = await auditBimi('multi.example.test', opts);
    expect(multi.status).toBe('multiple');
    expect(ids(multi)).toEqual(['bimi.multiple-records']);
    // norecord.example.test has no record and its Organizational Domain example.test has one: it applies.
    expect((await auditBimi('norecord.example.test', opts)).record?.name).toBe('default._bimi.example.test');
    const none = await auditBimi('other.test', opts);
    expect(ids(none)).toEqual(['bimi.no-record']);
  });

  it('requires DMARC enforcement', async () => {
    const a = await auditBimi('good.example.test', {
      ...opts,
      dmarc: { found: true, p: 'none' },
      fetchAssets: false,
    });
    expect(a.dmarcEnforced).toBe(false);
    expect(ids(a)).toEqual(['bimi.dmarc-not-enforced']);
    expect(a.findings[0]!.message).toMatch(/p=none/);
    const undecided = await auditBimi('good.example.test', {
      ...opts,
      dmarc: { found: false, undetermined: true },
      fetchAssets: false,
    });
    expect(undecided.dmarcEnforced).toBeNull();
    expect(undecided.findings).toEqual([]);
  });

  it('reports DNS failures as bimi.dns-error', async () => {
    const a = await auditBimi('broken.example.test', opts);
    expect(a.status).toBe('dns-error');
    expect(a.findings[0]).toMatchObject({
      id: 'bimi.dns-error',
      evidence: { details: { kind: 'SERVFAIL' } },
    });
  });

  describe.skipIf(!HAS_VMC)('with a real Verified Mark Certificate (validated offline by mailauth)', () => {
    it('accepts the VMC with its own logo, at a time it is valid', async () => {
      const a = await auditBimi('paypal.com', { ...opts, now: VMC_VALID_AT });
      expect(a.findings).toEqual([]);
      expect(a.certificate).toMatchObject({
        valid: true,
        type: 'VMC',
        subjectAltName: ['paypal.com'],
        logoMatches: true,
      });
      expect(a.logo).toMatchObject({ svgValid: true, bytes: vmcLogo!.length });
    });
    it('rejects it once expired, with another logo, or for another domain', async () => {
      const expired = await auditBimi('paypal.com', { ...opts, now: new Date('2026-01-01T00:00:00Z') });
      expect(ids(expired)).toEqual(['bimi.certificate-invalid']);
      const altered = await auditBimi('paypal.com', { ...opts, selector: 'other', now: VMC_VALID_AT });
      expect(altered.certificate).toMatchObject({
        valid: false,
        logoMatches: false,
        error: { code: 'LOGO_HASH_MISMATCH' },
      });
      const zoneWithOtherDomain = await loopback([
        ZONE.replace('a=https://bimi.example.test/self.pem"', 'a=https://bimi.example.test/paypal.pem"'),
      ]);
      try {
        const other = await auditBimi('good.example.test', {
          ...opts,
          resolver: zoneWithOtherDomain.resolver,
          now: VMC_VALID_AT,
        });
        expect(other.certificate?.error?.code).toBe('VMC_DOMAIN_MISMATCH');
      } finally {
        await zoneWithOtherDomain.close();
      }
    });
  });
});

describe('BIMI asset hosts that DNS cannot resolve', () => {
  // The record is read; only resolving the host of l= and a= fails (a TIMEOUT): the fetcher stops before any
  // connection, so no HTTPS server is needed.
  const zone = originZones(ZONE);
  const resolver = failing(zone, { 'bimi.example.test': 'TIMEOUT' });

  it('a DNS TIMEOUT resolving the logo and certificate host is bimi.dns-error, not a fetch failure', async () => {
    const a = await auditBimi('good.example.test', { resolver, dmarc: ENFORCED });
    expect(a.status).toBe('found');
    expect(ids(a)).toEqual(['bimi.dns-error', 'bimi.dns-error']);
    expect(a.findings.map((f) => f.evidence?.details)).toEqual([
      {
        kind: 'TIMEOUT',
        host: 'bimi.example.test',
        url: 'https://bimi.example.test/good.svg',
        asset: 'logo',
      },
      {
        kind: 'TIMEOUT',
        host: 'bimi.example.test',
        url: 'https://bimi.example.test/self.pem',
        asset: 'certificate',
      },
    ]);
    expect(a.findings[0]!.message).toBe(
      'the logo https://bimi.example.test/good.svg could not be fetched: resolving bimi.example.test failed (TIMEOUT); the logo is unchecked, not broken',
    );
    expect(a.findings.every((f) => isDnsTrouble(f))).toBe(true);
    expect(a.logo).toMatchObject({ fetched: false, error: { code: 'dns' } });
    expect(a.certificate).toMatchObject({ fetched: false });
  });

  it('a host that does not exist is still a fetch failure (the record points nowhere)', async () => {
    const nx = failing(zone, { 'bimi.example.test': 'NXDOMAIN' });
    const a = await auditBimi('good.example.test', { resolver: nx, dmarc: ENFORCED });
    expect(ids(a)).toEqual(['bimi.certificate-fetch-failed', 'bimi.logo-fetch-failed']);
    expect(a.findings.some((f) => isDnsTrouble(f))).toBe(false);
  });
});

describe('BIMI catalog', () => {
  it('uses bimi.* ids', () => {
    expect(BIMI_FINDINGS.definitions.every((d) => /^bimi\.[a-z-]+$/.test(d.id))).toBe(true);
    expect(BIMI_FINDINGS.definitions.find((d) => d.id === 'bimi.dmarc-not-enforced')?.severity).toBe('error');
  });
});
