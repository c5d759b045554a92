import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { can } from '../../src/modules/access/index.js';
import { type EnrolmentPlace, enrolmentsScope } from '../../src/modules/enrolments/index.js';
import { type WorkerPlace, workersScope } from '../../src/modules/workers/index.js';
import { AppError } from '../../src/platform/errors.js';
import { type EnrolmentWorld, enrolmentWorld } from '../enrolments/setup.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { anActor, ctxAs } from '../support/factories.js';
import { type ScopeRegion, scopeMatrix, seenBoth } from '../support/scopes.js';

let w: EnrolmentWorld;
let enrolmentRows: (EnrolmentPlace & { id: string })[];
let workerRows: (WorkerPlace & { id: string })[];
let otherSponsor: string;

/** Enrolments by region: palembang1..3 in 16.71 (1 and 2 in district 16.71.01), oganIlir in 16.10. */
const EXPECTED: Record<ScopeRegion, string[]> = {
  province: ['palembang1', 'palembang2', 'palembang3', 'oganIlir'],
  regency: ['palembang1', 'palembang2', 'palembang3'],
  district: ['palembang1', 'palembang2'],
  otherRegency: ['oganIlir'],
};

before(async () => {
  w = await enrolmentWorld();
  // palembang1, palembang2 and oganIlir sent to BPJS (palembang2 then active); palembang3 still proposed.
  await w.tdb.db.query(`UPDATE enrolments SET status = 'submitted' WHERE id = ANY($1::uuid[])`, [
    [w.enrolments.palembang1, w.enrolments.palembang2, w.enrolments.oganIlir],
  ]);
  await w.tdb.db.query(`UPDATE enrolments SET status = 'active', kpj = '16710000021' WHERE id = $1`, [
    w.enrolments.palembang2,
  ]);
  // Another sponsor pays for the outsider in 2028.
  const other = await aProgramme(w.tdb.db, { start: '2028-01-01', end: '2028-12-01' });
  otherSponsor = other.sponsorId;
  const roster = await aRoster(w.tdb.db, other.id);
  const e = await anEnrolment(w.tdb.db, {
    workerId: w.workers.outsider!,
    programmeId: other.id,
    sponsorId: other.sponsorId,
    rosterId: roster,
    firstMonth: '2028-01-01',
    lastMonth: '2028-12-01',
  });
  await w.tdb.db.query(`UPDATE enrolments SET status = 'submitted' WHERE id = $1`, [e]);
  enrolmentRows = (
    await w.tdb.db.query<EnrolmentPlace & { id: string }>(
      `SELECT id::text, district_code, sponsor_id::text, status FROM enrolments WHERE programme_id = $1`,
      [w.programmeId],
    )
  ).rows;
  workerRows = (
    await w.tdb.db.query<WorkerPlace & { id: string }>(
      `SELECT w.id::text, w.district_code, w.village_code FROM workers w`,
    )
  ).rows;
});
after(async () => {
  await w.tdb.drop();
  rmSync(w.dir, { recursive: true, force: true });
});

/** The first programme's enrolments (the other's belongs to the outsider). */
const programmeEnrolments = () => `(SELECT * FROM enrolments WHERE programme_id = '${w.programmeId}') e`;

const ids = (names: readonly string[], from: Record<string, string>) => names.map((n) => from[n]!).sort();

for (const { name, region, actor } of scopeMatrix()) {
  test(`enrolments: ${name}`, async () => {
    const seen = await seenBoth(w.tdb.db, programmeEnrolments(), enrolmentsScope(actor), enrolmentRows, name);
    // A sponsor officer without a sponsor sees none, whatever its regions.
    const byRegion = can(actor, 'enrolment.read') && actor.role !== 'sponsor_officer';
    assert.deepEqual(seen, byRegion ? ids(EXPECTED[region], w.enrolments) : [], name);
  });
}

test('enrolments: a sponsor officer sees those its sponsor pays for (sent, active or ended), wherever the workers live', async () => {
  const mine = anActor('sponsor_officer', ['16.10'], { sponsorIds: [w.sponsorId] });
  const seen = await seenBoth(
    w.tdb.db,
    programmeEnrolments(),
    enrolmentsScope(mine),
    enrolmentRows,
    'sponsor',
  );
  // palembang3 is still proposed: not paid for yet.
  assert.deepEqual(seen, ids(['palembang1', 'palembang2', 'oganIlir'], w.enrolments));
  const other = anActor('sponsor_officer', ['16'], { sponsorIds: [otherSponsor] });
  assert.deepEqual(
    await seenBoth(w.tdb.db, programmeEnrolments(), enrolmentsScope(other), enrolmentRows, 'other'),
    [],
  );
});

test('workers: a sponsor officer sees nothing of the registry, not even the workers its sponsor pays for', async () => {
  const mine = anActor('sponsor_officer', ['16'], { sponsorIds: [w.sponsorId] });
  assert.deepEqual(await seenBoth(w.tdb.db, 'workers w', workersScope(mine), workerRows, 'sponsor'), []);
  assert.equal(workersScope(mine).covers('16.71.01.1001'), false, 'a sponsor never writes a worker');
});

test("workers: a sponsor officer's list, search and record view are refused; its workers come as enrolments", async () => {
  const ctx = ctxAs(anActor('sponsor_officer', ['16'], { sponsorIds: [w.sponsorId] }));
  const forbidden = (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN';
  await assert.rejects(w.app.workers.search(ctx, { status: 'active', limit: 50 }), forbidden);
  await assert.rejects(w.app.workers.search(ctx, { q: 'Pekerja', status: 'active', limit: 50 }), forbidden);
  await assert.rejects(
    w.app.workers.search(ctx, { q: w.niks.palembang2!, status: 'active', limit: 50 }),
    forbidden,
  );
  await assert.rejects(w.app.workers.get(ctx, w.workers.palembang2!), forbidden);
  await assert.rejects(w.app.workers.update(ctx, w.workers.palembang2!, { fullName: 'X', version: 1 }));
  const paid = await w.app.enrolments.ofWorker(ctx, w.workers.palembang2!);
  assert.deepEqual(
    paid.map((e) => [e.workerId, e.status, e.kpj]),
    [[w.workers.palembang2, 'active', '16710000021']],
  );
  // Proposed only: not one its sponsor pays for, answered like a missing worker.
  await assert.rejects(
    w.app.enrolments.ofWorker(ctx, w.workers.palembang3!),
    (e) => e instanceof AppError && e.code === 'WORKER_NOT_FOUND',
  );
});
