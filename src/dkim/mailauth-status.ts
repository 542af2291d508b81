/**
 * What mailgate reads from mailauth's DKIM status that mailauth exposes only as English comment text. Everything
 * else is read from stable fields (`status.result`, `bodyHash`, `bodyHashExpecting`) or from our own parse of the
 * signature. test/dkim/mailauth-contract.test.ts pins each string here against the installed mailauth, so an
 * upgrade that rewords one fails loudly instead of silently changing verdicts.
 *
 * @module
 */

/**
 * mailauth 7 status comments meaning "the signature verified cryptographically, then mailauth set the result to
 * `neutral` because of `x=`" (`expired`: x= is before the verification time; `invalid expiration`: x= is before
 * t=). mailauth has no field for "the cryptography passed", so these are read; mailgate then applies its own
 * expiry rule (`expired`, with clock skew, RFC 6376 §3.5) to such a signature.
 */
export const MAILAUTH_PASSED_THEN_EXPIRED: ReadonlySet<string> = new Set(['expired', 'invalid expiration']);
