/**
 * The Action's inputs (see `action.yml`), parsed and checked. A bad value is an {@link ActionInputError} whose
 * message says which input to fix and how.
 *
 * @module
 */

import { isIPv4, isIPv6 } from 'node:net';
import { posix } from 'node:path';
import { DEFAULT_TIMEOUT_MS } from '../dns/defaults.js';

/** A usage error: a bad input, an unreadable policy or zone file. The message says what to fix. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/** The Action's configuration after parsing the inputs. */
export interface ActionConfig {
  /** Domains to audit (may be empty: then the policy's domains or the zone origins are used). */
  domains: string[];
  /** Policy file path (relative to the workspace), when given. */
  policy?: string;
  /** DKIM selectors to check for every domain. */
  selectors: string[];
  /** Glob patterns of zone files (a leading `!` excludes). */
  zoneFiles: string[];
  /**
   * Explicit origins of zone files (`zone-origins`), keyed by the repository-relative path (`/` separators,
   * no `./`): for files whose name is not `ORIGIN.zone`, `ORIGIN.db`, `db.ORIGIN` or `ORIGIN` and that do not
   * start with `$ORIGIN`.
   */
  zoneOrigins: Map<string, string>;
  /** DNS servers (`ip`, `ip:port`, `[ipv6]:port`); empty: the runner's resolver. */
  dnsServers: string[];
  /** Time limit per DNS try, in milliseconds. */
  dnsTimeoutMs: number;
  dmarcMode: '9989' | '7489';
  /**
   * `new`: fail only on problems the change introduces or makes worse (compared with the base); `error`,
   * `warning`, `never`: the severity threshold for findings, overriding the policy's `fail-on`. Unset: `new` on
   * pull-request events, else the policy's `fail-on`.
   */
  failOn?: 'new' | 'error' | 'warning' | 'never';
  /**
   * What the change is compared with: `auto` (pull requests: the zone files at the base commit when the checkout
   * has it, else live DNS), `commit` (the base commit's zone files, required), `live` (live DNS).
   */
  base: 'auto' | 'commit' | 'live';
  /** MTA-STS policy files in the repository, by domain (lower-case): read instead of fetched. */
  mtaStsPolicies: Map<string, string>;
  /** Globs of DMARC aggregate reports in the repository, replayed against the change (what-if). */
  dmarcReports: string[];
  /** Where to write SARIF, the JSON report and the HTML report (absolute or relative to the workspace). */
  sarifFile?: string;
  reportFile?: string;
  htmlFile?: string;
}

/** Reads an input by name (the Action passes `core.getInput`). */
export type InputReader = (name: string) => string;

/** Splits a list input on commas, newlines and white space; drops empty items and `#` comments. */
export function splitList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .flatMap((line) => line.split(/[,\s]+/))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Splits a glob list on newlines and on commas outside braces (`zones/*.{zone,db}` stays one pattern); not on
 * spaces, since paths may contain them. Drops empty items and items starting with `#`.
 */
export function splitGlobs(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of text) {
    if (c === '\n' || c === '\r' || (c === ',' && depth === 0)) {
      items.push(current);
      current = '';
      if (c !== ',') depth = 0;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    current += c;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
}

/**
 * Parses `zone-origins`: one `FILE=ORIGIN` per line (`#` comments and blank lines ignored), FILE relative to the
 * repository root.
 * @throws {@link ActionInputError} for a malformed line, a path that climbs out of the repository, a file given
 *   two origins.
 */
export function parseZoneOrigins(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.lastIndexOf('=');
    const file = posix.normalize(line.slice(0, eq).trim().split('\\').join('/'));
    const origin = line
      .slice(eq + 1)
      .trim()
      .toLowerCase()
      .replace(/\.$/, '');
    if (eq < 0 || line.slice(0, eq).trim() === '' || !DOMAIN.test(origin)) {
      throw new ActionInputError(
        `zone-origins: "${line}" is not FILE=ORIGIN (one per line, e.g. zones/main.zone=example.com)`,
      );
    }
    if (file === '..' || file.startsWith('../') || file.startsWith('/'))
      throw new ActionInputError(`zone-origins: "${line}": the file must be a path inside the repository`);
    if (map.has(file) && map.get(file) !== origin)
      throw new ActionInputError(
        `zone-origins: ${file} is given two origins (${map.get(file)} and ${origin})`,
      );
    map.set(file, origin);
  }
  return map;
}

/**
 * Parses a `DOMAIN=FILE` list (one per line, `#` comments and blank lines ignored; FILE relative to the
 * repository root), e.g. `mta-sts-policies`.
 *
 * @returns FILE by domain (lower-case, no trailing dot).
 * @throws {@link ActionInputError} for a malformed line, a path that climbs out of the repository, a domain given
 *   twice.
 */
