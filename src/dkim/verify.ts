/**
 * DKIM signature verification: mailauth checks the cryptography (body hash, header hash, RSA/Ed25519
 * signature); this module decides what a verifier should conclude and explains it. See src/dkim/policy.ts for
 * the rules and their RFCs.
 *
 * Order of checks for each signature (RFC 6376 §6.1): the signature's syntax (§6.1.1) → the key (§6.1.2) →
 * body hash and signature (§6.1.3) → policy rules on a cryptographically valid signature.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import { type DKIMResult, type DKIMVerifyResult, dkimVerify } from 'mailauth';
import { type RecordingMailauthResolver, toMailauthResolver } from '../dns/mailauth.js';
import type { DnsFailureKind, DnsResult, Resolver } from '../dns/resolver.js';
import { isAbsent, joinTxt } from '../dns/resolver.js';
import { type Evidence, type Finding, withPolicySeverity } from '../findings/finding.js';
import {
  type MessageHeader,
  type MessageInput,
  MessageInputError,
  type MessageReadOptions,
  type MessageShape,
  meterMessage,
} from '../mail/message-input.js';
import { canonicalizeBody } from './canonical-body.js';
import { DKIM_FINDINGS as F } from './findings.js';
import { type DkimKeyRecord, parseDkimKeyRecord } from './key-record.js';
import { MAILAUTH_PASSED_THEN_EXPIRED } from './mailauth-status.js';
import {
  DKIM_RULES,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimVerifierPolicy,
  resolveDkimVerifierPolicy,
} from './policy.js';
import { type ParsedDkimSignature, parseDkimSignature, signsFrom } from './signature.js';

/** A signature's verdict (RFC 8601 §2.7.1 result values for `dkim`). */
export type DkimResult = 'pass' | 'fail' | 'neutral' | 'policy' | 'temperror' | 'permerror';

/** Options for {@link verifyDkim} and {@link verifyDkimMessage}. */
export interface DkimVerifyOptions extends MessageReadOptions {
  /** Where key records come from. */
  resolver: Resolver;
  /** Policy rules over the defaults (src/dkim/policy.ts). */
  policy?: Partial<DkimVerifierPolicy>;
  /** The verification time for `t=`/`x=` (default: now). */
  now?: Date;
}

/** What the key lookup found for a signature. */
export interface DkimKeyInfo {
  /** The DNS name queried: `<s>._domainkey.<d>`. */
  name: string;
  /** The DNS failure kind when the lookup failed. */
  dnsError?: DnsFailureKind;
  /** The key record text (first TXT record, strings joined). */
  record?: string;
  /** Number of TXT records at the name (more than one is ambiguous, RFC 6376 §3.6.2.2). */
  recordCount?: number;
  /** CNAMEs followed to reach the record. */
  cnames?: string[];
  /** `k=` (default `rsa`). */
  keyType?: string;
  /** Key size in bits (RSA modulus length; 256 for Ed25519). */
  bits?: number;
  /** `t=` flags (`y`, `s`). */
  flags?: string[];
  /** `h=` of the key record, when present. */
  hashAlgorithms?: string[];
  /** Zone file and line of the record, when it came from a zone file. */
  source?: { file: string; line: number };
}

/** The `l=` analysis of a signature. */
export interface DkimBodyLength {
  /** The `l=` value: canonicalized body octets covered. */
  limit: number;
  /** Canonicalized body octets in the message. */
  canonicalBytes?: number;
  /** Canonicalized body octets after the limit (not covered by the signature). */
  unsignedBytes?: number;
  /** The start of the unsigned content (up to 300 characters; untrusted message text). */
  unsignedExcerpt?: string;
}

