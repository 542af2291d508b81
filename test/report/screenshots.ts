/**
 * `npm run screenshots`: renders the HTML report of a healthy sample domain, a broken one (over the SPF lookup
 * limit) and the batch overview of the sample domains, offline with a fixed clock, and writes screenshots of them
 * to docs/ (shown in the README) through Debian's Chromium (test/support/browser.ts). Run by
 * scripts/screenshots.mjs.
 */
import { join } from 'node:path';
import { auditDomain } from '../../src/audit/audit.js';
import { auditDomains } from '../../src/audit/batch.js';
import { buildBatchReport } from '../../src/audit/batch-report.js';
import { loadZonePaths } from '../../src/dns/zonefile.js';
import { zoneResolver } from '../../src/dns/zones.js';
import { renderBatchHtml, renderHtml } from '../../src/report/html.js';
import { chromiumAvailable, launchChromium, openHtml } from '../support/browser.js';
import { FIXED_NOW, ROOT } from '../support/samples.js';

/** The batch of the overview screenshot: the sample domains, with the DKIM selectors each publishes. */
const BATCH: [string, string[]][] = [
  ['mailgate-healthy.example', ['s2026']],
  ['too-many-lookups.example', ['google']],
  ['open-relay.example', ['legacy', 'old']],
  ['broken-spf.example', ['default']],
  ['proton.me', []],
  ['shop.test', ['2024r', '2024e']],
  ['bulkmailer.test', ['esp1']],
  ['forwarder.test', ['arc1']],
  ['football.example.com', []],
];

/** Each screenshot: its file, the page, the viewport, and how much of the page's top it shows (CSS pixels). */
interface Shot {
  file: string;
  html: string;
  width: number;
  height: number;
}

export async function main(): Promise<void> {
  if (!chromiumAvailable()) {
    console.error('screenshots: /usr/bin/chromium is missing (Debian package chromium)');
    process.exit(2);
  }
  // Zone files by their repository paths, as a CI job names them.
  process.chdir(ROOT);
  const resolver = zoneResolver(await loadZonePaths(['samples/zones']), { offline: true });
  const audit = (domain: string, selectors: string[]) =>
    auditDomain(domain, { resolver, selectors, now: FIXED_NOW });
  const healthy = await audit('mailgate-healthy.example', ['s2026']);
  const broken = await audit('too-many-lookups.example', ['google']);
  const selectors = new Map(BATCH);
  const result = await auditDomains(
    BATCH.map(([d]) => d),
    { resolver, now: FIXED_NOW, domainSelectors: (d) => selectors.get(d) ?? [] },
  );
  // The batch's clock is the wall clock; the screenshot's is fixed.
  const batch = { ...buildBatchReport(result), checkedAt: FIXED_NOW().toISOString() };
  const shots: Shot[] = [
    { file: 'docs/html-report-healthy.png', html: renderHtml([healthy]), width: 1000, height: 1400 },
    { file: 'docs/html-report-broken.png', html: renderHtml([broken]), width: 1000, height: 1750 },
    { file: 'docs/html-report-batch.png', html: renderBatchHtml(batch), width: 1200, height: 1210 },
  ];
  const browser = await launchChromium();
  try {
    for (const shot of shots) {
      const opened = await openHtml(browser, shot.html, {
        viewport: { width: shot.width, height: shot.height },
      });
      try {
        if (opened.errors.length > 0 || opened.requests.length > 0)
          throw new Error(`${shot.file}: ${[...opened.errors, ...opened.requests].join('; ')}`);
        await opened.page.screenshot({ path: join(ROOT, shot.file), fullPage: false });
        console.log(
          `screenshots: ${shot.file} (${shot.width}x${shot.height}, ${Buffer.byteLength(shot.html)} bytes of HTML)`,
        );
      } finally {
        await opened.close();
      }
    }
  } finally {
    await browser.close();
  }
}
