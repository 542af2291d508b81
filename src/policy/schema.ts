/**
 * The policy file format (`.github/mailgate.yml` or JSON): its JSON Schema (draft 2020-12) and TypeScript types.
 *
 * The schema is the single source of truth: `loadPolicy` validates with it, `schema/policy.schema.json` is this
 * constant written out, and `docs/policy.md` is generated from it (see `renderPolicyReference`). Editors that
 * support JSON Schema (VS Code with the YAML extension) can use the published file for completion.
 *
 * Every object is closed (`additionalProperties: false`) so a misspelt key is an error, not a silently ignored
 * rule. The non-standard `x-error` keyword is an annotation: the message `loadPolicy` shows when that value's
 * pattern or format does not match.
 *
 * @module
 */

import type { AssessmentPolicy } from '../dmarc/index.js';
import type { FailOn, Severity } from '../findings/finding.js';
import type { StsMode } from '../mtasts/index.js';

/** `$id` of the policy schema (also the `$schema` value a policy file may declare). */
export const POLICY_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/policy.schema.json';

const DMARC_POLICY = {
  type: 'string',
  enum: ['none', 'quarantine', 'reject'],
} as const;

const ALIGNMENT = { type: 'string', enum: ['strict', 'relaxed'] } as const;

/** The policy JSON Schema (draft 2020-12). */
export const POLICY_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: POLICY_SCHEMA_ID,
  title: 'mailgate policy',
  description:
    "What a team requires of its domains' SPF, DKIM, DMARC and MTA-STS, and which findings it accepts. Used by `mailgate audit --policy FILE` and the GitHub Action's `policy` input.",
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'The schema URL, for editors. Ignored by mailgate.' },
    version: {
      description: 'The policy format version. Only 1 exists.',
      const: 1,
      default: 1,
    },
    'fail-on': {
      description:
        "Findings at this severity or above fail the gate (after `findings` overrides and suppressions). `never`: only the domain rules can fail it. The Action's `fail-on` input, when set, takes precedence.",
      type: 'string',
      enum: ['error', 'warning', 'never'],
      default: 'error',
    },
    defaults: {
      description:
        "Rules applied to every domain. A domain under `domains` overrides them key by key at every depth: a mapping merges with the defaults' mapping (so `dmarc.alignment: {dkim: strict}` keeps the defaults' `spf` mode), a value or a list (`spf.authorize`, `dkim.selectors`) replaces the defaults' one.",
      $ref: '#/$defs/domainPolicy',
    },
    domains: {
      description:
        'Rules per domain (the key is the domain name). With no `domains` input, the Action audits these domains.',
      type: 'object',
      propertyNames: {
        pattern: '^(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}\\.?$',
        'x-error': 'must be a domain name such as example.com',
      },
      additionalProperties: { $ref: '#/$defs/domainPolicy' },
    },
    findings: {
      description: 'Per finding id (see the findings catalog): a severity override and/or suppressions.',
      type: 'object',
      propertyNames: {
        pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9]+(?:-[a-z0-9]+)*$',
        'x-error': 'must be a finding id such as dmarc.policy-none',
      },
      additionalProperties: { $ref: '#/$defs/findingRule' },
    },
  },
  $defs: {
    domainPolicy: {
      description: 'What one domain must publish.',
      type: 'object',
      additionalProperties: false,
      properties: {
        spf: {
          description: 'SPF (RFC 7208) requirements.',
          type: 'object',
          additionalProperties: false,
          properties: {
            authorize: {
              description:
                'Senders that must be authorized. An IP address must get `pass` from check_host(). A network must get `pass` for every address: it is split at the boundaries of every network of the SPF policy (ip4/ip6 terms and the addresses of a/mx terms, through include and redirect) and check_host() runs once per range, at most 256 times per network (more ranges: undetermined unless a checked range fails). If check_host() passes through a term that can match differently within a range (ptr, a macro on the client address such as %{i}, a target whose networks the audit could not learn), the result is undetermined unless a range fails. `include:DOMAIN` must appear in the include tree (reached through `+include`). Addresses are as strict as `--ip`: IPv4 is four decimal numbers 0-255 without leading zeros (no `1.2.3` shorthand), a prefix is /0-/32 (IPv4) or /0-/128 (IPv6) without leading zeros.',
              type: 'array',
              items: {
                type: 'string',
                pattern: '^(include:[A-Za-z0-9_.-]+\\.?|[0-9A-Fa-f:.]+(/[0-9]{1,3})?)$',
                'x-error': 'must be an IP address, a network (192.0.2.0/24, 2001:db8::/32) or include:DOMAIN',
              },
              uniqueItems: true,
            },
            all: {
              description:
                'The `all` mechanism the record must end with: `-all` requires -all; `~all` accepts ~all or -all.',
              type: 'string',
              enum: ['-all', '~all'],
            },
            'max-lookups': {
              description:
                'Most DNS-querying terms (include, a, mx, ptr, exists, redirect) check_host() may need, counted over the whole include tree (RFC 7208 §4.6.4 allows 10).',
              type: 'integer',
              minimum: 0,
              maximum: 10,
            },
          },
        },
        dmarc: {
          description:
            'DMARC (RFC 9989 / RFC 7489) requirements: minimum policies are ordered none < quarantine < reject.',
          type: 'object',
          additionalProperties: false,
          properties: {
            p: {
              ...DMARC_POLICY,
              description:
                "Minimum policy for mail from the domain itself: its own record's `p=`, or, for a domain without a record of its own, the `sp=` (`np=` if it does not exist) of the record it inherits; as receivers apply it: `t=y` (RFC 9989), or `pct` below 100 in RFC 7489 mode, lowers it one level.",
            },
            sp: {
              ...DMARC_POLICY,
              description:
                'Minimum subdomain policy (`sp=`, defaulting to `p=` when absent), as receivers apply it (`t=y`, or `pct` below 100 in RFC 7489 mode, lowers it one level).',
            },
            np: {
              ...DMARC_POLICY,
              description:
                'Minimum policy for non-existent subdomains (`np=`, defaulting to `sp=`, then `p=`; RFC 9989), as receivers apply it (`t=y` lowers it one level).',
            },
            rua: {
              type: 'boolean',
              description: '`true`: an aggregate report destination (`rua=`) is required.',
            },
            alignment: {
              description:
                "Identifier alignment wanted (`adkim=`/`aspf=`): a mode for both, or one per identifier. `strict` requires `s`; `relaxed` requires `r` (the default when the tag is absent). When both `defaults` and a domain set it, a single mode counts as that mode for both identifiers and the two merge per identifier: defaults `strict` with a domain's `{dkim: relaxed}` give `{dkim: relaxed, spf: strict}`; a domain's `relaxed` sets both.",
              oneOf: [
                ALIGNMENT,
                {
                  type: 'object',
                  additionalProperties: false,
                  properties: { dkim: ALIGNMENT, spf: ALIGNMENT },
                },
              ],
            },
          },
        },
        dkim: {
          description: 'DKIM (RFC 6376) key requirements.',
          type: 'object',
          additionalProperties: false,
          properties: {
            selectors: {
              description:
                'Selectors whose key record must exist and be usable (also audited even if not probed): not revoked (empty `p=`), a known key type (`k=rsa` or `k=ed25519`), `h=` absent or allowing sha256 (verifiers must not accept rsa-sha1, RFC 8301 §3.1), and an RSA key of at least 1024 bits (RFC 8301 §3.2).',
              type: 'array',
              items: {
                type: 'string',
                pattern: '^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$',
                'x-error': 'must be a selector such as google or s1._subdomain',
              },
              uniqueItems: true,
            },
            'min-key-bits': {
              description:
                'Minimum RSA key size in bits for every key found (RFC 8301 requires 1024, recommends 2048). Ed25519 keys (RFC 8463) always satisfy it.',
              type: 'integer',
              minimum: 512,
              maximum: 16384,
            },
          },
        },
        'mta-sts': {
          description:
            'MTA-STS (RFC 8461) requirements, checked when the audit reports MTA-STS. The mode is read from the policy file: fetched over HTTPS, or the repository file given with the Action input `mta-sts-policies` (`--mta-sts-policy DOMAIN=FILE`). With HTTPS off and no such file the rule is not checked (an info, never a failure).',
          type: 'object',
          additionalProperties: false,
          properties: {
            mode: {
              description: 'Minimum policy mode: none < testing < enforce.',
              type: 'string',
              enum: ['none', 'testing', 'enforce'],
            },
          },
        },
        reports: {
          description:
            "Limits on the reported mail a change may break, from DMARC aggregate reports (the Action input `dmarc-reports`, `mailgate audit --dmarc-reports`): every reported sender is replayed against the DNS before the change and after it (check_host() with the sender's address, its DKIM selectors' keys, the DMARC record), and mail that would go from DMARC pass to fail counts as lost. Without reports the rules are not checked (an info).",
          type: 'object',
          additionalProperties: false,
          properties: {
            'max-lost-messages': {
              description:
                'The most reported messages of the domain that may go from DMARC pass to fail (0: none may).',
              type: 'integer',
              minimum: 0,
            },
            'max-lost-share': {
              description:
                "The largest share of the domain's reported messages that may go from DMARC pass to fail, from 0 to 1 (0.01 is 1 %).",
              type: 'number',
              minimum: 0,
              maximum: 1,
            },
          },
        },
      },
    },
    findingRule: {
      description: 'How to treat one finding id.',
      type: 'object',
      additionalProperties: false,
      properties: {
        severity: {
          description: 'Severity to use instead of the catalog severity.',
          type: 'string',
          enum: ['error', 'warning', 'info'],
        },
        suppress: {
          description: 'Accept the finding (one suppression, or a list scoped to different domains).',
          oneOf: [
            { $ref: '#/$defs/suppression' },
            { type: 'array', items: { $ref: '#/$defs/suppression' }, minItems: 1 },
          ],
        },
      },
    },
    suppression: {
      description:
        'An accepted finding: it no longer fails the gate and is reported as suppressed. After `expires` it applies no longer and the gate warns.',
      type: 'object',
      additionalProperties: false,
      required: ['reason'],
      properties: {
        reason: {
          type: 'string',
          minLength: 1,
          description: 'Why the finding is accepted (shown in reports).',
        },
        expires: {
          type: 'string',
          pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
          'x-error': 'must be a date written YYYY-MM-DD',
          description:
            'Last day (YYYY-MM-DD, UTC) the suppression applies; from the next day the finding counts again.',
        },
        domains: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          description: 'Only these domains (default: every domain).',
        },
      },
    },
  },
} as const;

