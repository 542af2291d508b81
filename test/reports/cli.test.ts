import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { ingestReports, MemorySink } from '../../src/reports/ingest.js';
import { runCli } from '../support/cli.js';
import { SAMPLE_PROFILES } from '../support/report-generator.js';

const ROOT = join(import.meta.dirname, '..', '..');
const REAL = '/work/shared/realworld/dmarc-reports';
const SAMPLES = join(ROOT, 'samples', 'reports');
const OFFLINE = ['--offline', '--zone', join(ROOT, 'samples', 'zones')];

async function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const schema = JSON.parse(await readFile(join(ROOT, 'schema', 'rua-report.schema.json'), 'utf8'));
  return ajv.compile(schema);
}

/** A hostile report: an org name and a From domain built to break terminals, Markdown, HTML and spreadsheets. */
const HOSTILE = `<?xml version="1.0"?><feedback><version>1.0</version>
<report_metadata><org_name>Evil | *Corp* &lt;script&gt;alert(1)&lt;/script&gt; ::error::pwned \x1b[31mred</org_name>
<email>x@evil.example</email><report_id>h-1</report_id><date_range><begin>1767225600</begin><end>1767311999</end></date_range></report_metadata>
<policy_published><domain>evil.example</domain><p>none</p></policy_published>
<record><row><source_ip>192.0.2.9</source_ip><count>3</count><policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated></row>
<identifiers><header_from>evil.example</header_from><envelope_from>=HYPERLINK("http://x")</envelope_from></identifiers>
<auth_results><spf><domain>=HYPERLINK("http://x")</domain><result>pass</result></spf></auth_results></record></feedback>`;

