import type { AllocationSummary } from '../../contracts/allocation.js';
import { EligibilityRules, PriorityWeights, type Programme, Quota } from '../../contracts/programmes.js';
import type { RegionCatalog } from '../../contracts/regions.js';
import type { SponsorKind } from '../../contracts/sponsors.js';
import { OCCUPATIONS, type Occupation } from '../../contracts/workers.js';
import type { AllocationResult } from '../../domain/allocation.js';
import { costByOccupation } from '../../domain/contributions.js';
import { formulaText } from '../../domain/priority.js';
import type { RateBook } from '../../domain/rates.js';
import type { PoolSettings } from './allocation.pool.js';

/** What an allocation of a programme uses: kept in the roster so it can be explained later. */
export interface AllocationSettings extends PoolSettings {
  quotas: Quota[];
  incomeBase: number;
  includeJht: boolean;
  sponsorKind: SponsorKind;
  months: number;
  costClasses: { occupations: Occupation[]; monthly: number; total: number }[];
  /** The period's cost without a discount; the cheapest any worker costs. */
  costPerWorker: number;
  minCost: number;
}

/** A programme as the programmes feature presents it, with the money its enrolments hold. */
export type AllocationProgramme = Programme & { committed: number };

/** `book`: the rate versions (app.rates.book), each month of the period costed at those in force then. */
export function settingsOf(p: Programme, book: RateBook): AllocationSettings {
  const rules = EligibilityRules.parse(p.eligibility ?? {});
  const weights = PriorityWeights.parse(p.priorityWeights ?? {});
  const quotas = Quota.array().parse(p.quotas ?? []);
  const { periodStart: firstMonth, periodEnd: lastMonth, sponsorKind } = p;
  const occupations = rules.occupations ?? [...OCCUPATIONS];
  const pkg = { incomeBase: p.incomeBase, includeJht: p.includeJht, firstMonth, lastMonth, sponsorKind };
  const costs = costByOccupation(pkg, occupations, book);
  const classes = new Map<string, { occupations: Occupation[]; monthly: number; total: number }>();
  for (const [o, c] of costs) {
    const key = `${c.monthly}:${c.total}`;
    const k = classes.get(key) ?? { occupations: [], monthly: c.monthly, total: c.total };
    k.occupations.push(o);
    classes.set(key, k);
  }
  const full = costByOccupation(pkg, ['lainnya'], book).get('lainnya')!.total;
  const totals = [...costs.values()].map((c) => c.total);
  return {
    programmeId: p.id,
    regionCode: p.regionCode,
    firstMonth,
    lastMonth,
    rules,
    weights,
    quotas,
    costs,
    incomeBase: p.incomeBase,
    includeJht: p.includeJht,
    sponsorKind,
    months: p.months,
    costClasses: [...classes.values()].sort((a, b) => b.total - a.total),
    costPerWorker: full,
    minCost: totals.length ? Math.min(...totals) : 0,
  };
}

/** The settings as stored in a roster (JSON). */
export function storedSettings(s: AllocationSettings, jobId: string | null) {
  const { costs: _costs, ...rest } = s;
  return { ...rest, jobId };
}

export const formulaOf = (s: Pick<AllocationSettings, 'weights' | 'rules' | 'firstMonth'>) =>
  formulaText({ weights: s.weights, rules: s.rules, firstMonth: s.firstMonth });

/** A result with the pool's counts and the regions' names, as the API shows it. */
export function summaryOf(
  r: AllocationResult,
  eligible: number,
  eligibleByRegency: ReadonlyMap<string, number>,
  costPerWorker: number,
  catalog: RegionCatalog,
): AllocationSummary {
  const codes = new Set([...eligibleByRegency.keys(), ...r.byRegency.map((x) => x.regencyCode)]);
  const chosen = new Map(r.byRegency.map((x) => [x.regencyCode, x]));
  return {
    budget: r.budget,
    eligible,
    selected: r.selected,
    totalCost: r.totalCost,
    remaining: r.remaining,
    limitedBy: r.limitedBy,
    costPerWorker,
    byRegency: [...codes].sort().map((code) => ({
      regencyCode: code,
      regencyName: catalog.get(code)?.name ?? code,
      eligible: eligibleByRegency.get(code) ?? 0,
      selected: chosen.get(code)?.selected ?? 0,
      cost: chosen.get(code)?.cost ?? 0,
    })),
  };
}
