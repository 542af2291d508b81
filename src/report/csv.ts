/**
 * The CSV renderer (RFC 4180): one row per domain, for spreadsheets. Fields from DNS are escaped with
 * {@link csvField} (control characters made visible, formula-like cells — starting with `=`, `+`, `-`, `@`, TAB
 * or CR — prefixed with `'`). The columns are {@link CSV_COLUMNS}.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { viewReport } from '../audit/view.js';
import type { GateResult } from '../policy/gate.js';
import { csvField } from './escape.js';

/**
 * The CSV columns, in order. An empty cell means "not applicable / unknown" (no record, DNS trouble, no gate).
 *
 * | Column | Content |
 * | --- | --- |
 * | `domain` | The audited domain (A-labels). |
 * | `checked_at` | When the audit ran (ISO 8601). |
 * | `spf_status` | `found`, `none`, `multiple`, `invalid` or `dns-error`. |
 * | `spf_record` | The SPF record (untrusted DNS text). |
 * | `spf_lookups` | DNS-querying terms over the include tree (RFC 7208 §4.6.4; the limit is 10). |
 * | `spf_void_lookups` | Void lookups met expanding the policy: the larger of the two next columns (RFC 7208 §4.6.4; the limit is 2). |
 * | `spf_void_lookups_ipv4` | Void lookups for an IPv4 client that no term matches. |
 * | `spf_void_lookups_ipv6` | Void lookups for an IPv6 client (an `a` target with A records only is void for it, RFC 7208 §5.3). |
 * | `spf_all` | What the final `all` gives: `fail` (-all), `softfail` (~all), `neutral` (?all), `pass` (+all). |
 * | `dmarc_status` | `found`, `none`, `multiple`, `invalid` or `dns-error`. |
 * | `dmarc_record` | The DMARC Policy Record that applies (untrusted DNS text). |
 * | `dmarc_found_at` | Where it was found (`_dmarc.<domain>`, or the Organizational Domain's / PSD's). |
 * | `dmarc_p` | The policy for mail from the domain itself: `p` of its own record, else the inherited record's `sp` (or `np` when the domain does not exist). |
 * | `dmarc_sp_effective` | The subdomain policy a receiver applies: `sp`, else `p` (RFC 9989 §4.7). |
 * | `dmarc_np_effective` | The non-existent-subdomain policy a receiver applies: `np`, else `sp`, else `p` (always `sp` in RFC 7489 mode). |
 * | `dmarc_sp_published` | The `sp` tag as published in that record; empty when absent (or invalid). |
 * | `dmarc_np_published` | The `np` tag as published in that record; empty when absent (or invalid). |
 * | `dmarc_rua` | The valid aggregate-report URIs, space-separated. |
 * | `dkim_selectors` | `selector:type:bits` (or `selector:status`), space-separated. |
 * | `mta_sts_mode` | `enforce`, `testing` or `none`, when MTA-STS was audited. |
 * | `errors`, `warnings`, `infos` | Finding counts (after the policy gate's suppressions when gated). |
 * | `dns_trouble` | `true` when a TIMEOUT/SERVFAIL/REFUSED left a check undecided. |
 * | `policy` | The gate status (`passed`, `failed`, `undetermined`), when gated. |
 * | `failed_rules` | Failed gate rules (or finding ids), space-separated. |
 * | `finding_ids` | The distinct finding ids, space-separated. |
 */
export const CSV_COLUMNS = [
  'domain',
  'checked_at',
  'spf_status',
  'spf_record',
  'spf_lookups',
  'spf_void_lookups',
  'spf_void_lookups_ipv4',
  'spf_void_lookups_ipv6',
  'spf_all',
  'dmarc_status',
  'dmarc_record',
  'dmarc_found_at',
  'dmarc_p',
  'dmarc_sp_effective',
  'dmarc_np_effective',
  'dmarc_sp_published',
  'dmarc_np_published',
  'dmarc_rua',
  'dkim_selectors',
  'mta_sts_mode',
  'errors',
  'warnings',
  'infos',
  'dns_trouble',
  'policy',
  'failed_rules',
  'finding_ids',
] as const;

const ALL_RESULT = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' } as const;

/**
 * `spf_void_lookups`, `_ipv4`, `_ipv6`: empty, like `spf_lookups`, when no single usable SPF record was expanded
 * (none, several, DNS trouble).
 */
function voidLookupCells(report: DomainReport, counted: boolean): (number | undefined)[] {
  if (!counted) return [undefined, undefined, undefined];
  const spf = report.spf;
  return [spf.voidLookups, spf.voidLookupsByFamily.ipv4, spf.voidLookupsByFamily.ipv6];
}

/** Options for {@link renderCsv}. */
export interface CsvOptions {
  /** Fills the `policy` and `failed_rules` columns. */
  gate?: GateResult;
}

/**
 * Renders one row per domain, with a header row ({@link CSV_COLUMNS}, which documents each column). Lines end
 * with CRLF (RFC 4180 §2). Every cell goes through {@link csvField}, so untrusted DNS text cannot start a formula
 * or break a row.
 */
export function renderCsv(reports: readonly DomainReport[], options: CsvOptions = {}): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const report of reports) {
    const v = viewReport(report);
    const g = options.gate?.domains.find((d) => d.domain === report.domain);
    const counts = g ? g.counts : report.summary;
    const findings = g ? g.findings : report.findings;
    const dkim = v.dkim
      .map((s) =>
        s.status === 'found'
          ? `${s.selector}:${s.keyType ?? 'rsa'}:${s.bits ?? '?'}`
          : `${s.selector}:${s.statusDetail ?? s.status}`,
      )
      .join(' ');
    const cells: (string | number | boolean | undefined)[] = [
      report.domain,
      report.checkedAt,
      v.spf.status,
      v.spf.record,
      v.spf.lookups,
      ...voidLookupCells(report, v.spf.voidLookups !== undefined),
      v.spf.allQualifier === undefined ? '' : ALL_RESULT[v.spf.allQualifier],
      v.dmarc.status,
      v.dmarc.record,
      v.dmarc.name,
      v.dmarc.p,
      report.dmarc.effective?.sp,
      report.dmarc.effective?.np,
      report.dmarc.record?.published.sp,
      report.dmarc.record?.published.np,
      v.dmarc.rua.join(' '),
      dkim,
      v.mtaSts?.mode,
      counts.errors,
      counts.warnings,
      counts.infos,
      report.summary.dnsTrouble,
      g?.status,
      g?.rules
        .filter((r) => r.outcome === 'fail')
        .map((r) => (r.rule === 'finding' ? r.id : r.rule))
        .join(' '),
      [...new Set(findings.map((f) => f.id))].join(' '),
    ];
    rows.push(cells.map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
