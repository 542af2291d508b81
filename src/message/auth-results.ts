/**
 * Builds an RFC 8601 Authentication-Results header field from a verification. Every value that comes from the
 * message or from DNS is escaped: property values are RFC 2045 tokens, `local-part@domain-name` forms, or
 * quoted-strings; comments have `\`, `(` and `)` escaped and no `;`, so no text can end a resinfo early or
 * inject a property.
 *
 * @module
 */

import { domainToASCII } from 'node:url';
import type { ArcResult } from '../arc/index.js';
import { type DkimSignatureResult, isNotEvaluated } from '../dkim/index.js';
import type { MessageDmarc } from './dmarc.js';
import type { MessageSpf } from './spf.js';

/** A generated header field. */
export interface GeneratedHeader {
  /** The field name: `Authentication-Results`. */
  name: 'Authentication-Results';
  /**
   * The field value, folded with CRLF + TAB before each resinfo, and inside a resinfo before a property or a word
   * of the comment wherever a line would otherwise exceed {@link FOLD_AT} octets. Only US-ASCII; no line of the
   * field exceeds {@link MAX_LINE} octets.
   */
  value: string;
  /** The whole field ready to prepend to a message: `name: value` + CRLF. */
  header: string;
}

/** The parts of a verification that go into the header. */
export interface AuthResultsInput {
  /**
   * The authserv-id (RFC 8601 §2.5): US-ASCII, or an IDN that is converted to A-labels; at most
   * {@link MAX_AUTHSERV_ID} octets; an empty id becomes `localhost`. A control character (CR, LF, NUL...) is a
   * TypeError: it is configuration, and a line break in it is a mistake.
   */
  authservId: string;
  dkim: DkimSignatureResult[];
  spf: MessageSpf;
  dmarc: MessageDmarc;
  arc: ArcResult;
  /** The client IP, reported as `smtp.remote-ip` on the arc result (RFC 8617 §10.1). */
  ip?: string;
}

/** Lines are folded to stay within this many octets where a folding point allows (RFC 5322 §2.1.1 SHOULD). */
export const FOLD_AT = 78;
/** No line of the generated field exceeds this many octets (RFC 5322 §2.1.1 MUST; CRLF not counted). */
export const MAX_LINE = 998;
/** The longest authserv-id accepted, in octets. */
export const MAX_AUTHSERV_ID = 255;
/** Longest property value kept, in octets (before quoting); longer values are dropped, never truncated. */
export const MAX_PVALUE = 400;
/** Longest domain-valued property (`header.d`, `header.from`, `smtp.helo`) kept, in octets (RFC 1035 §2.3.4). */
export const MAX_DOMAIN = 253;
/** Longest comment text, in characters; longer text is cut and ends with `...` (comments are free text). */
export const MAX_COMMENT = 400;

/** Properties whose value is a domain name: over {@link MAX_DOMAIN} octets they are dropped. */
const DOMAIN_PROPERTIES: ReadonlySet<string> = new Set(['header.d', 'header.from', 'smtp.helo']);

// RFC 2045 §5.1 token: printable US-ASCII except SPACE and tspecials ()<>@,;:\"/[]?=
const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * What {@link clean} would change: a control character, white space other than SP, two SPs in a row, or an SP at
 * either end. Most values (domains, addresses, results) have none, and are used as they are.
 */
const UNCLEAN = /[\x00-\x1f\x7f]|[^\S ]|^ | $| {2}/;

