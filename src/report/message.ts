/**
 * The text renderer of `mailgate verify`, usable from the library: a {@link MessageReport} as text (each DKIM
 * signature on one line, then SPF, DMARC, ARC, why, the findings, bulk-sender readiness and the
 * Authentication-Results header field). Message and DNS text is escaped. (`--format json` is the report itself.)
 *
 * @module
 */

import { type DkimSignatureResult, isNotEvaluated } from '../dkim/index.js';
import type { MessageReport } from '../message/verify.js';
import { escapeControl } from './escape.js';
import { type Paint, painter, resultStyle } from './paint.js';
import { countsLine, findingListLine } from './text.js';

function signatureLine(s: DkimSignatureResult, paint: Paint): string {
  const e = escapeControl;
  const key = s.key?.keyType ? ` ${s.key.keyType}${s.key.bits ? `-${s.key.bits}` : ''}` : '';
  const parts = [
    paint(s.result.padEnd(9), resultStyle(s.result)),
    `d=${e(s.d ?? '?')}`,
    `s=${e(s.s ?? '?')}`,
    `a=${e(s.a ?? '?')}${key}`,
    `c=${e(s.c)}`,
  ];
  if (s.bodyLength) parts.push(`l=${s.bodyLength.limit}`);
  if (s.reason) parts.push(`- ${e(s.reason)}`);
  return `  ${parts.join(' ')}`;
}

/** Renders a report as text (message and DNS text escaped). */
export function renderMessageReportText(r: MessageReport, options: { color?: boolean } = {}): string {
  const e = escapeControl;
  const paint = painter(options.color === true);
  const res = (x: string) => paint(x.padEnd(9), resultStyle(x));
  const lines: string[] = [];
  const m = r.message;
  lines.push(
    paint(`Message${m.subject !== undefined ? `: ${e(m.subject)}` : ''}`, 'bold'),
    // the From value is untrusted text that may itself hold ';' or ',' (a group): it gets a line of its own
    `  from ${m.from.length ? m.from.map(e).join(' | ') : '(none)'}`,
    `  size ${m.bytes} bytes, ${m.lineEndings.toUpperCase()} line endings${m.hasSeparator ? '' : ', no header/body separator'}`,
  );
  const env = r.envelope;
  lines.push(
    env.source === 'none'
      ? '  envelope: none given'
      : `  envelope: ip ${e(env.ip ?? '-')}, helo ${e(env.helo ?? '-')}, mail from ${env.mailFrom === undefined ? '-' : `<${e(env.mailFrom)}>`} (${env.source === 'options' ? 'from the options' : env.source === 'received' ? 'from the Received fields' : 'options and Received fields'})`,
  );
  lines.push('', paint(`DKIM (${r.dkim.length} signature${r.dkim.length === 1 ? '' : 's'})`, 'bold'));
  if (r.dkim.length === 0) lines.push('  none');
  // Signatures past the verifier's limit are one line, not one each (5,000 of them wrote 1.4 MB): the JSON has them all.
  const skipped = r.dkim.filter(isNotEvaluated);
  for (const s of r.dkim) if (!isNotEvaluated(s)) lines.push(signatureLine(s, paint));
  if (skipped.length > 0) {
    const domains = [...new Set(skipped.map((s) => s.d ?? '?'))];
    lines.push(
      `  ${res('policy')} ${skipped.length} more signature${skipped.length === 1 ? '' : 's'} not evaluated (over the limit of signatures verified): d=${domains.slice(0, 5).map(e).join(', d=')}${domains.length > 5 ? `, and ${domains.length - 5} more domains` : ''}`,
    );
  }
  const spf = r.spf;
  lines.push(
    '',
    `${paint('SPF  ', 'bold')}  ${res(spf.result)}${spf.domain ? ` ${e(spf.domain)} (${spf.identity})` : ''}${spf.reason ? ` - ${spf.skipped ? 'not checked: ' : ''}${e(spf.reason)}` : ''}`,
  );
  const d = r.dmarc;
  const dmarcBits = [
    d.authorDomain ? e(d.authorDomain) : undefined,
    d.policy ? `policy ${d.policy}` : undefined,
    d.result === 'fail' ? `disposition ${d.disposition}` : undefined,
    d.alignedBy.length ? `aligned by ${d.alignedBy.join(', ')}` : undefined,
    d.arcOverride ? `override by trusted ARC sealer ${e(d.arcOverride.sealer)}: disposition none` : undefined,
  ].filter((x) => x);
  lines.push(`${paint('DMARC', 'bold')}  ${res(d.result)} ${dmarcBits.join(', ')}`);
  const a = r.arc;
  lines.push(
    `${paint('ARC  ', 'bold')}  ${res(a.result)}${a.result === 'none' ? '' : ` i=${a.instance}, sealed by ${a.sealers.map(e).join(' > ') || '?'}`}${a.reason ? ` - ${e(a.reason)}` : ''}`,
  );
  lines.push('', paint('Why', 'bold'));
  for (const x of r.why) lines.push(`  - ${e(x)}`);
  const s = r.summary;
  lines.push('', paint(`Findings: ${countsLine(s)}`, 'bold'));
  for (const f of r.findings) lines.push(findingListLine(f, paint));
  if (r.bulkSender && !r.bulkSender.applies) {
    lines.push(
      '',
      `${paint('Bulk-sender readiness: not checked', 'bold')} (not bulk mail; --bulk checks it)`,
    );
  } else if (r.bulkSender) {
    const by = r.bulkSender.detectedBy.length
      ? ` (bulk mail: ${r.bulkSender.detectedBy.map(e).join(', ')})`
      : '';
    lines.push(
      '',
      `${paint(`Bulk-sender readiness: ${r.bulkSender.ready ? 'ready' : 'not ready'}`, 'bold')}${by}`,
    );
    if (r.bulkSender.forwardedNote) lines.push(`  ${e(r.bulkSender.forwardedNote)}`);
    for (const c of r.bulkSender.checks)
      lines.push(`  ${c.ok ? 'ok  ' : 'MISS'}  ${c.id.padEnd(23)} ${e(c.detail)}`);
  }
  lines.push('', paint('Authentication-Results', 'bold'));
  // folded lines start with a tab; shown as spaces (also valid folding whitespace)
  lines.push(
    ...r.authenticationResults.header
      .replace(/\r\n$/, '')
      .split('\r\n')
      .map((l) => e(l.replace(/^\t/, '    '))),
  );
  // result words are padded into columns; a line that ends with one ('ARC    none') keeps no trailing blanks
  return lines.map((l) => l.trimEnd()).join('\n');
}
