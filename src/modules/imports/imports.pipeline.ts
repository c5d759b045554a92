import { type NameKeyInfo, nameKeyInfo, similarKeys } from '../../domain/import/duplicates.js';
import { type ImportField, mapHeaders } from '../../domain/import/headers.js';
import { createDomicileResolver } from '../../domain/import/regions.js';
import { validateRow } from '../../domain/import/row.js';
import { nameSearchKey } from '../../domain/names.js';
import type { ServiceContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { isWithin } from '../../platform/db/scope.js';
import type { RegionCatalog } from '../regions/catalog.js';
import { insertWorkersBulk } from '../workers/workers.bulk.js';
import type { WorkerFields } from '../workers/workers.repo.js';
import { checkWorker } from '../workers/workers.rules.js';
import { readCsv } from './files/csv.js';
import { FileRejected, type SheetRow } from './files/types.js';
import { readXlsx } from './files/xlsx.js';
import { createImportsRepo, type ImportCounts, type ImportJobRow, type RowResult } from './imports.repo.js';

export const MAX_ROWS = 1_100_000;
const CHUNK = 5_000;

export type Mapping = Partial<Record<ImportField, number>>;

export function openRows(job: Pick<ImportJobRow, 'file_kind' | 'stored_path'>): AsyncGenerator<SheetRow> {
  return job.file_kind === 'csv' ? readCsv(job.stored_path) : readXlsx(job.stored_path);
}

interface Pending {
  row: number;
  fields: WorkerFields;
  warnings: RowResult['warnings'];
}

export interface PipelineOptions {
  mode: 'validate' | 'commit';
  updateExisting: boolean;
  onProgress?: (rows: number) => void;
  /** Every row's result (for the CLI's --json); otherwise only rows needing attention are kept. */
  onRow?: (r: RowResult) => void;
  /** Test hook: throw after this many rows were handed to the database. */
  failAfterRows?: number;
}

/**
 * One pass over the file: parse, check every row by the registry's rules, find duplicates in the file
 * and in the registry, and (commit mode) write the accepted rows. The caller runs it inside one
 * transaction, so a failure or a kill anywhere leaves nothing behind.
 */
export async function runPipeline(
  tx: Queryable,
  ctx: ServiceContext,
  job: ImportJobRow,
  deps: { catalog: RegionCatalog; provinceCode: string },
  opts: PipelineOptions,
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
    added: 0,
    updated: 0,
  };
  const seenNiks = new Set<string>();
  const byBirth = new Map<string, { row: number; name: NameKeyInfo; nik: string }[]>();
  let pending: Pending[] = [];
  let attention: RowResult[] = [];
  let written = 0;
  const reviewsInFile: { row: number; nik: string; otherNik: string; similarity: number }[] = [];

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
    inflight = writeChunk(chunk);
    // Surfaced at the next await of `inflight`; never an unhandled rejection in between.
    inflight.catch(() => {});
  }

  async function writeChunk(chunk: Pending[]) {
    const existing = await repo.existingNiks(chunk.map((p) => p.fields.nik));
    const fresh: Pending[] = [];
    const updates: Pending[] = [];
    for (const p of chunk) {
      const found = existing.get(p.fields.nik);
      if (!found) fresh.push(p);
      // Updating someone else's worker would be a write outside one's region: only within scope.
      else if (opts.updateExisting && isWithin(found.domicile, ctx.actor.regionCodes)) updates.push(p);
      else {
        counts.duplicates++;
        counts.accepted--;
        emit({
          row: p.row,
          status: 'duplicate',
          errors: [],
          warnings: [
            ...p.warnings,
            {
              field: 'nik',
              code: 'NIK_ALREADY_REGISTERED',
              message:
                'NIK ini sudah terdaftar di Payung; data yang ada tidak diubah. Pilih "perbarui data yang ada" bila ingin memperbaruinya.',
            },
          ],
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
      `import:${job.id}`,
    );
    const flagged = new Map<number, { id: string; similarity: number }>();
    for (const d of possible) if (!flagged.has(d.i)) flagged.set(d.i, { id: d.id, similarity: d.similarity });
    fresh.forEach((p, i) => {
      const f = flagged.get(i);
      if (f) {
        counts.possibleDuplicates++;
        p.warnings.push({
          field: 'fullName',
          code: 'POSSIBLE_DUPLICATE',
          message:
            'Kemungkinan data ganda: sudah ada pekerja dengan nama mirip dan tanggal lahir sama tetapi NIK berbeda. Data tetap diterima dan masuk antrean pemeriksaan data ganda.',
        });
      }
      emit({ row: p.row, status: 'accepted', errors: [], warnings: p.warnings });
      if (p.warnings.length > 0) counts.withWarnings++;
    });
    for (const p of updates) {
      counts.updated = (counts.updated ?? 0) + 1;
      emit({
        row: p.row,
        status: 'accepted',
        errors: [],
        warnings: [
          ...p.warnings,
          {
            field: 'nik',
            code: 'UPDATED_EXISTING',
            message: 'NIK sudah terdaftar; datanya diperbarui dari berkas ini.',
          },
        ],
      });
    }
    if (opts.mode === 'commit') {
      const added = await insertWorkersBulk(
        tx,
        fresh.map((p) => p.fields),
      );
      counts.added = (counts.added ?? 0) + added;
      if (updates.length > 0)
        await updateExisting(
          tx,
          updates.map((p) => p.fields),
          ctx.now,
        );
      written += chunk.length;
      if (opts.failAfterRows !== undefined && written >= opts.failAfterRows) {
        throw new Error('failure injected by test');
      }
      if (flagged.size > 0) {
        const ids = await tx.query<{ nik: string; id: string }>(
          'SELECT nik, id FROM workers WHERE nik = ANY($1::text[])',
          [fresh.filter((_, i) => flagged.has(i)).map((p) => p.fields.nik)],
        );
        const idByNik = new Map(ids.rows.map((r) => [r.nik.trim(), r.id]));
        await repo.insertReviews(
          fresh.flatMap((p, i) => {
            const f = flagged.get(i);
            const id = idByNik.get(p.fields.nik);
            return f && id
              ? [
                  {
                    region_code: p.fields.regency_code,
                    job_id: job.id,
                    row_number: p.row,
                    worker_id: id,
                    other_worker_id: f.id,
                    similarity: f.similarity,
                  },
                ]
              : [];
          }),
        );
      }
    }
    const batch = attention;
    attention = [];
    await repo.insertResults(job.id, batch);
  }

  const rows = openRows(job);
  for await (const { rowNumber, cells } of rows) {
    if (rowNumber <= headerRow) continue;
    if (rowNumber - headerRow > MAX_ROWS) {
      throw new FileRejected(
        'FILE_TOO_MANY_ROWS',
        `Berkas memuat lebih dari ${MAX_ROWS.toLocaleString('id-ID')} baris data. Pecah menjadi beberapa berkas.`,
      );
    }
    const input: Partial<Record<ImportField, unknown>> = {};
    for (const [field, index] of Object.entries(mapping))
      input[field as ImportField] = cells[index as number];
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
    if (seenNiks.has(f.nik)) {
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
    seenNiks.add(f.nik);
    counts.accepted++;
    const warnings = [...v.warnings];
    const birthKey = `${f.birth_date}|${f.sex}`;
    const group = byBirth.get(birthKey);
    const name = nameKeyInfo(f.name_key);
    const twin = group?.find((g) => g.nik !== f.nik && similarKeys(g.name, name));
    if (twin) {
      counts.possibleDuplicates++;
      reviewsInFile.push({ row: rowNumber, nik: f.nik, otherNik: twin.nik, similarity: 1 });
      warnings.push({
        field: 'fullName',
        code: 'POSSIBLE_DUPLICATE_IN_FILE',
        message: `Kemungkinan data ganda dengan baris ${twin.row}: nama mirip dan tanggal lahir sama, NIK berbeda. Periksa kedua baris; bila orang yang sama, hapus salah satunya.`,
      });
    }
    if (group) group.push({ row: rowNumber, name, nik: f.nik });
    else byBirth.set(birthKey, [{ row: rowNumber, name, nik: f.nik }]);
    pending.push({
      row: rowNumber,
      warnings,
      fields: {
        ...f,
        consent_method: 'tanda_tangan',
        consent_given_at: ctx.now,
        consent_recorded_by: ctx.actor.label,
        source: `import:${job.id}`,
      },
    });
    if (pending.length >= CHUNK) {
      await flush();
      opts.onProgress?.(counts.rows);
    }
  }
  await flush();
  await flush();
  if (opts.mode === 'commit' && reviewsInFile.length > 0) {
    const niks = reviewsInFile.flatMap((r) => [r.nik, r.otherNik]);
    const ids = await tx.query<{ nik: string; id: string; regency_code: string }>(
      'SELECT nik, id, regency_code FROM workers WHERE nik = ANY($1::text[])',
      [niks],
    );
    const byNik = new Map(ids.rows.map((r) => [r.nik.trim(), r]));
    await repo.insertReviews(
      reviewsInFile.flatMap((r) => {
        const a = byNik.get(r.nik);
        const b = byNik.get(r.otherNik);
        return a && b
          ? [
              {
                region_code: a.regency_code,
                job_id: job.id,
                row_number: r.row,
                worker_id: a.id,
                other_worker_id: b.id,
                similarity: r.similarity,
              },
            ]
          : [];
      }),
    );
  }
  opts.onProgress?.(counts.rows);
  return counts;
}

/** --update-existing: the file's values replace the registry's, row by row of the chunk, set-based. */
async function updateExisting(tx: Queryable, rows: WorkerFields[], now: Date) {
  await tx.query(
    `UPDATE workers w SET full_name = u.full_name, name_key = u.name_key, sex = u.sex, birth_place = COALESCE(u.birth_place, w.birth_place),
       birth_date = u.birth_date, mother_maiden_name = COALESCE(u.mother_maiden_name, w.mother_maiden_name),
       phone = COALESCE(u.phone, w.phone), address = COALESCE(u.address, w.address),
       province_code = u.province_code, regency_code = u.regency_code, district_code = u.district_code,
       village_code = u.village_code, occupation = u.occupation,
       declared_income = COALESCE(u.declared_income, w.declared_income), version = w.version + 1, updated_at = $11
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[], $10::jsonb[])
       AS u0(nik, full_name, name_key, sex, birth_place, birth_date, mother_maiden_name, phone, address, rest),
     LATERAL (SELECT u0.*, u0.rest->>'province_code' AS province_code, u0.rest->>'regency_code' AS regency_code,
                     u0.rest->>'district_code' AS district_code, u0.rest->>'village_code' AS village_code,
                     u0.rest->>'occupation' AS occupation, (u0.rest->>'declared_income')::bigint AS declared_income) u
     WHERE w.nik = u.nik`,
    [
      rows.map((r) => r.nik),
      rows.map((r) => r.full_name),
      rows.map((r) => r.name_key),
      rows.map((r) => r.sex),
      rows.map((r) => r.birth_place),
      rows.map((r) => r.birth_date),
      rows.map((r) => r.mother_maiden_name),
      rows.map((r) => r.phone),
      rows.map((r) => r.address),
      rows.map((r) =>
        JSON.stringify({
          province_code: r.province_code,
          regency_code: r.regency_code,
          district_code: r.district_code,
          village_code: r.village_code,
          occupation: r.occupation,
          declared_income: r.declared_income,
        }),
      ),
      now,
    ],
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
