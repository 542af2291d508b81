/**
 * DNS work written as steps: a generator that yields the DNS questions it needs and is resumed with the answers,
 * run by a {@link DnsStepRunner}. An answer the resolver already holds (a shared `cachedResolver`, or a
 * `Deadline.resolver()` over one: both have `peek`) is taken at once, without yielding; only a question the
 * resolver does not hold makes the run asynchronous. Work over a warm cache therefore runs to its end
 * synchronously: no promise, no async frame and no microtask per question.
 *
 * Failure semantics are the resolver contract's ({@link queryOrServfail}): a resolver that throws or rejects gives
 * SERVFAIL; a TIMEOUT stays a TIMEOUT (never "no record"). The steps map failures per their RFC.
 *
 * Write steps as module-level generator functions or class methods, never as generator closures made per run: each
 * new generator function gives its generators a new hidden class, so every `yield*` over them misses V8's inline
 * caches (a memo's lookup written as a closure made DMARC evaluation about three times slower than with promises).
 *
 * @module
 */

import type { PeekableResolver } from './deadline.js';
import { type DnsResult, queryOrServfail, type Resolver, type RRType } from './resolver.js';

/** A DNS question a step yields to the runner. */
export interface DnsQuestion {
  readonly name: string;
  readonly type: RRType;
}

/**
 * What a step yields: a {@link DnsQuestion}, resumed with its {@link DnsResult}; or a promise of work another run
 * started (e.g. an entry of a memo shared by concurrent runs), resumed with what it resolves to.
 */
export type DnsStep = DnsQuestion | PromiseLike<unknown>;

/** Steps that give a `T`: run them with {@link DnsStepRunner.run}. */
export type DnsSteps<T> = Generator<DnsStep, T, unknown>;

/**
 * Runs {@link DnsSteps} against one resolver, and records every question asked through it (held or not) in `log`,
 * in order, as `TYPE name`.
 *
 * A step asks with `runner.held(name, type) ?? (yield* runner.ask(name, type))` (or `yield* runner.query(...)`,
 * the same in one call): `held` logs the question and gives the held answer; `ask` hands the question to the run.
 */
export class DnsStepRunner {
  private readonly peek: PeekableResolver['peek'] | undefined;

  /**
   * @param resolver asked for every question it does not hold (through {@link queryOrServfail}).
   * @param log receives `TYPE name` for every question, in order; optional.
   */
  constructor(
    readonly resolver: Resolver,
    readonly log?: string[],
  ) {
    this.peek = (resolver as Partial<PeekableResolver>).peek;
  }

  /**
   * Logs a question and gives the answer the resolver already holds, or undefined: then yield it with
   * {@link DnsStepRunner.ask}. A `peek` that throws counts as "not held" (the question is then asked, and a
   * resolver that throws again gives SERVFAIL).
   */
  held<T extends RRType>(name: string, type: T): DnsResult<T> | undefined {
    this.log?.push(`${type} ${name}`);
    if (!this.peek) return undefined;
    try {
      return this.peek.call(this.resolver, name, type) as DnsResult<T> | undefined;
    } catch {
      return undefined;
    }
  }

  /** Hands a question {@link DnsStepRunner.held} did not hold to the run, which resumes with the answer. */
  *ask<T extends RRType>(name: string, type: T): DnsSteps<DnsResult<T>> {
    const question: DnsQuestion = { name, type };
    return (yield question) as DnsResult<T>;
  }

  /** One question: the held answer at once, else asked ({@link DnsStepRunner.held}, {@link DnsStepRunner.ask}). */
  *query<T extends RRType>(name: string, type: T): DnsSteps<DnsResult<T>> {
    return this.held(name, type) ?? (yield* this.ask(name, type));
  }

  /**
   * Runs steps to their end. Steps that never yield (every answer held) finish without waiting: the result is then
   * not a promise. Errors the steps throw propagate (synchronously, or as the promise's rejection).
   */
  run<T>(steps: DnsSteps<T>): T | Promise<T> {
    const r = steps.next();
    return r.done ? r.value : this.resume(steps, r.value);
  }

  /** {@link DnsStepRunner.run}, always as a promise (for the public async functions). */
  runAsync<T>(steps: DnsSteps<T>): Promise<T> {
    try {
      const r = this.run(steps);
      return r instanceof Promise ? r : Promise.resolve(r);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private async resume<T>(steps: DnsSteps<T>, first: DnsStep): Promise<T> {
    let step = first;
    for (;;) {
      let r: IteratorResult<DnsStep, T>;
      if (isQuestion(step)) {
        // never rejects: a resolver that throws or rejects gives SERVFAIL
        r = steps.next(await queryOrServfail(this.resolver, step.name, step.type));
      } else {
        let value: unknown;
        let failed = false;
        try {
          value = await step;
        } catch (e) {
          failed = true;
          value = e;
        }
        // another run's work failed: its error is the steps' own (they may catch it)
        r = failed ? steps.throw(value) : steps.next(value);
      }
      if (r.done) return r.value;
      step = r.value;
    }
  }
}

function isQuestion(step: DnsStep): step is DnsQuestion {
  return typeof (step as PromiseLike<unknown>).then !== 'function';
}

/** Steps that wait for a promise (another run's work) and give what it resolves to. */
export function* waitFor<T>(work: PromiseLike<T>): DnsSteps<T> {
  return (yield work) as T;
}
