/**
 * RFC 1035 §5 master files ("zone files"), loaded exactly as an authoritative server loads them. The reference
 * is Knot DNS 3.2 (its zone scanner and the checks `kzonecheck` runs); a differential test holds mailgate's
 * accept/refuse verdict to kzonecheck's on generated zones, with BIND's `named-checkzone` as a second opinion.
 * docs/zone-files.md lists the rules and where Knot, BIND and mailgate differ.
 *
 * - Syntax: `$ORIGIN` (absolute), `$TTL`, `$INCLUDE file [origin]` (relative to the including file; an optional
 *   root refuses files outside it; loops refused), BIND's `$GENERATE` (a warning: Knot refuses it), `@`,
 *   relative and absolute names, an omitted owner, TTL and class in either order (class IN only), TTL units,
 *   parentheses, comments, quoted and unquoted character-strings with `\X` and `\DDD` escapes.
 * - Types: every type Knot 3.2 knows, each RDATA checked field by field as Knot checks it, and `TYPEn` with
 *   RFC 3597 generic RDATA (`\# length hex`). A, AAAA, MX, TXT, SPF, PTR, CNAME, NS and SOA get typed data.
 * - Refused, with file, line and column ({@link ZoneParseError}): whatever the Knot server refuses (see
 *   zone-checks.ts for the zone-level rules: a CNAME beside other data, DNAME rules).
 * - Warned ({@link ZoneWarning}): what servers load but ignore or change (out-of-zone records, a TXT string
 *   over 255 octets, which Knot splits, duplicates...), and what only kzonecheck's optional checks refuse
 *   (missing NS or glue in a complete zone). A file without an SOA is accepted as a fragment (an overlay).
 *
 * Why our own parser: the npm candidates (dns-zonefile, zone-file) lose `\DDD` escapes, give no line numbers
 * for errors and records, accept what servers refuse, and are unmaintained; findings and SARIF need the line of
 * every record.
 *
 * @module
 */

