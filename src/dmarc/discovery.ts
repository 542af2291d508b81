/**
 * DMARC policy discovery and Organizational Domains.
 *
 * - RFC 9989 (default): the DNS Tree Walk (§4.10) — at most eight `_dmarc` TXT queries, names of eight or more
 *   labels shortened to seven after the first query, a walk stopped by a record with `psd=y` or `psd=n`, and
 *   several v=DMARC1 records at one name discarded; policy discovery (§4.10.1) takes the record of the Author
 *   Domain, else of its Organizational Domain, else of its Public Suffix Domain; the Organizational Domain is
 *   selected from the records the walk found by the §4.10.2 rules.
 * - RFC 7489 mode: the Organizational Domain is the registrable domain by the Public Suffix List (§3.2, using
 *   tldts' bundled list with its private section); the record is looked up at the domain, then at the
 *   Organizational Domain (§6.6.3).
 *
 * DNS failures are values: NXDOMAIN, NODATA (and a name too long to query) mean "no record here"; TIMEOUT,
 * SERVFAIL and REFUSED stop discovery with an `error` (a temperror), never "no policy".
 *
 * @module
 */

import { getDomain } from 'tldts';
import {
  type DnsFailureKind,
  type DnsResult,
  type DnsSource,
  dnsFailure,
  isAbsent,
  joinTxt,
  normalizeName,
  type Resolver,
} from '../dns/resolver.js';
import { DnsStepRunner, type DnsSteps, waitFor } from '../dns/steps.js';
import { dmarcName, isAddressLiteral, lastLabels } from './names.js';
import type { DmarcMode, DmarcParseResult } from './record.js';
import { parseDmarcRecordCached } from './record-cache.js';

export type { DmarcMode } from './record.js';

/** The most labels a Tree Walk query name keeps after its first query (RFC 9989 §4.10 step 4). */
export const WALK_MAX_LABELS = 7;

/** The most queries one Tree Walk makes (RFC 9989 §4.10). */
export const WALK_MAX_QUERIES = 8;

/**
 * The most records of each kind one {@link DmarcLookup} keeps (v=DMARC1 records of `multiple`, TXT records set
 * aside); the others are counted (`recordCount`, `otherTxtCount`). Receivers discard every record of a name with
 * several, so the first ones say all there is to fix.
 */
export const MAX_KEPT_RECORDS = 20;

/** The outcome of one `_dmarc.<domain>` TXT query. */
export interface DmarcLookup {
  /** The domain the record would apply to (without `_dmarc`). */
  domain: string;
  /** The name queried: `_dmarc.<domain>`. */
  name: string;
  /**
   * - `record`: exactly one v=DMARC1 record.
   * - `none`: no v=DMARC1 record (NXDOMAIN, NODATA, only other TXT records, or a name too long to query).
   * - `multiple`: several v=DMARC1 records, all discarded (RFC 9989 §4.10 step 2).
   * - `error`: a transient DNS failure (TIMEOUT, SERVFAIL, REFUSED): nothing is known about this name.
   */
  outcome: 'record' | 'none' | 'multiple' | 'error';
  /** The record, for `record`. */
  record?: DmarcParseResult;
  /** The v=DMARC1 records, for `multiple`: the first {@link MAX_KEPT_RECORDS}; `recordCount` says how many there were. */
  records?: DmarcParseResult[];
  /** How many v=DMARC1 records the name holds, for `multiple` (`records` keeps at most {@link MAX_KEPT_RECORDS}). */
  recordCount?: number;
  /**
   * TXT records at the name that are not DMARC records (e.g. an SPF record published at `_dmarc`): the first
   * {@link MAX_KEPT_RECORDS}; `otherTxtCount` says how many there were.
   */
  otherTxt?: string[];
  /** How many TXT records at the name are not DMARC records (`otherTxt` and `ignored` keep at most {@link MAX_KEPT_RECORDS}). */
  otherTxtCount?: number;
  /** The records of `otherTxt` with why each is not a DMARC record and, when known, its zone file line. */
  ignored?: DmarcIgnoredTxt[];
  /** The DNS failure kind behind `none` (NXDOMAIN, NODATA, BADNAME) or `error`. */
  dnsKind?: DnsFailureKind;
  /** The DNS failure detail, for `error`. */
  message?: string;
  /** Zone file lines of the answer's first {@link MAX_KEPT_RECORDS} records, in answer order, when known. */
  source?: DnsSource[];
  /** Zone file line of the one record, for `record`, when known. */
  recordSource?: DnsSource;
}

