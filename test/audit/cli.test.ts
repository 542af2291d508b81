import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/audit/batch-report.js';
import { main } from '../../src/cli/main.js';
import { Capture } from '../support/cli.js';
import { bulkZones } from './bulk-zones.js';

async function run(
  argv: string[],
  opts: { ttyErr?: boolean; ttyOut?: boolean; env?: NodeJS.ProcessEnv } = {},
) {
  const stdout = new Capture(opts.ttyOut);
  const stderr = new Capture(opts.ttyErr);
  const code = await main(argv, { stdout, stderr, env: opts.env ?? {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const COUNT = 10;

describe('mailgate audit --domains-file / --shard, mailgate report merge', () => {
  let dir: string;
  let zoneArgs: string[];
  let list: string;
  const { domains, zones } = bulkZones(COUNT);
  const common = () => [...zoneArgs, '--offline', '-s', 's1', '--skip', 'https'];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailgate-cli-'));
    zoneArgs = zones.flatMap((z, i) => {
      const file = join(dir, `z${i}.zone`);
      writeFileSync(file, z);
      return ['--zone', file];
    });
    list = join(dir, 'domains.txt');
    writeFileSync(list, `# portfolio\n${domains.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a JSON batch report with the summary and DNS counts', async () => {
    const r = await run(['audit', '--domains-file', list, '--format', 'json', ...common()]);
    const report = JSON.parse(r.stdout) as BatchReport;
    expect(report.kind).toBe('mailgate-batch-report');
    expect(report.entries.map((e) => e.domain)).toEqual(domains);
    expect(report.total).toBe(COUNT);
    expect(report.dns.queries).toBeGreaterThan(0);
    expect(report.dns.cacheHits).toBeGreaterThan(0);
    expect(report.summary.domains).toBe(COUNT);
    expect(r.code).toBe(report.summary.failing > 0 ? 1 : report.summary.undetermined > 0 ? 3 : 0);
    expect(r.stderr).toBe('');
  });

  it('streams per-domain text in input order, then the summary table', async () => {
    const r = await run(['audit', '--domains-file', list, ...common()]);
    const positions = domains.map((d) => r.stdout.indexOf(d));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(r.stdout).toContain(`Batch summary: ${COUNT} domains (fail on error)`);
    expect(r.stdout.indexOf('Batch summary')).toBeGreaterThan(positions.at(-1)!);
    expect(r.stdout).toMatch(/DNS: \d+ queries sent, \d+ answered from the cache/);
  });

  it('shards deterministically, and merge joins the shards into the whole report', async () => {
    const wholeRun = await run(['audit', '--domains-file', list, '--format', 'json', ...common()]);
    const whole = JSON.parse(wholeRun.stdout) as BatchReport;
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = join(dir, `shard${i}.json`);
      const r = await run([
        'audit',
        '--domains-file',
        list,
        '--shard',
        `${i}/3`,
        '--format',
        'json',
        '-o',
        out,
        ...common(),
      ]);
      expect(r.stdout).toBe('');
      const shard = JSON.parse(readFileSync(out, 'utf8')) as BatchReport;
      expect(shard.shard).toEqual({ index: i, count: 3 });
      expect(shard.entries.map((e) => e.index)).toEqual(
        domains.map((_, p) => p).filter((p) => p % 3 === i - 1),
      );
      files.push(out);
    }
    const merged = await run(['report', 'merge', ...files.reverse()]);
    // Without --fail-on, the merge exits as the whole-list audit did, at the level the shards recorded.
    expect(whole.summary.failing).toBeGreaterThan(0);
    expect(wholeRun.code).toBe(1);
    expect(merged.code).toBe(1);
    expect(merged.stderr).toBe('');
    const m = JSON.parse(merged.stdout) as BatchReport;
    expect(m.failOn).toBe('error');
    expect(m.missing).toBeUndefined();
    const strip = (r: BatchReport) =>
      r.entries.map((e) => ({ ...e, report: { ...e.report!, checkedAt: '' } }));
    expect(strip(m)).toEqual(strip(whole));
    expect(m.summary).toEqual(whole.summary);

    const partial = await run(['report', 'merge', files[0]!]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/missing shard\(s\) 1\/3, 2\/3 \(pass --allow-partial to merge anyway\)/);
    const csv = await run(['report', 'merge', '--format', 'csv', ...files]);
    expect(csv.stdout.split('\r\n')).toHaveLength(COUNT + 2);
    const gated = await run(['report', 'merge', '--fail-on', 'never', ...files]);
    expect(gated.code).toBe(0);
    expect((JSON.parse(gated.stdout) as BatchReport).failOn).toBe('never');
  });

  it('merge --allow-partial says which shards and how many domains are missing, in every format', async () => {
    const files: string[] = [];
    for (const i of [1, 2]) {
      const out = join(dir, `part${i}.json`);
      await run([
        'audit',
        '--domains-file',
        list,
        '--shard',
        `${i}/3`,
        '--format',
        'json',
        '-o',
        out,
        ...common(),
      ]);
      files.push(out);
    }
    // COUNT = 10 domains: shard 3/3 holds input positions 2, 5, 8.
    const json = await run(['report', 'merge', '--allow-partial', ...files]);
    const m = JSON.parse(json.stdout) as BatchReport;
    expect(m.missing).toEqual({ shards: [{ index: 3, count: 3 }], domains: 3 });
    expect(m.summary.domains).toBe(7);
    expect(json.stderr).toBe(
      'mailgate: warning: partial merge: shard(s) 3/3 missing, so 3 of 10 domains are not in the report\n',
    );

    const text = await run(['report', 'merge', '--allow-partial', '--format', 'text', ...files]);
    expect(text.stdout).toContain('Batch summary: 7 of 10 domains, 2 shard(s) merged of 3 (fail on error)');
    expect(text.stdout).toMatch(/\n {2}missing \(shard 3\/3 not merged\) +3 +30%\n/);
    expect(text.stdout).toContain('Partial merge: shard(s) 3/3 missing, so 3 of 10 domains were not checked');

    const md = await run(['report', 'merge', '--allow-partial', '--format', 'markdown', ...files]);
    expect(md.stdout).toContain('7 domains of 10 (shards 1/3, 2/3 merged), failing at **error**.');
    expect(md.stdout).toContain(
      '> Partial merge: shard(s) 3/3 missing, so 3 of 10 domains were not checked.',
    );
    expect(md.stdout).toContain('| ⏳ missing (shard 3/3 not merged) | 3 |');

    const csv = await run(['report', 'merge', '--allow-partial', '--format', 'csv', ...files]);
    const rows = csv.stdout.split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => Number(r.split(',')[0]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.filter((r) => r.split(',')[2] === 'missing')).toEqual(
      [2, 5, 8].map((i) => `${i},,missing,,,,,,,,,,,,shard 3/3 not merged`),
    );
  });

  it('merge exits 3 when DNS trouble is all that stopped the shards, 0 when every domain passes', async () => {
    const healthy = (await run(['audit', '--domains-file', list, '--format', 'json', ...common()])).stdout;
    const whole = JSON.parse(healthy) as BatchReport;
    const as = (outcome: 'pass' | 'undetermined', index: number): BatchReport => {
      const shard = structuredClone(whole);
      shard.shard = { index, count: 2 };
      shard.entries = shard.entries.filter((e) => e.index % 2 === index - 1);
      for (const e of shard.entries) {
        // Keep only findings below error, plus (for undetermined) one DNS-trouble finding.
        e.report!.findings = e.report!.findings.filter((f) => f.severity !== 'error');
        if (outcome === 'undetermined') {
          e.report!.findings.push({
            id: 'spf.dns-error',
            severity: 'error',
            message: 'TXT failed (SERVFAIL)',
            evidence: { details: { kind: 'SERVFAIL' } },
          });
          e.report!.summary.dnsTrouble = true;
        } else e.report!.summary.dnsTrouble = false;
      }
      return shard;
    };
    const write = (name: string, r: BatchReport) => {
      const f = join(dir, name);
      writeFileSync(f, JSON.stringify(r));
      return f;
    };
    const undetermined = await run([
      'report',
      'merge',
      write('u1.json', as('undetermined', 1)),
      write('u2.json', as('undetermined', 2)),
    ]);
    expect((JSON.parse(undetermined.stdout) as BatchReport).summary.undetermined).toBe(COUNT);
    expect(undetermined.code).toBe(3);
    const passing = await run([
      'report',
      'merge',
      write('p1.json', as('pass', 1)),
      write('p2.json', as('pass', 2)),
    ]);
    expect((JSON.parse(passing.stdout) as BatchReport).summary.passing).toBe(COUNT);
    expect(passing.code).toBe(0);
  });

  it('rejects bad lists and options with exit code 2', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'example.com\nnot valid here\n');
    const r = await run(['audit', '--domains-file', bad, ...common()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.txt:2: one domain a line expected');
    expect((await run(['audit', '--domains-file', list, '--shard', '4/3', ...common()])).code).toBe(2);
    expect((await run(['audit', '--domains-file', list, '--concurrency', '0', ...common()])).code).toBe(2);
    expect((await run(['audit', '--domains-file', list, '--skip', 'dkim', ...common()])).stderr).toMatch(
      /unknown check 'dkim'/,
    );
    expect((await run(['audit', 'a.example', '--domains-file', list, ...common()])).code).toBe(2);
    expect((await run(['audit', ...common()])).code).toBe(2);
    expect((await run(['report', 'merge', list])).stderr).toMatch(/not JSON/);
  });

  it('shows a progress bar on a terminal only, and never under CI', async () => {
    const args = ['audit', '--domains-file', list, '--format', 'json', ...common()];
    expect((await run(args, { ttyErr: true })).stderr).not.toBe('');
    expect((await run(args, { ttyErr: true, env: { CI: 'true' } })).stderr).toBe('');
    expect((await run(args, { ttyErr: false })).stderr).toBe('');
  });

  it('keeps the per-domain formats for domains given on the command line', async () => {
    const r = await run(['audit', domains[0]!, domains[1]!, '--format', 'json', ...common()]);
    const reports = JSON.parse(r.stdout) as Array<{
      domain: string;
      schemaVersion: number;
      mx?: { domain: string };
    }>;
    expect(reports.map((x) => x.domain)).toEqual([domains[0], domains[1]]);
    expect(reports.map((x) => [x.schemaVersion, x.mx?.domain])).toEqual([
      [2, domains[0]],
      [2, domains[1]],
    ]);
  });
});
