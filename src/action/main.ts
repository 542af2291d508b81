/**
 * The GitHub Action: audits domains (optionally with proposed zone files laid over live DNS), gates them
 * against a policy file, and reports through the job summary, annotations, SARIF, a JSON report and an HTML report.
 *
 * All Action I/O goes through `@actions/core`. Untrusted DNS text never reaches a workflow command unescaped:
 * annotations and `setFailed` go through core's command escaping after {@link escapeControl}; the text report is
 * printed inside a `::stop-commands::` block with a random token, one escaped line at a time; the job summary is
 * Markdown with every DNS string escaped.
 *
 * @module
 */

import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { type DomainReport, InvalidDomainError } from '../audit/audit.js';
import type { BatchOptions } from '../audit/batch.js';
import { uniqueDomains } from '../audit/domain-list.js';
import { findingDefinition } from '../catalog.js';
import { cachedResolver } from '../dns/cache.js';
import { overlayResolver } from '../dns/overlay.js';
import type { Resolver } from '../dns/resolver.js';
import { systemResolver } from '../dns/system.js';
import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import type { GateResult } from '../policy/gate.js';
import { type LoadedPolicy, loadPolicy, PolicyError } from '../policy/load.js';
import { type AuditAndGateResult, AuditIncompleteError, auditAndGate } from '../policy/run.js';
import type { GatePolicy } from '../policy/schema.js';
import { escapeControl, escapeLogLine } from '../report/escape.js';
import { renderHtml } from '../report/html.js';
import { gatedReport } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { type ActionConfig, ActionInputError, readInputs } from './inputs.js';
import { locators, type RepoLocation } from './locate.js';
import { type ActionDirs, outputPath, policyPath, writeOutputFile } from './paths.js';
import { failureSummary, fitSummary, policyWarningsMarkdown } from './summary.js';
import { loadZoneGlobs, withZoneSources, ZoneFileInputError } from './zones.js';

/** Most annotations emitted per run (GitHub shows at most 10 of each kind per step anyway). */
export const MAX_ANNOTATIONS = 50;

/** What {@link run} produced (also written to the outputs); useful to callers and tests. */
export interface ActionResult {
  gate: GateResult;
  reports: DomainReport[];
  reportFile: string;
  sarifFile: string;
  htmlFile: string;
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
function once(names: readonly string[], source: string): string[] {
  const { domains, duplicates } = uniqueDomains(names);
  if (duplicates.length > 0)
    core.info(
      `mailgate: ${duplicates.length} duplicate domain${duplicates.length === 1 ? '' : 's'} in ${source} audited once: ${duplicates.map((d) => escapeLogLine(d)).join(', ')}`,
    );
  return domains;
}

function domainsToAudit(
  config: ActionConfig,
  policy: GatePolicy | undefined,
  zones: readonly Zone[],
): string[] {
  if (config.domains.length > 0) return once(config.domains, 'the domains input');
  const fromPolicy = Object.keys(policy?.domains ?? {});
  if (fromPolicy.length > 0) return once(fromPolicy, 'the policy file');
  const fromZones = [...new Set(zones.map((z) => z.origin))];
  if (fromZones.length > 0) return fromZones;
  throw new ActionInputError(
    'domains: no domain to audit. Set the domains input (comma or newline separated), list domains in the policy file, or give zone-files',
  );
}

function buildResolver(config: ActionConfig, zones: Zone[]): Resolver {
  let live: Resolver;
  try {
    live = systemResolver({
      ...(config.dnsServers.length > 0 ? { servers: config.dnsServers } : {}),
      timeoutMs: config.dnsTimeoutMs,
      tries: 2,
    });
  } catch (e) {
    throw new ActionInputError(`dns-servers: ${(e as Error).message}`);
  }
  return cachedResolver(zones.length > 0 ? overlayResolver(zones, live) : live);
}

/**
 * The audit options of the Action: the same {@link BatchOptions} `mailgate audit` builds, from the inputs. The
 * zone files go with the resolver, so the audit also sees what a resolver cannot ask for (a type 99 SPF record).
 */
function auditOptionsFromInputs(
  config: ActionConfig,
  resolver: Resolver,
  zones: readonly Zone[],
): BatchOptions {
  return {
    resolver,
    ...(zones.length > 0 ? { zones } : {}),
    ...(config.selectors.length > 0 ? { selectors: config.selectors } : {}),
    dmarcMode: config.dmarcMode,
  };
}

/** A link to a file line in the repository on GitHub, when the run has the context for it. */
function blobLink(source: { file: string; line: number }): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = process.env;
  if (!server || !repo || !sha) return undefined;
  return `${server}/${repo}/blob/${sha}/${source.file}#L${source.line}`;
}

