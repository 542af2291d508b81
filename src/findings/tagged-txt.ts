/**
 * The findings every "one versioned TXT record at a fixed name" protocol raises the same way (MTA-STS
 * `_mta-sts`, TLS-RPT `_smtp._tls`): DNS trouble, no record, several records. Each protocol passes its own
 * finding factories and words; what is left for it is the one record.
 *
 * @module
 */

import type { TaggedTxt, TaggedTxtRecord } from '../dns/txt.js';
import type { Finding, FindingFactory } from './finding.js';
import type { RecordStatus } from './record-status.js';

/** How a protocol names its record, and its own finding factories. */
export interface TaggedTxtWords {
  /** The protocol's name for the record, e.g. `MTA-STS record`. */
  label: string;
  /** The version tag that marks it, e.g. `v=STSv1`. */
  version: string;
  /** What several records mean for senders, e.g. `senders apply no MTA-STS policy`. */
  severalMean: string;
  dnsError: FindingFactory;
  noRecord: FindingFactory;
  multipleRecords: FindingFactory;
}

/**
 * Turns a {@link TaggedTxt} lookup into either the one record, or the finding that explains why there is none
 * to use and the section's {@link RecordStatus} that goes with it (`dns-error`, `none` or `multiple`).
 */
export function oneTaggedRecord(
  domain: string,
  txt: TaggedTxt,
  words: TaggedTxtWords,
): { record: TaggedTxtRecord } | { status: 'dns-error' | 'none' | 'multiple'; finding: Finding } {
  const o = { domain };
  const { name } = txt;
  if (txt.status === 'dns-error') {
    const finding = words.dnsError(
      `TXT ${name} failed (${txt.kind})`,
      { name, details: { kind: txt.kind, type: 'TXT' } },
      o,
    );
    return { status: 'dns-error', finding };
  }
  if (txt.status === 'none') {
    const what = txt.kind ? words.label : `"${words.version}" record`;
    return {
      status: 'none',
      finding: words.noRecord(`${domain} publishes no ${what} at ${name}`, { name }, o),
    };
  }
  if (txt.records.length > 1) {
    const finding = words.multipleRecords(
      `${name} has ${txt.records.length} "${words.version}" records: ${words.severalMean}`,
      { name, details: { records: txt.records.map((c) => c.text) } },
      o,
    );
    return { status: 'multiple', finding };
  }
  return { record: txt.records[0]! };
}
