import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EligibilityRules, PriorityWeights } from '../contracts/programmes.js';
import {
  agePoints,
  compareRanked,
  explainScore,
  formulaText,
  INCOME_REFERENCE,
  incomePoints,
  type PriorityFacts,
  type PrioritySettings,
} from './priority.js';

const settings: PrioritySettings = {
  weights: PriorityWeights.parse({ priorityOccupations: ['nelayan'] }),
  rules: EligibilityRules.parse({}),
  firstMonth: '2027-01',
};
const facts: PriorityFacts = {
  birthDate: '1977-01-01',
  occupation: 'nelayan',
  declaredIncome: 1_500_000,
  inWelfareRegister: true,
  hasDisability: false,
  isFemaleHeadOfHousehold: true,
};

describe('vulnerability score', () => {
  it('adds the weighted factors in whole points and explains each', () => {
    const e = explainScore(facts, settings);
    // 40 + 0 + 20 + ⌊10 × 35/50⌋ = 7 + ⌊15 × 1.5M/3M⌋ = 7 + 10 = 84
    assert.deepEqual(
      e.factors.map((f) => [f.factor, f.points]),
      [
        ['welfareRegister', 40],
        ['disability', 0],
        ['femaleHeadOfHousehold', 20],
        ['age', 7],
        ['income', 7],
        ['occupation', 10],
      ],
    );
    assert.equal(e.score, 84);
    assert.match(e.factors[3]!.message, /Umur 50 tahun/);
  });

  it('age and income parts are held between 0 and the weight and rounded down', () => {
    assert.equal(agePoints(10, 14, 15, 65), 0);
    assert.equal(agePoints(10, 70, 15, 65), 10);
    assert.equal(agePoints(10, 64, 15, 65), 9);
    assert.equal(agePoints(10, 40, 40, 40), 0);
    assert.equal(incomePoints(15, null, INCOME_REFERENCE), 0);
    assert.equal(incomePoints(15, 0, INCOME_REFERENCE), 15);
    assert.equal(incomePoints(15, 9_000_000, INCOME_REFERENCE), 0);
    assert.equal(incomePoints(15, 2_999_999, INCOME_REFERENCE), 0);
    // The income ceiling, when set, is the reference.
    const withCeiling = { ...settings, rules: { ...settings.rules, incomeCeiling: 2_000_000 } };
    assert.equal(explainScore({ ...facts, declaredIncome: 1_000_000 }, withCeiling).factors[4]!.points, 7);
  });

  it('shows the formula with the programme’s weights and the tie-break', () => {
    const f = formulaText(settings);
    assert.match(f.id, /^Skor = 40 × DTKS\/DTSEN \+ 25 × disabilitas/);
    assert.match(f.id, /yang lebih tua didahulukan/);
    assert.match(f.en, /older first/);
  });

  it('ranks by score, then older first, then id', () => {
    const list = [
      { id: 'b', score: 50, birthDate: '1980-01-01' },
      { id: 'a', score: 50, birthDate: '1980-01-01' },
      { id: 'c', score: 50, birthDate: '1970-01-01' },
      { id: 'd', score: 90, birthDate: '1999-01-01' },
    ].sort(compareRanked);
    assert.deepEqual(
      list.map((x) => x.id),
      ['d', 'c', 'a', 'b'],
    );
  });
});
