import { trigramSignature } from '../../domain/import/duplicates.js';
import { parentOf } from '../../domain/regions.js';
import type { Queryable } from '../../platform/db/index.js';
import { regionColumn, regionEqualsSql, regionScopeSql } from '../../platform/db/scope.js';
import { Params } from '../../platform/db/sql.js';
import type { RegionScope } from '../../platform/scope.js';
import type { WorkerPlace } from './workers.scope.js';

/** A workers row as stored. Only this file speaks SQL about workers. */
export interface WorkerRow {
  id: string;
  nik: string;
  full_name: string;
  name_key: string;
  sex: 'L' | 'P';
  birth_place: string | null;
  birth_date: string;
  mother_maiden_name: string | null;
  phone: string | null;
  address: string | null;
  province_code: string;
  regency_code: string;
  district_code: string;
  village_code: string | null;
  occupation: string;
  declared_income: number | null;
  in_welfare_register: boolean;
  has_disability: boolean;
  is_female_head_of_household: boolean;
  consent_method: string;
  consent_given_at: Date;
  consent_recorded_by: string;
  is_active: boolean;
  deactivation_reason: string | null;
  deactivated_at: Date | null;
  version: number;
  source: string;
  created_at: Date;
  updated_at: Date;
}

/** The fields a create or update writes (everything but identity, bookkeeping and status). */
export type WorkerFields = Omit<
  WorkerRow,
  'id' | 'is_active' | 'deactivation_reason' | 'deactivated_at' | 'version' | 'created_at' | 'updated_at'
>;

/** The person's own data and domicile: what an import stages and copies into `workers`. */
export const PERSON_COLUMNS = [
  'nik',
  'full_name',
  'name_key',
  'sex',
  'birth_place',
  'birth_date',
  'mother_maiden_name',
  'phone',
  'address',
  'province_code',
  'regency_code',
  'district_code',
  'village_code',
  'occupation',
  'declared_income',
] as const satisfies readonly (keyof WorkerFields)[];

/**
 * The name key's trigram count and signature (migration 0014): written by the import and the demo
 * seeding with nameTrigramValues(), by the row triggers for every other writer.
 */
export const NAME_TRIGRAM_COLUMNS = ['name_trigram_signature', 'name_trigram_count'] as const;

/** NAME_TRIGRAM_COLUMNS' values; null for keys the database computes itself (trigramSignature). */
export function nameTrigramValues(nameKey: string): [string | null, number | null] {
  const t = trigramSignature(nameKey);
  return t ? [t.signature, t.count] : [null, null];
}

const FIELD_COLUMNS = [
  ...PERSON_COLUMNS,
  'in_welfare_register',
  'has_disability',
  'is_female_head_of_household',
  'consent_method',
  'consent_given_at',
  'consent_recorded_by',
  'source',
] as const satisfies readonly (keyof WorkerFields)[];

/** What the audit trail records of a worker's change: every field but the derived search key. */
export const AUDITED_COLUMNS: readonly (keyof WorkerFields)[] = FIELD_COLUMNS.filter((c) => c !== 'name_key');

// DATE columns come back as 'YYYY-MM-DD' strings from both drivers (see platform/db).
const SELECT = 'SELECT w.* FROM workers w';

export interface WorkerFilter {
  /** Whom the reader may see (workersScope). */
  scope: RegionScope<WorkerPlace>;
  region?: string;
  occupation?: string;
  sex?: 'L' | 'P';
  bornOnOrAfter?: string;
  bornOnOrBefore?: string;
  status: 'active' | 'inactive' | 'all';
}

export type WorkerCursor = { k: string; id: string; s?: number };

export interface WorkerSearchPage {
  rows: (WorkerRow & { score?: number })[];
  hasMore: boolean;
}

function filterSql(f: WorkerFilter, p: Params): string[] {
  const where = [f.scope.where('w', p)];
  if (f.region) where.push(regionEqualsSql(f.region, p, 'w'));
  if (f.occupation) where.push(`w.occupation = ${p.add(f.occupation)}`);
  if (f.sex) where.push(`w.sex = ${p.add(f.sex)}`);
  if (f.bornOnOrAfter) where.push(`w.birth_date >= ${p.add(f.bornOnOrAfter)}::date`);
  if (f.bornOnOrBefore) where.push(`w.birth_date <= ${p.add(f.bornOnOrBefore)}::date`);
  if (f.status !== 'all') where.push(f.status === 'active' ? 'w.is_active' : 'NOT w.is_active');
  return where;
}

