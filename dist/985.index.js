export const id = 985;
export const ids = [985];
export const modules = {

/***/ 87985:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  overlayResolver: () => (/* binding */ overlayResolver)
});

// EXTERNAL MODULE: ./lib/dns/resolver.js
var dns_resolver = __webpack_require__(97893);
// EXTERNAL MODULE: ./lib/dns/zonefile.js
var zonefile = __webpack_require__(67791);
;// CONCATENATED MODULE: ./lib/dns/zones.js
/**
 * A {@link Resolver} that answers from parsed zone files the way an authoritative server (plus a recursive
 * resolver's CNAME chasing) would: NXDOMAIN for names that do not exist, NODATA for names that exist without
 * the asked type (including empty non-terminals, RFC 8020), CNAMEs followed, wildcards per RFC 4592.
 *
 * @module
 */


/** The longest CNAME chain followed before the answer is SERVFAIL (as recursive resolvers cap it). */
const MAX_CNAME_CHAIN = 16;
function inZone(name, origin) {
    return origin === '' || name === origin || name.endsWith(`.${origin}`);
}
function zones_parent(name) {
    const dot = name.indexOf('.');
    return dot < 0 ? '' : name.slice(dot + 1);
}
/** One index per origin, longest origin first (so the first covering index is the most specific zone). */
function buildIndex(zones) {
    const byOrigin = new Map();
    for (const zone of zones) {
        let index = byOrigin.get(zone.origin);
        if (!index) {
            index = { origin: zone.origin, nodes: new Map(), existing: new Set([zone.origin]), cuts: new Set() };
            byOrigin.set(zone.origin, index);
        }
        const file = zone.file ?? zone.origin;
        for (const record of zone.records) {
            if (!inZone(record.name, zone.origin))
                continue; // out-of-zone data is ignored, as a server would
            let node = index.nodes.get(record.name);
            if (!node) {
                node = [];
                index.nodes.set(record.name, node);
            }
            node.push({ record, file });
            if (record.type === 'NS' && record.name !== zone.origin)
                index.cuts.add(record.name);
            for (let n = record.name; n !== zone.origin && n !== ''; n = zones_parent(n))
                index.existing.add(n);
        }
    }
    return [...byOrigin.values()].sort((a, b) => b.origin.length - a.origin.length);
}
/**
 * Where `name` is answered: the zone with the longest origin covering it, unless that zone delegates the name
 * (a zone cut at or above it, below the origin): then `delegatedAt` is the cut and no zone answers it.
 */
function findZone(indexes, name) {
    const zone = indexes.find((z) => inZone(name, z.origin));
    if (!zone)
        return undefined;
    if (zone.cuts.size > 0) {
        for (let n = name; n !== zone.origin && n !== ''; n = zones_parent(n)) {
            if (zone.cuts.has(n))
                return { delegatedAt: n };
        }
    }
    return { zone };
}
/**
 * The records at `name`, synthesised from a wildcard when `name` does not exist (RFC 4592 §3.3.1):
 * the closest encloser is the longest existing ancestor; `*.<closest encloser>` applies if it exists.
 */
function lookupNode(zone, name) {
    if (zone.existing.has(name))
        return zone.nodes.get(name) ?? [];
    let encloser = zones_parent(name);
    while (inZone(encloser, zone.origin) && !zone.existing.has(encloser)) {
        if (encloser === zone.origin || encloser === '')
            break;
        encloser = zones_parent(encloser);
    }
    const wildcard = encloser === '' ? '*' : `*.${encloser}`;
    return zone.nodes.get(wildcard) ?? null;
}
function answerSource(entries) {
    return entries.map((e) => ({ file: e.file, line: e.record.line }));
}
/**
 * Builds a {@link Resolver} over zones.
 *
 * - A name inside a zone (the zone with the longest matching origin) is answered from that zone only. Several
 *   zone files with the same origin are one zone (their records are merged).
 * - Delegations: an NS record at a name other than the zone's origin is a zone cut (RFC 1034 §4.2.1). Names at
 *   and below the cut are not the zone's data (A/AAAA there are glue, not answers): they are treated as outside
 *   the zones (asked of `options.outside`; NXDOMAIN when `offline`; else REFUSED), unless another loaded zone
 *   has a longer origin covering them, which then answers.
 * - Records of the asked type: an answer (`source` gives each record's own file and line).
 * - A CNAME at the name (and the asked type is not CNAME): followed, within and across zones, and through
 *   `options.outside` for targets outside them; the answer lists the `cnames`. A loop or a chain longer than
 *   {@link MAX_CNAME_CHAIN} is SERVFAIL. A chain ending at a missing name gives that name's failure kind.
 * - The name exists (records of other types, or names below it): NODATA. Otherwise a wildcard (RFC 4592) or NXDOMAIN.
 * - `SPF` (type 99) records are kept in the zone but never returned for `TXT`.
 *
 * Never throws; invalid names are BADNAME.
 */
