import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { between, oneOf, prng } from '../../test/support/prng.js';
import type { Quota } from '../contracts/programmes.js';
import { allocate, type Candidate, quotaApplies, quotaMoney } from './allocation.js';

const REGENCIES = ['16.01', '16.02', '16.10', '16.71', '16.72'];

function generated(seed: number) {
  const r = prng(seed);
  const n = between(r, 0, 400);
  const costs = [100_800, 201_600, 50_400];
  const candidates: Candidate[] = Array.from({ length: n }, (_, i) => ({
    id: `w${String(i).padStart(5, '0')}`,
    regencyCode: oneOf(r, REGENCIES),
    cost: oneOf(r, costs),
  }));
  const quotas: Quota[] = [];
  for (const code of REGENCIES)
    if (r() < 0.4)
      quotas.push(
        r() < 0.5
          ? { regionCode: code, maxWorkers: between(r, 0, 60) }
          : { regionCode: code, budgetPercent: between(r, 0, 400) / 10 },
      );
  const budget = between(r, 0, n * 150_000);
  return { candidates, quotas, budget, minCost: Math.min(...costs) };
}

/** Whether the quotas, filled as `chosen` fills them, would turn `c` away. */
function quotaRefuses(c: Candidate, chosen: Candidate[], quotas: Quota[], budget: number) {
  return quotas.some((q) => {
    if (!quotaApplies(q, c.regencyCode)) return false;
    const mine = chosen.filter((x) => quotaApplies(q, x.regencyCode));
    if (q.maxWorkers !== undefined) return mine.length + 1 > q.maxWorkers;
    return mine.reduce((s, x) => s + x.cost, 0) + c.cost > quotaMoney(budget, q.budgetPercent!);
  });
}

describe('greedy allocation over generated registries (seeded)', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}: within budget and quotas, nobody affordable left out, deterministic`, () => {
      const g = generated(seed);
      const a = allocate(g.candidates, { budget: g.budget, quotas: g.quotas, minCost: g.minCost });
      const b = allocate(g.candidates, { budget: g.budget, quotas: g.quotas });
      const chosenSet = new Set(a.selectedIds);
      const chosen = g.candidates.filter((c) => chosenSet.has(c.id));
      // Early stopping changes nothing but how far it looked.
      assert.deepEqual({ ...a, considered: 0 }, { ...b, considered: 0 });
      assert.deepEqual(a, allocate(g.candidates, { budget: g.budget, quotas: g.quotas, minCost: g.minCost }));
      const total = chosen.reduce((s, c) => s + c.cost, 0);
      assert.equal(a.totalCost, total);
      assert.ok(total <= g.budget, 'never over budget');
      assert.equal(a.remaining, g.budget - total);
      for (const q of g.quotas) {
        const mine = chosen.filter((c) => quotaApplies(q, c.regencyCode));
        if (q.maxWorkers !== undefined) assert.ok(mine.length <= q.maxWorkers);
        else assert.ok(mine.reduce((s, c) => s + c.cost, 0) <= quotaMoney(g.budget, q.budgetPercent!));
      }
      let budgetRefused = false;
      let quotaRefused = false;
      for (const c of g.candidates) {
        if (chosenSet.has(c.id)) continue;
        // Everyone left out is refused by a quota or costs more than the money left.
        const byQuota = quotaRefuses(c, chosen, g.quotas, g.budget);
        assert.ok(byQuota || c.cost > a.remaining, `${c.id} was affordable and left out`);
        if (!byQuota) budgetRefused = true;
        else quotaRefused = true;
      }
      assert.equal(a.limitedBy, budgetRefused ? 'budget' : quotaRefused ? 'quota' : 'eligible');
      assert.deepEqual(
        a.byRegency.map((x) => [x.regencyCode, x.selected, x.cost]),
        REGENCIES.map((code) => {
          const mine = chosen.filter((c) => c.regencyCode === code);
          return [code, mine.length, mine.reduce((s, c) => s + c.cost, 0)];
        }).filter(([, n]) => (n as number) > 0),
      );
    });
  }

  it('takes a cheaper worker further down when the next one no longer fits', () => {
    const c = (id: string, cost: number): Candidate => ({ id, regencyCode: '16.71', cost });
    const r = allocate([c('a', 100), c('b', 200), c('c', 50), c('d', 60)], { budget: 160, quotas: [] });
    assert.deepEqual(r.selectedIds, ['a', 'c']);
    assert.equal(r.limitedBy, 'budget');
    assert.equal(r.remaining, 10);
  });

  it('says quota when a quota, not money, left people out; eligible when everyone fits', () => {
    const c = (id: string, regencyCode: string): Candidate => ({ id, regencyCode, cost: 10 });
    const list = [c('a', '16.71'), c('b', '16.71'), c('c', '16.10')];
    const q = allocate(list, { budget: 1_000, quotas: [{ regionCode: '16.71', maxWorkers: 1 }] });
    assert.deepEqual([q.selectedIds, q.limitedBy], [['a', 'c'], 'quota']);
    const share = allocate(list, { budget: 100, quotas: [{ regionCode: '16.71', budgetPercent: 15 }] });
    assert.deepEqual([share.selectedIds, share.limitedBy], [['a', 'c'], 'quota']);
    const all = allocate(list, { budget: 30, quotas: [] });
    assert.deepEqual([all.selected, all.remaining, all.limitedBy], [3, 0, 'eligible']);
    assert.equal(allocate([], { budget: 0, quotas: [] }).limitedBy, 'eligible');
  });
});