/** One DKIM-Signature header field's result. JSON-stable: only plain data. */
export interface DkimSignatureResult {
  /** 0-based position among the message's DKIM-Signature header fields (0 = topmost, the newest). */
  index: number;
  /** The verdict. */
  result: DkimResult;
  /** Why, in a few words (absent for a clean pass). */
  reason?: string;
  /** The cryptographic outcome before policy: `pass`, `fail` (body hash or signature), or `not-checked`. */
  crypto: 'pass' | 'fail' | 'not-checked';
  /** `d=`: the SDID. */
  d?: string;
  /** `i=` (decoded) or the default `@d`: the AUID. */
  i?: string;
  /** `s=`: the selector. */
  s?: string;
  /** `a=`: the algorithm, e.g. `rsa-sha256`. */
  a?: string;
  /** `c=` as `header/body`, e.g. `relaxed/relaxed`. */
  c: string;
  /** `h=`: the signed header field names as written, in order. */
  signedHeaders: string[];
  /** `t=` as an ISO 8601 time. */
  signedAt?: string;
  /** `x=` as an ISO 8601 time. */
  expiresAt?: string;
  /** `b=`'s first 8 characters (RFC 6008 `header.b`), to tell signatures apart. */
  b?: string;
  /** The key. */
  key?: DkimKeyInfo;
  /** Body hash: `bh=` and what was computed. */
  bodyHash?: { expected?: string; computed?: string };
  /** `l=` analysis, when the signature has `l=`. */
  bodyLength?: DkimBodyLength;
  /** Oversigning: the watched header names that an attacker could add without breaking this signature. */
  notOversigned: string[];
  /** Policy rules that fired (their slugs from `DKIM_RULES`, e.g. `rsa-sha1`), with their action. */
  rules: { rule: string; outcome: Exclude<DkimRuleAction, 'off'> }[];
  /** The findings for this signature. */
  findings: Finding[];
}

/** The whole-message DKIM verification: each signature plus what was seen reading the message. */
export interface DkimMessageVerification {
  /** One entry per DKIM-Signature header field, top first. */
  signatures: DkimSignatureResult[];
  /** The header fields, top first. */
  headers: MessageHeader[];
  /** Size, line endings and the header/body separator. */
  shape: MessageShape;
  /** Message-level findings (LF line endings, no separator, no signature). */
  findings: Finding[];
  /** The verification time used (ISO 8601). */
  verifiedAt: string;
  /** mailauth's verification state, for ARC (non-enumerable; not part of the JSON). */
  readonly internal: DkimInternal;
}

/** Opaque state handed to src/arc (mailauth's ARC data and the DNS adapter). */
export interface DkimInternal {
  mailauth: DKIMVerifyResult;
  dns: RecordingMailauthResolver;
  resolver: Resolver;
}

/**
 * Verifies every DKIM-Signature of a message and applies the policy.
 *
 * @param raw the message (CRLF or LF line endings; LF is converted and reported).
 * @returns one {@link DkimSignatureResult} per DKIM-Signature header field, top first (empty when unsigned).
 * @throws {@link MessageInputError} (`EMESSAGETOOLARGE`, `EHEADERTOOLARGE`, `EINPUT`; `ENOHEADERS` with
 *   `requireHeaderSection`) when the input cannot be read, exceeds a limit, or has no header section.
 */
export async function verifyDkim(
  raw: MessageInput,
  options: DkimVerifyOptions,
): Promise<DkimSignatureResult[]> {
  return (await verifyDkimMessage(raw, options)).signatures;
}

/**
 * Like {@link verifyDkim}, but also returns the header fields, the message shape and message-level findings,
 * and keeps mailauth's state for ARC ({@link DkimMessageVerification.internal}). The message is read once.
 *
 * @throws {@link MessageInputError} when the input cannot be read or exceeds a limit; with
 *   `requireHeaderSection`, also when it has no header section (`ENOHEADERS`: empty, or the first line is not
 *   a header field; see `startsWithHeaderField`).
 */
