/**
 * The list of CLI commands, and how each is loaded. A command's module (with the protocol code it needs) is
 * imported only when that command runs, so `mailgate --version` and `mailgate --help` load none of them: the
 * top-level help lists each command from what this table says about it (the same description the command
 * registers, and the arguments and options marker commander shows; test/cli/lazy.test.ts checks they agree).
 *
 * @module
 */

import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { DESCRIPTIONS } from './descriptions.js';

/** Registers a command on the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** One command: its name, how the top-level help shows it, and how to load its module. */
export interface CommandEntry {
  name: keyof typeof DESCRIPTIONS;
  /** The arguments as commander shows them (`<file>`, `[domain...]`). */
  args: string[];
  /** True when the command has options (the help shows `[options]`). */
  options: boolean;
  /** Imports the module that registers the command fully. */
  load: () => Promise<{ register: RegisterCommand }>;
}

/** Every `mailgate` command, in the order `--help` lists them. Add one entry per command. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'audit', args: ['[domain...]'], options: true, load: () => import('./audit.js') },
  { name: 'diff', args: ['<before>', '<after>'], options: true, load: () => import('./diff.js') },
  { name: 'dmarc', args: ['<domain>'], options: true, load: () => import('./dmarc.js') },
  { name: 'report', args: [], options: false, load: () => import('./report.js') },
  { name: 'rua', args: [], options: false, load: () => import('./rua.js') },
  { name: 'spf', args: ['<domain>'], options: true, load: () => import('./spf.js') },
  { name: 'verify', args: ['<file>'], options: true, load: () => import('./verify.js') },
];

/**
 * The command `argv` runs (its first operand), or the one `mailgate help <command>` asks about; undefined for
 * `--version`, `--help` and no command.
 */
export function commandOf(argv: readonly string[]): string | undefined {
  const operands = argv.filter((a) => !a.startsWith('-'));
  return operands[0] === 'help' ? operands[1] : operands[0];
}

/**
 * Registers the commands: the one `argv` runs fully (its module is imported), the others as entries of the
 * top-level help only.
 */
export async function registerCommands(
  program: Command,
  ctx: CliContext,
  argv: readonly string[],
): Promise<void> {
  const wanted = commandOf(argv);
  for (const entry of COMMANDS) {
    if (entry.name === wanted) {
      (await entry.load()).register(program, ctx);
      continue;
    }
    const stub = program.command(entry.name).description(DESCRIPTIONS[entry.name]);
    for (const a of entry.args) stub.argument(a);
    if (entry.options) stub.option('--options', 'see mailgate help <command>');
    stub.action(() => {
      throw new Error(`the ${entry.name} command was not loaded`);
    });
  }
}
