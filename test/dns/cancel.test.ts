/**
 * Cancellation through the resolver stack (QueryOptions.signal): the batch cache cancels a shared question only
 * when every asker has given up, and the limiter drops questions cancelled while they wait for a turn.
 */
import { describe, expect, it } from 'vitest';
import { cachedResolver } from '../../src/dns/cache.js';
import { limitedResolver } from '../../src/dns/limit.js';
import {
  type DnsResult,
  dnsFailure,
  type QueryOptions,
  type Resolver,
  type RRType,
} from '../../src/dns/resolver.js';

/** A resolver whose questions stay pending until released; it records the questions and their cancellations. */
function pendingResolver() {
  const asked: string[] = [];
  const cancelled: string[] = [];
  const release: Array<() => void> = [];
  const resolver: Resolver = {
    query<T extends RRType>(name: string, type: T, options: QueryOptions = {}): Promise<DnsResult<T>> {
      asked.push(name);
      return new Promise((resolve) => {
        options.signal?.addEventListener('abort', () => {
          cancelled.push(name);
          resolve(dnsFailure(name, type, 'TIMEOUT', 'ECANCELLED'));
        });
        release.push(() => resolve({ ok: true, name, type, records: ['192.0.2.1'] } as DnsResult<T>));
      });
    },
  };
  return {
    resolver,
    asked,
    cancelled,
    releaseAll: () => {
      for (const f of release.splice(0)) f();
    },
  };
}

describe('cachedResolver and cancellation', () => {
  it('an asker that gives up gets TIMEOUT; the shared question goes on for the one still waiting', async () => {
    const inner = pendingResolver();
    const cache = cachedResolver(inner.resolver);
    const a = new AbortController();
    const b = new AbortController();
    const first = cache.query('x.test', 'A', { signal: a.signal });
    const second = cache.query('x.test', 'A', { signal: b.signal });
    a.abort('domain a timed out');
    expect(await first).toMatchObject({
      ok: false,
      kind: 'TIMEOUT',
      message: 'cancelled: domain a timed out',
    });
    expect(inner.cancelled).toEqual([]);
    inner.releaseAll();
    expect(await second).toMatchObject({ ok: true, records: ['192.0.2.1'] });
    expect(inner.asked).toEqual(['x.test']);
    // the answer is kept
    expect(await cache.query('x.test', 'A')).toMatchObject({ ok: true });
    expect(cache.stats()).toMatchObject({ queries: 1, cacheHits: 2 });
  });

  it('cancels the inner question when every asker has given up, and asks afresh afterwards', async () => {
    const inner = pendingResolver();
    const cache = cachedResolver(inner.resolver);
    const a = new AbortController();
    const b = new AbortController();
    const first = cache.query('y.test', 'A', { signal: a.signal });
    const second = cache.query('y.test', 'A', { signal: b.signal });
    a.abort();
    b.abort();
    await Promise.all([first, second]);
    expect(inner.cancelled).toEqual(['y.test']);
    const third = cache.query('y.test', 'A');
    inner.releaseAll();
    expect(await third).toMatchObject({ ok: true });
    expect(inner.asked).toEqual(['y.test', 'y.test']);
  });

  it('an asker without a signal keeps the question alive', async () => {
    const inner = pendingResolver();
    const cache = cachedResolver(inner.resolver);
    const a = new AbortController();
    const first = cache.query('z.test', 'A', { signal: a.signal });
    const second = cache.query('z.test', 'A');
    a.abort();
    await first;
    expect(inner.cancelled).toEqual([]);
    inner.releaseAll();
    expect(await second).toMatchObject({ ok: true });
  });
});

describe('limitedResolver and cancellation', () => {
  it('drops a question cancelled while it waits for a turn: it is never sent', async () => {
    const inner = pendingResolver();
    const limited = limitedResolver(inner.resolver, 1);
    const running = limited.query('one.test', 'A');
    const waiter = new AbortController();
    const waiting = limited.query('two.test', 'A', { signal: waiter.signal });
    const third = limited.query('three.test', 'A');
    waiter.abort('deadline');
    expect(await waiting).toMatchObject({ ok: false, kind: 'TIMEOUT' });
    inner.releaseAll();
    expect(await running).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 0));
    inner.releaseAll();
    expect(await third).toMatchObject({ ok: true });
    expect(inner.asked).toEqual(['one.test', 'three.test']);
  });

  it('passes the signal on to the question in flight', async () => {
    const inner = pendingResolver();
    const limited = limitedResolver(inner.resolver, 4);
    const c = new AbortController();
    const q = limited.query('four.test', 'A', { signal: c.signal });
    c.abort();
    expect(await q).toMatchObject({ ok: false, kind: 'TIMEOUT' });
    expect(inner.cancelled).toEqual(['four.test']);
  });
});
