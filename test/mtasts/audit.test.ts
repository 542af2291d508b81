import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchHttps } from '../../src/https/fetch.js';
import { auditMtaSts, type MtaStsAudit, type MtaStsAuditOptions } from '../../src/mtasts/audit.js';
import { MTASTS_FINDINGS } from '../../src/mtasts/findings.js';
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

const HAS_OPENSSL = opensslAvailable();
if (!HAS_OPENSSL) console.warn(NO_OPENSSL);

const DOMAINS = [
  'good',
  'wrongcert',
  'untrusted',
  'redirect',
  'big',
  'bigstream',
  'ctype',
  'uncovered',
  'testing',
  'none',
  'short',
  'http404',
  'slow',
  'invalid',
  'multi',
  'badrec',
  'norecord',
];

const ZONE = `$ORIGIN example.test.
@   SOA ns hostmaster 1 7200 900 1209600 300
${DOMAINS.filter((d) => d !== 'norecord' && d !== 'multi' && d !== 'badrec')
  .map(
    (d) =>
      `${d}  MX 10 mx1.${d}\n${d}  MX 20 mx2.${d}\n_mta-sts.${d}  TXT "v=STSv1; id=2026010101;"\nmta-sts.${d}  A 127.0.0.1`,
  )
  .join('\n')}
nohost              MX 10 mx1.nohost
_mta-sts.nohost     TXT "v=STSv1; id=1"
_mta-sts.multi      TXT "v=STSv1; id=1"
_mta-sts.multi      TXT "v=STSv1; id=2"
_mta-sts.badrec     TXT "v=STSv1; id=not-valid!"
_mta-sts.badrec     TXT "some other text"
norecord            TXT "v=spf1 -all"
_mta-sts.broken     TXT "v=STSv1; id=1"
`;

const policy = (mode: string, mx: string[], maxAge = 604800) =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\r\n');

const PATH = '/.well-known/mta-sts.txt';
const TEXT = { 'content-type': 'text/plain; charset=utf-8' };
const ids = (a: MtaStsAudit) => a.findings.map((f) => f.id).sort();

