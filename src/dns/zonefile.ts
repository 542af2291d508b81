/**
 * RFC 1035 §5 master-file ("zone file") parser.
 *
 * Supported: `$ORIGIN`, `$TTL`, `@`, relative and absolute owner names, omitted owner (a line starting with
 * white space repeats the previous owner), omitted TTL and class in either order, parentheses across lines,
 * `;` comments, quoted and unquoted character-strings with `\X` and `\DDD` escapes, several strings per TXT
 * (their octets decoded once per record by `decodeTxtRecord`, exactly as live answers are),
 * BIND-style TTL units (`1h`, `2d`, `1w3d`), and the types A, AAAA, MX, TXT, SPF (type 99, kept for audits),
 * PTR, CNAME, NS, SOA. Any other type (CAA, SRV, DS, `TYPE65`...) is kept as opaque text so that real zones
 * from DNS-as-code repositories load; such records make their owner name exist but are never answered.
 * `$INCLUDE` and `$GENERATE` are rejected with a {@link ZoneParseError}.
 *
 * Why our own parser: the npm candidates (dns-zonefile, zone-file) lose `\DDD` escapes, give no line numbers
 * for errors and records, and are unmaintained; findings and SARIF need the line of every record.
 *
 * @module
 */

import { readdir, readFile, stat } from 'node:fs/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { basename, join } from 'node:path';
import { type MxData, normalizeName, type RecordDataMap, type RRType, type SoaData } from './resolver.js';
import { decodeTxtRecord } from './txt-octets.js';

/** One resource record from a zone file. `data` is typed for the {@link RRType}s; other types keep `rdata` only. */
export interface ZoneRecord {
  /** Owner name: lower-case A-labels, no trailing dot. */
  name: string;
  /** Upper-case type mnemonic (`TXT`, `MX`, `SPF`, `CAA`...). */
  type: string;
  /** Time to live in seconds. */
  ttl: number;
  /** The typed data for the supported types (TXT: the character-strings; SPF records use the TXT shape). */
  data?: RecordDataMap[RRType];
  /** The record data as written (after the type), for display. */
  rdata: string;
  /** 1-based line of the record's first line in the file. */
  line: number;
}

/** A problem that does not stop parsing but that an audit should see (e.g. a character-string over 255 octets). */
export interface ZoneWarning {
  line: number;
  message: string;
}

/** A parsed zone: its origin, the records in file order, and the file they came from (for findings). */
export interface Zone {
  /** The zone's origin (apex): lower-case, no trailing dot. */
  origin: string;
  /** Path or label of the source, used in findings and SARIF locations. */
  file?: string;
  records: ZoneRecord[];
  warnings: ZoneWarning[];
}

/** Thrown for a malformed zone file; `file` and `line` (1-based) locate the problem. */
export class ZoneParseError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ZoneParseError';
    this.file = file;
    this.line = line;
  }
}

/** Options for {@link parseZone}. */
export interface ParseZoneOptions {
  /** The origin used until a `$ORIGIN` directive; required unless the file sets `$ORIGIN` before any relative name. */
  origin?: string;
  /** The file name shown in errors and findings (default `zone`). */
  file?: string;
  /** Default TTL in seconds when neither `$TTL` nor a previous record gives one (default 3600). */
  defaultTtl?: number;
}

interface Token {
  /** The token as text: its octets decoded as UTF-8 when valid, else one character per octet (Latin-1). */
  text: string;
  /** The token's octets (after `\X` and `\DDD` escapes): TXT data is decoded from these, per record. */
  bytes: Buffer;
  quoted: boolean;
  line: number;
}

interface LogicalLine {
  tokens: Token[];
  /** The line started with white space: the owner is omitted. */
  blankOwner: boolean;
  line: number;
}

const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);

