import { NameComparer } from '../../../domain/import/duplicates.js';
import type { ImportField } from '../../../domain/import/headers.js';
import type { RowCells } from '../../../domain/import/row.js';
import type { ServiceContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db/index.js';
import { recordAudit } from '../../audit/index.js';
import type { RegionCatalog } from '../../regions/index.js';
import { workersScope } from '../../workers/index.js';
import { openRowChecker, type RowOutcome, rowCheckThreads } from '../checks/row-checks.js';
import { EarlierRows } from '../earlier-rows.js';
import { FileRejected } from '../files/types.js';
import {
  createImportsRepo,
  type ImportCounts,
  type ImportJobRow,
  type ImportsRepo,
  type RowResult,
} from '../imports.repo.js';
import {
  NIK_ALREADY_REGISTERED,
  NIK_DUPLICATE_IN_FILE,
  nikRegisteredElsewhere,
  possibleDuplicateInFile,
  SKIPPED,
  UPDATED_EXISTING,
} from './findings.js';
import { IdsByRow } from './id-store.js';
import { type Mapping, openRows } from './layout.js';
import { flagRegistryTwins } from './registry-twins.js';
import {
  BATCHES_IN_FLIGHT,
  CHECK_BATCH,
  CHUNK,
  expectedRows,
  MAX_ROW_NUMBER,
  MAX_ROWS,
  sweepWindow,
  THREADED_FILE_BYTES,
} from './sizing.js';
import { STAGED_FULL_NAME, STAGED_NIK, stagedField } from './staged-text.js';
import { analyzeStaging, StagedTexts, stageRows } from './staging.js';

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

interface CheckDeps {
  catalog: RegionCatalog;
  provinceCode: string;
}

/** An accepted row waiting for its chunk's registry lookup. */
interface Pending {
  row: number;
  nik: string;
  /** Its staged text's number in the chunk's StagedTexts (its new worker's id and columns as COPY text). */
  text: number;
  warnings: RowResult['warnings'];
  /** An earlier row of the file that may be the same person (registry twins are flagged in SQL). */
  similarRow?: number;
  /** The NIK is registered already. */
  registered?: boolean;
}

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
  deps: CheckDeps,
  opts: CheckOptions,
): Promise<ImportCounts> {
  // No compiling to machine code (JIT) for the set-based statements: see commitStaged.
  await tx.exec('SET LOCAL jit = off');
  const run = new DryRun(tx, ctx, job, deps, opts);
  await run.readFile();
  return run.finish();
}

/**
 * One dry run's state. Rows are read and checked in file order (consume); accepted rows wait in
 * `pending` until a chunk is full, then the database looks up and stages that chunk (checkChunk) while
 * the next one is read. Results of rows needing attention wait in `attention` and are written with the
 * next chunk.
 */
class DryRun {
  readonly counts: ImportCounts = {
    rows: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    skipped: 0,
    withWarnings: 0,
    possibleDuplicates: 0,
    staged: 0,
  };
  readonly #repo: ImportsRepo;
  // Every accepted row keeps its NIK, birth date and prepared name until the end of the file, for
  // the in-file checks of the rows after it: compactly (EarlierRows, NameComparer).
  readonly #names = new NameComparer();
  readonly #earlier = new EarlierRows(this.#names);
  // And the id its worker will have, so that a later row like it is staged with its twin's worker.
  readonly #ids = new IdsByRow();
  #pending: Pending[] = [];
  #texts = new StagedTexts();
  #attention: RowResult[] = [];
  /** Rows whose NIK is registered outside the actor's region: told so, and audited at the end. */
  readonly #registeredElsewhere: number[] = [];
  // The database works on one chunk while the next is parsed and checked (on PostgreSQL that is
  // another process, so the two cores both work). One chunk in flight at a time keeps order and memory.
  #inflight: Promise<void> | null = null;
  // Possible duplicates in the registry, for windows of staged new rows while the file is still being
  // read, so the database's join overlaps with the JavaScript; the rest once the file is read.
  readonly #window: number;
  #sweptUpTo = 0;
  #unswept = 0;

  constructor(
    private readonly tx: Queryable,
    private readonly ctx: ServiceContext,
    private readonly job: ImportJobRow,
    private readonly deps: CheckDeps,
    private readonly opts: CheckOptions,
  ) {
    this.#repo = createImportsRepo(tx);
    this.#window = opts.sweepWindow ?? sweepWindow(expectedRows(job));
  }

