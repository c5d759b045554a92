import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type App, createApp } from '../../src/app.js';
import { can } from '../../src/modules/access/policy.js';
import type { WorkerRow } from '../../src/modules/workers/workers.repo.js';
import { workersScope } from '../../src/modules/workers/workers.scope.js';
import { loadConfig } from '../../src/platform/config.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { aWorker, ctxAs } from '../support/factories.js';
import { type ScopeRegion, scopeMatrix, seenBoth, sponsorOfficer } from '../support/scopes.js';

let tdb: TestDatabase;
let app: App;
let rows: WorkerRow[];
const ids: Record<string, string> = {};

/** Who lives where: a village and a bare district in Palembang's 16.71.01, another district, Ogan Ilir. */
const DOMICILES = {
  palembangVillage: '16.71.01.1001',
  palembangDistrict: '16.71.01',
  palembangOther: '16.71.02',
  oganIlir: '16.10.01',
};
const EXPECTED: Record<ScopeRegion, (keyof typeof DOMICILES)[]> = {
  province: ['palembangVillage', 'palembangDistrict', 'palembangOther', 'oganIlir'],
  regency: ['palembangVillage', 'palembangDistrict', 'palembangOther'],
  district: ['palembangVillage', 'palembangDistrict'],
  otherRegency: ['oganIlir'],
};

before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
  for (const [name, domicileCode] of Object.entries(DOMICILES)) {
    ids[name] = (await app.workers.create(ctxAs(), aWorker({ domicileCode }))).id;
  }
  rows = (await tdb.db.query<WorkerRow>('SELECT * FROM workers')).rows;
});
after(async () => {
  await tdb.drop();
});

const idsOf = (names: readonly string[]) => names.map((n) => ids[n]!).sort();

for (const { name, region, actor } of scopeMatrix()) {
  test(`workers: ${name}`, async () => {
    const scope = workersScope(actor);
    const seen = await seenBoth(tdb.db, 'workers w', scope, rows, name);
    // A sponsor officer's regions give it nothing of the registry (only what its sponsors pay for:
    // test/scopes/enrolments.test.ts).
    const byRegion = can(actor, 'worker.read') && actor.role !== 'sponsor_officer';
    assert.deepEqual(seen, byRegion ? idsOf(EXPECTED[region]) : [], name);
    // A worker is written only where it may be seen.
    for (const domicile of Object.values(DOMICILES)) {
      const place = rows.find((r) => (r.village_code ?? r.district_code) === domicile)!;
      assert.equal(scope.covers(domicile), scope.allows(place), `${name} covers ${domicile}`);
    }
  });
}

test('workers: a sponsor officer whose sponsor pays for nobody sees nothing of the registry', async () => {
  const scope = workersScope(sponsorOfficer());
  assert.deepEqual(await seenBoth(tdb.db, 'workers w', scope, rows, 'sponsor'), []);
  assert.equal(scope.covers('16.71.01.1001'), false);
});
