// What a new-user trial of `mailgate rua` found: report periods no Date can hold, reversed periods, policy
// domains that are no domain, verdicts without evidence, reading commands that created stores, options that do
// nothing, refusals buried in a big archive, and small text glitches. Each test holds the right value.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReportsText } from '../../src/report/reports-text.js';
import { day } from '../../src/report/reports-view.js';
import { parseAggregateXml } from '../../src/reports/aggregate-xml.js';
import { ReportReadError } from '../../src/reports/errors.js';
import { ingestReportBytes, ingestReports, MemorySink } from '../../src/reports/ingest.js';
import { openReportStore } from '../../src/reports/store.js';
import { parseTlsReport } from '../../src/reports/tlsrpt-json.js';
import { runCli } from '../support/cli.js';
import { zipFiles } from '../support/report-generator.js';
import { thrownBy } from '../support/thrown.js';

const ROOT = join(import.meta.dirname, '..', '..');
const OFFLINE = ['--offline', '--zone', join(ROOT, 'samples', 'zones')];
const PROPOSED = ['--proposed', join(ROOT, 'samples', 'whatif')];

/** A one-record report of mailgate-healthy.example (as in the trial's inputs), with its period and domain. */
function report(begin: string, end: string, domain = 'mailgate-healthy.example', id = 'r-1'): string {
  return `<?xml version="1.0"?><feedback><report_metadata><org_name>evil.example</org_name><email>x@evil.example</email><report_id>${id}</report_id><date_range><begin>${begin}</begin><end>${end}</end></date_range></report_metadata><policy_published><domain>${domain}</domain><p>none</p></policy_published><record><row><source_ip>192.0.2.40</source_ip><count>10</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers><header_from>mailgate-healthy.example</header_from></identifiers><auth_results><spf><domain>mailgate-healthy.example</domain><result>pass</result></spf></auth_results></record></feedback>`;
}

const refusal = (fn: () => unknown): ReportReadError => thrownBy(ReportReadError, fn);

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mailgate-rua-hostile-'));
}

describe('report periods', () => {
  it('refuses a date no JS Date can hold, or after 9999-12-31, with the reason; nothing is stored', async () => {
    // 8,640,000,000,001 s is past the largest JS Date (8.64e15 ms): toISOString threw and the report was kept
    const e = refusal(() => parseAggregateXml(report('1767225600', '8640000000001')));
    expect(e.code).toBe('invalid-report');
    expect(e.reason).toBe(
      'the report has no valid <date_range> (seconds since the epoch): <end> 8640000000001 is after 9999-12-31T23:59:59Z',
    );
    expect(refusal(() => parseAggregateXml(report('99999999999999', '999999999999999'))).reason).toContain(
      '<begin> 99999999999999 is after 9999-12-31T23:59:59Z',
    );
    // the last second of 9999 is accepted; the next one is not; 0 (an unset field) is not
    expect(parseAggregateXml(report('253402300000', '253402300799')).metadata.end).toBe(253402300799);
    expect(refusal(() => parseAggregateXml(report('1767225600', '253402300800'))).code).toBe(
      'invalid-report',
    );
    expect(refusal(() => parseAggregateXml(report('0', '1767311999'))).reason).toContain(
      '<begin> 0 is before 1970-01-01T00:00:01Z',
    );
    // negative and text dates were already refused
    expect(refusal(() => parseAggregateXml(report('-5', '1767311999'))).reason).toContain(
      '<begin> is not a valid time',
    );

    const dir = await tempDir();
    await writeFile(join(dir, 'huge.xml'), report('99999999999999', '999999999999999'));
    const db = join(dir, 'r.sqlite');
    const r = await runCli(['rua', 'ingest', join(dir, 'huge.xml'), '--db', db, '--no-attribute']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('huge.xml: the report has no valid <date_range>');
    const store = await openReportStore(db, { create: false });
    expect(store.stats()).toMatchObject({ aggregateReports: 0, rows: 0, firstBegin: null, lastEnd: null });
    store.close();
    const big = await runCli(['rua', 'summary', '--no-db', join(dir, 'huge.xml')]);
    expect(big.code).toBe(0);
    expect(big.stdout).toContain('No aggregate report rows in the period.');
  });

  it('reads a period given backwards with the two swapped, and counts it', async () => {
    const r = parseAggregateXml(report('1767311999', '1767225600'));
    expect(r.metadata).toMatchObject({ begin: 1767225600, end: 1767311999 });
    expect(r.tolerated).toEqual({ 'missing-version': 1, 'reversed-date-range': 1 });
    // the record itself needed no tolerance
    const sink = new MemorySink();
    const s = await ingestReportBytes('rev.xml', Buffer.from(report('1767311999', '1767225600')), sink);
    expect(s.aggregate).toMatchObject({ reports: 1, records: 1, toleratedRecords: 0, tolerated: 1 });
    expect(s.tolerated['reversed-date-range']).toBe(1);
    const tls = parseTlsReport(
      JSON.stringify({
        'organization-name': 'Receiver',
        'report-id': 't-1',
        'date-range': { 'start-datetime': '2026-01-02T00:00:00Z', 'end-datetime': '2026-01-01T00:00:00Z' },
        policies: [],
      }),
    );
    expect(tls).toMatchObject({ begin: 1767225600, end: 1767312000 });
    expect(tls.tolerated).toEqual({ 'reversed-date-range': 1 });
  });

  it('renders any stored number as a date without throwing', () => {
    expect(day(1767225600)).toBe('2026-01-01');
    expect(day(253402300799)).toBe('9999-12-31');
    for (const t of [0, -1, 253402300800, 8640000000001, 99999999999999, Number.MAX_VALUE, Infinity, NaN])
      expect(day(t)).toBe('-');
  });

  it('reads a store that already holds rows with such dates (written by an older mailgate) without crashing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ok.xml'), report('1767225600', '1767311999'));
    const db = join(dir, 'r.sqlite');
    expect((await runCli(['rua', 'ingest', join(dir, 'ok.xml'), '--db', db, '--no-attribute'])).code).toBe(0);
    const store = await openReportStore(db);
    store.database.exec('UPDATE reports SET begin = 99999999999999, end = 999999999999999');
    store.database.exec('UPDATE rows SET begin = 99999999999999, end = 999999999999999');
    store.close();
    for (const argv of [
      ['summary'],
      ['summary', '--format', 'markdown'],
      ['summary', '--format', 'html'],
      ['senders', ...OFFLINE, '--format', 'csv'],
      ['readiness', ...OFFLINE],
      ['whatif', ...OFFLINE, ...PROPOSED],
      ['export'],
    ]) {
      const r = await runCli(['rua', ...argv, '--db', db]);
      expect(r.stderr, argv.join(' ')).not.toContain('internal error');
      expect([0, 1, 3], argv.join(' ')).toContain(r.code);
    }
    const text = await runCli(['rua', 'summary', '--db', db]);
    expect(text.stdout).toContain('mailgate-healthy.example  - to -');
  });
});

