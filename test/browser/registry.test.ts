import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo.users.js';
import { WEB_DIST_DIR } from '../../src/platform/paths.js';
import { startTestApp } from '../support/app.js';

// Browser journeys run Debian's chromium. Without it they are skipped (with the reason in the report),
// unless PAYUNG_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const isRequired = process.env.PAYUNG_REQUIRE_BROWSER === '1';
const skip =
  !hasChromium && !isRequired
    ? `${CHROMIUM} not found: install it (apt-get install chromium) to run the browser journey; ` +
      'PAYUNG_REQUIRE_BROWSER=1 makes this a failure'
    : false;

const OPERATOR = 'operator.palembang@payung.local';

describe('registry journey in a browser', { skip }, () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Console errors and uncaught exceptions: a CSP violation or a crash shows up here. */
  const problems: string[] = [];

  before(async () => {
    assert.ok(hasChromium, `PAYUNG_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing (apt-get install chromium)`);
    assert.ok(
      existsSync(join(WEB_DIST_DIR, 'index.html')),
      'The web app is not built: run `npm run build:web` (npm test does it first)',
    );
    app = await startTestApp();
    browser = await chromium.launch({
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
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.close();
  });

  async function signedInPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    problems.length = 0;
    const context = await browser.newContext({ viewport, locale: 'id-ID' });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // Refusals the journey provokes on purpose (401 before signing in, 409 on a conflict) are logged by
      // the browser as failed loads; the page shows them. Anything else is a problem (CSP, crash, 5xx).
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${app.baseUrl}/#/workers`);
    await page.getByLabel('Alamat e-mail').fill(OPERATOR);
    await page.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Data Pekerja' }).waitFor();
    return page;
  }

  async function openSitiAminah(page: Page): Promise<string> {
    await page.getByRole('searchbox', { name: 'Cari nama atau NIK' }).fill('Siti Aminah');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const link = page.getByTestId('results').getByRole('link', { name: 'Siti Aminah', exact: true }).first();
    await link.click();
    await page.waitForURL(/#\/workers\/[0-9a-f-]{36}$/);
    await assertText(page.getByTestId('worker-name'), /^Siti Aminah$/);
    return page.url();
  }

  test('search by name → detail → edit → save → "Tersimpan", and it persists', async () => {
    const page = await signedInPage();
    await assertText(page.getByTestId('search-status'), /Menampilkan \d+ pekerja/);
    const detailUrl = await openSitiAminah(page);
    await assertText(page.getByTestId('worker-sex'), /^Perempuan$/);

    await page.getByRole('link', { name: 'Ubah', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ubah Data Pekerja' }).waitFor();
    // The NIK is checked live and decoded: birth date, sex and issuing region.
    await assertText(page.getByTestId('nik-decoded'), /Dari NIK: tanggal lahir \d{1,2} \w+ \d{4}, perempuan/);

    await page.getByRole('textbox', { name: 'Nomor HP/telepon' }).fill('0813-7000-1234');
    await page.getByRole('combobox', { name: /^Pekerjaan/ }).selectOption({ label: 'Nelayan' });
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();

    await page.waitForURL(detailUrl);
    await assertText(page.getByTestId('flash'), /Tersimpan/);
    await assertText(page.getByTestId('worker-occupation'), /^Nelayan$/);
    await assertText(page.getByTestId('worker-phone'), /^0813-7000-1234$/);

    await page.reload();
    await assertText(page.getByTestId('worker-name'), /^Siti Aminah$/);
    await assertText(page.getByTestId('worker-occupation'), /^Nelayan$/);
    // As the form's hint writes it, not as stored (+62…).
    await assertText(page.getByTestId('worker-phone'), /^0813-7000-1234$/);
    assert.equal(
      (await page.getByTestId('flash').textContent())?.trim(),
      '',
      'the saved note does not return',
    );
    assert.deepEqual(problems, []);
  });

  test('a change made elsewhere meanwhile is reported, not overwritten', async () => {
    const page = await signedInPage();
    const detailUrl = await openSitiAminah(page);
    const id = detailUrl.split('/').at(-1)!;
    await page.getByRole('link', { name: 'Ubah', exact: true }).click();
    await page.getByRole('textbox', { name: 'Alamat' }).fill('Jl. Dari Browser 1');

    // Someone else saves first, through the API.
    const headers = await app.login('admin@payung.local');
    const current = await app.server.inject({ method: 'GET', url: `/api/v1/workers/${id}`, headers });
    const changed = await app.server.inject({
      method: 'PATCH',
      url: `/api/v1/workers/${id}`,
      headers,
      payload: { version: current.json().version, address: 'Jl. Dari Kantor 2' },
    });
    assert.equal(changed.statusCode, 200, changed.body);

    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await assertText(page.getByTestId('conflict'), /diubah orang lain/);
    await page.getByRole('button', { name: 'Muat ulang data terbaru' }).click();
    await page.getByTestId('conflict').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('textbox', { name: 'Alamat' }).inputValue(), 'Jl. Dari Kantor 2');
    assert.deepEqual(problems, []);
  });

  test('at phone width the menu folds away and nothing scrolls sideways', async () => {
    const page = await signedInPage({ width: 390, height: 844 });
    const nav = page.getByRole('navigation', { name: 'Menu utama' });
    assert.equal(await nav.isVisible(), false);
    await page.getByRole('button', { name: 'Menu', exact: true }).click();
    await nav.getByRole('link', { name: 'Data Pekerja' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Workers' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Workers' }).waitFor();
    assert.deepEqual(problems, []);
  });
});

async function assertText(locator: ReturnType<Page['getByTestId']>, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last = '';
  while (Date.now() < deadline) {
    last = ((await locator.textContent({ timeout: 10_000 }).catch(() => '')) ?? '').trim();
    if (pattern.test(last)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(last, pattern);
}
