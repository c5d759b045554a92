import { type NameKeyInfo, nameKeyInfo, similarKeys } from '../../domain/import/duplicates.js';
import { type ImportField, mapHeaders } from '../../domain/import/headers.js';
import { createDomicileResolver } from '../../domain/import/regions.js';
import { validateRow } from '../../domain/import/row.js';
import { nameSearchKey } from '../../domain/names.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { isWithin, regionScopeSql } from '../../platform/db/scope.js';
import { Params } from '../../platform/db/sql.js';
import type { RegionCatalog } from '../regions/catalog.js';
import { AUDITED_COLUMNS, PERSON_COLUMNS } from '../workers/workers.repo.js';
import { type CheckedWorker, checkWorker } from '../workers/workers.rules.js';
import { readCsv } from './files/csv.js';
import { FileRejected, type SheetRow } from './files/types.js';
import { readXlsx } from './files/xlsx.js';
import { createImportsRepo, type ImportCounts, type ImportJobRow, type RowResult } from './imports.repo.js';

export const MAX_ROWS = 1_100_000;
// Rows checked against the registry per query. The possible-duplicate query reads the whole registry
// once per chunk whatever its size (a hash join: cheaper than 20,000 index probes with their heap
// fetches), so larger chunks cost less per row: at 1,000,000 workers about 1.2 s for 5,000 rows,
// 2.2 s for 20,000 (docs/BENCHMARKS.md). Two chunks are in memory at a time.
export const CHUNK = 20_000;

export type Mapping = Partial<Record<ImportField, number>>;

export function openRows(job: Pick<ImportJobRow, 'file_kind' | 'stored_path'>): AsyncGenerator<SheetRow> {
  return job.file_kind === 'csv' ? readCsv(job.stored_path) : readXlsx(job.stored_path);
}

interface BirthGroup {
  rows: number[];
  /**
   * The NIK without its date digits (which the whole group shares), as a number: ten digits fit
   * exactly. Kept as a number on purpose: a NIK string cut from the file's text can keep the whole
   * megabyte-sized chunk it was cut from alive, and a million of them kept the whole file.
   */
  niks: number[];
  years: number[];
  names: NameKeyInfo[];
}

interface Pending {
  row: number;
  fields: CheckedWorker['fields'];
  warnings: RowResult['warnings'];
  /** A possible duplicate: a registered worker (with the names' similarity) or an earlier row. */
  similarWorkerId?: string;
  similarity?: number;
  similarRow?: number;
  /** The NIK is registered already. */
  registered?: boolean;
}

export interface CheckOptions {
  updateExisting: boolean;
  onProgress?: (rows: number) => void;
  /** Every row's result (for the CLI's --json); otherwise only rows needing attention are kept. */
  onRow?: (r: RowResult) => void;
}

/** The worker columns a dry run stages and a commit copies into `workers`. */
const STAGED_COLUMNS = PERSON_COLUMNS;

const NIK_ALREADY_REGISTERED = {
  field: 'nik',
  code: 'NIK_ALREADY_REGISTERED',
  message:
    'NIK ini sudah terdaftar di Payung; data yang ada tidak diubah. Pilih "perbarui data yang ada" bila ingin memperbaruinya.',
};
const UPDATED_EXISTING = {
  field: 'nik',
  code: 'UPDATED_EXISTING',
  message: 'NIK sudah terdaftar; datanya diperbarui dari berkas ini.',
};

