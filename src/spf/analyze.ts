/**
 * Static analysis of a domain's SPF policy: expands the whole include/redirect tree whatever a client
 * address would do (and past the limits, so everything is visible), costs every subtree against the
 * RFC 7208 §4.6.4 lookup limit, resolves the authorized networks, and reports findings from
 * {@link SPF_FINDINGS}; optionally suggests a flattened policy.
 *
 * @module
 */

import { cachedResolver } from '../dns/cache.js';
import {
  type DnsFailure,
  type DnsResult,
  type DnsSource,
  normalizeName,
  type Resolver,
  type RRType,
} from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import type { Evidence, Finding } from '../findings/finding.js';
import { SPF_FINDINGS as F } from './findings.js';
import { type KeptTerm, type SpfFlattenSuggestion, suggestFlatten } from './flatten.js';
import { type IpAddress, parseAnswerIp } from './ip.js';
import { hasMacros, type MacroString } from './macro.js';
import { type Cidr, type CidrBlock, mergeCidrs } from './networks.js';
import { type NetworkTerm, redundantNetworks } from './overlap.js';
import {
  DNS_MECHANISMS,
  type IpMechanism,
  isSpfRecord,
  type Mechanism,
  parseSpfRecord,
  printSpfTerm,
  type Qualifier,
  type SpfParseError,
  type SpfTerm,
  selectSpfRecords,
} from './record.js';
import { dynamicMacroLetters, escapeMacroLiteral, expandStaticDomainSpec } from './static-macro.js';

/** Options of {@link analyzeSpf}. */
export interface AnalyzeSpfOptions {
  resolver: Resolver;
  /** Lookup budget for the flattening suggestion (default 10). Giving it always produces a suggestion. */
  budget?: number;
  /** Maximum number of tree nodes (records) to expand (default 200). */
  maxNodes?: number;
  /**
   * Maximum number of a, mx and exists terms whose targets are resolved (default 500). The terms past it are
   * costed but not resolved, which bounds the DNS work of a huge policy; `spf.analysis-incomplete` says so.
   */
  maxTermLookups?: number;
  /**
   * The zone files the resolver answers from, when there are any. The {@link Resolver} has no type-99 query,
   * so SPF-type (RR 99) records are only found here (RFC 7208 §3.1, §14.1).
   */
  zones?: readonly Zone[];
}

/** What the analysis learned about one term of a record. */
export interface SpfTermInfo {
  term: string;
  offset: number;
  length: number;
  kind: 'mechanism' | 'modifier' | 'invalid';
  /** Mechanism or modifier name (`unknown` modifiers keep their own name). */
  name: string;
  qualifier?: Qualifier;
  /** 1 when the term is a reached DNS-querying term (include, a, mx, ptr, exists, redirect), else 0. */
  cost: number;
  /** False for terms after `all` and for a redirect that `all` makes unreachable. */
  reached: boolean;
  /**
   * The target name: the domain-spec as written, or expanded when its only macros are `%{d}` and `%{o}`
   * (known without a client, RFC 7208 §7.2); absent when it depends on each message.
   */
  target?: string;
  /** True when `target` was obtained by expanding `%{d}`/`%{o}` macros. */
  expanded?: boolean;
  /** True when the target depends on each message (macros other than `%{d}` and `%{o}`). */
  macro: boolean;
  /** Addresses resolved for a/mx (prefix lengths applied), as CIDR text. */
  networks?: string[];
  /** MX hosts of an mx term. */
  mxHosts?: string[];
  /** True when the term's lookup was void (NXDOMAIN/NODATA). */
  void: boolean;
  /** A DNS error met while resolving the term. */
  dnsError?: string;
  /** True when the term was not resolved because the analysis reached `maxTermLookups`. */
  notResolved?: boolean;
  /** Index into the node's `children` for include/redirect. */
  child?: number;
}

/** One record of the include/redirect tree. */
export interface SpfTreeNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** The include/redirect term of the parent that leads here. */
  viaTerm?: string;
  depth: number;
  /**
   * `ok`; `none` (no SPF record); `multiple` (several); `syntax-error` (terms still analyzed);
   * `dns-error`; `loop` (already on the path); `not-expanded` (node cap reached).
   */
  status: 'ok' | 'none' | 'multiple' | 'syntax-error' | 'dns-error' | 'loop' | 'not-expanded';
  record?: string;
  /** The record's TXT character-strings. */
  strings?: string[];
  /** All v=spf1 records when there are several. */
  records?: string[];
  errors?: SpfParseError[];
  detail?: string;
  terms: SpfTermInfo[];
  /** Reached DNS-querying terms of this record. */
  ownLookups: number;
  /** Worst-case DNS-querying terms of the subtree (this record and everything it reaches). */
  lookups: number;
  /** Void lookups of this record's own terms. */
  voidLookups: number;
  /** Void lookups of the subtree. */
  subtreeVoidLookups: number;
  children: SpfTreeNode[];
}

