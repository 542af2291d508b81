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
  DEFAULT_KEY_CACHE,
  DkimKeyCache,
  type DkimKeyCacheOptions,
  type DkimKeyCacheStats,
  type DkimKeyLookup,
  sharedKeyCache,
} from './dkim/key-cache.js';
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
export { DOMAIN_REPORT_SCHEMA, GATED_REPORT_SCHEMA, MESSAGE_REPORT_SCHEMA } from './report/schema.js';
export * from './spf/index.js';
export * from './tlsrpt/audit.js';
export { VERSION } from './version.js';