/** A TXT record at a `_dmarc` name that discovery sets aside because it is not a DMARC record (RFC 9989 §4.10 step 2). */
export interface DmarcIgnoredTxt {
  /** The record text (character-strings joined). */
  text: string;
  /** Why it is not a DMARC record (e.g. `v=DMARC1 must be the first tag`). */
  reason: string;
  /** Its zone file line, when the answer came from a zone file. */
  source?: DnsSource;
}

/** Looks up `_dmarc.<domain>`; see {@link createRecordLookup}. */
export type DmarcRecordLookup = ((domain: string) => Promise<DmarcLookup>) & {
  /** The `_dmarc` names asked so far, in order (each once). */
  readonly queries: string[];
  /** The same lookup as steps, with the runner to run them (and steps using them) with. */
  readonly memo: DmarcRecordMemo;
};

/** A record lookup as steps (see `src/dns/steps.ts`): what the Tree Walk and policy discovery steps ask. */
export interface DmarcLookupSteps {
  /** The {@link DmarcLookup} of `_dmarc.<domain>`. */
  lookup(domain: string): DnsSteps<DmarcLookup>;
}

/**
 * Queries the DMARC record of one domain (RFC 9989 §4.10 steps 1–2): TXT at `_dmarc.<domain>`, character-strings
 * joined, records not starting with v=DMARC1 set aside, several v=DMARC1 records reported as `multiple`.
 */
export async function lookupDmarcRecord(resolver: Resolver, domain: string): Promise<DmarcLookup> {
  const name = dmarcName(domain);
  return dmarcLookupOf(domain, name, await resolver.query(name, 'TXT'));
}

/** The {@link DmarcLookup} of `domain` from the answer to `TXT <name>` (RFC 9989 §4.10 steps 1–2). */
function dmarcLookupOf(domain: string, name: string, res: DnsResult<'TXT'>): DmarcLookup {
  if (!res.ok) {
    if (isAbsent(res.kind)) {
      return { domain, name, outcome: 'none', dnsKind: res.kind };
    }
    return { domain, name, outcome: 'error', dnsKind: res.kind, message: res.message };
  }
  // One record at a time, keeping at most MAX_KEPT_RECORDS of each kind and counting the rest: a name with
  // 100k TXT records must not keep 100k parsed records (and their findings) alive.
  const out: DmarcLookup = { domain, name, outcome: 'none' };
  let dmarc: DmarcParseResult[] | undefined;
  let only: DmarcParseResult | undefined;
  let dmarcCount = 0;
  let firstDmarcIndex = -1;
  let other: string[] | undefined;
  let ignored: DmarcIgnoredTxt[] | undefined;
  let otherCount = 0;
  const records = res.records;
  for (let i = 0; i < records.length; i++) {
    const p = parseDmarcRecordCached(joinTxt(records[i]!));
    if (p.isDmarc) {
      if (dmarcCount === 0) {
        firstDmarcIndex = i;
        only = p;
      } else if (dmarc === undefined) dmarc = [only!, p];
      else if (dmarc.length < MAX_KEPT_RECORDS) dmarc.push(p);
      dmarcCount++;
      continue;
    }
    otherCount++;
    if (other === undefined) {
      other = [];
      ignored = [];
    }
    if (other.length >= MAX_KEPT_RECORDS) continue;
    other.push(p.text);
    const item: DmarcIgnoredTxt = { text: p.text, reason: p.notDmarcReason ?? 'not a DMARC record' };
    const src = res.source?.[i];
    if (src) item.source = src;
    ignored!.push(item);
  }
  if (otherCount > 0) {
    out.otherTxt = other;
    out.otherTxtCount = otherCount;
    out.ignored = ignored;
  }
  if (res.source) out.source = res.source.slice(0, MAX_KEPT_RECORDS);
  if (dmarcCount === 1) {
    out.outcome = 'record';
    out.record = only!;
    const src = res.source?.[firstDmarcIndex];
    if (src) out.recordSource = src;
  } else if (dmarcCount > 1) {
    out.outcome = 'multiple';
    out.records = dmarc;
    out.recordCount = dmarcCount;
  }
  return out;
}

