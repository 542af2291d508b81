/**
 * Flattening suggestion: rewrite an SPF policy as ip4/ip6 terms (plus the terms that cannot be resolved
 * statically) in one record or a chain of records, within a lookup budget (RFC 7208 §4.6.4) and a size per
 * record (RFC 7208 §3.4: keep answers within 512 octets).
 *
 * @module
 */

import type { CidrBlock } from './networks.js';

/** One record of a flattened policy. */
export interface FlattenedRecord {
  /** Where to publish it (the domain, then `_spf1.<domain>`, `_spf2.<domain>`, ...). */
  name: string;
  text: string;
  /** The text split into character-strings of at most 255 octets (RFC 7208 §3.3). */
  strings: string[];
  /** Length of `text` in bytes. */
  bytes: number;
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
  /** Always present: what flattening costs. */
  warning: string;
}

/** A term kept verbatim, with its lookup cost. */
export interface KeptTerm {
  term: string;
  cost: number;
}

function splitStrings(text: string): string[] {
  const out: string[] = [];
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += 255) out.push(new TextDecoder().decode(bytes.slice(i, i + 255)));
  return out.length ? out : [''];
}

function record(name: string, text: string): FlattenedRecord {
  return { name, text, strings: splitStrings(text), bytes: new TextEncoder().encode(text).length };
}

/**
 * Builds a flattened policy for `domain`.
 *
 * @param blocks the authorized networks (minimal CIDR list)
 * @param kept terms kept verbatim, in order (placed before the networks)
 * @param allTerm the final `all` term of the policy (e.g. `-all`), or undefined for none
 * @param budget the lookup budget the flattened policy must fit (at most 10 for RFC 7208)
 * @param maxBytes the size limit per record in bytes (default 450, RFC 7208 §3.4)
 * @param notes extra sentences for the warning (e.g. non-pass terms merged away)
 */
export function suggestFlatten(
  domain: string,
  blocks: readonly CidrBlock[],
  kept: readonly KeptTerm[],
  allTerm: string | undefined,
  budget: number,
  maxBytes = 450,
  notes: readonly string[] = [],
): SpfFlattenSuggestion {
  const terms = [
    ...kept.map((k) => k.term),
    ...blocks.map((b) => {
      const full = (b.version === 4 && b.prefix === 32) || (b.version === 6 && b.prefix === 128);
      return `ip${b.version}:${full ? b.cidr.slice(0, b.cidr.lastIndexOf('/')) : b.cidr}`;
    }),
  ];
  const records: FlattenedRecord[] = [];
  const nameOf = (i: number) => (i === 0 ? domain : `_spf${i}.${domain}`);
  let current: string[] = ['v=spf1'];
  const tail = (i: number) => (i === 0 && allTerm ? ` ${allTerm}` : '');
  const len = (parts: string[]) => new TextEncoder().encode(parts.join(' ')).length;
  for (const t of terms) {
    const i = records.length;
    const reserve = ` include:${nameOf(i + 1)}`.length + tail(i).length;
    if (current.length > 1 && len([...current, t]) + reserve > maxBytes) {
      current.push(`include:${nameOf(i + 1)}`);
      if (i === 0 && allTerm) current.push(allTerm);
      records.push(record(nameOf(i), current.join(' ')));
      current = ['v=spf1'];
    }
    current.push(t);
  }
  if (records.length === 0 && allTerm) current.push(allTerm);
  records.push(record(nameOf(records.length), current.join(' ')));
  const lookups = kept.reduce((n, k) => n + k.cost, 0) + (records.length - 1);
  const warning = [
    'Flattening freezes the addresses of third parties (ESPs, hosted mail): when they change their networks, ' +
      'this policy goes stale and their mail starts to fail until the records are rebuilt; re-run the analysis ' +
      'regularly or automate it.',
    ...notes,
  ].join(' ');
  return {
    records,
    lookups,
    budget,
    fitsBudget: lookups <= budget,
    kept: kept.map((k) => k.term),
    warning,
  };
}
