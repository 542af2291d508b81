import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchReport } from '../../src/audit/batch-report.js';
import { main } from '../../src/cli/main.js';
import { bulkZones } from './bulk-zones.js';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

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
    const whole = JSON.parse(
      (await run(['audit', '--domains-file', list, '--format', 'json', ...common()])).stdout,
    ) as BatchReport;
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
    expect(merged.code).toBe(0);
    const m = JSON.parse(merged.stdout) as BatchReport;
    const strip = (r: BatchReport) =>
      r.entries.map((e) => ({ ...e, report: { ...e.report!, checkedAt: '' } }));
    expect(strip(m)).toEqual(strip(whole));
    expect(m.summary).toEqual(whole.summary);

    const partial = await run(['report', 'merge', files[0]!]);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/missing shard/);
    const csv = await run(['report', 'merge', '--format', 'csv', ...files]);
    expect(csv.stdout.split('\r\n')).toHaveLength(COUNT + 2);
    const gated = await run(['report', 'merge', '--fail-on', 'never', ...files]);
    expect(gated.code).toBe(0);
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
    const reports = JSON.parse(r.stdout) as Array<{ domain: string; mx?: unknown }>;
    expect(reports.map((x) => x.domain)).toEqual([domains[0], domains[1]]);
    expect(reports[0]!.mx).toBeDefined();
  });
});
