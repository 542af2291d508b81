/**
 * SPF (RFC 7208): record parsing, check_host() with trace and limits, explanations, the audit (static analysis).
 * The entry module: other folders import SPF from here only, never from the files behind it.
 *
 * @module
 */

export {
  auditSpf,
  type SpfAudit,
  type SpfAuditOptions,
  type SpfTermInfo,
  type SpfTreeNode,
} from './audit.js';
export { crossingTerm } from './budget.js';
export {
  type CheckHostOptions,
  type CheckHostParams,
  checkHost,
  DEFAULT_SPF_LIMITS,
  type SpfLimits,
  type SpfResult,
  type SpfResultCode,
  verifySpfIdentity,
} from './check-host.js';
export { explainSpf } from './explain.js';
export { parseClientIp } from './ip.js';
export { formatAddressCount, formatBlockSize } from './networks.js';
export {
  parseSpfRecord,
  type SpfParseResult,
  type SpfRecord,
} from './record.js';
export { dynamicMacroLetters } from './static-macro.js';
