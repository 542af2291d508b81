/**
 * The verifier policy mailgate applies on top of mailauth's cryptographic check. Each rule is documented with
 * its RFC and can be configured per verification.
 *
 * | rule (slug; option)                          | fires when                                           | default | RFC |
 * | --------------------------------------------- | ---------------------------------------------------- | ------- | --- |
 * | `rsa-sha1`; `rsaSha1`                         | `a=rsa-sha1`                                         | `fail`  | RFC 8301 §3.1 |
 * | `rsa-key-too-short`; `rsaKeyTooShort`         | RSA key shorter than `rsaMinBits` (1024)             | `fail`  | RFC 8301 §3.2 |
 * | `rsa-key-below-2048`; `rsaKeyBelow2048`       | RSA key shorter than `rsaRecommendedBits` (2048)     | `warn`  | RFC 8301 §3.2 |
 * | `from-not-signed`; `fromNotSigned`            | `h=` does not list From                              | `fail`  | RFC 6376 §5.4, §6.1.1 |
 * | `signature-expired`; `signatureExpired`       | `x=` + `clockSkewSeconds` is before `now`            | `fail`  | RFC 6376 §3.5 |
 * | `timestamp-future`; `timestampFuture`         | `t=` is after `now` + `clockSkewSeconds`             | `fail`  | RFC 6376 §3.5 |
 * | `body-length-limit`; `bodyLengthLimit`        | `l=` present                                         | `warn`  | RFC 6376 §8.2 |
 * | `unsigned-content`; `unsignedContent`         | body content after the `l=` limit                    | `warn`  | RFC 6376 §8.2 |
 * | `key-testing`; `keyTesting`                   | key record `t=y`                                     | `warn`  | RFC 6376 §3.6.1 |
 * | `not-oversigned`; `notOversigned`             | a name in `oversignHeaders` is not listed in `h=` more times than it occurs | `warn` | RFC 6376 §8.15 |
 *
 * Each rule raises the finding `dkim.<slug>` ({@link DKIM_RULES}).
 *
 * Actions: `fail` makes a cryptographically valid signature `fail`; `policy` makes it `policy` (RFC 8601
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

/** What a verifier rule does when it fires (a {@link DkimVerifierPolicy} value). */
export type DkimRuleAction = 'fail' | 'policy' | 'warn' | 'off';

/**
 * The verifier rules, one slug each: the slug is the rule id in a signature's `rules` and in the
 * Authentication-Results `policy.dkim-rules` property, `dkim.<slug>` is the id of the finding the rule raises,
 * and the slug camel-cased ({@link DkimRuleName}, e.g. `rsa-key-too-short` and `rsaKeyTooShort`) is the key of
 * {@link DkimVerifierPolicy} that sets its action. This table is the one place the names come from.
 */
export const DKIM_RULE_SLUGS = [
  'rsa-sha1',
  'rsa-key-too-short',
  'rsa-key-below-2048',
  'from-not-signed',
  'signature-expired',
  'timestamp-future',
  'body-length-limit',
  'unsigned-content',
  'key-testing',
  'not-oversigned',
] as const;

/** A verifier rule's slug (see {@link DKIM_RULE_SLUGS}). */
export type DkimRuleSlug = (typeof DKIM_RULE_SLUGS)[number];

/** `a-b-c` as `aBC`: the camel-cased form of a slug. */
type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** A verifier rule's key in {@link DkimVerifierPolicy}: its slug camel-cased (`rsaKeyTooShort`). */
export type DkimRuleName = CamelCase<DkimRuleSlug>;

/** The camel-cased form of a slug: `rsa-key-below-2048` gives `rsaKeyBelow2048`. */
function camelCase<S extends string>(slug: S): CamelCase<S> {
  return slug.replace(/-(.)/g, (_, c: string) => c.toUpperCase()) as CamelCase<S>;
}