/** An identifier alignment mode wanted by a policy. */
export type AlignmentWanted = 'strict' | 'relaxed';

/** SPF requirements of a {@link GateDomainRules}. */
export interface GateSpfRules {
  /** IP addresses, CIDR networks and `include:DOMAIN` entries that must be authorized. */
  authorize?: string[];
  /** The required `all` mechanism: `-all`, or `~all` (which `-all` also satisfies). */
  all?: '-all' | '~all';
  /** Lookup budget: the most DNS-querying terms allowed (0..10). */
  'max-lookups'?: number;
}

/** DMARC requirements of a {@link GateDomainRules} (RFC 9989 §4.7 tags). */
export interface GateDmarcRules {
  /** The weakest accepted `p=` (policy for the domain). */
  p?: AssessmentPolicy;
  /** The weakest accepted `sp=` (subdomains; a record without `sp=` is compared by its `p=`). */
  sp?: AssessmentPolicy;
  /** The weakest accepted `np=` (non-existent subdomains; defaults to `sp=`, then `p=`). */
  np?: AssessmentPolicy;
  /** True: the record must have at least one `rua=` aggregate report address. */
  rua?: boolean;
  /** The wanted `adkim=`/`aspf=` modes: one for both, or per identifier. */
  alignment?: AlignmentWanted | { dkim?: AlignmentWanted; spf?: AlignmentWanted };
}