import { closeSync, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { checkZone } from './zone-checks.js';
import { ZoneParseError } from './zone-error.js';
import {
  endsWithDot,
  type FieldContext,
  parseName,
  parseTextBytes,
  parseTime,
  ROOT,
  timeValue,
  tokenError,
  type ZoneName,
} from './zone-fields.js';
import { expandGenerate } from './zone-generate.js';
import { lexZone, type ZoneToken } from './zone-lexer.js';
import {
  count,
  IncludeTooLargeError,
  MAX_ZONE_FILE_BYTES,
  type ZoneLimits,
  zoneLimits,
} from './zone-limits.js';
import { zoneOrigin } from './zone-origin.js';
import { parseRdata, typeName } from './zone-rdata.js';
import type { Zone, ZoneRecord, ZoneWarning } from './zone-types.js';

export { ZoneParseError } from './zone-error.js';
export { MAX_GENERATE_RECORDS } from './zone-generate.js';
export { DEFAULT_ZONE_LIMITS, type ZoneLimits } from './zone-limits.js';
export { originFromFileName } from './zone-origin.js';
export type { Zone, ZoneRecord } from './zone-types.js';

/** The deepest `$INCLUDE` nesting accepted. */
export const MAX_INCLUDE_DEPTH = 16;

/** A file read for `$INCLUDE`: its label (for errors and findings), a unique id (loop detection) and its text. */
export interface IncludedFile {
  file: string;
  id: string;
  text: string;
}

/**
 * Reads the file an `$INCLUDE` names. `path` is as written; `from` is the including file's label; `maxBytes` is
 * what the zone has left of its `maxTotalBytes` ({@link ZoneLimits}): a larger file should be refused before it
 * is read, with {@link IncludeTooLargeError} (the parser checks the text it gets against the bound in any case).
 * @throws Error with a message that says why it cannot be included (the parser adds file and line).
 */
export type IncludeReader = (path: string, from: string, maxBytes?: number) => IncludedFile;

/** Options for {@link parseZone}. */
export interface ParseZoneOptions {
  /**
   * The zone's origin. Without it, the file's first `$ORIGIN` is the origin (a relative name before it is an
   * error).
   */
  origin?: string;
  /** The file name shown in errors and findings (default `zone`). */
  file?: string;
  /** TTL in seconds of records without one when neither `$TTL` nor a previous record gives one (default 3600). */
  defaultTtl?: number;
  /** Reads `$INCLUDE`d files; without it `$INCLUDE` is an error (see {@link loadZoneFile}, which gives one). */
  include?: IncludeReader;
  /** Id of the file itself for `$INCLUDE` loop detection (default: `file`). */
  id?: string;
  /** Total bounds on the zone with its includes (default {@link DEFAULT_ZONE_LIMITS}). */
  limits?: ZoneLimits;
}

/**
 * Parses a TTL: a number of seconds, or BIND/Knot units (`1w2d3h4m5s`, case-insensitive), at most 2^32-1.
 * @returns seconds, or `null` when `text` is not a TTL.
 */
export function parseTtl(text: string): number | null {
  return timeValue(text);
}

const OTHER_CLASSES: ReadonlySet<string> = new Set(['CH', 'CS', 'HS', 'NONE', 'ANY']);

function isOtherClass(up: string): boolean {
  return OTHER_CLASSES.has(up) || (up.startsWith('CLASS') && up.length > 5 && /^\d+$/.test(up.slice(5)));
}

/** Per-file scanner state (an `$INCLUDE`d file gets its own, as in Knot: its `$ORIGIN`/`$TTL` do not leak back). */
interface ScanState {
  origin: ZoneName | undefined;
  /** From `$TTL`. */
  defaultTtl: number | undefined;
  /** The last record's TTL (RFC 1035 §5.1: an omitted TTL is the last one stated). */
  lastTtl: number;
  /** The last record's owner, for lines that start with white space. */
  lastOwner: ZoneName | undefined;
}

/** What parsing collects across a file and its includes. */
interface Sink {
  records: ZoneRecord[];
  /** The first `limits.maxWarnings` warnings; `unlistedWarnings` counts the rest. */
  warnings: ZoneWarning[];
  unlistedWarnings: number;
  includes: string[];
  readonly limits: Required<ZoneLimits>;
  /** Bytes of zone text read so far (the zone's file and every `$INCLUDE`). */
  bytes: number;
  /** `$INCLUDE` directives followed so far. */
  includeCount: number;
  /** Records made by `$GENERATE` so far. */
  generated: number;
  /** The first `$ORIGIN` seen, when no origin was given. */
  firstOrigin: ZoneName | undefined;
  readonly mainFile: string;
  readonly include: IncludeReader | undefined;
}

/** True for a token in the TTL/class position of a record (a TTL starts with a digit; the class is IN). */
function isClassOrTtl(tok: ZoneToken): boolean {
  if (tok.quoted) return false;
  const c = tok.raw.charCodeAt(0);
  return (c >= 0x30 && c <= 0x39) || tok.raw.toUpperCase() === 'IN' || isOtherClass(tok.raw.toUpperCase());
}

function rdataText(toks: readonly ZoneToken[]): string {
  return toks.map((t) => (t.quoted ? `"${t.raw}"` : t.raw)).join(' ');
}

/** Parses one record from its owner, TTL/class/type tokens and RDATA tokens, and adds it to the sink. */
function parseRecord(
  ctx: FieldContext,
  state: ScanState,
  sink: Sink,
  owner: ZoneName,
  line: number,
  middle: readonly ZoneToken[],
  rdataTokens: readonly ZoneToken[] | undefined,
  lastTok: ZoneToken,
): void {
  let idx = 0;
  let ttl: number | undefined;
  let cls: string | undefined;
  for (let k = 0; k < 2; k++) {
    const t = middle[idx];
    if (!t || t.quoted) break;
    const up = t.raw.toUpperCase();
    if (up === 'IN') {
      if (cls !== undefined) break;
      cls = up;
      idx++;
      continue;
    }
    if (isOtherClass(up))
      tokenError(
        ctx,
        t,
        `class ${t.raw} is not supported: zone files are for the IN class (Knot refuses other classes)`,
      );
    const c = t.raw.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) {
      if (ttl !== undefined) tokenError(ctx, t, `a second TTL '${t.raw}' where the record type should be`);
      ttl = parseTime(ctx, t, 'TTL');
      idx++;
      continue;
    }
    break;
  }
  const typeTok = middle[idx];
  if (!typeTok) tokenError(ctx, lastTok, 'missing record type');
  const up = typeTok.quoted ? '' : typeTok.raw.toUpperCase();
  const type = typeTok.quoted ? null : typeName(typeTok.raw);
  if (type === null) {
    if (up === 'IN') tokenError(ctx, typeTok, 'the class IN is given twice');
    if (isOtherClass(up))
      tokenError(
        ctx,
        typeTok,
        `class ${typeTok.raw} is not supported: zone files are for the IN class (Knot refuses other classes)`,
      );
    const c = typeTok.raw.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39)
      tokenError(ctx, typeTok, `a second TTL '${typeTok.raw}' where the record type should be`);
    tokenError(
      ctx,
      typeTok,
      typeTok.quoted
        ? 'missing record type (a quoted string where the type should be)'
        : `unknown record type '${typeTok.raw}' (not a type Knot knows, nor TYPEn)`,
    );
  }
  const rtoks = rdataTokens ?? middle.slice(idx + 1);
  const effectiveTtl = ttl ?? state.defaultTtl ?? state.lastTtl;
  const recordFile = ctx.file === sink.mainFile ? undefined : ctx.file;
  const warn = (message: string) =>
    addWarning(sink, recordFile === undefined ? { line, message } : { line, message, file: recordFile });
  if (effectiveTtl > 2147483647)
    warn(`TTL ${effectiveTtl} is over 2147483647; resolvers treat it as 0 (RFC 2181 §8)`);
  let parsed: ReturnType<typeof parseRdata>;
  try {
    parsed = parseRdata({ file: ctx.file, origin: state.origin, warn }, type, typeTok, rtoks);
  } catch (e) {
    const first = rtoks[0];
    if (
      e instanceof ZoneParseError &&
      first &&
      !first.quoted &&
      first.raw === typeTok.raw &&
      rtoks.length > 1
    )
      tokenError(ctx, first, `the type ${type} is given twice`);
    throw e;
  }
  state.lastTtl = effectiveTtl;
  state.lastOwner = owner;
  const rec: ZoneRecord = { name: owner.text, type, ttl: effectiveTtl, rdata: rdataText(rtoks), line };
  if (parsed.data !== undefined) rec.data = parsed.data;
  if (recordFile !== undefined) rec.file = recordFile;
  if (type === 'TXT' || type === 'SPF')
    rec.parts = rtoks.map((t) => ({ text: t.raw, line: t.line, column: t.quoted ? t.column + 1 : t.column }));
  if (sink.records.length >= sink.limits.maxRecords)
    throw new ZoneParseError(ctx.file, line, recordsBound(sink));
  sink.records.push(rec);
}

