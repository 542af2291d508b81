/**
 * DMARC aggregate and SMTP TLS report analysis (issue 15): ingestion (files, directories, globs, gzip, zip,
 * messages, mbox) into a SQLite store or memory, the period summary, the sender inventory, enforcement
 * readiness, and the what-if of a proposed DNS change on real traffic. Other folders import from here only.
 *
 * @module
 */

export {
  type AggregateHandlers,
  type AggregateHeader,
  type AggregateReadSummary,
  AggregateXmlReader,
  DMARC_XML_NAMESPACE,
  parseAggregateXml,
} from './aggregate-xml.js';
export { attributeSource, type SpfAttribution, SpfAttributor } from './attribution.js';
export { ReportReadError, type ReportReadErrorCode, ReportStoreError } from './errors.js';
export {
  ingestFindings,
  REPORTS_FINDINGS,
  readinessFindings,
  whatIfFindings,
} from './findings.js';
export {
  type AggregateWriter,
  emptyIngestSummary,
  type HeldAggregateReport,
  type IngestOptions,
  type IngestProgress,
  type IngestSummary,
  ingestReportBytes,
  ingestReports,
  MemorySink,
  type RefusedInput,
  type ReportSink,
} from './ingest.js';
export { findReportFiles, type ReportFile, type ReportFileList } from './inputs.js';
export {
  buildInventory,
  type ClassifiedRow,
  classifyTraffic,
  type DomainInventory,
  type InventoryOptions,
  inventoryFromClassified,
  type Sender,
  type SenderKind,
  type UnauthorizedSource,
} from './inventory.js';
export { providerName } from './providers.js';
export {
  assessReadiness,
  type DomainReadiness,
  type PublishedPolicySeen,
  type ReadinessOptions,
  type ReadinessTarget,
  type SenderReadiness,
} from './readiness.js';
export {
  type ReportSource,
  readFailureReportCounts,
  readPolicies,
  readReportCounts,
  readTlsReports,
  readTraffic,
} from './source.js';
export { sqliteWarningSuppressed } from './sqlite.js';
export { type OpenStoreOptions, openReportStore, ReportStore, type StoreStats } from './store.js';
export {
  type DomainReports,
  type DomainSummary,
  type ReportsSummary,
  type SummaryInput,
  summarizeReports,
  type TlsPolicySummary,
} from './summary.js';
export { parseTlsReport } from './tlsrpt-json.js';
export { type TrafficFilter, type TrafficRow, trafficFromReports } from './traffic.js';
export type {
  AggregateRecord,
  AggregateReport,
  DkimAuthResult,
  FailureReportInfo,
  PolicyOverrideReason,
  PolicyPublished,
  ReportMetadata,
  SpfAuthResult,
  TlsPolicyResult,
  TlsReport,
  ToleranceCounts,
  ToleranceKind,
} from './types.js';
export { TOLERANCE_TEXT } from './types.js';
export { DEFAULT_UNWRAP_LIMITS, type UnwrapLimits } from './unwrap.js';
export {
  type DnsChange,
  type DomainWhatIf,
  type MethodChange,
  type SenderWhatIf,
  type WhatIfOptions,
  type WhatIfResult,
  whatIf,
} from './whatif.js';
