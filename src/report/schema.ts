/**
 * JSON Schemas (draft 2020-12) of the JSON reports, published as `schema/domain-report.schema.json` and
 * `schema/gated-report.schema.json` (written from these constants; a test keeps the files in step and
 * validates real reports against them).
 *
 * The report's common parts (domain, findings, summary, DNS counters) are closed; the protocol sections list
 * the fields consumers rely on and allow more, since sections gain fields in minor versions. An incompatible
 * change bumps `schemaVersion`.
 *
 * @module
 */

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
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

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
    schemaVersion: { const: 1, description: 'Report format version; bumped on an incompatible change.' },
    domain: { type: 'string', minLength: 1, description: 'The audited domain: lower-case A-labels.' },
    checkedAt: { type: 'string', format: 'date-time', description: 'When the audit ran (ISO 8601).' },
    spf: { $ref: '#/$defs/spf' },
    dmarc: { $ref: '#/$defs/dmarc' },
    dkim: { $ref: '#/$defs/dkim' },
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
      properties: { file: { type: 'string' }, line: { type: 'integer', minimum: 1 } },
      description: 'The zone file and 1-based line that define a record.',
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
        status: { enum: ['ok', 'none', 'multiple', 'syntax-error', 'dns-error', 'loop', 'not-expanded'] },
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
      required: ['domain', 'mode', 'record', 'recordName', 'policy', 'effective', 'discovery', 'findings'],
      properties: {
        domain: { type: 'string' },
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
              status: { enum: ['found', 'missing', 'error'] },
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

const RULE_OUTCOME = { enum: ['pass', 'fail', 'undetermined', 'suppressed'] } as const;
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
    schemaVersion: { const: 1 },
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
          required: ['errors', 'warnings', 'infos', 'suppressed', 'failed', 'undetermined'],
          properties: {
            errors: { type: 'integer', minimum: 0 },
            warnings: { type: 'integer', minimum: 0 },
            infos: { type: 'integer', minimum: 0 },
            suppressed: { type: 'integer', minimum: 0 },
            failed: { type: 'integer', minimum: 0 },
            undetermined: { type: 'integer', minimum: 0 },
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
                    outcome: RULE_OUTCOME,
                    message: { type: 'string' },
                    expected: { type: 'string' },
                    actual: { type: 'string' },
                    policyPath: { type: 'array', items: { type: 'string' } },
                    finding: { $ref: `${DOMAIN_REPORT_SCHEMA_ID}#/$defs/finding` },
                    suppression: { $ref: '#/$defs/suppression' },
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
