/**
 * The unit every analysis reads: messages from one source with one set of results, for one domain, over a
 * period ({@link TrafficRow}); built from the store (`ReportStore.traffic`) or from reports held in memory
 * ({@link trafficFromReports}). Identical rows of different reports are merged (counts added, first and last
 * seen widened), so a year of reports becomes one row per distinct source and result.
 *
 * @module
 */

import type { HeldAggregateReport } from './ingest.js';
import type { AggregateRecord } from './types.js';

/** One group of messages: an aggregate record's fields plus its domain and when it was seen. */
export interface TrafficRow extends AggregateRecord {
  /** The policy domain (`<policy_published><domain>`), lower-case. */
  domain: string;
  /** Start of the earliest report period that holds it, seconds since the epoch. */
  firstSeen: number;
  /** End of the latest report period that holds it, seconds since the epoch. */
  lastSeen: number;
  /** Reports that hold it. */
  reports: number;
}

/** Which rows to read: a domain, and a period (a report counts when its period overlaps this one). */
export interface TrafficFilter {
  /** Only this policy domain (lower-case). */
  domain?: string;
  /** Reports whose period ends at or after this time (seconds since the epoch). */
  since?: number;
  /** Reports whose period begins at or before this time (seconds since the epoch). */
  until?: number;
}

/** The merge key of a row: everything but the count and the dates. */
export function trafficKey(domain: string, r: AggregateRecord): string {
  return JSON.stringify([
    domain,
    r.sourceIp,
    r.disposition,
    r.dkim,
    r.spf,
    r.headerFrom,
    r.envelopeFrom ?? null,
    r.envelopeTo ?? null,
    r.reasons,
    r.dkimResults,
    r.spfResults,
  ]);
}

/** True when a report period [begin, end] passes `filter`. */
export function inPeriod(begin: number, end: number, filter: TrafficFilter): boolean {
  if (filter.since !== undefined && end < filter.since) return false;
  if (filter.until !== undefined && begin > filter.until) return false;
  return true;
}

/** Merges the records of reports held in memory into {@link TrafficRow}s (in first-seen order). */
export function trafficFromReports(
  reports: readonly HeldAggregateReport[],
  filter: TrafficFilter = {},
): TrafficRow[] {
  const rows = new Map<string, TrafficRow>();
  for (const rep of reports) {
    const domain = rep.policy.domain;
    if (filter.domain !== undefined && domain !== filter.domain) continue;
    if (!inPeriod(rep.metadata.begin, rep.metadata.end, filter)) continue;
    for (const r of rep.records) {
      const key = trafficKey(domain, r);
      const row = rows.get(key);
      if (row) {
        row.count += r.count;
        row.firstSeen = Math.min(row.firstSeen, rep.metadata.begin);
        row.lastSeen = Math.max(row.lastSeen, rep.metadata.end);
        row.reports++;
      } else {
        rows.set(key, {
          ...r,
          domain,
          firstSeen: rep.metadata.begin,
          lastSeen: rep.metadata.end,
          reports: 1,
        });
      }
    }
  }
  return [...rows.values()];
}
