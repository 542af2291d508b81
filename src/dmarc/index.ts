/**
 * DMARC (RFC 9989, with RFC 7489 as a mode): record parsing and lint, policy discovery, evaluation, audit.
 *
 * @module
 */

export { auditDmarc, type DmarcAudit } from './audit.js';
export { type DisplayNameAddress, extractAuthorDomain } from './author.js';
export {
  type DmarcDiscovery,
  discoverPolicy,
  organizationalDomain7489,
} from './discovery.js';
export type { DmarcEffective } from './effective.js';
export {
  type DmarcDisposition,
  type DmarcDkimInput,
  type DmarcEvaluateOptions,
  type DmarcEvaluation,
  type DmarcEvaluationInput,
  type DmarcResult,
  evaluateDmarc,
  evaluateDmarcNow,
} from './evaluate.js';
export {
  type AssessmentPolicy,
  type DmarcMode,
  type DmarcParseResult,
  parseDmarcRecord,
} from './record.js';
