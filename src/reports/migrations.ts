/**
 * The report store's schema, as an ordered list of migrations. The store's version is `PRAGMA user_version`:
 * opening a store runs the migrations above its version, each in a transaction, in order. A new version adds a
 * migration at the end; a released migration is never edited (stores in the field ran it as it was).
 *
 * - 1: reports; rows (one per aggregate record: report, period, source address, count, and its *shape*: the
 *   domain, disposition, results and identifiers, stored once in `shapes` and shared by every row that has
 *   them, so that a million rows of a few hundred senders cost a million short rows); TLS reports; failure
 *   reports.
 * - 2: `attributions` (which SPF term of a domain authorizes a source address, with the time it was computed).
 *
 * Rows have one index, on the report period's end: "since" queries (the last 30 days) use it, and every other
 * index would cost each of the millions of inserts (a domain filter is applied to the rows of the period).
 *
 * @module
 */

import type { DatabaseSync } from 'node:sqlite';
import { ReportStoreError } from './errors.js';

/** The migrations, index 0 bringing a store from version 0 to 1. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE reports (
     id INTEGER PRIMARY KEY,
     reporter TEXT NOT NULL,
     report_id TEXT NOT NULL,
     org_name TEXT NOT NULL,
     email TEXT NOT NULL,
     begin INTEGER NOT NULL,
     end INTEGER NOT NULL,
     domain TEXT NOT NULL,
     policy TEXT NOT NULL,
     format TEXT NOT NULL,
     version TEXT,
     input TEXT NOT NULL,
     ingested_at INTEGER NOT NULL,
     records INTEGER NOT NULL,
     messages INTEGER NOT NULL,
     tolerated TEXT,
     UNIQUE (reporter, report_id)
   );
   CREATE INDEX reports_domain_begin ON reports (domain, begin);
   CREATE TABLE shapes (
     id INTEGER PRIMARY KEY,
     key TEXT NOT NULL UNIQUE,
     domain TEXT NOT NULL,
     disposition TEXT NOT NULL,
     dkim TEXT NOT NULL,
     spf TEXT NOT NULL,
     header_from TEXT NOT NULL,
     envelope_from TEXT,
     envelope_to TEXT,
     reasons TEXT,
     dkim_results TEXT,
     spf_results TEXT
   );
   CREATE TABLE rows (
     report INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
     begin INTEGER NOT NULL,
     end INTEGER NOT NULL,
     shape INTEGER NOT NULL REFERENCES shapes (id),
     source_ip TEXT NOT NULL,
     count INTEGER NOT NULL
   );
   CREATE INDEX rows_end ON rows (end);
   CREATE TABLE tls_reports (
     id INTEGER PRIMARY KEY,
     reporter TEXT NOT NULL,
     report_id TEXT NOT NULL,
     org_name TEXT NOT NULL,
     begin INTEGER NOT NULL,
     end INTEGER NOT NULL,
     body TEXT NOT NULL,
     input TEXT NOT NULL,
     ingested_at INTEGER NOT NULL,
     UNIQUE (reporter, report_id)
   );
   CREATE TABLE failure_reports (
     id INTEGER PRIMARY KEY,
     input TEXT NOT NULL UNIQUE,
     shape TEXT NOT NULL,
     feedback_type TEXT,
     reported_domain TEXT,
     ingested_at INTEGER NOT NULL
   );`,
  `CREATE TABLE attributions (
     domain TEXT NOT NULL,
     source_ip TEXT NOT NULL,
     result TEXT NOT NULL,
     body TEXT NOT NULL,
     computed_at INTEGER NOT NULL,
     PRIMARY KEY (domain, source_ip)
   );`,
];

/** The schema version this mailgate writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The store's schema version (`PRAGMA user_version`). */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return Number(row.user_version);
}

/**
 * Brings `db` to {@link SCHEMA_VERSION}, or to `target` (tests build older stores with it).
 *
 * @throws {@link ReportStoreError} when the store is newer than this mailgate, or (read-only) older.
 */
export function migrate(db: DatabaseSync, file: string, readOnly: boolean, target = SCHEMA_VERSION): void {
  const version = schemaVersion(db);
  if (version > SCHEMA_VERSION)
    throw new ReportStoreError(
      file,
      `the store has schema version ${version}, newer than this mailgate's ${SCHEMA_VERSION}: upgrade mailgate`,
    );
  if (version >= target) return;
  if (readOnly)
    throw new ReportStoreError(
      file,
      `the store has schema version ${version}; open it once for writing to upgrade it`,
    );
  for (let v = version; v < target; v++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[v] as string);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }
}
