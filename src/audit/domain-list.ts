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

/**
 * Parses a domain list: one domain a line; `#` starts a comment (whole line or after the domain); blank lines
 * and surrounding whitespace are ignored. A line with more than one word, or a name that is not a valid domain
 * (see `normalizeName`; at least two labels) is an error. Domains are kept as written (the audit normalises them),
 * in file order, duplicates included.
 */
export function parseDomainList(text: string): { domains: ListedDomain[]; errors: ListError[] } {
  const domains: ListedDomain[] = [];
  const errors: ListError[] = [];
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
    domains.push({ domain: content, line });
  });
  return { domains, errors };
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
