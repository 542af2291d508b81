/**
 * `auditDomain`: everything a receiver or an auditor checks about a sending domain, as one plain
 * {@link DomainReport} that renderers and the policy gate consume.
 *
 * @module
 */

import { type CachedResolver, cachedResolver, type DnsStats } from '../dns/cache.js';
import { normalizeName, type Resolver } from '../dns/resolver.js';
import { type DkimAudit, auditDkim } from '../dkim/key.js';
import { type DmarcAudit, auditDmarc } from '../dmarc/audit.js';
import type { DmarcMode } from '../dmarc/discovery.js';
import { type Finding, type Severity, sortFindings } from '../findings/finding.js';
import { analyzeSpf, type SpfAnalysis } from '../spf/analyze.js';
import { isDnsTrouble } from './dns-trouble.js';

/** The JSON report format version; bumped on any incompatible change to {@link DomainReport}. */
export const REPORT_SCHEMA_VERSION = 1;

/** Options for {@link auditDomain}. */
export interface AuditOptions {
  /** Answers every DNS question (wrap it in `cachedResolver` to share answers across domains). */
  resolver: Resolver;
  /** DKIM selectors to check (e.g. `['google', 'selector1']`). Without any, common selectors are probed. */
  selectors?: string[];
  /** DMARC rules to apply: RFC 9989 (default) or RFC 7489. */
  dmarcMode?: DmarcMode;
  /** Lookup budget for the SPF flattening suggestion (default 10, RFC 7208 §4.6.4). */
  spfBudget?: number;
  /** The clock, for `checkedAt` (default `new Date()`). */
  now?: () => Date;
}

/** Counts of findings by severity, and whether DNS trouble left parts of the audit undecided. */
export interface ReportSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** True when a DNS failure (TIMEOUT, SERVFAIL, REFUSED) prevented some check: see the `*.dns-error` findings. */
  dnsTrouble: boolean;
}

/**
 * The result of {@link auditDomain}: plain data, stable as JSON (see `schema/domain-report.schema.json`).
 * Every section keeps its own findings; `findings` is all of them, most severe first.
 */
export interface DomainReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** The audited domain: lower-case A-labels. */
  domain: string;
  /** When the audit ran, ISO 8601. */
  checkedAt: string;
  /** SPF (RFC 7208): the record, its include tree, lookup cost, authorized networks. */
  spf: SpfAnalysis;
  /** DMARC (RFC 9989 / RFC 7489): where the policy was found, its tags, lint. */
  dmarc: DmarcAudit;
  /** DKIM (RFC 6376): the key at each selector. */
  dkim: DkimAudit;
  findings: Finding[];
  summary: ReportSummary;
  /** DNS questions for this audit: sent to the resolver and answered from the cache. */
  dns: DnsStats;
}

/** Thrown by {@link auditDomain} for a domain name that cannot be audited (empty, too long, bad label). */
export class InvalidDomainError extends Error {
  readonly domain: string;
  constructor(domain: string) {
    super(`not a valid domain name: '${domain}'`);
    this.name = 'InvalidDomainError';
    this.domain = domain;
  }
}

/** Counts a list of findings by severity. */
export function summarize(findings: readonly Finding[]): ReportSummary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    dnsTrouble: findings.some(isDnsTrouble),
  };
}

function withCounting(resolver: Resolver): CachedResolver {
  return cachedResolver(resolver);
}

/**
 * Audits a domain's sender configuration: SPF (RFC 7208), DMARC (RFC 9989 §4, or RFC 7489 §6), and the DKIM
 * key records at the given selectors (RFC 6376 §3.6.1, RFC 8301, RFC 8463).
 *
 * DNS failures never throw: a TIMEOUT or SERVFAIL becomes a `*.dns-error` finding and `summary.dnsTrouble`,
 * never "no record".
 *
 * @param domain - the domain to audit; U-labels are converted to A-labels.
 * @returns the {@link DomainReport}.
 * @throws {@link InvalidDomainError} when `domain` is not a valid DNS name.
 */
export async function auditDomain(domain: string, options: AuditOptions): Promise<DomainReport> {
  const name = normalizeName(domain);
  if (name === null || !name.includes('.')) throw new InvalidDomainError(domain);
  const resolver = withCounting(options.resolver);
  const now = options.now ?? (() => new Date());
  const checkedAt = now().toISOString();
  const [spf, dmarc, dkim] = await Promise.all([
    analyzeSpf(name, { resolver, ...(options.spfBudget !== undefined ? { budget: options.spfBudget } : {}) }),
    auditDmarc(name, { resolver, mode: options.dmarcMode ?? '9989' }),
    auditDkim(name, {
      resolver,
      ...(options.selectors && options.selectors.length > 0 ? { selectors: options.selectors } : { discover: true }),
    }),
  ]);
  const findings = sortFindings(
    [...spf.findings, ...dmarc.findings, ...dkim.findings].map((f) => ({ ...f, domain: f.domain ?? name })),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    domain: name,
    checkedAt,
    spf,
    dmarc,
    dkim,
    findings,
    summary: summarize(findings),
    dns: resolver.stats(),
  };
}
