/**
 * The base of a pull request, for the base-versus-head gate: the event's base commit, and the zone files as they
 * were at that commit, read from the checkout's git history (`git ls-tree`, `git cat-file --batch`; no network,
 * no change to the checkout). actions/checkout fetches only the merge commit by default, so the base commit is in
 * the checkout only with `fetch-depth: 0` (or after fetching it); without it the base is live DNS.
 *
 * @module
 */

import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Zone } from '../dns/zonefile.js';
import { ActionInputError } from './inputs.js';
import { loadZoneGlobs, workspacePattern } from './zones.js';

const run = promisify(execFile);

/** The most files and bytes read from the base commit (beyond: the base is live DNS, and the log says why). */
export const BASE_LIMITS = { files: 5000, bytes: 64 * 1024 * 1024 } as const;

/** A pull request's base, from the event payload. */
export interface PullRequestBase {
  /** The base commit (40 hex digits). */
  sha: string;
  /** The base branch, when the payload names it. */
  ref?: string;
}

/**
 * The base of the pull request that triggered the run: `GITHUB_EVENT_NAME` is `pull_request` or
 * `pull_request_target` and the payload at `GITHUB_EVENT_PATH` has `pull_request.base.sha`. Undefined for other
 * events or an unreadable payload.
 */
export async function pullRequestBase(
  env: NodeJS.ProcessEnv = process.env,
): Promise<PullRequestBase | undefined> {
  const event = env.GITHUB_EVENT_NAME;
  if (event !== 'pull_request' && event !== 'pull_request_target') return undefined;
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    const payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as {
      pull_request?: { base?: { sha?: unknown; ref?: unknown } };
    };
    const sha = payload.pull_request?.base?.sha;
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/i.test(sha)) return undefined;
    const ref = payload.pull_request?.base?.ref;
    return { sha: sha.toLowerCase(), ...(typeof ref === 'string' ? { ref } : {}) };
  } catch {
    return undefined;
  }
}

/** True when `git` in `workspace` has the commit. */
async function hasCommit(workspace: string, sha: string): Promise<boolean> {
  try {
    await run('git', ['-C', workspace, 'cat-file', '-e', `${sha}^{commit}`], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** The directory part of a glob before its first wildcard (`zones/*.zone` → `zones/`; `**` → ``). */
function staticPrefix(pattern: string): string {
  const parts = pattern.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (/[*?[\]{}]/.test(p)) break;
    out.push(p);
  }
  // A pattern without wildcards names a file or a directory: its parent covers both.
  if (out.length === parts.length) return out.length > 1 ? `${out.slice(0, -1).join('/')}/` : '';
  return out.length > 0 ? `${out.join('/')}/` : '';
}

/** Reads blobs by `sha:path` through one `git cat-file --batch` process. */
async function readBlobs(
  workspace: string,
  sha: string,
  paths: readonly string[],
): Promise<Map<string, Buffer>> {
  const child = spawn('git', ['-C', workspace, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  child.stdin.end(paths.map((p) => `${sha}:${p}\n`).join(''));
  const code = await done;
  if (code !== 0) throw new Error(`git cat-file exited with ${code}`);
  const out = Buffer.concat(chunks);
  const blobs = new Map<string, Buffer>();
  let at = 0;
  for (const p of paths) {
    const nl = out.indexOf(0x0a, at);
    if (nl < 0) break;
    const header = out.subarray(at, nl).toString('utf8');
    const m = /^[0-9a-f]+ blob (\d+)$/.exec(header);
    if (!m) {
      at = nl + 1; // `<object> missing`
      continue;
    }
    const size = Number(m[1]);
    blobs.set(p, out.subarray(nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return blobs;
}

/**
 * The text of repository files at `sha` (e.g. the MTA-STS policy files the `mta-sts-policies` input names), by
 * path; a path the commit does not hold is left out.
 */
export async function filesAtCommit(
  workspace: string,
  sha: string,
  paths: readonly string[],
): Promise<Map<string, string>> {
  if (paths.length === 0 || !(await hasCommit(workspace, sha))) return new Map();
  const blobs = await readBlobs(workspace, sha, paths);
  return new Map([...blobs].map(([p, b]) => [p, b.toString('utf8')]));
}

/** The zone files at the base commit, or why there are none. */
export type BaseZones = { zones: Zone[] } | { unavailable: string };

/**
 * Loads the zone files as they were at `sha`: the files of that commit below the patterns' directories are
 * written to a temporary directory, then loaded exactly as the head's (`loadZoneGlobs`, with the same patterns
 * and origins; a pattern that matches nothing at the base is fine: the change adds those files). Zone file names
 * stay repository paths.
 *
 * @returns the zones, or `unavailable` with the reason (the commit is not in the checkout, git failed, more than
 *   {@link BASE_LIMITS}, or a base zone file a server would refuse).
 */
export async function zonesAtCommit(
  sha: string,
  patterns: readonly string[],
  origins: ReadonlyMap<string, string>,
  workspace: string,
  tempRoot: string = tmpdir(),
): Promise<BaseZones> {
  const short = sha.slice(0, 12);
  if (!(await hasCommit(workspace, sha)))
    return {
      unavailable: `the checkout does not hold the base commit ${short} (actions/checkout fetches only the merge commit unless fetch-depth: 0)`,
    };
  const prefixes = patterns
    .filter((p) => !p.startsWith('!'))
    .map((p) => {
      try {
        return staticPrefix(workspacePattern(p, workspace));
      } catch {
        return '';
      }
    });
  let listing: string;
  try {
    listing = (
      await run('git', ['-C', workspace, 'ls-tree', '-r', '-z', '--full-tree', sha], {
        maxBuffer: 256 * 1024 * 1024,
        timeout: 60_000,
      })
    ).stdout;
  } catch (e) {
    return { unavailable: `git ls-tree ${short} failed (${(e as Error).message.split('\n')[0]})` };
  }
  const files: { path: string; size?: number }[] = [];
  for (const entry of listing.split('\0')) {
    const m = /^(\d{6}) blob [0-9a-f]+\t(.+)$/s.exec(entry);
    if (!m || (m[1] !== '100644' && m[1] !== '100755')) continue;
    const path = m[2]!;
    if (prefixes.some((pre) => pre === '' || path.startsWith(pre))) files.push({ path });
  }
  if (files.length > BASE_LIMITS.files)
    return {
      unavailable: `the base commit ${short} has ${files.length} files below the zone-files directories (at most ${BASE_LIMITS.files} are read); narrow the zone-files patterns`,
    };
  const dir = await mkdtemp(join(tempRoot, 'mailgate-base-'));
  try {
    const blobs = await readBlobs(
      workspace,
      sha,
      files.map((f) => f.path),
    );
    let bytes = 0;
    for (const [path, data] of blobs) {
      bytes += data.length;
      if (bytes > BASE_LIMITS.bytes)
        return {
          unavailable: `the zone-files directories of the base commit ${short} hold more than ${BASE_LIMITS.bytes} bytes`,
        };
      const target = join(dir, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    try {
      const zones = await loadZoneGlobs(patterns, dir, origins, { allowMissing: true });
      return { zones };
    } catch (e) {
      if (e instanceof ActionInputError)
        return { unavailable: `the zone files of the base commit ${short} do not load: ${e.message}` };
      throw e;
    }
  } catch (e) {
    return {
      unavailable: `reading the base commit ${short} failed (${(e as Error).message.split('\n')[0]})`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
