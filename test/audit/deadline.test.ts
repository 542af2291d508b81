/**
 * The per-domain time limit cancels the domain's DNS questions (issue 10 §5: `--domain-timeout 1000` against a
 * silent server took 12.8 s, because questions kept being sent and retried after the limit). Checked against a
 * loopback server that never answers: the outcome (audit.timeout, every check DNS trouble, never "no record")
 * and that the server received no query after the deadline; never the wall time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDomain } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import type { Resolver } from '../../src/dns/resolver.js';
import { systemResolver } from '../../src/dns/system.js';
import { zoneResolverFromText } from '../../src/dns/zones.js';
import { runCli } from '../support/cli.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';

let silent: DnsServer;
const received = () => silent.stats.udp + silent.stats.tcp;

beforeAll(async () => {
  silent = await startDnsServer({
    resolver: zoneResolverFromText('@ TXT "v=spf1 -all"', 'example.com'),
    faults: { drop: () => true },
  });
});
afterAll(async () => {
  await silent.close();
});

/** Waits until the server has received `n` queries (it gets them within milliseconds; the bound, 40 s, is generous). */
async function receivedAtLeast(n: number): Promise<void> {
  for (let i = 0; i < 4000 && received() < n; i++) await new Promise((r) => setTimeout(r, 10));
}

/** Long enough for a retry that should not happen to show (the DNS timeout below is 100 ms per try). */
const settle = () => new Promise((r) => setTimeout(r, 600));

describe("the per-domain time limit cancels the domain's DNS questions", () => {
  it('auditDomain: every check is DNS trouble, and nothing is sent after the signal aborts', async () => {
    // 100 ms per try and 5 tries: without cancellation the retries go on for 500 ms after each question
    const resolver = systemResolver({ servers: [silent.address], timeoutMs: 100, tries: 5 });
    const controller = new AbortController();
    let atDeadline = -1;
    const report = auditDomain('example.com', {
      resolver,
      selectors: ['s1'],
      checks: { https: false },
      signal: controller.signal,
    });
    await receivedAtLeast(5);
    atDeadline = received();
    controller.abort('time limit');
    const r = await report;
    await settle();
    expect(received()).toBe(atDeadline);
    const ids = r.findings.map((f) => f.id);
    expect(ids).toContain('audit.timeout');
    for (const check of ['spf', 'dmarc', 'dkim', 'mx', 'mtasts', 'tlsrpt', 'bimi'])
      expect(ids, check).toContain(`${check}.dns-error`);
    expect(ids.filter((id) => /no-record|no-key|no-mx/.test(id))).toEqual([]);
    expect(r.summary.dnsTrouble).toBe(true);
  }, 90_000);

  it('auditDomain: timeoutMs holds with a signal that never fires (a library-user trial hung past it)', async () => {
    const never: Resolver = { query: () => new Promise(() => {}) };
    const r = await auditDomain('example.com', {
      resolver: never,
      selectors: ['s1'],
      checks: { https: false },
      signal: new AbortController().signal,
      timeoutMs: 200,
    });
    const ids = r.findings.map((f) => f.id);
    expect(ids).toContain('audit.timeout');
    expect(ids).toContain('spf.dns-error');
    expect(ids.filter((id) => /no-record|no-key|no-mx/.test(id))).toEqual([]);
  });

  it('auditDomains: a signal cancels the batch: the running domain ends with audit.timeout, the others are not audited', async () => {
    const never: Resolver = { query: () => new Promise(() => {}) };
    const controller = new AbortController();
    const pending = auditDomains(['a.example', 'b.example', 'c.example'], {
      resolver: never,
      selectors: ['s1'],
      checks: { https: false },
      concurrency: 1,
      timeoutMsPerDomain: 600_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const r = await pending;
    const first = r.entries[0]!.report!;
    expect(first.findings.find((f) => f.id === 'audit.timeout')?.evidence?.details).toEqual({
      kind: 'TIMEOUT',
      reason: 'the batch was cancelled',
    });
    expect(r.entries.slice(1).map((e) => e.error)).toEqual([
      { kind: 'timeout', message: 'b.example: not audited: the batch was cancelled' },
      { kind: 'timeout', message: 'c.example: not audited: the batch was cancelled' },
    ]);
  });

  it('auditDomains: queued questions of a timed-out domain are never sent (the limiter drops them)', async () => {
    const resolver = systemResolver({ servers: [silent.address], timeoutMs: 100, tries: 5 });
    const before = received();
    let doneAt = -1;
    const r = await auditDomains(['example.com'], {
      resolver,
      selectors: ['s1'],
      checks: { https: false },
      maxQueriesInFlight: 2,
      timeoutMsPerDomain: 150,
      onResult: () => {
        doneAt = received();
      },
    });
    await settle();
    expect(received()).toBe(doneAt);
    // two questions at a time, each tried at most twice before the limit (100 ms per try, limit at 150 ms)
    expect(doneAt - before).toBeLessThanOrEqual(4);
    const report = r.entries[0]!.report!;
    expect(report.findings.map((f) => f.id)).toContain('audit.timeout');
    expect(report.summary.dnsTrouble).toBe(true);
  });

  it('mailgate audit --domain-timeout: exit 3, audit.timeout, and no query after it returns', async () => {
    const r = await runCli([
      'audit',
      'example.com',
      '--dns-server',
      silent.address,
      '--dns-timeout',
      '100',
      '--dns-tries',
      '5',
      '--domain-timeout',
      '200',
      '--skip',
      'https',
      '--format',
      'json',
    ]);
    const after = received();
    await settle();
    expect(received()).toBe(after);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as { findings: { id: string }[] };
    expect(report.findings.map((f) => f.id)).toContain('audit.timeout');
  });
});
