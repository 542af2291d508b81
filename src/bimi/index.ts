/**
 * BIMI: the entry module other folders import from: the audit of the BIMI record, logo and mark certificate, the
 * record parser, and the findings.
 *
 * @module
 */

export {
  auditBimi,
  type BimiAudit,
  type BimiDmarcPolicy,
} from './audit.js';
