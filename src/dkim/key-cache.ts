/**
 * A bounded cache of DKIM key lookups (RFC 6376 §3.6.2): the TXT answer at `<selector>._domainkey.<domain>`,
 * its first record parsed once and its public key made into one node:crypto KeyObject, shared by every message
 * verified with the same resolver (a batch, a long-running process) and by DKIM-Signatures, ARC-Message-Signatures
 * and ARC-Seals that name the same key.
 *
 * - Bounded in entries ({@link DkimKeyCacheOptions.maxEntries}, least recently used evicted, by CLOCK) and in age: an
 *   answer is kept {@link DkimKeyCacheOptions.maxAgeMs} at most, less when the resolver gives its TTL
 *   ({@link DnsAnswer.ttl}).
 * - Negative caching in the spirit of RFC 2308: NXDOMAIN, NODATA and BADNAME are kept
 *   {@link DkimKeyCacheOptions.negativeTtlMs}, so a flood of messages naming a missing selector asks DNS once a
 *   minute, not once a message.
 * - Transient failures (TIMEOUT, SERVFAIL, REFUSED) are kept only {@link DkimKeyCacheOptions.transientTtlMs}
 *   (RFC 2308 §7), and as what they are: they give `temperror`, never "no key".
 * - Concurrent lookups of one name share one DNS question.
 *
 * @module
 */

import type { KeyObject } from 'node:crypto';
import type { Deadline } from '../dns/deadline.js';
import {
  type DnsResult,
  isTransientFailure,
  joinTxt,
  normalizeName,
  queryOrServfail,
  type Resolver,
} from '../dns/resolver.js';
import { type DkimKeyRecord, readDkimKeyRecord } from './record.js';

/** What a key lookup found. */
export interface DkimKeyLookup {
  /** The name asked (lower-case, no trailing dot). */
  name: string;
  /** The DNS answer or failure. */
  result: DnsResult<'TXT'>;
  /** The first TXT record's text (strings joined), when there is an answer. */
  text?: string;
  /** The first TXT record, parsed. */
  record?: DkimKeyRecord;
  /** Its public key, when the record holds a usable one. */
  publicKey?: KeyObject;
}

/** Limits of a {@link DkimKeyCache}. Times in milliseconds. */
export interface DkimKeyCacheOptions {
  /** Most entries kept (default 10,000); the least recently used go first (CLOCK). */
  maxEntries?: number;
  /** Longest an answer is kept, in ms (default 3,600,000: one hour); a shorter DNS TTL wins. */
  maxAgeMs?: number;
  /** How long NXDOMAIN, NODATA and BADNAME are kept, in ms (default 60,000). */
  negativeTtlMs?: number;
  /** How long TIMEOUT, SERVFAIL and REFUSED are kept, in ms (default 5,000; 0 keeps none). */
  transientTtlMs?: number;
  /** The clock (default `Date.now`), in ms. */
  now?: () => number;
}

/** Counters of a {@link DkimKeyCache}. */
export interface DkimKeyCacheStats {
  /** Lookups answered from the cache (including ones that joined a question in flight). */
  hits: number;
  /** Lookups that asked DNS. */
  misses: number;
  /** Entries held now. */
  entries: number;
  /** Entries evicted because the cache was full. */
  evicted: number;
}

interface Entry {
  expires: number;
  value?: DkimKeyLookup;
  pending?: Promise<DkimKeyLookup> | undefined;
  /** Used since it was inserted or given its second chance (CLOCK eviction). */
  used: boolean;
}

/** The defaults of {@link DkimKeyCacheOptions}. */
export const DEFAULT_KEY_CACHE: Readonly<Required<Omit<DkimKeyCacheOptions, 'now'>>> = Object.freeze({
  maxEntries: 10_000,
  maxAgeMs: 3_600_000,
  negativeTtlMs: 60_000,
  transientTtlMs: 5_000,
});

