/**
 * The JSON Schema (draft 2020-12) of `mailgate rua ... --format json`, published as
 * `schema/rua-report.schema.json` (written by src/report/docs.ts; a test validates real outputs against it).
 * One document per command; `kind` says which. Objects list the fields consumers rely on and allow more
 * (fields are added in minor versions); an incompatible change bumps `schemaVersion`.
 *
 * @module
 */

/** `$id` of the report-analysis schema. */
export const RUA_REPORT_SCHEMA_ID = 'https://github.com/mailgate/mailgate/schema/rua-report.schema.json';

const count = { type: 'integer', minimum: 0 } as const;
const share = { type: 'number', minimum: 0, maximum: 1 } as const;
const epoch = { type: 'integer', minimum: 0, description: 'Seconds since the Unix epoch (UTC).' } as const;
const counts = { type: 'object', additionalProperties: count } as const;
const period = {
  type: 'object',
  required: ['from', 'to'],
  properties: { from: epoch, to: epoch },
} as const;
const policy = {
  type: 'object',
  required: ['domain', 'p', 'seenAt'],
  properties: {
    domain: { type: 'string' },
    p: { type: 'string' },
    sp: { type: 'string' },
    np: { type: 'string' },
    pct: { type: 'integer' },
    testing: { type: 'string' },
    seenAt: epoch,
  },
} as const;
const dnsAnswer = {
  oneOf: [
    { type: 'array', items: { type: 'string' } },
    { type: 'object', required: ['failure'], properties: { failure: { type: 'string' } } },
  ],
} as const;

