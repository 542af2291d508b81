/**
 * The data types of the static SPF analysis (`auditSpf` in audit.ts): its options, the
 * include/redirect tree with per-term information, the authorized networks, and the result.
 *
 * @module
 */

import type { DnsFailure, DnsSource, Resolver } from '../dns/resolver.js';
import type { Zone } from '../dns/zonefile.js';
import type { Finding } from '../findings/finding.js';
import type { RecordStatus } from '../findings/record-status.js';
import type { NotFlattenable, SpfFlattenSuggestion } from './flatten.js';
import type { CidrBlock } from './networks.js';
import type { Qualifier, SpfParseError } from './record.js';

export type { NotFlattenable } from './flatten.js';

/** Options of `auditSpf`. */
export interface SpfAuditOptions {
  resolver: Resolver;
  /**
   * Lookup budget for the flattening suggestion (default `DEFAULT_SPF_LIMITS.maxLookups`, 10). Giving it always
   * produces a suggestion.
   */
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
  /** Start of the term in the record text, in UTF-16 code units (a JavaScript string index), 0-based. */
  offset: number;
  /** Length of the term, in UTF-16 code units of the record text. */
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
  /** True when the term's lookup was void (NXDOMAIN/NODATA) for every client. */
  void: boolean;
  /**
   * The client address families for which the term's lookup is void (RFC 7208 §4.6.4, §5.3: for an IPv4
   * client `a` looks up A records only, for an IPv6 client AAAA only); absent when it is void for neither.
   */
  voidFamilies?: VoidFamilies;
  /** A DNS error met while resolving the term. */
  dnsError?: string;
  /** True when the term was not resolved because the analysis reached `maxTermLookups`. */
  notResolved?: boolean;
  /** Index into the node's `children` for include/redirect. */
  child?: number;
}

/** For which client address families something holds (a lookup is void, a count). */
export interface VoidFamilies {
  ipv4: boolean;
  ipv6: boolean;
}

/** Void lookups per client address family. */
export interface VoidLookupCounts {
  /** Void lookups check_host() meets for an IPv4 client that no term matches (worst case). */
  ipv4: number;
  /** The same for an IPv6 client. */
  ipv6: number;
}

/** One record of the include/redirect tree. */
export interface SpfTreeNode {
  domain: string;
  via: 'root' | 'include' | 'redirect';
  /** The include/redirect term of the parent that leads here. */
  viaTerm?: string;
  depth: number;
  /**
   * The record's {@link RecordStatus} (`invalid`: a syntax error, the terms still analyzed), or why the node was
   * not read: `loop` (its domain is already on the path), `not-expanded` (the node cap was reached).
   */
  status: RecordStatus | 'loop' | 'not-expanded';
  record?: string;
  /** The record's TXT character-strings. */
  strings?: string[];
  /** The zone file and line that define the record, when it came from a zone file. */
  source?: DnsSource;
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

/** The authorized networks of a policy. */
export interface SpfNetworks {
  /**
   * Minimal CIDR list of the addresses the policy authorizes (pass), computed in evaluation order
   * (RFC 7208 §4.6.2, §5.2): per record the first matching term decides, so a non-pass term removes its
   * addresses from the later pass terms, and an include contributes only its record's pass set. An `all`
   * that passes (`+all`) gives `0.0.0.0/0` and `::/0`.
   */
  blocks: CidrBlock[];
  /** Number of IPv4 addresses in `blocks`; exact (at most 2^32). */
  ipv4Addresses: number;
  /**
   * Number of IPv6 addresses in `blocks`, as a float: a sum above 2^53 is rounded (a /64 and a /128 together,
   * 2^64 + 1 addresses, show as 2^64). Kept for compatibility; `ipv6AddressCount` is exact.
   */
  ipv6Addresses: number;
  /**
   * The exact number of IPv6 addresses in `blocks`, as a decimal string (it can reach 2^128, which neither a
   * JSON number nor a float holds exactly; `BigInt(ipv6AddressCount)` gives it back as a bigint).
   */
  ipv6AddressCount: string;
  /**
   * True when `blocks` is exactly the set of addresses the policy authorizes (no term depends on each
   * message or on failed DNS).
   */
  exact: boolean;
  /**
   * Set when check_host() does not give pass to every address of `blocks` whatever the terms: the policy's
   * worst case exceeds the DNS lookup limit or the void lookup limit (RFC 7208 §4.6.4), so clients that reach
   * the limit get permerror. `exact` is then false; `blocks` is what the policy would authorize without the
   * limits.
   */
  limitExceeded?: string;
  /** Parts that depend on macros, exists or ptr (or unresolved DNS), so they are not in `blocks`. */
  notFlattenable: NotFlattenable[];
}

/** The result of `auditSpf`. */
export interface SpfAudit {
  domain: string;
  /**
   * The domain's SPF record: `found`, `none`, `multiple` (several v=spf1 records: permerror), `invalid` (a syntax
   * error: permerror; the terms are still analyzed) or `dns-error` (a TIMEOUT/SERVFAIL/REFUSED at the domain or
   * in its record's tree root).
   */
  status: RecordStatus;
  /** The SPF record of the domain, or null when there is none (or several, or DNS failed). */
  record: string | null;
  /** Every v=spf1 TXT record found at the domain. */
  records: string[];
  tree: SpfTreeNode | null;
  /** Worst-case DNS-querying terms of the whole policy (RFC 7208 §4.6.4). */
  lookups: number;
  /** The limit compared against: `DEFAULT_SPF_LIMITS.maxLookups` (10, RFC 7208 §4.6.4). */
  lookupLimit: number;
  /**
   * Void lookups met while expanding the policy: the larger of the two counts of `voidLookupsByFamily`.
   */
  voidLookups: number;
  /** Void lookups per client address family (RFC 7208 §4.6.4, §5.3), for a client that no term matches. */
  voidLookupsByFamily: VoidLookupCounts;
  networks: SpfNetworks;
  flatten?: SpfFlattenSuggestion;
  findings: Finding[];
  /** DNS failures (TIMEOUT, SERVFAIL, REFUSED) that stopped part of the analysis. */
  dnsErrors: DnsFailure[];
}