/** Keeps a warning, or counts it once `maxWarnings` are kept. */
function addWarning(sink: Sink, w: ZoneWarning): void {
  if (sink.warnings.length < sink.limits.maxWarnings) sink.warnings.push(w);
  else sink.unlistedWarnings++;
}

/** What `maxRecords` is, for messages. */
const RECORDS_BOUND = 'maxRecords: the bound on the records of one zone with its $INCLUDEs and $GENERATEs';

function recordsBound(sink: Sink): string {
  return `the zone has more than ${count(sink.limits.maxRecords)} records (${RECORDS_BOUND})`;
}

/** Scans one file (the zone's or an included one). */
function scanFile(text: string, file: string, state: ScanState, sink: Sink, stack: string[]): void {
  const ctx: FieldContext = { file };
  for (const entry of lexZone(text, file)) {
    const toks = entry.tokens;
    const first = toks[0]!;
    if (!entry.blankOwner && !first.quoted && first.raw.startsWith('$')) {
      const directive = first.raw.toUpperCase();
      const args = toks.slice(1);
      if (directive === '$ORIGIN') {
        const arg = args[0];
        if (!arg) tokenError(ctx, first, '$ORIGIN needs a domain name');
        if (args[1]) tokenError(ctx, args[1], `unexpected '${args[1].raw}' after the $ORIGIN name`);
        if (!endsWithDot(arg.raw))
          tokenError(
            ctx,
            arg,
            `$ORIGIN '${arg.raw}' must be an absolute name ending with a dot (Knot refuses a relative $ORIGIN), e.g. $ORIGIN ${arg.raw === '@' ? 'example.com' : arg.raw}.`,
          );
        state.origin = parseName(ctx, arg, undefined);
        if (sink.firstOrigin === undefined) sink.firstOrigin = state.origin;
      } else if (directive === '$TTL') {
        const arg = args[0];
        if (!arg) tokenError(ctx, first, '$TTL needs a TTL');
        if (args[1]) tokenError(ctx, args[1], `unexpected '${args[1].raw}' after the $TTL value`);
        state.defaultTtl = parseTime(ctx, arg, '$TTL');
      } else if (directive === '$INCLUDE') {
        includeFile(ctx, first, args, state, sink, stack);
      } else if (directive === '$GENERATE') {
        addWarning(sink, {
          line: entry.line,
          message:
            '$GENERATE is a BIND extension: Knot DNS and NSD refuse the zone (mailgate expands it as BIND does)',
          ...(file === sink.mainFile ? {} : { file }),
        });
        const budget = (n: number, rangeTok: ZoneToken) => {
          const { maxGeneratedRecords, maxRecords } = sink.limits;
          if (sink.generated + n > maxGeneratedRecords)
            tokenError(
              ctx,
              rangeTok,
              `this $GENERATE takes the zone's generated records to ${count(sink.generated + n)}, over ${count(maxGeneratedRecords)} (maxGeneratedRecords: the bound on the records all $GENERATE directives of one zone make)`,
            );
          if (sink.records.length + n > maxRecords)
            tokenError(
              ctx,
              rangeTok,
              `this $GENERATE takes the zone to ${count(sink.records.length + n)} records, over ${count(maxRecords)} (${RECORDS_BOUND})`,
            );
          sink.generated += n;
        };
        for (const g of expandGenerate(ctx, first, args, isClassOrTtl, budget)) {
          const owner = parseName(ctx, g.owner, state.origin);
          parseRecord(
            ctx,
            state,
            sink,
            owner,
            entry.line,
            g.middle,
            g.rdata,
            g.rdata[g.rdata.length - 1] ?? first,
          );
        }
      } else {
        tokenError(
          ctx,
          first,
          `unknown directive ${first.raw} (zone files know $ORIGIN, $TTL, $INCLUDE, and BIND's $GENERATE)`,
        );
      }
      continue;
    }
    let owner: ZoneName;
    let rest: ZoneToken[];
    if (entry.blankOwner) {
      if (state.lastOwner === undefined)
        tokenError(
          ctx,
          first,
          'this record has no owner name (its line starts with white space) and no record before it in this file gives one',
        );
      owner = state.lastOwner;
      rest = toks;
    } else {
      owner = parseName(ctx, first, state.origin);
      rest = toks.slice(1);
    }
    parseRecord(ctx, state, sink, owner, entry.line, rest, undefined, toks[toks.length - 1]!);
  }
}

