// Runs a TypeScript benchmark in bench/ (importing the sources and the test support servers) through Vite's
// module runner, which vitest already brings: no build step, no extra dependency.
//   node bench/run.mjs                 every benchmark in BENCHES, one after another
//   node bench/run.mjs NAME [args...]  bench/NAME.ts with its own arguments (see bench/README.md)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

/** The benchmarks `npm run bench` runs when no name is given, in order. Each file exports `main(argv)`. */
const BENCHES = ['batch', 'verify', 'reports', 'zones'];

async function run(name, argv) {
  const entry = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(entry)) {
    console.error(`bench: no benchmark named ${JSON.stringify(name)} (known: ${BENCHES.join(', ')})`);
    process.exit(2);
  }
  const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
  await module.main(argv);
}

const [first, ...rest] = process.argv.slice(2);
if (first !== undefined && !first.startsWith('-')) {
  await run(first, rest);
} else {
  for (const name of BENCHES) await run(name, process.argv.slice(2));
}
