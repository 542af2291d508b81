/**
 * Runs the bundled Action (dist/index.js) the way the GitHub runner does, against "live DNS" served by the
 * loopback DNS server (the sample zones) and zone files in a temporary workspace.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { EVIL_ZONE, HOSTILE } from '../report/fixtures.js';
import { markdownProblems, stripCodeSpans } from '../report/markdown-check.js';
import { type ActionRun, actionDefaults, runAction } from '../support/action-runner.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { ROOT, sampleZones } from '../support/samples.js';

let server: DnsServer;
let flaky: DnsServer;
let workspace: string;
let defaults: Record<string, string>;

const PASSING_POLICY = `# a policy the healthy sample meets
defaults:
  spf:
    all: "-all"
    max-lookups: 8
  dmarc:
    p: reject
    rua: true
    alignment: { dkim: strict }
  dkim:
    min-key-bits: 2048
domains:
  mailgate-healthy.example:
    spf:
      authorize: [192.0.2.40, 192.0.2.0/24, include:_spf.google.com]
    dkim:
      selectors: [s2026]
`;

const FAILING_POLICY = `defaults:
  spf:
    all: "-all"
    max-lookups: 8
  dmarc:
    p: quarantine
    rua: true
  dkim:
    selectors: [google]
    min-key-bits: 2048
domains:
  too-many-lookups.example:
    spf:
      authorize: [198.51.100.25, 203.0.113.7]
findings:
  dmarc.policy-none:
    suppress:
      reason: "moving to quarantine in Q2"
      expires: 2099-12-31
`;

/** The healthy zone as a pull request would change it: an include, a and mx push it to 9 lookups, past the budget of 8. */
async function proposedZone(): Promise<string> {
  const original = await readFile(join(ROOT, 'samples/zones/mailgate-healthy.example.zone'), 'utf8');
  // The last line is out-of-zone data, which a DNS server would ignore: the Action must annotate it.
  return `${original.replace(
    'include:servers.mcsv.net -all',
    'include:servers.mcsv.net include:_spf.protonmail.ch a mx -all',
  )}stray.example.org. TXT "misplaced"\n`;
}

function run(
  inputs: Record<string, string>,
  dns: DnsServer = server,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    workspace,
    defaults,
    inputs: { 'dns-servers': dns.address, 'dns-timeout': '300', ...inputs },
    env,
  });
}

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

async function sarifResults(r: ActionRun): Promise<SarifResult[]> {
  return JSON.parse(await readFile(r.outputs.sarif!, 'utf8')).runs[0].results;
}

const commandsOf = (r: ActionRun, name: string) => r.commands.filter((c) => c.command === name);

beforeAll(async () => {
  defaults = await actionDefaults();
  const zones = [
    ...sampleZones(),
    parseZone(EVIL_ZONE, { origin: 'evil.example', file: 'evil.example.zone' }),
  ];
  server = await startDnsServer({ resolver: zoneResolver(zones, { offline: true }) });
  flaky = await startDnsServer({
    resolver: zoneResolver(zones, { offline: true }),
    faults: {
      servfail: (name) => name.startsWith('_dmarc.'),
      drop: (name, type) => name === '_spf.google.com' && type === 'TXT',
    },
  });
  workspace = await mkdtemp(join(tmpdir(), 'mailgate-ws-'));
  await mkdir(join(workspace, '.github'));
  await mkdir(join(workspace, 'zones'));
  await writeFile(join(workspace, '.github/mailgate.yml'), PASSING_POLICY);
  await writeFile(join(workspace, '.github/failing.yml'), FAILING_POLICY);
  await writeFile(join(workspace, '.github/invalid.yml'), 'defaults:\n  dmarc:\n    p: strict\n  spff: {}\n');
  await writeFile(join(workspace, 'zones/mailgate-healthy.example.zone'), await proposedZone());
});