/** Prints the text report to the log with workflow commands stopped, one escaped line at a time. */
function logReport(text: string): void {
  const token = `mailgate-${randomUUID()}`;
  core.info(`::stop-commands::${token}`);
  for (const line of text.split('\n')) core.info(escapeLogLine(line));
  core.info(`::${token}::`);
}

function annotate(gate: GateResult, locate: (f: Finding) => RepoLocation | undefined): void {
  let emitted = 0;
  for (const d of gate.domains) {
    for (const f of d.findings) {
      if (f.severity === 'info' || emitted >= MAX_ANNOTATIONS) continue;
      const source = f.evidence?.source ?? locate(f);
      const title = `mailgate ${f.id}: ${findingDefinition(f.id)?.title ?? f.id}`;
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
 * SARIF, the HTML report, outputs, job summary and annotations, and fails the step (`core.setFailed`, one line) when the gate
 * fails or is undetermined, or on a usage error (with a message saying what to fix).
 *
 * Never throws: every error ends in `core.setFailed`.
 */
export async function run(): Promise<ActionResult | undefined> {
  try {
    const config = readInputs((name) => core.getInput(name));
    const dirs = actionDirs();
    // Output paths are checked before the audit, so a bad one fails at once.
    const reportFile = await outputPath('report-file', config.reportFile, 'mailgate-report.json', dirs);
    const sarifFile = await outputPath('sarif-file', config.sarifFile, 'mailgate.sarif', dirs);
    if (reportFile === sarifFile) {
      throw new ActionInputError(
        `sarif-file and report-file are the same file (${config.sarifFile}); give two different paths`,
      );
    }
    const htmlFile = await outputPath('html-file', config.htmlFile, 'mailgate-report.html', dirs);
    if (htmlFile === reportFile || htmlFile === sarifFile) {
      throw new ActionInputError(
        `html-file and ${htmlFile === reportFile ? 'report-file' : 'sarif-file'} are the same file (${config.htmlFile}); give different paths`,
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
    const policy: GatePolicy = loaded?.policy ?? {};
    const zones = await loadZoneGlobs(config.zoneFiles, dirs.workspace, config.zoneOrigins);
    // What a DNS server would ignore or change in a proposed zone (out-of-zone records, a CNAME beside other
    // data, unquoted TXT words) is annotated on its line, so the what-if result is never silently different.
    for (const zone of zones) {
      for (const w of zone.warnings) {
        core.warning(escapeControl(w.message), {
          title: 'mailgate zone file',
          file: w.file ?? zone.file ?? zone.origin,
          startLine: w.line,
        });
      }
    }
    if (zones.length > 0) {
      core.info(
        `mailgate: what-if mode with ${zones.length} zone file${zones.length === 1 ? '' : 's'} over live DNS: ${zones.map((z) => escapeLogLine(z.file ?? z.origin)).join(', ')}`,
      );
    }
    const domains = domainsToAudit(config, loaded?.policy, zones);
    const resolver = buildResolver(config, zones);
    let audited: AuditAndGateResult;
    try {
      audited = await auditAndGate(domains, {
        ...auditOptionsFromInputs(config, resolver, zones),
        policy,
        ...(config.failOn ? { failOn: config.failOn } : {}),
        transform: (r) => withZoneSources(r, zones),
        zones,
      });
    } catch (e) {
      if (e instanceof InvalidDomainError) throw new ActionInputError(`domains: ${e.message}`);
      throw e;
    }
    const { reports, gate } = audited;

    // Annotations: the zone file line, else the policy line; SARIF results always get a file (see locators).
    const locate = locators({
      zones,
      gate,
      ...(loaded ? { loaded } : {}),
      ...(process.env.GITHUB_WORKFLOW_REF ? { workflowRef: process.env.GITHUB_WORKFLOW_REF } : {}),
    });
    await writeOutputFile(
      'report-file',
      reportFile,
      `${JSON.stringify(gatedReport(reports, gate), null, 2)}\n`,
      dirs,
    );
    const sarif = renderSarif(reports, { gate, locate: locate.sarif, category: 'mailgate/' });
    await writeOutputFile('sarif-file', sarifFile, `${JSON.stringify(sarif, null, 2)}\n`, dirs);
    await writeOutputFile(
      'html-file',
      htmlFile,
      renderHtml(reports, { gate, title: 'mailgate: email authentication' }),
      dirs,
    );

    logReport(renderText(reports, { gate }));
    annotate(gate, locate.annotation);

    const policyWarnings = loaded?.warnings ?? [];
    if (process.env.GITHUB_STEP_SUMMARY) {
      const options = { gate, link: blobLink, title: 'mailgate: email authentication' };
      const summary = fitSummary(reports, options, policyWarningsMarkdown(policyWarnings));
      await core.summary.addRaw(summary, true).write();
    }

    core.setOutput('passed', gate.passed ? 'true' : 'false');
    core.setOutput('errors', String(gate.counts.errors));
    // Policy file warnings (e.g. a misspelt finding id, whose rule has no effect) count as warnings too.
    core.setOutput('warnings', String(gate.counts.warnings + policyWarnings.length));
    core.setOutput('report', reportFile);
    core.setOutput('sarif', sarifFile);
    core.setOutput('html', htmlFile);

    if (!gate.passed) core.setFailed(escapeControl(gate.reason));
    else core.info(`mailgate: policy passed for ${domains.length} domain${domains.length === 1 ? '' : 's'}`);
    return { gate, reports, reportFile, sarifFile, htmlFile };
  } catch (e) {
    if (e instanceof ActionInputError) {
      // A zone file servers would refuse: annotated on its line, as a server's error would point there.
      if (e instanceof ZoneFileInputError) {
        core.error(escapeControl(e.detail), {
          title: 'mailgate zone file',
          file: e.file,
          ...(e.line > 0 ? { startLine: e.line } : {}),
          ...(e.line > 0 && e.column !== undefined ? { startColumn: e.column } : {}),
        });
      }
      core.setFailed(`mailgate: ${escapeControl(e.message)}`);
      await writeFailureSummary(e.message, 'usage');
      return undefined;
    }
    if (e instanceof AuditIncompleteError && e.kind === 'timeout') {
      core.setFailed(`mailgate: ${escapeControl(e.message)}; the policy verdict is undetermined`);
      return undefined;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    core.debug(escapeControl(err.stack ?? err.message));
    core.setFailed(`mailgate: internal error: ${escapeControl(err.message)}`);
    await writeFailureSummary(`internal error: ${err.message}`, 'internal');
    return undefined;
  }
}

/** Writes {@link failureSummary} to the job summary, when the runner gives one; a failure to write is logged only. */
async function writeFailureSummary(message: string, kind: 'usage' | 'internal'): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  try {
    await core.summary.addRaw(failureSummary(message, kind), true).write();
  } catch (e) {
    core.warning(`mailgate: cannot write the job summary (${escapeControl((e as Error).message)})`);
  }
}
