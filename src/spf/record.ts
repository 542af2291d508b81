/**
 * SPF record parsing (RFC 7208 §4.5, §4.6, §5, §6, §7 and the ABNF of §12) into a typed AST in which every
 * term and every error keeps its source position, printing back to text, and record selection (§4.5).
 *
 * @module
 */

import { type IpAddress, parseIp4, parseIp6 } from './ip.js';
import {
  describeChar,
  EXP_MACRO_LETTERS,
  type MacroError,
  type MacroString,
  parseDomainSpec,
  parseMacroString,
} from './macro.js';

/** A location in the record text: `offset` and `length` in UTF-16 code units. */
export interface Span {
  offset: number;
  length: number;
}

/** A directive's qualifier (RFC 7208 §4.6.2): `+` pass, `-` fail, `~` softfail, `?` neutral. */
export type Qualifier = '+' | '-' | '~' | '?';

/** The mechanism names of RFC 7208 §5. */
export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** Mechanisms whose evaluation queries the DNS and counts toward the limit of 10 (RFC 7208 §4.6.4). */
export const DNS_MECHANISMS: ReadonlySet<MechanismName> = new Set(['include', 'a', 'mx', 'ptr', 'exists']);

interface TermBase extends Span {
  /** The term exactly as written in the record. */
  text: string;
}

interface MechanismBase extends TermBase {
  kind: 'mechanism';
  qualifier: Qualifier;
  /** True when the qualifier was written (a missing qualifier means `+`). */
  qualifierExplicit: boolean;
}

/** `all` (RFC 7208 §5.1). */
export interface AllMechanism extends MechanismBase {
  name: 'all';
}
/** `include:<domain-spec>` (§5.2) and `exists:<domain-spec>` (§5.7). */
export interface TargetMechanism extends MechanismBase {
  name: 'include' | 'exists';
  domainSpec: MacroString;
}
/** `a` (§5.3) and `mx` (§5.4): optional domain-spec and dual-cidr-length. */
export interface AddressMechanism extends MechanismBase {
  name: 'a' | 'mx';
  domainSpec?: MacroString;
  /** IPv4 prefix length, absent when not written (default 32). */
  ip4Cidr?: number;
  /** IPv6 prefix length, absent when not written (default 128). */
  ip6Cidr?: number;
}
/** `ptr` (§5.5): optional domain-spec. */
export interface PtrMechanism extends MechanismBase {
  name: 'ptr';
  domainSpec?: MacroString;
}
/** `ip4:` and `ip6:` (§5.6). */
export interface IpMechanism extends MechanismBase {
  name: 'ip4' | 'ip6';
  /** The network as written. */
  network: string;
  address: IpAddress;
  /** Prefix length, absent when not written (default 32 / 128). */
  cidr?: number;
}

/** Any mechanism. */
export type Mechanism = AllMechanism | TargetMechanism | AddressMechanism | PtrMechanism | IpMechanism;

/** `redirect=` (§6.1) and `exp=` (§6.2). */
export interface KnownModifier extends TermBase {
  kind: 'modifier';
  name: 'redirect' | 'exp';
  domainSpec: MacroString;
}
/** Any other `name=macro-string` modifier (§6: ignored by check_host()). */
export interface UnknownModifier extends TermBase {
  kind: 'modifier';
  name: 'unknown';
  /** The modifier name as written. */
  modifierName: string;
  value: MacroString;
}
/** Any modifier. */
export type Modifier = KnownModifier | UnknownModifier;

/** A term that could not be parsed; `error` says why. */
export interface InvalidTerm extends TermBase {
  kind: 'invalid';
  error: SpfParseError;
}

/** One term of a record. */
export type SpfTerm = Mechanism | Modifier | InvalidTerm;

/** Stable codes for parse errors. */
export type SpfParseErrorCode =
  | 'no-version'
  | 'invalid-character'
  | 'unknown-mechanism'
  | 'invalid-modifier-name'
  | 'invalid-syntax'
  | 'invalid-domain-spec'
  | 'invalid-macro'
  | 'macro-letter-not-allowed'
  | 'invalid-ip4'
  | 'invalid-ip6'
  | 'invalid-cidr'
  | 'duplicate-modifier';