/** `$INCLUDE file [origin]`: parses the file with its own scanner state (Knot's rules). */
function includeFile(
  ctx: FieldContext,
  directive: ZoneToken,
  args: readonly ZoneToken[],
  state: ScanState,
  sink: Sink,
  stack: string[],
): void {
  const [pathTok, originTok, extra] = args;
  if (!pathTok) tokenError(ctx, directive, '$INCLUDE needs a file name');
  if (extra) tokenError(ctx, extra, `unexpected '${extra.raw}' after the $INCLUDE origin`);
  let origin = state.origin;
  if (originTok) {
    if (!endsWithDot(originTok.raw))
      tokenError(
        ctx,
        originTok,
        `the $INCLUDE origin '${originTok.raw}' must be an absolute name ending with a dot`,
      );
    origin = parseName(ctx, originTok, undefined);
  }
  if (!sink.include)
    tokenError(
      ctx,
      directive,
      '$INCLUDE needs files to read: load the zone with loadZoneFile (or pass an include reader)',
    );
  if (stack.length > MAX_INCLUDE_DEPTH)
    tokenError(ctx, directive, `$INCLUDE nested more than ${MAX_INCLUDE_DEPTH} levels deep`);
  const { maxIncludes, maxTotalBytes } = sink.limits;
  if (++sink.includeCount > maxIncludes)
    tokenError(
      ctx,
      directive,
      `more than ${count(maxIncludes)} $INCLUDEs (maxIncludes: the bound on the $INCLUDE directives one zone follows, a file included twice counted twice)`,
    );
  const path = parseTextBytes(ctx, pathTok).toString('utf8');
  const overBytes = (bytes: number) =>
    tokenError(
      ctx,
      pathTok,
      `$INCLUDE ${path}: its ${count(bytes)} bytes take the zone's text to ${count(sink.bytes + bytes)} bytes, over ${count(maxTotalBytes)} (maxTotalBytes: the bound on the bytes one zone reads, its file and every $INCLUDE, a file included twice counted twice)`,
    );
  let included: IncludedFile;
  try {
    included = sink.include(path, ctx.file, maxTotalBytes - sink.bytes);
  } catch (e) {
    if (e instanceof IncludeTooLargeError) overBytes(e.bytes);
    tokenError(ctx, pathTok, `$INCLUDE ${path}: ${(e as Error).message}`);
  }
  const bytes = Buffer.byteLength(included.text, 'utf8');
  if (sink.bytes + bytes > maxTotalBytes) overBytes(bytes);
  sink.bytes += bytes;
  if (stack.includes(included.id))
    tokenError(ctx, pathTok, `$INCLUDE loop: ${[...stack, included.id].join(' -> ')}`);
  if (!sink.includes.includes(included.id)) sink.includes.push(included.id);
  const inner: ScanState = {
    origin,
    defaultTtl: state.defaultTtl,
    lastTtl: state.lastTtl,
    lastOwner: undefined,
  };
  scanFile(included.text, included.file, inner, sink, [...stack, included.id]);
}

