import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aVersion, SEEDED_BOOK, seededBpu } from '../../test/support/rates.js';
import { costByOccupation, monthlyContribution, monthsBetween, periodCost } from './contributions.js';
import { roundHalfUp } from './rates.js';

// The costs allocation computed before the rates moved into the database, now from the seeded versions.

const base = {
  incomeBase: 1_000_000,
  includeJht: false,
  occupation: 'nelayan',
  sponsorKind: 'csr_private',
} as const;

describe('monthly BPU contribution', () => {
  it('lowest base: JKK 10.000 + JKM 6.800 = Rp 16.800; with JHT Rp 36.800', () => {
    const c = monthlyContribution({ ...base, month: '2026-05' }, SEEDED_BOOK);
    assert.deepEqual([c.jkk, c.jkm, c.jht, c.discount, c.total], [10_000, 6_800, 0, 0, 16_800]);
    assert.equal(
      monthlyContribution({ ...base, includeJht: true, month: '2026-05' }, SEEDED_BOOK).total,
      36_800,
    );
  });

  it('PP 50/2025: half of JKK + JKM for ojek and ojek online, January 2026 to March 2027 only', () => {
    for (const occupation of ['ojek', 'ojek_online'] as const) {
      assert.equal(monthlyContribution({ ...base, occupation, month: '2026-01' }, SEEDED_BOOK).total, 8_400);
      assert.equal(monthlyContribution({ ...base, occupation, month: '2027-03' }, SEEDED_BOOK).total, 8_400);
      assert.equal(monthlyContribution({ ...base, occupation, month: '2025-12' }, SEEDED_BOOK).total, 16_800);
      assert.equal(monthlyContribution({ ...base, occupation, month: '2027-04' }, SEEDED_BOOK).total, 16_800);
    }
    // JHT is not discounted.
    const jht = monthlyContribution(
      { ...base, occupation: 'ojek', includeJht: true, month: '2026-06' },
      SEEDED_BOOK,
    );
    assert.equal(jht.total, 8_400 + 20_000);
    assert.ok(jht.sources.some((s) => s.includes('PP 50/2025')));
  });

  it('no discount when paid from APBD or the village fund (APBN transfer)', () => {
    for (const sponsorKind of ['apbd_province', 'apbd_regency', 'village_fund'] as const)
      assert.equal(
        monthlyContribution({ ...base, occupation: 'ojek', sponsorKind, month: '2026-06' }, SEEDED_BOOK)
          .total,
        16_800,
      );
    for (const sponsorKind of ['csr_bumn', 'csr_bumd', 'zakat', 'self'] as const)
      assert.equal(
        monthlyContribution({ ...base, occupation: 'ojek', sponsorKind, month: '2026-06' }, SEEDED_BOOK)
          .total,
        8_400,
      );
  });

  it('rounds each percentage to whole rupiah, halves up, and the discounted sum the same way', () => {
    assert.equal(roundHalfUp(5, 2), 3);
    assert.equal(roundHalfUp(4, 2), 2);
    assert.equal(roundHalfUp(149, 100), 1);
    assert.equal(roundHalfUp(150, 100), 2);
    // 1% of 1.000.050 = 10.000,5 → 10.001; 2% = 20.001 exactly.
    const c = monthlyContribution(
      { ...base, incomeBase: 1_000_050, includeJht: true, month: '2026-05' },
      SEEDED_BOOK,
    );
    assert.deepEqual([c.jkk, c.jht], [10_001, 20_001]);
    // (10.001 + 6.800) × 50% = 8.400,5 → 8.401 paid, 8.400 off.
    const d = monthlyContribution(
      { ...base, occupation: 'ojek', incomeBase: 1_000_050, month: '2026-05' },
      SEEDED_BOOK,
    );
    assert.deepEqual([d.discount, d.total], [8_400, 8_401]);
  });

  it('a month before any rates is refused', () => {
    assert.throws(() => monthlyContribution({ ...base, month: '2010-01' }, SEEDED_BOOK), RangeError);
  });

  it('a rate change mid-period: each month costed with the version in force on its first day', () => {
    const raised = aVersion(seededBpu, {
      id: 'raised',
      effectiveFrom: '2028-07-01',
      rules: { ...seededBpu.rules, jkmMonthly: 7_000 },
    });
    const book = [...SEEDED_BOOK, raised];
    const p = { incomeBase: 1_000_000, includeJht: false, sponsorKind: 'zakat' as const };
    const c = periodCost({ ...p, firstMonth: '2028-05', lastMonth: '2028-08' }, 'nelayan', book);
    assert.deepEqual(c, { months: 4, firstMonthly: 16_800, total: 2 * 16_800 + 2 * 17_000 });
  });
});

describe('period cost', () => {
  it('sums the months, the discount only in its window', () => {
    assert.deepEqual(monthsBetween('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
    const p = { incomeBase: 1_000_000, includeJht: false, sponsorKind: 'zakat' as const };
    // Oct 2027 … Mar 2028: after the discount window, full price.
    assert.equal(
      periodCost({ ...p, firstMonth: '2027-10', lastMonth: '2028-03' }, 'ojek', SEEDED_BOOK).total,
      6 * 16_800,
    );
    // Jan … Jun 2027: three discounted months (to March), three full.
    const c = periodCost({ ...p, firstMonth: '2027-01', lastMonth: '2027-06' }, 'ojek', SEEDED_BOOK);
    assert.deepEqual(c, { months: 6, firstMonthly: 8_400, total: 3 * 8_400 + 3 * 16_800 });
    const classes = costByOccupation(
      { ...p, firstMonth: '2026-01', lastMonth: '2026-12' },
      ['ojek', 'nelayan'],
      SEEDED_BOOK,
    );
    assert.deepEqual(classes.get('ojek'), { monthly: 8_400, total: 12 * 8_400 });
    assert.deepEqual(classes.get('nelayan'), { monthly: 16_800, total: 12 * 16_800 });
  });
});
