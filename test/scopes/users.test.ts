import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { can } from '../../src/modules/access/policy.js';
import { createUsersRepo, type UserRow } from '../../src/modules/access/users.repo.js';
import { usersScope } from '../../src/modules/access/users.scope.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { type ScopeRegion, scopeMatrix, seenBoth, sponsorOfficer } from '../support/scopes.js';

let tdb: TestDatabase;
let rows: UserRow[];
const ids: Record<string, string> = {};

/** Users by where they work: every region of theirs must lie in the manager's. */
const REGIONS = {
  province: ['16'],
  palembang: ['16.71'],
  district: ['16.71.01'],
  twoDistricts: ['16.71.01', '16.71.02'],
  oganIlir: ['16.10'],
  twoRegencies: ['16.71', '16.10'],
  none: [],
};
const EXPECTED: Record<ScopeRegion, (keyof typeof REGIONS)[]> = {
  province: ['province', 'palembang', 'district', 'twoDistricts', 'oganIlir', 'twoRegencies', 'none'],
  regency: ['palembang', 'district', 'twoDistricts', 'none'],
  district: ['district', 'none'],
  otherRegency: ['oganIlir', 'none'],
};

before(async () => {
  tdb = await createTestDatabase();
  const repo = createUsersRepo(tdb.db);
  for (const [name, region_codes] of Object.entries(REGIONS)) {
    const row = await repo.insert({
      email: `${name}@payung.local`,
      full_name: name,
      role: 'auditor',
      region_codes,
      password_hash: 'x',
    });
    ids[name] = row.id;
  }
  rows = (await tdb.db.query<UserRow>('SELECT * FROM users')).rows;
});
after(async () => {
  await tdb.drop();
});

for (const { name, region, actor } of scopeMatrix()) {
  test(`users: ${name}`, async () => {
    const scope = usersScope(actor);
    const seen = await seenBoth(tdb.db, 'users u', scope, rows, name);
    const expected = can(actor, 'user.manage') ? EXPECTED[region].map((n) => ids[n]!).sort() : [];
    assert.deepEqual(seen, expected, name);
    // The list the service shows is the same condition.
    const listed = (await createUsersRepo(tdb.db).list(scope)).map((u) => u.id).sort();
    assert.deepEqual(listed, expected);
  });
}

test('users: a sponsor-scoped actor manages nobody', async () => {
  assert.deepEqual(await seenBoth(tdb.db, 'users u', usersScope(sponsorOfficer()), rows, 'sponsor'), []);
});
