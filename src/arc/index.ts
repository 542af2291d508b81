/**
 * ARC (RFC 8617): the entry module other folders import the ARC chain validation from (never the files behind it).
 *
 * @module
 */

export { ARC_FINDINGS } from './findings.js';
export {
  type ArcChainResult,
  type ArcEvaluateOptions,
  type ArcFailure,
  type ArcResult,
  type ArcSet,
  type ArcVerifyOptions,
  evaluateArc,
  MAX_ARC_SETS,
  verifyArc,
} from './verify.js';
