/**
 * Issue 12's scenarios, run through the bundled Action (dist/index.js) as the runner does: a git checkout with the
 * base commit (fetch-depth 0), the pull_request event payload (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH), INPUT_*,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE, with a loopback DNS server standing in for live DNS
 * (production: the base zones and the providers' real records). Each scenario holds its exact verdict, exit
 * code, outputs and annotation lines. Every SARIF log is also validated against the SARIF 2.1.0 schema by the
 * runner (test/support/action-runner.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseZone, type Zone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { markdownProblems } from '../report/markdown-check.js';
import { type ActionRun, actionDefaults, runAction, type WorkflowCommand } from '../support/action-runner.js';
import { cliJsonValidators } from '../support/cli-schemas.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { ROOT, sampleZones } from '../support/samples.js';

/** The DKIM key of the healthy sample (2048 bits). */
const KEY = /s2026\._domainkey\s+TXT\s+(.*)$/m.exec(
  await readFile(join(ROOT, 'samples/zones/mailgate-healthy.example.zone'), 'utf8'),
)![1]!;

/** acme.example in production: DMARC p=none already fails the policy (a problem the base already has). */
const ACME = `$ORIGIN acme.example.
$TTL 3600
@        SOA   ns1 hostmaster 2026010101 7200 900 1209600 300
@        NS    ns1
ns1      A     192.0.2.53
@        MX    10 mx1
mx1      A     192.0.2.25
@        TXT   "v=spf1 ip4:192.0.2.0/24 include:_spf.google.com -all"
_dmarc   TXT   "v=DMARC1; p=none; rua=mailto:dmarc@acme.example"
s1._domainkey TXT ${KEY}
`;

/** The policy: acme.example only, so a zone added for another domain must be audited all the same. */
const POLICY = `defaults:
  spf: { all: "-all", max-lookups: 8 }
  dmarc: { p: quarantine }
domains:
  acme.example:
    dkim: { selectors: [s1] }
`;

/** t.example in production, BIND-style file name (db.t.example, no $ORIGIN). */
const T_BASE = `$TTL 3600
@        SOA   ns1 hostmaster 1 7200 900 1209600 300
@        NS    ns1
ns1      A     192.0.2.53
@        MX    10 mx1
mx1      A     192.0.2.25
@        TXT   "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc   TXT   "v=DMARC1; p=reject; rua=mailto:dmarc@t.example"
s1._domainkey TXT ${KEY}
`;

let server: DnsServer;
let defaults: Record<string, string>;
const made: string[] = [];

function zone(text: string, origin: string, file: string): Zone {
  return parseZone(text, { origin, file });
}

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** A repository with `base` committed, then `head` applied (null deletes) and committed: the pull request. */
async function pullRequest(
  base: Record<string, string>,
  head: Record<string, string | null>,
): Promise<{ workspace: string; env: Record<string, string> }> {
  const root = await mkdtemp(join(tmpdir(), 'mailgate-gate-'));
  made.push(root);
  const workspace = join(root, 'repo');
  await mkdir(workspace);
  git(workspace, 'init', '-q', '-b', 'main');
  git(workspace, 'config', 'user.email', 'ci@example.invalid');
  git(workspace, 'config', 'user.name', 'ci');
  const put = async (files: Record<string, string | null>) => {
    for (const [path, text] of Object.entries(files)) {
      const abs = join(workspace, path);
      if (text === null) await unlink(abs);
      else {
        await mkdir(dirname(abs), { recursive: true });
        await writeFile(abs, text);
      }
    }
  };
  await put(base);
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'base');
  const sha = git(workspace, 'rev-parse', 'HEAD');
  await put(head);
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '--allow-empty', '-m', 'change');
  const event = join(root, 'event.json');
  await writeFile(event, JSON.stringify({ pull_request: { base: { sha, ref: 'main' }, number: 7 } }));
  return {
    workspace,
    env: {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_WORKFLOW_REF: 'octo/dns/.github/workflows/mailgate-pr.yml@refs/pull/7/merge',
    },
  };
}

function run(
  pr: { workspace: string; env: Record<string, string> },
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    workspace: pr.workspace,
    defaults,
    inputs: { 'dns-servers': server.address, 'dns-timeout': '500', ...inputs },
    env: { ...pr.env, ...env },
  });
}

