// The worker thread of fuzz/run.mjs: loads fuzz/worker.ts (TypeScript) through Vite's module runner, as bench/ does,
// and runs the job it was given.
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { runnerImport } from 'vite';

const { module } = await runnerImport(fileURLToPath(new URL('./worker.ts', import.meta.url)), {
  configFile: false,
  logLevel: 'error',
});
await module.work(workerData, (message) => parentPort.postMessage(message));
