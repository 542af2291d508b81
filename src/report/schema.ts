/**
 * JSON Schemas (draft 2020-12) of the JSON reports, published as `schema/domain-report.schema.json`,
 * `schema/gated-report.schema.json` and `schema/message-report.schema.json` (written from these constants by
 * src/report/docs.ts; tests keep the files in step and validate real reports against them).
 *
 * The report's common parts (domain, findings, summary, DNS counters) are closed; the protocol sections list
 * the fields consumers rely on and allow more, since sections gain fields in minor versions. An incompatible
 * change bumps `schemaVersion`.
 *
 * @module
 */

import { RECORD_STATUSES } from '../findings/record-status.js';

/** `$id` of the domain report schema. */
export const DOMAIN_REPORT_SCHEMA_ID =
  'https://github.com/mailgate/mailgate/schema/domain-report.schema.json';
/** `$id` of the gated report schema. */
export const GATED_REPORT_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/gated-report.schema.json';

const DNS_FAILURE_KIND = {
  enum: ['NXDOMAIN', 'NODATA', 'TIMEOUT', 'SERVFAIL', 'REFUSED', 'BADNAME'],
} as const;
const SEVERITY = { enum: ['error', 'warning', 'info'] } as const;
const DMARC_POLICY = { enum: ['none', 'quarantine', 'reject'] } as const;
/** A `RecordStatus` (src/findings/record-status.ts): the status of every record section. */
const RECORD_STATUS = { enum: RECORD_STATUSES } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
/** An optional protocol section (MX, MTA-STS, TLS-RPT, BIMI): its `status`, its `statusDetail` values, its findings. */
const sectionWithStatus = (what: string, details: readonly string[]) => ({
  type: 'object',
  description: `${what}: absent when the check was skipped.`,
  required: ['status', 'findings'],
  properties: {
    status: RECORD_STATUS,
    ...(details.length > 0 ? { statusDetail: { enum: [...details] } } : {}),
    findings: { $ref: '#/$defs/findings' },
  },
});

