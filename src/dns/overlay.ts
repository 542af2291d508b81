/**
 * "What-if" DNS: proposed zone files laid over another resolver (usually live DNS).
 *
 * @module
 */

import type { Resolver } from './resolver.js';
import type { Zone } from './zonefile.js';
import { zoneResolver } from './zones.js';

/**
 * Answers names inside `zones` from the zones (authoritatively: a name missing from a proposed zone is
 * NXDOMAIN even if live DNS has it today, because the zone would replace it) and every other name, including
 * CNAME targets outside the zones and names a proposed zone delegates to other servers (at or below an NS
 * record other than its apex, unless another proposed zone covers them), from `fallback`.
 *
 * @param zones - parsed zone files (see `parseZone`/`loadZoneFile`).
 * @param fallback - the resolver for everything else, e.g. `systemResolver()`.
 */
export function overlayResolver(zones: Zone[], fallback: Resolver): Resolver {
  return zoneResolver(zones, { outside: fallback });
}
