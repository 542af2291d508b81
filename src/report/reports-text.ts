/**
 * Text rendering of report analysis (`mailgate rua ... --format text`): for a terminal, with optional ANSI
 * colour. Report and DNS text is passed through `escapeControl`, so no escape sequence from a report reaches
 * the terminal.
 *
 * @module
 */

import { recordRefusalText, refusalText, unlistedRefusals } from '../reports/ingest.js';
import { TOLERANCE_TEXT, type ToleranceKind } from '../reports/types.js';
import { escapeControl } from './escape.js';
import { type Paint, painter } from './paint.js';
import {
  countOf,
  counts,
  day,
  ignoredRowsText,
  num,
  percent,
  type ReadinessOutput,
  type ReportsOutput,
  type SendersOutput,
  type SummaryOutput,
  type WhatIfOutput,
} from './reports-view.js';

const e = escapeControl;

/** Pads a table: columns left-aligned, except numeric-looking ones (right-aligned). */
function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  return rows.map((r) =>
    r
      .map((c, i) =>
        /^[\d,. %-]+$/.test(c) && i > 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function summaryText(o: SummaryOutput, paint: Paint): string[] {
  const out: string[] = [];
  const i = o.ingest;
  if (i) {
    out.push(paint('Ingest', 'bold'));
    out.push(
      `  files: ${num(i.files.total)} (${num(i.files.read)} read, ${num(i.files.tolerated)} with tolerances, ${num(i.files.refused)} refused)`,
      `  aggregate reports: ${num(i.aggregate.reports)} new, ${num(i.aggregate.duplicates)} duplicate (skipped), ${num(i.aggregate.tolerated)} with tolerances`,
      `  records: ${num(i.aggregate.records)} read (${num(i.aggregate.toleratedRecords)} tolerated), ${num(i.aggregate.refusedRecords)} refused; ${countOf(i.aggregate.messages, 'message')}`,
      ...i.aggregate.refusedReasons.map((r) => `    ${num(r.count)} refused: ${e(recordRefusalText(r))}`),
      `  SMTP TLS reports: ${num(i.tls.reports)} new, ${num(i.tls.duplicates)} duplicate; failure (ruf) reports: ${num(i.failureReports)} (counted, not analysed)`,
    );
    const tol = Object.entries(i.tolerated) as [ToleranceKind, number][];
    if (tol.length > 0) {
      out.push('  tolerated:');
      for (const [k, n] of tol) out.push(`    ${num(n)} × ${TOLERANCE_TEXT[k] ?? k}`);
    }
    if (i.refused.total > 0) {
      out.push(paint(`  refused: ${num(i.refused.total)}`, 'yellow'));
      for (const r of i.refused.inputs) out.push(`    ${e(refusalText(r))}`);
      const unlisted = unlistedRefusals(i.refused);
      if (unlisted > 0) out.push(`    … and ${num(unlisted)} more`);
    }
    out.push('');
  }
  if (o.store) {
    const s = o.store;
    out.push(
      `${paint('Store', 'bold')}: ${countOf(s.aggregateReports, 'aggregate report')}, ${countOf(s.rows, 'row')}${ignoredRowsText(s)}, ${countOf(s.messages, 'message')}, ${countOf(s.tlsReports, 'TLS report')}, ${countOf(s.failureReports, 'failure report')}; ${day(s.firstBegin ?? 0)} to ${day(s.lastEnd ?? 0)}`,
      '',
    );
  }
  const sum = o.summary;
  if (sum.domains.length === 0) out.push('No aggregate report rows in the period.');
  for (const d of sum.domains) {
    out.push(paint(`${e(d.domain)}`, 'bold') + `  ${day(d.period.from)} to ${day(d.period.to)}`);
    if (d.policy)
      out.push(
        `  published: p=${e(d.policy.p)}${d.policy.sp ? ` sp=${e(d.policy.sp)}` : ''}${d.policy.pct !== undefined ? ` pct=${d.policy.pct}` : ''}${d.policy.testing === 'y' ? ' t=y' : ''} (latest report, ${day(d.policy.seenAt)})`,
      );
    out.push(
      `  ${countOf(d.reports, 'report')} from ${countOf(d.reporters.length, 'reporter')} (${d.reporters
        .slice(0, 5)
        .map((r) => e(r.name))
        .join(', ')}${d.reporters.length > 5 ? ', …' : ''})`,
      `  ${countOf(d.messages, 'message')} from ${countOf(d.sources, 'source')}: DMARC pass ${num(d.dmarcPass)} (${percent(d.dmarcPassRate)}), fail ${num(d.dmarcFail)}`,
      `  aligned: SPF ${num(d.spfAligned)}, DKIM ${num(d.dkimAligned)}; dispositions: ${counts(d.dispositions)}`,
    );
    if (Object.keys(d.overrides).length > 0) out.push(`  receiver overrides: ${e(counts(d.overrides))}`);
    out.push('');
  }
  if (sum.tls.length > 0) {
    out.push(paint('SMTP TLS (RFC 8460)', 'bold'));
    for (const t of sum.tls) {
      out.push(
        `  ${e(t.policyDomain)} (${e(t.policyType)}): ${num(t.successful)} successful, ${num(t.failed)} failed sessions in ${countOf(t.reports, 'report')}`,
      );
      for (const f of t.failures)
        out.push(`    ${num(f.sessions)} × ${e(f.resultType)}${f.mxHost ? ` at ${e(f.mxHost)}` : ''}`);
    }
    out.push('');
  }
  const ruf = Object.entries(sum.failureReports);
  if (ruf.length > 0)
    out.push(
      `Failure (ruf) reports: ${ruf.map(([d, n]) => `${e(d || '(unknown domain)')} ${num(n)}`).join(', ')}`,
    );
  return out;
}

function sendersText(o: SendersOutput, paint: Paint): string[] {
  const out: string[] = [];
  if (o.inventory.length === 0) out.push('No aggregate report rows in the period.');
  for (const inv of o.inventory) {
    out.push(
      `${paint(e(inv.domain), 'bold')}  ${day(inv.period.from)} to ${day(inv.period.to)}: ${num(inv.messages)} messages, DMARC pass ${percent(inv.messages > 0 ? inv.dmarcPass / inv.messages : 0)}`,
    );
    const rows: string[][] = [
      ['sender', 'authorized by', 'messages', 'DMARC pass', 'SPF al.', 'DKIM al.', 'forwarded', 'last seen'],
    ];
    for (const s of inv.senders) {
      if (s.kind === 'unauthorized') continue;
      const by =
        s.kind === 'spf'
          ? `SPF ${s.spf?.term ?? ''}`
          : s.kind === 'dkim'
            ? `DKIM d=${s.dkimSigners[0]?.domain ?? ''}`
            : `SPF for ${s.mailFrom[0]?.domain ?? ''} (not ${inv.domain})`;
      rows.push([
        e(s.name),
        e(by),
        num(s.messages),
        percent(s.dmarcPassRate),
        num(s.spfAligned),
        num(s.dkimAligned),
        num(s.forwarded),
        day(s.lastSeen),
      ]);
    }
    for (const line of table(rows)) out.push(`  ${line}`);
    for (const s of inv.senders) {
      if (s.kind === 'unauthorized' || s.dkimSigners.length === 0) continue;
      out.push(
        `  ${paint(e(s.name), 'dim')}: DKIM ${s.dkimSigners.map((d) => `d=${e(d.domain)}${d.selector ? ` s=${e(d.selector)}` : ''} (${num(d.messages)})`).join(', ')}`,
      );
    }
    const total = inv.unauthorized.reduce((n, u) => n + u.messages, 0);
    if (inv.unauthorized.length > 0) {
      out.push(
        paint(
          `  unauthorized: ${num(total)} messages from ${num(inv.unauthorized.length)} sources`,
          'yellow',
        ),
      );
      const rows = [['source', 'messages', 'SPF', 'dispositions', 'last seen']];
      for (const u of inv.unauthorized.slice(0, 10))
        rows.push([e(u.ip), num(u.messages), e(u.spf), counts(u.dispositions), day(u.lastSeen)]);
      for (const line of table(rows)) out.push(`    ${line}`);
      if (inv.unauthorized.length > 10)
        out.push(`    … and ${num(inv.unauthorized.length - 10)} more sources`);
    }
    if (inv.undetermined.length > 0)
      out.push(
        paint(
          `  ${inv.undetermined.length} source(s) could not be attributed (DNS trouble): ${inv.undetermined.slice(0, 5).map(e).join(', ')}`,
          'yellow',
        ),
      );
    out.push('');
  }
  return out;
}

function readinessText(o: ReadinessOutput, paint: Paint): string[] {
  const out: string[] = [];
  if (o.readiness.length === 0) out.push('No aggregate report rows in the period.');
  for (const r of o.readiness) {
    out.push(
      `${paint(e(r.domain), 'bold')}  ${day(r.period.from)} to ${day(r.period.to)}: ${num(r.messages)} messages`,
    );
    if (r.current)
      out.push(
        `  in force: p=${e(r.current.p)}${r.current.testing === 'y' ? ' t=y (receivers apply one level lower)' : ''}${r.current.pct !== undefined && r.current.pct < 100 ? ` pct=${r.current.pct}` : ''}`,
      );
    for (const t of [r.quarantine, r.reject]) {
      const verdict = t.verdict === 'ready' ? paint('ready', 'green') : paint('not ready', 'red');
      out.push(
        `  p=${t.policy}: ${verdict}: ${num(t.affected)} messages affected (${num(t.affectedLegitimate)} legitimate, ${percent(t.legitimateShare)}; ${num(t.affectedUnauthorized)} unauthorized), ${num(t.alreadyEnforced)} already ${t.policy === 'reject' ? 'rejected' : 'quarantined or rejected'}${t.overridden > 0 ? `, ${num(t.overridden)} exempted by receivers` : ''}${t.affectedIfTestingKept !== undefined ? `; with t=y kept: ${num(t.affectedIfTestingKept)}` : ''}`,
      );
    }
    if (r.fixFirst.length > 0) {
      out.push('  fix first:');
      for (const s of r.fixFirst) {
        out.push(
          `    ${e(s.name)}: ${num(s.failing)} of ${num(s.messages)} messages fail DMARC (${percent(s.failingShare)})${s.forwardedFailing > 0 ? `, ${num(s.forwardedFailing)} of them forwarded` : ''}`,
        );
        for (const f of s.fixes) out.push(`      - ${e(f)}`);
      }
    }
    out.push(`  unauthorized (what enforcement stops): ${num(r.unauthorized)} messages`, '');
  }
  out.push(
    `Ready means at most ${percent(o.maxLegitimateShare)} of the messages are legitimate mail that would be affected.`,
  );
  return out;
}

function cause(
  c: WhatIfOutput['whatif']['domains'][number]['senders'][number]['changes'][number]['causes'][number],
): string {
  const where = c.source?.[0]
    ? ` (${c.source[0].file}:${c.source[0].line})`
    : c.zoneFile
      ? ` (${c.zoneFile})`
      : '';
  const text = (v: string[] | { failure: string }) =>
    Array.isArray(v) ? v.map((x) => `"${x}"`).join(' ') : v.failure;
  return `${c.type} ${c.name}${where}: ${text(c.before)} → ${text(c.after)}`;
}

function whatIfText(o: WhatIfOutput, paint: Paint): string[] {
  const out: string[] = [];
  const w = o.whatif;
  out.push(
    `What-if: ${o.proposed.map(e).join(', ') || '(no proposed zone)'} replayed against ${num(w.totals.messages)} reported messages (${num(w.replays)} distinct replays)`,
  );
  for (const d of w.domains) {
    const lost =
      d.lost > 0
        ? paint(`${num(d.lost)} messages would fail DMARC (${percent(d.lostShare)})`, 'red')
        : paint('no reported message would go from pass to fail', 'green');
    out.push(
      '',
      `${paint(e(d.domain), 'bold')}: ${lost}${d.gained > 0 ? `; ${num(d.gained)} would newly pass` : ''}${d.undetermined > 0 ? paint(`; ${num(d.undetermined)} undetermined (DNS trouble)`, 'yellow') : ''}`,
    );
    for (const s of d.senders) {
      const head =
        s.lost > 0
          ? `${e(s.name)}: ${num(s.lost)} of ${num(s.messages)} messages go from pass to fail (${percent(s.lostShare)}; the proposed policy says ${s.lostDisposition})`
          : s.weakened > 0
            ? `${e(s.name)}: ${num(s.weakened)} messages still pass, by one method only`
            : `${e(s.name)}: ${num(s.gained)} messages would newly pass`;
      out.push(`  ${head}`);
      for (const c of s.changes) {
        out.push(
          `    ${c.method.toUpperCase()} ${e(c.subject)}: ${c.before} → ${c.after} (${num(c.messages)} messages)`,
        );
        for (const x of c.causes) out.push(`      because ${e(cause(x))}`);
      }
    }
  }
  if (w.uncheckedSignatures > 0)
    out.push(
      '',
      `${num(w.uncheckedSignatures)} messages had DKIM signatures reported without a selector: kept as reported.`,
    );
  return out;
}

/** Renders a report-analysis output as text (no trailing newline). */
export function renderReportsText(output: ReportsOutput, options: { color?: boolean } = {}): string {
  const paint = painter(options.color === true);
  switch (output.kind) {
    case 'summary':
      return summaryText(output, paint).join('\n').trimEnd();
    case 'senders':
      return sendersText(output, paint).join('\n').trimEnd();
    case 'readiness':
      return readinessText(output, paint).join('\n').trimEnd();
    case 'whatif':
      return whatIfText(output, paint).join('\n').trimEnd();
  }
}
