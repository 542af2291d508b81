/**
 * The report store: one SQLite file (`node:sqlite`) that grows with the user. Reports are ingested
 * incrementally (a report already held — same reporter and report id — is skipped), each in its own
 * transaction (a report refused half-way leaves nothing behind), and "the last 30 days" or "per sender since
 * the SPF change" are queries over the rows, not re-parses.
 *
 * The schema is versioned with `PRAGMA user_version` and brought up to date by the migrations in
 * `migrations.ts` when the file is opened; a file written by a newer mailgate is refused, never altered.
 *
 * @module
 */

import { existsSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AggregateHeader, AggregateReadSummary } from './aggregate-xml.js';
import type { SpfAttribution, SpfAttributor } from './attribution.js';
import { ReportStoreError } from './errors.js';
import type { AggregateWriter, ReportSink } from './ingest.js';
import { FUTURE_SLACK_SECONDS, refuseTotalPast, reporterName } from './ingest.js';
import { MAX_REPORTED_COUNT } from './limits.js';
import { migrate, SCHEMA_VERSION } from './migrations.js';
import type { PublishedPolicySeen } from './readiness.js';
import { loadSqlite } from './sqlite.js';
import type { DomainReports } from './summary.js';
import type { TrafficFilter, TrafficRow } from './traffic.js';
import type { AggregateRecord, FailureReportInfo, PolicyPublished, TlsReport } from './types.js';

/** Counts and the period held by a store. Times are seconds since the epoch (null when empty). */
export interface StoreStats {
  schemaVersion: number;
  aggregateReports: number;
  /** Rows read by every query (each with a count of at most `MAX_REPORTED_COUNT`). */
  rows: number;
  /**
   * Rows that every query ignores, when there are any: a count over `MAX_REPORTED_COUNT` (4,294,967,295), which
   * mailgate 0.1.0 stored (it accepted up to 15 digits) and this version refuses.
   */
  ignoredRows?: number;
  messages: number;
  tlsReports: number;
  failureReports: number;
  domains: string[];
  firstBegin: number | null;
  lastEnd: number | null;
}

/** A stored SMTP TLS report, as read back. */
export type StoredTlsReport = TlsReport & { input: string };

