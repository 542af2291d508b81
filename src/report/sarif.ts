/**
 * The SARIF 2.1.0 renderer, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF
 * viewers. `runs[0].tool.driver.rules` comes from the findings catalog; each finding becomes a result with its
 * `ruleId`, `level` and message, located in the zone file and line that define the record when the record came
 * from a zone file, and logically at the domain.
 *
 * Regions are whole lines: `region` has `startLine` only, never `startColumn`/`endColumn`. A finding's
 * `evidence.position` is an offset into the record text (the TXT character-strings unescaped and joined), not
 * into the zone file: in the file the same record is quoted, may be split into several character-strings or
 * across lines inside parentheses, and may use `\"`, `\\` or `\DDD` escapes (RFC 1035 §5.1), so a column
 * computed from the offset would be wrong for many records, and a renderer does not read zone files to check.
 * Instead the result's `properties` carry `term` and `termOffset`/`termLength` (UTF-16 code units into
 * `properties.record`), which locate the term exactly in the record.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import type { DomainReport } from '../audit/audit.js';
import { FINDINGS_CATALOG } from '../catalog.js';
import type { Finding, FindingDefinition, Severity } from '../findings/finding.js';
import type { GateResult, RuleResult } from '../policy/gate.js';
import { VERSION } from '../version.js';
import { escapeControl } from './escape.js';

/** The SARIF schema URL written in `$schema`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Options for {@link renderSarif}. */
export interface SarifOptions {
  /** Use the gate's effective findings (severity overrides, `policy.*` results, suppressions). */
  gate?: GateResult;
  /**
   * Where a finding is in the repository when `evidence.source` does not say (e.g. the policy file line of a
   * failed rule). Paths are relative to the repository root, with `/`.
   */
  locate?: (finding: Finding) => { file: string; line: number } | undefined;
  /** Information URI of the tool (default the project page). */
  informationUri?: string;
  /** A category for code scanning (`runs[0].automationDetails.id`), e.g. `mailgate/`. */
  category?: string;
}

/** A SARIF log (only the parts mailgate writes). */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

/** One SARIF run. */
export interface SarifRun {
  tool: {
    driver: {
      name: string;
      version: string;
      semanticVersion: string;
      informationUri: string;
      rules: SarifRule[];
    };
  };
  automationDetails?: { id: string };
  results: SarifResult[];
}

/** A SARIF reportingDescriptor. */
export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: string };
}

/** A SARIF result level. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** A SARIF result. */
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string }[];
  /**
   * `record`: the record text (untrusted DNS text, as in the report); `term`: the term, tag or header the finding
   * is about; `termOffset`/`termLength`: where `term` is in `record`, in UTF-16 code units (from
   * `evidence.position`; not a zone-file column, see the module notes).
   */
  properties: {
    domain: string;
    rfc?: string;
    record?: string;
    term?: string;
    termOffset?: number;
    termLength?: number;
  };
}

/** A SARIF location: a file region and/or the domain as a logical location. */
export interface SarifLocation {
  physicalLocation?: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * `message.text` is plain text (SARIF 2.1.0 §3.11.8), shown as is: no Markdown escaping. Control and invisible
 * characters are made visible (`\x1b`), so DNS text cannot break a viewer's line or colour it. The one syntax
 * plain text has is the embedded link `[text](target)` (§3.11.6); literal brackets and backslashes "MAY appear
 * anywhere else ... without being escaped", so they are escaped (`\[`, `\]`, `\\`) only in a text where `](`
 * could make one, which keeps untrusted text from linking anywhere.
 */
export function sarifText(text: string): string {
  const visible = escapeControl(text);
  return visible.includes('](') ? visible.replace(/[\\[\]]/g, (c) => `\\${c}`) : visible;
}

/**
 * A file path as a SARIF `artifactLocation.uri` (§3.4.3: a URI reference): `\` becomes `/`, each path segment is
 * percent-encoded (RFC 3986 §2.1: spaces, `%`, `|`, `<`, backquote, `#`, `?`, `:`, control and non-ASCII
 * characters), so the result is a valid relative reference to resolve against `uriBaseId` (`%SRCROOT%`). An
 * absolute path (`/srv/zones/x.zone`, `C:\zones\x.zone`) becomes a `file:` URI and gets no `uriBaseId`.
 */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const path = file.replace(/\\/g, '/');
  // A lone surrogate cannot be UTF-8 encoded (encodeURIComponent would throw): it becomes U+FFFD first.
  const wellFormed = (seg: string) =>
    seg.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  const encode = (segments: string[]) => segments.map((seg) => encodeURIComponent(wellFormed(seg))).join('/');
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive) return { uri: `file:///${drive[1]}:/${encode(path.slice(3).split('/'))}` };
  if (path.startsWith('/')) return { uri: `file://${encode(path.split('/'))}` };
  return { uri: encode(path.replace(/^(\.\/)+/, '').split('/')), uriBaseId: '%SRCROOT%' };
}

