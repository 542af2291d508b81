/**
 * DMARC Policy Record parser (RFC 9989 §4.7 tags, §4.8 formal definition; RFC 7489 §6.3 for the historic `pct`,
 * `rf` and `ri`): the tags with their positions, the reporting URIs, the valid values.
 *
 * The record uses the DKIM tag-list syntax (RFC 6376 §3.2). Parsing never throws: every problem is a
 * {@link Finding} pointing at the tag (`evidence.position` is an offset into the record text). The values a
 * receiver would apply (defaults, `np` falling back to `sp` then `p`, the §4.10.1 "act as p=none" rule) are
 * computed by `effectivePolicy` (effective.ts); what the record's values are worth is judged by lint.ts. The
 * split follows SPF's: record.ts parses with positions, lint.ts judges, audit.ts composes.
 *
 * @module
 */

import { normalizeName } from '../dns/resolver.js';
import type { Finding, Position } from '../findings/finding.js';
import { type DmarcEffective, effectivePolicyOf } from './effective.js';
import { DMARC_FINDINGS as F } from './findings.js';
import { lint } from './lint.js';

/** Which DMARC specification to apply: RFC 9989 (the default) or the obsoleted RFC 7489. */
export type DmarcMode = '9989' | '7489';

/**
 * A Domain Owner Assessment Policy (RFC 9989 §3.2.8; the `p`, `sp` and `np` values of §4.7): what the Domain Owner
 * asks receivers to do with mail that fails DMARC. The one definition of this value set: the disposition a receiver
 * applies ({@link DmarcDisposition}), the message verdict's policy and the policy file's minimums all use it.
 */
export type AssessmentPolicy = 'none' | 'quarantine' | 'reject';

/** Identifier alignment mode (RFC 9989 §4.7 `adkim`/`aspf`): relaxed or strict. */
export type AlignmentMode = 'r' | 's';

/** A failure reporting option (RFC 9989 §4.7 `fo`). */
export type FailureOption = '0' | '1' | 'd' | 's';

/** Tags RFC 9989 removed (Appendix C.5.2): RFC 7489 §6.3 defined them. */
export const HISTORIC_TAGS: ReadonlySet<string> = new Set(['pct', 'rf', 'ri']);

/** The tag names RFC 9989 §4.7 defines, plus the {@link HISTORIC_TAGS}. */
const KNOWN_TAGS: ReadonlySet<string> = new Set([
  ...['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf'],
  ...HISTORIC_TAGS,
]);

/** One `name=value` tag as written. Positions are offsets (UTF-16 code units) into the record text. */
export interface DmarcTag {
  /** The tag name, lower-cased. */
  name: string;
  /** The tag name as written. */
  rawName: string;
  /** The value as written, surrounding white space removed. */
  value: string;
  /** The whole tag-spec (name to end of value). */
  position: Position;
  /** The value alone. */
  valuePosition: Position;
}

/** One reporting URI from `rua` or `ruf` (RFC 9989 §4.6, §4.8 `dmarc-uri`). */
export interface DmarcUri {
  /** The URI as written, including any obsolete `!size` suffix. */
  raw: string;
  /** The URI without the size suffix. */
  uri: string;
  /** The scheme, lower-cased (`mailto`, `https`...); `''` when there is none. */
  scheme: string;
  /** For `mailto:`: the percent-decoded address. */
  address?: string;
  /** For `mailto:`: the address's domain, normalised (lower-case A-labels), when valid. */
  domain?: string;
  /** The obsolete size limit (`10m`), when present (RFC 9989 §4.8 `obs-dmarc-report-size`). */
  sizeLimit?: string;
  /** Whether the URI is syntactically valid. */
  valid: boolean;
  /** Why not, when invalid. */
  problem?: string;
  position: Position;
}

/** The tag values as published, keeping only valid ones (an invalid value is reported and left out). */
export interface DmarcPublishedTags {
  p?: AssessmentPolicy;
  sp?: AssessmentPolicy;
  np?: AssessmentPolicy;
  psd?: 'y' | 'n' | 'u';
  t?: 'y' | 'n';
  adkim?: AlignmentMode;
  aspf?: AlignmentMode;
  fo?: FailureOption[];
  rua?: DmarcUri[];
  ruf?: DmarcUri[];
  /** Historic (RFC 7489 §6.3): percentage 0..100. */
  pct?: number;
  /** Historic (RFC 7489 §6.3): failure report formats. */
  rf?: string[];
  /** Historic (RFC 7489 §6.3): aggregate report interval in seconds. */
  ri?: number;
}

