import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aVersion,
  SEEDED_BOOK,
  SEEDED_BPU,
  SEEDED_JAKON,
  seededBpu,
  seededDiscounts,
  seededJakon,
} from '../../test/support/rates.js';
import type { Funding } from '../contracts/rates.js';
import {
  type BpuMonthInput,
  bpuMonth,
  bracketOf,
  jakonContribution,
  percentOfBasisPoints,
  roundHalfUp,
  rupiah,
  versionInForce,
  versionStatus,
} from './rates.js';

const month = (m: string, over: Partial<BpuMonthInput> = {}) => {
  const date = `${m}-01`;
  return bpuMonth(
    versionInForce(SEEDED_BOOK, 'bpu', date)!,
    versionInForce(SEEDED_BOOK, 'bpu_discount', date),
    {
      base: 1_000_000,
      includeJht: false,
      month: m,
      occupation: null,
      funding: 'self',
      ...over,
    },
  );
};

describe('rounding: whole rupiah, halves up', () => {
  it('rounds below a half down, a half and above up', () => {
    assert.equal(roundHalfUp(4, 2), 2);
    assert.equal(roundHalfUp(5, 2), 3);
    assert.equal(roundHalfUp(149, 100), 1);
    assert.equal(roundHalfUp(150, 100), 2);
    assert.equal(roundHalfUp(0, 100), 0);
    // 1% of 1.000.050 = 10.000,5 → 10.001; 1% of 1.000.049 = 10.000,49 → 10.000.
    assert.equal(month('2025-05', { base: 1_000_050 }).jkk, 10_001);
    assert.equal(month('2025-05', { base: 1_000_049 }).jkk, 10_000);
  });

  it('formats amounts and rates the Indonesian way', () => {
    assert.equal(rupiah(1_750_000), 'Rp 1.750.000');
    assert.equal(rupiah(-8_400), '−Rp 8.400');
    assert.equal(percentOfBasisPoints(21), '0,21%');
    assert.equal(percentOfBasisPoints(100), '1%');
  });
});

describe('BPU income brackets (DESIGN §4.1)', () => {
  it('the lowest: any income up to Rp 1.099.999 has the base Rp 1.000.000', () => {
    for (const income of [0, 1, 500_000, 1_000_000, 1_099_999])
      assert.deepEqual(bracketOf(SEEDED_BPU, income), { number: 1, from: 0, to: 1_099_999, base: 1_000_000 });
  });

  it('every edge: the first rupiah of a bracket is in it, the one before in the bracket below', () => {
    const b = SEEDED_BPU.brackets;
    for (let i = 1; i < b.length; i++) {
      assert.equal(bracketOf(SEEDED_BPU, b[i]!.from).base, b[i]!.base, `from of bracket ${i + 1}`);
      assert.equal(bracketOf(SEEDED_BPU, b[i]!.from - 1).base, b[i - 1]!.base, `just below bracket ${i + 1}`);
      assert.equal(bracketOf(SEEDED_BPU, b[i]!.from - 1).to, b[i]!.from - 1);
    }
    assert.equal(b.length, 41);
  });

  it('the steps: Rp 200 ribu to Rp 5 juta, Rp 500 ribu to Rp 10 juta, Rp 1 juta to Rp 20 juta', () => {
    assert.equal(bracketOf(SEEDED_BPU, 1_100_000).base, 1_200_000);
    assert.equal(bracketOf(SEEDED_BPU, 5_249_999).base, 5_000_000);
    assert.equal(bracketOf(SEEDED_BPU, 5_250_000).base, 5_500_000);
    assert.equal(bracketOf(SEEDED_BPU, 10_499_999).base, 10_000_000);
    assert.equal(bracketOf(SEEDED_BPU, 10_500_000).base, 11_000_000);
    assert.deepEqual(bracketOf(SEEDED_BPU, 1_000_000_000_000), {
      number: 41,
      from: 19_500_000,
      to: null,
      base: 20_000_000,
    });
  });
});

describe('BPU monthly contribution', () => {
  it('lowest base: JKK 10.000 + JKM 6.800 = Rp 16.800; with JHT Rp 36.800', () => {
    const c = month('2025-05');
    assert.deepEqual([c.jkk, c.jkm, c.jht, c.discount, c.total], [10_000, 6_800, 0, 0, 16_800]);
    assert.equal(month('2025-05', { includeJht: true }).total, 36_800);
    assert.equal(month('2025-05', { includeJht: true }).jht, 20_000);
    assert.deepEqual(
      c.steps.map((s) => s.key),
      ['jkk', 'jkm', 'jht', 'discount', 'total'],
    );
    assert.equal(c.steps.at(-1)!.amount, 16_800);
  });

  it('PP 50/2025 by date: from January 2026 to March 2027, not before, not after', () => {
    const ojek = { occupation: 'ojek' as const };
    assert.equal(month('2025-12', ojek).total, 16_800);
    assert.equal(month('2025-12', ojek).discountRule, null);
    assert.equal(month('2026-01', ojek).total, 8_400);
    assert.equal(month('2027-03', ojek).total, 8_400);
    assert.equal(month('2027-04', ojek).total, 16_800);
    assert.equal(month('2027-04', ojek).discountRule, null);
    const on = month('2026-06', ojek);
    assert.deepEqual([on.discount, on.discountRule?.applied, on.discountRule?.percentOff], [8_400, true, 50]);
    assert.deepEqual(
      on.versions.map((v) => v.id),
      [seededBpu.id, seededDiscounts.id],
    );
  });

  it('by occupation: only transport (ojek, ojek online); not when the occupation is not given', () => {
    assert.equal(month('2026-06', { occupation: 'ojek_online' }).total, 8_400);
    const fisher = month('2026-06', { occupation: 'nelayan' });
    assert.deepEqual([fisher.total, fisher.discountRule?.applied], [16_800, false]);
    assert.match(fisher.discountRule!.reason, /nelayan tidak termasuk/);
    const unknown = month('2026-06');
    assert.deepEqual([unknown.total, unknown.discountRule?.applied], [16_800, false]);
    assert.match(unknown.discountRule!.reason, /pekerjaan tidak disebut/);
  });

  it('by funding: not when paid from APBN or APBD; CSR, zakat and self-paying get it', () => {
    for (const funding of ['apbn', 'apbd'] as Funding[]) {
      const c = month('2026-06', { occupation: 'ojek', funding });
      assert.deepEqual([c.total, c.discount, c.discountRule?.applied], [16_800, 0, false]);
    }
    for (const funding of ['csr', 'zakat', 'self'] as Funding[])
      assert.equal(month('2026-06', { occupation: 'ojek', funding }).total, 8_400);
  });

  it('JHT is never discounted; the discounted remainder is rounded halves up', () => {
    assert.equal(month('2026-06', { occupation: 'ojek', includeJht: true }).total, 8_400 + 20_000);
    // (10.001 + 6.800) × 50% = 8.400,5 → 8.401 to pay, 8.400 off.
    const d = month('2026-06', { occupation: 'ojek', base: 1_000_050 });
    assert.deepEqual([d.discount, d.total], [8_400, 8_401]);
  });
});