/**
 * The memo of {@link createRecordLookup}, as steps: each `_dmarc` name is asked once through `runner`; concurrent
 * runs sharing the memo wait for the run that asked. (A class, so that its steps are one generator function for
 * every memo: a generator function created per memo would give its generators a new shape each time.)
 */
export class DmarcRecordMemo implements DmarcLookupSteps {
  /** The `_dmarc` names asked so far, in order (each once). */
  readonly queries: string[] = [];
  // settled lookups; a promise while another run waits for the answer (undefined if that run was abandoned)
  private readonly cache = new Map<string, DmarcLookup | Promise<DmarcLookup | undefined>>();

  constructor(readonly runner: DnsStepRunner) {}

  *lookup(domain: string): DnsSteps<DmarcLookup> {
    const cache = this.cache;
    for (let hit = cache.get(domain); hit !== undefined; hit = cache.get(domain)) {
      if (!(hit instanceof Promise)) return hit;
      const shared = yield* waitFor(hit);
      if (shared) return shared;
    }
    const name = dmarcName(domain);
    this.queries.push(name);
    const held = this.runner.held(name, 'TXT');
    if (held) {
      const found = dmarcLookupOf(domain, name, held);
      cache.set(domain, found);
      return found;
    }
    return yield* this.ask(domain, name);
  }

  /** Asks for a record the runner does not hold; runs sharing the memo wait for the answer meanwhile. */
  private *ask(domain: string, name: string): DnsSteps<DmarcLookup> {
    const cache = this.cache;
    let settle: (l: DmarcLookup | undefined) => void = () => {};
    cache.set(
      domain,
      new Promise<DmarcLookup | undefined>((resolve) => {
        settle = resolve;
      }),
    );
    let found: DmarcLookup | undefined;
    try {
      found = dmarcLookupOf(domain, name, yield* this.runner.ask(name, 'TXT'));
      cache.set(domain, found);
      return found;
    } finally {
      if (!found) cache.delete(domain);
      settle(found);
    }
  }
}

/**
 * A memoising record lookup: each `_dmarc` name is queried once, so that the Tree Walks of one message (the
 * Author Domain's and each identifier's) share their answers. `queries` lists the names asked, in order.
 *
 * @param resolver asked through a {@link DnsStepRunner} (a resolver that throws gives SERVFAIL); or a runner,
 *   whose `log` then also records the questions.
 */
export function createRecordLookup(resolver: Resolver | DnsStepRunner): DmarcRecordLookup {
  const memo = new DmarcRecordMemo(
    resolver instanceof DnsStepRunner ? resolver : new DnsStepRunner(resolver),
  );
  const fn = (domain: string): Promise<DmarcLookup> => memo.runner.runAsync(memo.lookup(domain));
  return Object.assign(fn, { queries: memo.queries, memo });
}

/** A record lookup as steps and the runner to run them with; a plain async lookup is waited for. */
function stepsOf(lookup: (domain: string) => Promise<DmarcLookup>): {
  steps: DmarcLookupSteps;
  runner: DnsStepRunner;
} {
  const memo = (lookup as Partial<DmarcRecordLookup>).memo;
  if (memo instanceof DmarcRecordMemo) return { steps: memo, runner: memo.runner };
  return { steps: new WaitingLookup(lookup), runner: WAIT_ONLY };
}

/** Steps over a plain async record lookup: each lookup is waited for. */
class WaitingLookup implements DmarcLookupSteps {
  constructor(private readonly fn: (domain: string) => Promise<DmarcLookup>) {}
  *lookup(domain: string): DnsSteps<DmarcLookup> {
    return yield* waitFor(this.fn(domain));
  }
}

/** Runs steps that only wait for promises (they ask no question; one that did would get SERVFAIL). */
const WAIT_ONLY = new DnsStepRunner({
  query: (name, type) => Promise.resolve(dnsFailure(name, type, 'SERVFAIL', 'no resolver')),
});

