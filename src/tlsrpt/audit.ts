/**
 * `auditTlsRpt`: a domain's SMTP TLS Reporting record (RFC 8460 §3) at `_smtp._tls.<domain>`.
 *
 * @module
 */

import type { DnsSource, Resolver } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import { readTaggedRecord } from '../findings/tagged-txt.js';
import { TLSRPT_FINDINGS as F } from './findings.js';
import { isTlsRptRecord, parseTlsRptRecord, type TlsRptUri } from './record.js';

/** Options for {@link auditTlsRpt}. */
export interface TlsRptAuditOptions {
  resolver: Resolver;
}

/**
 * The TLS-RPT section of a domain report.
 * - `status`: `found` (at least one usable `rua` URI; other problems may still be findings), `none` (no
 *   `v=TLSRPTv1` record), `multiple` (several: senders send no reports), `invalid` (no usable `rua`: senders send
 *   no reports), `dns-error`.
 */
export interface TlsRptAudit {
  domain: string;
  status: RecordStatus;
  /** The record, when exactly one was found. */
  record: { name: string; text: string; source?: DnsSource } | null;
  /** The `rua` URIs with their checks. */
  rua: TlsRptUri[];
  findings: Finding[];
}

/**
 * Audits `domain`'s TLS-RPT record. Findings: `tlsrpt.no-record`, `tlsrpt.multiple-records`,
 * `tlsrpt.invalid-record`, `tlsrpt.missing-rua`, `tlsrpt.invalid-rua`, `tlsrpt.dns-error`.
 *
 * @param domain - a normalised domain name.
 * @returns the {@link TlsRptAudit}; never throws.
 */
export async function auditTlsRpt(domain: string, options: TlsRptAuditOptions): Promise<TlsRptAudit> {
  const name = `_smtp._tls.${domain}`;
  const findings: Finding[] = [];
  const o = { domain };
  const out: TlsRptAudit = { domain, status: 'none', record: null, rua: [], findings };
  const cand = await readTaggedRecord(options.resolver, name, isTlsRptRecord, out, {
    label: 'TLS-RPT record',
    version: 'v=TLSRPTv1',
    severalMean: 'senders send no reports',
    findings: F,
  });
  if (!cand) return out;
  out.record = { name, text: cand.text, ...(cand.source ? { source: cand.source } : {}) };
  const evidence = { name, record: cand.text, ...(cand.source ? { source: cand.source } : {}) };
  const parsed = parseTlsRptRecord(cand.text);
  out.rua = parsed.rua;
  for (const e of parsed.errors) findings.push(F.invalidRecord(`${name}: ${e}`, evidence, o));
  if (!parsed.hasRua) findings.push(F.missingRua(`${name} has no rua field`, evidence, o));
  for (const u of parsed.rua)
    if (u.error)
      findings.push(F.invalidRua(`${name}: rua URI "${u.uri}": ${u.error}`, { ...evidence, term: u.uri }, o));
  out.status = parsed.rua.some((u) => !u.error) ? 'found' : 'invalid';
  return out;
}
