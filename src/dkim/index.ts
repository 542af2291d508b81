/**
 * The public face of the DKIM module (RFC 6376) for other modules: message verification, key-record parsing, the
 * audit of a domain's key records, and the findings. Other folders import DKIM from here only, never from the
 * files behind it.
 *
 * @module
 */

export { auditDkim, type DkimAudit, type DkimSelectorAudit } from './audit.js';
export {
  type BodyHashRequest,
  relaxedHeader,
  stripSignatureValue,
} from './canonicalize.js';
export { signedHeaderData, verifySignedData } from './crypto.js';
export {
  DkimKeyCache,
  type DkimKeyCacheOptions,
  type DkimKeyCacheStats,
  type DkimKeyLookup,
  lookupKey,
} from './key-cache.js';
export type { DkimKeyRecordView } from './lint.js';
export {
  DEFAULT_DKIM_VERIFIER_POLICY,
  DKIM_RULES,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimRuleSlug,
  type DkimVerifierPolicy,
} from './policy.js';
export { type DkimKeyRecord, parseDkimKeyRecord } from './record.js';
export {
  DEFAULT_MAX_SIGNATURES,
  type DkimMessageVerification,
  type DkimResult,
  type DkimSignatureResult,
  type DkimVerifyOptions,
  isNotEvaluated,
  verifyDkim,
  verifyDkimMessage,
} from './verify.js';