function zoneResolver(zones, options = {}) {
    const indexes = buildIndex(zones);
    const resolver = {
        async query(rawName, type) {
            const name = (0,dns_resolver/* normalizeName */.Pc)(rawName);
            if (name === null)
                return (0,dns_resolver/* dnsFailure */.O$)(rawName, type, 'BADNAME', 'invalid domain name');
            const cnames = [];
            const seen = new Set();
            let current = name;
            for (;;) {
                const found = findZone(indexes, current);
                if (!found || 'delegatedAt' in found) {
                    const where = found
                        ? `delegated at ${found.delegatedAt} (NS), outside the zones`
                        : 'outside the zones';
                    if (cnames.length === 0) {
                        if (options.outside)
                            return options.outside.query(current, type);
                        return (0,dns_resolver/* dnsFailure */.O$)(name, type, options.offline ? 'NXDOMAIN' : 'REFUSED', options.offline ? `${where} (offline)` : where);
                    }
                    const tail = options.outside
                        ? await options.outside.query(current, type)
                        : (0,dns_resolver/* dnsFailure */.O$)(current, type, options.offline ? 'NXDOMAIN' : 'REFUSED', `CNAME target ${current} ${where}`);
                    if (!tail.ok)
                        return { ...tail, name };
                    return { ...tail, name, cnames: [...cnames, ...(tail.cnames ?? [])] };
                }
                const entries = lookupNode(found.zone, current);
                if (entries === null) {
                    return (0,dns_resolver/* dnsFailure */.O$)(name, type, 'NXDOMAIN', cnames.length ? `CNAME target ${current} does not exist` : '');
                }
                const recs = entries.map((e) => e.record);
                const matching = entries.filter((e) => e.record.type === type && e.record.data !== undefined);
                if (matching.length > 0) {
                    const answer = {
                        ok: true,
                        name,
                        type,
                        records: matching.map((e) => e.record.data),
                        source: answerSource(matching),
                        ttl: Math.min(...matching.map((e) => e.record.ttl)),
                    };
                    if (cnames.length)
                        answer.cnames = cnames;
                    return answer;
                }
                const cname = type === 'CNAME' ? undefined : recs.find((r) => r.type === 'CNAME');
                if (cname) {
                    const target = cname.data;
                    if (seen.has(current) || cnames.length >= MAX_CNAME_CHAIN) {
                        return (0,dns_resolver/* dnsFailure */.O$)(name, type, 'SERVFAIL', 'CNAME loop or chain too long');
                    }
                    seen.add(current);
                    cnames.push(target);
                    current = target;
                    continue;
                }
                return (0,dns_resolver/* dnsFailure */.O$)(name, type, 'NODATA', '');
            }
        },
    };
    return resolver;
}
/**
 * Parses zone text and returns a closed-world (offline) resolver over it: a convenience for tests and examples.
 * @throws {@link ZoneParseError} when the text is malformed.
 */
function zoneResolverFromText(text, origin) {
    return zoneResolver([parseZone(text, origin === undefined ? {} : { origin })], { offline: true });
}

;// CONCATENATED MODULE: ./lib/dns/overlay.js
/**
 * "What-if" DNS: proposed zone files laid over another resolver (usually live DNS).
 *
 * @module
 */

/**
 * Answers names inside `zones` from the zones (authoritatively: a name missing from a proposed zone is
 * NXDOMAIN even if live DNS has it today, because the zone would replace it) and every other name, including
 * CNAME targets outside the zones and names a proposed zone delegates to other servers (at or below an NS
 * record other than its apex, unless another proposed zone covers them), from `fallback`.
 *
 * @param zones - parsed zone files (see `parseZone`/`loadZoneFile`).
 * @param fallback - the resolver for everything else, e.g. `systemResolver()`.
 */
function overlayResolver(zones, fallback) {
    return zoneResolver(zones, { outside: fallback });
}


/***/ })

};
