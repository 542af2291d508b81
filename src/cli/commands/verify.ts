/**
 * `mailgate verify <file.eml|->`: verifies a message: each DKIM signature on one line, then SPF, DMARC, ARC,
 * the explanation, the findings and the Authentication-Results header field; `--format json` prints the
 * {@link MessageReport}.
 *
 * Exit codes ({@link verifyExitCode}): 0 pass, 1 failing at the `--fail-on` level (default: DMARC fail or
 * permerror), 3 DNS trouble, 2 usage error. A DMARC fail overridden for a passing ARC chain from a
 * `--trusted-arc-sealer` does not fail: forwarded mail can exit 0 although DMARC fails (the override is a
 * `message.dmarc-arc-override` finding, and the help text says so).
 *
 * @module
 */

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { isDnsTrouble } from '../../audit/dns-trouble.js';
import type { DkimSignatureResult } from '../../dkim/verify.js';
import { SEVERITY_RANK } from '../../findings/finding.js';
import { formatAuthservId } from '../../message/auth-results.js';
import {
  type MessageInput,
  MessageInputError,
  type MessageReport,
  verifyMessage,
} from '../../message/verify.js';
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
  type OutputCliOptions,
  resolverFromOptions,
  UsageError,
  useColor,
} from '../common.js';
import { DESCRIPTIONS } from './descriptions.js';

/** `--fail-on` levels of `verify`: a DMARC failure, no passing DKIM signature, or a finding at a severity. */
export const VERIFY_FAIL_ON = ['dmarc', 'dkim', 'error', 'warning', 'never'] as const;
/** `verify --fail-on`: `dmarc` (default: DMARC fail or permerror), `dkim`, a finding severity, or `never`. */
export type VerifyFailOn = (typeof VERIFY_FAIL_ON)[number];

/** The output formats of the command. */
export const VERIFY_FORMATS = ['text', 'json'];

interface VerifyCliOptions extends DnsCliOptions, OutputCliOptions {
  ip?: string;
  helo?: string;
  mailFrom?: string;
  authservId?: string;
  trustReceived?: boolean;
  dmarcMode: string;
  trustedArcSealer?: string[];
  strict: boolean;
  maxSize?: number;
  messageTimeout?: number;
  failOn: string;
}

/**
 * The exit code for a report:
 * - 1 when the verdict is at the failing level: `dmarc` (default): DMARC fail or permerror; `dkim`: that, or no
 *   DKIM signature passes (a temperror counts as DNS trouble, not as a failure); `error`/`warning`: a finding at
 *   that severity or above (DNS trouble excepted);
 * - else 3 when DNS trouble (temperror, timeouts) left part of the verdict undecided;
 * - else 0.
 *
 * The ARC override rule: a DMARC `fail` does not count as failing when the message carries a passing ARC
 * chain with a sealer among `--trusted-arc-sealer` that recorded `dmarc=pass`, and no untrusted later hop
 * changed what it signed (RFC 8617 §7.2, the local policy override "trusted_forwarder"; see `arcOverride`):
 * the receiver would deliver it (disposition none), so forwarded list mail such as
 * samples/messages/forwarded-arc.eml with `--trusted-arc-sealer forwarder.test` exits 0 although its DMARC
 * result is fail. The override is reported (`message.dmarc-arc-override`, info). A permerror is never
 * overridden.
 */
export function verifyExitCode(r: MessageReport, failOn: VerifyFailOn): ExitCode {
  const dmarcFails = (r.dmarc.result === 'fail' && !r.dmarc.arcOverride) || r.dmarc.result === 'permerror';
  let failing = false;
  if (failOn === 'dmarc') failing = dmarcFails;
  else if (failOn === 'dkim') {
    // no passing signature fails, unless DNS trouble (a temperror) is why
    failing = dmarcFails || !r.dkim.some((s) => s.result === 'pass' || s.result === 'temperror');
  } else if (failOn !== 'never') {
    const threshold = SEVERITY_RANK[failOn];
    failing = r.findings.some((f) => !isDnsTrouble(f) && SEVERITY_RANK[f.severity] >= threshold);
  }
  if (failing) return EXIT.FAIL;
  if (r.summary.dnsTrouble) return EXIT.DNS;
  return EXIT.OK;
}

