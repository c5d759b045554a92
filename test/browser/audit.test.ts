import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { maskNik } from '../../src/domain/mask.js';
import { localDateTime, WIB } from '../../src/domain/timezone.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { assertText, skip, startBrowserJourney } from './harness.js';

describe('the audit viewer in the browser', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  before(async () => {
    j = await startBrowserJourney();
  });
  after(async () => {
    await j?.close();
  });

  test('the auditor finds a worker’s trail by NIK and reads names, labels and WIB times', async () => {
    const input = aWorker({
      fullName: 'Rahmawati Jejak',
      birthDate: '1981-02-11',
      occupation: 'pedagang_kaki_lima',
      declaredIncome: 1_800_000,
    });
    const w = await j.app.app.workers.create(ctxAs(), input);
    await j.app.app.workers.update(ctxAs(), w.id, {
      version: 1,
      occupation: 'ojek_online',
      declaredIncome: 2_500_000,
    });
    const at = (
      await j.app.app.db.query<{ at: Date }>(
        `SELECT at FROM audit_events WHERE entity_id = $1 AND action = 'worker.update'`,
        [w.id],
      )
    ).rows[0]!.at;
    const wib = localDateTime(new Date(at), WIB); // 'YYYY-MM-DD HH:mm:ss'
    const clock = `${wib.slice(11, 13)}.${wib.slice(14, 16)} WIB`;

    j.problems.length = 0;
    const page = await j.signedInPage('auditor@payung.local');
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'Jejak Audit' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Jejak Audit' }).waitFor();

    // A NIK that finds nobody says so at the field.
    await page.getByLabel('NIK atau nama pekerja').fill('1671015708759999');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await assertText(page.locator('.field-error'), /Tidak ada pekerja dengan NIK atau nama itu/);

    await page.getByLabel('NIK atau nama pekerja').fill(input.nik);
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await page.waitForURL(new RegExp(`#/audit\\?entityId=${w.id}$`));
    const label = `Rahmawati Jejak · NIK ${maskNik(input.nik)}`;
    await assertText(page.getByTestId('audit-found'), new RegExp(label.replace(/\*/g, '\\*')));
    const results = page.getByTestId('audit-results');
    await assertText(results, /Data pekerja diubah/);
    const row = results.getByRole('row').filter({ hasText: 'Data pekerja diubah' });
    // The record by its name and masked NIK, the time in the province's zone (WIB).
    await assertText(row, new RegExp(label.replace(/\*/g, '\\*')));
    await assertText(results.getByRole('columnheader').first(), /^Waktu \(WIB\)$/);
    await assertText(row.locator('time'), new RegExp(clock.replace('.', '\\.')));
    // Codes as their labels, money in rupiah.
    await row.getByText('Lihat rincian').click();
    await assertText(row.locator('.diff'), /Pedagang Kaki Lima.*Ojek Online/);
    await assertText(row.locator('.diff'), /Rp 1\.800\.000.*Rp 2\.500\.000/);
    assert.equal(await row.getByText('pedagang_kaki_lima').count(), 0);

    // The registration event shows the NIK masked until its full values are asked for (recorded).
    const created = results.getByRole('row').filter({ hasText: 'Pekerja didaftarkan' });
    await created.getByText('Lihat rincian').click();
    await assertText(created.locator('.diff'), new RegExp(maskNik(input.nik).replace(/\*/g, '\\*')));
    assert.equal(await created.getByText(input.nik, { exact: true }).count(), 0);
    // Sex, consent method and regions by their names, not their codes.
    await assertText(created.locator('.diff'), /Perempuan/);
    await assertText(created.locator('.diff'), /Tanda tangan/);
    await assertText(created.locator('.diff'), /Palembang \(16\.71\)/);
    await created.getByRole('button', { name: 'Tampilkan nilai lengkap' }).click();
    await assertText(created.getByRole('status'), /tercatat di jejak audit/);
    await assertText(created.locator('.diff'), new RegExp(input.nik));
    const views = await j.app.app.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'audit.view' AND actor_label = 'auditor@payung.local'`,
    );
    assert.equal(views.rows.length, 1);

    // The NIK never went into an address: not the page's, not any request's.
    assert.ok(!page.url().includes(input.nik));
    assert.deepEqual(
      urls.filter((u) => u.includes(input.nik)),
      [],
    );
    assert.deepEqual(j.problems, []);
  });
});
