/**
 * Adapts a mailgate {@link Resolver} to the resolver callback mailauth expects (`resolver(name, rrtype)` in the
 * shape of `node:dns/promises`), and remembers every failure so our code can map it per RFC (a TIMEOUT is a
 * temperror, never "no key").
 *
 * @module
 */

import type { DnsFailure, DnsResult, MxData, Resolver, RRType } from './resolver.js';

/** The callback mailauth calls: answers like `node:dns/promises`, throws errors with a node-style `code`. */
export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown[]>;

/** Node's error codes for each {@link DnsFailure} kind, as mailauth expects them. */
export const NODE_DNS_CODES: Readonly<Record<DnsFailure['kind'], string>> = {
  NXDOMAIN: 'ENOTFOUND',
  NODATA: 'ENODATA',
  TIMEOUT: 'ETIMEOUT',
  SERVFAIL: 'ESERVFAIL',
  REFUSED: 'EREFUSED',
  BADNAME: 'EBADNAME',
};

/** An error in node's `dns` style: `code` is one of {@link NODE_DNS_CODES}. */
export class NodeDnsError extends Error {
  readonly code: string;
  readonly hostname: string;
  readonly failure: DnsFailure;
  constructor(failure: DnsFailure) {
    super(`query${failure.type} ${NODE_DNS_CODES[failure.kind]} ${failure.name}`);
    this.name = 'NodeDnsError';
    this.code = NODE_DNS_CODES[failure.kind];
    this.hostname = failure.name;
    this.failure = failure;
  }
}

/** A {@link MailauthResolver} that also remembers what it was asked and answered. */
export interface RecordingMailauthResolver extends MailauthResolver {
  /** The last result for a name (lower-case, no trailing dot) and type, when it was asked. */
  resultFor(name: string, type: RRType): DnsResult | undefined;
  /** Every question asked, in order. */
  readonly log: DnsResult[];
}

const SUPPORTED: ReadonlySet<string> = new Set(['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS']);

function key(name: string, type: string): string {
  return `${name.toLowerCase().replace(/\.$/, '')}\u0000${type}`;
}

/**
 * Wraps `resolver` for mailauth. Answers are node-shaped: TXT `string[][]` (character-strings kept), MX
 * `{ exchange, priority }[]`, others `string[]`. Failures throw a {@link NodeDnsError} with `code`
 * ENOTFOUND / ENODATA / ETIMEOUT / ESERVFAIL / EREFUSED / EBADNAME. Unsupported types throw ENOTIMP.
 */
export function toMailauthResolver(resolver: Resolver): RecordingMailauthResolver {
  const results = new Map<string, DnsResult>();
  const log: DnsResult[] = [];
  const fn = async (name: string, rrtype: string): Promise<unknown[]> => {
    const type = String(rrtype).toUpperCase();
    if (!SUPPORTED.has(type)) {
      const err = new Error(`query${type} ENOTIMP ${name}`) as Error & { code: string };
      err.code = 'ENOTIMP';
      throw err;
    }
    const res = await resolver.query(String(name), type as RRType);
    results.set(key(String(name), type), res);
    log.push(res);
    if (!res.ok) throw new NodeDnsError(res);
    if (type === 'MX') {
      return (res.records as MxData[]).map((mx) => ({ exchange: mx.exchange, priority: mx.priority }));
    }
    if (type === 'TXT') return (res.records as string[][]).map((strings) => [...strings]);
    return [...(res.records as string[])];
  };
  const recording = fn as RecordingMailauthResolver;
  Object.defineProperty(recording, 'log', { value: log });
  recording.resultFor = (name, type) => results.get(key(name, type));
  return recording;
}
