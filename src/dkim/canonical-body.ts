/**
 * Body canonicalization of a body held in memory (RFC 6376 §3.4.3 simple, §3.4.4 relaxed). The one
 * implementation is the streaming canonicalizer in canonicalize.ts; this module keeps its historical name.
 *
 * @module
 */

export { canonicalizeBody } from './canonicalize.js';
