/**
 * Saved JSON reports as the base (or head) of a comparison: `mailgate audit --policy FILE --format json` and the
 * Action's report (a gated report, compared rule by rule and finding by finding), or a plain audit
 * (`mailgate audit --format json`: one report, an array, or a batch report; compared finding by finding).
 *
 * @module
 */

import type { DomainReport } from '../audit/audit.js';
import type { FailOn } from '../findings/finding.js';
import type { DomainGate, GateResult } from './gate/types.js';
import { type Problem, problemsOf, reportProblems } from './problems.js';

/** A file that is not a saved mailgate JSON report: `message` says what it is and what is expected. */
export class SavedReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedReportError';
  }
}

/** A saved report read for comparison. */
export interface SavedReport {
  /** True for a gated report (policy rules included). */
  gated: boolean;
  /** The audited domains, in order. */
  domains: string[];
  /** The problems of every domain (`problemsOf` each gated domain; else `reportProblems`). */
  problems: Problem[];
  /** The gate's verdict, for a gated report. */
  gate?: GateResult;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isDomainReport(v: unknown): v is DomainReport {
  return (
    isObject(v) &&
    typeof v.domain === 'string' &&
    Array.isArray(v.findings) &&
    typeof v.schemaVersion === 'number'
  );
}

function isDomainGate(v: unknown): v is DomainGate {
  return isObject(v) && typeof v.domain === 'string' && Array.isArray(v.rules) && Array.isArray(v.findings);
}

/**
 * Reads a parsed saved report.
 *
 * @param json the parsed JSON
 * @param failOn for a plain (ungated) report: the severity at which a finding fails (default `error`)
 * @param name the file name, for messages
 * @throws {@link SavedReportError} when `json` is none of the report shapes, or names a report schema version
 *   this mailgate does not read.
 */
export function readSavedReport(json: unknown, failOn: FailOn = 'error', name = 'the report'): SavedReport {
  const version = (v: unknown) => {
    if (isObject(v) && v.schemaVersion !== undefined && v.schemaVersion !== 2)
      throw new SavedReportError(
        `${name} has report schemaVersion ${String(v.schemaVersion)}; this mailgate compares version 2 (run the audit again with this version)`,
      );
  };
  if (isObject(json) && isObject(json.gate) && Array.isArray(json.reports)) {
    version(json);
    const gate = json.gate as unknown as GateResult;
    if (!Array.isArray(gate.domains) || !gate.domains.every(isDomainGate))
      throw new SavedReportError(`${name}: gate.domains is not a list of domain verdicts`);
    return {
      gated: true,
      domains: gate.domains.map((d) => d.domain),
      problems: gate.domains.flatMap((d) => problemsOf(d)),
      gate,
    };
  }
  let reports: unknown[] | undefined;
  if (Array.isArray(json)) reports = json;
  else if (isDomainReport(json)) reports = [json];
  else if (isObject(json) && Array.isArray(json.reports)) reports = json.reports;
  else if (isObject(json) && Array.isArray(json.entries))
    reports = json.entries.flatMap((e) => (isObject(e) && e.report !== undefined ? [e.report] : []));
  if (!reports?.every(isDomainReport))
    throw new SavedReportError(
      `${name} is not a saved mailgate report (mailgate audit --format json, with or without --policy)`,
    );
  for (const r of reports) version(r);
  return {
    gated: false,
    domains: reports.map((r) => r.domain),
    problems: reports.flatMap((r) => reportProblems(r, failOn)),
  };
}
