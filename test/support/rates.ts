import type { BenefitRules, BpuDiscountRules, BpuRules, JakonRules } from '../../src/contracts/rates.js';
import type { AnyRateVersion, RateBook, RateVersionOf } from '../../src/domain/rates.js';

/**
 * The rules migration 0023 seeds (test/api/rates.test.ts checks the migrated database holds exactly
 * these), for domain tests that need a rate book without a database.
 */
export const SEEDED_BPU: BpuRules = {
  jkkBasisPoints: 100,
  jkmMonthly: 6_800,
  jhtBasisPoints: 200,
  brackets: [
    ...Array.from({ length: 21 }, (_, i) => 1_000_000 + 200_000 * i).map((base) => ({
      from: base === 1_000_000 ? 0 : base - 100_000,
      base,
    })),
    ...Array.from({ length: 10 }, (_, i) => 5_500_000 + 500_000 * i).map((base) => ({
      from: base - 250_000,
      base,
    })),
    ...Array.from({ length: 10 }, (_, i) => 11_000_000 + 1_000_000 * i).map((base) => ({
      from: base - 500_000,
      base,
    })),
  ],
};

export const SEEDED_DISCOUNTS: BpuDiscountRules = {
  discounts: [
    {
      label: 'PP 50/2025',
      firstMonth: '2026-01',
      lastMonth: '2027-03',
      percentOff: 50,
      appliesTo: ['jkk', 'jkm'],
      occupations: ['ojek', 'ojek_online'],
      excludedFunding: ['apbn', 'apbd'],
    },
  ],
};

export const SEEDED_JAKON: JakonRules = {
  tiers: [
    { upTo: 100_000_000, jkkBasisPoints: 21, jkmBasisPoints: 3 },
    { upTo: 500_000_000, jkkBasisPoints: 17, jkmBasisPoints: 2 },
    { upTo: 1_000_000_000, jkkBasisPoints: 13, jkmBasisPoints: 2 },
    { upTo: 5_000_000_000, jkkBasisPoints: 11, jkmBasisPoints: 1 },
    { upTo: null, jkkBasisPoints: 9, jkmBasisPoints: 1 },
  ],
};

export const SEEDED_BENEFITS: BenefitRules = {
  jkmDeath: { lumpSum: 20_000_000, funeral: 10_000_000, periodic: 12_000_000 },
  jkmEarlyDeath: { withinMonths: 3, funeral: 10_000_000 },
  jkkDeath: { percent: 60, months: 80, funeral: 10_000_000, periodic: 12_000_000 },
  jkkTotalDisability: { percent: 70, months: 80 },
  stmb: { firstMonths: 12, firstPercent: 100, laterPercent: 50 },
  scholarship: { maxChildren: 2, max: 174_000_000, minMonthsOtherDeath: 36 },
};

const ENTERED = '2026-01-01T00:00:00.000Z';
export const seededBpu: RateVersionOf<'bpu'> = {
  id: 'seed-bpu',
  kind: 'bpu',
  effectiveFrom: '2015-07-01',
  regulation: 'PP 44/2015',
  enteredAt: ENTERED,
  rules: SEEDED_BPU,
};
export const seededDiscounts: RateVersionOf<'bpu_discount'> = {
  id: 'seed-discount',
  kind: 'bpu_discount',
  effectiveFrom: '2026-01-01',
  regulation: 'PP 50/2025',
  enteredAt: ENTERED,
  rules: SEEDED_DISCOUNTS,
};
export const seededJakon: RateVersionOf<'jakon'> = {
  id: 'seed-jakon',
  kind: 'jakon',
  effectiveFrom: '2015-07-01',
  regulation: 'Permenaker 44/2015',
  enteredAt: ENTERED,
  rules: SEEDED_JAKON,
};
export const seededBenefits: RateVersionOf<'benefit'> = {
  id: 'seed-benefit',
  kind: 'benefit',
  effectiveFrom: '2019-12-02',
  regulation: 'PP 82/2019',
  enteredAt: ENTERED,
  rules: SEEDED_BENEFITS,
};

export const SEEDED_BOOK: RateBook = [seededBpu, seededDiscounts, seededJakon, seededBenefits];

/** A version built from another with some fields replaced. */
export const aVersion = <V extends AnyRateVersion>(v: V, over: Partial<V>): V => ({ ...v, ...over });
