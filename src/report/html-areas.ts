/**
 * The state of each area of a domain report (SPF, DMARC, DKIM, MX, MTA-STS, TLS-RPT, BIMI) in one word, for the
 * chips of a domain's verdict header and the cells of the batch grid: the worst finding of the area (errors,
 * then DNS trouble, then warnings), else whether its record is published. Read from the report's findings (the
 * gate's effective findings when gated) and its sections' {@link RecordStatus}; nothing is judged again here.
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import { isDnsTrouble } from '../audit/dns-trouble.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import type { State } from './html-layout.js';

/** An area of the report: its label and the prefix of its finding ids. */
export interface Area {
  label: string;
  /** The finding id prefix, without the dot (`spf`, `mtasts`). */
  prefix: string;
}

/** The areas, in the order of the report. */
export const AREAS: readonly Area[] = [
  { label: 'SPF', prefix: 'spf' },
  { label: 'DMARC', prefix: 'dmarc' },
  { label: 'DKIM', prefix: 'dkim' },
  { label: 'MX', prefix: 'mx' },
  { label: 'MTA-STS', prefix: 'mtasts' },
  { label: 'TLS-RPT', prefix: 'tlsrpt' },
  { label: 'BIMI', prefix: 'bimi' },
];

/** One area's state: the badge state, a word, a shorter one for grid cells, and a rank for sorting (worst first). */
export interface AreaState {
  state: State;
  word: string;
  short: string;
  rank: number;
}

const STATES = {
  err: { state: 'err', word: 'error', short: 'err', rank: 0 },
  dns: { state: 'dns', word: 'DNS trouble', short: 'DNS', rank: 1 },
  warn: { state: 'warn', word: 'warning', short: 'warn', rank: 2 },
  none: { state: 'none', word: 'none', short: 'none', rank: 3 },
  ok: { state: 'ok', word: 'ok', short: 'ok', rank: 4 },
  skipped: { state: 'none', word: 'not checked', short: 'skip', rank: 5 },
} as const satisfies Record<string, AreaState>;

/** Whether the area's record is there: a record status, or `undefined` for a section the audit skipped. */
function published(report: DomainReport, prefix: string): RecordStatus | undefined {
  switch (prefix) {
    case 'spf':
      return report.spf.status;
    case 'dmarc':
      return report.dmarc.status;
    case 'dkim': {
      const s = report.dkim.selectors;
      if (s.length === 0) return 'none';
      return s.some((x) => x.status === 'found') ? 'found' : (s[0]?.status ?? 'none');
    }
    case 'mx':
      return report.mx?.status;
    case 'mtasts':
      return report.mtaSts?.status;
    case 'tlsrpt':
      return report.tlsRpt?.status;
    case 'bimi':
      return report.bimi?.status;
    default:
      return undefined;
  }
}

/** The state of `area` in `report`, judged by `findings` (the report's, or the gate's effective findings). */
export function areaState(report: DomainReport, findings: readonly Finding[], area: Area): AreaState {
  const status = published(report, area.prefix);
  if (status === undefined) return STATES.skipped;
  const own = findings.filter((f) => f.id.startsWith(`${area.prefix}.`));
  if (own.some((f) => f.severity === 'error' && !isDnsTrouble(f))) return STATES.err;
  if (own.some(isDnsTrouble) || status === 'dns-error') return STATES.dns;
  if (own.some((f) => f.severity === 'warning')) return STATES.warn;
  if (status === 'none') return STATES.none;
  if (status !== 'found') return STATES.err;
  return STATES.ok;
}
