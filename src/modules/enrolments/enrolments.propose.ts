import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';

/**
 * The allocation's writes of enrolments, set-based: a roster's chosen workers become enrolments with
 * status 'proposed' (one statement, whatever their number), and a rejected roster's proposed
 * enrolments are cancelled, which frees their months. Each change gets its enrolment_events row.
 *
 * The database refuses a worker paid twice for a month (enrolments_no_double_funding, SQLSTATE 23P01),
 * also when two allocations run at once: the caller turns that into a clear conflict and rolls back.
 */

export interface EnrolmentActor {
  id: string;
  label: string;
}

export interface ProposedEnrolments {
  rosterId: string;
  programmeId: string;
  sponsorId: string;
  /** First days of the first and last month ('YYYY-MM-01'). */
  firstMonth: string;
  lastMonth: string;
  actor: EnrolmentActor;
  at: Date;
  /**
   * A query yielding the chosen workers, one row each, with the columns worker_id, province_code,
   * regency_code, district_code, rank, score, monthly_cost and total_cost; its `$n` parameters are
   * numbered from 1 and given in `params`.
   */
  chosen: { sql: string; params: readonly unknown[] };
}

/** Proposes the chosen workers' enrolments; how many were written. */
export async function insertProposedEnrolments(q: Queryable, e: ProposedEnrolments): Promise<number> {
  const p = new Params();
  for (const v of e.chosen.params) p.add(v);
  const roster = p.add(e.rosterId);
  const at = p.add(e.at);
  const r = await q.query<{ n: number }>(
    `WITH added AS (
       INSERT INTO enrolments (worker_id, programme_id, roster_id, sponsor_id, province_code, regency_code,
                               district_code, status, first_month, last_month, rank, score, monthly_cost,
                               total_cost, created_at, updated_at)
       SELECT c.worker_id, ${p.add(e.programmeId)}::uuid, ${roster}::uuid, ${p.add(e.sponsorId)}::uuid,
              c.province_code, c.regency_code, c.district_code, 'proposed',
              ${p.add(e.firstMonth)}::date, ${p.add(e.lastMonth)}::date, c.rank, c.score, c.monthly_cost,
              c.total_cost, ${at}::timestamptz, ${at}::timestamptz
         FROM (${e.chosen.sql}) AS c
        -- In the workers' order: each index on worker_id (the no-double-funding one too) is then
        -- filled page after page instead of all over.
        ORDER BY c.worker_id
       RETURNING id
     ), events AS (
       INSERT INTO enrolment_events (enrolment_id, at, from_status, to_status, reason, actor_id, actor_label)
       SELECT id, ${at}::timestamptz, NULL, 'proposed', 'Dipilih dalam alokasi (daftar peserta diusulkan)',
              ${p.add(e.actor.id)}, ${p.add(e.actor.label)}
         FROM added
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM events`,
    p.values,
  );
  return r.rows[0]?.n ?? 0;
}

/** Cancels a rejected roster's proposed enrolments (their months are free again); how many. */
export async function cancelRosterEnrolments(
  q: Queryable,
  e: { rosterId: string; reason: string; actor: EnrolmentActor; at: Date },
): Promise<number> {
  const r = await q.query<{ n: number }>(
    `WITH cancelled AS (
       UPDATE enrolments SET status = 'cancelled', version = version + 1, updated_at = $2
        WHERE roster_id = $1 AND status = 'proposed'
       RETURNING id
     ), events AS (
       INSERT INTO enrolment_events (enrolment_id, at, from_status, to_status, reason, actor_id, actor_label)
       SELECT id, $2, 'proposed', 'cancelled', $3, $4, $5 FROM cancelled
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM events`,
    [e.rosterId, e.at, e.reason, e.actor.id, e.actor.label],
  );
  return r.rows[0]?.n ?? 0;
}

/** SQLSTATE 23P01: an exclusion constraint refused the row (a worker's months already held). */
export function isDoubleFunding(e: unknown): boolean {
  return (e as { code?: string })?.code === '23P01';
}