describe('policy domains', () => {
  it('refuses a report whose <policy_published><domain> is not a domain name', async () => {
    const hostile = report('1767225600', '1767311999', 'evil\x1b[31m..example <b>x</b>');
    const e = refusal(() => parseAggregateXml(hostile));
    expect(e.code).toBe('invalid-report');
    expect(e.reason).toBe('<policy_published><domain> is not a valid domain name: "evil\x1b[31m..examplex"');
    for (const bad of ['example', '192.0.2.1', '*.example.com', 'a b.example', 'a..example'])
      expect(refusal(() => parseAggregateXml(report('1767225600', '1767311999', bad))).code).toBe(
        'invalid-report',
      );
    const sink = new MemorySink();
    const s = await ingestReportBytes('bad.xml', Buffer.from(hostile), sink);
    expect(s.aggregate.reports).toBe(0);
    expect(sink.aggregate).toEqual([]);
    // the text output escapes the reason
    const text = renderReportsText({
      kind: 'summary',
      ingest: s,
      summary: { domains: [], tls: [], failureReports: {} } as never,
    });
    expect(text).not.toContain('\x1b');
    expect(text).toContain(
      'bad.xml: <policy_published><domain> is not a valid domain name: "evil\\x1b[31m..examplex"',
    );
  });

  it('stores the normalised name: lower-case A-labels, no final dot', () => {
    expect(parseAggregateXml(report('1767225600', '1767311999', 'Example.COM.')).policy.domain).toBe(
      'example.com',
    );
    expect(parseAggregateXml(report('1767225600', '1767311999', 'bücher.example')).policy.domain).toBe(
      'xn--bcher-kva.example',
    );
  });
});

