/**
 * Zone files for the Action's "what-if" mode: finding them by glob in the repository (and only there) and loading
 * them as Knot loads them. Findings are located in them by `audit/locate.ts`.
 *
 * @module
 */

// `glob` through the namespace: a named import of it would fail to link on Node.js < 22, before the library's
// own version check (src/runtime.ts) could say which version is needed.
import * as fsp from 'node:fs/promises';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, matchesGlob, posix, relative, resolve, sep } from 'node:path';
import { isInside, loadZoneFile, type Zone, ZoneParseError } from '../dns/zonefile.js';
import { ActionInputError } from './inputs.js';

/**
 * A zone file that servers would refuse (or whose origin is ambiguous): a usage error located at the file and
 * line (the Action annotates that line). `file` is repository-relative.
 */
export class ZoneFileInputError extends ActionInputError {
  readonly file: string;
  /** 1-based; 0 when the problem is the file as a whole (an ambiguous origin). */
  readonly line: number;
  readonly column: number | undefined;
  /** The problem without its location. */
  readonly detail: string;
  constructor(error: ZoneParseError, file: string) {
    super(
      `zone-files: ${file}:${error.line}${error.column !== undefined ? `:${error.column}` : ''}: ${error.detail}`,
    );
    this.name = 'ZoneFileInputError';
    this.file = file;
    this.line = error.line;
    this.column = error.column;
    this.detail = error.detail;
  }
}

/** Repository-relative path with `/` separators. */
export function repoPath(file: string, workspace: string): string {
  const rel = isAbsolute(file) ? relative(workspace, file) : file;
  return rel.split(sep).join('/');
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

/** True for the white space of a zone file line (space and tab; the line break ends the line). */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

/**
 * True when one line is a `$ORIGIN`/`$TTL` directive or an SOA record: `[owner] [ttl] [IN] [ttl] SOA ...`.
 * Looks at no more than the first five words, so each line costs at most its own length.
 */
function zoneLine(text: string, start: number, end: number): boolean {
  let i = start;
  const ownerOmitted = i < end && isBlank(text.charCodeAt(i));
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  if (i >= end || text.charCodeAt(i) === 0x3b) return false; // a blank or comment line
  const words: string[] = [];
  while (words.length < 5) {
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    if (i >= end || text.charCodeAt(i) === 0x3b) break;
    const w = i;
    while (i < end && !isBlank(text.charCodeAt(i))) i++;
    words.push(text.slice(w, Math.min(i, w + 8)).toUpperCase());
    if (words.length === 1 && (words[0] === '$ORIGIN' || words[0] === '$TTL')) return true;
  }
  let k = ownerOmitted ? 0 : 1;
  const isTtl = (word: string | undefined) => word !== undefined && word.length > 0 && /^\d+$/.test(word);
  if (isTtl(words[k])) k++;
  if (words[k] === 'IN') k++;
  if (isTtl(words[k])) k++;
  return words[k] === 'SOA';
}

/**
 * True when a file's name or content says it is meant as a zone file: named `*.zone`, `*.db` or `db.*`, or
 * holding a `$ORIGIN` or `$TTL` directive or an SOA record. The Action loads only such files, so a pattern that
 * matches some other file (a config, a secret) never copies its content into the log or the reports.
 *
 * One pass over the text (line by line, a few words per line): time linear in its size, whatever it holds.
 */
export function looksLikeZoneFile(file: string, text: string): boolean {
  const name = basename(file).toLowerCase();
  if (name.endsWith('.zone') || name.endsWith('.db') || name.startsWith('db.')) return true;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (zoneLine(text, start, end)) return true;
    start = end + 1;
  }
  return false;
}

/** Files found for one pattern: repository-relative names and the absolute path to read. */
interface Match {
  rel: string;
  abs: string;
}

/**
 * The `*.zone` files below a directory, recursively and in sorted order (what `loadZonePaths` reads for a
 * directory; symbolic links inside are not followed: `links` names the `*.zone` ones, for the caller to say so).
 */
