/**
 * The HTML pages of `mailgate rua` (DMARC aggregate and SMTP TLS report analysis): the sender inventory (senders
 * by volume with their DMARC pass rate, how each is authorized, unauthorized sources), the what-if of proposed zone
 * files (who would go from DMARC pass to fail, and the zone line that causes it), enforcement readiness, and the
 * period summary. The same self-contained frame as the audit report ({@link htmlDocument}); every value from a
 * report or from DNS is escaped; pass rates are `<meter>` elements with the percentage written beside them.
 *
 * @module
 */

import { recordRefusalText, unlistedRefusals } from '../reports/ingest.js';
import { TOLERANCE_TEXT, type ToleranceKind } from '../reports/types.js';
import type { DnsChange } from '../reports/whatif.js';
import { badge, code, esc, htmlDocument, plural, scrollTable } from './html-layout.js';
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

/** A share (0..1) as a meter and its percentage (the meter is decoration for the number). */
function rate(share: number): string {
  const v = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return `<span class="rate"><meter min="0" max="1" low="0.9" high="0.98" optimum="1" value="${v.toFixed(4)}" aria-hidden="true"></meter> ${percent(v)}</span>`;
}

function table(head: string[], rows: string[], sortable = true): string {
  const th = head
    .map((h) =>
      h.startsWith('#') ? `<th scope="col" class="n">${h.slice(1)}</th>` : `<th scope="col">${h}</th>`,
    )
    .join('');
  return scrollTable(
    `<table${sortable ? ' class="sortable"' : ''}><thead><tr>${th}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

const td = (v: string) => `<td>${v}</td>`;
const tn = (n: number, text = num(n)) => `<td class="n" data-v="${n}">${text}</td>`;

function period(p: { from: number; to: number }): string {
  return `${day(p.from)} to ${day(p.to)}`;
}

function section(id: string, title: string, body: string[]): string {
  return `<section class="card" id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h"><bdi>${title}</bdi></h2>${body.join('\n')}</section>`;
}

function sendersBody(o: SendersOutput): string[] {
  if (o.inventory.length === 0) return ['<p>No aggregate report rows in the period.</p>'];
  return o.inventory.map((inv, i) => {
    const body: string[] = [];
    const passRate = inv.messages > 0 ? inv.dmarcPass / inv.messages : 0;
    body.push(
      `<p>${period(inv.period)}: <strong>${num(inv.messages)}</strong> messages, DMARC pass ${rate(passRate)}</p>`,
    );
    const rows = inv.senders
      .filter((s) => s.kind !== 'unauthorized')
      .map((s) => {
        const by =
          s.kind === 'spf'
            ? `SPF ${code(s.spf?.term ?? '')}`
            : s.kind === 'dkim'
              ? `DKIM ${code(`d=${s.dkimSigners[0]?.domain ?? ''}`)}`
              : `SPF for ${code(s.mailFrom[0]?.domain ?? '')} <span class="sub">(not the domain)</span>`;
        const signers = s.dkimSigners
          .map((d) => code(`d=${d.domain}${d.selector ? ` s=${d.selector}` : ''}`))
          .join(' ');
        return `<tr><th scope="row"><bdi>${esc(s.name)}</bdi></th>${td(by)}${tn(s.messages)}<td data-v="${s.dmarcPassRate}">${rate(s.dmarcPassRate)}</td>${tn(s.spfAligned)}${tn(s.dkimAligned)}${tn(s.forwarded)}${td(signers)}${td(day(s.lastSeen))}</tr>`;
      });
    body.push(
      '<h3>Senders</h3>',
      rows.length > 0
        ? table(
            [
              'Sender',
              'Authorized by',
              '#Messages',
              'DMARC pass',
              '#SPF aligned',
              '#DKIM aligned',
              '#Forwarded',
              'DKIM signers',
              'Last seen',
            ],
            rows,
          )
        : '<p>No authorized sender in the period.</p>',
    );
    if (inv.unauthorized.length > 0) {
      const total = inv.unauthorized.reduce((n, u) => n + u.messages, 0);
      const shown = inv.unauthorized.slice(0, 50);
      body.push(
        `<h3>Unauthorized sources</h3><p>${badge('warn', `${num(total)} messages`)} from ${plural(inv.unauthorized.length, 'source')} that neither the SPF record nor an aligned DKIM signature authorizes (spoofing, or a sender to add).</p>`,
        table(
          ['Source', '#Messages', 'SPF', 'Dispositions', 'Header From', 'Last seen'],
          shown.map(
            (u) =>
              `<tr><th scope="row">${code(u.ip)}</th>${tn(u.messages)}${td(esc(u.spf))}${td(esc(counts(u.dispositions)))}${td(u.headerFrom.map((h) => code(h)).join(' '))}${td(day(u.lastSeen))}</tr>`,
          ),
        ),
      );
      if (inv.unauthorized.length > shown.length)
        body.push(
          `<p class="sub">… and ${num(inv.unauthorized.length - shown.length)} more sources (see the JSON or CSV output).</p>`,
        );
    }
    if (inv.undetermined.length > 0)
      body.push(
        `<p>${badge('dns', 'DNS trouble')} ${plural(inv.undetermined.length, 'source')} could not be attributed: ${inv.undetermined
          .slice(0, 10)
          .map((x) => code(x))
          .join(' ')}${inv.undetermined.length > 10 ? ' …' : ''}</p>`,
      );
    return section(`r-${i + 1}`, esc(inv.domain), body);
  });
}

function dnsValue(v: string[] | { failure: string }): string {
  return Array.isArray(v)
    ? v.length > 0
      ? v.map((x) => code(x)).join(' ')
      : '<span class="sub">nothing</span>'
    : esc(v.failure);
}

function cause(c: DnsChange): string {
  const where = c.source?.[0]
    ? `<div class="zf">${esc(c.source[0].file)}:${c.source[0].line}</div>`
    : c.zoneFile
      ? `<div class="zf">${esc(c.zoneFile)}</div>`
      : '';
  return `<li>${code(`${c.type} ${c.name}`)}: ${dnsValue(c.before)} → ${dnsValue(c.after)}${where}</li>`;
}

function whatIfBody(o: WhatIfOutput): string[] {
  const w = o.whatif;
  const out: string[] = [];
  out.push(
    `<p>Proposed: ${o.proposed.map((p) => code(p)).join(', ') || 'none'}; ${num(w.totals.messages)} reported messages replayed (${num(w.replays)} distinct replays).</p>`,
  );
  out.push(
    `<div class="cards"><div class="s-${w.totals.lost > 0 ? 'err' : 'ok'}"><strong>${num(w.totals.lost)}</strong>${w.totals.lost > 0 ? '✗' : '✓'} would go from DMARC pass to fail</div><div class="s-${w.totals.gained > 0 ? 'ok' : 'none'}"><strong>${num(w.totals.gained)}</strong>would newly pass</div><div class="s-${w.totals.undetermined > 0 ? 'dns' : 'none'}"><strong>${num(w.totals.undetermined)}</strong>undetermined (DNS trouble)</div></div>`,
  );
  const rows: string[] = [];
  for (const d of w.domains)
    for (const s of d.senders) {
      const changes = s.changes
        .map(
          (c) =>
            `<li>${esc(c.method.toUpperCase())} <bdi>${esc(c.subject)}</bdi>: ${esc(c.before)} → ${esc(c.after)} <span class="sub">(${num(c.messages)} messages)</span><ul>${c.causes.map(cause).join('')}</ul></li>`,
        )
        .join('');
      const state =
        s.lost > 0
          ? badge('err', 'loses DMARC pass')
          : s.weakened > 0
            ? badge('warn', 'weakened')
            : badge('ok', 'gains');
      rows.push(
        `<tr><th scope="row"><bdi>${esc(s.name)}</bdi><br><span class="sub">${esc(d.domain)}</span></th><td>${state}</td>${tn(s.messages)}${tn(s.lost)}${tn(s.lostShare, percent(s.lostShare))}${tn(s.weakened)}<td><ul>${changes}</ul></td></tr>`,
      );
    }
  out.push(
    rows.length > 0
      ? table(
          [
            'Sender',
            'Effect',
            '#Messages',
            '#Lost',
            '#Share',
            '#Weakened',
            'Changes, and the DNS change that causes each',
          ],
          rows,
        )
      : `<p>${badge('ok', 'no change')} No reported sender would change.</p>`,
  );
  if (w.uncheckedSignatures > 0)
    out.push(
      `<p class="sub">${num(w.uncheckedSignatures)} messages had DKIM signatures reported without a selector: kept as reported.</p>`,
    );
  if (o.findings.length > 0)
    out.push(
      `<h3>Findings</h3><ul>${o.findings.map((f) => `<li>${code(f.id)} <bdi>${esc(f.message)}</bdi></li>`).join('')}</ul>`,
    );
  return [section('whatif', 'What-if on reported traffic', out)];
}

function readinessBody(o: ReadinessOutput): string[] {
  if (o.readiness.length === 0) return ['<p>No aggregate report rows in the period.</p>'];
  return o.readiness
    .map((r, i) => {
      const body: string[] = [
        `<p>${period(r.period)}: <strong>${num(r.messages)}</strong> messages.${r.current ? ` In force: ${code(`p=${r.current.p}${r.current.testing === 'y' ? ' t=y' : ''}${r.current.pct !== undefined && r.current.pct < 100 ? ` pct=${r.current.pct}` : ''}`)}` : ''}</p>`,
      ];
      const rows = [r.quarantine, r.reject].map(
        (t) =>
          `<tr><th scope="row">${code(`p=${t.policy}`)}</th><td>${t.verdict === 'ready' ? badge('ok', 'ready') : badge('err', 'not ready')}</td>${tn(t.affected)}${tn(t.affectedLegitimate)}${tn(t.legitimateShare, percent(t.legitimateShare))}${tn(t.affectedUnauthorized)}${tn(t.alreadyEnforced)}</tr>`,
      );
      body.push(
        table(
          ['Policy', 'Verdict', '#Affected', '#Legitimate', '#Share', '#Unauthorized', '#Already enforced'],
          rows,
          false,
        ),
      );
      if (r.fixFirst.length > 0)
        body.push(
          `<h3>Fix first</h3><ol>${r.fixFirst
            .map(
              (s) =>
                `<li><strong><bdi>${esc(s.name)}</bdi></strong>: ${num(s.failing)} of ${num(s.messages)} messages fail DMARC (${percent(s.failingShare)})${s.forwardedFailing > 0 ? `, ${num(s.forwardedFailing)} of them forwarded` : ''}<ul>${s.fixes.map((f) => `<li>${esc(f)}</li>`).join('')}</ul></li>`,
            )
            .join('')}</ol>`,
        );
      return section(`r-${i + 1}`, esc(r.domain), body);
    })
    .concat(
      `<p class="sub">Ready means at most ${percent(o.maxLegitimateShare)} of the messages are legitimate mail that would be affected.</p>`,
    );
}

function summaryBody(o: SummaryOutput): string[] {
  const out: string[] = [];
  const i = o.ingest;
  if (i) {
    const body = [
      `<p>${countOf(i.files.total, 'file')}: ${num(i.files.read)} read, ${num(i.files.tolerated)} with tolerances, ${i.files.refused > 0 ? badge('warn', `${num(i.files.refused)} refused`) : '0 refused'}. ${countOf(i.aggregate.reports, 'new aggregate report')} (${countOf(i.aggregate.duplicates, 'duplicate')} skipped), ${countOf(i.aggregate.records, 'record')} (${num(i.aggregate.refusedRecords)} refused), ${countOf(i.tls.reports, 'SMTP TLS report')}, ${countOf(i.failureReports, 'failure report')} counted.</p>`,
    ];
    if (i.aggregate.refusedReasons.length > 0)
      body.push(
        table(
          ['Refused records', '#Records'],
          i.aggregate.refusedReasons.map(
            (r) => `<tr><th scope="row">${esc(recordRefusalText(r))}</th>${tn(r.count)}</tr>`,
          ),
          false,
        ),
      );
    const tol = Object.entries(i.tolerated) as [ToleranceKind, number][];
    if (tol.length > 0)
      body.push(
        table(
          ['Tolerated', '#Times'],
          tol.map(([k, n]) => `<tr><th scope="row">${esc(TOLERANCE_TEXT[k] ?? k)}</th>${tn(n)}</tr>`),
          false,
        ),
      );
    if (i.refused.inputs.length > 0)
      body.push(
        table(
          ['Refused input', 'Why'],
          i.refused.inputs.map(
            (r) => `<tr><th scope="row">${refusedInputs(r, code)}</th>${td(esc(r.reason))}</tr>`,
          ),
          false,
        ),
        unlistedRefusals(i.refused) > 0
          ? `<p class="sub">… and ${num(unlistedRefusals(i.refused))} more.</p>`
          : '',
      );
    out.push(section('ingest', 'Ingest', body));
  }
  const s = o.summary;
  const rows = s.domains.map(
    (d) =>
      `<tr><th scope="row"><bdi>${esc(d.domain)}</bdi></th>${td(period(d.period))}${tn(d.reports)}${tn(d.messages)}<td data-v="${d.dmarcPassRate}">${rate(d.dmarcPassRate)}</td>${tn(d.spfAligned)}${tn(d.dkimAligned)}${td(esc(counts(d.dispositions)))}${td(d.policy ? code(`p=${d.policy.p}${d.policy.testing === 'y' ? ' t=y' : ''}`) : '')}</tr>`,
  );
  out.push(
    section('domains', 'DMARC aggregate reports', [
      rows.length > 0
        ? table(
            [
              'Domain',
              'Period',
              '#Reports',
              '#Messages',
              'DMARC pass',
              '#SPF aligned',
              '#DKIM aligned',
              'Dispositions',
              'Published',
            ],
            rows,
          )
        : '<p>No aggregate report rows in the period.</p>',
    ]),
  );
  if (s.tls.length > 0)
    out.push(
      section('tls', 'SMTP TLS (RFC 8460)', [
        table(
          ['Policy domain', 'Type', '#Successful', '#Failed', 'Failures'],
          s.tls.map(
            (t) =>
              `<tr><th scope="row"><bdi>${esc(t.policyDomain)}</bdi></th>${td(esc(t.policyType))}${tn(t.successful)}${tn(t.failed)}${td(t.failures.map((f) => `${num(f.sessions)} × ${esc(f.resultType)}${f.mxHost ? ` at ${code(f.mxHost)}` : ''}`).join('<br>'))}</tr>`,
          ),
        ),
      ]),
    );
  return out;
}

const TITLES = {
  summary: 'DMARC and SMTP TLS reports',
  senders: 'Sender inventory',
  readiness: 'DMARC enforcement readiness',
  whatif: 'What-if on reported traffic',
} as const;

/**
 * Renders a report-analysis output (`mailgate rua summary|senders|readiness|whatif|ingest --format html`) as one
 * self-contained HTML document.
 * @returns the complete document, ending with a newline.
 */
export function renderReportsHtml(output: ReportsOutput): string {
  const body =
    output.kind === 'summary'
      ? summaryBody(output)
      : output.kind === 'senders'
        ? sendersBody(output)
        : output.kind === 'readiness'
          ? readinessBody(output)
          : whatIfBody(output);
  const title = `mailgate: ${TITLES[output.kind]}`;
  return htmlDocument({
    title,
    body: `<header><h1>${esc(TITLES[output.kind])}</h1></header>\n${body.join('\n')}`,
  });
}
