// Ships as a real package: the `npm pack` tarball installs into a fresh project, the library imports as a user
// would import it, and the `mailgate` bin runs. No network and no npm cache are needed: the temporary project
// declares each of the package's dependencies as a `file:` link to this checkout's own node_modules, so
// `npm install --offline` finds every dependency already satisfied (a new machine after `npm ci` has an empty
// cache; `npm install --offline <tarball>` alone needs registry metadata and fails with ENOTCACHED there).
import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
let dir: string;
let cache: string;
let tarball: string;

/** npm with a private, empty cache: the test proves nothing is taken from (or written to) the user's cache. */
function npm(args: string[], cwd: string) {
  return run('npm', args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-pack-'));
  cache = await mkdtemp(join(tmpdir(), 'mailgate-pack-cache-'));
  const { stdout } = await npm(['pack', '--json', '--pack-destination', dir], root);
  const info = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
  tarball = join(dir, info[0]!.filename);
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const dependencies = Object.fromEntries(
    Object.keys(pkg.dependencies).map((name) => [name, `file:${join(root, 'node_modules', name)}`]),
  );
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'smoke', private: true, type: 'module', dependencies }),
  );
  await npm(
    ['install', '--offline', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
    dir,
  );
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  if (cache) await rm(cache, { recursive: true, force: true });
});

// each test starts node on the installed package
describe('npm pack tarball', { timeout: 120_000 }, () => {
  it('contains the licence, the typings and no tests or sources', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/lib/index.d.ts');
    expect(files).toContain('package/lib/cli/bin.js');
    expect(files).toContain('package/samples/zones/broken-spf.example.zone');
    expect(files.some((f) => f.startsWith('package/test/') || f.startsWith('package/src/'))).toBe(false);
  });

  it('installs the package itself, not a link to the checkout', async () => {
    const installed = JSON.parse(
      await readFile(join(dir, 'node_modules', 'mailgate', 'package.json'), 'utf8'),
    ) as { name: string };
    expect(installed.name).toBe('mailgate');
    expect((await lstat(join(dir, 'node_modules', 'mailgate'))).isSymbolicLink()).toBe(false);
  });

  it('imports as a library: checkHost, auditDomain and verifyMessage give the documented verdicts', async () => {
    const script = `
      import { readFile } from 'node:fs/promises';
      import { auditDomain, checkHost, loadZoneFile, verifyMessage, zoneResolver, zoneResolverFromText } from 'mailgate';
      const spfZone = zoneResolverFromText('@ TXT "v=spf1 ip4:192.0.2.0/24 -all"', 'example.com');
      const a = await checkHost({ ip: '192.0.2.7', domain: 'example.com', sender: 'a@example.com' }, { resolver: spfZone });
      const b = await checkHost({ ip: '198.51.100.7', domain: 'example.com', sender: 'a@example.com' }, { resolver: spfZone });
      const samples = new URL('./node_modules/mailgate/samples/', import.meta.url);
      const zones = await Promise.all(
        ['broken-spf.example.zone', 'shop.test.zone'].map((f) => loadZoneFile(new URL('zones/' + f, samples).pathname)),
      );
      const resolver = zoneResolver(zones, { offline: true });
      const audit = await auditDomain('broken-spf.example', { resolver, checks: { https: false } });
      const raw = await readFile(new URL('messages/shop-newsletter.eml', samples));
      const message = await verifyMessage(raw, {
        resolver, trustReceived: true, authservId: 'mx.example.net', now: new Date('2024-06-02T00:00:00Z'),
      });
      console.log(JSON.stringify({
        spf: [a.result, b.result],
        audit: audit.findings.filter((f) => f.severity === 'error').map((f) => f.id).sort(),
        verify: { dkim: message.dkim.map((s) => s.result), spf: message.spf.result, dmarc: message.dmarc.result },
      }));
    `;
    await writeFile(join(dir, 'smoke.mjs'), script);
    const { stdout } = await run(process.execPath, ['smoke.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      spf: ['pass', 'fail'],
      audit: ['dmarc.no-record', 'spf.syntax-error'],
      verify: { dkim: ['pass', 'pass'], spf: 'pass', dmarc: 'pass' },
    });
  });

  it('loads from CommonJS too: require("mailgate") (Node 22.12+ loads the ES module; no top-level await)', async () => {
    // A library-user trial got ERR_PACKAGE_PATH_NOT_EXPORTED: the exports map had no condition for require.
    await writeFile(
      join(dir, 'smoke.cjs'),
      `const m = require('mailgate');
       m.checkHost({ ip: '192.0.2.7', domain: 'example.com', sender: 'a@example.com' },
         { resolver: m.zoneResolverFromText('@ TXT "v=spf1 ip4:192.0.2.0/24 -all"', 'example.com') })
         .then((r) => console.log(JSON.stringify([typeof m.verifyMessage, r.result])));`,
    );
    const { stdout } = await run(process.execPath, ['smoke.cjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual(['function', 'pass']);
  });

  it('runs the mailgate bin: --version and an offline audit of a bundled sample zone', async () => {
    const bin = join(dir, 'node_modules', '.bin', 'mailgate');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const version = await run(process.execPath, [bin, '--version'], { cwd: dir });
    expect(version.stdout.trim()).toBe(pkg.version);
    const zone = join(dir, 'node_modules', 'mailgate', 'samples', 'zones', 'broken-spf.example.zone');
    const audit = await run(
      process.execPath,
      [bin, 'audit', 'broken-spf.example', '--offline', '--zone', zone, '--format', 'json'],
      { cwd: dir },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(audit.code).toBe(1);
    const report = JSON.parse(audit.stdout) as {
      spf: { record: string };
      findings: { id: string; severity: string }[];
      summary: { errors: number; dnsTrouble: boolean };
    };
    expect(report.spf.record).toBe('v=spf1 mx ip4:192.0.2.300 -all');
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual([
      'dmarc.no-record',
      'spf.syntax-error',
    ]);
    expect(report.summary).toMatchObject({ errors: 2, dnsTrouble: false });
  });
});
