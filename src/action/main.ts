/**
 * The GitHub Action: audits domains (optionally with proposed zone files laid over live DNS), gates them
 * against a policy file, and reports through the job summary, annotations, SARIF and a JSON report.
 *
 * All Action I/O goes through `@actions/core`. Untrusted DNS text never reaches a workflow command unescaped:
 * annotations and `setFailed` go through core's command escaping after {@link escapeControl}; the text report is
 * printed inside a `::stop-commands::` block with a random token, one escaped line at a time; the job summary is
 * Markdown with every DNS string escaped.
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as core from '@actions/core';
import type { DomainReport } from '../audit/audit.js';
import type { Resolver } from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import type { GateResult } from '../policy/gate.js';
import type { LoadedPolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import { escapeControl, escapeLogLine } from '../report/escape.js';
import { VERSION } from '../version.js';
import { type ActionConfig, ActionInputError, readInputs } from './inputs.js';
import type { RepoLocation } from './locate.js';
import { type ActionDirs, type OutputInput, outputPath, policyPath } from './paths.js';

export { SUMMARY_LIMIT_BYTES } from './summary.js';

/**
 * The modules an audit needs, loaded once the inputs are read (the Action prints its first line before): the
 * audit, the gate, the renderers, DNS. The policy loader and the zone-file loader are loaded only when the inputs
 * name a policy or zone files.
 */
async function auditModules() {
  const [audit, domainList, catalog, cache, overlay, system, run, json, sarif, text, locate, summary] =
    await Promise.all([
      import('../audit/audit.js'),
      import('../audit/domain-list.js'),
      import('../catalog.js'),
      import('../dns/cache.js'),
      import('../dns/overlay.js'),
      import('../dns/system.js'),
      import('../policy/run.js'),
      import('../report/json.js'),
      import('../report/sarif.js'),
      import('../report/text.js'),
      import('./locate.js'),
      import('./summary.js'),
    ]);
  return {
    InvalidDomainError: audit.InvalidDomainError,
    uniqueDomains: domainList.uniqueDomains,
    findingDefinition: catalog.findingDefinition,
    cachedResolver: cache.cachedResolver,
    overlayResolver: overlay.overlayResolver,
    systemResolver: system.systemResolver,
    auditAndGate: run.auditAndGate,
    gatedReport: json.gatedReport,
    renderSarif: sarif.renderSarif,
    renderText: text.renderText,
    locators: locate.locators,
    fitSummary: summary.fitSummary,
    policyWarningsMarkdown: summary.policyWarningsMarkdown,
  };
}
type AuditModules = Awaited<ReturnType<typeof auditModules>>;

/** What the inputs ask for, for the log (names escaped). */
function startLine(config: ActionConfig): string {
  const parts = [
    config.domains.length ? `${config.domains.length} domain${config.domains.length === 1 ? '' : 's'}` : '',
    config.policy ? `policy ${escapeLogLine(config.policy)}` : '',
    config.zoneFiles.length ? `zone files ${config.zoneFiles.map((z) => escapeLogLine(z)).join(', ')}` : '',
  ].filter((x) => x);
  return `mailgate ${VERSION}: ${parts.length ? parts.join('; ') : 'domains from the policy or the zone files'}`;
}

/** Most annotations emitted per run (GitHub shows at most 10 of each kind per step anyway). */
export const MAX_ANNOTATIONS = 50;

/** What {@link run} produced (also written to the outputs); useful to callers and tests. */
export interface ActionResult {
  gate: GateResult;
  reports: DomainReport[];
  reportFile: string;
  sarifFile: string;
}

function actionDirs(): ActionDirs {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const runnerTemp = process.env.RUNNER_TEMP;
  return runnerTemp ? { workspace, runnerTemp } : { workspace };
}

/**
 * Loads the policy file (which must be in the repository). Its `file`, and that of its warnings, is the
 * repository-relative name, for annotations.
 */
