/**
 * The check_host() function of RFC 7208 (§4, §5, §6) with the processing limits of §4.6.4, the explanation
 * of §6.2, and a trace of what was fetched and tried; plus {@link verifySpfIdentity}, which does what a
 * receiving MTA does with MAIL FROM and HELO (§2.3, §2.4).
 *
 * @module
 */

import type { DnsFailureKind, DnsResult, Resolver, RRType } from '../dns/resolver.js';
import {
  cidrMatch,
  dotFormat,
  formatIp,
  type IpAddress,
  parseAnswerIp,
  parseClientIp,
  reverseName,
} from './ip.js';
import {
  EXP_MACRO_LETTERS,
  expandDomainSpec,
  expandMacroString,
  isQueryableName,
  type MacroString,
  type MacroValues,
  parseMacroString,
} from './macro.js';
import {
  type KnownModifier,
  type Mechanism,
  type MechanismName,
  parseSpfRecord,
  type Qualifier,
  type SpfRecord,
  selectSpfRecords,
} from './record.js';

/** The results of check_host() (RFC 7208 §2.6). */
export type SpfResultCode = 'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** Processing limits (RFC 7208 §4.6.4). Every one is configurable; the defaults are the RFC's. */
export interface SpfLimits {
  /** DNS-querying terms (include, a, mx, ptr, exists, redirect) per evaluation; more is permerror. Default 10. */
  maxLookups: number;
  /** Void lookups (NXDOMAIN or NODATA answers to a term's query); more is permerror. Default 2. */
  maxVoidLookups: number;
  /** MX hosts per `mx` mechanism; more is permerror. Default 10. */
  maxMxHosts: number;
  /** PTR names considered per `ptr` mechanism or `%{p}` macro; the rest are ignored. Default 10. */
  maxPtrNames: number;
  /** Elapsed-time limit for the whole evaluation in milliseconds; exceeding it is temperror. Default 20 000 (the RFC's minimum). */
  timeoutMs: number;
}

/** The RFC 7208 §4.6.4 limits. */
export const DEFAULT_SPF_LIMITS: Readonly<SpfLimits> = Object.freeze({
  maxLookups: 10,
  maxVoidLookups: 2,
  maxMxHosts: 10,
  maxPtrNames: 10,
  timeoutMs: 20_000,
});

/** A term in a record, located. */
export interface SpfTermRef {
  /** The domain whose record holds the term. */
  domain: string;
  /** The term as written. */
  term: string;
  /** Position of the term in the record text. */
  offset: number;
  length: number;
}

/** One step from a record into another: an `include` mechanism or a `redirect` modifier. */
export interface SpfHop extends SpfTermRef {
  via: 'include' | 'redirect';
  /** The target domain (after macro expansion). */
  target: string;
}

/** What decided a pass/fail/softfail/neutral result. */
export interface SpfDecision {
  /** `mechanism`: a mechanism matched; `default`: nothing matched and there was no redirect (neutral, §4.7). */
  kind: 'mechanism' | 'default';
  /** The domain whose record decided (for an include match, the innermost record that matched). */
  domain: string;
  /** That record's text. */
  record: string;
  /** The matching mechanism (absent for `default`). */
  term?: string;
  offset?: number;
  length?: number;
  mechanism?: MechanismName;
  /** The qualifier that gave the result: the top-level term's qualifier (an include's, when reached through include). */
  qualifier: Qualifier;
  /** Number of include/redirect hops from the checked domain (0: its own record). */
  depth: number;
  /** The hops from the checked domain's record to the deciding record. */
  path: SpfHop[];
}

