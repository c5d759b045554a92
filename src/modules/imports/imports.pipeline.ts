import { NameComparer } from '../../domain/import/duplicates.js';
import { type ImportField, mapHeaders } from '../../domain/import/headers.js';
import type { RowCells } from '../../domain/import/row.js';
import { nameSearchKey } from '../../domain/names.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { isWithin, regionScopeSql } from '../../platform/db/scope.js';
import { Params } from '../../platform/db/sql.js';
import { CopyFields } from '../../platform/db/types.js';
import { recordAudit } from '../audit/audit.repo.js';
import type { RegionCatalog } from '../regions/catalog.js';
import { AUDITED_COLUMNS, NAME_TRIGRAM_COLUMNS } from '../workers/workers.repo.js';
import { NIK_REGISTERED_MESSAGE } from '../workers/workers.rules.js';
import {
  openRowChecker,
  type RowOutcome,
  rowCheckThreads,
  STAGED_COLUMNS,
  STAGED_TEXT_COLUMNS,
} from './checks/row-checks.js';
import { EarlierRows } from './earlier-rows.js';
import { readCsv } from './files/csv.js';
import { FileRejected, type SheetRow } from './files/types.js';
import { readXlsx } from './files/xlsx.js';
import { createImportsRepo, type ImportCounts, type ImportJobRow, type RowResult } from './imports.repo.js';

export const MAX_ROWS = 1_100_000;
// Rows whose NIKs are looked up in the registry in one query and staged with one COPY: large enough
// to make each round trip count, small enough that the two chunks in memory at a time stay small.
export const CHUNK = 20_000;
/**
 * Staged new rows checked against the registry per possible-duplicate query, for a file expected to
 * hold `rows` rows: about a third of the file, from 20,000 to 200,000. Each query reads the registry
 * once, so a large file wants few, large windows (1,000,000 rows against 1,000,000 workers: 55 s in
 * windows of 40,000, 41 s in one); a small file wants its windows checked while the rest of it is
 * still being read, so that little is left to check when reading ends (docs/BENCHMARKS.md).
 */
export function sweepWindow(rows: number): number {
  return Math.min(200_000, Math.max(20_000, Math.round(rows / 3 / 1_000) * 1_000));
}

/** Rows a file of this size probably holds (for sizing work, never for limits). */
export function expectedRows(job: Pick<ImportJobRow, 'file_kind' | 'file_size'>): number {
  // Regency lists of ~12 columns: ~140 bytes a CSV row; ~90 bytes a compressed .xlsx row.
  return Math.round(job.file_size / (job.file_kind === 'csv' ? 140 : 90));
}
const MAX_ROW_NUMBER = 2_147_483_647;
/** The staged columns an import copies into `workers`. */
const COPIED_COLUMNS = [...STAGED_COLUMNS, ...NAME_TRIGRAM_COLUMNS];
// Rows per batch handed to the row checks, and batches waiting for their checks at most: enough to
// keep the worker threads busy while this thread handles the finished ones and, with PGlite, while it
// runs the database (a chunk's statements hold it for 0.2–0.3 s), few enough to stay small: checked
// rows waiting here outlive the young generation's collections. On PGlite, a million rows took 33–37 s
// to check with 8 batches (the checks ran dry during each chunk), 27 s with 16; 32 measured no faster
// and peaked higher with a million varied names (926–1,041 MB in four runs, 929 MB with 16).
const CHECK_BATCH = 1_000;
const BATCHES_IN_FLIGHT = 16;
// Files from this size (about 7,000 CSV rows) are checked on worker threads; starting them (each
// loads the region catalog) costs more than it saves below.
const THREADED_FILE_BYTES = 1 << 20;

export type Mapping = Partial<Record<ImportField, number>>;

/** The file's rows; with `columns`, an .xlsx row holds no cells from that column on (never allocated). */
export function openRows(
  job: Pick<ImportJobRow, 'file_kind' | 'stored_path'>,
  opts: { columns?: number } = {},
): AsyncGenerator<SheetRow> {
  return job.file_kind === 'csv' ? readCsv(job.stored_path) : readXlsx(job.stored_path, undefined, opts);
}

interface Pending {
  row: number;
  nik: string;
  /** The new worker's id and columns as COPY text (row-checks.ts, STAGED_TEXT_COLUMNS). */
  staged: string;
  warnings: RowResult['warnings'];
  /** An earlier row of the file that may be the same person (registry twins are flagged in SQL). */
  similarRow?: number;
  /** The NIK is registered already. */
  registered?: boolean;
}

export interface CheckOptions {
  updateExisting: boolean;
  /**
   * Data rows read and checked so far, after every batch of rows (CHECK_BATCH) and at the end. A
   * promise it returns is waited for before the dry run goes on (tests hold a dry run part-way so).
   */
  onProgress?: (rows: number) => void | Promise<void>;
  /** Every row's result (for the CLI's --json); otherwise only rows needing attention are kept. */
  onRow?: (r: RowResult) => void;
  /** Staged new rows per registry possible-duplicate query (sweepWindow() unless given; tests). */
  sweepWindow?: number;
  /** Worker threads for the row checks (by the file's size unless given; tests). 0: this thread. */
  threads?: number;
}

const NIK_ALREADY_REGISTERED = {
  field: 'nik',
  code: 'NIK_ALREADY_REGISTERED',
  message:
    'Data Ganda: NIK ini sudah terdaftar di Payung; data yang ada tidak diubah. Pilih "perbarui data yang ada" bila ingin memperbaruinya.',
};
/**
 * A row whose NIK someone outside the actor's region holds: the words POST /workers answers (no name or
 * region of the holder), with whom to contact; each dry run that gives it is audited.
 */
