/**
 * ARC chain validation (RFC 8617 §5.2). mailauth validates the seals and the newest ARC-Message-Signature;
 * this module reports each set, which part failed and why, and what the newest sealer recorded.
 *
 * @module
 */

import { arc as mailauthArc } from 'mailauth';
import { type DkimMessageVerification, parseDkimKeyRecord, verifyDkimMessage } from '../dkim/index.js';
import { isTransientFailure, joinTxt, type Resolver } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { MessageInput, MessageLimits } from '../mail/message-input.js';
import { parseTagList, splitColonList } from '../mail/tag-list.js';
import { type AuthResultsValue, parseAuthResultsValue } from './aar.js';
import { ARC_FINDINGS as F } from './findings.js';

/** RFC 8617 §4.2.1: instance values range from 1 to 50. */
export const MAX_ARC_SETS = 50;

/** The chain validation status (RFC 8617 §4.1.3 `cv`, §5.2). */
export type ArcChainResult = 'none' | 'pass' | 'fail';

/** One ARC set as found in the message (whatever the chain's validity). */
export interface ArcSet {
  /** The instance `i=`. */
  instance: number;
  /** The ARC-Seal's tags. */
  seal?: { d?: string; s?: string; a?: string; cv?: string; t?: string };
  /** The ARC-Message-Signature's tags. */
  messageSignature?: { d?: string; s?: string; a?: string; c?: string; h: string[] };
  /** The ARC-Authentication-Results: the authserv-id and the results the sealer recorded (untrusted text). */
  authResults?: { authservId: string; results: { method: string; result: string }[] };
  /** Header fields of the set that are missing. */
  missing: ('ARC-Seal' | 'ARC-Message-Signature' | 'ARC-Authentication-Results')[];
}

/** Which part of the chain failed. */
export interface ArcFailure {
  /** The instance of the failing set, when known. */
  instance?: number;
  /** `structure` (sets, instances, cv=), `seal`, `message-signature`, `key`, or `dns` (temporary). */
  part: 'structure' | 'seal' | 'message-signature' | 'key' | 'dns';
  /** What failed, in a few words. */
  reason: string;
}

/** The ARC evaluation of a message. JSON-stable. */
export interface ArcResult {
  /** `none` (no ARC sets), `pass` (every seal and the newest AMS verify), or `fail`. */
  result: ArcChainResult;
  /** Why, for a failed chain. */
  reason?: string;
  /** The newest instance (0 when there is no chain). */
  instance: number;
  /** The sets, oldest (i=1) first. */
  sets: ArcSet[];
  /** What failed, for a failed chain. */
  failed?: ArcFailure;
  /** True when a DNS failure (timeout, server failure) prevented validation: the result may change on retry. */
  temporary?: boolean;
  /** The ARC-Seal `d=` of each set, oldest first (the intermediaries that sealed the message). */
  sealers: string[];
  /** What the newest sealer recorded in its ARC-Authentication-Results (trust it only if you trust the sealer). */
  sealedResults?: AuthResultsValue;
  /** Findings about the chain (ids `arc.*`). */
  findings: Finding[];
}

/** Options for {@link evaluateArc}. */
export interface ArcEvaluateOptions {
  /** RSA keys of seals and of the newest ARC-Message-Signature shorter than this fail (default 1024, RFC 8301 §3.2). */
  rsaMinBits?: number;
}

/** Options for {@link verifyArc}. */
export interface ArcVerifyOptions extends MessageLimits, ArcEvaluateOptions {
  resolver: Resolver;
  /** Verification time (default now). ARC-Seal timestamps are not checked against it. */
  now?: Date;
}

/**
 * Reads a message and validates its ARC chain.
 *
 * @throws {@link MessageInputError} when the message cannot be read or exceeds a limit. Input without a header
 *   section reads as a message without ARC sets (result `none`), as the ValiMail suite expects.
 */
export async function verifyArc(raw: MessageInput, options: ArcVerifyOptions): Promise<ArcResult> {
  const v = await verifyDkimMessage(raw, options);
  return evaluateArc(v, options);
}