/**
 * Parses RFC 1035 master-file text as Knot DNS loads it.
 *
 * @param text - the zone file contents.
 * @param options - origin, file label, default TTL, `$INCLUDE` reader.
 * @returns the {@link Zone}: its `origin` is `options.origin` or the first `$ORIGIN`; records in file order
 *   (duplicates dropped, out-of-zone records kept but warned about and never answered); `warnings` sorted by line,
 *   at most `limits.maxWarnings` of them, then (when there were more) one warning that counts the rest.
 * @throws {@link ZoneParseError} with file, line and column for anything Knot refuses (a syntax error, bad RDATA,
 *   an unknown type, class or directive, a CNAME beside other data, missing glue in a complete zone...), when
 *   there is no origin at all, or at the record or directive that crosses one of the zone's total bounds
 *   (`options.limits`, {@link DEFAULT_ZONE_LIMITS}: records, bytes read, `$INCLUDE`s, `$GENERATE`d records).
 * @throws RangeError when a limit in `options.limits` is not a positive integer.
 */
export function parseZone(text: string, options: ParseZoneOptions = {}): Zone {
  const file = options.file ?? 'zone';
  const limits = zoneLimits(options.limits);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxTotalBytes)
    throw new ZoneParseError(
      file,
      0,
      `${count(bytes)} bytes is over ${count(limits.maxTotalBytes)} (maxTotalBytes: the bound on the bytes one zone reads, its file and every $INCLUDE)`,
    );
  let origin: ZoneName | undefined;
  if (options.origin !== undefined) {
    const o = options.origin.trim();
    if (o === '' || o === '.') origin = ROOT;
    else {
      const tok: ZoneToken = { raw: o.endsWith('.') ? o : `${o}.`, quoted: false, line: 0, column: 1 };
      try {
        origin = parseName({ file }, tok, undefined);
      } catch (e) {
        if (e instanceof ZoneParseError)
          throw new ZoneParseError(file, 0, `invalid origin '${options.origin}': ${e.detail}`);
        throw e;
      }
    }
  }
  const sink: Sink = {
    records: [],
    warnings: [],
    unlistedWarnings: 0,
    includes: [],
    limits,
    bytes,
    includeCount: 0,
    generated: 0,
    firstOrigin: undefined,
    mainFile: file,
    include: options.include,
  };
  const state: ScanState = {
    origin,
    defaultTtl: undefined,
    lastTtl: options.defaultTtl ?? 3600,
    lastOwner: undefined,
  };
  scanFile(text, file, state, sink, [options.id ?? file]);
  const zoneOriginName = origin ?? sink.firstOrigin;
  if (zoneOriginName === undefined)
    throw new ZoneParseError(file, 0, 'no origin: pass { origin } or start the file with $ORIGIN');
  const checked = checkZone(zoneOriginName.text, file, sink.records, limits.maxWarnings);
  const all = [...sink.warnings, ...checked.warnings];
  all.sort((a, b) => a.line - b.line);
  const warnings = all.slice(0, limits.maxWarnings);
  const unlisted = sink.unlistedWarnings + checked.unlistedWarnings + (all.length - warnings.length);
  if (unlisted > 0)
    warnings.push({
      line: 1,
      message: `${unlisted === 1 ? '1 more warning about this zone is' : `${count(unlisted)} more warnings about this zone are`} not listed: mailgate lists the first ${count(limits.maxWarnings)} (maxWarnings), ${count(limits.maxWarnings + unlisted)} in all`,
    });
  const zone: Zone = { origin: zoneOriginName.text, file, records: checked.records, warnings };
  if (sink.includes.length > 0) zone.includes = sink.includes;
  return zone;
}

