/**
 * The list of CLI commands. Each module exports `register(program, ctx)`; add one line here per command.
 *
 * @module
 */

import type { Command } from 'commander';
import type { CliContext } from '../common.js';
import { register as audit } from './audit.js';
import { register as diff } from './diff.js';
import { register as dmarc } from './dmarc.js';
import { register as report } from './report.js';
import { register as rua } from './rua.js';
import { register as spf } from './spf.js';
import { register as verify } from './verify.js';

/** Registers a command on the program. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** Every `mailgate` command, registered in this order (the order `--help` lists them in). */
export const COMMANDS: RegisterCommand[] = [
  audit,
  // (commands added below, one per line)
  diff,
  dmarc,
  report,
  rua,
  spf,
  verify,
];
