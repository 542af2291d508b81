/**
 * The README's pull-request workflow is the tested one: its YAML is read out of README.md, its `with:` inputs are
 * checked against action.yml, and the bundled Action runs with exactly those inputs (plus `dns-servers`, the
 * loopback server standing in for live DNS) in a repository laid out as the workflow expects, on a
 * pull_request event with the base commit in the checkout (the step's `fetch-depth: 0`). The docs' copy of the
 * workflow is the same text.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { markdownProblems } from '../report/markdown-check.js';
import { actionDefaults, runAction } from '../support/action-runner.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { generateReports } from '../support/report-generator.js';
import { ROOT, sampleZones } from '../support/samples.js';

interface Step {
  uses?: string;
  with?: Record<string, string | number>;
}

/** The `# .github/workflows/mailgate-pr.yml` block of a Markdown file. */
async function prWorkflow(file: string): Promise<string> {
  const text = await readFile(join(ROOT, file), 'utf8');
  const block = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .find((b) => b.startsWith('# .github/workflows/mailgate-pr.yml'));
  if (!block) throw new Error(`${file} has no pull-request workflow`);
  return block;
}

const healthy = await readFile(join(ROOT, 'samples/zones/mailgate-healthy.example.zone'), 'utf8');
/** example.com as the sample healthy domain: SPF with Google Workspace and Mailchimp, DMARC reject, a DKIM key. */
const EXAMPLE = healthy.replaceAll('mailgate-healthy.example', 'example.com');

let server: DnsServer;
let root: string;

beforeAll(async () => {
  server = await startDnsServer({
    resolver: zoneResolver([parseZone(EXAMPLE, { origin: 'example.com', file: 'live' }), ...sampleZones()], {
      offline: true,
    }),
  });
  root = await mkdtemp(join(tmpdir(), 'mailgate-readme-'));
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the README pull-request workflow', { timeout: 120_000 }, () => {
  it('is the one docs/action.md shows, and uses only declared inputs', async () => {
    const readme = await prWorkflow('README.md');
    expect(await prWorkflow('docs/action.md')).toBe(readme);
    const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const steps = (parse(readme) as { jobs: { gate: { steps: Step[] } } }).jobs.gate.steps;
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    for (const key of Object.keys(steps[1]!.with!)) expect(Object.keys(action.inputs)).toContain(key);
  });

  it('runs: a change that breaks reported mail fails on the SPF line; the excluded test zone is not read', async () => {
    const steps = (parse(await prWorkflow('README.md')) as { jobs: { gate: { steps: Step[] } } }).jobs.gate
      .steps;
    const inputs = Object.fromEntries(Object.entries(steps[1]!.with!).map(([k, v]) => [k, String(v)]));
    const workspace = join(root, 'repo');
    const files: Record<string, string> = {
      '.github/mailgate.yml':
        'defaults:\n  spf: { all: "-all" }\n  dmarc: { p: reject }\n  reports: { max-lost-messages: 0 }\ndomains:\n  example.com:\n    dkim: { selectors: [s2026] }\n    mta-sts: { mode: enforce }\n',
      'zones/example.com.zone': EXAMPLE.replace(
        '_dmarc',
        '_mta-sts     TXT   "v=STSv1; id=2026010101"\n_dmarc',
      ),
      // Excluded by !zones/test-*.zone: a server would refuse it, so reading it would fail the step.
      'zones/test-lab.zone': 'garbage line here with no type\n',
      '.well-known/mta-sts.txt':
        'version: STSv1\nmode: enforce\nmx: mx1.example.com\nmx: mx2.example.com\nmax_age: 604800\n',
    };
    for (const r of generateReports({ domain: 'example.com', reports: 3, rowsPerReport: 12, seed: 7 }))
      files[`dmarc-reports/${r.fileName}`] = r.xml;
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: workspace,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim();
    await mkdir(workspace, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'ci@example.invalid');
    git('config', 'user.name', 'ci');
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(workspace, path)), { recursive: true });
      await writeFile(join(workspace, path), text);
    }
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const sha = git('rev-parse', 'HEAD');
    // The pull request drops Google Workspace from SPF.
    await writeFile(
      join(workspace, 'zones/example.com.zone'),
      files['zones/example.com.zone']!.replace(' include:_spf.google.com', ''),
    );
    git('commit', '-q', '-am', 'drop Google Workspace');
    const event = join(root, 'event.json');
    await writeFile(event, JSON.stringify({ pull_request: { base: { sha, ref: 'main' } } }));
    const r = await runAction({
      workspace,
      defaults: await actionDefaults(),
      inputs: { ...inputs, 'dns-servers': server.address, 'dns-timeout': '500' },
      env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event },
    });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ passed: 'false', introduced: '1', fixed: '0' });
    const errors = r.commands.filter((c) => c.command === 'error');
    expect(errors.at(-1)!.data).toBe(
      'mailgate: this change introduces 1 problem for example.com (reports.max-lost-messages)',
    );
    const lost = errors.find((c) => c.properties.title?.startsWith('mailgate policy.reports-lost-mail'))!;
    // The SPF record (line 14) is the zone line whose change breaks the Google Workspace mail.
    expect(lost.properties).toMatchObject({ file: 'zones/example.com.zone', line: '14' });
    expect(lost.data).toMatch(
      /reported messages of example\.com .* go from DMARC pass to fail; the policy allows at most 0 messages \(Google/,
    );
    expect(r.stdout).toContain('mailgate: example.com audited against zones/example.com.zone');
    expect(r.summary).toContain('Compared with the zone files at the base commit');
    expect(markdownProblems(r.summary)).toEqual([]);
  });
});
