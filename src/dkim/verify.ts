/**
 * DKIM signature verification (RFC 6376 §6, RFC 8301, RFC 8463), on the message read once
 * (src/mail/message.ts): body hashes computed while the body streams, keys from the shared {@link DkimKeyCache},
 * signatures checked with node:crypto, and mailgate's policy (src/dkim/policy.ts) applied to the outcome.
 *
 * Order of checks for each signature (RFC 6376 §6.1): the signature's syntax (§6.1.1) → the key (§6.1.2) →
 * body hash and signature (§6.1.3) → policy rules on a cryptographically valid signature. Signatures are
 * evaluated concurrently (their key lookups run at once); at most {@link DEFAULT_MAX_SIGNATURES} of them
 * (`maxSignatures`; those whose `d=` is the From domain, a parent or a subdomain of it first), the rest are
 * reported with the result `policy` and one `dkim.signatures-not-evaluated` finding.
 *
 * @module
 */

import { Deadline } from '../dns/deadline.js';
import type { DnsFailureKind, Resolver } from '../dns/resolver.js';
import { isAbsent } from '../dns/resolver.js';
import { type Evidence, type Finding, withPolicySeverity } from '../findings/finding.js';
import {
  type HeaderField,
  type MessageHeaderSection,
  type ReadMessageOptions,
  readMessage,
  readMessageNow,
} from '../mail/message.js';
import type { MessageHeader, MessageInput, MessageReadOptions, MessageShape } from '../mail/message-input.js';
import { BodyHashes, type BodyHashRequest, type Canonicalization } from './canonicalize.js';
import { HeaderCanonicalForms, signedHeaderData, verifySignedData } from './crypto.js';
import { DKIM_FINDINGS as F } from './findings.js';
import { DkimKeyCache, type DkimKeyLookup, lookupKey, sharedKeyCache } from './key-cache.js';
import {
  DKIM_RULES,
  type DkimRuleAction,
  type DkimRuleName,
  type DkimVerifierPolicy,
  resolveDkimVerifierPolicy,
} from './policy.js';
import type { DkimKeyRecord } from './record.js';
import { type ParsedDkimSignature, parseDkimSignature, signsFrom } from './signature.js';
import { isoTime } from './time.js';

/**
 * How many DKIM-Signature fields of a message are evaluated by default: 10. Real mail carries one to three (the
 * author's domain, an ESP, a mailing list); a forwarded list message rarely more than five. Each evaluated
 * signature may cost a DNS query and a signature check, so the limit bounds what one message can make the
 * verifier do (RFC 6376 §8.4 on denial of service; §6.1 lets a verifier limit the signatures it verifies).
 * mailauth 8 evaluates 20.
 */
export const DEFAULT_MAX_SIGNATURES = 10;

/** The reason of a signature left unevaluated by the `maxSignatures` limit (its result is `policy`). */
export const NOT_EVALUATED_REASON =
  'not evaluated: more DKIM signatures than the verifier evaluates (RFC 6376 §6.1)';