async function loadPolicyInput(config: ActionConfig, dirs: ActionDirs): Promise<LoadedPolicy | undefined> {
  if (!config.policy) return undefined;
  const { abs, file } = await policyPath(config.policy, dirs);
  const { loadPolicy, PolicyError } = await import('../policy/load.js');
  try {
    const loaded = await loadPolicy(abs);
    return { ...loaded, file, warnings: loaded.warnings.map((w) => ({ ...w, file })) };
  } catch (e) {
    if (e instanceof PolicyError) {
      const first = e.issues[0];
      if (first && first.line === 0) {
        const code = /\(([^)]*)\)$/.exec(first.message)?.[1] ?? first.message;
        throw new ActionInputError(
          `policy: cannot read ${file} (${code}); set the policy input to a file in the repository, e.g. .github/mailgate.yml`,
        );
      }
      // Each issue as an annotation on the policy file, then one line for setFailed.
      for (const issue of e.issues) {
        core.error(escapeControl(`${issue.path ? `${issue.path}: ` : ''}${issue.message}`), {
          title: 'mailgate policy',
          file,
          startLine: issue.line,
        });
      }
      const detail = e.issues.map((i) => `${file}:${i.line}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
      throw new ActionInputError(
        `policy: ${file} is invalid (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}): ${detail[0]}${detail.length > 1 ? ` (and ${detail.length - 1} more, see the annotations)` : ''}`,
      );
    }
    throw e;
  }
}

/** Drops a domain given twice (`acme.test`, `ACME.TEST.`), keeping the first, and says so in the log. */
function once(m: AuditModules, names: readonly string[], source: string): string[] {
  const { domains, duplicates } = m.uniqueDomains(names);
  if (duplicates.length > 0)
    core.info(
      `mailgate: ${duplicates.length} duplicate domain${duplicates.length === 1 ? '' : 's'} in ${source} audited once: ${duplicates.map((d) => escapeLogLine(d)).join(', ')}`,
    );
  return domains;
}

function domainsToAudit(
  m: AuditModules,
  config: ActionConfig,
  policy: Policy | undefined,
  zones: readonly Zone[],
): string[] {
  if (config.domains.length > 0) return once(m, config.domains, 'the domains input');
  const fromPolicy = Object.keys(policy?.domains ?? {});
  if (fromPolicy.length > 0) return once(m, fromPolicy, 'the policy file');
  const fromZones = [...new Set(zones.map((z) => z.origin))];
  if (fromZones.length > 0) return fromZones;
  throw new ActionInputError(
    'domains: no domain to audit. Set the domains input (comma or newline separated), list domains in the policy file, or give zone-files',
  );
}

function buildResolver(m: AuditModules, config: ActionConfig, zones: Zone[]): Resolver {
  let live: Resolver;
  try {
    live = m.systemResolver({
      ...(config.dnsServers.length > 0 ? { servers: config.dnsServers } : {}),
      timeoutMs: config.dnsTimeoutMs,
      tries: 2,
    });
  } catch (e) {
    throw new ActionInputError(`dns-servers: ${(e as Error).message}`);
  }
  return m.cachedResolver(zones.length > 0 ? m.overlayResolver(zones, live) : live);
}

/** A link to a file line in the repository on GitHub, when the run has the context for it. */
function blobLink(source: { file: string; line: number }): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = process.env;
  if (!server || !repo || !sha) return undefined;
  return `${server}/${repo}/blob/${sha}/${source.file}#L${source.line}`;
}

/** Writes an output file; a failure is a usage error naming the input. */
async function writeOutput(input: OutputInput, path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ActionInputError(`${input}: cannot write ${path} (${code}); give a writable file path`);
  }
}

/** Prints the text report to the log with workflow commands stopped, one escaped line at a time. */
function logReport(text: string): void {
  const token = `mailgate-${randomUUID()}`;
  core.info(`::stop-commands::${token}`);
  for (const line of text.split('\n')) core.info(escapeLogLine(line));
  core.info(`::${token}::`);
}

function annotate(m: AuditModules, gate: GateResult, locate: (f: Finding) => RepoLocation | undefined): void {
  let emitted = 0;
  for (const d of gate.domains) {
    for (const f of d.findings) {
      if (f.severity === 'info' || emitted >= MAX_ANNOTATIONS) continue;
      const source = f.evidence?.source ?? locate(f);
      const title = `mailgate ${f.id}: ${m.findingDefinition(f.id)?.title ?? f.id}`;
      const props: core.AnnotationProperties = { title: escapeControl(title) };
      if (source) {
        props.file = source.file;
        props.startLine = source.line;
      }
      const message = escapeControl(`${d.domain}: ${f.message}`);
      if (f.severity === 'error') core.error(message, props);
      else core.warning(message, props);
      emitted++;
    }
  }
  if (emitted >= MAX_ANNOTATIONS)
    core.warning(`mailgate: only the first ${MAX_ANNOTATIONS} findings are annotated; see the job summary`);
}

/**
 * Runs the Action: reads the inputs, loads the policy and zone files, audits, gates, writes the JSON report,
 * SARIF, outputs, job summary and annotations, and fails the step (`core.setFailed`, one line) when the gate
 * fails or is undetermined, or on a usage error (with a message saying what to fix).
 *
 * Never throws: every error ends in `core.setFailed`.
 */
