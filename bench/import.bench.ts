// Bulk import of worker spreadsheets (issue: regency spreadsheets), against the budgets:
// - N (default 1,000,000) valid CSV rows into PostgreSQL in at most 10× a raw COPY of the same file
//   into a bare table, measured in the same run; on PGlite within 60 s; memory under 1 GB RSS;
// - a 100,000-row .xlsx in under 20 s;
// - possible-duplicate detection over the 1,000,000-worker registry in under 60 s.
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { writeXlsx } from '../src/modules/imports/files/xlsx-writer.js';
import { createImportsRepo } from '../src/modules/imports/imports.repo.js';
import { sweepWindow } from '../src/modules/imports/pipeline/sizing.js';
import { regionCatalog } from '../src/modules/regions/catalog.js';
import { NAME_TRIGRAM_COLUMNS, PERSON_COLUMNS } from '../src/modules/workers/workers.repo.js';
import { workersInRegions } from '../src/modules/workers/workers.scope.js';
import { PROJECT_ROOT } from '../src/platform/paths.js';
import { SHEET_HEADER, sheetRows, writeSheetCsv } from './import-sheet.js';
import {
  type Benchmark,
  type BenchOptions,
  createPostgresBenchDatabase,
  deferCleanup,
  type Target,
  type TargetResult,
  TargetUnavailable,
  type Timing,
  withDatabase,
} from './support.js';

const run = promisify(execFile);
const XLSX_ROWS = 100_000;
const RSS_BUDGET_MB = 1024;

interface ChildResult {
  uploadSeconds: number;
  validateSeconds: number;
  commitSeconds: number;
  counts: {
    rows: number;
    accepted: number;
    rejected: number;
    duplicates: number;
    added?: number;
    possibleDuplicates?: number;
  };
  maxRssMB: number;
}

const child = (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'bench/import-child.ts'), ...args], {
    cwd: PROJECT_ROOT,
    maxBuffer: 1 << 20,
  });

/** One import (upload, dry run, commit) in a fresh process; see import-child.ts. */
async function importInChild(db: string, file: string): Promise<ChildResult> {
  const { stdout } = await child(['--db', db, '--file', file]);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult;
}

const BARE_TABLE = `CREATE TABLE copy_baseline (${SHEET_HEADER.map((_, i) => `c${i} text`).join(', ')})`;

/** Seconds for `COPY copy_baseline FROM STDIN (FORMAT csv, HEADER)` of the file, into a fresh bare table. */
async function copyBaselinePostgres(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS copy_baseline; ${BARE_TABLE}`);
    const t = performance.now();
    await pipeline(
      createReadStream(file),
      client.query(copyFrom('COPY copy_baseline FROM STDIN WITH (FORMAT csv, HEADER true)')),
    );
    const seconds = (performance.now() - t) / 1000;
    await expectRows((sql) => client.query<{ n: number }>(sql), file);
    await client.query('DROP TABLE copy_baseline');
    return seconds;
  } finally {
    await client.end();
  }
}

async function copyBaselinePglite(file: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'payung-bench-copy-'));
  const db = await PGlite.create(dir);
  try {
    await db.exec(BARE_TABLE);
    const t = performance.now();
    await db.query(`COPY copy_baseline FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], {
      blob: new Blob([readFileSync(file)]),
    });
    const seconds = (performance.now() - t) / 1000;
    await expectRows((sql) => db.query<{ n: number }>(sql), file);
    return seconds;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const lineCounts = new Map<string, number>();

