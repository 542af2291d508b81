/**
 * The Action's `run()` from the sources, in this process (runActionInProcess), with the runner's environment:
 * workspace containment of the inputs, zone-file patterns, output paths, finding locations and policy warnings.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SARIF_PLACEHOLDER } from '../../src/policy/locate.js';
import { markdownProblems } from '../report/markdown-check.js';
import { type ActionRun, actionDefaults, runActionInProcess } from '../support/action-runner.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { sampleResolver } from '../support/samples.js';

let server: DnsServer;
let base: string;
let workspace: string;
let outside: string;
let defaults: Record<string, string>;

/** A proposed zone with no MX, a DMARC p=none and two TXT records at the apex. */
const WHATIF_ZONE = `$ORIGIN whatif.example.
$TTL 300
@       SOA   ns1 hostmaster 1 7200 900 1209600 300
@       NS    ns1
ns1     A     192.0.2.53
@       TXT   "v=spf1 ip4:192.0.2.1 -all"
@       TXT   "google-site-verification=abc"
_dmarc  TXT   "v=DMARC1; p=none; rua=mailto:d@whatif.example"
`;

/** A policy with a misspelt finding id (line 3) and a suppression that expired (its expires on line 8). */
const POLICY = `# what-if policy
findings:
  spf.lookup-limt:
    severity: warning
  dmarc.policy-none:
    suppress:
      reason: "until the rollout"
      expires: 2020-01-31
`;

const SECRET = 'hunter2-SECRET-TOKEN';

function run(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runActionInProcess({
    workspace,
    defaults,
    inputs: { 'dns-servers': server.address, 'dns-timeout': '300', ...inputs },
    env,
  });
}

const commandsOf = (r: ActionRun, name: string) => r.commands.filter((c) => c.command === name);
const failure = (r: ActionRun) => commandsOf(r, 'error').map((c) => c.data);

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

async function sarifResults(r: ActionRun): Promise<SarifResult[]> {
  return JSON.parse(await readFile(r.outputs.sarif!, 'utf8')).runs[0].results;
}

