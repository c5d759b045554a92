import { HOLDING_STATUSES } from '../contracts/enrolments.js';
import type { EligibilityRules, Month } from '../contracts/programmes.js';
import type { Occupation } from '../contracts/workers.js';
import { ageOn } from './age.js';
import { isWithin } from './regions.js';

/**
 * Whether a worker may be covered by a programme, rule by rule, with the reason in Bahasa Indonesia and
 * English for every rule that fails. The SQL that finds a programme's eligible pool
 * (modules/allocation/allocation.pool.ts) applies the same rules to the whole registry; a test holds
 * the two to the same answer.
 */

/** The facts of a worker the rules read (a row of `workers`, as code sees it). */
export interface WorkerFacts {
  birthDate: string;
  occupation: Occupation;
  /** Finest domicile code (village, else district). */
  domicileCode: string;
  declaredIncome: number | null;
  inWelfareRegister: boolean;
  hasDisability: boolean;
  hasConsent: boolean;
  isActive: boolean;
}

export interface ProgrammeFacts {
  id: string;
  /** Where the programme may cover workers (a regency programme stays in its regency). */
  regionCode: string;
  firstMonth: Month;
  lastMonth: Month;
  rules: EligibilityRules;
}

/** An enrolment of the worker that holds its months (any programme). */
export interface HeldMonths {
  programmeId: string;
  programmeName: string;
  firstMonth: Month;
  lastMonth: Month;
  status: string;
}

export const ELIGIBILITY_RULES = [
  'programmeRegion',
  'age',
  'occupation',
  'region',
  'income',
  'welfareRegister',
  'disability',
  'consent',
  'active',
  'notCovered',
] as const;
export type EligibilityRuleName = (typeof ELIGIBILITY_RULES)[number];

export interface RuleResult {
  rule: EligibilityRuleName;
  passed: boolean;
  /** Why it passed or not, for people. */
  message: string;
  messageEn: string;
}

export interface EligibilityResult {
  eligible: boolean;
  rules: RuleResult[];
  /** Other enrolments holding some of the programme's months. */
  coveredBy: HeldMonths[];
}

export { HOLDING_STATUSES };

/** The first day of a month, as a Date at UTC midnight. */
export function firstDayOf(month: Month): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

/** Age in whole years on the first day of the programme's first month. */
export function ageAtStart(birthDate: string, firstMonth: Month): number {
  return ageOn(birthDate, firstDayOf(firstMonth));
}

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
const monthRange = (a: Month, b: Month) => (a === b ? a : `${a} – ${b}`);

