/**
 * Which domains a run audits, and which zone files each is audited against (issue 12: every zone in a change is
 * audited). Without an explicit list the audited set is the policy's domains plus every zone origin that is a
 * mail domain (reverse zones under `arpa` answer PTR questions, they are not audited as domains); a zone file
 * that no audited domain is in, and that the audits asked nothing about, is an error, never a silent skip.
 *
 * @module
 */

import type { Zone } from '../dns/zonefile.js';
import { zonesOfDomain } from './locate.js';

/** True for an origin that is not a mail domain: the root, a TLD, or a reverse zone under `arpa`. */
function notAMailDomain(origin: string): boolean {
  return origin === '' || !origin.includes('.') || origin === 'arpa' || origin.endsWith('.arpa');
}

/**
 * The domains to audit when none are given: `policyDomains` (in order), then each zone origin that is a mail
 * domain and not already listed, in file order. Lower-case, without trailing dots, each once.
 */
export function domainsToAudit(policyDomains: readonly string[], zones: readonly Zone[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (d: string) => {
    const k = d.toLowerCase().replace(/\.$/, '');
    if (seen.has(k)) return;
    seen.add(k);
    out.push(k);
  };
  for (const d of policyDomains) push(d);
  for (const z of zones) if (!notAMailDomain(z.origin)) push(z.origin);
  return out;
}

/** A domain and the zone files it was audited against (by file name; empty: live DNS only). */
export interface DomainZones {
  domain: string;
  files: string[];
}

/** For each domain, the zone files it is audited against ({@link zonesOfDomain}), by file name. */
export function domainZoneFiles(domains: readonly string[], zones: readonly Zone[]): DomainZones[] {
  return domains.map((domain) => ({
    domain,
    files: zonesOfDomain(domain, zones).map((z) => z.file ?? z.origin),
  }));
}

/**
 * The zone files that cover no audited domain: no audited domain is at, under or above their origin, and no
 * name in them was asked (`asked`: the names the audits asked, e.g. `namesAsked(...).asked`; a provider's zone
 * that an SPF include reads, or a reverse zone the MX check asks, is covered that way).
 */
export function uncoveredZones(
  zones: readonly Zone[],
  domains: readonly string[],
  asked: ReadonlySet<string>,
): Zone[] {
  const names = [...asked];
  return zones.filter((z) => {
    if (domains.some((d) => zonesOfDomain(d, [z]).length > 0)) return false;
    return !names.some((n) => n === z.origin || n.endsWith(`.${z.origin}`));
  });
}

/** The error message for zone files that cover no audited domain: names each file and its origin, and the fix. */
export function uncoveredMessage(zones: readonly Zone[], domains: readonly string[]): string {
  const list = zones.map((z) => `${z.file ?? z.origin} (origin ${z.origin})`).join(', ');
  const one = zones.length === 1;
  return `${list} ${one ? 'covers' : 'cover'} no audited domain (${domains.join(', ') || 'none'}): no audited domain is in ${one ? 'it' : 'them'} and the audit asked nothing there. Add ${one ? 'its origin' : 'their origins'} to the domains (or the policy), or remove ${one ? 'the file' : 'the files'} from the zone files`;
}
