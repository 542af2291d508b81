/**
 * Zone files for the Action's "what-if" mode: finding them by glob in the repository (and only there), loading
 * them, and pointing findings at the zone file line that defines (or should define) the record.
 *
 * @module
 */

import { glob, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, matchesGlob, posix, relative, resolve, sep } from 'node:path';
import type { DomainReport } from '../audit/audit.js';
import { joinTxt, normalizeName } from '../dns/resolver.js';
import { loadZoneFile, type Zone, ZoneParseError, type ZoneRecord } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import { ActionInputError } from './inputs.js';

/** Repository-relative path with `/` separators. */
export function repoPath(file: string, workspace: string): string {
  const rel = isAbsolute(file) ? relative(workspace, file) : file;
  return rel.split(sep).join('/');
}

/** True when `path` is `root` or below it (both absolute and already resolved; no symbolic links followed). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

const OUTSIDE_HINT =
  'zone files must be in the repository (GITHUB_WORKSPACE); write patterns relative to its root, e.g. zones/*.zone';

/**
 * A `zone-files` pattern as a glob relative to the workspace: `./` and `a/../` folded, an absolute pattern inside
 * the workspace made relative, a trailing `/` or `/**` dropped (the directory then stands for the `*.zone` files
 * below it, as the CLI's `--zone DIR`).
 *
 * @throws {@link ActionInputError} when the pattern is absolute outside the workspace or climbs out of it (`..`).
 */