const NIK_REGISTERED_ELSEWHERE = { ...NIK_ALREADY_REGISTERED, message: NIK_REGISTERED_MESSAGE };
/** Why a line that is not a person was left out (blank lines need no saying). */
const SKIPPED = {
  totals: {
    field: '',
    code: 'TOTALS_ROW',
    message: 'Diabaikan: baris jumlah/total, bukan data pekerja.',
  },
  'column-numbers': {
    field: '',
    code: 'COLUMN_NUMBERS_ROW',
    message: 'Diabaikan: baris nomor kolom (1, 2, 3 …), bukan data pekerja.',
  },
} as const;
// Where the NIK and the full name are in a staged row's COPY text (STAGED_TEXT_COLUMNS).
const STAGED_NIK = STAGED_TEXT_COLUMNS.indexOf('nik');
const STAGED_FULL_NAME = STAGED_TEXT_COLUMNS.indexOf('full_name');

/** Field `index` of a line of COPY text, unescaped (only for rows whose result is kept: not per row). */
function stagedField(text: string, index: number): string | null {
  let start = 0;
  for (let i = 0; i < index; i++) {
    start = text.indexOf('\t', start) + 1;
    if (start === 0) return null;
  }
  const end = text.indexOf('\t', start);
  const field = text.slice(start, end < 0 ? undefined : end);
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => COPY_UNESCAPE[c] ?? c) : field;
}
const COPY_UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r' };
const UPDATED_EXISTING = {
  field: 'nik',
  code: 'UPDATED_EXISTING',
  message: 'NIK sudah terdaftar; datanya diperbarui dari berkas ini.',
};

/**
 * The dry run: one pass over the file that parses and checks every row by the registry's rules,
 * finds duplicates in the file and in the registry, records every row needing attention, and stages
 * the rows to import in `import_staged_workers`. The registry itself is not touched. The caller runs
 * it inside one transaction, so a failure leaves nothing behind.
 */