/** Removes control characters (CTLs, DEL) and collapses whitespace: nothing may fold or end the field. */
function clean(value: string): string {
  if (!UNCLEAN.test(value)) return value;
  return value
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A quoted-string (RFC 5322 §3.2.4) with `"` and `\` escaped. */
export function quoteString(value: string): string {
  return `"${clean(value).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Why {@link checkPvalue} refuses a property value. */
export type PvalueProblem = 'not US-ASCII' | `over ${number} octets`;

/**
 * Checks a property value before it is written: a value with non-ASCII characters (an 8-bit header field needs
 * SMTPUTF8, RFC 6532) or longer than the limit ({@link MAX_DOMAIN} octets for a domain-valued property,
 * {@link MAX_PVALUE} otherwise) is refused, so that it is dropped whole rather than truncated into another value.
 *
 * @param property the property name, e.g. `header.d`.
 * @param v the value, {@link clean} already.
 * @returns the problem, or `undefined` when the value can be written.
 */
function checkPvalue(property: string, v: string): PvalueProblem | undefined {
  if (NON_ASCII.test(v)) return 'not US-ASCII';
  const max = DOMAIN_PROPERTIES.has(property) ? MAX_DOMAIN : MAX_PVALUE;
  if (v.length > max) return `over ${max} octets`;
  return undefined;
}

/**
 * Formats a property value (RFC 8601 §2.2 pvalue), {@link clean} already: a token as is,
 * `[local-part] "@" domain-name` as is when the local-part is a dot-atom, anything else as a quoted-string. Returns
 * `''` for an empty value. Does not check the length or the character set: see {@link checkPvalue}.
 */
function formatPvalue(v: string): string {
  if (v === '') return '';
  if (TOKEN.test(v)) return v;
  const at = v.lastIndexOf('@');
  if (at >= 0) {
    const local = v.slice(0, at);
    const domain = v.slice(at + 1);
    if (DOMAIN_NAME.test(domain) && (local === '' || DOT_ATOM.test(local))) return v;
  }
  return quoteString(v);
}

/** What {@link commentText} rewrites in a cleaned text: `;` and anything not printable US-ASCII. */
const COMMENT_REWRITE = /[^\x20-\x3a\x3c-\x7e]/;

/** The text of a comment: ASCII only, `;` replaced, length capped; not yet escaped or parenthesised. */
function commentText(text: string): string {
  // ASCII only (an 8-bit header needs SMTPUTF8): "§" becomes "section", anything else non-ASCII "?"
  let c = clean(text);
  if (COMMENT_REWRITE.test(c))
    c = c
      .replace(/;/g, ',')
      .replace(/§\s*/g, 'section ')
      .replace(/[^\x20-\x7e]/g, '?')
      .trim();
  if (c.length > MAX_COMMENT) c = `${c.slice(0, MAX_COMMENT)}...`;
  return c;
}

/**
 * Formats the authserv-id (RFC 8601 §2.5): a token when possible, else a quoted-string. An internationalised
 * domain name is written in A-labels (`bücher.example` → `xn--bcher-kva.example`).
 *
 * @throws TypeError when the id is not a string, has a control character, has non-ASCII characters and is not a
 *   domain name, or is longer than
 *   {@link MAX_AUTHSERV_ID} octets: the header field must be US-ASCII, and a changed id would misname the verifier.
 */
export function formatAuthservId(id: string): string {
  if (typeof id !== 'string') throw new TypeError(`authserv-id must be a string, not ${typeof id}`);
  // a configured value, not message text: a control character (CR, LF, NUL...) is a configuration mistake
  if (/[\u0000-\u001f\u007f]/.test(id))
    throw new TypeError(`authserv-id ${JSON.stringify(id)} contains a control character`);
  let v = clean(id);
  if (v === '') return 'localhost';
  if (NON_ASCII.test(v)) {
    const ascii = domainToASCII(v);
    if (ascii === '' || NON_ASCII.test(ascii)) {
      throw new TypeError(`authserv-id ${JSON.stringify(v)} is not US-ASCII and not a domain name`);
    }
    v = ascii;
  }
  if (v.length > MAX_AUTHSERV_ID) {
    throw new TypeError(`authserv-id is ${v.length} octets long; at most ${MAX_AUTHSERV_ID} are allowed`);
  }
  return TOKEN.test(v) ? v : quoteString(v);
}

/**
 * One resinfo as the pieces between which it may fold: `method=result`, the words of the comment, and each
 * `property=value`. Properties whose value {@link checkPvalue} refuses are dropped and named in the comment.
 */
function resinfo(
  method: string,
  result: string,
  comment: string | undefined,
  props: readonly (readonly [string, string | undefined])[],
): string[] {
  const pieces = [
    `${method}=${RESULT_TOKEN.test(result) ? result : result.replace(/[^A-Za-z0-9-]/g, '') || 'none'}`,
  ];
  const written: string[] = [];
  const dropped: string[] = [];
  for (const [name, value] of props) {
    if (value === undefined) continue;
    // most values (domains, selectors, algorithms, b= prefixes) are a token already: clean, US-ASCII, written as
    // they are; one pass over the characters decides it instead of four regular expressions
    if (isTokenText(value) && value.length <= MAX_DOMAIN) {
      written.push(`${name}=${value}`);
      continue;
    }
    const v = clean(value);
    const problem = checkPvalue(name, v);
    if (problem) {
      dropped.push(`${name} omitted: ${problem}`);
      continue;
    }
    const pv = formatPvalue(v);
    if (pv) written.push(`${name}=${pv}`);
  }
  let text = comment ? commentText(comment) : '';
  if (dropped.length > 0) text = text === '' ? dropped.join(', ') : `${text}, ${dropped.join(', ')}`;
  if (text) {
    // words of a cleaned text: single spaces, none at either end
    if (COMMENT_SPECIALS.test(text)) text = text.replace(/[\\()]/g, (x) => `\\${x}`);
    const words = text.split(' ');
    words[0] = `(${words[0]}`;
    words[words.length - 1] = `${words[words.length - 1]})`;
    for (const w of words) pieces.push(w);
  }
  for (const w of written) pieces.push(w);
  return pieces;
}

/**
 * True when `s` is a non-empty RFC 2045 token ({@link TOKEN}): printable US-ASCII without SPACE or tspecials.
 * Such a value needs no cleaning and no quoting.
 */
function isTokenText(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f || TSPECIAL[c] === 1) return false;
  }
  return true;
}

