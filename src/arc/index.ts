/**
 * ARC (RFC 8617): the entry module other folders import the ARC chain validation from (never the files behind it).
 *
 * @module
 */

export {
  type ArcResult,
  arcBodyHashRequests,
  evaluateArc,
  verifyArc,
} from './verify.js';
