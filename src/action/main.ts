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
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { type DomainReport, InvalidDomainError } from '../audit/audit.js';
import type { BatchOptions } from '../audit/batch.js';
import { uniqueDomains } from '../audit/domain-list.js';
import { withZoneSources } from '../audit/locate.js';
import { domainsToAudit, domainZoneFiles, uncoveredMessage, uncoveredZones } from '../audit/zone-coverage.js';
import { findingDefinition } from '../catalog.js';
import { namesAsked } from '../dns/asked.js';
import { cachedResolver } from '../dns/cache.js';
import { overlayResolver } from '../dns/overlay.js';
import type { Resolver } from '../dns/resolver.js';
import { systemResolver } from '../dns/system.js';
import type { Zone } from '../dns/zonefile.js';
import type { FailOn } from '../findings/finding.js';
import type { StsPolicyFile } from '../mtasts/index.js';
import { diffProblems, type ProblemDiff } from '../policy/diff.js';
import type { GateResult } from '../policy/gate.js';
import { type LoadedPolicy, loadPolicy, PolicyError } from '../policy/load.js';
import { type ProblemLocator, problemLocator } from '../policy/locate.js';
import {
  type Problem,
  passedRuleKeys,
  problemLabel,
  problemSeverity,
  problemsOf,
} from '../policy/problems.js';
import { type AuditAndGateResult, AuditIncompleteError, auditAndGate } from '../policy/run.js';
import type { GatePolicy } from '../policy/schema.js';
import { diffJson } from '../report/diff.js';
import { escapeControl, escapeLogLine } from '../report/escape.js';
import { renderHtml } from '../report/html.js';
import { gatedReport } from '../report/json.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { refusalText } from '../reports/ingest.js';
import { filesAtCommit, pullRequestBase, zonesAtCommit } from './base.js';
import { type ActionConfig, ActionInputError, readInputs } from './inputs.js';
import { workflowFile } from './locate.js';
import { type ActionDirs, outputPath, policyPath, workspaceFile, writeOutputFile } from './paths.js';
import { type ReportInput, readReportInputs } from './reports.js';
import { failureSummary, fitSummary, policyWarningsMarkdown, zonesMarkdown } from './summary.js';
import { loadZoneGlobs, repoPath, ZoneFileInputError } from './zones.js';

/** Most annotations emitted per run (GitHub shows at most 10 of each kind per step anyway). */
export const MAX_ANNOTATIONS = 50;

