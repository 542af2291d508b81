/**
 * The frame of every HTML report: one self-contained document (inline style and script, no request of any kind)
 * with a Content-Security-Policy that forbids every load ({@link HTML_CSP}), and the small pieces the report pages
 * share: escaping, status badges (an icon and a word besides the colour), record text, zone file locations and
 * links to the RFC sections a finding cites.
 *
 * Untrusted text (DNS records, names, report fields) goes through {@link esc} (HTML text and attribute values:
 * `& < > " '` become entities, and control, bidirectional and invisible characters become visible escapes such
 * as `\u{202e}`); record text is shown in `<code>`, which the style sheet isolates (`unicode-bidi: isolate`), so
 * right-to-left letters in a record cannot reorder the text around it. No `href` is ever built from untrusted
 * text: the only links are in-page anchors (`#d-3`) and rfc-editor.org addresses built from the catalog's
 * section numbers.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import type { RecordStatus } from '../findings/record-status.js';
import { VERSION } from '../version.js';
import { escapeHtml } from './escape.js';
import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLE } from './html-style.js';

/** A CSP source for the SHA-256 of `text` (`'sha256-<base64>'`). */
function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of every report (a `<meta http-equiv>` tag in `<head>`, before any style or script):
 * nothing may load (`default-src 'none'`); the one style element and the one script run by their SHA-256 hashes;
 * images only as `data:` URLs; no `<base>`, no form submission.
 */
export const HTML_CSP = [
  "default-src 'none'",
  `style-src ${hashSource(HTML_STYLE)}`,
  `script-src ${hashSource(HTML_SCRIPT)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Escapes untrusted text for HTML element content and attribute values (see the module notes). */
export const esc = escapeHtml;

/** Untrusted text in a `<code>` element (`rec`: a whole record, wrapped at any character). */
export function code(text: string, rec = false): string {
  return `<code${rec ? ' class="rec"' : ''}>${esc(text)}</code>`;
}

/** The states a status badge can show; each has its colour, icon and a word. */
export type State = 'ok' | 'warn' | 'err' | 'info' | 'dns' | 'none';

/** The icon of each {@link State} (shown with a word, never alone). */
export const STATE_ICON: Readonly<Record<State, string>> = {
  ok: '✓',
  warn: '⚠\uFE0E',
  err: '✗',
  info: 'ℹ\uFE0E',
  dns: '?',
  none: '–',
};

/** A badge: `<span class="b s-err">✗ fail</span>`. `text` is trusted (mailgate's own words) unless escaped first. */
export function badge(state: State, text: string, extra = ''): string {
  return `<span class="b s-${state}${extra ? ` ${extra}` : ''}">${STATE_ICON[state]} ${text}</span>`;
}

/** The badge state of a {@link RecordStatus}: found ok, none grey, several or invalid an error, DNS trouble its own. */
export function recordState(status: RecordStatus): State {
  switch (status) {
    case 'found':
      return 'ok';
    case 'none':
      return 'none';
    case 'dns-error':
      return 'dns';
    default:
      return 'err';
  }
}

/** The word of a {@link RecordStatus} in a badge. */
export const RECORD_WORD: Readonly<Record<RecordStatus, string>> = {
  found: 'found',
  none: 'none',
  multiple: 'several',
  invalid: 'invalid',
  'dns-error': 'DNS error',
};

/** A zone file location, `samples/zones/example.com.zone:12`, or `''`. */
export function sourceText(source: { file: string; line: number } | undefined): string {
  return source ? `<span class="mono">${esc(source.file)}:${source.line}</span>` : '';
}

/** `1 error`, `2 warnings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The citation of a finding (`RFC 7208 §4.6, §12`, `RFC 9989 Appendix A.6`) with every RFC section linked to
 * rfc-editor.org (`https://www.rfc-editor.org/rfc/rfc7208#section-4.6`): `RFC 7208 §4.6` is one link, a further
 * `§12` another, an RFC without a section links to the RFC; other words stay text. The addresses are built from
 * digits and section numbers only.
 */
export function rfcLinks(citation: string): string {
  const out: string[] = [];
  let rfc: string | undefined;
  let last = 0;
  const base = 'https://www.rfc-editor.org/rfc/rfc';
  // Each alternative starts with a fixed word or sign and its quantifiers take disjoint characters: linear.
  for (const m of citation.matchAll(
    /RFC (\d{3,5})(?: §(\d+(?:\.\d+)*)| Appendix ([A-Z](?:\.\d+)*))?|§(\d+(?:\.\d+)*)|Appendix ([A-Z](?:\.\d+)*)/g,
  )) {
    out.push(esc(citation.slice(last, m.index)));
    last = m.index + m[0].length;
    if (m[1] !== undefined) rfc = m[1];
    const section = m[2] ?? m[4];
    const appendix = m[3] ?? m[5];
    const fragment =
      section !== undefined ? `#section-${section}` : appendix !== undefined ? `#appendix-${appendix}` : '';
    out.push(rfc === undefined ? esc(m[0]) : `<a href="${base}${rfc}${fragment}">${esc(m[0])}</a>`);
  }
  out.push(esc(citation.slice(last)));
  return out.join('');
}

/** A table wrapped in a box that scrolls sideways on narrow screens, so the page itself never does. */
export function scrollTable(table: string): string {
  return `<div class="scroll">${table}</div>`;
}

/** The parts of a page for {@link htmlDocument}. */
export interface HtmlPage {
  /** The document title (trusted words, escaped here). */
  title: string;
  /** The main content (already escaped HTML). */
  body: string;
}

/**
 * A complete HTML document: `<!doctype html>`, the character set and the CSP meta tag first in `<head>`, the style sheet, the main
 * content, a footer naming mailgate's version, and the script last. Opens from disk or a CI artifact as is.
 */
export function htmlDocument(page: HtmlPage): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(HTML_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="mailgate ${VERSION}">`,
    '<link rel="icon" href="data:,">',
    `<title>${esc(page.title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    page.body,
    `<footer><p>Made by mailgate ${VERSION}. This file loads nothing: no fonts, scripts, styles or images from anywhere. Text from DNS and reports is shown as text; control and bidirectional characters appear as escapes such as <code>\\u{202e}</code>.</p></footer>`,
    '</main>',
    `<script>${HTML_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
