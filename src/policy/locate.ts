/**
 * Where a problem is in the repository, for annotations and SARIF: the line of the record that causes it (a
 * zone file, or a repository MTA-STS policy file), else the zone file that lacks the record (named, with its
 * line before the change when the change deleted it), else the rule in the policy file, else the domain's entry
 * there. SARIF needs a file and a line for every result, so {@link ProblemLocator.sarif} falls back to the
 * policy file, then to a location the caller gives (the workflow file in the Action), then to
 * {@link SARIF_PLACEHOLDER}. The CLI and the Action use this one locator.
 *
 * @module
 */

import { locateInZones, POLICY_FILE_FINDINGS, type SourceLocation } from '../audit/locate.js';
import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import { domainRules } from './gate/domain-rules.js';
import type { LoadedPolicy } from './load.js';
import type { Problem } from './problems.js';

/**
 * The SARIF location of last resort, used only when there is no policy file, no zone file and no fallback from
 * the caller (`GITHUB_WORKFLOW_REF` unset in the Action): the conventional policy file path, where such a finding
 * would be configured or suppressed. It need not exist: code scanning accepts a result in a file that is not in
 * the repository and shows it without a code snippet.
 */
export const SARIF_PLACEHOLDER: Readonly<{ file: string; line: number }> = {
  file: '.github/mailgate.yml',
  line: 1,
};

/** Where a problem is, and, when its record is missing from the file, a clause saying so. */
export interface ProblemLocation extends SourceLocation {
  /**
   * For a record the zone file does not hold: e.g. `no TXT record at _dmarc.example.com in zones/example.com.zone`,
   * or `the TXT record at s1._domainkey.example.com was deleted (line 12 of zones/example.com.zone before the
   * change)`.
   */
  absent?: string;
}

/** The line of a domain's entry under `domains:` in the policy file. */
export function domainEntry(loaded: LoadedPolicy, domain: string | undefined): ProblemLocation | undefined {
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
export function suppressionLine(loaded: LoadedPolicy, finding: Finding): ProblemLocation | undefined {
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

/** What {@link problemLocator} needs. */
export interface LocateContext {
  /** The zone files of the run (the change's, in a pull request). */
  zones: readonly Zone[];
  /** The zone files before the change, when known: a record they hold and `zones` lack was deleted. */
  before?: readonly Zone[];
  /** The policy file, with its lines. */
  loaded?: LoadedPolicy;
  /** The SARIF location when nothing else applies (the Action gives the workflow file). */
  fallback?: { file: string; line: number };
}

/** The two answers of {@link problemLocator}. */
export interface ProblemLocator {
  /** Where to annotate a problem; undefined when nothing in the repository is about it. */
  locate(p: Problem): ProblemLocation | undefined;
  /** Where a SARIF result goes: never undefined, and always with a line (code scanning needs `startLine`). */
  sarif(p: Problem): ProblemLocation & { line: number };
}

function absentClause(a: NonNullable<ReturnType<typeof locateInZones>>): string | undefined {
  if (!a.absent) return undefined;
  const what = `the ${a.absent.type} record at ${a.absent.name}`;
  return a.absent.before
    ? `${what} was deleted (line ${a.absent.before.line} of ${a.absent.before.file} before the change)`
    : `no ${a.absent.type} record at ${a.absent.name} in ${a.file}`;
}

/**
 * The locator of a run (see the module notes). A problem is located by its findings in order (the one that
 * states it, then the related ones): a finding's own `evidence.source` or its record in the zones (with the
 * column of its term) wins; then a zone file lacking the record; then the first rule's key in the policy file;
 * then the domain's entry in it.
 */
export function problemLocator(ctx: LocateContext): ProblemLocator {
  const { zones, loaded } = ctx;
  const locate = (p: Problem): ProblemLocation | undefined => {
    const findings = [p.finding, ...p.related];
    if (loaded) {
      for (const f of findings) {
        if (POLICY_FILE_FINDINGS.has(f.id)) {
          const at = suppressionLine(loaded, f) ?? { file: loaded.file, line: 1 };
          return at;
        }
      }
    }
    let fileOnly: ProblemLocation | undefined;
    for (const f of findings) {
      const s = f.evidence?.source;
      const z =
        s?.column !== undefined
          ? undefined
          : locateInZones(f, zones, ctx.before ? { before: ctx.before } : {});
      if (s) {
        // The zones may know the column of the finding's term on the record's line.
        const column = s.column ?? (z?.file === s.file && z.column !== undefined ? z.column : undefined);
        return {
          file: s.file,
          line: z?.file === s.file && z.line !== undefined && column !== undefined ? z.line : s.line,
          ...(column !== undefined ? { column } : {}),
        };
      }
      if (z?.line !== undefined)
        return { file: z.file, line: z.line, ...(z.column !== undefined ? { column: z.column } : {}) };
      if (z && !fileOnly) {
        const absent = absentClause(z);
        fileOnly = { file: z.file, ...(absent ? { absent } : {}) };
      }
    }
    if (fileOnly) return fileOnly;
    if (loaded) {
      for (const r of p.rules) {
        const line = r.policyPath ? loaded.lineOf(r.policyPath) : undefined;
        if (line !== undefined) return { file: loaded.file, line };
      }
      return domainEntry(loaded, p.domain);
    }
    return undefined;
  };
  const firstZone = zones[0];
  const fallback: { file: string; line: number } = (loaded ? { file: loaded.file, line: 1 } : undefined) ??
    ctx.fallback ??
    (firstZone ? { file: firstZone.file ?? firstZone.origin, line: 1 } : undefined) ?? {
      ...SARIF_PLACEHOLDER,
    };
  return {
    locate,
    sarif: (p) => {
      const at = locate(p);
      if (!at) return fallback;
      return { ...at, line: at.line ?? 1 };
    },
  };
}
