import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertText, skip, startBrowserJourney } from './harness.js';

describe('calculators and rate versions in the browser', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  before(async () => {
    j = await startBrowserJourney();
  });
  after(async () => {
    await j?.close();
  });

  test('an operator answers at the counter: a BPU contribution with its breakdown, a project, a benefit', async () => {
    j.problems.length = 0;
    const page = await j.signedInPage('operator.palembang@payung.local');
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    await menu.getByRole('link', { name: 'Kalkulator Iuran & Manfaat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kalkulator iuran dan manfaat' }).waitFor();

    const form = page.getByTestId('calc-bpu-form');
    await form.getByLabel(/Penghasilan sebulan/).fill('-5');
    await page.getByTestId('calc-submit').click();
    await assertText(form, /Tulis angka rupiah/);

    await form.getByLabel(/Penghasilan sebulan/).fill('1.500.000');
    await page.locator('#calc-date').fill('2026-06-15');
    await form.getByLabel('Pekerjaan').selectOption('ojek');
    await form.getByLabel('Sumber dana iuran').selectOption('csr');
    await page.getByTestId('calc-submit').click();
    await assertText(page.getByTestId('calc-total'), /Rp 11\.400/);
    await assertText(page.getByTestId('calc-base'), /Rp 1\.600\.000/);
    await assertText(page.getByTestId('calc-steps'), /golongan 4/);
    await assertText(page.getByTestId('calc-versions'), /PP 50\/2025/);

    await form.getByLabel('Sumber dana iuran').selectOption('apbd');
    await page.getByTestId('calc-submit').click();
    await assertText(page.getByTestId('calc-total'), /Rp 22\.800/);

    await page.getByTestId('calc-jakon').check();
    await page.getByLabel(/Nilai kontrak/).fill('1.000.000.000');
    await page.getByTestId('calc-submit').click();
    await assertText(page.getByTestId('calc-total'), /Rp 1\.750\.000/);
    await assertText(page.getByTestId('calc-steps'), /Tahap 3/);

    await page.getByTestId('calc-benefit').check();
    await page.getByLabel('Jenis manfaat').selectOption('jkk_death');
    await page.getByTestId('calc-submit').click();
    await assertText(page.getByTestId('calc-benefit-form'), /Dasar wajib untuk manfaat JKK dan STMB/);
    await page.getByLabel(/Upah \/ dasar iuran/).fill('1.000.000');
    await page.getByTestId('calc-submit').click();
    await assertText(page.getByTestId('calc-total'), /Rp 70\.000\.000/);
    await assertText(page.getByTestId('calc-scholarship'), /Rp 174\.000\.000/);
    assert.deepEqual(j.problems, []);
  });

  test('the administrator sees the versions and adds one; bad rules are named', async () => {
    j.problems.length = 0;
    const page = await j.signedInPage('admin@payung.local');
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    await menu.getByRole('link', { name: 'Tarif & Aturan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tarif dan aturan' }).waitFor();
    await assertText(page.getByTestId('rates-jakon'), /Berlaku/);
    await assertText(page.getByTestId('rates-bpu_discount'), /PP 50\/2025/);

    await page.getByTestId('add-rate-version').click();
    const dialog = page.getByTestId('rate-dialog');
    await dialog.getByLabel('Tabel').selectOption('jakon');
    await dialog.getByLabel(/Peraturan/).fill('Permenaker 99/2030 (uji)');
    await dialog
      .getByLabel(/Aturan \(JSON\)/)
      .fill('{"tiers": [{"upTo": 5, "jkkBasisPoints": 1, "jkmBasisPoints": 1}]}');
    await page.getByTestId('rate-save').click();
    await assertText(page.getByTestId('rate-issues'), /rules\.tiers\.0\.upTo/);
    await dialog
      .getByLabel(/Aturan \(JSON\)/)
      .fill('{"tiers": [{"upTo": null, "jkkBasisPoints": 9, "jkmBasisPoints": 1}]}');
    await page.getByTestId('rate-save').click();
    await assertText(page.getByTestId('rates-flash'), /Versi baru tersimpan/);
    await assertText(page.getByTestId('rates-jakon'), /Akan berlaku/);
    assert.deepEqual(j.problems, []);
  });

  test('an operator sees the versions but adds none', async () => {
    const page = await j.signedInPage('operator.palembang@payung.local');
    await page.goto(`${j.app.baseUrl}/#/rates`);
    await page.getByRole('heading', { level: 1, name: 'Tarif dan aturan' }).waitFor();
    assert.equal(await page.getByTestId('add-rate-version').count(), 0);
  });
});