describe('mailgate rua', () => {
  it('ingest: reads the real reports into a store, lists refusals, exits 1 because some inputs were refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-rua-'));
    const db = join(dir, 'r.sqlite');
    const r = await runCli(['rua', 'ingest', REAL, '--db', db, '--no-attribute', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('mailgate: 4 input(s) refused (listed in the output)\n');
    const json = JSON.parse(r.stdout);
    expect((await validator())(json)).toBe(true);
    expect(json.ingest.files).toEqual({ total: 27, read: 23, tolerated: 11, refused: 4 });
    expect(json.store).toMatchObject({
      aggregateReports: 13,
      rows: 51,
      messages: 6229,
      tlsReports: 3,
      failureReports: 5,
    });
    const tls = json.summary.tls.find(
      (t: { policyDomain: string }) => t.policyDomain === 'company-y.example',
    );
    expect(tls).toMatchObject({ successful: 5326, failed: 303 });
    // a second ingest finds every report already held
    const again = await runCli([
      'rua',
      'ingest',
      join(REAL, 'aggregate'),
      '--db',
      db,
      '--no-attribute',
      '--format',
      'json',
    ]);
    // aggregate/ holds 11 readable reports (invalid_xml.xml is refused again)
    expect(JSON.parse(again.stdout).ingest.aggregate).toMatchObject({ reports: 0, duplicates: 11 });
    // the summary of a period comes from the store alone; 30d counts back from the latest report held (June
    // 2024): the google.com and fred.com copies of extract_report/nice-input.xml, 3,047 messages each
    const month = await runCli(['rua', 'summary', '--db', db, '--since', '30d', '--format', 'json']);
    expect(month.code).toBe(0);
    const domains = JSON.parse(month.stdout).summary.domains;
    expect(domains.map((d: { domain: string; messages: number }) => [d.domain, d.messages])).toEqual([
      ['example.com', 6094],
    ]);
  });

  it('senders and whatif on the bundled samples: dropping include:_spf.google.com shows Google Workspace and its volume', async () => {
    const senders = await runCli(['rua', 'senders', SAMPLES, '--no-db', ...OFFLINE, '--format', 'json']);
    expect(senders.code).toBe(0);
    const inv = JSON.parse(senders.stdout).inventory[0];
    const google = inv.senders.find((s: { id: string }) => s.id === 'spf:include:_spf.google.com');
    // the volume, counted independently: every message the samples report from Google Workspace's addresses
    const sink = new MemorySink();
    await ingestReports([SAMPLES], sink);
    const googleIps = new Set(SAMPLE_PROFILES.find((p) => p.id === 'google-workspace')!.ips);
    const expected = sink.aggregate
      .flatMap((r) => r.records)
      .filter((x) => googleIps.has(x.sourceIp))
      .reduce((n, x) => n + x.count, 0);
    expect(expected).toBeGreaterThan(0);
    expect(google).toMatchObject({ name: 'Google Workspace', messages: expected, dmarcPass: expected });

    const w = await runCli([
      'rua',
      'whatif',
      SAMPLES,
      '--no-db',
      '--proposed',
      join(ROOT, 'samples', 'whatif'),
      ...OFFLINE,
      '--format',
      'json',
    ]);
    expect(w.code).toBe(1);
    const json = JSON.parse(w.stdout);
    expect((await validator())(json)).toBe(true);
    expect(json.whatif.totals.lost).toBe(expected);
    expect(
      json.whatif.domains[0].senders.map((s: { name: string; lost: number }) => [s.name, s.lost]),
    ).toEqual([['Google Workspace', expected]]);
    expect(json.findings[0]).toMatchObject({
      id: 'reports.whatif-lost-mail',
      evidence: {
        source: { file: join(ROOT, 'samples', 'whatif', 'mailgate-healthy.example.zone'), line: 15 },
      },
    });
    const text = await runCli([
      'rua',
      'whatif',
      SAMPLES,
      '--no-db',
      '--proposed',
      join(ROOT, 'samples', 'whatif'),
      ...OFFLINE,
    ]);
    expect(text.stdout).toContain(
      `Google Workspace: ${expected.toLocaleString('en-US')} of ${expected.toLocaleString('en-US')} messages go from pass to fail`,
    );
  });

  it('readiness --require reject exits 1 when legitimate mail would be rejected; the JSON follows the schema', async () => {
    const r = await runCli([
      'rua',
      'readiness',
      SAMPLES,
      '--no-db',
      ...OFFLINE,
      '--require',
      'reject',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect((await validator())(json)).toBe(true);
    expect(json.readiness[0].reject.verdict).toBe('not-ready');
    expect(json.readiness[0].fixFirst[0]).toMatchObject({
      id: 'spf:include:servers.mcsv.net',
      name: 'Mailchimp',
    });
    const loose = await runCli([
      'rua',
      'readiness',
      SAMPLES,
      '--no-db',
      ...OFFLINE,
      '--max-legitimate-share',
      '50%',
      '--require',
      'reject',
    ]);
    expect(loose.code).toBe(0);
  });

  it('escapes report text in every format (terminal, Markdown, CSV)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-rua-'));
    await writeFile(join(dir, 'hostile.xml'), HOSTILE);
    const text = await runCli(['rua', 'summary', dir, '--no-db']);
    expect(text.stdout).not.toContain('\x1b');
    expect(text.stdout).toContain('\\x1b[31mred');
    const md = await runCli(['rua', 'summary', dir, '--no-db', '--format', 'markdown']);
    expect(md.stdout).not.toMatch(/<script>/);
    const senders = await runCli([
      'rua',
      'senders',
      dir,
      '--no-db',
      '--offline',
      '--zone',
      join(ROOT, 'samples', 'zones'),
      '--format',
      'csv',
    ]);
    expect(senders.stdout.split('\n')[0]).toBe(
      'domain,sender,kind,name,spf_term,messages,dmarc_pass,spf_aligned,dkim_aligned,forwarded,dkim_signers,sources,first_seen,last_seen',
    );
    // the MAIL FROM domain "=HYPERLINK(...)" names the sender; a spreadsheet must not run it
    expect(senders.stdout).toContain(`"'=hyperlink(""http://x"")"`);
    expect(senders.stdout).not.toMatch(/,=hyperlink/);
  });

  it('refuses bad arguments and stores from a newer mailgate with exit code 2', async () => {
    expect((await runCli(['rua', 'summary', '--no-db'])).code).toBe(2);
    expect((await runCli(['rua', 'summary', '--db', ':memory:', '--since', 'yesterday'])).code).toBe(2);
    const w = await runCli([
      'rua',
      'whatif',
      SAMPLES,
      '--no-db',
      '--proposed',
      '/nonexistent.zone',
      ...OFFLINE,
    ]);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('cannot read zone file /nonexistent.zone (ENOENT)');
  });

  it('exports every stored row as CSV', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-rua-'));
    const db = join(dir, 'r.sqlite');
    await runCli(['rua', 'ingest', SAMPLES, '--db', db, ...OFFLINE]);
    const out = join(dir, 'rows.csv');
    const r = await runCli(['rua', 'export', '--db', db, '-o', out]);
    expect(r.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    // 20 sample reports of 12 rows
    expect(lines).toHaveLength(1 + 240);
    expect(lines[0]).toBe(
      'reporter,report_id,begin,end,domain,source_ip,count,disposition,dkim,spf,header_from,envelope_from,envelope_to,dkim_results,spf_results,reasons',
    );
  });
});

describe('mailgate rua progress bar', () => {
  it('shows on a terminal, never in pipes, in CI or with --no-progress', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { Capture } = await import('../support/cli.js');
    const run = async (tty: boolean, env: NodeJS.ProcessEnv, extra: string[] = []) => {
      const stderr = new Capture(tty);
      const code = await main(['rua', 'summary', SAMPLES, '--no-db', ...extra], {
        stdout: new Capture(),
        stderr,
        env,
      });
      expect(code).toBe(0);
      return stderr.text;
    };
    expect(await run(true, {})).toContain('ingesting');
    expect(await run(false, {})).toBe('');
    expect(await run(true, { CI: 'true' })).toBe('');
    expect(await run(true, {}, ['--no-progress'])).toBe('');
  });
});
