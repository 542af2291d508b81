/**
 * The fuzzing loop, run in a worker thread (fuzz/worker-entry.mjs) by fuzz/run.mjs, so that a parser stuck in a
 * loop can be stopped.
 * For each target: batches of generated inputs (fast-check, a seed per batch), each input run once and timed.
 * Reports exceptions that are not the target's typed errors and inputs slower than `hangMs`, each with the batch
 * seed and the index that reproduce it; writes its progress into shared memory for the watchdog.
 */

import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { type FuzzTarget, TARGETS } from './targets.js';

/** What run.mjs passes to the worker. */
export interface WorkerJob {
  /** Target names, in order. */
  targets: string[];
  /** The base seed of the run. */
  seed: number;
  /** Time per target, in ms. */
  msPerTarget: number;
  /** Inputs slower than this are reported, in ms. */
  hangMs: number;
  /** Replay one input instead of fuzzing: `seed` and `index` of a batch of the (single) target. */
  replay?: { seed: number; index: number; save?: string };
  /** Progress for the watchdog: [target index, batch seed, input index, heartbeat]. */
  progress: SharedArrayBuffer;
}

/** A message from the worker. */
export type WorkerMessage =
  | {
      kind: 'problem';
      target: string;
      problem: 'exception' | 'slow';
      seed: number;
      index: number;
      ms: number;
      size: number;
      preview: string;
      error?: string;
    }
  | { kind: 'done'; target: string; tried: number; maxMs: number; bytes: number }
  | { kind: 'replayed'; target: string; ms: number; size: number; preview: string; error?: string };

/** Inputs per batch (one seed each). */
export const BATCH = 25;

/** The seed of a target's batch: the run's seed, the target's position and the batch number, mixed. */
export function batchSeed(seed: number, target: string, batch: number): number {
  let h = seed | 0;
  for (const c of target) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h + Math.imul(batch, 0x9e3779b1)) | 0;
}

/** The input at `index` of the batch generated from `seed` (the same every time). */
export function inputAt(target: FuzzTarget, seed: number, index: number): string {
  return fc.sample(target.input, { seed, numRuns: index + 1 })[index] ?? '';
}

function preview(input: string): string {
  const head = JSON.stringify(input.slice(0, 120));
  return input.length > 120 ? `${head}… (${input.length} chars)` : head;
}

function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const lines = text.split('\n');
  return `${lines[0]!.slice(0, 300)}${lines.length > 1 ? ` (+${lines.length - 1} lines)` : ''}`;
}

async function timed(target: FuzzTarget, input: string): Promise<{ ms: number; error?: unknown }> {
  const t0 = performance.now();
  try {
    await target.run(input);
    return { ms: performance.now() - t0 };
  } catch (error) {
    return { ms: performance.now() - t0, error };
  }
}

/** Runs the job; messages go to `post`. */
export async function work(job: WorkerJob, post: (m: WorkerMessage) => void): Promise<void> {
  const progress = new Int32Array(job.progress);
  const selected = job.targets.map((name) => {
    const t = TARGETS.find((x) => x.name === name);
    if (!t) throw new Error(`no fuzz target ${name}`);
    return t;
  });
  if (job.replay) {
    const target = selected[0]!;
    const input = inputAt(target, job.replay.seed, job.replay.index);
    if (job.replay.save) writeFileSync(job.replay.save, input);
    const r = await timed(target, input);
    const unexpected = r.error !== undefined && !target.expected?.(r.error);
    post({
      kind: 'replayed',
      target: target.name,
      ms: r.ms,
      size: input.length,
      preview: preview(input),
      ...(r.error !== undefined
        ? { error: `${unexpected ? 'BUG ' : 'typed '}${describeError(r.error)}` }
        : {}),
    });
    return;
  }
  for (const [t, target] of selected.entries()) {
    const deadline = performance.now() + job.msPerTarget;
    let tried = 0;
    let maxMs = 0;
    let bytes = 0;
    Atomics.store(progress, 0, t);
    for (let batch = 0; performance.now() < deadline; batch++) {
      const seed = batchSeed(job.seed, target.name, batch);
      const inputs = fc.sample(target.input, { seed, numRuns: BATCH });
      Atomics.store(progress, 1, seed);
      for (const [index, input] of inputs.entries()) {
        if (performance.now() >= deadline) break;
        Atomics.store(progress, 2, index);
        Atomics.add(progress, 3, 1);
        const r = await timed(target, input);
        tried++;
        bytes += input.length;
        maxMs = Math.max(maxMs, r.ms);
        const base = {
          kind: 'problem',
          target: target.name,
          seed,
          index,
          ms: r.ms,
          size: input.length,
          preview: preview(input),
        } as const;
        if (r.error !== undefined && !target.expected?.(r.error))
          post({ ...base, problem: 'exception', error: describeError(r.error) });
        if (r.ms > job.hangMs) post({ ...base, problem: 'slow' });
      }
    }
    post({ kind: 'done', target: target.name, tried, maxMs, bytes });
  }
}

/** The names of every target, in order. */
export const TARGET_NAMES: string[] = TARGETS.map((t) => t.name);
