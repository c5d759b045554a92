import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { aWorker, ctxAs, nikFor } from '../support/factories.js';
import { assertText, skip, startBrowserJourney } from './harness.js';

const OPERATOR = 'operator.palembang@payung.local';

describe('the worker form and pages, on an English browser too', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  before(async () => {
    j = await startBrowserJourney();
  });
  after(async () => {
    await j?.close();
  });

  async function newWorkerForm(locale = 'en-US'): Promise<Page> {
    const page = await j.signedInPage(OPERATOR, undefined, locale);
    await page.goto(`${j.app.baseUrl}/#/workers/new`);
    await page.getByRole('heading', { level: 1, name: 'Tambah Pekerja' }).waitFor();
    return page;
  }
  const nikBox = (page: Page) => page.getByRole('textbox', { name: /^NIK/ });

  test('stale errors go when the NIK fills the fields; dates are dd/mm/yyyy; the phone as its hint', async () => {
    j.problems.length = 0;
    const page = await newWorkerForm('en-US');
    assert.equal(await page.evaluate(() => navigator.language), 'en-US', 'the browser speaks English');
    assert.equal(await page.locator('input[type="date"], input[type="datetime-local"]').count(), 0);

    // An empty save: sex and birth date are required.
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();
    await page.locator('#worker-birthDate-error').waitFor();
    await page.locator('#worker-sex-error').waitFor();

    // 13 digits, then typing stops: said in the live region, not only counted.
    await nikBox(page).fill('1671014506880');
    await assertText(page.getByTestId('nik-length'), /NIK harus 16 digit; yang terisi baru 13 digit/);

    // The full NIK fills sex and birth date (day first), and their old complaints go.
    const nik = nikFor('1988-06-05', 'P', '167101', 7301);
    await nikBox(page).fill(nik);
    await assertText(page.getByTestId('nik-decoded'), /5 Juni 1988, perempuan/);
    assert.equal(await page.getByRole('textbox', { name: /^Tanggal lahir/ }).inputValue(), '05/06/1988');
    await page.locator('#worker-birthDate-error').waitFor({ state: 'detached' });
    await page.locator('#worker-sex-error').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('nik-registered').count(), 0, 'an unused NIK is free');

    // The operator of Palembang is offered Palembang only.
    const regencies = await page.locator('#worker-domicile-regency option').allTextContents();
    assert.deepEqual(regencies.slice(1), ['Kota Palembang']);

    await page.getByRole('textbox', { name: /^Nama lengkap/ }).fill('Juniarti Tanggal');
    await page.getByRole('textbox', { name: /^Nomor HP/ }).fill('0812-3456-7890');
    await page.locator('#worker-domicile-regency').selectOption('16.71');
    await page.locator('#worker-domicile-district').selectOption('16.71.01');
    await page.locator('#worker-domicile-village').selectOption('16.71.01.1001');
    await page.getByRole('combobox', { name: /^Pekerjaan/ }).selectOption({ label: 'Nelayan' });
    await page.getByRole('combobox', { name: /^Cara persetujuan/ }).selectOption({ index: 1 });
    await page.locator('#worker-consentConfirmed').check();
    await page.getByRole('button', { name: 'Simpan', exact: true }).click();

    await page.waitForURL(/#\/workers\/[0-9a-f-]{36}$/);
    await assertText(page.getByTestId('worker-birth'), /5 Juni 1988/);
    await assertText(page.getByTestId('worker-phone'), /^0812-3456-7890$/);
    const id = page.url().split('/').at(-1)!;
    assert.equal((await j.app.app.workers.get(ctxAs(), id)).birthDate, '1988-06-05');
    assert.deepEqual(j.problems, []);
  });

  test('a registered NIK fails the live check, with the same words inside and outside the region', async () => {
    const palembang = await j.app.app.workers.create(
      ctxAs(),
      aWorker({ birthDate: '1977-01-02', nik: nikFor('1977-01-02', 'P'), fullName: 'Sudah Ada' }),
    );
    const oganIlir = await j.app.app.workers.create(
      ctxAs(),
      aWorker({ birthDate: '1977-01-03', nik: nikFor('1977-01-03', 'P'), domicileCode: '16.10.01' }),
    );
    j.problems.length = 0;
    const page = await newWorkerForm('id-ID');
    await nikBox(page).fill(palembang.nik);
    const registered = page.getByTestId('nik-registered');
    await assertText(registered, /sudah terdaftar di Payung/);
    const own = (await registered.textContent()) ?? '';
    await registered.getByRole('link', { name: 'Buka data pekerja ini' }).waitFor();
    assert.equal(await registered.getByRole('link').getAttribute('href'), `#/workers/${palembang.id}`);

    await nikBox(page).fill(oganIlir.nik);
    await assertText(registered, /sudah terdaftar di Payung/);
    assert.equal(await registered.getByRole('link').count(), 0, 'nobody outside the region is linked');
    const other = (await registered.textContent()) ?? '';
    assert.equal(other, own.replace('Buka data pekerja ini', ''));
    assert.doesNotMatch(other, /Ogan|16\.10/);
    assert.deepEqual(j.problems, []);
  });

  test('a NIK searched for never travels in a URL', async () => {
    const w = await j.app.app.workers.create(
      ctxAs(),
      aWorker({ birthDate: '1979-09-08', nik: nikFor('1979-09-08', 'P'), fullName: 'Cari Saya' }),
    );
    j.problems.length = 0;
    const page = await j.signedInPage(OPERATOR);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.getByRole('searchbox', { name: 'Cari nama atau NIK' }).fill(w.nik);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByTestId('results').getByRole('link', { name: 'Cari Saya' }).waitFor();
    assert.ok(urls.some((u) => u.endsWith('/api/v1/workers/search')));
    assert.deepEqual(
      urls.filter((u) => u.includes(w.nik)),
      [],
    );
    assert.deepEqual(j.problems, []);
  });

  test('the upload button speaks the page’s language on an English browser', async () => {
    j.problems.length = 0;
    const page = await j.signedInPage(OPERATOR, undefined, 'en-US');
    await page.goto(`${j.app.baseUrl}/#/imports`);
    await assertText(page.getByTestId('import-file-button'), /^Pilih berkas…$/);
    await assertText(page.getByTestId('import-file-name'), /^Belum ada berkas dipilih\.$/);
    await page.getByLabel('Berkas daftar pekerja').setInputFiles({
      name: 'daftar.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('NIK;Nama\n'),
    });
    await assertText(page.getByTestId('import-file-name'), /^Berkas dipilih: daftar\.csv$/);
    assert.deepEqual(j.problems, []);
  });

  test('the auditor is refused the imports page; a missing worker’s page has a heading', async () => {
    j.problems.length = 0;
    const page = await j.signedInPage('auditor@payung.local');
    await page.goto(`${j.app.baseUrl}/#/imports`);
    await page.getByRole('heading', { level: 1, name: 'Anda tidak berwenang' }).waitFor();

    await page.goto(`${j.app.baseUrl}/#/workers/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Data pekerja tidak ditemukan' }).waitFor();
    await assertText(page.getByTestId('error-notice'), /tidak ditemukan/);
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);
    assert.deepEqual(j.problems, []);
  });
});
