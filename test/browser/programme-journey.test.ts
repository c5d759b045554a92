import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Download, Page } from 'playwright-core';
import { createUsersRepo, hashPassword } from '../../src/modules/access/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { demoSponsorId } from '../support/programmes.js';
import { assertText, skip, startBrowserJourney } from './harness.js';

/**
 * The whole way from a sponsor's money to protected workers, in the browser: a province administrator
 * creates a programme (sponsor, name, period, budget, package, eligibility, weights) and opens it, runs
 * the simulation and proposes a roster; a second administrator approves it; the roster goes out to BPJS
 * as a file, BPJS's answer comes back (KPJ numbers, dates, "diterima"), and the enrolments show active
 * with their KPJs on the programme's enrolments page and on a worker's page.
 *
 * Every wait is on what the page shows (text, links, a download), never on a request's timing: the
 * export and the response run as background jobs the page polls.
 */
const NAMES = ['Ratna Juwita', 'Sumiati Lestari', 'Wahyuni Sari', 'Yuliana Putri'];
const PROGRAMME = 'Perlindungan Pedagang Kaki Lima 2027';

describe('a programme from creation to active enrolments with KPJ numbers', { skip }, () => {
  let j: Awaited<ReturnType<typeof startBrowserJourney>>;
  const workers: { id: string; nik: string; fullName: string }[] = [];
  before(async () => {
    j = await startBrowserJourney();
    const { user } = await j.app.app.users.create(ctxAs(), {
      email: 'pemeriksa@payung.local',
      fullName: 'Pemeriksa Anggaran',
      role: 'province_admin',
      regionCodes: ['16'],
    });
    await createUsersRepo(j.app.app.db).setPassword(user.id, await hashPassword(DEMO_PASSWORD), new Date());
    // Four street vendors in Palembang, in the welfare register, consent recorded: all eligible.
    for (const [i, fullName] of NAMES.entries()) {
      const w = await j.app.app.workers.create(
        ctxAs(),
        aWorker({ fullName, birthDate: `198${i}-0${i + 2}-1${i}`, occupation: 'pedagang_kaki_lima' }),
      );
      workers.push({ id: w.id, nik: w.nik, fullName });
    }
  });
  after(async () => {
    await j?.close();
  });

  test('create, open, simulate, propose, approve by another, export, import the response, see the KPJs', async () => {
    j.problems.length = 0;
    const sponsorId = await demoSponsorId(j.app.app, 'apbd_province');
    const admin = await j.signedInPage('admin@payung.local');

    // 1. The programme, as the province administrator writes it.
    await admin
      .getByRole('navigation', { name: 'Menu utama' })
      .getByRole('link', { name: 'Program' })
      .click();
    await admin.getByTestId('add-programme').click();
    const form = admin.getByTestId('programme-form');
    await form.getByLabel('Pemberi Bantuan Iuran').selectOption(sponsorId);
    await form.getByLabel('Nama program').fill(PROGRAMME);
    await admin.locator('#programme-periodStart').fill('2027-01');
    await admin.locator('#programme-periodEnd').fill('2027-06');
    await admin.locator('#programme-budget').fill('10.000.000');
    await admin.locator('#programme-includeJht').check();
    await admin.locator('#rule-ageMax').fill('60');
    await admin.locator('#rule-occupation-pedagang_kaki_lima').check();
    await admin.locator('#weight-femaleHeadOfHousehold').fill('30');
    await admin.getByTestId('programme-save').click();
    await admin.getByRole('heading', { level: 1, name: PROGRAMME }).waitFor();
    await assertText(admin.getByTestId('programme-money'), /Rp 10\.000\.000/);
    await assertText(admin.getByTestId('programme-money'), /JHT/);
    await admin.getByRole('button', { name: 'Buka program' }).click();
    await admin.getByTestId('programme-confirm').getByRole('button', { name: 'Buka program' }).click();
    await assertText(admin.getByTestId('programme-status'), /Dibuka/);
    const programmeUrl = admin.url();

    // 2. Allocation: a simulation of two budgets, then a roster proposed.
    await admin.getByRole('link', { name: 'Alokasi dan Prioritas' }).click();
    await admin.getByRole('heading', { level: 1, name: new RegExp(`Alokasi .*: ${PROGRAMME}`) }).waitFor();
    await admin.getByLabel('Anggaran yang dicoba').fill('500.000, 10.000.000');
    await admin.getByRole('button', { name: 'Hitung simulasi' }).click();
    await assertText(admin.getByTestId('simulation'), /Rp\s?10\.000\.000/);
    await admin.getByRole('button', { name: 'Usulkan daftar peserta' }).click();
    await assertText(admin.getByTestId('cannot-decide'), /persetujuan harus oleh orang lain/);
    for (const w of workers) await assertText(admin.getByTestId('roster-workers'), new RegExp(w.fullName));

    // 3. A second person approves (maker–checker).
    const checker = await j.signedInPage('pemeriksa@payung.local');
    await checker.goto(programmeUrl);
    await checker.getByRole('link', { name: 'Alokasi dan Prioritas' }).click();
    await checker.getByRole('button', { name: 'Setujui' }).click();
    await assertText(checker.getByTestId('roster'), /Disetujui/);

    // 4. The roster out to BPJS, as a .csv with full NIKs.
    await admin.goto(programmeUrl);
    await admin.getByRole('link', { name: 'Kepesertaan', exact: true }).click();
    await admin
      .getByRole('heading', { level: 1, name: /Kepesertaan/ })
      .first()
      .waitFor();
    const roster = await downloadRoster(admin);
    // One row per chosen worker, NIK in full in the first column (the test app's own demo workers may
    // be chosen too: the programme covers the province).
    const niks = roster
      .split(/\r?\n/)
      .slice(1)
      .map((line) => /^"?'?(\d{16})/.exec(line)?.[1])
      .filter((nik): nik is string => nik !== undefined);
    assert.equal(new Set(niks).size, niks.length, 'each worker once');
    for (const w of workers) assert.ok(niks.includes(w.nik), `${w.fullName} is in the roster`);
    await admin.reload();
    await assertText(admin.getByTestId('enrolments-table'), /Dikirim ke BPJS/);

    // 5. BPJS's answer: every row accepted, each with its 11-digit KPJ and the date coverage starts.
    const kpjOf = new Map(niks.map((nik, i) => [nik, `167100${String(i + 1).padStart(5, '0')}`]));
    const response = [
      'NIK;NO KPJ;TGL KEPESERTAAN;STATUS;KETERANGAN',
      ...niks.map((nik) => `${nik};${kpjOf.get(nik)};01/01/2027;diterima;`),
    ].join('\r\n');
    await admin.getByTestId('response-file').setInputFiles({
      name: 'jawaban-bpjs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${response}\r\n`, 'utf8'),
    });
    await admin.getByRole('button', { name: 'Periksa (uji coba)' }).click();
    await assertText(admin.getByTestId('response-summary'), /Uji coba selesai/);
    await admin.getByTestId('apply-response').click();
    await assertText(admin.getByTestId('response-summary'), /Jawaban diterapkan/);

    // 6. Active, with their KPJs: on the programme's enrolments page…
    await admin.reload();
    const table = admin.getByTestId('enrolments-table');
    for (const kpj of kpjOf.values()) await assertText(table, new RegExp(kpj));
    await assertText(table, /Aktif/);
    assert.doesNotMatch((await table.textContent()) ?? '', /Dikirim ke BPJS/, 'none left waiting');

    // …and on a worker's page, with the history of how it got there.
    const first = workers[0]!;
    await admin.goto(`${j.app.baseUrl}/#/workers/${first.id}`);
    const section = admin.getByTestId('worker-enrolments');
    await assertText(section, new RegExp(PROGRAMME));
    await assertText(section, new RegExp(`KPJ: ${kpjOf.get(first.nik)}`));
    await assertText(section.getByTestId('enrolment-status'), /Aktif/);
    assert.deepEqual(j.problems, []);
  });
});

/**
 * Downloads the roster as .csv from the programme's enrolments page: the export runs as a background job,
 * and a link to the finished file appears in its section when it is done.
 */
async function downloadRoster(page: Page): Promise<string> {
  const section = page.locator('section', { has: page.getByRole('heading', { name: /Kirim ke BPJS/ }) });
  await section.getByTestId('export-csv').click();
  const link = section.getByTestId('export-download');
  await link.waitFor({ timeout: 60_000 });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await link.click();
  const file: Download = await download;
  const path = await file.path();
  assert.ok(path, 'the roster was saved');
  return readFile(path, 'utf8');
}
