import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { anActor, aWorker, ctxAs } from '../support/factories.js';
import { multipart } from '../support/multipart.js';

let t: TestApp;
let admin: Record<string, string>;
let programmeId: string;
let niks: string[];
let enrolmentIds: string[];

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin@payung.local');
  const p = await aProgramme(t.app.db);
  programmeId = p.id;
  const roster = await aRoster(t.app.db, p.id);
  niks = [];
  enrolmentIds = [];
  for (const fullName of ['Siti Aminah', '@SUM(A1)']) {
    const w = await t.app.workers.create(
      ctxAs(),
      aWorker({ fullName: fullName.startsWith('@') ? 'Budi' : fullName }),
    );
    if (fullName.startsWith('@'))
      await t.app.db.query('UPDATE workers SET birth_place = $2 WHERE id = $1', [w.id, fullName]);
    niks.push(w.nik);
    enrolmentIds.push(
      await anEnrolment(t.app.db, { workerId: w.id, programmeId, sponsorId: p.sponsorId, rosterId: roster }),
    );
  }
});
after(async () => {
  await t.close();
});

type Headers = Record<string, string>;

/** Polls a job as the web page does until it has ended; its last answer. */
async function untilDone(jobId: string, headers: Headers) {
  await t.app.jobs.waitFor(jobId);
  const r = await t.server.inject({ method: 'GET', url: `/api/v1/enrolment-jobs/${jobId}`, headers });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

async function startExport(format: 'csv' | 'xlsx', headers: Headers = admin) {
  const r = await t.server.inject({
    method: 'POST',
    url: `/api/v1/programmes/${programmeId}/enrolments/export`,
    headers,
    payload: { format },
  });
  assert.equal(r.statusCode, 202, r.body);
  assert.equal(r.json().kind, 'export');
  return r.json().jobId as string;
}

test('the roster export is a job: 202, progress, then a download link; the file is formula-safe, its download audited, no NIK in the logs', async () => {
  const jobId = await startExport('csv');
  const job = await untilDone(jobId, admin);
  assert.equal(job.state, 'succeeded', job.error);
  assert.deepEqual(job.progress, { phase: 'done', done: 2, total: 2 });
  assert.deepEqual([job.export.rows, job.export.submitted, job.export.format], [2, 2, 'csv']);
  assert.equal(job.export.downloadUrl, `/api/v1/enrolment-jobs/${jobId}/file`);
  assert.equal(job.report, null);
  const csv = await t.server.inject({ method: 'GET', url: job.export.downloadUrl, headers: admin });
  assert.equal(csv.statusCode, 200, csv.body);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /attachment; filename="daftar-peserta-.*\.csv"/);
  assert.ok(csv.body.includes(niks[0]!));
  assert.ok(csv.body.includes("'@SUM(A1)"), 'a formula is neutralised');
  const downloads = await t.app.db.query<{ details: { jobId: string; rows: number } }>(
    `SELECT details FROM audit_events WHERE action = 'enrolment.download'`,
  );
  assert.deepEqual(
    downloads.rows.map((r) => [r.details.jobId, r.details.rows]),
    [[jobId, 2]],
  );
  const xlsx = await untilDone(await startExport('xlsx'), admin);
  assert.deepEqual([xlsx.export.rows, xlsx.export.submitted], [2, 0], 'sent again, submitted once');
  const file = await t.server.inject({ method: 'GET', url: xlsx.export.downloadUrl, headers: admin });
  assert.equal(file.statusCode, 200);
  assert.equal(file.rawPayload.subarray(0, 2).toString(), 'PK');
  assert.ok(!t.logs.join('').includes(niks[0]!), 'no NIK in the logs');
  const list = await t.server.inject({
    method: 'GET',
    url: `/api/v1/programmes/${programmeId}/enrolments?status=submitted`,
    headers: admin,
  });
  assert.equal(list.json().items.length, 2);
  assert.equal(list.json().counts.submitted, 2);
});