export async function run(): Promise<ActionResult | undefined> {
  try {
    const config = readInputs((name) => core.getInput(name));
    core.info(startLine(config));
    // the audit's modules load while the outputs, the policy and the zone files are checked
    const loading = auditModules();
    loading.catch(() => undefined);
    const dirs = actionDirs();
    // Output paths are checked before the audit, so a bad one fails at once.
    const reportFile = await outputPath('report-file', config.reportFile, 'mailgate-report.json', dirs);
    const sarifFile = await outputPath('sarif-file', config.sarifFile, 'mailgate.sarif', dirs);
    if (reportFile === sarifFile) {
      throw new ActionInputError(
        `sarif-file and report-file are the same file (${config.sarifFile}); give two different paths`,
      );
    }
    const loaded = await loadPolicyInput(config, dirs);
    for (const w of loaded?.warnings ?? []) {
      core.warning(escapeControl(`${w.path}: ${w.message}`), {
        title: 'mailgate policy',
        file: loaded!.file,
        startLine: w.line,
      });
    }
    const policy: Policy = loaded?.policy ?? {};
    const zoneFiles = config.zoneFiles.length > 0 ? await import('./zones.js') : undefined;
    const zones = zoneFiles ? await zoneFiles.loadZoneGlobs(config.zoneFiles, dirs.workspace) : [];
    // What a DNS server would ignore or change in a proposed zone (out-of-zone records, a CNAME beside other
    // data, unquoted TXT words) is annotated on its line, so the what-if result is never silently different.
    for (const zone of zones) {
      for (const w of zone.warnings) {
        core.warning(escapeControl(w.message), {
          title: 'mailgate zone file',
          file: zone.file ?? zone.origin,
          startLine: w.line,
        });
      }
    }
    if (zones.length > 0) {
      core.info(
        `mailgate: what-if mode with ${zones.length} zone file${zones.length === 1 ? '' : 's'} over live DNS: ${zones.map((z) => escapeLogLine(z.file ?? z.origin)).join(', ')}`,
      );
    }
    const m = await loading;
    const domains = domainsToAudit(m, config, loaded?.policy, zones);
    const resolver = buildResolver(m, config, zones);
    let audited: Awaited<ReturnType<AuditModules['auditAndGate']>>;
    try {
      audited = await m.auditAndGate(domains, {
        resolver,
        policy,
        selectors: config.selectors,
        dmarcMode: config.dmarcMode,
        ...(config.failOn ? { failOn: config.failOn } : {}),
        ...(zoneFiles ? { transform: (r: DomainReport) => zoneFiles.withZoneSources(r, zones) } : {}),
      });
    } catch (e) {
      if (e instanceof m.InvalidDomainError) throw new ActionInputError(`domains: ${e.message}`);
      throw e;
    }
    const { reports, gate } = audited;

    // Annotations: the zone file line, else the policy line; SARIF results always get a file (see locators).
    const locate = m.locators({
      zones,
      gate,
      ...(loaded ? { loaded } : {}),
      ...(process.env.GITHUB_WORKFLOW_REF ? { workflowRef: process.env.GITHUB_WORKFLOW_REF } : {}),
    });
    await writeOutput(
      'report-file',
      reportFile,
      `${JSON.stringify(m.gatedReport(reports, gate), null, 2)}\n`,
    );
    const sarif = m.renderSarif(reports, { gate, locate: locate.sarif, category: 'mailgate/' });
    await writeOutput('sarif-file', sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);

    logReport(m.renderText(reports, { gate }));
    annotate(m, gate, locate.annotation);

    const policyWarnings = loaded?.warnings ?? [];
    if (process.env.GITHUB_STEP_SUMMARY) {
      const options = { gate, link: blobLink, title: 'mailgate: email authentication' };
      const summary = m.fitSummary(reports, options, m.policyWarningsMarkdown(policyWarnings));
      await core.summary.addRaw(summary, true).write();
    }

    core.setOutput('passed', gate.passed ? 'true' : 'false');
    core.setOutput('errors', String(gate.counts.errors));
    // Policy file warnings (e.g. a misspelt finding id, whose rule has no effect) count as warnings too.
    core.setOutput('warnings', String(gate.counts.warnings + policyWarnings.length));
    core.setOutput('report', reportFile);
    core.setOutput('sarif', sarifFile);

    if (!gate.passed) core.setFailed(escapeControl(gate.reason));
    else core.info(`mailgate: policy passed for ${domains.length} domain${domains.length === 1 ? '' : 's'}`);
    return { gate, reports, reportFile, sarifFile };
  } catch (e) {
    if (e instanceof ActionInputError) {
      core.setFailed(`mailgate: ${escapeControl(e.message)}`);
      return undefined;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    core.debug(escapeControl(err.stack ?? err.message));
    core.setFailed(`mailgate: internal error: ${escapeControl(err.message)}`);
    return undefined;
  }
}
