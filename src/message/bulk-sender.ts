/**
 * Bulk-sender readiness of one message against the Gmail and Yahoo sender requirements in force since
 * February 2024: SPF and DKIM both pass, a DMARC policy exists and DMARC aligns, and one-click unsubscribe
 * (RFC 8058): List-Unsubscribe with an https URI, List-Unsubscribe-Post: List-Unsubscribe=One-Click, both
 * covered by a passing DKIM signature. These are findings for senders, never part of the verdict.
 *
 * @module
 */

import type { DkimSignatureResult } from '../dkim/index.js';
import { organizationalDomain7489 } from '../dmarc/discovery.js';
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

/** Evaluates the readiness checks. */
export function bulkSenderReadiness(
  headers: readonly MessageHeader[],
  spf: MessageSpf,
  dkim: readonly DkimSignatureResult[],
  dmarc: MessageDmarc,
): BulkSenderReadiness {
  const checks: BulkSenderCheck[] = [];
  const findings: Finding[] = [];
  const check = (id: string, ok: boolean, detail: string, finding?: () => Finding) => {
    checks.push({ id, ok, detail });
    if (!ok && finding) findings.push(finding());
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
      ? `DKIM pass for ${passing.map((s) => `d=${s.d}`).join(', ')}`
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
  if (policyProblem !== undefined || alignProblem !== undefined) {
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
