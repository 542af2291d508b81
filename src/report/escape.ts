/**
 * Escaping for untrusted text (TXT records, header values, names from DNS) in every output format.
 *
 * DNS text is attacker-controlled: a TXT record may hold ANSI escape sequences, newlines, Markdown, HTML,
 * or GitHub workflow commands (`::error::`, `::add-mask::`, `::stop-commands::`). Every renderer passes such
 * text through one of these functions, so it always shows as literal text.
 *
 * @module
 */

/**
 * Characters that are invisible or change how surrounding text displays: C0 controls, DEL, C1 controls,
 * zero-width and bidirectional formatting characters, line/paragraph separators and the BOM.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Makes control and invisible characters visible: `\x1b` for ESC, `\x0a` for a line feed, `\u{202e}` for a
 * bidirectional override. Printable text (including non-ASCII letters) is unchanged.
 *
 * @example escapeControl('v=spf1 \u001b[31m-all') === 'v=spf1 \\x1b[31m-all'
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}

/** ASCII punctuation that has a meaning in CommonMark/GFM inline text (all of it may be backslash-escaped). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~:@$^=]/g;

/**
 * Escapes text for Markdown (GitHub Flavored Markdown, as rendered in job summaries, pull-request comments and
 * READMEs) so it renders literally: control characters are made visible ({@link escapeControl}), `<`, `>`, `&`
 * and `"` become HTML entities (no tag or entity survives), and Markdown punctuation (`| * _ [ ] ( ) # ` and
 * the rest of ASCII punctuation with inline meaning) is backslash-escaped. The result is safe inside a table cell.
 */
export function escapeMarkdown(text: string): string {
  return escapeControl(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`);
}

/**
 * Renders text as a Markdown code span (for record text: shown in a monospace font, nothing interpreted).
 * Control characters are made visible; the fence is longer than any run of backticks inside; `|` is escaped
 * because GFM splits table cells at `|` even inside code spans; `<`/`>` are safe in a code span.
 */
export function markdownCode(text: string): string {
  const body = escapeControl(text).replace(/\|/g, '\\|');
  if (body === '') return '` `';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Escapes text for HTML element content and attribute values (`& < > " '`), after {@link escapeControl}. */
export function escapeHtml(text: string): string {
  return escapeControl(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Formats one CSV field (RFC 4180): control characters made visible, quoted when it contains `"`, `,` or a
 * space at either end, quotes doubled. A field that a spreadsheet would read as a formula (starting with `=`,
 * `+`, `-`, `@`, tab or CR) is prefixed with `'` (OWASP "CSV injection").
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  let text = escapeControl(value);
  if (/^[=+\-@\t\r]/.test(value)) text = `'${text}`;
  if (/[",\n\r]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * Makes a line of untrusted text safe to print on a GitHub Actions runner's standard output: control
 * characters are made visible (so the text stays on one line) and a leading `::` (a workflow command, which the
 * runner recognises after leading white space) or any `##[` (the legacy command syntax) is broken with a
 * visible backslash. Use this for anything printed outside `core.*` commands.
 */
export function escapeLogLine(text: string): string {
  return escapeControl(text)
    .replace(/##\[/g, '#\\#[')
    .replace(/^(\s*):(?=:)/, '$1\\:');
}
