import type { Month } from '../contracts/programmes.js';
import type {
  BpuDiscount,
  BpuRules,
  CalcStep,
  Funding,
  JakonRules,
  RateKind,
  RulesOf,
  VersionRef,
} from '../contracts/rates.js';
import { FUNDING_LABELS } from '../contracts/rates.js';
import type { Occupation } from '../contracts/workers.js';

/**
 * Regulation rate tables as versioned data (decision 0027). Pure functions: the caller passes the versions
 * (read from the database by the rates service); nothing here holds a rate.
 *
 * Rounding: every amount is whole rupiah. A percentage of an amount (basis points of a base, a tier's part
 * of a contract value, a benefit's percent × months of a base) is rounded to the nearest rupiah, halves up,
 * once per line shown; totals are sums of the lines shown, so a breakdown always adds up. A discount is
 * taken off the sum it applies to, and what remains to pay is rounded the same way (halves up: a half
 * rupiah is paid, not given away).
 */

export interface RateVersionOf<K extends RateKind = RateKind> {
  id: string;
  kind: K;
  /** YYYY-MM-DD. */
  effectiveFrom: string;
  regulation: string;
  /** When it was entered (ISO); of two versions with the same date, the later entry wins. */
  enteredAt: string;
  rules: RulesOf[K];
}
export type AnyRateVersion = { [K in RateKind]: RateVersionOf<K> }[RateKind];

/** Every version of every table: what a calculation over several dates chooses from. */
export type RateBook = readonly AnyRateVersion[];