export function parseDomainFiles(text: string, input: string, example: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const domain = line.slice(0, eq).trim().toLowerCase().replace(/\.$/, '');
    const file = posix.normalize(
      line
        .slice(eq + 1)
        .trim()
        .split('\\')
        .join('/'),
    );
    if (eq < 0 || !DOMAIN.test(domain) || line.slice(eq + 1).trim() === '')
      throw new ActionInputError(
        `${input}: "${line}" is not DOMAIN=FILE (one per line, e.g. example.com=${example})`,
      );
    if (file === '..' || file.startsWith('../') || file.startsWith('/'))
      throw new ActionInputError(`${input}: "${line}": the file must be a path inside the repository`);
    if (map.has(domain)) throw new ActionInputError(`${input}: ${domain} is given twice`);
    map.set(domain, file);
  }
  return map;
}

const DOMAIN =
  /^(?=.{1,253}\.?$)(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}\.?$/;

function checkServer(server: string): string {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(server);
  const hostPort = /^([^:]+):(\d{1,5})$/.exec(server);
  const ok =
    isIPv4(server) ||
    isIPv6(server) ||
    (bracketed !== null &&
      isIPv6(bracketed[1]!) &&
      (bracketed[2] === undefined || Number(bracketed[2]) <= 65535)) ||
    (hostPort !== null && isIPv4(hostPort[1]!) && Number(hostPort[2]) >= 1 && Number(hostPort[2]) <= 65535);
  if (!ok) {
    throw new ActionInputError(
      `dns-servers: "${server}" is not an IP address with an optional port (e.g. 1.1.1.1, 192.0.2.53:5353, [2001:db8::53]:53)`,
    );
  }
  return server;
}

/**
 * Parses the Action inputs.
 * @throws {@link ActionInputError} naming the input and the expected form.
 */
export function readInputs(get: InputReader): ActionConfig {
  const domains = splitList(get('domains'));
  for (const d of domains) {
    if (!DOMAIN.test(d) && !/[^\x00-\x7f]/.test(d)) {
      throw new ActionInputError(
        `domains: "${d}" is not a domain name (write e.g. example.com, one per line or comma separated)`,
      );
    }
  }
  const selectors = splitList(get('selectors'));
  for (const s of selectors) {
    if (!/^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/.test(s)) {
      throw new ActionInputError(
        `selectors: "${s}" is not a DKIM selector (letters, digits, "-", "_" and "." only)`,
      );
    }
  }
  const dmarcMode = get('dmarc-mode').trim() || '9989';
  if (dmarcMode !== '9989' && dmarcMode !== '7489') {
    throw new ActionInputError(
      `dmarc-mode: must be 9989 (RFC 9989, the default) or 7489 (RFC 7489), not "${dmarcMode}"`,
    );
  }
  const failOnText = get('fail-on').trim();
  if (failOnText !== '' && !['new', 'error', 'warning', 'never'].includes(failOnText)) {
    throw new ActionInputError(
      `fail-on: must be new (only what the change introduces or makes worse), error, warning or never, not "${failOnText}"`,
    );
  }
  const baseText = get('base').trim() || 'auto';
  if (baseText !== 'auto' && baseText !== 'commit' && baseText !== 'live') {
    throw new ActionInputError(
      `base: must be auto (the base commit's zone files when the checkout has them, else live DNS), commit or live, not "${baseText}"`,
    );
  }
  const timeoutText = get('dns-timeout').trim();
  const dnsTimeoutMs = timeoutText === '' ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(dnsTimeoutMs) || dnsTimeoutMs < 1 || dnsTimeoutMs > 60_000) {
    throw new ActionInputError(
      `dns-timeout: must be a whole number of milliseconds from 1 to 60000, not "${timeoutText}"`,
    );
  }
  const config: ActionConfig = {
    domains,
    selectors,
    zoneFiles: splitGlobs(get('zone-files')),
    zoneOrigins: parseZoneOrigins(get('zone-origins')),
    dnsServers: splitList(get('dns-servers')).map(checkServer),
    dnsTimeoutMs,
    dmarcMode,
    base: baseText,
    mtaStsPolicies: parseDomainFiles(get('mta-sts-policies'), 'mta-sts-policies', '.well-known/mta-sts.txt'),
    dmarcReports: splitGlobs(get('dmarc-reports')),
  };
  const policy = get('policy').trim();
  if (policy) config.policy = policy;
  if (failOnText) config.failOn = failOnText as ActionConfig['failOn'] & string;
  const sarif = get('sarif-file').trim();
  if (sarif) config.sarifFile = sarif;
  const report = get('report-file').trim();
  if (report) config.reportFile = report;
  const html = get('html-file').trim();
  if (html) config.htmlFile = html;
  return config;
}
