import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { aProgramme as anAllocationProgramme } from '../support/allocation.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { demoSponsorId } from '../support/programmes.js';

/**
 * What a sponsor officer (sponsor@payung.local, for the City of Palembang's budget) learns through the
 * API: of the workers its sponsor pays for, their names, masked NIKs, region and coverage; nothing else
 * of the registry, whichever route it asks.
 */
let t: TestApp;
let officer: Record<string, string>;
let programmeId: string;
let rosterId: string;
let paid: { id: string; nik: string; enrolmentId: string };
let proposed: { id: string; nik: string; enrolmentId: string };
let otherSponsors: { id: string; nik: string; enrolmentId: string };

/** Every field an enrolment answer may carry for the officer (test below: no more). */
const ENROLMENT_FIELDS = [
  'id',
  'workerId',
  'programmeId',
  'programmeName',
  'sponsorId',
  'sponsorName',
  'rosterId',
  'workerName',
  'nikMasked',
  'regencyCode',
  'districtCode',
  'status',
  'firstMonth',
  'lastMonth',
  'monthlyCost',
  'totalCost',
  'kpj',
  'coverageStart',
  'rejectionReason',
  'endReason',
  'endedOn',
  'version',
].sort();

const PHONE = '0812-9988-7766';
const ADDRESS = 'Jl. Rahasia No. 7 RT 003/RW 004';

before(async () => {
  t = await createTestApp();
  officer = await t.login('sponsor@payung.local');
  const sponsorId = await demoSponsorId(t.app, 'apbd_regency');
  const p = await aProgramme(t.app.db, { sponsorId, regionCode: '16.71' });
  programmeId = p.id;
  rosterId = await aRoster(t.app.db, programmeId);
  const person = async (fullName: string, birthDate: string) =>
    t.app.workers.create(ctxAs(), aWorker({ fullName, birthDate, phone: PHONE, address: ADDRESS }));
  const a = await person('Rahmawati Paid', '1980-03-04');
  const b = await person('Sulastri Proposed', '1981-05-06');
  const c = await person('Dewi Elsewhere', '1982-07-08');
  paid = {
    ...a,
    enrolmentId: await anEnrolment(t.app.db, {
      workerId: a.id,
      programmeId,
      sponsorId,
      rosterId,
      status: 'active',
      kpj: '16710000123',
    }),
  };
  proposed = {
    ...b,
    enrolmentId: await anEnrolment(t.app.db, { workerId: b.id, programmeId, sponsorId, rosterId }),
  };
  const other = await aProgramme(t.app.db);
  otherSponsors = {
    ...c,
    enrolmentId: await anEnrolment(t.app.db, {
      workerId: c.id,
      programmeId: other.id,
      sponsorId: other.sponsorId,
      rosterId: await aRoster(t.app.db, other.id),
      status: 'submitted',
    }),
  };
});
after(async () => {
  await t.close();
});

const get = (url: string) => t.server.inject({ method: 'GET', url, headers: officer });

/** Nothing in `body` that only the registry holds: full NIKs, phone, address, birth dates, income. */
function assertNothingOfTheRegistry(body: string) {
  for (const nik of [paid.nik, proposed.nik, otherSponsors.nik]) assert.ok(!body.includes(nik), 'a full NIK');
  for (const secret of [PHONE, '081299887766', ADDRESS, '1980-03-04', 'Fatimah', '"birthPlace"'])
    assert.ok(!body.includes(secret), `registry data in the answer: ${secret}`);
  for (const field of [
    '"phone"',
    '"address"',
    '"birthDate"',
    '"declaredIncome"',
    '"occupation"',
    '"factors"',
  ])
    assert.ok(!body.includes(field), `field ${field} in the answer`);
}

test('the sponsored list: the workers its sponsor pays for, name, masked NIK, region and coverage, no more', async () => {
  const r = await get('/api/v1/enrolments/sponsored');
  assert.equal(r.statusCode, 200, r.body);
  const { items } = r.json() as { items: Record<string, unknown>[] };
  assert.deepEqual(
    items.map((e) => e.workerId),
    [paid.id],
    'not the proposed one, not another sponsor’s',
  );
  const e = items[0]!;
  assert.deepEqual(Object.keys(e).sort(), ENROLMENT_FIELDS);
  assert.equal(e.workerName, 'Rahmawati Paid');
  assert.match(String(e.nikMasked), /^\d{4}\*{8}\d{4}$/);
  assert.equal(e.kpj, '16710000123');
  assert.equal(e.status, 'active');
  assert.equal(e.regencyCode, '16.71');
  assert.deepEqual([e.firstMonth, e.lastMonth], ['2027-01', '2027-12']);
  assertNothingOfTheRegistry(r.body);
});

