import { beforeAll, describe, expect, it } from 'vitest';
import { auditDkim } from '../../src/dkim/audit.js';
import { parseDkimKeyRecord } from '../../src/dkim/record.js';
import { COMMON_SELECTORS } from '../../src/dkim/selectors.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver, zoneResolverFromText } from '../../src/dns/zones.js';
import { down, failing, txt, txtZone, zoneText } from '../support/resolvers.js';
import { keySet, type TestKey } from './helpers.js';

let k2048: TestKey;
let k1024: TestKey;
let k512: TestKey;
let ed: TestKey;
beforeAll(() => {
  ({ k2048, k1024, k512, ed } = keySet());
});

const ids = (findings: { id: string }[]) => findings.map((f) => f.id);

describe('parseDkimKeyRecord', () => {
  it('parses every tag and measures the RSA modulus from the key', () => {
    const r = parseDkimKeyRecord(`v=DKIM1; k=rsa; h=sha256; s=email; t=y:s; n=rotated 2024; p=${k2048.p}`);
    expect(r).toMatchObject({
      version: 'DKIM1',
      keyType: 'rsa',
      hashAlgorithms: ['sha256'],
      serviceTypes: ['email'],
      flags: ['y', 's'],
      testing: true,
      strictIdentity: true,
      notes: 'rotated 2024',
      revoked: false,
      key: { type: 'rsa', bits: 2048, format: 'spki' },
      errors: [],
    });
  });
  it('reads a bare PKCS#1 RSAPublicKey and a raw Ed25519 key', () => {
    const pkcs1 = k1024.publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64');
    expect(parseDkimKeyRecord(`p=${pkcs1}`).key).toEqual({ type: 'rsa', bits: 1024, format: 'pkcs1' });
    expect(parseDkimKeyRecord(`v=DKIM1; k=ed25519; p=${ed.p}`).key).toEqual({
      type: 'ed25519',
      bits: 256,
      format: 'raw',
    });
  });
  it('reports malformed records without throwing', () => {
    expect(parseDkimKeyRecord('v=DKIM1; p=').revoked).toBe(true);
    expect(parseDkimKeyRecord('v=DKIM1; k=rsa').errors).toContain('missing required tag p=');
    expect(parseDkimKeyRecord('v=DKIM1; k=rsa; p=abc$').errors).toContain('p= is not valid base64');
    expect(parseDkimKeyRecord('v=DKIM1; k=rsa; p=AAAA').errors).toContain(
      'p= is not a DER-encoded RSA public key',
    );
    expect(parseDkimKeyRecord('v=DKIM1; k=ed25519; p=AAAA').errors[0]).toMatch(/32 octets/);
    expect(parseDkimKeyRecord('v=DKIM2; p=AAAA').errors).toContain('v=DKIM2 is not DKIM1');
    expect(parseDkimKeyRecord('k=rsa; v=DKIM1; p=AAAA').warnings[0]).toMatch(/first tag/);
    expect(parseDkimKeyRecord('v=DKIM1; p=AAAA; p=BBBB').errors).toContain('duplicate tag p=');
    expect(parseDkimKeyRecord('v=DKIM1; k=dsa; p=AAAA').errors).toContain('unknown key type k=dsa');
  });
});