/** A syntax error with its position in the record. */
export interface SpfParseError extends Span {
  code: SpfParseErrorCode;
  message: string;
}

/** The AST of one record. */
export interface SpfRecord {
  /** The record text that was parsed. */
  text: string;
  /** Where `v=spf1` is. */
  version: Span;
  terms: SpfTerm[];
  /** The mechanisms, in order (a view of `terms`). */
  mechanisms: Mechanism[];
  /** The `redirect=` modifier, when there is exactly one. */
  redirect?: KnownModifier;
  /** The `exp=` modifier, when there is exactly one. */
  exp?: KnownModifier;
}

/**
 * The result of {@link parseSpfRecord}: `ok` is true when there are no errors. `record` is always present,
 * holding what could be parsed (invalid terms are kept as {@link InvalidTerm}).
 */
export interface SpfParseResult {
  ok: boolean;
  record: SpfRecord;
  errors: SpfParseError[];
}

const VERSION_RE = /^v=spf1(?= |$)/i;
const MODIFIER_RE = /^([A-Za-z][A-Za-z0-9\-_.]*)=/;
const MECHANISM_RE = /^(all|include|a|mx|ptr|ip4|ip6|exists)(?=$|[:/])/i;
const CIDR_SUFFIX_RE = /(?:\/(\d+))?(?:\/\/(\d+))?$/;

/** True when the text is an SPF version 1 record: starts with `v=spf1` (any case) followed by a space or the end (RFC 7208 §4.5). */
export function isSpfRecord(text: string): boolean {
  return VERSION_RE.test(text);
}

function fromMacroError(e: MacroError): SpfParseError {
  return { code: e.code, message: e.message, offset: e.offset, length: e.length };
}

/**
 * Parses an SPF record (RFC 7208 §12 grammar).
 *
 * Terms are separated by one or more spaces (only U+0020, §4.6.1); every other character outside
 * `%x21-7E` is an error. Modifier names and mechanism names are case-insensitive. `redirect` and `exp`
 * may appear at most once each (§6). Positions are offsets into `text`.
 *
 * @param text the record, TXT character-strings already joined (§3.3)
 * @returns the AST and the list of errors; never throws
 */
export function parseSpfRecord(text: string): SpfParseResult {
  const errors: SpfParseError[] = [];
  const record: SpfRecord = { text, version: { offset: 0, length: 0 }, terms: [], mechanisms: [] };
  const m = VERSION_RE.exec(text);
  if (!m) {
    const end = text.indexOf(' ');
    errors.push({
      code: 'no-version',
      message: 'an SPF record must begin with "v=spf1" followed by a space or the end (RFC 7208 §4.5)',
      offset: 0,
      length: end < 0 ? text.length : end,
    });
    return { ok: false, record, errors };
  }
  record.version = { offset: 0, length: 6 };
  let i = 6;
  const seen: Partial<Record<'redirect' | 'exp', KnownModifier>> = {};
  const duplicated = new Set<string>();
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    let j = text.indexOf(' ', i);
    if (j < 0) j = text.length;
    const term = parseTerm(text.slice(i, j), i);
    record.terms.push(term);
    if (term.kind === 'invalid') errors.push(term.error);
    else if (term.kind === 'mechanism') record.mechanisms.push(term);
    else if (term.name === 'redirect' || term.name === 'exp') {
      if (seen[term.name]) {
        duplicated.add(term.name);
        errors.push({
          code: 'duplicate-modifier',
          message: `the "${term.name}" modifier appears more than once (RFC 7208 §6)`,
          offset: term.offset,
          length: term.length,
        });
      } else seen[term.name] = term;
    }
    i = j;
  }
  if (seen.redirect && !duplicated.has('redirect')) record.redirect = seen.redirect;
  if (seen.exp && !duplicated.has('exp')) record.exp = seen.exp;
  return { ok: errors.length === 0, record, errors };
}

function invalid(
  text: string,
  offset: number,
  error: Omit<SpfParseError, 'offset' | 'length'> & Partial<Span>,
) {
  const t: InvalidTerm = {
    kind: 'invalid',
    text,
    offset,
    length: text.length,
    error: {
      code: error.code,
      message: error.message,
      offset: error.offset ?? offset,
      length: error.length ?? text.length,
    },
  };
  return t;
}

