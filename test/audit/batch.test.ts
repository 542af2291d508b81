import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditOptions, auditDomain } from '../../src/audit/audit.js';
import { auditDomains, type BatchEntry } from '../../src/audit/batch.js';
import type { DnsResult, Resolver, RRType } from '../../src/dns/resolver.js';
import { systemResolver } from '../../src/dns/system.js';
import { originZones } from '../support/resolvers.js';
import { bulkZones } from './bulk-zones.js';
import { type Loopback, loopback } from './loopback.js';

const NOW = () => new Date('2026-01-15T12:00:00Z');
const COUNT = 300;
const AUDIT: Pick<AuditOptions, 'selectors' | 'now' | 'checks'> = {
  selectors: ['s1'],
  now: NOW,
  checks: { https: false },
};

// a few hundred domains over the loopback server: seconds, more on a busy machine
describe('auditDomains over a few hundred generated domains (loopback DNS server)', {
  timeout: 180_000,
}, () => {
  const { domains, zones } = bulkZones(COUNT);
  let lb: Loopback;
  let entries: BatchEntry[];
  let streamed: string[];
  let progress: number[];
  let batchDns: { queries: number; cacheHits: number };
  let serverCounts: Map<string, number>;
  let serverTotal: number;

  beforeAll(async () => {
    lb = await loopback(zones, { timeoutMs: 10_000 });
    streamed = [];
    progress = [];
    const result = await auditDomains(domains, {
      resolver: lb.resolver,
      ...AUDIT,
      concurrency: 16,
      onResult: (e) => {
        streamed.push(e.domain);
      },
      onProgress: (done) => progress.push(done),
    });
    entries = result.entries;
    batchDns = result.dns;
    // Snapshot the server's counters before the single-domain audits below ask again.
    serverCounts = new Map(lb.server.stats.byQuestion);
    serverTotal = lb.server.stats.udp + lb.server.stats.tcp;
  }, 120_000);
  afterAll(async () => lb?.close());

  it('streams every domain once, in input order, and reports progress', () => {
    expect(streamed).toEqual(domains);
    expect(entries.map((e) => e.index)).toEqual(domains.map((_, i) => i));
    expect(progress).toEqual(domains.map((_, i) => i + 1));
    expect(entries.every((e) => e.report && !e.error)).toBe(true);
  });

  it('sends each distinct question once for the whole batch (shared includes asked once)', () => {
    expect([...serverCounts.values()].every((n) => n === 1)).toBe(true);
    expect(serverTotal).toBe(serverCounts.size);
    expect(batchDns.queries).toBe(serverCounts.size);
    expect(serverCounts.get('_spf.provider-a.test TXT')).toBe(1);
    expect(serverCounts.get('_netblocks.provider-b.test TXT')).toBe(1);
    expect(serverCounts.get('mx1.provider-a.test A')).toBe(1);
    // Each domain asked for the shared include: all but the first two asks were cache hits.
    expect(batchDns.cacheHits).toBeGreaterThan(COUNT * 4);
  });

  it('gives every domain the report its single-domain audit gives', async () => {
    const fresh = systemResolver({ servers: [lb.server.address], timeoutMs: 10_000, tries: 1 });
    for (const i of [0, 1, 5, 22, 57, 140, 299]) {
      const alone = await auditDomain(domains[i]!, { resolver: fresh, ...AUDIT });
      expect(entries[i]!.report).toEqual(alone);
    }
  });

  it('produces the varied findings the zones were built for', () => {
    const has = (i: number, id: string) => entries[i]!.report!.findings.some((f) => f.id === id);
    expect(has(5, 'mx.null-mx-spf-authorizes')).toBe(true); // 5 % 17 === 5
    expect(has(2, 'dmarc.policy-none') || entries[2]!.report!.dmarc.policy === 'none').toBe(true);
    expect(has(1, 'mx.no-ptr')).toBe(true); // provider-b's mx2 has no PTR
    expect(has(0, 'mx.no-ptr')).toBe(false);
    expect(entries[0]!.report!.tlsRpt?.status).toBe('found');
    expect(entries[1]!.report!.tlsRpt?.status).toBe('none');
  });
});

