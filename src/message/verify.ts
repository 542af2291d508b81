/**
 * Verifies one message end to end: every DKIM signature with mailgate's policy, SPF for the envelope, DMARC,
 * the ARC chain, bulk-sender readiness, the sentences saying why, and an RFC 8601 Authentication-Results header
 * field ready to prepend. The message is read once, as a stream.
 *
 * @module
 */

import { hostname } from 'node:os';
import { type ArcResult, arcBodyHashRequests, evaluateArc } from '../arc/index.js';
import {
  DEFAULT_MAX_SIGNATURES,
  type DkimKeyCache,
  type DkimSignatureResult,
  type DkimVerifierPolicy,
  type DkimVerifyOptions,
  verifyDkimMessage,
} from '../dkim/index.js';
import { extractAuthorDomain } from '../dmarc/index.js';
import { Deadline } from '../dns/deadline.js';
import type { Resolver } from '../dns/resolver.js';
import { countBySeverity, type Finding, sortFindings } from '../findings/finding.js';
import { type MessageInput, type MessageLimits, unfold } from '../mail/message-input.js';
import { buildAuthenticationResults, formatAuthservId, type GeneratedHeader } from './auth-results.js';
import {
  type BulkOption,
  type BulkSenderCheck,
  bulkApplies,
  bulkSenderReadiness,
  dropOversignFindings,
} from './bulk-sender.js';
import { arcOverride, checkMessageDmarcNow, type MessageDmarc } from './dmarc.js';
import { envelopeFromHeaders, type SkippedReceived } from './envelope.js';
import { explainMessage } from './explain.js';
import { MESSAGE_FINDINGS as F } from './findings.js';
import { fromGroupName } from './from-syntax.js';
import { type AuthEngine, checkMessageSpf, type MessageSpf } from './spf.js';

export type { MessageInput, MessageLimits } from '../mail/message-input.js';
export {
  MessageInputError,
  MessageTooLargeError,
  startsWithHeaderField,
} from '../mail/message-input.js';

/** The version of the {@link MessageReport} shape. */
export const MESSAGE_REPORT_SCHEMA_VERSION = 2;

