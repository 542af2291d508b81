/**
 * BIMI: the entry module other folders import from: the audit of the BIMI record, logo and mark certificate, the
 * record parser, and the findings.
 *
 * @module
 */

export {
  auditBimi,
  type BimiAudit,
  type BimiAuditOptions,
  type BimiCertificate,
  type BimiDmarcPolicy,
  type BimiLogo,
  dmarcShortfall,
  LOGO_SIZE_LIMIT,
} from './audit.js';
export { BIMI_FINDINGS } from './findings.js';
export { type BimiRecord, parseBimiRecord } from './record.js';
