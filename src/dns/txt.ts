/**
 * The lookup every "versioned TXT record at a fixed name" protocol shares (MTA-STS `_mta-sts`, TLS-RPT
 * `_smtp._tls`, BIMI `<selector>._bimi`, ...): ask for TXT, keep the records the protocol recognises, and say
 * whether DNS trouble left the answer unknown.
 *
 * @module
 */

import {
  type DnsFailureKind,
  type DnsSource,
  isTransientFailure,
  joinTxt,
  type Resolver,
} from './resolver.js';

/** One recognised TXT record: its character-strings joined (and kept), and its zone file location if known. */
export interface TaggedTxtRecord {
  text: string;
  strings: string[];
  source?: DnsSource;
}

/**
 * The outcome of {@link queryTaggedTxt}:
 * - `dns-error`: a transient failure (TIMEOUT, SERVFAIL, REFUSED): the answer is unknown;
 * - `none`: no TXT record the protocol recognises (`kind` is the DNS failure, absent when TXT records exist
 *   but none is recognised);
 * - `found`: one or more recognised records (several is an error for most protocols: the caller decides).
 */
export type TaggedTxt =
  | { status: 'dns-error'; name: string; kind: DnsFailureKind }
  | { status: 'none'; name: string; kind?: DnsFailureKind }
  | { status: 'found'; name: string; records: TaggedTxtRecord[] };

/**
 * Asks for the TXT records at `name` and keeps those for which `isRecord(joinedText)` is true
 * (e.g. `/^v=STSv1(;|\s|$)/`). Never throws.
 */
export async function queryTaggedTxt(
  resolver: Resolver,
  name: string,
  isRecord: (text: string) => boolean,
): Promise<TaggedTxt> {
  const txt = await resolver.query(name, 'TXT');
  if (!txt.ok) {
    return isTransientFailure(txt)
      ? { status: 'dns-error', name, kind: txt.kind }
      : { status: 'none', name, kind: txt.kind };
  }
  const records: TaggedTxtRecord[] = [];
  txt.records.forEach((strings, i) => {
    const text = joinTxt(strings);
    if (!isRecord(text)) return;
    const source = txt.source?.[i];
    records.push({ text, strings, ...(source ? { source } : {}) });
  });
  return records.length > 0 ? { status: 'found', name, records } : { status: 'none', name };
}