// Name keys compared for in-file possible duplicates, prepared once per distinct key; cleared when
// it grows past this so a file of a million different names stays within memory.
const NAME_INFO_CACHE_MAX = 200_000;

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
  const mapping = (job.mapping ?? {}) as Mapping;
  const headerRow = job.header_row ?? 0;
  const resolver = createDomicileResolver(deps.catalog, job.region_code);
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
  // Earlier rows of the file grouped by the NIK's birth-date-and-sex digits (DDMMYY, +40 for women):
  // the same NIK always lands in the same group, and so does a possible duplicate (same birth date and
  // sex, up to the century, which is compared too). Parallel arrays keep a million rows compact.
  const groups = new Map<string, BirthGroup>();
  const nameInfos = new Map<string, NameKeyInfo>();
  const info = (key: string) => {
    let i = nameInfos.get(key);
    if (!i) {
      if (nameInfos.size >= NAME_INFO_CACHE_MAX) nameInfos.clear();
      i = nameKeyInfo(key);
      nameInfos.set(key, i);
    }
    return i;
  };
  let pending: Pending[] = [];
  let attention: RowResult[] = [];

  const emit = (r: RowResult) => {
    opts.onRow?.(r);
    if (r.status !== 'accepted' || r.warnings.length > 0 || r.errors.length > 0) attention.push(r);
  };

  // The database works on one chunk while the next is parsed and checked (on PostgreSQL that is
  // another process, so the two cores both work). One chunk in flight at a time keeps order and memory.
  let inflight: Promise<void> | null = null;
  async function flush() {
    if (inflight) await inflight;
    inflight = null;
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    inflight = checkChunk(chunk);
    // Surfaced at the next await of `inflight`; never an unhandled rejection in between.
    inflight.catch(() => {});
  }

  async function checkChunk(chunk: Pending[]) {
    const existing = await repo.existingNiks(chunk.map((p) => p.fields.nik));
    const fresh: Pending[] = [];
    const staged: Pending[] = [];
    for (const p of chunk) {
      const found = existing.get(p.fields.nik);
      if (!found) {
        fresh.push(p);
        staged.push(p);
        continue;
      }
      // Updating someone else's worker would be a write outside one's region: only within scope.
      // Staged either way, so the choice can still be made when importing.
      const isUpdatable = isWithin(found.domicile, ctx.actor.regionCodes);
      p.registered = true;
      if (isUpdatable) staged.push(p);
      if (opts.updateExisting && isUpdatable) {
        emit({ row: p.row, status: 'accepted', errors: [], warnings: [...p.warnings, UPDATED_EXISTING] });
      } else {
        counts.duplicates++;
        counts.accepted--;
        emit({
          row: p.row,
          status: 'duplicate',
          errors: [],
          warnings: [...p.warnings, NIK_ALREADY_REGISTERED],
        });
      }
    }
    const possible = await repo.possibleDuplicates(
      fresh.map((p, i) => ({
        i,
        nik: p.fields.nik,
        nameKey: p.fields.name_key,
        birthDate: p.fields.birth_date,
        sex: p.fields.sex,
      })),
      [deps.provinceCode],
    );
    for (const d of possible) {
      const p = fresh[d.i]!;
      if (p.similarWorkerId) continue;
      p.similarWorkerId = d.id;
      p.similarity = d.similarity;
      counts.possibleDuplicates++;
      p.warnings.push({
        field: 'fullName',
        code: 'POSSIBLE_DUPLICATE',
        message:
          'Kemungkinan data ganda: sudah ada pekerja dengan nama mirip dan tanggal lahir sama tetapi NIK berbeda. Data tetap diterima dan masuk antrean pemeriksaan data ganda.',
      });
    }
    for (const p of fresh) {
      emit({ row: p.row, status: 'accepted', errors: [], warnings: p.warnings });
      if (p.warnings.length > 0) counts.withWarnings++;
    }
    counts.staged = (counts.staged ?? 0) + staged.length;
    await tx.copyIn(
      'import_staged_workers',
      [
        'job_id',
        'row_number',
        ...STAGED_COLUMNS,
        'registered',
        'warnings',
        'similar_worker_id',
        'similarity',
        'similar_row',
      ],
      staged.map((p) => [
        job.id,
        p.row,
        ...STAGED_COLUMNS.map((c) => p.fields[c]),
        p.registered === true,
        JSON.stringify(p.warnings),
        p.similarWorkerId ?? null,
        p.similarity ?? null,
        p.similarRow ?? null,
      ]),
    );
    const batch = attention;
    attention = [];
    await repo.insertResults(job.id, batch);
  }

  for await (const { rowNumber, cells } of openRows(job)) {
    if (rowNumber <= headerRow) continue;
    if (rowNumber - headerRow > MAX_ROWS) {
      throw new FileRejected(
        'FILE_TOO_MANY_ROWS',
        `Berkas memuat lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris data. Pecah menjadi beberapa berkas.`,
      );
    }
    const input: Partial<Record<ImportField, unknown>> = {};
    for (const field in mapping) input[field as ImportField] = cells[mapping[field as ImportField]!];
    const v = validateRow(input, {
      resolver,
      catalog: deps.catalog,
      today: ctx.now,
      provinceCode: deps.provinceCode,
    });
    if (v.status === 'skipped') {
      counts.skipped++;
      continue;
    }
    counts.rows++;
    if (v.status === 'rejected' || !v.worker) {
      counts.rejected++;
      emit({ row: rowNumber, status: 'rejected', errors: [...v.errors], warnings: [...v.warnings] });
      continue;
    }
    // The registry's own rules have the last word, so an import can never store what a form would refuse.
    const checked = checkWorker(v.worker, {
      catalog: deps.catalog,
      provinceCode: deps.provinceCode,
      now: ctx.now,
    });
    if (!checked.ok) {
      counts.rejected++;
      emit({
        row: rowNumber,
        status: 'rejected',
        errors: checked.issues.map((i) => ({ field: i.path[0] ?? '', code: i.code, message: i.message })),
        warnings: [...v.warnings],
      });
      continue;
    }
    const f = checked.value.fields;
    const groupKey = f.nik.slice(6, 12);
    const nikRest = Number(f.nik.slice(0, 6) + f.nik.slice(12));
    const year = Number(f.birth_date.slice(0, 4));
    let group = groups.get(groupKey);
    if (!group) {
      group = { rows: [], niks: [], years: [], names: [] };
      groups.set(groupKey, group);
    }
    const name = info(f.name_key);
    let similarRow: number | undefined;
    let isDuplicate = false;
    for (let i = 0; i < group.rows.length; i++) {
      if (group.niks[i] === nikRest) {
        isDuplicate = true;
        break;
      }
      if (similarRow === undefined && group.years[i] === year && similarKeys(group.names[i]!, name)) {
        similarRow = group.rows[i];
      }
    }
    if (isDuplicate) {
      counts.duplicates++;
      emit({
        row: rowNumber,
        status: 'duplicate',
        errors: [],
        warnings: [
          {
            field: 'nik',
            code: 'NIK_DUPLICATE_IN_FILE',
            message: 'NIK ini sudah muncul di baris sebelumnya dalam berkas yang sama; baris ini dilewati.',
          },
        ],
      });
      continue;
    }
    group.rows.push(rowNumber);
    group.niks.push(nikRest);
    group.years.push(year);
    group.names.push(name);
    counts.accepted++;
    const pendingRow: Pending = { row: rowNumber, warnings: [...v.warnings], fields: f };
    if (similarRow !== undefined) {
      counts.possibleDuplicates++;
      pendingRow.similarRow = similarRow;
      pendingRow.warnings.push({
        field: 'fullName',
        code: 'POSSIBLE_DUPLICATE_IN_FILE',
        message: `Kemungkinan data ganda dengan baris ${similarRow}: nama mirip dan tanggal lahir sama, NIK berbeda. Periksa kedua baris; bila orang yang sama, hapus salah satunya.`,
      });
    }
    pending.push(pendingRow);
    if (pending.length >= CHUNK) {
      await flush();
      opts.onProgress?.(counts.rows);
    }
  }
  await flush();
  await flush();
  // Statistics for the commit's plans (a table filled in this transaction has none yet).
  await tx.exec('ANALYZE import_staged_workers');
  opts.onProgress?.(counts.rows);
  return counts;
}

