/**
 * Which findings mean "DNS trouble prevented a verdict": the one rule read by exit codes (3), report summaries
 * (`summary.dnsTrouble`), batch outcomes and the policy gate (`undetermined`).
 *
 * @module
 */

import { findingDefinition } from '../catalog.js';
import type { Finding } from '../findings/finding.js';

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