/** The cache; see the module documentation. */
export class DkimKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly options: Required<Omit<DkimKeyCacheOptions, 'now'>>;
  private readonly now: () => number;
  private readonly counters = { hits: 0, misses: 0, evicted: 0 };

  /** @throws RangeError when a limit is negative or not a number. */
  constructor(options: DkimKeyCacheOptions = {}) {
    this.options = { ...DEFAULT_KEY_CACHE };
    for (const k of ['maxEntries', 'maxAgeMs', 'negativeTtlMs', 'transientTtlMs'] as const) {
      const v = options[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || Number.isNaN(v) || v < 0)
        throw new RangeError(`${k} must be a number >= 0`);
      this.options[k] = v;
    }
    this.now = options.now ?? Date.now;
  }

  /**
   * The key record at `name`, from the cache or asked of `resolver`.
   *
   * @param name `<selector>._domainkey.<domain>`.
   * @param resolver asked when the name is not cached (its failures are values; one that throws is SERVFAIL).
   */
  lookup(name: string, resolver: Resolver): Promise<DkimKeyLookup> {
    const key = cacheKey(name);
    const hit = this.entries.get(key);
    if (hit && (hit.pending || hit.expires > this.now())) {
      this.counters.hits++;
      hit.used = true;
      return hit.pending ?? Promise.resolve(hit.value as DkimKeyLookup);
    }
    this.counters.misses++;
    const entry: Entry = { expires: Number.POSITIVE_INFINITY, used: false };
    const pending = fetchKey(key, resolver).then((value) => {
      entry.pending = undefined;
      entry.value = value;
      entry.expires = this.now() + this.keepFor(value.result);
      if (entry.expires <= this.now() && this.entries.get(key) === entry) this.entries.delete(key);
      return value;
    });
    entry.pending = pending;
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict();
    return pending;
  }

  /**
   * The cached lookup of `name` when one is held and fresh (counted as a hit), without waiting; undefined when
   * DNS has to be asked (use {@link lookup}).
   */
  hit(name: string): DkimKeyLookup | undefined {
    const entry = this.entries.get(cacheKey(name));
    if (!entry?.value || entry.expires <= this.now()) return undefined;
    this.counters.hits++;
    entry.used = true;
    return entry.value;
  }

  /** The cached lookup of `name` when one is held and fresh, without asking DNS (nor counting a hit). */
  peek(name: string): DkimKeyLookup | undefined {
    const hit = this.entries.get(cacheKey(name));
    return hit?.value && hit.expires > this.now() ? hit.value : undefined;
  }

  private keepFor(result: DnsResult<'TXT'>): number {
    const o = this.options;
    if (result.ok) return Math.min(o.maxAgeMs, result.ttl === undefined ? o.maxAgeMs : result.ttl * 1000);
    if (isTransientFailure(result)) return o.transientTtlMs;
    return o.negativeTtlMs;
  }

  /**
   * Keeps at most `maxEntries` (CLOCK, an approximation of least recently used that changes nothing on a hit): the
   * oldest entry goes, unless it was used since it came in or since its last second chance, then it moves to the
   * back with its mark cleared.
   */
  private evict(): void {
    let chances = this.entries.size;
    while (this.entries.size > this.options.maxEntries) {
      const [oldest, entry] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(oldest);
      if (entry.used && chances-- > 0) {
        entry.used = false;
        this.entries.set(oldest, entry);
        continue;
      }
      this.counters.evicted++;
    }
  }

  /** The counters. */
  stats(): DkimKeyCacheStats {
    return { ...this.counters, entries: this.entries.size };
  }

  /** Forgets every entry (counters are kept). */
  clear(): void {
    this.entries.clear();
  }
}

const PLAIN_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/;

/** The cache key of a name: itself when it is already a plain lower-case name, else {@link normalizeName}. */
function cacheKey(name: string): string {
  if (PLAIN_NAME.test(name)) return name;
  return normalizeName(name) ?? name.toLowerCase();
}

async function fetchKey(name: string, resolver: Resolver): Promise<DkimKeyLookup> {
  // a resolver must not throw; if one does, the lookup failed for now (SERVFAIL)
  const result: DnsResult<'TXT'> = await queryOrServfail(resolver, name, 'TXT');
  if (!result.ok) return { name, result };
  const text = joinTxt(result.records[0] ?? []);
  const read = readDkimKeyRecord(text);
  const out: DkimKeyLookup = { name, result, text, record: read.record };
  if (read.publicKey) out.publicKey = read.publicKey;
  return out;
}

const shared = new WeakMap<Resolver, DkimKeyCache>();

/**
 * The key cache shared by every verification that uses `resolver` (created on first use with the defaults).
 * Keyed by the resolver object, so resolvers that answer differently never share keys.
 */
export function sharedKeyCache(resolver: Resolver): DkimKeyCache {
  let cache = shared.get(resolver);
  if (!cache) {
    cache = new DkimKeyCache();
    shared.set(resolver, cache);
  }
  return cache;
}

/**
 * Looks up a key through the cache, within the time limit: when it passes first, the lookup is a TIMEOUT
 * (a temperror), and nothing is cached for it.
 */
export function lookupKey(
  name: string,
  options: { keyCache: DkimKeyCache; resolver: Resolver; deadline?: Deadline },
): Promise<DkimKeyLookup> {
  const deadline = options.deadline;
  if (!deadline) return options.keyCache.lookup(name, options.resolver);
  const timedOut = (): DkimKeyLookup => ({ name, result: deadline.failure(name, 'TXT') });
  if (deadline.passed) {
    // past the limit, a key already known is used, and no question is asked
    const known = options.keyCache.peek(name);
    return Promise.resolve(known ?? timedOut());
  }
  return deadline.race(options.keyCache.lookup(name, options.resolver), timedOut);
}