afterAll(async () => {
  await server?.close();
  await flaky?.close();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

// each test runs the bundled Action in a child process: seconds each when the machine is busy
describe('dist/index.js as the runner runs it', { timeout: 180_000 }, () => {
  it('passes a domain that meets the policy', async () => {
    const r = await run({ domains: 'mailgate-healthy.example', policy: '.github/mailgate.yml' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(r.outputs.errors).toBe('0');
    expect(r.outputs.report).toBe(join(workspace, '.runner-temp', 'mailgate-report.json'));
    expect(r.outputs.sarif).toBe(join(workspace, '.runner-temp', 'mailgate.sarif'));
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    expect(report.gate.status).toBe('passed');
    expect(
      report.gate.domains[0].rules.filter((x: { rule: string }) => x.rule === 'spf.authorize'),
    ).toHaveLength(3);
    expect(r.summary).toContain('**✅ passed**: every rule holds for 1 domain.');
    expect(markdownProblems(r.summary)).toEqual([]);
    expect(commandsOf(r, 'error')).toEqual([]);
  });

  it('keeps its verdict and outputs when the job summary cannot be written (a warning, not an internal error)', async () => {
    // A new-user trial ran the Action outside a runner without the summary file: "internal error" and a stack.
    const r = await run({ domains: 'mailgate-healthy.example', policy: '.github/mailgate.yml' }, server, {
      GITHUB_STEP_SUMMARY: join(workspace, 'no-such-dir', 'summary.md'),
    });
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(commandsOf(r, 'error')).toEqual([]);
    expect(
      commandsOf(r, 'warning')
        .map((c) => c.data)
        .filter((d) => d.startsWith('mailgate:')),
    ).toEqual([
      expect.stringMatching(
        /^mailgate: cannot write the job summary \(Unable to access summary file: '.*no-such-dir/,
      ),
    ]);
  });

  it('fails a policy with a one-line reason, failing rules first in the summary', async () => {
    const r = await run({
      domains: 'too-many-lookups.example',
      policy: '.github/failing.yml',
      'sarif-file': 'out/mailgate.sarif',
      'report-file': 'out/report.json',
    });
    expect(r.code).toBe(1);
    expect(r.outputs.passed).toBe('false');
    expect(r.outputs.sarif).toBe(join(workspace, 'out/mailgate.sarif'));
    const failure = commandsOf(r, 'error').at(-1)!;
    expect(failure.data).toBe(
      'mailgate policy failed: 5 problems for too-many-lookups.example (spf.all, spf.max-lookups, spf.authorize, dmarc.p, ...)',
    );
    // The suppressed finding is reported as such, not as a failure.
    expect(r.summary).toContain('| 💤 suppressed | `dmarc.policy-none` |');
    expect(r.summary).toContain('suppressed: moving to quarantine in Q2 (until 2099\\-12\\-31)');
    const rows = r.summary
      .split('\n')
      .filter((l) => /^\| (❌|✅|💤|⚠️) (fail|pass|suppressed|undetermined) \|/.test(l));
    const lastFail = rows.findLastIndex((l) => l.startsWith('| ❌'));
    const firstOther = rows.findIndex((l) => !l.startsWith('| ❌'));
    expect(lastFail).toBeGreaterThan(3);
    expect(firstOther).toBe(lastFail + 1);
    expect(r.summary).toContain(
      '| ❌ fail | `spf.authorize` | 203\\.0\\.113\\.7 | 203\\.0\\.113\\.7\\: permerror |',
    );
    expect(r.summary).toContain('**What to change**');
    expect(r.summary).toContain('<summary>SPF include tree: 12 DNS lookups of 10</summary>');
    expect(markdownProblems(r.summary)).toEqual([]);
    // Policy-rule annotations without a zone point at the rule in the policy file.
    const dmarc = commandsOf(r, 'error').find((c) =>
      c.properties.title?.startsWith('mailgate policy.spf-lookups'),
    )!;
    expect(dmarc.properties).toMatchObject({ file: '.github/failing.yml', line: '4' });
    const sarif = JSON.parse(await readFile(join(workspace, 'out/mailgate.sarif'), 'utf8'));
    expect(
      sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'dmarc.policy-none').suppressions,
    ).toHaveLength(1);
    if (process.env.MAILGATE_SUMMARY_OUT) await writeFile(process.env.MAILGATE_SUMMARY_OUT, r.summary);
  });

  it('evaluates proposed zone files over live DNS and points at the zone file line', async () => {
    // Live DNS (the loopback server) has the healthy record; the repository's zone file adds includes.
    const live = await run({ domains: 'mailgate-healthy.example', policy: '.github/mailgate.yml' });
    expect(live.outputs.passed).toBe('true');
    const r = await run({ policy: '.github/mailgate.yml', 'zone-files': 'zones/*.zone' });
    expect(r.code).toBe(1);
    expect(r.outputs.passed).toBe('false');
    // Domains default to the policy's; the included provider records still come from live DNS.
    expect(
      r.commands.find(
        (c) => c.command === 'error' && c.properties.title?.startsWith('mailgate policy.spf-lookups'),
      ),
    ).toMatchObject({
      // On the term that takes the record over the budget: mx, at column 123 of line 14.
      properties: { file: 'zones/mailgate-healthy.example.zone', line: '14', col: '123' },
      data: 'mailgate-healthy.example: SPF record of mailgate-healthy.example needs 9 DNS lookups; the policy allows at most 8 (mx, which costs 1, takes it from 8 to 9)',
    });
    expect(r.stdout).toContain(
      'what-if mode with 1 zone file over live DNS: zones/mailgate-healthy.example.zone',
    );
    const zoneLines = (await proposedZone()).split('\n').length - 1;
    expect(
      r.commands.find((c) => c.command === 'warning' && c.properties.title === 'mailgate zone file'),
    ).toMatchObject({
      properties: { file: 'zones/mailgate-healthy.example.zone', line: String(zoneLines) },
      data: expect.stringMatching(
        /^TXT record for stray\.example\.org is outside the zone origin mailgate-healthy\.example/,
      ),
    });
    const sarif = JSON.parse(await readFile(r.outputs.sarif!, 'utf8'));
    const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'policy.spf-lookups');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'zones/mailgate-healthy.example.zone', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 123 },
    });
    expect(commandsOf(r, 'error').at(-1)!.data).toBe(
      'mailgate policy failed: 1 problem for mailgate-healthy.example (spf.max-lookups)',
    );
  });

  it('reports DNS trouble as undetermined, not as a pass', async () => {
    const r = await run({ domains: 'mailgate-healthy.example', policy: '.github/mailgate.yml' }, flaky);
    expect(r.code).toBe(1);
    expect(r.outputs.passed).toBe('false');
    const reason = commandsOf(r, 'error').at(-1)!.data;
    expect(reason).toMatch(
      /^mailgate policy undetermined: \d+ problems could not be checked because of DNS errors for mailgate-healthy\.example \(/,
    );
    expect(reason).toContain('dmarc.p');
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    const outcomes = Object.fromEntries(
      report.gate.domains[0].rules.map(
        (x: { rule: string; id: string; outcome: string; expected?: string }) => [
          `${x.rule === 'finding' ? x.id : x.rule} ${x.expected ?? ''}`.trim(),
          x.outcome,
        ],
      ),
    );
    expect(outcomes).toMatchObject({
      'dmarc.p p=reject': 'undetermined',
      'dmarc.rua rua=': 'undetermined',
      'dmarc.dns-error': 'undetermined',
      // _spf.google.com times out: the include cannot be expanded, the address check is a temperror.
      'spf.authorize 192.0.2.40': 'pass',
      'spf.dns-error': 'undetermined',
    });
    expect(r.summary).toContain('⚠️ undetermined');
  });

  it('never lets hostile TXT records reach a workflow command, the outputs or the summary', async () => {
    const r = await run({ domains: 'evil.example', selectors: 'sel', 'fail-on': 'warning' }, server, {
      GITHUB_WORKFLOW_REF: 'octo/dns/.github/workflows/mailgate.yml@refs/heads/main',
    });
    expect(r.code).toBe(1);
    // Without zone files or a policy, SARIF results point at the workflow file.
    const results = await sarifResults(r);
    expect(results.length).toBeGreaterThan(5);
    for (const result of results) {
      expect(result.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: '.github/workflows/mailgate.yml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1 },
      });
    }
    // Only our own commands are processed.
    const names = new Set(r.commands.map((c) => c.command));
    const stop = r.commands.find((c) => c.command === 'stop-commands')!;
    // With fail-on: warning every warning fails the gate, so each problem is an error annotation.
    expect([...names].sort()).toEqual(['error', 'stop-commands', stop.data].sort());
    expect(stop.data).toMatch(/^mailgate-[0-9a-f-]{36}$/);
    // The text report (with the records) was printed while commands were stopped, escaped.
    const stopped = r.stoppedLines.join('\n');
    expect(stopped).toContain(
      'z=\\x1b[31mred\\x0a::error::newline; w=::stop-commands::tok; v=#\\#[set-output name=x]y',
    );
    expect(stopped).not.toContain('\u001b');
    // Nowhere on stdout: raw ESC, legacy ##[ commands, or a line starting with a DNS-provided command.
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toContain('##[');
    for (const c of r.commands) {
      if (c.command === 'error' || c.command === 'warning') {
        expect(c.data).not.toMatch(/[\r\n\u001b]/);
      }
    }
    // The annotation with the unknown tag shows the record text as data, not as a command.
    expect(r.outputs).toEqual({
      passed: 'false',
      errors: expect.stringMatching(/^\d+$/),
      warnings: expect.stringMatching(/^\d+$/),
      report: join(workspace, '.runner-temp', 'mailgate-report.json'),
      sarif: join(workspace, '.runner-temp', 'mailgate.sarif'),
      html: join(workspace, '.runner-temp', 'mailgate-report.html'),
    });
    // The HTML report shows the hostile records as text.
    const html = await readFile(r.outputs.html!, 'utf8');
    expect(html).toContain('y=&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(markdownProblems(r.summary)).toEqual([]);
    for (const line of r.summary.split('\n')) {
      const outside = stripCodeSpans(line);
      for (const h of HOSTILE) {
        if (h === '%0A') continue; // harmless in Markdown; checked as a command above
        expect(outside).not.toContain(h);
      }
    }
    expect(r.summary).toContain('`v=spf1 ip4:192.0.2.1 include:%0A::error::spf -all`');
  });

  it('fails with a message that says what to fix on a usage error', async () => {
    const bad = await run({ domains: 'example.com', 'fail-on': 'sometimes' });
    expect(bad.code).toBe(1);
    expect(commandsOf(bad, 'error').map((c) => c.data)).toEqual([
      'mailgate: fail-on: must be new (only what the change introduces or makes worse), error, warning or never, not "sometimes"',
    ]);
    const missing = await run({ domains: 'example.com', policy: '.github/nope.yml' });
    expect(commandsOf(missing, 'error').map((c) => c.data)).toEqual([
      'mailgate: policy: cannot read .github/nope.yml (ENOENT); set the policy input to a file in the repository, e.g. .github/mailgate.yml',
    ]);
    const invalid = await run({ domains: 'example.com', policy: '.github/invalid.yml' });
    expect(invalid.code).toBe(1);
    const errors = commandsOf(invalid, 'error');
    expect(errors.slice(0, 2).map((c) => [c.properties.file, c.properties.line, c.data])).toEqual([
      ['.github/invalid.yml', '3', 'defaults.dmarc.p: must be one of none, quarantine, reject'],
      [
        '.github/invalid.yml',
        '4',
        'defaults.spff: unknown key (did you mean spf?); allowed keys: spf, dmarc, dkim, mta-sts, reports',
      ],
    ]);
    expect(errors.at(-1)!.data).toBe(
      'mailgate: policy: .github/invalid.yml is invalid (2 problems): .github/invalid.yml:3: defaults.dmarc.p: must be one of none, quarantine, reject (and 1 more, see the annotations)',
    );
    const glob = await run({ 'zone-files': 'dns/*.zone' });
    expect(commandsOf(glob, 'error').map((c) => c.data)).toEqual([
      'mailgate: zone-files: no file matches "dns/*.zone" (patterns are relative to the repository root, e.g. zones/*.zone)',
    ]);
    const none = await run({});
    expect(commandsOf(none, 'error').map((c) => c.data)).toEqual([
      'mailgate: domains: no domain to audit. Set the domains input (comma or newline separated), list domains in the policy file, or give zone-files',
    ]);
    for (const r of [bad, missing, invalid, glob, none]) expect(r.outputs).toEqual({});
  });
});
