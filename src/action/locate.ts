/**
 * Where the Action points a finding in the repository (annotations and SARIF `physicalLocation`): the zone file
 * line, the policy file line, or a fallback file so that every SARIF result has a location code scanning accepts.
 *
 * @module
 */

import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import { domainRules, type GateResult } from '../policy/gate.js';
import type { LoadedPolicy } from '../policy/load.js';
import { locateInZones } from './zones.js';

/** A repository file (relative path, `/` separators) and a 1-based line. */
export interface RepoLocation {
  file: string;
  line: number;
}

/**
 * The SARIF location of last resort, used only when there is no policy file, no workflow file
 * (`GITHUB_WORKFLOW_REF` unset, i.e. not on GitHub Actions) and no zone file: the conventional policy file
 * path, where such a finding would be configured or suppressed. It need not exist: code scanning accepts a
 * result in a file that is not in the repository and shows it without a code snippet.
 */
export const SARIF_PLACEHOLDER: Readonly<RepoLocation> = { file: '.github/mailgate.yml', line: 1 };

/** The line of a domain's entry under `domains:` in the policy file. */
export function domainEntry(loaded: LoadedPolicy, domain: string | undefined): RepoLocation | undefined {
  if (!domain) return undefined;
  const key = domainRules(loaded.policy, domain).key;
  const line = key === undefined ? undefined : loaded.lineOf(['domains', key]);
  return line === undefined ? undefined : { file: loaded.file, line };
}

/**
 * For `policy.suppression-expired`: the `expires` line of the suppression that expired (matched by the
 * finding's `evidence.term`, `details.expires` and `details.reason`, and by domain for a list of suppressions),
 * else the suppression, else the finding id's entry under `findings:`.
 */
export function suppressionLine(loaded: LoadedPolicy, finding: Finding): RepoLocation | undefined {
  if (finding.id !== 'policy.suppression-expired') return undefined;
  const term = finding.evidence?.term;
  if (!term) return undefined;
  const details = finding.evidence?.details ?? {};
  const suppress = loaded.policy.findings?.[term]?.suppress;
  const base = ['findings', term, 'suppress'];
  let path: (string | number)[] = base;
  if (Array.isArray(suppress)) {
    const domain = finding.domain?.toLowerCase();
    const same = (i: number) =>
      suppress[i]!.expires === details.expires && suppress[i]!.reason === details.reason;
    const applies = (i: number) =>
      !suppress[i]!.domains ||
      domain === undefined ||
      suppress[i]!.domains!.some((d) => d.toLowerCase().replace(/\.$/, '') === domain);
    const indexes = suppress.map((_, i) => i).filter(same);
    const index = indexes.find(applies) ?? indexes[0];
    if (index !== undefined) path = [...base, index, 'expires'];
  } else if (suppress) {
    path = [...base, 'expires'];
  }
  const line = loaded.lineOf(path) ?? loaded.lineOf(['findings', term]);
  return line === undefined ? undefined : { file: loaded.file, line };
}

/** The running workflow file (from `GITHUB_WORKFLOW_REF`, `owner/repo/.github/workflows/x.yml@ref`), line 1. */
export function workflowFile(ref = process.env.GITHUB_WORKFLOW_REF): RepoLocation | undefined {
  const m = ref ? /^[^/]+\/[^/]+\/(.+?)@/.exec(ref) : null;
  return m?.[1] ? { file: m[1], line: 1 } : undefined;
}

/** What {@link locators} needs. */
export interface LocateContext {
  zones: readonly Zone[];
  loaded?: LoadedPolicy;
  gate: GateResult;
  /** `GITHUB_WORKFLOW_REF`. */
  workflowRef?: string;
}

/**
 * The two locators of a run.
 *
 * - `annotation`: a policy-file finding at its policy line; else the zone file line ({@link locateInZones});
 *   else the failed rule in the policy file; else the domain's entry in the policy file; else none.
 * - `sarif`: the same, then the policy file (line 1), the workflow file, the first zone file, and
 *   {@link SARIF_PLACEHOLDER}: never undefined, since code scanning rejects a result without an artifact location.
 */
export function locators(ctx: LocateContext): {
  annotation: (f: Finding) => RepoLocation | undefined;
  sarif: (f: Finding) => RepoLocation;
} {
  const { zones, loaded, gate } = ctx;
  const policyLines = new Map<Finding, RepoLocation>();
  if (loaded) {
    for (const d of gate.domains) {
      for (const r of d.rules) {
        if (!r.finding || !r.policyPath) continue;
        const line = loaded.lineOf(r.policyPath);
        if (line !== undefined) policyLines.set(r.finding, { file: loaded.file, line });
      }
    }
  }
  const annotation = (f: Finding): RepoLocation | undefined =>
    (loaded ? suppressionLine(loaded, f) : undefined) ??
    locateInZones(f, zones) ??
    policyLines.get(f) ??
    (loaded ? domainEntry(loaded, f.domain) : undefined);
  const firstZone = zones[0];
  const fallback: RepoLocation = (loaded ? { file: loaded.file, line: 1 } : undefined) ??
    workflowFile(ctx.workflowRef) ??
    (firstZone ? { file: firstZone.file ?? firstZone.origin, line: 1 } : undefined) ?? {
      ...SARIF_PLACEHOLDER,
    };
  return { annotation, sarif: (f) => annotation(f) ?? fallback };
}