export function workspacePattern(pattern: string, workspace: string): string {
  let p = pattern;
  if (isAbsolute(p)) {
    const rel = relative(workspace, p);
    if (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`))
      throw new ActionInputError(`zone-files: "${pattern}" is outside the repository; ${OUTSIDE_HINT}`);
    p = rel.split(sep).join('/') || '.';
  }
  p = posix.normalize(p.split(sep).join('/'));
  if (p === '..' || p.startsWith('../'))
    throw new ActionInputError(`zone-files: "${pattern}" is outside the repository; ${OUTSIDE_HINT}`);
  p = p.replace(/(?:^|\/)\*\*\/?$/, '').replace(/\/+$/, '');
  return p === '' ? '.' : p;
}

/**
 * True when a file's name or content says it is meant as a zone file: named `*.zone`, `*.db` or `db.*`, or
 * holding a `$ORIGIN` or `$TTL` directive or an SOA record. The Action loads only such files, so a pattern that
 * matches some other file (a config, a secret) never copies its content into the log or the reports.
 */
export function looksLikeZoneFile(file: string, text: string): boolean {
  const name = basename(file);
  return (
    /\.(zone|db)$/i.test(name) ||
    /^db\./i.test(name) ||
    /^\s*\$(ORIGIN|TTL)\s/im.test(text) ||
    /^\S*\s+(?:\d+\s+)?(?:IN\s+)?(?:\d+\s+)?SOA\s/im.test(text)
  );
}

/** Files found for one pattern: repository-relative names and the absolute path to read. */
interface Match {
  rel: string;
  abs: string;
}

/**
 * The `*.zone` files below a directory, recursively and in sorted order (what `loadZonePaths` reads for a
 * directory; symbolic links inside are not followed).
 */
async function zoneFilesBelow(dir: string, workspace: string): Promise<Match[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.zone'))
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((abs) => ({ abs, rel: repoPath(relative(workspace, abs), workspace) }));
}

/** True when an exclusion matches the file or one of its directories. */
function excluded(rel: string, exclude: readonly string[]): boolean {
  const parts = rel.split('/');
  for (let n = parts.length; n > 0; n--) {
    const path = parts.slice(0, n).join('/');
    if (exclude.some((x) => matchesGlob(path, x))) return true;
  }
  return false;
}

/** The real path of `path` (symbolic links resolved), or null when it does not resolve. */
export async function realOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch {
    return null;
  }
}

/**
 * Expands the `zone-files` patterns and loads every file. Patterns are relative to `workspace` (a leading `!`
 * excludes); a pattern that matches a directory (also `dir/` and `dir/**`) contributes the `*.zone` files below
 * it. Each zone's `file` is its repository-relative path, so answers and findings point at it.
 *
 * Only files in the workspace are read: a pattern that climbs out of it (`../other/*.zone`, `/etc/*.conf`) and a
 * match whose real path (symbolic links resolved) is outside it are usage errors. A matched file that does not
 * look like a zone file ({@link looksLikeZoneFile}) is a usage error that names it and shows none of its text.
 *
 * @throws {@link ActionInputError} when there are only exclusions, a pattern or file is outside the workspace, a
 *   pattern contributes no file, a file is not a zone file, or a file cannot be read or parsed (the message gives
 *   the file and line).
 */
export async function loadZoneGlobs(patterns: readonly string[], workspace: string): Promise<Zone[]> {
  const includeText = patterns.filter((p) => !p.startsWith('!'));
  const excludeText = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  if (includeText.length === 0 && excludeText.length > 0) {
    throw new ActionInputError(
      `zone-files has only exclusions (${excludeText.map((p) => `!${p}`).join(', ')}): list the zone files to include too, e.g. zones/*.zone`,
    );
  }
  const include = includeText.map((p) => workspacePattern(p, workspace));
  // An exclusion drops the files it matches and everything below a directory it matches.
  const exclude = excludeText
    .map((p) => workspacePattern(p, workspace))
    .flatMap((p) => (p === '.' ? ['**'] : [p, `${p}/**`]));
  const realWorkspace = await realpath(workspace).catch(() => resolve(workspace));
  const files = new Map<string, string>();
  for (const [i, pattern] of include.entries()) {
    let contributed = 0;
    let directories = 0;
    for await (const f of glob(pattern, { cwd: workspace, exclude })) {
      const abs = resolve(workspace, f);
      const rel = repoPath(relative(workspace, abs), workspace) || '.';
      const real = await realOrNull(abs);
      if (real !== null && !isInside(real, realWorkspace)) {
        const how = rel === '..' || rel.startsWith('../') ? '' : ' (after resolving symbolic links)';
        throw new ActionInputError(`zone-files: ${rel} is outside the repository${how}; ${OUTSIDE_HINT}`);
      }
      const info = real === null ? null : await stat(real);
      if (info?.isDirectory()) {
        directories++;
        for (const m of await zoneFilesBelow(abs, workspace)) {
          if (excluded(m.rel, exclude)) continue;
          const r = await realOrNull(m.abs);
          if (r === null || !isInside(r, realWorkspace)) {
            throw new ActionInputError(
              `zone-files: ${m.rel} is outside the repository (after resolving symbolic links); ${OUTSIDE_HINT}`,
            );
          }
          files.set(m.rel, m.abs);
          contributed++;
        }
        continue;
      }
      if (info && !info.isFile())
        throw new ActionInputError(`zone-files: ${rel} is not a regular file; match only zone files`);
      files.set(rel, abs);
      contributed++;
    }
    if (contributed === 0) {
      const given = includeText[i]!;
      throw new ActionInputError(
        directories > 0
          ? `zone-files: no *.zone file below "${given}" (a directory contributes the *.zone files below it; for other names use a pattern such as zones/*.db)`
          : `zone-files: no file matches "${given}" (patterns are relative to the repository root, e.g. zones/*.zone)`,
      );
    }
  }
  const zones: Zone[] = [];
  for (const [file, abs] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let zone: Zone;
    try {
      // Read first to check that this is meant as a zone file: a config or secret matched by a broad pattern
      // is refused without parsing it, so none of its text reaches the log, the report or the summary.
      if (!looksLikeZoneFile(file, await readFile(abs, 'utf8'))) {
        throw new ActionInputError(
          `zone-files: ${file} is not a zone file (no .zone or .db name, no $ORIGIN, $TTL or SOA record; content not shown); match only zone files, e.g. zones/*.zone`,
        );
      }
      zone = await loadZoneFile(abs);
    } catch (e) {
      if (e instanceof ActionInputError) throw e;
      if (e instanceof ZoneParseError) {
        const detail = e.message.slice(e.message.indexOf(': ', `${e.file}:${e.line}`.length) + 2);
        throw new ActionInputError(`zone-files: ${file}:${e.line}: ${detail}`);
      }
      const code = (e as NodeJS.ErrnoException).code ?? 'error';
      throw new ActionInputError(`zone-files: cannot read ${file} (${code})`);
    }
    zone.file = file;
    zones.push(zone);
  }
  return zones;
}

const AREA_PREFIX: Record<string, RegExp> = {
  spf: /^v=spf1(\s|$)/i,
  dmarc: /^v=DMARC1/i,
  mtasts: /^v=STSv1/i,
  tlsrpt: /^v=TLSRPTv1/i,
  bimi: /^v=BIMI1/i,
};

/** The protocol area whose record a policy rule's finding is about (`policy.spf-lookups` → `spf`). */
const POLICY_AREA: [RegExp, string][] = [
  [/^policy\.spf-/, 'spf'],
  [/^policy\.dmarc-/, 'dmarc'],
  [/^policy\.dkim-/, 'dkim'],
  [/^policy\.mta-sts-/, 'mtasts'],
];

/** Findings about the policy file itself, never about a DNS record: located in the policy file by the caller. */
export const POLICY_FILE_FINDINGS: ReadonlySet<string> = new Set(['policy.suppression-expired']);

/** MX findings that mean "the record the domain should have is missing": located at the zone's SOA. */
const MX_MISSING: ReadonlySet<string> = new Set(['mx.no-mx', 'mx.domain-not-found']);

/** The zone with the longest origin that contains `name`. */
function zoneFor(zones: readonly Zone[], name: string): Zone | undefined {
  let best: Zone | undefined;
  for (const z of zones) {
    if (name === z.origin || name.endsWith(`.${z.origin}`)) {
      if (!best || z.origin.length > best.origin.length) best = z;
    }
  }
  return best;
}

/** The line of the zone's SOA record (else its first record, else 1): where a missing record is added. */
function soaLine(zone: Zone): number {
  const soa = zone.records.find((r) => r.type === 'SOA' && r.name === zone.origin);
  return (soa ?? zone.records[0])?.line ?? 1;
}

function areaOf(id: string): string {
  for (const [re, area] of POLICY_AREA) if (re.test(id)) return area;
  return id.split('.')[0] ?? '';
}

function locateMx(finding: Finding, zone: Zone, name: string): number | undefined {
  if (MX_MISSING.has(finding.id)) return soaLine(zone);
  const at = (type: string) => zone.records.filter((r) => r.name === name && r.type === type);
  const record = finding.evidence?.record;
  if (record !== undefined) {
    const mx = at('MX').find((r) => {
      const d = r.data as { priority: number; exchange: string } | undefined;
      return d !== undefined && `${d.priority} ${d.exchange === '' ? '.' : d.exchange}` === record;
    });
    if (mx) return mx.line;
  }
  const address = finding.evidence?.details?.address;
  if (finding.id === 'mx.non-public-address' && typeof address === 'string') {
    const a = [...at('A'), ...at('AAAA')].find((r) => r.data === address);
    if (a) return a.line;
  }
  return undefined;
}

/**
 * Where in the zones a finding's record is defined, or should be added.
 *
 * - TXT-published records (SPF, DMARC, DKIM, MTA-STS, TLS-RPT, BIMI, and the policy rules about them): the TXT
 *   record at `evidence.name` whose text is `evidence.record`, else the only TXT record of the finding's kind at
 *   that name; when there is none (e.g. "no DMARC record") or several, the zone's SOA line: that is the file to
 *   change.
 * - MX: `mx.no-mx` and `mx.domain-not-found` at the SOA line; others at the MX (or the MX host's address)
 *   record they name, when it is in the zone. Reverse DNS (`mx.no-ptr`) is not in these zones: undefined.
 * - Findings about the policy file ({@link POLICY_FILE_FINDINGS}): undefined.
 */
export function locateInZones(
  finding: Finding,
  zones: readonly Zone[],
): { file: string; line: number } | undefined {
  if (POLICY_FILE_FINDINGS.has(finding.id)) return undefined;
  const rawName = finding.evidence?.name ?? finding.domain;
  if (!rawName) return undefined;
  const name = normalizeName(rawName);
  if (!name) return undefined;
  const zone = zoneFor(zones, name);
  if (!zone) return undefined;
  const file = zone.file ?? zone.origin;
  const area = areaOf(finding.id);
  if (area === 'mx') {
    const line = locateMx(finding, zone, name);
    return line === undefined ? undefined : { file, line };
  }
  const txt = zone.records.filter((r) => r.name === name && r.type === 'TXT' && Array.isArray(r.data));
  const text = (r: ZoneRecord) => joinTxt(r.data as string[]);
  const record = finding.evidence?.record;
  if (record !== undefined) {
    const exact = txt.find((r) => text(r) === record);
    if (exact) return { file, line: exact.line };
  }
  const prefix = AREA_PREFIX[area];
  if (!prefix && area !== 'dkim' && area !== 'policy') return undefined;
  const ofKind = prefix ? txt.filter((r) => prefix.test(text(r))) : txt;
  if (ofKind.length === 1) return { file, line: ofKind[0]!.line };
  return { file, line: soaLine(zone) };
}

/**
 * Returns the report with `evidence.source` set on every finding that the zones can locate (findings that
 * already have a source keep it). The report is copied, not changed.
 */
export function withZoneSources(report: DomainReport, zones: readonly Zone[]): DomainReport {
  if (zones.length === 0) return report;
  const findings = report.findings.map((f) => {
    if (f.evidence?.source) return f;
    const source = locateInZones(f, zones);
    return source ? { ...f, evidence: { ...(f.evidence ?? {}), source } } : f;
  });
  return { ...report, findings };
}