/** The result of {@link treeWalk}. */
export interface TreeWalk {
  /** Where the walk started. */
  start: string;
  /** Every query, in order (at most {@link WALK_MAX_QUERIES}). */
  steps: DmarcLookup[];
  /** The steps that found exactly one v=DMARC1 record, longest name first. */
  found: DmarcLookup[];
  /** The step whose transient DNS failure ended the walk early. */
  error?: DmarcLookup;
}

/**
 * The DNS Tree Walk (RFC 9989 §4.10): queries `_dmarc.<start>`, then removes labels from the left — straight to
 * seven labels when the name has eight or more, then one at a time — until a record with `psd=y` or `psd=n`
 * is found or no labels remain. Stops early on a transient DNS failure (`error`).
 */
export function treeWalk(start: string, lookup: (domain: string) => Promise<DmarcLookup>): Promise<TreeWalk> {
  const { steps, runner } = stepsOf(lookup);
  return runner.runAsync(treeWalkSteps(start, steps));
}

/** {@link treeWalk} as steps, over a record lookup as steps ({@link DmarcRecordMemo}). */
export function* treeWalkSteps(start: string, lookup: DmarcLookupSteps): DnsSteps<TreeWalk> {
  const walk: TreeWalk = { start, steps: [], found: [] };
  // the names are suffixes of `start`: each is found from the previous one without splitting it into labels
  let name = start;
  let labels = 1;
  for (let i = start.indexOf('.'); i >= 0; i = start.indexOf('.', i + 1)) labels++;
  for (;;) {
    const step = yield* lookup.lookup(name);
    walk.steps.push(step);
    if (step.outcome === 'error') {
      walk.error = step;
      return walk;
    }
    if (step.outcome === 'record') {
      walk.found.push(step);
      const psd = step.record!.published.psd;
      if (psd === 'y' || psd === 'n') break;
    }
    if (labels === 1) break;
    // straight to the last WALK_MAX_LABELS labels from a longer name, else one label less
    const drop = labels > WALK_MAX_LABELS ? labels - WALK_MAX_LABELS : 1;
    let cut = -1;
    for (let k = 0; k < drop; k++) cut = name.indexOf('.', cut + 1);
    name = name.slice(cut + 1);
    labels -= drop;
  }
  return walk;
}

/** Which RFC 9989 §4.10.2 rule selected an Organizational Domain. */
export type OrgDomainRule =
  /** A record with psd=n: its domain. */
  | 'psd=n'
  /** A record with psd=y (not at the start): the domain one label below it. */
  | 'psd=y'
  /** The record with the fewest labels. */
  | 'fewest-labels'
  /** No record: the start domain itself. */
  | 'start'
  /** RFC 7489 mode: the Public Suffix List. */
  | 'psl'
  /** RFC 7489 mode, the domain is itself a public suffix: the domain itself. */
  | 'psl-suffix';

/**
 * Selects the Organizational Domain from a completed Tree Walk (RFC 9989 §4.10.2): looking at the records found
 * from the longest name to the shortest, a record with `psd=n` gives its own domain; a record with `psd=y`
 * other than at the start gives the domain one label below it; otherwise the record with the fewest labels;
 * with no record, the start domain.
 */
export function selectOrganizationalDomain(
  start: string,
  found: readonly DmarcLookup[],
): { domain: string; rule: OrgDomainRule } {
  for (const step of found) {
    const psd = step.record?.published.psd;
    if (psd === 'n') return { domain: step.domain, rule: 'psd=n' };
    if (psd === 'y' && step.domain !== start) {
      return { domain: lastLabels(start, step.domain.split('.').length + 1), rule: 'psd=y' };
    }
  }
  const last = found[found.length - 1];
  return last ? { domain: last.domain, rule: 'fewest-labels' } : { domain: start, rule: 'start' };
}

/**
 * The RFC 7489 Organizational Domain (§3.2): the public suffix of `domain` by the Public Suffix List plus one
 * label, using tldts' bundled list including its private section (e.g. `example.uk.com`).
 *
 * @returns the Organizational Domain (lower-case A-labels), or null when `domain` is itself a public suffix,
 *   is not a valid name (empty label, leading dot), or is an IP address.
 */
