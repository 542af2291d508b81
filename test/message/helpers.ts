import type { Resolver } from '../../src/dns/resolver.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { zoneText } from '../dkim/helpers.js';

/** A closed-world resolver over several origins, each `{ origin: { relativeName: txt | txt[] } }`, plus raw lines. */
export function zones(
  spec: Record<string, Record<string, string | string[]>>,
  extra: Record<string, string[]> = {},
): Resolver {
  return zoneResolver(
    Object.entries(spec).map(([origin, records]) =>
      parseZone(zoneText(origin, records, extra[origin] ?? []), { origin, file: `${origin}.zone` }),
    ),
    { offline: true },
  );
}
