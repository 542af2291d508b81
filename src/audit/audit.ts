/**
 * `auditDomain`: everything a receiver or an auditor checks about a sending domain, as one plain
 * {@link DomainReport} that renderers and the policy gate consume.
 *
 * @module
 */

import { auditBimi, type BimiAudit } from '../bimi/index.js';
import { auditDkim, type DkimAudit } from '../dkim/index.js';
import { auditDmarc, type DmarcAudit, type DmarcMode } from '../dmarc/index.js';
import { abortableResolver } from '../dns/abort.js';
import { cachedResolver, type DnsStats } from '../dns/cache.js';
import type { Resolver } from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import { countBySeverity, type Finding, sortFindings } from '../findings/finding.js';
import type { FetchOptions, HttpsFetch } from '../https/fetch.js';
import { auditMtaSts, type MtaStsAudit, type StsPolicyFile } from '../mtasts/index.js';
import { auditMx, type MxAudit } from '../mx/index.js';
import { auditSpf, type SpfAudit } from '../spf/index.js';
import { auditTlsRpt, type TlsRptAudit } from '../tlsrpt/index.js';
import { bimiDmarcPolicy, nullMxSpfFindings } from './cross-checks.js';
import { isDnsTrouble } from './dns-trouble.js';
import { auditableDomain, InvalidDomainError, isValidSelector } from './domain-name.js';
import { AUDIT_FINDINGS } from './findings.js';

/** The JSON report format version; bumped on any incompatible change to {@link DomainReport}. */
export const REPORT_SCHEMA_VERSION = 2;

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
  /**
   * The zone files behind `resolver`, if any: lets the audit see what a `Resolver` cannot ask for, such as a
   * type 99 (SPF) record, which RFC 7208 §3.1 retired (finding `spf.type99-record`), and the DKIM selectors
   * under `_domainkey` (probed during selector discovery, see {@link zoneSelectors}).
   */
  zones?: readonly Zone[];
  /** The clock, for `checkedAt` and the BIMI mark certificate's validity (default `new Date()`). */
  now?: () => Date;
  /** Which of the optional checks run (each defaults to true; `https` not over an offline resolver). See {@link AuditChecks}. */
  checks?: AuditChecks;
  /** The BIMI selector to check (default `default`). */
  bimiSelector?: string;
  /** HTTPS fetching for MTA-STS policies and BIMI assets (fetcher, trusted CAs, time limit). */
  https?: HttpsOptions;
  /**
   * MTA-STS policy files from a repository, by domain (lower-case): a domain listed here has its policy read from
   * the file instead of fetched, with HTTPS checks on or off (so what-if and offline runs evaluate a proposed
   * `mta-sts.txt`; RFC 8461 §3.2).
   */
  mtaStsPolicies?: ReadonlyMap<string, StsPolicyFile>;
  /**
   * Stops the audit: questions still unanswered when it fires count as TIMEOUT (`*.dns-error` findings), HTTPS
   * fetches are cancelled, and the report gets an `audit.timeout` finding. Used for the per-domain time limit of
   * `auditDomains`.
   */
  signal?: AbortSignal;
  /**
   * Time limit for the whole audit in milliseconds when no `signal` is given (default
   * {@link DEFAULT_AUDIT_TIMEOUT_MS}): a resolver that never answers cannot hang the audit.
   */
  timeoutMs?: number;
}

/**
 * The optional checks of {@link auditDomain}; each defaults to true. A disabled section is absent from the report.
 * - `mx`, `mtaSts`, `tlsRpt`, `bimi`: the sections.
 * - `reverseDns`: PTR and FCrDNS for every MX address (two queries per address).
 * - `https`: fetch the MTA-STS policy and the BIMI logo and mark certificate (when false, the sections only check
 *   DNS). Default: true, except over an offline resolver (`resolver.offline`, e.g. `zoneResolver(zones, {
 *   offline: true })`), where offline means no network at all: the default is then false unless a fetcher is
 *   given (`https.fetch`, which is not the network). An explicit `https: true` always fetches.
 */
export interface AuditChecks {
  mx?: boolean;
  mtaSts?: boolean;
  tlsRpt?: boolean;
  bimi?: boolean;
  reverseDns?: boolean;
  https?: boolean;
}