/** Splits a master file into logical lines (parentheses joined), honouring quotes, escapes and comments. */
function tokenize(text: string, file: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let line = 1;
  let depth = 0;
  let current: LogicalLine | null = null;
  let atLineStart = true;
  let i = 0;
  const bytes: number[] = [];
  // A token keeps its octets; its text is valid UTF-8 decoded, else one character per octet (Latin-1). TXT data
  // is not taken from this text but decoded from the octets once per record (see parseRdata).
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const flushBytes = (): { text: string; bytes: Buffer } => {
    const buf = Buffer.from(bytes);
    bytes.length = 0;
    try {
      return { text: utf8.decode(buf), bytes: buf };
    } catch {
      return { text: buf.toString('latin1'), bytes: buf };
    }
  };
  const pushToken = (tok: Token) => {
    if (!current) current = { tokens: [], blankOwner: false, line: tok.line };
    current.tokens.push(tok);
  };
  const endLine = () => {
    if (current && current.tokens.length > 0) out.push(current);
    current = null;
  };
  const pushChar = (ch: string) => {
    for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
  };
  // Reads an escape at text[i] === '\\'; returns the new index.
  const readEscape = (start: number, tokLine: number): number => {
    const d = text.slice(start + 1, start + 4);
    if (/^\d{3}$/.test(d)) {
      const v = Number(d);
      if (v > 255) throw new ZoneParseError(file, tokLine, `escape \\${d} is over 255`);
      bytes.push(v);
      return start + 4;
    }
    const next = text[start + 1];
    if (next === undefined) throw new ZoneParseError(file, tokLine, 'backslash at end of file');
    if (next === '\n') throw new ZoneParseError(file, tokLine, 'backslash before end of line');
    const cp = text.codePointAt(start + 1)!;
    pushChar(String.fromCodePoint(cp));
    return start + 1 + (cp > 0xffff ? 2 : 1);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      if (depth === 0) endLine();
      atLineStart = true;
      i++;
      continue;
    }
    if (ch === '\r') {
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      if (atLineStart && depth === 0) {
        current = { tokens: [], blankOwner: true, line };
      }
      atLineStart = false;
      i++;
      continue;
    }
    atLineStart = false;
    if (ch === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '(') {
      depth++;
      i++;
      continue;
    }
    if (ch === ')') {
      if (depth === 0) throw new ZoneParseError(file, line, "unbalanced ')'");
      depth--;
      i++;
      continue;
    }
    if (ch === '"') {
      const tokLine = line;
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\') {
          i = readEscape(i, tokLine);
          continue;
        }
        if (c === '\n') line++;
        pushChar(c);
        i++;
      }
      if (!closed) throw new ZoneParseError(file, tokLine, 'unterminated quoted string');
      pushToken({ ...flushBytes(), quoted: true, line: tokLine });
      continue;
    }
    // Unquoted token.
    const tokLine = line;
    while (i < text.length) {
      const c = text[i]!;
      if (
        c === ' ' ||
        c === '\t' ||
        c === '\n' ||
        c === '\r' ||
        c === ';' ||
        c === '(' ||
        c === ')' ||
        c === '"'
      )
        break;
      if (c === '\\') {
        i = readEscape(i, tokLine);
        continue;
      }
      const cp = text.codePointAt(i)!;
      pushChar(String.fromCodePoint(cp));
      i += cp > 0xffff ? 2 : 1;
    }
    pushToken({ ...flushBytes(), quoted: false, line: tokLine });
  }
  if (depth !== 0) throw new ZoneParseError(file, line, "unbalanced '(' at end of file");
  endLine();
  return out;
}

/**
 * Parses a TTL: a number of seconds, or BIND units (`1w2d3h4m5s`, case-insensitive).
 * @returns seconds, or `null` when `text` is not a TTL.
 */
export function parseTtl(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(\d+[wdhms])+$/i.test(text)) return null;
  const mult: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const m of text.toLowerCase().matchAll(/(\d+)([wdhms])/g)) total += Number(m[1]) * mult[m[2]!]!;
  return total;
}

function absoluteName(name: string, origin: string | undefined, file: string, line: number): string {
  if (name === '@') {
    if (origin === undefined) throw new ZoneParseError(file, line, "'@' used before any $ORIGIN");
    return origin;
  }
  if (name === '.') return '';
  let full: string;
  if (name.endsWith('.')) full = name.slice(0, -1);
  else {
    if (origin === undefined)
      throw new ZoneParseError(file, line, `relative name '${name}' used before any $ORIGIN`);
    full = origin === '' ? name : `${name}.${origin}`;
  }
  const norm = normalizeName(full);
  if (norm === null) throw new ZoneParseError(file, line, `invalid domain name '${name}'`);
  return norm;
}

/**
 * Parses RFC 1035 master-file text.
 *
 * @param text - the zone file contents.
 * @param options - origin, file label, default TTL.
 * @returns the {@link Zone}; its `origin` is `options.origin` or the first `$ORIGIN`.
 * @throws {@link ZoneParseError} with file and line for a malformed line, an unknown directive, bad RDATA
 *   (e.g. an A record that is not an IPv4 address), or no origin at all.
 */