/** What {@link run} produced (also written to the outputs); useful to callers and tests. */
export interface ActionResult {
  gate: GateResult;
  reports: DomainReport[];
  reportFile: string;
  sarifFile: string;
  htmlFile: string;
  /** The base-versus-head comparison, when the run made one. */
  diff?: ProblemDiff;
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

/**
 * The audited set: the `domains` input when given, else the policy's domains plus every zone origin that is a
 * mail domain (issue 12: every zone in the change is audited).
 */
function auditedDomains(
  config: ActionConfig,
  policy: GatePolicy | undefined,
  zones: readonly Zone[],
): string[] {
  if (config.domains.length > 0) return once(config.domains, 'the domains input');
  const fromPolicy = once(Object.keys(policy?.domains ?? {}), 'the policy file');
  const all = domainsToAudit(fromPolicy, zones);
  if (all.length > 0) return all;
  throw new ActionInputError(
    'domains: no domain to audit. Set the domains input (comma or newline separated), list domains in the policy file, or give zone-files',
  );
}

function liveResolver(config: ActionConfig): Resolver {
  try {
    return systemResolver({
      ...(config.dnsServers.length > 0 ? { servers: config.dnsServers } : {}),
      timeoutMs: config.dnsTimeoutMs,
      tries: 2,
    });
  } catch (e) {
    throw new ActionInputError(`dns-servers: ${(e as Error).message}`);
  }
}

/**
 * The audit options of the Action: the same {@link BatchOptions} `mailgate audit` builds, from the inputs. The
 * zone files go with the resolver, so the audit also sees what a resolver cannot ask for (a type 99 SPF record).
 */
function auditOptionsFromInputs(
  config: ActionConfig,
  resolver: Resolver,
  zones: readonly Zone[],
  mtaSts: ReadonlyMap<string, StsPolicyFile>,
): BatchOptions {
  return {
    resolver,
    ...(zones.length > 0 ? { zones } : {}),
    ...(config.selectors.length > 0 ? { selectors: config.selectors } : {}),
    ...(mtaSts.size > 0 ? { mtaStsPolicies: mtaSts } : {}),
    dmarcMode: config.dmarcMode,
  };
}

/** Reads the `mta-sts-policies` files (each must be in the workspace). */
async function loadStsPolicies(config: ActionConfig, dirs: ActionDirs): Promise<Map<string, StsPolicyFile>> {
  const out = new Map<string, StsPolicyFile>();
  for (const [domain, path] of config.mtaStsPolicies) {
    const { abs, file } = await workspaceFile(
      'mta-sts-policies',
      path,
      dirs,
      'e.g. example.com=.well-known/mta-sts.txt',
    );
    try {
      out.set(domain, { file, text: await readFile(abs, 'utf8') });
    } catch (e) {
      throw new ActionInputError(
        `mta-sts-policies: cannot read ${file} for ${domain} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }
  return out;
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

/**
 * One annotation per problem (a failed rule and the finding behind it are one), on the line that causes it:
 * `error` for a problem that fails the gate, `warning` otherwise; the title names the rules and findings.
 * `only`, when given, limits them to those problems (with `fail-on: new`, what the change introduces or makes
 * worse).
 */
function annotate(problems: readonly Problem[], locator: ProblemLocator, only?: ReadonlySet<Problem>): void {
  let emitted = 0;
  let skipped = 0;
  for (const p of problems) {
    if (p.outcome === 'info' || (only && !only.has(p))) continue;
    if (emitted >= MAX_ANNOTATIONS) {
      skipped++;
      continue;
    }
    const at = locator.locate(p);
    const title = findingDefinition(p.finding.id)?.title ?? p.finding.id;
    const props: core.AnnotationProperties = {
      title: escapeControl(`mailgate ${problemLabel(p)}: ${title}`),
    };
    if (at) {
      props.file = at.file;
      if (at.line !== undefined) props.startLine = at.line;
      if (at.line !== undefined && at.column !== undefined) props.startColumn = at.column;
    }
    const message = escapeControl(`${p.domain}: ${p.finding.message}${at?.absent ? ` (${at.absent})` : ''}`);
    if (problemSeverity(p) === 'error') core.error(message, props);
    else core.warning(message, props);
    emitted++;
  }
  if (skipped > 0)
    core.warning(
      `mailgate: only the first ${MAX_ANNOTATIONS} problems are annotated (${skipped} more); see the job summary`,
    );
}

/**
 * Warns for each mail domain whose zone file the base commit had and the change removes (not audited any more:
 * the change may take every SPF, DMARC and DKIM record of the domain with it, which the comparison cannot see).
 * A warning, not a failure: removing a domain that no longer sends mail is a change a repository makes on
 * purpose.
 */
function warnRemovedZones(
  baseZones: readonly Zone[],
  headZones: readonly Zone[],
  audited: readonly string[],
): void {
  const kept = new Set([...audited, ...headZones.map((z) => z.origin)]);
  for (const domain of domainsToAudit([], baseZones)) {
    if (kept.has(domain)) continue;
    const file = baseZones.find((z) => z.origin === domain)?.file;
    core.warning(
      escapeControl(
        `${domain}: its zone file${file ? ` ${file}` : ''} is gone in this change, so it is not audited: if ${domain} still sends mail, its SPF, DMARC and DKIM records go with the zone`,
      ),
      { title: 'mailgate zone file removed', ...(file ? { file } : {}) },
    );
  }
}

/** What the run compares the change with. */
interface Baseline {
  /** `zone files at the base commit <sha>`, `live DNS`. */
  label: string;
  zones: Zone[];
  /** The `mta-sts-policies` files as they were at the base commit (absent ones are fetched as usual). */
  mtaSts: Map<string, StsPolicyFile>;
  /** Domains whose zone file the change adds (their problems are all new). */
  newDomains: Set<string>;
}

/**
 * The base of the comparison (see `base.ts`): on a pull request the base commit's zone files when the checkout
 * has it (`base: auto` or `commit`), else live DNS; on other events live DNS.
 */
async function baseline(
  config: ActionConfig,
  zones: readonly Zone[],
  domains: readonly string[],
  dirs: ActionDirs,
): Promise<Baseline> {
  const live: Baseline = { label: 'live DNS', zones: [], mtaSts: new Map(), newDomains: new Set() };
  // Without zone files there is nothing at the base commit to compare: both sides are live DNS.
  if (config.base === 'live' || (config.zoneFiles.length === 0 && config.base === 'auto')) return live;
  const pr = await pullRequestBase();
  if (!pr) {
    if (config.base === 'commit')
      throw new ActionInputError(
        'base: commit needs a pull_request event (with pull_request.base.sha in its payload)',
      );
    return live;
  }
  const loaded = await zonesAtCommit(
    pr.sha,
    config.zoneFiles,
    config.zoneOrigins,
    dirs.workspace,
    dirs.runnerTemp,
  );
  if ('unavailable' in loaded) {
    if (config.base === 'commit') throw new ActionInputError(`base: ${loaded.unavailable}`);
    core.info(`mailgate: the base is live DNS: ${escapeLogLine(loaded.unavailable)}`);
    return live;
  }
  const before = new Set(loaded.zones.map((z) => z.origin));
  const newDomains = new Set(
    domains.filter((d) => zones.some((z) => z.origin === d) && !before.has(d) && config.zoneFiles.length > 0),
  );
  // The base reads the repository's MTA-STS policy files as they were at the base commit too.
  const fileOf = (path: string) => repoPath(path, dirs.workspace).replace(/^(\.\/)+/, '');
  const texts = await filesAtCommit(dirs.workspace, pr.sha, [...config.mtaStsPolicies.values()].map(fileOf));
  const mtaSts = new Map<string, StsPolicyFile>();
  for (const [domain, path] of config.mtaStsPolicies) {
    const text = texts.get(fileOf(path));
    if (text !== undefined) mtaSts.set(domain, { file: fileOf(path), text });
  }
  return {
    label: `the zone files at the base commit ${pr.sha.slice(0, 12)}`,
    zones: loaded.zones,
    mtaSts,
    newDomains,
  };
}

/** Prints what the zone files cover: each audited domain with the zone files it is audited against. */
function logZones(domains: readonly string[], zones: readonly Zone[]): void {
  if (zones.length === 0) {
    core.info(
      `mailgate: auditing ${domains.length} domain${domains.length === 1 ? '' : 's'} over live DNS: ${domains.map(escapeLogLine).join(', ')}`,
    );
    return;
  }
  core.info(
    `mailgate: what-if mode with ${zones.length} zone file${zones.length === 1 ? '' : 's'} over live DNS: ${zones.map((z) => escapeLogLine(z.file ?? z.origin)).join(', ')}`,
  );
  for (const d of domainZoneFiles(domains, zones))
    core.info(
      `mailgate: ${escapeLogLine(d.domain)} audited against ${d.files.length > 0 ? d.files.map(escapeLogLine).join(', ') : 'live DNS only'}`,
    );
}

/** Audits and gates `domains` over `resolver` (the zones laid over live DNS), adding the zone file locations. */
function auditRun(
  config: ActionConfig,
  domains: readonly string[],
  resolver: Resolver,
  zones: readonly Zone[],
  policy: GatePolicy,
  failOn: FailOn | undefined,
  mtaSts: ReadonlyMap<string, StsPolicyFile>,
  whatIf?: { traffic: ReportInput['traffic']; current: Resolver },
): Promise<AuditAndGateResult> {
  return auditAndGate(domains, {
    ...auditOptionsFromInputs(config, resolver, zones, mtaSts),
    policy,
    ...(failOn ? { failOn } : {}),
    transform: (r) => withZoneSources(r, zones),
    ...(zones.length > 0 ? { zones: [...zones] } : {}),
    ...(whatIf ? { whatIf } : {}),
  });
}

/**
 * Runs the Action: reads the inputs, loads the policy and zone files, audits the change (head) and, with
 * `fail-on: new` (the default on pull requests), the base it is compared with; gates; writes the JSON report,
 * SARIF, the HTML report, outputs, job summary and annotations (one per problem, on the line that causes it), and fails the step
 * (`core.setFailed`, one line) when the gate fails or is undetermined, or on a usage error (with a message saying
 * what to fix).
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
    const zones = await loadZoneGlobs(config.zoneFiles, dirs.workspace, config.zoneOrigins, {
      onLinkSkipped: (file) =>
        core.warning(
          escapeControl(
            `${file} is a symbolic link inside a zone-files directory: not followed, so not checked (name the file it points to in zone-files)`,
          ),
          { title: 'mailgate zone-files', file },
        ),
    });
    // What a DNS server would ignore or change in a proposed zone (out-of-zone records, unquoted TXT words) is
    // annotated on its line, so the what-if result is never silently different.
    for (const zone of zones) {
      for (const w of zone.warnings) {
        core.warning(escapeControl(w.message), {
          title: 'mailgate zone file',
          file: w.file ?? zone.file ?? zone.origin,
          startLine: w.line,
        });
      }
    }
    const mtaSts = await loadStsPolicies(config, dirs);
    const pr = await pullRequestBase();
    // `fail-on: new` is the pull-request default: only what the change introduces or makes worse fails.
    const mode = config.failOn ?? (pr ? 'new' : undefined);
    const threshold: FailOn | undefined = mode === 'new' ? undefined : mode;
    const domains = auditedDomains(config, loaded?.policy, zones);
    logZones(domains, zones);
    const reportsIn =
      config.dmarcReports.length > 0
        ? await readReportInputs(config.dmarcReports, dirs.workspace)
        : undefined;
    if (reportsIn) {
      const s = reportsIn.summary;
      core.info(
        `mailgate: DMARC aggregate reports: ${s.files.total} file${s.files.total === 1 ? '' : 's'}, ${s.aggregate.reports} report${s.aggregate.reports === 1 ? '' : 's'}, ${s.aggregate.records} records, ${s.aggregate.messages} messages (${s.aggregate.duplicates} duplicate reports skipped, ${s.refused.total} inputs refused)`,
      );
      for (const r of s.refused.inputs)
        core.warning(escapeControl(refusalText(r)), { title: 'mailgate dmarc-reports' });
    }

    const live = liveResolver(config);
    const compare = mode === 'new';
    const base = compare ? await baseline(config, zones, domains, dirs) : undefined;
    if (base) warnRemovedZones(base.zones, zones, domains);
    const baseResolver = cachedResolver(
      base && base.zones.length > 0 ? overlayResolver(base.zones, live) : live,
    );
    const asked = namesAsked(zones.length > 0 ? overlayResolver(zones, live) : live);
    const headResolver = cachedResolver(asked);
    let head: AuditAndGateResult;
    let before: AuditAndGateResult | undefined;
    try {
      head = await auditRun(
        config,
        domains,
        headResolver,
        zones,
        policy,
        threshold,
        mtaSts,
        reportsIn ? { traffic: reportsIn.traffic, current: baseResolver } : undefined,
      );
      const uncovered = uncoveredZones(zones, domains, asked.asked);
      if (uncovered.length > 0) {
        const message = uncoveredMessage(uncovered, domains);
        for (const z of uncovered)
          core.error(escapeControl(`${z.file ?? z.origin} (origin ${z.origin}) covers no audited domain`), {
            title: 'mailgate zone file',
            file: z.file ?? z.origin,
          });
        throw new ActionInputError(`zone-files: ${message}`);
      }
      if (base) {
        const baseSts = base.label === 'live DNS' ? mtaSts : base.mtaSts;
        before = await auditRun(config, domains, baseResolver, base.zones, policy, threshold, baseSts);
      }
    } catch (e) {
      if (e instanceof InvalidDomainError) throw new ActionInputError(`domains: ${e.message}`);
      throw e;
    }
    if (head.whatIf && head.whatIf.skippedMessages > 0)
      core.info(
        `mailgate: ${head.whatIf.skippedMessages} reported messages are for domains not audited here and were not replayed`,
      );
    const { reports, gate } = head;
    const headProblems = gate.domains.flatMap((d) => problemsOf(d));
    const diff =
      before && base
        ? diffProblems(
            before.gate.domains.flatMap((d) => problemsOf(d)),
            headProblems,
            { newDomains: base.newDomains, passedInBase: passedRuleKeys(before.gate.domains) },
          )
        : undefined;
    const verdict = diff ?? gate;
    const locator = problemLocator({
      zones,
      ...(base && base.zones.length > 0 ? { before: base.zones } : {}),
      ...(loaded ? { loaded } : {}),
      ...(workflowFile() ? { fallback: workflowFile()! } : {}),
    });

    const json = {
      ...gatedReport(reports, gate),
      ...(diff && base ? { diff: diffJson(diff, { base: base.label, locate: locator.locate }) } : {}),
    };
    await writeOutputFile('report-file', reportFile, `${JSON.stringify(json, null, 2)}\n`, dirs);
    const sarif = renderSarif(reports, { gate, locate: locator.sarif, category: 'mailgate/' });
    await writeOutputFile('sarif-file', sarifFile, `${JSON.stringify(sarif, null, 2)}\n`, dirs);
    await writeOutputFile(
      'html-file',
      htmlFile,
      renderHtml(reports, { gate, title: 'mailgate: email authentication' }),
      dirs,
    );

    logReport(renderText(reports, { gate }));
    const introduced = diff
      ? new Set(
          diff.changes
            .filter((c) => c.status === 'new' || c.status === 'worse' || c.status === 'unknown')
            .map((c) => c.problem),
        )
      : undefined;
    annotate(headProblems, locator, introduced);

    const policyWarnings = loaded?.warnings ?? [];
    if (process.env.GITHUB_STEP_SUMMARY) {
      const options = { gate, link: blobLink, title: 'mailgate: email authentication' };
      const summary = fitSummary(reports, options, {
        ...(diff && base ? { diff, base: base.label, locate: locator.locate } : {}),
        before: zonesMarkdown(domainZoneFiles(domains, zones)),
        after: policyWarningsMarkdown(policyWarnings),
      });
      await writeSummary(summary);
    }

    core.setOutput('passed', verdict.passed ? 'true' : 'false');
    core.setOutput('errors', String(gate.counts.errors));
    // Policy file warnings (e.g. a misspelt finding id, whose rule has no effect) count as warnings too.
    core.setOutput('warnings', String(gate.counts.warnings + policyWarnings.length));
    core.setOutput('report', reportFile);
    core.setOutput('sarif', sarifFile);
    core.setOutput('html', htmlFile);
    if (diff) {
      core.setOutput('introduced', String(diff.counts.new + diff.counts.worse));
      core.setOutput('fixed', String(diff.counts.fixed));
    }

    if (!verdict.passed) core.setFailed(escapeControl(verdict.reason));
    else if (diff)
      core.info(
        `mailgate: this change introduces nothing that fails (${diff.counts.fixed} fixed, ${diff.counts.unchanged} unchanged) for ${domains.length} domain${domains.length === 1 ? '' : 's'}`,
      );
    else core.info(`mailgate: policy passed for ${domains.length} domain${domains.length === 1 ? '' : 's'}`);
    return { gate, reports, reportFile, sarifFile, htmlFile, ...(diff ? { diff } : {}) };
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
  await writeSummary(failureSummary(message, kind));
}

/**
 * Writes `markdown` as the job summary. A summary that cannot be written (the file is missing outside a runner, a
 * full disk) is a warning, never the step's failure: the verdict, the outputs and the annotations stand without it.
 */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (e) {
    core.warning(`mailgate: cannot write the job summary (${escapeControl((e as Error).message)})`);
  }
}
