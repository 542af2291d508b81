/**
 * Domain lists for batch audits: the `--domains-file` format and `--shard i/n` slices.
 *
 * @module
 */

import { normalizeName } from '../dns/resolver.js';

/** One domain of a list file, with its 1-based line number. */
export interface ListedDomain {
  domain: string;
  line: number;
}

/** A line of a list file that is not a valid domain name. */
export interface ListError {
  line: number;
  text: string;
  message: string;
}

/** A line of a list file dropped because it names a domain already listed on an earlier line. */
export interface DuplicateDomain {
  line: number;
  /** The domain as written on this line. */
  text: string;
  /** The line of the first occurrence, which is kept. */
  firstLine: number;
}

/** The result of {@link parseDomainList}. */
export interface DomainList {
  /** The domains to audit, in file order, each once. */
  domains: ListedDomain[];
  errors: ListError[];
  /**
   * Lines dropped as duplicates of an earlier line (after normalisation: case, trailing dot, IDNA U-label vs
   * A-label); `duplicates.length` is how many were dropped.
   */
  duplicates: DuplicateDomain[];
}

/**
 * Parses a domain list: one domain a line; `#` starts a comment (whole line or after the domain); blank lines
 * and surrounding whitespace are ignored. A line with more than one word, or a name that is not a valid domain
 * (see `normalizeName`; at least two labels) is an error. Domains are kept as written (the audit normalises them),
 * in file order. A domain that is the same name as an earlier one once normalised (`ACME.test`, `acme.test.`,
 * `bücher.example` / `xn--bcher-kva.example`) is dropped, keeping the first, and listed in `duplicates`.
 */
export function parseDomainList(text: string): DomainList {
  const domains: ListedDomain[] = [];
  const errors: ListError[] = [];
  const duplicates: DuplicateDomain[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const hash = raw.indexOf('#');
    const content = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (content === '') return;
    const line = i + 1;
    if (/\s/.test(content)) {
      errors.push({ line, text: content, message: 'one domain a line expected' });
      return;
    }
    const name = normalizeName(content);
    if (name === null || !name.includes('.')) {
      errors.push({ line, text: content, message: 'not a valid domain name' });
      return;
    }
    const firstLine = seen.get(name);
    if (firstLine !== undefined) {
      duplicates.push({ line, text: content, firstLine });
      return;
    }
    seen.set(name, line);
    domains.push({ domain: content, line });
  });
  return { domains, errors, duplicates };
}

/**
 * Removes names that are the same domain as an earlier one once normalised (`normalizeName`: case, one trailing
 * dot, IDNA), keeping the first as written. Names that do not normalise are kept (the audit reports them).
 * @returns the names to audit, in order, and the dropped ones.
 */
export function uniqueDomains(names: readonly string[]): { domains: string[]; duplicates: string[] } {
  const seen = new Set<string>();
  const domains: string[] = [];
  const duplicates: string[] = [];
  for (const name of names) {
    const key = normalizeName(name) ?? name;
    if (seen.has(key)) duplicates.push(name);
    else {
      seen.add(key);
      domains.push(name);
    }
  }
  return { domains, duplicates };
}

/** A shard: the `index`-th (1-based) of `count` slices. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `i/n` (1 ≤ i ≤ n, both integers; as in `jest --shard` and `playwright --shard`). For a 0-based job index
 * (a Kubernetes indexed Job's `JOB_COMPLETION_INDEX`), pass `$((JOB_COMPLETION_INDEX + 1))/n`.
 * @returns the shard, or null when the text is malformed.
 */
export function parseShard(text: string): Shard | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count || count > 1_000_000) return null;
  return { index, count };
}

/**
 * The deterministic slice of `items` for `shard`: the items whose 0-based position `p` has `p % count === index - 1`
 * (round-robin, so shards differ in size by at most one even when the list is sorted by size or provider).
 * Returns the items with their positions in the full list, so shard reports can be merged back into input order.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard): Array<{ item: T; index: number }> {
  const out: Array<{ item: T; index: number }> = [];
  for (let p = shard.index - 1; p < items.length; p += shard.count) out.push({ item: items[p]!, index: p });
  return out;
}