/** The verifier policy. Every field has a default ({@link DEFAULT_DKIM_VERIFIER_POLICY}). */
export interface DkimVerifierPolicy extends Record<DkimRuleName, DkimRuleAction> {
  /** RSA keys shorter than this many bits fire `rsaKeyTooShort` (default 1024). */
  rsaMinBits: number;
  /** RSA keys shorter than this many bits fire `rsaKeyBelow2048` (default 2048). */
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
export const DEFAULT_DKIM_VERIFIER_POLICY: Readonly<DkimVerifierPolicy> = Object.freeze({
  rsaSha1: 'fail',
  rsaKeyTooShort: 'fail',
  rsaKeyBelow2048: 'warn',
  fromNotSigned: 'fail',
  signatureExpired: 'fail',
  timestampFuture: 'fail',
  bodyLengthLimit: 'warn',
  unsignedContent: 'warn',
  keyTesting: 'warn',
  notOversigned: 'warn',
  rsaMinBits: 1024,
  rsaRecommendedBits: 2048,
  clockSkewSeconds: 300,
  oversignHeaders: [...DEFAULT_OVERSIGN_HEADERS],
});

const RFC: Readonly<Record<DkimRuleSlug, string>> = {
  'rsa-sha1': 'RFC 8301 §3.1',
  'rsa-key-too-short': 'RFC 8301 §3.2',
  'rsa-key-below-2048': 'RFC 8301 §3.2',
  'from-not-signed': 'RFC 6376 §5.4',
  'signature-expired': 'RFC 6376 §3.5',
  'timestamp-future': 'RFC 6376 §3.5',
  'body-length-limit': 'RFC 6376 §8.2',
  'unsigned-content': 'RFC 6376 §8.2',
  'key-testing': 'RFC 6376 §3.6.1',
  'not-oversigned': 'RFC 6376 §8.15',
};

/** Each rule by its {@link DkimRuleName}: its slug, the id of the finding it raises (`dkim.<slug>`) and its RFC. */
export const DKIM_RULES: Readonly<
  Record<DkimRuleName, { slug: DkimRuleSlug; findingId: `dkim.${DkimRuleSlug}`; rfc: string }>
> = Object.fromEntries(
  DKIM_RULE_SLUGS.map((slug) => [camelCase(slug), { slug, findingId: `dkim.${slug}`, rfc: RFC[slug] }]),
) as Record<DkimRuleName, { slug: DkimRuleSlug; findingId: `dkim.${DkimRuleSlug}`; rfc: string }>;

/** The defaults as {@link resolveDkimVerifierPolicy} gives them when nothing overrides them (shared, frozen). */
const RESOLVED_DEFAULT: DkimVerifierPolicy = Object.freeze({
  ...DEFAULT_DKIM_VERIFIER_POLICY,
  oversignHeaders: Object.freeze(DEFAULT_DKIM_VERIFIER_POLICY.oversignHeaders.map((h) => h.toLowerCase())),
}) as DkimVerifierPolicy;

/**
 * Merges a partial policy over {@link DEFAULT_DKIM_VERIFIER_POLICY}. The result is read, never changed: without
 * overrides it is one shared frozen object.
 */
export function resolveDkimVerifierPolicy(policy?: Partial<DkimVerifierPolicy>): DkimVerifierPolicy {
  if (!policy) return RESOLVED_DEFAULT;
  let overrides = false;
  for (const k in policy) {
    if (Object.hasOwn(policy, k) && policy[k as keyof DkimVerifierPolicy] !== undefined) {
      overrides = true;
      break;
    }
  }
  if (!overrides) return RESOLVED_DEFAULT;
  const merged: DkimVerifierPolicy = {
    ...DEFAULT_DKIM_VERIFIER_POLICY,
    oversignHeaders: [...DEFAULT_DKIM_VERIFIER_POLICY.oversignHeaders],
  };
  for (const [k, v] of Object.entries(policy)) {
    if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  merged.oversignHeaders = merged.oversignHeaders.map((h) => h.toLowerCase());
  return merged;
}
