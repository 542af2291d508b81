/**
 * One way to read reports for every analysis, whether they are in the store or held in memory: the
 * summary, inventory, readiness and what-if take rows and policies from a {@link ReportSource}.
 *
 * @module
 */

import type { MemorySink } from './ingest.js';
import type { PublishedPolicySeen } from './readiness.js';
import { ReportStore } from './store.js';
import type { DomainReports } from './summary.js';
import {
  inPeriod,
  policiesFromReports,
  reportCountsFromReports,
  type TrafficFilter,
  type TrafficRow,
  trafficFromReports,
} from './traffic.js';
import type { TlsReport } from './types.js';

/** Where reports are read from: the SQLite store, or a {@link MemorySink} (reports read in this run only). */
export type ReportSource = ReportStore | MemorySink;

/** The merged traffic rows of `source` that pass `filter` (see `TrafficRow`). */
export function readTraffic(source: ReportSource, filter: TrafficFilter = {}): TrafficRow[] {
  return source instanceof ReportStore
    ? source.traffic(filter)
    : trafficFromReports(source.aggregate, filter);
}

/** The latest published policy per domain in `source` within `filter`. */
export function readPolicies(
  source: ReportSource,
  filter: TrafficFilter = {},
): Record<string, PublishedPolicySeen> {
  return source instanceof ReportStore
    ? source.latestPolicies(filter)
    : policiesFromReports(source.aggregate, filter);
}

/** Reports and reporters per domain in `source` within `filter`. */
export function readReportCounts(
  source: ReportSource,
  filter: TrafficFilter = {},
): Record<string, DomainReports> {
  return source instanceof ReportStore
    ? source.reportCounts(filter)
    : reportCountsFromReports(source.aggregate, filter);
}

/** The SMTP TLS reports in `source` whose period overlaps `filter` (and that name `filter.domain`). */
export function readTlsReports(source: ReportSource, filter: TrafficFilter = {}): TlsReport[] {
  if (source instanceof ReportStore) return source.tlsReports(filter);
  return source.tls.filter(
    (t) =>
      inPeriod(t.begin, t.end, filter) &&
      (filter.domain === undefined || t.policies.some((p) => p.policyDomain === filter.domain)),
  );
}

/** Failure (ruf) reports counted in `source`, per reported domain (`''` when none was found). */
export function readFailureReportCounts(source: ReportSource): Record<string, number> {
  if (source instanceof ReportStore) return source.failureReportCounts();
  const out: Record<string, number> = {};
  for (const f of source.failures) out[f.reportedDomain ?? ''] = (out[f.reportedDomain ?? ''] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