  /** Every row of the file through the checks (in batches, on worker threads for a large file), in order. */
  async readFile(): Promise<void> {
    const { job, opts } = this;
    const mapping = (job.mapping ?? {}) as Mapping;
    const headerRow = job.header_row ?? 0;
    const checker = await openRowChecker(
      this.deps.catalog,
      { regionCode: job.region_code, provinceCode: this.deps.provinceCode, now: this.ctx.now.toISOString() },
      { threads: opts.threads ?? (job.file_size >= THREADED_FILE_BYTES ? rowCheckThreads() : 0) },
    );
    try {
      const batches: { rows: number[]; outcomes: Promise<RowOutcome[]>; done: boolean }[] = [];
      let rows: number[] = [];
      let cells: RowCells[] = [];
      const send = () => {
        const outcomes = checker.check(cells);
        const batch = { rows, outcomes, done: false };
        // Awaited in turn below; never an unhandled rejection while an earlier batch is handled.
        outcomes.then(
          () => {
            batch.done = true;
          },
          () => {},
        );
        batches.push(batch);
        rows = [];
        cells = [];
      };
      const take = async () => {
        const b = batches.shift()!;
        const outcomes = await b.outcomes;
        for (let i = 0; i < outcomes.length; i++) {
          this.consume(b.rows[i]!, outcomes[i]!);
          if (this.#pending.length >= CHUNK || this.#attention.length >= CHUNK) await this.flush();
        }
        // Once a batch (CHECK_BATCH rows): the bar moves while the file is read, not only at the end.
        await opts.onProgress?.(this.counts.rows);
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
          // Checked batches are taken as soon as they are back, not only when too many wait: their
          // outcomes then die young instead of outliving collections (and being copied to the old
          // generation) while the next thousands of rows are read. Up to BATCHES_IN_FLIGHT wait for
          // their checks, which keeps the checking threads busy.
          while (batches.length > BATCHES_IN_FLIGHT || batches[0]?.done) await take();
        }
      }
      if (cells.length > 0) send();
      while (batches.length > 0) await take();
    } finally {
      await checker.close();
    }
  }

