import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duplicateFindingIds, FINDINGS_CATALOG } from '../../src/catalog.js';
import { parsePolicy } from '../../src/policy/load.js';
import { generatedFiles, POLICY_EXAMPLE } from '../../src/report/docs.js';

const ROOT = join(import.meta.dirname, '..', '..');
const UPDATE = process.env.MAILGATE_UPDATE_GENERATED === '1';

describe('generated files (docs/, schema/)', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (MAILGATE_UPDATE_GENERATED=1 rewrites it)`, async () => {
      const file = join(ROOT, path);
      if (UPDATE) {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, content);
      }
      expect(await readFile(file, 'utf8')).toBe(content);
    });
  }

  it('the catalog has no duplicate ids and every id is <area>.<slug>', () => {
    expect(duplicateFindingIds()).toEqual([]);
    for (const d of FINDINGS_CATALOG)
      expect(d.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(FINDINGS_CATALOG.map((d) => d.id)).toContain('dmarc.policy-none');
    expect(FINDINGS_CATALOG.map((d) => d.id)).toContain('policy.dmarc-policy');
  });

  it('the catalog table lists every finding id once', () => {
    const md = generatedFiles()['docs/findings.md']!;
    for (const d of FINDINGS_CATALOG) expect(md.split(`| \`${d.id}\` |`).length - 1).toBe(1);
  });

  it('the example policy in docs/policy.md is valid', () => {
    const loaded = parsePolicy(POLICY_EXAMPLE, { file: 'mailgate.yml' });
    expect(loaded.policy.domains?.['example.com']?.dmarc?.p).toBe('reject');
    expect(loaded.warnings).toEqual([]);
  });

  it('the policy reference documents every policy key', () => {
    const md = generatedFiles()['docs/policy.md']!;
    for (const key of [
      '`fail-on`',
      '`defaults.spf.authorize`',
      '`defaults.spf.max-lookups`',
      '`defaults.dmarc.alignment`',
      '`defaults.dkim.min-key-bits`',
      '`defaults.mta-sts.mode`',
      '`domains.<domain>.dmarc.np`',
      '`findings.<finding-id>.suppress.reason` (required)',
      '`findings.<finding-id>.suppress[].expires`',
    ]) {
      expect(md).toContain(key);
    }
  });
});
