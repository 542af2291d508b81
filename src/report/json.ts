/**
 * The JSON renderer. Without a gate: one {@link DomainReport} (one domain) or an array of them, each valid
 * against `schema/domain-report.schema.json`. With a gate (`--policy`, the Action's report file): a
 * {@link GatedReport} envelope valid against `schema/gated-report.schema.json`.
 *
 * @module
 */

import { type DomainReport, REPORT_SCHEMA_VERSION } from '../audit/audit.js';
import type { GateResult } from '../policy/gate.js';
import { VERSION } from '../version.js';

/** The report and the policy gate's verdict, as written by `mailgate audit --policy --format json` and the Action. */
export interface GatedReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  tool: { name: 'mailgate'; version: string };
  /** The gate's verdict over all domains. */
  gate: GateResult;
  reports: DomainReport[];
}

/** Builds the {@link GatedReport} envelope. */
export function gatedReport(reports: readonly DomainReport[], gate: GateResult): GatedReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'mailgate', version: VERSION },
    gate,
    reports: [...reports],
  };
}

/** Options for {@link renderJson}. */
export interface JsonOptions {
  gate?: GateResult;
  /** Indentation (default 2). */
  indent?: number;
}

/**
 * Serialises reports: a gate envelope when `options.gate` is given, else one report object for one domain and
 * an array for several.
 */
export function renderJson(reports: readonly DomainReport[], options: JsonOptions = {}): string {
  const value = options.gate
    ? gatedReport(reports, options.gate)
    : reports.length === 1
      ? reports[0]
      : reports;
  return JSON.stringify(value, null, options.indent ?? 2);
}
