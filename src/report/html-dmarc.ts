/**
 * The DMARC part of a domain's HTML report: where the policy record was found and whose it is, the policy ladder
 * (none, quarantine, reject) with the domain's step, the effective tags, the `_dmarc` names asked in order with
 * each answer (RFC 9989 §4.10 DNS tree walk, or RFC 7489 §6.6.3 with the public suffix list), and, when the other
 * mode's receivers would find something else, what they find.
 *
 * @module
 */

import type { DmarcView } from '../audit/view.js';
import type { DmarcAudit, DmarcDiscovery } from '../dmarc/index.js';
import {
  badge,
  code,
  esc,
  RECORD_WORD,
  recordState,
  rfcLinks,
  type State,
  sourceText,
} from './html-layout.js';
import { missingRecordText } from './phrases.js';

const SOURCE_TEXT = {
  domain: "the domain's own record",
  organizational: 'inherited from the Organizational Domain',
  psd: 'the Public Suffix Domain policy',
} as const;

const MODE_TEXT = {
  '9989': `RFC 9989 DNS tree walk (${rfcLinks('RFC 9989 §4.10')})`,
  '7489': `RFC 7489 with the public suffix list (${rfcLinks('RFC 7489 §6.6.3')})`,
} as const;

const LADDER = ['none', 'quarantine', 'reject'] as const;
const LADDER_STATE = { none: 'warn', quarantine: 'ok', reject: 'ok' } as const;

/** The policy ladder: none, quarantine, reject, the domain's step marked (`aria-current`) and said in words. */
function ladder(p: string | undefined): string {
  const steps = LADDER.map((step) => {
    const here = step === p;
    return `<li${here ? ` class="s-${LADDER_STATE[step]}" aria-current="step"` : ''}>${here ? `${step === 'none' ? '⚠\uFE0E' : '✓'} ` : ''}p=${step}${here ? '<span class="vh"> (this domain)</span>' : ''}</li>`;
  });
  return `<ol class="ladder" aria-label="DMARC policy ladder">${steps.join('')}</ol>`;
}

const OUTCOME_WORD = {
  record: 'a DMARC record',
  none: 'no record',
  multiple: 'several records',
  error: 'DNS error',
};

/** The badge class of each lookup outcome. */
const OUTCOME_STATE: Record<DmarcDiscovery['lookups'][number]['outcome'], State> = {
  record: 'ok',
  error: 'dns',
  multiple: 'err',
  none: 'none',
};

/** The `_dmarc` names asked, in order, with each answer. */
function lookups(d: DmarcDiscovery): string {
  if (d.lookups.length === 0) return '<p class="sub">No name was asked.</p>';
  const items = d.lookups.map((l) => {
    const state = OUTCOME_STATE[l.outcome];
    const why = l.dnsKind
      ? ` <span class="sub">(${esc(l.dnsKind)}${l.message ? `: ${esc(l.message)}` : ''})</span>`
      : '';
    const count = l.outcome === 'multiple' && l.recordCount !== undefined ? ` (${l.recordCount})` : '';
    return `<li>${code(l.name)} ${badge(state, `${OUTCOME_WORD[l.outcome]}${count}`)}${why} ${sourceText(l.recordSource)}</li>`;
  });
  return `<ol>${items.join('')}</ol>`;
}

/** One line for what a discovery found: the record's name and the Organizational Domain, or why none. */
function found(d: DmarcDiscovery): string {
  if (d.error && !d.recordName) return `undecided: DNS ${esc(d.error.kind)} for ${code(d.error.name)}`;
  const where = d.recordName ? code(d.recordName) : 'no policy record';
  const org = d.organizationalDomain ? `; Organizational Domain ${code(d.organizationalDomain)}` : '';
  const err = d.error
    ? `; Organizational Domain undecided (DNS ${esc(d.error.kind)} for ${code(d.error.name)})`
    : '';
  return `${where}${d.error ? err : org}`;
}

