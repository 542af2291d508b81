// Runs the CLI in-process with captured output (no child process, no Node version dance).
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { checkCliJson } from './cli-schemas.js';
import { expectValidSarif } from './sarif-schema.js';

export class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/** Runs `mailgate argv...` and returns the exit code and what it wrote. */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(argv, { stdout, stderr, env });
  // spf and dmarc JSON is checked against its published schema, in every test that produces it.
  checkCliJson(argv, stdout.text);
  // Every SARIF log the CLI prints in a test is checked against the SARIF 2.1.0 schema.
  const format = argv.indexOf('--format');
  if (
    format >= 0 &&
    argv[format + 1] === 'sarif' &&
    !argv.includes('-o') &&
    !argv.includes('--output') &&
    stdout.text.trim()
  )
    expectValidSarif(JSON.parse(stdout.text), `mailgate ${argv.join(' ')}`);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
