import type { EndReason, EnrolmentStatus, ResponseRowError } from '../../contracts/enrolments.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { EnrolmentPlace } from './enrolments.scope.js';

export interface EnrolmentRow {
  id: string;
  worker_id: string;
  programme_id: string;
  programme_name: string;
  roster_id: string | null;
  sponsor_id: string;
  sponsor_name: string;
  full_name: string;
  nik: string;
  province_code: string;
  regency_code: string;
  district_code: string;
  status: EnrolmentStatus;
  first_month: string;
  last_month: string;
  monthly_cost: number;
  total_cost: number;
  kpj: string | null;
  coverage_start: string | null;
  rejection_reason: string | null;
  end_reason: EndReason | null;
  ended_on: string | null;
  version: number;
}

export interface EnrolmentEventRow {
  enrolment_id: string;
  at: Date;
  effective_on: string | null;
  from_status: EnrolmentStatus | null;
  to_status: EnrolmentStatus;
  reason: string | null;
  actor_label: string;
}

export interface ProgrammeFacts {
  id: string;
  name: string;
  sponsor_id: string;
  sponsor_name: string;
  region_code: string;
  include_jht: boolean;
  income_base: number;
}

/** What an exchange job's committed slices have done (migration 0022). */
export interface ExchangeRow {
  job_id: string;
  kind: 'export' | 'response';
  programme_id: string;
  next_line: number;
  submitted: number;
  activated: number;
  rejected: number;
  unchanged: number;
  errors: ResponseRowError[];
  error_count: number;
  result: unknown;
  finished_at: Date | null;
}

/** A worker's registration fields and its enrolment's, one row of the roster sent to BPJS. */
export interface RosterRow {
  id: string;
  nik: string;
  full_name: string;
  sex: string;
  birth_place: string | null;
  birth_date: string;
  mother_maiden_name: string | null;
  phone: string | null;
  address: string | null;
  district_code: string;
  village_code: string | null;
  occupation: string;
  declared_income: number | null;
  first_month: string;
  last_month: string;
  monthly_cost: number;
}

const SELECT = `SELECT e.id, e.worker_id, e.programme_id, p.name AS programme_name, e.roster_id, e.sponsor_id,
       s.name AS sponsor_name, w.full_name, w.nik, e.province_code, e.regency_code, e.district_code, e.status,
       e.first_month::text AS first_month, e.last_month::text AS last_month, e.monthly_cost, e.total_cost,
       e.kpj, e.coverage_start::text AS coverage_start, e.rejection_reason, e.end_reason,
       e.ended_on::text AS ended_on, e.version
  FROM enrolments e
  JOIN workers w ON w.id = e.worker_id
  JOIN programmes p ON p.id = e.programme_id
  JOIN sponsors s ON s.id = e.sponsor_id`;

/** Statuses of the enrolments a programme sent to BPJS (the roster a response file answers). */
export const SENT_STATUSES: readonly EnrolmentStatus[] = ['submitted', 'active', 'rejected'];

export interface EnrolmentFilter {
  programmeId: string;
  scope: ResourceScope<EnrolmentPlace>;
  status?: EnrolmentStatus;
  regency?: string;
  /** Keyset: enrolments after this id (ids are time-ordered). */
  afterId?: string;
  limit: number;
}

