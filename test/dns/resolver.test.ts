import { describe, expect, it } from 'vitest';
import {
  ABSENT_FAILURES,
  type DnsFailureKind,
  dnsFailure,
  isAbsent,
  isTransientFailure,
  TRANSIENT_FAILURES,
} from '../../src/dns/resolver.js';

const KINDS: DnsFailureKind[] = ['NXDOMAIN', 'NODATA', 'BADNAME', 'TIMEOUT', 'SERVFAIL', 'REFUSED'];

describe('isAbsent and isTransientFailure', () => {
  it('say "absent" for exactly NXDOMAIN, NODATA and BADNAME, "transient" for TIMEOUT, SERVFAIL and REFUSED', () => {
    expect(KINDS.filter((k) => isAbsent(k))).toEqual(['NXDOMAIN', 'NODATA', 'BADNAME']);
    expect(KINDS.filter((k) => isTransientFailure(k))).toEqual(['TIMEOUT', 'SERVFAIL', 'REFUSED']);
    expect([...ABSENT_FAILURES].sort()).toEqual(['BADNAME', 'NODATA', 'NXDOMAIN']);
    // every kind is one or the other, never both
    for (const k of KINDS) expect(ABSENT_FAILURES.has(k) !== TRANSIENT_FAILURES.has(k), k).toBe(true);
  });

  it('take results too; an answer is neither', () => {
    expect(isAbsent(dnsFailure('x.test', 'TXT', 'NODATA'))).toBe(true);
    expect(isAbsent(dnsFailure('x.test', 'TXT', 'TIMEOUT'))).toBe(false);
    expect(isTransientFailure(dnsFailure('x.test', 'TXT', 'REFUSED'))).toBe(true);
    const answer = { ok: true as const, name: 'x.test', type: 'A' as const, records: ['192.0.2.1'] };
    expect(isAbsent(answer)).toBe(false);
    expect(isTransientFailure(answer)).toBe(false);
  });
});
