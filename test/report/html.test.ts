/**
 * The HTML report as text: one self-contained document whose Content-Security-Policy hashes match its one style
 * and one script, with no address outside the page but rfc-editor.org links, and every piece of DNS text escaped.
 * What a browser makes of it is checked in html-browser.test.ts.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import { buildBatchReport, mergeBatchReports } from '../../src/audit/batch-report.js';
import { type GateResult, gateReports } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { renderBatchReport } from '../../src/report/batch-render.js';
import { renderBatchHtml, renderHtml } from '../../src/report/html.js';
import { HTML_CSP, rfcLinks } from '../../src/report/html-layout.js';
import { renderReportsHtml } from '../../src/report/html-reports.js';
import { renderDomainReports } from '../../src/report/index.js';
import { renderReports } from '../../src/report/reports-render.js';
import { FIXED_NOW, sampleResolver } from '../support/samples.js';
import { evilReport, sampleReports } from './fixtures.js';
import { hostileReport } from './html-fixtures.js';

let samples: DomainReport[];
let hostile: DomainReport;
let evil: DomainReport;
let gate: GateResult;

beforeAll(async () => {
  samples = await sampleReports();
  hostile = await hostileReport();
  evil = await evilReport();
  const policy = parsePolicy(
    'defaults:\n  spf: { all: "-all", max-lookups: 8 }\n  dmarc: { p: quarantine, rua: true }\n  dkim: { min-key-bits: 2048 }\n',
  ).policy;
  gate = await gateReports(samples, policy, { resolver: sampleResolver() });
});

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Every URL-bearing attribute value of the document. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|action|srcset|poster|data|formaction)="([^"]*)"/g)].map(
    (m) => m[1]!,
  );
}

describe('the HTML document', () => {
  it('has one style and one script, both allowed by the CSP by their SHA-256, and a CSP that forbids loads', () => {
    const html = renderHtml(samples);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
      .exec(html)![1]!
      .replace(/&#39;/g, "'");
    expect(csp).toBe(HTML_CSP);
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `style-src ${sha(styles[0]!)}`,
      `script-src ${sha(scripts[0]!)}`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    // The CSP and the character set come before the style and the script; no inline style or event attribute.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
    expect(html.indexOf('<meta charset="utf-8">')).toBeLessThan(300);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('links nowhere but inside the page, to rfc-editor.org and to a data: favicon', () => {
    for (const html of [renderHtml(samples), renderHtml(samples, { gate }), renderHtml([hostile, evil])]) {
      for (const url of urls(html))
        expect(url).toMatch(
          /^(#[a-z0-9.-]+|https:\/\/www\.rfc-editor\.org\/rfc\/rfc\d+(#(section|appendix)-[A-Z0-9.]+)?|data:,)$/,
        );
      // Every in-page link has its target.
      for (const url of urls(html).filter((u) => u.startsWith('#')))
        expect(html).toContain(`id="${url.slice(1)}"`);
    }
  });

  it('is a format of mailgate audit and of batch reports', () => {
    expect(renderDomainReports(samples, 'html')).toBe(renderHtml(samples));
    expect(renderDomainReports(samples, 'html', { gate })).toBe(renderHtml(samples, { gate }));
  });
});

describe('hostile DNS text', () => {
  it('shows as text: no tag, script, URL or control character from a record survives', () => {
    const html = renderHtml([hostile]);
    const body = html.slice(html.indexOf('<main>'));
    // The record text is there, escaped.
    expect(body).toContain('include:&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(body).toContain('&lt;/style&gt;&lt;img src=x onerror=window.__pwned=3&gt;');
    expect(body).toContain('id=&lt;svg/onload=window.__pwned=4&gt;');
    expect(body).toContain('rua=javascript:window.__pwned=5');
    // The bidirectional override and the escape character are shown as escapes, never as themselves.
    expect(body).toContain('n=\\u{202e}exe.gnp\\x1b[31m');
    expect(html).not.toMatch(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/,
    );
    // No markup from DNS: the only tags are mailgate's own.
    expect(body).not.toMatch(
      /<(?!\/?(?:main|header|footer|section|h[1-4]|p|div|span|strong|code|bdi|a|ul|ol|li|table|thead|tbody|tr|th|td|caption|details|summary|dl|dt|dd|br|i|mark|abbr|meter|output|script|body|html)[\s>])/,
    );
    expect(body.match(/<script>/g)).toHaveLength(1);
    for (const url of urls(html)) expect(url).not.toMatch(/javascript:/i);
  });

  it('escapes the workflow-command, Markdown and terminal zone of the other renderers too', () => {
    const html = renderHtml([evil]);
    expect(html).toContain('y=&lt;img src=x onerror=alert(1)&gt;**bold**|cell|[l](https://evil.example)');
    expect(html).toContain('z=\\x1b[31mred\\x0a::error::newline');
    expect(html).not.toContain('<img');
  });
});

describe('the domain page', () => {
  it('says the verdict, the lookup budget and the include tree costs of the sample domains', () => {
    const html = renderHtml([samples[1]!]);
    expect(html).toContain(
      '<h2 id="d-1-h"><bdi>too-many-lookups.example</bdi></h2><span class="b s-err big">✗ fail</span>',
    );
    expect(html).toContain(
      '<strong>DNS lookups: 12 of 10</strong> <span class="b s-err">✗ over the limit: permerror</span>',
    );
    expect(html).toContain('aria-label="12 of 10 DNS lookups used"');
    // 12 segments, the two beyond the limit red; groups alternate by term of the record (a, mx, google 4, ...).
    const bar = /aria-label="12 of 10 DNS lookups used">(.*?)<\/div>/.exec(html)![1]!;
    expect(bar.match(/<i class="over">/g)).toHaveLength(2);
    expect(bar.match(/<i/g)).toHaveLength(12);
    expect(html).toContain('<code>include:_spf.google.com</code> 4</li>');
    expect(html).toContain('<span class="sub">costs 4 (1 + 3 below)</span>');
    expect(html).toContain('<span class="sub">12 lookups in total</span>');
    // DMARC: found at its own name, p=none marked on the ladder, the RFC 7489 view agrees.
    expect(html).toContain('<li class="s-warn" aria-current="step">');
    expect(html).toContain('✓ modes agree');
    // Findings by severity, with the catalog's remediation and linked RFC sections.
    expect(html).toContain('<h4>Errors (1)</h4>');
    expect(html).toContain(
      '<a href="https://www.rfc-editor.org/rfc/rfc7208#section-4.6.4">RFC 7208 §4.6.4</a>',
    );
    expect(html).toContain('samples/zones/too-many-lookups.example.zone:13');
  });

  it('marks the term a finding points at in its record', () => {
    const html = renderHtml([samples[2]!]);
    expect(html).toContain('<code class="rec">v=spf1 mx ip4:<mark>192.0.2.300</mark> -all</code>');
  });

  it('shows each policy rule with its outcome when gated', () => {
    const html = renderHtml(samples, { gate });
    expect(html).toContain('<h3>Policy rules</h3>');
    expect(html).toMatch(
      /<span class="b s-err">✗ fail<\/span><\/td><th scope="row"><code>spf.max-lookups<\/code><\/th>/,
    );
    expect(html).toContain('<span class="b s-err big">✗ policy failed</span>');
  });
});

describe('rfcLinks', () => {
  it('links each RFC section and appendix, and leaves other words as text', () => {
    expect(rfcLinks('RFC 7208 §4.6, §12')).toBe(
      '<a href="https://www.rfc-editor.org/rfc/rfc7208#section-4.6">RFC 7208 §4.6</a>, <a href="https://www.rfc-editor.org/rfc/rfc7208#section-12">§12</a>',
    );
    expect(rfcLinks('RFC 9989 Appendix A.6, Appendix C.5.2')).toBe(
      '<a href="https://www.rfc-editor.org/rfc/rfc9989#appendix-A.6">RFC 9989 Appendix A.6</a>, <a href="https://www.rfc-editor.org/rfc/rfc9989#appendix-C.5.2">Appendix C.5.2</a>',
    );
    expect(rfcLinks('RFC 5321 §4.4, RFC 1918, RFC 4193')).toBe(
      '<a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.4">RFC 5321 §4.4</a>, <a href="https://www.rfc-editor.org/rfc/rfc1918">RFC 1918</a>, <a href="https://www.rfc-editor.org/rfc/rfc4193">RFC 4193</a>',
    );
    expect(rfcLinks('draft-brand-indicators-for-message-identification §4')).toBe(
      'draft-brand-indicators-for-message-identification §4',
    );
    expect(rfcLinks('Gmail/Yahoo sender requirements 2024')).toBe('Gmail/Yahoo sender requirements 2024');
  });
});

describe('the batch page', () => {
  it('has an overview row and a section per audited domain, the most common findings, and a partial merge said', async () => {
    const domains = samples.map((r) => r.domain);
    const run = (index: number) =>
      auditDomains(domains, { resolver: sampleResolver(), now: FIXED_NOW, indexes: [0, 1, 2] }).then((r) =>
        buildBatchReport(
          { ...r, entries: r.entries.filter((e) => e.index % 2 === index % 2) },
          { total: 3, shard: { index: index + 1, count: 2 } },
        ),
      );
    const whole = buildBatchReport(
      await auditDomains(domains, { resolver: sampleResolver(), now: FIXED_NOW }),
    );
    const html = renderBatchHtml(whole);
    expect(renderBatchReport(whole, 'html')).toBe(html);
    expect(html.match(/<tr data-outcome=/g)).toHaveLength(3);
    expect(html.match(/<section class="card domain"/g)).toHaveLength(3);
    expect(html).toContain(
      '<tr data-outcome="fail"><td class="n">2</td><th scope="row"><a href="#d-2"><bdi>too-many-lookups.example</bdi></a></th>',
    );
    expect(html).toContain('<td class="n" data-over="1">12</td><td>none</td>');
    expect(html).toContain('id="f-spf.lookup-limit"');
    const partial = renderBatchHtml(mergeBatchReports([await run(0)], { allowPartial: true }));
    expect(partial).toContain('Partial merge: shard(s) 2/2 missing, so 1 of 3 domains were not checked.');
    expect(partial.match(/<tr data-outcome=/g)).toHaveLength(2);
  });
});

describe('report analysis pages', () => {
  it('escape sender names and sources, and show pass rates as numbers beside meters', () => {
    const html = renderReportsHtml({
      kind: 'senders',
      inventory: [
        {
          domain: 'example.com',
          period: { from: 1767225600, to: 1767312000 },
          messages: 100,
          dmarcPass: 90,
          senders: [
            {
              id: 'spf:x',
              kind: 'spf',
              name: '<script>window.__pwned=7</script>',
              spf: { term: 'include:evil.example', termDomain: 'example.com' },
              messages: 100,
              dmarcPass: 90,
              dmarcPassRate: 0.9,
              spfAligned: 90,
              dkimAligned: 0,
              spfPass: 90,
              dkimPass: 0,
              forwarded: 0,
              dispositions: { none: 100 },
              dkimSigners: [],
              mailFrom: [],
              sources: [],
              firstSeen: 1767225600,
              lastSeen: 1767312000,
            },
          ],
          unauthorized: [],
          undetermined: [],
        },
      ],
    });
    expect(renderReports({ kind: 'senders', inventory: [] }, 'html')).toContain('No aggregate report rows');
    expect(html).toContain('&lt;script&gt;window.__pwned=7&lt;/script&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('value="0.9000" aria-hidden="true"></meter> 90.0 %');
  });
});
