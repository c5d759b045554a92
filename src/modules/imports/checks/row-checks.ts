import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cellText } from '../../../domain/import/cells.js';
import { createDomicileResolver } from '../../../domain/import/regions.js';
import { type RowCells, validateRow } from '../../../domain/import/row.js';
import { copyFields } from '../../../platform/db/types.js';
import { uuid7 } from '../../../platform/uuid7.js';
import type { RegionCatalog } from '../../regions/catalog.js';
import { NAME_TRIGRAM_COLUMNS, nameTrigramValues, PERSON_COLUMNS } from '../../workers/workers.repo.js';
import { checkWorker } from '../../workers/workers.rules.js';
import type { RowResult } from '../imports.repo.js';

/** What one row of a file is once checked by the import's rules and the registry's. */
export type RowOutcome =
  | { kind: 'skipped'; reason: 'empty' | 'totals' | 'column-numbers' }
  | {
      kind: 'rejected';
      errors: RowResult['errors'];
      warnings: RowResult['warnings'];
      /** The row's name and NIK cells as written, so its result can say whose row it is. */
      name: string;
      nik: string;
    }
  | {
      kind: 'accepted';
      /** What the dry run itself looks at: the NIK, the name's search key, the birth date. */
      nik: string;
      nameKey: string;
      birthDate: string;
      /** The row's new worker id and worker columns (STAGED_TEXT_COLUMNS) as COPY text, for the staging. */
      staged: string;
      warnings: RowResult['warnings'];
    };

/** The worker columns a dry run stages and a commit copies into `workers`. */
export const STAGED_COLUMNS = PERSON_COLUMNS;
/**
 * What the checks write of an accepted row, as COPY text where they run: the id the worker will have
 * (time-ordered, made here rather than by the database, which on PGlite shares the main thread), then
 * STAGED_COLUMNS and NAME_TRIGRAM_COLUMNS. A row crosses to the main thread as one string, not an
 * object of seventeen: less to copy between threads, and less for the main thread to collect.
 */
export const STAGED_TEXT_COLUMNS = ['worker_id', ...STAGED_COLUMNS, ...NAME_TRIGRAM_COLUMNS] as const;

export interface RowCheckSettings {
  /** The import's region: districts and villages are looked up inside it. */
  regionCode: string;
  provinceCode: string;
  /** "Today" for ages and dates, as an ISO timestamp. */
  now: string;
}

/** The checks of one row, the same wherever they run: the import's own (validateRow), then checkWorker. */
export function createRowCheck(catalog: RegionCatalog, s: RowCheckSettings): (cells: RowCells) => RowOutcome {
  const resolver = createDomicileResolver(catalog, s.regionCode);
  const now = new Date(s.now);
  const rowContext = { resolver, catalog, today: now, provinceCode: s.provinceCode };
  const workerContext = { catalog, provinceCode: s.provinceCode, now };
  return (cells) => {
    const v = validateRow(cells, rowContext);
    if (v.status === 'skipped') return { kind: 'skipped', reason: v.skipReason ?? 'empty' };
    if (v.status === 'rejected' || !v.worker) {
      return {
        kind: 'rejected',
        errors: [...v.errors],
        warnings: [...v.warnings],
        name: cellText(cells.fullName),
        nik: cellText(cells.nik),
      };
    }
    // The registry's own rules have the last word, so an import can never store what a form would refuse.
    const checked = checkWorker(v.worker, workerContext);
    if (!checked.ok) {
      return {
        kind: 'rejected',
        errors: checked.issues.map((i) => ({ field: i.path[0] ?? '', code: i.code, message: i.message })),
        warnings: [...v.warnings],
        name: v.worker.fullName,
        nik: v.worker.nik,
      };
    }
    const f = checked.value.fields;
    return {
      kind: 'accepted',
      nik: f.nik,
      nameKey: f.name_key,
      birthDate: f.birth_date,
      staged: copyFields([uuid7(), ...STAGED_COLUMNS.map((c) => f[c]), ...nameTrigramValues(f.name_key)]),
      warnings: [...v.warnings],
    };
  };
}