/** Most characters of a term quoted in a message; a longer term is shortened with "...". */
const QUOTED_TERM_MAX = 64;

/**
 * A term (untrusted DNS text) quoted for a message: `"` and `\` backslash-escaped, characters outside printable
 * US-ASCII written as `\x..`/`\u{..}`, at most {@link QUOTED_TERM_MAX} characters (then `...`).
 */
function quoteTerm(term: string): string {
  const chars = [...term];
  const shown = chars.slice(0, QUOTED_TERM_MAX).map((c) => {
    if (c === '"' || c === '\\') return `\\${c}`;
    const code = c.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) return c;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
  return `"${shown.join('')}${chars.length > QUOTED_TERM_MAX ? '...' : ''}"`;
}

function firstBadChar(text: string): number {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x21 || c > 0x7e) return k;
  }
  return -1;
}

function parseCidr(digits: string, max: number): number | null {
  if (!/^(0|[1-9]\d*)$/.test(digits) || digits.length > 3) return null;
  const n = Number(digits);
  return n <= max ? n : null;
}

function parseTerm(text: string, offset: number): SpfTerm {
  const mod = MODIFIER_RE.exec(text);
  if (mod) return parseModifier(text, offset, mod[1] ?? '');
  let q: Qualifier = '+';
  let qualifierExplicit = false;
  let body = text;
  let bodyOffset = offset;
  const first = text[0];
  if (first === '+' || first === '-' || first === '~' || first === '?') {
    q = first;
    qualifierExplicit = true;
    body = text.slice(1);
    bodyOffset = offset + 1;
  }
  const mm = MECHANISM_RE.exec(body);
  if (!mm) {
    const bad = firstBadChar(text);
    if (bad >= 0 && bad <= (/[:/=]/.exec(text)?.index ?? text.length)) {
      return invalid(text, offset, {
        code: 'invalid-character',
        message: `character ${describeChar(text[bad] ?? '')} is not allowed in a term; terms are separated by spaces only (RFC 7208 §4.6.1)`,
        offset: offset + bad,
        length: 1,
      });
    }
    const nameEnd = body.search(/[:/=]/);
    const name = nameEnd < 0 ? body : body.slice(0, nameEnd);
    if (body.startsWith('=') || (nameEnd >= 0 && body[nameEnd] === '=' && !qualifierExplicit)) {
      return invalid(text, offset, {
        code: 'invalid-modifier-name',
        message: `"${name}" is not a valid modifier name: a name starts with a letter and has only letters, digits, "-", "_" and "." (RFC 7208 §6, §12)`,
      });
    }
    if (name === '') {
      // Nothing before ":" or "/" (e.g. "::error::x"): there is no name to quote, so quote the term.
      return invalid(text, offset, {
        code: 'unknown-mechanism',
        message: `unknown term ${quoteTerm(text)}: no mechanism name before ${describeChar(body[0] ?? '')} (RFC 7208 §5, §12)`,
      });
    }
    return invalid(text, offset, {
      code: 'unknown-mechanism',
      message: `unknown mechanism ${quoteTerm(name)}${name === body ? '' : ` in term ${quoteTerm(text)}`} (RFC 7208 §5, §12)`,
      offset: bodyOffset,
      length: name.length,
    });
  }
  const name = (mm[1] ?? '').toLowerCase() as MechanismName;
  const rest = body.slice(name.length);
  const restOffset = bodyOffset + name.length;
  const base = {
    kind: 'mechanism' as const,
    qualifier: q,
    qualifierExplicit,
    text,
    offset,
    length: text.length,
  };
  const syntax = (message: string, at = restOffset, len = rest.length) =>
    invalid(text, offset, { code: 'invalid-syntax', message, offset: at, length: len });

  switch (name) {
    case 'all':
      if (rest !== '') return syntax('"all" takes no argument or prefix length (RFC 7208 §5.1)');
      return { ...base, name };
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':'))
        return syntax(`"${name}" requires ":" and a domain-spec (RFC 7208 §5.${name === 'include' ? 2 : 7})`);
      const ds = parseDomainSpec(rest.slice(1), restOffset + 1);
      if (ds.error) return invalid(text, offset, fromMacroError(ds.error));
      return { ...base, name, domainSpec: ds.value };
    }
    case 'ptr': {
      if (rest === '') return { ...base, name };
      if (!rest.startsWith(':'))
        return syntax('"ptr" takes only ":" and a domain-spec, no prefix length (RFC 7208 §5.5)');
      const ds = parseDomainSpec(rest.slice(1), restOffset + 1);
      if (ds.error) return invalid(text, offset, fromMacroError(ds.error));
      return { ...base, name, domainSpec: ds.value };
    }
    case 'a':
    case 'mx': {
      let arg = rest;
      let argOffset = restOffset;
      let domainText: string | undefined;
      if (arg.startsWith(':')) {
        arg = arg.slice(1);
        argOffset++;
        domainText = arg;
      }
      const cm = CIDR_SUFFIX_RE.exec(arg);
      const suffixLen = cm ? (cm[0] ?? '').length : 0;
      const suffixStart = arg.length - suffixLen;
      if (domainText === undefined && suffixStart !== 0) {
        return syntax(
          `invalid text after "${name}": expected ":" domain-spec or a dual-cidr-length (RFC 7208 §5.${name === 'a' ? 3 : 4})`,
        );
      }
      const mech: AddressMechanism = { ...base, name };
      if (cm?.[1] !== undefined) {
        const v = parseCidr(cm[1], 32);
        if (v === null) {
          return invalid(text, offset, {
            code: 'invalid-cidr',
            message: `invalid IPv4 prefix length "/${cm[1]}": 0-32 without leading zeros (RFC 7208 §5.6)`,
            offset: argOffset + suffixStart,
            length: cm[1].length + 1,
          });
        }
        mech.ip4Cidr = v;
      }
      if (cm?.[2] !== undefined) {
        const v = parseCidr(cm[2], 128);
        if (v === null) {
          return invalid(text, offset, {
            code: 'invalid-cidr',
            message: `invalid IPv6 prefix length "//${cm[2]}": 0-128 without leading zeros (RFC 7208 §5.6)`,
            offset: argOffset + arg.length - cm[2].length - 2,
            length: cm[2].length + 2,
          });
        }
        mech.ip6Cidr = v;
      }
      if (domainText !== undefined) {
        const ds = parseDomainSpec(arg.slice(0, suffixStart), argOffset);
        if (ds.error) return invalid(text, offset, fromMacroError(ds.error));
        mech.domainSpec = ds.value;
      }
      return mech;
    }
    case 'ip4':
    case 'ip6': {
      if (!rest.startsWith(':')) {
        return syntax(`"${name}" requires ":" and a network (RFC 7208 §5.6)`);
      }
      const arg = rest.slice(1);
      const argOffset = restOffset + 1;
      const slash = arg.indexOf('/');
      const network = slash < 0 ? arg : arg.slice(0, slash);
      const address = name === 'ip4' ? parseIp4(network) : parseIp6(network);
      if (!address) {
        return invalid(text, offset, {
          code: name === 'ip4' ? 'invalid-ip4' : 'invalid-ip6',
          message:
            name === 'ip4'
              ? `"${network}" is not an ip4-network: four decimal numbers 0-255 without leading zeros (RFC 7208 §5.6)`
              : `"${network}" is not an ip6-network (RFC 7208 §5.6, RFC 4291 §2.2)`,
          offset: argOffset,
          length: network.length,
        });
      }
      const mech: IpMechanism = { ...base, name, network, address };
      if (slash >= 0) {
        const digits = arg.slice(slash + 1);
        const v = parseCidr(digits, name === 'ip4' ? 32 : 128);
        if (v === null) {
          return invalid(text, offset, {
            code: 'invalid-cidr',
            message: `invalid prefix length "/${digits}": ${name === 'ip4' ? '0-32' : '0-128'} without leading zeros (RFC 7208 §5.6)`,
            offset: argOffset + slash,
            length: arg.length - slash,
          });
        }
        mech.cidr = v;
      }
      return mech;
    }
  }
}

