/**
 * Reports that arrive as email (RFC 9990 §4: an aggregate report attached as `.xml`, `.xml.gz` or `.zip`;
 * RFC 8460 §5.3: `multipart/report; report-type=tlsrpt`): finds the attached reports in one message, and
 * recognises DMARC failure reports (ruf, RFC 6591 ARF `message/feedback-report`, or a plain-text one) so
 * that they are counted as such rather than refused.
 *
 * MIME is decoded by postal-mime (bounded nesting, part count and header size). A message is held in memory
 * while it is decoded; callers bound its size (see `IngestLimits.maxMessageBytes`).
 *
 * @module
 */

import PostalMime from 'postal-mime';
import { ReportReadError } from './errors.js';
import type { FailureReportInfo } from './types.js';

/** One part of a message that may hold a report. */
export interface MessageAttachment {
  /** The part's file name, or `part-N` when it has none. */
  name: string;
  /** The declared MIME type, lower-case (untrusted: the content is sniffed). */
  mimeType: string;
  bytes: Uint8Array;
}

/** What a message holds: a failure report, or the parts that may be reports. */
export type MessageContent =
  | { kind: 'failure'; failure: FailureReportInfo }
  | { kind: 'parts'; parts: MessageAttachment[]; subject?: string };

/** Part types that cannot hold a report (text bodies and images are not looked at). */
const SKIP_TYPES = /^(?:text\/(?:plain|html)|image\/|multipart\/)/;

const FAILURE_SUBJECT = /\b(?:DMARC|DKIM|SPF)\b[^\n]{0,40}\b(?:Failure|Forensic)\s+Report\b/i;

/**
 * Decodes one message and returns its report parts, or recognises it as a failure report.
 *
 * @param input the message's name, for errors.
 * @throws {@link ReportReadError} `message` when MIME decoding fails (too deep, too many parts, bad headers).
 */
export async function readMessage(bytes: Uint8Array, input: string): Promise<MessageContent> {
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(bytes, {
      attachmentEncoding: 'arraybuffer',
      forceRfc822Attachments: true,
    });
  } catch (e) {
    throw new ReportReadError(input, 'message', `cannot decode the message (${(e as Error).message})`);
  }
  const header = (key: string) => email.headers.find((h) => h.key === key)?.value ?? '';
  const contentType = header('content-type').toLowerCase();
  const feedbackPart = email.attachments.find((a) => a.mimeType === 'message/feedback-report');
  const reportType = /report-type\s*=\s*"?([a-z-]+)/.exec(contentType)?.[1];
  const subject = email.subject ?? '';
  if (feedbackPart || reportType === 'feedback-report' || FAILURE_SUBJECT.test(subject)) {
    const info: FailureReportInfo = { shape: feedbackPart ? 'arf' : 'plain' };
    if (feedbackPart) {
      const text = Buffer.from(feedbackPart.content as ArrayBuffer).toString('latin1');
      const type = /^Feedback-Type:[ \t]*([^\r\n]+)/im.exec(text)?.[1]?.trim();
      if (type) info.feedbackType = type;
      const domain = /^Reported-Domain:[ \t]*([^\r\n]+)/im.exec(text)?.[1]?.trim();
      if (domain) info.reportedDomain = domain.toLowerCase();
    }
    if (!info.reportedDomain) {
      const m = /\bfor (?:domain )?([a-z0-9.-]+\.[a-z]{2,})\b/i.exec(subject);
      if (m?.[1]) info.reportedDomain = m[1].toLowerCase();
    }
    return { kind: 'failure', failure: info };
  }
  const parts: MessageAttachment[] = [];
  email.attachments.forEach((a, i) => {
    if (SKIP_TYPES.test(a.mimeType) && !a.filename) return;
    const content = a.content;
    const buf =
      typeof content === 'string'
        ? Buffer.from(content, 'utf8')
        : content instanceof ArrayBuffer
          ? new Uint8Array(content)
          : new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
    parts.push({ name: a.filename ?? `part-${i + 1}`, mimeType: a.mimeType, bytes: buf });
  });
  // A report put in the body itself (some reporters send the XML as the text part).
  if (parts.length === 0 && email.text && /^\s*<\?xml|^\s*<feedback[\s>]/.test(email.text))
    parts.push({ name: 'body', mimeType: 'text/plain', bytes: Buffer.from(email.text, 'utf8') });
  return subject ? { kind: 'parts', parts, subject } : { kind: 'parts', parts };
}