/** True for a signature left unevaluated by the `maxSignatures` limit. */
export function isNotEvaluated(sig: Pick<DkimSignatureResult, 'result' | 'reason'>): boolean {
  return sig.result === 'policy' && sig.reason === NOT_EVALUATED_REASON;
}

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
  /**
   * The key cache: a {@link DkimKeyCache} to share (e.g. across a batch), `false` for none beyond this message
   * (keys named twice in the message are still fetched once), or absent for the cache shared by every
   * verification with this `resolver` ({@link sharedKeyCache}).
   */
  keyCache?: DkimKeyCache | false;
  /**
   * How many DKIM-Signature fields are evaluated (default {@link DEFAULT_MAX_SIGNATURES}, an integer ≥ 0): those
   * whose `d=` is the From domain, a parent or a subdomain of it first, then the others, each in message order
   * (RFC 6376 §6.1). The rest get the result `policy` without a key lookup, and the message a
   * `dkim.signatures-not-evaluated` finding.
   */
  maxSignatures?: number;
  /**
   * One time limit for the key lookups, in ms (integer ≥ 1; default none: each lookup is bounded by the
   * resolver's own timeout). When it passes, signatures whose key has not arrived are `temperror`.
   */
  timeoutMs?: number;
  /** A time limit shared with other work (set by `verifyMessage`; wins over `timeoutMs`). */
  deadline?: Deadline;
  /**
   * More body hashes to compute in the same pass over the body (ARC-Message-Signatures, RFC 8617 §4.1.2): called
   * once the header section is read. The results are in {@link DkimInternal.bodyHashes}.
   */
  bodyHashRequests?: (header: MessageHeaderSection) => readonly { key: string; request: BodyHashRequest }[];
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
  /** Policy rules that fired (ids from `DKIM_RULES`, e.g. `rsa-sha1`), with their outcome. */
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
  /** Message-level findings (LF line endings, no separator, no signature, signatures not evaluated). */
  findings: Finding[];
  /** The verification time used (ISO 8601). */
  verifiedAt: string;
  /** The message model and verification state, for ARC (non-enumerable; not part of the JSON). */
  readonly internal: DkimInternal;
}

/** State handed to src/arc: the message read once, the body hashes computed, and where keys come from. */
export interface DkimInternal {
  /** The header section. */
  header: MessageHeaderSection;
  /** Body hashes computed while reading, keyed as `DkimVerifyOptions.bodyHashRequests` named them. */
  bodyHashes: ReadonlyMap<string, { digest: string; canonicalBytes: number }>;
  /** The resolver keys are asked of. */
  resolver: Resolver;
  /** The key cache used. */
  keyCache: DkimKeyCache;
  /** The time limit, when there is one. */
  deadline?: Deadline;
  /** Canonical forms of the header fields, shared by the message's signatures. */
  forms: HeaderCanonicalForms;
}

/**
 * Verifies every DKIM-Signature of a message and applies the policy.
 *
 * @param raw the message (CRLF or LF line endings; LF is converted and reported).
 * @returns one {@link DkimSignatureResult} per DKIM-Signature header field, top first (empty when unsigned).
 * @throws {@link MessageInputError} (`EMESSAGETOOLARGE`, `EHEADERTOOLARGE`, `EINPUT`; `ENOHEADERS` with
 *   `requireHeaderSection`) when the input cannot be read, exceeds a limit, or has no header section.
 * @throws RangeError when `maxSignatures` or `timeoutMs` is not a valid number.
 */
export async function verifyDkim(
  raw: MessageInput,
  options: DkimVerifyOptions,
): Promise<DkimSignatureResult[]> {
  return (await verifyDkimMessage(raw, options)).signatures;
}

/** A DKIM-Signature field as read, before verification. */
interface Prepared {
  index: number;
  field: HeaderField;
  sig: ParsedDkimSignature;
  /** False beyond `maxSignatures`. */
  evaluated: boolean;
  /** The body hash request key, for signatures that will be verified. */
  bodyKey?: string;
}

/**
 * The domain of the first From field, roughly (the text after its last `@`, up to a delimiter), lower-case; used
 * only to choose which signatures to evaluate first, never for a verdict.
 */
