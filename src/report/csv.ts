/**
 * The CSV renderer (RFC 4180): one row per domain, for spreadsheets. Fields from DNS are escaped with
 * {@link csvField} (control characters made visible, formula-like cells prefixed with `'`).
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { viewReport } from '../audit/view.js';
import type { GateResult } from '../policy/gate.js';
import { csvField } from './escape.js';

/** The CSV columns, in order. */
export const CSV_COLUMNS = [
  'domain',
  'checked_at',
  'spf_status',
  'spf_record',
  'spf_lookups',
  'spf_all',
  'dmarc_status',
  'dmarc_record',
  'dmarc_found_at',
  'dmarc_p',
  'dmarc_sp',
  'dmarc_np',
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

/** Options for {@link renderCsv}. */
export interface CsvOptions {
  /** Fills the `policy` and `failed_rules` columns. */
  gate?: GateResult;
}

/**
 * Renders one row per domain, with a header row. Lines end with CRLF (RFC 4180 §2).
 * `dkim_selectors` is `selector:type:bits` (or `selector:status`) joined with spaces; `spf_all` is the result the
 * final `all` gives (`fail` for -all, `softfail` for ~all, `neutral`, `pass`).
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
          : `${s.selector}:${s.status}`,
      )
      .join(' ');
    const cells: (string | number | boolean | undefined)[] = [
      report.domain,
      report.checkedAt,
      v.spf.status,
      v.spf.record,
      v.spf.lookups,
      v.spf.allQualifier === undefined ? '' : ALL_RESULT[v.spf.allQualifier],
      v.dmarc.status,
      v.dmarc.record,
      v.dmarc.name,
      v.dmarc.p,
      v.dmarc.sp,
      v.dmarc.np,
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
