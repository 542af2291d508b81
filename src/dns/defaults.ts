/**
 * Live-DNS defaults, in one place so that the library (`systemResolver`, `queryWire`), the CLI (`--dns-timeout`,
 * `--dns-tries`) and the Action (`dns-timeout`) agree.
 *
 * @module
 */

/**
 * Default time to wait for one answer from one server, per try, in milliseconds: 5000 ms (5 s), as the README,
 * the CLI and the Action document. With {@link DEFAULT_TRIES} a query against one unresponsive server gives up
 * after about 10 s.
 */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Default number of tries per server per query: 2. */
export const DEFAULT_TRIES = 2;
