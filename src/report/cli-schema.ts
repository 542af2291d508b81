/**
 * JSON Schemas (draft 2020-12) of what `mailgate spf` and `mailgate dmarc` print with `--format json`, published
 * as `schema/spf-verdict.schema.json` (`spf --ip`), `schema/spf-analysis.schema.json` (`spf` without `--ip`) and
 * `schema/dmarc-report.schema.json` (`dmarc`). Each carries a `schemaVersion`, bumped on an incompatible change.
 * The analysis and DMARC sections are the ones of the domain report (`$ref` into its `$defs`), so one shape has
 * one definition.
 *
 * Words: in the SPF verdict, `explanation` is what RFC 7208 §6.2 calls the explanation string (the domain's
 * `exp=` text, given only for `fail`, untrusted third-party text), exactly as in the library's `SpfResult`; the
 * sentence mailgate writes about why the result is what it is is `why`.
 *
 * @module
 */

import { DOMAIN_REPORT_SCHEMA_ID } from './schema.js';

/** `schemaVersion` of the `spf --ip --format json` output ({@link SPF_VERDICT_SCHEMA}). */
export const SPF_VERDICT_SCHEMA_VERSION = 1;
/** `schemaVersion` of the `spf --format json` output without `--ip` ({@link SPF_ANALYSIS_SCHEMA}). */
export const SPF_ANALYSIS_SCHEMA_VERSION = 1;
/** `schemaVersion` of the `dmarc --format json` output ({@link DMARC_REPORT_SCHEMA}). */
export const DMARC_REPORT_SCHEMA_VERSION = 1;

/** `$id` of the SPF verdict schema. */
export const SPF_VERDICT_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/spf-verdict.schema.json';
/** `$id` of the SPF analysis schema. */
export const SPF_ANALYSIS_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/spf-analysis.schema.json';
/** `$id` of the DMARC report schema. */
export const DMARC_REPORT_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/dmarc-report.schema.json';

const COUNT = { type: 'integer', minimum: 0 } as const;
const TEXT = { type: 'string' } as const;
const SPF_RESULT = {
  enum: ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'],
} as const;
const QUALIFIER = { enum: ['+', '-', '~', '?'] } as const;
const MECHANISM = { enum: ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] } as const;
/** Offsets and lengths are in UTF-16 code units of the record text. */
const LOCATED = {
  domain: TEXT,
  term: TEXT,
  offset: COUNT,
  length: COUNT,
} as const;