/** Checks batches of rows; results come back in the order the batches were given. */
export interface RowChecker {
  check(batch: RowCells[]): Promise<RowOutcome[]>;
  close(): Promise<void>;
  /** Worker threads doing the checks; 0 when they run on this thread. */
  readonly threads: number;
}

/**
 * Row checks cost 30–60 µs of JavaScript a row (NIK rules, dates, region names, name folding). For
 * a large file they run on worker threads, so they take other cores than the one reading the file,
 * finding in-file duplicates and talking to the database (with PGlite, the database itself). Small
 * files, or a process that cannot start workers (TypeScript sources run without the tsx loader),
 * check on this thread.
 */
export async function openRowChecker(
  catalog: RegionCatalog,
  settings: RowCheckSettings,
  opts: { threads: number },
): Promise<RowChecker> {
  const inThread = (): RowChecker => {
    const check = createRowCheck(catalog, settings);
    return { check: async (batch) => batch.map(check), close: async () => {}, threads: 0 };
  };
  if (opts.threads < 1) return inThread();
  const started = await Promise.allSettled(Array.from({ length: opts.threads }, () => startWorker(settings)));
  const workers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (workers.length < started.length) {
    await Promise.all(workers.map((w) => w.terminate()));
    return inThread();
  }
  let next = 0;
  let sequence = 0;
  let closing = false;
  const waiting = new Map<number, { resolve: (o: RowOutcome[]) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  // A worker that fails or stops fails every batch still waiting, so a dry run never waits forever.
  const fail = (e: Error) => {
    failure ??= e;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  for (const w of workers) {
    w.on('message', (m: { id: number; outcomes: RowOutcome[] }) => {
      waiting.get(m.id)?.resolve(m.outcomes);
      waiting.delete(m.id);
    });
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!closing) fail(new Error(`A row-check worker stopped (exit code ${code}).`));
    });
  }
  return {
    threads: workers.length,
    check(batch) {
      if (failure) return Promise.reject(failure);
      const id = sequence++;
      const worker = workers[next++ % workers.length]!;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows: batch });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** Worker threads for a machine: the cores but one (which reads the file), at least one, at most four. */
export function rowCheckThreads(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

// A small old generation: a worker's objects live for one batch, and the import's memory budget (under
// 1 GB for a million rows) is shared with the main thread. A worker holds about 37 MB (the region
// catalog, one batch); left to itself, V8 let its old generation grow to 155 MB between collections.
// The young generation is where a batch's objects are made and die: at 8 MB, a million rows took 5.1–
// 5.7 s of minor collections (of about 30 s of checks), at 32 MB 2.4–2.7 s (docs/BENCHMARKS.md); at
// 64 MB, beside an old generation this small, the major collections took 5.7 s.
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 96 };

function startWorker(settings: RowCheckSettings): Promise<Worker> {
  // Built, this module is JavaScript next to row-checks.worker.js. From source (tests, `npm run dev`)
  // it is TypeScript: Node 20 does not hand the tsx loader to worker threads, so the worker first
  // registers it, then imports the worker module.
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './row-checks.worker.ts' : './row-checks.worker.js', import.meta.url);
  return new Promise((resolve, reject) => {
    const w = fromSource
      ? new Worker(
          `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true, workerData: settings, resourceLimits: WORKER_LIMITS },
        )
      : new Worker(url, { workerData: settings, resourceLimits: WORKER_LIMITS });
    const fail = (e: Error) => {
      void w.terminate();
      reject(e);
    };
    w.once('error', fail);
    w.once('message', (m) => {
      w.off('error', fail);
      if (m === 'ready') resolve(w);
      else fail(new Error('row-check worker did not start'));
    });
  });
}