export function organizationalDomain7489(domain: string): string | null {
  const name = normalizeName(domain);
  if (name === null || domain.trim().startsWith('.')) return null;
  const org = getDomain(name, { allowPrivateDomains: true, extractHostname: false, validateHostname: false });
  return org ? org.toLowerCase() : null;
}

/** The result of {@link organizationalDomain9989}: `domain` null when a DNS error left it unknown. */
export interface OrganizationalDomain9989 {
  domain: string | null;
  rule?: OrgDomainRule;
  walk: TreeWalk;
}

/** The RFC 9989 Organizational Domain of `domain` by a Tree Walk; `domain` null when a DNS error left it unknown. */
export function organizationalDomain9989(
  domain: string,
  lookup: (domain: string) => Promise<DmarcLookup>,
): Promise<OrganizationalDomain9989> {
  const { steps, runner } = stepsOf(lookup);
  return runner.runAsync(organizationalDomain9989Steps(domain, steps));
}

/** {@link organizationalDomain9989} as steps, over a record lookup as steps. */
export function* organizationalDomain9989Steps(
  domain: string,
  lookup: DmarcLookupSteps,
): DnsSteps<OrganizationalDomain9989> {
  const walk = yield* treeWalkSteps(domain, lookup);
  if (walk.error) return { domain: null, walk };
  const sel = selectOrganizationalDomain(domain, walk.found);
  return { domain: sel.domain, rule: sel.rule, walk };
}

/** A transient DNS failure that left discovery (or part of it) undecided. */
export interface DmarcDnsError {
  kind: DnsFailureKind;
  /** The name whose query failed. */
  name: string;
  message: string;
}

/** The result of {@link discoverPolicy}. */
export interface DmarcDiscovery {
  mode: DmarcMode;
  /** The domain asked about, normalised (lower-case A-labels). */
  domain: string;
  /** The DMARC Policy Record that applies, or null (none found, several at one name, or a DNS error). */
  record: DmarcParseResult | null;
  /** The name the record was found at (`_dmarc.example.com`), or null. */
  recordName: string | null;
  /** The DMARC Policy Domain (RFC 9989 §3.2.5): where the record was found, without `_dmarc`. */
  policyDomain: string | null;
  /** Whose record applies: the domain's own, its Organizational Domain's, or its Public Suffix Domain's. */
  source: 'domain' | 'organizational' | 'psd' | null;
  /** The Organizational Domain; null when a DNS error left it unknown, or for an invalid domain. */
  organizationalDomain: string | null;
  /** How the Organizational Domain was selected. */
  organizationalRule?: OrgDomainRule;
  /** The `_dmarc` names asked, in order. */
  queries: string[];
  /** Each query's outcome, in order. */
  lookups: DmarcLookup[];
  /** Why there is no record, when `record` is null. */
  noRecordReason?: 'no-record' | 'multiple-records' | 'invalid-domain' | 'dns-error';
  /**
   * A transient DNS failure (temperror). With a record present it only left the Organizational Domain
   * unknown (RFC 9989: the Author Domain's own record applies regardless).
   */
  error?: DmarcDnsError;
}

function dnsError(step: DmarcLookup): DmarcDnsError {
  return { kind: step.dnsKind ?? 'SERVFAIL', name: step.name, message: step.message ?? '' };
}

/**
 * Discovers the DMARC Policy Record that applies to `domain`, where it was found, and the Organizational Domain.
 *
 * - `mode: '9989'` (default): RFC 9989 §4.10.1 on one Tree Walk from the domain (so that the walk also yields
 *   the Organizational Domain, §4.10.2): the domain's own record, else the Organizational Domain's, else the
 *   PSD's (the `psd=y` record that stopped the walk). A DNS error before the policy is known is an `error`
 *   with no record; after the domain's own record was found, the record stands and only the Organizational
 *   Domain is unknown.
 * - `mode: '7489'`: RFC 7489 §6.6.3: the domain, then (if the domain has no v=DMARC1 record at all) its PSL
 *   Organizational Domain. Several records at the domain end discovery with no policy (step 5).
 *
 * Never throws. `options.lookup` lets callers share a memoising {@link createRecordLookup} across calls (its
 * runner then asks the questions).
 */
