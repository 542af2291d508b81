/**
 * The unit every analysis reads: messages from one source with one set of results, for one domain, over a
 * period ({@link TrafficRow}); built from the store (`ReportStore.traffic`) or from reports held in memory
 * ({@link trafficFromReports}). Identical rows of different reports are merged (counts added, first and last
 * seen widened), so a year of reports becomes one row per distinct source and result.
 *
 * @module
 */

import type { HeldAggregateReport } from './ingest.js';
import type { PublishedPolicySeen } from './readiness.js';
import type { DomainReports } from './summary.js';
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

/** The policy each domain published, as the latest report (by period end) in `reports` that passes `filter` showed it. */
export function policiesFromReports(
  reports: readonly HeldAggregateReport[],
  filter: TrafficFilter = {},
): Record<string, PublishedPolicySeen> {
  const out: Record<string, PublishedPolicySeen> = {};
  for (const rep of reports) {
    const domain = rep.policy.domain;
    if (filter.domain !== undefined && domain !== filter.domain) continue;
    if (!inPeriod(rep.metadata.begin, rep.metadata.end, filter)) continue;
    const prev = out[domain];
    if (!prev || prev.seenAt <= rep.metadata.end) out[domain] = { ...rep.policy, seenAt: rep.metadata.end };
  }
  return out;
}

/** Reports and reporters per domain among `reports` that pass `filter` (reporters by org name, else email). */
export function reportCountsFromReports(
  reports: readonly HeldAggregateReport[],
  filter: TrafficFilter = {},
): Record<string, DomainReports> {
  const counts = new Map<string, Map<string, number>>();
  for (const rep of reports) {
    const domain = rep.policy.domain;
    if (filter.domain !== undefined && domain !== filter.domain) continue;
    if (!inPeriod(rep.metadata.begin, rep.metadata.end, filter)) continue;
    const name = (rep.metadata.orgName.trim() || rep.metadata.email).trim().toLowerCase();
    const m = counts.get(domain) ?? new Map<string, number>();
    m.set(name, (m.get(name) ?? 0) + 1);
    counts.set(domain, m);
  }
  const out: Record<string, DomainReports> = {};
  for (const [domain, m] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const reporters = [...m]
      .map(([name, n]) => ({ name, reports: n }))
      .sort((a, b) => b.reports - a.reports || (a.name < b.name ? -1 : 1));
    out[domain] = { reports: reporters.reduce((n, r) => n + r.reports, 0), reporters };
  }
  return out;
}
