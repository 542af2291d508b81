/**
 * One time limit for a whole piece of work (a message's verification, one check_host() evaluation): a single
 * timer, against which every wait for DNS is raced, instead of a timer per query. When it passes, every answer
 * still awaited, and every question asked after, is a TIMEOUT failure (never "no record"), so the work finishes
 * with temperror for what was pending.
 *
 * @module
 */

import { type DnsResult, dnsFailure, type Resolver, type RRType } from './resolver.js';

/** A resolver that can give an answer it already holds without waiting (`cachedResolver`). */
export interface PeekableResolver extends Resolver {
  peek<T extends RRType>(name: string, type: T): DnsResult<T> | undefined;
}

/** The longest delay `setTimeout` honours, in ms (a signed 32-bit integer); longer delays fire after 1 ms. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * A promise that resolves to `'timeout'` after `delayMs` real milliseconds. Delays longer than
 * {@link MAX_TIMER_DELAY_MS} (which `setTimeout` would fire after 1 ms) are waited out in several timers.
 * The timers do not keep the process alive.
 */
export function delay(delayMs: number): { promise: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const promise = new Promise<'timeout'>((resolve) => {
    let left = delayMs;
    const arm = () => {
      if (cancelled) return;
      if (left <= 0) {
        resolve('timeout');
        return;
      }
      const step = Math.min(left, MAX_TIMER_DELAY_MS);
      left -= step;
      timer = setTimeout(arm, step);
      timer.unref?.();
    };
    arm();
  });
  return {
    promise,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
    },
  };
}

/**
 * A time limit; see the module documentation. Its timer is armed only when something first waits
 * ({@link Deadline.race}, or a question {@link Deadline.resolver} cannot answer at once), for what is left of the
 * limit in real time: work that never waits (every answer already held by a cache) costs no timer.
 */
export class Deadline {
  /** When it passes, in ms since the epoch (by {@link Deadline.now}). */
  readonly at: number;
  /** The limit, in ms. */
  readonly limitMs: number;
  /** What the limit is, for messages (e.g. `the message time limit of 30000 ms`). */
  readonly what: string;
  /** Real time (`Date.now`) at the start, from which the timer counts. */
  private readonly startedAt: number;
  private timer: { promise: Promise<'timeout'>; cancel: () => void } | undefined;
  private disposed = false;
  private fired = false;

  /**
   * Starts the clock.
   *
   * @param limitMs the limit in ms (≥ 1; larger than 2^31-1 is waited out in several timers).
   * @param what names the limit in failure messages.
   * @param now the clock used to tell whether it passed (default `Date.now`); the timer runs in real time.
   * @param signal a caller's cancellation: when it aborts, the limit has passed (same effect as the timer).
   * @throws RangeError when `limitMs` is not a positive number.
   */
  constructor(
    limitMs: number,
    what: string,
    readonly now: () => number = Date.now,
    private readonly signal?: AbortSignal,
  ) {
    if (typeof limitMs !== 'number' || !(limitMs >= 1)) throw new RangeError(`${what} must be at least 1 ms`);
    this.limitMs = limitMs;
    this.what = what;
    this.at = now() + limitMs;
    this.startedAt = now === Date.now ? this.at - limitMs : Date.now();
  }

  /** The timer's promise, armed on first use for what is left of the limit in real time. */
  private timeout(): Promise<'timeout'> {
    if (!this.timer) {
      // once disposed, nothing times out any more (as when the timer was cancelled)
      this.timer = this.disposed
        ? { promise: new Promise<'timeout'>(() => {}), cancel: () => {} }
        : this.withSignal(delay(this.limitMs - (Date.now() - this.startedAt)));
      void this.timer.promise.then(() => {
        this.fired = true;
      });
    }
    return this.timer.promise;
  }

  /** The timer, also ended by the caller's signal when there is one. */
  private withSignal(timer: { promise: Promise<'timeout'>; cancel: () => void }) {
    const signal = this.signal;
    if (!signal) return timer;
    let onAbort = () => {};
    const aborted = new Promise<'timeout'>((resolve) => {
      onAbort = () => resolve('timeout');
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return {
      promise: Promise.race([timer.promise, aborted]),
      cancel: () => {
        timer.cancel();
        signal.removeEventListener('abort', onAbort);
      },
    };
  }

  /** True once the limit has passed (by the clock, because the timer fired, or because the signal aborted). */
  get passed(): boolean {
    return this.fired || this.signal?.aborted === true || this.now() >= this.at;
  }

  /** Milliseconds left (0 when passed). */
  get remainingMs(): number {
    return this.fired ? 0 : Math.max(0, this.at - this.now());
  }

  /**
   * Waits for `work`, or for the limit, whichever comes first.
   * @returns what `work` gives, or `onTimeout()` when the limit passes first (or has passed).
   */
  race<T>(work: Promise<T>, onTimeout: () => T): Promise<T> {
    if (this.passed) return Promise.resolve(onTimeout());
    return Promise.race([work, this.timeout().then(onTimeout)]);
  }

  /**
   * A resolver whose answers are raced against the limit: past it, every question is a TIMEOUT failure. An answer
   * `inner` already holds (a {@link PeekableResolver}) is given at once, without a race.
   *
   * The resolver is itself a {@link PeekableResolver}: `peek` gives what `query` would give at once — the answer
   * `inner` holds, else past the limit the TIMEOUT failure — and undefined when the question must wait, so that work
   * over held answers (DMARC in `verifyMessage`) runs without a promise.
   */
  resolver(inner: Resolver): PeekableResolver {
    const innerPeek = (inner as Partial<PeekableResolver>).peek;
    const peek = <T extends RRType>(name: string, type: T): DnsResult<T> | undefined => {
      const held = innerPeek?.call(inner, name, type) as DnsResult<T> | undefined;
      // past the limit, a question that is not held is not even asked
      return held ?? (this.passed ? this.failure(name, type) : undefined);
    };
    return {
      peek,
      query: <T extends RRType>(name: string, type: T): Promise<DnsResult<T>> => {
        const now = peek(name, type);
        return now
          ? Promise.resolve(now)
          : this.race(inner.query(name, type), () => this.failure(name, type));
      },
    };
  }

  /** The TIMEOUT failure for a question the limit cut short. */
  failure<T extends RRType>(name: string, type: T): DnsResult<T> {
    const why = this.signal?.aborted ? 'was cut short: the caller cancelled the work' : 'was exceeded';
    return dnsFailure(name, type, 'TIMEOUT', `${this.what} ${why}`) as DnsResult<T>;
  }

  /** Stops the timer (the work is done). */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
  }
}