export function parseZone(text: string, options: ParseZoneOptions = {}): Zone {
  const file = options.file ?? 'zone';
  let origin: string | undefined;
  if (options.origin !== undefined) {
    const o = options.origin === '.' || options.origin === '' ? '' : normalizeName(options.origin);
    if (o === null) throw new ZoneParseError(file, 0, `invalid origin '${options.origin}'`);
    origin = o;
  }
  let zoneOrigin = origin;
  let defaultTtl: number | undefined;
  let lastTtl = options.defaultTtl ?? 3600;
  let lastOwner: string | undefined;
  const records: ZoneRecord[] = [];
  const warnings: ZoneWarning[] = [];

  for (const ll of tokenize(text, file)) {
    const toks = ll.tokens;
    const first = toks[0]!;
    if (!first.quoted && first.text.startsWith('$') && !ll.blankOwner) {
      const directive = first.text.toUpperCase();
      if (directive === '$ORIGIN') {
        const arg = toks[1];
        if (!arg) throw new ZoneParseError(file, ll.line, '$ORIGIN needs a name');
        origin = absoluteName(arg.text, origin, file, ll.line);
        if (zoneOrigin === undefined) zoneOrigin = origin;
      } else if (directive === '$TTL') {
        const ttl = toks[1] ? parseTtl(toks[1].text) : null;
        if (ttl === null) throw new ZoneParseError(file, ll.line, '$TTL needs a TTL');
        defaultTtl = ttl;
      } else {
        throw new ZoneParseError(file, ll.line, `unsupported directive ${first.text}`);
      }
      continue;
    }
    let idx = 0;
    let owner: string;
    if (ll.blankOwner) {
      if (lastOwner === undefined) throw new ZoneParseError(file, ll.line, 'record without an owner name');
      owner = lastOwner;
    } else {
      owner = absoluteName(first.text, origin, file, ll.line);
      idx = 1;
    }
    let ttl: number | undefined;
    // [ttl] [class] type  |  [class] [ttl] type
    for (let k = 0; k < 2; k++) {
      const t = toks[idx];
      if (!t || t.quoted) break;
      const up = t.text.toUpperCase();
      if (CLASSES.has(up)) {
        if (up !== 'IN') throw new ZoneParseError(file, ll.line, `class ${up} is not supported (only IN)`);
        idx++;
        continue;
      }
      const asTtl = parseTtl(t.text);
      if (asTtl !== null && ttl === undefined) {
        ttl = asTtl;
        idx++;
        continue;
      }
      break;
    }
    const typeTok = toks[idx];
    if (!typeTok || typeTok.quoted) throw new ZoneParseError(file, ll.line, 'missing record type');
    const type = typeTok.text.toUpperCase();
    if (!/^[A-Z][A-Z0-9-]*$/.test(type))
      throw new ZoneParseError(file, ll.line, `invalid type '${typeTok.text}'`);
    const rtoks = toks.slice(idx + 1);
    const effectiveTtl = ttl ?? defaultTtl ?? lastTtl;
    if (effectiveTtl > 2147483647)
      warnings.push({
        line: ll.line,
        message: `TTL ${effectiveTtl} is over 2147483647; resolvers treat it as 0 (RFC 2181 §8)`,
      });
    lastTtl = effectiveTtl;
    lastOwner = owner;
    const rdata = rtoks.map((t) => (t.quoted ? JSON.stringify(t.text) : t.text)).join(' ');
    const data = parseRdata(type, rtoks, origin, file, ll.line, warnings);
    const rec: ZoneRecord = { name: owner, type, ttl: effectiveTtl, rdata, line: ll.line };
    if (data !== undefined) rec.data = data;
    records.push(rec);
  }
  if (zoneOrigin === undefined) {
    throw new ZoneParseError(file, 0, 'no origin: pass { origin } or start the file with $ORIGIN');
  }
  warnings.push(...checkZone(zoneOrigin, records));
  warnings.sort((a, b) => a.line - b.line);
  return { origin: zoneOrigin, file, records, warnings };
}

function under(name: string, origin: string): boolean {
  return origin === '' || name === origin || name.endsWith(`.${origin}`);
}

