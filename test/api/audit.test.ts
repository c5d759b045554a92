import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { maskNik } from '../../src/domain/mask.js';
import { localDateTime, WIB } from '../../src/domain/timezone.js';
import { recordAudit } from '../../src/modules/audit/audit.repo.js';
import { createAuditService } from '../../src/modules/audit/audit.service.js';
import { systemActor } from '../../src/platform/context.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker, ctxAs } from '../support/factories.js';

let t: TestApp;
let admin: Record<string, string>;
let auditor: Record<string, string>;
let operator: Record<string, string>;
/** An auditor for Ogan Ilir (16.10) only: the Palembang workers below are outside its regions. */
let auditorOganIlir: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin@payung.local');
  auditor = await t.login('auditor@payung.local');
  operator = await t.login('operator.palembang@payung.local');
  await t.app.users.create(ctxAs(), {
    email: 'auditor.oganilir@payung.local',
    fullName: 'Auditor OI',
    role: 'auditor',
    regionCodes: ['16.10'],
    password: 'Lada-Putih-Oi-27',
  });
  auditorOganIlir = await t.login('auditor.oganilir@payung.local', 'Lada-Putih-Oi-27');
});
after(async () => {
  await t.close();
});

const req = (
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => t.server.inject({ method, url, headers, ...(payload ? { payload } : {}) });

interface Item {
  id: number;
  action: string;
  entityId: string | null;
  entityLabel: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
}

/** A worker registered and edited through the API by the Palembang operator. */
async function registeredAndEdited(fullName: string) {
  const input = aWorker({
    fullName,
    motherMaidenName: 'Fatimah Zahra',
    occupation: 'pedagang_kaki_lima',
    declaredIncome: 1_500_000,
  });
  const created = (await req('POST', '/api/v1/workers', operator, input)).json();
  const patched = await req('PATCH', `/api/v1/workers/${created.id}`, operator, {
    version: 1,
    occupation: 'ojek_online',
    declaredIncome: 2_500_000,
    phone: '0813-9999-8888',
  });
  assert.equal(patched.statusCode, 200, patched.body);
  return { id: created.id as string, nik: input.nik };
}

const readEvents = async (actorEmail: string) =>
  (
    await t.app.db.query<{ details: { filter: Record<string, string>; rows: number } }>(
      `SELECT details FROM audit_events WHERE action = 'audit.read' AND actor_label = $1 ORDER BY id`,
      [actorEmail],
    )
  ).rows.map((r) => r.details);

describe('audit trail: personal values', () => {
  test('the list and the CSV mask NIK, phone and mother’s maiden name in before/after', async () => {
    const w = await registeredAndEdited('Masker Audit');
    const r = await req('GET', `/api/v1/audit?entityId=${w.id}`, auditor);
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(!r.body.includes(w.nik), 'a full NIK in the list');
    assert.ok(!r.body.includes('Fatimah Zahra'), 'a full mother’s maiden name in the list');
    assert.ok(!r.body.includes('+6281399998888'), 'a full phone in the list');
    const items = r.json().items as Item[];
    const created = items.find((i) => i.action === 'worker.create')!;
    assert.equal(created.after?.nik, maskNik(w.nik));
    assert.equal(created.after?.mother_maiden_name, 'F****** Z****');
    assert.match(String(created.after?.phone), /^\+62812\*+90$/);
    const updated = items.find((i) => i.action === 'worker.update')!;
    assert.match(String(updated.after?.phone), /^\+62813\*+88$/);
    const csv = await req('GET', `/api/v1/audit/export?entityId=${w.id}`, auditor);
    assert.equal(csv.statusCode, 200);
    for (const secret of [w.nik, 'Fatimah Zahra', '+6281399998888', '+6281234567890']) {
      assert.ok(!csv.body.includes(secret), `CSV holds ${secret}`);
    }
    assert.ok(csv.body.includes(maskNik(w.nik)));
  });

  test('the full values of one event are shown on request, and that request is recorded', async () => {
    const w = await registeredAndEdited('Penuh Audit');
    const items = (await req('GET', `/api/v1/audit?entityId=${w.id}`, auditor)).json().items as Item[];
    const created = items.find((i) => i.action === 'worker.create')!;
    const full = await req('GET', `/api/v1/audit/${created.id}/full`, auditor);
    assert.equal(full.statusCode, 200, full.body);
    assert.equal(full.json().after.nik, w.nik);
    assert.equal(full.json().after.mother_maiden_name, 'Fatimah Zahra');
    const views = (await req('GET', '/api/v1/audit?action=audit.view', admin)).json().items as (Item & {
      actor: string;
    })[];
    const view = views.find((v) => v.entityId === String(created.id));
    assert.ok(view, 'no audit.view event');
    assert.equal(view.actor, 'auditor@payung.local');
    assert.deepEqual(view.details, { event: created.id, action: 'worker.create' });
    // Not for roles without the audit permission, and not for events outside the reader's regions.
    assert.equal((await req('GET', `/api/v1/audit/${created.id}/full`, operator)).statusCode, 403);
    const outside = await req('GET', `/api/v1/audit/${created.id}/full`, auditorOganIlir);
    assert.equal(outside.statusCode, 404, outside.body);
    assert.ok(!outside.body.includes(w.nik));
    assert.equal((await req('GET', '/api/v1/audit/999999999/full', auditor)).statusCode, 404);
  });

  test('reading the list is recorded with its filter, once per person and filter per minute', async () => {
    const w = await registeredAndEdited('Baca Audit');
    const before = (await readEvents('admin@payung.local')).length;
    const first = await req('GET', `/api/v1/audit?entityId=${w.id}&limit=1`, admin);
    const next = first.json().nextBefore;
    assert.equal(typeof next, 'number');
    // The next page and a refresh of the same filter are the same read.
    await req('GET', `/api/v1/audit?entityId=${w.id}&limit=1&before=${next}`, admin);
    await req('GET', `/api/v1/audit?entityId=${w.id}&limit=1`, admin);
    let reads = await readEvents('admin@payung.local');
    assert.equal(reads.length, before + 1);
    assert.deepEqual(reads.at(-1), { filter: { entityId: w.id }, rows: 1 });
    // Another filter is another read.
    await req('GET', '/api/v1/audit?action=worker.update', admin);
    reads = await readEvents('admin@payung.local');
    assert.equal(reads.length, before + 2);
    assert.deepEqual(reads.at(-1)?.filter, { action: 'worker.update' });
    // Reads show up in the trail themselves, to province-wide readers.
    const seen = (await req('GET', '/api/v1/audit?action=audit.read', admin)).json().items as Item[];
    assert.ok(seen.length >= 2);
    // Too many record ids at once is a clear error.
    const many = Array.from(
      { length: 51 },
      (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    );
    const r = await req('GET', `/api/v1/audit?entityId=${many.join(',')}`, admin);
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(r.json().error.details.issues[0].path[0], 'entityId');
  });
});

describe('audit trail: readable', () => {
  test('events name their record, in the reader’s scope; times come with the province’s zone', async () => {
    const w = await registeredAndEdited('Label Audit');
    const page = (await req('GET', `/api/v1/audit?entityId=${w.id}`, auditor)).json();
    assert.deepEqual(page.timeZone, { id: 'Asia/Jakarta', abbr: 'WIB' });
    for (const item of page.items as Item[]) {
      assert.equal(item.entityLabel, `Label Audit · NIK ${maskNik(w.nik)}`);
    }
    const logins = (await req('GET', '/api/v1/audit?action=auth.login', admin)).json().items as Item[];
    assert.ok(logins.some((i) => i.entityLabel === 'operator.palembang@payung.local'));
  });

  test('the CSV has WIB times, role names, occupation labels and rupiah', async () => {
    const w = await registeredAndEdited('Csv Audit');
    const csv = await req('GET', `/api/v1/audit/export?entityId=${w.id}`, auditor);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    assert.match(lines[0]!, /^id,waktu \(WIB\),pelaku,peran,/);
    const update = lines.find((l) => l.includes('Data pekerja diubah'))!;
    assert.ok(update, 'the action by its label');
    assert.ok(!lines.some((l) => l.includes(',worker.update,')), 'no action code');
    assert.ok(update.includes('Operator Kabupaten/Kota'), update);
    assert.ok(!update.includes('regency_operator'), update);
    assert.ok(update.includes('occupation: Pedagang Kaki Lima'), update);
    assert.ok(update.includes('occupation: Ojek Online'), update);
    assert.ok(update.includes('declared_income: Rp 1.500.000'), update);
    assert.ok(update.includes('declared_income: Rp 2.500.000'), update);
    assert.ok(update.includes(`Csv Audit · NIK ${maskNik(w.nik)}`), update);
    const items = (await req('GET', `/api/v1/audit?entityId=${w.id}`, auditor)).json().items as (Item & {
      at: string;
    })[];
    const at = items.find((i) => i.action === 'worker.update')!.at;
    assert.ok(update.includes(localDateTime(new Date(at), WIB)), `${update} lacks ${at} in WIB`);
  });

  test('a deployment in WITA writes WITA times and reads filter dates as WITA days', async () => {
    const at = new Date('2026-03-01T16:30:00Z'); // 00:30 on 2 March in WITA, 23:30 on 1 March in WIB
    await recordAudit(t.app.db, ctxAs(systemActor('16'), at), { action: 'test.zone', entityType: 'audit' });
    const q = { action: 'test.zone', from: '2026-03-02', to: '2026-03-02', limit: 10 };
    const wita = createAuditService({ db: t.app.db, provinceCode: '73' });
    const page = await wita.list(ctxAs(), q);
    assert.deepEqual(page.timeZone, { id: 'Asia/Makassar', abbr: 'WITA' });
    assert.equal(page.items.length, 1);
    const csv = await wita.exportCsv(ctxAs(), q);
    assert.match(csv, /^id,waktu \(WITA\),/);
    assert.ok(csv.includes(',2026-03-02 00:30:00,'), csv);
    // The same day in WIB does not hold it.
    const wib = createAuditService({ db: t.app.db, provinceCode: '16' });
    assert.equal((await wib.list(ctxAs(), q)).items.length, 0);
  });

  test('a record is found by NIK or name in a request body, in scope, and the search is recorded masked', async () => {
    const w = await registeredAndEdited('Cari Nikmah');
    const byNik = await req('POST', '/api/v1/audit/people', auditor, { query: w.nik });
    assert.equal(byNik.statusCode, 200, byNik.body);
    assert.deepEqual(byNik.json().workers, [{ id: w.id, label: `Cari Nikmah · NIK ${maskNik(w.nik)}` }]);
    const byName = (await req('POST', '/api/v1/audit/people', auditor, { query: 'cari nikmah' })).json();
    assert.ok(byName.workers.some((x: { id: string }) => x.id === w.id));
    const trail = (await req('GET', `/api/v1/audit?entityId=${byNik.json().workers[0].id}`, auditor)).json();
    assert.ok(trail.items.some((i: Item) => i.action === 'worker.update'));
    // The NIK was never stored in clear by the search or the reads.
    const clear = await t.app.db.query(
      `SELECT action FROM audit_events WHERE action LIKE 'audit.%' AND details::text LIKE $1`,
      [`%${w.nik}%`],
    );
    assert.deepEqual(clear.rows, []);
    const find = await t.app.db.query<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'audit.find' ORDER BY id LIMIT 1`,
    );
    assert.deepEqual(find.rows[0]?.details, { nik: maskNik(w.nik), workers: [w.id] });
    assert.ok(!t.logs.join('').includes(w.nik), 'a NIK in the logs');
    // Outside the reader's regions nobody is found; a half NIK is a clear error; no permission, 403.
    const outside = await req('POST', '/api/v1/audit/people', auditorOganIlir, { query: w.nik });
    assert.deepEqual(outside.json().workers, []);
    const half = await req('POST', '/api/v1/audit/people', auditor, { query: w.nik.slice(0, 8) });
    assert.equal(half.statusCode, 422);
    assert.equal(half.json().error.details.issues[0].path[0], 'query');
    assert.equal((await req('POST', '/api/v1/audit/people', operator, { query: w.nik })).statusCode, 403);
  });
});
