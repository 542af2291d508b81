/**
 * mailgate's public API. Re-exports only: see each module for the details.
 *
 * - Messages: {@link verifyMessage} (DKIM, SPF, DMARC, ARC and an RFC 8601 Authentication-Results header).
 * - Domains: {@link auditDomain} and {@link auditDomains} (SPF, DMARC, DKIM keys, MX, MTA-STS, TLS-RPT, BIMI).
 * - Protocols: {@link checkHost} (RFC 7208), {@link evaluateDmarc} / {@link discoverPolicy} (RFC 9989, RFC 7489),
 *   {@link verifyDkim}, {@link verifyArc}, and the per-record audits.
 * - DNS: the {@link Resolver} interface and its implementations (system, zone files, overlay, cache).
 * - Output: renderers and the policy gate.
 * - Reports: DMARC aggregate and SMTP TLS report ingestion ({@link ingestReports}, {@link openReportStore}), the
 *   sender inventory ({@link buildInventory}), enforcement readiness ({@link assessReadiness}) and the what-if of
 *   a proposed DNS change on reported traffic ({@link whatIf}).
 *
 * @packageDocumentation
 */

// First: on a Node.js older than 22.19 the import fails here with an UnsupportedNodeError naming the required
// version, before mailauth (which would die with an unrelated TypeError) is loaded.
import './runtime.js';

export * from './arc/verify.js';
export * from './audit/audit.js';
export * from './audit/batch.js';
export * from './audit/batch-report.js';
export { isDnsTrouble } from './audit/dns-trouble.js';
export * from './audit/domain-list.js';
export * from './bimi/audit.js';
export * from './catalog.js';
export * from './dkim/key.js';
export { DEFAULT_DKIM_POLICY, DKIM_RULES, type DkimPolicy, type DkimRuleName } from './dkim/policy.js';
export { COMMON_SELECTORS, type CommonSelector } from './dkim/selectors.js';
export * from './dkim/verify.js';
export * from './dmarc/index.js';
export * from './dns/cache.js';
export * from './dns/overlay.js';
export * from './dns/resolver.js';
export * from './dns/system.js';
export * from './dns/zonefile.js';
export * from './dns/zones.js';
export * from './findings/finding.js';
export { type FetchOptions, type FetchResult, fetchPolicy, type HttpsFetch } from './https/fetch.js';
export { buildAuthenticationResults } from './message/auth-results.js';
export * from './message/verify.js';
export * from './mtasts/audit.js';
export * from './mx/audit.js';
export {
  assertSupportedNode,
  isSupportedNode,
  REQUIRED_NODE_VERSION,
  UnsupportedNodeError,
} from './node-version.js';
export * from './policy/gate.js';
export * from './policy/load.js';
export * from './policy/run.js';
export type {
  DkimPolicy as PolicyDkimRules,
  DmarcPolicy as PolicyDmarcRules,
  DomainPolicy,
  FindingRule,
  MtaStsPolicy as PolicyMtaStsRules,
  Policy,
  SpfPolicy as PolicySpfRules,
  Suppression,
} from './policy/schema.js';
export { POLICY_SCHEMA } from './policy/schema.js';
export * from './report/index.js';
export { renderReports, reportsJson } from './report/reports-render.js';
export { RUA_REPORT_SCHEMA } from './report/reports-schema.js';
export {
  type ReadinessOutput,
  type ReportsOutput,
  RUA_FORMATS,
  type SendersOutput,
  type SummaryOutput,
  type WhatIfOutput,
} from './report/reports-view.js';
export { DOMAIN_REPORT_SCHEMA, GATED_REPORT_SCHEMA, MESSAGE_REPORT_SCHEMA } from './report/schema.js';
export {
  type AggregateHandlers,
  type AggregateHeader,
  type AggregateReadSummary,
  type AggregateRecord,
  type AggregateReport,
  type AggregateWriter,
  AggregateXmlReader,
  assessReadiness,
  attributeSource,
  buildInventory,
  type ClassifiedRow,
  classifyTraffic,
  type DkimAuthResult,
  type DnsChange,
  type DomainInventory,
  type DomainReadiness,
  type DomainReports,
  type DomainSummary,
  type DomainWhatIf,
  type FailureReportInfo,
  type HeldAggregateReport,
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  ingestFindings,
  ingestReportBytes,
  ingestReports,
  MemorySink,
  type MethodChange,
  openReportStore,
  type PolicyPublished,
  type PublishedPolicySeen,
  parseAggregateXml,
  parseTlsReport,
  REPORTS_FINDINGS,
  type ReadinessOptions,
  type ReadinessTarget,
  type RefusedInput,
  ReportReadError,
  type ReportReadErrorCode,
  type ReportSink,
  type ReportSource,
  ReportStore,
  ReportStoreError,
  type ReportsSummary,
  readFailureReportCounts,
  readinessFindings,
  readPolicies,
  readReportCounts,
  readTlsReports,
  readTraffic,
  type Sender,
  type SenderReadiness,
  type SenderWhatIf,
  type SpfAttribution,
  SpfAttributor,
  type StoreStats,
  summarizeReports,
  type TlsPolicySummary,
  type TlsReport,
  TOLERANCE_TEXT,
  type ToleranceCounts,
  type ToleranceKind,
  type TrafficFilter,
  type TrafficRow,
  trafficFromReports,
  type UnauthorizedSource,
  type WhatIfOptions,
  type WhatIfResult,
  whatIf,
  whatIfFindings,
} from './reports/index.js';
export * from './spf/index.js';
export * from './tlsrpt/audit.js';
export { VERSION } from './version.js';
