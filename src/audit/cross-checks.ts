/**
 * Checks that need two protocol sections at once; the domain audit composes them (protocol modules never import
 * each other's internals).
 *
 * @module
 */

import type { BimiDmarcPolicy } from '../bimi/index.js';
import type { DmarcAudit } from '../dmarc/index.js';
import type { Finding } from '../findings/finding.js';
import { MX_FINDINGS, type MxAudit } from '../mx/index.js';
import type { SpfAudit } from '../spf/index.js';

/**
 * True when the SPF policy lets some host pass: authorized networks (ip4/ip6, resolved a/mx through
 * pass-qualified includes), terms that cannot be resolved to networks (exists, ptr, macros), or a `+all`.
 */
export function spfAuthorizesHosts(spf: SpfAudit): boolean {
  if (spf.record === null) return false;
  return (
    spf.networks.blocks.length > 0 ||
    spf.networks.notFlattenable.length > 0 ||
    spf.findings.some((f) => f.id === 'spf.pass-all')
  );
}

/**
 * `mx.null-mx-spf-authorizes` (RFC 7505 §4.2): a domain that publishes a null MX accepts no mail, so it should
 * send none; an SPF policy that authorizes hosts contradicts that (and bounces of its mail cannot be delivered).
 */
export function nullMxSpfFindings(mx: MxAudit, spf: SpfAudit): Finding[] {
  if (!mx.nullMx || mx.statusDetail !== 'null-mx' || !spfAuthorizesHosts(spf)) return [];
  return [
    MX_FINDINGS.nullMxSpfAuthorizes(
      `${mx.domain} publishes a null MX (it accepts no mail) but its SPF policy authorizes hosts to send for it`,
      {
        name: mx.domain,
        ...(spf.record ? { record: spf.record } : {}),
        details: {
          networks: spf.networks.blocks.length,
          unresolvedTerms: spf.networks.notFlattenable.map((n) => n.term),
        },
      },
      { domain: mx.domain },
    ),
  ];
}

/** The DMARC facts BIMI's prerequisite needs (draft-brand-indicators-for-message-identification §7.1). */
export function bimiDmarcPolicy(dmarc: DmarcAudit): BimiDmarcPolicy {
  if (dmarc.findings.some((f) => f.id === 'dmarc.dns-error')) return { found: false, undetermined: true };
  const eff = dmarc.effective;
  if (!dmarc.record || !eff) return { found: false };
  return {
    found: true,
    p: dmarc.policy ?? eff.p,
    sp: eff.sp,
    pct: eff.pct,
    testing: eff.testing,
  };
}
