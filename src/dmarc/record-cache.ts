/**
 * Parsed DMARC records, kept by their text: policy discovery for the messages of a long-running verifier (and the
 * domains of a batch) parses each record text once. Bounded in entries and in characters held (see
 * {@link ParsedRecordCache}); a record's parse depends on its text alone, so entries never go stale.
 *
 * @module
 */

import { ParsedRecordCache } from '../dns/parsed-records.js';
import { type DmarcParseResult, parseDmarcRecord } from './record.js';

/** Most records kept. */
export const DMARC_RECORD_CACHE_ENTRIES = 1000;
/** Most characters of record text kept, in all (1 Mi; a DMARC record is rarely over 200 characters). */
export const DMARC_RECORD_CACHE_CHARS = 1024 * 1024;

// parseDmarcRecord is called through its module binding, so that a test can count the parses
const cache = new ParsedRecordCache<DmarcParseResult>(
  (text) => parseDmarcRecord(text),
  DMARC_RECORD_CACHE_ENTRIES,
  DMARC_RECORD_CACHE_CHARS,
);

/**
 * {@link parseDmarcRecord} through the cache. The result is shared: callers must not change it.
 *
 * @param text the record: a TXT record's character-strings joined.
 */
export function parseDmarcRecordCached(text: string): DmarcParseResult {
  return cache.get(text);
}

/** How many records and characters the cache holds (for tests). */
export function dmarcRecordCacheSize(): { entries: number; chars: number } {
  return cache.size();
}
