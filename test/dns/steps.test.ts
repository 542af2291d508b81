/**
 * The DNS steps runner (src/dns/steps.ts): held answers at once and synchronously, other questions through the
 * resolver with the resolver contract's failure semantics, every question logged in order, waits for other runs.
 */

import { describe, expect, it } from 'vitest';
import { cachedResolver } from '../../src/dns/cache.js';
import { Deadline } from '../../src/dns/deadline.js';
import type { DnsResult, Resolver } from '../../src/dns/resolver.js';
import { DnsStepRunner, type DnsSteps, waitFor } from '../../src/dns/steps.js';
import { down, recording, zones } from '../support/resolvers.js';

const ZONE = zones({ 'example.com': '@ IN A 192.0.2.1\nwww IN TXT "hello"\n' });

/** Asks A example.com, then TXT www.example.com; gives the two answers. */
function* twoQuestions(runner: DnsStepRunner): DnsSteps<[DnsResult<'A'>, DnsResult<'TXT'>]> {
  const a = runner.held('example.com', 'A') ?? (yield* runner.ask('example.com', 'A'));
  const t = yield* runner.query('www.example.com', 'TXT');
  return [a, t];
}

describe('DnsStepRunner', () => {
  it('asks the resolver for what it does not hold: a promise, and every question logged in order', async () => {
    const inner = recording(ZONE);
    const log: string[] = [];
    const runner = new DnsStepRunner(inner, log);
    const run = runner.run(twoQuestions(runner));
    expect(run).toBeInstanceOf(Promise);
    const [a, t] = await run;
    expect(a).toMatchObject({ ok: true, records: ['192.0.2.1'] });
    expect(t).toMatchObject({ ok: true, records: [['hello']] });
    expect(inner.asked).toEqual(['example.com/A', 'www.example.com/TXT']);
    expect(log).toEqual(['A example.com', 'TXT www.example.com']);
  });

  it('takes held answers at once: no promise, the resolver is not asked again, the questions still logged', async () => {
    const inner = recording(ZONE);
    const cache = cachedResolver(inner);
    await cache.query('example.com', 'A');
    await cache.query('www.example.com', 'TXT');
    const log: string[] = [];
    const runner = new DnsStepRunner(cache, log);
    const r = runner.run(twoQuestions(runner));
    expect(r).not.toBeInstanceOf(Promise);
    const [a, t] = r as [DnsResult<'A'>, DnsResult<'TXT'>];
    expect(a).toMatchObject({ ok: true, records: ['192.0.2.1'] });
    expect(t).toMatchObject({ ok: true, records: [['hello']] });
    expect(inner.asked).toEqual(['example.com/A', 'www.example.com/TXT']);
    expect(log).toEqual(['A example.com', 'TXT www.example.com']);
    expect(cache.stats()).toMatchObject({ queries: 2, cacheHits: 2 });
  });

  it('a resolver that throws or rejects gives SERVFAIL; a peek that throws is "not held"', async () => {
    const throwing: Resolver = {
      query: () => {
        throw new Error('boom');
      },
    };
    const rejecting: Resolver = { query: () => Promise.reject(new Error('boom')) };
    const badPeek = Object.assign(rejecting, {
      peek: () => {
        throw new Error('peek boom');
      },
    });
    for (const resolver of [throwing, rejecting, badPeek]) {
      const runner = new DnsStepRunner(resolver);
      const [a, t] = await runner.run(twoQuestions(runner));
      expect(a).toMatchObject({ ok: false, kind: 'SERVFAIL', name: 'example.com' });
      expect(t).toMatchObject({ ok: false, kind: 'SERVFAIL', name: 'www.example.com' });
    }
  });

  it('a TIMEOUT stays a TIMEOUT', async () => {
    const runner = new DnsStepRunner(down('TIMEOUT'));
    const [a] = await runner.run(twoQuestions(runner));
    expect(a).toMatchObject({ ok: false, kind: 'TIMEOUT' });
  });

  it("waits for another run's promise, and throws its rejection into the steps", async () => {
    const runner = new DnsStepRunner(ZONE);
    expect(await runner.run(waitFor(Promise.resolve(42)))).toBe(42);
    function* catching(): DnsSteps<string> {
      try {
        yield* waitFor(Promise.reject(new Error('other run failed')));
        return 'not reached';
      } catch (e) {
        return (e as Error).message;
      }
    }
    expect(await runner.run(catching())).toBe('other run failed');
  });

  it('runAsync gives a promise even for steps that finish at once, and a rejection for a thrown error', async () => {
    const runner = new DnsStepRunner(ZONE);
    // biome-ignore lint/correctness/useYield: steps that never ask
    function* done(): DnsSteps<number> {
      return 7;
    }
    // biome-ignore lint/correctness/useYield: steps that fail at once
    function* fails(): DnsSteps<number> {
      throw new Error('bad steps');
    }
    const p = runner.runAsync(done());
    expect(p).toBeInstanceOf(Promise);
    expect(await p).toBe(7);
    await expect(runner.runAsync(fails())).rejects.toThrow('bad steps');
  });
});

describe('Deadline.resolver() peek', () => {
  it('gives what query would give at once: the held answer, else nothing before the limit, TIMEOUT after it', async () => {
    const cache = cachedResolver(ZONE);
    await cache.query('example.com', 'A');
    let now = 1_000;
    const deadline = new Deadline(100, 'the test limit', () => now);
    const r = deadline.resolver(cache);
    expect(r.peek('example.com', 'A')).toMatchObject({ ok: true, records: ['192.0.2.1'] });
    expect(r.peek('www.example.com', 'TXT')).toBeUndefined();
    now += 100;
    // past the limit: a held answer is still the answer (as query gives it), anything else a TIMEOUT
    expect(r.peek('example.com', 'A')).toMatchObject({ ok: true });
    expect(r.peek('www.example.com', 'TXT')).toMatchObject({
      ok: false,
      kind: 'TIMEOUT',
      message: 'the test limit was exceeded',
    });
    expect(await r.query('www.example.com', 'TXT')).toMatchObject({ ok: false, kind: 'TIMEOUT' });
    deadline.dispose();
  });

  it('over a resolver without peek: nothing held before the limit', () => {
    const deadline = new Deadline(1000, 'limit');
    expect(deadline.resolver(ZONE).peek('example.com', 'A')).toBeUndefined();
    deadline.dispose();
  });

  it('a peek answer is a DnsResult as the resolver gave it (not a copy)', async () => {
    const cache = cachedResolver(ZONE);
    const asked = await cache.query('example.com', 'A');
    const deadline = new Deadline(1000, 'limit');
    expect(deadline.resolver(cache).peek('example.com', 'A')).toBe(asked);
    deadline.dispose();
  });
});