/** The result of {@link parseDmarcRecord}. */
export interface DmarcParseResult {
  /** The record text (TXT character-strings joined). */
  text: string;
  /** True when the first tag is `v=DMARC1` (RFC 9989 §4.7 `v`); otherwise the record is not a DMARC record. */
  isDmarc: boolean;
  /**
   * Why the record is not a DMARC record, when `isDmarc` is false (e.g. `v=DMARC1 must be the first tag`).
   */
  notDmarcReason?: string;
  /** Every well-formed tag, in order, duplicates included. */
  tags: DmarcTag[];
  /** The valid values of the known tags (first occurrence of a duplicated tag). */
  published: DmarcPublishedTags;
  /** Names of tags present with an invalid value. */
  invalidTags: string[];
  /** The values an RFC 9989 receiver applies; `null` when the record gets no DMARC processing. */
  effective: DmarcEffective | null;
  /** Syntax problems and lint, each pointing at its tag. */
  findings: Finding[];
}

const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);
const WSP = /[ \t\r\n]/;

/** One `;`-separated segment with its offsets (whitespace trimmed). */
interface Segment {
  text: string;
  start: number;
}

function segments(text: string): Segment[] {
  const out: Segment[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === ';') {
      let s = start;
      let e = i;
      while (s < e && WSP.test(text[s]!)) s++;
      while (e > s && WSP.test(text[e - 1]!)) e--;
      if (e > s) out.push({ text: text.slice(s, e), start: s });
      start = i + 1;
    }
  }
  return out;
}

/**
 * Parses one reporting URI (RFC 9989 §4.8 `dmarc-uri` / `obs-dmarc-uri`): an RFC 3986 URI in which `,` and `!`
 * are percent-encoded, optionally followed by an obsolete `!size` suffix. For `mailto:` the address and its
 * domain are extracted.
 */
export function parseReportingUri(
  raw: string,
  position: Position = { offset: 0, length: raw.length },
): DmarcUri {
  const out: DmarcUri = { raw, uri: raw, scheme: '', valid: false, position };
  const size = /!([0-9]+[kmgt]?)$/i.exec(raw);
  if (size) {
    out.sizeLimit = size[1]!.toLowerCase();
    out.uri = raw.slice(0, size.index);
  }
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(out.uri);
  if (!m) {
    out.problem = out.uri.includes('@')
      ? 'not a URI: an address needs the "mailto:" scheme'
      : 'not a URI (no scheme)';
    return out;
  }
  out.scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (!/^(?:[A-Za-z0-9\-._~:/?#[\]@$&'()*+=]|%[0-9A-Fa-f]{2})*$/.test(rest)) {
    out.problem = /[,!]/.test(rest)
      ? '"," and "!" must be percent-encoded inside a reporting URI'
      : 'characters not allowed in a URI (white space, quotes or non-ASCII)';
    return out;
  }
  if (out.scheme === 'mailto') {
    const q = rest.indexOf('?');
    let address: string;
    try {
      address = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
    } catch {
      out.problem = 'bad percent-encoding';
      return out;
    }
    out.address = address;
    const at = address.lastIndexOf('@');
    if (at <= 0 || at === address.length - 1) {
      out.problem = 'mailto: URI without a valid address';
      return out;
    }
    const domain = normalizeName(address.slice(at + 1));
    if (domain === null || domain.startsWith('[')) {
      out.problem = `mailto: address has an invalid domain '${address.slice(at + 1)}'`;
      return out;
    }
    out.domain = domain;
  } else if (rest === '') {
    out.problem = 'empty URI after the scheme';
    return out;
  }
  out.valid = true;
  return out;
}

function parseUriList(tag: DmarcTag): DmarcUri[] {
  const uris: DmarcUri[] = [];
  const value = tag.value;
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value[i] === ',') {
      let s = start;
      let e = i;
      while (s < e && WSP.test(value[s]!)) s++;
      while (e > s && WSP.test(value[e - 1]!)) e--;
      const raw = value.slice(s, e);
      const pos = { offset: tag.valuePosition.offset + s, length: e - s };
      uris.push(
        raw === ''
          ? { ...parseReportingUri(raw, pos), problem: 'empty URI in the list' }
          : parseReportingUri(raw, pos),
      );
      start = i + 1;
    }
  }
  return uris;
}

