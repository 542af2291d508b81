/**
 * The findings of report analysis (DMARC aggregate reports, RFC 9990; what-if and readiness), and the
 * functions that turn a what-if or a readiness result into {@link Finding}s, so that a policy gate can
 * decide and annotate from them: a what-if finding carries the zone file line of the change that causes it
 * (`evidence.source`) and the volumes (`evidence.details`).
 *
 * @module
 */

import { defineFindings, type Finding } from '../findings/finding.js';
import { type IngestSummary, refusalText } from './ingest.js';
import type { DomainReadiness } from './readiness.js';
import type { WhatIfResult } from './whatif.js';

/** Every report-analysis finding, one factory per key; `REPORTS_FINDINGS.definitions` feeds the catalog. */
export const REPORTS_FINDINGS = defineFindings({
  lostMail: {
    id: 'reports.whatif-lost-mail',
    severity: 'error',
    title: 'A proposed DNS change makes reported mail fail DMARC',
    rfc: 'RFC 9989 §5.3',
    remediation:
      'Keep what the sender relies on (the SPF include or term, the DKIM key at its selector), or move the sender to another aligned method before making the change.',
  },
  weakenedMail: {
    id: 'reports.whatif-weakened-mail',
    severity: 'warning',
    title: 'A proposed DNS change leaves reported mail passing DMARC by one method only',
    rfc: 'RFC 9989 §5.3',
    remediation:
      'The mail still passes, but a second change (or a forwarder) would make it fail: keep both SPF and DKIM aligned.',
  },
  notReady: {
    id: 'reports.enforcement-not-ready',
    severity: 'warning',
    title: 'Enforcing DMARC would affect legitimate reported mail',
    rfc: 'RFC 9989 §4.7',
    remediation:
      'Fix the senders listed first (align SPF with a MAIL FROM in the domain, or sign with an aligned DKIM d=), then enforce.',
  },
  inputRefused: {
    id: 'reports.input-refused',
    severity: 'warning',
    title: 'A report input could not be read',
    rfc: 'RFC 9990 §2',
    remediation: 'Check the file named: it is damaged, empty, or not a DMARC or SMTP TLS report.',
  },
});

const pct = (x: number) => `${(x * 100).toFixed(x < 0.001 && x > 0 ? 3 : 1)} %`;

/**
 * One finding per sender whose mail a proposal changes: `reports.whatif-lost-mail` for mail going from DMARC
 * pass to fail, `reports.whatif-weakened-mail` for mail left passing by one method only. The evidence names the
 * first DNS record that causes it (`name`, `record`, and `source` with the zone file line when known) and the
 * volumes in `details` (`messages`, `share` of the sender's mail, `domainShare` of the domain's, `sender`).
 */
export function whatIfFindings(result: WhatIfResult): Finding[] {
  const out: Finding[] = [];
  for (const d of result.domains) {
    for (const s of d.senders) {
      const causes = s.changes.flatMap((c) => c.causes);
      const cause = causes[0];
      const evidence: Finding['evidence'] = {
        details: {
          sender: s.senderId,
          name: s.name,
          messages: s.lost,
          senderMessages: s.messages,
          share: s.lostShare,
          domainShare: d.messages > 0 ? s.lost / d.messages : 0,
          weakened: s.weakened,
          disposition: s.lostDisposition,
          changes: s.changes.map((c) => `${c.method} ${c.subject}: ${c.before} → ${c.after} (${c.messages})`),
        },
      };
      if (cause) {
        evidence.name = cause.name;
        if (Array.isArray(cause.after) && cause.after[0] !== undefined) evidence.record = cause.after[0];
        const at = cause.source?.[0];
        if (at) evidence.source = at;
        else if (cause.zoneFile) evidence.source = { file: cause.zoneFile, line: 1 };
      }
      if (s.lost > 0) {
        out.push(
          REPORTS_FINDINGS.lostMail(
            `${s.lost} reported message(s) from ${s.name} (${pct(s.lostShare)} of its mail) would fail DMARC for ${d.domain}${cause ? ` because of the change to ${cause.type} ${cause.name}` : ''}.`,
            evidence,
            { domain: d.domain },
          ),
        );
      } else if (s.weakened > 0) {
        out.push(
          REPORTS_FINDINGS.weakenedMail(
            `${s.weakened} reported message(s) from ${s.name} would still pass DMARC for ${d.domain}, but by one method only${cause ? ` (the change to ${cause.type} ${cause.name})` : ''}.`,
            { ...evidence, details: { ...evidence.details, messages: s.weakened } },
            { domain: d.domain },
          ),
        );
      }
    }
  }
  return out;
}

/** A `reports.enforcement-not-ready` finding per domain whose `p=reject` target is not ready. */
export function readinessFindings(readiness: readonly DomainReadiness[]): Finding[] {
  return readiness
    .filter((r) => r.reject.verdict === 'not-ready')
    .map((r) =>
      REPORTS_FINDINGS.notReady(
        `p=reject would affect ${r.reject.affectedLegitimate} legitimate message(s) of ${r.domain} (${pct(r.reject.legitimateShare)}); fix first: ${r.fixFirst
          .slice(0, 3)
          .map((s) => s.name)
          .join(', ')}.`,
        {
          name: `_dmarc.${r.domain}`,
          details: {
            affectedLegitimate: r.reject.affectedLegitimate,
            share: r.reject.legitimateShare,
            fixFirst: r.fixFirst.map((s) => s.id),
          },
        },
        { domain: r.domain },
      ),
    );
}

/** A `reports.input-refused` finding per refused input of an ingest. */
export function ingestFindings(summary: IngestSummary): Finding[] {
  return summary.refused.inputs.map((r) =>
    REPORTS_FINDINGS.inputRefused(refusalText(r), {
      details: { input: r.input, code: r.code, count: r.count },
    }),
  );
}
