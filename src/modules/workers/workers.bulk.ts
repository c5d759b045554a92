import type { ServiceContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import type { Params } from '../../platform/db/sql.js';
import { recordAuditFromSelect } from '../audit/index.js';
import {
  AUDITED_COLUMNS,
  NAME_TRIGRAM_COLUMNS,
  nameTrigramValues,
  type WorkerFields,
} from './workers.repo.js';

const COLUMNS: [keyof WorkerFields, string][] = [
  ['nik', 'text'],
  ['full_name', 'text'],
  ['name_key', 'text'],
  ['sex', 'text'],
  ['birth_place', 'text'],
  ['birth_date', 'date'],
  ['mother_maiden_name', 'text'],
  ['phone', 'text'],
  ['address', 'text'],
  ['province_code', 'text'],
  ['regency_code', 'text'],
  ['district_code', 'text'],
  ['village_code', 'text'],
  ['occupation', 'text'],
  ['declared_income', 'bigint'],
  ['in_welfare_register', 'boolean'],
  ['has_disability', 'boolean'],
  ['is_female_head_of_household', 'boolean'],
  ['consent_method', 'text'],
  ['consent_given_at', 'timestamptz'],
  ['consent_recorded_by', 'text'],
  ['source', 'text'],
];

/**
 * Inserts already-checked rows in one set-based statement (INSERT … SELECT FROM unnest), skipping NIKs
 * that already exist. Returns how many were added. Callers keep chunks to a few thousand rows.
 */
export async function insertWorkersBulk(db: Queryable, rows: WorkerFields[]): Promise<number> {
  if (rows.length === 0) return 0;
  const arrays = COLUMNS.map(([col]) =>
    rows.map((r) => {
      const v = r[col];
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
  // The name's trigram count and signature, computed here rather than by the row trigger (migration 0014).
  const trigrams = rows.map((r) => nameTrigramValues(r.name_key));
  arrays.push(
    trigrams.map(([signature]) => signature),
    trigrams.map(([, count]) => count),
  );
  const names = [...COLUMNS.map(([c]) => c), ...NAME_TRIGRAM_COLUMNS].join(', ');
  const unnest = [...COLUMNS.map(([, t]) => t), 'bigint', 'smallint']
    .map((t, i) => `$${i + 1}::${t}[]`)
    .join(', ');
  const r = await db.query(
    `INSERT INTO workers (${names}) SELECT * FROM unnest(${unnest}) ON CONFLICT (nik) DO NOTHING`,
    arrays,
  );
  return r.rowCount;
}

/**
 * Many workers' new values at once, each change audited like an edit in the form: one `worker.update`
 * event per worker with the changed fields before and after. `target` is a query (using `p`) of the
 * workers to update: their `id` and the new values in columns named as `workers`' (a value left null
 * keeps the optional fields'). One statement: its sub-statements share one snapshot, so `old` holds the
 * values before the update. `details` is a jsonb expression recorded with each event.
 */
export async function updateWorkersFrom(
  tx: Queryable,
  ctx: ServiceContext,
  p: Params,
  target: string,
  details: string,
): Promise<void> {
  await recordAuditFromSelect(
    tx,
    ctx,
    { action: 'worker.update', entityType: 'worker' },
    {
      params: p,
      with: `target AS (${target}),
       old AS (
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
       )`,
      rows: `SELECT u.id::text AS entity_id, COALESCE(u.village_code, u.district_code) AS region_code,
              COALESCE(d.before, '{}') AS before, COALESCE(d.after, '{}') AS after, ${details} AS details
       FROM upd u JOIN old o ON o.id = u.id
       CROSS JOIN LATERAL (
         SELECT jsonb_object_agg(k, to_jsonb(o) -> k) AS before, jsonb_object_agg(k, to_jsonb(u) -> k) AS after
         FROM unnest(${p.add(AUDITED_COLUMNS)}::text[]) AS k
         WHERE to_jsonb(o) -> k IS DISTINCT FROM to_jsonb(u) -> k
       ) d`,
    },
  );
}
