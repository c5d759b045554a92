import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { can } from '../../src/modules/access/policy.js';
import { type AuditRow, recordAudit } from '../../src/modules/audit/audit.repo.js';
import { auditScope } from '../../src/modules/audit/audit.scope.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ctxAs } from '../support/factories.js';
import { type ScopeRegion, scopeMatrix, seenBoth, sponsorOfficer } from '../support/scopes.js';

let tdb: TestDatabase;
let rows: (Omit<AuditRow, 'id'> & { id: string })[];

/** Events by the region they belong to; `nowhere` has none (a sign-in, a user change). */
const REGIONS = {
  nowhere: null,
  province: '16',
  palembang: '16.71',
  district: '16.71.01',
  village: '16.71.01.1001',
  otherDistrict: '16.71.02',
  oganIlir: '16.10.01',
};
const EXPECTED: Record<ScopeRegion, (keyof typeof REGIONS)[]> = {
  province: ['nowhere', 'province', 'palembang', 'district', 'village', 'otherDistrict', 'oganIlir'],
  regency: ['palembang', 'district', 'village', 'otherDistrict'],
  district: ['district', 'village'],
  otherRegency: ['oganIlir'],
};

before(async () => {
  tdb = await createTestDatabase();
  for (const [name, regionCode] of Object.entries(REGIONS)) {
    await recordAudit(tdb.db, ctxAs(), {
      action: 'test.scope',
      entityType: 'test',
      entityId: name,
      regionCode,
    });
  }
  rows = (await tdb.db.query<AuditRow>('SELECT * FROM audit_events')).rows.map((r) => ({
    ...r,
    id: String(r.id),
  }));
});
after(async () => {
  await tdb.drop();
});

const idOf = (name: string) => rows.find((r) => r.entity_id === name)!.id;

for (const { name, region, actor } of scopeMatrix()) {
  test(`audit events: ${name}`, async () => {
    const seen = await seenBoth(tdb.db, 'audit_events e', auditScope(actor), rows, name);
    const expected = can(actor, 'audit.read') ? EXPECTED[region].map(idOf).sort() : [];
    assert.deepEqual(seen, expected, name);
  });
}

test('audit events: a sponsor-scoped actor reads none of the trail', async () => {
  assert.deepEqual(await seenBoth(tdb.db, 'audit_events e', auditScope(sponsorOfficer()), rows, 's'), []);
});
