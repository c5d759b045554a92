import type { Queryable } from '../db/index.js';
import type { EnqueueOptions, JobRecord, JobState } from './types.js';

interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  key: string | null;
  payload: unknown;
  progress: unknown;
  result: unknown;
  attempts: number;
  max_attempts: number;
  run_after: Date;
  lease_until: Date | null;
  locked_by: string | null;
  last_error: string | null;
  cancel_requested: boolean;
  created_by: string | null;
  region_code: string | null;
  created_at: Date;
  updated_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

function toRecord<P>(r: JobRow): JobRecord<P> {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state,
    key: r.key,
    payload: r.payload as P,
    progress: r.progress,
    result: r.result,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAfter: r.run_after,
    leaseUntil: r.lease_until,
    lockedBy: r.locked_by,
    lastError: r.last_error,
    cancelRequested: r.cancel_requested,
    createdBy: r.created_by,
    regionCode: r.region_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** The only SQL of the job runner. */
export function createJobsRepo(db: Queryable) {
  const one = async <P>(sql: string, params: unknown[]): Promise<JobRecord<P> | null> => {
    const r = await db.query<JobRow>(sql, params);
    return r.rows[0] ? toRecord<P>(r.rows[0]) : null;
  };
  return {
    /** A new job: queued, or (`claimedBy`) already running under that runner's lease. */
    insert<P>(
      kind: string,
      payload: P,
      opts: EnqueueOptions & { maxAttempts: number },
      claimedBy?: { runnerId: string; leaseSeconds: number },
    ): Promise<JobRecord<P>> {
      return one<P>(
        `INSERT INTO jobs (kind, payload, key, max_attempts, run_after, created_by, region_code,
           state, attempts, locked_by, lease_until, started_at)
         VALUES ($1, $2, $3, $4, coalesce($5, now()), $6, $7,
           CASE WHEN $8::text IS NULL THEN 'queued' ELSE 'running' END,
           CASE WHEN $8::text IS NULL THEN 0 ELSE 1 END, $8,
           CASE WHEN $8::text IS NULL THEN NULL ELSE now() + make_interval(secs => $9) END,
           CASE WHEN $8::text IS NULL THEN NULL ELSE now() END)
         RETURNING *`,
        [
          kind,
          json(payload) ?? '{}',
          opts.key ?? null,
          opts.maxAttempts,
          opts.runAfter ?? null,
          opts.createdBy ?? null,
          opts.regionCode ?? null,
          claimedBy?.runnerId ?? null,
          claimedBy?.leaseSeconds ?? 0,
        ],
      ) as Promise<JobRecord<P>>;
    },

    /**
     * Claims the next due job of `kinds` for `runnerId`: the oldest queued one, or a running one whose
     * lease ran out (its server died; attempts left; never one this runner holds, whose lease may lag
     * behind while PGlite's connection is taken by the job itself). SKIP LOCKED: runners claiming at the same moment
     * take different jobs instead of waiting for each other.
     */
    claim(kinds: readonly string[], runnerId: string, leaseSeconds: number): Promise<JobRecord | null> {
      return one(
        `UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $2,
           lease_until = now() + make_interval(secs => $3), started_at = coalesce(started_at, now()),
           updated_at = now()
         WHERE id = (
           SELECT id FROM jobs
           WHERE kind = ANY($1::text[])
             AND ((state = 'queued' AND run_after <= now())
               OR (state = 'running' AND lease_until < now() AND attempts < max_attempts
                   AND locked_by IS DISTINCT FROM $2))
           ORDER BY run_after, created_at
           FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING *`,
        [kinds, runnerId, leaseSeconds],
      );
    },

    /** Running jobs whose servers died once too often: failed, for their kind to settle. */
    async failExhausted(kinds: readonly string[], runnerId: string, message: string): Promise<JobRecord[]> {
      const r = await db.query<JobRow>(
        `UPDATE jobs SET state = 'failed', last_error = $3, lease_until = NULL, locked_by = NULL,
           finished_at = now(), updated_at = now()
         WHERE kind = ANY($1::text[]) AND state = 'running' AND lease_until < now() AND attempts >= max_attempts
           AND locked_by IS DISTINCT FROM $2
         RETURNING *`,
        [kinds, runnerId, message],
      );
      return r.rows.map((x) => toRecord(x));
    },

    /** PGlite at start: one process owns the database, so every running job was left by a dead one. */
    async expireLeases(): Promise<number> {
      const r = await db.query(
        "UPDATE jobs SET lease_until = now() - interval '1 second' WHERE state = 'running'",
      );
      return r.rowCount;
    },

    /** Renews the lease (false: lost) and tells whether a cancel was asked for. */
    async renew(
      id: string,
      runnerId: string,
      leaseSeconds: number,
    ): Promise<{ held: boolean; cancelRequested: boolean }> {
      const r = await db.query<{ cancel_requested: boolean }>(
        `UPDATE jobs SET lease_until = now() + make_interval(secs => $3), updated_at = now()
         WHERE id = $1 AND locked_by = $2 AND state = 'running' RETURNING cancel_requested`,
        [id, runnerId, leaseSeconds],
      );
      const row = r.rows[0];
      return { held: row !== undefined, cancelRequested: row?.cancel_requested ?? false };
    },

    async setProgress(id: string, runnerId: string, progress: unknown) {
      await db.query(
        `UPDATE jobs SET progress = $3, updated_at = now()
         WHERE id = $1 AND locked_by = $2 AND state = 'running'`,
        [id, runnerId, json(progress)],
      );
    },

    async finish(
      id: string,
      runnerId: string,
      end: {
        state: 'succeeded' | 'failed' | 'cancelled';
        result?: unknown;
        progress?: unknown;
        error?: string;
      },
    ) {
      await db.query(
        `UPDATE jobs SET state = $3, result = $4, progress = coalesce($5, progress), last_error = coalesce($6, last_error),
           lease_until = NULL, finished_at = now(), updated_at = now()
         WHERE id = $1 AND locked_by = $2 AND state = 'running'`,
        [id, runnerId, end.state, json(end.result), json(end.progress), end.error ?? null],
      );
    },

    /** Back to the queue: a retry after `delayMs`, or (`refund`) a run stopped by its own server's shutdown. */
    async requeue(id: string, runnerId: string, opts: { delayMs: number; error?: string; refund?: boolean }) {
      await db.query(
        `UPDATE jobs SET state = 'queued', lease_until = NULL, locked_by = NULL,
           run_after = now() + make_interval(secs => $3), last_error = coalesce($4, last_error),
           attempts = attempts - CASE WHEN $5 THEN 1 ELSE 0 END, updated_at = now()
         WHERE id = $1 AND locked_by = $2 AND state = 'running'`,
        [id, runnerId, opts.delayMs / 1000, opts.error ?? null, opts.refund ?? false],
      );
    },

    /** Cancels a queued job at once; asks a running one to stop (its runner hears it at the next renewal). */
    async cancel(id: string): Promise<JobRecord | null> {
      return one(
        `UPDATE jobs SET
           state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
           finished_at = CASE WHEN state = 'queued' THEN now() ELSE finished_at END,
           cancel_requested = true, updated_at = now()
         WHERE id = $1 AND state IN ('queued', 'running') RETURNING *`,
        [id],
      );
    },

    get: (id: string) => one(`SELECT * FROM jobs WHERE id = $1`, [id]),

    /** The latest job with this key (queued or running first). */
    latest: (key: string) =>
      one(
        `SELECT * FROM jobs WHERE key = $1
         ORDER BY state IN ('queued', 'running') DESC, created_at DESC LIMIT 1`,
        [key],
      ),

    /** Progress of the queued or running jobs with these keys. */
    async activeProgress(keys: readonly string[]): Promise<Map<string, unknown>> {
      if (keys.length === 0) return new Map();
      const r = await db.query<{ key: string; progress: unknown }>(
        `SELECT key, progress FROM jobs WHERE key = ANY($1::text[]) AND state IN ('queued', 'running')`,
        [keys],
      );
      return new Map(r.rows.map((x) => [x.key, x.progress]));
    },
  };
}
export type JobsRepo = ReturnType<typeof createJobsRepo>;