/** Options of {@link openReportStore}. */
export interface OpenStoreOptions {
  /** Open without writing (no migration; a store at an older version is refused). */
  readOnly?: boolean;
  /**
   * Create the file when it is missing (default true). With `false`, a missing file is refused with a
   * {@link ReportStoreError} and nothing is created (commands that only read a store).
   */
  create?: boolean;
  /** The clock, seconds since the epoch, for `ingested_at` (default: now). */
  now?: () => number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The condition every query puts on `rows`: a count within `MAX_REPORTED_COUNT` (rows over it, written by
 * mailgate 0.1.0, are ignored and counted in `StoreStats.ignoredRows`). Sums use `TOTAL()` (a REAL, which
 * cannot overflow as SQLite's integer `SUM` can): with every count within the bound and the store's total
 * within `MAX_HELD_MESSAGES`, they are exact.
 */
const COUNTED = `count <= ${MAX_REPORTED_COUNT}`;

/** Rows written per INSERT statement (6 parameters each, well under SQLite's 32,766). */
const ROW_BATCH = 128;

/** See the module documentation. Create with {@link openReportStore}; close with {@link ReportStore.close}. */
export class ReportStore implements ReportSink {
  readonly file: string;
  readonly #db: DatabaseSync;
  readonly #now: () => number;
  readonly #insertRow: StatementSync;
  readonly #insertRows: StatementSync;
  readonly #insertShape: StatementSync;
  readonly #findShape: StatementSync;
  /** Shape ids by key, for the shapes this store object has seen (a cache in front of `shapes`). */
  readonly #shapes = new Map<string, number>();
  /** Shapes inserted by the report being written (uncommitted). */
  #newShapes: string[] = [];
  readonly #findReport: StatementSync;
  #inTransaction = false;
  /** Messages held (read from the rows on the first report written, then kept up to date). */
  #held: number | null = null;

  /** @internal use {@link openReportStore}. */
  constructor(file: string, db: DatabaseSync, now: () => number) {
    this.file = file;
    this.#db = db;
    this.#now = now;
    const insert = 'INSERT INTO rows (report, begin, end, shape, source_ip, count) VALUES ';
    const values = '(?,?,?,?,?,?)';
    this.#insertRow = db.prepare(insert + values);
    // rows are written ROW_BATCH at a time: one statement per batch costs far less than one per row
    this.#insertRows = db.prepare(insert + Array.from({ length: ROW_BATCH }, () => values).join(','));
    this.#insertShape = db.prepare(
      `INSERT INTO shapes (key, domain, disposition, dkim, spf, header_from, envelope_from, envelope_to, reasons,
        dkim_results, spf_results) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.#findShape = db.prepare('SELECT id FROM shapes WHERE key = ?');
    this.#findReport = db.prepare('SELECT id FROM reports WHERE reporter = ? AND report_id = ?');
  }

  /** The database, for queries this class does not offer (read them; do not change the schema). */
  get database(): DatabaseSync {
    return this.#db;
  }

  beginAggregate(header: AggregateHeader, input: string): AggregateWriter | null {
    const m = header.metadata;
    const reporter = reporterName(m.orgName, m.email);
    if (this.#findReport.get(reporter, m.reportId.trim())) return null;
    if (this.#inTransaction) throw new Error('ReportStore: one aggregate report at a time');
    this.#held ??= this.#totalMessages();
    this.#db.exec('BEGIN');
    this.#inTransaction = true;
    const info = this.#db
      .prepare(
        `INSERT INTO reports (reporter, report_id, org_name, email, begin, end, domain, policy, format, version,
          input, ingested_at, records, messages, tolerated) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,0,NULL)`,
      )
      .run(
        reporter,
        m.reportId.trim(),
        m.orgName,
        m.email,
        m.begin,
        m.end,
        header.policy.domain,
        JSON.stringify(header.policy),
        header.format,
        header.version ?? null,
        input,
        this.#now(),
      );
    const id = Number(info.lastInsertRowid);
    const domain = header.policy.domain;
    const finish = (sql: 'COMMIT' | 'ROLLBACK') => {
      if (!this.#inTransaction) return;
      this.#inTransaction = false;
      this.#db.exec(sql);
      if (sql === 'ROLLBACK') for (const key of this.#newShapes) this.#shapes.delete(key);
      this.#newShapes = [];
    };
    let batch: Array<string | number | null> = [];
    let pending = 0;
    const flush = () => {
      if (pending === ROW_BATCH) this.#insertRows.run(...batch);
      else for (let i = 0; i < pending; i++) this.#insertRow.run(...batch.slice(i * 6, i * 6 + 6));
      batch = [];
      pending = 0;
    };
    return {
      record: (r) => {
        pending++;
        batch.push(id, m.begin, m.end, this.#shape(domain, r), r.sourceIp, r.count);
        if (pending === ROW_BATCH) flush();
      },
      commit: (s: AggregateReadSummary) => {
        const held = this.#held ?? 0;
        try {
          refuseTotalPast(input, held, s.messages);
        } catch (e) {
          finish('ROLLBACK');
          throw e;
        }
        this.#held = held + s.messages;
        flush();
        this.#db
          .prepare('UPDATE reports SET records = ?, messages = ?, tolerated = ? WHERE id = ?')
          .run(
            s.records,
            s.messages,
            Object.keys(s.tolerated).length > 0 ? JSON.stringify(s.tolerated) : null,
            id,
          );
        finish('COMMIT');
      },
      abort: () => finish('ROLLBACK'),
    };
  }

  /** The id of a row's shape (everything but the source address and count), stored once. */
  #shape(domain: string, r: AggregateRecord): number {
    // The cache key joins the fields with control characters (which no field holds: they were read from XML
    // text, where C0 controls other than tab and line ends cannot appear, and \u0001-\u0003 are not allowed).
    let key = `${domain}\u0001${r.disposition}\u0001${r.dkim}\u0001${r.spf}\u0001${r.headerFrom}\u0001${r.envelopeFrom ?? '\u0002'}\u0001${r.envelopeTo ?? '\u0002'}\u0001`;
    for (const x of r.reasons) key += `${x.type}\u0002${x.comment ?? ''}\u0003`;
    key += '\u0001';
    for (const x of r.dkimResults)
      key += `${x.domain}\u0002${x.selector ?? '\u0003'}\u0002${x.result}\u0002${x.humanResult ?? ''}\u0003`;
    key += '\u0001';
    for (const x of r.spfResults)
      key += `${x.domain}\u0002${x.scope ?? '\u0003'}\u0002${x.result}\u0002${x.humanResult ?? ''}\u0003`;
    const known = this.#shapes.get(key);
    if (known !== undefined) return known;
    const found = this.#findShape.get(key) as { id: number } | undefined;
    let id = found?.id;
    if (id === undefined) {
      const reasons = r.reasons.length > 0 ? JSON.stringify(r.reasons) : null;
      const dkim = r.dkimResults.length > 0 ? JSON.stringify(r.dkimResults) : null;
      const spf = r.spfResults.length > 0 ? JSON.stringify(r.spfResults) : null;
      const env = r.envelopeFrom ?? null;
      const to = r.envelopeTo ?? null;
      id = Number(
        this.#insertShape.run(
          key,
          domain,
          r.disposition,
          r.dkim,
          r.spf,
          r.headerFrom,
          env,
          to,
          reasons,
          dkim,
          spf,
        ).lastInsertRowid,
      );
      // inserted in this report's transaction: forgotten again if the report is rolled back
      this.#newShapes.push(key);
    }
    this.#shapes.set(key, id);
    return id;
  }

  addTlsReport(report: TlsReport, input: string): boolean {
    const reporter = reporterName(report.orgName, report.contactInfo ?? '');
    const exists = this.#db
      .prepare('SELECT 1 FROM tls_reports WHERE reporter = ? AND report_id = ?')
      .get(reporter, report.reportId);
    if (exists) return false;
    this.#db
      .prepare(
        `INSERT INTO tls_reports (reporter, report_id, org_name, begin, end, body, input, ingested_at)
         VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(
        reporter,
        report.reportId,
        report.orgName,
        report.begin,
        report.end,
        JSON.stringify(report),
        input,
        this.#now(),
      );
    return true;
  }

  /** Counts a failure report once per input name (ingesting the same mailbox again does not count it twice). */
  addFailureReport(info: FailureReportInfo, input: string): void {
    this.#db
      .prepare(
        'INSERT OR IGNORE INTO failure_reports (input, shape, feedback_type, reported_domain, ingested_at) VALUES (?,?,?,?,?)',
      )
      .run(input, info.shape, info.feedbackType ?? null, info.reportedDomain ?? null, this.#now());
  }

  /** Messages in the rows queries read (called outside a report's transaction). */
  #totalMessages(): number {
    const r = this.#db.prepare(`SELECT TOTAL(count) m FROM rows WHERE ${COUNTED}`).get() as {
      m: number;
    };
    return r.m;
  }

