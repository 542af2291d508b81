/**
 * The Action's `dmarc-reports` input: DMARC aggregate reports in the repository (files, directories, globs;
 * gzip, zip, messages, mbox), read into memory with `ingestReports` and merged into traffic rows for the what-if
 * of the change. Only files inside the workspace are read.
 *
 * @module
 */

import * as fsp from 'node:fs/promises';
import { realpath } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { isInside } from '../dns/zonefile.js';
import {
  type IngestSummary,
  ingestReports,
  MemorySink,
  readTraffic,
  type TrafficRow,
} from '../reports/index.js';
import { ActionInputError } from './inputs.js';
import { realOrNull, repoPath, workspacePattern } from './zones.js';

/** What the reports input gave: the traffic rows, and what ingestion read and refused. */
export interface ReportInput {
  traffic: TrafficRow[];
  summary: IngestSummary;
  /** The files and directories read, as repository paths. */
  paths: string[];
}

/**
 * Expands the `dmarc-reports` patterns in the workspace and reads the reports into memory.
 *
 * @throws {@link ActionInputError} for a pattern outside the workspace, one that matches nothing, or a match whose
 *   real path is outside the workspace. A file that is not a readable report is not an error: ingestion counts
 *   it as refused (see {@link IngestSummary.refused}) and the run goes on.
 */
export async function readReportInputs(patterns: readonly string[], workspace: string): Promise<ReportInput> {
  const realWorkspace = await realpath(workspace).catch(() => resolve(workspace));
  const exclude = patterns
    .filter((p) => p.startsWith('!'))
    .map((p) => workspacePattern(p.slice(1), workspace).replace(/^$/, '.'));
  const abs: string[] = [];
  const paths: string[] = [];
  for (const raw of patterns.filter((p) => !p.startsWith('!'))) {
    let pattern: string;
    try {
      pattern = workspacePattern(raw, workspace);
    } catch {
      throw new ActionInputError(
        `dmarc-reports: "${raw}" is outside the repository; give paths or globs relative to its root, e.g. reports/**/*.xml.gz`,
      );
    }
    let n = 0;
    for await (const f of fsp.glob(pattern, { cwd: workspace, exclude })) {
      const full = resolve(workspace, f);
      const real = await realOrNull(full);
      const rel = repoPath(relative(workspace, full), workspace) || '.';
      if (real !== null && !isInside(real, realWorkspace))
        throw new ActionInputError(
          `dmarc-reports: ${rel} is outside the repository (after resolving symbolic links)`,
        );
      abs.push(full);
      paths.push(rel);
      n++;
    }
    if (n === 0)
      throw new ActionInputError(
        `dmarc-reports: no file matches "${raw}" (patterns are relative to the repository root, e.g. reports/)`,
      );
  }
  const sink = new MemorySink();
  const summary = await ingestReports(abs, sink);
  return { traffic: readTraffic(sink), summary, paths };
}
