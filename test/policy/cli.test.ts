import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/samples.js';

const cli = (args: string[]) => runCli(args);

const zones = [
  'samples/zones/mailgate-healthy.example.zone',
  'samples/zones/too-many-lookups.example.zone',
  'samples/zones/realworld/google.com.zone',
  'samples/zones/realworld/mcsv.net.zone',
  'samples/zones/realworld/improvmx.com.zone',
  'samples/zones/realworld/_spf.protonmail.ch.zone',
  'samples/zones/realworld/_spf2.protonmail.ch.zone',
].flatMap((z) => ['--zone', join(ROOT, z)]);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-cli-policy-'));
  await writeFile(
    join(dir, 'policy.yml'),
    'defaults:\n  spf: { all: "-all", max-lookups: 8 }\n  dmarc: { p: quarantine }\n  dkim: { selectors: [s2026] }\n',
  );
  await writeFile(join(dir, 'bad.yml'), 'defaults:\n  dmarc:\n    p: maybe\n');
  await writeFile(join(dir, 'alias.yml'), 'version: 1\ndomains: {a.example: *nope}\n');
  let bomb = 'x-a: &a [l, l, l, l, l, l, l, l, l]\n';
  for (const [i, n] of [...'bcdefghi'].entries())
    bomb += `x-${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]\n`;
  await writeFile(join(dir, 'bomb.yml'), bomb);
  await writeFile(
    join(dir, 'deep.yml'),
    `version: 1\ndefaults: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`,
  );
});

/** `mailgate audit DOMAIN --offline --zone ... --policy FILE ...extra` over the sample zones. */
const gated = (domain: string, policyFile: string, ...extra: string[]) =>
  cli(['audit', domain, ...zones, '--offline', '--policy', join(dir, policyFile), ...extra]);

describe('mailgate audit --policy', () => {
  it('gates like the Action: exit 0 when every rule passes, the verdict in the output', async () => {
    const r = await gated('mailgate-healthy.example', 'policy.yml', '--skip', 'https');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  Policy   passed');
    expect(r.stdout).toContain('  DKIM     s2026: rsa 2048 bits');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Policy passed');
  });

  it('exits 1 with the rules in JSON (the gated report) when the policy fails', async () => {
    const r = await gated('too-many-lookups.example', 'policy.yml', '--format', 'json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.gate.status).toBe('failed');
    const failed = json.gate.domains[0].rules
      .filter((x: { outcome: string }) => x.outcome === 'fail')
      .map((x: { rule: string; id: string }) => (x.rule === 'finding' ? x.id : x.rule));
    expect(failed).toEqual([
      'spf.all',
      'spf.max-lookups',
      'dmarc.p',
      'dkim.selectors',
      'dkim.no-key',
      'spf.lookup-limit',
    ]);
  });

  it('lets --fail-on override the policy, and keeps the policy fail-on otherwise', async () => {
    const r = await gated('too-many-lookups.example', 'policy.yml', '--fail-on', 'never', '--format', 'json');
    const json = JSON.parse(r.stdout);
    expect(json.gate.failOn).toBe('never');
    expect(json.gate.domains[0].rules.some((x: { rule: string }) => x.rule === 'finding')).toBe(false);
  });

  it('renders SARIF, Markdown and CSV with the gate', async () => {
    for (const format of ['sarif', 'markdown', 'csv']) {
      const r = await gated('too-many-lookups.example', 'policy.yml', '--format', format);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        format === 'sarif'
          ? '"ruleId": "policy.spf-lookups"'
          : format === 'markdown'
            ? '❌ failed'
            : ',failed,',
      );
    }
  });

  it('exits 2 with one line naming the file and line of an alias error, an alias bomb or deep nesting', async () => {
    const expected: Record<string, string> = {
      'alias.yml': '2: alias *nope names no anchor set before it (write &nope on an earlier value)',
      'bomb.yml':
        '6: aliases expand to more than 100000 values (an alias bomb?); write the values out or share fewer',
      'deep.yml':
        '2: nested too deeply to read (Maximum call stack size exceeded); a policy needs a few levels',
    };
    for (const [file, message] of Object.entries(expected)) {
      const r = await gated('mailgate-healthy.example', file);
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toBe(`mailgate: ${join(dir, file)}:${message}\n`);
    }
  });

  it('exits 2 naming the line and key of an invalid policy', async () => {
    const r = await gated('mailgate-healthy.example', 'bad.yml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `mailgate: ${join(dir, 'bad.yml')}:3: defaults.dmarc.p: must be one of none, quarantine, reject\n`,
    );
  });
});
