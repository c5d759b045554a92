import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Quota } from '../../src/contracts/programmes.js';
import { allocate } from '../../src/domain/allocation.js';
import { evaluateEligibility } from '../../src/domain/eligibility.js';
import { compareRanked, priorityScore } from '../../src/domain/priority.js';
import { allocationJobHandlers, PROPOSE } from '../../src/modules/allocation/allocation.jobs.js';
import { buildPool, pooledScores } from '../../src/modules/allocation/allocation.pool.js';
import { selectFromPool } from '../../src/modules/allocation/allocation.select.js';
import { eligibilityFactsOf, priorityFactsOf } from '../../src/modules/allocation/allocation.service.js';
import { settingsOf } from '../../src/modules/allocation/allocation.settings.js';
import type { WorkerRow } from '../../src/modules/workers/index.js';
import { aProgramme, aSponsor, generatedRegistry } from '../support/allocation.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anActor, ctxAs } from '../support/factories.js';
import { between, oneOf, prng } from '../support/prng.js';

let t: TestApp;
const admin = ctxAs();
const checker = ctxAs(
  anActor('province_admin', ['16'], { id: 'user:checker', label: 'checker@payung.local' }),
);

before(async () => {
  t = await createTestApp();
  await generatedRegistry(t.app.db, 42, 1500);
});
after(async () => {
  await t.close();
});

async function programmeRow(id: string) {
  return t.app.programmes.get(admin, id);
}

/** Every worker with the domain's verdict and score, ranked as the domain ranks. */
async function domainRanking(programmeId: string) {
  const p = await programmeRow(programmeId);
  const s = settingsOf(p, await t.app.rates.book(admin));
  const workers = (await t.app.db.query<WorkerRow>('SELECT * FROM workers')).rows;
  const held = (
    await t.app.db.query<{
      worker_id: string;
      programme_id: string;
      first_month: string;
      last_month: string;
      status: string;
    }>(
      `SELECT worker_id, programme_id, to_char(first_month, 'YYYY-MM') AS first_month,
              to_char(last_month, 'YYYY-MM') AS last_month, status FROM enrolments`,
    )
  ).rows;
  const eligible = workers
    .filter(
      (w) =>
        evaluateEligibility(
          { ...eligibilityFactsOf(w), hasConsent: true },
          {
            id: p.id,
            regionCode: p.regionCode,
            firstMonth: s.firstMonth,
            lastMonth: s.lastMonth,
            rules: s.rules,
          },
          held
            .filter((h) => h.worker_id === w.id)
            .map((h) => ({
              ...h,
              programmeId: h.programme_id,
              programmeName: 'x',
              firstMonth: h.first_month,
              lastMonth: h.last_month,
            })),
        ).eligible,
    )
    .map((w) => ({
      id: w.id,
      birthDate: w.birth_date,
      regencyCode: w.regency_code,
      cost: s.costs.get(w.occupation as never)!.total,
      score: priorityScore(priorityFactsOf(w), s),
    }))
    .sort(compareRanked);
  return { s, ranked: eligible };
}

describe('the SQL pool agrees with the domain', () => {
  test('same eligible workers, same integer scores, same ranking (several rule sets)', async () => {
    const sponsor = await aSponsor(t.app.db, 'csr_private');
    const cases = [
      {},
      {
        eligibility: { ageMin: 18, ageMax: 60, incomeCeiling: 2_500_000 },
        weights: { age: 37, income: 23, priorityOccupations: ['ojek'] },
      },
      {
        regionCode: '16.71',
        eligibility: { occupations: ['ojek', 'nelayan', 'lainnya'], requireWelfareRegister: true },
      },
      { eligibility: { regionCodes: ['16.10', '16.72'], requireActive: false, ageMin: 40, ageMax: 40 } },
    ] as const;
    for (const c of cases) {
      const id = await aProgramme(t.app.db, { sponsorId: sponsor, ...(c as object) });
      const { s, ranked } = await domainRanking(id);
      assert.ok(ranked.length > 0, `pool of ${ranked.length}`);
      const sql = await t.app.db.transaction(async (tx) => {
        await buildPool(tx, s);
        return pooledScores(tx);
      });
      assert.deepEqual(
        sql.map((x) => [x.id, x.score]),
        ranked.map((x) => [x.id, x.score]),
      );
    }
  });
});

