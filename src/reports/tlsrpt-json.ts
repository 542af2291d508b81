/**
 * Reads SMTP TLS reports (RFC 8460 §4: JSON, `application/tlsrpt+json`). A report is small (one per policy
 * domain and day), so it is parsed whole, within a size limit set by the caller.
 *
 * @module
 */

import { ReportReadError } from './errors.js';
import { checkReportPeriod } from './period.js';
import type { TlsPolicyResult, TlsReport, ToleranceCounts } from './types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
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
  const reportId = str(o['report-id']) ?? '';
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
    const domain = str(p.policy['policy-domain']);
    const ok = count(p.summary['total-successful-session-count']);
    const failed = count(p.summary['total-failure-session-count']);
    if (!domain || ok === null || failed === null)
      throw new ReportReadError(
        input,
        'invalid-report',
        `policies[${i}] lacks "policy-domain" or whole-number session counts`,
      );
    const out: TlsPolicyResult = {
      policyType: str(p.policy['policy-type']) ?? '',
      policyDomain: domain.toLowerCase(),
      successful: ok,
      failed,
      failures: [],
    };
    const mx = str(p.policy['mx-host']);
    if (mx) out.mxHost = mx.toLowerCase();
    let detailSum = 0;
    for (const d of Array.isArray(p['failure-details']) ? p['failure-details'] : []) {
      if (!isObject(d)) continue;
      const n = count(d['failed-session-count']) ?? 0;
      detailSum += n;
      const f: TlsPolicyResult['failures'][number] = { resultType: str(d['result-type']) ?? '', count: n };
      const host = str(d['receiving-mx-hostname']);
      if (host) f.receivingMxHostname = host.toLowerCase();
      const rip = str(d['receiving-ip']);
      if (rip) f.receivingIp = rip;
      const sip = str(d['sending-mta-ip']);
      if (sip) f.sendingMtaIp = sip;
      const code = str(d['failure-reason-code']);
      if (code) f.failureReasonCode = code;
      out.failures.push(f);
    }
    // RFC 8460 §4.4: the details break the failures down; some reporters' details do not add up (mail.ru
    // reports two failed sessions in its details and a total of one). Both numbers are kept; the mismatch is said.
    if (out.failures.length > 0 && detailSum !== failed)
      tolerated['tls-summary-mismatch'] = (tolerated['tls-summary-mismatch'] ?? 0) + 1;
    policies.push(out);
  }
  const report: TlsReport = {
    orgName: str(o['organization-name']) ?? '',
    reportId,
    begin,
    end,
    policies,
    tolerated,
  };
  const contact = str(o['contact-info']);
  if (contact) report.contactInfo = contact;
  return report;
}