export interface CommitOptions {
  updateExisting: boolean;
  onProgress?: (rows: number) => void;
  /** Called for each row whose outcome the commit changed from its dry run's (registered meanwhile, updated). */
  onRow?: (r: RowResult) => void;
  /** Test hook: throw after this many rows were handed to the database. */
  failAfterRows?: number;
}

/** The staged rows are gone (a server crash empties unlogged tables) or were never made. */
export class StagingMissing extends Error {}

/**
 * The import itself, set-based from the rows its dry run staged: existing NIKs become duplicates (or,
 * with updateExisting, updates within the actor's region), the rest are inserted in slices, possible
 * duplicates go to the review queue, and the staging is emptied. The caller runs it in one
 * transaction: all or nothing.
 */
export async function commitStaged(
  tx: Queryable,
  ctx: ServiceContext,
  job: ImportJobRow,
  opts: CommitOptions,
): Promise<ImportCounts> {
  const dry = job.counts;
  const staged = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM import_staged_workers WHERE job_id = $1',
    [job.id],
  );
  const stagedCount = staged.rows[0]!.n;
  if (dry?.staged !== stagedCount) throw new StagingMissing();

  // 1. Staged NIKs registered at the dry run: outcomes rewritten, as a duplicate or, when chosen and
  //    within the actor's region, as an update.
  const p = new Params();
  const canUpdate = opts.updateExisting ? regionScopeSql(ctx.actor.regionCodes, p, 'w') : 'false';
  const changed = await tx.query<{
    row_number: number;
    status: RowResult['status'];
    warnings: RowResult['warnings'];
  }>(
    `INSERT INTO import_row_results (job_id, row_number, status, errors, warnings)
     SELECT s.job_id, s.row_number, CASE WHEN ${canUpdate} THEN 'accepted' ELSE 'duplicate' END, '[]'::jsonb,
            s.warnings || jsonb_build_array(CASE WHEN ${canUpdate} THEN ${p.add(JSON.stringify(UPDATED_EXISTING))}::jsonb
                                                 ELSE ${p.add(JSON.stringify(NIK_ALREADY_REGISTERED))}::jsonb END)
     FROM import_staged_workers s JOIN workers w ON w.nik = s.nik
     WHERE s.job_id = ${p.add(job.id)} AND s.registered
     ON CONFLICT (job_id, row_number) DO UPDATE
       SET status = excluded.status, errors = excluded.errors, warnings = excluded.warnings
     RETURNING row_number, status, warnings`,
    p.values,
  );
  let duplicates = 0;
  let updated = 0;
  for (const r of changed.rows) {
    if (r.status === 'duplicate') duplicates++;
    else updated++;
    opts.onRow?.({ row: r.row_number, status: r.status, errors: [], warnings: r.warnings });
  }
  if (updated > 0) await updateFromStaging(tx, ctx, job.id);

  // 2. The new workers, in name order: three of the registry's indexes lead with the name key, and
  //    sorted inserts touch each of their pages once instead of at random (a million rows: about a
  //    fifth faster, docs/BENCHMARKS.md). In about ten slices of consecutive name keys, so progress
  //    moves and a failure can be injected mid-way while the whole import stays one sorted pass.
  //    Registered NIKs (step 1) are left to ON CONFLICT: a NOT EXISTS test would make the planner,
  //    which thinks an empty registry stays small, rescan the rows this very statement is inserting.
  let added = 0;
  if (stagedCount > 0) {
    const columns = STAGED_COLUMNS.join(', ');
    const slices = Math.max(1, Math.min(10, Math.floor(stagedCount / 1_000)));
    const fractions = Array.from({ length: slices - 1 }, (_, i) => (i + 1) / slices);
    const b = await tx.query<{ bounds: string[] | null }>(
      `SELECT percentile_disc($2::float8[]) WITHIN GROUP (ORDER BY name_key) AS bounds
       FROM import_staged_workers WHERE job_id = $1`,
      [job.id, fractions],
    );
    const bounds = [...new Set(b.rows[0]?.bounds ?? [])];
    const edges: (string | null)[] = [null, ...bounds, null];
    for (let i = 0; i + 1 < edges.length; i++) {
      const r = await tx.query(
        `INSERT INTO workers (${columns}, consent_method, consent_given_at, consent_recorded_by, source)
         SELECT ${columns}, $4, $5, $6, $7 FROM import_staged_workers s
         WHERE s.job_id = $1 AND ($2::text IS NULL OR s.name_key >= $2) AND ($3::text IS NULL OR s.name_key < $3)
         ORDER BY s.name_key
         ON CONFLICT (nik) DO NOTHING`,
        [job.id, edges[i], edges[i + 1], 'tanda_tangan', ctx.now, ctx.actor.label, `import:${job.id}`],
      );
      added += r.rowCount;
      opts.onProgress?.(Math.round((stagedCount * (i + 1)) / (edges.length - 1)));
      if (opts.failAfterRows !== undefined && added >= opts.failAfterRows) {
        throw new Error('failure injected by test');
      }
    }
  }

  // 2b. NIKs registered by someone else since the dry run were left alone by ON CONFLICT: rare, so
  //     only then are they looked for, and their outcome becomes a duplicate.
  let raced = 0;
  if (stagedCount - duplicates - updated - added > 0) {
    const r = await tx.query(
      `INSERT INTO import_row_results (job_id, row_number, status, errors, warnings)
       SELECT s.job_id, s.row_number, 'duplicate', '[]'::jsonb, s.warnings || jsonb_build_array($3::jsonb)
       FROM import_staged_workers s JOIN workers w ON w.nik = s.nik
       WHERE s.job_id = $1 AND NOT s.registered AND w.source <> $2
       ON CONFLICT (job_id, row_number) DO UPDATE SET status = excluded.status, warnings = excluded.warnings
       RETURNING row_number, warnings`,
      [job.id, `import:${job.id}`, JSON.stringify(NIK_ALREADY_REGISTERED)],
    );
    raced = r.rowCount;
    for (const x of r.rows as { row_number: number; warnings: RowResult['warnings'] }[])
      opts.onRow?.({ row: x.row_number, status: 'duplicate', errors: [], warnings: x.warnings });
  }

  // 3. Possible duplicates of the new workers, with a registered worker or another row of the file.
  await queueReviews(tx, job.id);
  await tx.query('DELETE FROM import_staged_workers WHERE job_id = $1', [job.id]);

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