  /**
   * The end of the latest report held (seconds since the epoch; null when none), among reports that end at or
   * before `notAfter` when given: the anchor of `--since Nd`.
   */
  latestEnd(notAfter?: number): number | null {
    const r = this.#db
      .prepare('SELECT MAX(end) e FROM reports WHERE end <= ?')
      .get(notAfter ?? Number.MAX_SAFE_INTEGER) as { e: number | null };
    return r.e;
  }

  /** What the store holds. */
  stats(): StoreStats {
    const db = this.#db;
    const r = db.prepare('SELECT COUNT(*) n, MIN(begin) b, MAX(end) e FROM reports').get() as {
      n: number;
      b: number | null;
      e: number | null;
    };
    const rows = db
      .prepare(
        `SELECT COUNT(*) FILTER (WHERE ${COUNTED}) n, COUNT(*) FILTER (WHERE NOT (${COUNTED})) x,
           TOTAL(count) FILTER (WHERE ${COUNTED}) m FROM rows`,
      )
      .get() as { n: number; x: number; m: number };
    const tls = db.prepare('SELECT COUNT(*) n FROM tls_reports').get() as { n: number };
    const ruf = db.prepare('SELECT COUNT(*) n FROM failure_reports').get() as { n: number };
    const domains = (
      db.prepare('SELECT DISTINCT domain FROM reports ORDER BY domain').all() as {
        domain: string;
      }[]
    ).map((d) => d.domain);
    return {
      schemaVersion: SCHEMA_VERSION,
      aggregateReports: r.n,
      rows: rows.n,
      ...(rows.x > 0 ? { ignoredRows: rows.x } : {}),
      messages: rows.m,
      tlsReports: tls.n,
      failureReports: ruf.n,
      domains,
      firstBegin: r.b,
      lastEnd: r.e,
    };
  }

