/**
 * check-dist: rebuilds the Action bundle and fails if it differs from the committed dist/ (run `npm run package`
 * and commit dist/ to fix). The bundle must be built from `lib/` at the repository root: ncc names modules by
 * their path, so the same sources built elsewhere give different bytes. The test compiles src/ into a temporary
 * directory and moves changed files into lib/ one by one (atomic renames: other tests reading lib/ never see a
 * half-written file), then bundles lib/action/index.js into a temporary directory and compares byte for byte.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { node24 } from '../support/action-runner.js';
import { ROOT } from '../support/samples.js';

const run = promisify(execFile);
let work: string | undefined;

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

async function syncInto(from: string, to: string): Promise<void> {
  for (const file of await files(from)) {
    const fresh = await readFile(join(from, file));
    const target = join(to, file);
    const current = await readFile(target).catch(() => null);
    if (current?.equals(fresh)) continue;
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, fresh);
    await rename(tmp, target);
  }
}

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('dist/ (check-dist)', () => {
  it('is what `npm run package` builds from the current sources', { timeout: 180_000 }, async () => {
    await mkdir(join(ROOT, '.tmp'), { recursive: true });
    work = await mkdtemp(join(ROOT, '.tmp', 'check-dist-'));
    const node = node24();
    const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
    // Same compiler and options as `npm run build` (tsconfig.build.json), into a scratch lib/.
    await run(
      node,
      [
        join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        join(work, 'lib'),
      ],
      {
        cwd: ROOT,
      },
    ).catch((e: { stdout?: string }) => {
      // Type errors elsewhere do not stop emitting; the bundle comparison below decides.
      if (!e.stdout) throw e;
    });
    await syncInto(join(work, 'lib'), join(ROOT, 'lib'));
    // Same command as `npm run package`, output to the scratch directory.
    await run(
      node,
      [
        bin('ncc'),
        'build',
        'lib/action/index.js',
        '-o',
        join(work, 'dist'),
        '--license',
        'licenses.txt',
        '--target',
        'es2022',
        '--quiet',
      ],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    const built = await files(join(work, 'dist'));
    expect(await files(join(ROOT, 'dist'))).toEqual(built);
    for (const file of built) {
      const fresh = await readFile(join(work, 'dist', file));
      const committed = await readFile(join(ROOT, 'dist', file));
      expect(committed.equals(fresh), `dist/${file} differs from a fresh build: run npm run package`).toBe(
        true,
      );
    }
  });
});
