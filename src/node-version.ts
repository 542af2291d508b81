/**
 * The Node.js version mailgate needs: mailauth 7 (and the undici it loads) needs Node.js >= 22.19 and, on an
 * older runtime, dies while loading with an error that names neither mailgate nor the version
 * (`webidl.util.markAsUncloneable is not a function` on Node 20). The library checks it when imported
 * (`src/runtime.ts`, imported first by `src/index.ts`) and throws an {@link UnsupportedNodeError}; the CLI
 * prints the same requirement as one line (`src/cli/bin.ts`).
 *
 * This module imports nothing and has no side effect, so it loads on any Node.js version.
 *
 * @module
 */

/** The Node.js versions mailgate runs on (the `engines.node` range of package.json). */
export const REQUIRED_NODE_VERSION = '>=22.19';

/** Thrown when mailgate is imported on a Node.js version older than {@link REQUIRED_NODE_VERSION}. */
export class UnsupportedNodeError extends Error {
  /** `ERR_MAILGATE_NODE_VERSION`. */
  readonly code = 'ERR_MAILGATE_NODE_VERSION';
  /** The required range, {@link REQUIRED_NODE_VERSION}. */
  readonly required = REQUIRED_NODE_VERSION;
  /** The running version (`process.versions.node`). */
  readonly found: string;
  constructor(found: string) {
    super(`mailgate requires Node.js ${REQUIRED_NODE_VERSION} (this is ${found})`);
    this.name = 'UnsupportedNodeError';
    this.found = found;
  }
}

/** True when `version` (`major.minor.patch`) is at least 22.19. */
export function isSupportedNode(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 19);
}

/**
 * Checks the running Node.js version.
 *
 * @param version - the version to check (default `process.versions.node`).
 * @throws {@link UnsupportedNodeError} when it is older than {@link REQUIRED_NODE_VERSION}.
 */
export function assertSupportedNode(version: string = process.versions.node): void {
  if (!isSupportedNode(version)) throw new UnsupportedNodeError(version);
}
