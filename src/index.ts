/**
 * mailgate's public API: named exports only, each a decision (`test/api.test.ts` pins the list). Internals
 * (shard helpers, escapers, per-module constants) stay behind their modules.
 *
 * - Messages: {@link verifyMessage} (DKIM, SPF, DMARC, ARC and an RFC 8601 Authentication-Results header).
 * - Domains: {@link auditDomain} and {@link auditDomains} (SPF, DMARC, DKIM keys, MX, MTA-STS, TLS-RPT, BIMI), and
 *   the policy gate ({@link auditAndGate}, {@link gate}, {@link loadPolicy}).
 * - Protocols: {@link checkHost} (RFC 7208), {@link evaluateDmarc} / {@link discoverPolicy} (RFC 9989, RFC 7489),
 *   {@link verifyDkim}, {@link verifyArc}, the per-protocol audits and the record parsers.
 * - DNS: the {@link Resolver} interface and its implementations (system, zone files, overlay, cache).
 * - Findings: the catalog ({@link FINDINGS_CATALOG}) and the one DNS-trouble rule ({@link isDnsTrouble}).
 * - Output: the renderers (domain reports in text, JSON, Markdown, SARIF, CSV; the `spf`, `dmarc` and `verify`
 *   text) and the JSON Schemas.
 * - Reports: DMARC aggregate and SMTP TLS report ingestion ({@link ingestReports}, {@link openReportStore}), the
 *   sender inventory ({@link buildInventory}), enforcement readiness ({@link assessReadiness}) and the what-if of
 *   a proposed DNS change on reported traffic ({@link whatIf}), with their renderers.
 *
 * Importing this module loads neither `@actions/core`, `commander` nor `cli-progress` (the faces' packages).
 *
 * @packageDocumentation
 */

// First: on a Node.js older than 22.19 the import fails here with an UnsupportedNodeError naming the required
// version, before mailauth (which would die with an unrelated TypeError) is loaded.
import './runtime.js';

