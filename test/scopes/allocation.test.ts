import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { can } from '../../src/modules/access/policy.js';
import { type AllocationPlace, allocationScope } from '../../src/modules/allocation/allocation.scope.js';
import { aProgramme, aSponsor } from '../support/allocation.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { anActor } from '../support/factories.js';
import { type ScopeRegion, scopeMatrix, seenBoth } from '../support/scopes.js';

let tdb: TestDatabase;
let programmes: (AllocationPlace & { id: string; name: string })[];

/** Programmes by their region: the province's, Palembang's and Ogan Ilir's. */
const REGIONS = { province: '16', palembang: '16.71', oganIlir: '16.10' } as const;
const EXPECTED: Record<ScopeRegion, (keyof typeof REGIONS)[]> = {
  province: ['province', 'palembang', 'oganIlir'],
  regency: ['palembang'],
  district: [],
  otherRegency: ['oganIlir'],
};

before(async () => {
  tdb = await createTestDatabase();
  for (const [name, region] of Object.entries(REGIONS)) {
    const sponsor = await aSponsor(tdb.db, region === '16' ? 'apbd_province' : 'apbd_regency', region);
    await aProgramme(tdb.db, { sponsorId: sponsor, regionCode: region, name });
  }
  programmes = (
    await tdb.db.query<AllocationPlace & { id: string; name: string }>(
      'SELECT id::text, name, region_code, sponsor_id::text FROM programmes',
    )
  ).rows;
});
after(async () => {
  await tdb.drop();
});

const names = (ids: string[]) =>
  programmes
    .filter((p) => ids.includes(p.id))
    .map((p) => p.name)
    .sort();

test('programmes and rosters for allocation: the SQL and the in-memory check agree, for every role × region', async () => {
  for (const { name, region, actor } of scopeMatrix()) {
    const seen = await seenBoth(tdb.db, 'programmes p', allocationScope(actor), programmes, name);
    const expected = can(actor, 'allocation.read') ? [...EXPECTED[region]].sort() : [];
    assert.deepEqual(names(seen), expected, name);
  }
});

test("a sponsor officer sees its own sponsor's programmes, wherever they are, and nothing else", async () => {
  const palembang = programmes.find((p) => p.name === 'palembang')!;
  const officer = anActor('sponsor_officer', ['16'], { sponsorIds: [palembang.sponsor_id] });
  const seen = await seenBoth(
    tdb.db,
    'programmes p',
    allocationScope(officer),
    programmes,
    'sponsor officer',
  );
  assert.deepEqual(names(seen), ['palembang']);
  const none = anActor('sponsor_officer', ['16']);
  assert.deepEqual(
    await seenBoth(tdb.db, 'programmes p', allocationScope(none), programmes, 'no sponsor'),
    [],
  );
});