/** DKIM requirements of a {@link GateDomainRules}. */
export interface GateDkimRules {
  /** Selectors that must have a usable key record at `<selector>._domainkey.<domain>` (audited as well). */
  selectors?: string[];
  /** Minimum RSA key size, in bits (modulus length; Ed25519 keys are not measured). */
  'min-key-bits'?: number;
}

/** MTA-STS requirements of a {@link GateDomainRules}. */
export interface GateMtaStsRules {
  /** The weakest accepted policy mode (`none` < `testing` < `enforce`, RFC 8461 §5). */
  mode?: StsMode;
}

/** Limits on the reported mail a change may break (DMARC aggregate reports, replayed by the what-if). */
export interface GateReportsRules {
  /** The most reported messages that may go from DMARC pass to fail. */
  'max-lost-messages'?: number;
  /** The largest share (0..1) of the domain's reported messages that may go from DMARC pass to fail. */
  'max-lost-share'?: number;
}

/** What one domain must publish (`defaults` or `domains.<name>`). */
export interface GateDomainRules {
  spf?: GateSpfRules;
  dmarc?: GateDmarcRules;
  dkim?: GateDkimRules;
  'mta-sts'?: GateMtaStsRules;
  reports?: GateReportsRules;
}

/** One suppression of a finding. */
export interface Suppression {
  /** Why the finding is accepted (required; shown in reports and in the expiry warning). */
  reason: string;
  /** Last day it applies, `YYYY-MM-DD` (UTC). */
  expires?: string;
  /** Limits the suppression to these domains (compared case-insensitively, trailing dot ignored). */
  domains?: string[];
}

/** How to treat one finding id. */
export interface FindingRule {
  /** Replaces the finding's catalog severity (before `fail-on` is applied). */
  severity?: Severity;
  /** One suppression or several (e.g. per domain, each with its own reason and expiry). */
  suppress?: Suppression | Suppression[];
}

/**
 * The gate's policy file, validated (`loadPolicy`, `parsePolicy`): what a team requires of its domains, with the
 * keys as written in the file. "Policy" alone means this file only in the gate; a DMARC record's `p=` value is an
 * {@link AssessmentPolicy}, an MTA-STS policy is an `StsPolicy`, DKIM verification rules are a `DkimVerifierPolicy`.
 */
export interface GatePolicy {
  /** The schema URL, for editors (ignored). */
  $schema?: string;
  /** The format version (only 1). */
  version?: 1;
  /** Findings at this severity or above fail the gate (default `error`). */
  'fail-on'?: FailOn;
  /** Rules for every domain. */
  defaults?: GateDomainRules;
  /** Rules per domain name, overriding `defaults` key by key at every depth (mappings merge, lists replace). */
  domains?: Record<string, GateDomainRules>;
  /** Per finding id: a severity override and/or suppressions. */
  findings?: Record<string, FindingRule>;
}
