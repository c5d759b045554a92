import type { Queryable } from '../../platform/db/index.js';
import { NAME_TRIGRAM_COLUMNS, nameTrigramValues, type WorkerFields } from './workers.repo.js';

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
