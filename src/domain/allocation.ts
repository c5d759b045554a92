import type { Quota } from '../contracts/programmes.js';

/**
 * Allocation: the greedy choice of workers, in ranked order, within a budget and per-region quotas.
 *
 * Each candidate in turn is taken if every quota of its regency/city still allows it and its cost fits
 * the money left; otherwise it is passed over and the next is looked at (a cheaper worker further down
 * may still fit). So the result is never over budget, holds every quota, depends only on the order and
 * costs given (deterministic), and nobody the quotas allow is left out while the money left would have
 * paid for them (a passed-over cost only fits less later: the money left only shrinks).
 *
 * `limitedBy` says why money is left or people are: `budget` when someone the quotas allowed could not be
 * paid for, else `quota` when a quota turned someone away, else `eligible` (everyone eligible was chosen).
 *
 * The same allocator serves the pure function below and the SQL path, which streams the ranked pool
 * in chunks into `offer` (modules/allocation/allocation.select.ts); both therefore agree exactly.
 */

export interface Candidate {
  id: string;
  regencyCode: string;
  /** Cost of the whole period, rupiah. */
  cost: number;
}

export type LimitedBy = 'budget' | 'quota' | 'eligible';

export interface RegencyTotals {
  regencyCode: string;
  selected: number;
  cost: number;
}

export interface AllocationResult {
  budget: number;
  selected: number;
  totalCost: number;
  remaining: number;
  limitedBy: LimitedBy;
  /** Candidates looked at (all of them unless the allocator could stop early). */
  considered: number;
  byRegency: RegencyTotals[];
}

export interface AllocationSettings {
  budget: number;
  quotas: readonly Quota[];
  /**
   * The cheapest cost any candidate can have: once the money left is below it and someone was refused
   * for money, nobody further down can be taken, and `done` says so.
   */
  minCost?: number;
}

/** Whether a quota's region holds a regency/city (its own code, or a province above it). */
export function quotaApplies(q: Pick<Quota, 'regionCode'>, regencyCode: string): boolean {
  return regencyCode === q.regionCode || regencyCode.startsWith(`${q.regionCode}.`);
}

/** The money a budget-share quota allows: ⌊budget × percent / 100⌋ rupiah. */
export function quotaMoney(budget: number, percent: number): number {
  return Math.floor((budget * percent) / 100);
}

interface QuotaState {
  quota: Quota;
  workers: number;
  cost: number;
  money: number | null;
}

export interface Allocator {
  /** Looks at the next candidate in ranked order; true when chosen. */
  offer(c: Candidate): boolean;
  /** Nobody further down could be chosen (the money left is below every cost). */
  readonly done: boolean;
  result(): AllocationResult;
}

export function createAllocator(s: AllocationSettings): Allocator {
  const quotas: QuotaState[] = s.quotas.map((quota) => ({
    quota,
    workers: 0,
    cost: 0,
    money: quota.budgetPercent === undefined ? null : quotaMoney(s.budget, quota.budgetPercent),
  }));
  const byRegency = new Map<string, RegencyTotals>();
  const applying = new Map<string, QuotaState[]>();
  let remaining = s.budget;
  let totalCost = 0;
  let selected = 0;
  let considered = 0;
  let refusedForMoney = false;
  let refusedByQuota = false;

  const quotasOf = (regency: string) => {
    let list = applying.get(regency);
    if (!list) {
      list = quotas.filter((q) => quotaApplies(q.quota, regency));
      applying.set(regency, list);
    }
    return list;
  };

  return {
    offer(c) {
      considered++;
      const qs = quotasOf(c.regencyCode);
      for (const q of qs) {
        const full =
          (q.quota.maxWorkers !== undefined && q.workers + 1 > q.quota.maxWorkers) ||
          (q.money !== null && q.cost + c.cost > q.money);
        if (full) {
          refusedByQuota = true;
          return false;
        }
      }
      if (c.cost > remaining) {
        refusedForMoney = true;
        return false;
      }
      for (const q of qs) {
        q.workers++;
        q.cost += c.cost;
      }
      remaining -= c.cost;
      totalCost += c.cost;
      selected++;
      const r = byRegency.get(c.regencyCode) ?? { regencyCode: c.regencyCode, selected: 0, cost: 0 };
      r.selected++;
      r.cost += c.cost;
      byRegency.set(c.regencyCode, r);
      return true;
    },
    get done() {
      return refusedForMoney && s.minCost !== undefined && remaining < s.minCost;
    },
    result() {
      return {
        budget: s.budget,
        selected,
        totalCost,
        remaining,
        limitedBy: refusedForMoney ? 'budget' : refusedByQuota ? 'quota' : 'eligible',
        considered,
        byRegency: [...byRegency.values()].sort((a, b) => (a.regencyCode < b.regencyCode ? -1 : 1)),
      };
    },
  };
}

/** The whole allocation over candidates already in ranked order: the result and who was chosen. */
export function allocate(
  ranked: Iterable<Candidate>,
  s: AllocationSettings,
): AllocationResult & { selectedIds: string[] } {
  const a = createAllocator(s);
  const selectedIds: string[] = [];
  for (const c of ranked) {
    if (a.done) break;
    if (a.offer(c)) selectedIds.push(c.id);
  }
  return { ...a.result(), selectedIds };
}
