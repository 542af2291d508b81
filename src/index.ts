/**
 * mailgate's public API. Re-exports only: see each module for the details.
 *
 * - Messages: {@link verifyMessage} (DKIM, SPF, DMARC, ARC and an RFC 8601 Authentication-Results header).
 * - Domains: {@link auditDomain} and {@link auditDomains} (SPF, DMARC, DKIM keys, MX, MTA-STS, TLS-RPT, BIMI).
 * - Protocols: {@link checkHost} (RFC 7208), {@link evaluateDmarc} / {@link discoverPolicy} (RFC 9989, RFC 7489),
 *   {@link verifyDkim}, {@link verifyArc}, and the per-record audits.
 * - DNS: the {@link Resolver} interface and its implementations (system, zone files, overlay, cache).
 * - Output: renderers and the policy gate.
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
export {
  DEFAULT_DKIM_VERIFIER_POLICY,
  DKIM_RULE_SLUGS,
  DKIM_RULES,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimRuleSlug,
  type DkimVerifierPolicy,
} from './dkim/policy.js';
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
export { type FetchOptions, type FetchResult, fetchHttps, type HttpsFetch } from './https/fetch.js';
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
  FindingRule,
  GateDkimRules,
  GateDmarcRules,
  GateDomainRules,
  GateMtaStsRules,
  GatePolicy,
  GateSpfRules,
  Suppression,
} from './policy/schema.js';
export { POLICY_SCHEMA } from './policy/schema.js';
export * from './report/index.js';
export { DOMAIN_REPORT_SCHEMA, GATED_REPORT_SCHEMA, MESSAGE_REPORT_SCHEMA } from './report/schema.js';
export * from './spf/index.js';
export * from './tlsrpt/audit.js';
export { VERSION } from './version.js';