type Paint = (s: string, code: string) => string;
const RESULT_COLOR: Record<string, string> = {
  pass: '32',
  fail: '31',
  softfail: '33',
  neutral: '33',
  policy: '31',
  permerror: '31',
  temperror: '35',
  none: '36',
};

function signatureLine(s: DkimSignatureResult, paint: Paint): string {
  const e = escapeControl;
  const key = s.key?.keyType ? ` ${s.key.keyType}${s.key.bits ? `-${s.key.bits}` : ''}` : '';
  const parts = [
    paint(s.result.padEnd(9), RESULT_COLOR[s.result] ?? '36'),
    `d=${e(s.d ?? '?')}`,
    `s=${e(s.s ?? '?')}`,
    `a=${e(s.a ?? '?')}${key}`,
    `c=${e(s.c)}`,
  ];
  if (s.bodyLength) parts.push(`l=${s.bodyLength.limit}`);
  if (s.reason) parts.push(`- ${e(s.reason)}`);
  return `  ${parts.join(' ')}`;
}

/** Renders a report as text (message and DNS text escaped). */
export function renderMessageReportText(r: MessageReport, options: { color?: boolean } = {}): string {
  const e = escapeControl;
  const paint: Paint = (s, code) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const res = (x: string) => paint(x.padEnd(9), RESULT_COLOR[x] ?? '36');
  const lines: string[] = [];
  const m = r.message;
  lines.push(
    paint(`Message${m.subject !== undefined ? `: ${e(m.subject)}` : ''}`, '1'),
    // the From value is untrusted text that may itself hold ';' or ',' (a group): it gets a line of its own
    `  from ${m.from.length ? m.from.map(e).join(' | ') : '(none)'}`,
    `  size ${m.bytes} bytes, ${m.lineEndings.toUpperCase()} line endings${m.hasSeparator ? '' : ', no header/body separator'}`,
  );
  const env = r.envelope;
  lines.push(
    env.source === 'none'
      ? '  envelope: none given'
      : `  envelope: ip ${e(env.ip ?? '-')}, helo ${e(env.helo ?? '-')}, mail from ${env.mailFrom === undefined ? '-' : `<${e(env.mailFrom)}>`} (${env.source === 'options' ? 'from the options' : env.source === 'received' ? 'from the Received fields' : 'options and Received fields'})`,
  );
  lines.push('', paint(`DKIM (${r.dkim.length} signature${r.dkim.length === 1 ? '' : 's'})`, '1'));
  if (r.dkim.length === 0) lines.push('  none');
  for (const s of r.dkim) lines.push(signatureLine(s, paint));
  const spf = r.spf;
  lines.push(
    '',
    `${paint('SPF  ', '1')}  ${res(spf.result)}${spf.domain ? ` ${e(spf.domain)} (${spf.identity})` : ''}${spf.reason ? ` - ${spf.skipped ? 'not checked: ' : ''}${e(spf.reason)}` : ''}`,
  );
  const d = r.dmarc;
  const dmarcBits = [
    d.authorDomain ? e(d.authorDomain) : undefined,
    d.policy ? `policy ${d.policy}` : undefined,
    d.result === 'fail' ? `disposition ${d.disposition}` : undefined,
    d.alignedBy.length ? `aligned by ${d.alignedBy.join(', ')}` : undefined,
    d.arcOverride ? `override by trusted ARC sealer ${e(d.arcOverride.sealer)}: disposition none` : undefined,
  ].filter((x) => x);
  lines.push(`${paint('DMARC', '1')}  ${res(d.result)} ${dmarcBits.join(', ')}`);
  const a = r.arc;
  lines.push(
    `${paint('ARC  ', '1')}  ${res(a.result)}${a.result === 'none' ? '' : ` i=${a.instance}, sealed by ${a.sealers.map(e).join(' > ') || '?'}`}${a.reason ? ` - ${e(a.reason)}` : ''}`,
  );
  lines.push('', paint('Explanation', '1'));
  for (const x of r.explanation) lines.push(`  - ${e(x)}`);
  const s = r.summary;
  lines.push('', paint(`Findings: ${countsLine(s)}`, '1'));
  const color = { error: '31', warning: '33', info: '36' } as const;
  for (const f of r.findings) {
    lines.push(
      `  ${paint(f.severity.padEnd(8), color[f.severity])}${f.id}  ${e(f.message)}${f.rfc ? ` [${f.rfc}]` : ''}`,
    );
  }
  if (r.bulkSender) {
    lines.push('', paint(`Bulk-sender readiness: ${r.bulkSender.ready ? 'ready' : 'not ready'}`, '1'));
    if (r.bulkSender.forwardedNote) lines.push(`  ${e(r.bulkSender.forwardedNote)}`);
    for (const c of r.bulkSender.checks)
      lines.push(`  ${c.ok ? 'ok  ' : 'MISS'}  ${c.id.padEnd(23)} ${e(c.detail)}`);
  }
  lines.push('', paint('Authentication-Results', '1'));
  // folded lines start with a tab; shown as spaces (also valid folding whitespace)
  lines.push(
    ...r.authenticationResults.header
      .replace(/\r\n$/, '')
      .split('\r\n')
      .map((l) => e(l.replace(/^\t/, '    '))),
  );
  return lines.join('\n');
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    throw new UsageError('--max-size must be a positive number of bytes');
  return Number(value);
}