/** Newest first: the later date, then the later entry (a correction made before the date came). */
function newestFirst(a: AnyRateVersion, b: AnyRateVersion): number {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? 1 : -1;
  if (a.enteredAt !== b.enteredAt) return a.enteredAt < b.enteredAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

/** The version of `kind` in force on `date` (YYYY-MM-DD), or null when none had taken effect yet. */
export function versionInForce<K extends RateKind>(
  book: RateBook,
  kind: K,
  date: string,
): RateVersionOf<K> | null {
  const found = book.filter((v) => v.kind === kind && v.effectiveFrom <= date).sort(newestFirst)[0] as
    | RateVersionOf<K>
    | undefined;
  return found ?? null;
}

/**
 * Each version's standing on `today`: the one in force, those scheduled after it, those that were in
 * force before it, and those replaced by a later entry with the same date before they took effect.
 */
export function versionStatus(
  book: RateBook,
  v: AnyRateVersion,
  today: string,
): 'in_force' | 'scheduled' | 'past' | 'superseded' {
  const sameDay = book
    .filter((o) => o.kind === v.kind && o.effectiveFrom === v.effectiveFrom)
    .sort(newestFirst);
  if (sameDay[0]?.id !== v.id) return 'superseded';
  if (v.effectiveFrom > today) return 'scheduled';
  return versionInForce(book, v.kind, today)?.id === v.id ? 'in_force' : 'past';
}

export const refOf = (v: AnyRateVersion): VersionRef => ({
  id: v.id,
  kind: v.kind,
  effectiveFrom: v.effectiveFrom,
  regulation: v.regulation,
});

/** `numerator / denominator` rounded to the nearest whole number, halves up (non-negative integers). */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
/** Rp 1.600.000; −Rp 8.400 for an amount taken off */
export const rupiah = (n: number) => (n < 0 ? `−Rp ${NUMBER.format(-n)}` : `Rp ${NUMBER.format(n)}`);
/** 21 basis points → 0,21% */
export const percentOfBasisPoints = (bp: number) => `${PERCENT.format(bp / 100)}%`;

const step = (key: string, text: string, amount: number | null = null): CalcStep => ({ key, text, amount });

// ——— BPU contributions (DESIGN §4.1) ———

export interface Bracket {
  /** 1-based, as the regulation's table counts. */
  number: number;
  from: number;
  /** The last rupiah of the bracket; null for the last one. */
  to: number | null;
  base: number;
}

/** The bracket a declared income falls in: the last whose `from` it reaches. */
export function bracketOf(rules: BpuRules, income: number): Bracket {
  let i = 0;
  while (i + 1 < rules.brackets.length && rules.brackets[i + 1]!.from <= income) i++;
  const b = rules.brackets[i]!;
  const next = rules.brackets[i + 1];
  return { number: i + 1, from: b.from, to: next ? next.from - 1 : null, base: b.base };
}

export interface BpuMonthInput {
  /** The contribution base (dasar iuran), rupiah: a bracket's base, or a programme's chosen base. */
  base: number;
  includeJht: boolean;
  month: Month;
  /** Null when not known: no occupation-bound discount applies. */
  occupation: Occupation | null;
  funding: Funding;
}

export interface BpuMonth {
  jkk: number;
  jkm: number;
  jht: number;
  /** Taken off (0 without a discount). */
  discount: number;
  total: number;
  /** The discount of the month's window, applied or not and why; null when none covers the month. */
  discountRule: { label: string; percentOff: number; applied: boolean; reason: string } | null;
  versions: AnyRateVersion[];
  steps: CalcStep[];
}

/** Why a discount does or does not apply to this participant. */
function discountVerdict(d: BpuDiscount, input: BpuMonthInput): { applied: boolean; reason: string } {
  if (!input.occupation)
    return { applied: false, reason: `pekerjaan tidak disebut; ${d.label} hanya untuk pekerjaan tertentu` };
  if (!d.occupations.includes(input.occupation))
    return { applied: false, reason: `pekerjaan ${input.occupation} tidak termasuk ${d.label}` };
  if (d.excludedFunding.includes(input.funding))
    return {
      applied: false,
      reason: `iuran dibayar dari ${FUNDING_LABELS[input.funding].id}; ${d.label} tidak berlaku untuk sumber dana ini`,
    };
  return {
    applied: true,
    reason: `pekerjaan ${input.occupation}, sumber dana ${FUNDING_LABELS[input.funding].id}`,
  };
}

/** One month's BPU contribution with its worked steps, from the rates and discounts in force that month. */
export function bpuMonth(
  rates: RateVersionOf<'bpu'>,
  discounts: RateVersionOf<'bpu_discount'> | null,
  input: BpuMonthInput,
): BpuMonth {
  const r = rates.rules;
  const steps: CalcStep[] = [];
  const jkk = roundHalfUp(input.base * r.jkkBasisPoints, 10_000);
  steps.push(step('jkk', `JKK ${percentOfBasisPoints(r.jkkBasisPoints)} × ${rupiah(input.base)}`, jkk));
  const jkm = r.jkmMonthly;
  steps.push(step('jkm', `JKM tetap ${rupiah(jkm)} sebulan`, jkm));
  const jht = input.includeJht ? roundHalfUp(input.base * r.jhtBasisPoints, 10_000) : 0;
  steps.push(
    step(
      'jht',
      input.includeJht
        ? `JHT ${percentOfBasisPoints(r.jhtBasisPoints)} × ${rupiah(input.base)}`
        : 'JHT tidak dipilih',
      jht,
    ),
  );
  const versions: AnyRateVersion[] = [rates];
  let discount = 0;
  let discountRule: BpuMonth['discountRule'] = null;
  const inWindow = (discounts?.rules.discounts ?? []).filter(
    (d) => d.firstMonth <= input.month && input.month <= d.lastMonth,
  );
  for (const d of inWindow) {
    const verdict = discountVerdict(d, input);
    discountRule ??= { label: d.label, percentOff: d.percentOff, ...verdict };
    if (!verdict.applied) continue;
    discountRule = { label: d.label, percentOff: d.percentOff, ...verdict };
    const sum = (d.appliesTo.includes('jkk') ? jkk : 0) + (d.appliesTo.includes('jkm') ? jkm : 0);
    const paid = roundHalfUp(sum * (100 - d.percentOff), 100);
    discount = sum - paid;
    break;
  }
  if (discounts && inWindow.length) versions.push(discounts);
  if (!discountRule) steps.push(step('discount', 'Tidak ada potongan iuran pada bulan ini', 0));
  else if (discountRule.applied)
    steps.push(
      step(
        'discount',
        `Potongan ${discountRule.label}: ${discountRule.percentOff}% dari JKK + JKM (${discountRule.reason}); sisa dibulatkan ke rupiah terdekat, setengah ke atas`,
        -discount,
      ),
    );
  else steps.push(step('discount', `Tanpa potongan: ${discountRule.reason}`, 0));
  const total = jkk + jkm + jht - discount;
  steps.push(step('total', 'Iuran sebulan', total));
  return { jkk, jkm, jht, discount, total, discountRule, versions, steps };
}

// ——— Construction projects (DESIGN §4.2) ———

export interface JakonTierLine {
  /** The part of the contract value above `from` up to `to` (null: no upper end). */
  from: number;
  to: number | null;
  part: number;
  jkkBasisPoints: number;
  jkmBasisPoints: number;
  jkk: number;
  jkm: number;
  total: number;
}

/** A project's JKK and JKM from its contract value, tier by tier (marginal), each line in whole rupiah. */
export function jakonContribution(rules: JakonRules, contractValue: number) {
  const tiers: JakonTierLine[] = [];
  const steps: CalcStep[] = [];
  let from = 0;
  for (const t of rules.tiers) {
    if (contractValue <= from) break;
    const to = t.upTo;
    const part = (to === null ? contractValue : Math.min(contractValue, to)) - from;
    const jkk = roundHalfUp(part * t.jkkBasisPoints, 10_000);
    const jkm = roundHalfUp(part * t.jkmBasisPoints, 10_000);
    tiers.push({
      from,
      to,
      part,
      jkkBasisPoints: t.jkkBasisPoints,
      jkmBasisPoints: t.jkmBasisPoints,
      jkk,
      jkm,
      total: jkk + jkm,
    });
    const range = to === null ? `di atas ${rupiah(from)}` : `${rupiah(from)} s.d. ${rupiah(to)}`;
    steps.push(
      step(
        `tier${tiers.length}`,
        `Tahap ${tiers.length} (${range}): ${rupiah(part)} × (JKK ${percentOfBasisPoints(t.jkkBasisPoints)} + JKM ${percentOfBasisPoints(t.jkmBasisPoints)}) = ${rupiah(jkk)} + ${rupiah(jkm)}`,
        jkk + jkm,
      ),
    );
    if (to === null) break;
    from = to;
  }
  const jkk = tiers.reduce((s, t) => s + t.jkk, 0);
  const jkm = tiers.reduce((s, t) => s + t.jkm, 0);
  steps.push(step('total', 'Jumlah iuran proyek (JKK + JKM)', jkk + jkm));
  return { jkk, jkm, total: jkk + jkm, tiers, steps };
}
