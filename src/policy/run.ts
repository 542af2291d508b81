/**
 * Audit-then-gate, shared by the faces: `mailgate audit --policy FILE` and the GitHub Action call this one
 * function. It audits with the one batch loop (`auditDomains`, so every audit option, the concurrency and the
 * per-domain time limit mean what they mean without a policy), adding each domain's policy selectors, and then
 * gates the reports.
 *
 * @module
 */

import { auditableDomain, type DomainReport } from '../audit/audit.js';
import { auditDomains, type BatchOptions, type BatchResult } from '../audit/batch.js';
import type { FailOn } from '../findings/finding.js';
import { domainRules, type GateResult, gateReports } from './gate.js';
import type { GatePolicy } from './schema.js';

/**
 * Options for {@link auditAndGate}: those of `auditDomains` (the resolver, which also answers check_host() for
 * the gate; selectors, BIMI selector, zones, DMARC mode, checks, HTTPS, concurrency, time limit per domain,
 * progress), plus the policy and how to gate.
 */
export interface AuditAndGateOptions extends BatchOptions {
  /** The validated policy (`loadPolicy(...).policy`). */
  policy: GatePolicy;
  /** Overrides the policy's `fail-on`. */
  failOn?: FailOn;
  /** Applied to each report before gating (the Action adds zone file locations). */
  transform?: (report: DomainReport) => DomainReport;
}

/** What {@link auditAndGate} returns. */
export interface AuditAndGateResult {
  /** One report per domain, in input order (after `transform`). */
  reports: DomainReport[];
  /** The gate's verdict over all of them. */
  gate: GateResult;
  /** The batch's own figures: DNS questions sent and answered from the shared cache, start, duration. */
  batch: Omit<BatchResult, 'entries'>;
}

/**
 * Thrown by {@link auditAndGate} when a domain's audit did not complete, so there is no report to gate: `timeout`
 * when it did not wind down within a grace period after its time limit (the verdict is undetermined), `internal`
 * when it threw (a bug).
 */
export class AuditIncompleteError extends Error {
  readonly domain: string;
  readonly kind: 'timeout' | 'internal';
  constructor(domain: string, kind: 'timeout' | 'internal', message: string) {
    super(message);
    this.name = 'AuditIncompleteError';
    this.domain = domain;
    this.kind = kind;
  }
}

/**
 * The DKIM selectors to audit for `domain`: the given ones plus the policy's for that domain (deduplicated).
 * Empty means "probe common selectors".
 */
export function selectorsFor(
  domain: string,
  policy: GatePolicy,
  selectors: readonly string[] = [],
): string[] {
  const fromPolicy = domainRules(policy, domain).rules.dkim?.selectors ?? [];
  return [...new Set([...selectors, ...fromPolicy])];
}

/**
 * Audits each domain with `auditDomains` (its selectors plus the policy's `dkim.selectors` for it) and gates
 * the reports against the policy.
 *
 * @returns the reports in input order, the {@link GateResult} and the batch figures.
 * @throws `InvalidDomainError` for a name that cannot be audited (checked before any DNS question);
 *   `InvalidAuditOptionError` or `RangeError` (from `auditDomains`) for bad options; {@link AuditIncompleteError}
 *   when an audit threw or did not wind down after its time limit (no report to gate: never a silent pass).
 */
export async function auditAndGate(
  domains: readonly string[],
  options: AuditAndGateOptions,
): Promise<AuditAndGateResult> {
  for (const domain of domains) auditableDomain(domain);
  const { policy, failOn, transform, ...batchOptions } = options;
  const given = batchOptions.domainSelectors;
  const { entries, ...batch } = await auditDomains(domains, {
    ...batchOptions,
    domainSelectors: (domain) => selectorsFor(domain, policy, given?.(domain)),
  });
  const reports = entries.map((entry) => {
    if (!entry.report)
      throw new AuditIncompleteError(
        entry.domain,
        entry.error?.kind === 'timeout' ? 'timeout' : 'internal',
        entry.error?.message ?? `${entry.domain}: the audit did not complete`,
      );
    return transform ? transform(entry.report) : entry.report;
  });
  const gate = await gateReports(reports, policy, {
    resolver: options.resolver,
    ...(failOn ? { failOn } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { reports, gate, batch };
}
