/**
 * `npm run demo`: the main job, offline, on the bundled sample zones and messages.
 * Audits every sample domain, then verifies every sample message, printing the CLI's own output.
 *
 * @module
 */

import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from './main.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const samples = join(root, 'samples');

/** The demo domains, in the order shown, with the DKIM selectors each publishes (none: common ones are probed). */
export const DEMO_DOMAINS: [string, string[]][] = [
  ['mailgate-healthy.example', ['s2026']],
  ['too-many-lookups.example', ['google']],
  ['open-relay.example', ['legacy', 'old']],
  ['broken-spf.example', ['default']],
  ['proton.me', []],
];

/** A path relative to the working directory, so the printed commands can be copied. */
function rel(path: string): string {
  return relative(process.cwd(), path) || '.';
}

async function files(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function run(args: string[]): Promise<number> {
  process.stdout.write(`\n$ mailgate ${args.join(' ')}\n`);
  const code = await main(args);
  process.stdout.write(`(exit code ${code})\n`);
  return code;
}

async function demo(): Promise<void> {
  const zones = await files(join(samples, 'zones'), '.zone');
  const zoneArgs = ['--zone', rel(join(samples, 'zones'))];
  process.stdout.write(`mailgate demo: ${zones.length} sample zone files, offline (no network).\n`);
  for (const [domain, selectors] of DEMO_DOMAINS) {
    await run(['audit', domain, ...selectors.flatMap((s) => ['--selector', s]), '--offline', ...zoneArgs]);
  }
  const messages = await files(join(samples, 'messages'), '.eml').catch(() => []);
  for (const message of messages) {
    // An optional `<message>.args` file beside a message gives its envelope, one CLI argument per line
    // (e.g. `--ip`, `192.0.2.40`, `--mail-from`, `bounce@example`).
    const extra = await readFile(`${message.slice(0, -4)}.args`, 'utf8').then(
      (t) =>
        t
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !l.startsWith('#')),
      () => [] as string[],
    );
    await run(['verify', rel(message), ...extra, '--offline', ...zoneArgs]);
  }
  // The demo itself succeeded even though audits found problems (their exit codes are shown above).
  process.exitCode = 0;
}

await demo();