function parseFo(value: string): FailureOption[] | null {
  const parts = value.split(':').map((p) => p.trim());
  const seen = new Set<string>();
  for (const p of parts) {
    if (!['0', '1', 'd', 's'].includes(p) || seen.has(p)) return null;
    seen.add(p);
  }
  if (seen.has('0') && seen.has('1')) return null;
  return parts as FailureOption[];
}

/**
 * Parses and lints a DMARC Policy Record.
 *
 * - The first tag must be `v=DMARC1` (`v` in any case, the value exactly `DMARC1`); otherwise
 *   `isDmarc` is false, the only finding is `dmarc.not-dmarc-record`, and `effective` is null.
 * - Tag names are compared case-insensitively (a non-lower-case name is an info finding); unknown tags are
 *   ignored (info); a duplicated tag is an error and only its first occurrence is used.
 * - Invalid values are errors and fall back to the defaults (RFC 9989 §4.8), except that an invalid or
 *   missing `p` (or an invalid `sp`/`np`) makes the record act as `p=none` when `rua` has a valid URI and
 *   otherwise gives no DMARC processing at all (RFC 9989 §4.10.1).
 * - Lint: `p=none`, weaker `sp`/`np`, `t=y`, historic `pct`/`rf`/`ri`, no `rua`, more than two URIs,
 *   non-mailto and obsolete size-limited URIs, `fo` without `ruf`, `psd=y`.
 *
 * Never throws. Findings carry `evidence.record`, `evidence.term` and `evidence.position`; callers add `name`.
 *
 * @param text the record: a TXT record's character-strings joined (RFC 9989 §4.5).
 */