/**
 * The DMARC section: discovery, the ladder, the tags, and the other mode's answer when it differs. The names asked
 * are in a `<details>` (open when `open`); when `compact` (a report of several domains) only when the record is
 * not the domain's own.
 */
export function dmarcSection(
  audit: DmarcAudit,
  view: DmarcView,
  options: { open: boolean; compact: boolean },
): string {
  const open = options.open;
  const out: string[] = [];
  const rows: [string, string][] = [];
  if (audit.recordName && audit.record) {
    rows.push([
      'Policy record',
      `${code(audit.recordName)} ${badge(recordState(audit.status), RECORD_WORD[audit.status])} <span class="sub">${audit.source ? SOURCE_TEXT[audit.source] : ''}</span> ${sourceText(view.source)}`,
    ]);
  } else {
    rows.push([
      'Policy record',
      `${badge(recordState(audit.status), RECORD_WORD[audit.status])} ${esc(missingRecordText(audit.status, 'DMARC record'))}${audit.discovery.error ? ` <span class="sub">(DNS ${esc(audit.discovery.error.kind)} for ${code(audit.discovery.error.name)})</span>` : ''}`,
    ]);
  }
  if (view.p) {
    const from =
      audit.policySource && audit.policySource !== 'p'
        ? ` <span class="sub">from ${audit.policySource}= of the inherited record${audit.policySource === 'np' ? `: ${esc(audit.domain)} does not exist` : ''}</span>`
        : '';
    const testing = audit.effective?.testing
      ? ` ${badge('warn', 't=y: receivers apply one level lower')}`
      : '';
    const fallback =
      audit.effective?.policyBasis === 'p-none-fallback'
        ? ` ${badge('warn', 'no valid p=: acts as p=none')}`
        : '';
    rows.push(['Policy', `${ladder(view.p)}${from}${testing}${fallback}`]);
  }
  const eff = audit.effective;
  if (eff) {
    const tags = [
      `sp=${eff.sp}`,
      ...(eff.mode === '9989' ? [`np=${eff.np}`] : []),
      `adkim=${eff.adkim}`,
      `aspf=${eff.aspf}`,
      ...(eff.mode === '9989' ? [`psd=${eff.psd}`] : [`pct=${eff.pct}`]),
    ];
    rows.push(['Effective tags', tags.map((t) => code(t)).join(' ')]);
  }
  rows.push([
    'Aggregate reports (rua)',
    view.rua.length > 0 ? view.rua.map((u) => code(u)).join(' ') : badge('warn', 'none: no reports are sent'),
  ]);
  if (view.ruf.length > 0) rows.push(['Failure reports (ruf)', view.ruf.map((u) => code(u)).join(' ')]);
  if (audit.organizationalDomain)
    rows.push([
      'Organizational Domain',
      `${code(audit.organizationalDomain)}${audit.discovery.organizationalRule ? ` <span class="sub">(${esc(audit.discovery.organizationalRule)})</span>` : ''}`,
    ]);
  out.push(`<dl class="kv">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`);

  const c = audit.comparison;
  const same =
    c.recordName === audit.discovery.recordName &&
    c.organizationalDomain === audit.discovery.organizationalDomain &&
    !c.error === !audit.discovery.error;
  if (same)
    out.push(
      `<p>${badge('ok', 'modes agree')} Receivers following RFC ${c.mode} find the same: ${found(c)}.</p>`,
    );
  else
    out.push(
      `<p>${badge('warn', 'modes disagree')} <strong>RFC ${audit.mode}</strong> (applied here): ${found(audit.discovery)}. <strong>RFC ${c.mode}</strong> receivers: ${found(c)}.</p>`,
    );
  const walk = `<details${open ? ' open' : ''}><summary>Names asked: ${MODE_TEXT[audit.mode]}</summary>${lookups(audit.discovery)}${same ? '' : `<p>RFC ${c.mode}: ${MODE_TEXT[c.mode]}</p>${lookups(c)}`}</details>`;
  if (!options.compact || audit.status !== 'found' || audit.source !== 'domain') out.push(walk);
  return out.join('\n');
}
