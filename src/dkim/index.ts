/**
 * The public face of the DKIM module (RFC 6376) for other modules: message verification, key-record parsing, the
 * audit of a domain's key records, and the findings. Other folders import DKIM from here only, never from the
 * files behind it.
 *
 * @module
 */

export { DKIM_FINDINGS } from './findings.js';
export {
  auditDkim,
  type DkimAudit,
  type DkimAuditOptions,
  type DkimKeyRecordView,
  type DkimSelectorAudit,
  type DomainKeyTree,
} from './key.js';
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
export { COMMON_SELECTORS, type CommonSelector } from './selectors.js';
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