function setsOf(v: DkimMessageVerification): ArcSet[] {
  const byInstance = new Map<number, ArcSet>();
  const get = (i: number) => {
    let s = byInstance.get(i);
    if (!s) {
      s = { instance: i, missing: [] };
      byInstance.set(i, s);
    }
    return s;
  };
  for (const h of v.headers) {
    if (h.key === 'arc-seal' || h.key === 'arc-message-signature') {
      const tags = parseTagList(h.value).map;
      const i = Number(tags.get('i'));
      if (!Number.isInteger(i) || i < 1) continue;
      const set = get(i);
      const pick = (n: string) => tags.get(n);
      if (h.key === 'arc-seal') {
        set.seal = {};
        for (const n of ['d', 's', 'a', 'cv'] as const) {
          const x = pick(n);
          if (x !== undefined) set.seal[n] = n === 'd' || n === 'cv' ? x.toLowerCase() : x;
        }
        const t = pick('t');
        if (t && /^\d{1,12}$/.test(t)) set.seal.t = new Date(Number(t) * 1000).toISOString();
      } else {
        set.messageSignature = { h: splitColonList(pick('h') ?? '') };
        for (const n of ['d', 's', 'a', 'c'] as const) {
          const x = pick(n);
          if (x !== undefined) set.messageSignature[n] = n === 'd' ? x.toLowerCase() : x;
        }
      }
    } else if (h.key === 'arc-authentication-results') {
      const parsed = parseAuthResultsValue(h.value);
      if (parsed.instance === undefined || parsed.instance < 1) continue;
      get(parsed.instance).authResults = {
        authservId: parsed.authservId,
        results: parsed.results.map((r) => ({ method: r.method, result: r.result })),
      };
    }
  }
  const sets = [...byInstance.values()].sort((a, b) => a.instance - b.instance);
  for (const s of sets) {
    if (!s.seal) s.missing.push('ARC-Seal');
    if (!s.messageSignature) s.missing.push('ARC-Message-Signature');
    if (!s.authResults) s.missing.push('ARC-Authentication-Results');
  }
  return sets;
}

const KEY_COMMENT =
  /^(no key|unknown key version|unknown key type|invalid public key|inappropriate hash algorithm|key not for email|inappropriate key algorithm|weak key) for (\S+)$/;

function classify(comment: string | undefined, result: ArcResult, v: DkimMessageVerification): ArcFailure {
  const inst = comment?.match(/^i=(\d+)/);
  const instance = inst ? Number(inst[1]) : result.instance || undefined;
  const at = (f: Omit<ArcFailure, 'instance'>, i = instance): ArcFailure => (i ? { ...f, instance: i } : f);
  if (!comment) {
    // mailauth gives no comment for DNS failures: find the seal key lookup that failed
    for (const r of v.internal.dns.log) {
      if (!r.ok && isTransientFailure(r.kind) && r.name.includes('._domainkey.')) {
        const set = result.sets.find((s) => `${s.seal?.s}._domainkey.${s.seal?.d}`.toLowerCase() === r.name);
        return at(
          { part: 'dns', reason: `DNS ${r.kind} fetching the key ${r.name}` },
          set?.instance ?? instance,
        );
      }
    }
    return at({ part: 'structure', reason: 'the chain did not validate' });
  }
  if (/seal signature validation failed|invalid seal algorithm|invalid arc-seal header/.test(comment)) {
    return at({ part: 'seal', reason: `ARC-Seal i=${instance} does not verify` });
  }
  if (/no valid signature/.test(comment)) {
    const ams = v.internal.mailauth.arc as {
      lastEntry?: { messageSignature?: { status?: { comment?: string } } };
    };
    const why = ams?.lastEntry?.messageSignature?.status?.comment;
    return at({
      part: 'message-signature',
      reason: `ARC-Message-Signature i=${instance} does not verify${why ? ` (${why})` : ''}`,
    });
  }
  const key = comment.match(KEY_COMMENT);
  if (key) {
    const name = (key[2] ?? '').toLowerCase();
    const set = result.sets.find((s) => `${s.seal?.s}._domainkey.${s.seal?.d}`.toLowerCase() === name);
    return at({ part: 'key', reason: `${key[1]} for ${name}` }, set?.instance ?? instance);
  }
  if (/^chain-length=/.test(comment)) {
    return { part: 'structure', reason: `more than ${MAX_ARC_SETS} ARC sets (${comment})` };
  }
  return at({ part: 'structure', reason: comment });
}

const REQUIRED_TAGS: Record<string, string[]> = {
  'arc-seal': ['i', 'a', 'b', 'cv', 'd', 's'],
  'arc-message-signature': ['i', 'a', 'b', 'bh', 'd', 'h', 's'],
};

/** RFC 6376 §3.2 tag-list syntax of every ARC-Seal and of the newest ARC-Message-Signature. */
function tagListProblem(v: DkimMessageVerification, newest: number): ArcFailure | undefined {
  for (const h of v.headers) {
    if (h.key !== 'arc-seal' && h.key !== 'arc-message-signature') continue;
    const tags = parseTagList(h.value);
    const instance = Number(tags.map.get('i'));
    if (h.key === 'arc-message-signature' && instance !== newest) continue;
    const name = h.key === 'arc-seal' ? 'ARC-Seal' : 'ARC-Message-Signature';
    const missing = (REQUIRED_TAGS[h.key] ?? []).filter((t) => !tags.map.has(t));
    const problem =
      tags.errors[0] ??
      (tags.duplicates[0] ? `duplicate tag ${tags.duplicates[0]}=` : undefined) ??
      (missing.length ? `missing ${missing.map((t) => `${t}=`).join(', ')}` : undefined);
    if (problem) {
      const f: ArcFailure = {
        part: 'structure',
        reason: `${name} i=${tags.map.get('i') ?? '?'} is malformed: ${problem}`,
      };
      if (Number.isInteger(instance)) f.instance = instance;
      return f;
    }
  }
  return undefined;
}