/** The baseline must have loaded every row of the file (header excluded), or it measures nothing. */
async function expectRows(query: (sql: string) => Promise<{ rows: { n: number }[] }>, file: string) {
  const n = (await query('SELECT count(*)::int AS n FROM copy_baseline')).rows[0]!.n;
  let lines = lineCounts.get(file);
  if (lines === undefined) {
    lines =
      readFileSync(file, 'latin1')
        .split('\n')
        .filter((l) => l.trim() !== '').length - 1;
    lineCounts.set(file, lines);
  }
  if (n !== lines) throw new Error(`COPY baseline loaded ${n} rows, the file has ${lines}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

const benchmark: Benchmark = {
  name: 'import',
  description: 'spreadsheet import: CSV vs raw COPY, .xlsx, possible-duplicate detection over the registry',
  async run(o) {
    const dir = mkdtempSync(join(tmpdir(), 'payung-bench-import-'));
    const removeFiles = deferCleanup(async () => rmSync(dir, { recursive: true, force: true }));
    try {
      const catalog = regionCatalog();
      const rows = o.workers;
      const csv = join(dir, `workers-${rows}.csv`);
      o.log(`[import] writing ${rows.toLocaleString('en')} rows of CSV…`);
      await writeSheetCsv(csv, catalog, rows);
      const variedCsv = join(dir, `workers-${rows}-varied-names.csv`);
      o.log(`[import] writing ${rows.toLocaleString('en')} rows of CSV with varied names…`);
      await writeSheetCsv(variedCsv, catalog, rows, { middleNames: true });
      const xlsx = join(dir, `workers-${XLSX_ROWS}.xlsx`);
      const xlsxRows = Math.min(XLSX_ROWS, rows);
      o.log(`[import] writing ${xlsxRows.toLocaleString('en')} rows of .xlsx…`);
      // Other people (another seed, NIK serials from 5001): imported, not reported as duplicates.
      await writeXlsx(
        xlsx,
        [[...SHEET_HEADER], ...sheetRows(catalog, xlsxRows, { seed: 9157, serialOffset: 5000 })],
        {
          headerRows: [0],
        },
      );
      o.log(
        `[import] files: CSV ${(statSync(csv).size / 2 ** 20).toFixed(0)} MiB, .xlsx ${(statSync(xlsx).size / 2 ** 20).toFixed(0)} MiB`,
      );
      const results: TargetResult[] = [];
      for (const target of o.targets)
        results.push(await runTarget(target, o, { csv, variedCsv, xlsx, rows, xlsxRows }));
      return results;
    } finally {
      await removeFiles();
    }
  },
};
export default benchmark;

const memoryTiming = (kind: string, description: string, mb: number): Timing => ({
  kind,
  description,
  seconds: mb,
  unit: 'MB',
  budget: `< ${RSS_BUDGET_MB} MB`,
  isWithinBudget: mb < RSS_BUDGET_MB,
});

/**
 * An empty registry for the child: a PostgreSQL database (its URL) or a PGlite folder, migrated and
 * with the regions loaded by a process of its own, as a running installation has it.
 */
async function freshDatabase(
  target: Target,
  o: BenchOptions,
): Promise<{ db: string; drop: () => Promise<void> }> {
  let fresh: { db: string; drop: () => Promise<void> };
  if (target === 'postgres') {
    const bdb = await createPostgresBenchDatabase(o.postgresUrl);
    // The child opens its own connections; this one is only kept to drop the database at the end.
    const name = (await bdb.db.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    fresh = { db: withDatabase(o.postgresUrl, name), drop: bdb.drop };
  } else {
    const folder = mkdtempSync(join(tmpdir(), 'payung-bench-'));
    fresh = { db: folder, drop: deferCleanup(async () => rmSync(folder, { recursive: true, force: true })) };
  }
  try {
    await child(['--db', fresh.db]);
  } catch (e) {
    await fresh.drop();
    throw e;
  }
  return fresh;
}

async function runTarget(
  target: Target,
  o: BenchOptions,
  f: { csv: string; variedCsv: string; xlsx: string; rows: number; xlsxRows: number },
): Promise<TargetResult> {
  const timings: Timing[] = [];
  let dbArg: string;
  let drop: () => Promise<void>;
  try {
    ({ db: dbArg, drop } = await freshDatabase(target, o));
  } catch (e) {
    if (e instanceof TargetUnavailable && !o.isTargetRequired) {
      o.log(`[${target}] skipped: ${e.message}`);
      return { target, status: 'skipped', skippedBecause: e.message, measurements: [] };
    }
    throw e;
  }
  const dbUrl = target === 'postgres' ? dbArg : '';
  try {
    const copy = async () =>
      target === 'postgres' ? copyBaselinePostgres(dbUrl, f.csv) : copyBaselinePglite(f.csv);
    o.log(`[${target}] raw COPY of the CSV into a bare table (3 runs)…`);
    const copyBefore = [await copy(), await copy(), await copy()];
    o.log(`[${target}]   ${copyBefore.map((s) => s.toFixed(2)).join(' s, ')} s`);

    o.log(`[${target}] importing ${f.rows.toLocaleString('en')} CSV rows (dry run, then import)…`);
    const c = await importInChild(dbArg, f.csv);
    o.log(
      `[${target}]   dry run ${c.validateSeconds.toFixed(1)} s, import ${c.commitSeconds.toFixed(1)} s, ` +
        `${c.counts.added?.toLocaleString('en')} added, max RSS ${c.maxRssMB} MB`,
    );
    if (c.counts.added !== f.rows)
      throw new Error(`expected ${f.rows} rows added, got ${JSON.stringify(c.counts)}`);

    const copyAfter = [await copy()];
    const copySeconds = median([...copyBefore, ...copyAfter]);
    const ratio = c.commitSeconds / copySeconds;
    const total = c.uploadSeconds + c.validateSeconds + c.commitSeconds;
    timings.push({
      kind: 'copy-baseline',
      description: `raw COPY of the same CSV into a bare 12-column text table (median of ${copyBefore.length + 1})`,
      seconds: round(copySeconds),
      detail: `runs: ${[...copyBefore, ...copyAfter].map((s) => s.toFixed(2)).join(', ')} s`,
    });
    timings.push({
      kind: 'csv-dry-run',
      description: `${f.rows.toLocaleString('en')} CSV rows: upload + dry run (parse, check, duplicates, staging)`,
      seconds: round(c.uploadSeconds + c.validateSeconds),
    });
    if (target === 'postgres') {
      timings.push({
        kind: 'csv-import',
        description: `${f.rows.toLocaleString('en')} CSV rows: the import itself (staged rows into the registry)`,
        seconds: round(c.commitSeconds),
        budget: `≤ 10× COPY = ${(10 * copySeconds).toFixed(1)} s`,
        isWithinBudget: ratio <= 10,
        detail: `${ratio.toFixed(1)}× COPY`,
      });
      timings.push({
        kind: 'csv-total',
        description: 'upload + dry run + import',
        seconds: round(total),
        detail: `${(total / copySeconds).toFixed(1)}× COPY`,
      });
    } else {
      timings.push({
        kind: 'csv-import',
        description: `${f.rows.toLocaleString('en')} CSV rows: the import itself`,
        seconds: round(c.commitSeconds),
        detail: `${ratio.toFixed(1)}× COPY`,
      });
      timings.push({
        kind: 'csv-total',
        description: 'upload + dry run + import',
        seconds: round(total),
        budget: '≤ 60 s',
        isWithinBudget: total <= 60,
      });
    }
    timings.push(memoryTiming('csv-memory', 'peak RSS of the importing process (MB)', c.maxRssMB));

    o.log(`[${target}] importing ${f.xlsxRows.toLocaleString('en')} .xlsx rows into the filled registry…`);
    const x = await importInChild(dbArg, f.xlsx);
    const xTotal = x.uploadSeconds + x.validateSeconds + x.commitSeconds;
    o.log(`[${target}]   dry run ${x.validateSeconds.toFixed(1)} s, import ${x.commitSeconds.toFixed(1)} s`);
    // Two synthetic files may share a few NIKs (each numbers its people from 0001); those are duplicates.
    if ((x.counts.added ?? 0) + x.counts.duplicates !== f.xlsxRows || x.counts.rejected !== 0)
      throw new Error(
        `expected ${f.xlsxRows} .xlsx rows added or duplicate, got ${JSON.stringify(x.counts)}`,
      );
    timings.push({
      kind: 'xlsx-total',
      description: `${f.xlsxRows.toLocaleString('en')}-row .xlsx: upload + dry run + import, registry of ${f.rows.toLocaleString('en')}`,
      seconds: round(xTotal),
      budget: '< 20 s',
      isWithinBudget: xTotal < 20,
      detail: `dry run ${x.validateSeconds.toFixed(1)} s, import ${x.commitSeconds.toFixed(1)} s, ${x.counts.added} added`,
    });

    if (target === 'postgres') {
      o.log(`[${target}] possible-duplicate sweep over the whole registry…`);
      const sweep = await duplicateSweep(dbUrl);
      timings.push({
        kind: 'duplicate-sweep',
        description: `every registered worker (${sweep.workers.toLocaleString('en')}) checked against the registry for possible duplicates, ${sweepWindow(sweep.workers).toLocaleString('en')} per query (the dry run's query and window for a file of that many rows)`,
        seconds: round(sweep.seconds),
        budget: '< 60 s',
        isWithinBudget: sweep.seconds < 60,
        detail: `${sweep.pairs.toLocaleString('en')} workers with a possible duplicate`,
      });
    }
    await drop();

    // The same people, nine names in ten with a middle name (import-sheet.ts): as many distinct names
    // as a real list, which is what the in-file duplicate check keeps in memory for the whole file.
    o.log(
      `[${target}] importing ${f.rows.toLocaleString('en')} CSV rows with varied names into an empty registry…`,
    );
    const fresh = await freshDatabase(target, o);
    drop = fresh.drop;
    const v = await importInChild(fresh.db, f.variedCsv);
    const vTotal = v.uploadSeconds + v.validateSeconds + v.commitSeconds;
    o.log(
      `[${target}]   dry run ${v.validateSeconds.toFixed(1)} s, import ${v.commitSeconds.toFixed(1)} s, ` +
        `${v.counts.added?.toLocaleString('en')} added, max RSS ${v.maxRssMB} MB`,
    );
    if (v.counts.added !== f.rows)
      throw new Error(`expected ${f.rows} rows added, got ${JSON.stringify(v.counts)}`);
    timings.push({
      kind: 'varied-names',
      description: `${f.rows.toLocaleString('en')} CSV rows with varied names: upload + dry run + import`,
      seconds: round(vTotal),
      detail:
        `dry run ${v.validateSeconds.toFixed(1)} s, import ${v.commitSeconds.toFixed(1)} s = ` +
        `${(v.commitSeconds / copySeconds).toFixed(1)}× COPY, ${v.counts.possibleDuplicates ?? 0} possible duplicates`,
    });
    timings.push(
      memoryTiming('varied-names-memory', 'peak RSS of the importing process, varied names (MB)', v.maxRssMB),
    );
    return { target, status: 'measured', workers: f.rows, measurements: [], timings };
  } finally {
    await drop();
  }
}

