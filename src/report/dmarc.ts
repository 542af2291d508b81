/**
 * The renderers of `mailgate dmarc`, usable from the library: a {@link DmarcAudit} as text (where the policy was
 * found, the effective tags, report destinations, the other mode's answer, the findings) or as JSON
 * (`schema/dmarc-report.schema.json`). DNS text has its control characters made visible.
 *
 * @module
 */

import type { DmarcAudit } from '../dmarc/index.js';
import { countBySeverity, sortFindings } from '../findings/finding.js';
import { DMARC_REPORT_SCHEMA_VERSION } from './cli-schema.js';
import { escapeControl } from './escape.js';
import { painter } from './paint.js';
import { countsLine, findingListLine } from './text.js';

/** The JSON of `mailgate dmarc` (`schema/dmarc-report.schema.json`): `schemaVersion` and the audit, findings most severe first. */
export function dmarcJson(audit: DmarcAudit): Record<string, unknown> {
  return { schemaVersion: DMARC_REPORT_SCHEMA_VERSION, ...audit, findings: sortFindings(audit.findings) };
}

const SOURCE_TEXT = {
  domain: "the domain's own record",
  organizational: 'inherited from the Organizational Domain',
  psd: 'Public Suffix Domain policy',
} as const;

/** Renders a {@link DmarcAudit} as text; DNS text has its control characters made visible. */
export function renderDmarcText(a: DmarcAudit, options: { color?: boolean } = {}): string {
  const e = escapeControl;
  const paint = painter(options.color === true);
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(16)}${value}`);
  lines.push(paint(`DMARC for ${e(a.domain)} (RFC ${a.mode})`, 'bold'));
  if (a.record && a.recordName) {
    row('policy record', `${e(a.recordName)} (${a.source ? SOURCE_TEXT[a.source] : ''})`);
    row('record', e(a.record.text));
  } else {
    const why = a.discovery.error
      ? `undecided: DNS ${a.discovery.error.kind} for ${e(a.discovery.error.name)}`
      : a.discovery.noRecordReason === 'multiple-records'
        ? 'none (several records at one name are discarded)'
        : 'none found';
    row('policy record', why);
  }
  if (a.organizationalDomain) {
    row(
      'organizational',
      `${e(a.organizationalDomain)}${a.discovery.organizationalRule ? ` (${a.discovery.organizationalRule})` : ''}`,
    );
  }
  // The tag that supplied the policy: np= falls back to sp= then p=, sp= to p= (RFC 9989 §4.7).
  const published = a.record?.published;
  const given =
    a.policySource === 'np' && published?.np === undefined
      ? published?.sp !== undefined
        ? 'sp=, no np='
        : 'p=, no np= or sp='
      : a.policySource === 'sp' && published?.sp === undefined
        ? 'p=, no sp='
        : `${a.policySource}=`;
  if (a.policy)
    row(
      'policy',
      `${a.policy} (from ${given}${
        a.policySource === 'np'
          ? `: ${e(a.domain)} does not exist`
          : a.policySource === 'sp' && a.domainExists === true
            ? `: ${e(a.domain)} exists`
            : ''
      })${a.effective?.testing ? ', t=y: applied one level lower' : ''}`,
    );
  const eff = a.effective;
  if (eff) {
    row(
      'effective tags',
      [
        `p=${eff.p}`,
        `sp=${eff.sp}`,
        a.mode === '9989' ? `np=${eff.np}` : '',
        `adkim=${eff.adkim}`,
        `aspf=${eff.aspf}`,
        a.mode === '9989' ? `psd=${eff.psd}` : '',
        a.mode === '9989' ? `t=${eff.testing ? 'y' : 'n'}` : `pct=${eff.pct}`,
        `fo=${eff.fo.join(':')}`,
      ]
        .filter(Boolean)
        .join(' ') + (eff.policyBasis === 'p-none-fallback' ? ' (no valid p=: acts as p=none)' : ''),
    );
  }
  for (const d of a.reporting) {
    const notes: string[] = [];
    if (d.external !== undefined) notes.push(d.external ? 'external' : 'internal');
    if (d.external) {
      notes.push(
        d.authorized === true
          ? 'authorized'
          : d.authorized === false
            ? 'NOT authorized'
            : 'authorization unknown',
      );
    }
    if (d.mx) notes.push(`MX ${d.mx}`);
    row(d.tag, `${e(d.uri)}${notes.length ? ` (${notes.join(', ')})` : ''}`);
  }
  row('queries', a.discovery.queries.map(e).join(', ') || '(none)');
  const c = a.comparison;
  const same = c.recordName === a.recordName && c.organizationalDomain === a.organizationalDomain;
  // What receivers of the other mode find: a DNS error leaves it undecided (with or without a record).
  const other = c.error
    ? c.recordName
      ? `${e(c.recordName)}, Organizational Domain undecided (DNS ${c.error.kind} for ${e(c.error.name)})`
      : `undecided (DNS ${c.error.kind} for ${e(c.error.name)})`
    : `${c.recordName ? e(c.recordName) : 'no policy'}${c.organizationalDomain ? `, Organizational Domain ${e(c.organizationalDomain)}` : ''}${same ? ' (same)' : ' (differs)'}`;
  row(`RFC ${c.mode} view`, other);
  const findings = sortFindings(a.findings);
  lines.push('', `findings: ${countsLine(countBySeverity(findings))}`);
  for (const f of findings) lines.push(findingListLine(f, paint));
  return lines.join('\n');
}
