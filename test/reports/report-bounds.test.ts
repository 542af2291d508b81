// Bounds on what a report may say, found by a new-user trial of `mailgate rua`: counts no store can sum,
// future-dated forged reports that took over `--since Nd`, unbounded TLS counts, refused records without their
// reasons, invalid UTF-8 replaced silently, and text fields of any length. Each test holds the right value.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { describe, expect, it } from 'vitest';
import { AggregateXmlReader, MAX_REPORT_ERRORS, parseAggregateXml } from '../../src/reports/aggregate-xml.js';
import { ReportReadError } from '../../src/reports/errors.js';
import {
  ingestReportBytes,
  MemorySink,
  refuseTotalPast,
  Utf8ReplacementCounter,
} from '../../src/reports/ingest.js';
import { MAX_HELD_MESSAGES, MAX_REPORTED_COUNT, parseReportedCount } from '../../src/reports/limits.js';
import { openReportStore } from '../../src/reports/store.js';
import { parseTlsReport } from '../../src/reports/tlsrpt-json.js';
import { runCli } from '../support/cli.js';
import { thrownBy } from '../support/thrown.js';

const NICE = '/work/shared/realworld/dmarc-reports/extract_report/nice-input.xml';

interface Rec {
  ip?: string;
  count?: string;
  dkim?: string;
  spf?: string;
  from?: string;
  comment?: string;
}

function rec(r: Rec = {}): string {
  const comment =
    r.comment === undefined ? '' : `<reason><type>other</type><comment>${r.comment}</comment></reason>`;
  return `<record><row><source_ip>${r.ip ?? '192.0.2.9'}</source_ip><count>${r.count ?? '1'}</count><policy_evaluated><disposition>none</disposition><dkim>${r.dkim ?? 'pass'}</dkim><spf>${r.spf ?? 'pass'}</spf>${comment}</policy_evaluated></row><identifiers><header_from>${r.from ?? 'example.com'}</header_from></identifiers><auth_results><spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>`;
}

/** A report of example.com (the period of the trial's inputs: 2024-06-13, unless given). */
function report(
  records: string,
  o: { id?: string; org?: string; begin?: number; end?: number; extra?: string } = {},
): string {
  return `<?xml version="1.0" encoding="UTF-8"?><feedback><version>1.0</version><report_metadata><org_name>${o.org ?? 'rep.example'}</org_name><email>a@rep.example</email><report_id>${o.id ?? 'r-1'}</report_id>${o.extra ?? ''}<date_range><begin>${o.begin ?? 1718236800}</begin><end>${o.end ?? 1718323199}</end></date_range></report_metadata><policy_published><domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>${records}</feedback>`;
}

function tls(o: { id?: string; ok?: string; failed?: string; end?: string; org?: string } = {}): string {
  return `{"organization-name":${JSON.stringify(o.org ?? 'Receiver')},"report-id":"${o.id ?? 't-1'}","date-range":{"start-datetime":"2024-01-09T00:00:00Z","end-datetime":"${o.end ?? '2024-01-09T23:59:59Z'}"},"policies":[{"policy":{"policy-type":"sts","policy-domain":"example.com"},"summary":{"total-successful-session-count":${o.ok ?? '10'},"total-failure-session-count":${o.failed ?? '0'}}}]}`;
}

const refusal = (fn: () => unknown): ReportReadError => thrownBy(ReportReadError, fn);

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mailgate-rua-bounds-'));
}

const C15 = '999999999999999';

