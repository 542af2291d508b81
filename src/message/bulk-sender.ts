/**
 * Bulk-sender readiness of one message against the Gmail and Yahoo sender requirements in force since
 * February 2024: SPF and DKIM both pass, a DMARC policy exists and DMARC aligns, and one-click unsubscribe
 * (RFC 8058): List-Unsubscribe with an https URI, List-Unsubscribe-Post: List-Unsubscribe=One-Click, both
 * covered by a passing DKIM signature. These are findings for senders, never part of the verdict.
 *
 * The requirements are for bulk mail only, so the findings are raised only for a message that is bulk mail:
 * one that says so in its header ({@link bulkIndicators}: List-Unsubscribe, List-Unsubscribe-Post, List-Id,
 * `Precedence: bulk` or `list`), or any message when the caller says it is (`bulk: true`). A one-to-one
 * message gets the checks as data (`applies: false`) and no findings.
 *
 * `dkim.not-oversigned` belongs with them: oversigning (RFC 6376 §8.15) defends a signed message against
 * header fields added after signing, which is how DKIM replay abuses signed bulk mail, and the default watched
 * names include List-Unsubscribe and List-Unsubscribe-Post; no receiver requires it, and the common signers
 * of person-to-person mail (Gmail, Microsoft 365) do not oversign, so as a warning on every message it is
 * noise the recipient cannot act on. For mail that is not bulk the finding is dropped
 * ({@link dropOversignFindings}); each signature's `notOversigned` list (the data) is kept, and a caller that
 * sets the `notOversigned` DKIM policy rule explicitly gets it on every message.
 *
 * @module
 */

import type { DkimSignatureResult } from '../dkim/index.js';
import { organizationalDomain7489 } from '../dmarc/index.js';
import type { Finding } from '../findings/finding.js';
import { type MessageHeader, unfold } from '../mail/message-input.js';
import type { MessageDmarc } from './dmarc.js';
import { MESSAGE_FINDINGS as F } from './findings.js';
import type { MessageSpf } from './spf.js';

/** One readiness check. */
export interface BulkSenderCheck {
  /** `spf-pass`, `dkim-pass`, `dmarc-policy`, `dmarc-aligned`, `list-unsubscribe-https`, `one-click`, `unsubscribe-signed`. */
  id: string;
  /** True when the message meets the requirement. */
  ok: boolean;
  /** What was observed. */
  detail: string;
}

/**
 * Whether a message is bulk mail: `true` treats every message as bulk, `false` none, `'auto'` (the default)
 * the messages whose header says so ({@link bulkIndicators}).
 */
export type BulkOption = boolean | 'auto';

/** Whether the bulk-sender requirements apply to a message, and what said so. */
export interface BulkApplicability {
  /** True when the message is treated as bulk mail: the readiness findings are raised. */
  applies: boolean;
  /** The header fields that mark the message as bulk (e.g. `List-Unsubscribe`, `Precedence: bulk`); may be empty. */
  detectedBy: string[];
}

/**
 * The header fields that mark a message as bulk (list or marketing) mail, in a fixed order: `List-Unsubscribe`
 * (RFC 2369 §3.2), `List-Unsubscribe-Post` (RFC 8058 §3.1), `List-Id` (RFC 2919), and `Precedence: bulk` or
 * `Precedence: list` (the de facto field described by RFC 3834 §2 and RFC 2076 §3.9). Empty for one-to-one mail.
 */
export function bulkIndicators(headers: readonly MessageHeader[]): string[] {
  const out: string[] = [];
  const has = (key: string) => headers.some((h) => h.key === key);
  if (has('list-unsubscribe')) out.push('List-Unsubscribe');
  if (has('list-unsubscribe-post')) out.push('List-Unsubscribe-Post');
  if (has('list-id')) out.push('List-Id');
  for (const h of headers) {
    if (h.key !== 'precedence') continue;
    const value = unfold(h.value).toLowerCase();
    if (value === 'bulk' || value === 'list') {
      out.push(`Precedence: ${value}`);
      break;
    }
  }
  return out;
}

/** Decides {@link BulkApplicability} from the option (default `'auto'`) and the header. */
export function bulkApplies(
  headers: readonly MessageHeader[],
  option: BulkOption = 'auto',
): BulkApplicability {
  const detectedBy = bulkIndicators(headers);
  return { applies: option === 'auto' ? detectedBy.length > 0 : option, detectedBy };
}

/**
 * Removes the `dkim.not-oversigned` finding and its rule entry from each signature, keeping `notOversigned`
 * (for mail that is not bulk: see the module documentation). Mutates `signatures`.
 */
export function dropOversignFindings(signatures: DkimSignatureResult[]): void {
  for (const s of signatures) {
    s.findings = s.findings.filter((f) => f.id !== 'dkim.not-oversigned');
    s.rules = s.rules.filter((r) => r.rule !== 'not-oversigned');
  }
}