export function createEnrolmentsRepo(db: Queryable) {
  return {
    async programme(id: string): Promise<ProgrammeFacts | null> {
      const r = await db.query<ProgrammeFacts>(
        `SELECT p.id, p.name, p.sponsor_id, s.name AS sponsor_name, p.region_code, p.include_jht, p.income_base
           FROM programmes p JOIN sponsors s ON s.id = p.sponsor_id WHERE p.id = $1`,
        [id],
      );
      return r.rows[0] ?? null;
    },

    async list(f: EnrolmentFilter): Promise<{ rows: EnrolmentRow[]; hasMore: boolean }> {
      const p = new Params();
      const where = [`e.programme_id = ${p.add(f.programmeId)}`, f.scope.where('e', p)];
      if (f.status) where.push(`e.status = ${p.add(f.status)}`);
      if (f.regency) where.push(`e.regency_code = ${p.add(f.regency)}`);
      if (f.afterId) where.push(`e.id > ${p.add(f.afterId)}`);
      const r = await db.query<EnrolmentRow>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY e.id LIMIT ${p.add(f.limit + 1)}`,
        p.values,
      );
      return { rows: r.rows.slice(0, f.limit), hasMore: r.rows.length > f.limit };
    },

    async counts(programmeId: string, scope: ResourceScope<EnrolmentPlace>): Promise<Record<string, number>> {
      const p = new Params();
      const r = await db.query<{ status: string; n: number }>(
        `SELECT e.status, count(*)::int AS n FROM enrolments e
          WHERE e.programme_id = ${p.add(programmeId)} AND ${scope.where('e', p)} GROUP BY e.status`,
        p.values,
      );
      return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
    },

    async byWorker(workerId: string, scope: ResourceScope<EnrolmentPlace>): Promise<EnrolmentRow[]> {
      const p = new Params();
      const r = await db.query<EnrolmentRow>(
        `${SELECT} WHERE e.worker_id = ${p.add(workerId)} AND ${scope.where('e', p)}
          ORDER BY e.first_month DESC, e.id DESC`,
        p.values,
      );
      return r.rows;
    },

    /** The enrolments its sponsors pay for (sent to BPJS or later), newest first: the sponsor's view. */
    async sponsored(
      scope: ResourceScope<EnrolmentPlace>,
      afterId: string | undefined,
      limit: number,
    ): Promise<{ rows: EnrolmentRow[]; hasMore: boolean }> {
      const p = new Params();
      const where = [scope.where('e', p), `e.status IN ('submitted', 'active', 'ended')`];
      if (afterId) where.push(`e.id > ${p.add(afterId)}`);
      const r = await db.query<EnrolmentRow>(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY e.id LIMIT ${p.add(limit + 1)}`,
        p.values,
      );
      return { rows: r.rows.slice(0, limit), hasMore: r.rows.length > limit };
    },

    async findById(
      id: string,
      scope: ResourceScope<EnrolmentPlace>,
      lock = false,
    ): Promise<EnrolmentRow | null> {
      const p = new Params();
      const r = await db.query<EnrolmentRow>(
        `${SELECT} WHERE e.id = ${p.add(id)} AND ${scope.where('e', p)}${lock ? ' FOR UPDATE OF e' : ''}`,
        p.values,
      );
      return r.rows[0] ?? null;
    },

    async events(ids: readonly string[]): Promise<EnrolmentEventRow[]> {
      if (ids.length === 0) return [];
      const r = await db.query<EnrolmentEventRow>(
        `SELECT enrolment_id, at, effective_on::text AS effective_on, from_status, to_status, reason, actor_label
           FROM enrolment_events WHERE enrolment_id = ANY($1::uuid[]) ORDER BY enrolment_id, id`,
        [ids],
      );
      return r.rows;
    },

    async end(
      id: string,
      e: { reason: EndReason; effectiveOn: string; lastMonth: string; at: Date },
    ): Promise<void> {
      await db.query(
        `UPDATE enrolments SET status = 'ended', end_reason = $2, ended_on = $3, last_month = $4,
                version = version + 1, updated_at = $5
          WHERE id = $1`,
        [id, e.reason, e.effectiveOn, e.lastMonth, e.at],
      );
    },

    async addEvent(e: {
      enrolmentId: string;
      at: Date;
      effectiveOn: string | null;
      from: EnrolmentStatus | null;
      to: EnrolmentStatus;
      reason: string | null;
      actor: { id: string; label: string };
    }): Promise<void> {
      await db.query(
        `INSERT INTO enrolment_events (enrolment_id, at, effective_on, from_status, to_status, reason, actor_id, actor_label)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [e.enrolmentId, e.at, e.effectiveOn, e.from, e.to, e.reason, e.actor.id, e.actor.label],
      );
    },

    /**
     * One slice of the programme's proposed enrolments in approved rosters (id order, after `afterId`)
     * becomes submitted, set-based, with their events: how many, and the last id looked at (null when
     * none was left).
     */
    async submitSlice(
      programmeId: string,
      scope: ResourceScope<EnrolmentPlace>,
      afterId: string | null,
      limit: number,
      at: Date,
      actor: { id: string; label: string },
    ): Promise<{ submitted: number; last: string | null }> {
      const p = new Params();
      const atP = p.add(at);
      const where = [
        `e.programme_id = ${p.add(programmeId)}`,
        `e.status = 'proposed'`,
        `r.status = 'approved'`,
        scope.where('e', p),
      ];
      if (afterId) where.push(`e.id > ${p.add(afterId)}`);
      const r = await db.query<{ n: number; last: string | null }>(
        `WITH slice AS (
           SELECT e.id FROM enrolments e JOIN rosters r ON r.id = e.roster_id
            WHERE ${where.join(' AND ')}
            ORDER BY e.id LIMIT ${p.add(limit)}
              FOR UPDATE OF e
         ), sent AS (
           UPDATE enrolments e SET status = 'submitted', version = e.version + 1, updated_at = ${atP}
             FROM slice WHERE e.id = slice.id AND e.status = 'proposed'
           RETURNING e.id
         ), events AS (
           INSERT INTO enrolment_events (enrolment_id, at, effective_on, from_status, to_status, reason, actor_id, actor_label)
           SELECT id, ${atP}, ${atP}::date, 'proposed', 'submitted', 'Dikirim ke BPJS Ketenagakerjaan (ekspor daftar peserta)',
                  ${p.add(actor.id)}, ${p.add(actor.label)}
             FROM sent
           RETURNING 1
         )
         SELECT (SELECT count(*)::int FROM events) AS n,
                (SELECT id::text FROM slice ORDER BY id DESC LIMIT 1) AS last`,
        p.values,
      );
      return { submitted: r.rows[0]?.n ?? 0, last: r.rows[0]?.last ?? null };
    },

    /** How many of the programme's enrolments in approved rosters have this status (a job's total). */
    async approvedCount(
      programmeId: string,
      scope: ResourceScope<EnrolmentPlace>,
      status: EnrolmentStatus,
    ): Promise<number> {
      const p = new Params();
      const r = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM enrolments e JOIN rosters r ON r.id = e.roster_id
          WHERE e.programme_id = ${p.add(programmeId)} AND e.status = ${p.add(status)}
            AND r.status = 'approved' AND ${scope.where('e', p)}`,
        p.values,
      );
      return r.rows[0]?.n ?? 0;
    },

    /**
     * Fresh statistics after a job changed the statuses of many enrolments: PGlite has no autovacuum,
     * and with the old ones the planner takes "status = 'submitted'" for no rows and sorts the whole
     * programme for every page of the roster (docs/BENCHMARKS.md, enrolments as jobs).
     */
    async analyze(): Promise<void> {
      await db.exec('ANALYZE enrolments');
    },

    /** What an exchange job's committed slices have done (null: nothing yet). */
    async exchange(jobId: string): Promise<ExchangeRow | null> {
      const r = await db.query<ExchangeRow>('SELECT * FROM enrolment_exchanges WHERE job_id = $1', [jobId]);
      return r.rows[0] ?? null;
    },

    /** The exchange job's row, created by its first run. */
    async startExchange(
      jobId: string,
      kind: 'export' | 'response',
      programmeId: string,
    ): Promise<ExchangeRow> {
      await db.query(
        `INSERT INTO enrolment_exchanges (job_id, kind, programme_id) VALUES ($1, $2, $3)
         ON CONFLICT (job_id) DO NOTHING`,
        [jobId, kind, programmeId],
      );
      return (await this.exchange(jobId))!;
    },

    /** Adds a committed slice's counts (in the slice's own transaction). */
    async addToExchange(
      jobId: string,
      d: {
        nextLine?: number;
        submitted?: number;
        activated?: number;
        rejected?: number;
        unchanged?: number;
        errors?: unknown[];
        errorCount?: number;
      },
    ): Promise<void> {
      await db.query(
        `UPDATE enrolment_exchanges SET next_line = coalesce($2, next_line), submitted = submitted + $3,
                activated = activated + $4, rejected = rejected + $5, unchanged = unchanged + $6,
                errors = errors || $7::jsonb, error_count = error_count + $8
          WHERE job_id = $1`,
        [
          jobId,
          d.nextLine ?? null,
          d.submitted ?? 0,
          d.activated ?? 0,
          d.rejected ?? 0,
          d.unchanged ?? 0,
          JSON.stringify(d.errors ?? []),
          d.errorCount ?? 0,
        ],
      );
    },

    async finishExchange(jobId: string, result: unknown): Promise<void> {
      await db.query(
        'UPDATE enrolment_exchanges SET result = $2, finished_at = now() WHERE job_id = $1 AND finished_at IS NULL',
        [jobId, JSON.stringify(result)],
      );
    },

    /** One page of the submitted roster, in id order, with the registration fields BPJS needs. */
    async rosterPage(
      programmeId: string,
      scope: ResourceScope<EnrolmentPlace>,
      afterId: string | null,
      limit: number,
    ): Promise<RosterRow[]> {
      const p = new Params();
      const where = [
        `e.programme_id = ${p.add(programmeId)}`,
        `e.status = 'submitted'`,
        `r.status = 'approved'`,
        scope.where('e', p),
      ];
      if (afterId) where.push(`e.id > ${p.add(afterId)}`);
      const r = await db.query<RosterRow>(
        `SELECT e.id, w.nik, w.full_name, w.sex, w.birth_place, w.birth_date::text AS birth_date,
                w.mother_maiden_name, w.phone, w.address, w.district_code, w.village_code, w.occupation,
                w.declared_income, e.first_month::text AS first_month, e.last_month::text AS last_month,
                e.monthly_cost
           FROM enrolments e
           JOIN rosters r ON r.id = e.roster_id
           JOIN workers w ON w.id = e.worker_id
          WHERE ${where.join(' AND ')}
          ORDER BY e.id LIMIT ${p.add(limit)}`,
        p.values,
      );
      return r.rows;
    },
  };
}

export type EnrolmentsRepo = ReturnType<typeof createEnrolmentsRepo>;