/** Options for {@link verifyMessage}. */
export interface VerifyMessageOptions extends MessageLimits {
  /** Where every DNS answer comes from. */
  resolver: Resolver;
  /** The SMTP client IP address (for SPF). */
  ip?: string;
  /** The HELO/EHLO name (for SPF). */
  helo?: string;
  /**
   * The MAIL FROM address (`''` for the null reverse-path). Without it (and not found with `trustReceived`) the
   * MAIL FROM is unknown, which is not the null reverse-path: SPF is not checked (`spf.skipped`).
   */
  mailFrom?: string;
  /**
   * The authserv-id of the Authentication-Results field (RFC 8601 §2.5; default: this host's name, or `localhost`
   * when that name cannot be one). US-ASCII or an IDN (written in A-labels), at most 255 octets; otherwise
   * {@link verifyMessage} throws a TypeError.
   */
  authservId?: string;
  /** `9989` (RFC 9989, default) or `7489` (RFC 7489: PSL Organizational Domains, `pct`). */
  dmarcMode?: '9989' | '7489';
  /**
   * Take the envelope the caller did not give (IP, HELO, MAIL FROM) from the newest Received field with a
   * `from` clause and from Return-Path. Only sensible for messages your own server received. Received fields
   * whose client IP is private, loopback or link-local (RFC 1918, RFC 4193, 127/8, ::1, 169.254/16, fe80::/10)
   * are internal relays of the receiving organisation: they are skipped for the newest field with a public
   * client IP (listed in {@link MessageEnvelope.skippedReceived}); when there is none, the newest is used and a
   * `message.envelope-no-public-hop` warning is raised.
   */
  trustReceived?: boolean;
  /** The verification time for DKIM `t=`/`x=` (default now). */
  now?: Date;
  /**
   * Strict mode (default true): rsa-sha1 signatures and RSA keys under 1024 bits fail (RFC 8301 §3.1, §3.2).
   * `false` downgrades both rules to warnings. `dkimPolicy` overrides either way.
   */
  strict?: boolean;
  /** DKIM policy rules over the defaults (src/dkim/policy.ts). */
  dkimPolicy?: Partial<DkimVerifierPolicy>;
  /** ARC sealers (`d=` of the newest ARC-Seal, or a parent domain) whose passing chain may override a DMARC failure. */
  trustedArcSealers?: string[];
  /**
   * Whether the message is bulk mail, to which the bulk-sender requirements apply (default `'auto'`: when its
   * header has List-Unsubscribe, List-Unsubscribe-Post, List-Id or `Precedence: bulk|list`). Bulk mail gets the
   * readiness findings (`message.bulk-*`) and `dkim.not-oversigned`; other mail gets the checks as data only
   * (`bulkSender.applies` false). `false` leaves the checks out entirely. See `src/message/bulk-sender.ts`.
   * The findings are left out when DMARC was overridden for a trusted ARC sealer (forwarded mail): see
   * {@link BulkSenderSummary.forwardedNote}.
   */
  bulk?: BulkOption;
  /** @deprecated use {@link VerifyMessageOptions.bulk}: `false` is `bulk: false`, `true` is `bulk: true`. */
  bulkSender?: boolean;
  /** SPF and DMARC engines (default mailgate's own). */
  engines?: { spf?: AuthEngine; dmarc?: AuthEngine };
  /** Source of [0,1) numbers for RFC 7489 `pct` sampling (default Math.random). */
  random?: () => number;
  /**
   * One time limit for the whole verification, in ms (integer ≥ 1; default {@link DEFAULT_MESSAGE_TIMEOUT_MS}).
   * When it passes, every DNS answer still awaited is a TIMEOUT: DKIM signatures whose key has not arrived are
   * `temperror`, and so are SPF, DMARC and ARC when they were still waiting for DNS.
   */
  timeoutMs?: number;
  /**
   * Cancels the verification (a request that went away): from then on it ends as when `timeoutMs` passes, every
   * DNS answer still awaited is a TIMEOUT failure, so what was pending is `temperror`. The report is still returned.
   */
  signal?: AbortSignal;
  /**
   * How many DKIM-Signature fields are evaluated (default {@link DEFAULT_MAX_SIGNATURES}: 10), those whose `d=` is
   * the From domain, a parent or a subdomain of it first (RFC 6376 §6.1). The others get the result `policy` and a
   * `dkim.signatures-not-evaluated` finding.
   */
  maxDkimSignatures?: number;
  /**
   * The DKIM key cache (default: the one shared by every verification with this `resolver`; `false` for none
   * beyond this message). Share one {@link DkimKeyCache} to bound keys across a batch explicitly.
   */
  keyCache?: DkimKeyCache | false;
}

/**
 * The default time limit of {@link verifyMessage}: 30,000 ms. Long enough for a key lookup and an SPF
 * evaluation over slow DNS (DNS waits 5,000 ms per try by default, and SPF evaluations here run within it); short
 * enough that a message naming unresponsive servers cannot hold a verifier for minutes.
 */
export const DEFAULT_MESSAGE_TIMEOUT_MS = 30_000;

/** Where the envelope came from. */
export interface MessageEnvelope {
  /** The SMTP client IP address used for SPF. */
  ip?: string;
  /** The HELO/EHLO name used. */
  helo?: string;
  /** The MAIL FROM used (`''` for `<>`). */
  mailFrom?: string;
  /** `options` (the caller gave it), `received` (all from the trace fields), `mixed`, or `none`. */
  source: 'options' | 'received' | 'mixed' | 'none';
  /** The Received field the envelope was read from (untrusted text), with `trustReceived`. */
  received?: { index: number; value: string };
  /** Newer Received fields skipped because their client IP is internal (private, loopback, link-local). */
  skippedReceived?: SkippedReceived[];
  /** A sentence saying where the envelope came from, when any of it came from the header. */
  note?: string;
}

/** The message as read. */
export interface MessageInfo {
  /** Size in bytes. */
  bytes: number;
  /** Header section size in bytes. */
  headerBytes: number;
  /** Body size in bytes. */
  bodyBytes: number;
  /** `crlf`, `lf` (converted to CRLF before verifying, and reported), `mixed`, or `none`. */
  lineEndings: 'crlf' | 'lf' | 'mixed' | 'none';
  /** False when no empty line separates header and body. */
  hasSeparator: boolean;
  /** The From field values (unfolded, untrusted text). */
  from: string[];
  /** The Subject (unfolded, untrusted text). */
  subject?: string;
  /** The Message-ID. */
  messageId?: string;
  /** The Date field. */
  date?: string;
}

