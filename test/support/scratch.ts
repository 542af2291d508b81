/**
 * A scratch directory for one test file: made before its tests, removed after them, with a helper that writes a
 * file in it (creating the directories on the way).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface Scratch {
  /** The directory (set once the file's tests start). */
  readonly dir: string;
  /** Writes `text` at `name` (relative to the directory) and returns the file's path. */
  write(name: string, text: string): Promise<string>;
}

/** Registers the scratch directory's beforeAll/afterAll; `prefix` names it under the system temp directory. */
export function scratchDir(prefix: string): Scratch {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    async write(name: string, text: string) {
      const file = join(dir, name);
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, text);
      return file;
    },
  };
}
