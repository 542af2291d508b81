/**
 * The Author Domain: the domain of the RFC5322.From mailboxes (RFC 9989 §3.2.2, §5.3.1).
 *
 * From is a `mailbox-list` (RFC 5322 §3.6.2); RFC 6854 also allows a group. This module tokenizes the field
 * value the RFC 5322 §3.2 way — quoted strings (with quoted-pairs), nested comments, domain literals, specials —
 * so that an `@` or `,` inside a quoted display name or a quoted local-part never splits an address, and
 * handles angle addresses, obsolete source routes (§4.4), groups and empty list elements. RFC 2047 encoded
 * words are decoded in display names for reporting only: they never supply the domain.
 *
 * The result follows RFC 9989 §5.3.1: exactly one Author Domain (several mailboxes may share it); zero or
 * several domains, an unparseable mailbox, or several From header fields (RFC 5322 §3.6 allows one; RFC 9989
 * §4.4) leave no Author Domain, with a status saying why.
 *
 * @module
 */

import { normalizeName } from '../dns/resolver.js';

/** One mailbox of a From field. */
export interface AuthorMailbox {
  /** Index of the From field (0-based) the mailbox came from. */
  field: number;
  /** The display name, quotes removed and RFC 2047 encoded words decoded (display only). */
  displayName?: string;
  /** The group the mailbox was listed in (RFC 6854), if any. */
  group?: string;
  /** The addr-spec as written, comments and folding white space removed. */
  address: string;
  /** The local-part as written (a quoted local-part keeps its quotes). */
  localPart: string;
  /** The domain as written. */
  rawDomain: string;
  /** The domain normalised (lower-case A-labels, no trailing dot); a domain literal is kept as written; null if invalid. */
  domain: string | null;
  /** What is wrong with the mailbox, when `domain` is null. */
  problem?: string;
}

/** A display name that shows an address at another domain ({@link AuthorDomainResult.displayNameAddresses}). */
export interface DisplayNameAddress {
  /** The display name, decoded (untrusted text; at most 200 characters, then `...`). */
  displayName: string;
  /** The domain of the address it shows. */
  shownDomain: string;
  /** The domain of the mailbox. */
  domain: string;
}

/** Why there is, or is not, an Author Domain. */
export type AuthorDomainStatus =
  | 'ok'
  /** No From field at all. */
  | 'no-from'
  /** A From field without any mailbox (e.g. an empty group `undisclosed-recipients:;`). */
  | 'no-mailbox'
  /** A mailbox whose domain cannot be determined (no `@`, several `@`, a malformed domain). */
  | 'invalid-domain'
  /** Mailboxes with different domains (RFC 9989 §5.3.1, §11.5). */
  | 'multiple-domains'
  /** More than one From header field (RFC 5322 §3.6, RFC 9989 §4.4). */
  | 'multiple-from-fields'
  /** The one domain is an address literal such as `[192.0.2.1]`: it cannot publish a DMARC record. */
  | 'domain-literal';

/** The result of {@link extractAuthorDomain}. */
export interface AuthorDomainResult {
  status: AuthorDomainStatus;
  /** The Author Domain (lower-case A-labels), only when `status` is `ok`. */
  authorDomain: string | null;
  /** Every distinct valid domain found, in order of appearance. */
  domains: string[];
  mailboxes: AuthorMailbox[];
  /** How many From field values were given. */
  fieldCount: number;
  /** A sentence explaining the status. */
  reason: string;
  /** Observations worth reporting (groups, source routes, encoded words, display names that look like addresses). */
  notes: string[];
  /**
   * Mailboxes whose display name (decoded) shows an address at another domain than the mailbox's own, as a mail
   * reader would show it: the display-name attack DMARC does not cover (RFC 9989 §11.4). Untrusted text.
   */
  displayNameAddresses: DisplayNameAddress[];
}

interface Tok {
  t: 'atom' | 'qs' | 'lit' | 'sp';
  v: string;
  start: number;
  end: number;
}