function ruleName(id: string): string {
  return id
    .split(/[.-]/)
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');
}

function ruleOf(def: FindingDefinition): SarifRule {
  const area = def.id.split('.')[0] ?? 'mailgate';
  const full = `${def.title}${def.rfc ? ` (${def.rfc})` : ''}.`;
  const remediation = def.remediation ?? 'See the finding message.';
  return {
    id: def.id,
    name: ruleName(def.id),
    shortDescription: { text: def.title },
    fullDescription: { text: full },
    help: {
      text: remediation,
      markdown: `**${def.title}**${def.rfc ? ` (${def.rfc})` : ''}\n\n${remediation}`,
    },
    defaultConfiguration: { level: LEVEL[def.severity] },
    properties: { tags: ['email', 'dns', area], precision: 'very-high' },
  };
}

function fingerprint(f: Finding, domain: string): string {
  const e = f.evidence ?? {};
  const key = [domain, f.id, e.name ?? '', e.term ?? '', e.record ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * Renders reports as a SARIF 2.1.0 log (one run).
 *
 * @returns the log object; serialise it with `JSON.stringify`.
 */
export function renderSarif(reports: readonly DomainReport[], options: SarifOptions = {}): SarifLog {
  const rules: SarifRule[] = FINDINGS_CATALOG.map(ruleOf);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const ruleIndex = (f: Finding): number => {
    const known = index.get(f.id);
    if (known !== undefined) return known;
    const rule = ruleOf({ id: f.id, severity: f.severity, title: f.id, ...(f.rfc ? { rfc: f.rfc } : {}) });
    rules.push(rule);
    index.set(f.id, rules.length - 1);
    return rules.length - 1;
  };

  const entries: { finding: Finding; domain: string; suppression?: RuleResult['suppression'] }[] = [];
  for (const report of reports) {
    const g = options.gate?.domains.find((d) => d.domain === report.domain);
    if (g) {
      for (const f of g.findings) entries.push({ finding: f, domain: report.domain });
      for (const s of g.suppressed)
        entries.push({ finding: s.finding, domain: report.domain, suppression: s.suppression });
    } else {
      for (const f of report.findings) entries.push({ finding: f, domain: report.domain });
    }
  }

  const results: SarifResult[] = entries.map(({ finding, domain, suppression }) => {
    const source = finding.evidence?.source ?? options.locate?.(finding);
    const location: SarifLocation = {
      logicalLocations: [
        {
          name: escapeControl(finding.evidence?.name ?? domain),
          fullyQualifiedName: escapeControl(finding.evidence?.name ?? domain),
          kind: 'resource',
        },
      ],
    };
    if (source) {
      location.physicalLocation = {
        artifactLocation: artifactUri(source.file),
        region: { startLine: Math.max(1, source.line) },
      };
    }
    const result: SarifResult = {
      ruleId: finding.id,
      ruleIndex: ruleIndex(finding),
      level: LEVEL[finding.severity],
      message: { text: sarifText(`${domain}: ${finding.message}`) },
      locations: [location],
      partialFingerprints: { 'mailgateFinding/v1': fingerprint(finding, domain) },
      properties: {
        domain,
        ...(finding.rfc ? { rfc: finding.rfc } : {}),
        ...(finding.evidence?.record !== undefined ? { record: finding.evidence.record } : {}),
        ...(finding.evidence?.term !== undefined ? { term: finding.evidence.term } : {}),
        ...(finding.evidence?.position
          ? { termOffset: finding.evidence.position.offset, termLength: finding.evidence.position.length }
          : {}),
      },
    };
    if (suppression) {
      result.suppressions = [
        {
          kind: 'external',
          status: 'accepted',
          justification: `${suppression.reason}${suppression.expires ? ` (until ${suppression.expires})` : ''}`,
        },
      ];
    }
    return result;
  });

  const run: SarifRun = {
    tool: {
      driver: {
        name: 'mailgate',
        version: VERSION,
        semanticVersion: VERSION,
        informationUri: options.informationUri ?? 'https://github.com/mailgate/mailgate',
        rules,
      },
    },
    results,
  };
  if (options.category) run.automationDetails = { id: options.category };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}