async function weakAmsKey(
  v: DkimMessageVerification,
  newest: ArcSet | undefined,
  rsaMinBits: number,
): Promise<ArcFailure | undefined> {
  const ams = newest?.messageSignature;
  if (!newest || !ams?.d || !ams.s) return undefined;
  const name = `${ams.s}._domainkey.${ams.d}`;
  const res = v.internal.dns.resultFor(name, 'TXT') ?? (await v.internal.resolver.query(name, 'TXT'));
  if (!res.ok || res.type !== 'TXT') return undefined;
  const rec = parseDkimKeyRecord(joinTxt((res.records as string[][])[0] ?? []));
  if (rec.key?.type === 'rsa' && rec.key.bits < rsaMinBits) {
    return { instance: newest.instance, part: 'key', reason: `weak key for ${name} (${rec.key.bits} bits)` };
  }
  return undefined;
}

/**
 * Validates the ARC chain of an already-read message ({@link verifyDkimMessage} result; the message is not read
 * again). RFC 8617 §5.2: a chain with more than 50 sets, a gap, a missing header field, a bad `cv=`, an invalid
 * seal or a newest ARC-Message-Signature that does not verify fails.
 */
export async function evaluateArc(
  v: DkimMessageVerification,
  options: ArcEvaluateOptions = {},
): Promise<ArcResult> {
  const rsaMinBits = options.rsaMinBits ?? 1024;
  const sets = setsOf(v);
  const result: ArcResult = {
    result: 'none',
    instance: sets.length ? (sets[sets.length - 1]?.instance ?? 0) : 0,
    sets,
    sealers: sets.map((s) => s.seal?.d ?? '').filter((d) => d !== ''),
    findings: [],
  };
  const newest = sets[sets.length - 1];
  if (newest?.authResults) {
    const h = v.headers.filter((x) => x.key === 'arc-authentication-results');
    for (const x of h) {
      const parsed = parseAuthResultsValue(x.value);
      if (parsed.instance === newest.instance) result.sealedResults = parsed;
    }
  }
  const data = v.internal.mailauth.arc as unknown as { chain?: unknown[] | false; error?: Error };
  if (!data) return result;
  const ma = await mailauthArc(data as never, {
    resolver: v.internal.dns as never,
    minBitLength: rsaMinBits,
  });
  result.result = ma.status.result === 'pass' ? 'pass' : ma.status.result === 'fail' ? 'fail' : 'none';
  if (result.result === 'none' && sets.length > 0) {
    // mailauth ignores ARC header fields it cannot number; a chain with sets is never "none"
    result.result = 'fail';
  }
  let failure: ArcFailure | undefined;
  if (result.result === 'pass') {
    // what mailauth's lenient reading lets through: tag-list syntax (RFC 6376 §3.2, RFC 8617 §4.1) and a
    // newest ARC-Message-Signature key under the minimum size (checked by the DKIM pass without a minimum)
    failure = tagListProblem(v, result.instance) ?? (await weakAmsKey(v, newest, rsaMinBits));
    if (failure) result.result = 'fail';
  }
  if (result.result !== 'fail') return result;
  failure ??= classify(ma.status.comment, result, v);
  result.failed = failure;
  result.reason = failure.reason;
  const ev = { details: { instance: failure.instance, part: failure.part } };
  switch (failure.part) {
    case 'dns':
      result.temporary = true;
      result.findings.push(F.dnsError(`The ARC chain could not be validated: ${failure.reason}.`, ev));
      break;
    case 'key':
      result.findings.push(F.keyError(`ARC set i=${failure.instance}: ${failure.reason}.`, ev));
      break;
    case 'seal':
      result.findings.push(F.sealInvalid(`${failure.reason}.`, ev));
      break;
    case 'message-signature':
      result.findings.push(F.messageSignatureInvalid(`${failure.reason}.`, ev));
      break;
    default:
      if (sets.length > MAX_ARC_SETS || /more than 50/.test(failure.reason)) {
        result.findings.push(
          F.tooManySets(`The message has ${sets.length} ARC sets; at most ${MAX_ARC_SETS} are allowed.`, ev),
        );
      } else {
        result.findings.push(F.chainInvalid(`The ARC chain is invalid: ${failure.reason}.`, ev));
      }
  }
  return result;
}