describe('allocation over generated registries (seeded): SQL path = pure greedy', () => {
  test('never over budget, quotas held, deterministic, regency programmes stay home', async () => {
    const sponsors = {
      apbd: await aSponsor(t.app.db, 'apbd_province'),
      csr: await aSponsor(t.app.db, 'csr_bumn'),
    };
    const regencies = ['16.01', '16.02', '16.10', '16.71', '16.72', '16.74'];
    for (let seed = 1; seed <= 12; seed++) {
      const r = prng(seed);
      const regional = r() < 0.3;
      const quotas: Quota[] = [];
      for (const code of regencies)
        if (r() < 0.35)
          quotas.push(
            r() < 0.5
              ? { regionCode: code, maxWorkers: between(r, 0, 80) }
              : { regionCode: code, budgetPercent: between(r, 0, 300) / 10 },
          );
      const id = await aProgramme(t.app.db, {
        sponsorId: r() < 0.5 ? sponsors.apbd : sponsors.csr,
        regionCode: regional ? oneOf(r, regencies) : '16',
        periodStart: oneOf(r, ['2026-06', '2027-01', '2027-02']),
        periodEnd: oneOf(r, ['2027-06', '2027-12']),
        quotas,
        status: 'draft',
      });
      const { s, ranked } = await domainRanking(id);
      const budgets = [0, between(r, 1, 400) * 100_000, between(r, 1, 50) * 10_000_000];
      const sim = await t.app.allocation.simulate(admin, id, budgets);
      const again = await t.app.allocation.simulate(admin, id, budgets);
      assert.deepEqual(sim, again, 'deterministic');
      assert.equal(sim.eligible, ranked.length);
      for (const [i, budget] of budgets.entries()) {
        const pure = allocate(ranked, { budget, quotas: s.quotas });
        const run = sim.runs[i]!;
        assert.equal(run.selected, pure.selected, `seed ${seed} budget ${budget}`);
        assert.equal(run.totalCost, pure.totalCost);
        assert.equal(run.limitedBy, pure.limitedBy);
        assert.ok(run.totalCost <= budget);
        assert.deepEqual(
          run.byRegency.filter((x) => x.selected > 0).map((x) => [x.regencyCode, x.selected, x.cost]),
          pure.byRegency.map((x) => [x.regencyCode, x.selected, x.cost]),
        );
        const p = await programmeRow(id);
        if (p.regionCode !== '16')
          assert.ok(
            run.byRegency.every((x) => x.regencyCode === p.regionCode),
            'regency programme stays home',
          );
      }
      // The same selection through selectFromPool directly: the chosen ranks are the pure choice.
      const pure = allocate(ranked, { budget: budgets[2]!, quotas: s.quotas });
      const chosen = await t.app.db.transaction(async (tx) => {
        await buildPool(tx, s);
        const [sel] = await selectFromPool(tx, [budgets[2]!], s.quotas, s.minCost);
        const ids: string[] = [];
        sel!.runs.from.forEach((f, k) => {
          for (let rank = f; rank <= sel!.runs.to[k]!; rank++) ids.push(ranked[rank - 1]!.id);
        });
        return ids;
      });
      assert.deepEqual(chosen, pure.selectedIds);
    }
  });
});

