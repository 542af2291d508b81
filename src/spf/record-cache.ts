/**
 * Parsed SPF records, kept by their text: check_host() evaluations over the same records (a batch, a
 * long-running verifier, the includes every sender shares) parse each record once. Bounded in entries and in
 * characters held (see {@link ParsedRecordCache}). A record's parse depends on its text alone, so entries never
 * go stale.
 *
 * @module
 */

import { ParsedRecordCache } from '../dns/parsed-records.js';
import { parseSpfRecord, type SpfParseResult } from './record.js';

/** Most records kept. */
export const RECORD_CACHE_ENTRIES = 1000;
/** Most characters of record text kept, in all (4 Mi; an SPF record is rarely over 1 KiB). */
export const RECORD_CACHE_CHARS = 4 * 1024 * 1024;

// parseSpfRecord is called through its module binding, so that a test can count the parses
const cache = new ParsedRecordCache<SpfParseResult>(
  (text) => parseSpfRecord(text),
  RECORD_CACHE_ENTRIES,
  RECORD_CACHE_CHARS,
);

/**
 * {@link parseSpfRecord} through the cache. The result is shared between evaluations: callers must not change it.
 *
 * @param text the record text (the TXT record's strings joined).
 */
export function parseSpfRecordCached(text: string): SpfParseResult {
  return cache.get(text);
}

/** How many records and characters the cache holds (for tests and benchmarks). */
export function recordCacheSize(): { entries: number; chars: number } {
  return cache.size();
}
