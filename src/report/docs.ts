/**
 * Generated documentation and schema files: the findings catalog table (`docs/findings.md`), the policy
 * file reference (`docs/policy.md`, from the policy JSON Schema), and the published JSON Schemas
 * (`schema/*.schema.json`). `test/report/generated.test.ts` checks that the committed files equal these
 * (run it with `MAILGATE_UPDATE_GENERATED=1` to rewrite them).
 *
 * @module
 */

import { FINDING_GROUPS } from '../catalog.js';
import type { FindingDefinition } from '../findings/finding.js';
import { POLICY_SCHEMA } from '../policy/schema.js';
import { DMARC_REPORT_SCHEMA, SPF_ANALYSIS_SCHEMA, SPF_VERDICT_SCHEMA } from './cli-schema.js';
import { RUA_REPORT_SCHEMA } from './reports-schema.js';
import { DOMAIN_REPORT_SCHEMA, GATED_REPORT_SCHEMA, MESSAGE_REPORT_SCHEMA } from './schema.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The RFC cell: the section, and the RFC 7489 one cited in RFC 7489 mode when it differs. */
function rfcText(d: FindingDefinition): string {
  const rfc = d.rfc ?? '';
  return d.rfc7489 ? `${rfc} (RFC 7489 mode: ${d.rfc7489})` : rfc;
}