test('exchange jobs and their files: only for those who may exchange files for the programme, within what the maker saw', async () => {
  const jobId = await startExport('csv');
  await t.app.jobs.waitFor(jobId);
  const operator = await t.login('operator.palembang@payung.local');
  for (const url of [`/api/v1/enrolment-jobs/${jobId}`, `/api/v1/enrolment-jobs/${jobId}/file`]) {
    const r = await t.server.inject({ method: 'GET', url, headers: operator });
    assert.equal(r.statusCode, 403, url);
  }
  // Another province's administrator: the job is not theirs to see.
  const elsewhere = ctxAs(anActor('province_admin', ['17']));
  await assert.rejects(t.app.enrolments.job(elsewhere, jobId), { code: 'ENROLMENT_JOB_NOT_FOUND' });
  await assert.rejects(t.app.enrolments.download(elsewhere, jobId), { code: 'ENROLMENT_JOB_NOT_FOUND' });
  // A liaison for one city sees neither the province's programme's job nor its file …
  const city = ctxAs(anActor('bpjs_liaison', ['16.71']));
  await assert.rejects(t.app.enrolments.job(city, jobId), { code: 'ENROLMENT_JOB_NOT_FOUND' });
  await assert.rejects(t.app.enrolments.download(city, jobId), { code: 'ENROLMENT_JOB_NOT_FOUND' });
  // … and of the city's programme, follows the job but may not take a file made by someone who saw
  // the whole province.
  const local = await aProgramme(t.app.db, { regionCode: '16.71' });
  const localJob = await t.app.enrolments.startExport(ctxAs(), local.id, 'csv');
  assert.equal((await t.app.jobs.waitFor(localJob.jobId)).state, 'succeeded');
  assert.equal((await t.app.enrolments.job(city, localJob.jobId)).state, 'succeeded');
  await assert.rejects(t.app.enrolments.download(city, localJob.jobId), { code: 'FORBIDDEN' });
  const own = await t.app.enrolments.startExport(city, local.id, 'csv');
  await t.app.jobs.waitFor(own.jobId);
  assert.equal((await t.app.enrolments.download(city, own.jobId)).format, 'csv');
  // A job of another kind, or none, is not a file.
  const missing = await t.server.inject({
    method: 'GET',
    url: '/api/v1/enrolment-jobs/00000000-0000-4000-8000-000000000000/file',
    headers: admin,
  });
  assert.equal(missing.statusCode, 404);
});

test('the response upload is a job: a dry run reports per-row errors, then applies; a second import changes nothing; a worker page shows the KPJ and history', async () => {
  const body = `NIK;NO KPJ;TGL KEPESERTAAN;STATUS;KETERANGAN\r\n${niks[0]};16710000555;01/01/2027;DITERIMA;\r\n${niks[1]};123;01/01/2027;DITERIMA;\r\n`;
  const send = async (dryRun: boolean) => {
    const m = multipart({ dryRun: String(dryRun) }, { name: 'jawaban.csv', content: body, type: 'text/csv' });
    const r = await t.server.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/enrolments/response`,
      payload: m.payload,
      headers: { ...admin, ...m.headers },
    });
    assert.equal(r.statusCode, 202, r.body);
    assert.equal(r.json().kind, 'response');
    const job = await untilDone(r.json().jobId, admin);
    assert.equal(job.state, 'succeeded', job.error);
    assert.equal(job.export, null);
    return job.report;
  };
  const dry = await send(true);
  assert.equal(dry.dryRun, true);
  assert.deepEqual(
    dry.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    [[3, 'kpj', 'KPJ_INVALID']],
  );
  assert.equal(dry.activated, 1);
  const applied = await send(false);
  assert.deepEqual([applied.activated, applied.unchanged, applied.errorCount], [1, 0, 1]);
  const again = await send(false);
  assert.deepEqual([again.activated, again.unchanged, again.errorCount], [0, 1, 1]);
  const worker = (
    await t.app.db.query<{ worker_id: string }>('SELECT worker_id FROM enrolments WHERE id = $1', [
      enrolmentIds[0],
    ])
  ).rows[0]!.worker_id;
  const page = await t.server.inject({
    method: 'GET',
    url: `/api/v1/workers/${worker}/enrolments`,
    headers: admin,
  });
  const [e] = page.json().items;
  assert.equal(e.kpj, '16710000555');
  assert.deepEqual(
    e.history.map((h: { toStatus: string }) => h.toStatus),
    ['proposed', 'submitted', 'active'],
  );
  const end = await t.server.inject({
    method: 'POST',
    url: `/api/v1/enrolments/${e.id}/end`,
    headers: admin,
    payload: { reason: 'died', effectiveOn: '2027-06-02' },
  });
  assert.equal(end.statusCode, 200, end.body);
  assert.equal(end.json().lastMonth, '2027-06');
  const wrongType = multipart({}, { name: 'jawaban.pdf', content: 'x' });
  const refused = await t.server.inject({
    method: 'POST',
    url: `/api/v1/programmes/${programmeId}/enrolments/response`,
    payload: wrongType.payload,
    headers: { ...admin, ...wrongType.headers },
  });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().error.code, 'FILE_TYPE_UNSUPPORTED');
  // Nothing of the refused or finished uploads is left in the file store.
  assert.deepEqual(readdirSync(join(t.app.config.dataDir, 'files', 'enrolments', 'responses')), []);
  const bad = await t.server.inject({
    method: 'POST',
    url: `/api/v1/enrolments/${e.id}/end`,
    headers: admin,
    payload: { reason: 'bored', effectiveOn: '2027-06-02' },
  });
  assert.equal(bad.statusCode, 422);
});