/** One entry of the evaluation trace, in order of evaluation. */
export type SpfTraceEvent =
  | {
      type: 'record';
      domain: string;
      depth: number;
      via: 'check' | 'include' | 'redirect';
      /** `found`: one record; `none`: no SPF record (or NXDOMAIN); `multiple`: several; `syntax-error`; `dns-error`. */
      status: 'found' | 'none' | 'multiple' | 'syntax-error' | 'dns-error';
      record?: string;
      detail?: string;
    }
  | {
      type: 'term';
      domain: string;
      depth: number;
      term: string;
      offset: number;
      length: number;
      /** `match` / `no-match`, or the error the term raised. */
      outcome: 'match' | 'no-match' | 'permerror' | 'temperror';
      detail?: string;
      /** DNS-querying terms and void lookups counted so far (after this term). */
      lookups: number;
      voidLookups: number;
    }
  | { type: 'exp'; domain: string; status: 'used' | 'ignored'; detail?: string };

/** The result of {@link checkHost}. */
export interface SpfResult {
  result: SpfResultCode;
  /** The `<domain>` that was checked (normalised). */
  domain: string;
  /** The `<sender>` used for macros (`postmaster` substituted for an empty local-part). */
  sender: string;
  /** The client address in canonical form (an IPv4-mapped address is shown as IPv4); the input as given when invalid. */
  ip: string;
  helo?: string;
  /** The domain's explanation (exp=, §6.2), only for `fail` when one applies. Untrusted third-party text. */
  explanation?: string;
  /** Why the result is permerror, temperror or none. */
  problem?: string;
  /** The term that caused a permerror or temperror, when one did. */
  problemAt?: SpfTermRef & { depth: number };
  /** DNS-querying terms evaluated (§4.6.4). */
  lookups: number;
  /** Void lookups (§4.6.4). */
  voidLookups: number;
  /** The limits in force. */
  limits: SpfLimits;
  trace: SpfTraceEvent[];
  /** The mechanism (or default) that decided a pass/fail/softfail/neutral. */
  decidedBy?: SpfDecision;
}

/** Parameters of check_host() (RFC 7208 §4.1). */
export interface CheckHostParams {
  /** `<ip>`: the SMTP client address (IPv4, IPv6; IPv4-mapped IPv6 is treated as IPv4). */
  ip: string;
  /** `<domain>`: the domain whose policy is checked. */
  domain: string;
  /** `<sender>`: the MAIL FROM address, or `postmaster@<helo>` when checking HELO. */
  sender: string;
  /** The HELO/EHLO name, for the `h` macro. */
  helo?: string;
  /** The receiving host, for the `r` macro (default `unknown`). */
  receiver?: string;
}

/** Options of check_host(). */
export interface CheckHostOptions {
  resolver: Resolver;
  limits?: Partial<SpfLimits>;
  /** Clock in ms since the epoch (default `Date.now`); used for the time limit and the `t` macro. */
  now?: () => number;
}

class SpfStop extends Error {
  constructor(
    readonly code: 'permerror' | 'temperror',
    readonly problem: string,
    readonly at?: SpfTermRef & { depth: number },
  ) {
    super(problem);
  }
}

interface Outcome {
  result: 'pass' | 'fail' | 'softfail' | 'neutral' | 'none';
  decision?: SpfDecision;
  /** The record whose exp= applies when the outcome is fail (§6.2). */
  expFrom?: { domain: string; exp: KnownModifier };
}

const QUALIFIER_RESULT: Record<Qualifier, 'pass' | 'fail' | 'softfail' | 'neutral'> = {
  '+': 'pass',
  '-': 'fail',
  '~': 'softfail',
  '?': 'neutral',
};

const TEMP_KINDS: ReadonlySet<DnsFailureKind> = new Set(['TIMEOUT', 'SERVFAIL', 'REFUSED']);

class Evaluation {
  lookups = 0;
  voidLookups = 0;
  readonly trace: SpfTraceEvent[] = [];
  private readonly deadline: number;
  private ptrNames?: Promise<string[]>;

  constructor(
    readonly resolver: Resolver,
    readonly limits: SpfLimits,
    readonly now: () => number,
    readonly ip: IpAddress,
    readonly sender: { full: string; local: string; domain: string },
    readonly helo: string,
    readonly receiver: string,
  ) {
    this.deadline = now() + limits.timeoutMs;
  }