function timeoutMs(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) <= 0)
    throw new UsageError('--message-timeout must be a positive number of milliseconds');
  return Number(value);
}

/**
 * Opens the message: `-` is standard input; a regular file, a FIFO (e.g. `<(cat file.eml)`, which is
 * `/dev/fd/N`) or a character device is streamed, so `--max-size` is enforced as it is read.
 *
 * @throws {@link UsageError} for a directory or another kind of file, or when the path cannot be read.
 */
async function openInput(file: string): Promise<MessageInput> {
  if (file === '-') return process.stdin;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new UsageError(`${file} is a directory, not a message`);
    if (!st.isFile() && !st.isFIFO() && !st.isCharacterDevice())
      throw new UsageError(`${file} is not a file, a pipe or a character device`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return createReadStream(file);
}

/** Text after the options in `mailgate verify --help`: exit codes, the ARC override rule, --trust-received. */
export const VERIFY_HELP_AFTER = `
Exit codes:
  0  the verdict passes at the --fail-on level
  1  it fails: with --fail-on dmarc (default), DMARC fail or permerror
  3  DNS trouble (timeouts, server failures) left part of the verdict undecided
  2  usage error

ARC override: a DMARC fail does not make verify exit 1 when a passing ARC chain was sealed
by a --trusted-arc-sealer domain that recorded dmarc=pass, and every later sealer is trusted
too or left what it signed unchanged (RFC 8617 local override "trusted_forwarder"): forwarded
mail that DMARC fails can exit 0. The report says so (message.dmarc-arc-override), and the
bulk-sender checks then describe the forwarded copy and raise no findings.

--trust-received: Received fields whose client IP is private, loopback or link-local
(RFC 1918, RFC 4193, 127/8, ::1, 169.254/16, fe80::/10) are taken to be internal relays of
the receiving organisation and skipped for the newest one with a public client IP; the
report names the field used and those skipped, and warns when none is public.
`;

/**
 * Registers `mailgate verify`. Exit codes as {@link verifyExitCode}, including the ARC override rule (a DMARC
 * fail overridden for a trusted ARC sealer exits 0), which `--help` prints ({@link VERIFY_HELP_AFTER}).
 */
export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('verify')
    .description(DESCRIPTIONS.verify)
    .argument('<file>', 'the message (.eml, CRLF or LF line endings), or - for standard input')
    .option('--ip <address>', 'SMTP client IP address (for SPF)')
    .option('--helo <name>', 'HELO/EHLO name (for SPF)')
    .option('--mail-from <address>', 'MAIL FROM address (for SPF and DMARC; "" for the null sender)')
    .option(
      '--trust-received',
      'take the envelope not given from the newest Received field with a public client IP, and Return-Path',
    )
    .option('--authserv-id <id>', 'authserv-id of the Authentication-Results field (default: this host name)')
    .option('--dmarc-mode <mode>', 'DMARC rules: 9989 (RFC 9989) or 7489 (RFC 7489)', '9989')
    .option(
      '--trusted-arc-sealer <domain>',
      'ARC sealer whose passing chain may override DMARC (repeatable)',
      collect,
    )
    .option('--no-strict', 'only warn about rsa-sha1 and RSA keys under 1024 bits (RFC 8301)')
    .option('--max-size <bytes>', 'largest message accepted, in bytes (default 64 MiB)', positiveInt)
    .option(
      '--message-timeout <ms>',
      'time limit for the whole verification, in ms (default 30000); what still waits for DNS then is temperror',
      timeoutMs,
    )
    .option(
      '--fail-on <level>',
      `exit 1 at this level: ${VERIFY_FAIL_ON.join('|')} (dmarc: DMARC fails, unless a trusted ARC sealer overrides it; dkim: also no passing signature)`,
      'dmarc',
    );
  addOutputOptions(cmd, VERIFY_FORMATS);
  addDnsOptions(cmd);
  cmd.addHelpText('after', VERIFY_HELP_AFTER);
  cmd.action(async (file: string, opts: VerifyCliOptions) => {
    if (!(VERIFY_FAIL_ON as readonly string[]).includes(opts.failOn)) {
      throw new UsageError(`--fail-on must be one of ${VERIFY_FAIL_ON.join(', ')}`);
    }
    if (opts.dmarcMode !== '9989' && opts.dmarcMode !== '7489')
      throw new UsageError('--dmarc-mode must be 9989 or 7489');
    if (opts.ip !== undefined && !isIP(opts.ip)) throw new UsageError(`--ip ${opts.ip} is not an IP address`);
    const resolver = await resolverFromOptions(opts, ctx);
    if (opts.authservId !== undefined) {
      try {
        formatAuthservId(opts.authservId);
      } catch (e) {
        throw new UsageError(`--authserv-id: ${(e as Error).message}`);
      }
    }
    const input = await openInput(file);
    let report: MessageReport;
    try {
      report = await verifyMessage(input, {
        resolver,
        dmarcMode: opts.dmarcMode,
        strict: opts.strict,
        ...(opts.ip !== undefined ? { ip: opts.ip } : {}),
        ...(opts.helo !== undefined ? { helo: opts.helo } : {}),
        ...(opts.mailFrom !== undefined ? { mailFrom: opts.mailFrom } : {}),
        ...(opts.authservId !== undefined ? { authservId: opts.authservId } : {}),
        ...(opts.trustReceived ? { trustReceived: true } : {}),
        ...(opts.trustedArcSealer ? { trustedArcSealers: opts.trustedArcSealer } : {}),
        ...(opts.maxSize !== undefined ? { maxMessageBytes: opts.maxSize } : {}),
        ...(opts.messageTimeout !== undefined ? { timeoutMs: opts.messageTimeout } : {}),
      });
    } catch (e) {
      if (e instanceof MessageInputError)
        throw new UsageError(`${file === '-' ? 'standard input' : file}: ${e.message}`);
      const code = (e as NodeJS.ErrnoException).code;
      if (code) throw new UsageError(`cannot read ${file} (${code})`);
      throw e;
    }
    const text =
      opts.format === 'json'
        ? JSON.stringify(report, null, 2)
        : renderMessageReportText(report, { color: useColor(ctx, opts) });
    await emit(ctx, opts, text);
    ctx.exitCode = verifyExitCode(report, opts.failOn as VerifyFailOn);
  });
}
