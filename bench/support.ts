import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import type { Database } from '../src/platform/db/index.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { describeUrl, openPostgres } from '../src/platform/db/postgres.js';
import { PROJECT_ROOT } from '../src/platform/paths.js';

/** What every benchmark receives from `bench/run.ts`. */
export interface BenchOptions {
  /** Rows to fill the registry with before measuring. */
  workers: number;
  /** Measured queries per kind (after the warm-up). */
  queries: number;
  warmup: number;
  targets: Target[];
  /** `--only` was given: a target that cannot be reached is an error, not a skip. */
  isTargetRequired: boolean;
  postgresUrl: string;
  log(message: string): void;
}

export type Target = 'postgres' | 'pglite';

export interface Measurement {
  kind: string;
  /** What the queries of this kind look like, for the table and the record. */
  description: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
  /** p95 budget in milliseconds; undefined = recorded only. */
  budgetP95?: number;
  isWithinBudget?: boolean;
  /** Share of queries that returned at least one row. */
  hitRate: number;
  meanRows: number;
}

export interface TargetResult {
  target: Target;
  status: 'measured' | 'skipped';
  skippedBecause?: string;
  server?: string;
  settings?: Record<string, string>;
  workers?: number;
  fill?: { seconds: number; rowsPerSecond: number; vacuumAnalyzeSeconds: number; tableSize: string };
  measurements: Measurement[];
  /** Whole operations timed once (imports), as opposed to latency distributions. */
  timings?: Timing[];
}

/** One timed operation, with its budget where the issue names one. */
export interface Timing {
  kind: string;
  description: string;
  /** Seconds, or the `unit` when given (memory in MB). */
  seconds: number;
  unit?: string;
  /** The budget as words (e.g. "≤ 10× COPY = 61.3 s"); undefined = recorded only. */
  budget?: string;
  isWithinBudget?: boolean;
  detail?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<TargetResult[]>;
}

// ---- clean-up of databases and folders, also on Ctrl-C -------------------------------------------

const cleanups = new Set<() => Promise<void>>();

/** Registers `fn` to run once: by the caller (the returned function) or by the signal handler. */
export function deferCleanup(fn: () => Promise<void>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await fn();
  };
  cleanups.add(once);
  return once;
}

let isInterrupted = false;

/** Called by the signal handler: the next `checkpoint()` stops the benchmark. */
export function markInterrupted(): void {
  isInterrupted = true;
}

export class Interrupted extends Error {}

/**
 * Lets the event loop run (signals, timers) and stops the benchmark after Ctrl-C. Needed because PGlite
 * does its work synchronously: a loop of PGlite queries never returns to the event loop by itself.
 */
export async function checkpoint(): Promise<void> {
  await setImmediate();
  if (isInterrupted) throw new Interrupted('interrupted');
}

export async function runAllCleanups(): Promise<void> {
  for (const fn of [...cleanups]) await fn().catch((e) => console.error('clean-up failed:', e));
}

// ---- databases -----------------------------------------------------------------------------------

export interface BenchDatabase {
  db: Database;
  /** Closes and removes the database (idempotent). */
  drop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The database server could not be reached at all (as opposed to failing once connected). */
export class TargetUnavailable extends Error {}

/** A fresh database `payung_bench_<random>` on the server at `url`, dropped by `drop()`. */
export async function createPostgresBenchDatabase(url: string): Promise<BenchDatabase> {
  let admin: Database;
  try {
    admin = await openPostgres(url, { max: 1 });
  } catch (e) {
    const err = e as Error & { code?: string };
    throw new TargetUnavailable(
      `cannot connect to ${describeUrl(url)}: ${[err.code, err.message].filter(Boolean).join(' ')}`,
    );
  }
  const name = `payung_bench_${randomBytes(5).toString('hex')}`;
  try {
    await admin.exec(`CREATE DATABASE ${name}`);
  } catch (e) {
    await admin.close();
    throw e;
  }
  let db: Database | undefined;
  const drop = deferCleanup(async () => {
    await db?.close().catch(() => {});
    try {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.close();
    }
  });
  try {
    db = await openPostgres(withDatabase(url, name), { max: 4 });
  } catch (e) {
    await drop();
    throw e;
  }
  return { db, drop };
}

/** PGlite in a temporary folder, removed by `drop()`. */
export async function createPgliteBenchDatabase(): Promise<BenchDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'payung-bench-'));
  let db: Database | undefined;
  const drop = deferCleanup(async () => {
    await db?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    db = await openPglite(dir);
  } catch (e) {
    await drop();
    throw e;
  }
  return { db, drop };
}

