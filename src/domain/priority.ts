import type { EligibilityRules, Month, PriorityWeights } from '../contracts/programmes.js';
import type { Occupation } from '../contracts/workers.js';
import { ageAtStart } from './eligibility.js';

/**
 * The vulnerability score (skor kerentanan): whole points, in integer arithmetic only, so the SQL that
 * ranks a million workers (modules/allocation/allocation.pool.ts) and this function give the same
 * number for every worker (a test compares them):
 *
 *   score = welfareRegister × [in DTKS/DTSEN]
 *         + disability × [disability]
 *         + femaleHeadOfHousehold × [female head of household]
 *         + ⌊age × (clamp(age at start − ageMin, 0, span)) / span⌋          span = ageMax − ageMin (0 points if 0)
 *         + ⌊income × clamp(R − declared income, 0, R) / R⌋                   0 points without a declared income
 *         + occupation × [a priority occupation]
 *
 * ⌊⌋ rounds down. R is the income reference: the programme's income ceiling when it has one, else
 * INCOME_REFERENCE. The ranking: score descending, then birth date ascending (older first), then the
 * worker's id ascending, so every tie has one order.
 */
export const INCOME_REFERENCE = 3_000_000;

export const TIE_BREAK = {
  id: 'Skor sama: yang lebih tua didahulukan (tanggal lahir lebih awal), lalu menurut ID pekerja.',
  en: 'Equal scores: older first (earlier birth date), then by worker id.',
} as const;

export interface PriorityFacts {
  birthDate: string;
  occupation: Occupation;
  declaredIncome: number | null;
  inWelfareRegister: boolean;
  hasDisability: boolean;
  isFemaleHeadOfHousehold: boolean;
}

export interface PrioritySettings {
  weights: PriorityWeights;
  rules: Pick<EligibilityRules, 'ageMin' | 'ageMax' | 'incomeCeiling'>;
  firstMonth: Month;
}

export const PRIORITY_FACTORS = [
  'welfareRegister',
  'disability',
  'femaleHeadOfHousehold',
  'age',
  'income',
  'occupation',
] as const;
export type PriorityFactor = (typeof PRIORITY_FACTORS)[number];

export interface FactorPoints {
  factor: PriorityFactor;
  weight: number;
  points: number;
  /** What the worker's fact was and how it counted. */
  message: string;
  messageEn: string;
}

export interface ScoreExplanation {
  score: number;
  factors: FactorPoints[];
}

