/**
 * The public API is a decision, name by name: `src/index.ts` exports these runtime values and these types, and
 * nothing else. Adding or removing an export means changing this list (and saying so in the CHANGELOG).
 *
 * Importing the library must not load the faces' packages (`@actions/core`, `commander`, `cli-progress`): the
 * built `lib/index.js` is imported in a child Node.js whose module hooks record every package resolved.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const ROOT = join(import.meta.dirname, '..');

/** The runtime values `src/index.ts` exports, sorted. */
const RUNTIME_EXPORTS = [
  'AuditIncompleteError',
  'DEFAULT_DKIM_VERIFIER_POLICY',
  'DEFAULT_SPF_LIMITS',
  'DKIM_RULES',
  'DOMAIN_REPORT_SCHEMA',
  'DkimKeyCache',
  'FINDINGS_CATALOG',
  'GATED_REPORT_SCHEMA',
  'InvalidAuditOptionError',
  'InvalidDomainError',
  'MESSAGE_REPORT_SCHEMA',
  'MemorySink',
  'MessageInputError',
  'POLICY_SCHEMA',
  'PolicyError',
  'REPORT_FORMATS',
  'REQUIRED_NODE_VERSION',
  'RUA_REPORT_SCHEMA',
  'ReportReadError',
  'ReportStore',
  'ReportStoreError',
  'SavedReportError',
  'SpfAttributor',
  'UnsupportedNodeError',
  'VERSION',
  'ZoneParseError',
  'assessReadiness',
  'auditAndGate',
  'auditBimi',
  'auditDkim',
  'auditDmarc',
  'auditDomain',
  'auditDomains',
  'auditMtaSts',
  'auditMx',
  'auditSpf',
  'auditTlsRpt',
  'buildAuthenticationResults',
  'buildBatchReport',
  'buildInventory',
  'cachedResolver',
  'checkHost',
  'diffProblems',
  'discoverPolicy',
  'evaluateDmarc',
  'findingDefinition',
  'gate',
  'gateReports',
  'ingestFindings',
  'ingestReports',
  'isDnsTrouble',
  'loadPolicy',
  'loadZoneFile',
  'loadZonePaths',
  'openReportStore',
  'overlayResolver',
  'parseAggregateXml',
  'parseDkimKeyRecord',
  'parseDmarcRecord',
  'parsePolicy',
  'parseSpfRecord',
  'parseTlsReport',
  'parseZone',
  'problemsOf',
  'readSavedReport',
  'readTraffic',
  'readinessFindings',
  'renderBatchHtml',
  'renderBatchReport',
  'renderDmarcText',
  'renderDomainReports',
  'renderHtml',
  'renderMarkdown',
  'renderMessageReportText',
  'renderReports',
  'renderReportsHtml',
  'renderSarif',
  'renderSpfAnalysisText',
  'renderSpfVerdictText',
  'reportProblems',
  'reportsJson',
  'summarizeReports',
  'systemResolver',
  'verifyArc',
  'verifyDkim',
  'verifyMessage',
  'viewReport',
  'whatIf',
  'whatIfFindings',
  'zoneResolver',
  'zoneResolverFromText',
];