function fromDomainHint(header: MessageHeaderSection): string | undefined {
  const value = header.all('from')[0]?.value;
  if (value === undefined) return undefined;
  const at = value.lastIndexOf('@');
  if (at < 0) return undefined;
  let end = at + 1;
  while (end < value.length && !/[\s>,;()"]/.test(value[end]!)) end++;
  const domain = value
    .slice(at + 1, end)
    .toLowerCase()
    .replace(/\.$/, '');
  return domain === '' ? undefined : domain;
}

/**
 * Which signatures the `maxSignatures` limit leaves evaluated: those whose `d=` is the From domain, a parent or a
 * subdomain of it come first, then the others, each group in message order. RFC 6376 §6.1 leaves the order to the
 * verifier and names this one; without it, ten junk signatures added on top of a message would push its author's
 * signature past the limit. Sets `evaluated` on each; returns true when the choice differs from message order.
 */
function chooseEvaluated(prepared: Prepared[], maxSignatures: number, header: MessageHeaderSection): boolean {
  const from = fromDomainHint(header);
  const related = (d: string | undefined) =>
    from !== undefined && d !== undefined && (d === from || from.endsWith(`.${d}`) || d.endsWith(`.${from}`));
  const order = [
    ...prepared.filter((p) => related(p.sig.sdid)),
    ...prepared.filter((p) => !related(p.sig.sdid)),
  ];
  const chosen = new Set(order.slice(0, maxSignatures));
  let differs = false;
  for (const p of prepared) {
    p.evaluated = chosen.has(p);
    if (p.evaluated !== p.index < maxSignatures) differs = true;
  }
  return differs;
}

/**
 * Like {@link verifyDkim}, but also returns the header fields, the message shape and message-level findings,
 * and keeps the message model for ARC ({@link DkimMessageVerification.internal}). The message is read once.
 *
 * @throws {@link MessageInputError} when the input cannot be read or exceeds a limit; with
 *   `requireHeaderSection`, also when it has no header section (`ENOHEADERS`: empty, or the first line is not
 *   a header field; see `startsWithHeaderField`).
 * @throws RangeError when `maxSignatures` or `timeoutMs` is not a valid number.
 * @throws TypeError when `resolver` is not a Resolver.
 */
export async function verifyDkimMessage(
  raw: MessageInput,
  options: DkimVerifyOptions,
): Promise<DkimMessageVerification> {
  if (typeof options?.resolver?.query !== 'function')
    throw new TypeError('options.resolver must be a Resolver (an object with query(name, type))');
  const policy = resolveDkimVerifierPolicy(options.policy);
  const now = options.now ?? new Date();
  const maxSignatures = options.maxSignatures ?? DEFAULT_MAX_SIGNATURES;
  if (!Number.isSafeInteger(maxSignatures) || maxSignatures < 0)
    throw new RangeError(`maxSignatures must be an integer >= 0, got ${String(maxSignatures)}`);
  const keyCache =
    options.keyCache === false
      ? new DkimKeyCache({ transientTtlMs: 0, negativeTtlMs: 0 })
      : (options.keyCache ?? sharedKeyCache(options.resolver));
  const hashes = new BodyHashes();
  const prepared: Prepared[] = [];
  let reordered = false;
  const extra: { key: string; internal: string }[] = [];
  const readOptions: ReadMessageOptions = {
    body: (header) => {
      let index = 0;
      for (const field of header.all('dkim-signature')) {
        const sig = parseDkimSignature(field.value);
        prepared.push({ index, field, sig, evaluated: index < maxSignatures });
        index++;
      }
      if (prepared.length > maxSignatures) reordered = chooseEvaluated(prepared, maxSignatures, header);
      for (const p of prepared) {
        const sig = p.sig;
        if (p.evaluated && sig.problems.length === 0 && signsFrom(sig)) {
          p.bodyKey = hashes.add({
            canonicalization: sig.canonicalization.body as Canonicalization,
            hash: sig.hashAlgorithm ?? 'sha256',
            ...(sig.bodyLength !== undefined ? { limit: sig.bodyLength } : {}),
          });
        }
      }
      for (const r of options.bodyHashRequests?.(header) ?? []) {
        extra.push({ key: r.key, internal: hashes.add(r.request) });
      }
      return hashes.size > 0 ? hashes : undefined;
    },
  };
  if (options.maxMessageBytes !== undefined) readOptions.maxMessageBytes = options.maxMessageBytes;
  if (options.maxHeaderBytes !== undefined) readOptions.maxHeaderBytes = options.maxHeaderBytes;
  if (options.requireHeaderSection) readOptions.requireHeaderSection = true;
  // bytes in memory are read without waiting; a stream as it arrives
  const read = readMessageNow(raw, readOptions) ?? (await readMessage(raw, readOptions));
  hashes.end();
  let deadline = options.deadline;
  let ownDeadline: Deadline | undefined;
  if (!deadline && options.timeoutMs !== undefined) {
    ownDeadline = new Deadline(options.timeoutMs, `the DKIM time limit of ${options.timeoutMs} ms`);
    deadline = ownDeadline;
  }
  const ctx: Ctx = {
    policy,
    now,
    header: read.header,
    resolver: options.resolver,
    keyCache,
    forms: new HeaderCanonicalForms(),
    hashes,
    ...(deadline ? { deadline } : {}),
  };
  let signatures: DkimSignatureResult[];
  try {
    // the keys first, all at once (from the cache without waiting when it holds them), then each signature
    const lookups: (DkimKeyLookup | Promise<DkimKeyLookup> | undefined)[] = prepared.map((p) =>
      p.evaluated && p.sig.problems.length === 0 ? keyFor(p.sig, ctx) : undefined,
    );
    if (lookups.some((l) => l instanceof Promise)) {
      const settled = await Promise.all(lookups);
      for (let i = 0; i < settled.length; i++) lookups[i] = settled[i];
    }
    signatures = prepared.map((p, i) => evaluateSignature(p, lookups[i] as DkimKeyLookup | undefined, ctx));
  } finally {
    ownDeadline?.dispose();
  }

  const findings: Finding[] = [];
  const shape = read.shape;
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
  const skipped = signatures.length - Math.min(signatures.length, maxSignatures);
  if (skipped > 0) {
    findings.push(
      F.signaturesNotEvaluated(
        `The message has ${signatures.length} DKIM-Signature header fields; ${reordered ? `${maxSignatures} were evaluated, those whose d= is the From domain, a parent or a subdomain of it first,` : `the first ${maxSignatures} were evaluated`} and the other ${skipped} were not (result policy).`,
        {
          term: 'DKIM-Signature',
          details: { signatures: signatures.length, evaluated: maxSignatures, skipped },
        },
      ),
    );
  }

  const bodyHashes = new Map<string, { digest: string; canonicalBytes: number }>();
  for (const e of extra) {
    const r = hashes.result(e.internal);
    if (r) bodyHashes.set(e.key, r);
  }
  const out: Omit<DkimMessageVerification, 'internal'> = {
    signatures,
    headers: [...read.header.fields],
    shape,
    findings,
    verifiedAt: isoTime(now.getTime()) ?? now.toISOString(),
  };
  const internal: DkimInternal = {
    header: read.header,
    bodyHashes,
    resolver: options.resolver,
    keyCache,
    forms: ctx.forms,
  };
  if (options.deadline) internal.deadline = options.deadline;
  Object.defineProperty(out, 'internal', { value: internal, enumerable: false });
  return out as DkimMessageVerification;
}

interface Ctx {
  policy: DkimVerifierPolicy;
  now: Date;
  header: MessageHeaderSection;
  resolver: Resolver;
  keyCache: DkimKeyCache;
  forms: HeaderCanonicalForms;
  hashes: BodyHashes;
  deadline?: Deadline;
}

/** The key of a signature: at once when the cache holds it fresh, else the lookup (within the time limit). */
function keyFor(sig: ParsedDkimSignature, ctx: Ctx): DkimKeyLookup | Promise<DkimKeyLookup> {
  const name = `${sig.selector}._domainkey.${sig.sdid}`;
  return ctx.keyCache.hit(name) ?? lookupKey(name, ctx);
}

interface KeyEvaluation {
  info: DkimKeyInfo;
  record?: DkimKeyRecord;
  lookup?: DkimKeyLookup;
  /** A verdict the key forces (permerror/temperror), with its reason and finding. */
  verdict?: { result: DkimResult; reason: string; finding: Finding };
  findings: Finding[];
}

function evaluateKey(sig: ParsedDkimSignature, lookup: DkimKeyLookup): KeyEvaluation {
  const name = `${sig.selector}._domainkey.${sig.sdid}`;
  const info: DkimKeyInfo = { name };
  const findings: Finding[] = [];
  const res = lookup.result;
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
  const text = lookup.text ?? '';
  const record = lookup.record as DkimKeyRecord;
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
    lookup,
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
  return { info, record, lookup, findings };
}

function iso(seconds: number | undefined): string | undefined {
  return seconds === undefined ? undefined : isoTime(seconds * 1000);
}

function evaluateSignature(p: Prepared, lookup: DkimKeyLookup | undefined, ctx: Ctx): DkimSignatureResult {
  const { policy } = ctx;
  const { index, sig } = p;
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

  if (!p.evaluated) {
    // RFC 6376 §6.1: a verifier MAY limit the signatures it verifies; RFC 8601 §2.7.1 "policy": the signature
    // was not acceptable to the ADMD (here: not evaluated, by its local limit)
    out.result = 'policy';
    out.reason = NOT_EVALUATED_REASON;
    if (sig.bodyHash) out.bodyHash = { expected: sig.bodyHash };
    return out;
  }

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
  const key = evaluateKey(sig, lookup as DkimKeyLookup);
  out.key = key.info;
  out.findings.push(...key.findings);
  const body = p.bodyKey !== undefined ? ctx.hashes.result(p.bodyKey) : undefined;
  out.bodyHash = {};
  if (sig.bodyHash) out.bodyHash.expected = sig.bodyHash;
  if (body) out.bodyHash.computed = body.digest;

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
    if (body) {
      bl.canonicalBytes = body.canonicalBytes;
      bl.unsignedBytes = Math.max(0, body.canonicalBytes - sig.bodyLength);
    }
    out.bodyLength = bl;
    fired(
      'bodyLengthLimit',
      `The signature has l=${sig.bodyLength}: it covers only the first ${sig.bodyLength} octets of the body.`,
      F.bodyLengthLimit,
      { term: `l=${sig.bodyLength}` },
    );
    if (bl.unsignedBytes && bl.unsignedBytes > 0) {
      if (body?.unsigned) bl.unsignedExcerpt = Buffer.from(body.unsigned, 'latin1').toString('utf8');
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
  const signedCounts = new Map<string, number>();
  for (const h of sig.signedHeaders) {
    const k = h.toLowerCase();
    signedCounts.set(k, (signedCounts.get(k) ?? 0) + 1);
  }
  for (const h of policy.oversignHeaders)
    if ((signedCounts.get(h) ?? 0) <= ctx.header.count(h)) out.notOversigned.push(h);
  if (out.notOversigned.length && policy.notOversigned !== 'off') {
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
  // §6.1.3: body hash and signature
  if (!signsFrom(sig)) {
    // RFC 6376 §6.1.1: a signature that does not sign From is not verified (PERMFAIL)
    const v = ruleVerdicts.find((r) => r.rule === DKIM_RULES.fromNotSigned.slug);
    out.result = v ? (v.outcome === 'fail' ? 'fail' : 'policy') : 'neutral';
    out.reason = v?.reason ?? 'From is not signed, so the signature was not verified (RFC 6376 §6.1.1)';
    return out;
  }
  if (!body || !key.lookup?.publicKey) {
    out.result = 'neutral';
    out.reason = 'the signature could not be processed';
    return out;
  }
  if (!sameBase64(body.digest, sig.bodyHash ?? '')) {
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
  const canon = sig.canonicalization.header as Canonicalization;
  const data = signedHeaderData(ctx.header, sig.signedHeaders, p.field, canon, ctx.forms);
  const check = verifySignedData(
    sig.keyAlgorithm ?? '',
    sig.hashAlgorithm ?? '',
    key.lookup.publicKey,
    data,
    Buffer.from(sig.signature ?? '', 'base64'),
  );
  if (check.ok) {
    out.crypto = 'pass';
  } else if (check.error === undefined) {
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
  } else {
    out.result = 'permerror';
    out.reason = `key or signature unusable: ${check.error}`;
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

/** Compares two base64 values by their decoded octets (padding and line breaks aside). */
function sameBase64(a: string, b: string): boolean {
  if (a === b) return true;
  return Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}
