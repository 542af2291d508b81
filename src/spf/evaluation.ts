/**
 * The state of one check_host() evaluation (RFC 7208 §4): the limits and the elapsed-time deadline of §4.6.4,
 * the counted DNS-querying terms and void lookups, the DNS query under the deadline, the macro values (§7.2)
 * with the validated name of `%{p}` (§5.5), and the trace.
 *
 * @module
 */

import { Deadline, type PeekableResolver } from '../dns/deadline.js';
import {
  type DnsResult,
  isTransientFailure,
  queryOrServfail,
  type Resolver,
  type RRType,
} from '../dns/resolver.js';
import type { SenderParts } from './identity.js';
import { cidrMatch, dotFormat, formatIp, type IpAddress, parseAnswerIp, reverseName } from './ip.js';
import type { SpfLimits } from './limits.js';
import {
  expandMacroStringWith,
  hasMacros,
  isQueryableName,
  type MacroString,
  type MacroValues,
  targetName,
  usesValidatedName,
} from './macro.js';
import type { SpfTermAt, SpfTraceEvent } from './result.js';

export { delay } from '../dns/deadline.js';

/** A permerror or temperror that ends the evaluation (thrown, caught by `checkHost`). */
export class SpfStop extends Error {
  constructor(
    readonly code: 'permerror' | 'temperror',
    readonly problem: string,
    readonly at?: SpfTermAt,
  ) {
    super(problem);
  }
}

/** A DNS question an evaluation waits for (see {@link Steps}). */
export interface SpfQuestion {
  name: string;
  type: RRType;
}

/**
 * The evaluation's code is written as generators: `yield` hands a DNS question to {@link SpfEvaluation.run},
 * which resumes the generator with the answer. An answer the resolver already holds is used without yielding
 * ({@link SpfEvaluation.query}), so an evaluation over a warm cache runs to its end synchronously, without a
 * promise or a microtask per step.
 */
export type Steps<T> = Generator<SpfQuestion, T, DnsResult>;

/** The state of one check_host() evaluation; the record logic is in check-domain.ts and mechanisms.ts. */
export class SpfEvaluation {
  /** DNS-querying terms counted so far (RFC 7208 §4.6.4). */
  lookups = 0;
  /** Void lookups counted so far (RFC 7208 §4.6.4). */
  voidLookups = 0;
  readonly trace: SpfTraceEvent[] = [];
  /** Whether {@link SpfEvaluation.trace} is kept (`CheckHostOptions.trace`); when false, nothing is added to it. */
  readonly tracing: boolean;
  private ptrNames?: string[];
  /** The one time limit of the evaluation: its own (§4.6.4), or a shared one that passes sooner. */
  private readonly limit: Deadline;
  private readonly ownLimit: boolean;
  private ipStrings?: { dots: string; text: string };
  private readonly peek: PeekableResolver['peek'] | undefined;

  constructor(
    readonly resolver: Resolver,
    readonly limits: SpfLimits,
    readonly now: () => number,
    readonly ip: IpAddress,
    readonly sender: SenderParts,
    readonly helo: string,
    readonly receiver: string,
    outer?: Deadline,
    private readonly signal?: AbortSignal,
    tracing = true,
  ) {
    this.tracing = tracing;
    this.peek = (resolver as Partial<PeekableResolver>).peek;
    this.ownLimit = !outer || outer.remainingMs >= limits.timeoutMs;
    this.limit = this.ownLimit
      ? new Deadline(limits.timeoutMs, `time limit of ${limits.timeoutMs} ms`, now, signal)
      : (outer as Deadline);
  }

  /** Stops the evaluation's timer (call when it is over). */
  dispose(): void {
    if (this.ownLimit) this.limit.dispose();
  }

  private timeLimit(): SpfStop {
    return new SpfStop(
      'temperror',
      this.ownLimit
        ? this.signal?.aborted
          ? "the evaluation was cancelled (the caller's signal aborted)"
          : `time limit of ${this.limits.timeoutMs} ms exceeded (RFC 7208 §4.6.4)`
        : `${this.limit.what} was exceeded (RFC 7208 §4.6.4)`,
    );
  }

  /**
   * Runs evaluation steps to their end: each question they yield is asked under the evaluation's time limit (one
   * timer for the whole evaluation, not one per query), and a resolver that rejects (a broken resolver) gives
   * SERVFAIL. Steps that never yield (every answer held) finish without waiting: the result is then not a promise.
   * @throws SpfStop temperror (as the steps' own error) when the limit passes before an answer
   */
  run<T>(steps: Steps<T>): T | Promise<T> {
    const r = steps.next();
    return r.done ? r.value : this.resume(steps, r.value);
  }

