import { HOLDING_STATUSES } from '../../contracts/enrolments.js';
import type {
  EligibilityRules,
  PriorityWeights,
  ProgrammeStatus,
  Quota,
} from '../../contracts/programmes.js';
import type { SponsorKind } from '../../contracts/sponsors.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { ProgrammePlace } from './programmes.scope.js';

export interface ProgrammeRow {
  id: string;
  sponsor_id: string;
  name: string;
  region_code: string;
  /** First day of the month, 'YYYY-MM-DD'. */
  period_start: string;
  period_end: string;
  budget: number;
  include_jht: boolean;
  income_base: number;
  eligibility: EligibilityRules;
  priority_weights: PriorityWeights;
  quotas: Quota[];
  status: ProgrammeStatus;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  /** Joined from sponsors. */
  sponsor_name: string;
  sponsor_kind: SponsorKind;
}

export type ProgrammeFields = Pick<
  ProgrammeRow,
  | 'name'
  | 'region_code'
  | 'period_start'
  | 'period_end'
  | 'budget'
  | 'include_jht'
  | 'income_base'
  | 'eligibility'
  | 'priority_weights'
  | 'quotas'
>;

const JSON_COLUMNS = new Set(['eligibility', 'priority_weights', 'quotas']);
const dbValue = (column: string, v: unknown) => (JSON_COLUMNS.has(column) ? JSON.stringify(v) : v);

/** Statuses whose enrolments hold the programme's money. */
export const COMMITTED_STATUSES = HOLDING_STATUSES;

/** A programme row `p` (a CTE) with its sponsor's name and kind. */
const WITH_SPONSOR = `SELECT p.*, s.name AS sponsor_name, s.kind AS sponsor_kind
  FROM p JOIN sponsors s ON s.id = p.sponsor_id`;

/**
 * The only place that speaks SQL for programmes. Reads the enrolments and workers tables (the money its
 * enrolments hold, whom they cover) and never writes them.
 */
export function createProgrammesRepo(db: Queryable) {
  return {
    async insert(f: ProgrammeFields & { sponsor_id: string; created_by: string }): Promise<ProgrammeRow> {
      const r = await db.query<ProgrammeRow>(
        `WITH p AS (
           INSERT INTO programmes (sponsor_id, name, region_code, period_start, period_end, budget, include_jht,
             income_base, eligibility, priority_weights, quotas, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *)
         ${WITH_SPONSOR}`,
        [
          f.sponsor_id,
          f.name,
          f.region_code,
          f.period_start,
          f.period_end,
          f.budget,
          f.include_jht,
          f.income_base,
          JSON.stringify(f.eligibility),
          JSON.stringify(f.priority_weights),
          JSON.stringify(f.quotas),
          f.created_by,
        ],
      );
      return r.rows[0]!;
    },
    async findById(
      id: string,
      scope: ResourceScope<ProgrammePlace>,
      forUpdate = false,
    ): Promise<ProgrammeRow | null> {
      const p = new Params();
      const r = await db.query<ProgrammeRow>(
        `WITH p AS (SELECT * FROM programmes p WHERE p.id = ${p.add(id)} AND ${scope.where('p', p)}
           ${forUpdate ? 'FOR UPDATE' : ''})
         ${WITH_SPONSOR}`,
        p.values,
      );
      return r.rows[0] ?? null;
    },
    async list(
      scope: ResourceScope<ProgrammePlace>,
      filter: { status?: ProgrammeStatus; sponsorId?: string },
    ): Promise<(ProgrammeRow & { committed: number })[]> {
      const p = new Params();
      const where = [scope.where('p', p)];
      if (filter.status) where.push(`p.status = ${p.add(filter.status)}`);
      if (filter.sponsorId) where.push(`p.sponsor_id = ${p.add(filter.sponsorId)}::uuid`);
      const r = await db.query<ProgrammeRow & { committed: number }>(
        `WITH p AS (SELECT * FROM programmes p WHERE ${where.join(' AND ')})
         SELECT x.*, coalesce(c.committed, 0)::bigint AS committed
         FROM (${WITH_SPONSOR}) x
         LEFT JOIN (
           SELECT e.programme_id, sum(e.total_cost) AS committed FROM enrolments e
           WHERE e.programme_id IN (SELECT id FROM p) AND e.status = ANY(${p.add(COMMITTED_STATUSES)}::text[])
           GROUP BY e.programme_id
         ) c ON c.programme_id = x.id
         ORDER BY x.period_start DESC, lower(x.name), x.id`,
        p.values,
      );
      return r.rows;
    },
    async update(id: string, fields: Partial<ProgrammeFields & Pick<ProgrammeRow, 'status'>>, now: Date) {
      const entries = Object.entries(fields);
      const sets = entries.map(([k], i) => `${k} = $${i + 3}`);
      const r = await db.query<ProgrammeRow>(
        `WITH p AS (
           UPDATE programmes SET ${[...sets, 'updated_at = $2', 'version = version + 1'].join(', ')}
           WHERE id = $1 RETURNING *)
         ${WITH_SPONSOR}`,
        [id, now, ...entries.map(([k, v]) => dbValue(k, v))],
      );
      return r.rows[0] ?? null;
    },
    /** The money a programme's enrolments hold. */
    async committed(id: string): Promise<number> {
      const r = await db.query<{ committed: number }>(
        `SELECT coalesce(sum(total_cost), 0)::bigint AS committed FROM enrolments
         WHERE programme_id = $1 AND status = ANY($2::text[])`,
        [id, COMMITTED_STATUSES],
      );
      return r.rows[0]!.committed;
    },
    async byRegency(id: string) {
      const r = await db.query<{ region_code: string; workers: number; cost: number }>(
        `SELECT regency_code AS region_code, count(*)::int AS workers, sum(total_cost)::bigint AS cost
         FROM enrolments WHERE programme_id = $1 AND status = ANY($2::text[])
         GROUP BY regency_code ORDER BY regency_code`,
        [id, COMMITTED_STATUSES],
      );
      return r.rows;
    },
    async byOccupation(id: string) {
      const r = await db.query<{ occupation: string; workers: number; cost: number }>(
        `SELECT w.occupation, count(*)::int AS workers, sum(e.total_cost)::bigint AS cost
         FROM enrolments e JOIN workers w ON w.id = e.worker_id
         WHERE e.programme_id = $1 AND e.status = ANY($2::text[])
         GROUP BY w.occupation ORDER BY count(*) DESC, w.occupation`,
        [id, COMMITTED_STATUSES],
      );
      return r.rows;
    },
  };
}
export type ProgrammesRepo = ReturnType<typeof createProgrammesRepo>;
