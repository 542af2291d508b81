/**
 * Audit-then-gate, shared by the faces: `mailgate audit --policy FILE` and the GitHub Action call this one
 * function, so both audit the same selectors and gate the same way.
 *
 * @module
 */

import { type AuditChecks, auditDomain, type DomainReport } from '../audit/audit.js';
import type { DmarcMode } from '../dmarc/discovery.js';
import type { Resolver } from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import { domainPolicy, type GateResult, gateReports } from './gate.js';
import type { Policy, PolicyFailOn } from './schema.js';

/** Options for {@link auditAndGate}. */
export interface AuditAndGateOptions {
  /** Answers every question of the audits and of check_host() (share one cache). */
  resolver: Resolver;
  /** The validated policy (`loadPolicy(...).policy`). */
  policy: Policy;
  /** Selectors to check for every domain, besides the policy's `dkim.selectors` for that domain. */
  selectors?: readonly string[];
  /** DMARC rules to audit with: RFC 9989 (default) or RFC 7489. */
  dmarcMode?: DmarcMode;
  /** Overrides the policy's `fail-on`. */
  failOn?: PolicyFailOn;
  /** Which optional audit sections run (see `AuditChecks`; each defaults to on). */
  checks?: AuditChecks;
  /** Domains audited at once (default 4). */
  concurrency?: number;
  /** The clock for the audits and suppression expiry (default `new Date()`). */
  now?: () => Date;
  /** Applied to each report before gating (the Action adds zone file locations). */
  transform?: (report: DomainReport) => DomainReport;
  /** The zone files behind `resolver` (see `AuditOptions.zones`: type 99 records, selectors to discover). */
  zones?: readonly Zone[];
}

/**
 * The DKIM selectors to audit for `domain`: the given ones plus the policy's for that domain (deduplicated).
 * Empty means "probe common selectors".
 */
export function selectorsFor(domain: string, policy: Policy, selectors: readonly string[] = []): string[] {
  const fromPolicy = domainPolicy(policy, domain).rules.dkim?.selectors ?? [];
  return [...new Set([...selectors, ...fromPolicy])];
}

/**
 * Audits each domain (with its policy selectors) and gates the reports against the policy.
 *
 * @returns the reports in input order and the {@link GateResult}.
 * @throws `InvalidDomainError` (from `auditDomain`) for a name that cannot be audited.
 */
export async function auditAndGate(
  domains: readonly string[],
  options: AuditAndGateOptions,
): Promise<{ reports: DomainReport[]; gate: GateResult }> {
  const reports: DomainReport[] = new Array(domains.length);
  let next = 0;
  const worker = async () => {
    while (next < domains.length) {
      const i = next++;
      const domain = domains[i]!;
      const selectors = selectorsFor(domain, options.policy, options.selectors);
      const report = await auditDomain(domain, {
        resolver: options.resolver,
        ...(options.dmarcMode ? { dmarcMode: options.dmarcMode } : {}),
        ...(selectors.length > 0 ? { selectors } : {}),
        ...(options.checks ? { checks: options.checks } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.zones ? { zones: options.zones } : {}),
      });
      reports[i] = options.transform ? options.transform(report) : report;
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, domains.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const gate = await gateReports(reports, options.policy, {
    resolver: options.resolver,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { reports, gate };
}