  /**
   * The stored rows that pass `filter`, merged into {@link TrafficRow}s by SQL (`GROUP BY` every field but
   * the count): a year of daily reports becomes one row per distinct source and result.
   */
  traffic(filter: TrafficFilter = {}): TrafficRow[] {
    const where: string[] = [COUNTED];
    const args: (string | number)[] = [];
    if (filter.domain !== undefined) {
      where.push('shape IN (SELECT id FROM shapes WHERE domain = ?)');
      args.push(filter.domain);
    }
    if (filter.since !== undefined) {
      where.push('end >= ?');
      args.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('begin <= ?');
      args.push(filter.until);
    }
    const sql = `SELECT s.domain, r.source_ip, s.disposition, s.dkim, s.spf, s.header_from, s.envelope_from,
        s.envelope_to, s.reasons, s.dkim_results, s.spf_results, r.count, r.first, r.last, r.reports
      FROM (SELECT shape, source_ip, TOTAL(count) AS count, MIN(begin) AS first, MAX(end) AS last,
              COUNT(DISTINCT report) AS reports
            FROM rows WHERE ${where.join(' AND ')} GROUP BY shape, source_ip) r
      JOIN shapes s ON s.id = r.shape
      ORDER BY r.first, s.domain, r.source_ip, s.id`;
    const out: TrafficRow[] = [];
    for (const r of this.#db.prepare(sql).iterate(...args) as Iterable<
      Record<string, string | number | null>
    >) {
      out.push({
        ...shapeFields(r),
        sourceIp: r.source_ip as string,
        count: Number(r.count),
        firstSeen: Number(r.first),
        lastSeen: Number(r.last),
        reports: Number(r.reports),
      });
    }
    return out;
  }

  /** Each stored row (one per report record, not merged), for export; streamed from the database. */
  *rows(filter: TrafficFilter = {}): Generator<TrafficRow & { reporter: string; reportId: string }> {
    const where: string[] = [`r.${COUNTED}`];
    const args: (string | number)[] = [];
    if (filter.domain !== undefined) {
      where.push('s.domain = ?');
      args.push(filter.domain);
    }
    if (filter.since !== undefined) {
      where.push('r.end >= ?');
      args.push(filter.since);
    }
    if (filter.until !== undefined) {
      where.push('r.begin <= ?');
      args.push(filter.until);
    }
    const sql = `SELECT r.begin, r.end, r.source_ip, r.count, s.*, p.reporter, p.report_id
      FROM rows r JOIN shapes s ON s.id = r.shape JOIN reports p ON p.id = r.report
      WHERE ${where.join(' AND ')} ORDER BY r.begin, r.report, r.rowid`;
    for (const r of this.#db.prepare(sql).iterate(...args) as Iterable<
      Record<string, string | number | null>
    >) {
      const row: TrafficRow & { reporter: string; reportId: string } = {
        reporter: r.reporter as string,
        reportId: r.report_id as string,
        ...shapeFields(r),
        sourceIp: r.source_ip as string,
        count: Number(r.count),
        firstSeen: Number(r.begin),
        lastSeen: Number(r.end),
        reports: 1,
      };
      yield row;
    }
  }

