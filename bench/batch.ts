/**
 * Batch audit throughput: `auditDomains` over generated domains that share SPF includes and MX hosts, served by
 * the loopback DNS server with an artificial latency per reply, through the real `systemResolver` (UDP, TCP after TC).
 *
 * Reports, per latency: domains per second, DNS queries sent per domain (over the wire, after the shared cache),
 * and questions asked per domain (before the cache).
 *
 * Options: --domains N (500) --latency MS[,MS...] (0,20) --concurrency N[,N...] (16) --in-flight N (DNS questions
 * in flight, default the library's) --probe-dkim (probe the common DKIM selectors instead of checking one)
 * --json (machine-readable output).
 *
 * Run with `npm run bench` (see bench/run.mjs): not part of `npm test`.
 */

import { auditDomains } from '../src/audit/batch.js';
import { systemResolver } from '../src/dns/system.js';
import { parseZone } from '../src/dns/zonefile.js';
import { zoneResolver } from '../src/dns/zones.js';
import { bulkZones } from '../test/audit/bulk-zones.js';
import { startDnsServer } from '../test/support/dns-server.js';

/** One measurement. */
export interface BenchRow {
  domains: number;
  latencyMs: number;
  concurrency: number;
  seconds: number;
  domainsPerSecond: number;
  /** Queries the loopback server received, per domain. */
  queriesPerDomain: number;
  /** Questions the audits asked (per-domain counts, before the shared cache), per domain. */
  questionsPerDomain: number;
  /** Share of questions answered by the shared cache. */
  cacheHitRate: number;
}

function arg(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

const numbers = (text: string) => text.split(',').map((t) => Number(t.trim()));

/** Runs one batch and measures it. */
export async function measure(options: {
  domains: number;
  latencyMs: number;
  concurrency: number;
  probeDkim: boolean;
  maxQueriesInFlight?: number;
}): Promise<BenchRow> {
  const { domains, zones } = bulkZones(options.domains);
  const server = await startDnsServer({
    resolver: zoneResolver(
      zones.map((z) => parseZone(z)),
      { offline: true },
    ),
    delayMs: options.latencyMs,
  });
  try {
    const resolver = systemResolver({
      servers: [server.address],
      timeoutMs: 5000 + options.latencyMs * 10,
      tries: 1,
    });
    const started = performance.now();
    const result = await auditDomains(domains, {
      resolver,
      concurrency: options.concurrency,
      ...(options.maxQueriesInFlight ? { maxQueriesInFlight: options.maxQueriesInFlight } : {}),
      checks: { https: false },
      ...(options.probeDkim ? {} : { selectors: ['s1'] }),
    });
    const seconds = (performance.now() - started) / 1000;
    const sent = server.stats.udp + server.stats.tcp;
    const asked = result.entries.reduce(
      (n, e) => n + (e.report ? e.report.dns.queries + e.report.dns.cacheHits : 0),
      0,
    );
    const failed = result.entries.filter((e) => !e.report || e.report.summary.dnsTrouble).length;
    if (failed > 0) console.error(`warning: ${failed} domain(s) had DNS trouble (raise the DNS timeout?)`);
    return {
      domains: domains.length,
      latencyMs: options.latencyMs,
      concurrency: options.concurrency,
      seconds: Math.round(seconds * 100) / 100,
      domainsPerSecond: Math.round((domains.length / seconds) * 10) / 10,
      queriesPerDomain: Math.round((sent / domains.length) * 100) / 100,
      questionsPerDomain: Math.round((asked / domains.length) * 100) / 100,
      cacheHitRate:
        Math.round((result.dns.cacheHits / (result.dns.queries + result.dns.cacheHits)) * 1000) / 1000,
    };
  } finally {
    await server.close();
  }
}

/** Entry point: parses `argv`, runs every latency × concurrency combination, prints a table (or JSON). */
export async function main(argv: string[]): Promise<BenchRow[]> {
  const count = Number(arg(argv, '--domains', '500'));
  const latencies = numbers(arg(argv, '--latency', '0,20'));
  const concurrencies = numbers(arg(argv, '--concurrency', '16'));
  const probeDkim = argv.includes('--probe-dkim');
  const inFlight = argv.includes('--in-flight') ? Number(arg(argv, '--in-flight', '64')) : undefined;
  const rows: BenchRow[] = [];
  for (const latencyMs of latencies)
    for (const concurrency of concurrencies)
      rows.push(
        await measure({
          domains: count,
          latencyMs,
          concurrency,
          probeDkim,
          ...(inFlight ? { maxQueriesInFlight: inFlight } : {}),
        }),
      );
  if (argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
    return rows;
  }
  console.log(
    `mailgate batch audit benchmark: ${count} generated domains, loopback DNS server, systemResolver (UDP), DKIM ${probeDkim ? 'selectors probed' : 'one selector'}, no HTTPS`,
  );
  const header = [
    'latency',
    'concurrency',
    'seconds',
    'domains/s',
    'queries/domain',
    'questions/domain',
    'cache hits',
  ];
  const table = [
    header,
    ...rows.map((r) => [
      `${r.latencyMs} ms`,
      String(r.concurrency),
      r.seconds.toFixed(2),
      r.domainsPerSecond.toFixed(1),
      r.queriesPerDomain.toFixed(2),
      r.questionsPerDomain.toFixed(2),
      `${(r.cacheHitRate * 100).toFixed(1)}%`,
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padStart(widths[c]!)).join('  '));
  return rows;
}