/** Bulk-sender readiness: checks and whether all pass. Findings are in {@link MessageReport.findings}. */
export interface BulkSenderSummary {
  /** True when the message is treated as bulk mail (see {@link VerifyMessageOptions.bulk}): findings are raised. */
  applies: boolean;
  /** The header fields that mark the message as bulk (`List-Unsubscribe`, `List-Id`, `Precedence: bulk`...). */
  detectedBy: string[];
  /** Set when the checks do not apply (one-to-one mail): a sentence saying why, and how to apply them. */
  notApplicableNote?: string;
  /** True when every check is ok. */
  ready: boolean;
  /** The checks, in a fixed order. */
  checks: BulkSenderCheck[];
  /**
   * Set when the checks do not describe the original sender's mail: the message was forwarded and DMARC was
   * overridden for a trusted ARC sealer, so the checks were made on the forwarded copy (the forwarder may
   * have re-signed or rewritten it) and raise no findings. The sentence says so.
   */
  forwardedNote?: string;
}

/** A one-glance summary. */
export interface MessageSummary {
  /** The DMARC result (RFC 8601 §2.7.1 values). */
  dmarc: MessageDmarc['result'];
  /**
   * What a receiver would do with the message: the DMARC disposition (`none` unless DMARC fails; after `t=y` or
   * `pct`), or `none` when a trusted ARC sealer's passing chain overrides a failure (RFC 8617 §7.2; see
   * {@link MessageDmarc.arcOverride}). Act on this, not on `dmarc.disposition`, which is the policy's ask.
   */
  disposition: MessageDmarc['disposition'];
  /** DKIM signatures that pass. */
  dkimPass: number;
  /** DKIM signatures on the message. */
  dkimTotal: number;
  /** True when DNS trouble (timeouts, server failures) left part of the verdict undecided. */
  dnsTrouble: boolean;
  /** Findings of severity error. */
  errors: number;
  /** Findings of severity warning. */
  warnings: number;
  /** Findings of severity info. */
  infos: number;
}

/**
 * Everything known about one message. JSON-stable: plain data only, every field documented; untrusted text
 * (header values, DNS records, reasons quoting them) must be escaped by renderers.
 */
export interface MessageReport {
  /** {@link MESSAGE_REPORT_SCHEMA_VERSION}. */
  schemaVersion: number;
  /** Verification time, ISO 8601. */
  verifiedAt: string;
  /** The authserv-id used in {@link MessageReport.authenticationResults}. */
  authservId: string;
  /** The message as read. */
  message: MessageInfo;
  /** The envelope used for SPF and where it came from. */
  envelope: MessageEnvelope;
  /** SPF for the envelope. */
  spf: MessageSpf;
  /** One entry per DKIM-Signature header field, top first. */
  dkim: DkimSignatureResult[];
  /** DMARC: result, policy, disposition, alignment, why, ARC override. */
  dmarc: MessageDmarc;
  /** The ARC chain. */
  arc: ArcResult;
  /** Bulk-sender readiness (absent when disabled). */
  bulkSender?: BulkSenderSummary;
  /** Every finding (DKIM, ARC, message, bulk sender), most severe first. */
  findings: Finding[];
  /**
   * Why the verdict is what it is: a few sentences a person can act on, most important first. (The SPF section's
   * `explanation` is the domain's exp= text, RFC 7208 §6.2: another thing.)
   */
  why: string[];
  /** The RFC 8601 Authentication-Results header field, ready to prepend. */
  authenticationResults: GeneratedHeader;
  /** Counts and the verdict at a glance. */
  summary: MessageSummary;
}

function defaultAuthservId(): string {
  try {
    const name = hostname().toLowerCase();
    formatAuthservId(name); // throws for a host name that cannot be an authserv-id
    return name || 'localhost';
  } catch {
    return 'localhost';
  }
}

/**
 * Verifies a message.
 *
 * @param raw the message: bytes, text (UTF-8), or a stream of chunks; CRLF or LF line endings.
 * @returns the {@link MessageReport}. DNS failures never throw: they become temperror results.
 * @throws {@link MessageInputError} (`EMESSAGETOOLARGE` beyond `maxMessageBytes`, default 64 MiB;
 *   `EHEADERTOOLARGE` beyond `maxHeaderBytes`, default 1 MiB; `ENOHEADERS` when the input has no header
 *   section: it is empty, or its first line, after an optional mbox `From ` line, is not a header field
 *   `name: value` (RFC 5322 §2.2); `EINPUT` for unreadable input). A message with header fields but no From is
 *   not an input error: its DMARC result is permerror.
 * @throws TypeError when `options.resolver` is not a {@link Resolver}, `signal` is not an `AbortSignal`, or
 *   `authservId` is given but cannot be an
 *   authserv-id (a control character, not US-ASCII and not a domain name, or over 255 octets); checked before the
 *   message is read.
 * @throws RangeError when `timeoutMs`, `maxMessageBytes` or `maxHeaderBytes` is given and is not a positive
 *   integer (a `NaN` limit would switch the check off), or `now` is an invalid Date.
 */