export async function verifyDkimMessage(
  raw: MessageInput,
  options: DkimVerifyOptions,
): Promise<DkimMessageVerification> {
  const policy = resolveDkimVerifierPolicy(options.policy);
  const now = options.now ?? new Date();
  const metered = meterMessage(raw, options);
  const dns = toMailauthResolver(options.resolver);
  let ma: DKIMVerifyResult;
  try {
    ma = await dkimVerify(metered.stream, { resolver: dns as never, minBitLength: 1, curTime: now });
  } catch (err) {
    if (err instanceof MessageInputError) throw err;
    throw new MessageInputError('EINPUT', `the message could not be read: ${(err as Error).message}`);
  }
  const parsedHeaders = ma.headers?.parsed ?? [];
  const headers: MessageHeader[] = parsedHeaders
    .filter((h) => typeof h.key === 'string')
    .map((h) => {
      const line = h.line.toString('utf8');
      const colon = line.indexOf(':');
      return { name: h.casedKey ?? h.key, key: h.key, value: colon < 0 ? '' : line.slice(colon + 1) };
    });

  const unmatched = (ma.results ?? []).filter((r) => r.signingDomain !== undefined || r.id !== undefined);
  const ctx: Ctx = { policy, now, headers, dns, resolver: options.resolver, bodyHead: metered.bodyHead };
  const signatures: DkimSignatureResult[] = [];
  let index = 0;
  for (const h of headers) {
    if (h.key !== 'dkim-signature') continue;
    const parsed = parseDkimSignature(h.value);
    const match = takeMatch(unmatched, parsed);
    signatures.push(await evaluateSignature(index++, parsed, match, ctx));
  }

  const findings: Finding[] = [];
  const shape = metered.shape;
  if (shape.lineEndings === 'lf' || shape.lineEndings === 'mixed') {
    findings.push(
      F.lfLineEndings(
        `The message uses ${shape.lineEndings === 'lf' ? 'LF' : 'mixed CRLF and LF'} line endings (${shape.bareLf} bare LF); they were read as CRLF.`,
        { details: { bareLf: shape.bareLf, crlf: shape.crlf } },
      ),
    );
  }
  if (!shape.hasSeparator && shape.bytes > 0) {
    findings.push(F.noHeaderSeparator('No empty line ends the header section; the body was taken as empty.'));
  }
  if (signatures.length === 0)
    findings.push(F.noSignature('The message has no DKIM-Signature header field.'));

  const out = {
    signatures,
    headers,
    shape,
    findings,
    verifiedAt: now.toISOString(),
  } as DkimMessageVerification;
  Object.defineProperty(out, 'internal', {
    value: { mailauth: ma, dns, resolver: options.resolver } satisfies DkimInternal,
    enumerable: false,
  });
  return out;
}

interface Ctx {
  policy: DkimVerifierPolicy;
  now: Date;
  headers: MessageHeader[];
  dns: RecordingMailauthResolver;
  resolver: Resolver;
  bodyHead: () => Buffer;
}

/** Finds mailauth's result for a signature by `b=` (mailauth's `id` is the SHA-256 of the decoded `b=`). */
function takeMatch(results: DKIMResult[], sig: ParsedDkimSignature): DKIMResult | undefined {
  if (!sig.signature) return undefined;
  const id = createHash('sha256').update(Buffer.from(sig.signature, 'base64')).digest('hex');
  const at = results.findIndex((r) => r.id === id);
  if (at < 0) return undefined;
  const [hit] = results.splice(at, 1);
  return hit;
}

interface KeyEvaluation {
  info: DkimKeyInfo;
  record?: DkimKeyRecord;
  /** A verdict the key forces (permerror/temperror), with its reason and finding. */
  verdict?: { result: DkimResult; reason: string; finding: Finding };
  findings: Finding[];
}

async function lookupKey(name: string, ctx: Ctx): Promise<DnsResult<'TXT'>> {
  const seen = ctx.dns.resultFor(name, 'TXT') as DnsResult<'TXT'> | undefined;
  return seen ?? ctx.resolver.query(name, 'TXT');
}