/**
 * Every worker of the registry is staged as if a dry run had read them all from one file, and the dry
 * run's own possible-duplicate query runs over them in the windows a dry run uses for such a file
 * (imports.repo.ts, stagedPossibleDuplicates: same birth date and sex, different NIK, similar name).
 * Only the queries are timed; the staging is rolled back.
 */
async function duplicateSweep(url: string): Promise<{ seconds: number; workers: number; pairs: number }> {
  const { openPostgres } = await import('../src/platform/db/postgres.js');
  const db = await openPostgres(url, { max: 2 });
  const rollback = new Error('rollback');
  let result = { seconds: 0, workers: 0, pairs: 0 };
  try {
    await db.transaction(async (tx) => {
      const repo = createImportsRepo(tx);
      const job = await repo.insertJob({
        id: crypto.randomUUID(),
        region_code: '16',
        created_by: 'bench',
        created_by_id: 'bench',
        file_name: 'registry.csv',
        file_kind: 'csv',
        file_size: 0,
        file_sha256: '',
        stored_path: '',
        header_row: 1,
        mapping: {},
      });
      const columns = [...PERSON_COLUMNS, ...NAME_TRIGRAM_COLUMNS].join(', ');
      const staged = await tx.query(
        `INSERT INTO import_staged_workers (job_id, row_number, ${columns})
         SELECT $1, row_number() OVER (), ${columns} FROM workers`,
        [job.id],
      );
      await tx.exec('ANALYZE import_staged_workers');
      let seconds = 0;
      let pairs = 0;
      const window = sweepWindow(staged.rowCount);
      for (let after = 0; after < staged.rowCount; after += window) {
        const t = performance.now();
        const found = await repo.stagedPossibleDuplicates(job.id, workersInRegions(['16']), {
          after,
          upTo: after + window,
        });
        seconds += (performance.now() - t) / 1000;
        pairs += found.length;
      }
      result = { seconds, workers: staged.rowCount, pairs };
      throw rollback;
    });
  } catch (e) {
    if (e !== rollback) throw e;
  } finally {
    await db.close();
  }
  return result;
}
