/**
 * Parsed SPF records, kept by their text: check_host() evaluations over the same records (a batch, a
 * long-running verifier, the includes every sender shares) parse each record once. Bounded in entries and in
 * characters held; the least recently used go first. A record's parse depends on its text alone, so entries
 * never go stale.
 *
 * @module
 */

import { parseSpfRecord, type SpfParseResult } from './record.js';

/** Most records kept. */
export const RECORD_CACHE_ENTRIES = 1000;
/** Most characters of record text kept, in all (4 Mi; an SPF record is rarely over 1 KiB). */
export const RECORD_CACHE_CHARS = 4 * 1024 * 1024;

const cache = new Map<string, SpfParseResult>();
let chars = 0;

/**
 * {@link parseSpfRecord} through the cache. The result is shared between evaluations: callers must not change it.
 *
 * @param text the record text (the TXT record's strings joined).
 */
export function parseSpfRecordCached(text: string): SpfParseResult {
  const hit = cache.get(text);
  if (hit) {
    // most recently used last
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const parsed = parseSpfRecord(text);
  if (text.length > RECORD_CACHE_CHARS) return parsed;
  cache.set(text, parsed);
  chars += text.length;
  while (cache.size > RECORD_CACHE_ENTRIES || chars > RECORD_CACHE_CHARS) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    chars -= oldest.length;
  }
  return parsed;
}

/** How many records and characters the cache holds (for tests and benchmarks). */
export function recordCacheSize(): { entries: number; chars: number } {
  return { entries: cache.size, chars };
}
