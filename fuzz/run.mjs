// Bounded fuzzing of every parser of untrusted input, and the DNS fault matrix (see fuzz/README.md).
//   npm run fuzz                                  all targets, 60 s in total
//   npm run fuzz -- --seconds 300 --target spf-record,from --seed 42 --hang-ms 500
//   npm run fuzz -- --target from --replay SEED:INDEX [--save FILE]   run one reported input again (and save it)
//   npm run fuzz -- dns-faults                    the DNS fault matrix (fuzz/dns-faults.ts)
// Not part of `npm test`. Exit code 1 when a target threw an unexpected exception, had an input slower than
// --hang-ms, or stalled (no progress for 10 × --hang-ms, at least 10 s: the worker is stopped).
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runnerImport } from 'vite';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const load = async (file) =>
  (await runnerImport(here(file), { configFile: false, logLevel: 'error' })).module;

function usage(message) {
  if (message) console.error(`fuzz: ${message}`);
  console.error(
    'usage: npm run fuzz -- [--seconds N] [--target NAME[,NAME...]] [--seed N] [--hang-ms N]\n' +
      '       npm run fuzz -- --target NAME --replay SEED:INDEX [--save FILE]\n' +
      '       npm run fuzz -- dns-faults [--timeout-ms N]',
  );
  process.exit(2);
}

function options(argv) {
  const out = { seconds: 60, targets: [], seed: undefined, hangMs: 1000, replay: undefined, save: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--seconds') out.seconds = Number(value());
    else if (a === '--target') out.targets.push(...value().split(','));
    else if (a === '--seed') out.seed = Number(value());
    else if (a === '--hang-ms') out.hangMs = Number(value());
    else if (a === '--save') out.save = value();
    else if (a === '--replay') {
      const m = /^(-?\d+):(\d+)$/.exec(value());
      if (!m) usage('--replay takes SEED:INDEX as printed by a run');
      out.replay = { seed: Number(m[1]), index: Number(m[2]) };
    } else usage(`unknown argument ${a}`);
  }
  if (!(out.seconds > 0)) usage('--seconds must be a positive number');
  if (!(out.hangMs > 0)) usage('--hang-ms must be a positive number');
  if (out.seed !== undefined && !Number.isInteger(out.seed)) usage('--seed must be an integer');
  return out;
}

/** Runs `targets` in one worker; resolves with the messages, or with the stall when the watchdog stopped it. */
function runWorker(job, onMessage) {
  const progress = new SharedArrayBuffer(16);
  const view = new Int32Array(progress);
  const worker = new Worker(here('./worker-entry.mjs'), { workerData: { ...job, progress } });
  const stallMs = Math.max(10 * job.hangMs, 10_000);
  return new Promise((resolve) => {
    let last = -1;
    let lastChange = performance.now();
    let settled = false;
    const finish = (outcome) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      resolve(outcome);
    };
    const watchdog = setInterval(() => {
      const beat = Atomics.load(view, 3);
      if (beat !== last) {
        last = beat;
        lastChange = performance.now();
      } else if (beat > 0 && performance.now() - lastChange > stallMs) {
        const stalled = {
          target: job.targets[Atomics.load(view, 0)],
          seed: Atomics.load(view, 1),
          index: Atomics.load(view, 2),
          ms: performance.now() - lastChange,
        };
        void worker.terminate();
        finish({ stalled });
      }
    }, 200);
    worker.on('message', onMessage);
    worker.on('error', (error) => finish({ error }));
    worker.on('exit', () => finish({}));
  });
}

async function fuzz(argv) {
  const opts = options(argv);
  const { TARGET_NAMES } = await load('./worker.ts');
  const targets = opts.targets.length > 0 ? opts.targets : TARGET_NAMES;
  for (const t of targets)
    if (!TARGET_NAMES.includes(t)) usage(`no target ${t} (known: ${TARGET_NAMES.join(', ')})`);
  if (opts.replay) {
    if (targets.length !== 1) usage('--replay needs exactly one --target');
    await runWorker(
      { targets, seed: 0, msPerTarget: 0, hangMs: opts.hangMs, replay: { ...opts.replay, save: opts.save } },
      (m) => {
        console.log(
          `${m.target} seed ${opts.replay.seed} index ${opts.replay.index}: ${m.size} chars, ${m.ms.toFixed(1)} ms`,
        );
        console.log(`  input: ${m.preview}`);
        console.log(`  ${m.error ? `threw ${m.error}` : 'no exception'}`);
      },
    );
    return 0;
  }
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const msPerTarget = (opts.seconds * 1000) / targets.length;
  console.log(
    `fuzzing ${targets.length} targets for ${opts.seconds} s (${(msPerTarget / 1000).toFixed(1)} s each), seed ${seed}, slow input: > ${opts.hangMs} ms`,
  );
  const rows = new Map(
    targets.map((t) => [t, { tried: 0, exceptions: 0, slow: 0, stalled: 0, maxMs: 0, bytes: 0 }]),
  );
  const problems = [];
  let remaining = [...targets];
  while (remaining.length > 0) {
    const done = new Set();
    const outcome = await runWorker({ targets: remaining, seed, msPerTarget, hangMs: opts.hangMs }, (m) => {
      const row = rows.get(m.target);
      if (m.kind === 'done') {
        Object.assign(row, { tried: m.tried, maxMs: m.maxMs, bytes: m.bytes });
        done.add(m.target);
      } else if (m.kind === 'problem') {
        if (m.problem === 'exception') row.exceptions++;
        else row.slow++;
        if (problems.filter((p) => p.target === m.target && p.problem === m.problem).length < 5)
          problems.push(m);
      }
    });
    if (outcome.error) {
      console.error(`fuzz: the worker failed: ${outcome.error.stack ?? outcome.error}`);
      return 2;
    }
    if (outcome.stalled) {
      const s = outcome.stalled;
      rows.get(s.target).stalled++;
      done.add(s.target);
      problems.push({
        target: s.target,
        problem: 'stalled',
        seed: s.seed,
        index: s.index,
        ms: s.ms,
        size: 0,
        preview: '',
      });
    }
    remaining = remaining.filter((t) => !done.has(t));
  }
  const table = [['target', 'inputs', 'MB', 'exceptions', 'slow', 'stalled', 'max ms']];
  for (const [t, r] of rows)
    table.push(
      [t, r.tried, (r.bytes / 1e6).toFixed(1), r.exceptions, r.slow, r.stalled, r.maxMs.toFixed(1)].map(
        String,
      ),
    );
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table)
    console.log(
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    );
  for (const p of problems) {
    console.log(
      `\n${p.problem} in ${p.target} (seed ${p.seed} index ${p.index}${p.size ? `, ${p.size} chars` : ''}, ${p.ms.toFixed(0)} ms)` +
        `${p.error ? `: ${p.error}` : ''}\n  input: ${p.preview || '(see the replay)'}\n  replay: npm run fuzz -- --target ${p.target} --replay ${p.seed}:${p.index}`,
    );
  }
  return problems.length > 0 ? 1 : 0;
}

const [first, ...rest] = process.argv.slice(2);
if (first === 'dns-faults') {
  const { main } = await load('./dns-faults.ts');
  process.exitCode = await main(rest);
} else {
  process.exitCode = await fuzz(process.argv.slice(2));
}