/** A resolver with a per-name delay, recording how many audited domains have questions in flight. */
function tracingResolver(inner: Resolver, delayOf: (name: string) => number) {
  const inFlight = new Map<string, number>();
  let maxDomains = 0;
  const domainOf = (name: string) => /(d\d+)\.bulk\.test$/.exec(name)?.[1];
  const resolver: Resolver = {
    async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
      const d = domainOf(name);
      if (d) {
        inFlight.set(d, (inFlight.get(d) ?? 0) + 1);
        maxDomains = Math.max(maxDomains, inFlight.size);
      }
      await new Promise((r) => setTimeout(r, delayOf(name)));
      try {
        return await inner.query(name, type);
      } finally {
        if (d) {
          const n = inFlight.get(d)! - 1;
          if (n === 0) inFlight.delete(d);
          else inFlight.set(d, n);
        }
      }
    },
  };
  return { resolver, max: () => maxDomains };
}

describe('auditDomains: concurrency, order and time limits (in-process zones)', () => {
  const { domains, zones } = bulkZones(24);

  it('keeps at most `concurrency` domains in progress, and streams in input order whatever finishes first', async () => {
    // Early domains are slow, later ones fast: they finish out of order.
    const traced = tracingResolver(originZones(...zones), (name) => {
      const n = Number(/d(\d+)\.bulk\.test$/.exec(name)?.[1] ?? 99);
      return n < 3 ? 30 : 0;
    });
    const completion: number[] = [];
    const streamed: number[] = [];
    const r = await auditDomains(domains, {
      resolver: traced.resolver,
      ...AUDIT,
      concurrency: 3,
      onProgress: () => completion.push(completion.length),
      onResult: async (e) => {
        await new Promise((res) => setTimeout(res, 1)); // a slow consumer
        streamed.push(e.index);
      },
    });
    expect(streamed).toEqual(domains.map((_, i) => i));
    expect(r.entries.map((e) => e.domain)).toEqual(domains);
    expect(traced.max()).toBeLessThanOrEqual(3);
    expect(traced.max()).toBeGreaterThan(1);
  });

  it('gives a domain that hits the time limit a report with audit.timeout, and keeps going', async () => {
    const hang: Resolver = {
      query: (name, type) =>
        /d1\.bulk\.test$/.test(name) ? new Promise(() => {}) : originZones(...zones).query(name, type),
    };
    const r = await auditDomains(domains.slice(0, 3), { resolver: hang, ...AUDIT, timeoutMsPerDomain: 100 });
    const slow = r.entries[1]!.report!;
    expect(slow.findings.map((f) => f.id)).toContain('audit.timeout');
    expect(slow.summary.dnsTrouble).toBe(true);
    expect(slow.findings.filter((f) => f.id.endsWith('.dns-error')).length).toBeGreaterThan(0);
    expect(r.entries[0]!.report!.findings.map((f) => f.id)).not.toContain('audit.timeout');
    expect(r.entries[2]!.report!.findings.map((f) => f.id)).not.toContain('audit.timeout');
  });

  it('records invalid names as entries instead of throwing, and rejects bad options', async () => {
    const r = await auditDomains(['d0.bulk.test', 'not a domain', 'localhost'], {
      resolver: originZones(...zones),
      ...AUDIT,
    });
    expect(r.entries.map((e) => e.error?.kind)).toEqual([undefined, 'invalid-domain', 'invalid-domain']);
    await expect(auditDomains([], { resolver: originZones(), concurrency: 0 })).rejects.toThrow(RangeError);
    await expect(auditDomains(['a.test'], { resolver: originZones(), indexes: [1, 2] })).rejects.toThrow(
      RangeError,
    );
  });

  it('uses the given input positions (shards)', async () => {
    const r = await auditDomains(['d0.bulk.test', 'd3.bulk.test'], {
      resolver: originZones(...zones),
      ...AUDIT,
      indexes: [0, 3],
    });
    expect(r.entries.map((e) => [e.index, e.domain])).toEqual([
      [0, 'd0.bulk.test'],
      [3, 'd3.bulk.test'],
    ]);
  });
});
