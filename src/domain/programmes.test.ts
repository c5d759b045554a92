import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EligibilityRules } from '../contracts/programmes.js';
import type { RegionCatalog } from '../contracts/regions.js';
import { monthsBetween, programmeIssues, programmeRegion } from './programmes.js';
import { levelOf, parentOf } from './regions.js';

const NAMES: Record<string, string> = {
  '16': 'Sumatera Selatan',
  '16.10': 'Kabupaten Ogan Ilir',
  '16.71': 'Kota Palembang',
  '16.71.01': 'Ilir Barat II',
  '31': 'DKI Jakarta',
  '31.71': 'Kota Jakarta Pusat',
};
/** The few regions these rules are tried with. */
const catalog = {
  get: (code: string) =>
    NAMES[code] ? { code, name: NAMES[code], level: levelOf(code)!, parentCode: parentOf(code) } : undefined,
} as unknown as RegionCatalog;
const base = {
  regionCode: '16',
  periodStart: '2027-01',
  periodEnd: '2027-12',
  eligibility: EligibilityRules.parse({}),
  quotas: [],
};
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

test('months of a period count both ends', () => {
  assert.equal(monthsBetween('2027-01', '2027-12'), 12);
  assert.equal(monthsBetween('2026-11', '2027-02'), 4);
  assert.equal(monthsBetween('2027-03', '2027-03'), 1);
  assert.ok(monthsBetween('2027-03', '2027-02') < 1);
});

test('a valid programme has no issues; a period ending before it starts or longer than 5 years has one', () => {
  assert.deepEqual(programmeIssues(base, catalog), []);
  assert.deepEqual(codes(programmeIssues({ ...base, periodEnd: '2026-12' }, catalog)), ['PERIOD_ORDER']);
  assert.deepEqual(codes(programmeIssues({ ...base, periodEnd: '2032-01' }, catalog)), ['PERIOD_TOO_LONG']);
});

test('quotas: regencies within the region, one each, percentages up to 100', () => {
  const regency = { ...base, regionCode: '16.71' };
  assert.deepEqual(
    codes(programmeIssues({ ...regency, quotas: [{ regionCode: '16.10', maxWorkers: 5 }] }, catalog)),
    ['QUOTA_OUTSIDE_REGION'],
  );
  assert.deepEqual(
    codes(programmeIssues({ ...base, quotas: [{ regionCode: '16.71.01', maxWorkers: 5 }] }, catalog)),
    ['QUOTA_NOT_REGENCY'],
  );
  assert.deepEqual(
    codes(
      programmeIssues(
        {
          ...base,
          quotas: [
            { regionCode: '16.71', budgetPercent: 60 },
            { regionCode: '16.71', maxWorkers: 3 },
            { regionCode: '16.10', budgetPercent: 50 },
          ],
        },
        catalog,
      ),
    ),
    ['QUOTA_DUPLICATE', 'QUOTA_OVER_BUDGET'],
  );
  assert.deepEqual(
    codes(programmeIssues({ ...regency, quotas: [{ regionCode: '16.71', maxWorkers: 3 }] }, catalog)),
    [],
  );
});

test('eligibility: ages in order, domiciles inside the programme region', () => {
  const issues = programmeIssues(
    {
      ...base,
      regionCode: '16.71',
      eligibility: { ...base.eligibility, ageMin: 70, ageMax: 60, regionCodes: ['16.10', '99.99'] },
    },
    catalog,
  );
  assert.deepEqual(codes(issues), ['AGE_ORDER', 'REGION_OUTSIDE_PROGRAMME', 'REGION_NOT_FOUND']);
  assert.deepEqual(issues[1]!.path, ['eligibility', 'regionCodes', '0']);
});

test('a regency budget or village fund programme covers its sponsor’s region; others the province unless narrowed', () => {
  const regency = { kind: 'apbd_regency' as const, region_code: '16.71', name: 'Kota Palembang' };
  assert.deepEqual(programmeRegion(regency, undefined, '16', catalog), { ok: true, code: '16.71' });
  const widened = programmeRegion(regency, '16', '16', catalog);
  assert.equal(widened.ok, false);
  assert.equal(!widened.ok && widened.issue.code, 'PROGRAMME_REGION_FIXED');
  const csr = { kind: 'csr_bumn' as const, region_code: '16', name: 'PT X' };
  assert.deepEqual(programmeRegion(csr, undefined, '16', catalog), { ok: true, code: '16' });
  assert.deepEqual(programmeRegion(csr, '16.10', '16', catalog), { ok: true, code: '16.10' });
  const outside = programmeRegion(csr, '31.71', '16', catalog);
  assert.equal(!outside.ok && outside.issue.code, 'REGION_OUT_OF_SCOPE');
});
