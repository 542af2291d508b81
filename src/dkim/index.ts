/**
 * The public face of the DKIM module (RFC 6376) for other modules: message verification and key-record parsing.
 * Other folders (arc/, message/) import DKIM from here only, never from the files behind it.
 *
 * @module
 */

export {
  type BodyHashRequest,
  type Canonicalization,
  relaxedHeader,
  stripSignatureValue,
} from './canonicalize.js';
export { HeaderCanonicalForms, signedHeaderData, verifySignedData } from './crypto.js';
export {
  DEFAULT_KEY_CACHE,
  DkimKeyCache,
  type DkimKeyCacheOptions,
  type DkimKeyCacheStats,
  type DkimKeyLookup,
  lookupKey,
  sharedKeyCache,
} from './key-cache.js';
export { type DkimKeyRecord, type PublicKeyInfo, parseDkimKeyRecord } from './key-record.js';
export {
  DEFAULT_DKIM_POLICY,
  DKIM_RULES,
  type DkimPolicy,
  type DkimRuleName,
  type RuleOutcome,
} from './policy.js';
export {
  DEFAULT_MAX_SIGNATURES,
  type DkimBodyLength,
  type DkimInternal,
  type DkimKeyInfo,
  type DkimMessageVerification,
  type DkimResult,
  type DkimSignatureResult,
  type DkimVerifyOptions,
  isNotEvaluated,
  NOT_EVALUATED_REASON,
  verifyDkim,
  verifyDkimMessage,
} from './verify.js';
