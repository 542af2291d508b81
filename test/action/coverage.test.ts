/**
 * The Action's audited set and base, in process (runActionInProcess): an explicit `domains` list with a zone file
 * that covers none of them fails naming the file and its origin; the job summary lists the domains with their
 * zone files; on a pull request whose checkout lacks the base commit, the base is live DNS and the log says why.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionDefaults, runActionInProcess } from '../support/action-runner.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { sampleResolver } from '../support/samples.js';

let server: DnsServer;
let workspace: string;
let defaults: Record<string, string>;

const ZONE = (origin: string) =>
  `$ORIGIN ${origin}.\n$TTL 300\n@ SOA ns1 h 1 7200 900 1209600 300\n@ NS ns1\nns1 A 192.0.2.53\n@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@${origin}"\n`;

beforeAll(async () => {
  defaults = await actionDefaults();
  server = await startDnsServer({ resolver: sampleResolver() });
  workspace = await mkdtemp(join(tmpdir(), 'mailgate-coverage-'));
  await mkdir(join(workspace, 'zones'));
  await writeFile(join(workspace, 'zones/a.example.zone'), ZONE('a.example'));
  await writeFile(join(workspace, 'zones/b.example.zone'), ZONE('b.example'));
  await writeFile(
    join(workspace, 'event.json'),
    JSON.stringify({ pull_request: { base: { sha: 'a'.repeat(40) } } }),
  );
});

afterAll(async () => {
  await server?.close();
  if (workspace) await rm(workspace, { recursive: true, force: true });
});

const run = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runActionInProcess({
    workspace,
    defaults,
    inputs: { 'dns-servers': server.address, 'dns-timeout': '300', 'zone-files': 'zones/*.zone', ...inputs },
    env,
  });

describe('every zone in the change is audited', { timeout: 60_000 }, () => {
  it('fails a zone file that covers no domain of an explicit list, naming the file and its origin', async () => {
    const r = await run({ domains: 'a.example' });
    expect(r.outputs).toEqual({});
    const errors = r.commands.filter((c) => c.command === 'error');
    expect(errors.map((c) => [c.properties.file, c.data])).toEqual([
      ['zones/b.example.zone', 'zones/b.example.zone (origin b.example) covers no audited domain'],
      [
        undefined,
        'mailgate: zone-files: zones/b.example.zone (origin b.example) covers no audited domain (a.example): no audited domain is in it and the audit asked nothing there. Add its origin to the domains (or the policy), or remove the file from the zone files',
      ],
    ]);
  });

  it('audits every zone origin without domains, and lists them with their zone files (log and summary)', async () => {
    const r = await run({ 'fail-on': 'never' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mailgate: a.example audited against zones/a.example.zone');
    expect(r.stdout).toContain('mailgate: b.example audited against zones/b.example.zone');
    expect(r.summary).toContain(
      '### Audited domains\n\n| Domain | Zone files (over live DNS) |\n| --- | --- |\n| a\\.example | `zones/a.example.zone` |\n| b\\.example | `zones/b.example.zone` |\n',
    );
  });

  it('compares with live DNS when the checkout does not hold the base commit, and says why', async () => {
    const r = await run(
      {},
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(workspace, 'event.json') },
    );
    expect(r.stdout).toContain(
      `mailgate: the base is live DNS: the checkout does not hold the base commit ${'a'.repeat(12)} (actions/checkout fetches only the merge commit unless fetch-depth: 0)`,
    );
    expect(r.summary).toContain('Compared with live DNS.');
    // fail-on new is the pull-request default: the outputs count what the change introduces.
    // Live DNS does not know a.example and b.example: their records are new, the base's "no record" problems fixed;
    // the one that fails is new: a report domain without MX or address records.
    expect(r.outputs).toMatchObject({ passed: 'false', introduced: '4', fixed: '6' });
    expect(r.commands.filter((c) => c.command === 'error').map((c) => [c.properties.file, c.data])).toEqual([
      [
        'zones/a.example.zone',
        'a.example: Report domain a.example has no MX and no A/AAAA records: reports cannot be delivered at all (no MX record at a.example in zones/a.example.zone)',
      ],
      [
        'zones/b.example.zone',
        'b.example: Report domain b.example has no MX and no A/AAAA records: reports cannot be delivered at all (no MX record at b.example in zones/b.example.zone)',
      ],
      [
        undefined,
        'mailgate: this change introduces 2 problems for a.example, b.example (dmarc.report-domain-undeliverable)',
      ],
    ]);
    const base = await run(
      { base: 'commit' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(workspace, 'event.json') },
    );
    expect(base.commands.filter((c) => c.command === 'error').at(-1)!.data).toBe(
      `mailgate: base: the checkout does not hold the base commit ${'a'.repeat(12)} (actions/checkout fetches only the merge commit unless fetch-depth: 0)`,
    );
  });
});