/**
 * A fresh database of `target` for one benchmark, or the skipped result when PostgreSQL cannot be
 * reached and was not asked for by name (`--only postgres` makes that an error).
 */
export async function openBenchDatabase(
  target: Target,
  o: Pick<BenchOptions, 'postgresUrl' | 'isTargetRequired' | 'log'>,
): Promise<BenchDatabase | TargetResult> {
  try {
    return target === 'postgres'
      ? await createPostgresBenchDatabase(o.postgresUrl)
      : await createPgliteBenchDatabase();
  } catch (e) {
    if (e instanceof TargetUnavailable && !o.isTargetRequired) {
      o.log(`[${target}] skipped: ${e.message}`);
      return { target, status: 'skipped', skippedBecause: e.message, measurements: [] };
    }
    throw e;
  }
}

// ---- statistics ----------------------------------------------------------------------------------

/** Nearest-rank percentile (q in 0..1) of an ascending array. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

export function summarize(ms: readonly number[]): Pick<Measurement, 'n' | 'p50' | 'p95' | 'max' | 'mean'> {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
  };
}

// ---- the machine ---------------------------------------------------------------------------------

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  memoryTotal: string;
  free: string;
  node: string;
  platform: string;
  pgliteVersion: string;
  loadAverageAtStart: number[];
}

function tryRun(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function machineInfo(): MachineInfo {
  let cpuModel = 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':').slice(1).join(':').trim();
  } catch {}
  const pglite = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
  ) as { version: string };
  return {
    nproc: Number(tryRun('nproc', [])) || availableParallelism(),
    cpuModel,
    memoryTotal: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    free: tryRun('free', ['-h']) ?? '',
    node: process.version,
    platform: `${process.platform} ${tryRun('uname', ['-r']) ?? ''}`.trim(),
    pgliteVersion: pglite.version,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

// ---- output --------------------------------------------------------------------------------------

export const fmtMs = (ms: number | undefined) =>
  ms === undefined || Number.isNaN(ms) ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);

/** A plain fixed-width table (also valid Markdown). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

/**
 * JSON laid out the way the repository's formatter (Biome) lays it out — objects expanded, short arrays of
 * plain values on one line — so the results files pass `npx biome check`.
 */
export function formatJson(value: unknown, lineWidth = 110): string {
  const write = (v: unknown, indent: string, prefixLength: number): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
    const inner = `${indent}  `;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      if (v.every((x) => x === null || typeof x !== 'object')) {
        const flat = `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
        // +1 for a trailing comma after the array.
        if (prefixLength + flat.length + 1 <= lineWidth) return flat;
      }
      if (v.every((x) => typeof x === 'number')) {
        // Numbers fill the lines, as many as fit.
        const lines: string[] = [];
        for (const x of v.map((n) => JSON.stringify(n))) {
          const last = lines.at(-1);
          if (last !== undefined && `${inner}${last}, ${x},`.length <= lineWidth)
            lines[lines.length - 1] = `${last}, ${x}`;
          else lines.push(x);
        }
        return `[\n${lines.map((l) => `${inner}${l}`).join(',\n')}\n${indent}]`;
      }
      return `[\n${v.map((x) => `${inner}${write(x, inner, inner.length)}`).join(',\n')}\n${indent}]`;
    }
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const lines = entries.map(([k, x]) => {
      const head = `${inner}${JSON.stringify(k)}: `;
      return `${head}${write(x, inner, head.length)}`;
    });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  };
  return `${write(value, '', 0)}\n`;
}

/**
 * Settles a freshly filled registry: VACUUM as well as ANALYZE (a live registry is vacuumed by
 * autovacuum; doing it now flushes pending index entries and sets the visibility map, so autovacuum does
 * not start in the middle of measuring), then counts it and its size on disk.
 */
export async function settleRegistry(db: Database) {
  const vacuumStart = performance.now();
  await db.exec('VACUUM (ANALYZE) workers');
  const vacuumAnalyzeSeconds = (performance.now() - vacuumStart) / 1000;
  const workers = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM workers')).rows[0]!.n;
  const tableSize = (
    await db.query<{ s: string }>("SELECT pg_size_pretty(pg_total_relation_size('workers')) AS s")
  ).rows[0]!.s;
  return { vacuumAnalyzeSeconds, workers, tableSize };
}
