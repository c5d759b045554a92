import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.users.js';
import { WEB_DIST_DIR } from '../../src/platform/paths.js';
import { startTestApp } from '../support/app.js';

// The same browser and skip rule as registry.test.ts: Debian's chromium, skipped (with the reason in the
// report) when it is missing, unless PAYUNG_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
export const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const isRequired = process.env.PAYUNG_REQUIRE_BROWSER === '1';
export const skip =
  !hasChromium && !isRequired
    ? `${CHROMIUM} not found: install it (apt-get install chromium) to run the browser journey; ` +
      'PAYUNG_REQUIRE_BROWSER=1 makes this a failure'
    : false;

export type BrowserApp = Awaited<ReturnType<typeof startTestApp>>;

/** A running app, a browser, and pages signed in as a demo user; `close()` ends all three. */
export async function startBrowserJourney() {
  assert.ok(hasChromium, `PAYUNG_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install chromium)`);
  assert.ok(
    existsSync(join(WEB_DIST_DIR, 'index.html')),
    'The web app is not built: run `npm run build:web` (npm test does it first)',
  );
  const app = await startTestApp();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  /** Console errors and uncaught exceptions: a CSP violation or a crash shows up here. */
  const problems: string[] = [];

  /** `locale`: the browser's language (an English browser must still see dates as dd/mm/yyyy). */
  async function signedInPage(
    email: string,
    viewport = { width: 1280, height: 900 },
    locale = 'id-ID',
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // Refusals provoked on purpose (401 before signing in, 404 for a worker out of scope) are logged by
      // the browser as failed loads; the page shows them. Anything else is a problem (CSP, crash, 5xx).
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${app.baseUrl}/#/workers`);
    await page.getByLabel('Alamat e-mail').fill(email);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByTestId('user-name').waitFor();
    return page;
  }

  return {
    app,
    problems,
    signedInPage,
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await app.close();
    },
  };
}

/** Waits until the element's text matches (the page updates after requests). */
export async function assertText(locator: Locator, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await locator.textContent({ timeout: 10_000 }).catch(() => '')) ?? '').trim();
    if (pattern.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(last, pattern);
}
