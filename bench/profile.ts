/**
 * One workload of bench/verify.ts, run alone for a while, for a CPU profile (not a benchmark: it prints the CPU time
 * per call, best and median of slices of 0.5 s):
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/run.mjs profile message|dkim|ed25519|spf|authenticate|dkimVerify [--seconds 5] [--slices]
 *     [--warmup S] [--cpu-profile FILE] [--src]
 */

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { setup } from './verify.js';

/** Entry point. */
export async function main(argv: string[]): Promise<void> {
  const what = argv[0] ?? 'message';
  const i = argv.indexOf('--seconds');
  const seconds = i >= 0 ? Number(argv[i + 1]) : 5;
  const c = await setup(argv.includes('--src'));
  const work: Record<string, () => Promise<unknown> | unknown> = {
    message: c.message.ours,
    dkim: c.dkim.ours,
    ed25519: c.ed25519.ours,
    spf: c.spf.ours,
    // the peers, for comparison
    authenticate: c.message.theirs,
    dkimVerify: c.dkim.theirs,
  };
  const fn = work[what];
  if (!fn) throw new Error(`profile: unknown workload ${what} (${Object.keys(work).join(', ')})`);
  for (let k = 0; k < 200; k++) await fn();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  // --warmup S: run that many seconds of CPU time before measuring (and profiling), to measure compiled code
  const w = argv.indexOf('--warmup');
  const warmEnd = cpu() + (w >= 0 ? Number(argv[w + 1]) : 0) * 1000;
  while (cpu() < warmEnd) for (let k = 0; k < 20; k++) await fn();
  // --cpu-profile FILE: a CPU profile of the measured part only (after the warm-up), for Chrome DevTools
  const p = argv.indexOf('--cpu-profile');
  const session = p >= 0 ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  // in slices of 0.5 s of CPU time: the best slice is the least disturbed by other jobs on the machine
  const slices: number[] = [];
  const end = cpu() + seconds * 1000;
  while (cpu() < end) {
    const t0 = cpu();
    let n = 0;
    while (cpu() - t0 < 500) {
      // the clock itself costs about 2 µs: read it every 20 calls
      for (let k = 0; k < 20; k++) await fn();
      n += 20;
    }
    slices.push(((cpu() - t0) * 1000) / n);
    // --slices: every slice as it ends, to watch the code warm up
    if (argv.includes('--slices')) console.log(`slice ${slices.length}: ${slices.at(-1)!.toFixed(1)} µs`);
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(argv[p + 1]!, JSON.stringify(profile));
    session.disconnect();
  }
  slices.sort((a, b) => a - b);
  console.log(
    `${what}: ${slices[0]!.toFixed(1)} µs CPU per call at best, median ${slices[slices.length >> 1]!.toFixed(1)} (${slices.length} slices of 0.5 s)`,
  );
}
