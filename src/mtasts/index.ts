/**
 * MTA-STS (RFC 8461): the entry module other folders import from: the audit of a domain's deployment, the
 * `_mta-sts` record and policy file parsers, and the findings.
 *
 * @module
 */

export {
  auditMtaSts,
  type MtaStsAudit,
  type MtaStsAuditOptions,
  type MtaStsMxCoverage,
  type MtaStsPolicyFetch,
  SHORT_MAX_AGE,
} from './audit.js';
export { MTASTS_FINDINGS } from './findings.js';
export { parseStsPolicy, type StsMode, type StsPolicy } from './policy.js';
export { parseStsRecord, type StsRecord } from './record.js';