/**
 * Review-queue rows for the staged rows the dry run flagged, in chunks of simple index lookups (a
 * single join over staging and registry let the planner pick plans that took minutes at a million
 * workers).
 */
async function queueReviews(tx: Queryable, jobId: string) {
  const source = `import:${jobId}`;
  const flagged = await tx.query<{
    row_number: number;
    nik: string;
    similar_worker_id: string | null;
    similarity: number | null;
    similar_row: number | null;
  }>(
    `SELECT row_number, nik, similar_worker_id, similarity, similar_row FROM import_staged_workers
     WHERE job_id = $1 AND (similar_worker_id IS NOT NULL OR similar_row IS NOT NULL) ORDER BY row_number`,
    [jobId],
  );
  const repo = createImportsRepo(tx);
  for (let i = 0; i < flagged.rows.length; i += REVIEW_CHUNK) {
    const chunk = flagged.rows.slice(i, i + REVIEW_CHUNK);
    const twinRows = chunk.flatMap((f) =>
      f.similar_worker_id === null && f.similar_row !== null ? [f.similar_row] : [],
    );
    const twins = await tx.query<{ row_number: number; nik: string }>(
      'SELECT row_number, nik FROM import_staged_workers WHERE job_id = $1 AND row_number = ANY($2::int[])',
      [jobId, twinRows],
    );
    const twinNik = new Map(twins.rows.map((t) => [t.row_number, t.nik]));
    const niks = [...chunk.map((f) => f.nik), ...twins.rows.map((t) => t.nik)];
    const found = await tx.query<{ nik: string; id: string; regency_code: string; source: string }>(
      'SELECT nik, id, regency_code, source FROM workers WHERE nik = ANY($1::bpchar[])',
      [niks],
    );
    const byNik = new Map(found.rows.map((w) => [w.nik, w]));
    await repo.insertReviews(
      chunk.flatMap((f) => {
        const w = byNik.get(f.nik);
        // Only workers this import added; a NIK registered meanwhile became a duplicate instead.
        if (!w || w.source !== source) return [];
        const twin = f.similar_row === null ? undefined : twinNik.get(f.similar_row);
        const other = f.similar_worker_id ?? (twin === undefined ? undefined : byNik.get(twin)?.id);
        if (!other || other === w.id) return [];
        return [
          {
            region_code: w.regency_code,
            job_id: jobId,
            row_number: f.row_number,
            worker_id: w.id,
            other_worker_id: other,
            similarity: f.similarity ?? 1,
          },
        ];
      }),
    );
  }
}

const REVIEW_CHUNK = 5_000;

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
