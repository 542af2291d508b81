/**
 * Findings of the domain audit itself (not of one protocol): the per-domain time limit of batch audits.
 *
 * @module
 */

import { defineFindings } from '../findings/finding.js';

/** The audit's own findings; `AUDIT_FINDINGS.definitions` feeds the catalog. */
export const AUDIT_FINDINGS = defineFindings({
  timeout: {
    id: 'audit.timeout',
    severity: 'error',
    dnsTrouble: true,
    title: 'Audit stopped at the time limit',
    remediation:
      'The domain’s DNS (or policy hosts) answered too slowly: questions still unanswered at the limit count as TIMEOUT, so parts of the report are undetermined. Retry, or raise the per-domain time limit.',
  },
});
