/**
 * MX (RFC 5321 §5.1, RFC 7505): the entry module other folders import from: the audit of a domain's mail
 * exchangers and their reverse DNS, and the findings.
 *
 * @module
 */

export {
  auditMx,
  type MxAudit,
} from './audit.js';
export { MX_FINDINGS } from './findings.js';
