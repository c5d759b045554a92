import type { Database } from '../db/index.js';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A row of `jobs` (migration 0017) as code sees it. */
export interface JobRecord<Payload = unknown> {
  id: string;
  kind: string;
  state: JobState;
  /** At most one queued or running job has a given key (e.g. `import:<id>`). */
  key: string | null;
  payload: Payload;
  /** What the handler last reported (`run.progress`), as any server reads it. */
  progress: unknown;
  /** What the handler returned, once succeeded. */
  result: unknown;
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  leaseUntil: Date | null;
  lockedBy: string | null;
  lastError: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  regionCode: string | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** One run of a job, as its handler sees it. */
export interface JobRun<Payload = unknown, Local = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly payload: Payload;
  /** 1 on the first run; more after a retry or after a run whose server died. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Aborted when the job is cancelled, its lease is lost, or the runner stops: end early if you can. */
  readonly signal: AbortSignal;
  readonly ctx: { db: Database; runnerId: string };
  /**
   * In-process extras given by a caller that runs the job itself (`runNow`): hooks only that process
   * can hear (the CLI's row collector, a test's pause). Undefined when the job was claimed from the
   * queue or re-run after a crash: a handler must do the same work without them.
   */
  readonly local: Local | undefined;
  /** Reports progress (JSON): kept in memory at once, written to the table at most every 500 ms. */
  progress(value: unknown): void;
  /**
   * What readers in this process may show of the running job besides its progress (in memory only,
   * never stored). On PGlite the job's transaction may hold the only connection, so a poll in this
   * process is answered from here (`runningHere`).
   */
  show(view: unknown): void;
}

/**
 * Does one job. It must be resumable or safely re-runnable: a run may stop anywhere (the server killed)
 * and the job is then run again from the start with the same payload, by this or another server.
 */
export type JobHandler<Payload = unknown, Result = unknown, Local = unknown> = (
  run: JobRun<Payload, Local>,
) => Promise<Result>;

export interface JobKindOptions {
  /** Runs at most this many times in all, retries and re-runs after crashes together (default 3). */
  maxAttempts?: number;
  /** Wait before retry number `attempt` + 1 after a retryable error (default: 2^attempt s, at most 60 s). */
  backoffMs?: (attempt: number) => number;
  /**
   * Called when a job of this kind ends without its handler having the last word: cancelled while
   * queued, or given up after its servers died `maxAttempts` times. Lets the feature mark its own
   * records (an import shown as failed).
   */
  onAbandoned?: (job: JobRecord, reason: 'cancelled' | 'interrupted') => Promise<void>;
}

export interface EnqueueOptions {
  key?: string;
  maxAttempts?: number;
  /** Not before this time. */
  runAfter?: Date;
  createdBy?: string;
  regionCode?: string;
}

/**
 * An error worth trying again (a network blip, a lock timeout): the job is queued again while attempts
 * remain. Any other error fails the job at once. `retryable: true` on any error object counts the same.
 */
export class RetryableError extends Error {
  readonly retryable = true;
  constructor(
    message: string,
    /** Wait this long before the retry instead of the kind's backoff. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}

export function isRetryable(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { retryable?: unknown }).retryable === true;
}

/** A job with this key is already queued or running. */
export class JobKeyTaken extends Error {
  constructor(readonly key: string) {
    super(`A job with key ${key} is already queued or running`);
    this.name = 'JobKeyTaken';
  }
}

/** A job that ended in `failed` or `cancelled` when its caller waited for it. */
export class JobFailed extends Error {
  constructor(readonly job: JobRecord) {
    super(job.lastError ?? `Job ${job.state}`);
    this.name = 'JobFailed';
  }
}
