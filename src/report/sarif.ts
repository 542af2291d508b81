/**
 * The SARIF 2.1.0 renderer, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other SARIF
 * viewers. `runs[0].tool.driver.rules` comes from the findings catalog, the same for the CLI and the Action.
 * One result per problem (`problemsOf`: a failed policy rule and the audit finding behind it are one result,
 * with the related finding ids in `properties.related`), one per info finding (level `note`), and one per
 * suppressed finding (with a SARIF `suppressions` entry).
 *
 * Every result has a `physicalLocation` with a `region.startLine`, which code scanning requires (it rejects a
 * whole upload for one result without): the locator the caller gives (`problemLocator`: the zone file line,
 * the policy file, a fallback file), else {@link SARIF_PLACEHOLDER}. `region.startColumn` is set when the
 * locator knows the column of the finding's term in the file (a TXT record's word as written); a finding's
 * `evidence.position` is an offset into the record text (the character-strings unescaped and joined), not into
 * the file, so the result's `properties` also carry `term` and `termOffset`/`termLength` (UTF-16 code units into
 * `properties.record`).
 *
 * `partialFingerprints["mailgateProblem/v1"]` is a hash of the problem's key (domain, rule or finding id, DNS
 * name, and the subject or term that tells apart several of one kind): never the message or the record text,
 * which change with the values, so code scanning tracks one alert across runs while the record changes.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import type { DomainReport } from '../audit/audit.js';
import { FINDINGS_CATALOG } from '../catalog.js';
import type { FailOn, FindingDefinition, Severity } from '../findings/finding.js';
import type { GateResult, RuleResult } from '../policy/gate.js';
import { type ProblemLocation, SARIF_PLACEHOLDER } from '../policy/locate.js';
import {
  type Problem,
  problemSeverity,
  problemsOf,
  reportProblems,
  suppressedKey,
} from '../policy/problems.js';
import { VERSION } from '../version.js';
import { escapeControl } from './escape.js';

/** The SARIF schema URL written in `$schema`. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Options for {@link renderSarif}. */
export interface SarifOptions {
  /** Use the gate's effective findings (severity overrides, `policy.*` results, suppressions). */
  gate?: GateResult;
  /**
   * Where a problem is in the repository (`problemLocator(...).sarif`): a file and line for every problem. Paths
   * are relative to the repository root, with `/`. Default: the finding's `evidence.source`, else
   * {@link SARIF_PLACEHOLDER}.
   */
  locate?: (problem: Problem) => ProblemLocation & { line: number };
  /** Without a gate: the severity at which a finding fails (its result's level is then `error`; default `error`). */
  failOn?: FailOn;
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
    /** The policy rules the result stands for (`spf.max-lookups`). */
    rules?: string[];
    /** The ids of the audit findings that describe the same problem (`spf.lookup-limit`). */
    related?: string[];
  };
}

/** A SARIF location: a file region (always: code scanning needs one) and the domain as a logical location. */
export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn?: number };
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

function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** The default locator: the finding's own source, else the placeholder. */
function defaultLocate(p: Problem): ProblemLocation & { line: number } {
  const s = [p.finding, ...p.related].find((f) => f.evidence?.source)?.evidence?.source;
  return s
    ? { file: s.file, line: s.line, ...(s.column !== undefined ? { column: s.column } : {}) }
    : { ...SARIF_PLACEHOLDER };
}

/**
 * Renders reports as a SARIF 2.1.0 log (one run): one result per problem, info finding and suppressed finding
 * (see the module notes).
 *
 * @returns the log object; serialise it with `JSON.stringify`.
 */
export function renderSarif(reports: readonly DomainReport[], options: SarifOptions = {}): SarifLog {
  const rules: SarifRule[] = FINDINGS_CATALOG.map(ruleOf);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const ruleIndex = (id: string, severity: Severity, rfc?: string): number => {
    const known = index.get(id);
    if (known !== undefined) return known;
    const rule = ruleOf({ id, severity, title: id, ...(rfc ? { rfc } : {}) });
    rules.push(rule);
    index.set(id, rules.length - 1);
    return rules.length - 1;
  };
  const locate = options.locate ?? defaultLocate;

  const entries: { problem: Problem; suppression?: RuleResult['suppression'] }[] = [];
  for (const report of reports) {
    const g = options.gate?.domains.find((d) => d.domain === report.domain);
    if (g) {
      for (const p of problemsOf(g, { withInfos: true })) entries.push({ problem: p });
      for (const s of g.suppressed) {
        const key = suppressedKey(s.finding, report.domain);
        entries.push({
          problem: {
            key,
            domain: report.domain,
            outcome: 'warn',
            finding: s.finding,
            rules: [],
            related: [],
            members: [{ key, finding: s.finding }],
          },
          suppression: s.suppression,
        });
      }
    } else {
      for (const p of reportProblems(report, options.failOn ?? 'error', { withInfos: true }))
        entries.push({ problem: p });
    }
  }

  const results: SarifResult[] = entries.map(({ problem, suppression }) => {
    const finding = problem.finding;
    const domain = problem.domain;
    const at = locate(problem);
    const location: SarifLocation = {
      physicalLocation: {
        artifactLocation: artifactUri(at.file),
        region: {
          startLine: Math.max(1, at.line),
          ...(at.column !== undefined && at.column >= 1 ? { startColumn: at.column } : {}),
        },
      },
      logicalLocations: [
        {
          name: escapeControl(finding.evidence?.name ?? domain),
          fullyQualifiedName: escapeControl(finding.evidence?.name ?? domain),
          kind: 'resource',
        },
      ],
    };
    const severity = suppression ? finding.severity : problemSeverity(problem);
    const related = problem.related.map((f) => f.id);
    const result: SarifResult = {
      ruleId: finding.id,
      ruleIndex: ruleIndex(finding.id, finding.severity, finding.rfc),
      level: LEVEL[severity],
      message: { text: sarifText(`${domain}: ${finding.message}${at.absent ? ` (${at.absent})` : ''}`) },
      locations: [location],
      partialFingerprints: { 'mailgateProblem/v1': fingerprint(problem.key) },
      properties: {
        domain,
        ...(finding.rfc ? { rfc: finding.rfc } : {}),
        ...(finding.evidence?.record !== undefined ? { record: finding.evidence.record } : {}),
        ...(finding.evidence?.term !== undefined ? { term: finding.evidence.term } : {}),
        ...(finding.evidence?.position
          ? { termOffset: finding.evidence.position.offset, termLength: finding.evidence.position.length }
          : {}),
        ...(problem.rules.length > 0 ? { rules: problem.rules.map((r) => r.rule) } : {}),
        ...(related.length > 0 ? { related } : {}),
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
