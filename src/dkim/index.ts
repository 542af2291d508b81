/**
 * The public face of the DKIM module (RFC 6376) for other modules: message verification, key-record parsing, the
 * audit of a domain's key records, and the findings. Other folders import DKIM from here only, never from the
 * files behind it.
 *
 * @module
 */

export {
  auditDkim,
  type DkimAudit,
  type DkimKeyRecordView,
  type DkimSelectorAudit,
} from './key.js';
export { type DkimKeyRecord, parseDkimKeyRecord } from './key-record.js';
export {
  DEFAULT_DKIM_VERIFIER_POLICY,
  DKIM_RULES,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimRuleSlug,
  type DkimVerifierPolicy,
} from './policy.js';
export {
  type DkimMessageVerification,
  type DkimResult,
  type DkimSignatureResult,
  type DkimVerifyOptions,
  verifyDkim,
  verifyDkimMessage,
} from './verify.js';
