/**
 * What every CLI command shares: DNS options and the resolver they build, output destination and colour,
 * exit codes, and usage errors.
 *
 * @module
 */

import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type CachedResolver, cachedResolver } from '../dns/cache.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_TRIES } from '../dns/defaults.js';
import { overlayResolver } from '../dns/overlay.js';
import type { Resolver } from '../dns/resolver.js';
import { systemResolver } from '../dns/system.js';
import { loadZonePaths, type Zone, ZoneParseError } from '../dns/zonefile.js';
import { zoneResolver } from '../dns/zones.js';
import { escapeControl } from '../report/escape.js';

import { type CliContext, UsageError } from './context.js';

export { type CliContext, EXIT, type ExitCode, UsageError } from './context.js';

/** Options added by {@link addDnsOptions}. */
export interface DnsCliOptions {
  zone?: string[];
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

function positiveInt(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) <= 0)
      throw new InvalidArgumentError(`${name} must be a positive integer`);
    return Number(value);
  };
}

/** Adds `--zone FILE` (repeatable), `--offline`, `--dns-server HOST[:PORT]` (repeatable), `--dns-timeout MS`, `--dns-tries N`. */
export function addDnsOptions(cmd: Command): Command {
  return cmd
    .option(
      '--zone <file>',
      'answer names inside this RFC 1035 zone file (or every *.zone in this directory) from it (repeatable)',
      collect,
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
      positiveInt('--dns-timeout'),
      DEFAULT_TIMEOUT_MS,
    )
    .option('--dns-tries <n>', 'tries per DNS question', positiveInt('--dns-tries'), DEFAULT_TRIES);
}

/** Adds `--format` (with the given choices), `--output FILE` and `--no-color`. */
export function addOutputOptions(cmd: Command, formats: string[], defaultFormat = 'text'): Command {
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
  let zones: Zone[] = [];
  try {
    zones = await loadZonePaths(opts.zone ?? []);
  } catch (e) {
    if (e instanceof ZoneParseError) throw new UsageError(`zone file ${e.message}`);
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read zone file ${err.path ?? ''}${err.code ? ` (${err.code})` : ''}`);
  }
  // What a DNS server would ignore or change in a zone file is said, never silently dropped.
  const stderr = ctx?.stderr ?? process.stderr;
  for (const zone of zones) {
    for (const w of zone.warnings) {
      stderr.write(
        `mailgate: warning: ${escapeControl(`${zone.file ?? zone.origin}:${w.line}: ${w.message}`)}\n`,
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

/** Parses `--fail-on error|warning|never`. */
export const FAIL_ON = ['error', 'warning', 'never'] as const;
/** The `--fail-on` level: findings at this severity or above make the exit code 1; `never` disables it. */
export type FailOn = (typeof FAIL_ON)[number];
