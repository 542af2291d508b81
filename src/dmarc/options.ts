/**
 * Checks the options every DMARC entry point shares. Bad *input* (a message, a record) never throws; a call
 * that cannot work at all (no resolver, an unknown mode) is a programming error and does.
 *
 * @module
 */

import type { Resolver } from '../dns/resolver.js';

/** The DMARC rules to apply: RFC 9989 (default) or RFC 7489. */
export const DMARC_MODES = ['9989', '7489'] as const;

/**
 * @throws TypeError when `options.resolver` has no `query` method or `options.mode` is not `'9989'`/`'7489'`.
 */
export function assertDmarcOptions(
  options: { resolver?: Resolver; mode?: unknown } | undefined,
  caller: string,
): void {
  if (!options || typeof options.resolver?.query !== 'function')
    throw new TypeError(`${caller}: options.resolver (a Resolver with a query method) is required`);
  if (options.mode !== undefined && !(DMARC_MODES as readonly unknown[]).includes(options.mode))
    throw new TypeError(
      `${caller}: mode must be the string '9989' or '7489', not ${JSON.stringify(options.mode)}`,
    );
}