/** RFC 2045 §5.1 tspecials, by character code: ( ) < > @ , ; : \ " / [ ] ? = */
const TSPECIAL = new Uint8Array(128);
for (const c of '()<>@,;:\\"/[]?=') TSPECIAL[c.charCodeAt(0)] = 1;

/** A result that is already a token of letters, digits and hyphens (all of them are). */
const RESULT_TOKEN = /^[A-Za-z0-9-]+$/;
/** Characters a comment escapes with a backslash. */
const COMMENT_SPECIALS = /[\\()]/;

/**
 * Lays out `pieces[from..]` after `first` (the start of a line `start` octets long so far): each piece joins the
 * current line after a space while the line stays within {@link FOLD_AT} octets, else starts a new line (CRLF +
 * TAB: folding white space). With `semi`, the last piece ends with `;`.
 */
function fold(first: string, start: number, pieces: readonly string[], from: number, semi: boolean): string {
  let out = first;
  let line = start;
  const last = pieces.length - 1;
  for (let i = from; i <= last; i++) {
    const piece = semi && i === last ? `${pieces[i]};` : (pieces[i] as string);
    if (line + 1 + piece.length <= FOLD_AT) {
      out += ` ${piece}`;
      line += 1 + piece.length;
    } else {
      out += `\r\n\t${piece}`;
      line = 1 + piece.length;
    }
  }
  return out;
}

/**
 * The pieces of the resinfo of one DKIM signature (RFC 8601 §2.7.1, RFC 6008 `header.b`, RFC 8616
 * `header.a`/`header.s`). A property whose value is not US-ASCII or too long is dropped and named in the comment.
 */
function dkimPieces(sig: DkimSignatureResult): string[] {
  const policyRule =
    sig.result === 'policy' ? sig.rules.find((r) => r.outcome === 'policy')?.rule : undefined;
  return resinfo('dkim', sig.result, sig.reason, [
    ['header.d', sig.d],
    ['header.i', sig.i],
    ['header.s', sig.s],
    ['header.a', sig.a],
    ['header.b', sig.b],
    ['policy.dkim-rules', policyRule],
  ]);
}