/**
 * The filter's region, or else its scope, villages widened to their districts: more workers than the
 * filter's, never fewer, in a condition an index on (district_code or regency_code, name_key, id)
 * answers alone. Where a search reads the keys of a region's workers (searchByName).
 */
function keysRegionSql(f: WorkerFilter, p: Params): string {
  const widen = (code: string) => (regionColumn(code) === 'village_code' ? parentOf(code)! : code);
  return regionScopeSql((f.region !== undefined ? [f.region] : f.scope.regions).map(widen), p, 'w');
}

export function createWorkersRepo(db: Queryable) {
  return {
    async insert(fields: WorkerFields): Promise<WorkerRow> {
      const p = new Params();
      const values = FIELD_COLUMNS.map((c) => p.add(fields[c]));
      const r = await db.query<WorkerRow>(
        `INSERT INTO workers (${FIELD_COLUMNS.join(', ')}) VALUES (${values.join(', ')})
         RETURNING *`,
        p.values,
      );
      return r.rows[0]!;
    },

    async findById(id: string, scope: RegionScope<WorkerPlace>): Promise<WorkerRow | null> {
      const p = new Params();
      const r = await db.query<WorkerRow>(
        `${SELECT} WHERE w.id = ${p.add(id)} AND ${scope.where('w', p)}`,
        p.values,
      );
      return r.rows[0] ?? null;
    },

    /**
     * The worker holding a NIK, whoever may see it (NIK uniqueness is national): only its id and
     * domicile, for the "already registered" answer and its audit event — never shown out of scope.
     */
    async holderOfNik(nik: string): Promise<(WorkerPlace & { id: string }) | null> {
      const r = await db.query<WorkerPlace & { id: string }>(
        'SELECT id, district_code, village_code FROM workers WHERE nik = $1',
        [nik],
      );
      return r.rows[0] ?? null;
    },

    /** Writes `fields` only if the row is still at `version`; null when it has moved on (or is gone). */
    async update(
      id: string,
      version: number,
      fields: Partial<WorkerFields>,
      now: Date,
    ): Promise<WorkerRow | null> {
      const p = new Params();
      const sets = Object.entries(fields).map(([col, v]) => `${col} = ${p.add(v)}`);
      sets.push('version = version + 1', `updated_at = ${p.add(now)}`);
      const r = await db.query<WorkerRow>(
        `UPDATE workers SET ${sets.join(', ')}
         WHERE id = ${p.add(id)} AND version = ${p.add(version)}
         RETURNING *`,
        p.values,
      );
      return r.rows[0] ?? null;
    },

    async deactivate(id: string, version: number, reason: string, now: Date): Promise<WorkerRow | null> {
      const r = await db.query<WorkerRow>(
        `UPDATE workers SET is_active = false, deactivation_reason = $1, deactivated_at = $2,
           version = version + 1, updated_at = $2
         WHERE id = $3 AND version = $4 AND is_active
         RETURNING *`,
        [reason, now, id, version],
      );
      return r.rows[0] ?? null;
    },

    async findByNik(nik: string, f: WorkerFilter): Promise<WorkerRow[]> {
      const p = new Params();
      const where = [`w.nik = ${p.add(nik)}`, ...filterSql(f, p)];
      const r = await db.query<WorkerRow>(`${SELECT} WHERE ${where.join(' AND ')}`, p.values);
      return r.rows;
    },

    /** Browse in name order (keyset on name_key, id). */
    async list(f: WorkerFilter, limit: number, after?: WorkerCursor): Promise<WorkerSearchPage> {
      const p = new Params();
      const where = filterSql(f, p);
      if (after) where.push(`(w.name_key, w.id) > (${p.add(after.k)}, ${p.add(after.id)}::uuid)`);
      const r = await db.query<WorkerRow>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY w.name_key, w.id LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
      return { rows: r.rows.slice(0, limit), hasMore: r.rows.length > limit };
    },

    /**
     * Fuzzy name search: trigram word similarity of the folded key (pg_trgm `<%`), best first; keyset on
     * (score, name_key, id). Keys shorter than 3 characters fall back to a prefix match.
     *
     * The score depends on the key only, so keys are scored, not people: the matching keys are scored
     * once each and walked best first, each key's workers coming from a (…, name_key, id) index, and
     * the walk stops when the page is full (Incremental Sort under the LIMIT). Scoring workers instead
     * means fetching every matching row first: ~15,000 for "siti" among 1,000,000 workers (p95
     * 300–450 ms). Where the keys come from is the one choice (docs/BENCHMARKS.md):
     * - the registry's distinct keys (worker_name_keys, migration 0005, with the only trigram index):
     *   the work is the number of matching keys, plus one index probe for each key walked that has
     *   nobody in the region. Always for the province and a regency.
     * - the keys of a district's (or a village's) own workers, read in order from the district's
     *   (district_code, name_key, id) index: the work is the district's size, a few thousand workers.
     *   Chosen when the name matches so many keys in the registry that walking them would cost more.
     *   (`workers` has no trigram index of its own since migration 0011.)
     *
     * `plan` is for tests, which compare the two.
     */
    async searchByName(
      key: string,
      f: WorkerFilter,
      limit: number,
      after?: WorkerCursor,
      plan?: 'keys' | 'region',
    ): Promise<WorkerSearchPage> {
      const p = new Params();
      const where = filterSql(f, p);
      if (key.length < 3) {
        where.push(`w.name_key LIKE ${p.add(`${key.replace(/[\\%_]/g, '\\$&')}%`)}`);
        if (after) where.push(`(w.name_key, w.id) > (${p.add(after.k)}, ${p.add(after.id)}::uuid)`);
        const r = await db.query<WorkerRow>(
          `${SELECT} WHERE ${where.join(' AND ')} ORDER BY w.name_key, w.id LIMIT ${p.add(limit + 1)}`,
          p.values,
        );
        return { rows: r.rows.slice(0, limit), hasMore: r.rows.length > limit };
      }
      // Added only now: a parameter the statement does not use has no type, and PostgreSQL refuses it.
      const k = p.add(key);
      // A district or a village is small enough to read all its workers' keys.
      const isDistrictLevel = (code: string) => {
        const column = regionColumn(code);
        return column === 'district_code' || column === 'village_code';
      };
      const narrowed =
        (f.region !== undefined && isDistrictLevel(f.region)) ||
        (f.scope.regions.length > 0 && f.scope.regions.every(isDistrictLevel));
      let fromRegion = plan === 'region';
      if (narrowed && plan === undefined) {
        const MAX_KEYS_TO_WALK = 1_000;
        const keys = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM (SELECT FROM worker_name_keys WHERE $1 <% name_key LIMIT ${MAX_KEYS_TO_WALK + 1}) m`,
          [key],
        );
        fromRegion = (keys.rows[0]?.n ?? 0) > MAX_KEYS_TO_WALK;
      }
      // The keys to score: all of the registry's, or those the region's workers carry, read in key order
      // from the district's index alone (the other conditions are the walk's) and each scored once
      // however many carry it (OFFSET 0: the score's condition would otherwise be pushed below the
      // DISTINCT and computed for every worker).
      const keySource = fromRegion
        ? `(SELECT DISTINCT w.name_key FROM workers w WHERE ${keysRegionSql(f, p)} OFFSET 0) n`
        : 'worker_name_keys n';
      const score = `word_similarity(${k}, n.name_key)::float8`;
      const keyWhere = [`${k} <% n.name_key`];
      if (after) {
        const s = p.add(after.s ?? 0);
        const afterKey = p.add(after.k);
        keyWhere.push(`(${score} < ${s} OR (${score} = ${s} AND n.name_key >= ${afterKey}))`);
        // Within the cursor's own key, only the workers after it; no real id is the nil uuid.
        where.push(
          `w.id > CASE WHEN k.name_key = ${afterKey} THEN ${p.add(after.id)}::uuid
             ELSE '00000000-0000-0000-0000-000000000000'::uuid END`,
        );
      }
      const lim = p.add(limit + 1);
      const sql = `WITH keys AS MATERIALIZED (
          SELECT n.name_key, ${score} AS score FROM ${keySource} WHERE ${keyWhere.join(' AND ')}
        )
        SELECT k.score, w.*
        FROM (SELECT * FROM keys ORDER BY score DESC, name_key) k
        CROSS JOIN LATERAL (
          ${SELECT} WHERE w.name_key = k.name_key AND ${where.join(' AND ')} ORDER BY w.id LIMIT ${lim}
        ) w
        ORDER BY k.score DESC, k.name_key, w.id LIMIT ${lim}`;
      const r = await db.query<WorkerRow & { score: number }>(sql, p.values);
      return { rows: r.rows.slice(0, limit), hasMore: r.rows.length > limit };
    },
  };
}
export type WorkersRepo = ReturnType<typeof createWorkersRepo>;
