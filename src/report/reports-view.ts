/**
 * The outputs of `mailgate rua` (report analysis) as data, shared by the text, Markdown, CSV and JSON
 * renderers, with the small formatting helpers they share. Everything in these objects that came from a
 * report or from DNS is untrusted: every renderer escapes it for its format.
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';
import type { IngestSummary, RefusedInput } from '../reports/ingest.js';
import type { DomainInventory } from '../reports/inventory.js';
import { MAX_REPORTED_COUNT_TEXT } from '../reports/limits.js';
import { isReportTime } from '../reports/period.js';
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

/**
 * A UTC date (`2026-01-31`) for seconds since the epoch; `-` for a time no report period can hold (0 or less,
 * after 9999-12-31T23:59:59Z, not a number). Never throws, whatever number a store holds.
 */
export function day(seconds: number): string {
  const s = Math.floor(seconds);
  if (!isReportTime(s)) return '-';
  return new Date(s * 1000).toISOString().slice(0, 10);
}

/** A count and its noun: `1 report`, `2 reports`, `1,234 reporters` (`many` for an irregular plural). */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/**
 * The inputs of a listed refusal for a table cell, each through `code` (which escapes it for the format):
 * `a.xml`, or `10,000 inputs: a!e0.txt, a!e1.txt, …`.
 */
export function refusedInputs(r: RefusedInput, code: (text: string) => string): string {
  if (r.count <= 1) return code(r.input);
  const names = [r.input, ...(r.others ?? [])];
  return `${num(r.count)} inputs: ${names.map(code).join(', ')}${r.count > names.length ? ', …' : ''}`;
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

/** `, 20 rows ignored (count over 4,294,967,295, stored by mailgate 0.1.0)` when a store has such rows, else `''`. */
export function ignoredRowsText(s: StoreStats): string {
  return s.ignoredRows
    ? ` (${countOf(s.ignoredRows, 'row')} ignored: a count over ${MAX_REPORTED_COUNT_TEXT}, stored by mailgate 0.1.0)`
    : '';
}