  /** The stored TLS reports whose period overlaps `filter` (and that name `filter.domain` in a policy). */
  tlsReports(filter: TrafficFilter = {}): StoredTlsReport[] {
    const out: StoredTlsReport[] = [];
    const rows = this.#db
      .prepare('SELECT body, input FROM tls_reports WHERE end >= ? AND begin <= ? ORDER BY begin, id')
      .all(filter.since ?? 0, filter.until ?? Number.MAX_SAFE_INTEGER) as { body: string; input: string }[];
    for (const r of rows) {
      const report = JSON.parse(r.body) as TlsReport;
      if (filter.domain !== undefined && !report.policies.some((p) => p.policyDomain === filter.domain))
        continue;
      out.push({ ...report, input: r.input });
    }
    return out;
  }

  /**
   * Attributes every (From domain, source address) of the stored rows that has no attribution yet, through
   * `attributor` (check_host() against today's DNS), and stores the results with the time they were computed:
   * the store keeps which SPF term authorized each source when it was first seen.
   *
   * @returns how many pairs were attributed.
   */
  async attributeNewSources(attributor: SpfAttributor, concurrency = 16): Promise<number> {
    const pairs = this.#db
      .prepare(
        `SELECT DISTINCT s.header_from AS domain, r.source_ip AS ip FROM rows r JOIN shapes s ON s.id = r.shape
          WHERE NOT EXISTS (SELECT 1 FROM attributions a WHERE a.domain = s.header_from AND a.source_ip = r.source_ip)`,
      )
      .all() as { domain: string; ip: string }[];
    const results: Array<{ domain: string; ip: string; a: SpfAttribution }> = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, pairs.length)) }, async () => {
        while (next < pairs.length) {
          const p = pairs[next++] as { domain: string; ip: string };
          results.push({ ...p, a: await attributor.attribute(p.domain, p.ip) });
        }
      }),
    );
    const insert = this.#db.prepare(
      'INSERT OR REPLACE INTO attributions (domain, source_ip, result, body, computed_at) VALUES (?,?,?,?,?)',
    );
    const now = this.#now();
    this.#db.exec('BEGIN');
    try {
      for (const r of results) insert.run(r.domain, r.ip, r.a.result, JSON.stringify(r.a), now);
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
    return results.length;
  }

  /** The stored attribution of each (From domain, source address), with when it was computed (seconds). */
  storedAttributions(): Array<{
    domain: string;
    ip: string;
    attribution: SpfAttribution;
    computedAt: number;
  }> {
    return (
      this.#db
        .prepare('SELECT domain, source_ip, body, computed_at FROM attributions ORDER BY domain, source_ip')
        .all() as {
        domain: string;
        source_ip: string;
        body: string;
        computed_at: number;
      }[]
    ).map((r) => ({
      domain: r.domain,
      ip: r.source_ip,
      attribution: JSON.parse(r.body),
      computedAt: r.computed_at,
    }));
  }

  /** Reports and reporters per domain whose period overlaps `filter`. */
  reportCounts(filter: TrafficFilter = {}): Record<string, DomainReports> {
    const rows = this.#db
      .prepare(
        `SELECT domain, reporter, COUNT(*) n FROM reports WHERE end >= ? AND begin <= ? ${filter.domain !== undefined ? 'AND domain = ?' : ''}
         GROUP BY domain, reporter ORDER BY domain, n DESC, reporter`,
      )
      .all(
        ...[
          filter.since ?? 0,
          filter.until ?? Number.MAX_SAFE_INTEGER,
          ...(filter.domain !== undefined ? [filter.domain] : []),
        ],
      ) as { domain: string; reporter: string; n: number }[];
    const out: Record<string, DomainReports> = {};
    for (const r of rows) {
      const d = out[r.domain] ?? { reports: 0, reporters: [] };
      out[r.domain] = d;
      d.reports += r.n;
      d.reporters.push({ name: r.reporter, reports: r.n });
    }
    return out;
  }

  /**
   * The policy each domain published, as the latest report (by period end) that overlaps `filter` showed it.
   * Reports that end more than `FUTURE_SLACK_SECONDS` after now (the store's clock) are not considered: ingest
   * refuses them, but a store written by mailgate 0.1.0 may hold one (a forged report dated 9999 would
   * otherwise be "the latest" for ever).
   */
  latestPolicies(filter: TrafficFilter = {}): Record<string, PublishedPolicySeen> {
    const rows = this.#db
      .prepare(
        `SELECT domain, policy, end FROM reports WHERE end >= ? AND begin <= ? AND end <= ? ${filter.domain !== undefined ? 'AND domain = ?' : ''}
         ORDER BY end, id`,
      )
      .all(
        ...[
          filter.since ?? 0,
          filter.until ?? Number.MAX_SAFE_INTEGER,
          this.#now() + FUTURE_SLACK_SECONDS,
          ...(filter.domain !== undefined ? [filter.domain] : []),
        ],
      ) as { domain: string; policy: string; end: number }[];
    const out: Record<string, PublishedPolicySeen> = {};
    for (const r of rows) out[r.domain] = { ...(JSON.parse(r.policy) as PolicyPublished), seenAt: r.end };
    return out;
  }

  /** Failure reports counted, per reported domain (`''` when none was found). */
  failureReportCounts(): Record<string, number> {
    const rows = this.#db
      .prepare(
        "SELECT COALESCE(reported_domain, '') d, COUNT(*) n FROM failure_reports GROUP BY d ORDER BY d",
      )
      .all() as { d: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.d, r.n]));
  }

  /** Closes the database (a report still open is rolled back). */
  close(): void {
    if (this.#inTransaction) {
      this.#db.exec('ROLLBACK');
      this.#inTransaction = false;
    }
    this.#db.close();
  }
}