const BLANKS = new Set([' ', '\t', '\r', '\n']);
const SPECIALS = new Set(['(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '.', '"']);

function tokenize(s: string, notes: Set<string>): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (BLANKS.has(c)) {
      i++;
    } else if (c === '(') {
      let depth = 0;
      for (; i < s.length; i++) {
        const d = s[i];
        if (d === '\\') i++;
        else if (d === '(') depth++;
        else if (d === ')' && --depth === 0) break;
      }
      if (depth > 0) notes.add('unterminated comment in From');
      i++;
    } else if (c === '"') {
      // the text between the quotes, quoted-pairs unescaped: slices between backslashes, not one string per character
      const start = i;
      const pieces: string[] = [];
      i++;
      let from = i;
      let closed = false;
      while (i < s.length) {
        const d = s[i]!;
        if (d === '\\' && i + 1 < s.length) {
          pieces.push(s.slice(from, i), s[i + 1]!);
          i += 2;
          from = i;
        } else if (d === '"') {
          closed = true;
          break;
        } else {
          i++;
        }
      }
      pieces.push(s.slice(from, i));
      if (closed) i++;
      if (!closed) notes.add('unterminated quoted string in From');
      toks.push({ t: 'qs', v: pieces.join(''), start, end: i });
    } else if (c === '[') {
      const start = i;
      const close = s.indexOf(']', i);
      const end = close < 0 ? s.length : close + 1;
      toks.push({ t: 'lit', v: s.slice(start, end), start, end });
      i = end;
    } else if (SPECIALS.has(c)) {
      toks.push({ t: 'sp', v: c, start: i, end: i + 1 });
      i++;
    } else {
      const start = i;
      while (i < s.length && !SPECIALS.has(s[i]!) && !BLANKS.has(s[i]!)) i++;
      toks.push({ t: 'atom', v: s.slice(start, i), start, end: i });
    }
  }
  return toks;
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`); white space between adjacent encoded words is
 * dropped (RFC 2047 §6.2). Unknown charsets and malformed words are left as written.
 */
export function decodeEncodedWords(text: string): string {
  const joined = text.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (whole, charset: string, enc: string, data: string) => {
    try {
      let bytes: Uint8Array;
      if (enc.toUpperCase() === 'B') {
        bytes = Buffer.from(data, 'base64');
      } else {
        const out: number[] = [];
        for (let i = 0; i < data.length; i++) {
          const ch = data[i]!;
          if (ch === '_') out.push(0x20);
          else if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
            out.push(Number.parseInt(data.slice(i + 1, i + 3), 16));
            i += 2;
          } else out.push(ch.charCodeAt(0) & 0xff);
        }
        bytes = Uint8Array.from(out);
      }
      return new TextDecoder(charset.toLowerCase()).decode(bytes);
    } catch {
      return whole;
    }
  });
}

function displayText(s: string, toks: Tok[]): string | undefined {
  if (toks.length === 0) return undefined;
  // Rebuild from the source so that spacing between words survives; quoted strings lose their quotes.
  let out = '';
  let prevEnd = toks[0]!.start;
  for (const t of toks) {
    if (t.start > prevEnd) out += ' ';
    out += t.t === 'qs' ? t.v : s.slice(t.start, t.end);
    prevEnd = t.end;
  }
  const decoded = decodeEncodedWords(out).trim();
  return decoded === '' ? undefined : decoded;
}

/** A domain of two or more labels of letters, digits and hyphens, right after an `@` (sticky). */
const ADDRESS_LIKE_DOMAIN = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/y;
/** A character that cannot be part of the local-part of an address-like text: blanks, `@`, `<`, `>`, `"`. */
const NOT_LOCAL = /[\s@<>"]/;

/**
 * The first address-like text (`local@domain.tld`, as a mail reader may show it) in `text`, and its domain; or
 * null. Scans from each `@` (left over the local-part, right over the domain), so it is linear in the length of
 * `text` (the equivalent `/[^\s@<>"]+@(...)/` is quadratic on a long text without an `@`).
 */
function addressLike(text: string): { match: string; domain: string } | null {
  let at = text.indexOf('@');
  let floor = 0; // the local-part of this `@` cannot reach back over the previous `@`
  while (at >= 0) {
    let start = at;
    while (start > floor && !NOT_LOCAL.test(text[start - 1]!)) start--;
    if (start < at) {
      ADDRESS_LIKE_DOMAIN.lastIndex = at + 1;
      const domain = ADDRESS_LIKE_DOMAIN.exec(text);
      if (domain) return { match: text.slice(start, at + 1 + domain[0].length), domain: domain[0] };
    }
    floor = at + 1;
    at = text.indexOf('@', at + 1);
  }
  return null;
}

/** Most characters of the message's text quoted in a problem or reason; longer text ends with `...`. */
const QUOTE_MAX = 200;

/** Text from the message, cut to {@link QUOTE_MAX} characters for a sentence (a From value may be huge). */
function q(text: string): string {
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}...` : text;
}

function mailboxFrom(
  s: string,
  toks: Tok[],
  field: number,
  group: string | undefined,
  notes: Set<string>,
): AuthorMailbox {
  let display: Tok[] = [];
  let addr = toks;
  // RFC 5322 §3.4 name-addr: [display-name] angle-addr, nothing after it; a malformed one has no reliable Author
  // Domain (RFC 9989 §4.4), whichever of its addresses a mail reader would show
  let malformed: string | undefined;
  const lt = toks.findIndex((t) => t.t === 'sp' && t.v === '<');
  if (lt >= 0) {
    display = toks.slice(0, lt);
    let gt = toks.findIndex((t, i) => i > lt && t.t === 'sp' && t.v === '>');
    if (gt < 0) {
      malformed = 'unterminated angle address (no ">")';
      gt = toks.length;
    } else if (gt + 1 < toks.length) {
      malformed = `text after the angle address: '${q(s.slice(toks[gt + 1]!.start, toks[toks.length - 1]!.end))}'`;
    }
    // display-name = phrase (RFC 5322 §3.2.5): words, and the dots of obs-phrase
    const odd = display.find((t) => t.t === 'lit' || (t.t === 'sp' && t.v !== '.'));
    if (odd && malformed === undefined) malformed = `'${q(odd.v)}' outside quotes in the display name`;
    addr = toks.slice(lt + 1, gt);
    if (addr[0]?.t === 'sp' && addr[0].v === '@') {
      const colon = addr.findIndex((t) => t.t === 'sp' && t.v === ':');
      if (colon >= 0) {
        notes.add('obsolete source route removed from a From address (RFC 5322 §4.4)');
        addr = addr.slice(colon + 1);
      }
    }
  }
  const text = (ts: Tok[]) =>
    ts.map((t) => (t.t === 'qs' ? `"${t.v.replace(/(["\\])/g, '\\$1')}"` : t.v)).join('');
  const ats = addr.map((t, i) => (t.t === 'sp' && t.v === '@' ? i : -1)).filter((i) => i >= 0);
  const mb: AuthorMailbox = { field, address: text(addr), localPart: '', rawDomain: '', domain: null };
  const name = displayText(s, display);
  if (name !== undefined) mb.displayName = name;
  if (group !== undefined) mb.group = group;
  if (ats.length === 0) {
    const decoded = decodeEncodedWords(s.slice(toks[0]?.start ?? 0, toks[toks.length - 1]?.end ?? 0));
    const m = addressLike(decoded);
    mb.problem = m
      ? `no addr-spec; the encoded text decodes to '${q(m.match)}', which a mail reader may show`
      : 'no addr-spec (no "@")';
    return mb;
  }
  if (ats.length > 1) {
    mb.problem = `malformed address: ${ats.length} "@" signs outside quotes`;
    return mb;
  }
  if (malformed !== undefined) {
    mb.problem = `malformed address: ${malformed}`;
    return mb;
  }
  const at = ats[0]!;
  const local = addr.slice(0, at);
  const dom = addr.slice(at + 1);
  mb.localPart = text(local);
  mb.rawDomain = text(dom);
  if (local.length === 0) {
    mb.problem = 'empty local-part';
    return mb;
  }
  if (dom.length === 1 && dom[0]!.t === 'lit') {
    if (!dom[0]!.v.endsWith(']')) {
      mb.problem = `unterminated address literal '${q(mb.rawDomain)}' (no "]")`;
      return mb;
    }
    mb.domain = dom[0]!.v;
    return mb;
  }
  // dot-atom or obs-domain (RFC 5322 §3.4.1, §4.4): atoms separated by dots; two atoms with only white space or a
  // comment between them are not one domain (`evil.example x` is not `evil.examplex`)
  if (
    dom.length === 0 ||
    dom.some(
      (t, i) =>
        (t.t !== 'atom' && !(t.t === 'sp' && t.v === '.')) || (t.t === 'atom' && dom[i - 1]?.t === 'atom'),
    )
  ) {
    mb.problem = `malformed domain '${q(s.slice(dom[0]?.start ?? 0, dom[dom.length - 1]?.end ?? 0) || mb.rawDomain)}'`;
    return mb;
  }
  const domain = normalizeName(mb.rawDomain);
  if (domain === null || mb.rawDomain.startsWith('.') || mb.rawDomain.includes('..')) {
    mb.problem = `invalid domain '${q(mb.rawDomain)}'`;
    return mb;
  }
  mb.domain = domain;
  return mb;
}

