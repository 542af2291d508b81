/**
 * The short explanation of a message verification: a few sentences a person can act on. Data in, sentences
 * out; the sentences may quote untrusted text (domains, reasons), which renderers escape.
 *
 * @module
 */

import type { ArcResult } from '../arc/index.js';
import type { DkimSignatureResult } from '../dkim/index.js';
import type { MessageDmarc } from './dmarc.js';
import type { MessageSpf } from './spf.js';

/** What the explanation is built from. */
export interface ExplainInput {
  spf: MessageSpf;
  dkim: DkimSignatureResult[];
  dmarc: MessageDmarc;
  arc: ArcResult;
  /** Trusted ARC sealers configured by the caller. */
  trustedArcSealers: readonly string[];
  /** Set when the envelope came from the trace header fields. */
  envelopeNote?: string;
}

function dkimSentence(dkim: DkimSignatureResult[]): string {
  if (dkim.length === 0) return 'The message is not DKIM-signed.';
  const parts = dkim.map(
    (s) =>
      `d=${s.d ?? '?'} s=${s.s ?? '?'} ${s.result}${s.reason && s.result !== 'pass' ? ` (${s.reason})` : ''}`,
  );
  return `DKIM: ${dkim.length} signature${dkim.length > 1 ? 's' : ''}: ${parts.join('; ')}.`;
}

function spfSentence(spf: MessageSpf): string {
  if (spf.skipped) return `SPF: not checked (${spf.reason ?? 'no envelope'}).`;
  const who = spf.identity === 'helo' ? `HELO ${spf.helo}` : `MAIL FROM domain ${spf.domain}`;
  return `SPF: ${spf.result} for ${who} from ${spf.ip}${spf.reason ? ` (${spf.reason})` : ''}.`;
}

/** Builds the explanation lines, most important first. */
export function explainMessage(input: ExplainInput): string[] {
  const { spf, dkim, dmarc, arc } = input;
  const lines: string[] = [];
  lines.push(dmarc.why || `DMARC: ${dmarc.result}.`);
  lines.push(dkimSentence(dkim));
  lines.push(spfSentence(spf));

  if (dmarc.result === 'fail' && dmarc.authorDomain) {
    const d = dmarc.authorDomain;
    const passingOther = dkim.filter((s) => s.result === 'pass' && s.d && s.d !== d);
    const hint = passingOther.length
      ? `DKIM passed for ${passingOther.map((s) => s.d).join(', ')}, which does not align with ${d}`
      : 'no aligned DKIM signature passed';
    lines.push(
      `To pass DMARC, sign with DKIM d=${d} (or a subdomain of it under relaxed alignment), or send with a MAIL FROM under ${d} from an IP its SPF record authorizes; here ${hint}.`,
    );
  }

  if (arc.result !== 'none') {
    const sealer = arc.sealers[arc.sealers.length - 1];
    if (arc.result === 'pass') {
      const recorded = arc.sets[0]?.authResults?.results.find((r) => r.method === 'dmarc');
      let line = `ARC: a passing chain of ${arc.instance} set${arc.instance > 1 ? 's' : ''}, newest sealed by ${sealer}${recorded ? `; the first sealer recorded dmarc=${recorded.result}` : ''}.`;
      if (dmarc.result === 'fail') {
        const o = dmarc.arcOverride;
        line += o
          ? ` The message was forwarded and ${o.sealer} (i=${o.instance}), which recorded dmarc=pass, is a trusted sealer: a receiver may override the DMARC policy (disposition none, "trusted_forwarder").`
          : ` The message looks forwarded; if you trust ${sealer} to tell the truth, add it to the trusted ARC sealers to let its chain override the DMARC failure.`;
      }
      lines.push(line);
    } else {
      lines.push(
        `ARC: the chain fails (${arc.reason ?? 'invalid'}), so it cannot vouch for earlier authentication results.`,
      );
    }
  }

  const dnsTrouble =
    dkim.some((s) => s.result === 'temperror') ||
    spf.result === 'temperror' ||
    dmarc.result === 'temperror' ||
    arc.temporary;
  if (dnsTrouble)
    lines.push(
      'DNS trouble (a timeout or server failure) left part of the verdict undecided: verify again later.',
    );
  if (input.envelopeNote) lines.push(input.envelopeNote);
  return lines;
}
