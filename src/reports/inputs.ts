/**
 * Finds the report files named on a command line or in an Action input: files, directories (every file
 * below, recursively) and glob patterns (`reports/**\/*.xml.gz`, through `node:fs` `glob`). Each file is
 * listed once, in a stable order; a path that does not exist or a pattern that matches nothing is an error
 * naming it (the caller counts it and goes on).
 *
 * @module
 */

// `glob` through the namespace: a named import of it would fail to link on Node.js < 22, before the library's
// own version check (src/runtime.ts) could say which version is needed.
import * as fsp from 'node:fs/promises';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReportReadError } from './errors.js';

/** One file to read. */
export interface ReportFile {
  /** The path as found (relative paths stay relative to the working directory). */
  path: string;
  /** Size in bytes. */
  size: number;
}

/** The files found, and the names that found none. */
export interface ReportFileList {
  files: ReportFile[];
  errors: ReportReadError[];
}

const GLOB_CHARS = /[*?[\]{}]/;

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
    else if (e.isSymbolicLink()) {
      const s = await stat(p).catch(() => null);
      if (s?.isFile()) out.push(p);
    }
  }
}

/**
 * Expands paths, directories and glob patterns into files.
 *
 * @returns the files (each once, by resolved path; directory contents sorted by name) and one
 *   {@link ReportReadError} (`io`) per name that matched nothing or could not be listed.
 */
export async function findReportFiles(names: readonly string[]): Promise<ReportFileList> {
  const files: ReportFile[] = [];
  const errors: ReportReadError[] = [];
  const seen = new Set<string>();
  const add = async (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) return;
    seen.add(key);
    try {
      const s = await stat(path);
      files.push({ path, size: s.size });
    } catch (e) {
      errors.push(
        new ReportReadError(path, 'io', `cannot read the file (${(e as NodeJS.ErrnoException).code})`),
      );
    }
  };
  for (const name of names) {
    let s: Awaited<ReturnType<typeof stat>> | null = null;
    try {
      s = await stat(name);
    } catch {
      s = null;
    }
    if (s?.isDirectory()) {
      const found: string[] = [];
      try {
        await walk(name, found);
      } catch (e) {
        errors.push(
          new ReportReadError(name, 'io', `cannot list the directory (${(e as NodeJS.ErrnoException).code})`),
        );
      }
      for (const f of found) await add(f);
      continue;
    }
    if (s?.isFile()) {
      await add(name);
      continue;
    }
    if (GLOB_CHARS.test(name)) {
      const matched: string[] = [];
      for await (const f of fsp.glob(name)) matched.push(f);
      matched.sort();
      let any = false;
      for (const f of matched) {
        const fs = await stat(f).catch(() => null);
        if (fs?.isFile()) {
          any = true;
          await add(f);
        }
      }
      if (!any) errors.push(new ReportReadError(name, 'io', 'the pattern matches no file'));
      continue;
    }
    errors.push(new ReportReadError(name, 'io', s ? 'not a file or directory' : 'no such file or directory'));
  }
  return { files, errors };
}
