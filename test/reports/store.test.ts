import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportStoreError } from '../../src/reports/errors.js';
import { ingestReports, MemorySink } from '../../src/reports/ingest.js';
import { MIGRATIONS, migrate, SCHEMA_VERSION, schemaVersion } from '../../src/reports/migrations.js';
import { isSqliteExperimentalWarning, loadSqlite, withoutSqliteWarning } from '../../src/reports/sqlite.js';
import { openReportStore } from '../../src/reports/store.js';
import { trafficFromReports } from '../../src/reports/traffic.js';

const REAL = '/work/shared/realworld/dmarc-reports';

describe('report store', () => {
  it('ingests incrementally: a second ingest of the same files skips every report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-store-'));
    const file = join(dir, 'reports.sqlite');
    const store = await openReportStore(file, { now: () => 1_800_000_000 });
    const first = await ingestReports([REAL], store);
    expect(first.aggregate.reports).toBe(13);
    store.close();
    const again = await openReportStore(file);
    const second = await ingestReports([REAL], again);
    expect(second.aggregate).toMatchObject({ reports: 0, duplicates: 15, records: 0 });
    expect(second.tls).toMatchObject({ reports: 0, duplicates: 3 });
    const stats = again.stats();
    expect(stats).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      aggregateReports: 13,
      rows: 51,
      messages: 6229,
      tlsReports: 3,
      failureReports: 5,
      domains: ['borschow.com', 'example.com', 'example.de', 'indemed.com'],
      firstBegin: 302832000,
      lastEnd: 1718323199,
    });
    expect(again.failureReportCounts()).toEqual({ 'cardinal.com': 1, 'domain.de': 1, 'example.com': 3 });
    again.close();
  });

  it('answers period queries with the same merged rows as the reports held in memory', async () => {
    const store = await openReportStore(':memory:');
    const sink = new MemorySink();
    await ingestReports([REAL], store);
    await ingestReports([REAL], sink);
    const filter = { domain: 'example.com', since: 1_700_000_000 };
    const fromStore = store.traffic(filter);
    const fromMemory = trafficFromReports(sink.aggregate, filter);
    const key = (r: { sourceIp: string; count: number; dkim: string; spf: string }) =>
      `${r.sourceIp} ${r.count} ${r.dkim} ${r.spf}`;
    expect(fromStore.map(key).sort()).toEqual(fromMemory.map(key).sort());
    // since November 2023: the google.com and fred.com copies of the extract_report sample (20 records
    // each) and empty_reason.xml (January 2024, one record)
    expect(fromStore.reduce((n, r) => n + r.reports, 0)).toBe(41);
    expect([...store.rows(filter)].length).toBe(41);
    store.close();
  });

  it('rolls back a report refused half-way (nothing of it is kept)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-store-'));
    const good = (await import('node:fs/promises')).readFile(
      join(REAL, 'extract_report/nice-input.xml'),
      'utf8',
    );
    const text = await good;
    await writeFile(join(dir, 'cut.xml'), text.slice(0, Math.floor(text.length * 0.7)));
    const store = await openReportStore(':memory:');
    const s = await ingestReports([dir], store);
    expect(s.refused.inputs[0]).toMatchObject({ code: 'xml' });
    expect(store.stats()).toMatchObject({ aggregateReports: 0, rows: 0 });
    // the complete file is then read (the refused one did not leave its report id behind)
    await writeFile(join(dir, 'cut.xml'), text);
    expect((await ingestReports([dir], store)).aggregate.reports).toBe(1);
    store.close();
  });
});