describe('record counts', () => {
  it('accepts a count up to 2^32 - 1 and refuses one above it, counted by reason', () => {
    expect(MAX_REPORTED_COUNT).toBe(2 ** 32 - 1);
    expect(parseReportedCount('4294967295')).toBe(4294967295);
    expect(parseReportedCount('4294967296')).toBe('over-limit');
    expect(parseReportedCount(C15)).toBe('over-limit');
    expect(parseReportedCount('9'.repeat(400))).toBe('over-limit');
    expect(parseReportedCount('007')).toBe(7);
    for (const t of ['', '-5', '1.5', '1e3', '0x10', '+7', '１２'])
      expect(parseReportedCount(t)).toBe('not-a-number');

    const recs = [
      ...Array.from({ length: 20 }, (_, i) => rec({ ip: `192.0.2.${i + 1}`, count: C15 })),
      rec({ count: '4294967295' }),
      rec({ count: '1.5' }),
    ].join('');
    const reader = new AggregateXmlReader('c15.xml');
    reader.write(report(recs));
    const s = reader.end();
    expect(s).toMatchObject({ records: 1, messages: 4294967295, refusedRecords: 21 });
    expect(s.refusedReasons).toEqual([
      { reason: '<count> is over 4,294,967,295 (not a plausible count)', count: 20, examples: [C15] },
      { reason: '<count> is not a whole number', count: 1, examples: ['1.5'] },
    ]);
  });

  it('keeps the store answering: the 15-digit report of the trial no longer crashes ingest or summary', async () => {
    const dir = await tempDir();
    const file = join(dir, 'c15.xml');
    await writeFile(file, report(Array.from({ length: 20 }, () => rec({ count: C15 })).join('')));
    const db = join(dir, 'c15.sqlite');
    for (let i = 0; i < 2; i++) {
      const r = await runCli(['rua', 'ingest', '--no-attribute', '--db', db, file, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const text = await runCli(['rua', 'ingest', '--no-attribute', '--db', db, NICE]);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('Store: 2 aggregate reports, 20 rows, 3,047 messages');
    const first = await runCli(['rua', 'summary', '--no-db', file]);
    expect(first.stdout).toContain('records: 0 read (0 tolerated), 20 refused; 0 messages');
    expect(first.stdout).toContain(
      `20 refused: <count> is over 4,294,967,295 (not a plausible count), e.g. "${C15}" (first in ${file})`,
    );
    const json = JSON.parse((await runCli(['rua', 'summary', '--no-db', file, '--format', 'json'])).stdout);
    expect(json.ingest.aggregate.refusedRecords).toBe(20);
    expect(json.ingest.aggregate.refusedReasons).toEqual([
      {
        reason: '<count> is over 4,294,967,295 (not a plausible count)',
        count: 20,
        examples: [C15],
        input: file,
      },
    ]);
  });

  it('opens a store holding such rows (written by mailgate 0.1.0): they are ignored and counted, sums stay exact', async () => {
    const dir = await tempDir();
    const db = join(dir, 'old.sqlite');
    expect((await runCli(['rua', 'ingest', '--no-attribute', '--db', db, NICE])).code).toBe(0);
    const store = await openReportStore(db);
    // 10,000 rows of 999,999,999,999,999: SUM() overflowed SQLite's int64 ("integer overflow"), and 20 of them
    // were past 2^53 for node:sqlite ("Value is too large to be represented as a JavaScript number")
    store.database.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
      INSERT INTO rows (report, begin, end, shape, source_ip, count)
      SELECT (SELECT id FROM reports), 1718236800, 1718323199, (SELECT MIN(id) FROM shapes), '192.0.2.77', ${C15} FROM n`);
    const before = store.stats();
    expect(before).toMatchObject({ rows: 20, ignoredRows: 10000, messages: 3047 });
    expect(store.traffic().reduce((n, r) => n + r.count, 0)).toBe(3047);
    expect([...store.rows()].length).toBe(20);
    store.close();
    for (const argv of [
      ['summary'],
      ['summary', '--format', 'json'],
      ['readiness', '--offline', '--zone', join(import.meta.dirname, '..', '..', 'samples', 'zones')],
      ['export'],
    ]) {
      const r = await runCli(['rua', ...argv, '--db', db]);
      expect(r.stderr, argv.join(' ')).not.toContain('internal error');
      expect(r.code, argv.join(' ')).not.toBe(2);
    }
    const text = await runCli(['rua', 'summary', '--db', db]);
    expect(text.stdout).toContain(
      'Store: 1 aggregate report, 20 rows (10,000 rows ignored: a count over 4,294,967,295, stored by mailgate 0.1.0), 3,047 messages',
    );
    expect(text.stdout).toContain('3,047 messages from 15 sources: DMARC pass 3,047 (100.0 %)');
  });

  it('refuses a report that would take the messages held past 2^53 - 1, leaving nothing of it', async () => {
    expect(MAX_HELD_MESSAGES).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => refuseTotalPast('a.xml', MAX_HELD_MESSAGES - 10, 10)).not.toThrow();
    const e = refusal(() => refuseTotalPast('a.xml', MAX_HELD_MESSAGES - 10, 11));
    expect(e.code).toBe('invalid-report');
    expect(e.reason).toBe(
      'its 11 messages would take the messages held past 9,007,199,254,740,991 (2^53 - 1), more than any real mail',
    );
    const store = await openReportStore(':memory:');
    await ingestReportBytes('one.xml', Buffer.from(report(rec({ count: '10' }))), store);
    // a report whose total (as read) is past what the store can sum exactly: rolled back, refused
    const header = {
      format: 'rfc7489' as const,
      metadata: { orgName: 'x', email: '', reportId: 'big', begin: 1718236800, end: 1718323199, errors: [] },
      policy: { domain: 'example.com', p: 'none' },
    };
    const w = store.beginAggregate(header, 'big.xml');
    w?.record(parseAggregateXml(report(rec({ count: '5' }))).records[0] as never);
    const summary = {
      ...header,
      records: 1,
      messages: MAX_HELD_MESSAGES,
      refusedRecords: 0,
      refusedReasons: [],
      toleratedRecords: 0,
      tolerated: {},
      stopped: false,
    };
    expect(refusal(() => w?.commit(summary)).reason).toContain('would take the messages held past');
    expect(store.stats()).toMatchObject({ aggregateReports: 1, rows: 1, messages: 10 });
    store.close();
    const sink = new MemorySink();
    const mw = sink.beginAggregate(header, 'big.xml');
    expect(refusal(() => mw?.commit({ ...summary, messages: 2 ** 53 })).code).toBe('invalid-report');
    expect(sink.aggregate).toEqual([]);
  });
});

describe('future-dated reports', () => {
  const NOW = 1718400000; // 2024-06-14T21:20:00Z

  it('refuses a report whose period ends more than a day after the time of ingest, with the reason', async () => {
    const sink = new MemorySink();
    const now = () => NOW;
    const ok = await ingestReportBytes('a.xml', Buffer.from(report(rec(), { end: NOW + 86400 })), sink, {
      now,
    });
    expect(ok.aggregate.reports).toBe(1);
    const late = await ingestReportBytes(
      'b.xml',
      Buffer.from(report(rec(), { id: 'r-2', end: NOW + 86401 })),
      sink,
      { now },
    );
    expect(late.aggregate.reports).toBe(0);
    expect(late.refused.inputs).toEqual([
      {
        input: 'b.xml',
        code: 'invalid-report',
        reason:
          'the report period ends 2024-06-15T21:20:01Z, more than a day after the time of ingest (2024-06-14T21:20:00Z): a report cannot cover the future (a wrong clock, or forged)',
        count: 1,
      },
    ]);
    const t = await ingestReportBytes('t.json', Buffer.from(tls({ end: '9999-12-31T23:59:59Z' })), sink, {
      now,
    });
    expect(t.tls.reports).toBe(0);
    expect(t.refused.inputs[0]?.reason).toContain('the report period ends 9999-12-31T23:59:59Z');
    expect(sink.aggregate.map((r) => r.input)).toEqual(['a.xml']);
  });

  it('cannot take over --since Nd: the trial repro (a report dated 9999-12-31) exits 1 again', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, 'fail.xml'),
      report(rec({ count: '500', dkim: 'fail', spf: 'fail' }), { id: 'realfail' }),
    );
    await writeFile(
      join(dir, 'forged.xml'),
      report(rec(), { org: 'google.com', id: 'forged', begin: 253402214400, end: 253402300799 }),
    );
    await writeFile(
      join(dir, 'example.com.zone'),
      '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 host 1 7200 3600 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\n@ IN TXT "v=spf1 ip4:192.0.2.0/28 -all"\n',
    );
    const db = join(dir, 'f.sqlite');
    const files = [NICE, join(dir, 'fail.xml'), join(dir, 'forged.xml')];
    const ingest = await runCli(['rua', 'ingest', '--no-attribute', '--db', db, ...files]);
    expect(ingest.code).toBe(1);
    expect(ingest.stdout).toContain('forged.xml: the report period ends 9999-12-31T23:59:59Z');
    const argv = ['rua', 'readiness', '--db', db, '--since', '30d', '--require', 'reject'];
    const zone = ['--offline', '--zone', join(dir, 'example.com.zone')];
    const r = await runCli([...argv, ...zone, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).readiness[0]).toMatchObject({
      domain: 'example.com',
      messages: 3547,
      reject: { affectedLegitimate: 500, verdict: 'not-ready' },
    });

    // a store written by mailgate 0.1.0 that holds the forged report: ignored by the anchor and the policy
    const store = await openReportStore(db);
    store.database.exec(
      `UPDATE reports SET end = 253402300799, policy = '{"domain":"example.com","p":"reject"}' WHERE report_id = 'realfail'`,
    );
    store.close();
    const old = await runCli([...argv, ...zone, '--format', 'json']);
    expect(old.code).toBe(1);
    const summary = await runCli(['rua', 'summary', '--db', db, '--since', '30d']);
    expect(summary.stdout).toContain('published: p=none sp=none pct=100 (latest report, 2024-06-13)');
  });
});

describe('SMTP TLS counts', () => {
  it('refuses 1e300 and 2**70 sessions (whole numbers to JavaScript, no real count) and accepts 2^32 - 1', () => {
    expect(refusal(() => parseTlsReport(tls({ ok: '1e300' }))).reason).toBe(
      'policies[0] "total-successful-session-count" is over 4,294,967,295 (not a plausible session count)',
    );
    expect(refusal(() => parseTlsReport(tls({ failed: String(2 ** 70) }))).reason).toBe(
      'policies[0] "total-failure-session-count" is over 4,294,967,295 (not a plausible session count)',
    );
    expect(parseTlsReport(tls({ ok: '4294967295' })).policies[0]?.successful).toBe(4294967295);
    const detail = JSON.parse(tls({ failed: '3' }));
    detail.policies[0]['failure-details'] = [{ 'result-type': 'x', 'failed-session-count': 2 ** 40 }];
    expect(refusal(() => parseTlsReport(JSON.stringify(detail))).reason).toBe(
      'policies[0] "failure-details"[0] "failed-session-count" is over 4,294,967,295 (not a plausible session count)',
    );
  });
});

describe('invalid UTF-8', () => {
  it('is counted as a tolerance, not replaced silently; a U+FFFD the report holds is not counted', async () => {
    // <org_name>AB FF FE CD</org_name>: two bytes that are not UTF-8
    const doc = Buffer.from(report(rec(), { org: 'AB\u0000CD' }), 'utf8');
    const at = doc.indexOf(0);
    const bad = Buffer.concat([doc.subarray(0, at), Buffer.from([0xff, 0xfe]), doc.subarray(at + 1)]);
    const sink = new MemorySink();
    const s = await ingestReportBytes('bad.xml', bad, sink);
    expect(s.aggregate.reports).toBe(1);
    expect(s.tolerated['invalid-utf8']).toBe(2);
    expect(sink.aggregate[0]?.metadata.orgName).toBe('AB\uFFFD\uFFFDCD');
    expect(sink.aggregate[0]?.tolerated['invalid-utf8']).toBe(2);
    const literal = await ingestReportBytes(
      'ok.xml',
      Buffer.from(report(rec(), { org: 'AB\uFFFDCD', id: 'r-2' })),
      sink,
    );
    expect(literal.tolerated).toEqual({});
    const t = Buffer.from(tls({ org: 'R#' }));
    t[t.indexOf('#')] = 0xc3; // a lead byte with no continuation
    const tr = await ingestReportBytes('t.json', t, sink);
    expect(tr.tolerated['invalid-utf8']).toBe(1);
  });

  it('counts a literal U+FFFD split across chunks as literal, at every split', () => {
    const bytes = Buffer.from('a\uFFFDb\uFFFD', 'utf8');
    const bad = Buffer.concat([bytes, Buffer.from([0x80])]);
    for (let i = 0; i <= bad.length; i++) {
      const c = new Utf8ReplacementCounter();
      const d = new StringDecoder('utf8');
      for (const part of [bad.subarray(0, i), bad.subarray(i)]) {
        c.bytes(part);
        c.text(d.write(part));
      }
      c.text(d.end());
      expect(c.replaced, `split at ${i}`).toBe(1);
    }
  });
});

describe('text field lengths', () => {
  it('refuses a report with a name or id over 1,024 characters, with a clear reason, in bounded memory', () => {
    expect(parseAggregateXml(report(rec(), { org: 'o'.repeat(1024) })).metadata.orgName).toHaveLength(1024);
    expect(refusal(() => parseAggregateXml(report(rec(), { org: 'o'.repeat(1025) }))).reason).toBe(
      '<org_name> is over 1,024 characters (1,025): no real report has such a value',
    );
    // 50 MB of <org_name>, fed in 1 MB chunks as ingest does: refused, not stored and echoed whole
    const [head, tail] = report(rec(), { org: '\u0000' }).split('\u0000') as [string, string];
    const reader = new AggregateXmlReader('hugename.xml');
    reader.write(head);
    const mb = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 50; i++) reader.write(mb);
    const e = refusal(() => {
      reader.write(tail);
      reader.end();
    });
    expect(e.code).toBe('invalid-report');
    expect(e.reason).toBe(
      '<org_name> is over 1,024 characters (52,428,800 or more): no real report has such a value',
    );
    // white space around a value is not part of it
    const padded = parseAggregateXml(report(rec(), { org: `${' '.repeat(10000)}rep${' '.repeat(10000)}` }));
    expect(padded.metadata.orgName).toBe('rep');
  });

  it('refuses a record with an over-long field (counted by reason) and cuts over-long free text (counted)', () => {
    const reader = new AggregateXmlReader('x.xml');
    reader.write(
      report([rec({ from: `${'a'.repeat(1100)}.example` }), rec({ comment: 'c'.repeat(5000) })].join(''), {
        extra: '<extra_contact_info>ok</extra_contact_info>',
      }),
    );
    const s = reader.end();
    expect(s.refusedReasons).toEqual([
      { reason: '<header_from> is over 1,024 characters', count: 1, examples: [] },
    ]);
    expect(s.records).toBe(1);
    expect(s.tolerated['long-text-cut']).toBe(1);
    const r = parseAggregateXml(report(rec({ comment: 'c'.repeat(5000) })));
    expect(r.records[0]?.reasons[0]?.comment).toHaveLength(4096);
    const errors = Array.from({ length: MAX_REPORT_ERRORS + 5 }, (_, i) => `<error>e${i}</error>`).join('');
    const many = parseAggregateXml(report(rec(), { extra: errors }));
    expect(many.metadata.errors).toHaveLength(100);
    expect(many.tolerated['errors-dropped']).toBe(5);
  });

  it('refuses a TLS report with an over-long name', async () => {
    expect(refusal(() => parseTlsReport(tls({ org: 'o'.repeat(2000) }))).reason).toBe(
      '"organization-name" is over 1,024 characters (2,000): no real report has such a value',
    );
    // the docs say what is refused and cut
    const docs = await readFile(join(import.meta.dirname, '..', '..', 'docs', 'reports.md'), 'utf8');
    expect(docs).toContain('4,294,967,295');
    expect(docs).toContain('1,024 characters');
  });
});