async function evaluateKey(sig: ParsedDkimSignature, ctx: Ctx): Promise<KeyEvaluation> {
  const name = `${sig.selector}._domainkey.${sig.sdid}`;
  const info: DkimKeyInfo = { name };
  const findings: Finding[] = [];
  const res = await lookupKey(name, ctx);
  const ev = { name };
  if (!res.ok) {
    info.dnsError = res.kind;
    if (isAbsent(res.kind)) {
      const reason = `no key for signature (${res.kind} for ${name})`;
      return {
        info,
        findings,
        verdict: { result: 'permerror', reason, finding: F.keyMissing(`${reason}.`, ev) },
      };
    }
    const reason = `DNS ${res.kind} looking up the key at ${name}`;
    return {
      info,
      findings,
      verdict: { result: 'temperror', reason, finding: F.dnsError(`${reason}.`, ev) },
    };
  }
  const first = res.records[0] ?? [];
  const text = joinTxt(first);
  const record = parseDkimKeyRecord(text);
  info.record = text;
  info.recordCount = res.records.length;
  if (res.cnames?.length) info.cnames = res.cnames;
  if (res.source?.[0]) info.source = res.source[0];
  info.keyType = record.keyType;
  if (record.key) info.bits = record.key.bits;
  info.flags = record.flags;
  if (record.hashAlgorithms) info.hashAlgorithms = record.hashAlgorithms;
  const evidence: Evidence = { name, record: text };
  if (info.source) evidence.source = info.source;
  if (res.records.length > 1) {
    findings.push(
      F.multipleKeyRecords(`${res.records.length} TXT records at ${name}; the first one was used.`, evidence),
    );
  }
  const fail = (result: DkimResult, reason: string, factory: typeof F.keyInvalid): KeyEvaluation => ({
    info,
    record,
    findings,
    verdict: { result, reason, finding: factory(`${reason[0]?.toUpperCase()}${reason.slice(1)}.`, evidence) },
  });
  if (record.revoked) return fail('permerror', `key revoked (empty p=) at ${name}`, F.keyRevoked);
  if (!record.serviceTypes.includes('*') && !record.serviceTypes.includes('email')) {
    return fail(
      'permerror',
      `key at ${name} is not for email (s=${record.serviceTypes.join(':')})`,
      F.keyServiceExcluded,
    );
  }
  if (record.errors.length)
    return fail('permerror', `unusable key record at ${name}: ${record.errors[0]}`, F.keyInvalid);
  if (sig.keyAlgorithm && record.keyType !== sig.keyAlgorithm) {
    return fail(
      'permerror',
      `key type k=${record.keyType} does not match a=${sig.algorithm}`,
      F.keyTypeMismatch,
    );
  }
  if (record.hashAlgorithms && sig.hashAlgorithm && !record.hashAlgorithms.includes(sig.hashAlgorithm)) {
    return fail(
      'permerror',
      `key record h=${record.hashAlgorithms.join(':')} does not allow ${sig.hashAlgorithm}`,
      F.keyHashExcluded,
    );
  }
  if (record.strictIdentity && sig.auidExplicit && sig.auidDomain && sig.auidDomain !== sig.sdid) {
    return fail(
      'permerror',
      `key has t=s but i= domain ${sig.auidDomain} is a subdomain of d=${sig.sdid}`,
      F.keyStrictIdentity,
    );
  }
  return { info, record, findings };
}

