import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type App, createApp } from '../../src/app.js';
import { can } from '../../src/modules/access/policy.js';
import {
  duplicateReviewsScope,
  importJobsScope,
  type ReviewedPair,
} from '../../src/modules/imports/imports.scope.js';
import { loadConfig } from '../../src/platform/config.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { type ScopeRegion, scopeMatrix, seenBoth, sponsorOfficer } from '../support/scopes.js';

let tdb: TestDatabase;
let app: App;
let jobs: { id: string; region_code: string }[];
let reviews: (ReviewedPair & { id: string })[];
const workerIds: Record<string, string> = {};
const reviewIds: Record<string, string> = {};

/** Import jobs by the region they were uploaded for. */
const JOB_REGIONS = {
  province: '16',
  palembang: '16.71',
  district: '16.71.01',
  otherDistrict: '16.71.02',
  oganIlir: '16.10',
};
const EXPECTED_JOBS: Record<ScopeRegion, (keyof typeof JOB_REGIONS)[]> = {
  province: ['province', 'palembang', 'district', 'otherDistrict', 'oganIlir'],
  regency: ['palembang', 'district', 'otherDistrict'],
  district: ['district'],
  otherRegency: ['oganIlir'],
};

/** Reviews pair two workers; the actor sees a review when it sees both. */
const DOMICILES = { village: '16.71.01.1001', district: '16.71.01', other: '16.71.02', oganIlir: '16.10.01' };
const PAIRS = {
  inDistrict: ['village', 'district'],
  inPalembang: ['village', 'other'],
  acrossRegencies: ['district', 'oganIlir'],
} as const;
const EXPECTED_REVIEWS: Record<ScopeRegion, (keyof typeof PAIRS)[]> = {
  province: ['inDistrict', 'inPalembang', 'acrossRegencies'],
  regency: ['inDistrict', 'inPalembang'],
  district: ['inDistrict'],
  otherRegency: [],
};

before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
  for (const [name, region] of Object.entries(JOB_REGIONS)) {
    await tdb.db.query(
      `INSERT INTO import_jobs (region_code, created_by, created_by_id, file_name, file_kind, file_size,
         file_sha256, stored_path, status)
       VALUES ($1, 'test', 'test', $2, 'csv', 1, 'x', 'x', 'uploaded')`,
      [region, name],
    );
  }
  jobs = (await tdb.db.query<{ id: string; region_code: string }>('SELECT id, region_code FROM import_jobs'))
    .rows;
  for (const [name, domicileCode] of Object.entries(DOMICILES)) {
    workerIds[name] = (await app.workers.create(ctxAs(), aWorker({ domicileCode }))).id;
  }
  for (const [name, [a, b]] of Object.entries(PAIRS)) {
    const r = await tdb.db.query<{ id: string }>(
      `INSERT INTO duplicate_reviews (region_code, worker_id, other_worker_id, similarity)
       VALUES ('16', $1, $2, 0.9) RETURNING id`,
      [workerIds[a], workerIds[b]],
    );
    reviewIds[name] = r.rows[0]!.id;
  }
  const r = await tdb.db.query<{
    id: string;
    a_district: string;
    a_village: string | null;
    b_district: string;
    b_village: string | null;
  }>(
    `SELECT d.id, a.district_code AS a_district, a.village_code AS a_village,
            b.district_code AS b_district, b.village_code AS b_village
     FROM duplicate_reviews d
     JOIN workers a ON a.id = d.worker_id JOIN workers b ON b.id = d.other_worker_id`,
  );
  reviews = r.rows.map((x) => ({
    id: x.id,
    worker: { district_code: x.a_district, village_code: x.a_village },
    other: { district_code: x.b_district, village_code: x.b_village },
  }));
});
after(async () => {
  await tdb.drop();
});

const jobId = (name: string) =>
  jobs.find((j) => j.region_code === JOB_REGIONS[name as keyof typeof JOB_REGIONS])!.id;

for (const { name, region, actor } of scopeMatrix()) {
  test(`import jobs: ${name}`, async () => {
    const scope = importJobsScope(actor);
    const seen = await seenBoth(tdb.db, 'import_jobs j', scope, jobs, name);
    // A sponsor officer reads only the workers its sponsors pay for: no import, no review by region.
    const reads = can(actor, 'worker.read') && actor.role !== 'sponsor_officer';
    assert.deepEqual(seen, reads ? EXPECTED_JOBS[region].map(jobId).sort() : [], name);
    for (const job of jobs) assert.equal(scope.covers(job.region_code), scope.allows(job));
  });

  test(`duplicate reviews: ${name}`, async () => {
    const seen = await seenBoth(tdb.db, 'duplicate_reviews d', duplicateReviewsScope(actor), reviews, name);
    // A sponsor officer reads only the workers its sponsors pay for: no import, no review by region.
    const reads = can(actor, 'worker.read') && actor.role !== 'sponsor_officer';
    assert.deepEqual(seen, reads ? EXPECTED_REVIEWS[region].map((n) => reviewIds[n]!).sort() : [], name);
  });
}

test('imports: a sponsor-scoped actor sees no import job and no review', async () => {
  const sponsor = sponsorOfficer();
  assert.deepEqual(await seenBoth(tdb.db, 'import_jobs j', importJobsScope(sponsor), jobs, 'sponsor'), []);
  assert.deepEqual(
    await seenBoth(tdb.db, 'duplicate_reviews d', duplicateReviewsScope(sponsor), reviews, 'sponsor'),
    [],
  );
});
