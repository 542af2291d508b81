/**
 * `mailgate spf` and `mailgate dmarc` JSON: a `schemaVersion` and a published JSON Schema each
 * (schema/spf-verdict, spf-analysis, dmarc-report), validated over the sample domains in every mode, with
 * hostile records and with DNS trouble; `explanation` means the exp= text as in the library, `why` the sentence.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DOMAINS } from '../../src/cli/demo.js';
import { runCli } from '../support/cli.js';
import { checkCliJson, cliJsonValidators } from '../support/cli-schemas.js';

const samples = join(import.meta.dirname, '..', '..', 'samples', 'zones');
const dir = mkdtempSync(join(tmpdir(), 'mailgate-cli-schema-'));
const zone = join(dir, 'exp.test.zone');
writeFileSync(
  zone,
  [
    '$ORIGIN exp.test.',
    '@ TXT "v=spf1 ip4:192.0.2.0/24 -all exp=why.exp.test"',
    'why TXT "%{i} is not one of our servers: see https://exp.test/spf"',
    '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@elsewhere.example; x=\\"q"',
    'evil TXT "v=spf1 ::error::\\027[0m include:%{d}.x -all"',
    'loop CNAME loop',
    '_dmarc.loop CNAME _dmarc.loop',
    '',
  ].join('\n'),
);

const json = async (argv: string[]) => {
  const r = await runCli(argv);
  // runCli has validated it already; validate here too to know which schema applied
  expect(checkCliJson(argv, r.stdout), argv.join(' ')).toBeDefined();
  return JSON.parse(r.stdout);
};

describe('spf and dmarc JSON validate against their schemas', () => {
  it('the sample domains, in both DMARC modes, for pass, fail and analysis', async () => {
    let checked = 0;
    for (const [domain] of DEMO_DOMAINS) {
      const offline = ['--offline', '--zone', samples];
      for (const ip of ['192.0.2.10', '209.85.128.5', '2001:db8::1']) {
        const v = await json(['spf', domain, '--ip', ip, '--format', 'json', ...offline]);
        expect(v.schemaVersion).toBe(1);
        expect(typeof v.why).toBe('string');
        checked++;
      }
      expect((await json(['spf', domain, '--format', 'json', ...offline])).schemaVersion).toBe(1);
      for (const mode of ['9989', '7489'])
        expect(
          (await json(['dmarc', domain, '--dmarc-mode', mode, '--format', 'json', ...offline])).schemaVersion,
        ).toBe(1);
      checked += 3;
    }
    expect(checked).toBe(DEMO_DOMAINS.length * 6);
  });

  it('explanation is the exp= text (RFC 7208 §6.2), why is the sentence; hostile text and DNS trouble validate', async () => {
    const offline = ['--offline', '--zone', zone];
    const fail = await json(['spf', 'exp.test', '--ip', '198.51.100.7', '--format', 'json', ...offline]);
    expect(fail.result).toBe('fail');
    expect(fail.explanation).toBe('198.51.100.7 is not one of our servers: see https://exp.test/spf');
    expect(fail.why).toMatch(/^SPF fail for exp\.test/);
    expect(fail).not.toHaveProperty('domainExplanation');
    const evil = await json(['spf', 'evil.exp.test', '--ip', '192.0.2.1', '--format', 'json', ...offline]);
    expect(evil.result).toBe('permerror');
    await json(['spf', 'evil.exp.test', '--format', 'json', ...offline]);
    const loop = await json(['dmarc', 'loop.exp.test', '--format', 'json', ...offline]);
    expect(loop.discovery.error?.kind).toBe('SERVFAIL');
    await json(['dmarc', 'exp.test', '--format', 'json', ...offline]);
  });

  it('rejects output that breaks the contract', () => {
    const { verdict, analysis, dmarc } = cliJsonValidators();
    const good = {
      schemaVersion: 1,
      result: 'pass',
      why: 'x',
      domain: 'a.test',
      sender: 'postmaster@a.test',
      ip: '192.0.2.1',
      lookups: 0,
      voidLookups: 0,
      limits: { maxLookups: 10, maxVoidLookups: 2, maxMxHosts: 10, maxPtrNames: 10, timeoutMs: 20000 },
      trace: [],
    };
    expect(verdict(good)).toBe(true);
    expect(verdict({ ...good, schemaVersion: 2 })).toBe(false);
    expect(verdict({ ...good, domainExplanation: 'old name' })).toBe(false);
    expect(verdict({ ...good, why: undefined })).toBe(false);
    expect(verdict({ ...good, result: 'maybe' })).toBe(false);
    expect(verdict({ ...good, trace: [{ type: 'term', domain: 'a.test' }] })).toBe(false);
    expect(analysis({ schemaVersion: 1, domain: 'a.test' })).toBe(false);
    expect(dmarc({ schemaVersion: 1, domain: 'a.test' })).toBe(false);
  });
});
