/**
 * The CLI's side of the pull-request gate (issue 12): `mailgate diff`, `mailgate audit --base-zone/--baseline`,
 * the audited set without domains, MTA-STS policy files from the repository (`--mta-sts-policy`) and with HTTPS off,
 * and `--dmarc-reports` on the bundled samples. Offline, over the sample zones.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { cliJsonValidators } from '../support/cli-schemas.js';
import { ROOT } from '../support/samples.js';

const PROVIDERS = [
  'google.com',
  'mcsv.net',
  'improvmx.com',
  '_spf.protonmail.ch',
  '_spf2.protonmail.ch',
].flatMap((z) => ['--zone', join(ROOT, 'samples/zones/realworld', `${z}.zone`)]);
const HEALTHY = join(ROOT, 'samples/zones/mailgate-healthy.example.zone');
const PROPOSED = join(ROOT, 'samples/whatif/mailgate-healthy.example.zone');

let dir: string;
let base: string;
let head: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailgate-cli-gate-'));
  const zone = await readFile(HEALTHY, 'utf8');
  // The change: SPF over the budget of 6 (include:_spf.protonmail.ch crosses it), the DKIM key deleted.
  base = join(dir, 'base', 'mailgate-healthy.example.zone');
  head = join(dir, 'head', 'mailgate-healthy.example.zone');
  await import('node:fs/promises').then((fs) =>
    Promise.all([fs.mkdir(join(dir, 'base')), fs.mkdir(join(dir, 'head'))]),
  );
  await writeFile(base, zone.replace('p=reject', 'p=none'));
  await writeFile(
    head,
    zone
      .replace('p=reject', 'p=none')
      .replace('include:servers.mcsv.net -all', 'include:servers.mcsv.net include:_spf.protonmail.ch -all')
      .replace(/^s2026\._domainkey.*\n/m, ''),
  );
  await writeFile(
    join(dir, 'policy.yml'),
    'defaults:\n  spf: { all: "-all", max-lookups: 6 }\n  dmarc: { p: quarantine }\ndomains:\n  mailgate-healthy.example:\n    dkim: { selectors: [s2026] }\n',
  );
  await writeFile(join(dir, 'sts-policy.yml'), 'defaults:\n  mta-sts: { mode: enforce }\n');
  await writeFile(join(dir, 'reports-policy.yml'), 'defaults:\n  reports: { max-lost-messages: 0 }\n');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('mailgate audit: base versus head', () => {
  it('--base-zone: only what the change introduces fails; the base problem is unchanged', async () => {
    const args = [
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--policy',
      join(dir, 'policy.yml'),
      '--zone',
      head,
      ...PROVIDERS,
    ];
    const r = await runCli([
      ...args,
      '--base-zone',
      base,
      ...PROVIDERS.map((p) => (p === '--zone' ? '--base-zone' : p)),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const text = r.stdout.slice(r.stdout.indexOf('This change introduces'));
    expect(text.split('\n').slice(0, 5)).toEqual([
      'This change introduces 2 problems.',
      expect.stringMatching(/^Compared with the base zone files \(/),
      expect.stringMatching(
        /^ {2}NEW {7}mailgate-healthy\.example {2}policy\.spf-lookups {2}SPF record of mailgate-healthy\.example needs 7 DNS lookups; the policy allows at most 6 \(include:_spf\.protonmail\.ch, which costs 2, takes it from 5 to 7\) \(.*head\/mailgate-healthy\.example\.zone:14\)$/,
      ),
      expect.stringMatching(
        /^ {2}NEW {7}mailgate-healthy\.example {2}policy\.dkim-selector \+ dkim\.no-key .*; the TXT record at s2026\._domainkey\.mailgate-healthy\.example was deleted \(line 16 of .*base\/mailgate-healthy\.example\.zone before the change\)\)$/,
      ),
      expect.stringMatching(
        /^ {2}unchanged mailgate-healthy\.example {2}policy\.dmarc-policy \+ dmarc\.policy-none /,
      ),
    ]);
    expect(r.stdout).toContain(
      'mailgate: this change introduces 2 problems for mailgate-healthy.example (spf.max-lookups, dkim.selectors)',
    );
    // The same change compared with itself introduces nothing: exit 0, whatever the base already had.
    const same = await runCli([
      ...args,
      '--base-zone',
      head,
      ...PROVIDERS.map((p) => (p === '--zone' ? '--base-zone' : p)),
    ]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('This change introduces no problem.');
  });

  it('--baseline and mailgate diff compare saved JSON reports by key, not by message', async () => {
    const before = join(dir, 'before.json');
    const after = join(dir, 'after.json');
    const common = [
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--policy',
      join(dir, 'policy.yml'),
      ...PROVIDERS,
      '--format',
      'json',
    ];
    expect((await runCli([...common, '--zone', base, '-o', before])).code).toBe(1);
    expect((await runCli([...common, '--zone', head, '-o', after])).code).toBe(1);
    const diff = await runCli(['diff', before, after, '--format', 'json']);
    expect(diff.code).toBe(1);
    const json = JSON.parse(diff.stdout);
    expect(json.diff.counts).toEqual({ new: 2, worse: 0, unknown: 0, unchanged: 1, fixed: 0 });
    expect(json.diff.changes.map((c: { status: string; id: string }) => `${c.status} ${c.id}`)).toEqual([
      'new policy.spf-lookups',
      'new policy.dkim-selector',
      'unchanged policy.dmarc-policy',
    ]);
    // The reverse: the change's problems are fixed, and nothing new fails.
    const back = await runCli(['diff', after, before]);
    expect(back.code).toBe(0);
    expect(back.stdout.split('\n')[0]).toBe('This change introduces no problem; it fixes 2.');
    // --baseline is the same comparison, with the audit's own output first.
    const baseline = await runCli([
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--policy',
      join(dir, 'policy.yml'),
      ...PROVIDERS,
      '--zone',
      head,
      '--baseline',
      before,
      '--format',
      'json',
    ]);
    expect(baseline.code).toBe(1);
    expect(JSON.parse(baseline.stdout).diff.counts).toEqual(json.diff.counts);
    // The gated report with its diff follows schema/gated-report.schema.json.
    const { ajv } = cliJsonValidators();
    const gatedSchema = JSON.parse(await readFile(join(ROOT, 'schema/gated-report.schema.json'), 'utf8'));
    const validate = ajv.getSchema(gatedSchema.$id) ?? ajv.compile(gatedSchema);
    expect(validate(JSON.parse(baseline.stdout)) ? [] : validate.errors).toEqual([]);
    // A gated report is not compared with an ungated one.
    const plain = join(dir, 'plain.json');
    await runCli([
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--zone',
      base,
      ...PROVIDERS,
      '--format',
      'json',
      '-o',
      plain,
    ]);
    const mixed = await runCli(['diff', plain, after]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toBe(
      `mailgate: ${after} was gated with a policy and ${plain} was not: compare two reports audited the same way\n`,
    );
    const notReport = await runCli(['diff', join(dir, 'policy.yml'), after]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toContain('is not JSON');
  });

  it('audits the policy domains plus every zone origin without domains, and refuses a zone nothing covers', async () => {
    const extra = join(dir, 'northwind.io.zone');
    await writeFile(
      extra,
      '$TTL 300\n@ SOA ns1 h 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.53\n@ TXT "v=spf1 +all"\n_dmarc TXT "v=DMARC1; p=none"\n',
    );
    const r = await runCli([
      'audit',
      '--offline',
      '--policy',
      join(dir, 'policy.yml'),
      '--zone',
      base,
      '--zone',
      extra,
      ...PROVIDERS,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const domains = JSON.parse(r.stdout).gate.domains.map((d: { domain: string }) => d.domain);
    // The policy's domain, then every zone origin in the order given: the providers' zones are audited too.
    expect(domains).toEqual([
      'mailgate-healthy.example',
      'northwind.io',
      'google.com',
      'mcsv.net',
      'improvmx.com',
      '_spf.protonmail.ch',
      '_spf2.protonmail.ch',
    ]);
    // A reverse zone is not a mail domain; when no audit asks a name in it, it covers nothing.
    const reverse = join(dir, '2.0.198.in-addr.arpa.zone');
    await writeFile(
      reverse,
      '$TTL 300\n@ SOA ns1.example.net. h 1 2 3 4 5\n@ NS ns1.example.net.\n1 PTR mx.example.net.\n',
    );
    const bad = await runCli([
      'audit',
      '--offline',
      '--policy',
      join(dir, 'policy.yml'),
      '--zone',
      base,
      '--zone',
      reverse,
      ...PROVIDERS,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^mailgate: .*2\.0\.198\.in-addr\.arpa\.zone \(origin 2\.0\.198\.in-addr\.arpa\) covers no audited domain \(/,
    );
  });
});

describe('mailgate audit: MTA-STS from the repository, and with HTTPS off', () => {
  const zone = async () => {
    const f = join(dir, 'sts', 'mailgate-healthy.example.zone');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'sts'), { recursive: true }));
    await writeFile(
      f,
      (await readFile(HEALTHY, 'utf8')).replace('_dmarc', '_mta-sts TXT "v=STSv1; id=1"\n_dmarc'),
    );
    return f;
  };

  it('offline without a policy file: mode enforce is not checked (an info), exit 0, never DNS trouble (3)', async () => {
    const r = await runCli([
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--zone',
      await zone(),
      ...PROVIDERS,
      '--policy',
      join(dir, 'sts-policy.yml'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rule = JSON.parse(r.stdout).gate.domains[0].rules.find(
      (x: { rule: string }) => x.rule === 'mta-sts.mode',
    );
    expect(rule).toMatchObject({
      outcome: 'not-checked',
      id: 'policy.mta-sts-mode-not-checked',
      finding: { severity: 'info' },
    });
    expect(JSON.parse(r.stdout).gate.counts).toMatchObject({ undetermined: 0, failed: 0, notChecked: 1 });
  });

  it('--mta-sts-policy: the repository file decides, and its problems point at its lines', async () => {
    const file = join(dir, 'mta-sts.txt');
    await writeFile(file, 'version: STSv1\nmode: testing\nmx: mx1.mailgate-healthy.example\nmax_age: 3600\n');
    const r = await runCli([
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--zone',
      await zone(),
      ...PROVIDERS,
      '--policy',
      join(dir, 'sts-policy.yml'),
      '--mta-sts-policy',
      `mailgate-healthy.example=${file}`,
      '--format',
      'sarif',
    ]);
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout).runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[];
    }[];
    const where = (id: string) => results.find((x) => x.ruleId === id)?.locations[0]?.physicalLocation;
    expect(where('policy.mta-sts-mode')).toEqual({
      artifactLocation: { uri: `file://${file}` },
      region: { startLine: 2 },
    });
    expect(where('mtasts.max-age-short')).toEqual({
      artifactLocation: { uri: `file://${file}` },
      region: { startLine: 4 },
    });
    // mx2 is not covered by the file's one mx line (line 3).
    expect(where('mtasts.mx-not-covered')).toEqual({
      artifactLocation: { uri: `file://${file}` },
      region: { startLine: 3 },
    });
    const bad = await runCli([
      'audit',
      'mailgate-healthy.example',
      '--offline',
      '--zone',
      HEALTHY,
      '--mta-sts-policy',
      'mailgate-healthy.example',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'mailgate: --mta-sts-policy "mailgate-healthy.example" is not DOMAIN=FILE (e.g. --mta-sts-policy example.com=.well-known/mta-sts.txt)\n',
    );
  });
});

describe('mailgate audit --dmarc-reports', () => {
  it('fails a change that breaks reported mail, on the zone line that causes it (the bundled samples)', async () => {
    const r = await runCli([
      'audit',
      '--offline',
      '--policy',
      join(dir, 'reports-policy.yml'),
      '--zone',
      PROPOSED,
      '--base-zone',
      HEALTHY,
      ...PROVIDERS,
      ...PROVIDERS.map((p) => (p === '--zone' ? '--base-zone' : p)),
      '--dmarc-reports',
      join(ROOT, 'samples/reports'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^mailgate: DMARC aggregate reports: 17 files, 20 reports, \d+ records, \d+ messages \(0 duplicate reports skipped, 0 inputs refused\)\n/,
    );
    const json = JSON.parse(r.stdout);
    const rule = json.gate.domains[0].rules.find(
      (x: { rule: string }) => x.rule === 'reports.max-lost-messages',
    );
    expect(rule).toMatchObject({ outcome: 'fail', id: 'policy.reports-lost-mail', expected: '<= 0' });
    expect(rule.finding.evidence.source).toEqual({ file: PROPOSED, line: 15 });
    expect(rule.message).toMatch(
      /^The change makes \d+ of \d+ reported messages of mailgate-healthy\.example \([\d.]+ %\) go from DMARC pass to fail; the policy allows at most 0 messages \(Google Workspace \d+\)$/,
    );
    expect(json.diff.changes[0]).toMatchObject({
      status: 'new',
      id: 'policy.reports-lost-mail',
      related: ['reports.whatif-lost-mail'],
    });
  });
});

describe('mailgate audit --policy with several problems', () => {
  it('prints one problem per line, each prefixed and escaped on its own (was: one line joined by a literal \\x0a)', async () => {
    const file = join(dir, 'types.yml');
    await writeFile(file, 'version: "1"\nfail-on: 3\n');
    const r = await runCli([
      'audit',
      'shop.test',
      '--policy',
      file,
      '--offline',
      '--zone',
      join(ROOT, 'samples', 'zones', 'shop.test.zone'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l !== '')).toEqual([
      `mailgate: ${file}:1: version: must be 1`,
      `mailgate: ${file}:2: fail-on: must be one of error, warning, never`,
    ]);
  });
});

describe('mailgate audit --offline: domains no zone file holds', () => {
  it('warns for a domain outside every zone and for one the zone delegates away (found by a new-user trial)', async () => {
    const zone = join(dir, 'example.com.zone');
    await writeFile(
      zone,
      '$ORIGIN example.com.\n$TTL 300\n@ SOA ns hm 1 1 1 1 1\n@ NS ns.elsewhere.net.\n@ TXT "v=spf1 -all"\nsub NS ns.elsewhere.net.\n',
    );
    const r = await runCli([
      'audit',
      'example.com',
      'sub.example.com',
      'deeper.sub.example.com',
      'other.test',
      '--offline',
      '--zone',
      zone,
    ]);
    expect(
      r.stderr.split('\n').filter((l) => l.startsWith('mailgate: warning: ') && !l.includes('.zone:')),
    ).toEqual([
      'mailgate: warning: sub.example.com is delegated away at sub.example.com (an NS record in the zone files) and no zone file given holds it: with --offline its records do not exist, so its results say nothing about the real domain (add its zone file)',
      'mailgate: warning: deeper.sub.example.com is delegated away at sub.example.com (an NS record in the zone files) and no zone file given holds it: with --offline its records do not exist, so its results say nothing about the real domain (add its zone file)',
      'mailgate: warning: other.test is in no zone file given: with --offline its records do not exist, so its results say nothing about the real domain (add its zone file)',
    ]);
  });
});
