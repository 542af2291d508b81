/**
 * Parses and validates a DKIM-Signature header field value (RFC 6376 §3.5, §6.1.1), independently of the
 * cryptographic check, so that every signature gets a result and a reason even when mailauth skips it.
 *
 * @module
 */

import { parseTagList, splitColonList, stripFws, type TagList } from '../mail/tag-list.js';

/** The signing algorithms this verifier knows (RFC 6376 §3.3, RFC 8463 §3). */
export const KNOWN_ALGORITHMS = ['rsa-sha256', 'rsa-sha1', 'ed25519-sha256'] as const;

/** Tags a DKIM-Signature must have (RFC 6376 §3.5: v, a, b, bh, d, h, s are REQUIRED). */
export const REQUIRED_SIGNATURE_TAGS = ['v', 'a', 'b', 'bh', 'd', 'h', 's'] as const;

/** A DKIM-Signature's tags, interpreted. Absent tags are `undefined`. */
export interface ParsedDkimSignature {
  /** `v=` as written (must be `1`). */
  version?: string;
  /** `a=` lower-cased, e.g. `rsa-sha256`. */
  algorithm?: string;
  /** The key type part of `a=` (`rsa`, `ed25519`, or something unknown). */
  keyAlgorithm?: string;
  /** The hash part of `a=` (`sha256`, `sha1`, ...). */
  hashAlgorithm?: string;
  /** `b=` with FWS removed (base64). */
  signature?: string;
  /** `bh=` with FWS removed (base64). */
  bodyHash?: string;
  /** `c=`: header and body canonicalization; `simple` when absent (RFC 6376 §3.5). */
  canonicalization: { header: string; body: string };
  /** `d=`: the SDID (Signing Domain Identifier), lower-cased. */
  sdid?: string;
  /** `h=`: the signed header field names as written, in order (repeats mean oversigning). */
  signedHeaders: string[];
  /** `i=` decoded from dkim-quoted-printable, or `@<d>` when absent: the AUID (Agent or User Identifier). */
  auid?: string;
  /** True when `i=` was present. */
  auidExplicit: boolean;
  /** The domain part of the AUID (after the last `@`), lower-cased. */
  auidDomain?: string;
  /** `l=`: body length limit in octets of the canonicalized body. */
  bodyLength?: number;
  /** `q=` methods (default `dns/txt`). */
  queryMethods: string[];
  /** `s=`: the selector. */
  selector?: string;
  /** `t=`: signature timestamp, seconds since the Unix epoch. */
  timestamp?: number;
  /** `x=`: signature expiration, seconds since the Unix epoch. */
  expiration?: number;
  /** `z=`: copied header fields, as written. */
  copiedHeaders?: string;
  /** The tag-list as parsed. */
  tags: TagList;
  /**
   * Reasons the signature is not valid per RFC 6376 §3.5/§6.1.1 (syntax, duplicate or missing tags, bad values).
   * A signature with problems is not verified further (its result is `neutral`, RFC 8601 §2.7.1).
   */
  problems: string[];
  /** True when `a=` names an algorithm outside {@link KNOWN_ALGORITHMS} (a problem is listed too). */
  unknownAlgorithm: boolean;
}

