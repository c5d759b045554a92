import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { aWorker, ctxAs } from '../support/factories.js';
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

test('the roster downloads as .csv and .xlsx with attachment headers, formula-safe, and never reaches the logs', async () => {
  const csv = await t.server.inject({
    method: 'GET',
    url: `/api/v1/programmes/${programmeId}/enrolments/export?format=csv`,
    headers: admin,
  });
  assert.equal(csv.statusCode, 200, csv.body);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.match(String(csv.headers['content-disposition']), /attachment; filename="daftar-peserta-.*\.csv"/);
  assert.ok(csv.body.includes(niks[0]!));
  assert.ok(csv.body.includes("'@SUM(A1)"), 'a formula is neutralised');
  const xlsx = await t.server.inject({
    method: 'GET',
    url: `/api/v1/programmes/${programmeId}/enrolments/export?format=xlsx`,
    headers: admin,
  });
  assert.equal(xlsx.statusCode, 200);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  assert.ok(!t.logs.join('').includes(niks[0]!), 'no NIK in the logs');
  const list = await t.server.inject({
    method: 'GET',
    url: `/api/v1/programmes/${programmeId}/enrolments?status=submitted`,
    headers: admin,
  });
  assert.equal(list.json().items.length, 2);
  assert.equal(list.json().counts.submitted, 2);
});

test('the response upload: a dry run reports per-row errors, then applies; a worker page shows the KPJ and history', async () => {
  const body = `NIK;NO KPJ;TGL KEPESERTAAN;STATUS;KETERANGAN\r\n${niks[0]};16710000555;01/01/2027;DITERIMA;\r\n${niks[1]};123;01/01/2027;DITERIMA;\r\n`;
  const send = (dryRun: boolean) => {
    const m = multipart({ dryRun: String(dryRun) }, { name: 'jawaban.csv', content: body, type: 'text/csv' });
    return t.server.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/enrolments/response`,
      payload: m.payload,
      headers: { ...admin, ...m.headers },
    });
  };
  const dry = await send(true);
  assert.equal(dry.statusCode, 200, dry.body);
  assert.deepEqual(
    dry.json().errors.map((e: { row: number; code: string }) => [e.row, e.code]),
    [[3, 'KPJ_INVALID']],
  );
  assert.equal(dry.json().activated, 1);
  const applied = await send(false);
  assert.equal(applied.json().activated, 1);
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
  const bad = await t.server.inject({
    method: 'POST',
    url: `/api/v1/enrolments/${e.id}/end`,
    headers: admin,
    payload: { reason: 'bored', effectiveOn: '2027-06-02' },
  });
  assert.equal(bad.statusCode, 422);
});
