import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';

describe('package metadata', () => {
  it('keeps the CLI version in step with package.json and the changelog', async () => {
    const root = join(import.meta.dirname, '..', '..');
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      version: string;
      engines: { node: string };
      license: string;
    };
    expect(VERSION).toBe(pkg.version);
    expect(pkg.engines.node).toBe('>=22.19');
    expect(pkg.license).toBe('MIT');
    expect(await readFile(join(root, 'CHANGELOG.md'), 'utf8')).toContain(`## [${pkg.version}]`);
  });
});
