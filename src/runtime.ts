/**
 * Imported first by the library's entry point (`src/index.ts`): on a Node.js older than 22.19 the import of
 * mailgate fails here, with an `UnsupportedNodeError` naming the required version, before mailauth is
 * loaded (see `src/node-version.ts`).
 *
 * @module
 */

import { assertSupportedNode } from './node-version.js';

assertSupportedNode();