describe('auditDkim with selectors', () => {
  it('parses each selector, follows a CNAME to a provider and shows it', async () => {
    const own = parseZone(
      zoneText('example.test', { 'sel2048._domainkey': `v=DKIM1; k=rsa; p=${k2048.p}` }, [
        'selector1._domainkey IN CNAME selector1-example-test._domainkey.contoso.onmicrosoft.com.',
      ]),
      { origin: 'example.test' },
    );
    const provider = parseZone(
      zoneText('contoso.onmicrosoft.com', {
        'selector1-example-test._domainkey': `v=DKIM1; k=ed25519; p=${ed.p}`,
      }),
      { origin: 'contoso.onmicrosoft.com' },
    );
    const resolver = zoneResolver([own, provider], { offline: true });
    const audit = await auditDkim('example.test', { selectors: ['sel2048', 'selector1'], resolver });
    expect(audit.domainKeyTree).toBeUndefined();
    expect(audit.discovery).toBeUndefined();
    const [a, b] = audit.selectors;
    expect(a).toMatchObject({ selector: 'sel2048', status: 'found', origin: 'given' });
    expect(a?.records[0]).toMatchObject({ v: 'DKIM1', k: 'rsa', keyType: 'rsa', bits: 2048, revoked: false });
    expect(a?.records[0]?.strings.length).toBeGreaterThan(1); // a 2048-bit key needs several strings
    expect(b).toMatchObject({
      selector: 'selector1',
      status: 'found',
      cnames: ['selector1-example-test._domainkey.contoso.onmicrosoft.com'],
      provider: 'Microsoft 365',
    });
    expect(b?.records[0]).toMatchObject({ k: 'ed25519', bits: 256 });
    expect(ids(audit.findings)).toEqual(['dkim.key-cname']);
  });

  it('judges h= by whether sha256 remains, and lints v= placement (RFC 6376 §3.6.1)', async () => {
    const resolver = txtZone('example.test', {
      'onlyfoo._domainkey': `v=DKIM1; k=rsa; h=foo; p=${k2048.p}`,
      'foosha256._domainkey': `v=DKIM1; k=rsa; h=foo:sha256; p=${k2048.p}`,
      'vlate._domainkey': `k=rsa; v=DKIM1; p=${k2048.p}`,
    });
    const audit = await auditDkim('example.test', { selectors: ['onlyfoo', 'foosha256', 'vlate'], resolver });
    const by = (sel: string) =>
      audit.findings.filter((f) => f.evidence?.name === `${sel}._domainkey.example.test`).map((f) => f.id);
    expect(by('onlyfoo')).toEqual(['dkim.key-sha1-only']);
    expect(by('foosha256')).toEqual(['dkim.key-unknown-hash']);
    expect(by('vlate')).toEqual(['dkim.key-record-lint']);
  });

  it('raises the findings of the brief, each on its own record', async () => {
    const resolver = txtZone('example.test', {
      'good._domainkey': `v=DKIM1; k=rsa; p=${k2048.p}`,
      'revoked._domainkey': 'v=DKIM1; k=rsa; p=',
      'weak._domainkey': `v=DKIM1; k=rsa; p=${k512.p}`,
      'short._domainkey': `v=DKIM1; k=rsa; p=${k1024.p}`,
      'testing._domainkey': `v=DKIM1; k=ed25519; t=y; p=${ed.p}`,
      'sha1._domainkey': `v=DKIM1; k=rsa; h=sha1; p=${k2048.p}`,
      'unknown._domainkey': 'v=DKIM1; k=dsa; p=AAAA',
      'badb64._domainkey': 'v=DKIM1; k=rsa; p=MIIB$$$',
      'badkey._domainkey': 'v=DKIM1; k=rsa; p=AAAAAAAA',
      'two._domainkey': [`v=DKIM1; k=rsa; p=${k2048.p}`, `v=DKIM1; k=ed25519; p=${ed.p}`],
    });
    const names = [
      'good',
      'revoked',
      'weak',
      'short',
      'testing',
      'sha1',
      'unknown',
      'badb64',
      'badkey',
      'two',
      'absent',
    ];
    const audit = await auditDkim('example.test', { selectors: names, resolver });
    const by = (sel: string) =>
      audit.findings
        .filter((f) => f.evidence?.name === `${sel}._domainkey.example.test`)
        .map((f) => [f.id, f.severity]);
    expect(by('good')).toEqual([]);
    expect(by('revoked')).toEqual([['dkim.selector-revoked', 'warning']]);
    expect(by('weak')).toEqual([['dkim.rsa-key-too-short', 'error']]);
    expect(by('short')).toEqual([['dkim.rsa-key-below-2048', 'warning']]);
    expect(by('testing')).toEqual([['dkim.key-testing', 'warning']]);
    // RFC 8301 §3.1: verifiers must not accept rsa-sha1, so a key limited to sha1 can verify nothing: an error.
    expect(by('sha1')).toEqual([['dkim.key-sha1-only', 'error']]);
    expect(by('unknown')).toEqual([['dkim.key-unknown-type', 'error']]);
    expect(by('badb64')).toEqual([['dkim.key-malformed', 'error']]);
    expect(by('badkey')).toEqual([['dkim.key-malformed', 'error']]);
    expect(by('two')).toEqual([['dkim.multiple-key-records', 'warning']]);
    expect(by('absent')).toEqual([['dkim.no-key', 'error']]);
    expect(audit.selectors.find((s) => s.selector === 'two')?.records.map((r) => r.k)).toEqual([
      'rsa',
      'ed25519',
    ]);
    expect(audit.selectors.find((s) => s.selector === 'absent')).toMatchObject({
      status: 'none',
      dnsError: 'NXDOMAIN',
    });
    // The one status vocabulary (RecordStatus), set where the record is read: a usable key is `found` (a weak
    // or testing key is still usable), an unusable one `invalid`, a revoked one `invalid` with `revoked`.
    const status = (sel: string) => {
      const s = audit.selectors.find((x) => x.selector === sel);
      return s?.statusDetail ? `${s.status} (${s.statusDetail})` : s?.status;
    };
    expect(names.map((n) => [n, status(n)])).toEqual([
      ['good', 'found'],
      ['revoked', 'invalid (revoked)'],
      ['weak', 'found'],
      ['short', 'found'],
      ['testing', 'found'],
      ['sha1', 'found'],
      ['unknown', 'invalid'],
      ['badb64', 'invalid'],
      ['badkey', 'invalid'],
      ['two', 'found'],
      ['absent', 'none'],
    ]);
  });

  it('reports a DNS failure as a lookup failure, not as a missing key', async () => {
    const resolver = down('TIMEOUT');
    const audit = await auditDkim('example.test', { selectors: ['s1'], resolver });
    expect(audit.selectors[0]).toMatchObject({ status: 'dns-error', dnsError: 'TIMEOUT' });
    expect(ids(audit.findings)).toEqual(['dkim.dns-error']);
  });
});

