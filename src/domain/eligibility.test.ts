import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EligibilityRules } from '../contracts/programmes.js';
import { ageAtStart, evaluateEligibility, type ProgrammeFacts, type WorkerFacts } from './eligibility.js';

const worker: WorkerFacts = {
  birthDate: '1975-08-17',
  occupation: 'nelayan',
  domicileCode: '16.71.01.1001',
  declaredIncome: 1_500_000,
  inWelfareRegister: true,
  hasDisability: false,
  hasConsent: true,
  isActive: true,
};
const programme = (rules: Partial<EligibilityRules> = {}, regionCode = '16'): ProgrammeFacts => ({
  id: 'p1',
  regionCode,
  firstMonth: '2027-01',
  lastMonth: '2027-12',
  rules: EligibilityRules.parse(rules),
});
const failed = (r: ReturnType<typeof evaluateEligibility>) =>
  r.rules.filter((x) => !x.passed).map((x) => x.rule);

describe('eligibility, rule by rule', () => {
  it('a worker meeting every rule is eligible, and every rule says why', () => {
    const r = evaluateEligibility(worker, programme(), []);
    assert.equal(r.eligible, true);
    assert.equal(r.rules.length, 10);
    for (const x of r.rules) assert.ok(x.message.length > 5 && x.messageEn.length > 5);
  });

  it('age at the first day of the first month, within the bounds inclusive', () => {
    assert.equal(ageAtStart('1962-01-01', '2027-01'), 65);
    assert.equal(ageAtStart('1961-12-31', '2027-01'), 65);
    assert.equal(ageAtStart('1961-01-02', '2027-01'), 65);
    assert.equal(ageAtStart('1961-01-01', '2027-01'), 66);
    const old = evaluateEligibility({ ...worker, birthDate: '1961-01-01' }, programme(), []);
    assert.deepEqual(failed(old), ['age']);
    assert.match(old.rules.find((x) => x.rule === 'age')!.message, /Umur 66 tahun .* di luar batas 15–65/);
    const young = evaluateEligibility({ ...worker, birthDate: '2012-01-02' }, programme(), []);
    assert.deepEqual(failed(young), ['age']);
  });

  it('outside a regency programme’s regency, or the target regions, or above the income ceiling', () => {
    const r = evaluateEligibility(
      { ...worker, declaredIncome: 2_000_001 },
      programme({ regionCodes: ['16.71.02'], incomeCeiling: 2_000_000 }, '16.10'),
      [],
    );
    assert.deepEqual(failed(r), ['programmeRegion', 'region', 'income']);
    assert.match(r.rules[0]!.message, /luar wilayah program \(16\.10\)/);
    assert.match(
      r.rules.find((x) => x.rule === 'income')!.message,
      /Rp 2\.000\.001 melebihi batas Rp 2\.000\.000/,
    );
    // No declared income passes a ceiling.
    assert.equal(
      evaluateEligibility({ ...worker, declaredIncome: null }, programme({ incomeCeiling: 1 }), []).eligible,
      true,
    );
  });

  it('occupation, welfare register, disability, consent and active record when required', () => {
    const r = evaluateEligibility(
      { ...worker, inWelfareRegister: false, hasConsent: false, isActive: false },
      programme({ occupations: ['ojek'], requireWelfareRegister: true, requireDisability: true }),
      [],
      (o) => (o === 'ojek' ? 'Ojek' : 'Nelayan'),
    );
    assert.deepEqual(failed(r), ['occupation', 'welfareRegister', 'disability', 'consent', 'active']);
    assert.match(r.rules.find((x) => x.rule === 'occupation')!.message, /Nelayan tidak termasuk .*\(Ojek\)/);
    const relaxed = programme({ requireConsent: false, requireActive: false });
    assert.equal(
      evaluateEligibility({ ...worker, hasConsent: false, isActive: false }, relaxed, []).eligible,
      true,
    );
  });

  it('already covered by another programme for overlapping months, naming it and the months', () => {
    const held = [
      {
        programmeId: 'p2',
        programmeName: 'CSR Sawit',
        firstMonth: '2026-07',
        lastMonth: '2027-02',
        status: 'active',
      },
      {
        programmeId: 'p3',
        programmeName: 'Zakat',
        firstMonth: '2027-03',
        lastMonth: '2027-05',
        status: 'cancelled',
      },
      {
        programmeId: 'p4',
        programmeName: 'Lama',
        firstMonth: '2025-01',
        lastMonth: '2026-12',
        status: 'ended',
      },
    ];
    const r = evaluateEligibility(worker, programme(), held);
    assert.deepEqual(failed(r), ['notCovered']);
    assert.deepEqual(
      r.coveredBy.map((h) => h.programmeId),
      ['p2'],
    );
    assert.match(r.rules.at(-1)!.message, /Sudah ditanggung program CSR Sawit untuk bulan 2026-07 – 2027-02/);
    assert.match(r.rules.at(-1)!.messageEn, /Already covered by programme CSR Sawit/);
  });
});
