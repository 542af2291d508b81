/**
 * Expansion of an SPF policy into its include/redirect tree for the static analysis: every record is read
 * and each of its terms examined whatever a client address would do (RFC 7208 §4.6, §5, §6), past the
 * lookup limit; a/mx/exists targets are resolved, pass-authorized networks collected, and the findings about
 * each record and term reported in record order.
 *
 * @module
 */

import { cachedResolver } from '../dns/cache.js';
import {
  type DnsFailure,
  type DnsResult,
  type DnsSource,
  isTransientFailure,
  normalizeName,
  type Resolver,
  type RRType,
} from '../dns/resolver.js';
import type { Evidence, Finding } from '../findings/finding.js';
import type { SpfTermInfo, SpfTreeNode, VoidFamilies } from './analysis.js';
import type { TermNetworks } from './authorized.js';
import { sumSubtree } from './budget.js';
import { SPF_FINDINGS as F } from './findings.js';
import { FlattenPlan } from './flatten.js';
import { type IpAddress, parseAnswerIp } from './ip.js';
import { DEFAULT_SPF_LIMITS } from './limits.js';
import { allFinding, recordFindings, syntaxFinding, termEvidence } from './lint.js';
import { hasMacros, type MacroString } from './macro.js';
import { type Cidr, mergeCidrs } from './networks.js';
import { type NetworkTerm, redundantNetworks } from './overlap.js';
import {
  type AddressMechanism,
  DNS_MECHANISMS,
  type IpMechanism,
  type KnownModifier,
  type Mechanism,
  type Modifier,
  parseSpfRecord,
  printSpfTerm,
  type SpfTerm,
  selectSpfRecords,
  type TargetMechanism,
} from './record.js';
import { MAX_TXT_RDATA, recordSizeFindings } from './record-size.js';
import { dynamicMacroLetters, escapeMacroLiteral, expandStaticDomainSpec } from './static-macro.js';

/** Where a record sits in the policy, which decides what its terms mean for the root's verdict. */
interface Reach {
  /** The names of the records from the root to this one (for loops). */
  path: readonly string[];
  /** True when a pass of this record authorizes the client for the root policy. */
  authorized: boolean;
  /** True for the root and the redirect targets reached from it (where `all` is the policy's end). */
  rootChain: boolean;
}

/** What the terms of one record share while they are examined. */
interface RecordScope extends Reach {
  node: SpfTreeNode;
  terms: readonly SpfTerm[];
  /** Index of the first `all` mechanism, -1 when none. */
  allIndex: number;
  /** ip4/ip6 term index -> index of a term whose network contains it (RFC 7208 §5.6). */
  inside: ReadonlyMap<number, number>;
  evidence(t: { text: string; offset: number; length: number }): Evidence;
}

/** The addresses of a name (A and AAAA): `void` when neither exists, `error` on transient DNS trouble. */
interface Addresses {
  ips: IpAddress[];
  /** Neither an A nor an AAAA record (void for every client, RFC 7208 §4.6.4). */
  void: boolean;
  /** No A record (void for an IPv4 client, whose `a` looks up A only, RFC 7208 §5.3). */
  void4: boolean;
  /** No AAAA record (void for an IPv6 client). */
  void6: boolean;
  error?: string;
}

/**
 * Expands the include/redirect tree of one policy and collects its findings, DNS failures, authorized
 * networks and flattening bookkeeping. All DNS goes through one cache.
 */
export class TreeExpander {
  readonly findings: Finding[] = [];
  /** Transient DNS failures (TIMEOUT, SERVFAIL, REFUSED) met by the expansion, one per name and type. */
  readonly dnsErrors: DnsFailure[] = [];
  /**
   * The networks each ip4/ip6 term and each resolved a/mx term matches (whatever its qualifier); the input of
   * `authorizedSet` (authorized.ts). Terms missing from it depend on each message or on failed DNS.
   */
  readonly termNetworks: TermNetworks = new WeakMap();
  readonly flatten: FlattenPlan;
  /** Records expanded so far. */
  nodes = 0;
  /** Records not expanded because of `maxNodes`. */
  notExpanded = 0;
  /** a/mx/exists terms resolved so far, and those left unresolved because of `maxTermLookups`. */
  termLookups = 0;
  notResolved = 0;
  /** Zone file locations of the SPF records read, by owner name (only answers from zone files have them). */
  readonly sources = new Map<string, DnsSource>();
  /** The cached resolver; its answers are not recorded in {@link dnsErrors} (see {@link query}). */
  readonly resolver: Resolver;