/** The schema of one `DomainReport` (`mailgate audit --format json` for one domain; each item for several). */
export const DOMAIN_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: DOMAIN_REPORT_SCHEMA_ID,
  title: 'mailgate domain report',
  description:
    "The audit of one domain's sender configuration (SPF, DMARC, DKIM and more), as written by mailgate.",
  type: 'object',
  required: ['schemaVersion', 'domain', 'checkedAt', 'spf', 'dmarc', 'dkim', 'findings', 'summary', 'dns'],
  properties: {
    schemaVersion: {
      const: 2,
      description:
        'Report format version; bumped on an incompatible change (2: every record section has a `status` in one vocabulary).',
    },
    domain: { type: 'string', minLength: 1, description: 'The audited domain: lower-case A-labels.' },
    checkedAt: { type: 'string', format: 'date-time', description: 'When the audit ran (ISO 8601).' },
    spf: { $ref: '#/$defs/spf' },
    dmarc: { $ref: '#/$defs/dmarc' },
    dkim: { $ref: '#/$defs/dkim' },
    mx: sectionWithStatus('MX (RFC 5321 §5.1, RFC 7505)', ['null-mx', 'nxdomain']),
    mtaSts: sectionWithStatus('MTA-STS (RFC 8461)', ['policy-not-fetched']),
    tlsRpt: sectionWithStatus('TLS-RPT (RFC 8460)', []),
    bimi: sectionWithStatus('BIMI', ['declined']),
    findings: {
      type: 'array',
      items: { $ref: '#/$defs/finding' },
      description: 'Every finding, most severe first.',
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['errors', 'warnings', 'infos', 'dnsTrouble'],
      properties: {
        errors: { type: 'integer', minimum: 0 },
        warnings: { type: 'integer', minimum: 0 },
        infos: { type: 'integer', minimum: 0 },
        dnsTrouble: { type: 'boolean', description: 'A TIMEOUT/SERVFAIL/REFUSED left some check undecided.' },
      },
    },
    dns: {
      type: 'object',
      additionalProperties: false,
      required: ['queries', 'cacheHits', 'failures'],
      properties: {
        queries: { type: 'integer', minimum: 0, description: 'Questions sent to the resolver.' },
        cacheHits: { type: 'integer', minimum: 0, description: 'Questions answered from the cache.' },
        failures: {
          type: 'object',
          propertyNames: DNS_FAILURE_KIND,
          additionalProperties: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
  additionalProperties: {
    $ref: '#/$defs/section',
    description: 'Further protocol sections (MX, MTA-STS, TLS-RPT, BIMI...).',
  },
  $defs: {
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['file', 'line'],
      properties: {
        file: { type: 'string' },
        line: { type: 'integer', minimum: 1 },
        column: { type: 'integer', minimum: 1, description: "1-based column of the finding's term." },
      },
      description:
        'The file (a zone file, or a repository MTA-STS policy file) and 1-based line that define a record.',
    },
    finding: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'severity', 'message'],
      properties: {
        id: {
          type: 'string',
          pattern: '^[a-z0-9-]+\\.[a-z0-9-]+$',
          description: 'Catalog id, e.g. spf.lookup-limit.',
        },
        severity: SEVERITY,
        message: { type: 'string', description: 'One sentence; may contain untrusted DNS text.' },
        domain: { type: 'string' },
        evidence: {
          type: 'object',
          additionalProperties: false,
          properties: {
            name: { type: 'string' },
            record: { type: 'string' },
            term: { type: 'string' },
            position: {
              type: 'object',
              additionalProperties: false,
              required: ['offset', 'length'],
              properties: {
                offset: { type: 'integer', minimum: 0 },
                length: { type: 'integer', minimum: 0 },
              },
            },
            source: { $ref: '#/$defs/source' },
            details: { type: 'object' },
          },
        },
        rfc: { type: 'string' },
        remediation: { type: 'string' },
      },
    },
    findings: { type: 'array', items: { $ref: '#/$defs/finding' } },
    section: {
      type: 'object',
      description: 'A protocol section: its own fields and its findings.',
      properties: { findings: { $ref: '#/$defs/findings' } },
    },
    spfNode: {
      type: 'object',
      required: ['domain', 'via', 'status', 'terms', 'ownLookups', 'lookups', 'children'],
      properties: {
        domain: { type: 'string' },
        via: { enum: ['root', 'include', 'redirect'] },
        viaTerm: { type: 'string' },
        depth: { type: 'integer', minimum: 0 },
        status: { enum: [...RECORD_STATUS.enum, 'loop', 'not-expanded'] },
        record: { type: 'string' },
        terms: {
          type: 'array',
          items: {
            type: 'object',
            required: ['term', 'kind', 'cost', 'reached'],
            properties: {
              term: { type: 'string' },
              kind: { enum: ['mechanism', 'modifier', 'invalid'] },
              cost: { type: 'integer', minimum: 0, description: '1 for a reached DNS-querying term.' },
              reached: { type: 'boolean' },
            },
          },
        },
        ownLookups: { type: 'integer', minimum: 0, description: 'DNS-querying terms of this record.' },
        lookups: { type: 'integer', minimum: 0, description: 'DNS-querying terms of this record and below.' },
        children: { type: 'array', items: { $ref: '#/$defs/spfNode' } },
      },
    },
    spf: {
      type: 'object',
      description: 'SPF (RFC 7208): the record, the include tree with lookup costs, the authorized networks.',
      required: [
        'domain',
        'status',
        'record',
        'records',
        'tree',
        'lookups',
        'lookupLimit',
        'voidLookups',
        'networks',
        'findings',
        'dnsErrors',
      ],
      properties: {
        domain: { type: 'string' },
        status: RECORD_STATUS,
        record: nullable({ type: 'string' }),
        records: { type: 'array', items: { type: 'string' } },
        tree: nullable({ $ref: '#/$defs/spfNode' }),
        lookups: { type: 'integer', minimum: 0 },
        lookupLimit: { type: 'integer', minimum: 0 },
        voidLookups: { type: 'integer', minimum: 0 },
        networks: {
          type: 'object',
          required: ['blocks'],
          properties: {
            blocks: {
              type: 'array',
              items: {
                type: 'object',
                required: ['cidr', 'version', 'prefix'],
                properties: {
                  cidr: { type: 'string' },
                  version: { enum: [4, 6] },
                  prefix: { type: 'integer', minimum: 0, maximum: 128 },
                },
              },
            },
          },
        },
        findings: { $ref: '#/$defs/findings' },
        dnsErrors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'type', 'kind'],
            properties: { name: { type: 'string' }, type: { type: 'string' }, kind: DNS_FAILURE_KIND },
          },
        },
      },
    },
    dmarc: {
      type: 'object',
      description:
        'DMARC (RFC 9989 / RFC 7489): where the policy record was found, its tags and effective values.',
      required: [
        'domain',
        'status',
        'mode',
        'record',
        'recordName',
        'policy',
        'effective',
        'discovery',
        'findings',
      ],
      properties: {
        domain: { type: 'string' },
        status: RECORD_STATUS,
        mode: { enum: ['9989', '7489'] },
        record: nullable({ type: 'object', required: ['text'], properties: { text: { type: 'string' } } }),
        recordName: nullable({ type: 'string' }),
        policyDomain: nullable({ type: 'string' }),
        source: nullable({ enum: ['domain', 'organizational', 'psd'] }),
        organizationalDomain: nullable({ type: 'string' }),
        policy: nullable(DMARC_POLICY),
        effective: nullable({
          type: 'object',
          required: ['p', 'sp', 'np', 'adkim', 'aspf'],
          properties: {
            p: DMARC_POLICY,
            sp: DMARC_POLICY,
            np: DMARC_POLICY,
            adkim: { enum: ['r', 's'] },
            aspf: { enum: ['r', 's'] },
          },
        }),
        discovery: { type: 'object' },
        findings: { $ref: '#/$defs/findings' },
      },
    },
    dkim: {
      type: 'object',
      description: 'DKIM (RFC 6376): the key record at each selector checked.',
      required: ['domain', 'selectors', 'findings'],
      properties: {
        domain: { type: 'string' },
        selectors: {
          type: 'array',
          items: {
            type: 'object',
            required: ['selector', 'name', 'status', 'records'],
            properties: {
              selector: { type: 'string' },
              name: { type: 'string' },
              status: RECORD_STATUS,
              statusDetail: { enum: ['revoked'] },
              records: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['text', 'revoked', 'errors'],
                  properties: {
                    text: { type: 'string' },
                    keyType: { enum: ['rsa', 'ed25519'] },
                    bits: { type: 'integer', minimum: 0, description: 'Key size in bits.' },
                    revoked: { type: 'boolean' },
                    errors: { type: 'array', items: { type: 'string' } },
                    source: { $ref: '#/$defs/source' },
                  },
                },
              },
            },
          },
        },
        findings: { $ref: '#/$defs/findings' },
      },
    },
  },
} as const;

