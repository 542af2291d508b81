/**
 * `mailgate spf <domain> --ip IP [--sender ADDR] [--helo NAME]`: the check_host() verdict for a client, with
 * the explanation of what decided it. `mailgate spf <domain>` (no `--ip`): the include/redirect tree with its
 * lookup costs, the authorized networks, the findings and (with `--budget`, or over the limit) a flattening
 * suggestion.
 *
 * @module
 */

import type { Command } from 'commander';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import { normalizeName } from '../../dns/resolver.js';
import { type Finding, SEVERITY_RANK, sortFindings } from '../../findings/finding.js';
import { escapeControl } from '../../report/escape.js';
import { countsLine } from '../../report/text.js';
import { analyzeSpf, type SpfAnalysis, type SpfTreeNode } from '../../spf/analyze.js';
import { checkHost, type SpfResult } from '../../spf/check-host.js';
import { explainSpf } from '../../spf/explain.js';
import { parseClientIp } from '../../spf/ip.js';
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

interface SpfCliOptions extends DnsCliOptions, OutputCliOptions {
  ip?: string;
  sender?: string;
  helo?: string;
  budget?: number;
  failOn: FailOn;
}

/** The output formats of the command. */
export const SPF_FORMATS = ['text', 'json'];

/** Verdict mode: 0 for pass, 3 for temperror (DNS trouble), 1 for every other result. */
export function spfVerdictExitCode(result: SpfResult): ExitCode {
  if (result.result === 'pass') return EXIT.OK;
  if (result.result === 'temperror') return EXIT.DNS;
  return EXIT.FAIL;
}

/** Analysis mode: 1 for a finding (not DNS trouble) at or above `failOn`; else 3 for DNS trouble; else 0. */
export function spfAnalysisExitCode(a: SpfAnalysis, failOn: FailOn): ExitCode {
  const threshold = failOn === 'never' ? Number.POSITIVE_INFINITY : SEVERITY_RANK[failOn];
  if (a.findings.some((f) => !isDnsTrouble(f) && SEVERITY_RANK[f.severity] >= threshold)) return EXIT.FAIL;
  if (a.findings.some(isDnsTrouble) || a.dnsErrors.length > 0) return EXIT.DNS;
  return EXIT.OK;
}

/**
 * The JSON of verdict mode: the {@link SpfResult} with `explanation` replaced by the sentences of
 * {@link explainSpf}; the domain's own exp= text, when there is one, is in `domainExplanation`.
 */
export function spfVerdictJson(result: SpfResult): Record<string, unknown> {
  const { explanation: exp, ...rest } = result;
  const out: Record<string, unknown> = { ...rest, explanation: explainSpf(result) };
  if (exp !== undefined) out.domainExplanation = exp;
  return out;
}

type Paint = (s: string, code: string) => string;

/** Renders a verdict as text: the result line and the explanation (DNS text escaped). */
export function renderSpfVerdictText(r: SpfResult, options: { color?: boolean } = {}): string {
  const paint: Paint = (s, code) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colors: Record<string, string> = {
    pass: '32',
    fail: '31',
    softfail: '33',
    permerror: '31',
    temperror: '35',
  };
  const lines = [
    `${paint(`SPF ${r.result}`, `1;${colors[r.result] ?? '36'}`)} for ${escapeControl(r.domain)} (client ${escapeControl(r.ip)}, sender ${escapeControl(r.sender)})`,
    escapeControl(explainSpf(r)),
  ];
  return lines.join('\n');
}

/** `1 lookup`, `2 lookups`. */
function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function renderNode(n: SpfTreeNode, indent: string, lines: string[], paint: Paint) {
  const e = escapeControl;
  const status = n.status === 'ok' ? '' : ` [${n.status}${n.detail ? `: ${e(n.detail)}` : ''}]`;
  const via = n.viaTerm ? `${e(n.viaTerm)} -> ` : '';
  // The cost of the include/redirect term that leads here (the term itself counts 1), as in the findings and
  // the other report formats; the root shows the whole policy.
  const cost =
    n.via === 'root'
      ? `${plural(n.lookups, 'lookup')} in total`
      : `costs ${1 + n.lookups}${n.lookups > 0 ? `: 1 + ${n.lookups} below` : ''}`;
  lines.push(
    `${indent}${via}${paint(e(n.domain), '1')}  (${cost}${n.subtreeVoidLookups ? `, void ${n.subtreeVoidLookups}` : ''})${status}`,
  );
  if (n.record) lines.push(`${indent}  ${e(n.record)}`);
  for (const r of n.records ?? []) lines.push(`${indent}  ${e(r)}`);
  for (const t of n.terms) {
    if (t.child !== undefined) {
      const child = n.children[t.child];
      if (child) renderNode(child, `${indent}    `, lines, paint);
      continue;
    }
    const notes: string[] = [];
    if (!t.reached) notes.push('not reached');
    if (t.cost) notes.push(`costs ${t.cost}`);
    if (t.void) notes.push('void');
    else if (t.voidFamilies?.ipv4) notes.push('void for IPv4 clients');
    else if (t.voidFamilies?.ipv6) notes.push('void for IPv6 clients');
    if (t.networks?.length) notes.push(t.networks.join(' '));
    if (t.dnsError) notes.push(`DNS ${t.dnsError}`);
    if (t.macro) notes.push('macro');
    if (t.expanded && t.target) notes.push(`expands to ${t.target}`);
    if (t.notResolved) notes.push('not resolved (analysis limit)');
    if (
      notes.length &&
      (t.cost || t.void || t.voidFamilies || t.networks || t.dnsError || t.notResolved || !t.reached)
    ) {
      lines.push(`${indent}    ${e(t.term)}: ${e(notes.join(', '))}`);
    }
  }
}

