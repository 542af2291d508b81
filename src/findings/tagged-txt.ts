/**
 * The findings every "one versioned TXT record at a fixed name" protocol raises the same way (MTA-STS
 * `_mta-sts`, TLS-RPT `_smtp._tls`): DNS trouble, no record, several records. Each protocol passes its own
 * finding factories and words; what is left for it is the one record.
 *
 * @module
 */

import type { Resolver } from '../dns/resolver.js';
import { queryTaggedTxt, type TaggedTxt, type TaggedTxtRecord } from '../dns/txt.js';
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
  /** The protocol's finding factories for DNS trouble, no record and several records. */
  findings: { dnsError: FindingFactory; noRecord: FindingFactory; multipleRecords: FindingFactory };
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
    const finding = words.findings.dnsError(
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
      finding: words.findings.noRecord(`${domain} publishes no ${what} at ${name}`, { name }, o),
    };
  }
  if (txt.records.length > 1) {
    const finding = words.findings.multipleRecords(
      `${name} has ${txt.records.length} "${words.version}" records: ${words.severalMean}`,
      { name, details: { records: txt.records.map((c) => c.text) } },
      o,
    );
    return { status: 'multiple', finding };
  }
  return { record: txt.records[0]! };
}

/**
 * Reads the one record of a section at `name` ({@link queryTaggedTxt}, then {@link oneTaggedRecord}): returns it,
 * or, when there is none to use, adds the finding that says why to `section.findings`, sets `section.status`
 * (`dns-error`, `none` or `multiple`) and returns null.
 */
export async function readTaggedRecord(
  resolver: Resolver,
  name: string,
  isRecord: (text: string) => boolean,
  section: { domain: string; status: RecordStatus; findings: Finding[] },
  words: TaggedTxtWords,
): Promise<TaggedTxtRecord | null> {
  const one = oneTaggedRecord(section.domain, await queryTaggedTxt(resolver, name, isRecord), words);
  if ('record' in one) return one.record;
  section.findings.push(one.finding);
  section.status = one.status;
  return null;
}
