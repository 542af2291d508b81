/**
 * CSV rendering of report analysis (RFC 4180, one header line, every field through `csvField`, which also
 * defuses spreadsheet formulas), one table per output: domains for a summary, senders for an inventory, senders
 * to fix for readiness, sender changes for a what-if; and every stored row for `mailgate rua export`.
 *
 * @module
 */

import type { TrafficRow } from '../reports/traffic.js';
import { csvField } from './escape.js';
import type { ReportsOutput } from './reports-view.js';
import { day } from './reports-view.js';

const line = (cells: Array<string | number | null | undefined>) =>
  cells.map((c) => csvField(c ?? '')).join(',');

/** The columns of each CSV table, by output kind. */
export const RUA_CSV_COLUMNS = {
  summary: [
    'domain',
    'from',
    'to',
    'reports',
    'messages',
    'dmarc_pass',
    'dmarc_fail',
    'spf_aligned',
    'dkim_aligned',
    'none',
    'quarantine',
    'reject',
    'sources',
    'published_p',
  ],
  senders: [
    'domain',
    'sender',
    'kind',
    'name',
    'spf_term',
    'messages',
    'dmarc_pass',
    'spf_aligned',
    'dkim_aligned',
    'forwarded',
    'dkim_signers',
    'sources',
    'first_seen',
    'last_seen',
  ],
  readiness: [
    'domain',
    'policy',
    'verdict',
    'affected',
    'affected_legitimate',
    'affected_unauthorized',
    'already_enforced',
    'sender',
    'sender_failing',
    'fixes',
  ],
  whatif: [
    'domain',
    'sender',
    'name',
    'messages',
    'lost',
    'lost_share',
    'weakened',
    'gained',
    'method',
    'subject',
    'before',
    'after',
    'change_messages',
    'cause',
    'cause_file',
    'cause_line',
  ],
  rows: [
    'reporter',
    'report_id',
    'begin',
    'end',
    'domain',
    'source_ip',
    'count',
    'disposition',
    'dkim',
    'spf',
    'header_from',
    'envelope_from',
    'envelope_to',
    'dkim_results',
    'spf_results',
    'reasons',
  ],
} as const;

/** Renders a report-analysis output as CSV (header line first; no trailing newline). */
export function renderReportsCsv(output: ReportsOutput): string {
  const out: string[] = [];
  switch (output.kind) {
    case 'summary':
      out.push(RUA_CSV_COLUMNS.summary.join(','));
      for (const d of output.summary.domains)
        out.push(
          line([
            d.domain,
            day(d.period.from),
            day(d.period.to),
            d.reports,
            d.messages,
            d.dmarcPass,
            d.dmarcFail,
            d.spfAligned,
            d.dkimAligned,
            d.dispositions.none ?? 0,
            d.dispositions.quarantine ?? 0,
            d.dispositions.reject ?? 0,
            d.sources,
            d.policy?.p,
          ]),
        );
      break;
    case 'senders':
      out.push(RUA_CSV_COLUMNS.senders.join(','));
      for (const inv of output.inventory)
        for (const s of inv.senders)
          out.push(
            line([
              inv.domain,
              s.id,
              s.kind,
              s.name,
              s.spf?.term,
              s.messages,
              s.dmarcPass,
              s.spfAligned,
              s.dkimAligned,
              s.forwarded,
              s.dkimSigners.map((d) => `${d.domain}/${d.selector}`).join(' '),
              s.sources.map((x) => x.ip).join(' '),
              day(s.firstSeen),
              day(s.lastSeen),
            ]),
          );
      break;
    case 'readiness':
      out.push(RUA_CSV_COLUMNS.readiness.join(','));
      for (const r of output.readiness)
        for (const t of [r.quarantine, r.reject]) {
          const base = [
            r.domain,
            t.policy,
            t.verdict,
            t.affected,
            t.affectedLegitimate,
            t.affectedUnauthorized,
            t.alreadyEnforced,
          ];
          if (r.fixFirst.length === 0) out.push(line([...base, '', '', '']));
          for (const s of r.fixFirst) out.push(line([...base, s.id, s.failing, s.fixes.join('; ')]));
        }
      break;
    case 'whatif':
      out.push(RUA_CSV_COLUMNS.whatif.join(','));
      for (const d of output.whatif.domains)
        for (const s of d.senders)
          for (const c of s.changes) {
            const causes = c.causes.length > 0 ? c.causes : [undefined];
            for (const x of causes)
              out.push(
                line([
                  d.domain,
                  s.senderId,
                  s.name,
                  s.messages,
                  s.lost,
                  s.lostShare.toFixed(6),
                  s.weakened,
                  s.gained,
                  c.method,
                  c.subject,
                  c.before,
                  c.after,
                  c.messages,
                  x ? `${x.type} ${x.name}` : '',
                  x?.source?.[0]?.file ?? x?.zoneFile,
                  x?.source?.[0]?.line,
                ]),
              );
          }
      break;
  }
  return out.join('\n');
}

/** One CSV line per stored row (for `mailgate rua export`); JSON columns hold the auth results. */
export function rowsCsvHeader(): string {
  return RUA_CSV_COLUMNS.rows.join(',');
}

/** One stored row as a CSV line (see {@link rowsCsvHeader}). */
export function rowCsvLine(r: TrafficRow & { reporter: string; reportId: string }): string {
  return line([
    r.reporter,
    r.reportId,
    r.firstSeen,
    r.lastSeen,
    r.domain,
    r.sourceIp,
    r.count,
    r.disposition,
    r.dkim,
    r.spf,
    r.headerFrom,
    r.envelopeFrom,
    r.envelopeTo,
    r.dkimResults.length > 0 ? JSON.stringify(r.dkimResults) : '',
    r.spfResults.length > 0 ? JSON.stringify(r.spfResults) : '',
    r.reasons.length > 0 ? JSON.stringify(r.reasons) : '',
  ]);
}