/** Renders an analysis as text: tree with costs, networks, findings, flattening suggestion (DNS text escaped). */
export function renderSpfAnalysisText(a: SpfAnalysis, options: { color?: boolean } = {}): string {
  const e = escapeControl;
  const paint: Paint = (s, code) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [paint(`SPF for ${e(a.domain)}`, '1')];
  lines.push(
    `  lookups       ${a.lookups} of ${a.lookupLimit} (worst case)${a.lookups > a.lookupLimit ? paint('  OVER THE LIMIT', '31') : ''}`,
  );
  const v = a.voidLookupsByFamily;
  const over = (n: number) => (n > 2 ? paint('  OVER THE LIMIT', '31') : '');
  lines.push(
    `  void lookups  IPv4 clients ${v.ipv4} of 2${over(v.ipv4)}, IPv6 clients ${v.ipv6} of 2${over(v.ipv6)}`,
  );
  if (a.tree) {
    lines.push('', 'tree:');
    renderNode(a.tree, '  ', lines, paint);
  }
  lines.push(
    '',
    `authorized networks: ${a.networks.ipv4Addresses} IPv4 addresses${a.networks.ipv6AddressCount !== '0' ? `, ${a.networks.ipv6AddressCount} IPv6 addresses` : ''}${a.networks.exact || a.tree?.status !== 'ok' ? '' : ` (not exact: ${a.networks.limitExceeded ? e(a.networks.limitExceeded) : 'some terms depend on each message or on DNS that failed'})`}`,
  );
  for (const b of a.networks.blocks) lines.push(`  ${b.cidr.padEnd(44)}${b.addresses}`);
  for (const n of a.networks.notFlattenable)
    lines.push(`  not flattenable: ${e(n.term)} (${e(n.domain)}: ${e(n.reason)})`);
  const findings = sortFindings(a.findings);
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  lines.push(
    '',
    `findings: ${countsLine({ errors: count('error'), warnings: count('warning'), infos: count('info') })}`,
  );
  const color = { error: '31', warning: '33', info: '36' } as const;
  for (const f of findings) {
    lines.push(
      `  ${paint(f.severity.padEnd(8), color[f.severity])}${f.id}  ${e(f.message)}${f.rfc ? ` [${f.rfc}]` : ''}`,
    );
  }
  if (a.flatten) {
    const f = a.flatten;
    if (f.refused) {
      lines.push('', `flattening suggestion: none. ${e(f.refused)}`);
      return lines.join('\n');
    }
    lines.push(
      '',
      `flattening suggestion: ${plural(f.lookups, 'lookup')} (budget ${f.budget}${f.fitsBudget ? '' : ', does NOT fit'})`,
    );
    for (const r of f.records)
      lines.push(`  ${e(r.name)}  TXT ${r.strings.map((s) => `"${e(s)}"`).join(' ')}`);
    lines.push(`  warning: ${e(f.warning)}`);
  }
  return lines.join('\n');
}

function positiveInt(name: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) <= 0)
      throw new UsageError(`${name} must be a positive integer`);
    return Number(value);
  };
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
      positiveInt('--budget'),
    )
    .option(
      '--fail-on <level>',
      `analysis: exit 1 when a finding is at this level or above (${FAIL_ON.join('|')})`,
      'error',
    );
  addOutputOptions(cmd, SPF_FORMATS);
  addDnsOptions(cmd);
  cmd.action(async (domain: string, opts: SpfCliOptions) => {
    if (!(FAIL_ON as readonly string[]).includes(opts.failOn)) {
      throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
    }
    if (normalizeName(domain) === null) throw new UsageError(`not a valid domain name: '${domain}'`);
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
      ctx.exitCode = spfVerdictExitCode(result);
      return;
    }
    const analysis = await analyzeSpf(domain, {
      resolver,
      zones: resolver.zones,
      ...(opts.budget !== undefined ? { budget: opts.budget } : {}),
    });
    const text =
      opts.format === 'json'
        ? JSON.stringify({ ...analysis, findings: sortFindings(analysis.findings) }, null, 2)
        : renderSpfAnalysisText(analysis, { color: useColor(ctx, opts) });
    await emit(ctx, opts, text);
    ctx.exitCode = spfAnalysisExitCode(analysis, opts.failOn);
  });
}
