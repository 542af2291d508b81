/**
 * What mailauth's DKIM status says only as English comment text, for the tests and the benchmark that use mailauth
 * as an oracle (test/dkim/differential-mailauth.test.ts): mailgate's own verifier (verify.ts) does not use
 * mailauth. test/dkim/mailauth-contract.test.ts pins each string here against the installed mailauth, so an
 * upgrade that rewords one fails loudly instead of silently changing what the differential compares.
 *
 * @module
 */

/**
 * mailauth 7 status comments meaning "the signature verified cryptographically, then mailauth set the result to
 * `neutral` because of `x=`" (`expired`: x= is before the verification time; `invalid expiration`: x= is before
 * t=). mailauth has no field for "the cryptography passed", so the differential reads these to compare
 * cryptographic outcomes (`crypto: 'pass'`) of expired signatures.
 */
export const MAILAUTH_PASSED_THEN_EXPIRED: ReadonlySet<string> = new Set(['expired', 'invalid expiration']);