  /**
   * @param root the analyzed domain (normalised)
   * @param maxNodes records to expand at most
   * @param maxTermLookups a/mx/exists terms to resolve at most
   */
  constructor(
    resolver: Resolver,
    readonly root: string,
    readonly maxNodes: number,
    readonly maxTermLookups: number,
  ) {
    this.resolver = cachedResolver(resolver);
    this.flatten = new FlattenPlan(root);
  }

  /** A query of the policy's own expansion: a transient failure is recorded in {@link dnsErrors}. */
  async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
    const r = await this.resolver.query(name, type);
    if (
      isTransientFailure(r) &&
      !r.ok &&
      !this.dnsErrors.some((e) => e.name === r.name && e.type === r.type)
    ) {
      this.dnsErrors.push(r);
    }
    return r;
  }

  /** Adds a finding for the root domain, pointing at the zone file line of its record when known. */
  add(finding: Finding): void {
    const name = finding.evidence?.name;
    const source = name === undefined ? undefined : this.sources.get(name);
    if (source && finding.evidence && !finding.evidence.source) {
      finding = { ...finding, evidence: { ...finding.evidence, source } };
    }
    this.findings.push({ domain: this.root, ...finding });
  }

  /** Addresses of a name (A and AAAA); `void` when neither exists; `error` on server trouble. */
  private async addresses(name: string): Promise<Addresses> {
    const [a, aaaa] = await Promise.all([this.query(name, 'A'), this.query(name, 'AAAA')]);
    const ips: IpAddress[] = [];
    for (const r of [a, aaaa]) {
      if (!r.ok) continue;
      for (const t of r.records) {
        const ip = parseAnswerIp(t);
        if (ip) ips.push(ip);
      }
    }
    const errs = [a, aaaa].filter((r): r is DnsFailure => isTransientFailure(r));
    const isVoid = (r: DnsResult<'A'> | DnsResult<'AAAA'>) =>
      !r.ok && (r.kind === 'NXDOMAIN' || r.kind === 'NODATA');
    const out: Addresses = {
      ips,
      void: isVoid(a) && isVoid(aaaa),
      void4: isVoid(a),
      void6: isVoid(aaaa),
    };
    if (errs.length) out.error = errs.map((e) => `${e.type} ${e.kind}`).join(', ');
    return out;
  }

  /**
   * Expands one record and everything it reaches.
   * @param ancestors the records from the root to the one that leads here
   * @param authorized true when a pass of this record authorizes the client for the root policy
   * @param rootChain true for the root and redirect targets reached from it (where `all` is the policy's end)
   * @param viaTerm the include/redirect term of the parent that leads here
   */
  async node(
    domain: string,
    via: SpfTreeNode['via'],
    depth: number,
    ancestors: readonly string[],
    authorized: boolean,
    rootChain: boolean,
    viaTerm?: string,
  ): Promise<SpfTreeNode> {
    const node: SpfTreeNode = {
      domain,
      via,
      depth,
      status: 'found',
      terms: [],
      ownLookups: 0,
      lookups: 0,
      voidLookups: 0,
      subtreeVoidLookups: 0,
      children: [],
    };
    if (viaTerm) node.viaTerm = viaTerm;
    if (ancestors.includes(domain)) {
      const path = [...ancestors, domain];
      node.status = 'loop';
      node.detail = `${domain} is already on the path ${path.join(' -> ')}`;
      this.add(
        F.loop(`${via} loop: ${path.join(' -> ')}`, {
          name: ancestors[ancestors.length - 1] ?? domain,
          ...(viaTerm ? { term: viaTerm } : {}),
          details: { path },
        }),
      );
      return node;
    }
    if (++this.nodes > this.maxNodes) {
      this.notExpanded++;
      node.status = 'not-expanded';
      node.detail = `more than ${this.maxNodes} records in the tree`;
      return node;
    }
    const txt = await this.query(domain, 'TXT');
    if (!txt.ok) {
      if (isTransientFailure(txt)) {
        node.status = 'dns-error';
        node.detail = `TXT ${domain}: ${txt.kind}`;
        this.add(F.dnsError(`DNS ${txt.kind} reading the TXT records of ${domain}`, { name: domain }));
      } else {
        node.status = 'none';
        node.detail = txt.kind;
      }
      return node;
    }
    const sel = selectSpfRecords(txt.records);
    if (sel.status === 'none') {
      node.status = 'none';
      node.detail = 'no v=spf1 TXT record';
      return node;
    }
    if (sel.status === 'multiple') {
      node.status = 'multiple';
      node.records = sel.records.map((r) => r.text);
      this.add(
        F.multipleRecords(`${domain} publishes ${sel.records.length} SPF records`, {
          name: domain,
          details: { records: node.records },
        }),
      );
      for (const r of sel.records) this.checkSize(domain, r.text, r.strings);
      return node;
    }
    const text = sel.record!.text;
    const at = txt.records.findIndex((strings) => strings.join('') === text);
    const source = at >= 0 ? txt.source?.[at] : undefined;
    if (source) {
      this.sources.set(domain, source);
      node.source = source;
    }
    node.record = text;
    node.strings = sel.record!.strings;
    if (this.checkSize(domain, text, node.strings) > MAX_TXT_RDATA) {
      // No DNS server can serve it: report it and leave its terms alone (bounds the work on any input).
      node.status = 'invalid';
      node.detail = `the TXT record is larger than ${MAX_TXT_RDATA} octets`;
      return node;
    }
    const parsed = parseSpfRecord(text);
    if (!parsed.ok) {
      node.status = 'invalid';
      node.errors = parsed.errors;
      for (const e of parsed.errors) this.add(syntaxFinding(domain, text, e));
    }
    await this.terms(node, parsed.record.terms, { path: [...ancestors, domain], authorized, rootChain });
    sumSubtree(node);
    return node;
  }

  /** Reports the size findings of a record; returns its RDATA size in octets. */
  private checkSize(domain: string, text: string, strings: readonly string[]): number {
    const size = recordSizeFindings(domain, text, strings);
    for (const f of size.findings) this.add(f);
    return size.rdataOctets;
  }

  /** Examines the terms of a record in order, then reports the findings about the record as a whole. */
  private async terms(node: SpfTreeNode, terms: readonly SpfTerm[], reach: Reach): Promise<void> {
    const domain = node.domain;
    const record = node.record ?? '';
    // ip4/ip6 terms inside another one: one sort and one sweep for the whole record (RFC 7208 §5.6).
    const networkTerms: NetworkTerm[] = [];
    terms.forEach((t, index) => {
      if (t.kind === 'mechanism' && (t.name === 'ip4' || t.name === 'ip6')) {
        networkTerms.push({
          index,
          cidr: ipCidr(t),
          qualifier: t.qualifier,
          key: printSpfTerm(t).toLowerCase(),
        });
      }
    });
    const scope: RecordScope = {
      ...reach,
      node,
      terms,
      allIndex: terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all'),
      inside: redundantNetworks(networkTerms),
      evidence: (t) => termEvidence(domain, record, t),
    };
    for (const [index, term] of terms.entries()) {
      const info = termInfo(term, !(scope.allIndex >= 0 && index > scope.allIndex));
      node.terms.push(info);
      if (term.kind === 'modifier') await this.modifier(scope, term, info);
      else if (term.kind === 'mechanism') await this.mechanism(scope, term, index, info);
    }
    const whole = recordFindings(domain, record, terms, reach.rootChain, node.status === 'invalid');
    for (const f of whole) this.add(f);
  }

  /** A modifier (RFC 7208 §6): unknown ones are reported, `exp` is left alone, `redirect` is followed. */
  private async modifier(scope: RecordScope, term: Modifier, info: SpfTermInfo): Promise<void> {
    const { node } = scope;
    const domain = node.domain;
    if (term.name === 'unknown') {
      this.add(
        F.unknownModifier(
          `unknown modifier "${term.modifierName}" in the SPF record of ${domain}`,
          scope.evidence(term),
        ),
      );
      return;
    }
    if (term.name === 'exp') return;
    if (scope.allIndex >= 0) {
      // §6.1: a redirect is only used when no mechanism matches, and `all` always matches.
      info.macro = hasMacros(term.domainSpec);
      info.reached = false;
      this.add(
        F.redirectIgnored(
          `${term.text} in the SPF record of ${domain} is never used: the record has an "all" mechanism`,
          scope.evidence(term),
        ),
      );
      return;
    }
    info.cost = 1;
    node.ownLookups++;
    const spec = this.spec(term, term.domainSpec, domain, info, scope.evidence(term));
    if (spec === null) {
      this.flatten.notFlat(domain, term.text, 'redirect target uses macros', true, 1);
      return;
    }
    await this.follow(scope, term, 'redirect', spec.target, info, scope.authorized, scope.rootChain);
  }

  /** A mechanism (RFC 7208 §5): its cost, its findings, its networks and what flattening keeps of it. */
  private async mechanism(
    scope: RecordScope,
    mech: Mechanism,
    index: number,
    info: SpfTermInfo,
  ): Promise<void> {
    const { node, authorized, rootChain } = scope;
    const domain = node.domain;
    const evidence = scope.evidence(mech);
    info.qualifier = mech.qualifier;
    if (DNS_MECHANISMS.has(mech.name) && info.reached) {
      info.cost = 1;
      node.ownLookups++;
    }
    const passes = authorized && mech.qualifier === '+';
    // Kept verbatim when flattening: reached terms of the root chain, and pass terms of authorized includes.
    const keepable = info.reached && (rootChain || passes);
    switch (mech.name) {
      case 'all': {
        const f = index === scope.allIndex ? allFinding(domain, mech, rootChain, evidence) : undefined;
        if (f) this.add(f);
        break;
      }
      case 'ip4':
      case 'ip6': {
        const at = scope.inside.get(index);
        const container = at === undefined ? undefined : scope.terms[at];
        if (container) {
          this.add(
            F.overlappingNetworks(`${mech.text} is inside ${container.text} in the SPF record of ${domain}`, {
              ...evidence,
              details: { container: container.text, containerOffset: container.offset },
            }),
          );
        }
        this.termNetworks.set(info, [ipCidr(mech)]);
        if (!passes && rootChain && info.reached) this.flatten.keep(domain, mech.text, 0);
        break;
      }
      case 'include': {
        const spec = this.spec(mech, mech.domainSpec, domain, info, evidence);
        if (spec === null) {
          this.flatten.notFlat(domain, mech.text, 'include target uses macros', keepable, info.cost);
          break;
        }
        const child = await this.follow(
          scope,
          mech,
          'include',
          spec.target,
          info,
          passes && info.reached,
          false,
        );
        if (!passes && rootChain && info.reached)
          this.flatten.keep(domain, spec.text, info.cost + child.lookups);
        break;
      }
      case 'a':
      case 'mx':
        await this.addressTerm(node, mech, info, passes && info.reached, keepable, evidence);
        break;
      case 'ptr': {
        this.add(
          F.ptrUsed(
            `${mech.text} in the SPF record of ${domain}: the ptr mechanism SHOULD NOT be used`,
            evidence,
          ),
        );
        const spec = mech.domainSpec ? this.spec(mech, mech.domainSpec, domain, info, evidence) : undefined;
        this.flatten.notFlat(
          domain,
          spec?.text ?? mech.text,
          "ptr depends on the client's reverse DNS",
          keepable,
          info.cost,
        );
        break;
      }
      case 'exists':
        await this.existsTerm(node, mech, info, keepable, evidence);
        break;
    }
  }

  /**
   * Follows an include mechanism or a redirect modifier into its target's record: expands the child and
   * reports a target without an SPF record (permerror for check_host(), RFC 7208 §5.2, §6.1).
   * @returns the child node
   */
  private async follow(
    scope: RecordScope,
    term: Mechanism | KnownModifier,
    via: 'include' | 'redirect',
    target: string,
    info: SpfTermInfo,
    authorized: boolean,
    rootChain: boolean,
  ): Promise<SpfTreeNode> {
    const { node } = scope;
    const child = await this.node(target, via, node.depth + 1, scope.path, authorized, rootChain, term.text);
    info.child = node.children.push(child) - 1;
    if (child.status === 'none') {
      const f = via === 'include' ? F.includeNoRecord : F.redirectNoRecord;
      this.add(
        f(
          `${term.text} in the SPF record of ${node.domain}: ${child.domain} has no SPF record, so check_host() returns permerror`,
          { ...scope.evidence(term), details: { target: child.domain, reason: child.detail } },
        ),
      );
      if (child.detail === 'NXDOMAIN' || child.detail === 'NODATA') child.voidLookups = 0;
    }
    return child;
  }

  /**
   * The target of a term's domain-spec, with the macros known without a client expanded
   * (`%{d}`, `%{o}`, RFC 7208 §7.2); sets `info.target`, `info.expanded` and `info.macro`.
   * For a domain-spec with other macros, returns null and reports `spf.macro-not-checked` (reached terms).
   *
   * @returns the target name and the term's text with the target written out (for the flattened policy)
   */
  private spec(
    term: SpfTerm,
    ms: MacroString,
    domain: string,
    info: SpfTermInfo,
    evidence: Evidence,
  ): { target: string; text: string } | null {
    const name = expandStaticDomainSpec(ms, { domain, senderDomain: this.root });
    if (name === null) {
      info.macro = true;
      if (info.reached) {
        const letters = dynamicMacroLetters(ms);
        this.add(
          F.macroNotChecked(
            `${term.text} in the SPF record of ${domain} depends on ${letters.map((l) => `%{${l}}`).join(', ')}, known only for each message and client: its target cannot be checked statically`,
            { ...evidence, details: { letters } },
          ),
        );
      }
      return null;
    }
    const target = (normalizeName(name) ?? name).toLowerCase();
    info.target = target;
    if (!hasMacros(ms)) return { target, text: term.text };
    info.expanded = true;
    const at = ms.offset - term.offset;
    const text = `${term.text.slice(0, at)}${escapeMacroLiteral(target)}${term.text.slice(at + ms.length)}`;
    return { target, text };
  }

  /** Counts a term resolution against `maxTermLookups`; false (and the term marked) once the limit is reached. */
  private mayResolve(info: SpfTermInfo): boolean {
    if (this.termLookups < this.maxTermLookups) {
      this.termLookups++;
      return true;
    }
    this.notResolved++;
    info.notResolved = true;
    return false;
  }

  /**
   * Marks a term's lookup as void (NXDOMAIN or NODATA, RFC 7208 §4.6.4) for the client address families in
   * `families`; when it is void for every client, counts it and reports `spf.void-lookup` (the only finding of
   * the term: a void a/mx target gets no `spf.target-no-addresses`). A lookup void for one family only is
   * counted by the family budget (`voidFamilyWalk`, budget.ts).
   */
  private markVoid(
    node: SpfTreeNode,
    info: SpfTermInfo,
    evidence: Evidence,
    target: string,
    families: VoidFamilies = { ipv4: true, ipv6: true },
  ): void {
    if (!families.ipv4 && !families.ipv6) return;
    info.voidFamilies = families;
    if (!(families.ipv4 && families.ipv6)) return;
    info.void = true;
    if (info.reached) node.voidLookups++;
    this.add(
      F.voidLookup(
        `${info.term} in the SPF record of ${node.domain}: ${target} does not exist or has no records`,
        evidence,
      ),
    );
  }

  /** `exists` (RFC 7208 §5.7): its A lookup is checked for void lookups; it never becomes networks. */
  private async existsTerm(
    node: SpfTreeNode,
    mech: TargetMechanism,
    info: SpfTermInfo,
    keepable: boolean,
    evidence: Evidence,
  ): Promise<void> {
    const domain = node.domain;
    const spec = this.spec(mech, mech.domainSpec, domain, info, evidence);
    if (spec && this.mayResolve(info)) {
      const r = await this.query(spec.target, 'A');
      if (!r.ok && (r.kind === 'NXDOMAIN' || r.kind === 'NODATA'))
        this.markVoid(node, info, evidence, spec.target);
      else if (!r.ok && isTransientFailure(r)) info.dnsError = `A ${spec.target}: ${r.kind}`;
    }
    this.flatten.notFlat(
      domain,
      spec?.text ?? mech.text,
      info.macro
        ? 'exists with macros depends on each message'
        : 'exists matches on a DNS answer, not on addresses',
      keepable,
      info.cost,
    );
  }

  /** `a` (RFC 7208 §5.3) and `mx` (§5.4): resolves the target's addresses (through its MX hosts for mx). */
  private async addressTerm(
    node: SpfTreeNode,
    mech: AddressMechanism,
    info: SpfTermInfo,
    passes: boolean,
    keepable: boolean,
    evidence: Evidence,
  ): Promise<void> {
    const domain = node.domain;
    const spec = mech.domainSpec
      ? this.spec(mech, mech.domainSpec, domain, info, evidence)
      : { target: domain, text: mech.text };
    if (spec === null) {
      this.flatten.notFlat(domain, mech.text, `${mech.name} target uses macros`, keepable, info.cost);
      return;
    }
    const target = spec.target;
    info.target = target;
    if (!this.mayResolve(info)) {
      this.flatten.notFlat(domain, spec.text, 'not resolved (analysis limit)', keepable, info.cost);
      return;
    }
    const p4 = mech.ip4Cidr ?? 32;
    const p6 = mech.ip6Cidr ?? 128;
    const found: Cidr[] = [];
    const addCidrs = (ips: readonly IpAddress[]) => {
      for (const ip of ips) found.push({ address: ip, prefix: ip.version === 4 ? p4 : p6 });
    };
    let error: string | undefined;
    if (mech.name === 'a') {
      const r = await this.addresses(target);
      if (r.error) error = r.error;
      this.markVoid(node, info, evidence, target, { ipv4: r.void4, ipv6: r.void6 });
      addCidrs(r.ips);
      if (!r.error && !r.void && r.ips.length === 0) {
        this.add(
          F.targetNoAddresses(
            `${mech.text} in the SPF record of ${domain}: ${target} has no A/AAAA records`,
            evidence,
          ),
        );
      }
    } else {
      error = await this.mxAddresses(node, mech, info, evidence, target, addCidrs);
    }
    info.networks = mergeCidrs(found).map((b) => b.cidr);
    if (error) {
      info.dnsError = error;
      this.flatten.notFlat(domain, spec.text, `DNS error: ${error}`, keepable, info.cost);
      return;
    }
    this.termNetworks.set(info, found);
    if (!passes && keepable) this.flatten.keep(domain, spec.text, info.cost);
  }

  /**
   * The MX hosts of an `mx` target and their addresses (sets `info.mxHosts`); reports a void MX lookup, an
   * MX set over `DEFAULT_SPF_LIMITS.maxMxHosts` (permerror for check_host(), RFC 7208 §4.6.4), and MX hosts
   * without addresses.
   * @returns the DNS error text, when there was trouble
   */
  private async mxAddresses(
    node: SpfTreeNode,
    mech: AddressMechanism,
    info: SpfTermInfo,
    evidence: Evidence,
    target: string,
    addCidrs: (ips: readonly IpAddress[]) => void,
  ): Promise<string | undefined> {
    const domain = node.domain;
    const mx = await this.query(target, 'MX');
    if (!mx.ok) {
      if (isTransientFailure(mx)) return `MX ${target}: ${mx.kind}`;
      this.markVoid(node, info, evidence, target);
      return undefined;
    }
    const hosts = [...mx.records]
      .sort((x, y) => x.priority - y.priority)
      .map((m) => m.exchange.replace(/\.$/, ''));
    info.mxHosts = hosts;
    const maxHosts = DEFAULT_SPF_LIMITS.maxMxHosts;
    if (hosts.length > maxHosts) {
      this.add(
        F.mxTooManyHosts(
          `${mech.text} in the SPF record of ${domain}: ${target} has ${hosts.length} MX records (more than ${maxHosts} is a permerror)`,
          { ...evidence, details: { hosts } },
        ),
      );
    }
    let error: string | undefined;
    let addresses = 0;
    for (const h of hosts) {
      if (h === '') continue;
      const r = await this.addresses(h);
      if (r.error) error = error ? `${error}; ${h}: ${r.error}` : `${h}: ${r.error}`;
      addCidrs(r.ips);
      addresses += r.ips.length;
    }
    if (addresses === 0 && !error) {
      this.add(
        F.targetNoAddresses(
          `${mech.text} in the SPF record of ${domain}: the MX hosts of ${target} have no A/AAAA records`,
          evidence,
        ),
      );
    }
    return error;
  }
}

/** The information of a term before it is examined. */
function termInfo(term: SpfTerm, reached: boolean): SpfTermInfo {
  return {
    term: term.text,
    offset: term.offset,
    length: term.length,
    kind: term.kind,
    name:
      term.kind === 'invalid'
        ? term.text
        : term.kind === 'modifier' && term.name === 'unknown'
          ? term.modifierName
          : term.name,
    cost: 0,
    reached,
    macro: false,
    void: false,
  };
}

/** The network of an ip4/ip6 mechanism (default prefix: the whole address). */
function ipCidr(mech: IpMechanism): Cidr {
  return { address: mech.address, prefix: mech.cidr ?? (mech.name === 'ip4' ? 32 : 128) };
}