/**
 * Problems a DNS server would reject or silently change, reported as warnings so that a proposed zone is
 * never evaluated differently from what the user believes it says:
 * - records outside the zone's origin (a server ignores out-of-zone data);
 * - a CNAME beside other data at the same name (RFC 1034 §3.6.2, RFC 2181 §10.1), and CNAME loops;
 * - TXT records made of several unquoted words, which SPF and DKIM join without spaces (RFC 7208 §3.3);
 * - data at or below a delegation (an NS record below the origin, RFC 1034 §4.2.1) other than the NS and DS
 *   records at the cut and A/AAAA glue: the delegated zone answers for those names, not this one;
 * - a zone without any record.
 */
function checkZone(origin: string, records: readonly ZoneRecord[]): ZoneWarning[] {
  const warnings: ZoneWarning[] = [];
  if (records.length === 0) warnings.push({ line: 1, message: 'the zone file has no records' });
  const byName = new Map<string, ZoneRecord[]>();
  for (const r of records) {
    if (!under(r.name, origin)) {
      warnings.push({
        line: r.line,
        message: `${r.type} record for ${r.name} is outside the zone origin ${origin || '.'} and is ignored (set $ORIGIN, or put it in its own zone file)`,
      });
      continue;
    }
    const list = byName.get(r.name) ?? [];
    list.push(r);
    byName.set(r.name, list);
  }
  const cuts = [...byName.entries()]
    .filter(([name, list]) => name !== origin && list.some((r) => r.type === 'NS'))
    .map(([name]) => name);
  for (const r of records) {
    if (!under(r.name, origin) || r.type === 'A' || r.type === 'AAAA') continue;
    const cut = cuts.find((c) => under(r.name, c));
    if (cut === undefined || (r.name === cut && (r.type === 'NS' || r.type === 'DS'))) continue;
    warnings.push({
      line: r.line,
      message: `${r.type} record for ${r.name} is at or below the delegation of ${cut} (NS), so this zone does not serve it; put it in the zone of ${cut}`,
    });
  }
  const cnames = new Map<string, ZoneRecord>();
  for (const [name, list] of byName) {
    const cname = list.find((r) => r.type === 'CNAME');
    if (!cname) continue;
    cnames.set(name, cname);
    const others = list.filter((r) => r.type !== 'CNAME');
    if (others.length > 0 || list.filter((r) => r.type === 'CNAME').length > 1) {
      warnings.push({
        line: cname.line,
        message: `${name} has a CNAME and other records (${[...new Set(others.map((r) => r.type))].join(', ') || 'CNAME'}); a CNAME must be alone at its name (RFC 1034 §3.6.2), so resolvers see only one of them`,
      });
    }
  }
  for (const [start, rec] of cnames) {
    const seen = new Set([start]);
    let target = rec.data as string;
    while (cnames.has(target) && !seen.has(target)) {
      seen.add(target);
      target = cnames.get(target)!.data as string;
    }
    if (seen.has(target) && target === start) {
      warnings.push({
        line: rec.line,
        message: `CNAME loop: ${[...seen, start].join(' -> ')} (resolvers answer SERVFAIL)`,
      });
    }
  }
  return warnings;
}

/**
 * The origin a file without `$ORIGIN` most likely means when none of its records is inside the origin
 * taken from its file name (every name was written absolute): its SOA owner, else the longest common
 * suffix of the owner names when it has at least two labels.
 */
function inferOrigin(zone: Zone): string | undefined {
  if (zone.records.length === 0 || zone.records.some((r) => under(r.name, zone.origin))) return undefined;
  const soa = zone.records.filter((r) => r.type === 'SOA');
  if (soa.length === 1) return soa[0]!.name;
  const split = zone.records.map((r) => r.name.split('.').reverse());
  const common: string[] = [];
  for (let i = 0; ; i++) {
    const label = split[0]![i];
    if (label === undefined || split.some((l) => l[i] !== label)) break;
    common.push(label);
  }
  return common.length >= 2 ? common.reverse().join('.') : undefined;
}

function need(toks: Token[], n: number, type: string, file: string, line: number): void {
  if (toks.length !== n)
    throw new ZoneParseError(
      file,
      line,
      `${type} record needs ${n} field${n > 1 ? 's' : ''}, got ${toks.length}`,
    );
}

function canonicalIPv6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

