import { describe, expect, it } from 'vitest';
import { abortableResolver } from '../../src/dns/abort.js';
import { cachedResolver } from '../../src/dns/cache.js';
import { guardedResolver } from '../../src/dns/guard.js';
import { limitedResolver } from '../../src/dns/limit.js';
import {
  ABSENT_FAILURES,
  type DnsFailureKind,
  dnsFailure,
  isAbsent,
  isTransientFailure,
  type Resolver,
  TRANSIENT_FAILURES,
  thrownFailure,
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

describe('a resolver that throws: one rule for every wrapper', () => {
  const throwing: Resolver = {
    query: () => Promise.reject(new Error('boom')),
  };
  const throwingSync: Resolver = {
    query: () => {
      throw new Error('boom');
    },
  };
  it('gives SERVFAIL "resolver error: boom" through the cache, the guard, the in-flight limit and the time limit', async () => {
    const wrappers: Array<[string, (r: Resolver) => Resolver]> = [
      ['cachedResolver', (r) => cachedResolver(r)],
      ['guardedResolver', (r) => guardedResolver(r)],
      ['limitedResolver', (r) => limitedResolver(r, 2)],
      ['abortableResolver', (r) => abortableResolver(r, new AbortController().signal)],
    ];
    for (const [name, wrap] of wrappers) {
      for (const inner of [throwing, throwingSync]) {
        const r = await wrap(inner).query('example.com', 'TXT');
        expect([name, r]).toEqual([
          name,
          { ok: false, name: 'example.com', type: 'TXT', kind: 'SERVFAIL', message: 'resolver error: boom' },
        ]);
      }
    }
    expect(thrownFailure('a.example', 'MX', 'not an Error')).toEqual({
      ok: false,
      name: 'a.example',
      type: 'MX',
      kind: 'SERVFAIL',
      message: 'resolver error: not an Error',
    });
  });
});