describe('construction projects (DESIGN §4.2), marginal tiers', () => {
  const total = (v: number) => jakonContribution(SEEDED_JAKON, v).total;

  it("DESIGN's example: Rp 1 miliar pays 240.000 + 760.000 + 750.000 = Rp 1.750.000", () => {
    const r = jakonContribution(SEEDED_JAKON, 1_000_000_000);
    assert.deepEqual(
      r.tiers.map((t) => t.total),
      [240_000, 760_000, 750_000],
    );
    assert.deepEqual(
      [r.jkk, r.jkm, r.total],
      [210_000 + 680_000 + 650_000, 30_000 + 80_000 + 100_000, 1_750_000],
    );
    assert.equal(r.steps.at(-1)!.amount, 1_750_000);
  });

  it('every tier boundary: exactly at it, and one rupiah past it', () => {
    assert.equal(total(0), 0);
    assert.equal(jakonContribution(SEEDED_JAKON, 0).tiers.length, 0);
    assert.equal(total(100_000_000), 240_000);
    assert.equal(jakonContribution(SEEDED_JAKON, 100_000_000).tiers.length, 1);
    assert.equal(jakonContribution(SEEDED_JAKON, 100_000_001).tiers.length, 2);
    assert.equal(total(500_000_000), 1_000_000);
    assert.equal(jakonContribution(SEEDED_JAKON, 500_000_001).tiers.length, 3);
    assert.equal(total(1_000_000_000), 1_750_000);
    assert.equal(total(5_000_000_000), 1_750_000 + 4_800_000);
    assert.equal(jakonContribution(SEEDED_JAKON, 5_000_000_000).tiers.length, 4);
    assert.equal(total(6_000_000_000), 1_750_000 + 4_800_000 + 1_000_000);
    const top = jakonContribution(SEEDED_JAKON, 6_000_000_000).tiers.at(-1)!;
    assert.deepEqual([top.from, top.to, top.part], [5_000_000_000, null, 1_000_000_000]);
  });

  it('each line is whole rupiah, halves up, and the lines add up to the total', () => {
    // 5.000 × 0,21% = 10,5 → 11; × 0,03% = 1,5 → 2.
    assert.deepEqual(
      jakonContribution(SEEDED_JAKON, 5_000).tiers.map((t) => [t.jkk, t.jkm]),
      [[11, 2]],
    );
    assert.deepEqual(
      jakonContribution(SEEDED_JAKON, 4_999).tiers.map((t) => [t.jkk, t.jkm]),
      [[10, 1]],
    );
    const r = jakonContribution(SEEDED_JAKON, 1_234_567_891);
    assert.equal(
      r.total,
      r.tiers.reduce((s, t) => s + t.jkk + t.jkm, 0),
    );
  });
});

describe('the version in force on a date', () => {
  const later = aVersion(seededJakon, {
    id: 'later',
    effectiveFrom: '2027-07-01',
    enteredAt: '2026-12-01T00:00:00.000Z',
  });
  const correction = aVersion(later, { id: 'correction', enteredAt: '2026-12-02T00:00:00.000Z' });

  it('the latest taking effect on or before the date; none before the first', () => {
    const book = [...SEEDED_BOOK, later];
    assert.equal(versionInForce(book, 'jakon', '2027-06-30')?.id, seededJakon.id);
    assert.equal(versionInForce(book, 'jakon', '2027-07-01')?.id, 'later');
    assert.equal(versionInForce(book, 'jakon', '2015-06-30'), null);
    assert.equal(versionInForce(book, 'benefit', '2019-12-01'), null);
  });

  it('of two with the same date the later entry wins; statuses name in force, scheduled, past, superseded', () => {
    const book = [...SEEDED_BOOK, later, correction];
    assert.equal(versionInForce(book, 'jakon', '2027-07-01')?.id, 'correction');
    assert.equal(versionStatus(book, later, '2026-12-05'), 'superseded');
    assert.equal(versionStatus(book, correction, '2026-12-05'), 'scheduled');
    assert.equal(versionStatus(book, seededJakon, '2026-12-05'), 'in_force');
    assert.equal(versionStatus(book, seededJakon, '2027-07-01'), 'past');
    assert.equal(versionStatus(book, correction, '2027-07-01'), 'in_force');
  });
});
