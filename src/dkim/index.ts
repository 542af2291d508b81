/**
 * The public face of the DKIM module (RFC 6376) for other modules: message verification and key-record parsing.
 * Other folders (arc/, message/) import DKIM from here only, never from the files behind it.
 *
 * @module
 */

export { type DkimKeyRecord, type PublicKeyInfo, parseDkimKeyRecord } from './key-record.js';
export {
  DEFAULT_DKIM_VERIFIER_POLICY,
  DKIM_RULE_SLUGS,
  DKIM_RULES,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimRuleSlug,
  type DkimVerifierPolicy,
} from './policy.js';
export {
  type DkimBodyLength,
  type DkimInternal,
  type DkimKeyInfo,
  type DkimMessageVerification,
  type DkimResult,
  type DkimSignatureResult,
  type DkimVerifyOptions,
  verifyDkim,
  verifyDkimMessage,
} from './verify.js';