test("the programme's enrolments: counts and rows of what its sponsor pays for only", async () => {
  const r = await get(`/api/v1/programmes/${programmeId}/enrolments`);
  assert.equal(r.statusCode, 200, r.body);
  const page = r.json() as { items: Record<string, unknown>[]; counts: Record<string, number> };
  assert.deepEqual(
    page.items.map((e) => e.workerId),
    [paid.id],
  );
  assert.deepEqual(page.counts, { active: 1 }, 'the proposed enrolment is not counted for the officer');
  for (const e of page.items) assert.deepEqual(Object.keys(e).sort(), ENROLMENT_FIELDS);
  assertNothingOfTheRegistry(r.body);
});

test("a worker's and an enrolment's page: history of the paid one; the others answer like missing ones", async () => {
  const mine = await get(`/api/v1/workers/${paid.id}/enrolments`);
  assert.equal(mine.statusCode, 200, mine.body);
  const items = (mine.json() as { items: Record<string, unknown>[] }).items;
  assert.equal(items.length, 1);
  assert.deepEqual(Object.keys(items[0]!).sort(), [...ENROLMENT_FIELDS, 'history'].sort());
  assertNothingOfTheRegistry(mine.body);
  assert.equal((await get(`/api/v1/enrolments/${paid.enrolmentId}`)).statusCode, 200);
  for (const w of [proposed, otherSponsors]) {
    const byWorker = await get(`/api/v1/workers/${w.id}/enrolments`);
    assert.equal(byWorker.statusCode, 404, byWorker.body);
    assert.equal(byWorker.json().error.code, 'WORKER_NOT_FOUND');
    assert.equal((await get(`/api/v1/enrolments/${w.enrolmentId}`)).statusCode, 404);
  }
});

test('no worker record, search, list, eligibility, roster workers or simulation, even of a worker it pays for', async () => {
  const refused = [
    await get(`/api/v1/workers/${paid.id}`),
    await get('/api/v1/workers?limit=10'),
    await t.server.inject({
      method: 'POST',
      url: '/api/v1/workers/search',
      headers: officer,
      payload: { q: paid.nik },
    }),
    await t.server.inject({
      method: 'POST',
      url: '/api/v1/workers/search',
      headers: officer,
      payload: { q: 'Rahmawati' },
    }),
    await get(`/api/v1/programmes/${programmeId}/workers/${paid.id}/eligibility`),
    await get(`/api/v1/rosters/${rosterId}/workers`),
    await t.server.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/simulation`,
      headers: officer,
      payload: { budgets: [1_000_000] },
    }),
    await get('/api/v1/imports'),
    await get('/api/v1/duplicates'),
    await get('/api/v1/audit'),
    await t.server.inject({
      method: 'POST',
      url: `/api/v1/programmes/${programmeId}/enrolments/export`,
      headers: officer,
      payload: { format: 'csv' },
    }),
  ];
  for (const r of refused) {
    assert.equal(r.statusCode, 403, r.body);
    assert.equal(r.json().error.code, 'FORBIDDEN');
    assertNothingOfTheRegistry(r.body);
  }
});

test("its own programme's overview and rosters' summaries stay readable; another sponsor's are not", async () => {
  const sponsorId = await demoSponsorId(t.app, 'apbd_regency');
  const own = await anAllocationProgramme(t.app.db, { sponsorId, regionCode: '16.71', budget: 5_000_000 });
  const overview = await get(`/api/v1/programmes/${own}/allocation`);
  assert.equal(overview.statusCode, 200, overview.body);
  assert.equal(overview.json().canRun, false);
  const { rosterId: proposedRoster } = await t.app.allocation.propose(ctxAs(), own);
  const rosters = await get(`/api/v1/programmes/${own}/rosters`);
  assert.equal(rosters.statusCode, 200, rosters.body);
  assert.deepEqual(
    (rosters.json() as { items: { id: string }[] }).items.map((r) => r.id),
    [proposedRoster],
  );
  assert.equal((await get(`/api/v1/rosters/${proposedRoster}`)).statusCode, 200);
  assert.equal((await get(`/api/v1/rosters/${proposedRoster}/workers`)).statusCode, 403);
  const other = await aProgramme(t.app.db);
  assert.equal((await get(`/api/v1/programmes/${other.id}/rosters`)).statusCode, 404);
});
