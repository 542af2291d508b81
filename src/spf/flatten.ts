/**
 * Flattening suggestion: rewrite an SPF policy as ip4/ip6 terms (plus the terms that cannot be resolved
 * statically) in one record or a chain of records, within a lookup budget (RFC 7208 §4.6.4) and a size per
 * record (RFC 7208 §3.4: keep answers within 512 octets); and the bookkeeping the analysis does for it
 * ({@link FlattenPlan}: which terms are kept verbatim, which cannot be flattened).
 *
 * @module
 */

import { DEFAULT_SPF_LIMITS } from './limits.js';
import type { CidrBlock } from './networks.js';
import { RECOMMENDED_RECORD_OCTETS } from './record-size.js';

/** One record of a flattened policy. */
export interface FlattenedRecord {
  /** Where to publish it (the domain, then `_spf1.<domain>`, `_spf2.<domain>`, ...). */
  name: string;
  text: string;
  /**
   * The text split into character-strings of at most 255 octets (RFC 7208 §3.3), at term boundaries: each
   * string after the first starts with the space before its first term ({@link splitTxtStrings}).
   */
  strings: string[];
  /** Length of `text` in bytes. */
  bytes: number;
  /** Set when a term longer than 255 octets had to be cut inside (the last resort): says which. */
  note?: string;
}

/** A flattening suggestion. */
export interface SpfFlattenSuggestion {
  records: FlattenedRecord[];
  /** DNS-querying terms of the flattened policy (kept terms + chain includes). */
  lookups: number;
  budget: number;
  fitsBudget: boolean;
  /** Terms kept as written because they depend on the message (macros, exists, ptr) or could not be resolved. */
  kept: string[];
  /** Always present: what flattening costs (and, when `records` is empty, why no record is suggested). */
  warning: string;
  /**
   * True when the suggested records authorize exactly the addresses the policy authorizes. False when the
   * policy has terms that depend on each message (then the kept terms decide as they do today), when the
   * current policy exceeds the DNS or void lookup limit (it returns permerror for some clients today), when
   * the suggested chain itself needs more than 10 DNS lookups, or when no record is suggested (`refused`).
   */
  exact: boolean;
  /**
   * Why no flattened record is suggested (`records` is then empty): the policy authorizes every address
   * (`+all`), or a flattened list could authorize other clients than the policy does.
   */
  refused?: string;
}

/** A term kept verbatim, with its lookup cost. */
export interface KeptTerm {
  term: string;
  cost: number;
  /**
   * True for a non-pass term whose addresses are known (placed after the networks, where it cannot take
   * addresses away from them); false for a term that depends on each message (placed before them).
   */
  after?: boolean;
}

/** A term that cannot be flattened, and why. */
export interface NotFlattenable {
  domain: string;
  term: string;
  reason: string;
}

