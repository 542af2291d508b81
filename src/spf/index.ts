/**
 * SPF (RFC 7208): record parsing, check_host() with trace and limits, explanations, the audit (static analysis).
 * The entry module: other folders import SPF from here only, never from the files behind it.
 *
 * @module
 */

export {
  auditSpf,
  MAX_TXT_RDATA,
  type NotFlattenable,
  type SpfAudit,
  type SpfAuditOptions,
  type SpfNetworks,
  type SpfTermInfo,
  type SpfTreeNode,
} from './audit.js';
export {
  type CheckHostOptions,
  type CheckHostParams,
  checkHost,
  DEFAULT_SPF_LIMITS,
  type SpfDecision,
  type SpfHop,
  type SpfIdentityParams,
  type SpfIdentityResult,
  type SpfLimits,
  type SpfResult,
  type SpfResultCode,
  type SpfTermRef,
  type SpfTraceEvent,
  verifySpfIdentity,
} from './check-host.js';
export { explainSpf } from './explain.js';
export { SPF_FINDINGS } from './findings.js';
export { type FlattenedRecord, type SpfFlattenSuggestion, suggestFlatten } from './flatten.js';
export { parseClientIp } from './ip.js';
export { type MacroString, type MacroToken, parseDomainSpec, parseMacroString } from './macro.js';
export { type CidrBlock, formatAddressCount, formatBlockSize, mergeCidrs } from './networks.js';
export { type NetworkTerm, redundantNetworks } from './overlap.js';
export {
  isSpfRecord,
  type Mechanism,
  type Modifier,
  parseSpfRecord,
  printSpfRecord,
  printSpfTerm,
  type Qualifier,
  type SpfParseError,
  type SpfParseResult,
  type SpfRecord,
  type SpfSelection,
  type SpfTerm,
  selectSpfRecords,
} from './record.js';
export {
  dynamicMacroLetters,
  expandStaticDomainSpec,
  STATIC_MACRO_LETTERS,
  type StaticMacroValues,
} from './static-macro.js';
