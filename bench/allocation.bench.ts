import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { seedDemoWorkers } from '../src/modules/demo/demo.service.js';
import { loadConfig } from '../src/platform/config.js';
import { newContext, systemActor } from '../src/platform/context.js';
import { aProgramme, aSponsor } from '../test/support/allocation.js';
import {
  type Benchmark,
  type BenchOptions,
  checkpoint,
  openBenchDatabase,
  settleRegistry,
  type Target,
  type TargetResult,
  type Timing,
} from './support.js';

/**
 * Issue #14: allocation over 1,000,000 eligible workers, end to end through the service
 * (`app.allocation.propose`: pool, scores and ranking in SQL, the greedy choice streamed, the roster
 * and its proposed enrolments written and audited, one transaction), under 10 s on PostgreSQL and
 * 30 s on PGlite. The budget buys 100,000 workers (Rp 20,16 billion for 12 months at Rp 16.800), a
 * large provincial programme; a simulation of three budgets over the same pool and a plain count of the
 * pool's workers (the baseline, measured in the same run) are recorded beside it.
 */
const PROVINCE = '16';
const FILL_CHUNK = 10_000;
const FILL_SLICE = 100_000;
const COVERED = 100_000;
const COST = 12 * 16_800;

const benchmark: Benchmark = {
  name: 'allocation',
  description: 'allocation (propose a roster) over N eligible workers, through the service',
  async run(options) {
    const results: TargetResult[] = [];
    for (const target of options.targets) results.push(await runTarget(target, options));
    return results;
  },
};
export default benchmark;

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function runTarget(target: Target, o: BenchOptions): Promise<TargetResult> {
  const bdb = await openBenchDatabase(target, o);
  if (!('db' in bdb)) return bdb;
  try {
    const { db } = bdb;
    const app = await createApp(loadConfig({}), { db });
    const server = (await db.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v;
    o.log(`[${target}] ${server}; filling ${o.workers.toLocaleString('en')} workers…`);
    const fillStart = performance.now();
    for (let filled = 0; filled < o.workers; filled += FILL_SLICE) {
      await seedDemoWorkers(db, app.catalog, {
        count: Math.min(FILL_SLICE, o.workers - filled),
        provinceCode: PROVINCE,
        now: new Date('2026-11-01T00:00:00Z'),
        chunkSize: FILL_CHUNK,
      });
      await checkpoint();
    }
    const fillSeconds = seconds(fillStart);
    const { workers, tableSize } = await settleRegistry(db);
    o.log(`[${target}] filled ${workers} in ${fillSeconds} s (${tableSize})`);
    // Demo workers are 17–63 years old and active: all of them are eligible for a province programme.
    const sponsor = await aSponsor(db, 'apbd_province');
    const programmeId = await aProgramme(db, {
      sponsorId: sponsor,
      budget: COVERED * COST,
      periodStart: '2027-01',
      periodEnd: '2027-12',
      weights: { priorityOccupations: ['nelayan', 'buruh_tani', 'penyadap_karet'] },
    });
    const ctx = newContext(systemActor(PROVINCE, 'bench'));
    const timings: Timing[] = [];

    const b0 = performance.now();
    const baseline = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM workers WHERE province_code = '16' AND is_active
          AND NOT EXISTS (SELECT FROM enrolments e WHERE e.worker_id = workers.id)`,
    );
    timings.push({
      kind: 'baseline-count',
      description: `SELECT count(*) over the same pool (${baseline.rows[0]!.n} workers): the machine's speed now`,
      seconds: seconds(b0),
    });

    const s0 = performance.now();
    const sim = await app.allocation.simulate(ctx, programmeId, [
      (COVERED * COST) / 10,
      COVERED * COST,
      10 * COVERED * COST,
    ]);
    timings.push({
      kind: 'simulate-3-budgets',
      description: `simulation of 3 budgets over ${sim.eligible} eligible (selected ${sim.runs.map((r) => r.selected).join(' / ')})`,
      seconds: seconds(s0),
    });

    const loadBefore = load();
    const phases: string[] = [];
    const p0 = performance.now();
    let last = '';
    const result = await app.allocation.propose(ctx, programmeId, {
      onProgress: (p) => {
        if (p.phase !== last) phases.push(`${p.phase} at ${seconds(p0)} s`);
        last = p.phase;
      },
    });
    const proposeSeconds = seconds(p0);
    const budget = target === 'postgres' ? 10 : 30;
    timings.push({
      kind: 'propose',
      description: `propose a roster: ${result.summary.eligible} eligible, ${result.summary.selected} chosen (limitedBy ${result.summary.limitedBy}), enrolments written`,
      seconds: proposeSeconds,
      budget: `< ${budget} s`,
      isWithinBudget: proposeSeconds < budget,
      detail: `load average before ${loadBefore}, after ${load()}; phases: ${phases.join(', ')}`,
    });
    o.log(`[${target}] propose ${proposeSeconds} s (phases: ${phases.join(', ')}); load ${load()}`);

    // A smaller roster over the same pool of a million (another year, so nobody is held yet): how much
    // of the time is the pool and how much the writing of enrolments.
    const smaller = await aProgramme(db, {
      sponsorId: sponsor,
      budget: (COVERED / 10) * COST,
      periodStart: '2028-01',
      periodEnd: '2028-12',
    });
    const q0 = performance.now();
    const small = await app.allocation.propose(ctx, smaller);
    timings.push({
      kind: 'propose-10k',
      description: `propose a roster of ${small.summary.selected} over ${small.summary.eligible} eligible`,
      seconds: seconds(q0),
      detail: `load average after ${load()}`,
    });
    return {
      target,
      status: 'measured',
      server,
      workers,
      fill: {
        seconds: fillSeconds,
        rowsPerSecond: Math.round(workers / fillSeconds),
        vacuumAnalyzeSeconds: 0,
        tableSize,
      },
      measurements: [],
      timings,
    };
  } finally {
    o.log(`[${target}] removing the benchmark database…`);
    await bdb.drop();
  }
}
