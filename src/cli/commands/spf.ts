/**
 * `mailgate spf <domain> --ip IP [--sender ADDR] [--helo NAME]`: the check_host() verdict for a client, with
 * the explanation of what decided it. `mailgate spf <domain>` (no `--ip`): the include/redirect tree with its
 * lookup costs, the authorized networks, the findings and (with `--budget`, or over the limit) a flattening
 * suggestion.
 *
 * @module
 */

import type { Command } from 'commander';
import { isDnsTrouble, outcomeAt } from '../../audit/dns-trouble.js';
import { FAIL_ON, type FailOn } from '../../findings/finding.js';
import {
  renderSpfAnalysisText,
  renderSpfVerdictText,
  spfAnalysisJson,
  spfVerdictJson,
} from '../../report/spf.js';
import { auditSpf, checkHost, parseClientIp, type SpfAudit } from '../../spf/index.js';
import {
  addCommandOptions,
  type CliContext,
  type CommandCliOptions,
  domainArgument,
  type ExitCode,
  emit,
  exitCodeOf,
  positiveInt,
  resolverFromOptions,
  UsageError,
  useColor,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';

interface SpfCliOptions extends CommandCliOptions {
  ip?: string;
  sender?: string;
  helo?: string;
  budget?: number;
  failOn: FailOn;
}

/** The output formats of the command. */
export const SPF_FORMATS = ['text', 'json'];

/** Analysis mode: 1 for a finding (not DNS trouble) at or above `failOn`; else 3 for DNS trouble; else 0. */
export function spfAnalysisExitCode(a: SpfAudit, failOn: FailOn): ExitCode {
  return exitCodeOf(outcomeAt(a.findings, failOn, a.findings.some(isDnsTrouble) || a.dnsErrors.length > 0));
}

/** Registers `mailgate spf` (options: `--ip`, `--sender`, `--helo`, `--budget`, `--fail-on`, output and DNS options). */
export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('spf')
    .description(DESCRIPTIONS.spf)
    .argument('<domain>', 'the domain whose SPF policy is checked')
    .option(
      '--ip <address>',
      'client IP address: give the check_host() verdict for it (exit 0 only for pass)',
    )
    .option('--sender <address>', 'MAIL FROM address for macros (default postmaster@<domain>)')
    .option('--helo <name>', 'HELO/EHLO name for macros (default <domain>)')
    .option(
      '--budget <n>',
      'lookup budget for the flattening suggestion (analysis mode)',
      positiveInt('--budget must be a positive integer'),
    )
    .option(
      '--fail-on <level>',
      `analysis: exit 1 when a finding is at this level or above (${FAIL_ON.join('|')})`,
      'error',
    );
  addCommandOptions(cmd, SPF_FORMATS);
  cmd.action(async (given: string, opts: SpfCliOptions) => {
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) {
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    }
    const domain = domainArgument(given);
    if (opts.ip !== undefined && parseClientIp(opts.ip) === null)
      throw new UsageError(`not an IP address: '${opts.ip}'`);
    const resolver = await resolverFromOptions(opts, ctx);
    if (opts.ip !== undefined) {
      const result = await checkHost(
        { ip: opts.ip, domain, sender: opts.sender ?? `postmaster@${domain}`, helo: opts.helo ?? domain },
        { resolver },
      );
      const text =
        opts.format === 'json'
          ? JSON.stringify(spfVerdictJson(result), null, 2)
          : renderSpfVerdictText(result, { color: useColor(ctx, opts) });
      await emit(ctx, opts, text);
      // 0 for pass, 3 for temperror (DNS trouble), 1 for every other result.
      ctx.exitCode = exitCodeOf(
        result.result === 'pass' ? 'pass' : result.result === 'temperror' ? 'undetermined' : 'fail',
      );
      return;
    }
    const analysis = await auditSpf(domain, {
      resolver,
      zones: resolver.zones,
      ...(opts.budget !== undefined ? { budget: opts.budget } : {}),
    });
    const text =
      opts.format === 'json'
        ? JSON.stringify(spfAnalysisJson(analysis), null, 2)
        : renderSpfAnalysisText(analysis, { color: useColor(ctx, opts) });
    await emit(ctx, opts, text);
    ctx.exitCode = spfAnalysisExitCode(analysis, opts.failOn);
  });
}