export function parseDmarcRecord(text: string): DmarcParseResult {
  const findings: Finding[] = [];
  const tags: DmarcTag[] = [];
  const published: DmarcPublishedTags = {};
  const invalidTags: string[] = [];
  const ev = (term: string, position: Position) => ({ record: text, term, position });

  const segs = segments(text);
  for (const seg of segs) {
    const eq = seg.text.indexOf('=');
    const position = { offset: seg.start, length: seg.text.length };
    if (eq < 0) {
      findings.push(F.syntax(`'${seg.text}' is not a name=value tag; it is ignored`, ev(seg.text, position)));
      continue;
    }
    const rawName = seg.text.slice(0, eq).trim();
    const afterEq = seg.text.slice(eq + 1);
    const lead = afterEq.length - afterEq.trimStart().length;
    const value = afterEq.trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(rawName)) {
      findings.push(
        F.syntax(`'${rawName}' is not a valid tag name; the tag is ignored`, ev(seg.text, position)),
      );
      continue;
    }
    tags.push({
      name: rawName.toLowerCase(),
      rawName,
      value,
      position,
      valuePosition: { offset: seg.start + eq + 1 + lead, length: value.length },
    });
  }

  const first = tags[0];
  const firstSeg = segs[0];
  const isDmarc =
    first !== undefined &&
    firstSeg !== undefined &&
    first.position.offset === firstSeg.start &&
    first.name === 'v' &&
    first.value === 'DMARC1';
  if (!isDmarc) {
    let why = 'the record does not start with v=DMARC1';
    if (
      first?.name === 'v' &&
      first.position.offset === firstSeg?.start &&
      first.value.toUpperCase() === 'DMARC1'
    ) {
      why = `the version value '${first.value}' must be exactly 'DMARC1' (case-sensitive)`;
    } else if (tags.some((t) => t.name === 'v' && t.value === 'DMARC1')) {
      why = 'v=DMARC1 must be the first tag';
    } else {
      const at = text.search(/v\s*=\s*DMARC1/i);
      const junk = at > 0 ? text.slice(0, at).trim() : '';
      if (junk !== '') {
        const shown = junk.length > 40 ? `${junk.slice(0, 40)}...` : junk;
        why = `the text '${shown}' comes before v=DMARC1, which must be the first tag`;
      }
    }
    findings.splice(
      0,
      findings.length,
      F.notDmarcRecord(
        `Not a DMARC record: ${why}; receivers ignore it`,
        ev(text, { offset: 0, length: text.length }),
      ),
    );
    return {
      text,
      isDmarc: false,
      notDmarcReason: why,
      tags,
      published,
      invalidTags,
      effective: null,
      findings,
    };
  }

  const seen = new Map<string, DmarcTag>();
  const invalid = (tag: DmarcTag, expected: string) => {
    invalidTags.push(tag.name);
    findings.push(
      F.invalidValue(
        `${tag.name}=${tag.value} is not valid (${expected}); the tag is ignored`,
        ev(`${tag.rawName}=${tag.value}`, tag.position),
      ),
    );
  };

  for (const tag of tags.slice(1)) {
    const term = `${tag.rawName}=${tag.value}`;
    if (tag.rawName !== tag.name && KNOWN_TAGS.has(tag.name)) {
      findings.push(
        F.tagCase(`Tag name '${tag.rawName}' should be written '${tag.name}'`, ev(term, tag.position)),
      );
    }
    if (!KNOWN_TAGS.has(tag.name)) {
      findings.push(F.unknownTag(`Unknown tag '${tag.rawName}' is ignored`, ev(term, tag.position)));
      continue;
    }
    const prev = seen.get(tag.name);
    if (prev || tag.name === 'v') {
      findings.push(
        F.duplicateTag(
          `Tag '${tag.name}' appears more than once; this parser uses the first (${prev ? `${prev.name}=${prev.value}` : 'v=DMARC1'}), RFC 6376 §3.2 makes the record invalid`,
          ev(term, tag.position),
        ),
      );
      continue;
    }
    seen.set(tag.name, tag);
    const v = tag.value.toLowerCase();
    if (tag.value === '') {
      invalid(tag, 'empty value');
      continue;
    }
    switch (tag.name) {
      case 'p':
      case 'sp':
      case 'np':
        if (POLICIES.has(v)) published[tag.name] = v as AssessmentPolicy;
        else invalid(tag, 'expected none, quarantine or reject');
        break;
      case 'adkim':
      case 'aspf':
        if (v === 'r' || v === 's') published[tag.name] = v;
        else invalid(tag, 'expected r or s');
        break;
      case 'psd':
        if (v === 'y' || v === 'n' || v === 'u') published.psd = v;
        else invalid(tag, 'expected y, n or u');
        break;
      case 't':
        if (v === 'y' || v === 'n') published.t = v;
        else invalid(tag, 'expected y or n');
        break;
      case 'fo': {
        const fo = parseFo(v);
        if (fo) published.fo = fo;
        else invalid(tag, 'expected 0, 1, d, s separated by ":", with 0 and 1 not both');
        break;
      }
      case 'pct':
        if (/^[0-9]{1,3}$/.test(v) && Number(v) <= 100) published.pct = Number(v);
        else invalid(tag, 'expected an integer from 0 to 100');
        break;
      case 'ri':
        if (/^[0-9]{1,10}$/.test(v) && Number(v) <= 0xffffffff) published.ri = Number(v);
        else invalid(tag, 'expected an integer number of seconds');
        break;
      case 'rf':
        if (/^[a-z][a-z0-9-]*(?:\s*:\s*[a-z][a-z0-9-]*)*$/.test(v))
          published.rf = v.split(':').map((s) => s.trim());
        else invalid(tag, 'expected a colon-separated list of report formats such as afrf');
        break;
      case 'rua':
      case 'ruf': {
        const uris = parseUriList(tag);
        for (const u of uris) {
          const uev = ev(u.raw, u.position);
          if (!u.valid) {
            findings.push(
              F.invalidUri(`${tag.name}: '${u.raw}' is not a valid reporting URI: ${u.problem}`, uev),
            );
            continue;
          }
          if (u.scheme !== 'mailto') {
            findings.push(
              F.uriScheme(`${tag.name}: '${u.uri}' uses ${u.scheme}:, which receivers need not support`, uev),
            );
          }
          if (u.sizeLimit) {
            findings.push(
              F.uriSizeLimit(`${tag.name}: '${u.raw}' carries an obsolete size limit !${u.sizeLimit}`, uev),
            );
          }
        }
        if (uris.some((u) => u.valid)) published[tag.name] = uris.filter((u) => u.valid);
        else invalidTags.push(tag.name);
        if (uris.length > 2) {
          findings.push(
            F.tooManyUris(
              `${tag.name} lists ${uris.length} URIs; RFC 7489 receivers need only send to two`,
              ev(`${tag.rawName}=${tag.value}`, tag.position),
            ),
          );
        }
        break;
      }
    }
  }

  const effective = effectivePolicyOf(published, invalidTags, '9989');
  lint(text, seen, published, invalidTags, effective, findings);
  return { text, isDmarc: true, tags, published, invalidTags, effective, findings };
}
