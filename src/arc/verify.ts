/**
 * ARC chain validation (RFC 8617 §5.2), on the message read once by the DKIM verifier: the structure of the
 * chain (sets, instances, `cv=`), the newest ARC-Message-Signature verified as a DKIM signature (§4.1.2), the
 * older ones for the oldest-pass instance (§5.2 step 5), and every ARC-Seal over the ARC sets up to its own
 * (§5.1.2, §5.2 step 6). Keys come from the DKIM key cache; signatures are checked with node:crypto.
 *
 * @module
 */

import {
  type BodyHashRequest,
  type DkimKeyLookup,
  type DkimMessageVerification,
  lookupKey,
  relaxedHeader,
  signedHeaderData,
  stripSignatureValue,
  verifyDkimMessage,
  verifySignedData,
} from '../dkim/index.js';
import { isAbsent, isTransientFailure, type Resolver } from '../dns/resolver.js';
import type { Finding } from '../findings/finding.js';
import type { MessageHeaderSection } from '../mail/message.js';
import type { MessageInput, MessageLimits } from '../mail/message-input.js';
import { parseTagList as parseTagListOf, splitColonList as splitColonListOf } from '../mail/tag-list.js';
import { type AuthResultsValue, parseAuthResultsValue } from './aar.js';
import { ARC_FINDINGS as F } from './findings.js';
import {
  type ArcField,
  type ArcFieldKey,
  type ArcMessageSignatureTags,
  amsTags,
  collectArcFields,
  MAX_ARC_SETS,
  splitAlgorithm,
} from './sets.js';

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
  /**
   * The ARC-Authentication-Results: the authserv-id and the results the sealer recorded (untrusted text); for a
   * `dmarc` result, `headerFrom` is the `header.from` it names (the From domain that result is about).
   */
  authResults?: { authservId: string; results: { method: string; result: string; headerFrom?: string }[] };
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
  /**
   * For a passing chain, the oldest-pass value of RFC 8617 §5.2 step 5: the lowest instance from which every
   * ARC-Message-Signature up to the newest still verifies, or 0 when all of them do. The message is unchanged
   * (as far as those signatures cover it) since the sealer of that instance sealed it.
   */
  oldestPass?: number;
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
  /** RSA keys of seals and of ARC-Message-Signatures shorter than this fail (default 1024, RFC 8301 §3.2). */
  rsaMinBits?: number;
}

/** Options for {@link verifyArc}. */
export interface ArcVerifyOptions extends MessageLimits, ArcEvaluateOptions {
  resolver: Resolver;
  /** Verification time (default now). ARC-Seal timestamps are not checked against it. */
  now?: Date;
}

/** The key of the body hash of the ARC-Message-Signature at `position` (0-based among the message's AMS fields). */
function amsHashKey(position: number, bodyCanon: string): string {
  return `arc-ams:${position}:${bodyCanon}`;
}

/**
 * The canonicalizations an ARC-Message-Signature is checked with: its `c=`, or, without `c=`, simple/simple (the
 * DKIM default RFC 8617 §4.1.2 imports) and then relaxed/relaxed, which the ARC drafts made the default and which
 * signers written against them (and the ValiMail suite, test ams_fields_c_na) still use.
 */
function amsCanonicalizations(
  tags: ArcMessageSignatureTags,
  hasC: boolean,
): { header: string; body: string }[] {
  if (hasC) return [{ header: tags.headerCanon, body: tags.bodyCanon }];
  return [
    { header: 'simple', body: 'simple' },
    { header: 'relaxed', body: 'relaxed' },
  ];
}

/**
 * The body hashes the ARC-Message-Signatures of a message need (RFC 8617 §4.1.2: computed as for DKIM), for
 * `DkimVerifyOptions.bodyHashRequests`: one per AMS field and canonicalization it may use.
 */
export function arcBodyHashRequests(
  header: MessageHeaderSection,
): { key: string; request: BodyHashRequest }[] {
  const out: { key: string; request: BodyHashRequest }[] = [];
  header.all('arc-message-signature').forEach((field, position) => {
    const list = parseTagListOf(field.value);
    const tags = amsTags(list);
    if (tags.hashAlgorithm !== 'sha256') return;
    for (const c of amsCanonicalizations(tags, list.map.has('c'))) {
      if (c.body !== 'simple' && c.body !== 'relaxed') continue;
      const request: BodyHashRequest = { canonicalization: c.body, hash: 'sha256' };
      if (tags.bodyLength !== undefined) request.limit = tags.bodyLength;
      out.push({ key: amsHashKey(position, c.body), request });
    }
  });
  return out;
}

