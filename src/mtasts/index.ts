/**
 * MTA-STS (RFC 8461): the entry module other folders import from: the audit of a domain's deployment, the
 * `_mta-sts` record and policy file parsers, and the findings.
 *
 * @module
 */

export {
  auditMtaSts,
  type MtaStsAudit,
  policyLine,
  type StsPolicyFile,
} from './audit.js';
export type { StsMode } from './policy.js';