/** The schema of `mailgate spf DOMAIN --ip IP --format json`: the check_host() result (RFC 7208 §4). */
export const SPF_VERDICT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SPF_VERDICT_SCHEMA_ID,
  title: 'mailgate SPF verdict',
  description:
    'The check_host() result for one client (mailgate spf --ip): the result, why, what decided it, the lookups counted against the RFC 7208 §4.6.4 limits and the evaluation trace. Record text, terms and explanation are untrusted DNS text.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'result',
    'why',
    'domain',
    'sender',
    'ip',
    'lookups',
    'voidLookups',
    'limits',
    'trace',
  ],
  properties: {
    schemaVersion: { const: SPF_VERDICT_SCHEMA_VERSION },
    result: { ...SPF_RESULT, description: 'The check_host() result (RFC 7208 §2.6).' },
    why: { ...TEXT, description: 'Sentences by mailgate saying why the result is what it is.' },
    explanation: {
      ...TEXT,
      description:
        "The domain's explanation string (exp=, RFC 7208 §6.2), only for fail when one applies: untrusted third-party text.",
    },
    domain: { ...TEXT, description: 'The checked domain (normalised).' },
    sender: { ...TEXT, description: 'The sender used for macros.' },
    ip: { ...TEXT, description: 'The client address, canonical form.' },
    helo: TEXT,
    problem: { ...TEXT, description: 'Why the result is permerror, temperror or none.' },
    problemAt: {
      type: 'object',
      additionalProperties: false,
      required: ['domain', 'term', 'offset', 'length', 'depth'],
      properties: { ...LOCATED, depth: COUNT },
    },
    lookups: { ...COUNT, description: 'DNS-querying terms evaluated (RFC 7208 §4.6.4).' },
    voidLookups: { ...COUNT, description: 'Void lookups (RFC 7208 §4.6.4).' },
    limits: {
      type: 'object',
      additionalProperties: false,
      required: ['maxLookups', 'maxVoidLookups', 'maxMxHosts', 'maxPtrNames', 'timeoutMs'],
      properties: {
        maxLookups: COUNT,
        maxVoidLookups: COUNT,
        maxMxHosts: COUNT,
        maxPtrNames: COUNT,
        timeoutMs: { type: 'number', minimum: 0, description: 'Milliseconds.' },
      },
    },
    decidedBy: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'domain', 'record', 'qualifier', 'depth', 'path'],
      properties: {
        kind: { enum: ['mechanism', 'default'] },
        domain: TEXT,
        record: TEXT,
        term: TEXT,
        offset: COUNT,
        length: COUNT,
        mechanism: MECHANISM,
        qualifier: QUALIFIER,
        depth: COUNT,
        path: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['via', 'domain', 'term', 'offset', 'length', 'target'],
            properties: { ...LOCATED, via: { enum: ['include', 'redirect'] }, target: TEXT },
          },
        },
      },
    },
    trace: {
      type: 'array',
      description: 'The evaluation, in order: records entered, terms tried, the exp= lookup.',
      items: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'domain', 'depth', 'via', 'status'],
            properties: {
              type: { const: 'record' },
              domain: TEXT,
              depth: COUNT,
              via: { enum: ['check', 'include', 'redirect'] },
              status: { enum: ['found', 'none', 'multiple', 'invalid', 'dns-error'] },
              record: TEXT,
              detail: TEXT,
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: [
              'type',
              'domain',
              'depth',
              'term',
              'offset',
              'length',
              'outcome',
              'lookups',
              'voidLookups',
            ],
            properties: {
              ...LOCATED,
              type: { const: 'term' },
              depth: COUNT,
              outcome: { enum: ['match', 'no-match', 'permerror', 'temperror'] },
              detail: TEXT,
              lookups: { ...COUNT, description: 'DNS-querying terms counted so far (after this term).' },
              voidLookups: { ...COUNT, description: 'Void lookups counted so far (after this term).' },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'domain', 'status'],
            properties: {
              type: { const: 'exp' },
              domain: TEXT,
              status: { enum: ['used', 'ignored'] },
              detail: TEXT,
            },
          },
        ],
      },
    },
  },
} as const;

/** The schema of `mailgate spf DOMAIN --format json` (no `--ip`): the SPF section of the domain report. */
export const SPF_ANALYSIS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SPF_ANALYSIS_SCHEMA_ID,
  title: 'mailgate SPF analysis',
  description:
    "A domain's SPF policy analyzed (mailgate spf without --ip): the record, the include tree with lookup costs, the authorized networks, the findings (most severe first) and a flattening suggestion; the same shape as the spf section of a domain report.",
  type: 'object',
  $ref: `${DOMAIN_REPORT_SCHEMA_ID}#/$defs/spf`,
  required: ['schemaVersion'],
  properties: { schemaVersion: { const: SPF_ANALYSIS_SCHEMA_VERSION } },
} as const;

/** The schema of `mailgate dmarc DOMAIN --format json`: the DMARC section of the domain report. */
export const DMARC_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: DMARC_REPORT_SCHEMA_ID,
  title: 'mailgate DMARC report',
  description:
    "Where a domain's DMARC policy is found (mailgate dmarc), its tags and effective values, the other mode's view and the findings (most severe first); the same shape as the dmarc section of a domain report.",
  type: 'object',
  $ref: `${DOMAIN_REPORT_SCHEMA_ID}#/$defs/dmarc`,
  required: ['schemaVersion', 'comparison'],
  properties: {
    schemaVersion: { const: DMARC_REPORT_SCHEMA_VERSION },
    comparison: {
      type: 'object',
      required: ['mode', 'recordName', 'organizationalDomain'],
      description: 'What receivers of the other mode (RFC 7489 or RFC 9989) find.',
      properties: {
        mode: { enum: ['9989', '7489'] },
        recordName: { anyOf: [TEXT, { type: 'null' }] },
        organizationalDomain: { anyOf: [TEXT, { type: 'null' }] },
      },
    },
  },
} as const;