function iso(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function countHeaders(headers: MessageHeader[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of headers) m.set(h.key, (m.get(h.key) ?? 0) + 1);
  return m;
}

async function evaluateSignature(
  index: number,
  sig: ParsedDkimSignature,
  ma: DKIMResult | undefined,
  ctx: Ctx,
): Promise<DkimSignatureResult> {
  const { policy } = ctx;
  const out: DkimSignatureResult = {
    index,
    result: 'neutral',
    crypto: 'not-checked',
    c: `${sig.canonicalization.header}/${sig.canonicalization.body}`,
    signedHeaders: sig.signedHeaders,
    notOversigned: [],
    rules: [],
    findings: [],
  };
  if (sig.sdid !== undefined) out.d = sig.sdid;
  if (sig.auid !== undefined) out.i = sig.auid;
  if (sig.selector !== undefined) out.s = sig.selector;
  if (sig.algorithm !== undefined) out.a = sig.algorithm;
  const signedAt = iso(sig.timestamp);
  if (signedAt) out.signedAt = signedAt;
  const expiresAt = iso(sig.expiration);
  if (expiresAt) out.expiresAt = expiresAt;
  if (sig.signature) out.b = sig.signature.slice(0, 8);
  const sigEvidence = (extra: Evidence = {}): Evidence => ({
    name: out.d ? `DKIM-Signature d=${out.d} s=${out.s ?? '?'}` : `DKIM-Signature #${index + 1}`,
    ...extra,
  });
  const fired = (rule: DkimRuleName, message: string, factory: typeof F.rsaSha1, extra: Evidence = {}) => {
    const outcome = policy[rule];
    if (outcome === 'off') return;
    out.rules.push({ rule: DKIM_RULES[rule].slug, outcome });
    const who = `Signature d=${out.d ?? '?'} s=${out.s ?? '?'}: `;
    out.findings.push(
      withPolicySeverity(
        factory(who + message, sigEvidence(extra)),
        outcome === 'warn' ? 'warning' : 'error',
      ),
    );
    return outcome;
  };

  // §6.1.1: the signature itself
  if (sig.problems.length) {
    out.result = 'neutral';
    out.reason = `signature not valid: ${sig.problems[0]}`;
    out.findings.push(
      F.signatureInvalid(
        `DKIM-Signature #${index + 1} is not valid: ${sig.problems.join('; ')}.`,
        sigEvidence({
          details: { problems: sig.problems },
        }),
      ),
    );
    return out;
  }

  // §6.1.2: the key
  const key = await evaluateKey(sig, ctx);
  out.key = key.info;
  out.findings.push(...key.findings);
  if (ma) {
    out.bodyHash = {};
    if (ma.bodyHashExpecting) out.bodyHash.expected = ma.bodyHashExpecting;
    if (ma.bodyHash) out.bodyHash.computed = ma.bodyHash;
  } else if (sig.bodyHash) {
    out.bodyHash = { expected: sig.bodyHash };
  }

  // rules that describe the signature whatever its cryptographic result
  const ruleVerdicts: { outcome: DkimRuleAction; reason: string; rule: string }[] = [];
  const rule = (
    name: DkimRuleName,
    reason: string,
    message: string,
    factory: typeof F.rsaSha1,
    extra?: Evidence,
  ) => {
    const outcome = fired(name, message, factory, extra);
    if (outcome === 'fail' || outcome === 'policy')
      ruleVerdicts.push({ outcome, reason, rule: DKIM_RULES[name].slug });
  };
  if (sig.algorithm === 'rsa-sha1') {
    rule(
      'rsaSha1',
      'rsa-sha1 is not accepted (RFC 8301 §3.1)',
      'The signature uses rsa-sha1, which RFC 8301 forbids for verifying.',
      F.rsaSha1,
      { term: 'a=rsa-sha1' },
    );
  }
  const bits = key.record?.key?.type === 'rsa' ? key.record.key.bits : undefined;
  if (bits !== undefined && bits < policy.rsaMinBits) {
    rule(
      'rsaKeyTooShort',
      `RSA key of ${bits} bits is too short (RFC 8301 §3.2)`,
      `The ${bits}-bit RSA key at ${key.info.name} is shorter than ${policy.rsaMinBits} bits.`,
      F.rsaKeyTooShort,
      { details: { bits } },
    );
  } else if (bits !== undefined && bits < policy.rsaRecommendedBits) {
    rule(
      'rsaKeyBelow2048',
      `RSA key of ${bits} bits`,
      `The RSA key at ${key.info.name} has ${bits} bits; at least ${policy.rsaRecommendedBits} are recommended.`,
      F.rsaKeyBelow2048,
      { details: { bits } },
    );
  }
  if (!signsFrom(sig)) {
    rule(
      'fromNotSigned',
      'From is not signed (RFC 6376 §5.4)',
      'h= does not list From, which every signature MUST sign.',
      F.fromNotSigned,
      { term: 'h=' },
    );
  }
  const nowSec = Math.floor(ctx.now.getTime() / 1000);
  if (sig.expiration !== undefined && nowSec > sig.expiration + policy.clockSkewSeconds) {
    rule(
      'signatureExpired',
      `signature expired at ${out.expiresAt}`,
      `The signature expired at ${out.expiresAt} (x=).`,
      F.signatureExpired,
      { term: 'x=' },
    );
  }
  if (sig.timestamp !== undefined && sig.timestamp > nowSec + policy.clockSkewSeconds) {
    rule(
      'timestampFuture',
      `signature timestamp ${out.signedAt} is in the future`,
      `t= (${out.signedAt}) is later than the verification time.`,
      F.timestampFuture,
      { term: 't=' },
    );
  }
  if (key.record?.testing) {
    fired(
      'keyTesting',
      `The key at ${key.info.name} has t=y: the domain is testing DKIM, and receivers treat the message as unsigned.`,
      F.keyTesting,
      { term: 't=y' },
    );
  }
  if (sig.bodyLength !== undefined) {
    const bl: DkimBodyLength = { limit: sig.bodyLength };
    if (typeof ma?.canonBodyLengthTotal === 'number') {
      bl.canonicalBytes = ma.canonBodyLengthTotal;
      bl.unsignedBytes = Math.max(0, ma.canonBodyLengthTotal - sig.bodyLength);
    }
    out.bodyLength = bl;
    fired(
      'bodyLengthLimit',
      `The signature has l=${sig.bodyLength}: it covers only the first ${sig.bodyLength} octets of the body.`,
      F.bodyLengthLimit,
      { term: `l=${sig.bodyLength}` },
    );
    if (bl.unsignedBytes && bl.unsignedBytes > 0) {
      const canon = canonicalizeBody(
        ctx.bodyHead(),
        sig.canonicalization.body === 'relaxed' ? 'relaxed' : 'simple',
      );
      if (canon.length > sig.bodyLength) {
        bl.unsignedExcerpt = canon.subarray(sig.bodyLength, sig.bodyLength + 300).toString('utf8');
      }
      fired(
        'unsignedContent',
        `${bl.unsignedBytes} octets of the body follow the l= limit and are not signed.`,
        F.unsignedContent,
        {
          details: { unsignedBytes: bl.unsignedBytes, excerpt: bl.unsignedExcerpt },
        },
      );
    }
  }
  const counts = countHeaders(ctx.headers);
  const signedCounts = new Map<string, number>();
  for (const h of sig.signedHeaders)
    signedCounts.set(h.toLowerCase(), (signedCounts.get(h.toLowerCase()) ?? 0) + 1);
  out.notOversigned = policy.oversignHeaders.filter(
    (h) => (signedCounts.get(h) ?? 0) <= (counts.get(h) ?? 0),
  );
  if (out.notOversigned.length) {
    fired(
      'notOversigned',
      `These header fields can be added without breaking the signature: ${out.notOversigned.join(', ')}.`,
      F.notOversigned,
      { term: 'h=', details: { headers: out.notOversigned } },
    );
  }

  if (key.verdict) {
    out.result = key.verdict.result;
    out.reason = key.verdict.reason;
    out.findings.push(key.verdict.finding);
    return out;
  }
  if (!ma) {
    out.result = 'neutral';
    out.reason = 'the signature could not be processed';
    return out;
  }

  // §6.1.3: body hash and signature (mailauth). Read from stable fields where mailauth has them: the body hashes
  // (bodyHash, bodyHashExpecting) and our own parse of h= (mailauth never verifies a signature without From).
  const comment = ma.status.comment ?? '';
  const status = ma.status.result;
  if (!signsFrom(sig)) {
    // mailauth never checks such a signature cryptographically (RFC 6376 §6.1.1 PERMFAIL)
    const v = ruleVerdicts.find((r) => r.rule === DKIM_RULES.fromNotSigned.slug);
    out.result = v ? (v.outcome === 'fail' ? 'fail' : 'policy') : 'neutral';
    out.reason = v?.reason ?? 'From is not signed, so the signature was not verified (RFC 6376 §6.1.1)';
    return out;
  }
  if (
    ma.bodyHash !== undefined &&
    ma.bodyHashExpecting !== undefined &&
    ma.bodyHash !== ma.bodyHashExpecting
  ) {
    out.crypto = 'fail';
    out.result = 'fail';
    out.reason = 'body hash did not verify';
    out.findings.push(
      F.bodyHashMismatch(
        `The body hash of signature #${index + 1} (d=${out.d}) does not match the body.`,
        sigEvidence({
          details: { expected: out.bodyHash?.expected, computed: out.bodyHash?.computed },
        }),
      ),
    );
    return out;
  }
  if (status === 'pass' || (status === 'neutral' && MAILAUTH_PASSED_THEN_EXPIRED.has(comment))) {
    out.crypto = 'pass';
  } else if (status === 'fail') {
    out.crypto = 'fail';
    out.result = 'fail';
    out.reason = 'signature did not verify';
    out.findings.push(
      F.signatureMismatch(
        `The signature #${index + 1} (d=${out.d}) does not verify over the signed header fields.`,
        sigEvidence(),
      ),
    );
    return out;
  } else if (status === 'temperror') {
    out.result = 'temperror';
    out.reason = comment || 'temporary error';
    return out;
  } else {
    out.result = 'permerror';
    out.reason = comment ? `key or signature unusable: ${comment}` : 'key or signature unusable';
    out.findings.push(
      F.keyInvalid(`Signature #${index + 1} could not be verified: ${out.reason}.`, sigEvidence()),
    );
    return out;
  }

  const verdict = ruleVerdicts.find((v) => v.outcome === 'fail') ?? ruleVerdicts[0];
  if (verdict) {
    out.result = verdict.outcome === 'fail' ? 'fail' : 'policy';
    out.reason = verdict.reason;
  } else {
    out.result = 'pass';
  }
  return out;
}
