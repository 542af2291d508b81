/**
 * Reads SMTP TLS reports (RFC 8460 §4: JSON, `application/tlsrpt+json`). A report is small (one per policy
 * domain and day), so it is parsed whole, within a size limit set by the caller.
 *
 * @module
 */

import { ReportReadError } from './errors.js';
import {
  checkReportedCount,
  MAX_FREE_TEXT_CHARS,
  MAX_NAME_CHARS,
  MAX_REPORTED_COUNT_TEXT,
} from './limits.js';
import { checkReportPeriod } from './period.js';
import type { TlsPolicyResult, TlsReport, ToleranceCounts } from './types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A session count: a whole number of zero or more, at most `MAX_REPORTED_COUNT` (`1e300` and `2**70` are
 * whole numbers to JavaScript, but no real count); `null` when absent or not a number.
 * @throws {@link ReportReadError} `invalid-report` for a number over the bound.
 */
function count(input: string, where: string, v: unknown): number | null {
  const n = checkReportedCount(v);
  if (n === 'over-limit')
    throw new ReportReadError(
      input,
      'invalid-report',
      `${where} is over ${MAX_REPORTED_COUNT_TEXT} (not a plausible session count)`,
    );
  return n === 'not-a-number' ? null : n;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * A name or identifier (organisation, report id, contact, policy domain, MX host, addresses, result type,
 * reason code): at most `MAX_NAME_CHARS`, else the report is refused.
 * @throws {@link ReportReadError} `invalid-report`.
 */
function name(input: string, where: string, v: unknown): string | undefined {
  const t = str(v);
  if (t !== undefined && t.length > MAX_NAME_CHARS)
    throw new ReportReadError(
      input,
      'invalid-report',
      `${where} is over ${MAX_NAME_CHARS.toLocaleString('en-US')} characters (${t.length.toLocaleString('en-US')}): no real report has such a value`,
    );
  return t;
}

function seconds(v: unknown): number {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? Math.floor(t / 1000) : NaN;
}

/** True when parsed JSON looks like an RFC 8460 report (has `policies` and `report-id` or `organization-name`). */
export function isTlsReportJson(v: unknown): boolean {
  return isObject(v) && Array.isArray(v.policies) && ('report-id' in v || 'organization-name' in v);
}

/**
 * Reads an RFC 8460 report from its JSON text.
 *
 * @param input the input's name, for errors.
 * @throws {@link ReportReadError} `json` (not JSON), `not-a-report` (JSON but not a TLS report) or
 *   `invalid-report` (no report id, no date range, a policy without a domain or counts).
 */
export function parseTlsReport(text: string, input = 'report.json'): TlsReport {
  let v: unknown;
  try {
    v = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new ReportReadError(input, 'json', `not valid JSON (${(e as Error).message})`);
  }
  if (!isTlsReportJson(v))
    throw new ReportReadError(input, 'not-a-report', 'JSON, but not an SMTP TLS report (RFC 8460 §4)');
  const o = v as Json;
  const tolerated: ToleranceCounts = {};
  const reportId = name(input, '"report-id"', o['report-id']) ?? '';
  if (reportId === '')
    throw new ReportReadError(input, 'invalid-report', 'the TLS report has no "report-id"');
  const range = isObject(o['date-range']) ? o['date-range'] : {};
  const period = checkReportPeriod(seconds(range['start-datetime']), seconds(range['end-datetime']), [
    '"start-datetime"',
    '"end-datetime"',
  ]);
  if ('problem' in period)
    throw new ReportReadError(
      input,
      'invalid-report',
      `the TLS report has no valid "date-range" (RFC 3339 times): ${period.problem}`,
    );
  const { begin, end } = period;
  if (period.reversed) tolerated['reversed-date-range'] = 1;
  const policies: TlsPolicyResult[] = [];
  for (const [i, p] of (o.policies as unknown[]).entries()) {
    if (!isObject(p) || !isObject(p.policy) || !isObject(p.summary))
      throw new ReportReadError(input, 'invalid-report', `policies[${i}] has no "policy" or "summary"`);
    const domain = name(input, `policies[${i}] "policy-domain"`, p.policy['policy-domain']);
    const ok = count(
      input,
      `policies[${i}] "total-successful-session-count"`,
      p.summary['total-successful-session-count'],
    );
    const failed = count(
      input,
      `policies[${i}] "total-failure-session-count"`,
      p.summary['total-failure-session-count'],
    );
    if (!domain || ok === null || failed === null)
      throw new ReportReadError(
        input,
        'invalid-report',
        `policies[${i}] lacks "policy-domain" or whole-number session counts`,
      );
    const out: TlsPolicyResult = {
      policyType: name(input, `policies[${i}] "policy-type"`, p.policy['policy-type']) ?? '',
      policyDomain: domain.toLowerCase(),
      successful: ok,
      failed,
      failures: [],
    };
    const mx = name(input, `policies[${i}] "mx-host"`, p.policy['mx-host']);
    if (mx) out.mxHost = mx.toLowerCase();
    let detailSum = 0;
    for (const [j, d] of (Array.isArray(p['failure-details']) ? p['failure-details'] : []).entries()) {
      if (!isObject(d)) continue;
      const at = `policies[${i}] "failure-details"[${j}]`;
      const n = count(input, `${at} "failed-session-count"`, d['failed-session-count']) ?? 0;
      detailSum += n;
      const f: TlsPolicyResult['failures'][number] = {
        resultType: name(input, `${at} "result-type"`, d['result-type']) ?? '',
        count: n,
      };
      const host = name(input, `${at} "receiving-mx-hostname"`, d['receiving-mx-hostname']);
      if (host) f.receivingMxHostname = host.toLowerCase();
      const rip = name(input, `${at} "receiving-ip"`, d['receiving-ip']);
      if (rip) f.receivingIp = rip;
      const sip = name(input, `${at} "sending-mta-ip"`, d['sending-mta-ip']);
      if (sip) f.sendingMtaIp = sip;
      const code = str(d['failure-reason-code']);
      if (code) {
        f.failureReasonCode = code.length > MAX_FREE_TEXT_CHARS ? code.slice(0, MAX_FREE_TEXT_CHARS) : code;
        if (code.length > MAX_FREE_TEXT_CHARS)
          tolerated['long-text-cut'] = (tolerated['long-text-cut'] ?? 0) + 1;
      }
      out.failures.push(f);
    }
    // RFC 8460 §4.4: the details break the failures down; some reporters' details do not add up (mail.ru
    // reports two failed sessions in its details and a total of one). Both numbers are kept; the mismatch is said.
    if (out.failures.length > 0 && detailSum !== failed)
      tolerated['tls-summary-mismatch'] = (tolerated['tls-summary-mismatch'] ?? 0) + 1;
    policies.push(out);
  }
  const report: TlsReport = {
    orgName: name(input, '"organization-name"', o['organization-name']) ?? '',
    reportId,
    begin,
    end,
    policies,
    tolerated,
  };
  const contact = name(input, '"contact-info"', o['contact-info']);
  if (contact) report.contactInfo = contact;
  return report;
}
