/**
 * Complexity checks that cannot fail because the machine is busy: the CPU time (user + system, from
 * `process.cpuUsage`, so time spent waiting for the CPU while other jobs run does not count) of one input is
 * compared with that of an input `factor` times larger, each the best of several runs, measured in alternation
 * (and measured again when the ratio is far above linear, the lowest ratio counting). A linear parser gives a
 * ratio near `factor`; a quadratic one near `factor²`. Tests assert the ratio with generous slack (10× the
 * input at most 30× the time), never an absolute time.
 */
import { expect } from 'vitest';

/** What {@link measureGrowth} measured. */
export interface Growth {
  /** The two input sizes (whatever unit `make` takes: characters, records, domains). */
  sizes: [number, number];
  /** How many times `work` ran per measurement. */
  reps: number;
  /** The best CPU time of each size, in ms. */
  ms: [number, number];
  /** `ms[1] / ms[0]`. */
  ratio: number;
}

/** Options of {@link measureGrowth}. */
export interface GrowthOptions {
  /** The smaller input size (whatever unit `make` takes: characters, records, domains). */
  base: number;
  /** How much larger the second input is (default 10). */
  factor?: number;
  /** Measurements per size; the fastest counts (default 3). */
  runs?: number;
  /**
   * One measurement of the smaller input must take at least this much CPU time, so that timer noise is small
   * (default 10 ms): `work` is repeated (the same number of times for both sizes) until it does.
   */
  minMs?: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function best<T>(input: T, work: (input: T) => unknown, reps: number, runs: number): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t0 = cpuMs();
    for (let r = 0; r < reps; r++) await work(input);
    min = Math.min(min, cpuMs() - t0);
  }
  return min;
}

/**
 * Measures how the CPU time of `work` grows when its input grows `factor` times. Inputs are built by `make`
 * before timing (building them is not measured); `work` is repeated as often as the smaller input needs to take
 * `minMs` (at most 1024 times), and as often for the larger one.
 */
export async function measureGrowth<T>(
  make: (size: number) => T,
  work: (input: T) => unknown,
  options: GrowthOptions,
): Promise<Growth> {
  const factor = options.factor ?? 10;
  const runs = options.runs ?? 3;
  const minMs = options.minMs ?? 10;
  const small = make(options.base);
  const large = make(options.base * factor);
  // warm up (JIT compilation, lazy initialisation) on both sizes, so that neither measurement pays for it
  const warmUntil = cpuMs() + 5 * minMs;
  for (let i = 0; i < 3 || cpuMs() < warmUntil; i++) await work(small);
  await work(large);
  // calibrate with single measurements, then take the best of `runs`; if that best is still short (the single
  // measurement was slowed down by a collection or a compilation), repeat more
  let reps = 1;
  while ((await best(small, work, reps, 1)) < minMs && reps < 1024) reps *= 2;
  while ((await best(small, work, reps, runs)) < minMs && reps < 1024) reps *= 2;
  // The sizes are measured in alternation, each the best of its rounds, so that a phase of load (other jobs,
  // the collector's threads, whose CPU time counts as ours) slows both alike. A ratio far above linear is measured
  // again, up to twice, and the lowest ratio counts: a busy phase does not last three measurements, while a
  // quadratic parser is slow in every one (a linear parser's ratio ran from 5.5 to 32 under load in one round).
  let growth = await alternate(small, large, work, reps, runs);
  for (let again = 0; again < 2 && growth.ratio > 3 * factor; again++) {
    const next = await alternate(small, large, work, reps, runs + 2);
    if (next.ratio < growth.ratio) growth = next;
  }
  return { sizes: [options.base, options.base * factor], reps, ms: growth.ms, ratio: growth.ratio };
}

async function alternate<T>(
  small: T,
  large: T,
  work: (input: T) => unknown,
  reps: number,
  runs: number,
): Promise<{ ms: [number, number]; ratio: number }> {
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    smallMs = Math.min(smallMs, await best(small, work, reps, 1));
    largeMs = Math.min(largeMs, await best(large, work, reps, 1));
  }
  return { ms: [smallMs, largeMs], ratio: largeMs / Math.max(smallMs, 0.001) };
}

/**
 * Asserts that the time grew at most `maxRatio` times (default 30, for a factor of 10): linear with slack, far
 * below the factor² of a quadratic algorithm.
 */
export function expectLinear(growth: Growth, what: string, maxRatio = 30): void {
  const text = `${what}: ${growth.sizes[0]} -> ${growth.sizes[1]} (x${growth.reps}): ${growth.ms[0].toFixed(1)} ms -> ${growth.ms[1].toFixed(1)} ms (x${growth.ratio.toFixed(1)})`;
  if (process.env.MAILGATE_GROWTH_LOG) console.log(text);
  expect(growth.ratio, text).toBeLessThanOrEqual(maxRatio);
}
