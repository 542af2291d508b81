/**
 * `mailgate dmarc <domain> [--mode 9989|7489]`: where a domain's DMARC policy is found, its effective tags,
 * the other mode's answer, and the findings.
 *
 * @module
 */

import type { Command } from 'commander';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import type { DmarcAudit } from '../../dmarc/audit.js';
import { auditDmarc } from '../../dmarc/audit.js';
import { normalizeName } from '../../dns/resolver.js';
import { type Finding, SEVERITY_RANK, sortFindings } from '../../findings/finding.js';
import { escapeControl } from '../../report/escape.js';
import { countsLine } from '../../report/text.js';
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
import { DESCRIPTIONS } from './descriptions.js';

interface DmarcCliOptions extends DnsCliOptions, OutputCliOptions {
  mode: string;
  failOn: FailOn;
}

/** The output formats of the command. */
export const DMARC_FORMATS = ['text', 'json'];

/** Exit 1 for a finding (not DNS trouble) at or above `failOn`; else 3 for DNS trouble; else 0. */
export function dmarcExitCode(audit: DmarcAudit, failOn: FailOn): ExitCode {
  const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : SEVERITY_RANK[failOn];
  if (audit.findings.some((f) => !isDnsTrouble(f) && SEVERITY_RANK[f.severity] >= threshold))
    return EXIT.FAIL;
  if (audit.findings.some(isDnsTrouble)) return EXIT.DNS;
  return EXIT.OK;
}

const SOURCE_TEXT = {
  domain: "the domain's own record",
  organizational: 'inherited from the Organizational Domain',
  psd: 'Public Suffix Domain policy',
} as const;

/** Renders a {@link DmarcAudit} as text; DNS text has its control characters made visible. */
export function renderDmarcText(a: DmarcAudit, options: { color?: boolean } = {}): string {
  const e = escapeControl;
  const paint = (s: string, code: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(16)}${value}`);
  lines.push(paint(`DMARC for ${e(a.domain)} (RFC ${a.mode})`, '1'));
  if (a.record && a.recordName) {
    row('policy record', `${e(a.recordName)} (${a.source ? SOURCE_TEXT[a.source] : ''})`);
    row('record', e(a.record.text));
  } else {
    const why = a.discovery.error
      ? `undecided: DNS ${a.discovery.error.kind} for ${e(a.discovery.error.name)}`
      : a.discovery.noRecordReason === 'multiple-records'
        ? 'none (several records at one name are discarded)'
        : 'none found';
    row('policy record', why);
  }
  if (a.organizationalDomain) {
    row(
      'organizational',
      `${e(a.organizationalDomain)}${a.discovery.organizationalRule ? ` (${a.discovery.organizationalRule})` : ''}`,
    );
  }
  if (a.policy)
    row(
      'policy',
      `${a.policy} (from ${a.policySource}=${
        a.policySource === 'np'
          ? `: ${e(a.domain)} does not exist`
          : a.policySource === 'sp' && a.domainExists === true
            ? `: ${e(a.domain)} exists`
            : ''
      })${a.effective?.testing ? ', t=y: applied one level lower' : ''}`,
    );
  const eff = a.effective;
  if (eff) {
    row(
      'effective tags',
      [
        `p=${eff.p}`,
        `sp=${eff.sp}`,
        a.mode === '9989' ? `np=${eff.np}` : '',
        `adkim=${eff.adkim}`,
        `aspf=${eff.aspf}`,
        a.mode === '9989' ? `psd=${eff.psd}` : '',
        a.mode === '9989' ? `t=${eff.testing ? 'y' : 'n'}` : `pct=${eff.pct}`,
        `fo=${eff.fo.join(':')}`,
      ]
        .filter(Boolean)
        .join(' ') + (eff.policyBasis === 'p-none-fallback' ? ' (no valid p=: acts as p=none)' : ''),
    );
  }
  for (const d of a.reporting) {
    const notes: string[] = [];
    if (d.external !== undefined) notes.push(d.external ? 'external' : 'internal');
    if (d.external) {
      notes.push(
        d.authorized === true
          ? 'authorized'
          : d.authorized === false
            ? 'NOT authorized'
            : 'authorization unknown',
      );
    }
    if (d.mx) notes.push(`MX ${d.mx}`);
    row(d.tag, `${e(d.uri)}${notes.length ? ` (${notes.join(', ')})` : ''}`);
  }
  row('queries', a.discovery.queries.map(e).join(', ') || '(none)');
  const c = a.comparison;
  const same = c.recordName === a.recordName && c.organizationalDomain === a.organizationalDomain;
  // What receivers of the other mode find: a DNS error leaves it undecided (with or without a record).
  const other = c.error
    ? c.recordName
      ? `${e(c.recordName)}, Organizational Domain undecided (DNS ${c.error.kind} for ${e(c.error.name)})`
      : `undecided (DNS ${c.error.kind} for ${e(c.error.name)})`
    : `${c.recordName ? e(c.recordName) : 'no policy'}${c.organizationalDomain ? `, Organizational Domain ${e(c.organizationalDomain)}` : ''}${same ? ' (same)' : ' (differs)'}`;
  row(`RFC ${c.mode} view`, other);
  const findings = sortFindings(a.findings);
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  lines.push('');
  lines.push(
    `findings: ${countsLine({ errors: count('error'), warnings: count('warning'), infos: count('info') })}`,
  );
  const color = { error: '31', warning: '33', info: '36' } as const;
  for (const f of findings) {
    lines.push(
      `  ${paint(f.severity.padEnd(8), color[f.severity])}${f.id}  ${e(f.message)}${f.rfc ? ` [${f.rfc}]` : ''}`,
    );
  }
  return lines.join('\n');
}

/** Registers `mailgate dmarc` (options: `--mode`, `--fail-on`, the output and DNS options of every command). */
export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('dmarc')
    .description(DESCRIPTIONS.dmarc)
    .argument('<domain>', 'the domain (an Author Domain)')
    .option(
      '--mode <mode>',
      'DMARC rules: 9989 (RFC 9989 DNS Tree Walk) or 7489 (RFC 7489, Public Suffix List)',
      '9989',
    )
    .option(
      '--fail-on <level>',
      `exit 1 when a finding is at this level or above (${FAIL_ON.join('|')})`,
      'error',
    );
  addOutputOptions(cmd, DMARC_FORMATS);
  addDnsOptions(cmd);
  cmd.action(async (domain: string, opts: DmarcCliOptions) => {
    if (opts.mode !== '9989' && opts.mode !== '7489') throw new UsageError('--mode must be 9989 or 7489');
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) {
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    }
    if (normalizeName(domain) === null) throw new UsageError(`not a valid domain name: '${domain}'`);
    const resolver = await resolverFromOptions(opts, ctx);
    const audit = await auditDmarc(domain, { resolver, mode: opts.mode });
    const text =
      opts.format === 'json'
        ? JSON.stringify({ ...audit, findings: sortFindings(audit.findings) }, null, 2)
        : renderDmarcText(audit, { color: useColor(ctx, opts) });
    await emit(ctx, opts, text);
    ctx.exitCode = dmarcExitCode(audit, opts.failOn);
  });
}
