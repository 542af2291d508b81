/**
 * Offline means no network, in the library too (issue 10 §5): an audit over `zoneResolver(zones, { offline: true })`
 * fetches nothing over HTTPS unless told to, and names outside the zones are "not checked (offline)", not
 * findings.
 */
import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditDomain } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import { abortableResolver } from '../../src/dns/abort.js';
import { cachedResolver } from '../../src/dns/cache.js';
import { isNotCheckedOffline } from '../../src/dns/resolver.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { auditMx } from '../../src/mx/audit.js';
import { reverseDns } from '../../src/mx/reverse.js';
import {
  createTestPki,
  NO_OPENSSL,
  opensslAvailable,
  startHttpsServer,
  type TestHttpsServer,
  type TestPki,
} from '../support/https-server.js';

const HAS_OPENSSL = opensslAvailable();
if (!HAS_OPENSSL) console.warn(NO_OPENSSL);

const ZONE = `$ORIGIN sts.example.
@        SOA ns hostmaster 1 7200 900 1209600 300
@        MX 10 mx.sts.example.
mx       A 192.0.2.25
_mta-sts TXT "v=STSv1; id=2026010101;"
mta-sts  A 127.0.0.1
default._bimi TXT "v=BIMI1; l=https://bimi.sts.example/logo.svg"
bimi     A 127.0.0.1
_dmarc   TXT "v=DMARC1; p=reject"
`;
const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.sts.example\r\nmax_age: 604800\r\n';

describe.skipIf(!HAS_OPENSSL)(
  'an offline resolver means no HTTPS fetch (the default fetcher, counted)',
  () => {
    let pki: TestPki;
    let server: TestHttpsServer;
    const zones = () => [parseZone(ZONE, { file: 'sts.example.zone' })];
    let requests = 0;

    beforeAll(async () => {
      pki = createTestPki();
      server = await startHttpsServer(pki.issue(['mta-sts.sts.example', 'bimi.sts.example']));
      server.route('mta-sts.sts.example', '/.well-known/mta-sts.txt', {
        headers: { 'content-type': 'text/plain' },
        body: POLICY,
      });
      // The product fetcher connects to port 443 of the address the zone gives (127.0.0.1); send it to the test
      // server's port instead, counting every request the library makes.
      const request = https.request.bind(https);
      vi.spyOn(https, 'request').mockImplementation(((options: https.RequestOptions, callback: never) => {
        requests++;
        return request({ ...options, port: server.port }, callback);
      }) as never);
    });
    afterEach(() => {
      requests = 0;
      server.requests.length = 0;
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      await server?.close();
      pki?.dispose();
    });

    const audit = (resolver: ReturnType<typeof zoneResolver>, extra: object = {}) =>
      auditDomain('sts.example', {
        resolver,
        selectors: ['s1'],
        checks: { reverseDns: false },
        https: { ca: pki.caCert, timeoutMs: 5000 },
        ...extra,
      });

    it('fetches the MTA-STS policy and the BIMI logo when the resolver is not offline (the control)', async () => {
      const r = await audit(zoneResolver(zones()));
      expect(server.requests.sort()).toEqual([
        'bimi.sts.example/logo.svg',
        'mta-sts.sts.example/.well-known/mta-sts.txt',
      ]);
      expect(requests).toBe(2);
      expect(r.mtaSts?.policy?.fetched).toBe(true);
    });

    it('fetches nothing over an offline resolver, also wrapped in a cache', async () => {
      for (const resolver of [
        zoneResolver(zones(), { offline: true }),
        cachedResolver(zoneResolver(zones(), { offline: true })),
      ]) {
        expect(resolver.offline).toBe(true);
        const r = await audit(resolver);
        expect(requests).toBe(0);
        expect(server.requests).toEqual([]);
        expect(r.mtaSts?.policy?.fetched).not.toBe(true);
        expect(r.findings.map((f) => f.id)).not.toContain('mtasts.policy-fetch-failed');
      }
    });

    it('fetches nothing in a batch over an offline resolver either (auditDomains)', async () => {
      const batch = await auditDomains(['sts.example'], {
        resolver: zoneResolver(zones(), { offline: true }),
        selectors: ['s1'],
        checks: { reverseDns: false },
        https: { ca: pki.caCert, timeoutMs: 5000 },
      });
      expect(batch.entries[0]?.report?.mtaSts?.status).toBeDefined();
      expect(requests).toBe(0);
      expect(server.requests).toEqual([]);
    });

    it('fetches over an offline resolver when asked explicitly (checks.https: true)', async () => {
      const r = await audit(zoneResolver(zones(), { offline: true }), {
        checks: { reverseDns: false, https: true },
      });
      expect(server.requests).toContain('mta-sts.sts.example/.well-known/mta-sts.txt');
      expect(r.mtaSts?.policy?.fetched).toBe(true);
    });
  },
);