/** The types `src/index.ts` exports, sorted. */
const TYPE_EXPORTS = [
  'ArcResult',
  'AssessmentPolicy',
  'AuditAndGateOptions',
  'AuditAndGateResult',
  'AuditChecks',
  'AuditOptions',
  'BatchEntry',
  'BatchHtmlOptions',
  'BatchOptions',
  'BatchReport',
  'BatchResult',
  'BimiAudit',
  'BulkSenderSummary',
  'CachedResolver',
  'ChangeStatus',
  'CheckHostOptions',
  'CheckHostParams',
  'DiffOptions',
  'DkimAudit',
  'DkimKeyCacheOptions',
  'DkimKeyCacheStats',
  'DkimKeyRecord',
  'DkimResult',
  'DkimRuleAction',
  'DkimRuleName',
  'DkimRuleSlug',
  'DkimSelectorAudit',
  'DkimSignatureResult',
  'DkimVerifierPolicy',
  'DkimVerifyOptions',
  'DmarcAudit',
  'DmarcDiscovery',
  'DmarcDisposition',
  'DmarcEffective',
  'DmarcEvaluateOptions',
  'DmarcEvaluation',
  'DmarcEvaluationInput',
  'DmarcMode',
  'DmarcParseResult',
  'DmarcResult',
  'DnsAnswer',
  'DnsFailure',
  'DnsFailureKind',
  'DnsResult',
  'DnsSource',
  'DnsStats',
  'DomainGate',
  'DomainInventory',
  'DomainOutcome',
  'DomainReadiness',
  'DomainReport',
  'DomainWhatIf',
  'Evidence',
  'FailOn',
  'FetchOptions',
  'FetchResult',
  'Finding',
  'FindingDefinition',
  'FindingRule',
  'GateDkimRules',
  'GateDmarcRules',
  'GateDomainRules',
  'GateMtaStsRules',
  'GateOptions',
  'GatePolicy',
  'GateReportsRules',
  'GateResult',
  'GateSpfRules',
  'GateStatus',
  'HtmlOptions',
  'HttpsFetch',
  'HttpsOptions',
  'IngestOptions',
  'IngestSummary',
  'LoadedPolicy',
  'MarkdownOptions',
  'MessageDmarc',
  'MessageEnvelope',
  'MessageInfo',
  'MessageInput',
  'MessageReport',
  'MessageSpf',
  'MessageSummary',
  'MtaStsAudit',
  'MxAudit',
  'PolicyIssue',
  'Position',
  'Problem',
  'ProblemChange',
  'ProblemDiff',
  'ProblemMember',
  'ProblemOutcome',
  'RRType',
  'ReadinessOptions',
  'RecordStatus',
  'RenderOptions',
  'ReportReadErrorCode',
  'ReportSink',
  'ReportSummary',
  'ReportView',
  'ReportsOutput',
  'ReportsSummary',
  'Resolver',
  'RuleOutcome',
  'RuleResult',
  'SarifLog',
  'SavedReport',
  'Sender',
  'SenderWhatIf',
  'Severity',
  'SpfAudit',
  'SpfAuditOptions',
  'SpfLimits',
  'SpfParseResult',
  'SpfRecord',
  'SpfResult',
  'SpfResultCode',
  'SpfTermInfo',
  'SpfTreeNode',
  'Suppression',
  'SystemResolverOptions',
  'TlsReport',
  'TlsRptAudit',
  'TrafficFilter',
  'TrafficRow',
  'VerifyMessageOptions',
  'WhatIfOptions',
  'WhatIfResult',
  'Zone',
  'ZoneResolverOptions',
];

/**
 * The type names `src/index.ts` exports: `type X` specifiers and the names of `export type { ... }` blocks (read
 * from the source text, since types do not exist at run time).
 */
function exportedTypes(): string[] {
  const text = readFileSync(join(ROOT, 'src/index.ts'), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}/g)) {
    for (const raw of m[2]!.split(',')) {
      const spec = raw.trim();
      if (spec === '') continue;
      const typed = m[1] !== undefined || spec.startsWith('type ');
      const name = spec
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .at(-1)!
        .trim();
      if (typed) names.add(name);
    }
  }
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const sorted = (xs: readonly string[]) => [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

describe('the public API (src/index.ts)', () => {
  it('exports exactly these runtime values', () => {
    expect(sorted(Object.keys(api))).toEqual(RUNTIME_EXPORTS);
  });

  it('exports exactly these types', () => {
    expect(exportedTypes()).toEqual(TYPE_EXPORTS);
  });

  it('re-exports by name only (no `export *`)', () => {
    expect(readFileSync(join(ROOT, 'src/index.ts'), 'utf8')).not.toMatch(/export\s*\*/);
  });
});

/**
 * Imports `entry` in a child Node.js (the one running the tests: Node 24) and returns the faces' packages that got
 * resolved while loading it, from a module hook that sees every import.
 */
function facePackagesLoadedBy(entry: string): string[] {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({
      resolve(specifier, context, next) {
        const r = next(specifier, context);
        const m = /node_modules\\/(@actions\\/core|commander|cli-progress)\\//.exec(r.url);
        if (m) seen.add(m[1]);
        return r;
      },
    });
    await import(${JSON.stringify(entry)});
    console.log(JSON.stringify([...seen].sort()));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as string[];
}

describe('importing the library', () => {
  const lib = join(ROOT, 'lib/index.js');

  it('loads neither @actions/core, commander nor cli-progress (lib/index.js, as npm users import it)', () => {
    expect(existsSync(lib), 'lib/index.js is built by `npm run build` (npm test builds first)').toBe(true);
    expect(facePackagesLoadedBy(lib)).toEqual([]);
  });

  it('sees the faces load them (the hook works: the CLI loads commander, the Action @actions/core)', () => {
    expect(facePackagesLoadedBy(join(ROOT, 'lib/cli/main.js'))).toContain('commander');
    expect(facePackagesLoadedBy(join(ROOT, 'lib/action/main.js'))).toContain('@actions/core');
  });
});