// --- Protocols: checks, audits, parsers
export {
  type ArcResult,
  verifyArc,
} from './arc/index.js';
// --- Domains: the audit, batches and the policy gate
export {
  type AuditChecks,
  type AuditOptions,
  auditDomain,
  type DomainReport,
  type HttpsOptions,
  InvalidAuditOptionError,
  InvalidDomainError,
  type ReportSummary,
} from './audit/audit.js';
export { auditDomains, type BatchEntry, type BatchOptions, type BatchResult } from './audit/batch.js';
export { type BatchReport, buildBatchReport, type DomainOutcome } from './audit/batch-report.js';
export { isDnsTrouble } from './audit/dns-trouble.js';
export { auditBimi, type BimiAudit } from './bimi/index.js';
// --- Findings
export { FINDINGS_CATALOG, findingDefinition } from './catalog.js';
export {
  auditDkim,
  DEFAULT_DKIM_VERIFIER_POLICY,
  DKIM_RULES,
  type DkimAudit,
  DkimKeyCache,
  type DkimKeyCacheOptions,
  type DkimKeyCacheStats,
  type DkimKeyRecord,
  type DkimResult,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimRuleSlug,
  type DkimSelectorAudit,
  type DkimSignatureResult,
  type DkimVerifierPolicy,
  type DkimVerifyOptions,
  parseDkimKeyRecord,
  verifyDkim,
} from './dkim/index.js';
export {
  type AssessmentPolicy,
  auditDmarc,
  type DmarcAudit,
  type DmarcDiscovery,
  type DmarcDisposition,
  type DmarcEffective,
  type DmarcEvaluateOptions,
  type DmarcEvaluation,
  type DmarcEvaluationInput,
  type DmarcMode,
  type DmarcParseResult,
  type DmarcResult,
  discoverPolicy,
  evaluateDmarc,
  parseDmarcRecord,
} from './dmarc/index.js';
// --- DNS
export { type CachedResolver, cachedResolver, type DnsStats } from './dns/cache.js';
export { overlayResolver } from './dns/overlay.js';
export type {
  DnsAnswer,
  DnsFailure,
  DnsFailureKind,
  DnsResult,
  DnsSource,
  Resolver,
  RRType,
} from './dns/resolver.js';
export { type SystemResolverOptions, systemResolver } from './dns/system.js';
export { loadZoneFile, loadZonePaths, parseZone, type Zone, ZoneParseError } from './dns/zonefile.js';
export { type ZoneResolverOptions, zoneResolver, zoneResolverFromText } from './dns/zones.js';
export type {
  Evidence,
  FailOn,
  Finding,
  FindingDefinition,
  Position,
  Severity,
} from './findings/finding.js';
export type { RecordStatus } from './findings/record-status.js';
export type { FetchOptions, FetchResult, HttpsFetch } from './https/fetch.js';
// --- Messages
export { buildAuthenticationResults } from './message/auth-results.js';
export type { MessageDmarc } from './message/dmarc.js';
export type { MessageSpf } from './message/spf.js';
export {
  type BulkSenderSummary,
  type MessageEnvelope,
  type MessageInfo,
  type MessageInput,
  MessageInputError,
  type MessageReport,
  type MessageSummary,
  type VerifyMessageOptions,
  verifyMessage,
} from './message/verify.js';
export { auditMtaSts, type MtaStsAudit } from './mtasts/index.js';
export { auditMx, type MxAudit } from './mx/index.js';
// --- The package
export { REQUIRED_NODE_VERSION, UnsupportedNodeError } from './node-version.js';
export {
  type ChangeStatus,
  type DiffOptions,
  diffProblems,
  type ProblemChange,
  type ProblemDiff,
} from './policy/diff.js';
export {
  type DomainGate,
  type GateOptions,
  type GateResult,
  type GateStatus,
  gate,
  gateReports,
  type RuleOutcome,
  type RuleResult,
} from './policy/gate.js';
export { type LoadedPolicy, loadPolicy, PolicyError, type PolicyIssue, parsePolicy } from './policy/load.js';
export {
  type Problem,
  type ProblemMember,
  type ProblemOutcome,
  problemsOf,
  reportProblems,
} from './policy/problems.js';
export {
  type AuditAndGateOptions,
  type AuditAndGateResult,
  AuditIncompleteError,
  auditAndGate,
} from './policy/run.js';
export { readSavedReport, type SavedReport, SavedReportError } from './policy/saved.js';
export {
  type FindingRule,
  type GateDkimRules,
  type GateDmarcRules,
  type GateDomainRules,
  type GateMtaStsRules,
  type GatePolicy,
  type GateReportsRules,
  type GateSpfRules,
  POLICY_SCHEMA,
  type Suppression,
} from './policy/schema.js';
// --- Output
export { renderBatchReport } from './report/batch-render.js';
export { type BatchHtmlOptions, type HtmlOptions, renderBatchHtml, renderHtml } from './report/html.js';
export { renderReportsHtml } from './report/html-reports.js';
export {
  REPORT_FORMATS,
  type RenderOptions,
  type ReportView,
  renderDmarcText,
  renderDomainReports,
  renderMarkdown,
  renderMessageReportText,
  renderSarif,
  renderSpfAnalysisText,
  renderSpfVerdictText,
  viewReport,
} from './report/index.js';
export type { MarkdownOptions } from './report/markdown.js';
// --- DMARC aggregate and SMTP TLS reports
export { renderReports, reportsJson } from './report/reports-render.js';
export { RUA_REPORT_SCHEMA } from './report/reports-schema.js';
export type { ReportsOutput } from './report/reports-view.js';
export type { SarifLog } from './report/sarif.js';
export { DOMAIN_REPORT_SCHEMA, GATED_REPORT_SCHEMA, MESSAGE_REPORT_SCHEMA } from './report/schema.js';
export {
  assessReadiness,
  buildInventory,
  type DomainInventory,
  type DomainReadiness,
  type DomainWhatIf,
  type IngestOptions,
  type IngestSummary,
  ingestFindings,
  ingestReports,
  MemorySink,
  openReportStore,
  parseAggregateXml,
  parseTlsReport,
  type ReadinessOptions,
  ReportReadError,
  type ReportReadErrorCode,
  type ReportSink,
  ReportStore,
  ReportStoreError,
  type ReportsSummary,
  readinessFindings,
  readTraffic,
  type Sender,
  type SenderWhatIf,
  SpfAttributor,
  summarizeReports,
  type TlsReport,
  type TrafficFilter,
  type TrafficRow,
  type WhatIfOptions,
  type WhatIfResult,
  whatIf,
  whatIfFindings,
} from './reports/index.js';
export {
  auditSpf,
  type CheckHostOptions,
  type CheckHostParams,
  checkHost,
  DEFAULT_SPF_LIMITS,
  parseSpfRecord,
  type SpfAudit,
  type SpfAuditOptions,
  type SpfLimits,
  type SpfParseResult,
  type SpfRecord,
  type SpfResult,
  type SpfResultCode,
  type SpfTermInfo,
  type SpfTreeNode,
} from './spf/index.js';
export { auditTlsRpt, type TlsRptAudit } from './tlsrpt/index.js';
export { VERSION } from './version.js';