describe('offline marks: which resolvers are offline and which failures asked nothing', () => {
  const zone = parseZone(
    '$ORIGIN a.example.\n@ MX 10 mx.provider.example.\nin TXT "x"\nalias CNAME out.example.\n',
    {
      file: 'a.zone',
    },
  );

  it('marks NXDOMAIN for names outside the zones of an offline resolver, and only those', async () => {
    const offline = zoneResolver([zone], { offline: true });
    const outside = await offline.query('mx.provider.example', 'A');
    expect(outside).toMatchObject({ ok: false, kind: 'NXDOMAIN', offline: true });
    expect(isNotCheckedOffline(outside)).toBe(true);
    // A CNAME out of the zones: the target was not asked.
    expect(isNotCheckedOffline(await offline.query('alias.a.example', 'A'))).toBe(true);
    // Inside the zone: a real answer of the zone, not an offline artefact.
    const inside = await offline.query('nothere.a.example', 'A');
    expect(inside).toMatchObject({ ok: false, kind: 'NXDOMAIN' });
    expect(isNotCheckedOffline(inside)).toBe(false);
    // Not offline: outside is REFUSED (not authoritative), and not marked.
    const online = zoneResolver([zone]);
    expect(online.offline).toBeUndefined();
    expect(await online.query('mx.provider.example', 'A')).toMatchObject({ ok: false, kind: 'REFUSED' });
    expect((await online.query('mx.provider.example', 'A')) as object).not.toHaveProperty('offline');
    // Wrappers keep the flag.
    expect(cachedResolver(offline).offline).toBe(true);
    expect(abortableResolver(offline, new AbortController().signal).offline).toBe(true);
    expect(cachedResolver(online).offline).toBeUndefined();
  });

  it('auditMx: a third-party MX host and reverse names outside the zones are not checked, listed in one info', async () => {
    const own = parseZone(
      [
        '$ORIGIN b.example.',
        '@ MX 10 mx.b.example.',
        '@ MX 20 mx.provider.example.',
        'mx A 192.0.2.25',
        'mx A 198.51.100.9',
      ].join('\n'),
      { file: 'b.zone' },
    );
    const reverse = parseZone('$ORIGIN 2.0.192.in-addr.arpa.\n25 PTR mx.elsewhere.example.\n', {
      file: 'rev.zone',
    });
    const a = await auditMx('b.example', { resolver: zoneResolver([own, reverse], { offline: true }) });
    expect(a.findings.map((f) => `${f.severity} ${f.id}`)).toEqual(['info mx.not-checked-offline']);
    expect(a.findings[0]!.message).toBe(
      'not checked (offline): 3 names outside the zone files: mx.elsewhere.example (A/AAAA) for 192.0.2.25, 9.100.51.198.in-addr.arpa (PTR) for 198.51.100.9, mx.provider.example (A/AAAA)',
    );
    expect(a.hosts.map((h) => [h.exchange, h.notChecked ?? null, h.addresses])).toEqual([
      [
        'mx.b.example',
        null,
        [
          {
            address: '192.0.2.25',
            family: 4,
            ptr: ['mx.elsewhere.example'],
            fcrdns: null,
            reverseDnsNotChecked: 'offline',
          },
          { address: '198.51.100.9', family: 4, ptr: [], fcrdns: null, reverseDnsNotChecked: 'offline' },
        ],
      ],
      ['mx.provider.example', 'offline', []],
    ]);
    // The same names answered NXDOMAIN by a zone that holds them: real findings.
    const provider = parseZone('$ORIGIN example.\nns A 192.0.2.53\n', { file: 'example.zone' });
    const arpa = parseZone('$ORIGIN in-addr.arpa.\n', { file: 'arpa.zone' });
    const closed = await auditMx('b.example', {
      resolver: zoneResolver([own, reverse, provider, arpa], { offline: true }),
    });
    expect(closed.findings.map((f) => `${f.severity} ${f.id}`).sort()).toEqual([
      'error mx.no-address',
      'warning mx.fcrdns-mismatch',
      'warning mx.no-ptr',
    ]);
  });

  it('reverseDns: a PTR name confirmed inside the zones wins over one outside them', async () => {
    const rev = parseZone('$ORIGIN 2.0.192.in-addr.arpa.\n25 PTR out.example.\n25 PTR mx.c.example.\n', {
      file: 'r',
    });
    const own = parseZone('$ORIGIN c.example.\nmx A 192.0.2.25\n', { file: 'c' });
    const r = await reverseDns('192.0.2.25', zoneResolver([rev, own], { offline: true }));
    expect(r).toMatchObject({ fcrdns: true, confirmedBy: 'mx.c.example' });
  });
});
