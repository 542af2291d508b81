// Ships as a real package: the `npm pack` tarball installs into a fresh project (from the local npm cache,
// no network), the library imports, and the `mailgate` bin runs.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
let dir: string;
let tarball: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-pack-'));
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const info = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{
    filename: string;
    files: { path: string }[];
  }>;
  tarball = join(dir, info[0]!.filename);
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'smoke', private: true, type: 'module' }),
  );
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm pack tarball', () => {
  it('contains the licence, the typings and no tests or sources', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.split('\n').filter(Boolean);
    expect(files).toContain('package/LICENSE');
    expect(files).toContain('package/lib/index.d.ts');
    expect(files).toContain('package/lib/cli/bin.js');
    expect(files.some((f) => f.startsWith('package/test/') || f.startsWith('package/src/'))).toBe(false);
  });

  it('imports as a library and evaluates SPF from a zone', async () => {
    const script = `
      import { checkHost, zoneResolverFromText } from 'mailgate';
      const resolver = zoneResolverFromText('@ TXT "v=spf1 ip4:192.0.2.0/24 -all"', 'example.com');
      const a = await checkHost({ ip: '192.0.2.7', domain: 'example.com', sender: 'a@example.com' }, { resolver });
      const b = await checkHost({ ip: '198.51.100.7', domain: 'example.com', sender: 'a@example.com' }, { resolver });
      console.log(JSON.stringify([a.result, b.result]));
    `;
    await writeFile(join(dir, 'smoke.mjs'), script);
    const { stdout } = await run(process.execPath, ['smoke.mjs'], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual(['pass', 'fail']);
  });

  it('runs the mailgate bin', async () => {
    const bin = join(dir, 'node_modules', '.bin', 'mailgate');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
    const version = await run(process.execPath, [bin, '--version'], { cwd: dir });
    expect(version.stdout.trim()).toBe(pkg.version);
    const zone = join(dir, 'example.com.zone');
    await writeFile(zone, '@ TXT "v=spf1 +all"\n_dmarc TXT "v=DMARC1; p=reject"\n');
    const audit = await run(
      process.execPath,
      [bin, 'audit', 'example.com', '--offline', '--zone', zone, '--format', 'json'],
      {
        cwd: dir,
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(audit.code).toBe(1);
    const report = JSON.parse(audit.stdout) as { findings: { id: string }[] };
    expect(report.findings.map((f) => f.id)).toContain('spf.pass-all');
  });
});
