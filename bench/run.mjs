// Runs bench/batch.ts (TypeScript, importing the sources and the loopback DNS server from test/support)
// through Vite's module runner, which vitest already brings: no build step, no extra dependency.
//   node bench/run.mjs [--domains N] [--latency 0,20] [--concurrency 16] [--probe-dkim] [--json]
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('./batch.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
await module.main(process.argv.slice(2));