/**
 * Reads a message and validates its ARC chain.
 *
 * @throws {@link MessageInputError} when the message cannot be read or exceeds a limit. Input without a header
 *   section reads as a message without ARC sets (result `none`), as the ValiMail suite expects.
 */
export async function verifyArc(raw: MessageInput, options: ArcVerifyOptions): Promise<ArcResult> {
  const v = await verifyDkimMessage(raw, { ...options, bodyHashRequests: arcBodyHashRequests });
  return evaluateArc(v, options);
}

const FIELD_NAME: Record<ArcFieldKey, 'ARC-Seal' | 'ARC-Message-Signature' | 'ARC-Authentication-Results'> = {
  'arc-seal': 'ARC-Seal',
  'arc-message-signature': 'ARC-Message-Signature',
  'arc-authentication-results': 'ARC-Authentication-Results',
};

/** The sets as reported: the tags of each field (the first one where a key holds several). */
function describeSets(instances: ReturnType<typeof collectArcFields>['instances']): ArcSet[] {
  return instances.map(({ instance, fields }) => {
    const set: ArcSet = { instance, missing: [] };
    const seal = fields.get('arc-seal')?.[0];
    if (seal?.tags) {
      set.seal = {};
      for (const n of ['d', 's', 'a', 'cv'] as const) {
        const x = seal.tags.map.get(n);
        if (x !== undefined) set.seal[n] = n === 'd' || n === 'cv' ? x.toLowerCase() : x;
      }
      const t = seal.tags.map.get('t');
      if (t && /^\d{1,12}$/.test(t)) set.seal.t = new Date(Number(t) * 1000).toISOString();
    }
    const ams = fields.get('arc-message-signature')?.[0];
    if (ams?.tags) {
      set.messageSignature = { h: splitColonListOf(ams.tags.map.get('h') ?? '') };
      for (const n of ['d', 's', 'a', 'c'] as const) {
        const x = ams.tags.map.get(n);
        if (x !== undefined) set.messageSignature[n] = n === 'd' ? x.toLowerCase() : x;
      }
    }
    const aar = fields.get('arc-authentication-results')?.[0];
    if (aar) {
      const parsed = parseAuthResultsValue(aar.field.value);
      set.authResults = {
        authservId: parsed.authservId,
        results: parsed.results.map((r) => {
          const headerFrom = r.method === 'dmarc' ? r.props['header.from'] : undefined;
          return headerFrom === undefined
            ? { method: r.method, result: r.result }
            : { method: r.method, result: r.result, headerFrom };
        }),
      };
    }
    if (!set.seal) set.missing.push('ARC-Seal');
    if (!set.messageSignature) set.missing.push('ARC-Message-Signature');
    if (!set.authResults) set.missing.push('ARC-Authentication-Results');
    return set;
  });
}

const REQUIRED_TAGS: Record<'arc-seal' | 'arc-message-signature', string[]> = {
  'arc-seal': ['i', 'a', 'b', 'cv', 'd', 's'],
  'arc-message-signature': ['i', 'a', 'b', 'bh', 'd', 'h', 's'],
};

/** RFC 6376 §3.2 tag-list syntax and the required tags (RFC 8617 §4.1.2, §4.1.3) of one AS or AMS. */
function tagListProblem(f: ArcField): string | undefined {
  const tags = f.tags;
  if (!tags) return undefined;
  const missing = (REQUIRED_TAGS[f.key as 'arc-seal'] ?? []).filter((t) => !tags.map.has(t));
  const problem =
    tags.errors[0] ??
    (tags.duplicates[0] ? `duplicate tag ${tags.duplicates[0]}=` : undefined) ??
    (missing.length ? `missing ${missing.map((t) => `${t}=`).join(', ')}` : undefined);
  return problem ? `${FIELD_NAME[f.key]} i=${f.instance} is malformed: ${problem}` : undefined;
}