/** The address at another domain a mailbox's display name shows, if any ({@link DisplayNameAddress}). */
function displayNameAddress(mb: AuthorMailbox): DisplayNameAddress | undefined {
  if (!mb.displayName || mb.domain === null) return undefined;
  const m = addressLike(mb.displayName);
  if (!m || normalizeName(m.domain) === mb.domain) return undefined;
  return { displayName: q(mb.displayName), shownDomain: q(m.domain), domain: mb.domain };
}

/** RFC 5322 §3.2.3 atext (US-ASCII only). */
const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
/** A display-name word of atext without `=` and `?`, so that an RFC 2047 encoded word never matches. */
const PLAIN_WORD = "[A-Za-z0-9!#$%&'*+/^_`{|}~-]+";
const DOT_ATOM = `[${ATEXT}]+(?:\\.[${ATEXT}]+)*`;
const LDH_DOMAIN = '[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.?';
/**
 * The common From value: `local@domain`, `<local@domain>` or `Display Name <local@domain>`, where the display name
 * is plain words (no quotes, comments, dots or encoded words), the local-part a dot-atom and the domain letters,
 * digits, hyphens and dots (a final dot too). Unambiguous (each character class is disjoint from the one that may follow it), and
 * only tried on values of at most {@link SIMPLE_FROM_MAX} characters.
 */
