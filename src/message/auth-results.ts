/**
 * Builds an RFC 8601 Authentication-Results header field from a verification. Every value that comes from the
 * message or from DNS is escaped: property values are RFC 2045 tokens, `local-part@domain-name` forms, or
 * quoted-strings; comments have `\`, `(` and `)` escaped and no `;`, so no text can end a resinfo early or
 * inject a property.
 *
 * @module
 */

import type { ArcResult } from '../arc/verify.js';
import type { DkimSignatureResult } from '../dkim/index.js';
import type { MessageDmarc } from './dmarc.js';
import type { MessageSpf } from './spf.js';

/** A generated header field. */
export interface GeneratedHeader {
  /** The field name: `Authentication-Results`. */
  name: 'Authentication-Results';
  /** The field value, folded with CRLF + TAB before each resinfo. */
  value: string;
  /** The whole field ready to prepend to a message: `name: value` + CRLF. */
  header: string;
}

/** The parts of a verification that go into the header. */
export interface AuthResultsInput {
  authservId: string;
  dkim: DkimSignatureResult[];
  spf: MessageSpf;
  dmarc: MessageDmarc;
  arc: ArcResult;
  /** The client IP, reported as `smtp.remote-ip` on the arc result (RFC 8617 §10.1). */
  ip?: string;
}

// RFC 2045 §5.1 token: printable US-ASCII except SPACE and tspecials ()<>@,;:\"/[]?=
const TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/;
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const DOMAIN_NAME = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
const MAX_VALUE = 400;

/** Removes control characters (CTLs, DEL) and collapses whitespace: nothing may fold or end the field. */
function clean(value: string): string {
  return value
    .replace(/[\x00-\x1f\x7f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A quoted-string (RFC 5322 §3.2.4) with `"` and `\` escaped. */
export function quoteString(value: string): string {
  return `"${clean(value).replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * Formats a property value (RFC 8601 §2.2 pvalue): a token as is, `[local-part] "@" domain-name` as is when the
 * local-part is a dot-atom, anything else as a quoted-string. Returns `''` for an empty value.
 */
export function formatPvalue(value: string): string {
  const v = clean(value);
  if (v === '') return '';
  if (v.length > MAX_VALUE) return quoteString(v.slice(0, MAX_VALUE));
  if (TOKEN.test(v)) return v;
  const at = v.lastIndexOf('@');
  if (at >= 0) {
    const local = v.slice(0, at);
    const domain = v.slice(at + 1);
    if (DOMAIN_NAME.test(domain) && (local === '' || DOT_ATOM.test(local))) return v;
  }
  return quoteString(v);
}

/** Formats comment text (RFC 5322 §3.2.2): `\`, `(` and `)` escaped, `;` replaced, ASCII only, length capped. */
export function formatComment(text: string): string {
  // ASCII only (an 8-bit header needs SMTPUTF8): "§" becomes "section", anything else non-ASCII "?"
  let c = clean(text)
    .replace(/;/g, ',')
    .replace(/§\s*/g, 'section ')
    .replace(/[^\x20-\x7e]/g, '?');
  if (c.length > MAX_VALUE) c = `${c.slice(0, MAX_VALUE)}...`;
  return `(${c.replace(/[\\()]/g, (x) => `\\${x}`)})`;
}

/** Formats the authserv-id (RFC 8601 §2.5): a token when possible, else a quoted-string. */
export function formatAuthservId(id: string): string {
  const v = clean(id);
  if (v === '') return 'localhost';
  return TOKEN.test(v) ? v : quoteString(v);
}

function resinfo(
  method: string,
  result: string,
  comment: string | undefined,
  props: [string, string | undefined][],
) {
  const parts = [`${method}=${result.replace(/[^A-Za-z0-9-]/g, '') || 'none'}`];
  if (comment) parts.push(formatComment(comment));
  for (const [name, value] of props) {
    if (value === undefined) continue;
    const pv = formatPvalue(value);
    if (pv) parts.push(`${name}=${pv}`);
  }
  return parts.join(' ');
}

/** The resinfo of one DKIM signature (RFC 8601 §2.7.1, RFC 6008 `header.b`, RFC 8616 `header.a`/`header.s`). */
export function dkimResinfo(sig: DkimSignatureResult): string {
  const policyRule =
    sig.result === 'policy' ? sig.rules.find((r) => r.outcome === 'policy')?.rule : undefined;
  return resinfo('dkim', sig.result, sig.reason, [
    ['header.d', sig.d],
    ['header.i', sig.i],
    ['header.s', sig.s],
    ['header.a', sig.a],
    ['header.b', sig.b],
    ['policy.dkim-rules', policyRule],
  ]);
}

/** The resinfo of the SPF check (RFC 8601 §2.7.2, RFC 7208 §9.2). */
export function spfResinfo(spf: MessageSpf): string {
  const props: [string, string | undefined][] =
    spf.identity === 'helo'
      ? [['smtp.helo', spf.helo]]
      : spf.identity === 'mailfrom'
        ? [['smtp.mailfrom', spf.mailFrom]]
        : [];
  return resinfo('spf', spf.result, spf.reason, props);
}

/** The resinfo of DMARC (RFC 9989 §9.1 / RFC 7489 §11.2): `header.from` and the policy in a comment. */
export function dmarcResinfo(d: MessageDmarc): string {
  const comment = [
    d.policy ? `p=${d.policy}` : undefined,
    d.result === 'fail' ? `dis=${d.disposition}` : undefined,
    d.arcOverride ? `arc override by trusted sealer ${d.arcOverride.sealer}: dis=none` : undefined,
    d.result !== 'pass' && d.result !== 'fail' ? d.reason : undefined,
  ]
    .filter((x) => x)
    .join(' ');
  return resinfo('dmarc', d.result, comment || undefined, [['header.from', d.authorDomain ?? undefined]]);
}

/** The resinfo of ARC (RFC 8617 §10.1: `smtp.remote-ip`). */
export function arcResinfo(arc: ArcResult, ip?: string): string {
  const comment =
    arc.result === 'none' ? undefined : arc.result === 'pass' ? `i=${arc.instance}` : arc.reason;
  return resinfo('arc', arc.result, comment, [['smtp.remote-ip', ip]]);
}

/**
 * Builds the Authentication-Results header field (RFC 8601 §2.2): `authserv-id; dkim=...; spf=...; dmarc=...;
 * arc=...`, one resinfo per DKIM signature (or `dkim=none`), each on its own folded line.
 */
export function buildAuthenticationResults(input: AuthResultsInput): GeneratedHeader {
  const parts = [
    ...(input.dkim.length ? input.dkim.map(dkimResinfo) : ['dkim=none']),
    spfResinfo(input.spf),
    dmarcResinfo(input.dmarc),
    arcResinfo(input.arc, input.ip),
  ];
  const value = `${formatAuthservId(input.authservId)};${parts.map((p) => `\r\n\t${p}`).join(';')}`;
  return { name: 'Authentication-Results', value, header: `Authentication-Results: ${value}\r\n` };
}