const DOMAIN_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN_NAME = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})+$`);
const SELECTOR = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*$`);
const TIMESTAMP = /^[0-9]{1,12}$/;
const BODY_LENGTH = /^[0-9]{1,76}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes dkim-quoted-printable (RFC 6376 §2.11): `=XX` hex escapes; FWS is not part of the value. */
export function decodeDkimQuotedPrintable(value: string): string {
  const bytes: number[] = [];
  const src = Buffer.from(value.replace(/[ \t\r\n]+/g, ''), 'utf8');
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as number;
    if (c === 0x3d && i + 2 < src.length && /^[0-9A-Fa-f]{2}$/.test(src.subarray(i + 1, i + 3).toString())) {
      bytes.push(Number.parseInt(src.subarray(i + 1, i + 3).toString(), 16));
      i += 2;
    } else {
      bytes.push(c);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Whether `child` equals `parent` or is a subdomain of it (ASCII case-insensitive, trailing dots ignored). */
export function isSameOrSubdomain(child: string, parent: string): boolean {
  const c = child.toLowerCase().replace(/\.$/, '');
  const p = parent.toLowerCase().replace(/\.$/, '');
  return c !== '' && p !== '' && (c === p || c.endsWith(`.${p}`));
}

/**
 * Parses a DKIM-Signature header field value (the text after the colon, folded or not).
 * Never throws; see {@link ParsedDkimSignature.problems}.
 */
export function parseDkimSignature(value: string): ParsedDkimSignature {
  const tags = parseTagList(value);
  const problems: string[] = [];
  for (const e of tags.errors) problems.push(`tag-list syntax: ${e}`);
  for (const d of tags.duplicates)
    problems.push(`duplicate tag ${d}= (RFC 6376 §3.2: the whole tag-list is invalid)`);
  const get = (name: string) => tags.map.get(name);
  const missing = REQUIRED_SIGNATURE_TAGS.filter((t) => get(t) === undefined);
  if (missing.length)
    problems.push(
      `missing required tag${missing.length > 1 ? 's' : ''} ${missing.map((t) => `${t}=`).join(', ')}`,
    );

  const out: ParsedDkimSignature = {
    canonicalization: { header: 'simple', body: 'simple' },
    signedHeaders: [],
    auidExplicit: false,
    queryMethods: ['dns/txt'],
    tags,
    problems,
    unknownAlgorithm: false,
  };

  const v = get('v');
  if (v !== undefined) {
    out.version = v;
    if (v !== '1') problems.push(`incompatible version v=${v} (RFC 6376 §6.1.1 requires v=1)`);
  }

  const a = get('a');
  if (a !== undefined) {
    out.algorithm = a.toLowerCase();
    const dash = out.algorithm.indexOf('-');
    out.keyAlgorithm = dash < 0 ? out.algorithm : out.algorithm.slice(0, dash);
    out.hashAlgorithm = dash < 0 ? '' : out.algorithm.slice(dash + 1);
    if (!(KNOWN_ALGORITHMS as readonly string[]).includes(out.algorithm)) {
      out.unknownAlgorithm = true;
      problems.push(`unsupported algorithm a=${a}`);
    }
  }

  const b = get('b');
  if (b !== undefined) {
    out.signature = stripFws(b);
    if (!BASE64.test(out.signature) || out.signature === '') problems.push('b= is empty or not base64');
  }
  const bh = get('bh');
  if (bh !== undefined) {
    out.bodyHash = stripFws(bh);
    if (!BASE64.test(out.bodyHash) || out.bodyHash === '') problems.push('bh= is empty or not base64');
  }

  const c = get('c');
  if (c !== undefined) {
    const [hc, bc, ...rest] = c.toLowerCase().split('/');
    out.canonicalization = { header: (hc ?? '').trim(), body: (bc ?? 'simple').trim() };
    const ok = ['simple', 'relaxed'];
    if (rest.length || !ok.includes(out.canonicalization.header) || !ok.includes(out.canonicalization.body)) {
      problems.push(`unknown canonicalization c=${c}`);
    }
  }

  const d = get('d');
  if (d !== undefined) {
    out.sdid = d.toLowerCase().replace(/\.$/, '');
    // RFC 6376 §3.5: d= is a domain-name (sub-domain 1*("." sub-domain)), which never ends with a dot
    if (d.endsWith('.')) problems.push(`d=${d} ends with a dot (RFC 6376 §3.5: a domain-name has none)`);
    else if (!DOMAIN_NAME.test(out.sdid)) problems.push(`d=${d} is not a domain name`);
  }

  const h = get('h');
  if (h !== undefined) {
    out.signedHeaders = splitColonList(h);
    if (out.signedHeaders.length === 0)
      problems.push('h= is empty (RFC 6376 §3.5: the list MUST NOT be empty)');
  }

  const i = get('i');
  if (i !== undefined) {
    out.auidExplicit = true;
    out.auid = decodeDkimQuotedPrintable(i);
    const at = out.auid.lastIndexOf('@');
    out.auidDomain = (at < 0 ? '' : out.auid.slice(at + 1)).toLowerCase().replace(/\.$/, '');
    if (at < 0 || out.auidDomain === '') problems.push(`i=${i} has no domain part`);
    else if (out.sdid && !isSameOrSubdomain(out.auidDomain, out.sdid)) {
      problems.push(`i= domain ${out.auidDomain} is not d=${out.sdid} or a subdomain of it (RFC 6376 §3.5)`);
    }
  } else if (out.sdid !== undefined) {
    out.auid = `@${out.sdid}`;
    out.auidDomain = out.sdid;
  }

  const l = get('l');
  if (l !== undefined) {
    if (BODY_LENGTH.test(l)) out.bodyLength = Number(l);
    else problems.push(`l=${l} is not a number of octets`);
  }

  const q = get('q');
  if (q !== undefined) {
    out.queryMethods = splitColonList(q).map((m) => m.toLowerCase());
    if (!out.queryMethods.includes('dns/txt')) problems.push(`q=${q} does not offer dns/txt`);
  }

  const s = get('s');
  if (s !== undefined) {
    out.selector = s;
    if (!SELECTOR.test(s)) problems.push(`s=${s} is not a valid selector`);
  }

  const t = get('t');
  if (t !== undefined) {
    if (TIMESTAMP.test(t)) out.timestamp = Number(t);
    else problems.push(`t=${t} is not a timestamp`);
  }
  const x = get('x');
  if (x !== undefined) {
    if (TIMESTAMP.test(x)) out.expiration = Number(x);
    else problems.push(`x=${x} is not a timestamp`);
  }
  if (out.timestamp !== undefined && out.expiration !== undefined && out.expiration <= out.timestamp) {
    problems.push('x= is not after t= (RFC 6376 §3.5)');
  }

  const z = get('z');
  if (z !== undefined) out.copiedHeaders = z;

  return out;
}

/** Whether the signature's `h=` lists the From header field (RFC 6376 §5.4: it MUST). */
export function signsFrom(sig: ParsedDkimSignature): boolean {
  return sig.signedHeaders.some((name) => name.toLowerCase() === 'from');
}
