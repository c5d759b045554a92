// Runs every benchmark in bench/*.bench.ts against its budgets: `npm run bench -- [options]`.
// Prints a table, writes bench/results/<name>.json and exits 1 when a budget is missed.
// Results and the machine they were measured on are recorded by hand in docs/BENCHMARKS.md.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type Benchmark,
  type BenchOptions,
  fmtMs,
  formatJson,
  machineInfo,
  markInterrupted,
  runAllCleanups,
  type Target,
  type TargetResult,
  TargetUnavailable,
  table,
} from './support.js';

const USAGE = `Usage: npm run bench -- [options]

  --workers N          workers to fill the registry with, or rows to import (default 1,000,000)
  --quick              smoke run: 50,000 workers unless --workers is given
  --only DB            pglite or postgres (default: both; an unreachable PostgreSQL is skipped)
  --queries N          measured queries per kind, after a warm-up (default 500)
  --bench NAME         run only bench/NAME.bench.ts
  -h, --help           this text

Environment: BENCH_DATABASE_URL (default postgres://root@127.0.0.1:5432/test) is where the
PostgreSQL benchmark creates, and afterwards drops, its own database payung_bench_<random>.`;

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const RESULTS_DIR = join(BENCH_DIR, 'results');

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, not "${value}".`);
  return n;
}

function parseOptions() {
  const parsed = (() => {
    try {
      return parseArgs({
        options: {
          workers: { type: 'string' },
          quick: { type: 'boolean', default: false },
          only: { type: 'string' },
          queries: { type: 'string' },
          bench: { type: 'string' },
          help: { type: 'boolean', short: 'h', default: false },
        },
      });
    } catch (e) {
      fail((e as Error).message);
    }
  })();
  const v = parsed.values;
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (v.only !== undefined && v.only !== 'pglite' && v.only !== 'postgres') {
    fail(`--only must be pglite or postgres, not "${v.only}".`);
  }
  const targets: Target[] = v.only ? [v.only as Target] : ['postgres', 'pglite'];
  return {
    bench: v.bench,
    quick: v.quick,
    workers: count(v.workers, 'workers', v.quick ? 50_000 : 1_000_000),
    queries: count(v.queries, 'queries', 500),
    targets,
    isTargetRequired: v.only !== undefined,
  };
}

async function loadBenchmarks(only?: string): Promise<Benchmark[]> {
  const files = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => !only || f === `${only}.bench.ts`)
    .sort();
  if (files.length === 0) fail(only ? `No benchmark bench/${only}.bench.ts.` : 'No bench/*.bench.ts found.');
  const out: Benchmark[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(BENCH_DIR, f)).href)) as { default?: Benchmark };
    if (!mod.default?.run) throw new Error(`bench/${f} must export a default Benchmark.`);
    out.push(mod.default);
  }
  return out;
}

function report(b: Benchmark, results: TargetResult[]): string[] {
  const missed: string[] = [];
  const rows: string[][] = [];
  for (const t of results) {
    if (t.status === 'skipped') {
      console.log(`\n${t.target}: skipped — ${t.skippedBecause}`);
      continue;
    }
    console.log(`\n${t.target}${t.server ? `: ${t.server}` : ''}`);
    for (const m of t.timings ?? []) {
      const verdict = m.budget === undefined ? 'recorded' : m.isWithinBudget ? 'ok' : 'MISSED';
      if (m.isWithinBudget === false) {
        missed.push(`${b.name}/${t.target}/${m.kind}: ${m.seconds} ${m.unit ?? 's'}, budget ${m.budget}`);
      }
      console.log(
        `  ${m.kind.padEnd(16)} ${String(m.seconds).padStart(9)} ${(m.unit ?? 's').padEnd(3)} ` +
          `${(m.budget ?? '').padEnd(24)} ${verdict.padEnd(9)} ${m.detail ?? ''}`,
      );
    }
    if (!t.fill) continue;
    console.log(
      `  ${t.workers?.toLocaleString('en')} workers filled in ${t.fill?.seconds} s ` +
        `(${t.fill?.rowsPerSecond.toLocaleString('en')} rows/s), VACUUM ANALYZE ${t.fill?.vacuumAnalyzeSeconds} s, ` +
        `table + indexes ${t.fill?.tableSize}`,
    );
    for (const m of t.measurements) {
      const verdict = m.budgetP95 === undefined ? 'recorded' : m.isWithinBudget ? 'ok' : 'MISSED';
      if (m.isWithinBudget === false) {
        missed.push(`${b.name}/${t.target}/${m.kind}: p95 ${fmtMs(m.p95)} ms > budget ${m.budgetP95} ms`);
      }
      rows.push([
        t.target,
        m.kind,
        String(m.n),
        fmtMs(m.p50),
        fmtMs(m.p95),
        fmtMs(m.max),
        m.budgetP95 === undefined ? '–' : `≤ ${m.budgetP95}`,
        verdict,
        `${Math.round(m.hitRate * 100)}%`,
        m.meanRows.toFixed(1),
      ]);
    }
  }
  if (rows.length > 0) {
    console.log(
      `\n${table(
        [
          'database',
          'kind',
          'n',
          'p50 ms',
          'p95 ms',
          'max ms',
          'budget p95',
          'verdict',
          'hits',
          'rows/query',
        ],
        rows,
      )}`,
    );
  }
  return missed;
}

async function main() {
  const opts = parseOptions();
  const machine = machineInfo();
  const postgresUrl = process.env.BENCH_DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
  const log = (message: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${message}`);
  const options: BenchOptions = {
    workers: opts.workers,
    queries: opts.queries,
    warmup: 20,
    targets: opts.targets,
    isTargetRequired: opts.isTargetRequired,
    postgresUrl,
    log,
  };
  console.log(
    `Payung benchmarks: ${opts.workers.toLocaleString('en')} workers, ${opts.queries} queries per kind, ` +
      `${opts.targets.join(' + ')}${opts.quick ? ' (quick)' : ''}\n` +
      `machine: ${machine.nproc} cores, ${machine.cpuModel}, ${machine.memoryTotal} RAM, node ${machine.node}, ` +
      `PGlite ${machine.pgliteVersion}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  if (opts.workers < 1_000_000) {
    console.log('note: the budgets are set for 1,000,000 workers; fewer workers make this a smoke run.');
  }

  const missed: string[] = [];
  let checked = 0;
  for (const b of await loadBenchmarks(opts.bench)) {
    const startedAt = new Date();
    log(`benchmark ${b.name}: ${b.description}`);
    const results = await b.run(options);
    const finishedAt = new Date();
    missed.push(...report(b, results));
    checked += results.flatMap((t) => t.measurements).filter((m) => m.budgetP95 !== undefined).length;
    checked += results.flatMap((t) => t.timings ?? []).filter((m) => m.budget !== undefined).length;
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${b.name}.json`);
    const { log: _log, postgresUrl: _url, ...recorded } = options;
    writeFileSync(
      file,
      formatJson({
        benchmark: b.name,
        description: b.description,
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        options: { ...recorded, quick: opts.quick },
        machine: { ...machine, loadAverageAtEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
        targets: results,
      }),
    );
    console.log(`\nresults written to ${file}`);
  }

  if (missed.length > 0) {
    console.log(`\nBudget missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
    process.exitCode = 1;
  } else if (checked === 0) {
    console.log('\nNo budget was checked (budgets apply to PostgreSQL, which did not run).');
  } else {
    console.log(`\nAll ${checked} budgets met.`);
  }
}

let isInterrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    isInterrupted = true;
    markInterrupted();
    console.error(`\n${signal}: removing benchmark databases…`);
    void runAllCleanups().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (e) {
  // After Ctrl-C the databases are closed under the running benchmark, so its errors are expected;
  // the signal handler exits once the clean-up is done.
  if (!isInterrupted) {
    console.error(e instanceof TargetUnavailable ? `${e.message}; nothing was measured.` : e);
    await runAllCleanups();
    process.exitCode = 2;
  }
}