/** The most octets of one TXT character-string (RFC 1035 §3.3.14, RFC 7208 §3.3). */
export const MAX_TXT_STRING_OCTETS = 255;

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts `text` into pieces of at most `max` UTF-8 octets, never inside a character. */
function cutOctets(text: string, max: number): string[] {
  const out: string[] = [];
  let piece = '';
  for (const ch of text) {
    if (octets(piece) + octets(ch) > max) {
      out.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '' || out.length === 0) out.push(piece);
  return out;
}

/**
 * Splits a record's text into TXT character-strings of at most {@link MAX_TXT_STRING_OCTETS} octets, only at
 * term boundaries: a string ends before the space that starts the next term (the space begins the next
 * string), so each term is whole in one string and the strings joined without separator (RFC 7208 §3.3) give
 * the text back. A single term longer than 255 octets is cut inside, as a last resort; `cutTerms` names it.
 */
export function splitTxtStrings(text: string): { strings: string[]; cutTerms: string[] } {
  const strings: string[] = [];
  const cutTerms: string[] = [];
  let current = '';
  const words = text.split(' ');
  words.forEach((word, i) => {
    const piece = i === 0 ? word : ` ${word}`;
    if (octets(current) + octets(piece) <= MAX_TXT_STRING_OCTETS) {
      current += piece;
      return;
    }
    if (current !== '') strings.push(current);
    if (octets(piece) <= MAX_TXT_STRING_OCTETS) {
      current = piece;
      return;
    }
    cutTerms.push(word);
    const parts = cutOctets(piece, MAX_TXT_STRING_OCTETS);
    strings.push(...parts.slice(0, -1));
    current = parts.at(-1) ?? '';
  });
  strings.push(current);
  return { strings, cutTerms };
}

function record(name: string, text: string): FlattenedRecord {
  const { strings, cutTerms } = splitTxtStrings(text);
  return {
    name,
    text,
    strings,
    bytes: octets(text),
    ...(cutTerms.length > 0
      ? {
          note: `${cutTerms.length === 1 ? 'a term is' : `${cutTerms.length} terms are`} longer than ${MAX_TXT_STRING_OCTETS} octets and cut inside (${cutTerms.map((t) => `"${t.slice(0, 40)}${t.length > 40 ? '...' : ''}"`).join(', ')}): receivers join the strings, so it still works, but check the record before publishing`,
        }
      : {}),
  };
}

/**
 * Builds a flattened policy for `domain`.
 *
 * @param blocks the authorized networks (minimal CIDR list)
 * @param kept terms kept verbatim, in order: those that depend on the message first, then the networks, then the
 *   non-pass terms (`after`) and `allTerm`, all in the published record; only networks overflow into the
 *   `_spfN` chain (a non-pass term or an `all` in an included record would only make the include not match,
 *   RFC 7208 §5.2). `exact` is false when the result needs more than 10 DNS lookups (RFC 7208 §4.6.4).
 * @param allTerm the final `all` term of the policy (e.g. `-all`), or undefined for none
 * @param budget the lookup budget the flattened policy must fit (at most `DEFAULT_SPF_LIMITS.maxLookups`, 10,
 *   for RFC 7208 §4.6.4)
 * @param maxBytes the size limit per record in bytes (default 450, RFC 7208 §3.4)
 * @param notes extra sentences for the warning (e.g. non-pass terms merged away)
 */
export function suggestFlatten(
  domain: string,
  blocks: readonly CidrBlock[],
  kept: readonly KeptTerm[],
  allTerm: string | undefined,
  budget: number,
  maxBytes = RECOMMENDED_RECORD_OCTETS,
  notes: readonly string[] = [],
): SpfFlattenSuggestion {
  // Every term that is not a pass-qualified network stays in the published (first) record: a non-pass term
  // or the final `all` inside an included record would only make that include not match (RFC 7208 §5.2),
  // and evaluation would go on in the first record. Only the networks overflow into the chain.
  const head = kept.filter((k) => !k.after).map((k) => k.term);
  const nets = blocks.map((b) => {
    const full = (b.version === 4 && b.prefix === 32) || (b.version === 6 && b.prefix === 128);
    return `ip${b.version}:${full ? b.cidr.slice(0, b.cidr.lastIndexOf('/')) : b.cidr}`;
  });
  const rootTail = [...kept.filter((k) => k.after).map((k) => k.term), ...(allTerm ? [allTerm] : [])];
  const records: FlattenedRecord[] = [];
  const nameOf = (i: number) => (i === 0 ? domain : `_spf${i}.${domain}`);
  let current: string[] = ['v=spf1', ...head];
  const tail = (i: number) => (i === 0 ? rootTail : []);
  const len = (parts: string[]) => new TextEncoder().encode(parts.join(' ')).length;
  for (const t of nets) {
    const i = records.length;
    const reserve = ` include:${nameOf(i + 1)}`.length + len(['', ...tail(i)]);
    if (current.length > 1 && len([...current, t]) + reserve > maxBytes) {
      current.push(`include:${nameOf(i + 1)}`, ...tail(i));
      records.push(record(nameOf(i), current.join(' ')));
      current = ['v=spf1'];
    }
    current.push(t);
  }
  if (records.length === 0) current.push(...rootTail);
  records.push(record(nameOf(records.length), current.join(' ')));
  const lookups = kept.reduce((n, k) => n + k.cost, 0) + (records.length - 1);
  const overLimit = lookups > DEFAULT_SPF_LIMITS.maxLookups;
  const cut = records.flatMap((r) => (r.note ? [`${r.name}: ${r.note}.`] : []));
  const warning = [
    'Flattening freezes the addresses of third parties (ESPs, hosted mail): when they change their networks, ' +
      'this policy goes stale and their mail starts to fail until the records are rebuilt; re-run the analysis ' +
      'regularly or automate it.',
    ...notes,
    ...cut,
    ...(overLimit
      ? [
          `The flattened policy itself needs ${lookups} DNS lookups (limit ${DEFAULT_SPF_LIMITS.maxLookups}, RFC 7208 §4.6.4): ` +
            'check_host() returns permerror for the clients that reach the limit, so it does not authorize the same clients.',
        ]
      : []),
  ].join(' ');
  return {
    records,
    lookups,
    budget,
    fitsBudget: lookups <= budget,
    kept: kept.map((k) => k.term),
    warning,
    exact: !overLimit,
  };
}

/** The part of a tree node that {@link finalAll} reads (structurally an `SpfTreeNode`). */
export interface AllChainNode {
  terms: readonly { term: string; kind: string; name: string; reached: boolean; child?: number }[];
  children: readonly AllChainNode[];
}

/** The final `all` of the policy's root chain (following redirects), for the flattened record. */
export function finalAll(node: AllChainNode | undefined): string | undefined {
  if (!node) return undefined;
  const all = node.terms.find((t) => t.kind === 'mechanism' && t.name === 'all' && t.reached);
  if (all) return all.term.replace(/^\+/, '');
  const redirect = node.terms.find(
    (t) => t.kind === 'modifier' && t.name === 'redirect' && t.child !== undefined,
  );
  return redirect?.child !== undefined ? finalAll(node.children[redirect.child]) : undefined;
}

/**
 * What the analysis of one policy collects for flattening: the terms kept verbatim (in order, with their
 * lookup cost), the terms that cannot become networks, and the non-pass terms of included records that a
 * flattened list loses.
 */
export class FlattenPlan {
  /** Terms that depend on each message, or could not be resolved, so they are not networks. */
  readonly notFlattenable: NotFlattenable[] = [];
  /** Terms kept verbatim in the flattened policy, in order. */
  readonly kept: KeptTerm[] = [];
  /** Kept terms of included records that use %{d}, which changes meaning once flattened. */
  readonly mergedNonPass: string[] = [];

  /** @param root the analyzed domain (where the flattened policy is published) */
  constructor(readonly root: string) {}

  /** Records a term that cannot become networks; kept verbatim in the flattened policy when `keep`. */
  notFlat(domain: string, term: string, reason: string, keep: boolean, cost: number): void {
    if (!keep) return;
    this.notFlattenable.push({ domain, term, reason });
    this.keep(domain, term, cost, false);
  }

  /** Keeps a term verbatim for the flattened policy (a target-less ptr, a or mx gets its domain made explicit). */
  keep(domain: string, term: string, cost: number, after = true): void {
    let t = term.replace(/^\+/, '');
    // ptr, a and mx without a domain-spec name the current domain: write it out for the root's record.
    const bare = /^([-~?]?(?:ptr|a|mx))((?:\/\d+)?(?:\/\/\d+)?)$/i.exec(t);
    if (domain !== this.root && bare) t = `${bare[1]}:${domain}${bare[2] ?? ''}`;
    if (domain !== this.root && /%\{d/i.test(t)) {
      this.mergedNonPass.push(
        `${term} (${domain}: uses %{d}, which would expand to ${this.root} once flattened)`,
      );
    }
    this.kept.push({ term: t, cost, after });
  }

  /**
   * The flattening suggestion for the analyzed policy: the kept terms that depend on each message first, then
   * the authorized networks, then the kept non-pass terms of the root chain, then the final `all`. Refused
   * (no records) when the policy authorizes every address, or when that list could authorize other clients
   * than the policy (`set.unsafe`).
   * @param set the authorized set (authorized.ts `authorizedSet`)
   * @param blocks the authorized networks (minimal CIDR list of `set.pass`)
   * @param allTerm the policy's final `all` ({@link finalAll})
   * @param budget the lookup budget (default `DEFAULT_SPF_LIMITS.maxLookups`)
   */
  suggest(
    set: { exact: boolean; unsafe: readonly string[]; dynamic: readonly string[]; everything: boolean },
    blocks: readonly CidrBlock[],
    allTerm: string | undefined,
    budget: number = DEFAULT_SPF_LIMITS.maxLookups,
  ): SpfFlattenSuggestion {
    let refused: string | undefined;
    if (set.everything) {
      refused =
        'No flattened record is suggested: the policy authorizes every IPv4 and IPv6 address (a "+all" is ' +
        'reached through a pass term), so any list of networks would silently narrow it. Remove the +all first.';
    } else if (set.unsafe.length > 0) {
      refused =
        'No flattened record is suggested: it could not authorize exactly the clients the policy authorizes, ' +
        `because ${set.unsafe.join('; ')}.`;
    }
    if (refused) {
      return {
        records: [],
        lookups: 0,
        budget,
        fitsBudget: false,
        kept: [],
        warning: refused,
        exact: false,
        refused,
      };
    }
    const notes: string[] = [];
    if (this.mergedNonPass.length > 0) {
      notes.push(
        `Kept terms of included records use %{d} (${this.mergedNonPass.join(', ')}): check them before publishing.`,
      );
    }
    if (!set.exact) {
      notes.push(
        `Terms that depend on each message are kept first (${set.dynamic.join(', ')}); the networks after them are exactly those the policy authorizes otherwise.`,
      );
    }
    const out = suggestFlatten(
      this.root,
      blocks,
      this.kept,
      allTerm,
      budget,
      RECOMMENDED_RECORD_OCTETS,
      notes,
    );
    out.exact = out.exact && set.exact;
    return out;
  }
}
