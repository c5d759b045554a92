import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { aWorker, ctxAs } from '../support/factories.js';
import { aPerson, workerCsv } from '../support/sheets.js';
import { assertText, skip, startBrowserJourney } from './harness.js';

// The CSV has a title row and a blank row above its header (row 3): people start on row 4.
const FIRST_ROW = 4;

describe('spreadsheet import in a browser', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  before(async () => {
    j = await startBrowserJourney();
  });
  after(async () => {
    await j?.close();
  });

  test('upload → mapping → check → report → import → the workers are in the registry', async () => {
    const registered = await j.app.app.workers.create(
      ctxAs(),
      aWorker({ fullName: 'Sudah Terdaftar', sex: 'L', birthDate: '1971-06-09' }),
    );
    const valid = [
      aPerson({ name: 'Darmawan Kusumajaya' }),
      aPerson({ name: 'Wahyuningsih Pratiwi' }),
      aPerson({ name: 'Yohanes Tarigan Sembiring' }),
    ];
    const badNik = aPerson({ name: 'Nik Terpotong', nik: '16710112345' });
    const known = aPerson({
      name: 'Sudah Terdaftar',
      nik: registered.nik,
      sex: 'L',
      birthDate: '09-06-1971',
    });
    const people = [valid[0]!, badNik, valid[1]!, known, valid[2]!];
    const badRow = FIRST_ROW + people.indexOf(badNik);
    const csv = workerCsv(people);

    j.problems.length = 0;
    const page = await j.signedInPage('operator.palembang@payung.local');
    await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'Impor Data' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Impor Data' }).waitFor();
    await page.getByLabel('Berkas daftar pekerja').setInputFiles({
      name: 'pekerja-palembang.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click();

    // Mapping: the usual headers are recognised and preselected — also after a reload, when the
    // browser no longer holds what the upload answered and asks the server for the layout again.
    await page.getByRole('heading', { name: 'Cocokkan kolom' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Cocokkan kolom' }).waitFor();
    assert.equal(await page.getByLabel('Isian Payung untuk kolom NIK').inputValue(), 'nik');
    assert.equal(await page.getByLabel('Isian Payung untuk kolom NAMA LENGKAP').inputValue(), 'fullName');
    await page.getByRole('button', { name: 'Simpan dan periksa' }).click();

    // The check runs in the background: a progress bar, then the summary.
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    assert.match((await bar.getAttribute('aria-valuenow')) ?? '', /^\d+$/);
    await page.getByRole('heading', { name: 'Hasil pemeriksaan' }).waitFor();
    await assertText(page.getByTestId('count-rows'), /5$/);
    await assertText(page.getByTestId('count-accepted'), /3$/);
    await assertText(page.getByTestId('count-rejected'), /1$/);
    await assertText(page.getByTestId('count-duplicates'), /1$/);

    const rejected = page.getByTestId('rows-rejected').getByTestId('row-result');
    await assertText(rejected, new RegExp(`^Baris ${badRow}`));
    await assertText(rejected, /NIK.*16 angka/);
    await page.getByRole('tab', { name: /Data ganda/ }).click();
    await assertText(page.getByTestId('rows-duplicate'), /sudah terdaftar/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-report').click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const saved = await download.path();
    assert.ok(saved && statSync(saved).size > 0, 'the report was downloaded');

    await page.getByRole('button', { name: 'Impor 3 baris' }).click();
    const confirm = page.getByTestId('commit-confirm');
    await assertText(confirm.getByTestId('commit-confirm-added'), /^3 baris yang diterima akan ditambahkan/);
    await confirm.getByRole('button', { name: 'Ya, impor' }).click();
    await page.getByRole('heading', { name: 'Impor selesai' }).waitFor();
    await assertText(page.getByTestId('count-added'), /3$/);
    await assertText(page.getByTestId('import-done'), /3 pekerja ditambahkan/);

    // The history lists it; the registry finds the new workers.
    await page.getByRole('link', { name: 'Kembali ke Impor Data' }).click();
    await assertText(page.getByTestId('import-history'), /pekerja-palembang\.csv.*Selesai.*3 ditambahkan/s);
    await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'Data Pekerja' })
      .click();
    for (const p of valid) {
      await page.getByRole('searchbox', { name: 'Cari nama atau NIK' }).fill(p.name);
      await page.getByRole('button', { name: 'Cari', exact: true }).click();
      await page.getByTestId('results').getByRole('link', { name: p.name, exact: true }).waitFor();
    }
    assert.deepEqual(j.problems, []);
  });
});