export async function verifyMessage(
  raw: MessageInput,
  options: VerifyMessageOptions,
): Promise<MessageReport> {
  if (typeof options?.resolver?.query !== 'function')
    throw new TypeError('verifyMessage: options.resolver must be a Resolver (an object with a query method)');
  if (options.authservId !== undefined) formatAuthservId(options.authservId);
  const timeoutMs = options.timeoutMs ?? DEFAULT_MESSAGE_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isSafeInteger(timeoutMs) || timeoutMs < 1)
    throw new RangeError(`timeoutMs must be an integer >= 1, got ${JSON.stringify(timeoutMs)}`);
  for (const key of ['maxMessageBytes', 'maxHeaderBytes'] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1))
      throw new RangeError(`${key} must be a positive integer number of bytes, got ${JSON.stringify(v)}`);
  }
  if (options.now !== undefined && !(options.now instanceof Date && !Number.isNaN(options.now.getTime())))
    throw new RangeError('now must be a valid Date');
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new TypeError('verifyMessage: signal must be an AbortSignal');
  const deadline = new Deadline(
    timeoutMs,
    `the message time limit of ${timeoutMs} ms`,
    Date.now,
    options.signal,
  );
  try {
    return await verifyWithin(raw, options, deadline);
  } finally {
    deadline.dispose();
  }
}

