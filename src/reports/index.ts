/**
 * DMARC aggregate and SMTP TLS report analysis (issue 15): ingestion (files, directories, globs, gzip, zip,
 * messages, mbox) into a SQLite store or memory, the period summary, the sender inventory, enforcement
 * readiness, and the what-if of a proposed DNS change on real traffic. Other folders import from here only.
 *
 * @module
 */

export { parseAggregateXml } from './aggregate-xml.js';
export { SpfAttributor } from './attribution.js';
export { ReportReadError, type ReportReadErrorCode, ReportStoreError } from './errors.js';
export {
  ingestFindings,
  readinessFindings,
  whatIfFindings,
} from './findings.js';
export {
  type IngestOptions,
  type IngestSummary,
  ingestReports,
  MemorySink,
  type ReportSink,
  refusalText,
} from './ingest.js';
export {
  buildInventory,
  type ClassifiedRow,
  classifyTraffic,
  type DomainInventory,
  type Sender,
} from './inventory.js';
export {
  assessReadiness,
  type DomainReadiness,
  type ReadinessOptions,
} from './readiness.js';
export { readTraffic } from './source.js';
export { openReportStore, ReportStore } from './store.js';
export {
  type ReportsSummary,
  summarizeReports,
} from './summary.js';
export { parseTlsReport } from './tlsrpt-json.js';
export type { TrafficFilter, TrafficRow } from './traffic.js';
export type { TlsReport } from './types.js';
export {
  type DomainWhatIf,
  type SenderWhatIf,
  type WhatIfOptions,
  type WhatIfResult,
  whatIf,
} from './whatif.js';
