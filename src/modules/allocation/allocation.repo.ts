import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { AllocationPlace } from './allocation.scope.js';

/**
 * The allocation's SQL besides the pool: rosters and a roster's ranked workers. Programmes are read
 * through the programmes feature (its service, and the money their enrolments hold).
 */
export interface RosterRow {
  id: string;
  programme_id: string;
  programme_name: string;
  sponsor_id: string;
  region_code: string;
  status: 'proposed' | 'approved' | 'rejected';
  budget: number;
  settings: Record<string, unknown>;
  result: Record<string, unknown>;
  proposed_by: string;
  proposed_by_label: string;
  proposed_at: Date;
  decided_by: string | null;
  decided_by_label: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  job_id: string | null;
}

export interface RosterWorkerRow {
  rank: number;
  worker_id: string;
  full_name: string;
  nik: string;
  regency_code: string;
  occupation: string;
  score: number;
  monthly_cost: number;
  total_cost: number;
  status: string;
  birth_date: string;
  declared_income: number | null;
  in_welfare_register: boolean;
  has_disability: boolean;
  is_female_head_of_household: boolean;
}

const ROSTER_COLUMNS = `r.id, r.programme_id, p.name AS programme_name, r.sponsor_id, r.region_code, r.status,
  r.budget, r.settings, r.result, r.proposed_by, r.proposed_by_label, r.proposed_at, r.decided_by,
  r.decided_by_label, r.decided_at, r.decision_note, r.job_id`;

export function createAllocationRepo(q: Queryable) {
  return {
    async pendingRoster(programmeId: string): Promise<string | null> {
      const r = await q.query<{ id: string }>(
        `SELECT id FROM rosters WHERE programme_id = $1 AND status = 'proposed'`,
        [programmeId],
      );
      return r.rows[0]?.id ?? null;
    },

    async rosterOfJob(jobId: string): Promise<string | null> {
      const r = await q.query<{ id: string }>('SELECT id FROM rosters WHERE job_id = $1', [jobId]);
      return r.rows[0]?.id ?? null;
    },

    async insertRoster(row: {
      programmeId: string;
      sponsorId: string;
      regionCode: string;
      budget: number;
      settings: unknown;
      result: unknown;
      proposedBy: string;
      proposedByLabel: string;
      at: Date;
      jobId: string | null;
    }): Promise<string> {
      const r = await q.query<{ id: string }>(
        `INSERT INTO rosters (programme_id, sponsor_id, region_code, budget, settings, result, proposed_by,
                              proposed_by_label, proposed_at, job_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          row.programmeId,
          row.sponsorId,
          row.regionCode,
          row.budget,
          JSON.stringify(row.settings),
          JSON.stringify(row.result),
          row.proposedBy,
          row.proposedByLabel,
          row.at,
          row.jobId,
        ],
      );
      return r.rows[0]!.id;
    },

    async setResult(id: string, result: unknown): Promise<void> {
      await q.query('UPDATE rosters SET result = $2 WHERE id = $1', [id, JSON.stringify(result)]);
    },

    async findRoster(
      id: string,
      scope: ResourceScope<AllocationPlace>,
      lock = false,
    ): Promise<RosterRow | null> {
      const p = new Params();
      const r = await q.query<RosterRow>(
        `SELECT ${ROSTER_COLUMNS} FROM rosters r JOIN programmes p ON p.id = r.programme_id
          WHERE r.id = ${p.add(id)} AND ${scope.where('r', p)}${lock ? ' FOR UPDATE OF r' : ''}`,
        p.values,
      );
      return r.rows[0] ?? null;
    },

    /**
     * A programme's rosters, newest first, `limit` (+1, to tell whether more follow) after the pair
     * (proposed_at, id) of `after`; `proposed_key` is proposed_at as text, to the microsecond (a Date
     * would lose it), for the next page's marker.
     */
    async listRosters(
      programmeId: string,
      scope: ResourceScope<AllocationPlace>,
      page: { limit: number; after?: { t: string; id: string } | undefined },
    ): Promise<(RosterRow & { proposed_key: string })[]> {
      const p = new Params();
      const keyset = page.after
        ? `AND (r.proposed_at, r.id) < (${p.add(page.after.t)}::timestamptz, ${p.add(page.after.id)}::uuid)`
        : '';
      const r = await q.query<RosterRow & { proposed_key: string }>(
        `SELECT ${ROSTER_COLUMNS}, r.proposed_at::text AS proposed_key
           FROM rosters r JOIN programmes p ON p.id = r.programme_id
          WHERE r.programme_id = ${p.add(programmeId)} AND ${scope.where('r', p)} ${keyset}
          ORDER BY r.proposed_at DESC, r.id DESC LIMIT ${p.add(page.limit + 1)}`,
        p.values,
      );
      return r.rows;
    },

    async decide(
      id: string,
      d: { status: 'approved' | 'rejected'; by: string; label: string; at: Date; note: string | null },
    ): Promise<void> {
      await q.query(
        `UPDATE rosters SET status = $2, decided_by = $3, decided_by_label = $4, decided_at = $5, decision_note = $6
          WHERE id = $1 AND status = 'proposed'`,
        [id, d.status, d.by, d.label, d.at, d.note],
      );
    },

    async rosterWorkers(rosterId: string, after: number, limit: number): Promise<RosterWorkerRow[]> {
      const r = await q.query<RosterWorkerRow>(
        `SELECT e.rank, e.worker_id, w.full_name, w.nik, e.regency_code, w.occupation, e.score, e.monthly_cost,
                e.total_cost, e.status, w.birth_date, w.declared_income, w.in_welfare_register, w.has_disability,
                w.is_female_head_of_household
           FROM enrolments e JOIN workers w ON w.id = e.worker_id
          WHERE e.roster_id = $1 AND e.rank > $2
          ORDER BY e.rank LIMIT $3`,
        [rosterId, after, limit],
      );
      return r.rows;
    },

    async rosterSize(rosterId: string): Promise<number> {
      const r = await q.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM enrolments WHERE roster_id = $1',
        [rosterId],
      );
      return r.rows[0]!.n;
    },

    /** The enrolments holding a worker's months, with their programmes' names. */
    async heldMonths(workerId: string) {
      const r = await q.query<{
        programme_id: string;
        programme_name: string;
        first_month: string;
        last_month: string;
        status: string;
      }>(
        `SELECT e.programme_id, p.name AS programme_name, to_char(e.first_month, 'YYYY-MM') AS first_month,
                to_char(e.last_month, 'YYYY-MM') AS last_month, e.status
           FROM enrolments e JOIN programmes p ON p.id = e.programme_id
          WHERE e.worker_id = $1 ORDER BY e.first_month`,
        [workerId],
      );
      return r.rows;
    },
  };
}
