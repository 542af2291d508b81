/**
 * Message verification speed, side by side with mailauth on one core (issue 13's targets):
 *
 * - `verifyMessage` (DKIM + SPF + DMARC + ARC, 2 KB body, RSA-2048, relaxed/relaxed, warm key cache) vs mailauth
 *   `authenticate()` (BIMI off);
 * - `verifyDkim` vs mailauth `dkimVerify` at 2 KB and 128 KB (RSA-2048, relaxed/relaxed);
 * - Ed25519 at 2 KB: `verifyDkim` vs node:crypto's own ceiling for one such message (SHA-256 of the body, SHA-256 of
 *   the signed header data, one Ed25519 verify);
 * - `checkHost` vs mailauth `spf()` strict, on an include chain of depth 2 with 5 DNS-querying terms;
 * - cold start: `node lib/cli/bin.js --version`, `--help`, and the Action bundle (`dist/index.js`) to its first line
 *   of output (run `npm run build` / `npm run package` first; skipped when absent).
 *
 * Method: one core (CPU 0 unless `--cpu`); each side in a long-lived process of its own (`--same-process`: both in
 * this one), one running at a time; for each comparison, `--rounds` interleaved rounds (the order alternates), each implementation running
 * sequentially (one message at a time) for `--round-ms` of its process's CPU time (`process.cpuUsage`, user +
 * system, so other load on the machine does not count against either side; `--wall` measures wall time instead);
 * the table shows the median rate of each and the median of the per-round ratios.
 * Both sides get the same DNS data: each side's process builds the same zone files, answered in process through
 * one `cachedResolver`, as a long-running verifier would use (mailauth through the resolver adapter). The machine's load
 * average is printed: a loaded machine lowers both sides' rates, the ratios less so.
 *
 * mailgate's side runs the built package (`lib/`, what users import; `npm run bench` builds it first); `--src` runs
 * the TypeScript sources through Vite's module runner instead (slower: see {@link loadImpl}).
 *
 * Options: --rounds N (10) --round-ms MS (400) --warmup-ms MS (5000 of CPU time per side before the rounds; 0 for
 * 20 calls) --batch N (calls between clock readings; default about 1 ms of calls) --only
 * message,dkim,ed25519,spf,startup --same-process --cpu N|none (0: the whole benchmark runs on that CPU, see
 * {@link pinned}) --wall --src --json
 *
 * Run with `npm run bench -- verify` (see bench/run.mjs): not part of `npm test`. Timings are never asserted.
 */