/** The readiness checks and their findings. */
export interface BulkSenderReadiness {
  /** True when every check is ok. */
  ready: boolean;
  /** Every check, in a fixed order. */
  checks: BulkSenderCheck[];
  /** A finding for each failed check. */
  findings: Finding[];
}

/**
 * The URIs of a List-Unsubscribe value (RFC 2369 §3.1: `<uri>, <uri>`): the text between each `<` and the next
 * `>`, trimmed. An unclosed `<` ends the list. One pass over the value (linear in its length, whatever it holds).
 */
export function listUnsubscribeUris(value: string): string[] {
  const text = unfold(value);
  const uris: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf('<', from);
    if (open < 0) break;
    const close = text.indexOf('>', open + 1);
    if (close < 0) break;
    uris.push(text.slice(open + 1, close).trim());
    from = close + 1;
  }
  return uris;
}

/**
 * Evaluates the readiness checks.
 *
 * @param withFindings false when the findings will not be raised (mail that is not bulk, forwarded mail): the
 *   checks are made as data only and `findings` stays empty (default true).
 */
export function bulkSenderReadiness(
  headers: readonly MessageHeader[],
  spf: MessageSpf,
  dkim: readonly DkimSignatureResult[],
  dmarc: MessageDmarc,
  withFindings = true,
): BulkSenderReadiness {
  const checks: BulkSenderCheck[] = [];
  const findings: Finding[] = [];
  const check = (id: string, ok: boolean, detail: string, finding?: () => Finding) => {
    checks.push({ id, ok, detail });
    if (!ok && finding && withFindings) findings.push(finding());
  };

  check(
    'spf-pass',
    spf.result === 'pass',
    spf.skipped ? `SPF was not checked (${spf.reason ?? 'no envelope'})` : `SPF ${spf.result}`,
    () =>
      F.bulkSpf(
        spf.skipped
          ? `SPF was not checked (${spf.reason ?? 'no envelope'}); bulk senders must pass SPF.`
          : `SPF is ${spf.result}; bulk senders must pass SPF.`,
      ),
  );
  const passing = dkim.filter((s) => s.result === 'pass');
  check(
    'dkim-pass',
    passing.length > 0,
    passing.length
      ? `DKIM pass for ${[...new Set(passing.map((s) => `d=${s.d}`))].join(', ')}`
      : 'no DKIM signature passes',
    () => F.bulkDkim('No DKIM signature passes; bulk senders must sign with DKIM.'),
  );

  // DMARC: two checks, one finding at most, saying what is missing (a policy, alignment, or both)
  const policyProblem = missingPolicy(dmarc);
  const aligned = alignmentOf(dmarc, spf, passing);
  checks.push(
    {
      id: 'dmarc-policy',
      ok: policyProblem === undefined,
      detail: policyProblem ?? `DMARC policy p=${dmarc.policy}`,
    },
    { id: 'dmarc-aligned', ok: aligned.ok, detail: aligned.detail },
  );
  const alignProblem = aligned.ok ? undefined : aligned.problem;
  if (withFindings && (policyProblem !== undefined || alignProblem !== undefined)) {
    const must =
      policyProblem !== undefined && alignProblem !== undefined
        ? 'bulk senders must publish a DMARC policy and align SPF or DKIM with the From domain'
        : policyProblem !== undefined
          ? 'bulk senders must publish one'
          : 'bulk senders must align SPF or DKIM with the From domain';
    const text = `${[policyProblem, alignProblem].filter((x) => x !== undefined).join('; ')}; ${must}.`;
    findings.push(
      F.bulkDmarc(`${text[0]?.toUpperCase()}${text.slice(1)}`, {
        details: { dmarc: dmarc.result, policy: dmarc.policy, alignedBy: aligned.by },
      }),
    );
  }

  const lu = headers.filter((h) => h.key === 'list-unsubscribe');
  const uris = lu.flatMap((h) => listUnsubscribeUris(h.value));
  const https = uris.filter((u) => /^https:\/\//i.test(u));
  check(
    'list-unsubscribe-https',
    https.length > 0,
    lu.length === 0
      ? 'no List-Unsubscribe field'
      : https.length
        ? `https URI: ${https[0]}`
        : `no https URI (${uris.join(', ')})`,
    () =>
      F.bulkListUnsubscribe(
        lu.length === 0 ? 'The message has no List-Unsubscribe field.' : 'List-Unsubscribe has no https URI.',
        { term: 'List-Unsubscribe', details: { uris } },
      ),
  );
  const post = headers.filter((h) => h.key === 'list-unsubscribe-post');
  const oneClick = post.length === 1 && unfold(post[0]?.value ?? '') === 'List-Unsubscribe=One-Click';
  check(
    'one-click',
    oneClick,
    oneClick
      ? 'List-Unsubscribe-Post: List-Unsubscribe=One-Click'
      : post.length
        ? `List-Unsubscribe-Post is "${unfold(post[0]?.value ?? '')}"`
        : 'no List-Unsubscribe-Post field',
    () => F.bulkOneClick('The message lacks List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058).'),
  );
  const covers = (s: DkimSignatureResult, name: string) =>
    s.signedHeaders.some((h) => h.toLowerCase() === name);
  const signer = passing.find((s) => covers(s, 'list-unsubscribe') && covers(s, 'list-unsubscribe-post'));
  const present = lu.length > 0 && post.length > 0;
  check(
    'unsubscribe-signed',
    present && signer !== undefined,
    signer
      ? `covered by the signature of d=${signer.d}`
      : present
        ? 'not covered by a passing DKIM signature'
        : 'no unsubscribe fields to sign',
    present
      ? () =>
          F.bulkUnsubscribeNotSigned(
            'List-Unsubscribe and List-Unsubscribe-Post are not both covered by a passing DKIM signature (RFC 8058 §4).',
          )
      : undefined,
  );
  return { ready: checks.every((c) => c.ok), checks, findings };
}

/** Why no DMARC policy applies to the message, as a clause; undefined when one applies. */
function missingPolicy(dmarc: MessageDmarc): string | undefined {
  const author = dmarc.authorDomain ?? 'the From domain';
  const why = dmarc.reason ? ` (${dmarc.reason})` : '';
  switch (dmarc.result) {
    case 'none':
      if (dmarc.reason === 'no record') return `no DMARC policy is published for ${author}`;
      if (dmarc.reason === 'several records')
        return `${author} publishes several DMARC records, so no DMARC policy applies`;
      if (dmarc.reason === 'record unusable')
        return `the DMARC record for ${author} is unusable, so no DMARC policy applies`;
      return `no DMARC policy applies to ${author}${why}`;
    case 'permerror':
      return `DMARC cannot be applied (permerror${dmarc.reason ? `: ${dmarc.reason}` : ''})`;
    default:
      return dmarc.policy === null
        ? `the DMARC policy of ${author} is unknown (${dmarc.result}${why})`
        : undefined;
  }
}

/** Alignment with the Author Domain for the bulk-sender check. */
interface BulkAlignment {
  ok: boolean;
  detail: string;
  /** What is wrong, as a clause; undefined when ok, or when the policy clause already says it. */
  problem?: string;
  /** The aligned identifiers (`dkim d=...`, `spf ...`). */
  by: string[];
}

/**
 * Whether SPF or DKIM aligns with the Author Domain. When DMARC evaluated alignment, its answer; when no policy
 * applies (so DMARC never looked), the default relaxed alignment (RFC 7489 §3.1) of the passing DKIM `d=` and
 * the SPF-passing MAIL FROM domain, by the Public Suffix List: identical, or the same Organizational Domain.
 */
function alignmentOf(
  dmarc: MessageDmarc,
  spf: MessageSpf,
  passing: readonly DkimSignatureResult[],
): BulkAlignment {
  const author = dmarc.authorDomain;
  if (dmarc.result === 'pass') {
    const by = dmarc.alignment.filter((a) => a.aligned === true).map((a) => `${a.method} ${a.domain}`);
    return { ok: true, detail: `DMARC aligned by ${dmarc.alignedBy.join(' and ')}`, by };
  }
  if (dmarc.result === 'fail') {
    return {
      ok: false,
      detail: 'DMARC fail: neither SPF nor DKIM aligns',
      problem: `DMARC fails: neither SPF nor DKIM aligns with ${author ?? 'the From domain'}`,
      by: [],
    };
  }
  if (dmarc.result === 'temperror') {
    return {
      ok: false,
      detail: `DMARC temperror${dmarc.reason ? ` (${dmarc.reason})` : ''}`,
      ...(dmarc.policy !== null
        ? { problem: `DMARC alignment is undecided (temperror${dmarc.reason ? `: ${dmarc.reason}` : ''})` }
        : {}),
      by: [],
    };
  }
  // none or permerror: DMARC did not evaluate alignment
  if (author === null) return { ok: false, detail: `DMARC ${dmarc.result}: no single From domain`, by: [] };
  const org = organizationalDomain7489(author);
  const aligns = (domain: string) => {
    const d = domain.toLowerCase().replace(/\.$/, '');
    return d === author || (org !== null && organizationalDomain7489(d) === org);
  };
  const by: string[] = [];
  for (const s of passing) if (s.d && aligns(s.d)) by.push(`dkim d=${s.d.toLowerCase()}`);
  if (spf.result === 'pass' && spf.identity === 'mailfrom' && spf.domain && aligns(spf.domain))
    by.push(`spf ${spf.domain.toLowerCase()}`);
  const unique = [...new Set(by)];
  if (unique.length > 0) {
    return {
      ok: true,
      detail: `${unique.join(' and ')} ${unique.length === 1 ? 'aligns' : 'align'} with ${author} (relaxed alignment; no DMARC policy applied it)`,
      by: unique,
    };
  }
  return {
    ok: false,
    detail: `neither SPF nor DKIM aligns with ${author}`,
    problem: `neither SPF nor DKIM aligns with ${author}`,
    by: [],
  };
}
