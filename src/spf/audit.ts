/**
 * Static analysis of a domain's SPF policy: expands the whole include/redirect tree whatever a client
 * address would do (and past the limits, so everything is visible), costs every subtree against the
 * RFC 7208 §4.6.4 lookup limit, resolves the authorized networks, and reports findings from
 * {@link SPF_FINDINGS}; optionally suggests a flattened policy.
 *
 * The work is split by job: analysis.ts (the data types), tree.ts (the tree expansion and per-term findings),
 * lint.ts and record-size.ts (findings about one record's text), budget.ts (lookup and void-lookup
 * budget), flatten.ts (flattening bookkeeping and suggestion). This module runs them in order.
 *
 * @module
 */

import { type DnsFailure, isTransientFailure, normalizeName } from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import { isFull, setBlocks } from './address-set.js';
import type { SpfAudit, SpfAuditOptions, SpfNetworks, SpfTreeNode } from './analysis.js';
import { authorizedSet } from './authorized.js';
import { budgetFindings, voidFamilyWalk } from './budget.js';
import { SPF_FINDINGS as F } from './findings.js';
import { finalAll } from './flatten.js';
import { DEFAULT_SPF_LIMITS } from './limits.js';
import { type CidrBlock, countAddresses, formatAddressCount } from './networks.js';
import { isSpfRecord } from './record.js';
import { TreeExpander } from './tree.js';

export type {
  SpfAudit,
  SpfAuditOptions,
  SpfTermInfo,
  SpfTreeNode,
} from './analysis.js';

/** Default `maxNodes`: records of the tree expanded at most. */
const DEFAULT_MAX_NODES = 200;
/** Default `maxTermLookups`: a/mx/exists terms resolved at most. */
const DEFAULT_MAX_TERM_LOOKUPS = 500;

/**
 * Analyzes the SPF policy of `domain` without a client address.
 *
 * - Expands every include and redirect (loops are cut and reported), past the lookup limit, up to
 *   `maxNodes` records; resolves at most `maxTermLookups` a/mx/exists terms (`spf.analysis-incomplete`).
 * - Macros: `%{d}` (the current domain) and `%{o}` (the analyzed domain) are known without a client and are
 *   expanded (RFC 7208 §7.2, §7.3), so such targets are checked like literal ones; a target with other macros
 *   gets `spf.macro-not-checked`.
 * - A record over 65535 octets of TXT RDATA (RFC 1035 §3.2.1) cannot be served: `spf.record-too-large`, and
 *   its terms are not analyzed. Otherwise the work is O(n log n) in the number of terms (overlapping networks:
 *   `redundantNetworks`).
 * - Costs: `lookups` is the worst case of RFC 7208 §4.6.4 (every reached DNS-querying term of the tree;
 *   terms after `all`, and a redirect made unreachable by `all`, cost nothing), compared with
 *   `DEFAULT_SPF_LIMITS.maxLookups`. Per node: own and subtree cost.
 * - Networks: the addresses the policy authorizes, computed in evaluation order (authorized.ts: per record
 *   the first matching term decides, non-pass terms remove their addresses from later pass terms, an include
 *   contributes its record's pass set, a reached `+all` gives everything), as a minimal CIDR list;
 *   macro/exists/ptr terms are listed as not flattenable and make `networks.exact` false; so does a policy
 *   over the lookup or void lookup limit (`networks.limitExceeded` says why: clients reaching the limit get
 *   permerror, RFC 7208 §4.6.4).
 * - Void lookups: counted per client address family (`voidLookupsByFamily`; an `a` target with A records
 *   only is void for IPv6 clients, RFC 7208 §5.3); `spf.void-budget-spent` when a term that can be void is
 *   reached with the budget spent. One finding per void term (`spf.void-lookup`; a void a/mx target gets no
 *   `spf.target-no-addresses`).
 * - Findings: see {@link SPF_FINDINGS}. A TIMEOUT/SERVFAIL at the domain gives `spf.dns-error`, never
 *   `spf.no-record`; the DNS failures of the policy's own records and terms are in `dnsErrors`. The probes
 *   for a v=spf1 record misplaced at `_dmarc.<domain>` and `_domainkey.<domain>` are not part of the policy:
 *   a transient failure there gives the info finding `spf.misplaced-not-checked`, not a `dnsErrors` entry.
 * - Flattening: when `options.budget` is given or the policy exceeds `DEFAULT_SPF_LIMITS.maxLookups`. The
 *   suggestion authorizes exactly `networks.blocks` (plus the kept message-dependent terms); it is refused
 *   (`flatten.refused`, no records) when the policy authorizes everything or when no list can keep its
 *   authorized set.
 *
 * Never throws for DNS or record problems.
 */
