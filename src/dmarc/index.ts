/**
 * DMARC (RFC 9989, with RFC 7489 as a mode): record parsing and lint, policy discovery, evaluation, audit.
 *
 * @module
 */

export { auditDmarc, type DmarcAudit, type ReportDestination } from './audit.js';
export {
  type AuthorDomainResult,
  type AuthorDomainStatus,
  type AuthorMailbox,
  decodeEncodedWords,
  extractAuthorDomain,
} from './author.js';
export {
  createRecordLookup,
  type DmarcDiscovery,
  type DmarcDnsError,
  type DmarcIgnoredTxt,
  type DmarcLookup,
  type DmarcRecordLookup,
  discoverPolicy,
  lookupDmarcRecord,
  type OrgDomainRule,
  organizationalDomain7489,
  organizationalDomain9989,
  selectOrganizationalDomain,
  type TreeWalk,
  treeWalk,
  WALK_MAX_LABELS,
  WALK_MAX_QUERIES,
} from './discovery.js';
export { type DmarcEffective, effectivePolicy } from './effective.js';
export {
  type AlignmentReason,
  type DmarcDisposition,
  type DmarcDkimInput,
  type DmarcEvaluateOptions,
  type DmarcEvaluation,
  type DmarcEvaluationInput,
  type DmarcResult,
  type DmarcSpfInput,
  evaluateDmarc,
  type IdentifierAlignment,
  MAX_ALIGNMENT_WALKS,
  MAX_AUTHOR_DOMAINS,
} from './evaluate.js';
export { domainExists, type ExistenceResult } from './existence.js';
export { explainEvaluation } from './explain.js';
export { DMARC_FINDINGS, DMARC_RFC7489_CITATIONS } from './findings.js';
export {
  type AlignmentMode,
  type AssessmentPolicy,
  type DmarcMode,
  type DmarcParseResult,
  type DmarcPublishedTags,
  type DmarcTag,
  type DmarcUri,
  type FailureOption,
  parseDmarcRecord,
  parseReportingUri,
} from './record.js';
export { seededRandom } from './sampler.js';
