/**
 * What every CLI command shares: DNS options and the resolver they build, output destination and colour,
 * exit codes, and usage errors.
 *
 * @module
 */

import { statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { CheckOutcome } from '../audit/dns-trouble.js';
import { auditableDomain, InvalidDomainError } from '../audit/domain-name.js';
import { type CachedResolver, cachedResolver } from '../dns/cache.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_TRIES } from '../dns/defaults.js';
import { overlayResolver } from '../dns/overlay.js';
import type { Resolver } from '../dns/resolver.js';
import { systemResolver } from '../dns/system.js';
import { isInside, loadZonePaths, type Zone, ZoneParseError } from '../dns/zonefile.js';
import { zoneResolver } from '../dns/zones.js';
import { escapeControl } from '../report/escape.js';

import { type CliContext, EXIT, type ExitCode, UsageError } from './context.js';

/** The exit code of a check's outcome: `fail` 1, `undetermined` (DNS trouble) 3, `pass` 0. The one rule of every command. */
export function exitCodeOf(outcome: CheckOutcome): ExitCode {
  return outcome === 'fail' ? EXIT.FAIL : outcome === 'undetermined' ? EXIT.DNS : EXIT.OK;
}

export { type CliContext, EXIT, type ExitCode, UsageError } from './context.js';

/** Options added by {@link addDnsOptions}. */
export interface DnsCliOptions {
  zone?: string[];
  /** `FILE=ORIGIN` items (`--zone-origin`). */
  zoneOrigin?: string[];
  /** `--zone-root`: the directory `$INCLUDE`s must stay inside (see {@link zoneRoot}). */
  zoneRoot?: string;
  offline?: boolean;
  dnsServer?: string[];
  dnsTimeout?: number;
  dnsTries?: number;
}

/** Options added by {@link addOutputOptions}. */
export interface OutputCliOptions {
  format: string;
  output?: string;
  color?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The parser of a positive integer option (`--concurrency`, `--dns-timeout`, `--budget`, `--max-size`...): digits
 * only, greater than 0.
 * @param message what the error says, e.g. `--budget must be a positive integer`
 * @throws {@link UsageError} with `message` for anything else
 */
export function positiveInt(message: string): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UsageError(message);
    return Number(value);
  };
}

/**
 * Adds `--zone FILE` (repeatable), `--zone-origin FILE=ORIGIN` (repeatable), `--offline`, `--dns-server
 * HOST[:PORT]` (repeatable), `--dns-timeout MS`, `--dns-tries N`.
 */
export function addDnsOptions(cmd: Command): Command {
  return cmd
    .option(
      '--zone <file>',
      'answer names inside this RFC 1035 zone file (or every *.zone in this directory) from it (repeatable)',
      collect,
    )
    .option(
      '--zone-origin <file=origin>',
      'the origin of a --zone file whose name is not ORIGIN.zone, ORIGIN.db, db.ORIGIN or ORIGIN and that does not start with $ORIGIN (repeatable)',
      collect,
    )
    .option(
      '--zone-root <dir>',
      '$INCLUDE in zone files reads only files inside this directory (default: the directory that holds the zone files given; / allows any file)',
    )
    .option('--offline', 'answer only from --zone files; every other name does not exist')
    .option(
      '--dns-server <host[:port]>',
      'DNS server to ask instead of the system resolver (repeatable)',
      collect,
    )
    .option(
      '--dns-timeout <ms>',
      'time limit per DNS try, in milliseconds',
      positiveInt('--dns-timeout must be a positive integer'),
      DEFAULT_TIMEOUT_MS,
    )
    .option(
      '--dns-tries <n>',
      'tries per DNS question',
      positiveInt('--dns-tries must be a positive integer'),
      DEFAULT_TRIES,
    );
}

/** The options of a command that asks DNS and writes a report: {@link OutputCliOptions} and {@link DnsCliOptions}. */
export interface CommandCliOptions extends DnsCliOptions, OutputCliOptions {}

/** Adds the output options ({@link addOutputOptions}, with `formats`), then the DNS options ({@link addDnsOptions}). */
export function addCommandOptions(cmd: Command, formats: readonly string[]): Command {
  return addDnsOptions(addOutputOptions(cmd, formats));
}

/** Adds `--format` (with the given choices), `--output FILE` and `--no-color`. */
export function addOutputOptions(cmd: Command, formats: readonly string[], defaultFormat = 'text'): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format').choices(formats).default(defaultFormat))
    .option('-o, --output <file>', 'write the output to a file instead of standard output')
    .option('--no-color', 'no ANSI colours in text output');
}

/**
 * Builds the resolver for a command: the zone files laid over live DNS (or, with `--offline`, alone),
 * wrapped in a cache that counts queries.
 *
 * @throws {@link UsageError} when a zone file cannot be read or parsed, `--offline` has no zone, or a
 *   `--dns-server` value is malformed.
 */