/**
 * One resinfo per evaluated signature; the signatures the verifier's limit left unevaluated share one
 * `dkim=policy` resinfo that counts them, so a message cannot grow the header by thousands of results.
 */
function dkimResinfos(sigs: readonly DkimSignatureResult[]): string[][] {
  const out = sigs.filter((s) => !isNotEvaluated(s)).map(dkimPieces);
  const skipped = sigs.length - out.length;
  if (skipped > 0) {
    out.push(
      resinfo(
        'dkim',
        'policy',
        `${skipped} more DKIM signature${skipped === 1 ? '' : 's'} not evaluated, verifier limit`,
        [],
      ),
    );
  }
  return out;
}

function spfPieces(spf: MessageSpf): string[] {
  const props: [string, string | undefined][] =
    spf.identity === 'helo'
      ? [['smtp.helo', spf.helo]]
      : spf.identity === 'mailfrom'
        ? [['smtp.mailfrom', spf.mailFrom]]
        : [];
  return resinfo('spf', spf.result, spf.reason, props);
}

function dmarcPieces(d: MessageDmarc): string[] {
  const comment = [
    d.policy ? `p=${d.policy}` : undefined,
    d.result === 'fail' ? `dis=${d.disposition}` : undefined,
    d.arcOverride ? `arc override by trusted sealer ${d.arcOverride.sealer}: dis=none` : undefined,
    d.result !== 'pass' && d.result !== 'fail' ? d.reason : undefined,
  ]
    .filter((x) => x)
    .join(' ');
  return resinfo('dmarc', d.result, comment || undefined, [['header.from', d.authorDomain ?? undefined]]);
}

function arcPieces(arc: ArcResult, ip?: string): string[] {
  const comment =
    arc.result === 'none' ? undefined : arc.result === 'pass' ? `i=${arc.instance}` : arc.reason;
  return resinfo('arc', arc.result, comment, [['smtp.remote-ip', ip]]);
}

/**
 * Builds the Authentication-Results header field (RFC 8601 §2.2): `authserv-id; dkim=...; spf=...; dmarc=...;
 * arc=...`, one resinfo per DKIM signature (or `dkim=none`), each starting on its own line.
 *
 * Folding (RFC 5322 §2.2.3): besides the break before each resinfo, a resinfo folds before a property or a word
 * of its comment wherever its line would exceed {@link FOLD_AT} (78) octets; a single piece longer than that
 * stays whole on its own line, and the limits on values ({@link MAX_PVALUE}, {@link MAX_DOMAIN},
 * {@link MAX_COMMENT}, {@link MAX_AUTHSERV_ID}) keep every line under {@link MAX_LINE} (998) octets.
 * Property values that are not US-ASCII or over their limit are dropped whole, never truncated (a cut
 * `header.d` would name another domain), and the comment says which were omitted and why.
 *
 * @throws TypeError for an unusable authserv-id (see {@link formatAuthservId}).
 */
export function buildAuthenticationResults(input: AuthResultsInput): GeneratedHeader {
  const resinfos = [
    ...(input.dkim.length ? dkimResinfos(input.dkim) : [['dkim=none']]),
    spfPieces(input.spf),
    dmarcPieces(input.dmarc),
    arcPieces(input.arc, input.ip),
  ];
  // each resinfo starts a line (CRLF TAB); all but the last end with `;`
  let value = `${formatAuthservId(input.authservId)};`;
  for (let r = 0; r < resinfos.length; r++) {
    const pieces = resinfos[r] as string[];
    const lastPiece = pieces.length - 1;
    const semi = r < resinfos.length - 1;
    let first = pieces[0] ?? '';
    if (semi && lastPiece === 0) first += ';';
    value += `\r\n\t${fold(first, 1 + first.length, pieces, 1, semi)}`;
  }
  return { name: 'Authentication-Results', value, header: `Authentication-Results: ${value}\r\n` };
}