export async function auditSpf(domain: string, options: SpfAuditOptions): Promise<SpfAudit> {
  const lookupLimit = DEFAULT_SPF_LIMITS.maxLookups;
  const name = normalizeName(domain);
  if (!name?.includes('.')) {
    return {
      domain,
      status: 'none',
      record: null,
      records: [],
      tree: null,
      lookups: 0,
      lookupLimit,
      voidLookups: 0,
      voidLookupsByFamily: { ipv4: 0, ipv6: 0 },
      networks: {
        blocks: [],
        ipv4Addresses: 0,
        ipv6Addresses: 0,
        ipv6AddressCount: '0',
        exact: true,
        notFlattenable: [],
      },
      findings: [
        F.invalidDomain(`"${domain}" is not a valid multi-label domain name`, { name: domain }, { domain }),
      ],
      dnsErrors: [],
    };
  }
  const an = new TreeExpander(
    options.resolver,
    name,
    options.maxNodes ?? DEFAULT_MAX_NODES,
    options.maxTermLookups ?? DEFAULT_MAX_TERM_LOOKUPS,
  );
  const tree = await an.node(name, 'root', 0, [], true, true);
  for (const f of await misplacedRecordFindings(an, name)) an.add(f);
  for (const f of type99Findings(options.zones ?? [], name)) an.add(f);
  if (tree.status === 'none') {
    an.add(F.noRecord(`${name} publishes no SPF record`, { name }));
  }
  const incomplete = incompleteFinding(an, name);
  if (incomplete) an.add(incomplete);
  for (const f of budgetFindings(tree, name)) an.add(f);
  const notFlattenable = an.flatten.notFlattenable;
  if (notFlattenable.length > 0) {
    const n = notFlattenable.length;
    an.add(
      F.notFlattenable(
        `${n === 1 ? '1 term' : `${n} terms`} of the SPF policy of ${name} ${n === 1 ? 'depends' : 'depend'} on each message and cannot be flattened: ${notFlattenable.map((t) => t.term).join(', ')}`,
        { name, details: { terms: notFlattenable } },
      ),
    );
  }
  const set = authorizedSet(tree, an.termNetworks);
  const blocks = setBlocks(set.pass);
  const ipv4 = countAddresses(blocks, 4);
  const ipv6 = countAddresses(blocks, 6);
  const networks: SpfNetworks = {
    blocks,
    ipv4Addresses: Number(ipv4),
    ipv6Addresses: Number(ipv6),
    ipv6AddressCount: ipv6.toString(),
    exact: set.exact,
    notFlattenable,
  };
  const wide = wideNetworksFinding(name, ipv4, ipv6, blocks, an.findings);
  if (wide) an.add(wide);
  const lookups = tree.lookups;
  const voids = voidFamilyWalk(tree).counts;
  const voidTrouble = an.findings.some(
    (f) => f.id === 'spf.void-lookup-limit' || f.id === 'spf.void-budget-spent',
  );
  if (lookups > lookupLimit || voidTrouble) {
    // check_host() stops with permerror for the clients that reach the limit (RFC 7208 §4.6.4), so some
    // addresses of `blocks` do not pass today.
    networks.exact = false;
    networks.limitExceeded =
      lookups > lookupLimit
        ? `the policy needs up to ${lookups} DNS lookups (limit ${lookupLimit}): clients that reach the limit get permerror`
        : 'the policy exceeds the void lookup limit: clients that reach it get permerror';
  }
  const out: SpfAudit = {
    domain: name,
    status: recordStatus(tree, an.dnsErrors, name),
    record: tree.record ?? null,
    records: tree.records ?? (tree.record ? [tree.record] : []),
    tree,
    lookups,
    lookupLimit,
    voidLookups: Math.max(voids.ipv4, voids.ipv6),
    voidLookupsByFamily: voids,
    networks,
    findings: an.findings,
    dnsErrors: an.dnsErrors,
  };
  if (tree.record && (options.budget !== undefined || lookups > lookupLimit)) {
    out.flatten = an.flatten.suggest(
      { ...set, everything: isFull(set.pass) },
      blocks,
      finalAll(tree),
      options.budget ?? lookupLimit,
    );
    if (lookups > lookupLimit && !out.flatten.refused) {
      out.flatten.warning +=
        ` The current policy needs up to ${lookups} DNS lookups (limit ${lookupLimit}, RFC 7208 §4.6.4) and ` +
        'returns permerror for clients that reach the limit; the flattened record does not, so it authorizes ' +
        'clients that fail today.';
      out.flatten.exact = false;
    }
    if (voidTrouble && !out.flatten.refused) {
      // The flattened record has no void lookups: clients that get permerror today would be authorized.
      out.flatten.warning +=
        ' The current policy returns permerror for some or all clients because of its void lookups ' +
        '(RFC 7208 §4.6.4); the flattened record does not, so it authorizes clients that fail today.';
      out.flatten.exact = false;
    }
  }
  return out;
}