/** The fields of a row that its shape holds (see migrations.ts), from a query row with the `shapes` columns. */
function shapeFields(
  r: Record<string, string | number | null>,
): Omit<TrafficRow, 'sourceIp' | 'count' | 'firstSeen' | 'lastSeen' | 'reports'> {
  const out: Omit<TrafficRow, 'sourceIp' | 'count' | 'firstSeen' | 'lastSeen' | 'reports'> = {
    domain: r.domain as string,
    disposition: (r.disposition as string) ?? '',
    dkim: (r.dkim as string) ?? '',
    spf: (r.spf as string) ?? '',
    reasons: r.reasons ? JSON.parse(r.reasons as string) : [],
    headerFrom: (r.header_from as string) ?? '',
    dkimResults: r.dkim_results ? JSON.parse(r.dkim_results as string) : [],
    spfResults: r.spf_results ? JSON.parse(r.spf_results as string) : [],
  };
  if (r.envelope_from) out.envelopeFrom = r.envelope_from as string;
  if (r.envelope_to) out.envelopeTo = r.envelope_to as string;
  return out;
}

/**
 * Opens (creating when missing, unless `create` is false) a report store and brings its schema up to date.
 *
 * @param file a path, or `:memory:` for a store that lives as long as the process.
 * @throws {@link ReportStoreError} when the file is missing and `create` is false, is not a SQLite database,
 *   was written by a newer mailgate (its schema version is above {@link SCHEMA_VERSION}), or cannot be opened.
 */
export async function openReportStore(file: string, options: OpenStoreOptions = {}): Promise<ReportStore> {
  if (options.create === false && file !== ':memory:' && !existsSync(file))
    throw new ReportStoreError(
      file,
      'no report store here (only `mailgate rua ingest` creates one: run it first)',
    );
  const { DatabaseSync } = await loadSqlite();
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, options.readOnly ? { readOnly: true } : {});
  } catch (e) {
    throw new ReportStoreError(file, `cannot open the store (${(e as Error).message})`);
  }
  try {
    if (!options.readOnly && file !== ':memory:') {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
    }
    db.exec('PRAGMA foreign_keys = ON');
    // 64 MiB of page cache (the default is 2 MiB): ingesting millions of rows touches the index pages often
    db.exec('PRAGMA cache_size = -65536');
    migrate(db, file, options.readOnly === true);
  } catch (e) {
    db.close();
    if (e instanceof ReportStoreError) throw e;
    throw new ReportStoreError(file, `not a mailgate report store (${(e as Error).message})`);
  }
  return new ReportStore(file, db, options.now ?? nowSeconds);
}