  /** One DNS query under the elapsed-time limit. */
  async query<T extends RRType>(name: string, type: T): Promise<DnsResult<T>> {
    const remaining = this.deadline - this.now();
    if (remaining <= 0)
      throw new SpfStop('temperror', `time limit of ${this.limits.timeoutMs} ms exceeded (RFC 7208 §4.6.4)`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), remaining);
      timer.unref?.();
    });
    try {
      const answer = await Promise.race([
        this.resolver.query(name, type).catch(
          (err: unknown): DnsResult<T> => ({
            ok: false,
            name,
            type,
            kind: 'SERVFAIL',
            message: err instanceof Error ? err.message : String(err),
          }),
        ),
        timeout,
      ]);
      if (answer === 'timeout') {
        throw new SpfStop(
          'temperror',
          `time limit of ${this.limits.timeoutMs} ms exceeded (RFC 7208 §4.6.4)`,
        );
      }
      return answer;
    } finally {
      clearTimeout(timer);
    }
  }

  macroValues(domain: string): MacroValues {
    return {
      sender: this.sender.full,
      localPart: this.sender.local,
      senderDomain: this.sender.domain,
      domain,
      ipDots: dotFormat(this.ip),
      ipText: formatIp(this.ip),
      ipVersionLabel: this.ip.version === 4 ? 'in-addr' : 'ip6',
      helo: this.helo,
      receiver: this.receiver,
      timestamp: Math.floor(this.now() / 1000),
      validatedName: () => this.validatedName(domain),
    };
  }

  /** Keeps the names whose address lookup returns the client address (RFC 7208 §5.5 validation). */
  async validate(names: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.replace(/\.$/, '');
      if (!isQueryableName(name)) continue;
      const addr = await this.query(name, this.ip.version === 4 ? 'A' : 'AAAA');
      if (!addr.ok) continue; // §5.5: a DNS error on the address lookup skips that name
      if (addr.records.some((r) => sameIp(parseAnswerIp(r), this.ip))) out.push(name);
    }
    return out;
  }

  /** The validated names of the client for `%{p}`: at most maxPtrNames PTR names considered (§4.6.4). */
  validatedNames(): Promise<string[]> {
    this.ptrNames ??= (async () => {
      const ptr = await this.query(reverseName(this.ip), 'PTR');
      if (!ptr.ok) return [];
      return this.validate(ptr.records.slice(0, this.limits.maxPtrNames));
    })();
    return this.ptrNames;
  }

  /** `%{p}` (RFC 7208 §7.3): a validated name, preferring `<domain>` or a subdomain of it; `unknown` if none. */
  async validatedName(domain: string): Promise<string> {
    const names = await this.validatedNames();
    const d = domain.toLowerCase();
    const exact = names.find((n) => n.toLowerCase() === d);
    if (exact) return exact;
    const sub = names.find((n) => n.toLowerCase().endsWith(`.${d}`));
    if (sub) return sub;
    return names[0] ?? 'unknown';
  }

  countLookup(at: SpfTermRef & { depth: number }) {
    this.lookups++;
    if (this.lookups > this.limits.maxLookups) {
      throw new SpfStop(
        'permerror',
        `more than ${this.limits.maxLookups} DNS-querying terms (include, a, mx, ptr, exists, redirect) (RFC 7208 §4.6.4)`,
        at,
      );
    }
  }

  countVoid(at: SpfTermRef & { depth: number }) {
    this.voidLookups++;
    if (this.voidLookups > this.limits.maxVoidLookups) {
      throw new SpfStop(
        'permerror',
        `more than ${this.limits.maxVoidLookups} void lookups (RFC 7208 §4.6.4)`,
        at,
      );
    }
  }

  /** Checks a term's DNS answer: temperror on server trouble; true when the lookup was void. */
  isVoid(answer: DnsResult, at: SpfTermRef & { depth: number }): boolean {
    if (answer.ok) return false;
    if (TEMP_KINDS.has(answer.kind)) {
      throw new SpfStop(
        'temperror',
        `DNS ${answer.kind} for ${answer.type} ${answer.name}${answer.message ? ` (${answer.message})` : ''} (RFC 7208 §5)`,
        at,
      );
    }
    return answer.kind === 'NXDOMAIN' || answer.kind === 'NODATA';
  }

  async expandTarget(spec: MacroString | undefined, domain: string): Promise<string> {
    if (!spec) return domain;
    return expandDomainSpec(spec, this.macroValues(domain));
  }

  /** check_host() for one domain (RFC 7208 §4). permerror/temperror are thrown as {@link SpfStop}. */
  async check(
    domain: string,
    depth: number,
    path: SpfHop[],
    via: 'check' | 'include' | 'redirect',
  ): Promise<Outcome> {
    if (depth > 64) throw new SpfStop('permerror', 'include/redirect nesting deeper than 64 levels');
    const txt = await this.query(domain, 'TXT');
    if (!txt.ok) {
      if (TEMP_KINDS.has(txt.kind)) {
        this.trace.push({ type: 'record', domain, depth, via, status: 'dns-error', detail: txt.kind });
        throw new SpfStop(
          'temperror',
          `DNS ${txt.kind} looking up the TXT records of ${domain} (RFC 7208 §4.4)`,
        );
      }
      this.trace.push({ type: 'record', domain, depth, via, status: 'none', detail: txt.kind });
      return { result: 'none' };
    }
    const sel = selectSpfRecords(txt.records);
    if (sel.status === 'none') {
      this.trace.push({ type: 'record', domain, depth, via, status: 'none', detail: 'no v=spf1 TXT record' });
      return { result: 'none' };
    }
    if (sel.status === 'multiple') {
      this.trace.push({
        type: 'record',
        domain,
        depth,
        via,
        status: 'multiple',
        detail: `${sel.records.length} records`,
      });
      throw new SpfStop('permerror', `${domain} publishes ${sel.records.length} SPF records (RFC 7208 §4.5)`);
    }
    const text = sel.record?.text ?? '';
    const parsed = parseSpfRecord(text);
    if (!parsed.ok) {
      const e = parsed.errors[0];
      this.trace.push({
        type: 'record',
        domain,
        depth,
        via,
        status: 'syntax-error',
        record: text,
        detail: e?.message,
      });
      // The term holding the error (the whole record for a bad version).
      const t = e
        ? parsed.record.terms.find((x) => e.offset >= x.offset && e.offset <= x.offset + x.length)
        : undefined;
      const at = t
        ? { domain, term: t.text, offset: t.offset, length: t.length, depth }
        : e
          ? {
              domain,
              term: text.slice(e.offset, e.offset + e.length),
              offset: e.offset,
              length: e.length,
              depth,
            }
          : undefined;
      throw new SpfStop(
        'permerror',
        `syntax error in the SPF record of ${domain} at position ${e?.offset}: ${e?.message} (RFC 7208 §4.6)`,
        at,
      );
    }
    this.trace.push({ type: 'record', domain, depth, via, status: 'found', record: text });
    return this.evaluateRecord(parsed.record, domain, depth, path);
  }

  async evaluateRecord(record: SpfRecord, domain: string, depth: number, path: SpfHop[]): Promise<Outcome> {
    const expFrom = record.exp ? { domain, exp: record.exp } : undefined;
    for (const mech of record.mechanisms) {
      const at = { domain, term: mech.text, offset: mech.offset, length: mech.length, depth };
      let matched: { inner?: SpfDecision; hop?: SpfHop } | null;
      try {
        matched = await this.evaluateMechanism(mech, domain, depth, path, at);
      } catch (e) {
        if (e instanceof SpfStop) this.pushTerm(at, e.code, e.problem);
        throw e;
      }
      this.pushTerm(at, matched ? 'match' : 'no-match');
      if (!matched) continue;
      const result = QUALIFIER_RESULT[mech.qualifier];
      const decision: SpfDecision = matched.inner
        ? { ...matched.inner, qualifier: mech.qualifier }
        : {
            kind: 'mechanism',
            domain,
            record: record.text,
            term: mech.text,
            offset: mech.offset,
            length: mech.length,
            mechanism: mech.name,
            qualifier: mech.qualifier,
            depth,
            path,
          };
      const out: Outcome = { result, decision };
      if (expFrom) out.expFrom = expFrom;
      return out;
    }
    if (record.redirect) {
      const r = record.redirect;
      const at = { domain, term: r.text, offset: r.offset, length: r.length, depth };
      try {
        this.countLookup(at);
        const target = await this.expandTarget(r.domainSpec, domain);
        if (!isQueryableName(target)) {
          throw new SpfStop(
            'permerror',
            `redirect target "${target}" is not a valid domain name (RFC 7208 §6.1)`,
            at,
          );
        }
        const hop: SpfHop = {
          via: 'redirect',
          domain,
          term: r.text,
          offset: r.offset,
          length: r.length,
          target,
        };
        const inner = await this.check(target, depth + 1, [...path, hop], 'redirect');
        if (inner.result === 'none') {
          throw new SpfStop('permerror', `redirect target ${target} has no SPF record (RFC 7208 §6.1)`, at);
        }
        this.pushTerm(at, 'match', `redirect to ${target}: ${inner.result}`);
        return inner;
      } catch (e) {
        if (e instanceof SpfStop) this.pushTerm(at, e.code, e.problem);
        throw e;
      }
    }
    return {
      result: 'neutral',
      decision: { kind: 'default', domain, record: record.text, qualifier: '?', depth, path },
    };
  }

  pushTerm(
    at: SpfTermRef & { depth: number },
    outcome: 'match' | 'no-match' | 'permerror' | 'temperror',
    detail?: string,
  ) {
    const ev: SpfTraceEvent = {
      type: 'term',
      domain: at.domain,
      depth: at.depth,
      term: at.term,
      offset: at.offset,
      length: at.length,
      outcome,
      lookups: this.lookups,
      voidLookups: this.voidLookups,
    };
    if (detail) ev.detail = detail;
    this.trace.push(ev);
  }

  /** Evaluates one mechanism: null for no match; for an include match, the inner decision and hop. */
  async evaluateMechanism(
    mech: Mechanism,
    domain: string,
    depth: number,
    path: SpfHop[],
    at: SpfTermRef & { depth: number },
  ): Promise<{ inner?: SpfDecision; hop?: SpfHop } | null> {
    switch (mech.name) {
      case 'all':
        return {};
      case 'ip4':
      case 'ip6': {
        const prefix = mech.cidr ?? (mech.name === 'ip4' ? 32 : 128);
        return cidrMatch(this.ip, mech.address, prefix) ? {} : null;
      }
      case 'include': {
        this.countLookup(at);
        const target = await this.expandTarget(mech.domainSpec, domain);
        if (!isQueryableName(target)) {
          throw new SpfStop(
            'permerror',
            `include target "${target}" is not a valid domain name (RFC 7208 §5.2)`,
            at,
          );
        }
        const hop: SpfHop = {
          via: 'include',
          domain,
          term: mech.text,
          offset: mech.offset,
          length: mech.length,
          target,
        };
        const inner = await this.check(target, depth + 1, [...path, hop], 'include');
        if (inner.result === 'none') {
          throw new SpfStop('permerror', `include target ${target} has no SPF record (RFC 7208 §5.2)`, at);
        }
        if (inner.result !== 'pass') return null;
        return inner.decision ? { inner: inner.decision, hop } : { hop };
      }
      case 'a': {
        this.countLookup(at);
        const target = await this.expandTarget(mech.domainSpec, domain);
        if (!isQueryableName(target)) return null;
        const answer = await this.query(target, this.ip.version === 4 ? 'A' : 'AAAA');
        if (this.isVoid(answer, at)) this.countVoid(at);
        if (!answer.ok) return null;
        return this.matchesAny(answer.records, mech.ip4Cidr, mech.ip6Cidr) ? {} : null;
      }
      case 'mx': {
        this.countLookup(at);
        const target = await this.expandTarget(mech.domainSpec, domain);
        if (!isQueryableName(target)) return null;
        const answer = await this.query(target, 'MX');
        if (this.isVoid(answer, at)) this.countVoid(at);
        if (!answer.ok) return null;
        if (answer.records.length > this.limits.maxMxHosts) {
          throw new SpfStop(
            'permerror',
            `${target} has ${answer.records.length} MX records, more than ${this.limits.maxMxHosts} (RFC 7208 §4.6.4)`,
            at,
          );
        }
        const hosts = [...answer.records].sort((x, y) => x.priority - y.priority);
        for (const mx of hosts) {
          const host = mx.exchange.replace(/\.$/, '');
          if (host === '' || !isQueryableName(host)) continue; // null MX (RFC 7505)
          const addr = await this.query(host, this.ip.version === 4 ? 'A' : 'AAAA');
          if (!addr.ok) {
            if (TEMP_KINDS.has(addr.kind)) this.isVoid(addr, at); // throws temperror (§5)
            continue; // an MX host without addresses does not match, and is not a void lookup of the term
          }
          if (this.matchesAny(addr.records, mech.ip4Cidr, mech.ip6Cidr)) return {};
        }
        return null;
      }
      case 'ptr': {
        this.countLookup(at);
        const target = (await this.expandTarget(mech.domainSpec, domain)).toLowerCase();
        if (!isQueryableName(target)) return null;
        const ptr = await this.query(reverseName(this.ip), 'PTR');
        if (!ptr.ok) {
          // §5.5: a DNS error on the PTR lookup means no match; an empty answer is a void lookup.
          if (ptr.kind === 'NXDOMAIN' || ptr.kind === 'NODATA') this.countVoid(at);
          return null;
        }
        const inTarget = (n: string) => {
          const name = n.toLowerCase().replace(/\.$/, '');
          return name === target || name.endsWith(`.${target}`);
        };
        const candidates = ptr.records.slice(0, this.limits.maxPtrNames).filter(inTarget);
        const names = await this.validate(candidates);
        return names.length > 0 ? {} : null;
      }
      case 'exists': {
        this.countLookup(at);
        const target = await this.expandTarget(mech.domainSpec, domain);
        if (!isQueryableName(target)) return null;
        const answer = await this.query(target, 'A');
        if (this.isVoid(answer, at)) this.countVoid(at);
        return answer.ok ? {} : null;
      }
    }
  }

  matchesAny(records: string[], ip4Cidr = 32, ip6Cidr = 128): boolean {
    const prefix = this.ip.version === 4 ? ip4Cidr : ip6Cidr;
    return records.some((r) => {
      const a = parseAnswerIp(r);
      return a !== null && cidrMatch(this.ip, a, prefix);
    });
  }

  /** The explanation string for a fail (RFC 7208 §6.2), or undefined when none applies. */
  async explanation(from: { domain: string; exp: KnownModifier }): Promise<string | undefined> {
    const ignore = (detail: string) => {
      this.trace.push({ type: 'exp', domain: from.domain, status: 'ignored', detail });
      return undefined;
    };
    let target: string;
    try {
      target = await expandDomainSpec(from.exp.domainSpec, this.macroValues(from.domain));
    } catch (e) {
      if (e instanceof SpfStop) return ignore(e.problem);
      throw e;
    }
    if (!isQueryableName(target)) return ignore(`"${target}" is not a valid domain name`);
    let answer: DnsResult<'TXT'>;
    try {
      answer = await this.query(target, 'TXT');
    } catch (e) {
      if (e instanceof SpfStop) return ignore(e.problem);
      throw e;
    }
    if (!answer.ok) return ignore(`DNS ${answer.kind} for TXT ${target}`);
    if (answer.records.length !== 1)
      return ignore(`${target} has ${answer.records.length} TXT records, not one`);
    const text = (answer.records[0] ?? []).join('');
    const parsed = parseMacroString(text, 0, EXP_MACRO_LETTERS, true);
    if (parsed.error) return ignore(`explanation text has a syntax error: ${parsed.error.message}`);
    try {
      const out = await expandMacroString(parsed.value, this.macroValues(from.domain));
      this.trace.push({ type: 'exp', domain: from.domain, status: 'used', detail: target });
      return out;
    } catch (e) {
      if (e instanceof SpfStop) return ignore(e.problem);
      throw e;
    }
  }
}

