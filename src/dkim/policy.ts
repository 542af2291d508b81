/**
 * The verifier policy mailgate applies on top of mailauth's cryptographic check. Each rule is documented with
 * its RFC and can be configured per verification.
 *
 * | rule (option)          | fires when                                                      | default  | RFC |
 * | ---------------------- | --------------------------------------------------------------- | -------- | --- |
 * | `rsaSha1`              | `a=rsa-sha1`                                                    | `fail`   | RFC 8301 §3.1 |
 * | `rsaKeyTooShort`       | RSA key shorter than `rsaMinBits` (1024)                        | `fail`   | RFC 8301 §3.2 |
 * | `rsaKeyBelowRecommended` | RSA key shorter than `rsaRecommendedBits` (2048)              | `warn`   | RFC 8301 §3.2 |
 * | `fromNotSigned`        | `h=` does not list From                                         | `fail`   | RFC 6376 §5.4, §6.1.1 |
 * | `expired`              | `x=` + `clockSkewSeconds` is before `now`                       | `fail`   | RFC 6376 §3.5 |
 * | `futureTimestamp`      | `t=` is after `now` + `clockSkewSeconds`                        | `fail`   | RFC 6376 §3.5 |
 * | `bodyLength`           | `l=` present                                                    | `warn`   | RFC 6376 §8.2 |
 * | `unsignedContent`      | body content after the `l=` limit                               | `warn`   | RFC 6376 §8.2 |
 * | `testingKey`           | key record `t=y`                                                | `warn`   | RFC 6376 §3.6.1 |
 * | `notOversigned`        | a name in `oversignHeaders` is not listed in `h=` more times than it occurs | `warn` | RFC 6376 §8.15 |
 *
 * Outcomes: `fail` makes a cryptographically valid signature `fail`; `policy` makes it `policy` (RFC 8601
 * §2.7.1 "not acceptable to the ADMD", rendered with `policy.dkim-rules`); `warn` keeps the result and adds a
 * warning finding; `off` disables the rule. Neither `fail` nor `policy` counts as a pass for DMARC.
 *
 * Not configurable (they follow from the RFCs' definitions, not from local policy): a malformed signature is
 * `neutral` (RFC 8601 §2.7.1 "syntax errors"); a missing, revoked, unparsable or inapplicable key (`h=`, `s=`,
 * `k=`, `t=s`) is `permerror`; a DNS timeout or server failure is `temperror`; a body hash or signature
 * mismatch is `fail`.
 *
 * @module
 */

/** What a policy rule does when it fires. */
export type RuleOutcome = 'fail' | 'policy' | 'warn' | 'off';

/** The rules' names (the keys of {@link DkimPolicy} that hold a {@link RuleOutcome}). */
export type DkimRuleName =
  | 'rsaSha1'
  | 'rsaKeyTooShort'
  | 'rsaKeyBelowRecommended'
  | 'fromNotSigned'
  | 'expired'
  | 'futureTimestamp'
  | 'bodyLength'
  | 'unsignedContent'
  | 'testingKey'
  | 'notOversigned';

/** The verifier policy. Every field has a default ({@link DEFAULT_DKIM_POLICY}). */
export interface DkimPolicy extends Record<DkimRuleName, RuleOutcome> {
  /** RSA keys shorter than this many bits fire `rsaKeyTooShort` (default 1024). */
  rsaMinBits: number;
  /** RSA keys shorter than this many bits fire `rsaKeyBelowRecommended` (default 2048). */
  rsaRecommendedBits: number;
  /** Tolerated clock difference in seconds for `t=` and `x=` (default 300, like OpenDKIM's ClockDrift). */
  clockSkewSeconds: number;
  /** Header field names (lower-case) that should be oversigned (checked by `notOversigned`). */
  oversignHeaders: string[];
}

/** Header fields an attacker could add to a signed message to change what the reader sees. */
export const DEFAULT_OVERSIGN_HEADERS: readonly string[] = [
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'reply-to',
  'sender',
  'message-id',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'list-unsubscribe',
  'list-unsubscribe-post',
];

/** The defaults (see the module table). */
export const DEFAULT_DKIM_POLICY: Readonly<DkimPolicy> = Object.freeze({
  rsaSha1: 'fail',
  rsaKeyTooShort: 'fail',
  rsaKeyBelowRecommended: 'warn',
  fromNotSigned: 'fail',
  expired: 'fail',
  futureTimestamp: 'fail',
  bodyLength: 'warn',
  unsignedContent: 'warn',
  testingKey: 'warn',
  notOversigned: 'warn',
  rsaMinBits: 1024,
  rsaRecommendedBits: 2048,
  clockSkewSeconds: 300,
  oversignHeaders: [...DEFAULT_OVERSIGN_HEADERS],
});

/** The rule identifiers used in `policy.dkim-rules` and in {@link DkimPolicy} outcomes, with their RFCs. */
export const DKIM_RULES: Readonly<Record<DkimRuleName, { id: string; rfc: string }>> = {
  rsaSha1: { id: 'rsa-sha1', rfc: 'RFC 8301 §3.1' },
  rsaKeyTooShort: { id: 'weak-key', rfc: 'RFC 8301 §3.2' },
  rsaKeyBelowRecommended: { id: 'key-below-2048', rfc: 'RFC 8301 §3.2' },
  fromNotSigned: { id: 'from-not-signed', rfc: 'RFC 6376 §5.4' },
  expired: { id: 'expired', rfc: 'RFC 6376 §3.5' },
  futureTimestamp: { id: 'future-timestamp', rfc: 'RFC 6376 §3.5' },
  bodyLength: { id: 'body-length', rfc: 'RFC 6376 §8.2' },
  unsignedContent: { id: 'unsigned-content', rfc: 'RFC 6376 §8.2' },
  testingKey: { id: 'testing-key', rfc: 'RFC 6376 §3.6.1' },
  notOversigned: { id: 'not-oversigned', rfc: 'RFC 6376 §8.15' },
};

/** Merges a partial policy over {@link DEFAULT_DKIM_POLICY}. */
export function resolveDkimPolicy(policy?: Partial<DkimPolicy>): DkimPolicy {
  const merged: DkimPolicy = {
    ...DEFAULT_DKIM_POLICY,
    oversignHeaders: [...DEFAULT_DKIM_POLICY.oversignHeaders],
  };
  if (!policy) return merged;
  for (const [k, v] of Object.entries(policy)) {
    if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  merged.oversignHeaders = merged.oversignHeaders.map((h) => h.toLowerCase());
  return merged;
}
