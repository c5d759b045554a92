import type { Quota } from '../../contracts/programmes.js';
import { type AllocationResult, createAllocator } from '../../domain/allocation.js';
import type { Queryable } from '../../platform/db/index.js';
import { readRanked } from './allocation.pool.js';

/** Ranks read per query: bounded memory whatever the pool's size. */
export const CHUNK = 50_000;

export interface Selection extends AllocationResult {
  /** The chosen ranks as runs of consecutive ranks (the first budget's only). */
  runs: { from: number[]; to: number[] };
}

/**
 * The greedy choice over `allocation_ranked` (allocation.pool.ts) for one or more budgets at once: the
 * ranked pool is read once, in keyset chunks, and every chunk is offered to each budget's allocator
 * (domain/allocation.ts), until every allocator is done or the pool ends.
 */
export async function selectFromPool(
  q: Queryable,
  budgets: readonly number[],
  quotas: readonly Quota[],
  minCost: number,
  onChunk: (ranked: number) => void = () => {},
): Promise<Selection[]> {
  const allocators = budgets.map((budget) => createAllocator({ budget, quotas, minCost }));
  const runs = budgets.map(() => ({ from: [] as number[], to: [] as number[] }));
  let after = 0;
  for (;;) {
    if (allocators.every((a) => a.done)) break;
    const rows = await readRanked(q, after, CHUNK);
    if (rows.length === 0) break;
    for (let i = 0; i < allocators.length; i++) {
      const a = allocators[i]!;
      const r = runs[i]!;
      for (const row of rows) {
        if (a.done) break;
        if (a.offer({ id: '', regencyCode: row.regency_code, cost: row.cost })) {
          const last = r.to.length - 1;
          if (last >= 0 && r.to[last] === row.rank - 1) r.to[last] = row.rank;
          else {
            r.from.push(row.rank);
            r.to.push(row.rank);
          }
        }
      }
    }
    after = rows[rows.length - 1]!.rank;
    onChunk(after);
    if (rows.length < CHUNK) break;
  }
  return allocators.map((a, i) => ({ ...a.result(), runs: runs[i]! }));
}