  /** The last chunk, the last window of registry twins, statistics and the audit; the counts. */
  async finish(): Promise<ImportCounts> {
    const { tx, ctx, job, counts } = this;
    // The last chunk (with the rejected and skipped rows since the one before), then waiting for it.
    await this.flush();
    await this.flush();
    if (this.#unswept > 0) await this.sweep(MAX_ROW_NUMBER);
    await analyzeStaging(tx);
    if (this.#registeredElsewhere.length > 0) {
      await recordAudit(tx, ctx, {
        action: 'import.nikRegistered',
        entityType: 'import',
        entityId: job.id,
        regionCode: job.region_code,
        details: {
          rows: this.#registeredElsewhere.length,
          firstRows: this.#registeredElsewhere.slice(0, 100),
        },
      });
    }
    this.opts.onProgress?.(counts.rows);
    return counts;
  }

  /** A checked row, in file order: counts, in-file duplicates, and the rows to stage. */
  consume(rowNumber: number, o: RowOutcome): void {
    const { counts } = this;
    if (o.kind === 'skipped') {
      counts.skipped++;
      // A totals line or the column numbers under the header: said so in the results and the report.
      // Blank lines get no result (the report shows them blank).
      if (o.reason !== 'empty')
        this.emit({ row: rowNumber, status: 'skipped', errors: [], warnings: [SKIPPED[o.reason]] });
      return;
    }
    counts.rows++;
    if (o.kind === 'rejected') {
      counts.rejected++;
      this.emit({
        row: rowNumber,
        status: 'rejected',
        errors: o.errors,
        warnings: o.warnings,
        name: o.name,
        nik: o.nik,
      });
      return;
    }
    const match = this.#earlier.add(rowNumber, o.nik, o.birthDate, this.#names.prepare(o.nameKey));
    if (match.duplicate) {
      counts.duplicates++;
      this.emit(
        { row: rowNumber, status: 'duplicate', errors: [], warnings: [NIK_DUPLICATE_IN_FILE] },
        o.staged,
      );
      return;
    }
    const { similarRow } = match;
    this.#ids.set(rowNumber, o.staged);
    counts.accepted++;
    const pendingRow: Pending = {
      row: rowNumber,
      nik: o.nik,
      text: this.#texts.add(o.staged),
      warnings: o.warnings,
    };
    if (similarRow !== undefined) {
      counts.possibleDuplicates++;
      pendingRow.similarRow = similarRow;
      pendingRow.warnings.push(possibleDuplicateInFile(similarRow));
    }
    this.#pending.push(pendingRow);
  }

  /**
   * A row's outcome; `staged` (an accepted row's COPY text, or how to have it) names its person when
   * that is wanted.
   */
  emit(r: RowResult, staged?: string | (() => string)): void {
    const needsAttention = r.status !== 'accepted' || r.warnings.length > 0 || r.errors.length > 0;
    if (staged !== undefined && (needsAttention || this.opts.onRow)) {
      const text = typeof staged === 'string' ? staged : staged();
      r.nik = stagedField(text, STAGED_NIK);
      r.name = stagedField(text, STAGED_FULL_NAME);
    }
    this.opts.onRow?.(r);
    if (needsAttention) this.#attention.push(r);
  }

  /** Waits for the chunk in flight, then sends the pending rows as the next one. */
  async flush(): Promise<void> {
    if (this.#inflight) await this.#inflight;
    this.#inflight = null;
    // Rejected and skipped rows wait in `attention` without a pending row: they are written too, also
    // when no accepted row is pending at all (a file of only invalid rows).
    if (this.#pending.length === 0 && this.#attention.length === 0) return;
    const chunk = this.#pending;
    const texts = this.#texts;
    this.#pending = [];
    this.#texts = new StagedTexts();
    const inflight = this.checkChunk(chunk, texts);
    // Surfaced at the next await of `inflight`; never an unhandled rejection in between.
    inflight.catch(() => {});
    this.#inflight = inflight;
  }

  /** The rows needing attention so far go to the row results. */
  async writeAttention(): Promise<void> {
    const batch = this.#attention;
    this.#attention = [];
    await this.#repo.insertResults(this.job.id, batch);
  }

  /** A chunk of accepted rows against the registry's NIKs, then staged; a window of twins when due. */
  async checkChunk(chunk: Pending[], texts: StagedTexts): Promise<void> {
    if (chunk.length === 0) {
      await this.writeAttention();
      return;
    }
    const { ctx, opts, counts } = this;
    const existing = await this.#repo.existingNiks(chunk.map((p) => p.nik));
    const workers = workersScope(ctx.actor);
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
      const isUpdatable = workers.covers(found.domicile);
      p.registered = true;
      // A later row like this one is queued against the registered worker; none when it is outside
      // the actor's region (this row is not staged).
      this.#ids.set(p.row, isUpdatable ? found.id : null);
      if (isUpdatable) staged.push(p);
      if (opts.updateExisting && isUpdatable) {
        this.emit(
          { row: p.row, status: 'accepted', errors: [], warnings: [...p.warnings, UPDATED_EXISTING] },
          () => texts.text(p.text),
        );
      } else {
        counts.duplicates++;
        counts.accepted--;
        this.emit(
          {
            row: p.row,
            status: 'duplicate',
            errors: [],
            warnings: [...p.warnings, isUpdatable ? NIK_ALREADY_REGISTERED : nikRegisteredElsewhere()],
          },
          () => texts.text(p.text),
        );
        if (!isUpdatable) this.#registeredElsewhere.push(p.row);
      }
    }
    for (const p of fresh) {
      this.emit({ row: p.row, status: 'accepted', errors: [], warnings: p.warnings }, () =>
        texts.text(p.text),
      );
      if (p.warnings.length > 0) counts.withWarnings++;
    }
    counts.staged = (counts.staged ?? 0) + staged.length;
    // The twin row's chunk was checked before this one, or is this one: its id is final.
    await stageRows(this.tx, this.job.id, staged, texts, (row) => this.#ids.get(row));
    await this.writeAttention();
    this.#unswept += fresh.length;
    if (this.#unswept >= this.#window) await this.sweep(chunk.at(-1)!.row);
  }

  /** Registry twins of the staged new rows after the last window, up to row `upTo`. */
  async sweep(upTo: number): Promise<void> {
    const found = await flagRegistryTwins(
      this.tx,
      this.job.id,
      this.deps.provinceCode,
      { after: this.#sweptUpTo, upTo },
      this.opts.onRow,
    );
    this.counts.possibleDuplicates += found.possibleDuplicates;
    this.counts.withWarnings += found.withWarnings;
    this.#sweptUpTo = upTo;
    this.#unswept = 0;
  }
}
