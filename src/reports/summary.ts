/**
 * The summary of a period of reports: per domain, the DMARC results and dispositions the receivers reported;
 * per SMTP TLS policy (RFC 8460 §4.4), the sessions and failures by result type and MX host; the failure
 * (ruf) reports counted. No DNS: everything comes from the reports, so a year of stored rows is summarised by
 * one query.
 *
 * @module
 */

import { rowFacts } from './inventory.js';
import type { PublishedPolicySeen } from './readiness.js';
import type { TrafficRow } from './traffic.js';
import type { TlsReport } from './types.js';

/** Reports and reporters of one domain in the period. */
export interface DomainReports {
  reports: number;
  /** Reporting organisations, most reports first. */
  reporters: Array<{ name: string; reports: number }>;
}

/** The DMARC side of a domain's summary. Counts are messages. */
export interface DomainSummary {
  domain: string;
  period: { from: number; to: number };
  reports: number;
  reporters: Array<{ name: string; reports: number }>;
  messages: number;
  dmarcPass: number;
  dmarcFail: number;
  /** `dmarcPass / messages` (0..1). */
  dmarcPassRate: number;
  spfAligned: number;
  dkimAligned: number;
  /** Messages per disposition the receivers applied. */
  dispositions: Record<string, number>;
  /** Messages per policy override reason (`forwarded`, `mailing_list`, ...). */
  overrides: Record<string, number>;
  /** Distinct source addresses. */
  sources: number;
  /** The latest published policy seen. */
  policy?: PublishedPolicySeen;
}

/** One SMTP TLS policy's totals over the period. */
export interface TlsPolicySummary {
  policyDomain: string;
  policyType: string;
  reports: number;
  successful: number;
  failed: number;
  /** Failed sessions by result type and receiving MX host (`''` when the report named none). */
  failures: Array<{ resultType: string; mxHost: string; sessions: number }>;
}

/** The summary of a period. */
export interface ReportsSummary {
  /** The period asked for (seconds since the epoch), when one was. */
  since?: number;
  until?: number;
  domains: DomainSummary[];
  tls: TlsPolicySummary[];
  /** Failure (ruf) reports counted, per reported domain (`''` when none was found in the report). */
  failureReports: Record<string, number>;
}

/** The inputs of {@link summarizeReports}. */
export interface SummaryInput {
  traffic: readonly TrafficRow[];
  reports?: Readonly<Record<string, DomainReports>>;
  policies?: Readonly<Record<string, PublishedPolicySeen>>;
  tls?: readonly TlsReport[];
  failureReports?: Readonly<Record<string, number>>;
  since?: number;
  until?: number;
  /** Only this domain (TLS policies included). */
  domain?: string;
}

/** Summarises a period (see the module documentation). Pure. */
export function summarizeReports(input: SummaryInput): ReportsSummary {
  const domains = new Map<string, DomainSummary & { _ips: Set<string> }>();
  for (const r of input.traffic) {
    let d = domains.get(r.domain);
    if (!d) {
      const rep = input.reports?.[r.domain];
      d = {
        domain: r.domain,
        period: { from: r.firstSeen, to: r.lastSeen },
        reports: rep?.reports ?? 0,
        reporters: rep?.reporters ?? [],
        messages: 0,
        dmarcPass: 0,
        dmarcFail: 0,
        dmarcPassRate: 0,
        spfAligned: 0,
        dkimAligned: 0,
        dispositions: {},
        overrides: {},
        sources: 0,
        _ips: new Set(),
      };
      const policy = input.policies?.[r.domain];
      if (policy) d.policy = policy;
      domains.set(r.domain, d);
    }
    d.period.from = Math.min(d.period.from, r.firstSeen);
    d.period.to = Math.max(d.period.to, r.lastSeen);
    d.messages += r.count;
    if (rowFacts(r).dmarcPass) d.dmarcPass += r.count;
    else d.dmarcFail += r.count;
    if (r.spf === 'pass') d.spfAligned += r.count;
    if (r.dkim === 'pass') d.dkimAligned += r.count;
    const disp = r.disposition || 'none';
    d.dispositions[disp] = (d.dispositions[disp] ?? 0) + r.count;
    for (const reason of r.reasons) d.overrides[reason.type] = (d.overrides[reason.type] ?? 0) + r.count;
    d._ips.add(r.sourceIp);
  }
  const out: ReportsSummary = { domains: [], tls: [], failureReports: { ...(input.failureReports ?? {}) } };
  if (input.since !== undefined) out.since = input.since;
  if (input.until !== undefined) out.until = input.until;
  for (const { _ips, ...d } of [...domains.values()].sort((a, b) => (a.domain < b.domain ? -1 : 1))) {
    d.sources = _ips.size;
    d.dmarcPassRate = d.messages > 0 ? d.dmarcPass / d.messages : 0;
    out.domains.push(d);
  }
  const tls = new Map<string, TlsPolicySummary & { _f: Map<string, number> }>();
  for (const rep of input.tls ?? []) {
    for (const p of rep.policies) {
      if (input.domain !== undefined && p.policyDomain !== input.domain) continue;
      const key = `${p.policyDomain}\u0000${p.policyType}`;
      let t = tls.get(key);
      if (!t) {
        t = {
          policyDomain: p.policyDomain,
          policyType: p.policyType,
          reports: 0,
          successful: 0,
          failed: 0,
          failures: [],
          _f: new Map(),
        };
        tls.set(key, t);
      }
      t.reports++;
      t.successful += p.successful;
      t.failed += p.failed;
      for (const f of p.failures) {
        const fk = `${f.resultType}\u0000${f.receivingMxHostname ?? ''}`;
        t._f.set(fk, (t._f.get(fk) ?? 0) + f.count);
      }
    }
  }
  for (const { _f, ...t } of [...tls.values()].sort((a, b) =>
    a.policyDomain < b.policyDomain
      ? -1
      : a.policyDomain > b.policyDomain
        ? 1
        : a.policyType < b.policyType
          ? -1
          : 1,
  )) {
    t.failures = [..._f]
      .map(([k, sessions]) => {
        const [resultType, mxHost] = k.split('\u0000');
        return { resultType: resultType ?? '', mxHost: mxHost ?? '', sessions };
      })
      .sort((a, b) => b.sessions - a.sessions || (a.resultType < b.resultType ? -1 : 1));
    out.tls.push(t);
  }
  return out;
}
