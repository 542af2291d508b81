import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionInputError } from '../../src/action/inputs.js';
import { outputPath, policyPath, writeOutputFile } from '../../src/action/paths.js';

let base: string;
let workspace: string;
let runnerTemp: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'mailgate-paths-'));
  workspace = join(base, 'ws');
  runnerTemp = join(base, 'temp');
  await mkdir(join(workspace, '.github'), { recursive: true });
  await mkdir(join(workspace, 'out'), { recursive: true });
  await mkdir(runnerTemp, { recursive: true });
  await writeFile(join(base, 'elsewhere.yml'), 'defaults: {}\n');
  await writeFile(join(workspace, '.github/mailgate.yml'), 'defaults: {}\n');
  await symlink(join(base, 'elsewhere.yml'), join(workspace, '.github/elsewhere.yml'));
  await symlink(join(base, 'elsewhere.yml'), join(workspace, 'out/report.json'));
  await symlink(base, join(workspace, 'up'));
  // Dangling links: to a missing file outside, to a missing directory outside, to a missing file inside.
  await mkdir(join(base, 'outside'), { recursive: true });
  await symlink(join(base, 'outside/missing.json'), join(workspace, 'dangling.json'));
  await symlink(join(base, 'outside/missing-dir'), join(workspace, 'gone'));
  await symlink(join(workspace, 'out/later.json'), join(workspace, 'out/inside-link.json'));
  await writeFile(join(workspace, 'out/real.json'), '{}\n');
  await symlink(join(workspace, 'out/real.json'), join(workspace, 'out/to-real.json'));
});

afterAll(async () => {
  if (base) await rm(base, { recursive: true, force: true });
});

describe('policyPath', () => {
  it('accepts a file in the workspace, by relative or absolute path, with its repository name', async () => {
    const dirs = { workspace };
    expect(await policyPath('.github/mailgate.yml', dirs)).toEqual({
      abs: join(workspace, '.github/mailgate.yml'),
      file: '.github/mailgate.yml',
    });
    expect(await policyPath(join(workspace, '.github/mailgate.yml'), dirs)).toEqual({
      abs: join(workspace, '.github/mailgate.yml'),
      file: '.github/mailgate.yml',
    });
    // A file that does not exist is left to the loader (which says ENOENT).
    expect((await policyPath('.github/nope.yml', dirs)).file).toBe('.github/nope.yml');
  });

  it('refuses a path outside the workspace, also through a symbolic link', async () => {
    const dirs = { workspace };
    await expect(policyPath('../elsewhere.yml', dirs)).rejects.toThrow(
      'policy: ../elsewhere.yml is outside the repository (GITHUB_WORKSPACE); set the policy input to a file in the repository, e.g. .github/mailgate.yml',
    );
    await expect(policyPath('.github/elsewhere.yml', dirs)).rejects.toThrow(
      'policy: .github/elsewhere.yml is outside the repository (after resolving symbolic links);',
    );
    await expect(policyPath('up/elsewhere.yml', dirs)).rejects.toThrow(ActionInputError);
  });
});

describe('outputPath', () => {
  const dirs = () => ({ workspace, runnerTemp });

  it('defaults to RUNNER_TEMP and resolves relative paths in the workspace', async () => {
    expect(await outputPath('sarif-file', undefined, 'mailgate.sarif', dirs())).toBe(
      join(runnerTemp, 'mailgate.sarif'),
    );
    expect(await outputPath('sarif-file', 'out/new/m.sarif', 'mailgate.sarif', dirs())).toBe(
      join(workspace, 'out/new/m.sarif'),
    );
    expect(await outputPath('sarif-file', join(runnerTemp, 'a/m.sarif'), 'mailgate.sarif', dirs())).toBe(
      join(runnerTemp, 'a/m.sarif'),
    );
  });

  it('refuses directories, paths outside, and links that lead outside', async () => {
    const reject = (value: string) => outputPath('report-file', value, 'mailgate-report.json', dirs());
    await expect(reject('out')).rejects.toThrow(
      'report-file: out is a directory, not a file; give a file path, e.g. out/mailgate-report.json',
    );
    await expect(reject(join(base, 'x.json'))).rejects.toThrow(
      `report-file: ${join(base, 'x.json')} is outside the workspace;`,
    );
    await expect(reject('out/report.json')).rejects.toThrow(
      'report-file: out/report.json is outside the workspace (after resolving symbolic links);',
    );
    await expect(reject('up/new/x.json')).rejects.toThrow(
      'report-file: up/new/x.json is outside the workspace (after resolving symbolic links);',
    );
    // RUNNER_TEMP only by absolute path.
    await expect(reject('../temp/x.json')).rejects.toThrow(
      'report-file: ../temp/x.json is outside the workspace;',
    );
    // Without RUNNER_TEMP, only the workspace.
    await expect(
      outputPath('report-file', join(runnerTemp, 'x.json'), 'mailgate-report.json', { workspace }),
    ).rejects.toThrow('is outside the workspace;');
  });
});

