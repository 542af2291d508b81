/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core, opened from a file as a CI
 * artifact is): no console error (a CSP violation is one), no request of any kind, the values read back from the
 * DOM, hostile records inert, the 300-domain batch under 2 MB and working without JavaScript, sorting and
 * filtering with it, dark mode, print and 200% zoom. Skips, naming the package, where Chromium is missing;
 * fails instead under MAILGATE_REQUIRE_PEERS=1 (CI).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainReport } from '../../src/audit/audit.js';
import { auditDomain } from '../../src/audit/audit.js';
import type { BatchReport } from '../../src/audit/batch-report.js';
import { viewReport } from '../../src/audit/view.js';
import { loadZonePaths } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { gateReports } from '../../src/policy/gate.js';
import { parsePolicy } from '../../src/policy/load.js';
import { renderBatchHtml, renderHtml } from '../../src/report/html.js';
import { renderReportsHtml } from '../../src/report/html-reports.js';
import { chromiumAvailable, launchChromium, openHtml } from '../support/browser.js';
import { runCli } from '../support/cli.js';
import { peersRequired } from '../support/peers.js';
import { FIXED_NOW, ROOT, sampleResolver } from '../support/samples.js';
import { bulkBatch, hostileReport } from './html-fixtures.js';

const available = chromiumAvailable();
if (!available && peersRequired())
  throw new Error(
    'chromium (Debian package chromium) is required for the HTML report tests (MAILGATE_REQUIRE_PEERS=1)',
  );

/** The demo's domains (src/cli/demo.ts) with the DKIM selectors each publishes (none: common ones are probed). */
const SAMPLE_DOMAINS: [string, string[]][] = [
  ['mailgate-healthy.example', ['s2026']],
  ['too-many-lookups.example', ['google']],
  ['open-relay.example', ['legacy', 'old']],
  ['broken-spf.example', ['default']],
  ['proton.me', []],
];

/** The most the 300-domain batch page may weigh (issue 14). */
const MAX_BATCH_BYTES = 2 * 1024 * 1024;

