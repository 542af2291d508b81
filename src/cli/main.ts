/**
 * The `mailgate` command line: parses arguments, runs one command, returns the exit code.
 *
 * @module
 */

import { Command, CommanderError } from 'commander';
import { escapeControl } from '../report/escape.js';
import { VERSION } from '../version.js';
import { registerCommands } from './commands/index.js';
import { type CliContext, EXIT, type ExitCode, UsageError } from './context.js';

/**
 * Runs the CLI with `argv` (without the node and script paths) and returns the exit code; never calls
 * `process.exit`, so it can run in-process in tests.
 */
export async function main(
  argv: string[],
  io: Partial<Omit<CliContext, 'exitCode'>> = {},
): Promise<ExitCode> {
  const ctx: CliContext = {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    ...(io.stdin ? { stdin: io.stdin } : {}),
    exitCode: EXIT.OK,
  };
  const program = new Command('mailgate')
    .description('Email-authentication policy analyzer: SPF, DKIM, DMARC, ARC, MTA-STS, TLS-RPT, BIMI')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
    });
  // only the command being run is loaded (mailgate --version and --help load none)
  await registerCommands(program, ctx, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every other parse problem is a usage error.
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (e instanceof UsageError) {
      // Messages may quote user input or DNS text: control characters are shown, never sent to the terminal.
      // several problems (a policy file's) are one per line, each line escaped on its own
      ctx.stderr.write(
        `${e.message
          .split('\n')
          .map((line) => `mailgate: ${escapeControl(line)}`)
          .join('\n')}\n`,
      );
      return EXIT.USAGE;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    ctx.stderr.write(`mailgate: internal error: ${detail.split('\n').map(escapeControl).join('\n')}\n`);
    return EXIT.USAGE;
  }
  return ctx.exitCode;
}