describe('outputs are never written through a symbolic link', () => {
  const dirs = () => ({ workspace, runnerTemp });
  const hint = (example: string) =>
    `outputs are not written through links, give a path to a regular file, e.g. out/${example}`;

  it('refuses a dangling link at the output path or among its directories (issue 10 §4)', async () => {
    await expect(outputPath('report-file', 'dangling.json', 'mailgate-report.json', dirs())).rejects.toThrow(
      `report-file: dangling.json is a symbolic link that leads nowhere; ${hint('mailgate-report.json')}`,
    );
    await expect(outputPath('sarif-file', 'dangling.json', 'mailgate.sarif', dirs())).rejects.toThrow(
      `sarif-file: dangling.json is a symbolic link that leads nowhere; ${hint('mailgate.sarif')}`,
    );
    await expect(outputPath('sarif-file', 'gone/x/m.sarif', 'mailgate.sarif', dirs())).rejects.toThrow(
      `sarif-file: gone/x/m.sarif (through ${join(workspace, 'gone')}) is a symbolic link that leads nowhere;`,
    );
    // Also a dangling link whose target would be inside, and a live link to a file inside.
    await expect(
      outputPath('report-file', 'out/inside-link.json', 'mailgate-report.json', dirs()),
    ).rejects.toThrow('report-file: out/inside-link.json is a symbolic link that leads nowhere;');
    await expect(
      outputPath('report-file', 'out/to-real.json', 'mailgate-report.json', dirs()),
    ).rejects.toThrow(`report-file: out/to-real.json is a symbolic link; ${hint('mailgate-report.json')}`);
    // Nothing was created outside.
    expect(await readdir(join(base, 'outside'))).toEqual([]);
  });

  it('writes a regular file, and refuses a link that appears after the check instead of following it', async () => {
    const path = await outputPath('report-file', 'out/fresh/r.json', 'mailgate-report.json', dirs());
    await writeOutputFile('report-file', path, '{"a":1}\n', dirs());
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    await writeOutputFile('report-file', path, '{}\n', dirs());
    expect(await readFile(path, 'utf8')).toBe('{}\n');

    // The race: the path passed outputPath, then became a dangling link to a file outside.
    const raced = await outputPath('sarif-file', 'out/raced.sarif', 'mailgate.sarif', dirs());
    await symlink(join(base, 'outside/raced.sarif'), raced);
    await expect(writeOutputFile('sarif-file', raced, 'x', dirs())).rejects.toThrow(
      `sarif-file: cannot write ${raced} (it is a symbolic link); give a writable file path`,
    );
    // ... or its directory became a link to a directory outside.
    const moved = await outputPath('sarif-file', 'out/moved/m.sarif', 'mailgate.sarif', dirs());
    await symlink(join(base, 'outside'), join(workspace, 'out/moved'));
    await expect(writeOutputFile('sarif-file', moved, 'x', dirs())).rejects.toThrow(
      `sarif-file: cannot write ${moved} (its directory leads outside the workspace through a symbolic link);`,
    );
    expect(await readdir(join(base, 'outside'))).toEqual([]);
    expect((await lstat(raced)).isSymbolicLink()).toBe(true);
  });
});