export async function checkFile(
  tx: Queryable,
  ctx: ServiceContext,
  job: ImportJobRow,
  deps: { catalog: RegionCatalog; provinceCode: string },
  opts: CheckOptions,
): Promise<ImportCounts> {
  const repo = createImportsRepo(tx);
  // No compiling to machine code (JIT) for the set-based statements: see commitStaged.
  await tx.exec('SET LOCAL jit = off');
  const mapping = (job.mapping ?? {}) as Mapping;
  const headerRow = job.header_row ?? 0;
  const counts: ImportCounts = {
    rows: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    skipped: 0,
    withWarnings: 0,
    possibleDuplicates: 0,
    staged: 0,
  };
  // Every accepted row keeps its NIK, birth date and prepared name until the end of the file, for
  // the in-file checks of the rows after it: compactly (EarlierRows, NameComparer).
  const names = new NameComparer();
  const earlier = new EarlierRows(names);
  // And the id its worker will have, so that a later row like it is staged with its twin's worker.
  const ids = new IdsByRow();
  let pending: Pending[] = [];
  let attention: RowResult[] = [];
  /** Rows whose NIK is registered outside the actor's region: told so, and audited below. */
  const registeredElsewhere: number[] = [];

  /** A row's outcome; `staged` (an accepted row's COPY text) names its person when that is wanted. */
  const emit = (r: RowResult, staged?: string) => {
    const needsAttention = r.status !== 'accepted' || r.warnings.length > 0 || r.errors.length > 0;
    if (staged !== undefined && (needsAttention || opts.onRow)) {
      r.nik = stagedField(staged, STAGED_NIK);
      r.name = stagedField(staged, STAGED_FULL_NAME);
    }
    opts.onRow?.(r);
    if (needsAttention) attention.push(r);
  };

  // The database works on one chunk while the next is parsed and checked (on PostgreSQL that is
  // another process, so the two cores both work). One chunk in flight at a time keeps order and memory.
  let inflight: Promise<void> | null = null;
  async function flush() {
    if (inflight) await inflight;
    inflight = null;
    // Rejected and skipped rows wait in `attention` without a pending row: they are written too, also
    // when no accepted row is pending at all (a file of only invalid rows).
    if (pending.length === 0 && attention.length === 0) return;
    const chunk = pending;
    pending = [];
    inflight = checkChunk(chunk);
    // Surfaced at the next await of `inflight`; never an unhandled rejection in between.
    inflight.catch(() => {});
  }

  async function checkChunk(chunk: Pending[]) {
    if (chunk.length === 0) {
      const batch = attention;
      attention = [];
      await repo.insertResults(job.id, batch);
      return;
    }
    const existing = await repo.existingNiks(chunk.map((p) => p.nik));
    const fresh: Pending[] = [];
    const staged: Pending[] = [];
    for (const p of chunk) {
      const found = existing.get(p.nik);
      if (!found) {
        fresh.push(p);
        staged.push(p);
        continue;
      }
      // Updating someone else's worker would be a write outside one's region: only within scope.
      // Staged either way, so the choice can still be made when importing.
      const isUpdatable = isWithin(found.domicile, ctx.actor.regionCodes);
      p.registered = true;
      // A later row like this one is queued against the registered worker; none when it is outside
      // the actor's region (this row is not staged).
      ids.set(p.row, isUpdatable ? found.id : null);
      if (isUpdatable) staged.push(p);
      if (opts.updateExisting && isUpdatable) {
        emit(
          { row: p.row, status: 'accepted', errors: [], warnings: [...p.warnings, UPDATED_EXISTING] },
          p.staged,
        );
      } else {
        counts.duplicates++;
        counts.accepted--;
        emit(
          {
            row: p.row,
            status: 'duplicate',
            errors: [],
            warnings: [...p.warnings, isUpdatable ? NIK_ALREADY_REGISTERED : NIK_REGISTERED_ELSEWHERE],
          },
          p.staged,
        );
        if (!isUpdatable) registeredElsewhere.push(p.row);
      }
    }
    for (const p of fresh) {
      emit({ row: p.row, status: 'accepted', errors: [], warnings: p.warnings }, p.staged);
      if (p.warnings.length > 0) counts.withWarnings++;
    }
    counts.staged = (counts.staged ?? 0) + staged.length;
    await tx.copyIn(
      'import_staged_workers',
      [
        'job_id',
        'row_number',
        ...STAGED_TEXT_COLUMNS,
        'registered',
        'warnings',
        'similar_row',
        'similar_worker_id',
      ],
      staged.map((p) => [
        job.id,
        p.row,
        new CopyFields(p.staged),
        p.registered === true,
        JSON.stringify(p.warnings),
        p.similarRow ?? null,
        // The twin row's chunk was checked before this one, or is this one: its id is final.
        p.similarRow === undefined ? null : ids.get(p.similarRow),
      ]),
    );
    const batch = attention;
    attention = [];
    await repo.insertResults(job.id, batch);
    unswept += fresh.length;
    if (unswept >= window) await sweep(chunk.at(-1)!.row);
  }

  // Possible duplicates in the registry, for windows of staged new rows while the file is still being
  // read, so the database's join overlaps with the JavaScript; the rest once the file is read.
  const window = opts.sweepWindow ?? sweepWindow(expectedRows(job));
  let sweptUpTo = 0;
  let unswept = 0;
  async function sweep(upTo: number) {
    await flagRegistryTwins(tx, job.id, deps.provinceCode, counts, opts, { after: sweptUpTo, upTo });
    sweptUpTo = upTo;
    unswept = 0;
  }

  // Rows go to the checks in batches (on worker threads for a large file) and come back in order.
  const checker = await openRowChecker(
    deps.catalog,
    { regionCode: job.region_code, provinceCode: deps.provinceCode, now: ctx.now.toISOString() },
    { threads: opts.threads ?? (job.file_size >= THREADED_FILE_BYTES ? rowCheckThreads() : 0) },
  );
  try {
    const batches: { rows: number[]; outcomes: Promise<RowOutcome[]> }[] = [];
    let rows: number[] = [];
    let cells: RowCells[] = [];
    const send = () => {
      const outcomes = checker.check(cells);
      // Awaited in turn below; never an unhandled rejection while an earlier batch is handled.
      outcomes.catch(() => {});
      batches.push({ rows, outcomes });
      rows = [];
      cells = [];
    };
    const take = async () => {
      const b = batches.shift()!;
      const outcomes = await b.outcomes;
      for (let i = 0; i < outcomes.length; i++) {
        consume(b.rows[i]!, outcomes[i]!);
        if (pending.length >= CHUNK || attention.length >= CHUNK) await flush();
      }
      // Once a batch (CHECK_BATCH rows): the bar moves while the file is read, not only at the end.
      await opts.onProgress?.(counts.rows);
    };
    for await (const row of openRows(job, { columns: Math.max(-1, ...Object.values(mapping)) + 1 })) {
      if (row.rowNumber <= headerRow) continue;
      if (row.rowNumber - headerRow > MAX_ROWS) {
        throw new FileRejected(
          'FILE_TOO_MANY_ROWS',
          `Berkas memuat lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris data. Pecah menjadi beberapa berkas.`,
        );
      }
      const input: RowCells = {};
      for (const field in mapping) input[field as ImportField] = row.cells[mapping[field as ImportField]!];
      rows.push(row.rowNumber);
      cells.push(input);
      if (cells.length >= CHECK_BATCH) {
        send();
        if (batches.length > BATCHES_IN_FLIGHT) await take();
      }
    }
    if (cells.length > 0) send();
    while (batches.length > 0) await take();
  } finally {
    await checker.close();
  }

  /** A checked row, in file order: counts, in-file duplicates, and the rows to stage. */
  function consume(rowNumber: number, o: RowOutcome) {
    if (o.kind === 'skipped') {
      counts.skipped++;
      // A totals line or the column numbers under the header: said so in the results and the report.
      // Blank lines get no result (the report shows them blank).
      if (o.reason !== 'empty')
        emit({ row: rowNumber, status: 'skipped', errors: [], warnings: [SKIPPED[o.reason]] });
      return;
    }
    counts.rows++;
    if (o.kind === 'rejected') {
      counts.rejected++;
      emit({
        row: rowNumber,
        status: 'rejected',
        errors: o.errors,
        warnings: o.warnings,
        name: o.name,
        nik: o.nik,
      });
      return;
    }
    const match = earlier.add(rowNumber, o.nik, o.birthDate, names.prepare(o.nameKey));
    if (match.duplicate) {
      counts.duplicates++;
      emit(
        {
          row: rowNumber,
          status: 'duplicate',
          errors: [],
          warnings: [
            {
              field: 'nik',
              code: 'NIK_DUPLICATE_IN_FILE',
              message:
                'Data Ganda: NIK ini sudah muncul di baris sebelumnya dalam berkas yang sama; baris ini dilewati.',
            },
          ],
        },
        o.staged,
      );
      return;
    }
    const { similarRow } = match;
    ids.set(rowNumber, o.staged);
    counts.accepted++;
    const pendingRow: Pending = { row: rowNumber, nik: o.nik, staged: o.staged, warnings: o.warnings };
    if (similarRow !== undefined) {
      counts.possibleDuplicates++;
      pendingRow.similarRow = similarRow;
      pendingRow.warnings.push({
        field: 'fullName',
        code: POSSIBLE_DUPLICATE_IN_FILE,
        message: `Kemungkinan Data Ganda dengan baris ${similarRow}: nama mirip dan tanggal lahir sama, NIK berbeda. Periksa kedua baris; bila orang yang sama, hapus salah satunya.`,
      });
    }
    pending.push(pendingRow);
  }
  // The last chunk (with the rejected and skipped rows since the one before), then waiting for it.
  await flush();
  await flush();
  if (unswept > 0) await sweep(MAX_ROW_NUMBER);
  // Statistics for the commit's plans (a table filled in this transaction has none yet): of the
  // columns its statements select, join, group and sort by; all of them took four times as long.
  await tx.exec(
    'ANALYZE import_staged_workers (job_id, row_number, worker_id, nik, name_key, registered, raced, similar_row, similar_worker_id)',
  );
  if (registeredElsewhere.length > 0) {
    await recordAudit(tx, ctx, {
      action: 'import.nikRegistered',
      entityType: 'import',
      entityId: job.id,
      regionCode: job.region_code,
      details: { rows: registeredElsewhere.length, firstRows: registeredElsewhere.slice(0, 100) },
    });
  }
  opts.onProgress?.(counts.rows);
  return counts;
}