import { fork, spawnSync } from 'node:child_process';
import { createHash, sign as cryptoSign, verify as cryptoVerify, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { authenticate, dkimSign, dkimVerify, spf as mailauthSpf } from 'mailauth';
import * as DkimVerify from '../src/dkim/verify.js';
import * as DnsCache from '../src/dns/cache.js';
import * as DnsMailauth from '../src/dns/mailauth.js';
import type { Resolver } from '../src/dns/resolver.js';
import * as Zonefile from '../src/dns/zonefile.js';
import * as Zones from '../src/dns/zones.js';
import * as MessageVerify from '../src/message/verify.js';
import * as CheckHost from '../src/spf/check-host.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** mailgate's functions the benchmark measures (and the DNS glue both sides use). */
interface Impl {
  verifyMessage: typeof MessageVerify.verifyMessage;
  verifyDkim: typeof DkimVerify.verifyDkim;
  checkHost: typeof CheckHost.checkHost;
  cachedResolver: typeof DnsCache.cachedResolver;
  toMailauthResolver: typeof DnsMailauth.toMailauthResolver;
  parseZone: typeof Zonefile.parseZone;
  zoneResolver: typeof Zones.zoneResolver;
}

/**
 * Loads the code measured: by default the built package (`lib/`, what `import 'mailgate'` runs; `npm run bench`
 * builds it first), imported by Node itself. `--src` measures the TypeScript sources as this benchmark is run,
 * through Vite's module runner, whose transform turns every call across modules into a property read through a
 * getter: `verifyMessage` measured 7-10 % slower that way than the same code from `lib/` (one process, both
 * interleaved), a cost no user pays.
 *
 * @throws Error when `lib/` has not been built.
 */
async function loadImpl(fromSources: boolean): Promise<Impl> {
  // Node's own import(), which Vite's transform would otherwise route through its (by then closed) module runner
  const nativeImport = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
  const load = async <T>(srcPath: string, sources: T): Promise<T> => {
    if (fromSources) return sources;
    const file = join(ROOT, 'lib', `${srcPath}.js`);
    if (!existsSync(file)) throw new Error(`bench: ${file} is missing: run npm run build (or pass --src)`);
    return (await nativeImport(pathToFileURL(file).href)) as T;
  };
  const [dkim, cache, glue, zonefile, zonesModule, message, spf] = await Promise.all([
    load('dkim/verify', DkimVerify),
    load('dns/cache', DnsCache),
    load('dns/mailauth', DnsMailauth),
    load('dns/zonefile', Zonefile),
    load('dns/zones', Zones),
    load('message/verify', MessageVerify),
    load('spf/check-host', CheckHost),
  ]);
  return {
    verifyMessage: message.verifyMessage,
    verifyDkim: dkim.verifyDkim,
    checkHost: spf.checkHost,
    cachedResolver: cache.cachedResolver,
    toMailauthResolver: glue.toMailauthResolver,
    parseZone: zonefile.parseZone,
    zoneResolver: zonesModule.zoneResolver,
  };
}

function arg(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

let clock = cpuMs;

/** This process's CPU time (user + system), in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Runs `fn` sequentially for `ms` of {@link clock} time, returns completions per second of it. The clock is read
 * once per `batch` calls: reading it (`process.cpuUsage`, about 2 µs) after every call would add its own cost to
 * every call measured, which shrinks the ratio between a fast and a slow implementation.
 */
async function rate(fn: () => Promise<unknown> | unknown, ms: number, batch: number): Promise<number> {
  const start = clock();
  let n = 0;
  let now = start;
  do {
    for (let i = 0; i < batch; i++) await fn();
    n += batch;
    now = clock();
  } while (now - start < ms);
  return (n * 1000) / (now - start);
}

/** The warm-up (CPU time per side, in ms) the published figures use: V8 compiles both sides fully within it. */
const DEFAULT_WARMUP_MS = 5000;

/** Warm-up runs in slices of this much CPU time per side, alternating. */
const WARMUP_SLICE_MS = 250;

/** How many calls of `fn` take about 1 ms (at least 1): the batch between two clock readings. */
async function batchFor(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = clock();
  let n = 0;
  while (clock() - start < 20) {
    await fn();
    n++;
  }
  return Math.max(1, Math.round(n / 20));
}

interface Row {
  name: string;
  ours: number;
  theirs: number;
  /** Median of the per-round ratios ours/theirs. */
  ratio: number;
  theirsName: string;
  target: string;
  met: boolean;
}

/** One side of a comparison: runs its workload for a while and says how fast it went. */
interface Side {
  /** Runs the workload for `ms` of the side's clock, reading it every `batch` calls; completions per second. */
  run(ms: number, batch: number): Promise<number>;
  /** How many calls take about 1 ms ({@link batchFor}). */
  batch(): Promise<number>;
  /** Frees the side (ends its process). */
  close(): void;
}

/** A side run in this process. */
function localSide(fn: () => Promise<unknown> | unknown): Side {
  return { run: (ms, batch) => rate(fn, ms, batch), batch: () => batchFor(fn), close: () => {} };
}

async function compare(
  name: string,
  ours: Side,
  theirsName: string,
  theirs: Side,
  opts: {
    rounds: number;
    roundMs: number;
    warmupMs: number;
    batch?: number;
    target: number;
    targetText: string;
  },
): Promise<Row> {
  // warm both (key caches, JIT): V8 takes seconds of CPU time to compile both sides' code fully (its optimizing
  // compiler runs on other threads, whose CPU time counts here), and a long-running verifier runs that compiled code;
  // so each side runs for `warmupMs` of CPU time first, in alternating slices (--warmup-ms 0: 20 calls each, as
  // this benchmark did before)
  await ours.run(0, 20);
  await theirs.run(0, 20);
  for (let spent = 0; spent < opts.warmupMs; spent += 2 * WARMUP_SLICE_MS) {
    await ours.run(WARMUP_SLICE_MS, 1);
    await theirs.run(WARMUP_SLICE_MS, 1);
  }
  const oursBatch = opts.batch ?? (await ours.batch());
  const theirsBatch = opts.batch ?? (await theirs.batch());
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    let x: number;
    let y: number;
    if (r % 2 === 0) {
      x = await ours.run(opts.roundMs, oursBatch);
      y = await theirs.run(opts.roundMs, theirsBatch);
    } else {
      y = await theirs.run(opts.roundMs, theirsBatch);
      x = await ours.run(opts.roundMs, oursBatch);
    }
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  ours.close();
  theirs.close();
  const ratio = median(ratios);
  return {
    name,
    ours: median(a),
    theirs: median(b),
    ratio,
    theirsName,
    target: opts.targetText,
    met: ratio >= opts.target,
  };
}

function zones(impl: Impl, texts: Record<string, string>): Resolver {
  return impl.cachedResolver(
    impl.zoneResolver(
      Object.entries(texts).map(([origin, text]) => impl.parseZone(text, { origin, file: `${origin}.zone` })),
      { offline: true },
    ),
  );
}

function txt(value: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += 255) parts.push(value.slice(i, i + 255));
  return parts.map((p) => `"${p}"`).join(' ');
}

/**
 * A body of about `bytes` octets: paragraphs of text wrapped at 72 columns, single spaces, a blank line between
 * paragraphs, and now and then what relaxed canonicalization rewrites (two spaces after a full stop, a tab, a space
 * at the end of a line). Deterministic.
 */
export function body(bytes: number): string {
  const words =
    'the of and to in is that for it as with was on be by at this from or an are not have but'.split(' ');
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  let out = '';
  let line = '';
  let sentence = 0;
  while (out.length < bytes) {
    let w = words[next() % words.length]!;
    if (++sentence % 12 === 0) w += next() % 3 === 0 ? '.  ' : '. ';
    else w += next() % 40 === 0 ? '\t' : ' ';
    if (line.length + w.length > 72) {
      out += `${line}${next() % 10 === 0 ? ' ' : ''}\r\n`;
      line = '';
      if (next() % 8 === 0) out += '\r\n';
    }
    line += w;
  }
  return `${out}${line.trimEnd()}\r\n`;
}

export function messageText(bodyText: string): string {
  return [
    'From: Shop <news@shop.test>',
    'To: customer@example.net',
    'Subject: Your order has shipped',
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    'Message-ID: <order-1@shop.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    bodyText,
  ].join('\r\n');
}

export async function signed(msg: string, key: string, algorithm?: string): Promise<Buffer> {
  const res = await dkimSign(msg, {
    signTime: new Date(),
    signatureData: [
      {
        signingDomain: 'shop.test',
        selector: algorithm ? 'e1' : 's1',
        privateKey: key,
        canonicalization: 'relaxed/relaxed',
        ...(algorithm ? { algorithm } : {}),
      },
    ],
  } as never);
  return Buffer.from(res.signatures + msg);
}

/**
 * The timing loop of {@link startup}, run in a small helper process: spawning from this process (which has loaded
 * the bench, Vite and mailauth) costs more than spawning from a shell, and would be counted.
 */
const STARTUP_HELPER = `
const { spawn } = require('node:child_process');
const [args, runs, untilFirstLine, env] = JSON.parse(process.argv[1]);
(async () => {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await new Promise((resolve) => {
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
      let done = false;
      const mark = () => { if (!done) { done = true; times.push(performance.now() - t0); } };
      child.stdout.on('data', (d) => { if (untilFirstLine && d.includes(10)) mark(); });
      // the next run starts when this one has exited, so that runs never overlap
      child.on('exit', () => { mark(); resolve(); });
    });
  }
  times.sort((a, b) => a - b);
  process.stdout.write(String(times[times.length >> 1]));
})();
`;

/** Median wall time (ms) of `runs` runs of a command to its exit, or to its first line of output. */
async function startup(
  args: string[],
  runs: number,
  untilFirstLine: boolean,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const r = spawnSync(
    process.execPath,
    ['-e', STARTUP_HELPER, JSON.stringify([args, runs, untilFirstLine, env])],
    {
      encoding: 'utf8',
    },
  );
  return Number(r.stdout);
}

/** The comparisons, in the order the table shows them. */
const COMPARISONS = ['message', 'dkim', 'dkim-large', 'ed25519', 'spf'] as const;
type ComparisonKey = (typeof COMPARISONS)[number];

/** One comparison: what each side runs, and the target for the ratio ours/theirs. */
interface Comparison {
  name: string;
  ours: () => Promise<unknown> | unknown;
  theirsName: string;
  theirs: () => Promise<unknown> | unknown;
  target: number;
  targetText: string;
}

/**
 * Builds the world ({@link benchWorld}), signs the messages, checks that both sides agree on them, and returns the
 * comparisons. Run by each side's own process (and by the benchmark's process, for `--same-process`).
 */
export async function setup(fromSources = false): Promise<Record<ComparisonKey, Comparison>> {
  const impl = await loadImpl(fromSources);
  const { verifyMessage, verifyDkim, checkHost } = impl;
  const { rsaPem, edPem, edKeys: ed, resolver, maResolver } = benchWorld(impl);
  const small = await signed(messageText(body(2048)), rsaPem);
  const large = await signed(messageText(body(128 * 1024)), rsaPem);
  const edSmall = await signed(messageText(body(2048)), edPem, 'ed25519-sha256');
  const env = { ip: '203.0.113.7', helo: 'out.esp.test', mailFrom: 'bounce@shop.test' };
  const authenticateOptions = {
    ip: env.ip,
    helo: env.helo,
    sender: env.mailFrom,
    mta: 'mx',
    resolver: maResolver as never,
    disableBimi: true,
  } as never;

  // sanity: both sides agree before they are timed
  const check = await verifyMessage(small, { resolver, ...env, authservId: 'mx' });
  const ma = await authenticate(small, authenticateOptions);
  if (check.dkim[0]?.result !== 'pass' || check.spf.result !== 'pass' || check.dmarc.result !== 'pass')
    throw new Error(`mailgate does not pass the bench message: ${JSON.stringify(check.summary)}`);
  const maDmarc = ma.dmarc || undefined;
  if (maDmarc?.status?.result !== 'pass') throw new Error('mailauth does not pass the bench message');

  // node:crypto's ceiling for one Ed25519 message: hash the body, hash the header data, verify once
  const sep = edSmall.indexOf('\r\n\r\n');
  const bodyBytes = edSmall.subarray(sep + 4);
  const headerData = Buffer.from(edSmall.subarray(0, sep).toString('latin1').toLowerCase(), 'latin1');
  const edSig = cryptoSign(null, createHash('sha256').update(headerData).digest(), ed.privateKey);

  const spfParams = {
    ip: '203.0.113.7',
    domain: 'shop.test',
    sender: 'bounce@shop.test',
    helo: 'out.esp.test',
  };
  const spfOptions = {
    sender: spfParams.sender,
    ip: spfParams.ip,
    helo: spfParams.helo,
    mta: 'mx',
    resolver: maResolver as never,
    strict: true,
  } as never;
  const ours = await checkHost(spfParams, { resolver });
  const theirs = await mailauthSpf(spfOptions);
  if (ours.result !== 'pass' || ours.lookups !== 5 || theirs.status?.result !== 'pass')
    throw new Error(`SPF setup: ours ${ours.result}/${ours.lookups}, mailauth ${theirs.status?.result}`);

  return {
    message: {
      name: 'verifyMessage, 2 KB, RSA-2048 r/r',
      ours: () => verifyMessage(small, { resolver, ...env, authservId: 'mx' }),
      theirsName: 'authenticate()',
      theirs: () => authenticate(small, authenticateOptions),
      target: 10,
      targetText: '≥ 10×',
    },
    dkim: {
      name: 'verifyDkim, 2 KB, RSA-2048 r/r',
      ours: () => verifyDkim(small, { resolver }),
      theirsName: 'dkimVerify',
      theirs: () => dkimVerify(small, { resolver: maResolver as never }),
      target: 10,
      targetText: '≥ 10×',
    },
    'dkim-large': {
      name: 'verifyDkim, 128 KB, RSA-2048 r/r',
      ours: () => verifyDkim(large, { resolver }),
      theirsName: 'dkimVerify',
      theirs: () => dkimVerify(large, { resolver: maResolver as never }),
      target: 3,
      targetText: '≥ 3×',
    },
    ed25519: {
      name: 'verifyDkim, 2 KB, Ed25519',
      ours: () => verifyDkim(edSmall, { resolver }),
      theirsName: 'node:crypto ceiling',
      theirs: () => {
        createHash('sha256').update(bodyBytes).digest();
        cryptoVerify(null, createHash('sha256').update(headerData).digest(), ed.publicKey, edSig);
      },
      target: 0.75,
      targetText: '≥ 75% of the ceiling',
    },
    spf: {
      name: 'checkHost, include depth 2, 5 lookups',
      ours: () => checkHost(spfParams, { resolver }),
      theirsName: 'spf() strict',
      theirs: () => mailauthSpf(spfOptions),
      target: 3,
      targetText: '≥ 3×',
    },
  };
}

/**
 * A side run in a process of its own (the default; `--same-process` runs both here): the benchmark started again with `--side KEY ours|theirs`,
 * which builds the same world and runs its workload when asked, over IPC. Each side then has its own heap and its
 * own compiled code, as a verifier running alone would: in one process, each side's rounds also pay for collecting
 * the other's garbage and for recompiling its own code the other's rounds pushed out. Only one side runs at a
 * time (the other waits for a message), so the comparison still runs on one core.
 */
function childSide(key: ComparisonKey, which: 'ours' | 'theirs', argv: string[]): Side {
  const passOn = ['--wall', '--src'].filter((flag) => argv.includes(flag));
  const child = fork(join(ROOT, 'bench', 'run.mjs'), ['verify', '--side', key, which, ...passOn], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let pending: ((value: number) => void) | undefined;
  let failed: ((err: Error) => void) | undefined;
  child.on('message', (m: { value: number }) => pending?.(m.value));
  child.on('exit', (code) => failed?.(new Error(`the ${which} side of ${key} exited (${code})`)));
  const ask = (msg: { cmd: 'run' | 'batch'; ms?: number; batch?: number }) =>
    new Promise<number>((resolve, reject) => {
      pending = resolve;
      failed = reject;
      child.send(msg);
    });
  return {
    run: (ms, batch) => ask({ cmd: 'run', ms, batch }),
    batch: () => ask({ cmd: 'batch' }),
    close: () => {
      failed = undefined;
      child.kill();
    },
  };
}

/** The entry point of a side's own process (see {@link childSide}). */
async function sideProcess(
  key: ComparisonKey,
  which: 'ours' | 'theirs',
  fromSources: boolean,
): Promise<void> {
  const fn = (await setup(fromSources))[key][which];
  const local = localSide(fn);
  process.on('message', async (m: { cmd: 'run' | 'batch'; ms?: number; batch?: number }) => {
    const value = m.cmd === 'batch' ? await local.batch() : await local.run(m.ms ?? 0, m.batch ?? 1);
    process.send?.({ value });
  });
}

/** Entry point. */
/**
 * The benchmark's world: an RSA-2048 and an Ed25519 key, and the zones of shop.test (SPF through an include chain
 * of depth 2 at esp.test, DMARC p=reject, both keys) as one resolver, and the same resolver adapted for mailauth.
 */
function benchWorld(impl: Impl) {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rsaPem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const rsaP = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const ed = generateKeyPairSync('ed25519');
  const edPem = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const edDer = ed.publicKey.export({ type: 'spki', format: 'der' });
  const edP = edDer.subarray(edDer.length - 32).toString('base64');

  const resolver = zones(impl, {
    'shop.test': [
      '$TTL 3600',
      '@ IN SOA ns.shop.test. hm.shop.test. 1 3600 600 86400 300',
      `@ IN TXT "v=spf1 a:mx1.shop.test include:_spf.esp.test -all"`,
      'mx1 IN A 192.0.2.10',
      `_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:d@shop.test"`,
      `s1._domainkey IN TXT ${txt(`v=DKIM1; k=rsa; p=${rsaP}`)}`,
      `e1._domainkey IN TXT "v=DKIM1; k=ed25519; p=${edP}"`,
    ].join('\n'),
    'esp.test': [
      '$TTL 3600',
      '@ IN SOA ns.esp.test. hm.esp.test. 1 3600 600 86400 300',
      `_spf IN TXT "v=spf1 mx include:_spf2.esp.test ~all"`,
      '@ IN MX 10 mx.esp.test.',
      'mx IN A 198.51.100.1',
      `_spf2 IN TXT "v=spf1 a:out.esp.test ip4:203.0.113.0/24 -all"`,
      'out IN A 198.51.100.2',
    ].join('\n'),
  });
  const maResolver = impl.toMailauthResolver(resolver);
  return { rsaPem, edPem, edKeys: ed, resolver, maResolver };
}

/**
 * Runs the benchmark again under `taskset -c CPU` (util-linux), so that it and the sides' processes it starts
 * (which inherit the affinity) all run on that one CPU; returns false when it cannot (no `taskset`, `--cpu none`,
 * or already pinned). The two CPUs of a shared VM are not alike: the host's other tenants slow one of them for
 * minutes at a time (`verifyMessage` measured 71-73 µs on CPU 0 and 112-118 µs on CPU 1 in the same minute), and a
 * busy process stays on the CPU it started on, so two sides on different CPUs are not compared on the same machine.
 */
function pinned(argv: string[]): boolean {
  const cpu = arg(argv, '--cpu', '0');
  if (cpu === 'none' || process.env.MAILGATE_BENCH_CPU !== undefined) return false;
  const run = spawnSync(
    'taskset',
    ['-c', cpu, process.execPath, join(ROOT, 'bench', 'run.mjs'), 'verify', ...argv],
    { stdio: 'inherit', env: { ...process.env, MAILGATE_BENCH_CPU: cpu } },
  );
  if (run.error) {
    console.error(`bench: taskset not found (${run.error.message}); running on any CPU`);
    return false;
  }
  process.exitCode = run.status ?? 1;
  return true;
}

export async function main(argv: string[]): Promise<void> {
  if (argv.includes('--wall')) clock = () => performance.now();
  const sideAt = argv.indexOf('--side');
  if (sideAt >= 0) {
    await sideProcess(
      argv[sideAt + 1] as ComparisonKey,
      argv[sideAt + 2] as 'ours' | 'theirs',
      argv.includes('--src'),
    );
    return;
  }
  if (pinned(argv)) return;
  const processes = !argv.includes('--same-process');
  const rounds = Number(arg(argv, '--rounds', '10'));
  const roundMs = Number(arg(argv, '--round-ms', '400'));
  const only = new Set(arg(argv, '--only', 'message,dkim,ed25519,spf,startup').split(','));
  // --batch 1 reads the clock after every call, as this benchmark did before (its cost then counts in every call)
  const batchArg = arg(argv, '--batch', '');
  const warmupMs = Number(arg(argv, '--warmup-ms', String(DEFAULT_WARMUP_MS)));
  if (warmupMs < DEFAULT_WARMUP_MS)
    console.error(
      `bench: --warmup-ms ${warmupMs} is under the ${DEFAULT_WARMUP_MS} ms the published figures use: both sides are measured partly before V8 has compiled them (bench/README.md, "Warm-up"), and the ratios are not comparable with those figures`,
    );
  const opts = { rounds, roundMs, warmupMs, ...(batchArg ? { batch: Number(batchArg) } : {}) };
  const rows: Row[] = [];
  const startupRows: { name: string; ms: number; target: number }[] = [];

  // cold start first, while this process is small (spawning from a large process is slower)
  if (only.has('startup')) {
    // what starting Node itself costs on this machine now, for reference
    startupRows.push({
      name: 'node -e 0 (reference)',
      ms: await startup(['-e', '0'], 10, false),
      target: 150,
    });
    const bin = join(ROOT, 'lib', 'cli', 'bin.js');
    if (existsSync(bin)) {
      startupRows.push({
        name: 'mailgate --version (lib/)',
        ms: await startup([bin, '--version'], 10, false),
        target: 150,
      });
      startupRows.push({
        name: 'mailgate --help (lib/)',
        ms: await startup([bin, '--help'], 10, false),
        target: 150,
      });
    } else console.error('startup: lib/cli/bin.js missing (npm run build)');
    const dist = join(ROOT, 'dist', 'index.js');
    if (existsSync(dist)) {
      const ws = mkdtempSync(join(tmpdir(), 'mailgate-bench-'));
      try {
        writeFileSync(
          join(ws, 'zone.zone'),
          '$ORIGIN example.test.\n@ IN SOA ns hm 1 1 1 1 1\n@ IN TXT "v=spf1 -all"\n',
        );
        // the files the runner provides
        writeFileSync(join(ws, 'out'), '');
        writeFileSync(join(ws, 'summary'), '');
        const actionEnv = {
          ...process.env,
          GITHUB_WORKSPACE: ws,
          RUNNER_TEMP: join(ws, '.tmp'),
          GITHUB_OUTPUT: join(ws, 'out'),
          GITHUB_STEP_SUMMARY: join(ws, 'summary'),
          INPUT_DOMAINS: 'example.test',
          'INPUT_ZONE-FILES': 'zone.zone',
          // the Action's DNS: a server that is not there (the zone file answers what is asked)
          'INPUT_DNS-SERVERS': '127.0.0.1:9',
        };
        startupRows.push({
          name: 'Action (dist/index.js) to its first line',
          ms: await startup([dist], 10, true, actionEnv),
          target: 300,
        });
        startupRows.push({
          name: 'Action (dist/index.js) to its exit, one domain from a zone file',
          ms: await startup([dist], 10, false, actionEnv),
          target: Number.POSITIVE_INFINITY,
        });
      } finally {
        rmSync(ws, { recursive: true, force: true });
      }
    } else console.error('startup: dist/index.js missing (npm run package)');
  }

  const fromSources = argv.includes('--src');
  const comparisons = await setup(fromSources);
  for (const key of COMPARISONS) {
    if (!only.has(key === 'dkim-large' ? 'dkim' : key)) continue;
    const c = comparisons[key];
    const side = (which: 'ours' | 'theirs') =>
      processes ? childSide(key, which, argv) : localSide(c[which]);
    rows.push(
      await compare(c.name, side('ours'), c.theirsName, side('theirs'), {
        ...opts,
        target: c.target,
        targetText: c.targetText,
      }),
    );
  }
  const load = loadavg().map((x) => x.toFixed(2));
  if (argv.includes('--json')) {
    console.log(
      JSON.stringify(
        {
          load,
          processes,
          code: fromSources ? 'src' : 'lib',
          cpu: process.env.MAILGATE_BENCH_CPU ?? null,
          rounds,
          roundMs,
          warmupMs,
          rows,
          startup: startupRows,
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `mailgate verification benchmark (${fromSources ? "src/ through Vite's module runner" : 'the built lib/'}): ${warmupMs} ms of warm-up per side, then ${rounds} interleaved rounds of ${roundMs} ms ${argv.includes('--wall') ? 'wall' : 'CPU'} time, one message at a time, ${processes ? 'each side in a process of its own' : 'both sides in one process'}, ${process.env.MAILGATE_BENCH_CPU === undefined ? 'on any CPU' : `all on CPU ${process.env.MAILGATE_BENCH_CPU}`} (${cpus().length} CPUs; load average ${load.join(' ')})`,
  );
  const header = ['comparison', 'mailgate /s', 'peer', 'peer /s', 'ratio', 'target', 'met'];
  const table = [
    header,
    ...rows.map((r) => [
      r.name,
      r.ours.toFixed(0),
      r.theirsName,
      r.theirs.toFixed(0),
      `${r.ratio.toFixed(2)}×`,
      r.target,
      r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table)
    console.log(
      row
        .map((cell, c) => (c === 0 || c === 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    );
  for (const s of startupRows) {
    const target = Number.isFinite(s.target)
      ? ` (target < ${s.target} ms: ${s.ms < s.target ? 'yes' : 'NO'})`
      : '';
    console.log(`${s.name}: ${s.ms.toFixed(0)} ms median of 10${target}`);
  }
}