/** HTTPS settings shared by the MTA-STS and BIMI checks. */
export interface HttpsOptions {
  /** The fetcher (default: `fetchHttps` from `https/fetch`, which resolves hosts through the audit's resolver). */
  fetch?: HttpsFetch;
  /** Trusted CA certificates (PEM) replacing the system roots (tests, private PKIs). Certificates are always checked. */
  ca?: FetchOptions['ca'];
  /** Time limit per fetch, in milliseconds (default 10000). */
  timeoutMs?: number;
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
  spf: SpfAudit;
  /** DMARC (RFC 9989 / RFC 7489): where the policy was found, its tags, lint. */
  dmarc: DmarcAudit;
  /** DKIM (RFC 6376): the key at each selector. */
  dkim: DkimAudit;
  /** MX (RFC 5321 §5.1, RFC 7505): mail exchangers, their addresses and reverse DNS. Absent when `checks.mx` is false. */
  mx?: MxAudit;
  /** MTA-STS (RFC 8461): TXT record, policy, MX coverage. Absent when `checks.mtaSts` is false. */
  mtaSts?: MtaStsAudit;
  /** TLS-RPT (RFC 8460): the `_smtp._tls` record. Absent when `checks.tlsRpt` is false. */
  tlsRpt?: TlsRptAudit;
  /** BIMI: record, logo, mark certificate, DMARC prerequisite. Absent when `checks.bimi` is false. */
  bimi?: BimiAudit;
  findings: Finding[];
  summary: ReportSummary;
  /** DNS questions for this audit: sent to the resolver and answered from the cache. */
  dns: DnsStats;
}

/** The default time limit of one {@link auditDomain} call, in milliseconds. */
export const DEFAULT_AUDIT_TIMEOUT_MS = 120_000;

export { auditableDomain, InvalidDomainError, isValidSelector } from './domain-name.js';

/** Thrown by {@link auditDomain} for options that are not what its TSDoc says (a missing resolver, a bad selector). */
export class InvalidAuditOptionError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAuditOptionError';
  }
}

/**
 * Checks {@link AuditOptions} the way {@link auditDomain} does, so that a batch can refuse bad options once,
 * up front, instead of failing every domain.
 *
 * @throws {@link InvalidAuditOptionError} for a missing resolver, or a bad selector, DMARC mode or time limit.
 */
export function validateAuditOptions(options: AuditOptions | undefined): void {
  if (!options || typeof options.resolver?.query !== 'function')
    throw new InvalidAuditOptionError(
      'auditDomain: options.resolver (a Resolver with a query method) is required',
    );
  if (options.dmarcMode !== undefined && options.dmarcMode !== '9989' && options.dmarcMode !== '7489')
    throw new InvalidAuditOptionError(
      `auditDomain: dmarcMode must be the string '9989' or '7489', not ${JSON.stringify(options.dmarcMode)}`,
    );
  if (options.selectors !== undefined) {
    if (!Array.isArray(options.selectors))
      throw new InvalidAuditOptionError('auditDomain: selectors must be an array of strings');
    for (const sel of options.selectors) {
      if (!isValidSelector(sel))
        throw new InvalidAuditOptionError(`not a valid DKIM selector: '${String(sel)}' (RFC 6376 §3.1)`);
    }
  }
  if (options.bimiSelector !== undefined && !isValidSelector(options.bimiSelector))
    throw new InvalidAuditOptionError(`not a valid BIMI selector: '${String(options.bimiSelector)}'`);
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0))
    throw new InvalidAuditOptionError('auditDomain: timeoutMs must be a positive number of milliseconds');
}

/**
 * The DKIM selectors the zone files hold for `domain`: every `<selector>._domainkey.<domain>` owner name of a
 * TXT or CNAME record (a key, or a key delegated to a provider), in file order, without duplicates. Selector
 * discovery probes them before the common selectors, since DNS itself cannot list them (RFC 6376 §3.6.2.1).
 * Wildcard owners and names that are not valid selectors are left out.
 *
 * @param domain - normalised (lower-case A-labels).
 */
export function zoneSelectors(domain: string, zones: readonly Zone[]): string[] {
  const suffix = `._domainkey.${domain}`;
  const out = new Set<string>();
  for (const zone of zones) {
    for (const r of zone.records) {
      if ((r.type !== 'TXT' && r.type !== 'CNAME') || !r.name.endsWith(suffix)) continue;
      const selector = r.name.slice(0, -suffix.length);
      if (selector !== '' && !selector.split('.').includes('*') && isValidSelector(selector))
        out.add(selector);
    }
  }
  return [...out];
}

/** Counts a list of findings by severity. */
export function summarize(findings: readonly Finding[]): ReportSummary {
  return { ...countBySeverity(findings), dnsTrouble: findings.some(isDnsTrouble) };
}

