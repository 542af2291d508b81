/**
 * Parsed DNS record texts kept by their text, for records whose parse depends on the text alone (SPF, DMARC):
 * evaluations over the same records (a batch, a long-running verifier, the includes every sender shares) parse
 * each text once. Bounded in entries and in characters held. A hit only marks its entry as used; when the cache is
 * full, the oldest entries go first unless they were used since they were inserted or last spared (second-chance
 * eviction: the cost of a hit is one map lookup, with no reordering). Entries never go stale: the text is the
 * key, so a changed record is another entry (DNS TTLs bound the answers, not their parses).
 *
 * @module
 */

interface Entry<T> {
  parsed: T;
  /** Used since it was inserted or last spared. */
  used: boolean;
}

/** A bounded cache of `parse(text)` by `text`; see the module documentation. */
export class ParsedRecordCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private chars = 0;

  /**
   * @param parse the parser (must depend on the text alone; its results are shared, so callers must not change them).
   * @param maxEntries most entries kept (≥ 1).
   * @param maxChars most characters of text kept, in all; a longer text is parsed without being kept.
   */
  constructor(
    private readonly parse: (text: string) => T,
    readonly maxEntries: number,
    readonly maxChars: number,
  ) {}

  /** `parse(text)`, from the cache when the text was parsed before. */
  get(text: string): T {
    const hit = this.entries.get(text);
    if (hit) {
      hit.used = true;
      return hit.parsed;
    }
    const parsed = this.parse(text);
    if (text.length > this.maxChars) return parsed;
    this.entries.set(text, { parsed, used: false });
    this.chars += text.length;
    this.evict();
    return parsed;
  }

  /** How many texts and characters are held. */
  size(): { entries: number; chars: number } {
    return { entries: this.entries.size, chars: this.chars };
  }

  /** Forgets every entry. */
  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  private evict(): void {
    // each entry is spared at most once per pass, so this ends within two passes over the entries
    while (this.entries.size > this.maxEntries || this.chars > this.maxChars) {
      const [text, entry] = this.entries.entries().next().value as [string, Entry<T>];
      this.entries.delete(text);
      if (entry.used) {
        entry.used = false;
        this.entries.set(text, entry);
      } else {
        this.chars -= text.length;
      }
    }
  }
}