beforeAll(async () => {
  defaults = await actionDefaults();
  server = await startDnsServer({ resolver: sampleResolver() });
  base = await mkdtemp(join(tmpdir(), 'mailgate-run-'));
  workspace = join(base, 'repo');
  outside = join(base, 'repo2');
  await mkdir(join(workspace, '.github'), { recursive: true });
  await mkdir(join(workspace, 'zones'), { recursive: true });
  await mkdir(join(workspace, 'config'), { recursive: true });
  await mkdir(join(workspace, 'linked'), { recursive: true });
  await mkdir(join(outside, 'zones'), { recursive: true });
  await writeFile(join(workspace, '.github/policy.yml'), POLICY);
  await writeFile(join(workspace, 'zones/whatif.example.zone'), WHATIF_ZONE);
  await mkdir(join(workspace, 'zones99'), { recursive: true });
  await writeFile(
    join(workspace, 'zones99/t99.example.zone'),
    WHATIF_ZONE.replace(/whatif/g, 't99').replace(
      '@       TXT   "google',
      '@       SPF   "v=spf1 +all"\n@       TXT   "google',
    ),
  );
  await writeFile(join(workspace, 'config/app.conf'), `api_key ${SECRET}\n`);
  await writeFile(join(workspace, 'notes.txt'), 'not a directory\n');
  await writeFile(join(outside, 'zones/other.example.zone'), WHATIF_ZONE.replace(/whatif/g, 'other'));
  await writeFile(join(outside, 'secret.conf'), `token ${SECRET}\n`);
  await writeFile(join(outside, 'policy.yml'), POLICY);
  await symlink(join(outside, 'zones/other.example.zone'), join(workspace, 'linked/other.example.zone'));
  await symlink(join(outside, 'policy.yml'), join(workspace, '.github/linked.yml'));
  await symlink(join(outside, 'escaped.json'), join(workspace, 'dangling.json'));
  await writeFile(join(workspace, '.github/alias.yml'), 'version: 1\ndomains: {a.example: *nope}\n');
  let bomb = 'x-a: &a [l, l, l, l, l, l, l, l, l]\n';
  for (const [i, n] of [...'bcdefghi'].entries())
    bomb += `x-${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]\n`;
  await writeFile(join(workspace, '.github/bomb.yml'), bomb);
  await writeFile(
    join(workspace, '.github/deep.yml'),
    `defaults: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
  );
});

afterAll(async () => {
  await server?.close();
  if (base) await rm(base, { recursive: true, force: true });
});

describe('inputs stay in the workspace', () => {
  it('rejects zone-file patterns outside the repository, and never echoes the content of other files', async () => {
    const hint =
      'zone files must be in the repository (GITHUB_WORKSPACE); write patterns relative to its root, e.g. zones/*.zone';
    const up = await run({ 'zone-files': '../repo2/zones/*.zone' });
    expect(up.code).toBe(1);
    expect(failure(up)).toEqual([
      `mailgate: zone-files: "../repo2/zones/*.zone" is outside the repository; ${hint}`,
    ]);
    expect(up.outputs).toEqual({});
    const abs = await run({ 'zone-files': `${outside}/*.conf` });
    expect(failure(abs)).toEqual([
      `mailgate: zone-files: "${outside}/*.conf" is outside the repository; ${hint}`,
    ]);
    const etc = await run({ 'zone-files': '/etc/*.conf' });
    expect(failure(etc)).toEqual([`mailgate: zone-files: "/etc/*.conf" is outside the repository; ${hint}`]);
    const link = await run({ 'zone-files': 'linked/*.zone' });
    expect(failure(link)).toEqual([
      `mailgate: zone-files: linked/other.example.zone is outside the repository (after resolving symbolic links); ${hint}`,
    ]);
    // A file in the repository that is not a zone file (it would parse, as a record of an unknown type): its
    // name, and no content.
    const conf = await run({ 'zone-files': 'config/*.conf' });
    expect(failure(conf)).toEqual([
      'mailgate: zone-files: config/app.conf is not a zone file (no .zone or .db name, no $ORIGIN, $TTL or SOA record; content not shown); match only zone files, e.g. zones/*.zone',
    ]);
    for (const r of [up, abs, etc, link, conf]) expect(r.stdout).not.toContain(SECRET);
  });

  it('rejects a policy file outside the repository', async () => {
    const hint = 'set the policy input to a file in the repository, e.g. .github/mailgate.yml';
    const passwd = await run({ domains: 'whatif.example', policy: '/etc/passwd' });
    expect(failure(passwd)).toEqual([
      `mailgate: policy: /etc/passwd is outside the repository (GITHUB_WORKSPACE); ${hint}`,
    ]);
    const up = await run({ domains: 'whatif.example', policy: '../repo2/policy.yml' });
    expect(failure(up)).toEqual([
      `mailgate: policy: ../repo2/policy.yml is outside the repository (GITHUB_WORKSPACE); ${hint}`,
    ]);
    const link = await run({ domains: 'whatif.example', policy: '.github/linked.yml' });
    expect(failure(link)).toEqual([
      `mailgate: policy: .github/linked.yml is outside the repository (after resolving symbolic links); ${hint}`,
    ]);
    for (const r of [passwd, up, link]) {
      expect(r.code).toBe(1);
      expect(r.outputs).toEqual({});
    }
  });
});

describe('job summary on a usage error', () => {
  it('says what was wrong and that nothing was audited (bad input, missing policy)', async () => {
    const bad = await run({ domains: 'example.com', 'fail-on': 'sometimes' });
    expect(bad.summary).toBe(
      '## mailgate: not run\n\nThe run stopped on a usage error before any domain was audited; fix the input or the policy file and re-run.\n\n> fail\\-on\\: must be new \\(only what the change introduces or makes worse\\), error, warning or never, not &quot;sometimes&quot;\n',
    );
    const missing = await run({ domains: 'example.com', policy: '.github/nope.yml' });
    expect(missing.summary).toContain('> policy\\: cannot read \\.github/nope\\.yml \\(ENOENT\\)');
  });
});

describe('policy files that would crash a YAML loader', () => {
  it('fails with the file and line of an alias error, an alias bomb or deep nesting, never an internal error', async () => {
    const cases: [string, string][] = [
      ['alias', '2: alias *nope names no anchor set before it (write &nope on an earlier value)'],
      [
        'bomb',
        '6: aliases expand to more than 100000 values (an alias bomb?); write the values out or share fewer',
      ],
      [
        'deep',
        '1: nested too deeply to read (Maximum call stack size exceeded); a policy needs a few levels',
      ],
    ];
    for (const [name, message] of cases) {
      const file = `.github/${name}.yml`;
      const r = await run({ domains: 'mailgate-healthy.example', policy: file });
      expect(r.code, name).toBe(1);
      const errors = commandsOf(r, 'error');
      const [line, text] = [message.slice(0, message.indexOf(':')), message.slice(message.indexOf(':') + 2)];
      expect(
        errors.map((c) => [c.properties.file, c.properties.line, c.data]),
        name,
      ).toEqual([
        [file, line, text],
        [undefined, undefined, `mailgate: policy: ${file} is invalid (1 problem): ${file}:${message}`],
      ]);
      expect(r.stdout, name).not.toContain('internal error');
      expect(r.summary, name).toContain('## mailgate: not run');
      expect(r.outputs, name).toEqual({});
    }
  });
});

describe('zone-files patterns', () => {
  it('takes a directory as the *.zone files below it, and a brace list as one pattern', async () => {
    for (const pattern of ['zones', 'zones/**', 'zones/*.{zone,db}', './zones/']) {
      const r = await run({ domains: 'whatif.example', 'zone-files': pattern });
      expect(r.stdout, pattern).toContain(
        'what-if mode with 1 zone file over live DNS: zones/whatif.example.zone',
      );
      expect(r.outputs.report, pattern).toBeDefined();
    }
  });

  it('fails on a list of only exclusions instead of falling back to live DNS', async () => {
    const r = await run({ domains: 'mailgate-healthy.example', 'zone-files': '!zones/*.zone' });
    expect(r.code).toBe(1);
    expect(failure(r)).toEqual([
      'mailgate: zone-files has only exclusions (!zones/*.zone): list the zone files to include too, e.g. zones/*.zone',
    ]);
    expect(r.outputs).toEqual({});
  });
});

describe('output paths', () => {
  it('says which input names a directory or a path outside the workspace', async () => {
    const cases: [Record<string, string>, string][] = [
      [
        { 'report-file': 'zones' },
        'mailgate: report-file: zones is a directory, not a file; give a file path, e.g. zones/mailgate-report.json',
      ],
      [
        { 'sarif-file': 'zones/' },
        'mailgate: sarif-file: zones/ is a directory, not a file; give a file path, e.g. zones/mailgate.sarif',
      ],
      [
        { 'report-file': '../report.json' },
        'mailgate: report-file: ../report.json is outside the workspace; give a path in the repository workspace (e.g. out/mailgate-report.json) or an absolute path under RUNNER_TEMP',
      ],
      [
        { 'sarif-file': `${outside}/x.sarif` },
        `mailgate: sarif-file: ${outside}/x.sarif is outside the workspace; give a path in the repository workspace (e.g. out/mailgate.sarif) or an absolute path under RUNNER_TEMP`,
      ],
      [
        { 'sarif-file': 'notes.txt/x.sarif' },
        'mailgate: sarif-file: cannot create notes.txt/x.sarif: notes.txt is a file, not a directory; give a file path, e.g. out/mailgate.sarif',
      ],
      [
        { 'sarif-file': 'out/same.json', 'report-file': 'out/same.json' },
        'mailgate: sarif-file and report-file are the same file (out/same.json); give two different paths',
      ],
      [
        { 'html-file': 'out/same.json', 'report-file': 'out/same.json' },
        'mailgate: html-file and report-file are the same file (out/same.json); give different paths',
      ],
      [
        { 'html-file': 'zones' },
        'mailgate: html-file: zones is a directory, not a file; give a file path, e.g. zones/mailgate-report.html',
      ],
    ];
    for (const [inputs, message] of cases) {
      const r = await run({ domains: 'mailgate-healthy.example', ...inputs });
      expect(r.code).toBe(1);
      expect(failure(r)).toEqual([message]);
      expect(r.outputs).toEqual({});
    }
  });

  it('never writes through a dangling symbolic link (issue 10 §4), and says so in the job summary', async () => {
    for (const input of ['report-file', 'sarif-file']) {
      const r = await run({ domains: 'mailgate-healthy.example', [input]: 'dangling.json' });
      expect(r.code).toBe(1);
      const example = input === 'report-file' ? 'mailgate-report.json' : 'mailgate.sarif';
      expect(failure(r)).toEqual([
        `mailgate: ${input}: dangling.json is a symbolic link that leads nowhere; outputs are not written through links, give a path to a regular file, e.g. out/${example}`,
      ]);
      expect(r.summary).toContain('## mailgate: not run');
      // The message, Markdown-escaped (backslashes before punctuation).
      expect(r.summary.replace(/\\(.)/g, '$1')).toContain(`> ${failure(r)[0]!.slice('mailgate: '.length)}`);
    }
    await expect(readFile(join(outside, 'escaped.json'))).rejects.toThrow('ENOENT');
  });

  it('writes the HTML report where html-file says and names it in the html output', async () => {
    const r = await run({ domains: 'mailgate-healthy.example', 'html-file': 'out/report.html' });
    expect(r.code).toBe(0);
    expect(r.outputs.html).toBe(join(workspace, 'out/report.html'));
    const html = await readFile(r.outputs.html!, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>mailgate: email authentication</title>');
    expect(html).toContain('<bdi>mailgate-healthy.example</bdi>');
    expect(html).toContain('✓ policy passed');
    // Without the input, next to the other reports in RUNNER_TEMP.
    const temp = join(base, 'runner-temp-html');
    const d = await run({ domains: 'mailgate-healthy.example' }, { RUNNER_TEMP: temp });
    expect(d.outputs.html).toBe(join(temp, 'mailgate-report.html'));
    expect(await readFile(d.outputs.html!, 'utf8')).toContain('<bdi>mailgate-healthy.example</bdi>');
  });

  it('writes to an absolute path under RUNNER_TEMP outside the workspace', async () => {
    const temp = join(base, 'runner-temp');
    const r = await run(
      { domains: 'mailgate-healthy.example', 'sarif-file': join(temp, 'x', 'm.sarif') },
      { RUNNER_TEMP: temp },
    );
    expect(r.code).toBe(0);
    expect(r.outputs.sarif).toBe(join(temp, 'x', 'm.sarif'));
    expect(r.outputs.report).toBe(join(temp, 'mailgate-report.json'));
    expect((await sarifResults(r)).length).toBeGreaterThan(0);
    // Relative paths stay in the workspace even when they would reach RUNNER_TEMP.
    const rel = await run(
      { domains: 'mailgate-healthy.example', 'sarif-file': '../runner-temp/m.sarif' },
      { RUNNER_TEMP: temp },
    );
    expect(failure(rel)[0]).toMatch(
      /^mailgate: sarif-file: \.\.\/runner-temp\/m\.sarif is outside the workspace;/,
    );
  });
});

describe('finding locations and policy warnings', () => {
  let r: ActionRun;
  beforeAll(async () => {
    r = await run({
      domains: 'whatif.example',
      policy: '.github/policy.yml',
      'zone-files': 'zones/*.zone',
      'fail-on': 'never',
    });
  });

  it('points an expired suppression at its line in the policy file, and a missing MX at its zone file (never the SOA)', async () => {
    const annotation = (id: string) =>
      r.commands.find((c) => c.properties.title?.startsWith(`mailgate ${id}:`))?.properties;
    expect(annotation('policy.suppression-expired')).toMatchObject({ file: '.github/policy.yml', line: '8' });
    // The MX record is absent: the annotation is on the file (no line) and names the record.
    const noMx = r.commands.find((c) => c.properties.title?.startsWith('mailgate mx.no-mx:'))!;
    expect(noMx.properties).toEqual({ title: expect.any(String), file: 'zones/whatif.example.zone' });
    expect(noMx.data).toMatch(/\(no MX record at whatif\.example in zones\/whatif\.example\.zone\)$/);
    expect(annotation('dmarc.policy-none')).toMatchObject({ file: 'zones/whatif.example.zone', line: '8' });
    const results = await sarifResults(r);
    const at = (id: string) => results.find((x) => x.ruleId === id)!.locations[0]!.physicalLocation;
    expect(at('policy.suppression-expired')).toEqual({
      artifactLocation: { uri: '.github/policy.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8 },
    });
    expect(at('mx.no-mx')).toEqual({
      artifactLocation: { uri: 'zones/whatif.example.zone', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    for (const result of results) expect(result.locations[0]!.physicalLocation, result.ruleId).toBeDefined();
  });

  it('counts policy file warnings in the warnings output and lists them in the summary', async () => {
    const report = JSON.parse(await readFile(r.outputs.report!, 'utf8'));
    expect(report.gate.counts.warnings).toBeGreaterThan(0);
    expect(r.outputs.warnings).toBe(String(report.gate.counts.warnings + 1));
    expect(
      r.commands.find((c) => c.command === 'warning' && c.properties.title === 'mailgate policy'),
    ).toMatchObject({
      properties: { file: '.github/policy.yml', line: '3' },
      data: 'findings.spf.lookup-limt: no finding with this id in the catalog (did you mean spf.lookup-limit?); the rule has no effect',
    });
    expect(r.summary).toContain(
      '### Policy file warnings\n\n- `.github/policy.yml:3`: findings\\.spf\\.lookup\\-limt\\: no finding with this id in the catalog \\(did you mean spf\\.lookup\\-limit?\\); the rule has no effect\n',
    );
    expect(markdownProblems(r.summary)).toEqual([]);
  });

  it('passes the zone files to the audit: a type 99 SPF record is a finding on its zone file line', async () => {
    const t99 = await run({ domains: 't99.example', 'zone-files': 'zones99', 'fail-on': 'never' });
    const report = JSON.parse(await readFile(t99.outputs.report!, 'utf8'));
    const found = report.reports[0].findings.find((f: { id: string }) => f.id === 'spf.type99-record');
    expect(found?.evidence).toMatchObject({
      record: '"v=spf1 +all"',
      source: { file: 'zones99/t99.example.zone', line: 7 },
    });
  });

  it('gives every SARIF result a file: the first zone file, else a placeholder', async () => {
    const withZone = await run({
      domains: 'whatif.example, too-many-lookups.example',
      'zone-files': 'zones',
    });
    const results = await sarifResults(withZone);
    const live = results.filter((x) => x.ruleId.startsWith('spf.lookup-limit'));
    expect(live.length).toBeGreaterThan(0);
    for (const x of live)
      expect(x.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: 'zones/whatif.example.zone', uriBaseId: '%SRCROOT%' },
        region: { startLine: 1 },
      });
    const bare = await run({ domains: 'too-many-lookups.example' });
    const bareResults = await sarifResults(bare);
    expect(bareResults.length).toBeGreaterThan(3);
    for (const x of bareResults)
      expect(x.locations[0]!.physicalLocation).toEqual({
        artifactLocation: { uri: SARIF_PLACEHOLDER.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: 1 },
      });
    expect(SARIF_PLACEHOLDER).toEqual({ file: '.github/mailgate.yml', line: 1 });
  });
});
