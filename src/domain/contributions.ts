import type { Month } from '../contracts/programmes.js';
import { fundingOf } from '../contracts/rates.js';
import type { SponsorKind } from '../contracts/sponsors.js';
import type { Occupation } from '../contracts/workers.js';
import { bpuMonth, type RateBook, versionInForce } from './rates.js';

/**
 * What a programme's package costs per worker (allocation's budget arithmetic), from the BPU rate
 * versions in the rate book (domain/rates.ts; the rates service reads the book from the database). A
 * month uses the versions in force on its first day; the rounding is domain/rates.ts's.
 */
export interface ContributionInput {
  /** The income base (dasar iuran), rupiah: the programme's base, used as it is (no bracket lookup). */
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
  /** The regulations of the versions applied. */
  sources: string[];
}

/** The BPU rates and discounts in force on `month`'s first day. */
export function rulesFor(month: Month, book: RateBook) {
  const date = `${month}-01`;
  const rates = versionInForce(book, 'bpu', date);
  if (!rates) throw new RangeError(`No BPU contribution rates in force on ${date}`);
  return { rates, discounts: versionInForce(book, 'bpu_discount', date) };
}

export function monthlyContribution(input: ContributionInput, book: RateBook): MonthlyContribution {
  const { rates, discounts } = rulesFor(input.month, book);
  const m = bpuMonth(rates, discounts, {
    base: input.incomeBase,
    includeJht: input.includeJht,
    month: input.month,
    occupation: input.occupation,
    funding: fundingOf(input.sponsorKind),
  });
  const sources = [rates.regulation];
  if (m.discount > 0 && discounts) sources.push(discounts.regulation);
  return { jkk: m.jkk, jkm: m.jkm, jht: m.jht, discount: m.discount, total: m.total, sources };
}

/** Every month from `first` to `last`, inclusive ('YYYY-MM'). */
export function monthsBetween(first: Month, last: Month): Month[] {
  const out: Month[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
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
  book: RateBook,
): { months: number; firstMonthly: number; total: number } {
  const months = monthsBetween(p.firstMonth, p.lastMonth);
  let total = 0;
  let firstMonthly = 0;
  months.forEach((month, i) => {
    const c = monthlyContribution({ ...p, month, occupation }, book).total;
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
  book: RateBook,
): Map<Occupation, { monthly: number; total: number }> {
  return new Map(
    occupations.map((o) => {
      const c = periodCost(p, o, book);
      return [o, { monthly: c.firstMonthly, total: c.total }];
    }),
  );
}
