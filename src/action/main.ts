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
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { type DomainReport, InvalidDomainError } from '../audit/audit.js';
import { uniqueDomains } from '../audit/domain-list.js';
import { findingDefinition } from '../catalog.js';
import { cachedResolver } from '../dns/cache.js';
import { overlayResolver } from '../dns/overlay.js';
import type { Resolver } from '../dns/resolver.js';
import { systemResolver } from '../dns/system.js';
import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import { domainPolicy, type GateResult } from '../policy/gate.js';
import { type LoadedPolicy, loadPolicy, PolicyError } from '../policy/load.js';
import { auditAndGate } from '../policy/run.js';
import type { Policy } from '../policy/schema.js';
import { escapeControl, escapeLogLine } from '../report/escape.js';
import { gatedReport } from '../report/json.js';
import { type MarkdownOptions, renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { type ActionConfig, ActionInputError, readInputs } from './inputs.js';
import { loadZoneGlobs, locateInZones, withZoneSources } from './zones.js';

/** Most annotations emitted per run (GitHub shows at most 10 of each kind per step anyway). */
export const MAX_ANNOTATIONS = 50;

/** What {@link run} produced (also written to the outputs); useful to callers and tests. */
export interface ActionResult {
  gate: GateResult;
  reports: DomainReport[];
  reportFile: string;
  sarifFile: string;
}

function workspaceDir(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

function outPath(file: string | undefined, fallbackName: string): string {
  if (file) return isAbsolute(file) ? file : resolve(workspaceDir(), file);
  return join(process.env.RUNNER_TEMP || tmpdir(), fallbackName);
}

async function loadPolicyInput(config: ActionConfig): Promise<LoadedPolicy | undefined> {
  if (!config.policy) return undefined;
  const path = config.policy;
  try {
    const loaded = await loadPolicy(isAbsolute(path) ? path : resolve(workspaceDir(), path));
    return { ...loaded, file: path };
  } catch (e) {
    if (e instanceof PolicyError) {
      const first = e.issues[0];
      if (first && first.line === 0) {
        const code = /\(([^)]*)\)$/.exec(first.message)?.[1] ?? first.message;
        throw new ActionInputError(
          `policy: cannot read ${path} (${code}); set the policy input to a file in the repository, e.g. .github/mailgate.yml`,
        );
      }
      // Each issue as an annotation on the policy file, then one line for setFailed.
      for (const issue of e.issues) {
        core.error(escapeControl(`${issue.path ? `${issue.path}: ` : ''}${issue.message}`), {
          title: 'mailgate policy',
          file: path,
          startLine: issue.line,
        });
      }
      const detail = e.issues.map((i) => `${path}:${i.line}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
      throw new ActionInputError(
        `policy: ${path} is invalid (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}): ${detail[0]}${detail.length > 1 ? ` (and ${detail.length - 1} more, see the annotations)` : ''}`,
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

function domainsToAudit(config: ActionConfig, policy: Policy | undefined, zones: readonly Zone[]): string[] {
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

/** The line of a domain's entry under `domains:` in the policy file. */
function domainEntry(
  loaded: LoadedPolicy,
  domain: string | undefined,
): { file: string; line: number } | undefined {
  if (!domain) return undefined;
  const key = domainPolicy(loaded.policy, domain).key;
  const line = key === undefined ? undefined : loaded.lineOf(['domains', key]);
  return line === undefined ? undefined : { file: loaded.file, line };
}

/** The running workflow file (from `GITHUB_WORKFLOW_REF`, `owner/repo/.github/workflows/x.yml@ref`), line 1. */
function workflowFile(): { file: string; line: number } | undefined {
  const ref = process.env.GITHUB_WORKFLOW_REF;
  const m = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null;
  return m?.[1] ? { file: m[1], line: 1 } : undefined;
}

/** A link to a file line in the repository on GitHub, when the run has the context for it. */
function blobLink(source: { file: string; line: number }): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = process.env;
  if (!server || !repo || !sha) return undefined;
  return `${server}/${repo}/blob/${sha}/${source.file}#L${source.line}`;
}

/** GitHub accepts at most 1 MiB of job summary per step. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** The job summary Markdown, with fewer findings per domain (then cut at a line) when it would exceed the limit. */
function fitSummary(reports: DomainReport[], options: MarkdownOptions): string {
  const limit = SUMMARY_LIMIT_BYTES - 4096;
  let md = renderMarkdown(reports, options);
  if (Buffer.byteLength(md) <= limit) return md;
  md = renderMarkdown(reports, { ...options, maxFindings: 5 });
  if (Buffer.byteLength(md) <= limit) return md;
  const lines = md.split('\n');
  let size = 0;
  let end = 0;
  while (end < lines.length && size + Buffer.byteLength(lines[end]!) + 1 <= limit)
    size += Buffer.byteLength(lines[end++]!) + 1;
  return `${lines.slice(0, end).join('\n')}\n\n_The summary was cut at GitHub's 1 MiB limit; see the JSON report._\n`;
}

/** Prints the text report to the log with workflow commands stopped, one escaped line at a time. */
function logReport(text: string): void {
  const token = `mailgate-${randomUUID()}`;
  core.info(`::stop-commands::${token}`);
  for (const line of text.split('\n')) core.info(escapeLogLine(line));
  core.info(`::${token}::`);
}

function annotate(
  gate: GateResult,
  locate: (f: Finding) => { file: string; line: number } | undefined,
): void {
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
 * SARIF, outputs, job summary and annotations, and fails the step (`core.setFailed`, one line) when the gate
 * fails or is undetermined, or on a usage error (with a message saying what to fix).
 *
 * Never throws: every error ends in `core.setFailed`.
 */
export async function run(): Promise<ActionResult | undefined> {
  try {
    const config = readInputs((name) => core.getInput(name));
    const workspace = workspaceDir();
    const loaded = await loadPolicyInput(config);
    for (const w of loaded?.warnings ?? []) {
      core.warning(escapeControl(`${w.path}: ${w.message}`), {
        title: 'mailgate policy',
        file: loaded!.file,
        startLine: w.line,
      });
    }
    const policy: Policy = loaded?.policy ?? {};
    const zones = await loadZoneGlobs(config.zoneFiles, workspace);
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
    const domains = domainsToAudit(config, loaded?.policy, zones);
    const resolver = buildResolver(config, zones);
    let audited: Awaited<ReturnType<typeof auditAndGate>>;
    try {
      audited = await auditAndGate(domains, {
        resolver,
        policy,
        selectors: config.selectors,
        dmarcMode: config.dmarcMode,
        ...(config.failOn ? { failOn: config.failOn } : {}),
        transform: (r) => withZoneSources(r, zones),
      });
    } catch (e) {
      if (e instanceof InvalidDomainError) throw new ActionInputError(`domains: ${e.message}`);
      throw e;
    }
    const { reports, gate } = audited;

    // Findings of failed policy rules that no zone locates point at the rule in the policy file.
    const policyLines = new Map<Finding, { file: string; line: number }>();
    if (loaded) {
      for (const d of gate.domains) {
        for (const r of d.rules) {
          if (!r.finding || !r.policyPath) continue;
          const line = loaded.lineOf(r.policyPath);
          if (line !== undefined) policyLines.set(r.finding, { file: loaded.file, line });
        }
      }
    }
    // Annotations: the zone file line, else the policy rule (or the domain's entry) in the policy file.
    const locate = (f: Finding) =>
      locateInZones(f, zones) ?? policyLines.get(f) ?? (loaded ? domainEntry(loaded, f.domain) : undefined);
    // Code scanning needs a repository file for every result: fall back to the policy file, then the workflow.
    const fallback = loaded ? { file: loaded.file, line: 1 } : workflowFile();
    const locateSarif = (f: Finding) => locate(f) ?? fallback;

    const reportFile = outPath(config.reportFile, 'mailgate-report.json');
    const sarifFile = outPath(config.sarifFile, 'mailgate.sarif');
    await mkdir(dirname(reportFile), { recursive: true });
    await writeFile(reportFile, `${JSON.stringify(gatedReport(reports, gate), null, 2)}\n`);
    await mkdir(dirname(sarifFile), { recursive: true });
    const sarif = renderSarif(reports, { gate, locate: locateSarif, category: 'mailgate/' });
    await writeFile(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);

    logReport(renderText(reports, { gate }));
    annotate(gate, locate);

    if (process.env.GITHUB_STEP_SUMMARY) {
      const options = { gate, link: blobLink, title: 'mailgate: email authentication' };
      await core.summary.addRaw(fitSummary(reports, options), true).write();
    }

    core.setOutput('passed', gate.passed ? 'true' : 'false');
    core.setOutput('errors', String(gate.counts.errors));
    core.setOutput('warnings', String(gate.counts.warnings));
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