const annotations = (r: ActionRun, kind?: 'error' | 'warning') =>
  r.commands.filter(
    (c) =>
      (kind ? c.command === kind : c.command === 'error' || c.command === 'warning') &&
      c.properties.title?.startsWith('mailgate '),
  );
const at = (c: WorkflowCommand | undefined) =>
  c
    ? [c.properties.file, c.properties.line, c.properties.col].filter((x) => x !== undefined).join(':')
    : undefined;
const titled = (r: ActionRun, prefix: string) =>
  annotations(r).find((c) => c.properties.title?.startsWith(`mailgate ${prefix}`));
const failure = (r: ActionRun) => r.commands.filter((c) => c.command === 'error').at(-1)?.data;

beforeAll(async () => {
  defaults = await actionDefaults();
  // Live DNS: production acme.example and t.example, and the sample zones with the providers' real records.
  server = await startDnsServer({
    resolver: zoneResolver(
      [
        zone(ACME, 'acme.example', 'live/acme.example.zone'),
        zone(T_BASE, 't.example', 'live/t.example.zone'),
        ...sampleZones(),
      ],
      { offline: true },
    ),
  });
});

afterAll(async () => {
  await server?.close();
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('the pull-request gate through dist/index.js', { timeout: 240_000 }, () => {
  it('audits a zone the change adds for a domain the policy does not list: +all and p=none fail', async () => {
    const pr = await pullRequest(
      { '.github/mailgate.yml': POLICY, 'zones/acme.example.zone': ACME },
      {
        'zones/northwind.io.zone': [
          '$ORIGIN northwind.io.',
          '@ 3600 SOA ns1 hostmaster 1 7200 900 1209600 300',
          '@ NS ns1',
          'ns1 A 192.0.2.53',
          '@ TXT "v=spf1 +all"',
          '_dmarc TXT "v=DMARC1; p=none"',
          '',
        ].join('\n'),
      },
    );
    const r = await run(pr, { policy: '.github/mailgate.yml', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    expect(r.outputs.passed).toBe('false');
    // 5 new problems; the 2 that fail (errors) decide, the 3 warnings are annotated as warnings.
    expect(r.outputs).toMatchObject({ passed: 'false', errors: '4', introduced: '5', fixed: '0' });
    expect(annotations(r).map((c) => [c.command, c.properties.title?.replace(/:.*$/, ''), at(c)])).toEqual([
      ['error', 'mailgate policy.spf-all + spf.pass-all', 'zones/northwind.io.zone:5'],
      ['error', 'mailgate policy.dmarc-policy + dmarc.policy-none', 'zones/northwind.io.zone:6'],
      ['warning', 'mailgate dkim.no-domainkey-tree', 'zones/northwind.io.zone'],
      ['warning', 'mailgate dmarc.no-rua', 'zones/northwind.io.zone:6'],
      ['warning', 'mailgate mx.no-mx', 'zones/northwind.io.zone'],
    ]);
    expect(titled(r, 'mx.no-mx')!.data).toBe(
      'northwind.io: northwind.io publishes no MX record; senders fall back to its A/AAAA records (implicit MX) (no MX record at northwind.io in zones/northwind.io.zone)',
    );
    // Both domains are audited, and the log says against which zone files.
    expect(r.stdout).toContain('mailgate: acme.example audited against zones/acme.example.zone');
    expect(r.stdout).toContain('mailgate: northwind.io audited against zones/northwind.io.zone');
    expect(failure(r)).toBe(
      'mailgate: this change introduces 2 problems that fail the policy for northwind.io (spf.all, dmarc.p)',
    );
    // The SPF rule and spf.pass-all are one annotation, on the SPF record's line.
    const spf = titled(r, 'policy.spf-all')!;
    expect(spf.properties.title).toBe(
      'mailgate policy.spf-all + spf.pass-all: Policy: SPF record does not end with the required all',
    );
    expect(at(spf)).toBe('zones/northwind.io.zone:5');
    expect(at(titled(r, 'policy.dmarc-policy'))).toBe('zones/northwind.io.zone:6');
    // The base's acme.example problem (p=none) is unchanged: not annotated, listed folded in the summary.
    expect(annotations(r).some((c) => c.data.startsWith('acme.example:'))).toBe(false);
    expect(r.summary).toMatch(
      /^## mailgate\\: email authentication\n\n\*\*❌ This change introduces 5 problems \\\(2 fail the policy\\\)\\\.\*\*/,
    );
    expect(r.summary).toContain('<details><summary>Unchanged: ');
    expect(markdownProblems(r.summary)).toEqual([]);
    // Nothing is annotated on an SOA line (line 2 of both zone files).
    for (const c of annotations(r)) expect(c.properties.line).not.toBe('2');
  });

  it('takes db.t.example as t.example and sees the change: 12 lookups, p=none, a deleted DKIM key', async () => {
    const head = T_BASE.replace(
      '"v=spf1 ip4:192.0.2.0/24 -all"',
      '"v=spf1 a mx include:_spf.google.com include:spf.improvmx.com include:_spf.protonmail.ch include:servers.mcsv.net ~all"',
    )
      .replace('p=reject', 'p=none')
      .replace(/^s1\._domainkey.*\n/m, '');
    const pr = await pullRequest(
      {
        'zones/db.t.example': T_BASE,
        '.github/mailgate.yml':
          'defaults:\n  spf: { max-lookups: 10 }\n  dmarc: { p: reject }\n  dkim: { selectors: [s1] }\n',
      },
      { 'zones/db.t.example': head },
    );
    const r = await run(pr, { policy: '.github/mailgate.yml', 'zone-files': 'zones/db.*' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('mailgate: t.example audited against zones/db.t.example');
    // SPF over budget: at the include that crosses 10, with its column.
    const spf = titled(r, 'policy.spf-lookups')!;
    expect(spf.properties.title).toBe(
      'mailgate policy.spf-lookups + spf.lookup-limit: Policy: SPF lookup budget exceeded',
    );
    expect(at(spf)).toBe('zones/db.t.example:7:78');
    expect(spf.data).toContain('(include:_spf.protonmail.ch, which costs 2, takes it from 9 to 11)');
    expect(at(titled(r, 'policy.dmarc-policy'))).toBe('zones/db.t.example:8');
    // The deleted key: on the file, the record named with its line before the change.
    const dkim = titled(r, 'policy.dkim-selector')!;
    expect(at(dkim)).toBe('zones/db.t.example');
    expect(dkim.data).toMatch(
      /\(the TXT record at s1\._domainkey\.t\.example was deleted \(line 9 of zones\/db\.t\.example before the change\)\)$/,
    );
    const sarif = JSON.parse(await readFile(r.outputs.sarif!, 'utf8'));
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'policy.spf-lookups');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'zones/db.t.example', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 78 },
    });
    expect(result.properties.related).toEqual(['spf.lookup-limit']);
  });

  it('fails a zone Knot refuses, with the annotation on its line', async () => {
    const pr = await pullRequest(
      { 'zones/acme.example.zone': ACME },
      { 'zones/acme.example.zone': ACME.replace('mx1      A', 'garbage line here with no type\nmx1      A') },
    );
    const r = await run(pr, { domains: 'acme.example', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    expect(r.outputs).toEqual({});
    const e = r.commands.find((c) => c.command === 'error' && c.properties.title === 'mailgate zone file')!;
    expect(at(e)).toBe('zones/acme.example.zone:7:9');
    expect(failure(r)).toBe(
      "mailgate: zone-files: zones/acme.example.zone:7:9: unknown record type 'line' (not a type Knot knows, nor TYPEn)",
    );
  });

  it('passes an unrelated change over a base that is already broken (fail-on: new), the old problem folded', async () => {
    const pr = await pullRequest(
      { '.github/mailgate.yml': POLICY, 'zones/acme.example.zone': ACME },
      { 'zones/acme.example.zone': `${ACME}www      A     192.0.2.80\n` },
    );
    const r = await run(pr, { policy: '.github/mailgate.yml', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(r.outputs.introduced).toBe('0');
    expect(r.outputs.fixed).toBe('0');
    expect(annotations(r)).toEqual([]);
    expect(r.stdout).toContain('mailgate: this change introduces nothing that fails');
    expect(r.summary).toMatch(
      /^## mailgate\\: email authentication\n\n\*\*✅ This change introduces no problem\\\.\*\* Compared with the zone files at the base commit [0-9a-f]{12}\./,
    );
    const folded = r.summary.slice(r.summary.indexOf('<details><summary>Unchanged'));
    expect(folded).toContain('`policy.dmarc-policy + dmarc.policy-none`');
    // The same run with fail-on: error keeps today's behaviour: the old problem fails it.
    const old = await run(pr, {
      policy: '.github/mailgate.yml',
      'zone-files': 'zones/*.zone',
      'fail-on': 'error',
    });
    expect(old.code).toBe(1);
    expect(failure(old)).toBe('mailgate policy failed: 1 problem for acme.example (dmarc.p)');
  });

  it('warns when the change removes a zone file: the domain is not audited any more (found by a new-user trial)', async () => {
    const pr = await pullRequest(
      { '.github/mailgate.yml': POLICY, 'zones/acme.example.zone': ACME, 'zones/t.example.zone': T_BASE },
      { 'zones/t.example.zone': null },
    );
    const r = await run(pr, { policy: '.github/mailgate.yml', 'zone-files': 'zones/*.zone' });
    const removed = annotations(r, 'warning').filter(
      (c) => c.properties.title === 'mailgate zone file removed',
    );
    expect(removed.map((c) => [c.properties.file, c.data])).toEqual([
      [
        'zones/t.example.zone',
        't.example: its zone file zones/t.example.zone is gone in this change, so it is not audited: if t.example still sends mail, its SPF, DMARC and DKIM records go with the zone',
      ],
    ]);
  });

  it('introduces problems over a base that already has one: only the new ones fail and are annotated', async () => {
    const head = ACME.replace(
      'include:_spf.google.com -all',
      'include:_spf.google.com include:spf.improvmx.com include:_spf.protonmail.ch -all',
    ).replace(/^s1\._domainkey.*\n/m, '');
    const pr = await pullRequest(
      { '.github/mailgate.yml': POLICY, 'zones/acme.example.zone': ACME },
      { 'zones/acme.example.zone': head },
    );
    const r = await run(
      pr,
      { policy: '.github/mailgate.yml', 'zone-files': 'zones/*.zone' },
      {
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'octo/dns',
        GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
      },
    );
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ passed: 'false', introduced: '2', fixed: '0' });
    expect(failure(r)).toBe(
      'mailgate: this change introduces 2 problems for acme.example (spf.max-lookups, dkim.selectors)',
    );
    expect(annotations(r).map((c) => [c.command, c.properties.title, at(c)])).toEqual([
      [
        'error',
        'mailgate policy.spf-lookups: Policy: SPF lookup budget exceeded',
        'zones/acme.example.zone:8:90',
      ],
      [
        'error',
        'mailgate policy.dkim-selector + dkim.no-key: Policy: DKIM selector missing or unusable',
        'zones/acme.example.zone',
      ],
    ]);
    if (process.env.MAILGATE_SUMMARY_OUT) await writeFile(process.env.MAILGATE_SUMMARY_OUT, r.summary);
    // The report file, with its diff, follows schema/gated-report.schema.json.
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    const { ajv } = cliJsonValidators();
    const schema = JSON.parse(await readFile(join(ROOT, 'schema/gated-report.schema.json'), 'utf8'));
    const validate = ajv.getSchema(schema.$id) ?? ajv.compile(schema);
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect(report.diff).toMatchObject({
      status: 'failed',
      counts: { new: 2, worse: 0, unknown: 0, unchanged: 2, fixed: 0 },
      base: expect.stringMatching(/^the zone files at the base commit [0-9a-f]{12}$/),
    });
    expect(report.diff.changes[1]).toMatchObject({
      status: 'new',
      id: 'policy.dkim-selector',
      related: ['dkim.no-key'],
      where: {
        file: 'zones/acme.example.zone',
        absent:
          'the TXT record at s1._domainkey.acme.example was deleted (line 10 of zones/acme.example.zone before the change)',
      },
    });
    expect(r.summary).toContain('**❌ This change introduces 2 problems\\.**');
    expect(r.summary).toContain('### This change introduces');
    expect(r.summary).toContain('<details><summary>Unchanged: 2 problems the base already had');
    expect(markdownProblems(r.summary)).toEqual([]);
  });

  it('evaluates a repository MTA-STS policy file instead of fetching it, annotated on its mode line', async () => {
    const sts = ACME.replace('_dmarc', '_mta-sts TXT "v=STSv1; id=20260101"\n_dmarc');
    const policy = (mode: string) => `version: STSv1\nmode: ${mode}\nmx: mx1.acme.example\nmax_age: 604800\n`;
    const pr = await pullRequest(
      {
        '.github/mailgate.yml': `${POLICY}    mta-sts: { mode: enforce }\n`,
        'zones/acme.example.zone': sts,
        '.well-known/mta-sts.txt': policy('enforce'),
      },
      { '.well-known/mta-sts.txt': policy('testing') },
    );
    const r = await run(pr, {
      policy: '.github/mailgate.yml',
      'zone-files': 'zones/*.zone',
      'mta-sts-policies': 'acme.example=.well-known/mta-sts.txt',
    });
    expect(r.code).toBe(1);
    const mode = titled(r, 'policy.mta-sts-mode')!;
    // (mtasts.mode-testing is an info: a note, not a problem of its own)
    expect(mode.properties.title).toBe(
      'mailgate policy.mta-sts-mode: Policy: MTA-STS mode weaker than required',
    );
    expect(at(mode)).toBe('.well-known/mta-sts.txt:2');
    expect(mode.data).toBe(
      'acme.example: The policy requires MTA-STS mode enforce for acme.example, but its MTA-STS policy has mode testing',
    );
    expect(failure(r)).toBe('mailgate: this change introduces 1 problem for acme.example (mta-sts.mode)');
    // The base read the file as it was at the base commit (mode enforce): there the rule passed.
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    expect(report.reports[0].mtaSts.policy).toMatchObject({
      fetched: false,
      file: '.well-known/mta-sts.txt',
    });
    expect(report.diff.counts).toMatchObject({ new: 1, fixed: 0 });
  });

  it('fails a change that would break reported mail (dmarc-reports), on the zone line that causes it', async () => {
    const reports: Record<string, string> = {};
    for (const f of [
      'google.com!mailgate-healthy.example!1767225600!1767311999!0.xml',
      'google.com!mailgate-healthy.example!1767657600!1767743999!5.xml',
    ])
      reports[`dmarc-reports/${f}`] = await readFile(join(ROOT, 'samples/reports', f), 'utf8');
    const healthy = await readFile(join(ROOT, 'samples/zones/mailgate-healthy.example.zone'), 'utf8');
    const proposed = await readFile(join(ROOT, 'samples/whatif/mailgate-healthy.example.zone'), 'utf8');
    const pr = await pullRequest(
      {
        ...reports,
        '.github/mailgate.yml': 'defaults:\n  reports: { max-lost-messages: 0 }\n',
        'zones/mailgate-healthy.example.zone': healthy,
      },
      { 'zones/mailgate-healthy.example.zone': proposed },
    );
    const r = await run(pr, {
      policy: '.github/mailgate.yml',
      'zone-files': 'zones/*.zone',
      'dmarc-reports': 'dmarc-reports/',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /mailgate: DMARC aggregate reports: 2 files, 2 reports, \d+ records, \d+ messages \(0 duplicate reports skipped, 0 inputs refused\)/,
    );
    const lost = titled(r, 'policy.reports-lost-mail')!;
    expect(lost.properties.title).toMatch(/^mailgate policy\.reports-lost-mail \+ reports\.whatif-lost-mail/);
    // The SPF record without include:_spf.google.com is line 15 of the proposed zone (one comment line more).
    expect(at(lost)).toBe('zones/mailgate-healthy.example.zone:15');
    expect(lost.data).toMatch(
      /^mailgate-healthy\.example: The change makes \d+ of \d+ reported messages of mailgate-healthy\.example \([\d.]+ %\) go from DMARC pass to fail; the policy allows at most 0 messages \(Google/,
    );
  });
});