describe('verdicts without evidence', () => {
  it('readiness and whatif exit 3 (undetermined) with no rows for the store, domain or period asked', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'empty.xml'), '');
    const empty = join(dir, 'empty.sqlite');
    // a store with nothing in it (its one input was refused)
    expect((await runCli(['rua', 'ingest', join(dir, 'empty.xml'), '--db', empty])).code).toBe(1);
    const r = await runCli(['rua', 'readiness', '--db', empty, ...OFFLINE, '--require', 'reject']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      'mailgate: no aggregate report rows: readiness is undetermined (exit 3); ingest reports first (mailgate rua ingest), or check --domain, --since and --until\n',
    );
    expect((await runCli(['rua', 'readiness', '--db', empty, ...OFFLINE])).code).toBe(3);
    const w = await runCli(['rua', 'whatif', '--db', empty, ...OFFLINE, ...PROPOSED]);
    expect(w.code).toBe(3);
    expect(w.stderr).toContain('no aggregate report rows: the what-if is undetermined (exit 3)');

    // a store with rows, asked about a mistyped domain or a period it does not cover
    const samples = join(ROOT, 'samples', 'reports');
    const typo = await runCli([
      'rua',
      'readiness',
      samples,
      '--no-db',
      ...OFFLINE,
      '--require',
      'reject',
      '--max-legitimate-share',
      '50%',
      '--domain',
      'mailgate-helthy.example',
    ]);
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain('no aggregate report rows for mailgate-helthy.example:');
    const old = await runCli([
      'rua',
      'whatif',
      samples,
      '--no-db',
      ...OFFLINE,
      ...PROPOSED,
      '--until',
      '2001-01-01',
    ]);
    expect(old.code).toBe(3);
    expect(old.stderr).toContain('no aggregate report rows to 2001-01-01:');
  });
});

describe('the store', () => {
  it('is created by ingest only: reading commands refuse a missing store (exit 2) and create nothing', async () => {
    const dir = await tempDir();
    const missing = join(dir, 'missing.sqlite');
    for (const argv of [
      ['summary'],
      ['senders', ...OFFLINE],
      ['readiness', ...OFFLINE],
      ['whatif', ...OFFLINE, ...PROPOSED],
      ['export'],
      ['summary', join(ROOT, 'samples', 'reports')],
    ]) {
      const r = await runCli(['rua', ...argv, '--db', missing]);
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr).toBe(
        `mailgate: ${missing}: no report store here (only \`mailgate rua ingest\` creates one: run it first)\n`,
      );
      expect(existsSync(missing)).toBe(false);
    }
    // $MAILGATE_RUA_DB too
    expect((await runCli(['rua', 'summary'], { MAILGATE_RUA_DB: missing })).code).toBe(2);
    expect(existsSync(missing)).toBe(false);
    await writeFile(join(dir, 'empty.xml'), '');
    await runCli(['rua', 'ingest', join(dir, 'empty.xml'), '--db', missing]);
    expect(existsSync(missing)).toBe(true);
    expect((await runCli(['rua', 'summary', '--db', missing])).code).toBe(0);
  });
});

describe('subcommand options', () => {
  /** The long option flags `mailgate rua <sub> --help` lists. */
  async function flags(sub: string): Promise<string[]> {
    const r = await runCli(['rua', sub, '--help']);
    return [...r.stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string);
  }

  it('offers only options that act', async () => {
    const ingest = await flags('ingest');
    expect(ingest).toEqual(expect.arrayContaining(['--db', '--format', '--output', '--no-attribute']));
    for (const f of ['--no-db', '--domain', '--since', '--until']) expect(ingest).not.toContain(f);
    const exp = await flags('export');
    expect(exp).toEqual(expect.arrayContaining(['--db', '--domain', '--since', '--until', '--format']));
    for (const f of ['--no-db', '--no-progress']) expect(exp).not.toContain(f);
    for (const sub of ['summary', 'senders', 'readiness', 'whatif'])
      expect(await flags(sub)).toEqual(
        expect.arrayContaining(['--db', '--no-db', '--domain', '--since', '--until', '--no-progress']),
      );
    expect((await runCli(['rua', 'ingest', 'x.xml', '--no-db'])).code).toBe(2);
  });

  it('takes every format docs/reports.md lists for it', async () => {
    const docs = await readFile(join(ROOT, 'docs', 'reports.md'), 'utf8');
    const line = (sub: string) => new RegExp(`\`${sub}\`[^\\n]*--format ([a-z|]+)`).exec(docs)?.[1];
    for (const sub of ['ingest', 'summary', 'senders', 'readiness', 'whatif', 'export']) {
      const formats = line(sub)?.split('|');
      expect(formats, sub).toBeDefined();
      const help = (await runCli(['rua', sub, '--help'])).stdout.replace(/\s+/g, ' ');
      expect(help, sub).toContain(`choices: ${formats?.map((f) => `"${f}"`).join(', ')}`);
    }
  });
});