export function discoverPolicy(
  domain: string,
  options: { resolver: Resolver; mode?: DmarcMode; lookup?: DmarcRecordLookup },
): Promise<DmarcDiscovery> {
  const { steps, runner } = stepsOf(options.lookup ?? createRecordLookup(options.resolver));
  return runner.runAsync(discoverPolicySteps(domain, options.mode ?? '9989', steps));
}

/** {@link discoverPolicy} as steps, over a record lookup as steps ({@link DmarcRecordMemo}). */
export function* discoverPolicySteps(
  domain: string,
  mode: DmarcMode,
  lookup: DmarcLookupSteps,
): DnsSteps<DmarcDiscovery> {
  const name = normalizeName(domain);
  const out: DmarcDiscovery = {
    mode,
    domain: name ?? domain,
    record: null,
    recordName: null,
    policyDomain: null,
    source: null,
    organizationalDomain: null,
    queries: [],
    lookups: [],
  };
  if (name === null || isAddressLiteral(name)) {
    out.noRecordReason = 'invalid-domain';
    return out;
  }
  if (mode === '7489') {
    // RFC 7489 §6.6.3: the domain, then its PSL Organizational Domain
    const org = organizationalDomain7489(name);
    out.organizationalDomain = org ?? name;
    out.organizationalRule = org ? 'psl' : 'psl-suffix';
    const first = yield* lookup.lookup(name);
    if (discover7489(out, first, 'domain')) {
      const org7489 = out.organizationalDomain;
      if (org7489 === name || discover7489(out, yield* lookup.lookup(org7489), 'organizational'))
        out.noRecordReason = 'no-record';
    }
    return out;
  }
  discover9989(out, name, yield* treeWalkSteps(name, lookup));
  return out;
}

/**
 * One RFC 7489 lookup of a discovery: its record applies, or a DNS error or several records end discovery.
 * @returns true when the name has no DMARC record at all (discovery goes on, or finds no record)
 */
function discover7489(out: DmarcDiscovery, step: DmarcLookup, source: 'domain' | 'organizational'): boolean {
  track(out, step);
  if (step.outcome === 'record') use(out, step, source);
  else if (step.outcome === 'error') {
    out.error = dnsError(step);
    out.noRecordReason = 'dns-error';
  } else if (step.outcome === 'multiple') out.noRecordReason = 'multiple-records';
  else return true;
  return false;
}

/** RFC 9989 §4.10.1 and §4.10.2 from one Tree Walk from the domain `name`. */
function discover9989(out: DmarcDiscovery, name: string, walk: TreeWalk): void {
  // the walk's steps are every query of the discovery, in order
  out.lookups = walk.steps;
  for (const step of walk.steps) out.queries.push(step.name);
  const own = walk.found[0]?.domain === name ? walk.found[0] : undefined;
  if (walk.error) {
    out.error = dnsError(walk.error);
    if (own) use(out, own, 'domain');
    else out.noRecordReason = 'dns-error';
    return;
  }
  const sel = selectOrganizationalDomain(name, walk.found);
  out.organizationalDomain = sel.domain;
  out.organizationalRule = sel.rule;
  if (own) {
    use(out, own, 'domain');
    return;
  }
  const orgStep = walk.found.find((s) => s.domain === sel.domain);
  const last = walk.found[walk.found.length - 1];
  if (orgStep) use(out, orgStep, 'organizational');
  else if (last && last.record!.published.psd === 'y') use(out, last, 'psd');
  else
    out.noRecordReason = walk.steps.some((s) => s.outcome === 'multiple') ? 'multiple-records' : 'no-record';
}

/** Adds a query's outcome to a discovery's `lookups` and `queries`. */
function track(out: DmarcDiscovery, step: DmarcLookup): void {
  out.lookups.push(step);
  out.queries.push(step.name);
}

/** Applies the record found by `step` to a discovery. */
function use(out: DmarcDiscovery, step: DmarcLookup, source: DmarcDiscovery['source']): void {
  out.record = step.record!;
  out.recordName = step.name;
  out.policyDomain = step.domain;
  out.source = source;
}
