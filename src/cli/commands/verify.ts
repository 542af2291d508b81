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

import { open, stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { outcomeAt } from '../../audit/dns-trouble.js';
import { formatAuthservId } from '../../message/auth-results.js';
import {
  type MessageInput,
  MessageInputError,
  type MessageReport,
  verifyMessage,
} from '../../message/verify.js';
import { renderMessageReportText } from '../../report/message.js';
import {
  addCommandOptions,
  type CliContext,
  type CommandCliOptions,
  type ExitCode,
  emit,
  exitCodeOf,
  positiveInt,
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

interface VerifyCliOptions extends CommandCliOptions {
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
  bulk?: boolean;
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
 * chain with a sealer among `--trusted-arc-sealer` that recorded `dmarc=pass` for the message's Author Domain
 * (`header.from`), and no untrusted later hop
 * changed what it signed (RFC 8617 §7.2, the local policy override "trusted_forwarder"; see `arcOverride`):
 * the receiver would deliver it (disposition none), so forwarded list mail such as
 * samples/messages/forwarded-arc.eml with `--trusted-arc-sealer forwarder.test` exits 0 although its DMARC
 * result is fail. The override is reported (`message.dmarc-arc-override`, info). A permerror is never
 * overridden.
 */
export function verifyExitCode(r: MessageReport, failOn: VerifyFailOn): ExitCode {
  const dmarcFails = (r.dmarc.result === 'fail' && !r.dmarc.arcOverride) || r.dmarc.result === 'permerror';
  const trouble = r.summary.dnsTrouble;
  if (failOn !== 'dmarc' && failOn !== 'dkim') return exitCodeOf(outcomeAt(r.findings, failOn, trouble));
  // `dkim`: also no passing signature fails, unless DNS trouble (a temperror) is why
  const failing =
    dmarcFails || (failOn === 'dkim' && !r.dkim.some((s) => s.result === 'pass' || s.result === 'temperror'));
  return exitCodeOf(failing ? 'fail' : trouble ? 'undetermined' : 'pass');
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Bytes read from a message file at a time (one chunk). */
export const READ_CHUNK_BYTES = 64 * 1024;

/**
 * Reads a file (also a FIFO or a character device) one chunk of {@link READ_CHUNK_BYTES} at a time, only when
 * the consumer asks for the next chunk: nothing is read ahead, so a consumer that stops at a size limit has read
 * at most the limit plus one chunk.
 */
export async function* readFileChunks(path: string, chunkBytes = READ_CHUNK_BYTES): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkBytes);
      const { bytesRead } = await handle.read(buf, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield bytesRead === chunkBytes ? buf : buf.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Opens the message: `-` is standard input; a regular file, a FIFO (e.g. `<(cat file.eml)`, which is
 * `/dev/fd/N`) or a character device is streamed chunk by chunk ({@link readFileChunks}), so `--max-size` is
 * enforced as it is read: a larger file is refused having read at most the limit plus one chunk.
 *
 * @throws {@link UsageError} for a directory or another kind of file, or when the path cannot be read.
 */
async function openInput(file: string, ctx: CliContext): Promise<MessageInput> {
  if (file === '-') return ctx.stdin ?? process.stdin;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new UsageError(`${file} is a directory, not a message`);
    if (!st.isFile() && !st.isFIFO() && !st.isCharacterDevice())
      throw new UsageError(`${file} is not a file, a pipe or a character device`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return readFileChunks(file);
}

/** The one-line usage error for a message input error, naming the CLI's option rather than the library's. */
function inputErrorMessage(where: string, e: MessageInputError): string {
  if (e.code === 'EMESSAGETOOLARGE')
    return `${where}: the message is larger than --max-size (${e.limit} bytes); give a larger --max-size to verify it`;
  if (e.code === 'EHEADERTOOLARGE')
    return `${where}: the header section is larger than ${e.limit} bytes (the limit for a header section): the empty line that ends it does not come within that size`;
  return `${where}: ${e.message}`;
}

/** Text after the options in `mailgate verify --help`: exit codes, the ARC override rule, --trust-received. */
export const VERIFY_HELP_AFTER = `
Exit codes:
  0  the verdict passes at the --fail-on level
  1  it fails: with --fail-on dmarc (default), DMARC fail or permerror
  3  DNS trouble (timeouts, server failures) left part of the verdict undecided
  2  usage error

ARC override: a DMARC fail does not make verify exit 1 when a passing ARC chain was sealed
by a --trusted-arc-sealer domain that recorded dmarc=pass for the message's From domain
(header.from), and every later sealer is trusted too or left what it signed unchanged (RFC 8617 local override "trusted_forwarder"): forwarded
mail that DMARC fails can exit 0. The report says so (message.dmarc-arc-override), and the
bulk-sender checks then describe the forwarded copy and raise no findings.

Bulk mail: the bulk-sender requirements (Gmail/Yahoo 2024: message.bulk-* findings) and
dkim.not-oversigned apply to mail that looks bulk (a List-Unsubscribe, List-Unsubscribe-Post
or List-Id field, or Precedence: bulk or list); --bulk applies them to any message, --no-bulk
to none. A one-to-one message gets no bulk findings.

--trust-received: Received fields whose client IP is private, loopback or link-local
(RFC 1918, RFC 4193, 127/8, ::1, 169.254/16, fe80::/10) are taken to be internal relays of
the receiving organisation and skipped for the newest one with a public client IP; the
report names the field used and those skipped, and warns when none is public. The client
IP is the address the receiving server wrote (Postfix/sendmail "(rdns [IP])", Exim "[IP]"
or "([IP] helo=...)", Exchange "(IP)"), never an Exim helo= or ident= value: those are
the client's own words.
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
    .option(
      '--mail-from <address>',
      'MAIL FROM address (for SPF and DMARC; "" for the null sender; without it SPF is not checked)',
    )
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
    .option(
      '--max-size <bytes>',
      'largest message accepted, in bytes (default 64 MiB)',
      positiveInt('--max-size must be a positive number of bytes'),
    )
    .option(
      '--message-timeout <ms>',
      'time limit for the whole verification, in ms (default 30000); what still waits for DNS then is temperror',
      positiveInt('--message-timeout must be a positive number of milliseconds'),
    )
    .option(
      '--bulk',
      'treat the message as bulk mail: bulk-sender findings and dkim.not-oversigned (default: only when it has List-Unsubscribe, List-Id or Precedence: bulk/list)',
    )
    .option('--no-bulk', 'never treat the message as bulk mail (no bulk-sender checks)')
    .option(
      '--fail-on <level>',
      `exit 1 at this level: ${VERIFY_FAIL_ON.join('|')} (dmarc: DMARC fails, unless a trusted ARC sealer overrides it; dkim: also no passing signature)`,
      'dmarc',
    );
  addCommandOptions(cmd, VERIFY_FORMATS);
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
    const input = await openInput(file, ctx);
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
        bulk: opts.bulk ?? 'auto',
      });
    } catch (e) {
      if (e instanceof MessageInputError)
        throw new UsageError(inputErrorMessage(file === '-' ? 'standard input' : file, e));
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
