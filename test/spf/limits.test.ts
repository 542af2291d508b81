import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DnsResult, Resolver, RRType } from '../../src/dns/resolver.js';
import { checkHost } from '../../src/spf/check-host.js';
import { delay } from '../../src/spf/evaluation.js';
import { DEFAULT_SPF_LIMITS, MAX_TIMER_DELAY_MS, resolveSpfLimits } from '../../src/spf/limits.js';
import { zones } from '../support/resolvers.js';

const resolver = zones({ 'example.com': '@ TXT "v=spf1 ip4:192.0.2.0/24 -all"' });
const params = { ip: '192.0.2.1', domain: 'example.com', sender: 'a@example.com' };

/** Answers after a real 25 ms wait: far past 1 ms, far within any sane time limit. */
function slow(inner: Resolver): Resolver {
  return {
    query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      return new Promise((resolve) => setTimeout(() => resolve(inner.query(name, type)), 25));
    },
  };
}

describe('SPF limits (RFC 7208 §4.6.4)', () => {
  afterEach(() => vi.useRealTimers());

  it('defaults to the RFC values and merges given limits', () => {
    expect(resolveSpfLimits()).toEqual({
      maxLookups: 10,
      maxVoidLookups: 2,
      maxMxHosts: 10,
      maxPtrNames: 10,
      timeoutMs: 20_000,
    });
    expect(resolveSpfLimits({ maxLookups: 0, timeoutMs: 2 ** 40 })).toEqual({
      ...DEFAULT_SPF_LIMITS,
      maxLookups: 0,
      timeoutMs: 2 ** 40,
    });
    expect(resolveSpfLimits({ maxVoidLookups: undefined })).toEqual(DEFAULT_SPF_LIMITS);
  });

  it.each([
    ['timeoutMs', Number.NaN],
    ['timeoutMs', Number.POSITIVE_INFINITY],
    ['timeoutMs', 0],
    ['timeoutMs', -5],
    ['timeoutMs', 2.5],
    ['maxLookups', -1],
    ['maxLookups', Number.NaN],
    ['maxVoidLookups', 1.5],
    ['maxMxHosts', Number.NEGATIVE_INFINITY],
    ['maxPtrNames', 2 ** 60],
  ])('rejects limits.%s = %s with a RangeError', async (key, value) => {
    expect(() => resolveSpfLimits({ [key]: value })).toThrow(RangeError);
    await expect(checkHost(params, { resolver, limits: { [key]: value } })).rejects.toThrow(
      new RegExp(`limits\\.${key} must be an integer`),
    );
  });

  it('rejects a limit that is not a number, or limits that are not an object, with a TypeError', async () => {
    const bad = { maxLookups: '10' } as unknown as { maxLookups: number };
    expect(() => resolveSpfLimits(bad)).toThrow(TypeError);
    await expect(checkHost(params, { resolver, limits: bad })).rejects.toThrow(TypeError);
    expect(() => resolveSpfLimits(5 as unknown as { maxLookups: number })).toThrow(TypeError);
  });

  it("stops with temperror when the caller's signal aborts, long before its time limit", async () => {
    const never: Resolver = { query: () => new Promise(() => {}) };
    const controller = new AbortController();
    const pending = checkHost(params, {
      resolver: never,
      signal: controller.signal,
      limits: { timeoutMs: 600_000 },
    });
    setTimeout(() => controller.abort(), 20);
    const r = await pending;
    expect([r.result, r.problem]).toEqual([
      'temperror',
      "the evaluation was cancelled (the caller's signal aborted)",
    ]);
    await expect(checkHost(params, { resolver: never, signal: {} as never })).rejects.toThrow(
      new TypeError('checkHost: signal must be an AbortSignal'),
    );
  });

  it('rejects a missing resolver with a TypeError that names it (was "reading \'peek\'" of undefined)', async () => {
    await expect(
      checkHost({ ip: '192.0.2.1', domain: 'example.com', sender: 'a@example.com' }, {} as never),
    ).rejects.toThrow(
      new TypeError('checkHost: options.resolver must be a Resolver (an object with a query method)'),
    );
  });

  it('keeps a time limit above 2^31-1 ms: the answer arrives, no temperror after 1 ms', async () => {
    for (const timeoutMs of [MAX_TIMER_DELAY_MS + 1, 2 ** 40, Number.MAX_SAFE_INTEGER]) {
      const r = await checkHost(params, { resolver: slow(resolver), limits: { timeoutMs } });
      expect(r.result).toBe('pass');
      expect(r.limits.timeoutMs).toBe(timeoutMs);
    }
  });

  it('waits out a delay longer than setTimeout can take in several timers', async () => {
    vi.useFakeTimers();
    let fired = false;
    const d = delay(MAX_TIMER_DELAY_MS * 2 + 10);
    void d.promise.then(() => {
      fired = true;
    });
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS);
    expect(fired).toBe(false);
    await vi.advanceTimersByTimeAsync(MAX_TIMER_DELAY_MS);
    expect(fired).toBe(false);
    await vi.advanceTimersByTimeAsync(10);
    expect(fired).toBe(true);
    const c = delay(100);
    c.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('allows 0 for the counts: with maxLookups 0 the first DNS-querying term is permerror', async () => {
    const r = await checkHost(
      { ip: '192.0.2.1', domain: 'example.com', sender: 'a@example.com' },
      {
        resolver: zones({ 'example.com': '@ TXT "v=spf1 a -all"\n@ A 192.0.2.1' }),
        limits: { maxLookups: 0 },
      },
    );
    expect(r.result).toBe('permerror');
    expect(r.problemAt?.term).toBe('a');
  });
});