describe('auditDkim without selectors', () => {
  it('says _domainkey is NXDOMAIN (RFC 8020) and does not probe', async () => {
    const resolver = txtZone('example.test', { '@': 'v=spf1 -all' });
    const audit = await auditDkim('example.test', { resolver });
    expect(audit.domainKeyTree).toMatchObject({ status: 'nxdomain', answer: 'NXDOMAIN' });
    expect(audit.discovery?.probed).toEqual([]);
    expect(ids(audit.findings)).toEqual(['dkim.no-domainkey-tree']);
  });

  it('treats a NOERROR empty non-terminal as "keys exist" and discovers common selectors', async () => {
    const resolver = txtZone('example.test', {
      'google._domainkey': `v=DKIM1; k=rsa; p=${k2048.p}`,
      's1._domainkey': `v=DKIM1; k=rsa; p=${k2048.p}`,
      'custom._domainkey': `v=DKIM1; k=ed25519; p=${ed.p}`,
    });
    const audit = await auditDkim('example.test', { resolver });
    expect(audit.domainKeyTree).toMatchObject({ status: 'exists', answer: 'NOERROR' });
    expect(audit.domainKeyTree?.note).toMatch(/empty non-terminal/);
    expect(audit.discovery?.found).toEqual(['google', 's1']);
    expect(audit.discovery?.probed).toContain('selector1');
    expect(audit.discovery?.note).toMatch(/never proves/);
    expect(audit.selectors.map((s) => [s.selector, s.origin, s.provider])).toEqual([
      ['google', 'discovered', 'Google Workspace'],
      ['s1', 'discovered', 'Twilio SendGrid'],
    ]);
  });

  it('says discovery cannot prove absence when nothing is found', async () => {
    const resolver = txtZone('example.test', { 'rare-2024._domainkey': `v=DKIM1; k=ed25519; p=${ed.p}` });
    const audit = await auditDkim('example.test', { resolver });
    expect(audit.domainKeyTree?.status).toBe('exists');
    expect(audit.discovery?.found).toEqual([]);
    expect(ids(audit.findings)).toEqual(['dkim.no-selector-found']);
    expect(audit.findings[0]?.message).toMatch(/never proves/);
  });

  it('aggregates probes that fail with DNS errors into one finding, and lists none of them as selectors', async () => {
    const resolver = down('TIMEOUT');
    const audit = await auditDkim('example.test', { resolver });
    const n = COMMON_SELECTORS.length;
    expect(audit.domainKeyTree).toMatchObject({ status: 'unknown', answer: 'TIMEOUT' });
    expect(audit.selectors).toEqual([]);
    expect(audit.discovery?.unchecked).toHaveLength(n);
    expect(audit.discovery?.unchecked[0]).toEqual({
      selector: COMMON_SELECTORS[0]?.selector,
      kind: 'TIMEOUT',
    });
    expect(ids(audit.findings)).toEqual(['dkim.dns-error']);
    expect(audit.findings[0]).toMatchObject({
      severity: 'error',
      message: `All ${n} common selectors probed under _domainkey.example.test could not be checked (DNS TIMEOUT); whether keys exist there is unknown.`,
      evidence: {
        name: '_domainkey.example.test',
        details: { kind: 'TIMEOUT', kinds: { TIMEOUT: n }, unchecked: n, probed: n },
      },
    });
  });

  it('counts the failure kinds when only some probes fail, keeping the found and the missing apart', async () => {
    const zone = txtZone('example.test', { 'google._domainkey': `v=DKIM1; k=rsa; p=${k2048.p}` });
    const resolver = failing(zone, {
      'selector1._domainkey.example.test': 'SERVFAIL',
      'selector2._domainkey.example.test': 'TIMEOUT',
      'k1._domainkey.example.test': 'SERVFAIL',
    });
    const audit = await auditDkim('example.test', { resolver });
    const n = COMMON_SELECTORS.length;
    expect(audit.selectors.map((s) => s.selector)).toEqual(['google']);
    expect(audit.discovery?.found).toEqual(['google']);
    expect(audit.discovery?.unchecked.map((u) => u.selector).sort()).toEqual([
      'k1',
      'selector1',
      'selector2',
    ]);
    expect(ids(audit.findings)).toEqual(['dkim.dns-error']);
    expect(audit.findings[0]?.message).toBe(
      `3 of the ${n} common selectors probed under _domainkey.example.test could not be checked (DNS 2 SERVFAIL, 1 TIMEOUT); whether keys exist there is unknown.`,
    );
    expect(audit.findings[0]?.evidence?.details).toMatchObject({
      kind: 'SERVFAIL',
      kinds: { SERVFAIL: 2, TIMEOUT: 1 },
    });

    // nothing found among the probes that answered: the no-selector finding counts only those
    const none = failing(txtZone('example.test', { 'x._domainkey': 'v=DKIM1; p=' }), {
      'selector1._domainkey.example.test': 'REFUSED',
    });
    const partly = await auditDkim('example.test', { resolver: none });
    expect(ids(partly.findings).sort()).toEqual(['dkim.dns-error', 'dkim.no-selector-found']);
    expect(partly.findings.find((f) => f.id === 'dkim.no-selector-found')?.message).toMatch(
      new RegExp(
        `^None of the ${n - 1} common selectors checked \\(1 could not be\\) has a key at example\\.test\\.`,
      ),
    );
  });

  it('keeps one finding per given selector that fails', async () => {
    const resolver = down('SERVFAIL');
    const audit = await auditDkim('example.test', { selectors: ['a', 'b'], resolver });
    expect(ids(audit.findings)).toEqual(['dkim.dns-error', 'dkim.dns-error']);
    expect(audit.selectors.map((s) => s.status)).toEqual(['dns-error', 'dns-error']);
    expect(audit.discovery).toBeUndefined();
  });

  it('keeps the TXT strings as published', async () => {
    const resolver = zoneResolverFromText(
      `$ORIGIN example.test.\n@ IN SOA ns hm 1 1 1 1 1\nk._domainkey IN TXT ${txt('v=DKIM1; k=ed25519; ')} ${txt(`p=${ed.p}`)}\n`,
      'example.test',
    );
    const audit = await auditDkim('example.test', { selectors: ['k'], resolver });
    expect(audit.selectors[0]?.records[0]?.strings).toEqual(['v=DKIM1; k=ed25519; ', `p=${ed.p}`]);
    expect(audit.selectors[0]?.records[0]?.source).toEqual({ file: 'zone', line: 3 });
  });
});
