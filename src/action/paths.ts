/**
 * Paths the Action reads and writes, kept inside the places a workflow expects: the policy file in the
 * repository (`GITHUB_WORKSPACE`), and the report and SARIF files in the workspace or under `RUNNER_TEMP`.
 * Symbolic links are resolved (realpath) before the check, so a link in the repository cannot lead outside it.
 * Outputs are never written through a symbolic link: a link at the output path (dangling or not) or a dangling
 * link among its directories is refused, and {@link writeOutputFile} checks the directory's real path again
 * after creating it and opens the file with `O_NOFOLLOW`, so a link that appears in between is not followed
 * either.
 *
 * @module
 */

import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { isInside } from '../dns/zonefile.js';
import { ActionInputError } from './inputs.js';
import { realOrNull, repoPath } from './zones.js';

/** The directories the Action works in. */
export interface ActionDirs {
  /** `GITHUB_WORKSPACE` (the repository checkout). */
  workspace: string;
  /** `RUNNER_TEMP`, when set. */
  runnerTemp?: string;
}

/**
 * The real path of `path`: the nearest existing ancestor resolved, the rest appended; that ancestor; and the
 * first name on the way up that exists but does not resolve (a dangling or looping symbolic link), if any.
 */
async function realTarget(path: string): Promise<{ real: string; existing: string; dangling?: string }> {
  let existing = path;
  let rest = '';
  let dangling: string | undefined;
  for (;;) {
    const real = await realOrNull(existing);
    if (real !== null)
      return { real: rest ? join(real, rest) : real, existing, ...(dangling ? { dangling } : {}) };
    if (dangling === undefined && (await lstat(existing).catch(() => null))?.isSymbolicLink())
      dangling = existing;
    const parent = dirname(existing);
    if (parent === existing) return { real: path, existing };
    rest = rest ? join(basename(existing), rest) : basename(existing);
    existing = parent;
  }
}

/** True when `path` is inside one of `roots`, lexically or after resolving the roots' own links. */
async function insideAny(path: string, roots: readonly string[]): Promise<boolean> {
  for (const root of roots) {
    if (isInside(path, resolve(root))) return true;
    const real = await realOrNull(root);
    if (real !== null && isInside(path, real)) return true;
  }
  return false;
}

/** True when the real path of `path` (links resolved) is inside one of `roots` (links resolved). */
async function reallyInside(path: string, roots: readonly string[]): Promise<boolean> {
  const { real } = await realTarget(path);
  for (const root of roots) {
    const realRoot = (await realOrNull(root)) ?? resolve(root);
    if (isInside(real, realRoot)) return true;
  }
  return false;
}

const POLICY_HINT = 'set the policy input to a file in the repository, e.g. .github/mailgate.yml';

/**
 * Checks the `policy` input: the file must be in the workspace, also after resolving symbolic links.
 *
 * @returns the absolute path to read and the repository-relative name for messages and annotations.
 * @throws {@link ActionInputError} when the path is outside the workspace.
 */
export async function policyPath(path: string, dirs: ActionDirs): Promise<{ abs: string; file: string }> {
  const abs = isAbsolute(path) ? resolve(path) : resolve(dirs.workspace, path);
  if (!(await insideAny(abs, [dirs.workspace]))) {
    throw new ActionInputError(
      `policy: ${path} is outside the repository (GITHUB_WORKSPACE); ${POLICY_HINT}`,
    );
  }
  if (!(await reallyInside(abs, [dirs.workspace]))) {
    throw new ActionInputError(
      `policy: ${path} is outside the repository (after resolving symbolic links); ${POLICY_HINT}`,
    );
  }
  const rel = relative(resolve(dirs.workspace), abs);
  const file = isAbsolute(path) && !rel.startsWith('..') && !isAbsolute(rel) ? repoPath(rel, '') : path;
  return { abs, file };
}

/**
 * Checks a file input that must be in the repository (`mta-sts-policies`): inside the workspace, also after
 * resolving symbolic links.
 *
 * @returns the absolute path to read and the repository-relative name for messages and findings.
 * @throws {@link ActionInputError} naming the input when the path is outside the workspace.
 */
export async function workspaceFile(
  input: string,
  path: string,
  dirs: ActionDirs,
  hint: string,
): Promise<{ abs: string; file: string }> {
  const abs = isAbsolute(path) ? resolve(path) : resolve(dirs.workspace, path);
  if (!(await insideAny(abs, [dirs.workspace])) || !(await reallyInside(abs, [dirs.workspace])))
    throw new ActionInputError(
      `${input}: ${path} is outside the repository; give a path in the repository, ${hint}`,
    );
  return { abs, file: repoPath(relative(resolve(dirs.workspace), abs), '') };
}