const RULE_OUTCOME = { enum: ['pass', 'fail', 'undetermined', 'suppressed', 'not-checked'] } as const;
const GATE_STATUS = { enum: ['passed', 'failed', 'undetermined'] } as const;

/** The schema of the gated report (`mailgate audit --policy FILE --format json`, the Action's `report` file). */
export const GATED_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: GATED_REPORT_SCHEMA_ID,
  title: 'mailgate gated report',
  description: 'Domain reports and the policy gate verdict, rule by rule.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'tool', 'gate', 'reports'],
  properties: {
    schemaVersion: { const: 2 },
    tool: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'version'],
      properties: { name: { const: 'mailgate' }, version: { type: 'string' } },
    },
    gate: {
      type: 'object',
      additionalProperties: false,
      required: ['status', 'passed', 'failOn', 'domains', 'counts', 'reason'],
      properties: {
        status: GATE_STATUS,
        passed: { type: 'boolean' },
        failOn: { enum: ['error', 'warning', 'never'] },
        reason: {
          type: 'string',
          description: 'One line saying why the gate did not pass; empty when it passed.',
        },
        counts: {
          type: 'object',
          additionalProperties: false,
          required: ['errors', 'warnings', 'infos', 'suppressed', 'failed', 'undetermined', 'notChecked'],
          properties: {
            errors: { type: 'integer', minimum: 0 },
            warnings: { type: 'integer', minimum: 0 },
            infos: { type: 'integer', minimum: 0 },
            suppressed: { type: 'integer', minimum: 0 },
            failed: { type: 'integer', minimum: 0 },
            undetermined: { type: 'integer', minimum: 0 },
            notChecked: {
              type: 'integer',
              minimum: 0,
              description:
                'Rules whose check was turned off (MTA-STS mode with HTTPS off and no repository policy file).',
            },
          },
        },
        domains: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['domain', 'status', 'passed', 'rules', 'findings', 'suppressed', 'counts'],
            properties: {
              domain: { type: 'string' },
              status: GATE_STATUS,
              passed: { type: 'boolean' },
              rules: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['domain', 'rule', 'id', 'outcome', 'message'],
                  properties: {
                    domain: { type: 'string' },
                    rule: { type: 'string', description: 'e.g. dmarc.p, spf.authorize, or finding.' },
                    id: { type: 'string' },
                    subject: {
                      type: 'string',
                      description:
                        'What the rule was checked on when it applies several times: the spf.authorize entry, the DKIM selector, dkim or spf for dmarc.alignment.',
                    },
                    outcome: RULE_OUTCOME,
                    message: { type: 'string' },
                    expected: { type: 'string' },
                    actual: { type: 'string' },
                    policyPath: { type: 'array', items: { type: 'string' } },
                    finding: { $ref: `${DOMAIN_REPORT_SCHEMA_ID}#/$defs/finding` },
                    suppression: { $ref: '#/$defs/suppression' },
                    inexact: {
                      const: true,
                      description:
                        'An undetermined result that no DNS trouble caused: a check that cannot be made exact.',
                    },
                  },
                },
              },
              findings: { type: 'array', items: { $ref: `${DOMAIN_REPORT_SCHEMA_ID}#/$defs/finding` } },
              suppressed: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['finding', 'suppression'],
                  properties: {
                    finding: { $ref: `${DOMAIN_REPORT_SCHEMA_ID}#/$defs/finding` },
                    suppression: { $ref: '#/$defs/suppression' },
                  },
                },
              },
              counts: {
                type: 'object',
                additionalProperties: false,
                required: ['errors', 'warnings', 'infos', 'suppressed'],
                properties: {
                  errors: { type: 'integer', minimum: 0 },
                  warnings: { type: 'integer', minimum: 0 },
                  infos: { type: 'integer', minimum: 0 },
                  suppressed: { type: 'integer', minimum: 0 },
                },
              },
            },
          },
        },
      },
    },
    reports: { type: 'array', items: { $ref: DOMAIN_REPORT_SCHEMA_ID } },
    diff: {
      type: 'object',
      description:
        'Base versus head (the Action under fail-on: new, mailgate audit --baseline/--base-zone): every problem of the change with its status, and the fixed problems of the base.',
      additionalProperties: false,
      required: ['status', 'passed', 'reason', 'counts', 'changes'],
      properties: {
        status: GATE_STATUS,
        passed: { type: 'boolean' },
        reason: { type: 'string', description: 'One line saying why it did not pass; empty when it passed.' },
        base: { type: 'string', description: 'What the change was compared with.' },
        counts: {
          type: 'object',
          additionalProperties: false,
          required: ['new', 'worse', 'unknown', 'unchanged', 'fixed'],
          properties: Object.fromEntries(
            ['new', 'worse', 'unknown', 'unchanged', 'fixed'].map((k) => [
              k,
              { type: 'integer', minimum: 0 },
            ]),
          ),
        },
        changes: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['status', 'domain', 'key', 'outcome', 'id', 'severity', 'message', 'rules', 'related'],
            properties: {
              status: { enum: ['new', 'worse', 'unknown', 'unchanged', 'fixed'] },
              domain: { type: 'string' },
              key: {
                type: 'string',
                description:
                  'The problem key: `rule <domain> <rule> [<subject>]` or `finding <domain> <id> <name> [<term>]`.',
              },
              outcome: { enum: ['fail', 'undetermined', 'warn', 'info'] },
              id: { type: 'string', description: 'The finding that states the problem.' },
              severity: SEVERITY,
              message: { type: 'string' },
              rules: { type: 'array', items: { type: 'string' } },
              related: { type: 'array', items: { type: 'string' } },
              worse: { type: 'array', items: { type: 'string' } },
              unknown: { type: 'string' },
              where: {
                type: 'object',
                additionalProperties: false,
                required: ['file'],
                properties: {
                  file: { type: 'string' },
                  line: { type: 'integer', minimum: 1 },
                  column: { type: 'integer', minimum: 1 },
                  absent: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    suppression: {
      type: 'object',
      additionalProperties: false,
      required: ['reason'],
      properties: {
        reason: { type: 'string' },
        expires: { type: 'string' },
        domains: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;

/** `$id` of the message report schema. */
export const MESSAGE_REPORT_SCHEMA_ID =
  'https://github.com/mailgate/mailgate/schema/message-report.schema.json';

const SPF_RESULT = {
  enum: ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'],
} as const;
const AUTH_ENGINE = { enum: ['mailgate', 'mailauth'] } as const;
const ISO_TIME = { type: 'string', format: 'date-time' } as const;
const COUNT = { type: 'integer', minimum: 0 } as const;
const STRINGS = { type: 'array', items: { type: 'string' } } as const;

/**
 * The schema of one `MessageReport` (`mailgate verify --format json`; src/message/verify.ts). Every field of the
 * report is typed. As in {@link DOMAIN_REPORT_SCHEMA}, the report's common parts (the top level, `message`,
 * `envelope`, `findings`, `authenticationResults`, `bulkSender`, `summary`) are closed, while the protocol
 * sections (`spf`, each `dkim` entry, `dmarc`, `arc`) list all their fields but allow more, since sections gain
 * fields in minor versions. An incompatible change bumps `schemaVersion` (`MESSAGE_REPORT_SCHEMA_VERSION`).
 */
export const MESSAGE_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: MESSAGE_REPORT_SCHEMA_ID,
  title: 'mailgate message report',
  description:
    'The verification of one message (DKIM, SPF, DMARC, ARC, bulk-sender readiness) and the Authentication-Results field to prepend, as written by mailgate verify. Header values, DNS records and reasons quoting them are untrusted text.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'verifiedAt',
    'authservId',
    'message',
    'envelope',
    'spf',
    'dkim',
    'dmarc',
    'arc',
    'findings',
    'why',
    'authenticationResults',
    'summary',
  ],
  properties: {
    schemaVersion: {
      const: 2,
      description:
        'Report format version; bumped on an incompatible change (2: `why` replaced `explanation`).',
    },
    verifiedAt: { ...ISO_TIME, description: 'The verification time (ISO 8601), also used for DKIM t=/x=.' },
    authservId: { type: 'string', minLength: 1, description: 'The authserv-id (RFC 8601 §2.5) used.' },
    message: {
      type: 'object',
      additionalProperties: false,
      description: 'The message as read.',
      required: ['bytes', 'headerBytes', 'bodyBytes', 'lineEndings', 'hasSeparator', 'from'],
      properties: {
        bytes: { ...COUNT, description: 'Size in bytes.' },
        headerBytes: { ...COUNT, description: 'Header section size in bytes.' },
        bodyBytes: { ...COUNT, description: 'Body size in bytes.' },
        lineEndings: {
          enum: ['crlf', 'lf', 'mixed', 'none'],
          description: '`lf` was converted to CRLF before verifying.',
        },
        hasSeparator: { type: 'boolean', description: 'False when no empty line separates header and body.' },
        from: { ...STRINGS, description: 'The From field values (unfolded, untrusted text).' },
        subject: { type: 'string', description: 'The Subject (unfolded, untrusted text).' },
        messageId: { type: 'string' },
        date: { type: 'string', description: 'The Date field as written (untrusted text).' },
      },
    },
    envelope: {
      type: 'object',
      additionalProperties: false,
      description: 'The envelope used for SPF and where it came from.',
      required: ['source'],
      properties: {
        ip: { type: 'string', description: 'The SMTP client IP address.' },
        helo: { type: 'string', description: 'The HELO/EHLO name.' },
        mailFrom: { type: 'string', description: "The MAIL FROM ('' for the null reverse-path)." },
        source: { enum: ['options', 'received', 'mixed', 'none'] },
        received: {
          type: 'object',
          additionalProperties: false,
          required: ['index', 'value'],
          properties: {
            index: { ...COUNT, description: 'Position among the Received fields (0 = topmost).' },
            value: { type: 'string', description: 'The Received field value (untrusted text).' },
          },
        },
        skippedReceived: {
          type: 'array',
          description: 'Newer Received fields skipped because their client IP is internal.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['index', 'ip', 'range'],
            properties: {
              index: COUNT,
              ip: { type: 'string' },
              helo: { type: 'string' },
              range: { type: 'string', description: 'private, uniqueLocal, loopback or linkLocal.' },
            },
          },
        },
        note: { type: 'string' },
      },
    },
    spf: {
      type: 'object',
      description: 'SPF (RFC 7208) for the envelope.',
      required: ['result', 'identity', 'domain', 'engine'],
      properties: {
        result: SPF_RESULT,
        identity: { enum: ['mailfrom', 'helo', null] },
        domain: nullable({ type: 'string' }),
        ip: { type: 'string' },
        helo: { type: 'string' },
        mailFrom: { type: 'string' },
        reason: { type: 'string' },
        skipped: { type: 'boolean', description: 'SPF could not be checked (no client IP, or no identity).' },
        explanation: { type: 'string', description: 'The exp= text for a fail (untrusted DNS text).' },
        lookups: { ...COUNT, description: 'DNS-querying terms used (RFC 7208 §4.6.4).' },
        engine: AUTH_ENGINE,
      },
    },
    dkim: {
      type: 'array',
      description: 'One entry per DKIM-Signature header field, top first.',
      items: { $ref: '#/$defs/dkimSignature' },
    },
    dmarc: {
      type: 'object',
      description: 'DMARC (RFC 9989 / RFC 7489): result, policy, disposition, alignment.',
      required: [
        'result',
        'policy',
        'disposition',
        'authorDomain',
        'policyDomain',
        'alignedBy',
        'alignment',
        'why',
        'mode',
        'engine',
      ],
      properties: {
        result: { enum: ['pass', 'fail', 'none', 'temperror', 'permerror'] },
        policy: nullable(DMARC_POLICY),
        disposition: DMARC_POLICY,
        authorDomain: nullable({ type: 'string' }),
        policyDomain: nullable({ type: 'string' }),
        record: { type: 'string', description: 'The record text (untrusted DNS text).' },
        alignedBy: { type: 'array', items: { enum: ['spf', 'dkim'] } },
        alignment: {
          type: 'array',
          items: {
            type: 'object',
            required: ['method', 'domain', 'result', 'aligned', 'detail'],
            properties: {
              method: { enum: ['spf', 'dkim'] },
              domain: { type: 'string' },
              selector: { type: 'string' },
              result: { type: 'string' },
              aligned: { ...nullable({ type: 'boolean' }), description: 'null: unknown (DNS trouble).' },
              detail: { type: 'string' },
            },
          },
        },
        testing: { type: 'boolean', description: 't=y (RFC 9989).' },
        reason: { type: 'string' },
        why: { type: 'string', description: 'The verdict in words.' },
        mode: { enum: ['9989', '7489'] },
        arcOverride: {
          type: 'object',
          required: ['sealer', 'instance', 'disposition', 'reason'],
          properties: {
            sealer: { type: 'string' },
            instance: { type: 'integer', minimum: 1 },
            recordedDmarc: { type: 'string' },
            disposition: { const: 'none' },
            reason: { const: 'trusted_forwarder' },
          },
        },
        engine: AUTH_ENGINE,
        displayNameAddresses: {
          type: 'array',
          description:
            'From display names that show an address at another domain than their mailbox (RFC 9989 §11.4; untrusted text).',
          items: {
            type: 'object',
            required: ['displayName', 'shownDomain', 'domain'],
            properties: {
              displayName: { type: 'string' },
              shownDomain: { type: 'string' },
              domain: { type: 'string' },
            },
          },
        },
      },
    },
    arc: {
      type: 'object',
      description: 'The ARC chain (RFC 8617).',
      required: ['result', 'instance', 'sets', 'sealers', 'findings'],
      properties: {
        result: { enum: ['none', 'pass', 'fail'] },
        reason: { type: 'string' },
        instance: { ...COUNT, description: 'The newest instance (0 without a chain).' },
        oldestPass: {
          ...COUNT,
          description:
            'A passing chain: the lowest instance from which every ARC-Message-Signature verifies, 0 when all do (RFC 8617 §5.2 step 5).',
        },
        sets: { type: 'array', items: { $ref: '#/$defs/arcSet' } },
        failed: {
          type: 'object',
          required: ['part', 'reason'],
          properties: {
            instance: { type: 'integer', minimum: 1 },
            part: { enum: ['structure', 'seal', 'message-signature', 'key', 'dns'] },
            reason: { type: 'string' },
          },
        },
        temporary: { type: 'boolean', description: 'A DNS failure prevented validation.' },
        sealers: STRINGS,
        sealedResults: {
          type: 'object',
          required: ['authservId', 'results'],
          properties: {
            instance: { type: 'integer', minimum: 1 },
            authservId: { type: 'string' },
            version: { type: 'string' },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['method', 'result', 'props'],
                properties: {
                  method: { type: 'string' },
                  result: { type: 'string' },
                  reason: { type: 'string' },
                  props: { type: 'object', additionalProperties: { type: 'string' } },
                },
              },
            },
          },
        },
        findings: { $ref: '#/$defs/findings' },
      },
    },
    bulkSender: {
      type: 'object',
      additionalProperties: false,
      description:
        'Bulk-sender readiness (absent with bulk: false). The checks raise findings only when applies is true (bulk mail).',
      required: ['applies', 'detectedBy', 'ready', 'checks'],
      properties: {
        applies: {
          type: 'boolean',
          description: 'True when the message is treated as bulk mail (by its header, or bulk: true).',
        },
        detectedBy: {
          ...STRINGS,
          description:
            'The header fields that mark the message as bulk (List-Unsubscribe, List-Id, Precedence: bulk...).',
        },
        notApplicableNote: { type: 'string', description: 'Why the checks do not apply (not bulk mail).' },
        ready: { type: 'boolean' },
        checks: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'ok', 'detail'],
            properties: { id: { type: 'string' }, ok: { type: 'boolean' }, detail: { type: 'string' } },
          },
        },
        forwardedNote: { type: 'string' },
      },
    },
    findings: { $ref: '#/$defs/findings', description: 'Every finding, most severe first.' },
    why: { ...STRINGS, description: 'Sentences a person can act on, most important first.' },
    authenticationResults: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'value', 'header'],
      description: 'The RFC 8601 Authentication-Results header field, ready to prepend.',
      properties: {
        name: { const: 'Authentication-Results' },
        value: { type: 'string', pattern: '^[\\t\\r\\n\\x20-\\x7e]*$', description: 'US-ASCII, folded.' },
        header: {
          type: 'string',
          pattern: '^[\\t\\r\\n\\x20-\\x7e]*$',
          description: '`name: value` + CRLF.',
        },
      },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: [
        'dmarc',
        'disposition',
        'dkimPass',
        'dkimTotal',
        'dnsTrouble',
        'errors',
        'warnings',
        'infos',
      ],
      properties: {
        dmarc: { enum: ['pass', 'fail', 'none', 'temperror', 'permerror'] },
        disposition: {
          enum: ['none', 'quarantine', 'reject'],
          description:
            'What a receiver would do: the DMARC disposition, or none when a trusted ARC sealer overrides a failure (RFC 8617 §7.2).',
        },
        dkimPass: COUNT,
        dkimTotal: COUNT,
        dnsTrouble: { type: 'boolean', description: 'DNS trouble left part of the verdict undecided.' },
        errors: COUNT,
        warnings: COUNT,
        infos: COUNT,
      },
    },
  },
  $defs: {
    source: DOMAIN_REPORT_SCHEMA.$defs.source,
    finding: DOMAIN_REPORT_SCHEMA.$defs.finding,
    findings: DOMAIN_REPORT_SCHEMA.$defs.findings,
    dkimSignature: {
      type: 'object',
      description: 'One DKIM-Signature header field (RFC 6376) with mailgate policy (RFC 8301, RFC 8463).',
      required: ['index', 'result', 'crypto', 'c', 'signedHeaders', 'notOversigned', 'rules', 'findings'],
      properties: {
        index: { ...COUNT, description: '0 = topmost (newest) DKIM-Signature.' },
        result: { enum: ['pass', 'fail', 'neutral', 'policy', 'temperror', 'permerror'] },
        reason: { type: 'string' },
        crypto: { enum: ['pass', 'fail', 'not-checked'] },
        d: { type: 'string', description: 'The SDID.' },
        i: { type: 'string', description: 'The AUID.' },
        s: { type: 'string', description: 'The selector.' },
        a: { type: 'string' },
        c: { type: 'string', description: '`header/body` canonicalization.' },
        signedHeaders: STRINGS,
        signedAt: ISO_TIME,
        expiresAt: ISO_TIME,
        b: { type: 'string', description: 'The first 8 characters of b= (RFC 6008).' },
        key: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', description: '<s>._domainkey.<d>' },
            dnsError: DNS_FAILURE_KIND,
            record: { type: 'string' },
            recordCount: COUNT,
            cnames: STRINGS,
            keyType: { type: 'string' },
            bits: { ...COUNT, description: 'Key size in bits.' },
            flags: STRINGS,
            hashAlgorithms: STRINGS,
            source: { $ref: '#/$defs/source' },
          },
        },
        bodyHash: {
          type: 'object',
          properties: { expected: { type: 'string' }, computed: { type: 'string' } },
        },
        bodyLength: {
          type: 'object',
          required: ['limit'],
          properties: {
            limit: { ...COUNT, description: 'l=: canonicalized body bytes covered.' },
            canonicalBytes: COUNT,
            unsignedBytes: COUNT,
            unsignedExcerpt: { type: 'string', description: 'Up to 300 characters (untrusted).' },
          },
        },
        notOversigned: STRINGS,
        rules: {
          type: 'array',
          items: {
            type: 'object',
            required: ['rule', 'outcome'],
            properties: { rule: { type: 'string' }, outcome: { enum: ['fail', 'policy', 'warn'] } },
          },
        },
        findings: { $ref: '#/$defs/findings' },
      },
    },
    arcSet: {
      type: 'object',
      required: ['instance', 'missing'],
      properties: {
        instance: { type: 'integer', minimum: 1, maximum: 50 },
        seal: {
          type: 'object',
          properties: {
            d: { type: 'string' },
            s: { type: 'string' },
            a: { type: 'string' },
            cv: { type: 'string' },
            t: { type: 'string' },
          },
        },
        messageSignature: {
          type: 'object',
          required: ['h'],
          properties: {
            d: { type: 'string' },
            s: { type: 'string' },
            a: { type: 'string' },
            c: { type: 'string' },
            h: STRINGS,
          },
        },
        authResults: {
          type: 'object',
          required: ['authservId', 'results'],
          properties: {
            authservId: { type: 'string' },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['method', 'result'],
                properties: {
                  method: { type: 'string' },
                  result: { type: 'string' },
                  headerFrom: {
                    type: 'string',
                    description: 'For a dmarc result: the header.from the sealer named (untrusted text).',
                  },
                },
              },
            },
          },
        },
        missing: {
          type: 'array',
          items: { enum: ['ARC-Seal', 'ARC-Message-Signature', 'ARC-Authentication-Results'] },
        },
      },
    },
  },
} as const;