/**
 * Audits a domain's sender configuration: SPF (RFC 7208), DMARC (RFC 9989 §4, or RFC 7489 §6), the DKIM key
 * records at the given selectors (RFC 6376 §3.6.1, RFC 8301, RFC 8463), MX (RFC 5321 §5.1, RFC 7505, reverse
 * DNS), MTA-STS (RFC 8461), TLS-RPT (RFC 8460) and BIMI; `options.checks` turns the last four (and reverse DNS
 * and HTTPS fetching) off.
 *
 * DNS failures never throw: a TIMEOUT or SERVFAIL becomes a `*.dns-error` finding and `summary.dnsTrouble`,
 * never "no record". When `options.signal` fires, unanswered questions count as TIMEOUT and the report gets an
 * `audit.timeout` finding.
 *
 * @param domain - the domain to audit; U-labels are converted to A-labels.
 * @returns the {@link DomainReport}.
 * @throws {@link InvalidDomainError} when `domain` is not a domain that can be audited (see {@link auditableDomain});
 *   {@link InvalidAuditOptionError} when `options` lack a resolver or hold a bad selector, mode or time limit.
 */
export async function auditDomain(domain: string, options: AuditOptions): Promise<DomainReport> {
  validateAuditOptions(options);
  const name = auditableDomain(domain);
  const signal = options.signal ?? AbortSignal.timeout(options.timeoutMs ?? DEFAULT_AUDIT_TIMEOUT_MS);
  const resolver = cachedResolver(abortableResolver(options.resolver, signal));
  const now = options.now ?? (() => new Date());
  const started = now();
  const checkedAt = started.toISOString();
  const offline = options.resolver.offline === true && !options.https?.fetch;
  const checks: AuditChecks = { ...options.checks, https: options.checks?.https ?? !offline };
  const on = (c: keyof AuditChecks) => checks[c] !== false;
  const https = {
    ...(options.https?.fetch ? { fetch: options.https.fetch } : {}),
    ...(options.https?.ca ? { ca: options.https.ca } : {}),
    ...(options.https?.timeoutMs ? { timeoutMs: options.https.timeoutMs } : {}),
    ...(signal ? { signal } : {}),
  };
  const skip = Promise.resolve(undefined);
  const dmarcP = auditDmarc(name, { resolver, mode: options.dmarcMode ?? '9989' });
  const [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi] = await Promise.all([
    auditSpf(name, {
      resolver,
      ...(options.spfBudget !== undefined ? { budget: options.spfBudget } : {}),
      ...(options.zones ? { zones: options.zones } : {}),
    }),
    dmarcP,
    auditDkim(name, {
      resolver,
      ...(options.selectors && options.selectors.length > 0
        ? { selectors: options.selectors }
        : { discover: true, candidates: zoneSelectors(name, options.zones ?? []) }),
    }),
    on('mx') ? auditMx(name, { resolver, reverseDns: on('reverseDns') }) : skip,
    on('mtaSts')
      ? auditMtaSts(name, {
          resolver,
          fetchPolicy: on('https'),
          ...https,
          ...(options.mtaStsPolicies?.has(name) ? { policyFile: options.mtaStsPolicies.get(name)! } : {}),
        })
      : skip,
    on('tlsRpt') ? auditTlsRpt(name, { resolver }) : skip,
    on('bimi')
      ? dmarcP.then((d) =>
          auditBimi(name, {
            resolver,
            dmarc: bimiDmarcPolicy(d),
            fetchAssets: on('https'),
            now: started,
            ...(options.bimiSelector ? { selector: options.bimiSelector } : {}),
            ...https,
          }),
        )
      : skip,
  ]);
  if (mx) mx.findings.push(...nullMxSpfFindings(mx, spf));
  const own: Finding[] = [];
  if (signal?.aborted)
    own.push(
      AUDIT_FINDINGS.timeout(
        `the audit of ${name} reached its time limit: questions still unanswered count as TIMEOUT`,
        {
          name,
          details: {
            kind: 'TIMEOUT',
            ...(typeof signal.reason === 'string' ? { reason: signal.reason } : {}),
          },
        },
      ),
    );
  const sections = [spf, dmarc, dkim, mx, mtaSts, tlsRpt, bimi];
  const findings = sortFindings(
    [...sections.flatMap((s) => s?.findings ?? []), ...own].map((f) => ({ ...f, domain: f.domain ?? name })),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    domain: name,
    checkedAt,
    spf,
    dmarc,
    dkim,
    ...(mx ? { mx } : {}),
    ...(mtaSts ? { mtaSts } : {}),
    ...(tlsRpt ? { tlsRpt } : {}),
    ...(bimi ? { bimi } : {}),
    findings,
    summary: summarize(findings),
    dns: resolver.stats(),
  };
}
