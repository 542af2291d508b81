/**
 * What the npm tarball holds: the sample messages and zones (the demo needs them) but never the private sample
 * keys (samples/keys/*.pem), which only samples/messages/generate.mjs reads to re-sign the samples.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe('package files', () => {
  it('ship the samples without the private keys', () => {
    // --ignore-scripts: no prepack build, only the list of files.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'silent' },
    });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files.filter((f) => f.startsWith('samples/keys/') || f.endsWith('.pem'))).toEqual([]);
    expect(files).toContain('samples/messages/shop-newsletter.eml');
    expect(files).toContain('samples/zones/mailgate-healthy.example.zone');
    expect(files).toContain('schema/spf-verdict.schema.json');
    // The keys exist in the repository, and only the generator reads them.
    expect(
      readdirSync(join(ROOT, 'samples', 'keys')).filter((f) => f.endsWith('.pem')).length,
    ).toBeGreaterThan(0);
    const readers = files.filter(
      (f) =>
        /\.(js|mjs|cjs)$/.test(f) &&
        /samples[\\/]keys|\.\.[\\/]keys|keysDir/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(readers).toEqual(['samples/messages/generate.mjs']);
    // The README's relative links: the documents ship (a library-user trial found them dead in the package);
    // the rest (screenshots, bench and fuzz notes) exist in the repository, which package.json names.
    const links = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/\]\(([a-z][^)#:]*)\)/g)].map(
      (m) => m[1]!,
    );
    expect(links.filter((l) => !existsSync(join(ROOT, l)))).toEqual([]);
    expect(links.filter((l) => l.endsWith('.md') && l.startsWith('docs/') && !files.includes(l))).toEqual([]);
    expect(files).toContain('docs/findings.md');
  });
});
