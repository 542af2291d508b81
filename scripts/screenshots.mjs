// `npm run screenshots`: runs test/report/screenshots.ts (TypeScript, importing the sources and the test support)
// through Vite's module runner, as bench/run.mjs does: the screenshots of the HTML report in docs/.
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const entry = fileURLToPath(new URL('../test/report/screenshots.ts', import.meta.url));
const { module } = await runnerImport(entry, { configFile: false, logLevel: 'error' });
await module.main();
