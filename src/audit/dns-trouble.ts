/**
 * Which findings mean "DNS trouble prevented a verdict", and the one rule that turns findings into an outcome at a
 * severity threshold: read by exit codes (1, 3), report summaries (`summary.dnsTrouble`), batch outcomes and the
 * policy gate (`undetermined`).
 *
 * @module
 */

import { findingDefinition } from '../catalog.js';
import { atOrAbove, type FailOn, type Finding } from '../findings/finding.js';

/**
 * True for a finding whose catalog entry has `dnsTrouble: true`: a transient DNS failure (TIMEOUT, SERVFAIL,
 * REFUSED) or the audit's time limit kept a check from completing, so the finding is no observation about the
 * published records. Those are the `*.dns-error` findings (`spf.dns-error`, `dmarc.dns-error`, ...) and
 * `audit.timeout`. The finding's evidence plays no part (a `details.kind` of TIMEOUT on another finding does not
 * make it DNS trouble); an id not in the catalog is not DNS trouble.
 */
export function isDnsTrouble(finding: Finding): boolean {
  return findingDefinition(finding.id)?.dnsTrouble === true;
}

/** The outcome of a check: it failed, DNS trouble left it undecided, or it passed. */
export type CheckOutcome = 'fail' | 'undetermined' | 'pass';

/**
 * The outcome of `findings` at the threshold `failOn`: `fail` when a finding that is not DNS trouble is at or above
 * it (DNS trouble never fails a check on its own), else `undetermined` when DNS trouble left something undecided
 * (`dnsTrouble`; by default, when a finding {@link isDnsTrouble}), else `pass`. The rule of every exit code and of
 * batch outcomes.
 */
export function outcomeAt(
  findings: readonly Finding[],
  failOn: FailOn,
  dnsTrouble: boolean = findings.some(isDnsTrouble),
): CheckOutcome {
  if (findings.some((f) => !isDnsTrouble(f) && atOrAbove(f.severity, failOn))) return 'fail';
  return dnsTrouble ? 'undetermined' : 'pass';
}