export async function resolverFromOptions(
  opts: DnsCliOptions,
  ctx?: Pick<CliContext, 'stderr'>,
): Promise<CachedResolver & { zones: readonly Zone[] }> {
  const origins = zoneOrigins(opts.zoneOrigin ?? []);
  let zones: Zone[] = [];
  try {
    zones = await loadZonePaths(opts.zone ?? [], { origins, root: zoneRoot(opts.zone ?? [], opts.zoneRoot) });
  } catch (e) {
    if (e instanceof ZoneParseError) throw new UsageError(`zone file ${e.message}`);
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read zone file ${err.path ?? ''} (${err.code ?? err.message})`);
  }
  const loaded = new Set(zones.flatMap((z) => (z.file === undefined ? [] : [resolve(z.file)])));
  for (const [file, origin] of origins) {
    if (!loaded.has(file))
      throw new UsageError(
        `--zone-origin ${file}=${origin}: no --zone file is ${file}; give the file with --zone too`,
      );
  }
  // What a DNS server would ignore or change in a zone file is said, never silently dropped.
  const stderr = ctx?.stderr ?? process.stderr;
  for (const zone of zones) {
    for (const w of zone.warnings) {
      stderr.write(
        `mailgate: warning: ${escapeControl(`${w.file ?? zone.file ?? zone.origin}:${w.line}: ${w.message}`)}\n`,
      );
    }
  }
  if (opts.offline && zones.length === 0) throw new UsageError('--offline needs at least one --zone file');
  let inner: Resolver;
  if (opts.offline) inner = zoneResolver(zones, { offline: true });
  else {
    let live: Resolver;
    try {
      live = systemResolver({
        ...(opts.dnsServer ? { servers: opts.dnsServer } : {}),
        ...(opts.dnsTimeout ? { timeoutMs: opts.dnsTimeout } : {}),
        ...(opts.dnsTries ? { tries: opts.dnsTries } : {}),
      });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    inner = zones.length > 0 ? overlayResolver(zones, live) : live;
  }
  return Object.assign(cachedResolver(inner), { zones });
}

/**
 * The one validator of a domain argument, shared by `audit`, `spf` and `dmarc`: a host name of at least two
 * labels (letters, digits, hyphens; underscores tolerated), U-labels or A-labels, not an IP address, not a
 * wildcard (see `auditableDomain`).
 *
 * @returns the normalised name (lower-case A-labels, no trailing dot).
 * @throws {@link UsageError} `not a valid domain name: '<value>'` otherwise.
 */
export function domainArgument(value: string): string {
  try {
    return auditableDomain(value);
  } catch (e) {
    if (e instanceof InvalidDomainError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * The directory the `$INCLUDE`s of zone files must stay inside (symbolic links resolved): `--zone-root` when given,
 * else the deepest directory that holds every path given (a directory itself, or a file's own directory). A zone
 * file from a pull request can name any path in `$INCLUDE`, and a parse error quotes what it read there: unconfined,
 * `$INCLUDE /proc/self/environ` would put a token of the CI job's environment in its log.
 *
 * @param paths the zone files or directories given (`--zone`, `--base-zone`, `--proposed`).
 * @param option the `--zone-root` value.
 */
export function zoneRoot(paths: readonly string[], option?: string): string {
  if (option !== undefined) return resolve(option);
  const dirs = paths.map((p) => {
    const abs = resolve(p);
    try {
      return statSync(abs).isDirectory() ? abs : dirname(abs);
    } catch {
      return dirname(abs);
    }
  });
  let root = dirs[0] ?? resolve('.');
  for (const d of dirs) {
    while (!isInside(d, root) && dirname(root) !== root) root = dirname(root);
  }
  return root;
}

/**
 * Parses `--zone-origin FILE=ORIGIN` items into a map from the resolved file path to the origin.
 * @throws {@link UsageError} for an item without `=`, an empty file or a malformed origin, or a file given twice.
 */
export function zoneOrigins(items: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of items) {
    const eq = item.lastIndexOf('=');
    const file = item.slice(0, eq).trim();
    const origin = item
      .slice(eq + 1)
      .trim()
      .toLowerCase()
      .replace(/\.$/, '');
    if (eq < 0 || file === '' || !isOriginName(origin))
      throw new UsageError(
        `--zone-origin "${item}" is not FILE=ORIGIN (e.g. --zone-origin zones/main.zone=example.com)`,
      );
    const key = resolve(file);
    if (map.has(key) && map.get(key) !== origin)
      throw new UsageError(`--zone-origin gives ${file} two origins (${map.get(key)} and ${origin})`);
    map.set(key, origin);
  }
  return map;
}

/** A domain name usable as a zone origin: labels of letters, digits, `-` and `_`, 1-63 octets, at most 253. */
function isOriginName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((l) => l.length > 0 && l.length <= 63 && /^[a-z0-9_-]+$/.test(l));
}

/** True when text output to `stream` should be coloured: a terminal, no `NO_COLOR`, not `--no-color`; `FORCE_COLOR` forces. */
export function useColor(ctx: CliContext, opts: { color?: boolean }): boolean {
  if (opts.color === false) return false;
  if (ctx.env.FORCE_COLOR && ctx.env.FORCE_COLOR !== '0') return true;
  if (ctx.env.NO_COLOR) return false;
  return Boolean(ctx.stdout.isTTY);
}

/**
 * Writes a command's output to `--output FILE` or standard output (adding a final newline).
 * @throws {@link UsageError} when the file cannot be written.
 */
export async function emit(ctx: CliContext, opts: { output?: string }, text: string): Promise<void> {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (opts.output) {
    try {
      await writeFile(opts.output, body);
    } catch (e) {
      throw new UsageError(`cannot write ${opts.output} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    return;
  }
  ctx.stdout.write(body);
}

/**
 * Reads `file` as JSON (a saved report the user names on the command line).
 *
 * @throws {@link UsageError} when the file cannot be read or is not JSON.
 */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${file} is not JSON (${(e as Error).message})`);
  }
}
