import type { Month } from '../contracts/programmes.js';
import { isPublicBudget, type SponsorKind } from '../contracts/sponsors.js';
import type { Occupation } from '../contracts/workers.js';

/**
 * Monthly contributions (iuran) of a non-wage-earner participant (BPU, DESIGN §4.1), from a table of
 * rules kept as data: each row has the month it takes effect from (and, for a temporary discount, the
 * last month it applies to) and the regulation it comes from. A later version moves the table into the
 * database; the rules read it only through `rulesFor`.
 *
 * Rounding: every amount is whole rupiah. JKK and JHT are percentages of the income base, each rounded
 * to the nearest rupiah, halves up (base × basis points / 10 000); JKM is a flat amount. A discount is
 * taken off the sum it applies to (JKK + JKM) and the discounted sum is rounded the same way, halves up
 * (the participant never pays a fraction of a rupiah, and a half is paid).
 */
export type ContributionRule =
  | {
      kind: 'rates';
      /** First month the rates apply to (until a later `rates` row). */
      effectiveFrom: Month;
      /** JKK, basis points of the income base (100 = 1%). */
      jkkBasisPoints: number;
      /** JKM, rupiah a month. */
      jkmMonthly: number;
      /** JHT, basis points of the income base (optional for BPU). */
      jhtBasisPoints: number;
      source: string;
    }
  | {
      kind: 'discount';
      effectiveFrom: Month;
      /** Last month the discount applies to. */
      effectiveTo: Month;
      /** Percent taken off JKK + JKM. */
      percentOff: number;
      occupations: readonly Occupation[];
      /** Not when the contribution is paid from the state budget (APBN/APBD). */
      excludesPublicBudget: boolean;
      source: string;
    };

export const CONTRIBUTION_RULES: readonly ContributionRule[] = [
  {
    kind: 'rates',
    effectiveFrom: '2015-07',
    jkkBasisPoints: 100,
    jkmMonthly: 6_800,
    jhtBasisPoints: 200,
    source:
      'PP 44/2015 jo. PP 82/2019 (JKK 1% dan JKM Rp 6.800 bagi BPU); PP 46/2015 (JHT 2%); DESIGN §4.1, keyakinan H',
  },
  {
    kind: 'discount',
    effectiveFrom: '2026-01',
    effectiveTo: '2027-03',
    percentOff: 50,
    occupations: ['ojek', 'ojek_online'],
    excludesPublicBudget: true,
    source:
      'PP 50/2025: potongan 50% iuran JKK dan JKM bagi BPU sektor transportasi, Januari 2026–Maret 2027, tidak untuk iuran dari APBN/APBD; DESIGN §4.1, keyakinan H',
  },
];

export interface ContributionInput {
  /** The income base (dasar iuran), rupiah. */
  incomeBase: number;
  includeJht: boolean;
  month: Month;
  occupation: Occupation;
  sponsorKind: SponsorKind;
}

export interface MonthlyContribution {
  jkk: number;
  jkm: number;
  jht: number;
  /** Taken off JKK + JKM (0 without a discount). */
  discount: number;
  total: number;
  /** The sources of the rules applied. */
  sources: string[];
}

/** `numerator / denominator` rounded to the nearest whole number, halves up (non-negative integers). */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The rates and discounts that apply in `month`. */
export function rulesFor(month: Month, rules: readonly ContributionRule[] = CONTRIBUTION_RULES) {
  const rates = rules
    .filter((r): r is Extract<ContributionRule, { kind: 'rates' }> => r.kind === 'rates')
    .filter((r) => r.effectiveFrom <= month)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!rates) throw new RangeError(`No contribution rates for ${month}`);
  const discounts = rules.filter(
    (r): r is Extract<ContributionRule, { kind: 'discount' }> =>
      r.kind === 'discount' && r.effectiveFrom <= month && month <= r.effectiveTo,
  );
  return { rates, discounts };
}

export function monthlyContribution(
  input: ContributionInput,
  rules: readonly ContributionRule[] = CONTRIBUTION_RULES,
): MonthlyContribution {
  const { rates, discounts } = rulesFor(input.month, rules);
  const jkk = roundHalfUp(input.incomeBase * rates.jkkBasisPoints, 10_000);
  const jkm = rates.jkmMonthly;
  const jht = input.includeJht ? roundHalfUp(input.incomeBase * rates.jhtBasisPoints, 10_000) : 0;
  const sources = [rates.source];
  let discount = 0;
  for (const d of discounts) {
    if (!d.occupations.includes(input.occupation)) continue;
    if (d.excludesPublicBudget && isPublicBudget(input.sponsorKind)) continue;
    const paid = roundHalfUp((jkk + jkm) * (100 - d.percentOff), 100);
    discount = jkk + jkm - paid;
    sources.push(d.source);
    break;
  }
  return { jkk, jkm, jht, discount, total: jkk + jkm + jht - discount, sources };
}

/** Every month from `first` to `last`, inclusive ('YYYY-MM'). */
export function monthsBetween(first: Month, last: Month): Month[] {
  const out: Month[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const end = last;
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) break;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export interface PackageSettings {
  incomeBase: number;
  includeJht: boolean;
  firstMonth: Month;
  lastMonth: Month;
  sponsorKind: SponsorKind;
}

/** One worker's contributions over a programme's whole period: the monthly amounts and their sum. */
export function periodCost(
  p: PackageSettings,
  occupation: Occupation,
  rules: readonly ContributionRule[] = CONTRIBUTION_RULES,
): { months: number; firstMonthly: number; total: number } {
  const months = monthsBetween(p.firstMonth, p.lastMonth);
  let total = 0;
  let firstMonthly = 0;
  months.forEach((month, i) => {
    const c = monthlyContribution({ ...p, month, occupation }, rules).total;
    if (i === 0) firstMonthly = c;
    total += c;
  });
  return { months: months.length, firstMonthly, total };
}

/**
 * The cost of the whole period for each occupation, grouped: workers of one class cost the same.
 * Few classes (with and without a discount), so SQL can carry the cost as a join on occupation.
 */
export function costByOccupation(
  p: PackageSettings,
  occupations: readonly Occupation[],
  rules: readonly ContributionRule[] = CONTRIBUTION_RULES,
): Map<Occupation, { monthly: number; total: number }> {
  return new Map(
    occupations.map((o) => {
      const c = periodCost(p, o, rules);
      return [o, { monthly: c.firstMonthly, total: c.total }];
    }),
  );
}