async function zoneFilesBelow(dir: string, workspace: string): Promise<{ files: Match[]; links: string[] }> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const named = (kind: 'file' | 'link') =>
    entries
      .filter((e) => (kind === 'file' ? e.isFile() : e.isSymbolicLink()) && e.name.endsWith('.zone'))
      .map((e) => join(e.parentPath, e.name))
      .sort()
      .map((abs) => ({ abs, rel: repoPath(relative(workspace, abs), workspace) }));
  return { files: named('file'), links: named('link').map((m) => m.rel) };
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
 * Each file loads as Knot loads it (`loadZoneFile`): its origin from `origins` (the `zone-origins` input, keyed
 * by repository path), else its name or leading `$ORIGIN`; `$INCLUDE`d files must be inside the workspace too,
 * and a matched file that another one includes is part of that zone, not a zone of its own. Records and
 * warnings from included files name them by repository path.
 *
 * @throws {@link ZoneFileInputError} (file, line, column) for a file servers would refuse or whose origin is
 *   ambiguous; {@link ActionInputError} when there are only exclusions, a pattern or file is outside the
 *   workspace, a pattern contributes no file, a file is not a zone file or cannot be read, or a `zone-origins`
 *   file is not among the loaded files. With `options.allowMissing` (the zone files at a pull request's base
 *   commit), a pattern that matches nothing and a `zone-origins` file that is not there are fine.
 */
export async function loadZoneGlobs(
  patterns: readonly string[],
  workspace: string,
  origins: ReadonlyMap<string, string> = new Map(),
  options: {
    allowMissing?: boolean;
    /** Called with the repository path of each `*.zone` symbolic link a directory holds (not followed). */
    onLinkSkipped?: (file: string) => void;
  } = {},
): Promise<Zone[]> {
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
    for await (const f of fsp.glob(pattern, { cwd: workspace, exclude })) {
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
        const below = await zoneFilesBelow(abs, workspace);
        // said, never dropped silently: a link inside a directory is not followed (name it to have it checked)
        for (const link of below.links) if (!excluded(link, exclude)) options.onLinkSkipped?.(link);
        for (const m of below.files) {
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
    if (contributed === 0 && !options.allowMissing) {
      const given = includeText[i]!;
      throw new ActionInputError(
        directories > 0
          ? `zone-files: no *.zone file below "${given}" (a directory contributes the *.zone files below it; for other names use a pattern such as zones/*.db)`
          : `zone-files: no file matches "${given}" (patterns are relative to the repository root, e.g. zones/*.zone)`,
      );
    }
  }
  for (const file of origins.keys()) {
    if (!files.has(file) && !options.allowMissing)
      throw new ActionInputError(
        `zone-origins: ${file} is not one of the zone files loaded (${[...files.keys()].join(', ') || 'none'}); give its repository path as zone-files matches it`,
      );
  }
  const loaded: { file: string; real: string; zone?: Zone; error?: ZoneFileInputError }[] = [];
  for (const [file, abs] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const real = (await realOrNull(abs)) ?? abs;
    try {
      // Read first to check that this is meant as a zone file: a config or secret matched by a broad pattern
      // is refused without parsing it, so none of its text reaches the log, the report or the summary.
      if (!looksLikeZoneFile(file, await readFile(abs, 'utf8'))) {
        throw new ActionInputError(
          `zone-files: ${file} is not a zone file (no .zone or .db name, no $ORIGIN, $TTL or SOA record; content not shown); match only zone files, e.g. zones/*.zone`,
        );
      }
      const origin = origins.get(file);
      const zone = await loadZoneFile(file, {
        cwd: workspace,
        root: workspace,
        ...(origin !== undefined ? { origin } : {}),
      });
      loaded.push({ file, real, zone });
    } catch (e) {
      if (e instanceof ActionInputError) throw e;
      // Kept until we know whether another file includes this one (then it is not a zone of its own).
      if (e instanceof ZoneParseError)
        loaded.push({ file, real, error: new ZoneFileInputError(e, repoPath(e.file, workspace)) });
      else {
        const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
        throw new ActionInputError(`zone-files: cannot read ${file} (${code})`);
      }
    }
  }
  // A file another zone file $INCLUDEs is part of that zone, not a zone of its own.
  const included = new Set(loaded.flatMap((l) => l.zone?.includes ?? []));
  const zones: Zone[] = [];
  for (const l of loaded) {
    if (included.has(l.real)) continue;
    if (l.error) throw l.error;
    if (l.zone) zones.push(withRepoPaths(l.zone, workspace));
  }
  return zones;
}

/** A zone whose records and warnings from `$INCLUDE`d files name them by repository path. */
function withRepoPaths(zone: Zone, workspace: string): Zone {
  if (!zone.includes) return zone;
  return {
    ...zone,
    records: zone.records.map((r) =>
      r.file === undefined ? r : { ...r, file: repoPath(r.file, workspace) },
    ),
    warnings: zone.warnings.map((w) =>
      w.file === undefined ? w : { ...w, file: repoPath(w.file, workspace) },
    ),
  };
}