describe('rosters: propose, maker–checker, reject frees the months', () => {
  test('a proposed roster holds its workers; nobody is funded twice; the proposer cannot approve', async () => {
    const sponsor = await aSponsor(t.app.db, 'csr_private');
    const first = await aProgramme(t.app.db, {
      sponsorId: sponsor,
      budget: 50 * 201_600,
      name: 'Program Pertama',
    });
    const { s, ranked } = await domainRanking(first);
    const proposed = await t.app.allocation.propose(admin, first);
    const pure = allocate(ranked, { budget: 50 * 201_600, quotas: s.quotas });
    assert.equal(proposed.summary.selected, pure.selected);
    assert.equal(proposed.summary.limitedBy, 'budget');
    const enrolled = (
      await t.app.db.query<{ worker_id: string; rank: number; status: string }>(
        'SELECT worker_id, rank, status FROM enrolments WHERE roster_id = $1 ORDER BY rank',
        [proposed.rosterId],
      )
    ).rows;
    assert.deepEqual(
      enrolled.map((e) => e.worker_id),
      pure.selectedIds,
    );
    assert.deepEqual(
      enrolled.map((e) => e.rank),
      pure.selectedIds.map((_, i) => i + 1),
    );
    const events = await t.app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM enrolment_events v JOIN enrolments e ON e.id = v.enrolment_id WHERE e.roster_id = $1`,
      [proposed.rosterId],
    );
    assert.equal(events.rows[0]!.n, enrolled.length);
    const audit = await t.app.db.query(
      `SELECT 1 FROM audit_events WHERE action = 'roster.propose' AND entity_id = $1`,
      [proposed.rosterId],
    );
    assert.equal(audit.rows.length, 1);

    // A second roster of the same programme waits for the first to be decided.
    await assert.rejects(t.app.allocation.propose(admin, first, { budget: 0 }), { code: 'ROSTER_PENDING' });
    // Another programme over the same months passes over those already held.
    const second = await aProgramme(t.app.db, {
      sponsorId: sponsor,
      budget: 10_000 * 201_600,
      periodStart: '2027-06',
      periodEnd: '2028-05',
    });
    const secondPool = (await domainRanking(second)).ranked;
    const other = await t.app.allocation.propose(admin, second);
    const both = await t.app.db.query(
      `SELECT worker_id FROM enrolments WHERE roster_id IN ($1, $2) GROUP BY worker_id HAVING count(*) > 1`,
      [proposed.rosterId, other.rosterId],
    );
    assert.equal(both.rows.length, 0, 'no worker in both rosters');
    assert.equal(other.summary.eligible, secondPool.length);
    assert.ok(
      secondPool.every((w) => !pure.selectedIds.includes(w.id)),
      'held months exclude',
    );

    // Maker–checker.
    const mine = await t.app.allocation.roster(admin, proposed.rosterId);
    assert.equal(mine.canDecide, false);
    assert.match(mine.cannotDecideReason!, /persetujuan harus oleh orang lain/);
    await assert.rejects(t.app.allocation.approve(admin, proposed.rosterId), { code: 'ROSTER_SAME_PERSON' });
    await assert.rejects(
      t.app.db.query(`UPDATE rosters SET status = 'approved', decided_by = proposed_by WHERE id = $1`, [
        proposed.rosterId,
      ]),
      /rosters_checker_is_not_maker/,
    );
    const approved = await t.app.allocation.approve(checker, proposed.rosterId, 'Sesuai anggaran');
    assert.equal(approved.status, 'approved');
    await assert.rejects(t.app.allocation.reject(checker, proposed.rosterId, 'terlambat'), {
      code: 'ROSTER_DECIDED',
    });

    // A rejection says why (the CLI's note too, not only the API's): a blank or short note is refused.
    await assert.rejects(t.app.allocation.reject(checker, other.rosterId, '  x '), /minimal 5 huruf/);
    assert.equal((await t.app.allocation.roster(checker, other.rosterId)).status, 'proposed');

    // Rejecting cancels the roster's enrolments: their months are free for the next roster.
    const rejected = await t.app.allocation.reject(checker, other.rosterId, 'Anggaran dialihkan');
    assert.equal(rejected.status, 'rejected');
    const left = await t.app.db.query(
      `SELECT 1 FROM enrolments WHERE roster_id = $1 AND status <> 'cancelled'`,
      [other.rosterId],
    );
    assert.equal(left.rows.length, 0);
    const again = await t.app.allocation.propose(admin, second);
    assert.equal(again.summary.selected, other.summary.selected);

    // The roster's workers: ranked, masked NIK, the score explained.
    const page = await t.app.allocation.rosterWorkers(checker, proposed.rosterId, { after: 0, limit: 20 });
    assert.equal(page.total, enrolled.length);
    assert.equal(page.items[0]!.rank, 1);
    assert.match(page.items[0]!.nik, /^\d{4}\*{8}\d{4}$/);
    assert.equal(
      page.items[0]!.factors.reduce((a, f) => a + f.points, 0),
      page.items[0]!.score,
    );
    const next = await t.app.allocation.rosterWorkers(checker, proposed.rosterId, {
      after: page.nextAfter!,
      limit: 20,
    });
    assert.equal(next.items[0]!.rank, 21);
  });

  test('over the budget left, a draft programme, a regency operator elsewhere: refused', async () => {
    const sponsor = await aSponsor(t.app.db, 'apbd_regency', '16.71');
    const id = await aProgramme(t.app.db, { sponsorId: sponsor, regionCode: '16.71', budget: 1_000_000 });
    await assert.rejects(t.app.allocation.propose(admin, id, { budget: 2_000_000 }), {
      code: 'ALLOCATION_OVER_BUDGET',
    });
    const draft = await aProgramme(t.app.db, { sponsorId: sponsor, regionCode: '16.71', status: 'draft' });
    await assert.rejects(t.app.allocation.propose(admin, draft), { code: 'ALLOCATION_PROGRAMME_STATE' });
    const oi = ctxAs(anActor('regency_operator', ['16.10']));
    await assert.rejects(t.app.allocation.propose(oi, id), { code: 'ALLOCATION_PROGRAMME_NOT_FOUND' });
    const plg = ctxAs(anActor('regency_operator', ['16.71']));
    const r = await t.app.allocation.propose(plg, id);
    assert.ok(r.summary.byRegency.every((x) => x.regencyCode === '16.71'));
    // A regency operator may propose, not approve; the sponsor's officer reads its own rosters only.
    await assert.rejects(t.app.allocation.approve(plg, r.rosterId), { code: 'FORBIDDEN' });
    const officer = ctxAs(anActor('sponsor_officer', ['16'], { sponsorIds: [sponsor] }));
    assert.equal((await t.app.allocation.roster(officer, r.rosterId)).id, r.rosterId);
    const stranger = ctxAs(anActor('sponsor_officer', ['16'], { sponsorIds: [await aSponsor(t.app.db)] }));
    await assert.rejects(t.app.allocation.roster(stranger, r.rosterId), { code: 'ROSTER_NOT_FOUND' });
  });
});

describe('the proposal job checks its payload again when it runs', () => {
  test("a payload's actor without the right or the region, a closed programme, a spent budget: refused, nothing saved", async () => {
    const sponsor = await aSponsor(t.app.db, 'apbd_regency', '16.72');
    const id = await aProgramme(t.app.db, { sponsorId: sponsor, regionCode: '16.72', budget: 1_000_000 });
    const { [PROPOSE]: job } = allocationJobHandlers({
      db: t.app.db,
      catalog: t.app.catalog,
      programmes: t.app.programmes,
      rates: t.app.rates,
    });
    const run = (ctx: typeof admin, budget = 1_000_000) =>
      job!.handler({
        id: crypto.randomUUID(),
        kind: PROPOSE,
        payload: {
          programmeId: id,
          regionCode: '16.72',
          sponsorId: sponsor,
          budget,
          actor: ctx.actor,
          requestId: 'r',
          now: new Date().toISOString(),
        },
        attempt: 1,
        maxAttempts: 3,
        signal: new AbortController().signal,
        ctx: { db: t.app.db, runnerId: 'test' },
        progress: () => {},
      } as never);
    // An auditor reads the programme but may not allocate; an operator of another regency is refused.
    await assert.rejects(run(ctxAs(anActor('auditor', ['16']))), { code: 'FORBIDDEN' });
    await assert.rejects(run(ctxAs(anActor('regency_operator', ['16.10']))), {
      code: 'ALLOCATION_PROGRAMME_NOT_FOUND',
    });
    await assert.rejects(run(admin, 2_000_000), { code: 'ALLOCATION_OVER_BUDGET' });
    await t.app.db.query(`UPDATE programmes SET status = 'closed' WHERE id = $1`, [id]);
    await assert.rejects(run(admin), { code: 'ALLOCATION_PROGRAMME_STATE' });
    const rosters = await t.app.db.query('SELECT 1 FROM rosters WHERE programme_id = $1', [id]);
    assert.equal(rosters.rows.length, 0);
  });
});

describe('concurrent allocations', () => {
  test('two programmes over the same workers and months at once never fund anyone twice', async () => {
    const sponsor = await aSponsor(t.app.db, 'zakat');
    const a = await aProgramme(t.app.db, {
      sponsorId: sponsor,
      periodStart: '2029-01',
      periodEnd: '2029-12',
      budget: 1e12,
    });
    const b = await aProgramme(t.app.db, {
      sponsorId: sponsor,
      periodStart: '2029-06',
      periodEnd: '2030-05',
      budget: 1e12,
    });
    const results = await Promise.allSettled([
      t.app.allocation.propose(admin, a),
      t.app.allocation.propose(admin, b),
    ]);
    for (const r of results)
      if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'ALLOCATION_CONFLICT');
    assert.ok(results.some((r) => r.status === 'fulfilled'));
    const twice = await t.app.db.query(
      `SELECT e.worker_id FROM enrolments e JOIN enrolments f ON f.worker_id = e.worker_id AND f.id < e.id
        WHERE e.status <> 'cancelled' AND f.status <> 'cancelled' AND e.months && f.months`,
    );
    assert.equal(twice.rows.length, 0);
    // A failed proposal left no roster behind.
    const rosters = await t.app.db.query(`SELECT 1 FROM rosters WHERE programme_id IN ($1, $2)`, [a, b]);
    assert.equal(rosters.rows.length, results.filter((r) => r.status === 'fulfilled').length);
  });

  test('a burst of simulations: each answers the same result or 503 SERVER_BUSY, and the server keeps answering', async () => {
    const sponsor = await aSponsor(t.app.db, 'zakat');
    const id = await aProgramme(t.app.db, { sponsorId: sponsor, status: 'draft' });
    const budgets = [10_000_000, 50_000_000];
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => t.app.allocation.simulate(admin, id, budgets)),
    );
    const answered = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results)
      if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'SERVER_BUSY');
    assert.ok(answered.length >= 1);
    for (const a of answered) assert.deepEqual(a, answered[0]);
    // After the burst the gate is free again.
    assert.deepEqual(await t.app.allocation.simulate(admin, id, budgets), answered[0]);
  });
});

describe('one worker', () => {
  test('eligibility rule by rule with the score explained, and the worker covered elsewhere named', async () => {
    const sponsor = await aSponsor(t.app.db, 'csr_private');
    const id = await aProgramme(t.app.db, {
      sponsorId: sponsor,
      periodStart: '2031-01',
      periodEnd: '2031-12',
      budget: 1e12,
      name: 'Program Lama',
    });
    const w = (
      await t.app.db.query<{ id: string }>(
        `SELECT id FROM workers WHERE is_active AND birth_date BETWEEN '1970-01-01' AND '2000-01-01' LIMIT 1`,
      )
    ).rows[0]!;
    const before = await t.app.allocation.eligibility(admin, id, w.id);
    assert.equal(before.rules.length, 10);
    assert.equal(
      before.score,
      before.factors.reduce((s, f) => s + f.points, 0),
    );
    await t.app.allocation.propose(admin, id);
    const other = await aProgramme(t.app.db, {
      sponsorId: sponsor,
      periodStart: '2031-06',
      periodEnd: '2032-05',
    });
    const after = await t.app.allocation.eligibility(admin, other, w.id);
    if (before.eligible) {
      assert.equal(after.eligible, false);
      assert.match(
        after.rules.find((r) => r.rule === 'notCovered')!.message,
        /Sudah ditanggung program Program Lama untuk bulan 2031-01 – 2031-12/,
      );
    }
    const enumerator = ctxAs(anActor('enumerator', ['16.71.01']));
    await assert.rejects(t.app.allocation.eligibility(enumerator, id, w.id), { code: 'FORBIDDEN' });
  });
});