function parseModifier(text: string, offset: number, rawName: string): SpfTerm {
  const name = rawName.toLowerCase();
  const valueText = text.slice(rawName.length + 1);
  const valueOffset = offset + rawName.length + 1;
  if (name === 'redirect' || name === 'exp') {
    const ds = parseDomainSpec(valueText, valueOffset);
    if (ds.error) return invalid(text, offset, fromMacroError(ds.error));
    const mod: KnownModifier = {
      kind: 'modifier',
      name,
      domainSpec: ds.value,
      text,
      offset,
      length: text.length,
    };
    return mod;
  }
  const ms = parseMacroString(valueText, valueOffset, EXP_MACRO_LETTERS);
  if (ms.error) return invalid(text, offset, fromMacroError(ms.error));
  return {
    kind: 'modifier',
    name: 'unknown',
    modifierName: rawName,
    value: ms.value,
    text,
    offset,
    length: text.length,
  };
}

/** Prints one term in canonical form: explicit qualifier kept, names lower-case, arguments as written. */
export function printSpfTerm(term: SpfTerm): string {
  if (term.kind === 'invalid') return term.text;
  if (term.kind === 'modifier') {
    if (term.name === 'unknown') return `${term.modifierName}=${term.value.text}`;
    return `${term.name}=${term.domainSpec.text}`;
  }
  const q = term.qualifierExplicit ? term.qualifier : '';
  switch (term.name) {
    case 'all':
      return `${q}all`;
    case 'include':
    case 'exists':
      return `${q}${term.name}:${term.domainSpec.text}`;
    case 'ptr':
      return `${q}ptr${term.domainSpec ? `:${term.domainSpec.text}` : ''}`;
    case 'a':
    case 'mx': {
      let s = `${q}${term.name}`;
      if (term.domainSpec) s += `:${term.domainSpec.text}`;
      if (term.ip4Cidr !== undefined) s += `/${term.ip4Cidr}`;
      if (term.ip6Cidr !== undefined) s += `//${term.ip6Cidr}`;
      return s;
    }
    case 'ip4':
    case 'ip6':
      return `${q}${term.name}:${term.network}${term.cidr !== undefined ? `/${term.cidr}` : ''}`;
  }
}