export function evaluateEligibility(
  w: WorkerFacts,
  p: ProgrammeFacts,
  held: readonly HeldMonths[],
  occupationLabel: (o: Occupation) => string = (o) => o,
): EligibilityResult {
  const r = p.rules;
  const out: RuleResult[] = [];
  const add = (rule: EligibilityRuleName, passed: boolean, message: string, messageEn: string) =>
    out.push({ rule, passed, message, messageEn });

  const inProgrammeRegion = isWithin(w.domicileCode, [p.regionCode]);
  add(
    'programmeRegion',
    inProgrammeRegion,
    inProgrammeRegion
      ? `Berdomisili di wilayah program (${p.regionCode}).`
      : `Berdomisili di luar wilayah program (${p.regionCode}): program ini hanya menanggung pekerja di wilayahnya.`,
    inProgrammeRegion
      ? `Lives in the programme's region (${p.regionCode}).`
      : `Lives outside the programme's region (${p.regionCode}); the programme covers only workers there.`,
  );

  const age = ageAtStart(w.birthDate, p.firstMonth);
  const ageOk = age >= r.ageMin && age <= r.ageMax;
  add(
    'age',
    ageOk,
    ageOk
      ? `Umur ${age} tahun pada awal program, dalam batas ${r.ageMin}–${r.ageMax} tahun.`
      : `Umur ${age} tahun pada awal program (${p.firstMonth}), di luar batas ${r.ageMin}–${r.ageMax} tahun.`,
    ageOk
      ? `Aged ${age} at the programme's start, within ${r.ageMin}–${r.ageMax}.`
      : `Aged ${age} at the programme's start (${p.firstMonth}), outside ${r.ageMin}–${r.ageMax}.`,
  );

  const occupations = r.occupations;
  const occOk = occupations === null || occupations.includes(w.occupation);
  add(
    'occupation',
    occOk,
    occupations === null
      ? 'Semua pekerjaan dapat ikut.'
      : occOk
        ? `Pekerjaan ${occupationLabel(w.occupation)} termasuk yang ditanggung.`
        : `Pekerjaan ${occupationLabel(w.occupation)} tidak termasuk yang ditanggung (${occupations.map(occupationLabel).join(', ')}).`,
    occupations === null
      ? 'Any occupation may take part.'
      : occOk
        ? `Occupation ${w.occupation} is covered.`
        : `Occupation ${w.occupation} is not among those covered (${occupations.join(', ')}).`,
  );

  const regions = r.regionCodes;
  const regionOk = regions === null || isWithin(w.domicileCode, regions);
  add(
    'region',
    regionOk,
    regions === null
      ? 'Tidak ada batasan wilayah tambahan.'
      : regionOk
        ? 'Berdomisili di wilayah sasaran.'
        : `Berdomisili di luar wilayah sasaran (${regions.join(', ')}).`,
    regions === null
      ? 'No further regional limit.'
      : regionOk
        ? 'Lives in a target region.'
        : `Lives outside the target regions (${regions.join(', ')}).`,
  );

  const ceiling = r.incomeCeiling;
  const incomeOk = ceiling === null || w.declaredIncome === null || w.declaredIncome <= ceiling;
  add(
    'income',
    incomeOk,
    ceiling === null
      ? 'Tidak ada batas penghasilan.'
      : w.declaredIncome === null
        ? `Penghasilan tidak dicatat; batas ${rupiah(ceiling)} tidak menghalangi.`
        : incomeOk
          ? `Penghasilan ${rupiah(w.declaredIncome)} tidak melebihi batas ${rupiah(ceiling)}.`
          : `Penghasilan ${rupiah(w.declaredIncome)} melebihi batas ${rupiah(ceiling)}.`,
    ceiling === null
      ? 'No income ceiling.'
      : w.declaredIncome === null
        ? `No declared income; the ceiling of ${ceiling} does not apply.`
        : incomeOk
          ? `Declared income ${w.declaredIncome} is within the ceiling of ${ceiling}.`
          : `Declared income ${w.declaredIncome} is above the ceiling of ${ceiling}.`,
  );

  const flag = (
    rule: EligibilityRuleName,
    required: boolean,
    has: boolean,
    what: { id: string; en: string },
  ) =>
    add(
      rule,
      !required || has,
      !required
        ? `${what.id}: tidak disyaratkan.`
        : has
          ? `${what.id}: terpenuhi.`
          : `${what.id}: disyaratkan, tetapi tidak tercatat.`,
      !required
        ? `${what.en}: not required.`
        : has
          ? `${what.en}: met.`
          : `${what.en}: required but not recorded.`,
    );
  flag('welfareRegister', r.requireWelfareRegister, w.inWelfareRegister, {
    id: 'Terdaftar di DTKS/DTSEN',
    en: 'In the welfare register (DTKS/DTSEN)',
  });
  flag('disability', r.requireDisability, w.hasDisability, {
    id: 'Penyandang disabilitas',
    en: 'Disability',
  });
  flag('consent', r.requireConsent, w.hasConsent, { id: 'Persetujuan tercatat', en: 'Consent recorded' });
  flag('active', r.requireActive, w.isActive, { id: 'Data pekerja aktif', en: 'Active record' });

  const coveredBy = held.filter(
    (h) =>
      h.programmeId !== p.id &&
      (HOLDING_STATUSES as readonly string[]).includes(h.status) &&
      h.firstMonth <= p.lastMonth &&
      p.firstMonth <= h.lastMonth,
  );
  const own = held.filter(
    (h) =>
      h.programmeId === p.id &&
      (HOLDING_STATUSES as readonly string[]).includes(h.status) &&
      h.firstMonth <= p.lastMonth &&
      p.firstMonth <= h.lastMonth,
  );
  const covering = [...own, ...coveredBy];
  add(
    'notCovered',
    covering.length === 0,
    covering.length === 0
      ? `Belum ditanggung program lain untuk bulan ${monthRange(p.firstMonth, p.lastMonth)}.`
      : `Sudah ditanggung ${covering
          .map((h) => `program ${h.programmeName} untuk bulan ${monthRange(h.firstMonth, h.lastMonth)}`)
          .join('; ')}.`,
    covering.length === 0
      ? `Not yet covered for ${monthRange(p.firstMonth, p.lastMonth)}.`
      : `Already covered by ${covering
          .map((h) => `programme ${h.programmeName} for ${monthRange(h.firstMonth, h.lastMonth)}`)
          .join('; ')}.`,
  );

  return { eligible: out.every((x) => x.passed), rules: out, coveredBy: covering };
}
