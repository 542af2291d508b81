import { describe, expect, it } from 'vitest';
import {
  csvField,
  escapeControl,
  escapeHtml,
  escapeLogLine,
  escapeMarkdown,
  markdownCode,
} from '../../src/report/escape.js';

describe('escapeControl', () => {
  it('makes ESC, newlines, DEL, C1 and invisible formatting characters visible', () => {
    expect(escapeControl('v=spf1 \u001b[31m-all')).toBe('v=spf1 \\x1b[31m-all');
    expect(escapeControl('a\r\nb\tc\u0000d\u007f')).toBe('a\\x0d\\x0ab\\x09c\\x00d\\x7f');
    expect(escapeControl('\u0085\u009b')).toBe('\\x85\\x9b');
    expect(escapeControl('paypal\u202ecom\u200b\u2028\ufeff')).toBe(
      'paypal\\u{202e}com\\u{200b}\\u{2028}\\u{feff}',
    );
  });
  it('keeps printable text, including non-ASCII letters', () => {
    expect(escapeControl('v=DMARC1; p=reject; rua=mailto:dmarc@exämple.com')).toBe(
      'v=DMARC1; p=reject; rua=mailto:dmarc@exämple.com',
    );
  });
});

describe('escapeMarkdown', () => {
  it('renders Markdown and HTML as literal text', () => {
    expect(
      escapeMarkdown('**bold** _x_ [link](http://evil) | a | <img src=x onerror=alert(1)> `code` # h'),
    ).toBe(
      '\\*\\*bold\\*\\* \\_x\\_ \\[link\\]\\(http\\://evil\\) \\| a \\| &lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\`code\\` \\# h',
    );
  });
  it('keeps workflow-command text and escapes on one line', () => {
    expect(escapeMarkdown('::error::x%0A\ny')).toBe('\\:\\:error\\:\\:x%0A\\\\x0ay');
    expect(escapeMarkdown('&amp; "q"')).toBe('&amp;amp; &quot;q&quot;');
  });
});

describe('markdownCode', () => {
  it('wraps text in a code span that survives backticks and table pipes', () => {
    expect(markdownCode('v=spf1 -all')).toBe('`v=spf1 -all`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('`x`')).toBe('`` `x` ``');
    expect(markdownCode('a|b')).toBe('`a\\|b`');
    expect(markdownCode('<script>\n')).toBe('`<script>\\x0a`');
    expect(markdownCode('')).toBe('` `');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('csvField', () => {
  it('quotes per RFC 4180 and neutralizes formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('-all')).toBe("'-all");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('line\nbreak')).toBe('line\\x0abreak');
    expect(csvField(3)).toBe('3');
    expect(csvField(undefined)).toBe('');
  });
});

describe('escapeLogLine', () => {
  it('breaks workflow commands at the start of a line and legacy ##[ commands anywhere', () => {
    expect(escapeLogLine('::error::pwned')).toBe('\\::error::pwned');
    expect(escapeLogLine('   ::add-mask::x')).toBe('   \\::add-mask::x');
    expect(escapeLogLine('text ::error:: inside')).toBe('text ::error:: inside');
    expect(escapeLogLine('x ##[set-output name=a]b')).toBe('x #\\#[set-output name=a]b');
    expect(escapeLogLine('a\n::error::b')).toBe('a\\x0a::error::b');
  });
});