/**
 * Prints a record: `v=spf1` and the terms in canonical form ({@link printSpfTerm}), separated by single
 * spaces. For a record already in that form, `printSpfRecord(parseSpfRecord(t).record) === t`.
 */
export function printSpfRecord(ast: Pick<SpfRecord, 'terms'>): string {
  return ['v=spf1', ...ast.terms.map(printSpfTerm)].join(' ');
}

/** One TXT record considered by {@link selectSpfRecords}. */
export interface TxtCandidate {
  /** Index of the TXT record in the answer. */
  index: number;
  /** The character-strings as published. */
  strings: string[];
  /** The strings joined without separator (RFC 7208 §3.3). */
  text: string;
}

/** The outcome of record selection (RFC 7208 §4.5). */
export interface SpfSelection {
  /** `none`: no SPF record; `one`: exactly one (in `record`); `multiple`: more than one (check_host() permerror). */
  status: 'none' | 'one' | 'multiple';
  /** The selected record when `status` is `one`. */
  record?: TxtCandidate;
  /** Every TXT record that begins with `v=spf1`. */
  records: TxtCandidate[];
}

/**
 * Selects the SPF record among a name's TXT records (RFC 7208 §4.5): records whose joined text begins with
 * `v=spf1` (case-insensitive) followed by a space or the end. None -> `none`; more than one -> `multiple`.
 *
 * @param txt the TXT records, each a list of character-strings (as a {@link Resolver} returns them)
 */
export function selectSpfRecords(txt: readonly (readonly string[])[]): SpfSelection {
  const records: TxtCandidate[] = [];
  txt.forEach((strings, index) => {
    const text = strings.join('');
    if (isSpfRecord(text)) records.push({ index, strings: [...strings], text });
  });
  if (records.length === 0) return { status: 'none', records };
  if (records.length > 1) return { status: 'multiple', records };
  return { status: 'one', record: records[0], records };
}