describe('refusals in a big archive', () => {
  it('lists the refusal that ended the archive first and groups repeated reasons', async () => {
    const empty = Array.from({ length: 20 }, (_, i) => ({ name: `e${i}.txt`, data: Buffer.alloc(0) }));
    const zip = zipFiles([
      ...empty,
      { name: 'r.xml', data: Buffer.from(report('1767225600', '1767311999')) },
    ]);
    const s = await ingestReportBytes('many.zip', zip, new MemorySink(), { maxZipEntries: 12 });
    expect(s.refused.total).toBe(13);
    expect(s.refused.inputs).toEqual([
      {
        input: 'many.zip',
        code: 'too-large',
        reason: 'more than 12 entries; the rest were not read',
        count: 1,
        stoppedReading: true,
      },
      {
        input: 'many.zip!e0.txt',
        code: 'empty',
        reason: 'no content (empty or only white space)',
        count: 12,
        others: ['many.zip!e1.txt', 'many.zip!e2.txt', 'many.zip!e3.txt', 'many.zip!e4.txt'],
      },
    ]);
    const text = renderReportsText({
      kind: 'summary',
      ingest: s,
      summary: { domains: [], tls: [], failureReports: {} } as never,
    });
    expect(text).toContain(
      [
        '  refused: 13',
        '    many.zip: more than 12 entries; the rest were not read',
        '    12 inputs: no content (empty or only white space) (many.zip!e0.txt, many.zip!e1.txt, many.zip!e2.txt, many.zip!e3.txt, many.zip!e4.txt, …)',
      ].join('\n'),
    );
    expect(text).not.toContain('more\n');
  });

  it('counts the inputs past the listed reasons', async () => {
    const dir = await tempDir();
    // three different reasons: the bad character is at another column in each
    for (let i = 0; i < 3; i++)
      await writeFile(join(dir, `bad${i}.xml`), `<feedback>${' '.repeat(i)}<@/></feedback>`);
    const s = await ingestReports([dir], new MemorySink(), { maxListedRefusals: 2 });
    expect(s.refused.total).toBe(3);
    expect(s.refused.inputs.map((r) => r.count)).toEqual([1, 1]);
    const text = renderReportsText({
      kind: 'summary',
      ingest: s,
      summary: { domains: [], tls: [], failureReports: {} } as never,
    });
    expect(text).toContain('    … and 1 more');
  });
});

describe('text', () => {
  it('says XML error lines counted from 1', () => {
    const e = refusal(() => parseAggregateXml('<?xml version="1.0"?>\n<feedback>\n</report>'));
    expect(e.reason).toBe('not well-formed XML: Unexpected close tag (line 3, column 9)');
  });

  it('writes singulars for one', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'one.xml'), report('1767225600', '1767311999'));
    await writeFile(
      join(dir, 'tls.json'),
      JSON.stringify({
        'organization-name': 'Receiver',
        'report-id': 't-1',
        'date-range': { 'start-datetime': '2026-01-01T00:00:00Z', 'end-datetime': '2026-01-01T23:59:59Z' },
        policies: [
          {
            policy: { 'policy-type': 'sts', 'policy-domain': 'mailgate-healthy.example' },
            summary: { 'total-successful-session-count': 1, 'total-failure-session-count': 0 },
          },
        ],
      }),
    );
    const db = join(dir, 'r.sqlite');
    const r = await runCli(['rua', 'ingest', dir, '--db', db, '--no-attribute']);
    expect(r.stdout).toContain(
      'Store: 1 aggregate report, 1 row, 10 messages, 1 TLS report, 0 failure reports; 2026-01-01 to 2026-01-01',
    );
    expect(r.stdout).toContain('  1 report from 1 reporter (evil.example)');
    expect(r.stdout).toContain('  10 messages from 1 source: DMARC pass');
    expect(r.stdout).toContain('1 successful, 0 failed sessions in 1 report');
  });
});

describe('--domain', () => {
  it('is read as the store holds policy domains (A-labels) and refuses a non-domain with exit 2', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'idn.xml'), report('1767225600', '1767311999', 'bücher.example'));
    const r = await runCli([
      'rua',
      'summary',
      dir,
      '--no-db',
      '--domain',
      'BÜCHER.example.',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary.domains.map((d: { domain: string }) => d.domain)).toEqual([
      'xn--bcher-kva.example',
    ]);
    const bad = await runCli(['rua', 'summary', dir, '--no-db', '--domain', 'not a domain']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("mailgate: not a valid domain name: 'not a domain'\n");
  });
});