/** The schema of every `mailgate rua` JSON output. */
export const RUA_REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: RUA_REPORT_SCHEMA_ID,
  title: 'mailgate report analysis',
  description:
    'The output of mailgate rua ingest|summary|senders|readiness|whatif: DMARC aggregate (RFC 9990) and SMTP TLS (RFC 8460) report analysis. Strings from reports are untrusted.',
  type: 'object',
  required: ['schemaVersion', 'kind'],
  properties: {
    $schema: { type: 'string' },
    schemaVersion: { const: 1 },
    kind: { enum: ['summary', 'senders', 'readiness', 'whatif'] },
  },
  oneOf: [
    { properties: { kind: { const: 'summary' } }, required: ['summary'], $ref: '#/$defs/summaryOutput' },
    { properties: { kind: { const: 'senders' } }, required: ['inventory'], $ref: '#/$defs/sendersOutput' },
    {
      properties: { kind: { const: 'readiness' } },
      required: ['readiness'],
      $ref: '#/$defs/readinessOutput',
    },
    { properties: { kind: { const: 'whatif' } }, required: ['whatif'], $ref: '#/$defs/whatIfOutput' },
  ],
  $defs: {
    summaryOutput: {
      type: 'object',
      properties: {
        ingest: { $ref: '#/$defs/ingest' },
        store: {
          type: 'object',
          required: ['schemaVersion', 'aggregateReports', 'rows', 'messages', 'tlsReports', 'failureReports'],
          properties: {
            schemaVersion: count,
            aggregateReports: count,
            rows: count,
            ignoredRows: {
              ...count,
              description:
                'Rows every query ignores: a count over 4,294,967,295, stored by mailgate 0.1.0 (present only when there are any).',
            },
            messages: count,
            tlsReports: count,
            failureReports: count,
            domains: { type: 'array', items: { type: 'string' } },
            firstBegin: { anyOf: [epoch, { type: 'null' }] },
            lastEnd: { anyOf: [epoch, { type: 'null' }] },
          },
        },
        summary: {
          type: 'object',
          required: ['domains', 'tls', 'failureReports'],
          properties: {
            since: epoch,
            until: epoch,
            domains: {
              type: 'array',
              items: {
                type: 'object',
                required: [
                  'domain',
                  'period',
                  'reports',
                  'messages',
                  'dmarcPass',
                  'dmarcFail',
                  'dmarcPassRate',
                  'dispositions',
                ],
                properties: {
                  domain: { type: 'string' },
                  period,
                  reports: count,
                  reporters: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['name', 'reports'],
                      properties: { name: { type: 'string' }, reports: count },
                    },
                  },
                  messages: count,
                  dmarcPass: count,
                  dmarcFail: count,
                  dmarcPassRate: share,
                  spfAligned: count,
                  dkimAligned: count,
                  dispositions: counts,
                  overrides: counts,
                  sources: count,
                  policy,
                },
              },
            },
            tls: {
              type: 'array',
              items: {
                type: 'object',
                required: ['policyDomain', 'policyType', 'reports', 'successful', 'failed', 'failures'],
                properties: {
                  policyDomain: { type: 'string' },
                  policyType: { type: 'string' },
                  reports: count,
                  successful: count,
                  failed: count,
                  failures: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['resultType', 'mxHost', 'sessions'],
                      properties: {
                        resultType: { type: 'string' },
                        mxHost: { type: 'string' },
                        sessions: count,
                      },
                    },
                  },
                },
              },
            },
            failureReports: counts,
          },
        },
      },
    },
    ingest: {
      type: 'object',
      required: ['files', 'aggregate', 'tls', 'failureReports', 'refused', 'tolerated'],
      properties: {
        files: {
          type: 'object',
          required: ['total', 'read', 'tolerated', 'refused'],
          properties: { total: count, read: count, tolerated: count, refused: count },
        },
        aggregate: {
          type: 'object',
          required: [
            'reports',
            'duplicates',
            'tolerated',
            'records',
            'toleratedRecords',
            'refusedRecords',
            'refusedReasons',
            'messages',
          ],
          properties: {
            reports: count,
            duplicates: count,
            tolerated: count,
            records: count,
            toleratedRecords: count,
            refusedRecords: count,
            refusedReasons: {
              type: 'array',
              description: 'Why records were refused: one entry per reason, counted, with a few examples.',
              items: {
                type: 'object',
                required: ['reason', 'count', 'examples', 'input'],
                properties: {
                  reason: { type: 'string' },
                  count: { type: 'integer', minimum: 1 },
                  examples: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'The first distinct offending values (untrusted, cut to 60 characters).',
                  },
                  input: { type: 'string', description: 'The first input with a record refused for it.' },
                },
              },
            },
            messages: count,
          },
        },
        tls: {
          type: 'object',
          properties: { reports: count, duplicates: count, tolerated: count, policies: count },
        },
        failureReports: count,
        refused: {
          type: 'object',
          required: ['total', 'byCode', 'inputs'],
          properties: {
            total: count,
            byCode: counts,
            inputs: {
              type: 'array',
              items: {
                type: 'object',
                required: ['input', 'code', 'reason', 'count'],
                properties: {
                  input: { type: 'string', description: 'The input refused (the first, for a group).' },
                  code: { type: 'string' },
                  reason: { type: 'string' },
                  count: {
                    type: 'integer',
                    minimum: 1,
                    description: 'Inputs refused with this code and reason (a group when over 1).',
                  },
                  others: {
                    type: 'array',
                    items: { type: 'string' },
                    description: 'The next inputs of the group after `input` (a few).',
                  },
                  stoppedReading: {
                    type: 'boolean',
                    description: 'The refusal ended the reading of an archive; such refusals come first.',
                  },
                },
              },
            },
          },
        },
        tolerated: counts,
      },
    },
    sendersOutput: {
      type: 'object',
      properties: {
        inventory: {
          type: 'array',
          items: {
            type: 'object',
            required: ['domain', 'period', 'messages', 'dmarcPass', 'senders', 'unauthorized'],
            properties: {
              domain: { type: 'string' },
              period,
              messages: count,
              dmarcPass: count,
              senders: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [
                    'id',
                    'kind',
                    'name',
                    'messages',
                    'dmarcPass',
                    'dmarcPassRate',
                    'forwarded',
                    'sources',
                    'firstSeen',
                    'lastSeen',
                  ],
                  properties: {
                    id: { type: 'string' },
                    kind: { enum: ['spf', 'dkim', 'mailfrom', 'unauthorized'] },
                    name: { type: 'string' },
                    spf: {
                      type: 'object',
                      required: ['term', 'termDomain'],
                      properties: {
                        term: { type: 'string' },
                        termDomain: { type: 'string' },
                        include: { type: 'string' },
                      },
                    },
                    messages: count,
                    dmarcPass: count,
                    dmarcPassRate: share,
                    spfAligned: count,
                    dkimAligned: count,
                    spfPass: count,
                    dkimPass: count,
                    forwarded: count,
                    dispositions: counts,
                    dkimSigners: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['domain', 'selector', 'messages'],
                        properties: {
                          domain: { type: 'string' },
                          selector: { type: 'string' },
                          messages: count,
                        },
                      },
                    },
                    mailFrom: {
                      type: 'array',
                      items: { type: 'object', properties: { domain: { type: 'string' }, messages: count } },
                    },
                    sources: {
                      type: 'array',
                      items: { type: 'object', properties: { ip: { type: 'string' }, messages: count } },
                    },
                    firstSeen: epoch,
                    lastSeen: epoch,
                  },
                },
              },
              unauthorized: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['ip', 'messages', 'spf'],
                  properties: {
                    ip: { type: 'string' },
                    messages: count,
                    spf: { type: 'string' },
                    headerFrom: { type: 'array' },
                  },
                },
              },
              undetermined: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    target: {
      type: 'object',
      required: [
        'policy',
        'failing',
        'alreadyEnforced',
        'affected',
        'affectedLegitimate',
        'affectedUnauthorized',
        'legitimateShare',
        'verdict',
      ],
      properties: {
        policy: { enum: ['quarantine', 'reject'] },
        failing: count,
        alreadyEnforced: count,
        affected: count,
        affectedLegitimate: count,
        affectedUnauthorized: count,
        legitimateShare: share,
        overridden: count,
        affectedIfTestingKept: count,
        verdict: { enum: ['ready', 'not-ready'] },
      },
    },
    readinessOutput: {
      type: 'object',
      properties: {
        maxLegitimateShare: share,
        readiness: {
          type: 'array',
          items: {
            type: 'object',
            required: ['domain', 'period', 'messages', 'quarantine', 'reject', 'fixFirst', 'unauthorized'],
            properties: {
              domain: { type: 'string' },
              period,
              messages: count,
              dmarcPass: count,
              current: policy,
              quarantine: { $ref: '#/$defs/target' },
              reject: { $ref: '#/$defs/target' },
              fixFirst: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'kind', 'messages', 'failing', 'fixes'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    kind: { type: 'string' },
                    messages: count,
                    failing: count,
                    failingShare: share,
                    forwardedFailing: count,
                    fixes: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
              unauthorized: count,
            },
          },
        },
      },
    },
    whatIfOutput: {
      type: 'object',
      properties: {
        proposed: { type: 'array', items: { type: 'string' } },
        findings: { type: 'array', items: { type: 'object', required: ['id', 'severity', 'message'] } },
        whatif: {
          type: 'object',
          required: ['domains', 'totals', 'replays', 'uncheckedSignatures'],
          properties: {
            replays: count,
            uncheckedSignatures: count,
            totals: {
              type: 'object',
              required: ['messages', 'lost', 'gained', 'undetermined'],
              properties: { messages: count, lost: count, gained: count, undetermined: count },
            },
            domains: {
              type: 'array',
              items: {
                type: 'object',
                required: ['domain', 'messages', 'lost', 'lostShare', 'senders'],
                properties: {
                  domain: { type: 'string' },
                  messages: count,
                  lost: count,
                  lostShare: share,
                  gained: count,
                  undetermined: count,
                  senders: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['senderId', 'name', 'messages', 'lost', 'lostShare', 'weakened', 'changes'],
                      properties: {
                        domain: { type: 'string' },
                        senderId: { type: 'string' },
                        name: { type: 'string' },
                        kind: { type: 'string' },
                        messages: count,
                        lost: count,
                        lostShare: share,
                        lostDisposition: { enum: ['none', 'quarantine', 'reject'] },
                        weakened: count,
                        gained: count,
                        undetermined: count,
                        changes: {
                          type: 'array',
                          items: {
                            type: 'object',
                            required: ['method', 'subject', 'before', 'after', 'messages', 'causes'],
                            properties: {
                              method: { enum: ['spf', 'dkim', 'dmarc'] },
                              subject: { type: 'string' },
                              before: { type: 'string' },
                              after: { type: 'string' },
                              messages: count,
                              causes: {
                                type: 'array',
                                items: {
                                  type: 'object',
                                  required: ['name', 'type', 'before', 'after'],
                                  properties: {
                                    name: { type: 'string' },
                                    type: { type: 'string' },
                                    before: dnsAnswer,
                                    after: dnsAnswer,
                                    source: {
                                      type: 'array',
                                      items: {
                                        type: 'object',
                                        required: ['file', 'line'],
                                        properties: {
                                          file: { type: 'string' },
                                          line: { type: 'integer', minimum: 1 },
                                        },
                                      },
                                    },
                                    zoneFile: { type: 'string' },
                                  },
                                },
                              },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