/** A term that cannot be flattened, and why. */
export interface NotFlattenable {
  domain: string;
  term: string;
  reason: string;
}

/** The authorized networks of a policy. */
export interface SpfNetworks {
  /** Minimal CIDR list of the union of authorized ip4/ip6 networks and resolved a/mx addresses. */
  blocks: CidrBlock[];
  ipv4Addresses: number;
  ipv6Addresses: number;
  /** Parts that depend on macros, exists or ptr (or unresolved DNS), so they are not in `blocks`. */
  notFlattenable: NotFlattenable[];
}

/** The result of {@link analyzeSpf}. */
export interface SpfAnalysis {
  domain: string;
  /** The SPF record of the domain, or null when there is none (or several, or DNS failed). */
  record: string | null;
  /** Every v=spf1 TXT record found at the domain. */
  records: string[];
  tree: SpfTreeNode | null;
  /** Worst-case DNS-querying terms of the whole policy (RFC 7208 §4.6.4). */
  lookups: number;
  /** The limit compared against (10). */
  lookupLimit: number;
  /** Void lookups met while expanding the policy. */
  voidLookups: number;
  networks: SpfNetworks;
  flatten?: SpfFlattenSuggestion;
  findings: Finding[];
  /** DNS failures (TIMEOUT, SERVFAIL, REFUSED) that stopped part of the analysis. */
  dnsErrors: DnsFailure[];
}

const TEMP = new Set(['TIMEOUT', 'SERVFAIL', 'REFUSED']);

/** The largest TXT RDATA in octets: RDLENGTH is a 16-bit field (RFC 1035 §3.2.1). */
export const MAX_TXT_RDATA = 65535;

class Analyzer {
  readonly findings: Finding[] = [];
  readonly dnsErrors: DnsFailure[] = [];
  readonly networks: Cidr[] = [];
  readonly notFlattenable: NotFlattenable[] = [];
  readonly kept: KeptTerm[] = [];
  readonly mergedNonPass: string[] = [];
  nodes = 0;
  /** Records not expanded because of `maxNodes`. */
  notExpanded = 0;
  /** a/mx/exists terms resolved so far, and those left unresolved because of `maxTermLookups`. */
  termLookups = 0;
  notResolved = 0;
  private readonly resolver: Resolver;

  constructor(
    resolver: Resolver,
    readonly root: string,
    readonly maxNodes: number,
    readonly maxTermLookups: number,
  ) {
    this.resolver = cachedResolver(resolver);
  }

