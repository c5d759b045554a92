import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { demoSponsorId } from '../support/programmes.js';
import { assertText, skip, startBrowserJourney } from './harness.js';

describe('sponsors and programmes in the browser', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  before(async () => {
    j = await startBrowserJourney();
  });
  after(async () => {
    await j?.close();
  });

  test('the administrator adds a sponsor, creates a programme with rules, weights and a quota, and opens it', async () => {
    j.problems.length = 0;
    const page = await j.signedInPage('admin@payung.local');
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    await menu.getByRole('link', { name: 'Pemberi Bantuan Iuran' }).click();
    await page.getByRole('heading', { level: 1, name: /Pemberi Bantuan Iuran/ }).waitFor();
    await page.getByTestId('add-sponsor').click();
    const dialog = page.getByTestId('sponsor-dialog');
    await dialog.getByLabel('Jenis').selectOption('csr_bumd');
    await dialog.locator('#sponsor-name').fill('PT Bank Daerah Contoh — CSR');
    await dialog.getByLabel('Telepon kontak').fill('0711 123456');
    await dialog.getByTestId('sponsor-save').click();
    await assertText(page.getByTestId('sponsors-flash'), /PT Bank Daerah Contoh — CSR tersimpan/);
    await assertText(page.getByTestId('sponsors'), /CSR BUMD/);

    await menu.getByRole('link', { name: 'Program' }).click();
    await page.getByTestId('add-programme').click();
    const form = page.getByTestId('programme-form');
    await form
      .getByLabel('Pemberi Bantuan Iuran')
      .selectOption({ label: 'PT Bank Daerah Contoh — CSR — Sumatera Selatan' });
    await form.getByLabel('Nama program').fill('Perlindungan Juru Parkir 2027');
    await page.locator('#programme-periodStart').fill('2027-01');
    await page.locator('#programme-periodEnd').fill('2027-06');
    await page.locator('#programme-budget').fill('50.000.000');
    await page.locator('#rule-ageMax').fill('60');
    await page.locator('#rule-occupation-juru_parkir').check();
    await form.getByLabel('Harus terdaftar di DTKS/DTSEN').check();
    await page.locator('#weight-femaleHeadOfHousehold').fill('30');
    await form.getByRole('button', { name: 'Tambah kuota' }).click();
    await page.locator('#quota-0-value').fill('40');
    await page.getByTestId('programme-save').click();
    await page.getByRole('heading', { level: 1, name: 'Perlindungan Juru Parkir 2027' }).waitFor();
    await assertText(page.getByTestId('programme-money'), /Rp 50\.000\.000/);
    await assertText(page.getByTestId('programme-status'), /Draf/);
    await assertText(page.getByTestId('programme-rules'), /Juru Parkir/);
    assert.ok(await page.getByRole('link', { name: 'Alokasi dan Prioritas' }).isVisible());

    await page.getByRole('button', { name: 'Buka program' }).click();
    await page.getByTestId('programme-confirm').getByRole('button', { name: 'Buka program' }).click();
    await assertText(page.getByTestId('programme-status'), /Dibuka/);
    const saved = await j.app.app.db.query<{
      eligibility: { ageMax: number; requireWelfareRegister: boolean };
      quotas: unknown[];
    }>(`SELECT eligibility, quotas FROM programmes WHERE name = 'Perlindungan Juru Parkir 2027'`);
    assert.equal(saved.rows[0]!.eligibility.ageMax, 60);
    assert.equal(saved.rows[0]!.eligibility.requireWelfareRegister, true);
    assert.equal(saved.rows[0]!.quotas.length, 1);
    assert.deepEqual(j.problems, []);
  });

  test('a sponsor officer lands on its own programmes and sees of workers only those its sponsor pays for', async () => {
    // One worker the City of Palembang's budget pays for (sent to BPJS).
    const db = j.app.app.db;
    const worker = await j.app.app.workers.create(ctxAs(), aWorker({ fullName: 'Kartini Dibayar' }));
    const sponsorId = await demoSponsorId(j.app.app, 'apbd_regency');
    const programme = await aProgramme(db, { sponsorId, regionCode: '16.71' });
    const rosterId = await aRoster(db, programme.id);
    await anEnrolment(db, {
      workerId: worker.id,
      programmeId: programme.id,
      sponsorId,
      rosterId,
      status: 'submitted',
    });
    j.problems.length = 0;
    const page = await j.signedInPage('sponsor@payung.local');
    await page.goto(`${j.app.baseUrl}/#/`);
    await page.getByRole('heading', { level: 1, name: 'Program Perlindungan' }).waitFor();
    await assertText(page.locator('.lead'), /Pemerintah Kota Palembang/);
    // Nothing of the registry: no workers in the menu, and their pages are refused.
    const menu = page.getByRole('navigation', { name: 'Menu utama' });
    await menu.getByRole('link', { name: 'Peserta' }).waitFor();
    assert.equal(await menu.getByRole('link', { name: 'Data Pekerja' }).count(), 0);
    await page.goto(`${j.app.baseUrl}/#/workers`);
    await page.getByRole('heading', { level: 1, name: 'Anda tidak berwenang' }).waitFor();
    // Its own view: the workers its sponsor pays for, with the regency/city column.
    await page.goto(`${j.app.baseUrl}/#/sponsored`);
    await page.getByRole('heading', { level: 1, name: 'Peserta yang Ditanggung' }).waitFor();
    const table = page.getByTestId('enrolments-table');
    await assertText(table, /Kartini Dibayar/);
    await assertText(table, /Kota Palembang/);
    await assertText(table, new RegExp(`${worker.nik.slice(0, 4)}\\*{8}${worker.nik.slice(-4)}`));
    assert.ok(!((await table.textContent()) ?? '').includes(worker.nik), 'never the full NIK');
    assert.deepEqual(j.problems, []);
  });
});
