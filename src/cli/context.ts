/**
 * What the CLI needs before any command is loaded: the exit codes, the usage error, and the context commands
 * write to. Kept apart from common.ts (the DNS and output options) so that `mailgate --version` loads nothing else.
 *
 * @module
 */

import type { Writable } from 'node:stream';

/**
 * Process exit codes (documented in the README):
 * - `OK` (0): done, nothing at the failing level.
 * - `FAIL` (1): a verdict or finding at the failing level (`--fail-on`).
 * - `USAGE` (2): bad arguments or unreadable input (a missing file, a malformed zone file or policy).
 * - `DNS` (3): DNS trouble (timeout, SERVFAIL) prevented a verdict and nothing else failed.
 */
export const EXIT = { OK: 0, FAIL: 1, USAGE: 2, DNS: 3 } as const;
/** One of the documented {@link EXIT} codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage or input error: printed as one line and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Where a command writes, and the exit code it sets. Injected so tests can run the CLI in-process. */
export interface CliContext {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** What `-` reads (default `process.stdin`): any stream or async iterable of byte chunks. */
  stdin?: AsyncIterable<Uint8Array | string>;
  env: NodeJS.ProcessEnv;
  exitCode: ExitCode;
}