describe.skipIf(!HAS_OPENSSL)('auditMtaSts against a local HTTPS server and the loopback DNS server', () => {
  let pki: TestPki;
  let otherPki: TestPki;
  let server: TestHttpsServer;
  let untrustedServer: TestHttpsServer;
  let lb: Loopback;
  let opts: MtaStsAuditOptions;

  beforeAll(async () => {
    pki = createTestPki();
    otherPki = createTestPki('some other CA');
    const hosts = DOMAINS.filter((d) => d !== 'wrongcert').map((d) => `mta-sts.${d}.example.test`);
    server = await startHttpsServer(pki.issue(hosts));
    untrustedServer = await startHttpsServer(otherPki.issue(['mta-sts.untrusted.example.test']));
    lb = await loopback([ZONE], { faults: { servfail: (name) => name === '_mta-sts.broken.example.test' } });
    const host = (d: string) => `mta-sts.${d}.example.test`;
    const mx = (d: string) => [`mx1.${d}.example.test`, `mx2.${d}.example.test`];
    server.route(host('good'), PATH, { headers: TEXT, body: policy('enforce', mx('good')) });
    server.route(host('wrongcert'), PATH, { headers: TEXT, body: policy('enforce', mx('wrongcert')) });
    untrustedServer.route(host('untrusted'), PATH, {
      headers: TEXT,
      body: policy('enforce', mx('untrusted')),
    });
    server.route(host('redirect'), PATH, {
      status: 301,
      headers: { location: 'https://www.example.test/mta-sts.txt' },
    });
    server.route(host('big'), PATH, {
      headers: TEXT,
      body: `${policy('enforce', mx('big'))}${'#'.repeat(70 * 1024)}`,
    });
    server.route(host('bigstream'), PATH, (_req, res) => {
      res.writeHead(200, TEXT);
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 6; i++) res.write(chunk);
      res.end();
    });
    server.route(host('ctype'), PATH, {
      headers: { 'content-type': 'text/html' },
      body: policy('enforce', mx('ctype')),
    });
    server.route(host('uncovered'), PATH, {
      headers: TEXT,
      body: policy('enforce', ['mx1.uncovered.example.test']),
    });
    server.route(host('testing'), PATH, {
      headers: TEXT,
      body: policy('testing', ['*.testing.example.test']),
    });
    server.route(host('none'), PATH, { headers: TEXT, body: policy('none', []) });
    server.route(host('short'), PATH, { headers: TEXT, body: policy('enforce', mx('short'), 300) });
    server.route(host('invalid'), PATH, { headers: TEXT, body: 'version: STSv1\nmode: strict\n' });
    server.route(host('slow'), PATH, () => {
      /* never answers */
    });
    opts = { resolver: lb.resolver, ca: pki.caCert, fetch: fetchOnPort(server.port) };
  });
  afterAll(async () => {
    await server?.close();
    await untrustedServer?.close();
    await lb?.close();
    pki?.dispose();
    otherPki?.dispose();
  });

  it('accepts a valid policy covering every MX', async () => {
    const a = await auditMtaSts('good.example.test', opts);
    expect(a.findings).toEqual([]);
    expect(a).toMatchObject({
      status: 'found',
      mode: 'enforce',
      maxAge: 604800,
      record: { name: '_mta-sts.good.example.test', text: 'v=STSv1; id=2026010101;', id: '2026010101' },
      policy: {
        url: 'https://mta-sts.good.example.test/.well-known/mta-sts.txt',
        fetched: true,
        contentType: TEXT['content-type'],
      },
      mx: [
        { host: 'mx1.good.example.test', covered: true, pattern: 'mx1.good.example.test' },
        { host: 'mx2.good.example.test', covered: true, pattern: 'mx2.good.example.test' },
      ],
    });
    expect(server.requests).toContain(`mta-sts.good.example.test${PATH}`);
  });

  it('refuses a certificate not valid for the policy host, and one from an untrusted CA', async () => {
    const wrong = await auditMtaSts('wrongcert.example.test', opts);
    expect(ids(wrong)).toEqual(['mtasts.policy-certificate']);
    expect(wrong.policy?.error).toMatchObject({ kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    const untrusted = await auditMtaSts('untrusted.example.test', {
      ...opts,
      fetch: fetchOnPort(untrustedServer.port),
    });
    expect(ids(untrusted)).toEqual(['mtasts.policy-certificate']);
    expect(untrusted.status).toBe('invalid');
    // The same server is fine for a fetcher that trusts its CA: the refusal was about trust, not the policy.
    const trusted = await auditMtaSts('untrusted.example.test', {
      ...opts,
      ca: otherPki.caCert,
      fetch: fetchOnPort(untrustedServer.port),
    });
    expect(trusted.status).toBe('found');
  });

  it('does not follow redirects', async () => {
    const a = await auditMtaSts('redirect.example.test', opts);
    expect(ids(a)).toEqual(['mtasts.policy-redirect']);
    expect(a.findings[0]!.evidence?.details).toMatchObject({
      status: 301,
      location: 'https://www.example.test/mta-sts.txt',
    });
    expect(server.requests.filter((r) => r.startsWith('www.'))).toEqual([]);
  });

  it('refuses oversize policies, announced or streamed', async () => {
    expect(ids(await auditMtaSts('big.example.test', opts))).toEqual(['mtasts.policy-too-large']);
    expect(ids(await auditMtaSts('bigstream.example.test', opts))).toEqual(['mtasts.policy-too-large']);
    // A larger limit lets the announced one through (then it is a policy with a comment-like junk line).
    const lenient = await auditMtaSts('big.example.test', { ...opts, maxBytes: 128 * 1024 });
    expect(lenient.status).toBe('found');
  });

  it('reports the wrong Content-Type', async () => {
    const a = await auditMtaSts('ctype.example.test', opts);
    expect(ids(a)).toEqual(['mtasts.policy-content-type']);
    expect(a.findings[0]!.evidence?.details).toMatchObject({ contentType: 'text/html' });
  });

  it('reports MX hosts the policy does not cover', async () => {
    const a = await auditMtaSts('uncovered.example.test', opts);
    expect(ids(a)).toEqual(['mtasts.mx-not-covered']);
    expect(a.mx).toEqual([
      { host: 'mx1.uncovered.example.test', covered: true, pattern: 'mx1.uncovered.example.test' },
      { host: 'mx2.uncovered.example.test', covered: false },
    ]);
    expect(a.findings[0]!.evidence?.term).toBe('mx2.uncovered.example.test');
  });

  it('reports testing and none modes, short max_age, and invalid policies', async () => {
    const testing = await auditMtaSts('testing.example.test', opts);
    expect(ids(testing)).toEqual(['mtasts.mode-testing']);
    expect(testing.mx.every((m) => m.covered && m.pattern === '*.testing.example.test')).toBe(true);
    expect(ids(await auditMtaSts('none.example.test', opts))).toEqual(['mtasts.mode-none']);
    expect(ids(await auditMtaSts('short.example.test', opts))).toEqual(['mtasts.max-age-short']);
    const invalid = await auditMtaSts('invalid.example.test', opts);
    expect(invalid.status).toBe('invalid');
    expect(ids(invalid)).toEqual(['mtasts.policy-invalid', 'mtasts.policy-invalid']);
  });

  it('reports HTTP errors, time limits and a policy host without address', async () => {
    const notFound = await auditMtaSts('http404.example.test', opts);
    expect(ids(notFound)).toEqual(['mtasts.policy-http-status']);
    expect(notFound.policy?.error).toMatchObject({ kind: 'http-status', status: 404 });
    expect(ids(await auditMtaSts('slow.example.test', { ...opts, timeoutMs: 300 }))).toEqual([
      'mtasts.policy-timeout',
    ]);
    const nohost = await auditMtaSts('nohost.example.test', opts);
    expect(ids(nohost)).toEqual(['mtasts.policy-host-missing']);
  });

  it('checks the TXT record: none, several, malformed, DNS failure', async () => {
    const none = await auditMtaSts('norecord.example.test', opts);
    expect(none).toMatchObject({ status: 'none', record: null, policy: null });
    expect(ids(none)).toEqual(['mtasts.no-record']);
    const multi = await auditMtaSts('multi.example.test', opts);
    expect(multi).toMatchObject({ status: 'multiple', record: null });
    expect(ids(multi)).toEqual(['mtasts.multiple-records']);
    const bad = await auditMtaSts('badrec.example.test', opts);
    expect(ids(bad)).toEqual(['mtasts.invalid-record']);
    expect(bad.record?.text).toBe('v=STSv1; id=not-valid!');
    const broken = await auditMtaSts('broken.example.test', opts);
    expect(broken.status).toBe('dns-error');
    expect(broken.findings[0]).toMatchObject({
      id: 'mtasts.dns-error',
      evidence: { details: { kind: 'SERVFAIL' } },
    });
  });

  it('checks only the record when fetching is off', async () => {
    const calls: string[] = [];
    const a = await auditMtaSts('good.example.test', {
      ...opts,
      fetchPolicy: false,
      fetch: fetchOnPort(server.port, calls),
    });
    expect(a).toMatchObject({
      status: 'found',
      statusDetail: 'policy-not-fetched',
      policy: { fetched: false },
    });
    expect(calls).toEqual([]);
  });

  it('never follows a non-https URL or a URL naming an IP', async () => {
    expect(
      await fetchHttps('http://mta-sts.good.example.test/', {
        resolver: lb.resolver,
        timeoutMs: 1000,
        maxBytes: 10,
      }),
    ).toMatchObject({
      ok: false,
      kind: 'bad-url',
    });
    expect(
      await fetchHttps('https://127.0.0.1/', { resolver: lb.resolver, timeoutMs: 1000, maxBytes: 10 }),
    ).toMatchObject({
      ok: false,
      kind: 'bad-url',
    });
  });
});

describe('MTA-STS catalog', () => {
  it('uses mtasts.* ids with RFC 8461 references', () => {
    for (const d of MTASTS_FINDINGS.definitions) {
      expect(d.id).toMatch(/^mtasts\.[a-z-]+$/);
      expect(d.rfc).toMatch(/^RFC 8461 §/);
    }
  });
});
