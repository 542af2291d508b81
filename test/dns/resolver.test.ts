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

describe('a resolver that answers malformed data: SERVFAIL, never "no record", never a crash', () => {
  // Found by a library-user trial: an answer of undefined crashed the host process through an unhandled
  // rejection in the cache; TXT records as plain strings threw a TypeError from verifyMessage and auditDomain;
  // an unknown failure kind ('timeout') read as "no SPF record".
  const answering = (answer: (name: string, type: string) => unknown): Resolver => ({
    query: (async (name: string, type: string) => answer(name, type)) as Resolver['query'],
  });
  const cases: Array<[string, Resolver, string]> = [
    ['undefined', answering(() => undefined), 'resolver error: answered undefined, not a DnsResult'],
    [
      'ok without records',
      answering(() => ({ ok: true })),
      'resolver error: answered ok without a records list',
    ],
    [
      'TXT as plain strings',
      answering((name, type) => ({ ok: true, name, type, records: ['v=spf1 -all'] })),
      'resolver error: answered TXT record data of another shape (see RecordDataMap)',
    ],
    [
      'an unknown failure kind',
      answering((name, type) => ({ ok: false, name, type, kind: 'timeout', message: 'x' })),
      'resolver error: answered an unknown failure kind "timeout"',
    ],
  ];
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);

  it('gives SERVFAIL through every wrapper, with what was wrong', async () => {
    for (const [label, inner, message] of cases) {
      for (const wrap of [cachedResolver, guardedResolver, (r: Resolver) => limitedResolver(r, 2)]) {
        expect([label, await wrap(inner).query('example.com', 'TXT')]).toEqual([
          label,
          { ok: false, name: 'example.com', type: 'TXT', kind: 'SERVFAIL', message },
        ]);
      }
    }
  });

  it('makes checkHost temperror, verifyMessage temperror and the audit a dns-error, with no unhandled rejection', async () => {
    const { checkHost } = await import('../../src/spf/check-host.js');
    const { verifyMessage } = await import('../../src/message/verify.js');
    const { auditDomain, auditDomains } = await import('../../src/index.js');
    process.on('unhandledRejection', onRejection);
    try {
      for (const [label, resolver] of cases) {
        const spf = await checkHost(
          { ip: '192.0.2.1', domain: 'example.com', sender: 'a@example.com' },
          { resolver },
        );
        expect([label, spf.result]).toEqual([label, 'temperror']);
        const msg = Buffer.from(
          'DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; c=relaxed/relaxed; h=from; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA\r\nFrom: a@example.com\r\n\r\nbody\r\n',
        );
        const m = await verifyMessage(msg, { resolver, ip: '192.0.2.1', mailFrom: 'a@example.com' });
        expect([label, m.spf.result, m.dkim.map((s) => s.result), m.dmarc.result]).toEqual([
          label,
          'temperror',
          ['temperror'],
          'temperror',
        ]);
        const report = await auditDomain('example.com', { resolver, selectors: ['s1'] });
        const ids = report.findings.map((f) => f.id);
        expect([label, ids.includes('spf.dns-error'), ids.includes('dmarc.dns-error')]).toEqual([
          label,
          true,
          true,
        ]);
        expect(ids.filter((id) => id.endsWith('.no-record'))).toEqual([]);
        const [entry] = (await auditDomains(['example.com'], { resolver })).entries;
        expect([label, entry?.report?.findings.some((f) => f.id === 'spf.dns-error')]).toEqual([label, true]);
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