function parseRdata(
  type: string,
  toks: Token[],
  origin: string | undefined,
  file: string,
  line: number,
  warnings: ZoneWarning[],
): RecordDataMap[RRType] | undefined {
  switch (type) {
    case 'A': {
      need(toks, 1, type, file, line);
      const a = toks[0]!.text;
      if (!isIPv4(a)) throw new ZoneParseError(file, line, `A record '${a}' is not an IPv4 address`);
      return a;
    }
    case 'AAAA': {
      need(toks, 1, type, file, line);
      const a = toks[0]!.text;
      if (!isIPv6(a)) throw new ZoneParseError(file, line, `AAAA record '${a}' is not an IPv6 address`);
      return canonicalIPv6(a);
    }
    case 'MX': {
      need(toks, 2, type, file, line);
      const pref = toks[0]!.text;
      if (!/^\d+$/.test(pref) || Number(pref) > 65535)
        throw new ZoneParseError(file, line, `MX preference '${pref}' is not 0..65535`);
      const mx: MxData = {
        priority: Number(pref),
        exchange: absoluteName(toks[1]!.text, origin, file, line),
      };
      return mx;
    }
    case 'TXT':
    case 'SPF': {
      if (toks.length === 0) throw new ZoneParseError(file, line, `${type} record needs at least one string`);
      // Decoded once per record from the octets, by the rule live answers follow (decodeTxtRecord), so that a
      // zone and a server publishing the same octets give the same strings.
      const strings = decodeTxtRecord(toks.map((t) => t.bytes.toString('latin1')));
      if (toks.length > 1 && toks.some((t) => !t.quoted)) {
        warnings.push({
          line,
          message: `${type} record of ${toks.length} unquoted words is ${toks.length} character-strings, which SPF, DKIM and DMARC join without spaces ("${strings.join('')}"); quote the whole value`,
        });
      }
      for (const t of toks) {
        const len = t.bytes.length;
        if (len > 255)
          warnings.push({
            line,
            message: `${type} character-string of ${len} octets exceeds 255 (RFC 1035 §3.3); a DNS server would reject it`,
          });
      }
      return strings;
    }
    case 'PTR':
    case 'CNAME':
    case 'NS': {
      need(toks, 1, type, file, line);
      return absoluteName(toks[0]!.text, origin, file, line);
    }
    case 'SOA': {
      need(toks, 7, type, file, line);
      const nums = toks.slice(2).map((t) => parseTtl(t.text));
      if (nums.some((n) => n === null)) throw new ZoneParseError(file, line, 'SOA timers must be numbers');
      const [serial, refresh, retry, expire, minimum] = nums as number[];
      const soa: SoaData = {
        mname: absoluteName(toks[0]!.text, origin, file, line),
        rname: absoluteName(toks[1]!.text, origin, file, line),
        serial: serial!,
        refresh: refresh!,
        retry: retry!,
        expire: expire!,
        minimum: minimum!,
      };
      return soa;
    }
    default:
      return undefined;
  }
}

/**
 * Reads and parses a zone file from disk.
 *
 * The origin is, in order: `options.origin`, the file's first `$ORIGIN`, or the file name without a trailing
 * `.zone`/`.db`/`.txt` (so `example.com.zone` has origin `example.com`) — unless every name in the file is
 * absolute and outside that name, in which case it is the file's SOA owner, else the longest common suffix
 * (at least two labels) of its names. Records outside the origin are ignored, with a warning in `warnings`.
 *
 * @throws {@link ZoneParseError} for malformed content; the `fs` error (ENOENT...) when the file cannot be read.
 */
export async function loadZoneFile(
  path: string,
  options: Omit<ParseZoneOptions, 'file'> = {},
): Promise<Zone> {
  const text = await readFile(path, 'utf8');
  if (options.origin !== undefined || /^\s*\$ORIGIN\s/im.test(text))
    return parseZone(text, { ...options, file: path });
  const zone = parseZone(text, {
    ...options,
    origin: basename(path).replace(/\.(zone|db|txt)$/i, ''),
    file: path,
  });
  const inferred = inferOrigin(zone);
  return inferred === undefined ? zone : parseZone(text, { ...options, origin: inferred, file: path });
}

/**
 * Loads zone files from paths that are files or directories; a directory contributes every `*.zone` file
 * below it (recursively, in sorted order).
 *
 * @throws {@link ZoneParseError} for malformed content; the `fs` error when a path cannot be read.
 */
export async function loadZonePaths(paths: readonly string[]): Promise<Zone[]> {
  const zones: Zone[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true, recursive: true });
      const files = entries
        .filter((e) => e.isFile() && e.name.endsWith('.zone'))
        .map((e) => join(e.parentPath, e.name))
        .sort();
      for (const file of files) zones.push(await loadZoneFile(file));
    } else zones.push(await loadZoneFile(path));
  }
  return zones;
}
