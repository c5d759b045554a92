import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createUsersRepo, hashPassword } from '../../src/modules/access/index.js';
import { DEMO_PASSWORD, seedDemoWorkers } from '../../src/modules/demo/index.js';
import { aProgramme, aSponsor } from '../support/allocation.js';
import { ctxAs } from '../support/factories.js';
import { assertText, skip, startBrowserJourney } from './harness.js';

describe('a programme’s allocation in the browser', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  before(async () => {
    j = await startBrowserJourney();
    const { user } = await j.app.app.users.create(ctxAs(), {
      email: 'pemeriksa@payung.local',
      fullName: 'Pemeriksa Anggaran',
      role: 'province_admin',
      regionCodes: ['16'],
    });
    await createUsersRepo(j.app.app.db).setPassword(user.id, await hashPassword(DEMO_PASSWORD), new Date());
  });
  after(async () => {
    await j?.close();
  });

  test('simulate budgets, propose a roster, the proposer sees why it cannot approve, a second person approves', async () => {
    const sponsor = await aSponsor(j.app.app.db, 'csr_bumn');
    const id = await aProgramme(j.app.app.db, {
      sponsorId: sponsor,
      budget: 10 * 201_600,
      name: 'CSR Nelayan',
    });
    j.problems.length = 0;
    const page = await j.signedInPage('admin@payung.local');
    await page.goto(`${j.app.baseUrl}/#/programmes/${id}/allocation`);
    await page
      .getByRole('heading', { level: 1, name: /Alokasi Program Perlindungan: CSR Nelayan/ })
      .waitFor();
    await assertText(page.getByTestId('formula'), /^Skor = 40 × DTKS\/DTSEN/);

    await page.getByLabel('Anggaran yang dicoba').fill('201.600, 2.016.000, 100.000.000');
    await page.getByRole('button', { name: 'Hitung simulasi' }).click();
    const sim = page.getByTestId('simulation');
    await assertText(sim, /Rp\s?2\.016\.000/);
    await assertText(sim, /anggaran/);
    assert.ok(await page.getByRole('img', { name: 'Pekerja tercakup menurut anggaran' }).isVisible());

    await page.getByRole('button', { name: 'Usulkan daftar peserta' }).click();
    await assertText(page.getByTestId('cannot-decide'), /persetujuan harus oleh orang lain/);
    await assertText(page.getByTestId('roster-workers'), /\d{4}\*{8}\d{4}/);

    const checker = await j.signedInPage('pemeriksa@payung.local');
    await checker.goto(`${j.app.baseUrl}/#/programmes/${id}/allocation`);
    await checker.getByRole('button', { name: 'Setujui' }).click();
    await assertText(checker.getByTestId('roster'), /Disetujui/);
    assert.deepEqual(j.problems, []);
  });

  test("a long roster's workers load page after page, the earlier ranks kept", async () => {
    await seedDemoWorkers(j.app.app.db, j.app.app.catalog, {
      count: 100,
      provinceCode: '16',
      now: new Date(),
    });
    const sponsor = await aSponsor(j.app.app.db, 'zakat');
    const id = await aProgramme(j.app.app.db, {
      sponsorId: sponsor,
      budget: 60 * 201_600,
      periodStart: '2030-01',
      periodEnd: '2030-12',
      name: 'Zakat Pekerja',
    });
    const { summary } = await j.app.app.allocation.propose(ctxAs(), id);
    assert.ok(summary.selected > 50, `only ${summary.selected} chosen`);
    j.problems.length = 0;
    const page = await j.signedInPage('pemeriksa@payung.local');
    await page.goto(`${j.app.baseUrl}/#/programmes/${id}/allocation`);
    const rows = page.getByTestId('roster-workers').locator('tbody tr');
    await rows.nth(49).waitFor();
    assert.equal(await rows.count(), 50);
    await page.getByRole('button', { name: 'Muat lagi' }).click();
    await rows.nth(summary.selected - 1).waitFor();
    assert.equal(await rows.count(), summary.selected);
    await assertText(rows.first(), /^1/);
    assert.deepEqual(j.problems, []);
  });
});