/** The findings catalog as Markdown: one table per area (id, severity, title, RFC, remediation). */
export function renderFindingsCatalog(): string {
  const out: string[] = [
    '# Findings catalog',
    '',
    '<!-- Generated from src/*/findings.ts by src/report/docs.ts; do not edit by hand. -->',
    '',
    'Every finding mailgate reports has a stable id. Policy files refer to these ids (`findings:` severity',
    'overrides and suppressions), SARIF rules are built from them, and reports group by them. The severity is',
    'the default; a policy can override it. Findings marked *DNS trouble* (the `*.dns-error` ids and `audit.timeout`)',
    'mean a timeout, SERVFAIL or REFUSED kept a check from completing: they never fail a check on their own; the',
    'exit code is 3, the report summary says `dnsTrouble`, and the policy gate treats them as *undetermined*, never',
    'as a pass.',
    '',
  ];
  for (const group of FINDING_GROUPS) {
    out.push(
      `## ${group.area}`,
      '',
      '| Id | Severity | Title | RFC | What to do |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const d of group.definitions) {
      out.push(
        `| \`${d.id}\` | ${d.severity}${d.dnsTrouble ? ', *DNS trouble*' : ''} | ${cell(d.title)} | ${cell(rfcText(d))} | ${cell(d.remediation ?? '')} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

type SchemaNode = {
  description?: string;
  type?: string;
  enum?: readonly unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  required?: readonly string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  oneOf?: readonly SchemaNode[];
  $ref?: string;
  'x-error'?: string;
  propertyNames?: SchemaNode;
};

const DEFS = (POLICY_SCHEMA as unknown as { $defs: Record<string, SchemaNode> }).$defs;

function deref(node: SchemaNode): SchemaNode {
  if (node.$ref?.startsWith('#/$defs/')) {
    const target = DEFS[node.$ref.slice('#/$defs/'.length)];
    if (target) return { ...target, ...(node.description ? { description: node.description } : {}) };
  }
  return node;
}

function typeText(node: SchemaNode): string {
  const n = deref(node);
  if (n.const !== undefined) return `\`${JSON.stringify(n.const)}\``;
  if (n.enum) return n.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (n.oneOf) return n.oneOf.map(typeText).join(', or ');
  if (n.type === 'array') return `list of ${n.items ? typeText(n.items) : 'values'}`;
  if (n.type === 'integer') {
    const range =
      n.minimum !== undefined && n.maximum !== undefined
        ? ` (${n.minimum}–${n.maximum})`
        : n.minimum !== undefined
          ? ` (≥ ${n.minimum})`
          : '';
    return `integer${range}`;
  }
  if (n.type === 'object') return 'mapping';
  if (n.type === 'string' && n['x-error']) return `string: ${n['x-error'].replace(/^must be /, '')}`;
  return n.type ?? 'value';
}

function rows(node: SchemaNode, path: string, out: string[][], depth = 0): void {
  const n = deref(node);
  if (depth > 6) return;
  const props = n.properties ?? {};
  for (const [key, child] of Object.entries(props)) {
    if (key === '$schema') continue;
    const c = deref(child);
    const p = path ? `${path}.${key}` : key;
    const required = n.required?.includes(key) ? ' (required)' : '';
    const dflt = c.default !== undefined ? ` Default: \`${JSON.stringify(c.default)}\`.` : '';
    out.push([`\`${p}\`${required}`, cell(typeText(child)), cell(`${c.description ?? ''}${dflt}`)]);
    if (c.type === 'object' && c.properties) rows(c, p, out, depth + 1);
    if (c.type === 'object' && c.additionalProperties && typeof c.additionalProperties === 'object') {
      const placeholder = key === 'domains' ? '<domain>' : key === 'findings' ? '<finding-id>' : '<key>';
      rows(c.additionalProperties, `${p}.${placeholder}`, out, depth + 1);
    }
    for (const alt of c.oneOf ?? []) {
      const a = deref(alt);
      if (a.type === 'object' && a.properties) rows(a, p, out, depth + 1);
      if (a.type === 'array' && a.items) {
        const item = deref(a.items);
        if (item.properties) rows(item, `${p}[]`, out, depth + 1);
      }
    }
  }
}

/** The example policy shown in `docs/policy.md` (a test checks that it is valid). */
export const POLICY_EXAMPLE = `# .github/mailgate.yml
version: 1
fail-on: error              # findings at this severity or above fail the gate

defaults:                   # every domain
  spf:
    all: -all               # the record must end with -all
    max-lookups: 8          # keep headroom under the RFC 7208 limit of 10
  dmarc:
    p: quarantine           # at least quarantine
    np: reject
    rua: true               # aggregate reports required
  dkim:
    min-key-bits: 2048

domains:
  example.com:
    spf:
      authorize:
        - 192.0.2.25        # the outbound relay must pass check_host()
        - 198.51.100.0/24   # every address in it must pass
        - include:_spf.google.com
    dmarc:
      p: reject
      alignment: relaxed
    dkim:
      selectors: [google, s2026]
  example.org: {}           # defaults only

findings:
  dmarc.policy-none:
    severity: error         # treat monitoring-only DMARC as an error
  spf.lookup-limit:
    suppress:
      reason: "Vendor include being removed in JIRA-123"
      expires: 2026-03-31   # from 2026-04-01 the finding counts again (and the gate warns)
      domains: [example.org]
`;

/** The policy file reference (`docs/policy.md`), generated from {@link POLICY_SCHEMA}. */
export function renderPolicyReference(): string {
  const table: string[][] = [];
  rows(POLICY_SCHEMA as unknown as SchemaNode, '', table);
  return [
    '# Policy file reference',
    '',
    '<!-- Generated from src/policy/schema.ts by src/report/docs.ts; do not edit by hand. -->',
    '',
    'A policy file says what your domains must publish and which findings you accept. The GitHub Action reads it',
    'with the `policy` input; the CLI with `mailgate audit --policy FILE`; both gate the same way. It is YAML or',
    'JSON, validated against [`schema/policy.schema.json`](../schema/policy.schema.json): an unknown key, a wrong',
    'value or a malformed date is an error naming the line and the key, e.g.',
    '',
    '```',
    'mailgate.yml:12: domains.example.com.dmarc.p: must be one of none, quarantine, reject',
    '```',
    '',
    '## Example',
    '',
    '```yaml',
    POLICY_EXAMPLE.trimEnd(),
    '```',
    '',
    '## How the gate decides',
    '',
    'Each rule gives one outcome per domain:',
    '',
    '| Outcome | Meaning |',
    '| --- | --- |',
    '| `pass` | The requirement holds. |',
    '| `fail` | It does not: the gate fails. |',
    '| `undetermined` | DNS trouble (a timeout, SERVFAIL or REFUSED) kept the data from being read, or the audit did not look (no MTA-STS section, MTA-STS policy file not fetched). Never a pass: the gate is *undetermined* and the Action fails the step. |',
    '| `suppressed` | A finding that would fail the gate was accepted by a suppression (its reason is shown). |',
    '',
    'Besides the domain rules, every finding at or above `fail-on` (after `findings.<id>.severity` overrides) is',
    'a rule of its own, and every finding marked *DNS trouble* in the catalog is `undetermined`. A domain under `domains` takes the',
    '`defaults` and overrides them key by key at every depth: mappings merge (the alignment shorthand is expanded first), lists replace. A suppression applies through its `expires` day (UTC); after that',
    'the finding counts again and the report adds a `policy.suppression-expired` warning. Failed domain rules are',
    'reported as `policy.*` findings (see the [findings catalog](findings.md)).',
    '',
    '## Keys',
    '',
    '| Key | Type | Description |',
    '| --- | --- | --- |',
    ...table.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
}

/** Every generated file, by repository path. */
export function generatedFiles(): Record<string, string> {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return {
    'schema/policy.schema.json': json(POLICY_SCHEMA),
    'schema/domain-report.schema.json': json(DOMAIN_REPORT_SCHEMA),
    'schema/gated-report.schema.json': json(GATED_REPORT_SCHEMA),
    'schema/message-report.schema.json': json(MESSAGE_REPORT_SCHEMA),
    'schema/spf-verdict.schema.json': json(SPF_VERDICT_SCHEMA),
    'schema/spf-analysis.schema.json': json(SPF_ANALYSIS_SCHEMA),
    'schema/dmarc-report.schema.json': json(DMARC_REPORT_SCHEMA),
    'schema/rua-report.schema.json': json(RUA_REPORT_SCHEMA),
    'docs/findings.md': renderFindingsCatalog(),
    'docs/policy.md': renderPolicyReference(),
  };
}