/** R in the formula. */
export function incomeReference(s: PrioritySettings): number {
  return s.rules.incomeCeiling && s.rules.incomeCeiling > 0 ? s.rules.incomeCeiling : INCOME_REFERENCE;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/** Age points: ⌊weight × clamp(age − ageMin, 0, span) / span⌋. */
export function agePoints(weight: number, age: number, ageMin: number, ageMax: number): number {
  const span = ageMax - ageMin;
  if (span <= 0) return 0;
  return Math.floor((weight * clamp(age - ageMin, 0, span)) / span);
}

/** Income points: ⌊weight × clamp(R − income, 0, R) / R⌋; none without a declared income. */
export function incomePoints(weight: number, income: number | null, reference: number): number {
  if (income === null) return 0;
  return Math.floor((weight * clamp(reference - income, 0, reference)) / reference);
}

export function explainScore(w: PriorityFacts, s: PrioritySettings): ScoreExplanation {
  const k = s.weights;
  const age = ageAtStart(w.birthDate, s.firstMonth);
  const R = incomeReference(s);
  const yes = (b: boolean, id: string, en: string) => ({
    message: b ? `${id}: ya` : `${id}: tidak`,
    messageEn: b ? `${en}: yes` : `${en}: no`,
  });
  const isPriorityOccupation = k.priorityOccupations.includes(w.occupation);
  const factors: FactorPoints[] = [
    {
      factor: 'welfareRegister',
      weight: k.welfareRegister,
      points: w.inWelfareRegister ? k.welfareRegister : 0,
      ...yes(w.inWelfareRegister, 'Terdaftar di DTKS/DTSEN', 'In the welfare register'),
    },
    {
      factor: 'disability',
      weight: k.disability,
      points: w.hasDisability ? k.disability : 0,
      ...yes(w.hasDisability, 'Penyandang disabilitas', 'Disability'),
    },
    {
      factor: 'femaleHeadOfHousehold',
      weight: k.femaleHeadOfHousehold,
      points: w.isFemaleHeadOfHousehold ? k.femaleHeadOfHousehold : 0,
      ...yes(w.isFemaleHeadOfHousehold, 'Perempuan kepala keluarga', 'Female head of household'),
    },
    {
      factor: 'age',
      weight: k.age,
      points: agePoints(k.age, age, s.rules.ageMin, s.rules.ageMax),
      message: `Umur ${age} tahun pada awal program (rentang ${s.rules.ageMin}–${s.rules.ageMax}: makin tua makin tinggi)`,
      messageEn: `Aged ${age} at the start (range ${s.rules.ageMin}–${s.rules.ageMax}: older scores higher)`,
    },
    {
      factor: 'income',
      weight: k.income,
      points: incomePoints(k.income, w.declaredIncome, R),
      message:
        w.declaredIncome === null
          ? 'Penghasilan tidak dicatat: 0 poin'
          : `Penghasilan ${rupiah(w.declaredIncome)} dibanding acuan ${rupiah(R)} (makin rendah makin tinggi)`,
      messageEn:
        w.declaredIncome === null
          ? 'No declared income: 0 points'
          : `Declared income ${w.declaredIncome} against the reference ${R} (lower scores higher)`,
    },
    {
      factor: 'occupation',
      weight: k.occupation,
      points: isPriorityOccupation ? k.occupation : 0,
      ...yes(isPriorityOccupation, 'Pekerjaan prioritas', 'Priority occupation'),
    },
  ];
  return { score: factors.reduce((sum, f) => sum + f.points, 0), factors };
}

export function priorityScore(w: PriorityFacts, s: PrioritySettings): number {
  return explainScore(w, s).score;
}

/** The formula with the programme's weights, shown beside every ranking. */
export function formulaText(s: PrioritySettings, occupationLabel: (o: Occupation) => string = (o) => o) {
  const k = s.weights;
  const R = incomeReference(s);
  const occ = k.priorityOccupations.length ? k.priorityOccupations.map(occupationLabel).join(', ') : '–';
  return {
    id:
      `Skor = ${k.welfareRegister} × DTKS/DTSEN + ${k.disability} × disabilitas + ` +
      `${k.femaleHeadOfHousehold} × perempuan kepala keluarga + ` +
      `⌊${k.age} × (umur − ${s.rules.ageMin}) / ${s.rules.ageMax - s.rules.ageMin}⌋ + ` +
      `⌊${k.income} × (${rupiah(R)} − penghasilan) / ${rupiah(R)}⌋ + ` +
      `${k.occupation} × pekerjaan prioritas (${occ}). ` +
      'Umur pada awal program; bagian umur dan penghasilan dibatasi 0 sampai bobotnya, dibulatkan ke bawah. ' +
      TIE_BREAK.id,
    en:
      `Score = ${k.welfareRegister} × welfare register + ${k.disability} × disability + ` +
      `${k.femaleHeadOfHousehold} × female head of household + ` +
      `⌊${k.age} × (age − ${s.rules.ageMin}) / ${s.rules.ageMax - s.rules.ageMin}⌋ + ` +
      `⌊${k.income} × (${R} − income) / ${R}⌋ + ${k.occupation} × priority occupation (${k.priorityOccupations.join(', ') || '–'}). ` +
      'Age at the programme start; the age and income parts are held between 0 and their weight, rounded down. ' +
      TIE_BREAK.en,
  };
}

/** The ranking's order: score desc, birth date asc, id asc (negative: `a` comes first). */
export function compareRanked(
  a: { score: number; birthDate: string; id: string },
  b: { score: number; birthDate: string; id: string },
): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.birthDate !== b.birthDate) return a.birthDate < b.birthDate ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
