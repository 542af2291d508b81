/**
 * Bulk-sender readiness of one message against the Gmail and Yahoo sender requirements in force since
 * February 2024: SPF and DKIM both pass, a DMARC policy exists and DMARC aligns, and one-click unsubscribe
 * (RFC 8058): List-Unsubscribe with an https URI, List-Unsubscribe-Post: List-Unsubscribe=One-Click, both
 * covered by a passing DKIM signature. These are findings for senders, never part of the verdict.
 *
 * @module
 */

import { type MessageHeader, unfold } from '../dkim/message-input.js';
import type { DkimSignatureResult } from '../dkim/verify.js';
import type { Finding } from '../findings/finding.js';
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

/** The URIs of a List-Unsubscribe value (RFC 2369 §3.1: `<uri>, <uri>`). */
export function listUnsubscribeUris(value: string): string[] {
  return [...unfold(value).matchAll(/<([^>]*)>/g)].map((m) => (m[1] ?? '').trim());
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

  check('spf-pass', spf.result === 'pass', spf.skipped ? 'SPF was not checked' : `SPF ${spf.result}`, () =>
    F.bulkSpf(
      `SPF is ${spf.skipped ? 'not checked (no client IP)' : spf.result}; bulk senders must pass SPF.`,
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
  const hasPolicy = dmarc.result !== 'none' && dmarc.result !== 'permerror' && dmarc.policy !== null;
  check(
    'dmarc-policy',
    hasPolicy,
    hasPolicy ? `DMARC policy p=${dmarc.policy}` : 'no DMARC policy applies',
    () =>
      F.bulkDmarc(
        `No DMARC policy applies to ${dmarc.authorDomain ?? 'the From domain'}; bulk senders must publish one.`,
      ),
  );
  check(
    'dmarc-aligned',
    dmarc.result === 'pass',
    dmarc.result === 'pass' ? `DMARC aligned by ${dmarc.alignedBy.join(' and ')}` : `DMARC ${dmarc.result}`,
    () => F.bulkDmarc(`DMARC is ${dmarc.result}: neither SPF nor DKIM aligns with the From domain.`),
  );

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
