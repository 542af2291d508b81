/**
 * A real browser for the HTML report tests and the screenshots: Debian's Chromium (`/usr/bin/chromium`, package
 * `chromium`, installed by .ci/run), driven by playwright-core, which downloads no browser. Every page is opened
 * from a file, as a person opens a CI artifact, with every request routed: anything but the file itself is
 * recorded and aborted, so a test can assert that nothing was fetched (fonts, scripts, images, favicons).
 */

import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/** Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** True when Chromium is installed. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * The flags of every run: headless, no sandbox (CI runs as root), no GPU, and nothing that talks to the network
 * on its own (QUIC, background networking, component updates, sync). Playwright gives each launch a fresh,
 * temporary profile (`--user-data-dir`), removed when the browser closes.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A page opened from a file, with what it tried to load and what it logged. */
export interface OpenedPage {
  page: Page;
  /** The file's URL. */
  url: string;
  /** Every request other than the file itself and `data:` URLs (network ones were aborted). */
  requests: string[];
  /** Console messages of type error or warning, and uncaught page errors (CSP violations are console errors). */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Writes `html` to a fresh temporary file and opens it in a new browser context (`options`: viewport, colour
 * scheme, `javaScriptEnabled`...). Requests other than the file are aborted and listed in `requests`.
 */
export async function openHtml(
  browser: Browser,
  html: string,
  options: BrowserContextOptions = {},
): Promise<OpenedPage> {
  const dir = await mkdtemp(join(tmpdir(), 'mailgate-html-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html);
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const requests: string[] = [];
  const errors: string[] = [];
  // Every request is seen here (file: ones too, which routing does not intercept); network ones are aborted.
  // `data:` URLs load nothing.
  context.on('request', (r) => {
    if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url());
  });
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  const page = await context.newPage();
  // Generous limits: a 2 MB page on a busy 2-core machine takes seconds to load and to sort; a missing element
  // still fails within the test's own time limit.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(90_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: 'load' });
  return {
    page,
    url,
    requests,
    errors,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
