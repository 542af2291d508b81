/**
 * `mailgate dmarc <domain> [--dmarc-mode 9989|7489]`: where a domain's DMARC policy is found, its effective
 * tags, the other mode's answer, and the findings. `--dmarc-mode` is the name every command uses (`audit`,
 * `verify`); `--mode`, its name in 0.1.0, is a hidden deprecated alias that prints a warning.
 *
 * @module
 */

import { type Command, Option } from 'commander';
import { outcomeAt } from '../../audit/dns-trouble.js';
import { auditDmarc } from '../../dmarc/index.js';
import { FAIL_ON, type FailOn } from '../../findings/finding.js';
import { dmarcJson, renderDmarcText } from '../../report/dmarc.js';
import {
  addCommandOptions,
  type CliContext,
  type CommandCliOptions,
  domainArgument,
  emit,
  exitCodeOf,
  resolverFromOptions,
  UsageError,
  useColor,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';

interface DmarcCliOptions extends CommandCliOptions {
  dmarcMode: string;
  /** The deprecated alias of `dmarcMode`. */
  mode?: string;
  failOn: FailOn;
}

/** The output formats of the command. */
export const DMARC_FORMATS = ['text', 'json'];

/**
 * Registers `mailgate dmarc` (options: `--dmarc-mode` (deprecated alias `--mode`), `--fail-on`, the output and
 * DNS options of every command).
 */
export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('dmarc')
    .description(DESCRIPTIONS.dmarc)
    .argument('<domain>', 'the domain (an Author Domain)')
    .option(
      '--dmarc-mode <mode>',
      'DMARC rules: 9989 (RFC 9989 DNS Tree Walk) or 7489 (RFC 7489, Public Suffix List)',
      '9989',
    )
    .addOption(new Option('--mode <mode>', 'deprecated: use --dmarc-mode').hideHelp())
    .option(
      '--fail-on <level>',
      `exit 1 when a finding is at this level or above (${FAIL_ON.join('|')})`,
      'error',
    );
  addCommandOptions(cmd, DMARC_FORMATS);
  cmd.action(async (given: string, opts: DmarcCliOptions) => {
    let mode = opts.dmarcMode;
    if (opts.mode !== undefined) {
      if (cmd.getOptionValueSource('dmarcMode') === 'cli' && opts.mode !== opts.dmarcMode)
        throw new UsageError('give --dmarc-mode only (--mode is its deprecated alias)');
      ctx.stderr.write(
        'mailgate: warning: --mode is deprecated; use --dmarc-mode (as audit and verify do)\n',
      );
      mode = opts.mode;
    }
    const flag = opts.mode !== undefined ? '--mode' : '--dmarc-mode';
    if (mode !== '9989' && mode !== '7489') throw new UsageError(`${flag} must be 9989 or 7489`);
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) {
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    }
    const domain = domainArgument(given);
    const resolver = await resolverFromOptions(opts, ctx);
    const audit = await auditDmarc(domain, { resolver, mode });
    const text =
      opts.format === 'json'
        ? JSON.stringify(dmarcJson(audit), null, 2)
        : renderDmarcText(audit, { color: useColor(ctx, opts) });
    await emit(ctx, opts, text);
    // 1 for a finding (not DNS trouble) at or above --fail-on; else 3 for DNS trouble; else 0.
    ctx.exitCode = exitCodeOf(outcomeAt(audit.findings, opts.failOn));
  });
}