/** Options for {@link loadZoneFile}. */
export interface LoadZoneOptions {
  /** The zone's origin (an explicit mapping); without it, see {@link loadZoneFile}. */
  origin?: string;
  /** Default TTL in seconds (see {@link ParseZoneOptions.defaultTtl}). */
  defaultTtl?: number;
  /**
   * A directory that every `$INCLUDE`d file must be inside (symbolic links resolved). Default: the directory that
   * holds the zone file, so that a zone file from elsewhere (a pull request) cannot `$INCLUDE` `/proc/self/environ`
   * or a file of the machine and have a parse error quote it. The Action gives the workspace, the CLI the
   * directory that holds the zone files it was given (or `--zone-root`); `'/'` allows any readable file.
   */
  root?: string;
  /**
   * The directory a relative `path` (and the `$INCLUDE`s under it) is read from (default: the process's working
   * directory). Labels in records, warnings and errors stay as given (e.g. repository-relative).
   */
  cwd?: string;
  /** Total bounds on the zone with its includes (default {@link DEFAULT_ZONE_LIMITS}). */
  limits?: ZoneLimits;
}

/**
 * Reads a regular file of at most {@link MAX_ZONE_FILE_BYTES} (and at most `maxBytes`).
 * @throws the `fs` error, an Error with `path` (and no `code`) saying why the file is not read, or
 *   {@link IncludeTooLargeError} when it is over `maxBytes` only.
 */
