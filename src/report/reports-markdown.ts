/**
 * Markdown rendering of report analysis (GitHub Flavored Markdown, for job summaries and pull-request
 * comments). Every value from a report or DNS goes through `escapeMarkdown` or `markdownCode`.
 *
 * @module
 */

import { recordRefusalText, unlistedRefusals } from '../reports/ingest.js';
import { TOLERANCE_TEXT, type ToleranceKind } from '../reports/types.js';
import { markdownCode as code, escapeMarkdown as md } from './escape.js';
import {
  countOf,
  counts,
  day,
  num,
  percent,
  type ReadinessOutput,
  type ReportsOutput,
  refusedInputs,
  type SendersOutput,
  type SummaryOutput,
  type WhatIfOutput,
} from './reports-view.js';

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

function summaryMd(o: SummaryOutput): string[] {
  const out: string[] = ['## DMARC and SMTP TLS reports', ''];
  const i = o.ingest;
  if (i) {
    out.push(
      `**Ingest:** ${countOf(i.files.total, 'file')} (${num(i.files.read)} read, ${num(i.files.tolerated)} with tolerances, ${num(i.files.refused)} refused); ${countOf(i.aggregate.reports, 'new aggregate report')}, ${countOf(i.aggregate.duplicates, 'duplicate')} skipped; ${countOf(i.aggregate.records, 'record')} (${num(i.aggregate.refusedRecords)} refused); ${countOf(i.tls.reports, 'TLS report')}; ${countOf(i.failureReports, 'failure report')} counted.`,
      '',
    );
    if (i.aggregate.refusedReasons.length > 0) {
      out.push('| Refused records | Why |', '| ---: | --- |');
      for (const r of i.aggregate.refusedReasons) out.push(row([num(r.count), md(recordRefusalText(r))]));
      out.push('');
    }
    const tol = Object.entries(i.tolerated) as [ToleranceKind, number][];
    if (tol.length > 0) {
      out.push('| Tolerated | Times |', '| --- | ---: |');
      for (const [k, n] of tol) out.push(row([md(TOLERANCE_TEXT[k] ?? k), num(n)]));
      out.push('');
    }
    if (i.refused.inputs.length > 0) {
      out.push('| Refused input | Why |', '| --- | --- |');
      for (const r of i.refused.inputs) out.push(row([refusedInputs(r, code), md(r.reason)]));
      const unlisted = unlistedRefusals(i.refused);
      if (unlisted > 0) out.push(row([`… ${num(unlisted)} more`, '']));
      out.push('');
    }
  }
  if (o.summary.domains.length > 0) {
    out.push(
      '| Domain | Period | Reports | Messages | DMARC pass | SPF aligned | DKIM aligned | Dispositions | Published |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    );
    for (const d of o.summary.domains)
      out.push(
        row([
          md(d.domain),
          `${day(d.period.from)} to ${day(d.period.to)}`,
          num(d.reports),
          num(d.messages),
          `${num(d.dmarcPass)} (${percent(d.dmarcPassRate)})`,
          num(d.spfAligned),
          num(d.dkimAligned),
          md(counts(d.dispositions)),
          d.policy ? code(`p=${d.policy.p}${d.policy.testing === 'y' ? ' t=y' : ''}`) : '',
        ]),
      );
    out.push('');
  } else out.push('No aggregate report rows in the period.', '');
  if (o.summary.tls.length > 0) {
    out.push(
      '### SMTP TLS (RFC 8460)',
      '',
      '| Policy domain | Type | Successful | Failed | Failures |',
      '| --- | --- | ---: | ---: | --- |',
    );
    for (const t of o.summary.tls)
      out.push(
        row([
          md(t.policyDomain),
          md(t.policyType),
          num(t.successful),
          num(t.failed),
          t.failures
            .map((f) => `${num(f.sessions)} × ${md(f.resultType)}${f.mxHost ? ` at ${md(f.mxHost)}` : ''}`)
            .join('<br>'),
        ]),
      );
    out.push('');
  }
  return out;
}

function sendersMd(o: SendersOutput): string[] {
  const out: string[] = ['## Sender inventory', ''];
  for (const inv of o.inventory) {
    out.push(
      `### ${md(inv.domain)}`,
      '',
      `${day(inv.period.from)} to ${day(inv.period.to)}: ${num(inv.messages)} messages, DMARC pass ${percent(inv.messages > 0 ? inv.dmarcPass / inv.messages : 0)}.`,
      '',
      '| Sender | Authorized by | Messages | DMARC pass | SPF aligned | DKIM aligned | Forwarded | DKIM signers |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const s of inv.senders) {
      if (s.kind === 'unauthorized') continue;
      out.push(
        row([
          md(s.name),
          s.kind === 'spf'
            ? code(s.spf?.term ?? '')
            : s.kind === 'dkim'
              ? `DKIM ${code(`d=${s.dkimSigners[0]?.domain ?? ''}`)}`
              : `SPF for ${md(s.mailFrom[0]?.domain ?? '')}`,
          num(s.messages),
          percent(s.dmarcPassRate),
          num(s.spfAligned),
          num(s.dkimAligned),
          num(s.forwarded),
          s.dkimSigners.map((d) => code(`d=${d.domain}${d.selector ? ` s=${d.selector}` : ''}`)).join(' '),
        ]),
      );
    }
    out.push('');
    if (inv.unauthorized.length > 0) {
      out.push(
        '| Unauthorized source | Messages | SPF | Dispositions | Last seen |',
        '| --- | ---: | --- | --- | --- |',
      );
      for (const u of inv.unauthorized.slice(0, 20))
        out.push(row([code(u.ip), num(u.messages), md(u.spf), md(counts(u.dispositions)), day(u.lastSeen)]));
      if (inv.unauthorized.length > 20)
        out.push(row([`… ${num(inv.unauthorized.length - 20)} more`, '', '', '', '']));
      out.push('');
    }
  }
  return out;
}

function readinessMd(o: ReadinessOutput): string[] {
  const out: string[] = ['## DMARC enforcement readiness', ''];
  for (const r of o.readiness) {
    out.push(
      `### ${md(r.domain)}`,
      '',
      '| Policy | Verdict | Affected | Legitimate | Unauthorized | Already enforced |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
    );
    for (const t of [r.quarantine, r.reject])
      out.push(
        row([
          code(`p=${t.policy}`),
          t.verdict === 'ready' ? 'ready' : '**not ready**',
          num(t.affected),
          `${num(t.affectedLegitimate)} (${percent(t.legitimateShare)})`,
          num(t.affectedUnauthorized),
          num(t.alreadyEnforced),
        ]),
      );
    out.push('');
    if (r.fixFirst.length > 0) {
      out.push('Fix first:', '');
      for (const s of r.fixFirst) {
        out.push(
          `- **${md(s.name)}**: ${num(s.failing)} of ${num(s.messages)} messages fail DMARC (${percent(s.failingShare)})`,
        );
        for (const f of s.fixes) out.push(`  - ${md(f)}`);
      }
      out.push('');
    }
  }
  return out;
}

function whatIfMd(o: WhatIfOutput): string[] {
  const w = o.whatif;
  const out: string[] = [
    '## What-if on reported traffic',
    '',
    `Proposed: ${o.proposed.map(code).join(', ') || 'none'}; ${num(w.totals.messages)} reported messages replayed; ${num(w.totals.lost)} would go from DMARC pass to fail.`,
    '',
  ];
  const rows: string[] = [];
  for (const d of w.domains)
    for (const s of d.senders) {
      const causes = s.changes.flatMap((c) =>
        c.causes.map(
          (x) =>
            `${code(`${x.type} ${x.name}`)}${x.source?.[0] ? ` (${md(`${x.source[0].file}:${x.source[0].line}`)})` : x.zoneFile ? ` (${md(x.zoneFile)})` : ''}`,
        ),
      );
      rows.push(
        row([
          md(d.domain),
          md(s.name),
          num(s.lost),
          percent(s.lostShare),
          num(s.weakened),
          s.changes.map((c) => md(`${c.method} ${c.before} → ${c.after}`)).join('<br>'),
          [...new Set(causes)].join('<br>'),
        ]),
      );
    }
  if (rows.length > 0)
    out.push(
      '| Domain | Sender | Lost | Share | Weakened | Changes | Caused by |',
      '| --- | --- | ---: | ---: | ---: | --- | --- |',
      ...rows,
      '',
    );
  else out.push('No reported sender changes.', '');
  return out;
}

/** Renders a report-analysis output as GitHub Flavored Markdown. */
export function renderReportsMarkdown(output: ReportsOutput): string {
  const lines =
    output.kind === 'summary'
      ? summaryMd(output)
      : output.kind === 'senders'
        ? sendersMd(output)
        : output.kind === 'readiness'
          ? readinessMd(output)
          : whatIfMd(output);
  return lines.join('\n').trimEnd();
}
