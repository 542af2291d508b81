/**
 * Test helper: zone texts served by the loopback DNS server, and a `systemResolver` pointed at it, so audits
 * run end to end (UDP/TCP, c-ares) on known data.
 */

import type { Resolver } from '../../src/dns/resolver.js';
import { systemResolver } from '../../src/dns/system.js';
import { type DnsServer, type DnsServerFaults, startDnsServer } from '../support/dns-server.js';
import { originZones } from '../support/resolvers.js';

/** A loopback server over the zone texts and a system resolver that asks it. */
export interface Loopback {
  server: DnsServer;
  resolver: Resolver;
  close(): Promise<void>;
}

/** Starts the loopback DNS server over `texts` and returns a `systemResolver` that asks only it. */
export async function loopback(
  texts: string[],
  options: { faults?: DnsServerFaults; delayMs?: number; timeoutMs?: number; tries?: number } = {},
): Promise<Loopback> {
  const server = await startDnsServer({
    resolver: originZones(...texts),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.delayMs ? { delayMs: options.delayMs } : {}),
  });
  const resolver = systemResolver({
    servers: [server.address],
    timeoutMs: options.timeoutMs ?? 2000,
    tries: options.tries ?? 1,
  });
  return { server, resolver, close: () => server.close() };
}
