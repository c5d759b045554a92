import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Role } from '../../src/contracts/roles.js';
import { programmesScope } from '../../src/modules/programmes/index.js';
import { sponsorsScope } from '../../src/modules/sponsors/index.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { type ScopeRegion, scopeMatrix, seenBoth, sponsorOfficer } from '../support/scopes.js';

let tdb: TestDatabase;
const sponsorIds: Record<string, string> = {};
const programmeIds: Record<string, string> = {};
let sponsors: { id: string; region_code: string }[];
let programmes: { id: string; region_code: string; sponsor_id: string }[];

/** Sponsors by their region; the province's has the id the test sponsor officer acts for. */
const SPONSORS = { province: '16', palembang: '16.71', village: '16.71.01.1001', oganIlir: '16.10' };
const OFFICERS_SPONSOR = sponsorOfficer().sponsorIds[0]!;
/** Programmes by their region, each of the sponsor named. */
const PROGRAMMES = {
  province: ['16', 'province'],
  palembang: ['16.71', 'palembang'],
  district: ['16.71.01', 'province'],
  oganIlir: ['16.10', 'oganIlir'],
} as const;

/** Within the reader's region (administrator, auditor, BPJS liaison). */
const WITHIN: Record<ScopeRegion, (keyof typeof PROGRAMMES)[]> = {
  province: ['province', 'palembang', 'district', 'oganIlir'],
  regency: ['palembang', 'district'],
  district: ['district'],
  otherRegency: ['oganIlir'],
};
/** Within it or covering it (a regency operator's programmes; everyone's sponsors). */
const OVERLAP: Record<ScopeRegion, (keyof typeof PROGRAMMES)[]> = {
  province: ['province', 'palembang', 'district', 'oganIlir'],
  regency: ['province', 'palembang', 'district'],
  district: ['province', 'palembang', 'district'],
  otherRegency: ['province', 'oganIlir'],
};
const SPONSORS_SEEN: Record<ScopeRegion, (keyof typeof SPONSORS)[]> = {
  province: ['province', 'palembang', 'village', 'oganIlir'],
  regency: ['province', 'palembang', 'village'],
  district: ['province', 'palembang', 'village'],
  otherRegency: ['province', 'oganIlir'],
};
const PROGRAMME_RULE: Record<Role, Record<ScopeRegion, (keyof typeof PROGRAMMES)[]> | null> = {
  province_admin: WITHIN,
  auditor: WITHIN,
  bpjs_liaison: WITHIN,
  regency_operator: OVERLAP,
  enumerator: null,
  // Without a sponsor: nothing (its own case below).
  sponsor_officer: null,
};

before(async () => {
  tdb = await createTestDatabase();
  for (const [name, region] of Object.entries(SPONSORS)) {
    const r = await tdb.db.query<{ id: string }>(
      `INSERT INTO sponsors (id, kind, name, region_code) VALUES (coalesce($1::uuid, payung_uuid7()), 'csr_private', $2, $3)
       RETURNING id`,
      [name === 'province' ? OFFICERS_SPONSOR : null, name, region],
    );
    sponsorIds[name] = r.rows[0]!.id;
  }
  for (const [name, [region, sponsor]] of Object.entries(PROGRAMMES)) {
    const r = await tdb.db.query<{ id: string }>(
      `INSERT INTO programmes (sponsor_id, name, region_code, period_start, period_end, budget, eligibility,
         priority_weights, created_by)
       VALUES ($1, $2, $3, '2027-01-01', '2027-12-01', 1000000, '{}', '{}', 'test') RETURNING id`,
      [sponsorIds[sponsor], name, region],
    );
    programmeIds[name] = r.rows[0]!.id;
  }
  sponsors = (await tdb.db.query<{ id: string; region_code: string }>('SELECT id, region_code FROM sponsors'))
    .rows;
  programmes = (
    await tdb.db.query<{ id: string; region_code: string; sponsor_id: string }>(
      'SELECT id, region_code, sponsor_id FROM programmes',
    )
  ).rows;
});
after(async () => {
  await tdb.drop();
});

for (const { name, region, actor } of scopeMatrix()) {
  test(`programmes: ${name}`, async () => {
    const seen = await seenBoth(tdb.db, 'programmes p', programmesScope(actor), programmes, name);
    const rule = PROGRAMME_RULE[actor.role];
    assert.deepEqual(seen, rule ? rule[region].map((n) => programmeIds[n]!).sort() : [], name);
  });

  test(`sponsors: ${name}`, async () => {
    const seen = await seenBoth(tdb.db, 'sponsors s', sponsorsScope(actor), sponsors, name);
    const reads = actor.role !== 'sponsor_officer';
    assert.deepEqual(seen, reads ? SPONSORS_SEEN[region].map((n) => sponsorIds[n]!).sort() : [], name);
  });
}

test('a sponsor officer sees its sponsor and that sponsor’s programmes, wherever they are', async () => {
  const officer = sponsorOfficer();
  assert.deepEqual(await seenBoth(tdb.db, 'sponsors s', sponsorsScope(officer), sponsors, 'officer'), [
    OFFICERS_SPONSOR,
  ]);
  assert.deepEqual(
    await seenBoth(tdb.db, 'programmes p', programmesScope(officer), programmes, 'officer'),
    [programmeIds.province!, programmeIds.district!].sort(),
  );
  // Its region does not widen what it sees: a Palembang officer of a provincial sponsor sees the same.
  const regional = { ...officer, regionCodes: ['16.71'] };
  assert.deepEqual(
    await seenBoth(tdb.db, 'programmes p', programmesScope(regional), programmes, 'officer in Palembang'),
    [programmeIds.province!, programmeIds.district!].sort(),
  );
});