describe('rows written in batches', () => {
  it('keeps every row of a large report (batches of 128 and the rest), each once', async () => {
    const { generateReports } = await import('../support/report-generator.js');
    const { ingestReportBytes } = await import('../../src/reports/ingest.js');
    const [big] = generateReports({ reports: 1, rowsPerReport: 300, seed: 11 });
    const store = await openReportStore(':memory:');
    const s = await ingestReportBytes('big.xml', Buffer.from(big!.xml), store);
    expect(s.aggregate.records).toBe(300);
    expect(store.stats()).toMatchObject({ rows: 300, messages: big!.messages });
    const memory = new MemorySink();
    await ingestReportBytes('big.xml', Buffer.from(big!.xml), memory);
    const key = (r: { sourceIp: string; count: number; dkim: string; spf: string; headerFrom: string }) =>
      `${r.sourceIp} ${r.count} ${r.dkim} ${r.spf} ${r.headerFrom}`;
    expect([...store.rows()].map(key)).toEqual(memory.aggregate[0]!.records.map(key));
    store.close();
  });
});

describe('store migrations', () => {
  it('upgrades a version 1 store to the current version and keeps its data', async () => {
    const { DatabaseSync } = await loadSqlite();
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-store-'));
    const file = join(dir, 'v1.sqlite');
    const db = new DatabaseSync(file);
    migrate(db, file, false, 1);
    expect(schemaVersion(db)).toBe(1);
    db.exec(`INSERT INTO reports (reporter, report_id, org_name, email, begin, end, domain, policy, format, input,
      ingested_at, records, messages) VALUES ('r', '1', 'R', 'r@x', 10, 20, 'example.com', '{}', 'rfc7489', 'f', 0, 1, 5)`);
    db.exec(`INSERT INTO shapes (key, domain, disposition, dkim, spf, header_from)
      VALUES ('k', 'example.com', 'none', 'pass', 'fail', 'example.com')`);
    db.exec(
      `INSERT INTO rows (report, begin, end, shape, source_ip, count) VALUES (1, 10, 20, 1, '192.0.2.1', 5)`,
    );
    db.close();
    const store = await openReportStore(file);
    expect(schemaVersion(store.database)).toBe(2);
    expect(store.stats()).toMatchObject({ aggregateReports: 1, rows: 1, messages: 5 });
    expect(store.traffic()).toEqual([
      expect.objectContaining({
        domain: 'example.com',
        sourceIp: '192.0.2.1',
        count: 5,
        dkim: 'pass',
        spf: 'fail',
      }),
    ]);
    const tables = store.database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    expect(tables.map((t) => t.name)).toContain('attributions');
    store.close();
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSION);
  });

  it('refuses a store from a newer mailgate, and a file that is not a store, without changing them', async () => {
    const { DatabaseSync } = await loadSqlite();
    const dir = await mkdtemp(join(tmpdir(), 'mailgate-store-'));
    const file = join(dir, 'future.sqlite');
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    await expect(openReportStore(file)).rejects.toThrow(
      `schema version ${SCHEMA_VERSION + 1}, newer than this mailgate's ${SCHEMA_VERSION}`,
    );
    await writeFile(
      join(dir, 'text.sqlite'),
      'this is not a database, just text that is long enough to matter',
    );
    await expect(openReportStore(join(dir, 'text.sqlite'))).rejects.toThrow(ReportStoreError);
  });
});

describe('the SQLite experimental warning filter', () => {
  it('drops only the SQLite ExperimentalWarning and passes every other warning through', async () => {
    expect(
      isSqliteExperimentalWarning(
        'SQLite is an experimental feature and might change at any time',
        'ExperimentalWarning',
      ),
    ).toBe(true);
    expect(isSqliteExperimentalWarning('Fetch is an experimental feature', 'ExperimentalWarning')).toBe(
      false,
    );
    expect(isSqliteExperimentalWarning('SQLite is slow', 'DeprecationWarning')).toBe(false);
    const seen: string[] = [];
    const original = process.emitWarning;
    process.emitWarning = ((w: string) => {
      seen.push(w);
    }) as typeof process.emitWarning;
    try {
      await withoutSqliteWarning(async () => {
        process.emitWarning(
          'SQLite is an experimental feature and might change at any time',
          'ExperimentalWarning',
        );
        process.emitWarning('something else', 'Warning');
      });
      expect(seen).toEqual(['something else']);
    } finally {
      process.emitWarning = original;
    }
  });
});
