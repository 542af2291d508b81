/**
 * Zone files for the Action's "what-if" mode: finding them by glob in the repository, loading them, and
 * pointing findings at the zone file line that defines (or should define) the record.
 *
 * @module
 */

import { glob } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { DomainReport } from '../audit/audit.js';
import { joinTxt, normalizeName } from '../dns/resolver.js';
import { loadZoneFile, type Zone, ZoneParseError } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import { ActionInputError } from './inputs.js';

/** Repository-relative path with `/` separators. */
export function repoPath(file: string, workspace: string): string {
  const rel = isAbsolute(file) ? relative(workspace, file) : file;
  return rel.split(sep).join('/');
}

/**
 * Expands the `zone-files` patterns (relative to `workspace`; a pattern starting with `!` excludes) and loads
 * every file. Each zone's `file` is its repository-relative path, so answers and findings point at it.
 *
 * @throws {@link ActionInputError} when a pattern matches nothing, or a file cannot be read or parsed
 *   (the message gives the file and line).
 */
export async function loadZoneGlobs(patterns: readonly string[], workspace: string): Promise<Zone[]> {
  const include = patterns.filter((p) => !p.startsWith('!'));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const files = new Set<string>();
  for (const pattern of include) {
    let matched = 0;
    for await (const f of glob(pattern, { cwd: workspace, exclude })) {
      files.add(repoPath(f, workspace));
      matched++;
    }
    if (matched === 0) {
      throw new ActionInputError(
        `zone-files: no file matches "${pattern}" (patterns are relative to the repository root, e.g. zones/*.zone)`,
      );
    }
  }
  const zones: Zone[] = [];
  for (const file of [...files].sort()) {
    try {
      const zone = await loadZoneFile(isAbsolute(file) ? file : join(workspace, file));
      zone.file = file;
      zones.push(zone);
    } catch (e) {
      if (e instanceof ZoneParseError) {
        const detail = e.message.slice(e.message.indexOf(': ', `${e.file}:${e.line}`.length) + 2);
        throw new ActionInputError(`zone-files: ${file}:${e.line}: ${detail}`);
      }
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new ActionInputError(`zone-files: cannot read ${file} (${code})`);
    }
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

/**
 * Where in the zones a finding's record is defined: the TXT record at `evidence.name` whose text is
 * `evidence.record` (or, without record text, the only TXT record of the finding's kind at that name). For a
 * name inside a zone with no such record (e.g. "no DMARC record"), the zone's first record (usually the SOA):
 * that is the file to change. Only for findings about TXT-published records (SPF, DMARC, DKIM, MTA-STS, TLS-RPT,
 * BIMI, and policy rules); others (MX, reverse DNS) are located only through `evidence.source`.
 */
export function locateInZones(
  finding: Finding,
  zones: readonly Zone[],
): { file: string; line: number } | undefined {
  const rawName = finding.evidence?.name ?? finding.domain;
  if (!rawName) return undefined;
  const name = normalizeName(rawName);
  if (!name) return undefined;
  const zone = zoneFor(zones, name);
  if (!zone) return undefined;
  const file = zone.file ?? zone.origin;
  const txt = zone.records.filter((r) => r.name === name && r.type === 'TXT' && Array.isArray(r.data));
  const text = (r: (typeof txt)[number]) => joinTxt(r.data as string[]);
  const record = finding.evidence?.record;
  if (record !== undefined) {
    const exact = txt.find((r) => text(r) === record);
    if (exact) return { file, line: exact.line };
  }
  const area = finding.id.split('.')[0] ?? '';
  const prefix = AREA_PREFIX[area];
  if (!prefix && area !== 'dkim' && area !== 'policy') return undefined;
  const ofKind = prefix ? txt.filter((r) => prefix.test(text(r))) : txt;
  if (ofKind.length === 1) return { file, line: ofKind[0]!.line };
  const first = zone.records[0];
  return { file, line: first?.line ?? 1 };
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