/** ARC signatures use sha256 only: rsa-sha256 or ed25519-sha256 (RFC 8617 §4.1.2, §4.1.3; RFC 8463). */
const ARC_ALGORITHMS = ['rsa-sha256', 'ed25519-sha256'];

class ChainFailure extends Error {
  constructor(readonly failure: ArcFailure) {
    super(failure.reason);
  }
}

const fail = (failure: ArcFailure): never => {
  throw new ChainFailure(failure);
};

/**
 * The key problem that fails an ARC signature, as `<what> for <name>`, or a DNS failure. Missing, revoked,
 * malformed and mistyped keys, keys not for email or not allowing sha256, and RSA keys under `rsaMinBits`.
 */
function keyFailure(
  lookup: DkimKeyLookup,
  keyAlgorithm: string,
  rsaMinBits: number,
  instance: number,
): ArcFailure | undefined {
  const name = lookup.name;
  const res = lookup.result;
  if (!res.ok) {
    if (isTransientFailure(res))
      return { instance, part: 'dns', reason: `DNS ${res.kind} fetching the key ${name}` };
    if (isAbsent(res)) return { instance, part: 'key', reason: `no key for ${name}` };
  }
  const rec = lookup.record;
  if (!rec) return { instance, part: 'key', reason: `no key for ${name}` };
  const at = (what: string): ArcFailure => ({ instance, part: 'key', reason: `${what} for ${name}` });
  if (rec.revoked) return at('invalid public key');
  if (rec.version !== undefined && rec.version !== 'DKIM1') return at('unknown key version');
  if (!rec.serviceTypes.includes('*') && !rec.serviceTypes.includes('email')) return at('key not for email');
  if (rec.hashAlgorithms && !rec.hashAlgorithms.includes('sha256')) return at('inappropriate hash algorithm');
  if (rec.errors.some((e) => e.startsWith('unknown key type'))) return at('unknown key type');
  if (rec.errors.length || !lookup.publicKey || !rec.key) return at('invalid public key');
  if (rec.key.type !== keyAlgorithm) return at('inappropriate key algorithm');
  if (rec.key.type === 'rsa' && rec.key.bits < rsaMinBits) {
    return { instance, part: 'key', reason: `weak key for ${name} (${rec.key.bits} bits)` };
  }
  return undefined;
}

/**
 * Validates the ARC chain of an already-read message ({@link verifyDkimMessage} result, read with
 * {@link arcBodyHashRequests}; the message is not read again). RFC 8617 §5.2: a chain with more than 50 sets,
 * a gap, a missing or repeated header field, a bad `cv=`, a malformed or wrongly signed ARC-Seal, or a newest
 * ARC-Message-Signature that does not verify fails; a DNS failure fetching a key fails with `temporary`.
 */
export async function evaluateArc(
  v: DkimMessageVerification,
  options: ArcEvaluateOptions = {},
): Promise<ArcResult> {
  const rsaMinBits = options.rsaMinBits ?? 1024;
  const internal = v.internal;
  const header = internal.header;
  const { instances, unnumbered } = collectArcFields(header);
  const sets = describeSets(instances);
  const result: ArcResult = {
    result: 'none',
    instance: sets.length ? (sets[sets.length - 1]?.instance ?? 0) : 0,
    sets,
    sealers: sets.map((s) => s.seal?.d ?? '').filter((d) => d !== ''),
    findings: [],
  };
  const newest = instances[instances.length - 1];
  const newestAar = newest?.fields.get('arc-authentication-results')?.[0];
  if (newestAar) result.sealedResults = parseAuthResultsValue(newestAar.field.value);
  if (instances.length === 0 && unnumbered.length === 0) return result;

  try {
    result.oldestPass = await validate(v, instances, unnumbered, rsaMinBits);
    result.result = 'pass';
    return result;
  } catch (e) {
    if (!(e instanceof ChainFailure)) throw e;
    const failure = e.failure;
    result.result = 'fail';
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
        if (sets.length > MAX_ARC_SETS) {
          result.findings.push(
            F.tooManySets(
              `The message has ${sets.length} ARC sets; at most ${MAX_ARC_SETS} are allowed.`,
              ev,
            ),
          );
        } else {
          result.findings.push(F.chainInvalid(`The ARC chain is invalid: ${failure.reason}.`, ev));
        }
    }
    return result;
  }
}

