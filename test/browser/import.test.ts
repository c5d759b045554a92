import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { maskNik } from '../../src/domain/mask.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { aPerson, nikWithSerial, workerCsv } from '../support/sheets.js';
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
    await uploadFile(page, 'pekerja-palembang.csv', csv);

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
    // Whose row it is: the name and the NIK masked, as lists mask it.
    const masked = maskNik(badNik.nik).replaceAll('*', '\\*');
    await assertText(rejected, new RegExp(`^Baris ${badRow} — Nik Terpotong · NIK ${masked}(?!\\d)`));
    // A repeated NIK is "Data Ganda"; similar people are "Kemungkinan Data Ganda" (the counts' label).
    await page.getByRole('tab', { name: /^Data Ganda/ }).click();
    await assertText(page.getByTestId('rows-duplicate'), /Data Ganda: NIK ini sudah terdaftar/);
    await assertText(page.getByTestId('count-possibleDuplicates'), /^Kemungkinan Data Ganda/);
    // The totals row under the people is left out, and says so.
    await page.getByRole('tab', { name: /^Diabaikan/ }).click();
    await assertText(page.getByTestId('rows-skipped'), /baris jumlah/);

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

  test('a file of only invalid rows: each row rejected with its person, the screen’s words, and no import offered', async () => {
    const people = [
      aPerson({ name: 'Rina Salah Kecamatan', district: 'Kecamatan Antah Berantah' }),
      aPerson({ name: 'Budi Tanpa Tanggal', birthDate: '' }),
      aPerson({ name: 'Sari Tanpa Tanggal', birthDate: '' }),
    ];
    j.problems.length = 0;
    const page = await j.signedInPage('operator.palembang@payung.local');
    await uploadAndCheck(page, 'semua-ditolak.csv', workerCsv(people));
    await assertText(page.getByTestId('count-rejected'), /3$/);
    await assertText(page.getByTestId('count-accepted'), /0$/);
    const rows = page.getByTestId('rows-rejected').getByTestId('row-result');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 3);
    const nik = people[0]!.nik;
    const masked = maskNik(nik).replaceAll('*', '\\*');
    await assertText(
      rows.nth(0),
      new RegExp(`^Baris ${FIRST_ROW} — Rina Salah Kecamatan · NIK ${masked}(?!\\d)`),
    );
    assert.ok(!(await rows.nth(0).innerText()).includes(nik), 'the full NIK is not shown');
    // The field in the screen's words, never its key.
    await assertText(rows.nth(0), /Kecamatan:/);
    await assertText(rows.nth(1), /Tanggal Lahir:/);
    assert.doesNotMatch(
      await page.getByTestId('rows-rejected').innerText(),
      /\b(district|birthDate|fullName):/,
    );
    // The same finding on two rows reads as one line with its count, and lists just those rows.
    const groups = page.getByTestId('finding-groups');
    await assertText(groups, /Tanggal Lahir: .+ — 2 baris/);
    await groups.getByRole('button', { name: 'Lihat barisnya' }).first().click();
    await assertText(page.getByTestId('finding-filter'), /^Hanya baris dengan: /);
    await page.getByTestId('rows-rejected').getByText('Sari Tanpa Tanggal').waitFor();
    assert.equal(await rows.count(), 2);
    assert.equal(await page.getByTestId('rows-rejected').getByText('Rina Salah Kecamatan').count(), 0);
    // Nothing to import: no button, and the reason.
    await assertText(page.getByTestId('commit-nothing'), /Tidak ada baris yang dapat diimpor/);
    assert.equal(await page.getByTestId('commit-start').count(), 0);
    assert.deepEqual(j.problems, []);
  });

  test('a file imported before is flagged; possible duplicates page by 50 with the true total, also of one import', async () => {
    // 55 pairs of people alike (same birth date, sex and name, another NIK): possible duplicates.
    const pairs = Array.from({ length: 55 }, () => {
      const a = aPerson();
      return [
        a,
        aPerson({ name: a.name, sex: a.sex, birthDate: a.birthDate, nik: nikWithSerial(a.nik, 700) }),
      ];
    }).flat();
    const csv = workerCsv(pairs);
    const ctx = ctxAs();
    const first = await j.app.app.imports.upload(ctx, {
      fileName: 'kembar.csv',
      source: Readable.from([Buffer.from(csv)]),
      regionCode: '16.71',
    });
    await j.app.app.imports.validate(ctx, first.job.id);
    await j.app.app.imports.commit(ctx, first.job.id);

    j.problems.length = 0;
    const page = await j.signedInPage('operator.palembang@payung.local');
    await page.goto(`${j.app.baseUrl}/#/duplicates?job=${first.job.id}`);
    await page.getByRole('heading', { level: 1, name: 'Kemungkinan Data Ganda' }).waitFor();
    await assertText(page.getByTestId('dup-status'), /^Menampilkan 50 dari 55 pasangan/);
    assert.equal(await page.getByTestId('dup-pair').count(), 50);
    await page.getByRole('button', { name: 'Muat pasangan berikutnya' }).click();
    await assertText(page.getByTestId('dup-status'), /^55 pasangan menunggu pemeriksaan/);
    assert.equal(await page.getByTestId('dup-pair').count(), 55);
    assert.equal(await page.getByRole('button', { name: 'Muat pasangan berikutnya' }).count(), 0);

    // The same file again: flagged at upload, with when and by whom.
    await uploadFile(page, 'kembar-lagi.csv', csv);
    await assertText(
      page.getByTestId('already-imported'),
      /^File ini sudah pernah diimpor pada .+ oleh .+ \(kembar\.csv\)/,
    );
    assert.deepEqual(j.problems, []);
  });

  test('while a file is checked, the rows counted so far are shown before the end', async () => {
    j.problems.length = 0;
    const page = await j.signedInPage('operator.palembang@payung.local');
    // The server counts rows after each batch while the dry run works (test/imports/import-view.test.ts
    // watches that happen). Here the first poll is answered as it would be mid-way, so the screen is seen
    // showing it, whatever the speed of the machine.
    let held = false;
    await page.route(/\/api\/v1\/imports\/[0-9a-f-]{36}$/, async (route) => {
      const response = await route.fetch();
      const job = await response.json();
      if (held || route.request().method() !== 'GET' || job.status === 'uploaded')
        return route.fulfill({ response });
      held = true;
      return route.fulfill({
        response,
        json: { ...job, status: 'validating', counts: null, progress: { phase: 'validating', rows: 1000 } },
      });
    });
    await uploadAndCheck(page, 'progres.csv', workerCsv([aPerson(), aPerson()]), false);
    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    await assertText(page.getByTestId('import-progress-rows'), /^1\.000 baris diproses/);
    assert.equal(await bar.getAttribute('aria-valuenow'), '1000');
    await page.getByRole('heading', { name: 'Hasil pemeriksaan' }).waitFor();
    await page.unrouteAll();
  });
});

/** Upload a CSV from the menu's import page. */
async function uploadFile(page: Page, name: string, csv: string) {
  await page
    .getByRole('navigation', { name: 'Menu utama' })
    .getByRole('link', { name: 'Impor Data' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Impor Data' }).waitFor();
  await page.getByLabel('Berkas daftar pekerja').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.getByRole('button', { name: 'Unggah dan lanjutkan' }).click();
}

/** Upload a CSV, keep the recognised mapping and run the check. */
async function uploadAndCheck(page: Page, name: string, csv: string, waitForResult = true) {
  await uploadFile(page, name, csv);
  await page.getByRole('heading', { name: 'Cocokkan kolom' }).waitFor();
  await page.getByRole('button', { name: 'Simpan dan periksa' }).click();
  if (waitForResult) await page.getByRole('heading', { name: 'Hasil pemeriksaan' }).waitFor();
}