/** The output inputs: the JSON report and the SARIF log. */
export type OutputInput = 'report-file' | 'sarif-file' | 'html-file';

/**
 * Checks an output input (`report-file`, `sarif-file`, `html-file`) and returns the absolute path to write. Without a value,
 * the file `fallbackName` in `RUNNER_TEMP` (else the system temporary directory). A relative path is resolved
 * against the workspace and must stay in it; an absolute path must be in the workspace or under `RUNNER_TEMP`
 * (symbolic links resolved). The path must not be a directory, and no part of its directory may be a file.
 *
 * @throws {@link ActionInputError} naming the input and saying what to give instead.
 */
export async function outputPath(
  input: OutputInput,
  value: string | undefined,
  fallbackName: string,
  dirs: ActionDirs,
): Promise<string> {
  if (!value) return join(dirs.runnerTemp || tmpdir(), fallbackName);
  const example = `out/${fallbackName}`;
  const abs = isAbsolute(value) ? resolve(value) : resolve(dirs.workspace, value);
  const roots = isAbsolute(value) && dirs.runnerTemp ? [dirs.workspace, dirs.runnerTemp] : [dirs.workspace];
  const where = `give a path in the repository workspace (e.g. ${example}) or an absolute path under RUNNER_TEMP`;
  if (!(await insideAny(abs, roots)))
    throw new ActionInputError(`${input}: ${value} is outside the workspace; ${where}`);
  if (!(await reallyInside(abs, roots)))
    throw new ActionInputError(
      `${input}: ${value} is outside the workspace (after resolving symbolic links); ${where}`,
    );
  const { existing, dangling } = await realTarget(abs);
  const link = await lstat(abs).catch(() => null);
  if (dangling !== undefined || link?.isSymbolicLink()) {
    const which = dangling === undefined || dangling === abs ? value : `${value} (through ${dangling})`;
    throw new ActionInputError(
      `${input}: ${which} is a symbolic link${link?.isSymbolicLink() && dangling === undefined ? '' : ' that leads nowhere'}; outputs are not written through links, give a path to a regular file, e.g. ${example}`,
    );
  }
  const info = await stat(existing).catch(() => null);
  if (existing === abs && info) {
    if (info.isDirectory())
      throw new ActionInputError(
        `${input}: ${value} is a directory, not a file; give a file path, e.g. ${posix.join(value.split(sep).join('/'), fallbackName)}`,
      );
    if (!info.isFile())
      throw new ActionInputError(
        `${input}: ${value} is not a regular file; give a file path, e.g. ${example}`,
      );
  } else if (info && !info.isDirectory()) {
    const name = isInside(existing, resolve(dirs.workspace))
      ? repoPath(relative(resolve(dirs.workspace), existing), '')
      : existing;
    throw new ActionInputError(
      `${input}: cannot create ${value}: ${name} is a file, not a directory; give a file path, e.g. ${example}`,
    );
  }
  return abs;
}

/**
 * Writes an output file checked by {@link outputPath}: creates its directory, checks that the directory's real
 * path is still inside the workspace or `RUNNER_TEMP` (else the system temporary directory), then opens the file
 * with `O_NOFOLLOW` (a symbolic link at the path fails with `ELOOP` instead of being followed) and replaces its
 * content.
 *
 * @param input - the input that named the path (for messages).
 * @param path - the absolute path from {@link outputPath}.
 * @param text - the content, written as UTF-8.
 * @throws {@link ActionInputError} naming the input when the path is (now) a link, leads outside, or cannot be
 *   written (with the fs error code).
 */
export async function writeOutputFile(
  input: OutputInput,
  path: string,
  text: string,
  dirs: ActionDirs,
): Promise<void> {
  const roots = [dirs.workspace, dirs.runnerTemp || tmpdir()];
  const fail = (why: string) =>
    new ActionInputError(`${input}: cannot write ${path} (${why}); give a writable file path`);
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    await mkdir(dirname(path), { recursive: true });
    const dir = await realpath(dirname(path));
    let inside = false;
    for (const root of roots) if (isInside(dir, (await realOrNull(root)) ?? resolve(root))) inside = true;
    if (!inside) throw fail('its directory leads outside the workspace through a symbolic link');
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);
    handle = await open(path, flags, 0o644);
    if (!(await handle.stat()).isFile()) throw fail('not a regular file');
    await handle.writeFile(text);
  } catch (e) {
    if (e instanceof ActionInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw fail(code === 'ELOOP' ? 'it is a symbolic link' : code);
  } finally {
    await handle?.close();
  }
}
