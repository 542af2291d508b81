/**
 * Which findings mean "DNS trouble prevented a verdict" (exit code 3, the gate's `undetermined` outcome).
 *
 * @module
 */

import type { Finding } from '../findings/finding.js';

/**
 * True for a finding that records a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED) rather than an
 * observation about the published records. By convention such findings have ids ending in `.dns-error`
 * (`spf.dns-error`, `dmarc.dns-error`, `dkim.dns-error`, ...). `audit.timeout` (the per-domain time limit of a
 * batch audit was reached, so unanswered questions count as TIMEOUT) is DNS trouble too.
 */
export function isDnsTrouble(finding: Finding): boolean {
  return finding.id.endsWith('.dns-error') || finding.id === 'audit.timeout';
}