const SIMPLE_FROM = new RegExp(
  `^[ \\t]*(?:(?:(${PLAIN_WORD}(?:[ \\t]+${PLAIN_WORD})*)[ \\t]*)?<(${DOT_ATOM})@(${LDH_DOMAIN})>|(${DOT_ATOM})@(${LDH_DOMAIN}))[ \\t]*$`,
);
const SIMPLE_FROM_MAX = 512;

/**
 * The one mailbox of a From value that {@link SIMPLE_FROM} reads, exactly as {@link parseField} would give it (and
 * with no notes), or undefined for anything else: most From fields are this simple, and reading them needs no
 * tokenizer. test/dmarc/author.test.ts holds the two to the same result.
 */
export function simpleMailbox(s: string, field: number): AuthorMailbox | undefined {
  if (s.length > SIMPLE_FROM_MAX) return undefined;
  const m = SIMPLE_FROM.exec(s);
  if (!m) return undefined;
  const localPart = (m[2] ?? m[4])!;
  const rawDomain = (m[3] ?? m[5])!;
  const domain = normalizeName(rawDomain);
  if (domain === null) return undefined;
  const mb: AuthorMailbox = { field, address: `${localPart}@${rawDomain}`, localPart, rawDomain, domain };
  if (m[1] !== undefined) mb.displayName = m[1].split(/[ \t]+/).join(' ');
  return mb;
}

/**
 * The mailboxes of one From field value (RFC 5322 §3.6.2 mailbox-list, RFC 6854 groups), by the full tokenizer;
 * observations are added to `notes`. Exported for the tests that hold {@link simpleMailbox} to it.
 */
export function parseField(s: string, field: number, notes: Set<string>): AuthorMailbox[] {
  const toks = tokenize(s, notes);
  const out: AuthorMailbox[] = [];
  let current: Tok[] = [];
  // whether `current` holds an "@" token: kept as tokens are added, so that a long run of ":" after an "@" is
  // not a rescan of `current` per ":" (quadratic)
  let currentHasAt = false;
  let inAngle = false;
  let group: string | undefined;
  const flush = () => {
    if (current.length > 0) out.push(mailboxFrom(s, current, field, group, notes));
    current = [];
    currentHasAt = false;
  };
  for (const t of toks) {
    if (t.t === 'sp') {
      if (t.v === '<') inAngle = true;
      else if (t.v === '>') inAngle = false;
      else if (!inAngle && t.v === ':' && group === undefined && !currentHasAt) {
        group = displayText(s, current) ?? '';
        notes.add('group syntax in From (RFC 6854): its mailboxes are authors');
        current = [];
        continue;
      } else if (!inAngle && t.v === ',') {
        flush();
        continue;
      } else if (!inAngle && t.v === ';' && group !== undefined) {
        flush();
        group = undefined;
        continue;
      }
    }
    if (t.t === 'sp' && t.v === '@') currentHasAt = true;
    current.push(t);
  }
  flush();
  return out;
}