  async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
    const r = await this.resolver.query(name, type);
    if (!r.ok && TEMP.has(r.kind) && !this.dnsErrors.some((e) => e.name === r.name && e.type === r.type)) {
      this.dnsErrors.push(r);
    }
    return r;
  }

  /** Zone file locations of the SPF records read, by owner name (only answers from zone files have them). */
  readonly sources = new Map<string, DnsSource>();

  add(finding: Finding) {
    const name = finding.evidence?.name;
    const source = name === undefined ? undefined : this.sources.get(name);
    if (source && finding.evidence && !finding.evidence.source) {
      finding = { ...finding, evidence: { ...finding.evidence, source } };
    }
    this.findings.push({ domain: this.root, ...finding });
  }

  /** Addresses of a name (A and AAAA); `void` when neither exists; `error` on server trouble. */
  async addresses(name: string): Promise<{ ips: IpAddress[]; void: boolean; error?: string }> {
    const [a, aaaa] = await Promise.all([this.query(name, 'A'), this.query(name, 'AAAA')]);
    const ips: IpAddress[] = [];
    for (const r of [a, aaaa])
      if (r.ok) for (const t of r.records) ips.push(...(parseAnswerIp(t) ? [parseAnswerIp(t)!] : []));
    const errs = [a, aaaa].filter((r): r is DnsFailure => !r.ok && TEMP.has(r.kind));
    const out: { ips: IpAddress[]; void: boolean; error?: string } = {
      ips,
      void: !a.ok && !aaaa.ok && errs.length === 0,
    };
    if (errs.length) out.error = errs.map((e) => `${e.type} ${e.kind}`).join(', ');
    return out;
  }

  /**
   * Expands one record.
   * @param authorized true when a pass of this record authorizes the client for the root policy
   * @param rootChain true for the root and redirect targets reached from it (where `all` is the policy's end)
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
      status: 'ok',
      terms: [],
      ownLookups: 0,
      lookups: 0,
      voidLookups: 0,
      subtreeVoidLookups: 0,
      children: [],
    };
    if (viaTerm) node.viaTerm = viaTerm;
    if (ancestors.includes(domain)) {
      node.status = 'loop';
      node.detail = `${domain} is already on the path ${[...ancestors, domain].join(' -> ')}`;
      this.add(
        F.loop(`${via} loop: ${[...ancestors, domain].join(' -> ')}`, {
          name: ancestors[ancestors.length - 1] ?? domain,
          ...(viaTerm ? { term: viaTerm } : {}),
          details: { path: [...ancestors, domain] },
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
      if (TEMP.has(txt.kind)) {
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
    if (source) this.sources.set(domain, source);
    node.record = text;
    node.strings = sel.record!.strings;
    if (this.checkSize(domain, text, node.strings) > MAX_TXT_RDATA) {
      // No DNS server can serve it: report it and leave its terms alone (bounds the work on any input).
      node.status = 'syntax-error';
      node.detail = `the TXT record is larger than ${MAX_TXT_RDATA} octets`;
      return node;
    }
    const parsed = parseSpfRecord(text);
    if (!parsed.ok) {
      node.status = 'syntax-error';
      node.errors = parsed.errors;
      for (const e of parsed.errors) this.syntaxFinding(domain, text, e);
    }
    await this.terms(node, parsed.record.terms, [...ancestors, domain], authorized, rootChain);
    const reachedChildren = new Set<number>();
    for (const t of node.terms) if (t.child !== undefined && t.reached) reachedChildren.add(t.child);
    node.lookups =
      node.ownLookups + node.children.reduce((n, c, i) => n + (reachedChildren.has(i) ? c.lookups : 0), 0);
    node.subtreeVoidLookups = node.voidLookups + node.children.reduce((n, c) => n + c.subtreeVoidLookups, 0);
    return node;
  }

  /**
   * Size findings of a record: character-strings over 255 octets, the record over 450/512 bytes (RFC 7208
   * §3.3, §3.4), or over what a TXT RDATA can hold (RFC 1035 §3.2.1).
   * @returns the RDATA size in octets (a length octet and the octets of each character-string)
   */
  checkSize(domain: string, text: string, strings: readonly string[]): number {
    const enc = new TextEncoder();
    let rdata = 0;
    strings.forEach((s, i) => {
      const n = enc.encode(s).length;
      rdata += 1 + n;
      if (n > 255) {
        this.add(
          F.txtStringTooLong(
            `character-string ${i + 1} of the SPF record of ${domain} is ${n} octets (max 255)`,
            {
              name: domain,
              record: text,
              details: { index: i, octets: n },
            },
          ),
        );
      }
    });
    const bytes = enc.encode(text).length;
    if (rdata > MAX_TXT_RDATA) {
      this.add(
        F.recordTooLarge(
          `the SPF record of ${domain} needs ${rdata} octets of TXT RDATA, more than the ${MAX_TXT_RDATA} a record can hold; it cannot be published and was not analyzed`,
          { name: domain, record: text, details: { bytes, rdataOctets: rdata, limit: MAX_TXT_RDATA } },
        ),
      );
    } else if (bytes > 512) {
      this.add(
        F.recordOver512(`the SPF record of ${domain} is ${bytes} bytes (over 512)`, {
          name: domain,
          record: text,
          details: { bytes },
        }),
      );
    } else if (bytes > 450) {
      this.add(
        F.recordOver450(`the SPF record of ${domain} is ${bytes} bytes (over 450)`, {
          name: domain,
          record: text,
          details: { bytes },
        }),
      );
    }
    return rdata;
  }

  syntaxFinding(domain: string, text: string, e: SpfParseError) {
    const term = termAt(text, e.offset);
    const evidence: Evidence = {
      name: domain,
      record: text,
      term,
      position: { offset: e.offset, length: e.length },
    };
    if (/^[+\-~?]?ip[46]:/i.test(term) && term.includes('%')) {
      this.add(
        F.macroInIp(
          `${term} in the SPF record of ${domain} contains a macro; ip4/ip6 take a literal network`,
          evidence,
        ),
      );
      return;
    }
    this.add(
      F.syntaxError(
        `syntax error in the SPF record of ${domain} at position ${e.offset}: ${e.message}`,
        evidence,
      ),
    );
  }

  async terms(
    node: SpfTreeNode,
    terms: SpfTerm[],
    path: readonly string[],
    authorized: boolean,
    rootChain: boolean,
  ) {
    const domain = node.domain;
    const record = node.record ?? '';
    const ev = (t: { text: string; offset: number; length: number }): Evidence => ({
      name: domain,
      record,
      term: t.text,
      position: { offset: t.offset, length: t.length },
    });
    const allIndex = terms.findIndex((t) => t.kind === 'mechanism' && t.name === 'all');
    const hasAll = allIndex >= 0;
    const keys = terms.map((t) => printSpfTerm(t).toLowerCase());
    const seen = new Map<string, SpfTerm>();
    const duplicates = new Map<string, SpfTerm[]>();
    const afterAll: string[] = [];
    let hasRedirect = false;

    // ip4/ip6 terms inside another one: one sort and one sweep for the whole record (RFC 7208 §5.6).
    const networkTerms: NetworkTerm[] = [];
    terms.forEach((t, index) => {
      if (t.kind === 'mechanism' && (t.name === 'ip4' || t.name === 'ip6')) {
        networkTerms.push({ index, cidr: ipCidr(t), qualifier: t.qualifier, key: keys[index]! });
      }
    });
    const inside = redundantNetworks(networkTerms);

    for (const [index, term] of terms.entries()) {
      const info: SpfTermInfo = {
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
        reached: !(hasAll && index > allIndex),
        macro: false,
        void: false,
      };
      node.terms.push(info);
      if (term.kind === 'invalid') continue;
      const key = keys[index]!;
      if (term.kind === 'mechanism') {
        const first = seen.get(key);
        if (first) {
          const list = duplicates.get(key);
          if (list) list.push(term);
          else duplicates.set(key, [first, term]);
        } else seen.set(key, term);
      }

      if (term.kind === 'modifier') {
        if (term.name === 'unknown') {
          this.add(
            F.unknownModifier(
              `unknown modifier "${term.modifierName}" in the SPF record of ${domain}`,
              ev(term),
            ),
          );
          continue;
        }
        if (term.name === 'exp') continue;
        hasRedirect = true;
        if (hasAll) {
          info.macro = hasMacros(term.domainSpec);
          info.reached = false;
          this.add(
            F.redirectIgnored(
              `${term.text} in the SPF record of ${domain} is never used: the record has an "all" mechanism`,
              ev(term),
            ),
          );
          continue;
        }
        info.cost = 1;
        node.ownLookups++;
        const spec = this.spec(term, term.domainSpec, domain, info, ev(term));
        if (spec === null) {
          this.notFlat(domain, term.text, 'redirect target uses macros', true, 1);
          continue;
        }
        const child = await this.node(
          spec.target,
          'redirect',
          node.depth + 1,
          path,
          authorized,
          rootChain,
          term.text,
        );
        info.child = node.children.push(child) - 1;
        this.childStatus(child, domain, term, 'redirect', ev(term));
        continue;
      }

      // Mechanisms
      const mech = term;
      if (!info.reached) afterAll.push(mech.text);
      info.qualifier = mech.qualifier;
      if (DNS_MECHANISMS.has(mech.name) && info.reached) {
        info.cost = 1;
        node.ownLookups++;
      }
      const passes = authorized && mech.qualifier === '+';
      if (!passes && authorized && info.reached && mech.name !== 'all' && !rootChain) {
        this.mergedNonPass.push(`${mech.text} (${domain})`);
      }
      // Kept verbatim when flattening: reached terms of the root chain, and pass terms of authorized includes.
      const keepable = info.reached && (rootChain || passes);
      switch (mech.name) {
        case 'all':
          if (index === allIndex && rootChain) {
            if (mech.qualifier === '+') {
              this.add(
                F.passAll(
                  `the SPF policy of ${domain} ends with "${mech.text}": every host on the Internet passes`,
                  ev(mech),
                ),
              );
            } else if (mech.qualifier === '?') {
              this.add(
                F.neutralAll(
                  `the SPF policy of ${domain} ends with "?all": other hosts get neutral`,
                  ev(mech),
                ),
              );
            }
          } else if (index === allIndex && mech.qualifier === '+' && info.reached) {
            this.add(
              F.passAll(
                `the SPF record of ${domain} (included) has "${mech.text}": every host passes the include`,
                ev(mech),
              ),
            );
          }
          break;
        case 'ip4':
        case 'ip6': {
          const cidr = ipCidr(mech);
          const at = inside.get(index);
          const container = at === undefined ? undefined : terms[at];
          if (container) {
            this.add(
              F.overlappingNetworks(
                `${mech.text} is inside ${container.text} in the SPF record of ${domain}`,
                {
                  ...ev(mech),
                  details: { container: container.text, containerOffset: container.offset },
                },
              ),
            );
          }
          if (passes && info.reached) this.networks.push(cidr);
          else if (rootChain && info.reached) this.keep(domain, mech.text, 0);
          break;
        }
        case 'include': {
          const spec = this.spec(mech, mech.domainSpec, domain, info, ev(mech));
          if (spec === null) {
            this.notFlat(domain, mech.text, 'include target uses macros', keepable, info.cost);
            break;
          }
          const child = await this.node(
            spec.target,
            'include',
            node.depth + 1,
            path,
            passes && info.reached,
            false,
            mech.text,
          );
          info.child = node.children.push(child) - 1;
          this.childStatus(child, domain, mech, 'include', ev(mech));
          if (!passes && rootChain && info.reached) this.keep(domain, spec.text, info.cost + child.lookups);
          break;
        }
        case 'a':
        case 'mx':
          await this.addressTerm(node, mech, info, passes && info.reached, keepable, ev(mech));
          break;
        case 'ptr': {
          this.add(
            F.ptrUsed(
              `${mech.text} in the SPF record of ${domain}: the ptr mechanism SHOULD NOT be used`,
              ev(mech),
            ),
          );
          const spec = mech.domainSpec ? this.spec(mech, mech.domainSpec, domain, info, ev(mech)) : undefined;
          this.notFlat(
            domain,
            spec?.text ?? mech.text,
            "ptr depends on the client's reverse DNS",
            keepable,
            info.cost,
          );
          break;
        }
        case 'exists': {
          const spec = this.spec(mech, mech.domainSpec, domain, info, ev(mech));
          if (spec && this.mayResolve(info)) {
            const r = await this.query(spec.target, 'A');
            if (!r.ok && (r.kind === 'NXDOMAIN' || r.kind === 'NODATA'))
              this.markVoid(node, info, ev(mech), spec.target);
            else if (!r.ok && TEMP.has(r.kind)) info.dnsError = `A ${spec.target}: ${r.kind}`;
          }
          this.notFlat(
            domain,
            spec?.text ?? mech.text,
            info.macro
              ? 'exists with macros depends on each message'
              : 'exists matches on a DNS answer, not on addresses',
            keepable,
            info.cost,
          );
          break;
        }
      }
    }
    for (const dup of duplicates.values()) {
      const first = dup[0]!;
      this.add(
        F.duplicateTerm(`${first.text} appears ${dup.length} times in the SPF record of ${domain}`, {
          ...ev(dup[1]!),
          details: { count: dup.length, offsets: dup.map((t) => t.offset) },
        }),
      );
    }
    if (afterAll.length > 0) {
      const allTerm = terms[allIndex]!;
      this.add(
        F.termsAfterAll(
          `${afterAll.join(' ')} come after "${allTerm.text}" in the SPF record of ${domain} and are never evaluated`,
          {
            name: domain,
            record,
            term: afterAll.join(' '),
            position: {
              offset: terms[allIndex + 1]?.offset ?? 0,
              length: record.length - (terms[allIndex + 1]?.offset ?? 0),
            },
          },
        ),
      );
    }
    if (rootChain && !hasAll && !hasRedirect && node.status !== 'syntax-error') {
      this.add(
        F.noAll(
          `the SPF record of ${domain} has neither "all" nor "redirect": hosts it does not list get neutral`,
          {
            name: domain,
            record,
          },
        ),
      );
    }
  }

  /**
   * The target of a term's domain-spec, with the macros known without a client expanded
   * (`%{d}`, `%{o}`, RFC 7208 §7.2); sets `info.target`, `info.expanded` and `info.macro`.
   * For a domain-spec with other macros, returns null and reports `spf.macro-not-checked` (reached terms).
   *
   * @returns the target name and the term's text with the target written out (for the flattened policy)
   */
  spec(
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
        const letters = dynamicMacroLetters(ms)
          .map((l) => `%{${l}}`)
          .join(', ');
        this.add(
          F.macroNotChecked(
            `${term.text} in the SPF record of ${domain} depends on ${letters}, known only for each message and client: its target cannot be checked statically`,
            { ...evidence, details: { letters: dynamicMacroLetters(ms) } },
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
  mayResolve(info: SpfTermInfo): boolean {
    if (this.termLookups < this.maxTermLookups) {
      this.termLookups++;
      return true;
    }
    this.notResolved++;
    info.notResolved = true;
    return false;
  }

  /** Records a term that cannot become networks; kept verbatim in the flattened policy when `keep`. */
  notFlat(domain: string, term: string, reason: string, keep: boolean, cost: number) {
    if (!keep) return;
    this.notFlattenable.push({ domain, term, reason });
    this.keep(domain, term, cost);
  }

  /** Keeps a term verbatim for the flattened policy (a target-less ptr gets its domain made explicit). */
  keep(domain: string, term: string, cost: number) {
    let t = term.replace(/^\+/, '');
    // ptr, a and mx without a domain-spec name the current domain: write it out for the root's record.
    const bare = /^([-~?]?(?:ptr|a|mx))((?:\/\d+)?(?:\/\/\d+)?)$/i.exec(t);
    if (domain !== this.root && bare) t = `${bare[1]}:${domain}${bare[2] ?? ''}`;
    if (domain !== this.root && /%\{d/i.test(t)) {
      this.mergedNonPass.push(
        `${term} (${domain}: uses %{d}, which would expand to ${this.root} once flattened)`,
      );
    }
    this.kept.push({ term: t, cost });
  }

  markVoid(node: SpfTreeNode, info: SpfTermInfo, evidence: Evidence, target: string) {
    info.void = true;
    if (info.reached) node.voidLookups++;
    this.add(
      F.voidLookup(
        `${info.term} in the SPF record of ${node.domain}: ${target} does not exist or has no records`,
        evidence,
      ),
    );
  }

  childStatus(
    child: SpfTreeNode,
    domain: string,
    term: SpfTerm,
    via: 'include' | 'redirect',
    evidence: Evidence,
  ) {
    if (child.status === 'none') {
      const f = via === 'include' ? F.includeNoRecord : F.redirectNoRecord;
      this.add(
        f(
          `${term.text} in the SPF record of ${domain}: ${child.domain} has no SPF record, so check_host() returns permerror`,
          {
            ...evidence,
            details: { target: child.domain, reason: child.detail },
          },
        ),
      );
      if (child.detail === 'NXDOMAIN' || child.detail === 'NODATA') child.voidLookups = 0;
    }
  }

  async addressTerm(
    node: SpfTreeNode,
    mech: Mechanism & { name: 'a' | 'mx' },
    info: SpfTermInfo,
    passes: boolean,
    keepable: boolean,
    evidence: Evidence,
  ) {
    const domain = node.domain;
    const spec = mech.domainSpec
      ? this.spec(mech, mech.domainSpec, domain, info, evidence)
      : { target: domain, text: mech.text };
    if (spec === null) {
      this.notFlat(domain, mech.text, `${mech.name} target uses macros`, keepable, info.cost);
      return;
    }
    const target = spec.target;
    info.target = target;
    if (!this.mayResolve(info)) {
      this.notFlat(domain, spec.text, 'not resolved (analysis limit)', keepable, info.cost);
      return;
    }
    const p4 = mech.ip4Cidr ?? 32;
    const p6 = mech.ip6Cidr ?? 128;
    const found: Cidr[] = [];
    let error: string | undefined;
    if (mech.name === 'a') {
      const r = await this.addresses(target);
      if (r.error) error = r.error;
      if (r.void) this.markVoid(node, info, evidence, target);
      for (const ip of r.ips) found.push({ address: ip, prefix: ip.version === 4 ? p4 : p6 });
      if (!r.error && r.ips.length === 0) {
        this.add(
          F.targetNoAddresses(
            `${mech.text} in the SPF record of ${domain}: ${target} has no A/AAAA records`,
            evidence,
          ),
        );
      }
    } else {
      const mx = await this.query(target, 'MX');
      if (!mx.ok) {
        if (TEMP.has(mx.kind)) error = `MX ${target}: ${mx.kind}`;
        else {
          this.markVoid(node, info, evidence, target);
          this.add(
            F.targetNoAddresses(
              `${mech.text} in the SPF record of ${domain}: ${target} has no MX records`,
              evidence,
            ),
          );
        }
      } else {
        const hosts = [...mx.records]
          .sort((x, y) => x.priority - y.priority)
          .map((m) => m.exchange.replace(/\.$/, ''));
        info.mxHosts = hosts;
        if (hosts.length > 10) {
          this.add(
            F.mxTooManyHosts(
              `${mech.text} in the SPF record of ${domain}: ${target} has ${hosts.length} MX records (more than 10 is a permerror)`,
              {
                ...evidence,
                details: { hosts },
              },
            ),
          );
        }
        for (const h of hosts) {
          if (h === '') continue;
          const r = await this.addresses(h);
          if (r.error) error = error ? `${error}; ${h}: ${r.error}` : `${h}: ${r.error}`;
          for (const ip of r.ips) found.push({ address: ip, prefix: ip.version === 4 ? p4 : p6 });
        }
        if (found.length === 0 && !error) {
          this.add(
            F.targetNoAddresses(
              `${mech.text} in the SPF record of ${domain}: the MX hosts of ${target} have no A/AAAA records`,
              evidence,
            ),
          );
        }
      }
    }
    info.networks = mergeCidrs(found).map((b) => b.cidr);
    if (error) {
      info.dnsError = error;
      this.notFlat(domain, spec.text, `DNS error: ${error}`, keepable, info.cost);
      return;
    }
    if (passes) this.networks.push(...found);
    else if (keepable) this.keep(domain, spec.text, info.cost);
  }
}

function ipCidr(mech: IpMechanism): Cidr {
  return { address: mech.address, prefix: mech.cidr ?? (mech.name === 'ip4' ? 32 : 128) };
}

function termAt(text: string, offset: number): string {
  let start = offset;
  while (start > 0 && text[start - 1] !== ' ') start--;
  let end = offset;
  while (end < text.length && text[end] !== ' ') end++;
  return text.slice(start, end);
}

/** The final `all` of the policy's root chain (following redirects), for the flattened record. */
function finalAll(node: SpfTreeNode | undefined): string | undefined {
  if (!node) return undefined;
  const all = node.terms.find((t) => t.kind === 'mechanism' && t.name === 'all' && t.reached);
  if (all) return all.term.replace(/^\+/, '');
  const redirect = node.terms.find(
    (t) => t.kind === 'modifier' && t.name === 'redirect' && t.child !== undefined,
  );
  return redirect?.child !== undefined ? finalAll(node.children[redirect.child]) : undefined;
}

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
 *   {@link redundantNetworks}).
 * - Costs: `lookups` is the worst case of RFC 7208 §4.6.4 (every reached DNS-querying term of the tree;
 *   terms after `all`, and a redirect made unreachable by `all`, cost nothing). Per node: own and subtree cost.
 * - Networks: union of pass-qualified ip4/ip6 and resolved a/mx addresses reachable through pass-qualified
 *   includes, as a minimal CIDR list; macro/exists/ptr terms are listed as not flattenable.
 * - Findings: see {@link SPF_FINDINGS}. A TIMEOUT/SERVFAIL at the domain gives `spf.dns-error`, never
 *   `spf.no-record`; the DNS failures are in `dnsErrors`.
 * - Flattening: when `options.budget` is given or the policy exceeds 10 lookups.
 *
 * Never throws for DNS or record problems.
 */
export async function analyzeSpf(domain: string, options: AnalyzeSpfOptions): Promise<SpfAnalysis> {
  const name = normalizeName(domain);
  const empty: SpfAnalysis = {
    domain,
    record: null,
    records: [],
    tree: null,
    lookups: 0,
    lookupLimit: 10,
    voidLookups: 0,
    networks: { blocks: [], ipv4Addresses: 0, ipv6Addresses: 0, notFlattenable: [] },
    findings: [],
    dnsErrors: [],
  };
  if (!name?.includes('.')) {
    empty.findings.push(
      F.invalidDomain(`"${domain}" is not a valid multi-label domain name`, { name: domain }, { domain }),
    );
    return empty;
  }
  const an = new Analyzer(options.resolver, name, options.maxNodes ?? 200, options.maxTermLookups ?? 500);
  const tree = await an.node(name, 'root', 0, [], true, true);

  // Misplaced records: v=spf1 at _dmarc.<domain> or _domainkey.<domain>.
  for (const prefix of ['_dmarc', '_domainkey']) {
    const r = await an.query(`${prefix}.${name}`, 'TXT');
    if (r.ok && r.records.some((t) => isSpfRecord(t.join('')))) {
      an.add(
        F.misplacedRecord(`${prefix}.${name} has a v=spf1 record; SPF is only looked up at ${name}`, {
          name: `${prefix}.${name}`,
          record: r.records.map((t) => t.join('')).find(isSpfRecord)!,
        }),
      );
    }
  }

  for (const zone of options.zones ?? []) {
    for (const rr of zone.records) {
      if (rr.type === 'SPF' && rr.name === name) {
        an.add(
          F.type99Record(`${name} has a type 99 (SPF) record; RFC 7208 uses TXT records only`, {
            name,
            record: rr.rdata,
            ...(zone.file ? { source: { file: zone.file, line: rr.line } } : {}),
          }),
        );
      }
    }
  }

  if (tree.status === 'none') {
    an.add(F.noRecord(`${name} publishes no SPF record`, { name }));
  }
  if (an.notExpanded > 0 || an.notResolved > 0) {
    const parts: string[] = [];
    if (an.notExpanded > 0)
      parts.push(
        `${an.notExpanded} included or redirected ${an.notExpanded === 1 ? 'record was' : 'records were'} not expanded (limit ${an.maxNodes} records)`,
      );
    if (an.notResolved > 0)
      parts.push(
        `${an.notResolved} a/mx/exists ${an.notResolved === 1 ? 'term was' : 'terms were'} not resolved (limit ${an.maxTermLookups})`,
      );
    an.add(
      F.analysisIncomplete(`the SPF policy of ${name} is too large to analyze fully: ${parts.join('; ')}`, {
        name,
        details: {
          notExpanded: an.notExpanded,
          maxNodes: an.maxNodes,
          notResolved: an.notResolved,
          maxTermLookups: an.maxTermLookups,
        },
      }),
    );
  }
  const lookups = tree.lookups;
  if (lookups > 10) {
    const costs: string[] = [];
    const walk = (n: SpfTreeNode) => {
      for (const t of n.terms) {
        if (!t.reached || t.cost === 0) continue;
        const child = t.child !== undefined ? n.children[t.child] : undefined;
        costs.push(`${t.term} costs ${1 + (child?.lookups ?? 0)}`);
      }
    };
    walk(tree);
    an.add(
      F.lookupLimit(
        `the SPF policy of ${name} needs up to ${lookups} DNS-querying terms (limit 10): ${costs.join(', ')}`,
        {
          name,
          ...(tree.record ? { record: tree.record } : {}),
          details: { lookups, limit: 10, costs },
        },
      ),
    );
  }
  const voidLookups = tree.subtreeVoidLookups;
  if (voidLookups > 2) {
    an.add(
      F.voidLookupLimit(`the SPF policy of ${name} has ${voidLookups} void lookups (limit 2)`, {
        name,
        details: { voidLookups },
      }),
    );
  }
  if (an.notFlattenable.length > 0) {
    an.add(
      F.notFlattenable(
        `${an.notFlattenable.length === 1 ? '1 term' : `${an.notFlattenable.length} terms`} of the SPF policy of ${name} ${an.notFlattenable.length === 1 ? 'depends' : 'depend'} on each message and cannot be flattened: ${an.notFlattenable.map((n) => n.term).join(', ')}`,
        { name, details: { terms: an.notFlattenable } },
      ),
    );
  }
  const blocks = mergeCidrs(an.networks);
  const networks: SpfNetworks = {
    blocks,
    ipv4Addresses: blocks.filter((b) => b.version === 4).reduce((n, b) => n + b.addresses, 0),
    ipv6Addresses: blocks.filter((b) => b.version === 6).reduce((n, b) => n + b.addresses, 0),
    notFlattenable: an.notFlattenable,
  };
  const out: SpfAnalysis = {
    domain: name,
    record: tree.record ?? null,
    records: tree.records ?? (tree.record ? [tree.record] : []),
    tree,
    lookups,
    lookupLimit: 10,
    voidLookups,
    networks,
    findings: an.findings,
    dnsErrors: an.dnsErrors,
  };
  if (tree.record && (options.budget !== undefined || lookups > 10)) {
    const notes: string[] = [];
    if (an.mergedNonPass.length > 0) {
      notes.push(
        `Included records have non-pass terms (${an.mergedNonPass.join(', ')}) that carve addresses out of their ` +
          'include; the flattened list does not keep those exceptions.',
      );
    }
    out.flatten = suggestFlatten(name, blocks, an.kept, finalAll(tree), options.budget ?? 10, 450, notes);
  }
  return out;
}