/** All IPv4 addresses (2^32) and all IPv6 addresses (2^128). */
const ALL_IPV4 = 1n << 32n;
const ALL_IPV6 = 1n << 128n;
/** Above these, a policy authorizes more than a /8 of IPv4 or a /16 of IPv6: far more than any sender uses. */
const WIDE_IPV4 = 1n << 24n;
const WIDE_IPV6 = 1n << 112n;

/**
 * `spf.authorizes-everything` (error) when the addresses the policy's static terms pass cover a whole address
 * family (ip4:0.0.0.0/0, two /1s, ip6:::/0, a/0 or mx/0 of a resolved host): anyone can send as the domain, as with
 * `+all`, which `spf.pass-all` already reports (then nothing more is said); `spf.wide-networks` (warning) when they
 * cover more than a /8 of IPv4 or a /16 of IPv6.
 */
function wideNetworksFinding(
  name: string,
  ipv4: bigint,
  ipv6: bigint,
  blocks: readonly CidrBlock[],
  findings: readonly Finding[],
): Finding | undefined {
  if (findings.some((f) => f.id === 'spf.pass-all')) return undefined;
  const widest = (version: 4 | 6) =>
    blocks
      .filter((b) => b.version === version)
      .sort((a, b) => a.prefix - b.prefix)
      .slice(0, 3)
      .map((b) => b.cidr);
  const details = { ipv4Addresses: ipv4.toString(), ipv6Addresses: ipv6.toString() };
  if (ipv4 >= ALL_IPV4 || ipv6 >= ALL_IPV6) {
    const family = ipv4 >= ALL_IPV4 ? (ipv6 >= ALL_IPV6 ? 'IPv4 and IPv6' : 'IPv4') : 'IPv6';
    return F.authorizesEverything(
      `The SPF policy of ${name} authorizes every ${family} address (${widest(ipv4 >= ALL_IPV4 ? 4 : 6).join(', ')}): anyone can send as ${name}, as with +all`,
      { name, details },
    );
  }
  if (ipv4 > WIDE_IPV4 || ipv6 > WIDE_IPV6) {
    const parts: string[] = [];
    if (ipv4 > WIDE_IPV4)
      parts.push(`${formatAddressCount(ipv4)} IPv4 addresses (widest: ${widest(4).join(', ')})`);
    if (ipv6 > WIDE_IPV6)
      parts.push(`${formatAddressCount(ipv6)} IPv6 addresses (widest: ${widest(6).join(', ')})`);
    return F.wideNetworks(
      `The SPF policy of ${name} authorizes ${parts.join(' and ')}: more than a /8 of IPv4 or a /16 of IPv6`,
      { name, details },
    );
  }
  return undefined;
}

