#!/usr/bin/env node
// The `mailgate` executable. Checks the Node.js version before loading anything that needs Node >= 22.19
// (mailauth 7), so an old runtime gets one clear line instead of a stack trace.

import { isSupportedNode, REQUIRED_NODE_VERSION } from '../node-version.js';

if (!isSupportedNode(process.versions.node)) {
  process.stderr.write(
    `mailgate: Node.js ${REQUIRED_NODE_VERSION} is required (this is ${process.versions.node})\n`,
  );
  process.exitCode = 2;
} else {
  // A reader that goes away (`mailgate ... | head -1`) is not an error: stop quietly, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    // what commander prints for --version, without loading the CLI
    const { VERSION } = await import('../version.js');
    process.stdout.write(`${VERSION}\n`);
  } else {
    const { main } = await import('./main.js');
    process.exitCode = await main(args);
  }
}
