import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONTRIBUTION_RULES,
  costByOccupation,
  monthlyContribution,
  monthsBetween,
  periodCost,
  roundHalfUp,
} from './contributions.js';

const base = {
  incomeBase: 1_000_000,
  includeJht: false,
  occupation: 'nelayan',
  sponsorKind: 'csr_private',
} as const;

describe('monthly BPU contribution', () => {
  it('lowest base: JKK 10.000 + JKM 6.800 = Rp 16.800; with JHT Rp 36.800', () => {
    const c = monthlyContribution({ ...base, month: '2026-05' });
    assert.deepEqual([c.jkk, c.jkm, c.jht, c.discount, c.total], [10_000, 6_800, 0, 0, 16_800]);
    assert.equal(monthlyContribution({ ...base, includeJht: true, month: '2026-05' }).total, 36_800);
  });

  it('PP 50/2025: half of JKK + JKM for ojek and ojek online, January 2026 to March 2027 only', () => {
    for (const occupation of ['ojek', 'ojek_online'] as const) {
      assert.equal(monthlyContribution({ ...base, occupation, month: '2026-01' }).total, 8_400);
      assert.equal(monthlyContribution({ ...base, occupation, month: '2027-03' }).total, 8_400);
      assert.equal(monthlyContribution({ ...base, occupation, month: '2025-12' }).total, 16_800);
      assert.equal(monthlyContribution({ ...base, occupation, month: '2027-04' }).total, 16_800);
    }
    // JHT is not discounted.
    const jht = monthlyContribution({ ...base, occupation: 'ojek', includeJht: true, month: '2026-06' });
    assert.equal(jht.total, 8_400 + 20_000);
    assert.ok(jht.sources.some((s) => s.includes('PP 50/2025')));
  });

  it('no discount when paid from APBD or the village fund (APBN transfer)', () => {
    for (const sponsorKind of ['apbd_province', 'apbd_regency', 'village_fund'] as const)
      assert.equal(
        monthlyContribution({ ...base, occupation: 'ojek', sponsorKind, month: '2026-06' }).total,
        16_800,
      );
    for (const sponsorKind of ['csr_bumn', 'csr_bumd', 'zakat', 'self'] as const)
      assert.equal(
        monthlyContribution({ ...base, occupation: 'ojek', sponsorKind, month: '2026-06' }).total,
        8_400,
      );
  });

  it('rounds each percentage to whole rupiah, halves up, and the discounted sum the same way', () => {
    assert.equal(roundHalfUp(5, 2), 3);
    assert.equal(roundHalfUp(4, 2), 2);
    assert.equal(roundHalfUp(149, 100), 1);
    assert.equal(roundHalfUp(150, 100), 2);
    // 1% of 1.000.050 = 10.000,5 → 10.001; 2% = 20.001 exactly.
    const c = monthlyContribution({ ...base, incomeBase: 1_000_050, includeJht: true, month: '2026-05' });
    assert.deepEqual([c.jkk, c.jht], [10_001, 20_001]);
    // (10.001 + 6.800) × 50% = 8.400,5 → 8.401 paid, 8.400 off.
    const d = monthlyContribution({ ...base, occupation: 'ojek', incomeBase: 1_000_050, month: '2026-05' });
    assert.deepEqual([d.discount, d.total], [8_400, 8_401]);
  });

  it('every rule names its source; a month before any rates is refused', () => {
    for (const r of CONTRIBUTION_RULES) assert.ok(r.source.length > 10);
    assert.throws(() => monthlyContribution({ ...base, month: '2010-01' }), RangeError);
  });
});

describe('period cost', () => {
  it('sums the months, the discount only in its window', () => {
    assert.deepEqual(monthsBetween('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
    const p = { incomeBase: 1_000_000, includeJht: false, sponsorKind: 'zakat' as const };
    // Oct 2027 … Mar 2028: after the discount window, full price.
    assert.equal(periodCost({ ...p, firstMonth: '2027-10', lastMonth: '2028-03' }, 'ojek').total, 6 * 16_800);
    // Jan … Jun 2027: three discounted months (to March), three full.
    const c = periodCost({ ...p, firstMonth: '2027-01', lastMonth: '2027-06' }, 'ojek');
    assert.deepEqual(c, { months: 6, firstMonthly: 8_400, total: 3 * 8_400 + 3 * 16_800 });
    const classes = costByOccupation({ ...p, firstMonth: '2026-01', lastMonth: '2026-12' }, [
      'ojek',
      'nelayan',
    ]);
    assert.deepEqual(classes.get('ojek'), { monthly: 8_400, total: 12 * 8_400 });
    assert.deepEqual(classes.get('nelayan'), { monthly: 16_800, total: 12 * 16_800 });
  });
});