function sameIp(a: IpAddress | null, b: IpAddress): boolean {
  return a !== null && cidrMatch(a, b, a.version === 4 ? 32 : 128);
}

/** Splits a sender into local-part and domain (the domain follows the last `@`); `postmaster` for an empty local-part (§4.3). */
function splitSender(sender: string, fallbackDomain: string) {
  const s = sender.trim();
  const at = s.lastIndexOf('@');
  const local = at < 0 ? '' : s.slice(0, at);
  const domain = at < 0 ? s || fallbackDomain : s.slice(at + 1);
  const localPart = local === '' ? 'postmaster' : local;
  return { full: `${localPart}@${domain}`, local: localPart, domain };
}

/**
 * Checks `<domain>` for the initial-processing rules of RFC 7208 §4.3: not a domain literal, labels of
 * 1..63 octets, at most 253 octets, and more than one label. U-labels are converted to A-labels (RFC 8616 §4).
 * @returns the normalised (lower-case, no trailing dot) domain, or null when check_host() must return none.
 */
function initialDomain(domain: string): string | null {
  let d = domain.trim();
  if (d.endsWith('.')) d = d.slice(0, -1);
  if (d.startsWith('[')) return null;
  if (/[^\x00-\x7f]/.test(d)) {
    const labels = d.split('.').map((l) => (/[^\x00-\x7f]/.test(l) ? new URL(`http://${l}`).hostname : l));
    d = labels.join('.');
  }
  d = d.toLowerCase();
  if (!isQueryableName(d) || !d.includes('.')) return null;
  if (/[\x00-\x20\x7f]/.test(d)) return null;
  return d;
}

