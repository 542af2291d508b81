/**
 * The outputs of `mailgate rua` (report analysis) as data, shared by the text, Markdown, CSV and JSON
 * renderers, with the small formatting helpers they share. Everything in these objects that came from a
 * report or from DNS is untrusted: every renderer escapes it for its format.
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';
import type { IngestSummary } from '../reports/ingest.js';
import type { DomainInventory } from '../reports/inventory.js';
import type { DomainReadiness } from '../reports/readiness.js';
import type { StoreStats } from '../reports/store.js';
import type { ReportsSummary } from '../reports/summary.js';
import type { WhatIfResult } from '../reports/whatif.js';

/** What `mailgate rua ingest` and `mailgate rua summary` show. */
export interface SummaryOutput {
  kind: 'summary';
  /** The ingest of this run, when files were read. */
  ingest?: IngestSummary;
  /** What the store holds after it, when a store is used. */
  store?: StoreStats;
  summary: ReportsSummary;
}

/** What `mailgate rua senders` shows. */
export interface SendersOutput {
  kind: 'senders';
  inventory: DomainInventory[];
}

/** What `mailgate rua readiness` shows. */
export interface ReadinessOutput {
  kind: 'readiness';
  readiness: DomainReadiness[];
  /** The share (0..1) of legitimate mail allowed to be affected for `ready`. */
  maxLegitimateShare: number;
}

/** What `mailgate rua whatif` shows. */
export interface WhatIfOutput {
  kind: 'whatif';
  whatif: WhatIfResult;
  /** The proposed zone files. */
  proposed: string[];
  /** The findings a gate would decide from (`reports.whatif-*`). */
  findings: Finding[];
}

/** One output of report analysis. */
export type ReportsOutput = SummaryOutput | SendersOutput | ReadinessOutput | WhatIfOutput;

/** The output formats of `mailgate rua` commands. */
export const RUA_FORMATS = ['text', 'json', 'markdown', 'csv', 'html'] as const;

/** A UTC date (`2026-01-31`) for seconds since the epoch; `-` for 0 or less. */
export function day(seconds: number): string {
  if (!(seconds > 0)) return '-';
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** A share (0..1) as a percentage with one decimal (three below 0.1 %). */
export function percent(share: number): string {
  if (share > 0 && share < 0.001) return `${(share * 100).toFixed(3)} %`;
  return `${(share * 100).toFixed(1)} %`;
}

/** A count with thousands separators (`1,234,567`). */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** `a: 1, b: 2` for a count map, largest first. */
export function counts(map: Readonly<Record<string, number>>): string {
  return Object.entries(map)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k} ${num(v)}`)
    .join(', ');
}