  private async resume<T>(steps: Steps<T>, first: SpfQuestion): Promise<T> {
    let q = first;
    for (;;) {
      let answer: DnsResult | undefined;
      let stop: SpfStop | undefined;
      try {
        answer = await this.limit.race(queryOrServfail(this.resolver, q.name, q.type), () => {
          throw this.timeLimit();
        });
      } catch (e) {
        if (!(e instanceof SpfStop)) throw e;
        stop = e;
      }
      const r = stop ? steps.throw(stop) : steps.next(answer as DnsResult);
      if (r.done) return r.value;
      q = r.value;
    }
  }

  /**
   * The answer the resolver already holds for a question (a shared cache), or undefined: then ask it with
   * {@link SpfEvaluation.ask}. Together they are {@link SpfEvaluation.query}, without a generator for the held
   * answer (`ev.held(name, type) ?? (yield* ev.ask(name, type))`).
   * @throws SpfStop temperror when the time limit has passed
   */
  held<T extends RRType>(name: string, type: T): DnsResult<T> | undefined {
    if (this.limit.passed) throw this.timeLimit();
    return this.peek?.call(this.resolver, name, type) as DnsResult<T> | undefined;
  }

  /**
   * Asks a question the resolver does not hold: it is yielded to {@link SpfEvaluation.run}.
   * @throws SpfStop temperror when the time limit passes before the answer
   */
  *ask<T extends RRType>(name: string, type: T): Steps<DnsResult<T>> {
    return (yield { name, type }) as DnsResult<T>;
  }

  /**
   * One DNS query: the answer the resolver already holds at once, else the question is yielded to
   * {@link SpfEvaluation.run}.
   * @throws SpfStop temperror when the limit has passed or passes before the answer
   */
  *query<T extends RRType>(name: string, type: T): Steps<DnsResult<T>> {
    return this.held(name, type) ?? (yield* this.ask(name, type));
  }

  /** The macro values (RFC 7208 §7.2) for a check_host() of `domain`; the address forms are computed once. */
  macroValues(domain: string): MacroValues {
    this.ipStrings ??= { dots: dotFormat(this.ip), text: formatIp(this.ip) };
    return {
      sender: this.sender.full,
      localPart: this.sender.local,
      senderDomain: this.sender.domain,
      domain,
      ipDots: this.ipStrings.dots,
      ipText: this.ipStrings.text,
      ipVersionLabel: this.ip.version === 4 ? 'in-addr' : 'ip6',
      helo: this.helo,
      receiver: this.receiver,
      timestamp: Math.floor(this.now() / 1000),
      validatedName: async () => this.run(this.validatedName(domain)),
    };
  }

  /** Expands a macro-string for `domain` (RFC 7208 §7.3), working out `%{p}` first when it is used. */
  *expand(spec: MacroString, domain: string): Steps<string> {
    const p = usesValidatedName(spec) ? yield* this.validatedName(domain) : '';
    return expandMacroStringWith(spec, this.macroValues(domain), p);
  }

  /**
   * Expands a term's domain-spec for the current `domain`; no domain-spec means `domain` itself (§4.8). A
   * domain-spec without macros is its literal text: no macro value is computed for it.
   */
  *expandTarget(spec: MacroString | undefined, domain: string): Steps<string> {
    return this.literalTarget(spec, domain) ?? targetName(yield* this.expand(spec as MacroString, domain));
  }

  /**
   * The target of a term whose domain-spec has no macro (or that has none: `domain`), at once; undefined when
   * macros must be expanded ({@link SpfEvaluation.expandTarget}). A literal target is worked out once per parsed
   * term (records are parsed once and shared).
   */
  literalTarget(spec: MacroString | undefined, domain: string): string | undefined {
    if (!spec) return domain;
    let target = LITERAL_TARGETS.get(spec);
    if (target === undefined) {
      if (hasMacros(spec)) return undefined;
      target = targetName(literalText(spec));
      LITERAL_TARGETS.set(spec, target);
    }
    return target;
  }

  /** The address record type that can match the client: `A` for IPv4, `AAAA` for IPv6 (RFC 7208 §5.3). */
  addressType(): 'A' | 'AAAA' {
    return this.ip.version === 4 ? 'A' : 'AAAA';
  }

  /** True when one of the answer addresses, with the term's prefix length, covers the client (RFC 7208 §5.3, §5.4). */
  matchesAny(records: readonly string[], ip4Cidr = 32, ip6Cidr = 128): boolean {
    const prefix = this.ip.version === 4 ? ip4Cidr : ip6Cidr;
    for (const a of answerAddresses(records)) if (a !== null && cidrMatch(this.ip, a, prefix)) return true;
    return false;
  }