async function verifyWithin(
  raw: MessageInput,
  options: VerifyMessageOptions,
  deadline: Deadline,
): Promise<MessageReport> {
  const resolver = deadline.resolver(options.resolver);
  const strict = options.strict ?? true;
  const dkimPolicy: Partial<DkimVerifierPolicy> = strict
    ? { ...options.dkimPolicy }
    : { rsaSha1: 'warn', rsaKeyTooShort: 'warn', ...options.dkimPolicy };
  const dkimOptions: DkimVerifyOptions = {
    resolver: options.resolver,
    requireHeaderSection: true,
    policy: dkimPolicy,
    deadline,
    bodyHashRequests: arcBodyHashRequests,
  };
  if (options.keyCache !== undefined) dkimOptions.keyCache = options.keyCache;
  if (options.maxDkimSignatures !== undefined) dkimOptions.maxSignatures = options.maxDkimSignatures;
  if (options.now) dkimOptions.now = options.now;
  if (options.maxMessageBytes !== undefined) dkimOptions.maxMessageBytes = options.maxMessageBytes;
  if (options.maxHeaderBytes !== undefined) dkimOptions.maxHeaderBytes = options.maxHeaderBytes;
  const v = await verifyDkimMessage(raw, dkimOptions);
  const headers = v.headers;
  const bulkOption: BulkOption | undefined =
    options.bulk ?? (options.bulkSender === undefined ? undefined : options.bulkSender);
  const bulk = bulkApplies(headers, bulkOption);
  if (!bulk.applies && dkimPolicy.notOversigned === undefined) dropOversignFindings(v.signatures);
  const findings: Finding[] = v.findings.slice();

  // the envelope
  const envelope: MessageEnvelope = { source: 'none' };
  const given = { ip: options.ip, helo: options.helo, mailFrom: options.mailFrom };
  let fromHeader = 0;
  let fromOptions = 0;
  if (options.trustReceived) {
    const e = envelopeFromHeaders(headers);
    for (const k of ['ip', 'helo', 'mailFrom'] as const) {
      if (given[k] !== undefined) {
        envelope[k] = given[k];
        fromOptions++;
      } else if (e[k] !== undefined) {
        envelope[k] = e[k];
        fromHeader++;
      }
    }
    if (e.received) envelope.received = e.received;
    if (e.skipped) envelope.skippedReceived = e.skipped;
    if (fromHeader > 0) {
      const taken = (['ip', 'helo', 'mailFrom'] as const).filter(
        (k) => given[k] === undefined && e[k] !== undefined,
      );
      const skippedText = e.skipped
        ? ` Skipped ${e.skipped
            .map((x) => `Received field #${x.index + 1} (client ${x.ip}, ${x.range})`)
            .join(', ')}: an internal relay of the receiving organisation.`
        : '';
      envelope.note = `The envelope (${taken.join(', ')}) was taken from ${
        e.received ? `Received field #${e.received.index + 1}` : 'the header'
      }${taken.includes('mailFrom') && e.returnPath !== undefined ? ' and Return-Path' : ''} because trustReceived (--trust-received) was given.${skippedText}`;
      findings.push(
        F.envelopeFromReceived(envelope.note, {
          term: 'Received',
          details: {
            taken,
            ...(e.received ? { used: e.received.index + 1 } : {}),
            ...(e.skipped
              ? { skipped: e.skipped.map((x) => ({ field: x.index + 1, ip: x.ip, range: x.range })) }
              : {}),
          },
        }),
      );
      if (e.noPublicHop && taken.includes('ip') && e.ip) {
        findings.push(
          F.envelopeNoPublicHop(
            `Every Received field names an internal client address; SPF was evaluated for ${e.ip} (Received field #${(e.received?.index ?? 0) + 1}), which says nothing about the sender.`,
            { term: 'Received', details: { ip: e.ip } },
          ),
        );
      }
    }
  } else {
    for (const k of ['ip', 'helo', 'mailFrom'] as const) {
      if (given[k] !== undefined) {
        envelope[k] = given[k];
        fromOptions++;
      }
    }
  }
  envelope.source =
    fromHeader && fromOptions ? 'mixed' : fromHeader ? 'received' : fromOptions ? 'options' : 'none';

  const arc = await evaluateArc(v, { rsaMinBits: dkimPolicy.rsaMinBits ?? 1024 });
  const spf = await checkMessageSpf(envelope, {
    resolver: options.resolver,
    deadline,
    ...(options.engines?.spf ? { engine: options.engines.spf } : {}),
  });
  if (spf.skipped) findings.push(F.noEnvelope(`SPF was not checked: ${spf.reason}.`));

  const section = v.internal.header;
  const from = section.all('from').map((h) => unfold(h.value));
  if (from.length === 0) {
    findings.push(F.noFrom('The message has no From header field.', { term: 'From' }));
  } else if (from.length > 1) {
    findings.push(F.multipleFrom(`The message has ${from.length} From header fields.`, { term: 'From' }));
  }
  for (const value of from) {
    const group = fromGroupName(value);
    if (group !== null) {
      findings.push(
        F.fromGroup(
          `The From field uses group syntax (group "${group}"); RFC 6854 allows it in From only for limited use, and many receivers refuse it. DMARC took the Author Domain from the mailboxes listed in the group (none listed: no Author Domain).`,
          { term: 'From', details: { group } },
        ),
      );
    }
  }
  const dmarcNow = checkMessageDmarcNow(
    {
      from,
      ...(options.engines?.dmarc === 'mailauth'
        ? { fromAddresses: extractAuthorDomain(from).mailboxes.map((m) => m.address) }
        : {}),
      spf,
      dkim: v.signatures,
    },
    {
      resolver,
      mode: options.dmarcMode ?? '9989',
      ...(options.engines?.dmarc ? { engine: options.engines.dmarc } : {}),
      ...(options.random ? { random: options.random } : {}),
    },
  );
  // over held answers (the usual case with a shared cache) the verdict is ready: no await for it
  const dmarc = dmarcNow instanceof Promise ? await dmarcNow : dmarcNow;
  // one From field, and still no single Author Domain (malformed, an empty group, too many domains): as much an
  // error as no From or two From fields, so that --fail-on error/warning see it too
  if (from.length === 1 && dmarc.result === 'permerror' && dmarc.engine === 'mailgate') {
    findings.push(
      F.noAuthorDomain(`DMARC cannot be applied (permerror): ${dmarc.reason ?? 'no single Author Domain'}.`, {
        term: 'From',
        details: { reason: dmarc.reason ?? null },
      }),
    );
  }
  const trusted = options.trustedArcSealers ?? [];
  const override = arcOverride(dmarc, arc, trusted);
  if (override) {
    dmarc.arcOverride = override;
    findings.push(
      F.dmarcArcOverride(
        `DMARC fails for ${dmarc.authorDomain}, but the passing ARC chain sealed by trusted ${override.sealer} (i=${override.instance}${override.recordedDmarc ? `, first sealer recorded dmarc=${override.recordedDmarc}` : ''}) allows a local override to disposition none.`,
        { details: { ...override } },
      ),
    );
  } else if (dmarc.result === 'fail') {
    findings.push(
      F.dmarcFail(
        `DMARC fails for ${dmarc.authorDomain} (policy ${dmarc.policy ?? 'none'}, disposition ${dmarc.disposition}).`,
        {
          ...(dmarc.record ? { record: dmarc.record } : {}),
          details: { policy: dmarc.policy, disposition: dmarc.disposition },
        },
      ),
    );
  }
  for (const shown of dmarc.displayNameAddresses ?? []) {
    findings.push(
      F.fromDisplayAddress(
        `The From display name "${shown.displayName}" shows an address at ${shown.shownDomain}, but the mailbox is at ${shown.domain}: DMARC checked ${shown.domain}, not what a reader sees (RFC 9989 §11.4).`,
        {
          term: 'From',
          details: { displayName: shown.displayName, shownDomain: shown.shownDomain, domain: shown.domain },
        },
      ),
    );
  }

  for (const s of v.signatures) findings.push(...s.findings);
  findings.push(...arc.findings);

  let bulkSender: BulkSenderSummary | undefined;
  if (bulkOption !== false) {
    const b = bulkSenderReadiness(headers, spf, v.signatures, dmarc, bulk.applies && !dmarc.arcOverride);
    bulkSender = { applies: bulk.applies, detectedBy: bulk.detectedBy, ready: b.ready, checks: b.checks };
    if (!bulk.applies) {
      bulkSender.notApplicableNote =
        'Not bulk mail (no List-Unsubscribe, List-Id or Precedence: bulk/list field): the bulk-sender requirements do not apply, and these checks raise no findings.';
    } else if (dmarc.arcOverride) {
      // forwarded mail: the readiness findings are meant for the original sender, who cannot act on this copy
      bulkSender.forwardedNote = `Forwarded by trusted ARC sealer ${dmarc.arcOverride.sealer}: these checks describe the forwarded copy, not the original sender's mail, and raise no findings.`;
    } else {
      findings.push(...b.findings);
    }
  }

  const dnsTrouble =
    v.signatures.some((s) => s.result === 'temperror') ||
    spf.result === 'temperror' ||
    dmarc.result === 'temperror' ||
    arc.temporary === true;
  if (dnsTrouble)
    findings.push(F.dnsTrouble('DNS trouble left part of the verdict undecided; verify again later.'));

  const authservId = options.authservId ?? defaultAuthservId();
  const authenticationResults = buildAuthenticationResults({
    authservId,
    dkim: v.signatures,
    spf,
    dmarc,
    arc,
    ...(envelope.ip ? { ip: envelope.ip } : {}),
  });
  const why = explainMessage({
    spf,
    dkim: v.signatures,
    dmarc,
    arc,
    trustedArcSealers: trusted,
    ...(envelope.note ? { envelopeNote: envelope.note } : {}),
  });

  const firstValue = (key: string) => {
    const h = section.first(key);
    return h ? unfold(h.value) : undefined;
  };
  const message: MessageInfo = {
    bytes: v.shape.bytes,
    headerBytes: v.shape.headerBytes,
    bodyBytes: v.shape.bodyBytes,
    lineEndings: v.shape.lineEndings,
    hasSeparator: v.shape.hasSeparator,
    from,
  };
  const subject = firstValue('subject');
  if (subject !== undefined) message.subject = subject;
  const messageId = firstValue('message-id');
  if (messageId !== undefined) message.messageId = messageId;
  const date = firstValue('date');
  if (date !== undefined) message.date = date;

  const sorted = sortFindings(findings);
  const report: MessageReport = {
    schemaVersion: MESSAGE_REPORT_SCHEMA_VERSION,
    verifiedAt: v.verifiedAt,
    authservId,
    message,
    envelope,
    spf,
    dkim: v.signatures,
    dmarc,
    arc,
    findings: sorted,
    why,
    authenticationResults,
    summary: {
      dmarc: dmarc.result,
      disposition: dmarc.arcOverride?.disposition ?? dmarc.disposition,
      dkimPass: v.signatures.filter((s) => s.result === 'pass').length,
      dkimTotal: v.signatures.length,
      dnsTrouble,
      ...countBySeverity(sorted),
    },
  };
  if (bulkSender) report.bulkSender = bulkSender;
  return report;
}
