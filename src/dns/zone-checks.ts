/**
 * Zone-level checks of a parsed zone file, as Knot DNS applies them when it loads a zone (its `kzonecheck`):
 * what makes it refuse the zone is a {@link ZoneParseError}; what it loads but ignores or changes is a warning.
 *
 * Refused, as the Knot server refuses them (its mandatory checks; RFC 1034 §3.6.2, RFC 2181 §10.1, RFC 6672):
 * - a CNAME beside other data at the same name (other than RRSIG and NSEC), or two different CNAMEs;
 * - two different DNAMEs at a name, an NS beside a DNAME, or any name below a DNAME.
 *
 * Warned, as the Knot server loads them (what its optional checks and `kzonecheck` refuse is named so): in a
 * complete zone (one with an SOA at its origin), no NS at the origin, or an NS (at the origin or a delegation)
 * whose target is inside the zone without an A or AAAA record ("missing glue"). A file without an SOA at its
 * origin is a fragment, accepted as an overlay (Knot refuses it; see docs/zone-files.md): these checks are
 * skipped for it.
 *
 * Also warned: records outside the origin (ignored, as servers ignore them); duplicate records (servers keep
 * one); RRsets whose records have different TTLs; data at or below a delegation (not served by this zone); an
 * SOA below the origin; CNAME loops; a zone without records.
 *
 * @module
 */

import { ZoneParseError } from './zone-error.js';
import { inZone } from './zone-fields.js';
import type { ZoneRecord, ZoneWarning } from './zone-types.js';