  /** Keeps the names whose address lookup returns the client address (RFC 7208 §5.5 validation). */
  *validate(names: readonly string[]): Steps<string[]> {
    const out: string[] = [];
    for (const raw of names) {
      const name = raw.replace(/\.$/, '');
      if (!isQueryableName(name)) continue;
      const addr = yield* this.query(name, this.addressType());
      if (!addr.ok) continue; // §5.5: a DNS error on the address lookup skips that name
      if (this.matchesAny(addr.records)) out.push(name);
    }
    return out;
  }

  /** The validated names of the client for `%{p}`: at most maxPtrNames PTR names considered (§4.6.4). */
  *validatedNames(): Steps<string[]> {
    if (this.ptrNames) return this.ptrNames;
    const ptr = yield* this.query(reverseName(this.ip), 'PTR');
    const names = ptr.ok ? yield* this.validate(ptr.records.slice(0, this.limits.maxPtrNames)) : [];
    this.ptrNames = names;
    return names;
  }

  /** `%{p}` (RFC 7208 §7.3): a validated name, preferring `<domain>` or a subdomain of it; `unknown` if none. */
  *validatedName(domain: string): Steps<string> {
    const names = yield* this.validatedNames();
    const d = domain.toLowerCase();
    const exact = names.find((n) => n.toLowerCase() === d);
    if (exact) return exact;
    const sub = names.find((n) => n.toLowerCase().endsWith(`.${d}`));
    if (sub) return sub;
    return names[0] ?? 'unknown';
  }

  /** Counts a DNS-querying term. @throws SpfStop permerror past `maxLookups` (§4.6.4). */
  countLookup(at: SpfTermAt): void {
    this.lookups++;
    if (this.lookups > this.limits.maxLookups) {
      throw new SpfStop(
        'permerror',
        `more than ${this.limits.maxLookups} DNS-querying terms (include, a, mx, ptr, exists, redirect) (RFC 7208 §4.6.4)`,
        at,
      );
    }
  }

  /** Counts a void lookup. @throws SpfStop permerror past `maxVoidLookups` (§4.6.4). */
  countVoid(at: SpfTermAt): void {
    this.voidLookups++;
    if (this.voidLookups > this.limits.maxVoidLookups) {
      throw new SpfStop(
        'permerror',
        `more than ${this.limits.maxVoidLookups} void lookups (RFC 7208 §4.6.4)`,
        at,
      );
    }
  }

  /**
   * Checks a term's DNS answer.
   * @returns true when the lookup was void (NXDOMAIN or NODATA), false for an answer or a BADNAME
   * @throws SpfStop temperror on a transient failure (TIMEOUT, SERVFAIL, REFUSED; RFC 7208 §5)
   */
  isVoid(answer: DnsResult, at: SpfTermAt): boolean {
    if (answer.ok) return false;
    if (isTransientFailure(answer)) {
      throw new SpfStop(
        'temperror',
        `DNS ${answer.kind} for ${answer.type} ${answer.name}${answer.message ? ` (${answer.message})` : ''} (RFC 7208 §5)`,
        at,
      );
    }
    return answer.kind === 'NXDOMAIN' || answer.kind === 'NODATA';
  }

  /** Adds a term's outcome to the trace, with the counts so far. */
  pushTerm(at: SpfTermAt, outcome: 'match' | 'no-match' | 'permerror' | 'temperror', detail?: string): void {
    if (!this.tracing) return;
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

  /** Runs a term's evaluation; a permerror/temperror it raises is traced at the term, then rethrown. */
  *traced<T>(at: SpfTermAt, run: Steps<T>): Steps<T> {
    try {
      return yield* run;
    } catch (e) {
      if (e instanceof SpfStop) this.pushTerm(at, e.code, e.problem);
      throw e;
    }
  }
}

/** Literal targets by parsed domain-spec (see {@link SpfEvaluation.literalTarget}); entries go with their records. */
const LITERAL_TARGETS = new WeakMap<MacroString, string>();

/**
 * The addresses of an A or AAAA answer, parsed once per answer (a cached answer is the same array from one
 * evaluation to the next); null for a record that is not an address.
 */
function answerAddresses(records: readonly string[]): readonly (IpAddress | null)[] {
  let parsed = ANSWER_ADDRESSES.get(records);
  if (!parsed) {
    parsed = records.map(parseAnswerIp);
    ANSWER_ADDRESSES.set(records, parsed);
  }
  return parsed;
}
const ANSWER_ADDRESSES = new WeakMap<readonly string[], readonly (IpAddress | null)[]>();

/** The text of a macro-string without macros: its literals, with `%%`, `%_` and `%-` expanded (§7.3). */
function literalText(ms: MacroString): string {
  let out = '';
  for (const t of ms.tokens) {
    if (t.type === 'literal') out += t.text;
    else if (t.type === 'escape') out += t.text === '%%' ? '%' : t.text === '%_' ? ' ' : '%20';
  }
  return out;
}