/** The distinct domains of the mailboxes, in order of first appearance. */
function authorDomains(mailboxes: readonly AuthorMailbox[]): string[] {
  if (mailboxes.length === 1) {
    const only = mailboxes[0]!.domain;
    return only === null ? [] : [only];
  }
  const seen = new Set<string>();
  for (const m of mailboxes) if (m.domain !== null) seen.add(m.domain);
  return [...seen];
}

/**
 * Extracts the Author Domain from the From header field values (RFC 9989 §5.3.1).
 *
 * @param fromHeaderValues the value of each From header field (what follows `From:`), unfolded or not.
 * @returns the Author Domain when there is exactly one, and otherwise a status and reason. Never throws.
 */
export function extractAuthorDomain(fromHeaderValues: readonly string[]): AuthorDomainResult {
  const notes = new Set<string>();
  const fieldCount = fromHeaderValues.length;
  const mailboxes: AuthorMailbox[] = [];
  for (let field = 0; field < fieldCount; field++) {
    if (!(field in fromHeaderValues)) continue; // a hole in a sparse list is no field value
    const text = String(fromHeaderValues[field]);
    // unfolded, and any other line break a space (most values have none: no regular expression runs for them)
    const value =
      text.includes('\n') || text.includes('\r')
        ? text.replace(/\r?\n(?=[ \t])/g, '').replace(/[\r\n]/g, ' ')
        : text;
    const simple = simpleMailbox(value, field);
    if (simple) mailboxes.push(simple);
    else for (const m of parseField(value, field, notes)) mailboxes.push(m); // no spread: a field may list 200k mailboxes
  }
  const domains = authorDomains(mailboxes);
  const displayNameAddresses: DisplayNameAddress[] = [];
  for (const m of mailboxes) {
    const shown = displayNameAddress(m);
    if (!shown) continue;
    displayNameAddresses.push(shown);
    notes.add(
      `the display name '${shown.displayName}' shows an address at ${shown.shownDomain}, not ${shown.domain} (display name attacks are outside DMARC, RFC 9989 §11.4)`,
    );
  }
  const result = (
    status: AuthorDomainStatus,
    reason: string,
    authorDomain: string | null = null,
  ): AuthorDomainResult => ({
    status,
    authorDomain,
    domains,
    mailboxes,
    fieldCount,
    reason,
    notes: [...notes],
    displayNameAddresses,
  });

  if (fieldCount === 0)
    return result('no-from', 'The message has no From header field (RFC 5322 §3.6 requires one)');
  if (fieldCount > 1) {
    return result(
      'multiple-from-fields',
      `The message has ${fieldCount} From header fields (RFC 5322 §3.6 allows one); DMARC cannot determine a single Author Domain (RFC 9989 §4.4, §11.5)`,
    );
  }
  const bad = mailboxes.find((m) => m.domain === null);
  if (bad) {
    return result(
      'invalid-domain',
      `From mailbox '${q(bad.address || bad.displayName || '')}': ${bad.problem}`,
    );
  }
  if (mailboxes.length === 0) return result('no-mailbox', 'The From field lists no mailbox');
  if (domains.length > 1) {
    return result(
      'multiple-domains',
      `The From field has mailboxes in ${domains.length} domains (${q(domains.join(', '))}); RFC 9989 §5.3.1 needs exactly one Author Domain`,
    );
  }
  const only = domains[0]!;
  if (only.startsWith('[')) {
    return result(
      'domain-literal',
      `The Author Domain is an address literal ${q(only)}, which cannot publish a DMARC record`,
    );
  }
  return result('ok', `Author Domain ${only}`, only);
}