/**
 * The worker id of each accepted row, by row number, as 16 bytes in one growing buffer (16 MB for a
 * million rows, where a million id strings would take several times that). A row that will give no
 * worker of its own (registered outside the actor's region) holds no id.
 */
export class IdsByRow {
  #bytes = new Uint8Array(16 * 4096);
  #has = new Uint8Array(4096);

  /** `text` starts with the id as a UUID string (a staged row's COPY text does). */
  set(row: number, text: string | null) {
    if (row >= this.#has.length) this.#grow(row);
    if (text === null) {
      this.#has[row] = 0;
      return;
    }
    const at = row * 16;
    for (let i = 0, c = 0; i < 16; c++) {
      if (text.charCodeAt(c) === DASH) continue;
      this.#bytes[at + i++] = (HEX_VALUE[text.charCodeAt(c)]! << 4) | HEX_VALUE[text.charCodeAt(++c)]!;
    }
    this.#has[row] = 1;
  }

  get(row: number): string | null {
    if (row >= this.#has.length || this.#has[row] === 0) return null;
    let out = '';
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
      out += HEX_PAIR[this.#bytes[row * 16 + i]!];
    }
    return out;
  }

  #grow(row: number) {
    let n = this.#has.length;
    while (n <= row) n *= 2;
    const bytes = new Uint8Array(16 * n);
    bytes.set(this.#bytes);
    const has = new Uint8Array(n);
    has.set(this.#has);
    this.#bytes = bytes;
    this.#has = has;
  }
}
const DASH = 45;
const HEX_PAIR = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX_VALUE = (() => {
  const v = new Uint8Array(128);
  for (let i = 0; i < 16; i++) {
    v['0123456789abcdef'.charCodeAt(i)] = i;
    v['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return v;
})();

const POSSIBLE_DUPLICATE_IN_FILE = 'POSSIBLE_DUPLICATE_IN_FILE';
/** A row result a statement wrote and returns, with whose row it is. */
type ResultBack = {
  row_number: number;
  warnings: RowResult['warnings'];
  name: string | null;
  nik: string | null;
};
const POSSIBLE_DUPLICATE = {
  field: 'fullName',
  code: 'POSSIBLE_DUPLICATE',
  message:
    'Kemungkinan Data Ganda: sudah ada pekerja dengan nama mirip dan tanggal lahir sama tetapi NIK berbeda. Data tetap diterima dan masuk antrean Kemungkinan Data Ganda untuk diperiksa.',
};

/**
 * Possible duplicates in the registry for the staged new rows numbered after `rows.after` up to
 * `rows.upTo`, in one query: each flagged row gets the warning, in the staging for the commit's review
 * queue and in the row results. Those rows were already reported as accepted; onRow reports them
 * again with the warning.
 */
async function flagRegistryTwins(
  tx: Queryable,
  jobId: string,
  provinceCode: string,
  counts: ImportCounts,
  opts: Pick<CheckOptions, 'onRow'>,
  rows: { after: number; upTo: number },
) {
  const found = await createImportsRepo(tx).stagedPossibleDuplicates(jobId, [provinceCode], rows);
  for (let i = 0; i < found.length; i += CHUNK) {
    const part = found.slice(i, i + CHUNK);
    const r = await tx.query<ResultBack>(
      `WITH flagged AS (
         UPDATE import_staged_workers s
         SET similar_worker_id = f.id, similarity = f.similarity, warnings = s.warnings || jsonb_build_array($5::jsonb)
         FROM unnest($2::int[], $3::uuid[], $4::real[]) AS f(row_number, id, similarity)
         WHERE s.job_id = $1 AND s.row_number = f.row_number
         RETURNING s.job_id, s.row_number, s.warnings, s.full_name, s.nik
       )
       INSERT INTO import_row_results (job_id, row_number, status, errors, warnings, full_name, nik)
       SELECT job_id, row_number, 'accepted', '[]'::jsonb, warnings, full_name, nik FROM flagged
       ON CONFLICT (job_id, row_number) DO UPDATE SET warnings = excluded.warnings
       RETURNING row_number, warnings, full_name AS name, nik`,
      [
        jobId,
        part.map((f) => f.row_number),
        part.map((f) => f.id),
        part.map((f) => f.similarity),
        JSON.stringify(POSSIBLE_DUPLICATE),
      ],
    );
    for (const x of r.rows) {
      // Rows, not flags: a row flagged in the file already was counted then.
      if (!x.warnings.some((w) => w.code === POSSIBLE_DUPLICATE_IN_FILE)) counts.possibleDuplicates++;
      // Its only warning: a row that had none before.
      if (x.warnings.length === 1) counts.withWarnings++;
      opts.onRow?.({
        row: x.row_number,
        status: 'accepted',
        errors: [],
        warnings: x.warnings,
        name: x.name,
        nik: x.nik,
      });
    }
  }
}

export interface CommitOptions {
  updateExisting: boolean;
  onProgress?: (rows: number) => void;
  /** Called for each row whose outcome the commit changed from its dry run's (registered meanwhile, updated). */
  onRow?: (r: RowResult) => void;
  /**
   * Rebuild the registry's indexes after inserting instead of updating them row by row. Decided from
   * the sizes (shouldRebuildIndexes) unless given; tests force both ways.
   */
  rebuildIndexes?: boolean;
  /** Test hook: throw after this many rows were handed to the database. */
  failAfterRows?: number;
}

/** The staged rows are gone (a server crash empties unlogged tables) or were never made. */
export class StagingMissing extends Error {}

/** Below this many new workers an import always updates the registry's indexes as it inserts. */
export const REBUILD_MIN_ROWS = 50_000;

/**
 * A load at least as large as the registry itself (a province's first load of its lists) builds the
 * registry's secondary indexes afresh after inserting: a sorted build of each index costs a fraction of
 * a million scattered insertions into it (docs/BENCHMARKS.md: about 10 s against about 40 s for
 * a million workers). The price is that the registry is locked, reads included, until the import
 * commits; so only when the load would at least double the registry.
 */
export function shouldRebuildIndexes(newWorkers: number, registrySize: number): boolean {
  return newWorkers >= REBUILD_MIN_ROWS && newWorkers >= registrySize;
}

/** After this many new or changed workers the registry's statistics are refreshed. */
const ANALYZE_MIN_ROWS = 10_000;

/**
 * The import itself, set-based from the rows its dry run staged: existing NIKs become duplicates (or,
 * with updateExisting, updates within the actor's region), the rest are inserted, possible duplicates
 * go to the review queue, and the staging is emptied. The caller runs it in one transaction: all or
 * nothing.
 */
export async function commitStaged(
  tx: Queryable,
  ctx: ServiceContext,
  job: ImportJobRow,
  opts: CommitOptions,
): Promise<ImportCounts> {
  const dry = job.counts;
  const staged = await tx.query<{ n: number; fresh: number }>(
    `SELECT count(*)::int AS n, (count(*) FILTER (WHERE NOT registered))::int AS fresh
     FROM import_staged_workers WHERE job_id = $1`,
    [job.id],
  );
  const { n: stagedCount, fresh } = staged.rows[0]!;
  if (dry?.staged !== stagedCount) throw new StagingMissing();
  // Workers in the registry now: only needed to size large imports (rebuild, statistics).
  const registrySize =
    fresh >= ANALYZE_MIN_ROWS
      ? (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM workers')).rows[0]!.n
      : undefined;
  const rebuild = opts.rebuildIndexes ?? shouldRebuildIndexes(fresh, registrySize ?? 0);
  // Taken first, so nobody registers a NIK between the checks below and the insert.
  if (rebuild) await tx.exec('LOCK TABLE workers IN ACCESS EXCLUSIVE MODE');
  // PostgreSQL compiles large statements to machine code first (JIT): about half a second each for
  // the few set-based statements below, and no gain, as they are bound by writing and sorting.
  await tx.exec('SET LOCAL jit = off');

  // 1. Staged NIKs registered at the dry run: outcomes rewritten, as a duplicate or, when chosen and
  //    within the actor's region, as an update.
  const changed = stagedCount > fresh ? await rewriteRegistered(tx, ctx, job.id, opts.updateExisting) : [];
  let duplicates = 0;
  let updated = 0;
  for (const r of changed) {
    if (r.status === 'duplicate') duplicates++;
    else updated++;
    opts.onRow?.({
      row: r.row_number,
      status: r.status,
      errors: [],
      warnings: r.warnings,
      name: r.name,
      nik: r.nik,
    });
  }
  if (updated > 0) await updateFromStaging(tx, ctx, job.id);

  // 2. The new workers, with the ids staged for them.
  const insert = (where: string, order: string, onConflict: string) =>
    `INSERT INTO workers (id, ${COPIED_COLUMNS.join(', ')}, consent_method, consent_given_at, consent_recorded_by, source)
     SELECT s.worker_id, ${COPIED_COLUMNS.map((c) => `s.${c}`).join(', ')}, $2, $3, $4, $5
     FROM import_staged_workers s WHERE s.job_id = $1 AND NOT s.registered AND ${where} ${order} ${onConflict}`;
  const values = [job.id, 'tanda_tangan', ctx.now, ctx.actor.label, `import:${job.id}`];
  const injectFailure = () => {
    if (opts.failAfterRows !== undefined && added >= opts.failAfterRows) {
      throw new Error('failure injected by test');
    }
  };
  let added = 0;
  let raced = 0;
  if (rebuild) {
    // With the registry locked, NIKs registered since the dry run are found first and left out, so
    // the insert needs no unique index to skip them; then every secondary index is built again.
    raced = await markRaced(tx, job.id, opts);
    const indexes = await secondaryIndexes(tx, 'workers');
    for (const ix of indexes) await tx.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
    // The primary key too, unless another table refers to it: kept up row by row it cost 1.1–1.3 s
    // of a million-row insert, built afterwards 0.4–0.5 s (docs/BENCHMARKS.md).
    const primaryKey = await unreferencedPrimaryKey(tx, 'workers');
    if (primaryKey) await tx.exec(`ALTER TABLE workers DROP CONSTRAINT ${quoteIdent(primaryKey.name)}`);
    // The name keys straight from the staging: the trigger would first copy every inserted row into
    // its transition table (about a second for a million). Dropped and made again, not disabled: a
    // disabled trigger's transition table is still filled.
    const trigger = await tx.query<{ definition: string }>(
      `SELECT pg_get_triggerdef(oid) AS definition FROM pg_trigger
       WHERE tgrelid = 'workers'::regclass AND tgname = 'workers_name_keys_on_insert'`,
    );
    await tx.exec('DROP TRIGGER workers_name_keys_on_insert ON workers');
    const r = await tx.query(insert('NOT s.raced', '', ''), values);
    added = r.rowCount;
    await addNameKeys(tx, job.id);
    await tx.exec(trigger.rows[0]!.definition);
    const steps = indexes.length + 2;
    opts.onProgress?.(Math.round(fresh / steps));
    injectFailure();
    if (primaryKey) {
      await tx.exec(
        `ALTER TABLE workers ADD CONSTRAINT ${quoteIdent(primaryKey.name)} ${primaryKey.definition}`,
      );
    }
    opts.onProgress?.(Math.round((fresh * 2) / steps));
    // PostgreSQL sorts each btree index with its parallel workers (max_parallel_maintenance_workers).
    for (const [i, ix] of indexes.entries()) {
      // A NIK twice among the staged rows (never, the dry run keeps the first) fails here: all or nothing.
      await tx.exec(ix.definition);
      opts.onProgress?.(Math.round((fresh * (i + 3)) / steps));
    }
  } else {
    // In name order: three of the registry's indexes lead with the name key, and sorted inserts touch
    // each of their pages once instead of at random (docs/BENCHMARKS.md). In about ten slices of
    // consecutive name keys, so progress moves and a failure can be injected mid-way while the whole
    // import stays one sorted pass. NIKs registered since the dry run are skipped by ON CONFLICT (a
    // NOT EXISTS test would make the planner, which thinks an empty registry stays small, rescan the
    // rows this very statement is inserting), and looked for afterwards only if some were.
    if (fresh > 0) {
      const slices = Math.max(1, Math.min(10, Math.floor(fresh / 1_000)));
      const fractions = Array.from({ length: slices - 1 }, (_, i) => (i + 1) / slices);
      const b = await tx.query<{ bounds: string[] | null }>(
        `SELECT percentile_disc($2::float8[]) WITHIN GROUP (ORDER BY name_key) AS bounds
         FROM import_staged_workers WHERE job_id = $1 AND NOT registered`,
        [job.id, fractions],
      );
      const bounds = [...new Set(b.rows[0]?.bounds ?? [])];
      const edges: (string | null)[] = [null, ...bounds, null];
      for (let i = 0; i + 1 < edges.length; i++) {
        const r = await tx.query(
          insert(
            '($6::text IS NULL OR s.name_key >= $6) AND ($7::text IS NULL OR s.name_key < $7)',
            'ORDER BY s.name_key',
            'ON CONFLICT (nik) DO NOTHING',
          ),
          [...values, edges[i], edges[i + 1]],
        );
        added += r.rowCount;
        opts.onProgress?.(Math.round((fresh * (i + 1)) / (edges.length - 1)));
        injectFailure();
      }
    }
    if (fresh - added > 0) raced = await markRaced(tx, job.id, opts);
  }

  // 3. Fresh statistics before the registry is joined again (the planner would otherwise plan for the
  //    registry as it was), and for every query after the import.
  if (added + updated >= ANALYZE_MIN_ROWS && added + updated >= (registrySize ?? 0) / 5) {
    await tx.exec('ANALYZE workers');
  }

  // 4. Possible duplicates of the new workers, with a registered worker or another row of the file:
  //    the dry run staged each with the worker it is like (a registered one, or the worker its twin
  //    row was to add). A twin whose NIK was registered since then added nobody; its row points to
  //    the worker registered with that NIK instead. In id order, so the review queue's indexes fill
  //    from one end. No ON CONFLICT: every pair starts with a worker added just now, once, so no pair
  //    can exist already; if one did, the import fails as a whole rather than silently dropping a
  //    review.
  if (raced > 0) await pointToRacedTwins(tx, job.id);
  await tx.query(
    `INSERT INTO duplicate_reviews (region_code, job_id, row_number, worker_id, other_worker_id, similarity)
     SELECT s.regency_code, s.job_id, s.row_number, s.worker_id, s.similar_worker_id, COALESCE(s.similarity, 1)
     FROM import_staged_workers s
     WHERE s.job_id = $1 AND NOT s.registered AND NOT s.raced
       AND s.similar_worker_id IS NOT NULL AND s.similar_worker_id <> s.worker_id
     ORDER BY s.worker_id`,
    [job.id],
  );
  await clearStaging(tx, job.id);

  const notStagedDuplicates = dry.rows - dry.rejected - stagedCount;
  const counts: ImportCounts = {
    ...dry,
    accepted: added + updated,
    duplicates: notStagedDuplicates + duplicates + raced,
    added,
    updated,
  };
  delete counts.staged;
  opts.onProgress?.(dry.rows);
  return counts;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The table's indexes other than its primary key's and constraints', with the SQL that makes each. */
async function secondaryIndexes(tx: Queryable, table: 'workers' | 'worker_name_keys') {
  const r = await tx.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [table],
  );
  return r.rows;
}

/** The table's primary key (name and definition) when no foreign key refers to it, else null. */
async function unreferencedPrimaryKey(tx: Queryable, table: 'workers') {
  const r = await tx.query<{ name: string; definition: string }>(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS definition FROM pg_constraint k
     WHERE k.conrelid = $1::regclass AND k.contype = 'p'
       AND NOT EXISTS (SELECT FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = k.conrelid)`,
    [table],
  );
  return r.rows[0] ?? null;
}

/**
 * The index rebuild's name keys, straight from the staging. With `workers` locked nobody else can add
 * keys (only its triggers write them), so when the keys' table is free at once it is locked too, its
 * trigram index dropped and built again after a plain insert: a list of real names brings hundreds of
 * thousands of new keys (850,000 new keys: 7.1 s through the index, 4.9 s so). Taken only without
 * waiting: a search holding the keys' table while it waits for `workers` would otherwise deadlock with
 * this import; then the keys go in through the index.
 */
async function addNameKeys(tx: Queryable, jobId: string) {
  const newKeys = `SELECT DISTINCT s.name_key FROM import_staged_workers s
    WHERE s.job_id = $1 AND NOT s.registered AND NOT s.raced`;
  if (!(await lockAtOnce(tx, 'worker_name_keys'))) {
    await tx.query(`INSERT INTO worker_name_keys (name_key) ${newKeys} ORDER BY 1 ON CONFLICT DO NOTHING`, [
      jobId,
    ]);
    return;
  }
  const indexes = await secondaryIndexes(tx, 'worker_name_keys');
  for (const ix of indexes) await tx.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
  await tx.query(
    `INSERT INTO worker_name_keys (name_key) ${newKeys}
       AND NOT EXISTS (SELECT FROM worker_name_keys k WHERE k.name_key = s.name_key) ORDER BY 1`,
    [jobId],
  );
  for (const ix of indexes) await tx.exec(ix.definition);
}

/**
 * ACCESS EXCLUSIVE on the table if it can be had at once, inside a savepoint so that a refusal does not
 * fail the transaction. True when taken.
 */
async function lockAtOnce(
  tx: Queryable,
  table: 'import_staged_workers' | 'worker_name_keys',
): Promise<boolean> {
  await tx.exec('SAVEPOINT lock_at_once');
  try {
    await tx.exec(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE NOWAIT`);
  } catch (e) {
    if ((e as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw e;
    await tx.exec('ROLLBACK TO SAVEPOINT lock_at_once');
    await tx.exec('RELEASE SAVEPOINT lock_at_once');
    return false;
  }
  await tx.exec('RELEASE SAVEPOINT lock_at_once');
  return true;
}

/**
 * The job's staged rows go. When no other job has rows staged, the table is truncated rather than
 * deleted from: deleted rows stay behind as dead rows that every later scan of the staging reads until
 * a VACUUM (a million after a large load, and PGlite never vacuums by itself), while truncating is
 * instant and gives the space back. Only if the table's lock is free at once: a dry run writing to it
 * meanwhile keeps it, and the savepoint keeps that refusal from failing the import.
 */
async function clearStaging(tx: Queryable, jobId: string) {
  const remove = () => tx.query('DELETE FROM import_staged_workers WHERE job_id = $1', [jobId]);
  if (!(await lockAtOnce(tx, 'import_staged_workers'))) {
    await remove();
    return;
  }
  const others = await tx.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT FROM import_staged_workers WHERE job_id < $1 OR job_id > $1) AS used`,
    [jobId],
  );
  if (others.rows[0]?.used) await remove();
  else await tx.exec('TRUNCATE import_staged_workers');
}
const LOCK_NOT_AVAILABLE = '55P03';

/** Step 1 of commitStaged: the staged rows whose NIK was registered at the dry run. */
async function rewriteRegistered(tx: Queryable, ctx: ServiceContext, jobId: string, updateExisting: boolean) {
  const p = new Params();
  // The same words as the dry run: a holder outside the actor's region is not named, nor offered an update.
  const isInScope = regionScopeSql(ctx.actor.regionCodes, p, 'w');
  const canUpdate = updateExisting ? isInScope : 'false';
  const r = await tx.query<ResultBack & { status: RowResult['status'] }>(
    `INSERT INTO import_row_results (job_id, row_number, status, errors, warnings, full_name, nik)
     SELECT s.job_id, s.row_number, CASE WHEN ${canUpdate} THEN 'accepted' ELSE 'duplicate' END, '[]'::jsonb,
            s.warnings || jsonb_build_array(CASE WHEN ${canUpdate} THEN ${p.add(JSON.stringify(UPDATED_EXISTING))}::jsonb
                                                 WHEN ${isInScope} THEN ${p.add(JSON.stringify(NIK_ALREADY_REGISTERED))}::jsonb
                                                 ELSE ${p.add(JSON.stringify(NIK_REGISTERED_ELSEWHERE))}::jsonb END),
            s.full_name, s.nik
     FROM import_staged_workers s JOIN workers w ON w.nik = s.nik
     WHERE s.job_id = ${p.add(jobId)} AND s.registered
     ON CONFLICT (job_id, row_number) DO UPDATE
       SET status = excluded.status, errors = excluded.errors, warnings = excluded.warnings
     RETURNING row_number, status, warnings, full_name AS name, nik`,
    p.values,
  );
  return r.rows;
}

/**
 * NIKs registered by someone else since the dry run: their rows become duplicates and are marked, so
 * the insert leaves them out. Rare; the incremental insert only looks when it skipped some.
 */
async function markRaced(tx: Queryable, jobId: string, opts: Pick<CommitOptions, 'onRow'>) {
  const r = await tx.query<ResultBack>(
    `WITH raced AS (
       UPDATE import_staged_workers s SET raced = true
       FROM workers w
       WHERE s.job_id = $1 AND NOT s.registered AND w.nik = s.nik AND w.id <> s.worker_id
       RETURNING s.job_id, s.row_number, s.warnings, s.full_name, s.nik
     )
     INSERT INTO import_row_results (job_id, row_number, status, errors, warnings, full_name, nik)
     SELECT job_id, row_number, 'duplicate', '[]'::jsonb, warnings || jsonb_build_array($2::jsonb), full_name, nik
     FROM raced
     ON CONFLICT (job_id, row_number) DO UPDATE SET status = excluded.status, warnings = excluded.warnings
     RETURNING row_number, warnings, full_name AS name, nik`,
    [jobId, JSON.stringify(NIK_ALREADY_REGISTERED)],
  );
  for (const x of r.rows)
    opts.onRow?.({
      row: x.row_number,
      status: 'duplicate',
      errors: [],
      warnings: x.warnings,
      name: x.name,
      nik: x.nik,
    });
  return r.rowCount;
}

/**
 * Rows staged as like another row of the file whose NIK was registered after the dry run (marked
 * raced): that row added no worker, so they are like the worker registered with its NIK.
 */
async function pointToRacedTwins(tx: Queryable, jobId: string) {
  await tx.query(
    `UPDATE import_staged_workers s SET similar_worker_id = w.id
     FROM import_staged_workers t JOIN workers w ON w.nik = t.nik
     WHERE t.job_id = $1 AND t.raced AND s.job_id = $1 AND s.similar_row = t.row_number
       AND s.similar_worker_id = t.worker_id`,
    [jobId],
  );
}

/**
 * --update-existing: the staged values replace the registry's, for the NIKs registered at the dry run
 * within the actor's region (the rows step 1 reported as updates). Each change is audited like an
 * edit in the form: one `worker.update` event per worker with the changed fields before and after.
 * One statement: its sub-statements share one snapshot, so `old` holds the values before the update.
 */
async function updateFromStaging(tx: Queryable, ctx: ServiceContext, jobId: string) {
  const p = new Params();
  const job = p.add(jobId);
  await tx.query(
    `WITH target AS (
       SELECT w.id, s.* FROM import_staged_workers s JOIN workers w ON w.nik = s.nik
       WHERE s.job_id = ${job} AND s.registered AND ${regionScopeSql(ctx.actor.regionCodes, p, 'w')}
     ), old AS (
       SELECT w.* FROM workers w JOIN target t ON t.id = w.id
     ), upd AS (
       UPDATE workers w SET full_name = s.full_name, name_key = s.name_key, sex = s.sex,
         birth_place = COALESCE(s.birth_place, w.birth_place), birth_date = s.birth_date,
         mother_maiden_name = COALESCE(s.mother_maiden_name, w.mother_maiden_name),
         phone = COALESCE(s.phone, w.phone), address = COALESCE(s.address, w.address),
         province_code = s.province_code, regency_code = s.regency_code, district_code = s.district_code,
         village_code = s.village_code, occupation = s.occupation,
         declared_income = COALESCE(s.declared_income, w.declared_income), version = w.version + 1,
         updated_at = ${p.add(ctx.now)}
       FROM target s WHERE w.id = s.id
       RETURNING w.*
     )
     INSERT INTO audit_events (at, actor_id, actor_label, actor_role, action, entity_type, entity_id,
       region_code, ip, request_id, before, after, details)
     SELECT ${p.add(ctx.now)}, ${p.add(ctx.actor.id)}, ${p.add(ctx.actor.label)}, ${p.add(ctx.actor.role)},
            'worker.update', 'worker', u.id::text, COALESCE(u.village_code, u.district_code),
            ${p.add(ctx.origin ?? null)}::text, ${p.add(ctx.requestId)}, COALESCE(d.before, '{}'), COALESCE(d.after, '{}'),
            jsonb_build_object('import', ${job}::text)
     FROM upd u JOIN old o ON o.id = u.id
     CROSS JOIN LATERAL (
       SELECT jsonb_object_agg(k, to_jsonb(o) -> k) AS before, jsonb_object_agg(k, to_jsonb(u) -> k) AS after
       FROM unnest(${p.add(AUDITED_COLUMNS)}::text[]) AS k
       WHERE to_jsonb(o) -> k IS DISTINCT FROM to_jsonb(u) -> k
     ) d`,
    p.values,
  );
}

/** Header row and automatic column mapping from the first rows of the file. */
export async function detectLayout(
  job: Pick<ImportJobRow, 'file_kind' | 'stored_path'>,
  findHeaderRow: (rows: unknown[][]) => number | null,
) {
  const first: SheetRow[] = [];
  for await (const r of openRows(job)) {
    first.push(r);
    if (first.length >= 20) break;
  }
  const index = findHeaderRow(first.map((r) => r.cells));
  if (index === null)
    return {
      headerRow: null,
      header: [] as string[],
      mapping: {} as Mapping,
      unmapped: [],
      sample: first.slice(0, 8),
    };
  const header = first[index]!;
  const { mapping, unmapped } = mapHeaders(header.cells);
  return {
    headerRow: header.rowNumber,
    header: header.cells.map((c) => (c === null || c === undefined ? '' : String(c))),
    mapping: mapping as Mapping,
    unmapped,
    sample: first.slice(index + 1, index + 6),
  };
}

export { nameSearchKey };
