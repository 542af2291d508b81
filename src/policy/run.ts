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
import { isDnsTrouble } from '../audit/dns-trouble.js';
import type { DmarcMode } from '../dmarc/index.js';
import type { Resolver } from '../dns/resolver.js';
import { countBySeverity, type FailOn, type Finding, sortFindings } from '../findings/finding.js';
import { type TrafficRow, type WhatIfResult, whatIf, whatIfFindings } from '../reports/index.js';
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
  /**
   * Replays reported traffic (DMARC aggregate reports) against the DNS before the change (`current`) and the
   * audit's resolver (the change): the `reports.whatif-*` findings join the domains' reports and the gate's
   * `reports` rules read the result. Rows of domains not audited are counted in `skippedMessages`, not replayed.
   */
  whatIf?: { traffic: readonly TrafficRow[]; current: Resolver };
}

/** What {@link auditAndGate} returns. */
export interface AuditAndGateResult {
  /** One report per domain, in input order (after `transform`). */
  reports: DomainReport[];
  /** The gate's verdict over all of them. */
  gate: GateResult;
  /** The batch's own figures: DNS questions sent and answered from the shared cache, start, duration. */
  batch: Omit<BatchResult, 'entries'>;
  /** The what-if on reported traffic, when asked for, and the reported messages of domains not audited. */
  whatIf?: WhatIfResult & { skippedMessages: number };
}

/** The report with `extra` findings added, most severe first, and its summary counted again. */
function withFindings(report: DomainReport, extra: readonly Finding[]): DomainReport {
  if (extra.length === 0) return report;
  const findings = sortFindings([...report.findings, ...extra]);
  return {
    ...report,
    findings,
    summary: { ...countBySeverity(findings), dnsTrouble: findings.some((f) => isDnsTrouble(f)) },
  };
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
  const { policy, failOn, transform, whatIf: replay, ...batchOptions } = options;
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
  let replayed: AuditAndGateResult['whatIf'];
  let gated = reports;
  if (replay) {
    const audited = new Set(reports.map((r) => r.domain));
    const rows = replay.traffic.filter((r) => audited.has(r.domain.toLowerCase()));
    const skippedMessages = replay.traffic
      .filter((r) => !audited.has(r.domain.toLowerCase()))
      .reduce((n, r) => n + r.count, 0);
    const result = await whatIf(rows, {
      current: replay.current,
      proposed: options.resolver,
      ...(options.zones ? { proposedZones: options.zones } : {}),
      mode: (options.dmarcMode ?? '9989') as DmarcMode,
    });
    replayed = { ...result, skippedMessages };
    const findings = whatIfFindings(result);
    gated = reports.map((r) =>
      withFindings(
        r,
        findings.filter((f) => f.domain === r.domain),
      ),
    );
  }
  const gate = await gateReports(gated, policy, {
    resolver: options.resolver,
    ...(failOn ? { failOn } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(replayed ? { whatIf: replayed } : {}),
  });
  return { reports: gated, gate, batch, ...(replayed ? { whatIf: replayed } : {}) };
}