/**
 * The {@link RecordStatus} of the domain's SPF record, from the root of the tree: `dns-error` also when a
 * TIMEOUT/SERVFAIL/REFUSED answered the domain's own TXT question.
 */
function recordStatus(tree: SpfTreeNode, dnsErrors: readonly DnsFailure[], name: string): RecordStatus {
  if (tree.status === 'dns-error' || dnsErrors.some((e) => e.name === name && e.type === 'TXT'))
    return 'dns-error';
  if (tree.status === 'loop' || tree.status === 'not-expanded') return 'found';
  return tree.status;
}

/**
 * Looks for a v=spf1 record at `_dmarc.<domain>` and `_domainkey.<domain>`, where receivers never look for
 * SPF (RFC 7208 §4.4): `spf.misplaced-record`. These probes are not part of the policy, so they do not go
 * into `dnsErrors`; a transient failure gives the info finding `spf.misplaced-not-checked`.
 */
async function misplacedRecordFindings(an: TreeExpander, name: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const prefix of ['_dmarc', '_domainkey']) {
    const owner = `${prefix}.${name}`;
    const r = await an.resolver.query(owner, 'TXT');
    if (r.ok) {
      const spf = r.records.map((t) => t.join('')).find(isSpfRecord);
      if (spf !== undefined) {
        findings.push(
          F.misplacedRecord(`${owner} has a v=spf1 record; SPF is only looked up at ${name}`, {
            name: owner,
            record: spf,
          }),
        );
      }
    } else if (isTransientFailure(r)) {
      findings.push(
        F.misplacedNotChecked(
          `could not check ${owner} for a misplaced v=spf1 record: DNS ${r.kind} (the SPF policy itself was analyzed)`,
          // Not DNS trouble of the SPF policy: the catalog entry has no `dnsTrouble` flag.
          { name: owner, details: { kind: r.kind } },
        ),
      );
    }
  }
  return findings;
}

/** `spf.type99-record` for each SPF-type (RR 99) record of `name` in the zone files (RFC 7208 §3.1, §14.1). */
function type99Findings(zones: readonly Zone[], name: string): Finding[] {
  const findings: Finding[] = [];
  for (const zone of zones) {
    for (const rr of zone.records) {
      if (rr.type === 'SPF' && rr.name === name) {
        findings.push(
          F.type99Record(`${name} has a type 99 (SPF) record; RFC 7208 uses TXT records only`, {
            name,
            record: rr.rdata,
            ...(zone.file ? { source: { file: zone.file, line: rr.line } } : {}),
          }),
        );
      }
    }
  }
  return findings;
}

/** `spf.analysis-incomplete` when records were not expanded (`maxNodes`) or terms not resolved (`maxTermLookups`). */
function incompleteFinding(an: TreeExpander, name: string): Finding | undefined {
  if (an.notExpanded === 0 && an.notResolved === 0) return undefined;
  const parts: string[] = [];
  if (an.notExpanded > 0)
    parts.push(
      `${an.notExpanded} included or redirected ${an.notExpanded === 1 ? 'record was' : 'records were'} not expanded (limit ${an.maxNodes} records)`,
    );
  if (an.notResolved > 0)
    parts.push(
      `${an.notResolved} a/mx/exists ${an.notResolved === 1 ? 'term was' : 'terms were'} not resolved (limit ${an.maxTermLookups})`,
    );
  return F.analysisIncomplete(
    `the SPF policy of ${name} is too large to analyze fully: ${parts.join('; ')}`,
    {
      name,
      details: {
        notExpanded: an.notExpanded,
        maxNodes: an.maxNodes,
        notResolved: an.notResolved,
        maxTermLookups: an.maxTermLookups,
      },
    },
  );
}
