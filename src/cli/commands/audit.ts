/**
 * `mailgate audit <domain...>`: audits domains' sender configuration.
 *
 * @module
 */

import type { Command } from 'commander';
import { auditDomain, type DomainReport, InvalidDomainError } from '../../audit/audit.js';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import { SEVERITY_RANK } from '../../findings/finding.js';
import { renderDomainReports, REPORT_FORMATS } from '../../report/index.js';
import {
  addDnsOptions,
  addOutputOptions,
  type CliContext,
  type DnsCliOptions,
  EXIT,
  type ExitCode,
  emit,
  FAIL_ON,
  type FailOn,
  type OutputCliOptions,
  resolverFromOptions,
  UsageError,
  useColor,
} from '../common.js';

interface AuditCliOptions extends DnsCliOptions, OutputCliOptions {
  selector?: string[];
  failOn: FailOn;
  dmarcMode: '9989' | '7489';
}

/**
 * The exit code for a set of reports: 1 when a finding not caused by DNS trouble is at or above `failOn`,
 * else 3 when DNS trouble left something undecided, else 0.
 */
export function auditExitCode(reports: readonly DomainReport[], failOn: FailOn): ExitCode {
  const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : SEVERITY_RANK[failOn];
  const findings = reports.flatMap((r) => r.findings);
  if (findings.some((f) => !isDnsTrouble(f) && SEVERITY_RANK[f.severity] >= threshold)) return EXIT.FAIL;
  if (reports.some((r) => r.summary.dnsTrouble)) return EXIT.DNS;
  return EXIT.OK;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('audit')
    .description("audit domains' sender configuration: SPF, DMARC, DKIM keys")
    .argument('<domain...>', 'domains to audit')
    .option('-s, --selector <selector>', 'DKIM selector to check (repeatable; default: probe common selectors)', collect)
    .option('--fail-on <level>', `exit 1 when a finding is at this level or above (${FAIL_ON.join('|')})`, 'error')
    .option('--dmarc-mode <mode>', 'DMARC rules: 9989 (RFC 9989) or 7489 (RFC 7489)', '9989');
  addOutputOptions(cmd, REPORT_FORMATS);
  addDnsOptions(cmd);
  cmd.action(async (domains: string[], opts: AuditCliOptions) => {
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn))
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    if (opts.dmarcMode !== '9989' && opts.dmarcMode !== '7489')
      throw new UsageError('--dmarc-mode must be 9989 or 7489');
    const resolver = await resolverFromOptions(opts);
    const reports: DomainReport[] = [];
    for (const domain of domains) {
      try {
        reports.push(
          await auditDomain(domain, {
            resolver,
            dmarcMode: opts.dmarcMode,
            ...(opts.selector ? { selectors: opts.selector } : {}),
          }),
        );
      } catch (e) {
        if (e instanceof InvalidDomainError) throw new UsageError(e.message);
        throw e;
      }
    }
    await emit(ctx, opts, renderDomainReports(reports, opts.format, { color: useColor(ctx, opts) }));
    ctx.exitCode = auditExitCode(reports, opts.failOn);
  });
}