function safeInitialDomain(domain: string): string | null {
  try {
    return initialDomain(domain);
  } catch {
    return null;
  }
}

/**
 * check_host() (RFC 7208 §4): evaluates the SPF policy of `domain` for a client address and sender.
 *
 * - DNS failures map per the RFC: NXDOMAIN/NODATA of a term's lookup are void lookups; TIMEOUT, SERVFAIL and
 *   REFUSED are temperror (never "no record"); a PTR lookup error is a no-match (§5.5).
 * - Limits (§4.6.4, configurable via `options.limits`): more than 10 DNS-querying terms, more than 2 void
 *   lookups, or an `mx` with more than 10 hosts give permerror; PTR names past the 10th are ignored; the
 *   elapsed-time limit (20 s by default) gives temperror.
 * - The explanation (§6.2) is fetched only for a fail and only from the record whose term decided it.
 *
 * Bad input never throws: a malformed `ip` gives `permerror` with `problem` saying so (the check cannot be
 * done for that input, and retrying will not help); a malformed or single-label `domain` gives `none` (§4.3).
 *
 * @returns the result with its trace; never rejects except for a bug in the resolver's promise machinery.
 */
export async function checkHost(params: CheckHostParams, options: CheckHostOptions): Promise<SpfResult> {
  const limits: SpfLimits = { ...DEFAULT_SPF_LIMITS, ...(options.limits ?? {}) };
  const now = options.now ?? Date.now;
  const ip = parseClientIp(String(params.ip ?? ''));
  const domain = safeInitialDomain(String(params.domain ?? ''));
  const sender = splitSender(String(params.sender ?? ''), domain ?? String(params.domain ?? ''));
  const base = {
    domain: domain ?? String(params.domain ?? ''),
    sender: sender.full,
    ip: ip ? formatIp(ip) : String(params.ip ?? ''),
    lookups: 0,
    voidLookups: 0,
    limits,
    trace: [] as SpfTraceEvent[],
  };
  const withHelo = <T extends object>(r: T): T & { helo?: string } =>
    params.helo !== undefined ? { ...r, helo: params.helo } : r;
  if (!ip) {
    return withHelo({
      ...base,
      result: 'permerror',
      problem: `"${String(params.ip ?? '')}" is not an IP address; check_host() needs the client address (RFC 7208 §4.1)`,
    });
  }
  if (!domain) {
    return withHelo({
      ...base,
      result: 'none',
      problem: `"${String(params.domain ?? '')}" is not a valid multi-label domain name (RFC 7208 §4.3)`,
    });
  }
  const ev = new Evaluation(
    options.resolver,
    limits,
    now,
    ip,
    sender,
    params.helo ?? '',
    params.receiver ?? 'unknown',
  );
  const finish = (r: Omit<SpfResult, keyof typeof base | 'helo'>): SpfResult =>
    withHelo({ ...base, ...r, lookups: ev.lookups, voidLookups: ev.voidLookups, trace: ev.trace });
  try {
    const out = await ev.check(domain, 0, [], 'check');
    if (out.result === 'none') {
      return finish({ result: 'none', problem: `${domain} publishes no SPF record (RFC 7208 §4.5)` });
    }
    const r: Omit<SpfResult, keyof typeof base | 'helo'> = { result: out.result };
    if (out.decision) r.decidedBy = out.decision;
    if (out.result === 'fail' && out.expFrom) {
      const text = await ev.explanation(out.expFrom);
      if (text !== undefined) r.explanation = text;
    }
    return finish(r);
  } catch (e) {
    if (e instanceof SpfStop) {
      const r: Omit<SpfResult, keyof typeof base | 'helo'> = { result: e.code, problem: e.problem };
      if (e.at) r.problemAt = e.at;
      return finish(r);
    }
    return finish({
      result: 'temperror',
      problem: `internal error: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}

/** Parameters of {@link verifySpfIdentity}: what an SMTP receiver knows. */
export interface SpfIdentityParams {
  /** The SMTP client address. */
  ip: string;
  /** The MAIL FROM reverse-path: an address, `''` or `<>` for the null reverse-path. Angle brackets are removed. */
  mailFrom: string;
  /** The HELO/EHLO name. */
  helo: string;
  /** The receiving host, for the `r` macro. */
  receiver?: string;
}

/** The result of {@link verifySpfIdentity}: which identity was checked, and the check_host() result. */
export type SpfIdentityResult = SpfResult & { identity: 'mailfrom' | 'helo' };

/**
 * Does what a receiver does (RFC 7208 §2.4): checks the MAIL FROM identity with `<domain>` = the part after
 * the last `@`; for a null reverse-path, checks `postmaster@<helo>` with `<domain>` = the HELO name
 * (identity `helo`). Never throws; bad input gives the results documented on {@link checkHost}.
 */
export async function verifySpfIdentity(
  params: SpfIdentityParams,
  options: CheckHostOptions,
): Promise<SpfIdentityResult> {
  let from = String(params.mailFrom ?? '').trim();
  if (from.startsWith('<') && from.endsWith('>')) from = from.slice(1, -1).trim();
  const helo = String(params.helo ?? '').trim();
  const common = {
    ip: params.ip,
    helo,
    ...(params.receiver !== undefined ? { receiver: params.receiver } : {}),
  };
  if (from === '') {
    const r = await checkHost({ ...common, domain: helo, sender: `postmaster@${helo}` }, options);
    return { identity: 'helo', ...r };
  }
  const at = from.lastIndexOf('@');
  const domain = at < 0 ? from : from.slice(at + 1);
  const r = await checkHost({ ...common, domain, sender: from }, options);
  return { identity: 'mailfrom', ...r };
}