function parent(name: string): string {
  const dot = name.indexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/**
 * The zone after checks: records in file order without duplicates (out-of-zone ones kept), and the warnings (the
 * first `maxWarnings`; `unlistedWarnings` counts the rest).
 */
export interface CheckedZone {
  records: ZoneRecord[];
  warnings: ZoneWarning[];
  unlistedWarnings: number;
}

/** A record's data in a comparable form, for duplicate detection. */
function rdataKey(r: ZoneRecord): string {
  return r.data !== undefined ? JSON.stringify(r.data) : r.rdata;
}

/**
 * Checks a parsed zone as Knot does when loading it.
 *
 * @param origin - the zone's origin.
 * @param file - the zone's own file label (records and warnings from `$INCLUDE`d files carry their own).
 * @param records - the records in file order.
 * @param maxWarnings - the most warnings kept; the rest are counted.
 * @throws {@link ZoneParseError} for what makes Knot refuse the zone (listed in the module description).
 */
export function checkZone(
  origin: string,
  file: string,
  records: readonly ZoneRecord[],
  maxWarnings = Number.POSITIVE_INFINITY,
): CheckedZone {
  const warnings: ZoneWarning[] = [];
  let unlistedWarnings = 0;
  const warn = (r: ZoneRecord, message: string) => {
    if (warnings.length >= maxWarnings) unlistedWarnings++;
    else
      warnings.push(
        r.file === undefined ? { line: r.line, message } : { line: r.line, message, file: r.file },
      );
  };
  const fail = (r: ZoneRecord, detail: string): never => {
    throw new ZoneParseError(r.file ?? file, r.line, detail);
  };
  const where = (r: ZoneRecord) => (r.file === undefined ? `line ${r.line}` : `${r.file}:${r.line}`);

  if (records.length === 0) warnings.push({ line: 1, message: 'the zone file has no records' });

  // Out-of-zone data and duplicates go first: servers ignore the one and keep one of the other. Out-of-zone
  // records stay in the list (never answered: the resolver skips them), so findings can still point at them.
  const all: ZoneRecord[] = [];
  const kept: ZoneRecord[] = [];
  const nodes = new Map<string, ZoneRecord[]>();
  const seen = new Map<string, ZoneRecord>();
  for (const r of records) {
    if (!inZone(r.name, origin)) {
      warn(
        r,
        `${r.type} record for ${r.name} is outside the zone origin ${origin || '.'} and is ignored, as servers ignore it (set $ORIGIN, or put it in its own zone file)`,
      );
      all.push(r);
      continue;
    }
    const key = `${r.name}|${r.type}|${rdataKey(r)}`;
    const first = seen.get(key);
    if (first) {
      warn(r, `duplicate ${r.type} record for ${r.name} (same as ${where(first)}); servers keep one`);
      continue;
    }
    seen.set(key, r);
    kept.push(r);
    all.push(r);
    const node = nodes.get(r.name);
    if (node) node.push(r);
    else nodes.set(r.name, [r]);
  }

  // RFC 1034 §3.6.2: a CNAME is alone at its name; RFC 6672: DNAME rules. Errors point at the later record.
  const order = new Map(kept.map((r, i) => [r, i]));
  for (const [name, list] of nodes) {
    const cnames = list.filter((r) => r.type === 'CNAME');
    if (cnames.length > 1)
      fail(
        cnames[1]!,
        `${name} has two CNAME records (also ${where(cnames[0]!)}); a name has at most one CNAME (RFC 2181 §10.1), and Knot and BIND refuse the zone`,
      );
    const cname = cnames[0];
    if (cname) {
      const other = list.find((r) => r.type !== 'CNAME' && r.type !== 'RRSIG' && r.type !== 'NSEC');
      if (other)
        fail(
          order.get(other)! > order.get(cname)! ? other : cname,
          `${name} has a CNAME and other data (${other.type} at ${where(other)}, CNAME at ${where(cname)}): a CNAME must be alone at its name (RFC 1034 §3.6.2), and Knot and BIND refuse the zone`,
        );
    }
    const dnames = list.filter((r) => r.type === 'DNAME');
    if (dnames.length > 1)
      fail(
        dnames[1]!,
        `${name} has two DNAME records (also ${where(dnames[0]!)}); Knot refuses the zone (RFC 6672 §2.4)`,
      );
    if (dnames[0]) {
      const ns = list.find((r) => r.type === 'NS');
      if (ns && name !== origin)
        fail(
          ns,
          `${name} has an NS record beside its DNAME (${where(dnames[0])}); Knot refuses the zone (RFC 6672 §2.3)`,
        );
    }
  }
  const dnameOwners = [...nodes.entries()]
    .filter(([, l]) => l.some((r) => r.type === 'DNAME'))
    .map(([n]) => n);
  if (dnameOwners.length > 0) {
    const dnames = new Set(dnameOwners);
    for (const r of kept) {
      for (let n = parent(r.name); r.name !== origin && inZone(n, origin); n = parent(n)) {
        if (dnames.has(n)) {
          const d = nodes.get(n)!.find((x) => x.type === 'DNAME')!;
          fail(
            r,
            `${r.type} record for ${r.name} is below the DNAME at ${n} (${where(d)}); a DNAME's owner has no names below it (RFC 6672 §2.3), and Knot refuses the zone`,
          );
        }
        if (n === origin || n === '') break;
      }
    }
  }

  // Delegations: names with NS below the origin. Data at or below them (other than NS/DS at the cut and A/AAAA
  // glue) is not served by this zone.
  const cuts = new Set(
    [...nodes.entries()].filter(([n, l]) => n !== origin && l.some((r) => r.type === 'NS')).map(([n]) => n),
  );
  const cutAbove = (name: string, strict: boolean): string | undefined => {
    for (let n = strict ? parent(name) : name; inZone(n, origin) && n !== origin; n = parent(n)) {
      if (cuts.has(n)) return n;
      if (n === '') break;
    }
    return undefined;
  };
  for (const r of kept) {
    if (r.type === 'A' || r.type === 'AAAA') continue;
    const cut = cutAbove(r.name, false);
    if (cut === undefined || (r.name === cut && (r.type === 'NS' || r.type === 'DS'))) continue;
    warn(
      r,
      `${r.type} record for ${r.name} is at or below the delegation of ${cut} (NS), so this zone does not serve it; put it in the zone of ${cut}`,
    );
  }

  // A complete zone (SOA at the origin): NS at the origin and glue, as kzonecheck checks them.
  const apex = nodes.get(origin) ?? [];
  const soa = apex.find((r) => r.type === 'SOA');
  for (const r of kept)
    if (r.type === 'SOA' && r.name !== origin)
      warn(
        r,
        `SOA record for ${r.name} is not at the zone origin ${origin || '.'} (Knot serves it as data; BIND refuses the zone)`,
      );
  if (soa) {
    if (!apex.some((r) => r.type === 'NS'))
      warn(
        soa,
        `the zone has no NS record at its origin ${origin || '.'}: BIND and kzonecheck refuse it (Knot loads it with a warning); add e.g. "@ NS ns1.${origin || 'example'}."`,
      );
    const existing = new Set<string>([origin]);
    for (const name of nodes.keys())
      for (let n = name; n !== origin && n !== ''; n = parent(n)) existing.add(n);
    const hasAddress = (name: string) =>
      (nodes.get(name) ?? []).some((r) => r.type === 'A' || r.type === 'AAAA');
    for (const owner of [origin, ...cuts]) {
      if (owner !== origin && cutAbove(owner, true) !== undefined) continue; // a delegation inside a delegation
      for (const ns of nodes.get(owner)!.filter((r) => r.type === 'NS')) {
        const target = ns.data as string;
        if (!inZone(target, origin)) continue;
        let ok: boolean;
        if (existing.has(target)) ok = hasAddress(target);
        else {
          let encloser = parent(target);
          while (!existing.has(encloser) && encloser !== origin && encloser !== '')
            encloser = parent(encloser);
          if (encloser !== owner && (cuts.has(encloser) || cutAbove(encloser, true) !== undefined)) continue;
          ok = hasAddress(encloser === '' ? '*' : `*.${encloser}`);
        }
        if (!ok)
          warn(
            ns,
            `missing glue: the NS target ${target} of ${owner} is inside the zone but has no A or AAAA record; kzonecheck refuses the zone${owner === origin ? ' and so does BIND' : ''} (Knot loads it with a warning); add its address`,
          );
      }
    }
  }

  // RRsets whose records have different TTLs: servers use one TTL for the set.
  const rrsetTtl = new Map<string, ZoneRecord>();
  for (const r of kept) {
    const key = `${r.name}|${r.type}`;
    const first = rrsetTtl.get(key);
    if (!first) rrsetTtl.set(key, r);
    else if (first.ttl !== r.ttl)
      warn(
        r,
        `${r.type} records for ${r.name} have different TTLs (${first.ttl} at ${where(first)}, ${r.ttl} here); servers give the set one TTL`,
      );
  }

  // CNAME loops: resolvers answer SERVFAIL (Knot loads them).
  const cnames = new Map<string, ZoneRecord>();
  for (const r of kept) if (r.type === 'CNAME') cnames.set(r.name, r);
  for (const [start, rec] of cnames) {
    const path = [start];
    let target = rec.data as string;
    while (cnames.has(target) && !path.includes(target)) {
      path.push(target);
      target = cnames.get(target)!.data as string;
    }
    if (target === start)
      warn(rec, `CNAME loop: ${[...path, start].join(' -> ')} (resolvers answer SERVFAIL)`);
  }

  return { records: all, warnings, unlistedWarnings };
}