// Each test opens pages of up to 2 MB in a browser: seconds each on a busy 2-core machine.
describe.skipIf(!available)('the HTML report in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let samples: DomainReport[];
  let bulk: BatchReport;
  let bulkHtml: string;

  beforeAll(async () => {
    browser = await launchChromium();
    // The demo's sample domains (npm run demo), with the selectors each publishes, from every sample zone, offline.
    const resolver = zoneResolver(await loadZonePaths([`${ROOT}/samples/zones`]), { offline: true });
    samples = [];
    for (const [domain, selectors] of SAMPLE_DOMAINS)
      samples.push(await auditDomain(domain, { resolver, selectors, now: FIXED_NOW }));
    bulk = await bulkBatch(300);
    bulkHtml = renderBatchHtml(bulk);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows each sample domain with no console error and no request, its values read back from the DOM', async () => {
    for (const report of samples) {
      const opened = await openHtml(browser, renderHtml([report]));
      try {
        const { page } = opened;
        expect(opened.errors, report.domain).toEqual([]);
        expect(opened.requests, report.domain).toEqual([]);
        expect(await page.locator('h2').first().textContent()).toBe(report.domain);
        const view = viewReport(report);
        // The records table: the SPF and DMARC records as published, each DKIM selector's row.
        const rows = page.locator('table.recs tbody tr');
        const spfRow = rows.filter({ has: page.locator('th', { hasText: /^SPF$/ }) });
        if (view.spf.record !== undefined)
          expect(await spfRow.locator('code.rec').textContent()).toBe(view.spf.record);
        const dmarcRow = rows.filter({ has: page.locator('th', { hasText: /^DMARC$/ }) });
        if (view.dmarc.record !== undefined)
          expect(await dmarcRow.locator('code.rec').textContent()).toBe(view.dmarc.record);
        expect(await rows.filter({ has: page.locator('th', { hasText: /^DKIM / }) }).count()).toBe(
          view.dkim.length,
        );
        // The include tree: one line per record of the analysis, the root saying the total.
        if (view.spf.tree && view.spf.lookups !== undefined && view.spf.tree.children.length > 0) {
          expect(await page.locator('.bar[aria-label$="DNS lookups used"]').getAttribute('aria-label')).toBe(
            `${view.spf.lookups} of 10 DNS lookups used`,
          );
          const treeText = await page.locator('.tree').textContent();
          expect(treeText).toContain(`${view.spf.tree.totalLookups} lookup`);
          for (const child of view.spf.tree.children) expect(treeText).toContain(child.domain);
        }
        // The findings, grouped by severity: as many items as findings.
        expect(await page.locator('section.domain li.f').count()).toBe(report.findings.length);
      } finally {
        await opened.close();
      }
    }
  });

  it('draws the include tree of too-many-lookups.example with each include cost and the budget overrun', async () => {
    const report = samples.find((r) => r.domain === 'too-many-lookups.example')!;
    const opened = await openHtml(browser, renderHtml([report]));
    try {
      const { page } = opened;
      const top = page.locator('.tree > li > ul > li');
      const lines = (await top.evaluateAll((lis) =>
        lis.map(
          (li) =>
            (li.firstElementChild?.textContent ?? '') +
            ' ' +
            (li.querySelector(':scope > .sub')?.textContent ?? ''),
        ),
      )) as string[];
      expect(lines).toEqual([
        'a costs 1',
        'mx costs 1',
        'include:_spf.google.com costs 4 (1 + 3 below)',
        'include:spf.improvmx.com costs 3 (1 + 2 below)',
        'include:_spf.protonmail.ch costs 2 (1 + 1 below)',
        'include:servers.mcsv.net costs 1',
      ]);
      // Google's three netblock includes hang below its include.
      expect(
        await page.locator('.tree li:has(> code:text-is("include:_spf.google.com")) > ul > li').count(),
      ).toBe(3);
      expect(await page.locator('.bar').first().locator('i.over').count()).toBe(2);
    } finally {
      await opened.close();
    }
  });

  it('keeps hostile records inert: no script runs, no element is injected, nothing loads', async () => {
    const opened = await openHtml(browser, renderHtml([await hostileReport()]));
    try {
      const { page } = opened;
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
      // (Page-side code is written as text: the project's TypeScript has no DOM types.)
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await page.locator('script').count()).toBe(1);
      expect(await page.locator('img, svg, iframe, object, embed, style + style').count()).toBe(0);
      const handlers = await page.evaluate(
        "[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name))",
      );
      expect(handlers).toEqual([]);
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const h of hrefs) expect(h).toMatch(/^(#|https:\/\/www\.rfc-editor\.org\/)/);
      // The hostile text is there, as text.
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain('include:</script><script>window.__pwned=1</script>');
      expect(text).toContain('</style><img src=x onerror=window.__pwned=3>');
      expect(text).toContain('n=\\u{202e}exe.gnp\\x1b[31m');
      expect(text).not.toContain('\u202e');
    } finally {
      await opened.close();
    }
  });

  it('renders the 300-domain batch under 2 MB, with the overview, the grid and a section per domain, sortable and filterable', async () => {
    const bytes = Buffer.byteLength(bulkHtml);
    expect(bytes).toBeLessThan(MAX_BATCH_BYTES);
    const opened = await openHtml(browser, bulkHtml);
    try {
      const { page } = opened;
      expect(opened.errors).toEqual([]);
      expect(opened.requests).toEqual([]);
      const rows = page.locator('table.grid tbody tr');
      expect(await rows.count()).toBe(300);
      expect(await page.locator('section.domain').count()).toBe(300);
      // The outcome cards say the summary's counts.
      const cards = await page.locator('.cards > div > strong').allTextContents();
      expect(cards.slice(0, 4).map(Number)).toEqual([
        bulk.summary.passing,
        bulk.summary.failing,
        bulk.summary.undetermined,
        bulk.summary.errored,
      ]);
      // Every row links to its domain's section, and the row says the domain's SPF lookups and DMARC policy.
      const links = await rows.locator('th a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const ids = new Set(await page.locator('section.domain').evaluateAll((s) => s.map((x) => `#${x.id}`)));
      expect(links.every((l) => ids.has(l!))).toBe(true);
      const d3 = bulk.entries[3]!.report!;
      const row3 = await rows.nth(3).locator('td').allTextContents();
      expect(row3[4]).toBe(String(d3.spf.lookups));
      expect(row3[5]).toBe(d3.dmarc.policy);
      // The most common findings, as the batch summary counts them.
      const top = page.locator('#overview table.sortable:not(.grid) tbody tr').first();
      expect(await top.locator('th code').textContent()).toBe(bulk.summary.findings[0]!.id);
      expect(await top.locator('td').nth(1).textContent()).toBe(String(bulk.summary.findings[0]!.domains));
      // With JavaScript: sorting by a column (numbers as numbers) and filtering by text and by outcome.
      const grid = page.locator('table.grid');
      const lookups = () => grid.locator('tbody tr td:nth-of-type(5)').allTextContents();
      await grid.locator('thead th').nth(5).locator('button').click();
      const ascending = (await lookups()).map(Number);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect(await grid.locator('thead th').nth(5).getAttribute('aria-sort')).toBe('ascending');
      await grid.locator('thead th').nth(5).locator('button').click();
      const descending = (await lookups()).map(Number);
      expect(descending).toEqual([...ascending].reverse());
      // Filtering by text and by outcome hides rows (and says how many are shown).
      await page.locator('.filters input[type=search]').fill('d17.');
      expect(await grid.locator('tbody tr:not([hidden])').count()).toBe(1);
      await page.locator('.filters input[type=search]').fill('');
      await page.locator('.filters select').selectOption('fail');
      expect(await grid.locator('tbody tr:not([hidden])').count()).toBe(bulk.summary.failing);
      expect(await page.locator('.filters output').textContent()).toBe(
        `${bulk.summary.failing} of 300 domains shown`,
      );
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('works without JavaScript: every row and section is there, anchors lead to the domains', async () => {
    const opened = await openHtml(browser, bulkHtml, { javaScriptEnabled: false });
    try {
      const { page } = opened;
      expect(opened.requests).toEqual([]);
      expect(await page.locator('table.grid tbody tr').count()).toBe(300);
      expect(await page.locator('table.grid tbody tr[hidden]').count()).toBe(0);
      expect(await page.locator('button.sort, .filters').count()).toBe(0);
      await page.locator('table.grid tbody tr').nth(41).locator('th a').click();
      expect(new URL(page.url()).hash).toBe('#d-42');
      expect(await page.locator('#d-42 h2').isVisible()).toBe(true);
    } finally {
      await opened.close();
    }
  });

  it('reads in dark mode, prints the closed details, and reflows at 200% zoom without scrolling the page sideways', async () => {
    const html = renderHtml(samples.slice(0, 3));
    const dark = await openHtml(browser, html, { colorScheme: 'dark' });
    try {
      const bg = await dark.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
      expect(r! + g! + b!).toBeLessThan(120);
      expect(dark.errors).toEqual([]);
    } finally {
      await dark.close();
    }
    const print = await openHtml(browser, html);
    try {
      // In a report of several domains the include trees are closed; printed, they show.
      const inside = print.page.locator('details.spf-tree .tree').first();
      expect(await inside.isVisible()).toBe(false);
      await print.page.emulateMedia({ media: 'print' });
      expect(await inside.isVisible()).toBe(true);
    } finally {
      await print.close();
    }
    // 200% zoom of a 1280-pixel window is a 640-CSS-pixel viewport.
    for (const page of [html, bulkHtml]) {
      const zoomed = await openHtml(browser, page, { viewport: { width: 640, height: 800 } });
      try {
        const [scroll, client] = await zoomed.page.evaluate<number[]>(
          '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
        );
        expect(scroll).toBeLessThanOrEqual(client!);
      } finally {
        await zoomed.close();
      }
    }
  });

  it('shows each policy rule of a gated report with its outcome', async () => {
    const policy = parsePolicy('defaults:\n  spf: { max-lookups: 8 }\n  dmarc: { p: quarantine }\n').policy;
    const gate = await gateReports(samples.slice(0, 2), policy, { resolver: sampleResolver() });
    const opened = await openHtml(browser, renderHtml(samples.slice(0, 2), { gate }));
    try {
      const { page } = opened;
      expect(opened.errors).toEqual([]);
      for (const [i, d] of gate.domains.entries()) {
        const section = page.locator(`section#d-${i + 1}`);
        expect(await section.locator('h2').textContent()).toBe(d.domain);
        const outcomes = await section
          .locator('table.rules tbody tr')
          .evaluateAll((trs) =>
            trs.map(
              (tr) =>
                `${tr.querySelector('th')?.textContent} ${tr.querySelector('td')?.textContent?.replace(/^\S+ /, '')}`,
            ),
          );
        expect(outcomes).toEqual(d.rules.map((r) => `${r.rule === 'finding' ? r.id : r.rule} ${r.outcome}`));
      }
    } finally {
      await opened.close();
    }
  });

  it('shows the sender inventory and the what-if of the sample DMARC reports', async () => {
    const args = [`${ROOT}/samples/reports`, '--no-db', '--offline', '--zone', `${ROOT}/samples/zones`];
    const senders = JSON.parse((await runCli(['rua', 'senders', ...args, '--format', 'json'])).stdout);
    const whatif = JSON.parse(
      (await runCli(['rua', 'whatif', ...args, '--proposed', `${ROOT}/samples/whatif`, '--format', 'json']))
        .stdout,
    );
    for (const [output, check] of [
      [
        { kind: 'senders', inventory: senders.inventory },
        async (page: import('playwright-core').Page) => {
          const names = await page.locator('h3:text-is("Senders") + .scroll tbody th').allTextContents();
          expect(names).toEqual(
            senders.inventory[0].senders
              .filter((s: { kind: string }) => s.kind !== 'unauthorized')
              .map((s: { name: string }) => s.name),
          );
        },
      ],
      [
        { kind: 'whatif', whatif: whatif.whatif, proposed: whatif.proposed, findings: whatif.findings },
        async (page: import('playwright-core').Page) => {
          expect(await page.locator('.cards strong').first().textContent()).toBe(
            whatif.whatif.totals.lost.toLocaleString('en-US'),
          );
          expect(await page.locator('tbody th').first().textContent()).toContain('Google Workspace');
        },
      ],
    ] as const) {
      const opened = await openHtml(
        browser,
        renderReportsHtml(output as Parameters<typeof renderReportsHtml>[0]),
      );
      try {
        expect(opened.errors).toEqual([]);
        expect(opened.requests).toEqual([]);
        await check(opened.page);
      } finally {
        await opened.close();
      }
    }
  });
});