function readZoneText(path: string, maxBytes = Number.POSITIVE_INFINITY): string {
  const fd = openSync(path, 'r');
  const refuse = (message: string) => Object.assign(new Error(message), { path });
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw refuse('not a regular file');
    if (info.size > MAX_ZONE_FILE_BYTES)
      throw refuse(`${info.size} bytes is over the ${MAX_ZONE_FILE_BYTES}-byte limit for zone files`);
    if (info.size > maxBytes) throw new IncludeTooLargeError(info.size);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** True when `path` is `root` or below it (both absolute and already resolved; no symbolic links followed). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * The `$INCLUDE` reader of {@link loadZoneFile}: a path relative to the including file (labels are joined, and
 * read from `cwd`), optionally confined to `root` (symbolic links resolved).
 */
export function fileIncludeReader(root?: string, cwd?: string): IncludeReader {
  const realRoot = root === undefined ? undefined : realpathSync(resolve(root));
  return (path: string, from: string, maxBytes?: number): IncludedFile => {
    const file = isAbsolute(path) ? path : join(dirname(from), path);
    let id: string;
    try {
      id = realpathSync(resolve(cwd ?? '.', file));
    } catch (e) {
      throw new Error(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (realRoot !== undefined && !isInside(id, realRoot))
      throw new Error(`${file} is outside ${root} (symbolic links resolved); include only files inside it`);
    let text: string;
    try {
      text = readZoneText(id, maxBytes);
    } catch (e) {
      if (e instanceof IncludeTooLargeError) throw e;
      const err = e as NodeJS.ErrnoException;
      throw new Error(`cannot read ${file} (${err.code ?? err.message})`);
    }
    return { file, id, text };
  };
}

/**
 * Reads and parses a zone file from disk, as Knot loads it.
 *
 * The origin is `options.origin` when given, else what the file's name says (`example.com.zone`,
 * `example.com.db`, `db.example.com`, `example.com`) or its leading `$ORIGIN`; when neither says it, or they
 * disagree, the file is refused with a message saying how to name or map it. `$INCLUDE` paths are relative to
 * the including file and must be inside `options.root` (default: the zone file's own directory).
 *
 * @throws {@link ZoneParseError} for malformed content, an ambiguous origin, a bad `$INCLUDE` or a zone over one
 *   of its total bounds (`options.limits`); the `fs` error (ENOENT...) when the file cannot be read, or an Error
 *   when it is not a regular file or is over {@link MAX_ZONE_FILE_BYTES}.
 */
export async function loadZoneFile(path: string, options: LoadZoneOptions = {}): Promise<Zone> {
  const where = resolve(options.cwd ?? '.', path);
  const text = readZoneText(where);
  const origin = zoneOrigin(path, text, options.origin);
  let id = where;
  try {
    id = realpathSync(where);
  } catch {}
  return parseZone(text, {
    origin,
    file: path,
    id,
    include: fileIncludeReader(options.root ?? dirname(where), options.cwd),
    ...(options.defaultTtl !== undefined ? { defaultTtl: options.defaultTtl } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
}

/** Options for {@link loadZonePaths}. */
export interface LoadZonePathsOptions {
  /** Explicit origins by file path (resolved with `path.resolve`; see {@link LoadZoneOptions.origin}). */
  origins?: ReadonlyMap<string, string>;
  /**
   * See {@link LoadZoneOptions.root}. Default: for a directory in `paths`, that directory; for a file, the directory
   * that holds it.
   */
  root?: string;
  /** Total bounds on each zone with its includes (default {@link DEFAULT_ZONE_LIMITS}). */
  limits?: ZoneLimits;
}

/** The `*.zone` files below a directory, recursively, in sorted order. */
export async function zoneFilesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.zone'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Loads zone files from paths that are files or directories; a directory contributes every `*.zone` file
 * below it (recursively, in sorted order). A file that another loaded file `$INCLUDE`s is part of that zone and
 * is not loaded on its own.
 *
 * @throws {@link ZoneParseError} for malformed content or an ambiguous origin; the `fs` error when a path cannot
 *   be read.
 */
export async function loadZonePaths(
  paths: readonly string[],
  options: LoadZonePathsOptions = {},
): Promise<Zone[]> {
  const files: { file: string; root: string }[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory())
      files.push(...(await zoneFilesBelow(path)).map((file) => ({ file, root: options.root ?? path })));
    else files.push({ file: path, root: options.root ?? dirname(resolve(path)) });
  }
  const loaded: { file: string; real: string; zone?: Zone; error?: unknown }[] = [];
  for (const { file, root } of files) {
    let real = resolve(file);
    try {
      real = realpathSync(file);
    } catch {}
    try {
      const origin = options.origins?.get(resolve(file));
      const zone = await loadZoneFile(file, {
        ...(origin !== undefined ? { origin } : {}),
        root,
        ...(options.limits !== undefined ? { limits: options.limits } : {}),
      });
      loaded.push({ file, real, zone });
    } catch (error) {
      if (!(error instanceof ZoneParseError)) throw error;
      loaded.push({ file, real, error });
    }
  }
  const included = new Set(loaded.flatMap((l) => l.zone?.includes ?? []));
  const zones: Zone[] = [];
  for (const l of loaded) {
    if (included.has(l.real)) continue;
    if (l.error !== undefined) throw l.error;
    zones.push(l.zone!);
  }
  return zones;
}
