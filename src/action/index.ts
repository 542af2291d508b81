/**
 * Entry point of the GitHub Action bundle (`dist/index.js`, built by `npm run package`).
 *
 * The first line of the log says which mailgate runs, written before anything else loads (constant text, no
 * workflow command: `@actions/core`'s `info()` writes lines the same way). Then the Action itself loads: `main.js`
 * and, once the inputs are read, only what they ask for (src/action/main.ts).
 *
 * @module
 */

import { EOL } from 'node:os';
import { VERSION } from '../version.js';

process.stdout.write(`mailgate ${VERSION}${EOL}`);
const { run } = await import('./main.js');
await run();
