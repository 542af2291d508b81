/**
 * Entry point of the GitHub Action bundle (`dist/index.js`, built by `npm run package`).
 *
 * @module
 */

import { run } from './main.js';

await run();