/** RFC 8617 §5.2 steps 1 to 7. @returns the oldest-pass value. @throws ChainFailure */
async function validate(
  v: DkimMessageVerification,
  instances: ReturnType<typeof collectArcFields>['instances'],
  unnumbered: ArcField[],
  rsaMinBits: number,
): Promise<number> {
  const internal = v.internal;
  const header = internal.header;
  // step 1: more than 50 sets fail
  if (instances.length > MAX_ARC_SETS) {
    fail({
      part: 'structure',
      reason: `more than ${MAX_ARC_SETS} ARC sets (chain-length=${instances.length})`,
    });
  }
  const first = unnumbered[0];
  if (first) {
    fail({
      part: 'structure',
      reason: `${FIELD_NAME[first.key]} without a valid instance (i= must be 1 to ${MAX_ARC_SETS})`,
    });
  }
  const n = instances.length;
  // step 3: the structure (exactly one of each field per set, instances 1..N, cv=)
  const fieldsOf: { seal: ArcField; ams: ArcField; aar: ArcField }[] = [];
  for (let k = 0; k < n; k++) {
    const set = instances[k]!;
    const i = set.instance;
    if (i > MAX_ARC_SETS) fail({ part: 'structure', reason: `i=${i} is above ${MAX_ARC_SETS}` });
    if (i !== k + 1) fail({ instance: i, part: 'structure', reason: `i=${i} expected=${k + 1}` });
    for (const key of ['arc-seal', 'arc-message-signature', 'arc-authentication-results'] as const) {
      const list = set.fields.get(key) ?? [];
      if (list.length === 0) fail({ instance: i, part: 'structure', reason: `i=${i} no ${key} set` });
      if (list.length > 1) fail({ instance: i, part: 'structure', reason: `i=${i} multiple ${key} values` });
    }
    fieldsOf.push({
      seal: set.fields.get('arc-seal')![0]!,
      ams: set.fields.get('arc-message-signature')![0]!,
      aar: set.fields.get('arc-authentication-results')![0]!,
    });
  }
  // step 2: the newest seal says the chain had already failed
  const newestCv = (fieldsOf[n - 1]?.seal.tags?.map.get('cv') ?? '').toLowerCase();
  if (newestCv === 'fail') fail({ instance: n, part: 'structure', reason: `i=${n} cv=fail` });
  for (let k = 0; k < n; k++) {
    const { seal, ams } = fieldsOf[k]!;
    const i = k + 1;
    const problem = tagListProblem(seal) ?? (i === n ? tagListProblem(ams) : undefined);
    if (problem) fail({ instance: i, part: 'structure', reason: problem });
    const cv = (seal.tags?.map.get('cv') ?? '').toLowerCase();
    const expected = i === 1 ? 'none' : 'pass';
    if (cv !== expected)
      fail({ instance: i, part: 'structure', reason: `i=${i} cv=${cv} (expected ${expected})` });
    if (!ARC_ALGORITHMS.includes((seal.tags?.map.get('a') ?? '').toLowerCase())) {
      fail({
        instance: i,
        part: 'seal',
        reason: `ARC-Seal i=${i} has an unsupported algorithm a=${seal.tags?.map.get('a') ?? ''}`,
      });
    }
    if (seal.tags?.map.has('h'))
      fail({ instance: i, part: 'structure', reason: `ARC-Seal i=${i} has an h= tag` });
    const h = splitColonListOf(ams.tags?.map.get('h') ?? '').map((x) => x.toLowerCase());
    if (h.includes('arc-seal')) {
      fail({ instance: i, part: 'structure', reason: `ARC-Message-Signature i=${i} signs ARC-Seal` });
    }
  }

  // every key at once (the lookups of older sets are only waited for when their set is validated)
  const keys = new Map<string, Promise<DkimKeyLookup>>();
  const keyOf = (tags: Map<string, string> | undefined): Promise<DkimKeyLookup> => {
    const name = `${tags?.get('s') ?? ''}._domainkey.${(tags?.get('d') ?? '').toLowerCase()}`;
    let p = keys.get(name);
    if (!p) {
      p = lookupKey(name, internal);
      keys.set(name, p);
    }
    return p;
  };
  for (const { seal, ams } of fieldsOf) {
    keyOf(ams.tags?.map);
    keyOf(seal.tags?.map);
  }

  // step 4: the newest ARC-Message-Signature, as a DKIM signature
  const amsPositions = new Map<ArcField, number>();
  header.all('arc-message-signature').forEach((f, pos) => {
    const af = fieldsOf.find((x) => x.ams.field === f)?.ams;
    if (af) amsPositions.set(af, pos);
  });
  const checkAms = async (i: number): Promise<ArcFailure | undefined> => {
    const ams = fieldsOf[i - 1]!.ams;
    if (!ams.tags)
      return { instance: i, part: 'message-signature', reason: `ARC-Message-Signature i=${i} is malformed` };
    const tags = amsTags(ams.tags);
    const notVerified = (why: string): ArcFailure => ({
      instance: i,
      part: 'message-signature',
      reason: `ARC-Message-Signature i=${i} does not verify (${why})`,
    });
    if (!ARC_ALGORITHMS.includes(tags.algorithm))
      return notVerified(`unsupported algorithm a=${tags.algorithm}`);
    const canons = amsCanonicalizations(tags, ams.tags.map.has('c'));
    if (
      canons.some((c) => !['simple', 'relaxed'].includes(c.header) || !['simple', 'relaxed'].includes(c.body))
    ) {
      return notVerified('unknown canonicalization');
    }
    if (!tags.signedHeaders.some((x) => x.toLowerCase() === 'from'))
      return notVerified('From field not signed');
    const key = await keyOf(ams.tags.map);
    const problem = keyFailure(key, tags.keyAlgorithm, rsaMinBits, i);
    if (problem) return problem;
    let why = 'the body hash could not be computed';
    for (const c of canons) {
      const body = internal.bodyHashes.get(amsHashKey(amsPositions.get(ams) ?? -1, c.body));
      if (!body) continue;
      if (!sameBase64(body.digest, tags.bodyHash)) {
        why = 'body hash did not verify';
        continue;
      }
      const data = signedHeaderData(
        header,
        tags.signedHeaders,
        ams.field,
        c.header as 'simple' | 'relaxed',
        internal.forms,
      );
      const check = verifySignedData(
        tags.keyAlgorithm,
        'sha256',
        key.publicKey!,
        data,
        Buffer.from(tags.signature, 'base64'),
      );
      if (check.ok) return undefined;
      why = check.error ?? 'signature did not verify';
    }
    return notVerified(why);
  };
  const newestProblem = await checkAms(n);
  if (newestProblem) fail(newestProblem);

  // step 5: oldest-pass, the lowest instance from which every AMS up to the newest verifies (0: all)
  let oldestPass = 0;
  for (let i = n - 1; i >= 1; i--) {
    if (await checkAms(i)) {
      oldestPass = i + 1;
      break;
    }
  }

  // step 6: every seal, newest first, over the ARC sets up to its own (RFC 8617 §5.1.2, relaxed canonicalization)
  const relaxed = (k: number, key: 'aar' | 'ams' | 'seal') =>
    internal.forms.of(fieldsOf[k]![key].field, 'relaxed');
  for (let i = n; i >= 1; i--) {
    const seal = fieldsOf[i - 1]!.seal;
    const tags = seal.tags!;
    const { keyAlgorithm } = splitAlgorithm(tags.map.get('a') ?? '');
    const key = await keyOf(tags.map);
    const problem = keyFailure(key, keyAlgorithm, rsaMinBits, i);
    if (problem) fail(problem);
    let data = '';
    for (let k = 0; k < i; k++) {
      data += `${relaxed(k, 'aar')}\r\n${relaxed(k, 'ams')}\r\n`;
      if (k < i - 1) data += `${relaxed(k, 'seal')}\r\n`;
    }
    data += relaxedHeader(stripSignatureValue(seal.field.raw));
    const check = verifySignedData(
      keyAlgorithm,
      'sha256',
      key.publicKey!,
      data,
      Buffer.from((tags.map.get('b') ?? '').replace(/[ \t\r\n]+/g, ''), 'base64'),
    );
    if (!check.ok) fail({ instance: i, part: 'seal', reason: `ARC-Seal i=${i} does not verify` });
  }
  return oldestPass;
}

/** Compares two base64 values by their decoded octets. */
function sameBase64(a: string, b: string): boolean {
  return a === b || Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));
}
