import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEEDED_BENEFITS } from '../../test/support/rates.js';
import { type BenefitInput, benefitOf } from './benefits.js';

const benefit = (over: Partial<BenefitInput> & Pick<BenefitInput, 'type'>) =>
  benefitOf(SEEDED_BENEFITS, { base: 1_000_000, monthsMember: null, monthsOff: 1, ...over });

describe('benefits (DESIGN §4.3, PP 82/2019)', () => {
  it('JKM death: Rp 42 juta = lump sum 20 + funeral 10 + periodic 12', () => {
    const b = benefit({ type: 'jkm_death' });
    assert.deepEqual(b.components, { lumpSum: 20_000_000, funeral: 10_000_000, periodic: 12_000_000 });
    assert.equal(b.total, 42_000_000);
    assert.equal(b.scholarship?.eligible, null);
    assert.ok(b.steps.some((s) => s.key === 'assumption'));
  });

  it('JKM death within the first 3 months of membership: the funeral cost only', () => {
    const early = benefit({ type: 'jkm_death', monthsMember: 2 });
    assert.deepEqual(early.components, { funeral: 10_000_000 });
    assert.equal(early.total, 10_000_000);
    assert.equal(benefit({ type: 'jkm_death', monthsMember: 3 }).total, 42_000_000);
  });

  it('JKM scholarship only after 3 years of contributions', () => {
    assert.equal(benefit({ type: 'jkm_death', monthsMember: 35 }).scholarship?.eligible, false);
    assert.deepEqual(benefit({ type: 'jkm_death', monthsMember: 36 }).scholarship, {
      eligible: true,
      maxChildren: 2,
      max: 174_000_000,
    });
  });

  it('JKK death: 60% × 80 × base = 48 × base, + funeral 10 + periodic 12; scholarship without minimum', () => {
    const b = benefit({ type: 'jkk_death', base: 2_000_000, monthsMember: 1 });
    assert.deepEqual(b.components, { lumpSum: 96_000_000, funeral: 10_000_000, periodic: 12_000_000 });
    assert.equal(b.total, 118_000_000);
    assert.equal(b.scholarship?.eligible, true);
    assert.equal(benefit({ type: 'jkk_death' }).total, 48_000_000 + 22_000_000);
  });

  it('JKK death is never less than the JKM death benefit (Rp 42 juta)', () => {
    // 48 × 500.000 = 24 juta < 42 juta.
    const b = benefit({ type: 'jkk_death', base: 500_000 });
    assert.equal(b.components.lumpSum, 42_000_000);
    assert.match(b.steps[0]!.text, /tidak boleh kurang/);
    // 48 × 875.000 = 42 juta exactly: no raise needed.
    assert.equal(benefit({ type: 'jkk_death', base: 875_000 }).components.lumpSum, 42_000_000);
  });

  it('total permanent disability: 70% × 80 × base = 56 × base', () => {
    assert.equal(benefit({ type: 'jkk_total_disability' }).total, 56_000_000);
    assert.equal(benefit({ type: 'jkk_total_disability', base: 1_234_567 }).total, 56 * 1_234_567);
  });

  it('STMB: 100% of the base the first 12 months, then 50%, halves rounded up', () => {
    assert.equal(benefit({ type: 'stmb' }).total, 1_000_000);
    assert.equal(benefit({ type: 'stmb', monthsOff: 12 }).total, 12_000_000);
    const long = benefit({ type: 'stmb', monthsOff: 14 });
    assert.deepEqual(long.components, { firstPeriod: 12_000_000, laterPeriod: 1_000_000 });
    assert.equal(benefit({ type: 'stmb', monthsOff: 0 }).total, 0);
    // 50% of 1.000.001 = 500.000,5 → 500.001 a month.
    assert.equal(benefit({ type: 'stmb', base: 1_000_001, monthsOff: 13 }).components.laterPeriod, 500_001);
    assert.equal(long.scholarship, null);
  });
});
