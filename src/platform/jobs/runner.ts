import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobSettings } from '../config.js';
import type { Database } from '../db/index.js';
import { withoutWaitBudget } from '../db/wait.js';
import { AppError } from '../errors.js';
import { createJobsRepo } from './jobs.repo.js';
import {
  type EnqueueOptions,
  isRetryable,
  JobFailed,
  type JobHandler,
  JobKeyTaken,
  type JobKindOptions,
  type JobRecord,
  type JobRun,
} from './types.js';

/** Progress reaches the table at most this often per job. */
export const PROGRESS_WRITE_MS = 500;
const DEFAULT_MAX_ATTEMPTS = 3;
const INTERRUPTED = 'Pekerjaan terhenti berulang kali karena servernya mati; tidak dicoba lagi.';

export interface RunnerOptions {
  db: Database;
  settings: JobSettings;
  /** How often an idle runner looks for due jobs (default 1 s); `kick()` looks at once. */
  pollMs?: number;
  /** Jobs run at once by this runner (default 1; PGlite has one connection anyway). */
  concurrency?: number;
  /** Hears errors of the runner's own bookkeeping (never a job's payload). */
  onError?: (e: unknown) => void;
}

/** What this process knows of a job it runs, without asking the database. */
export interface RunningHere {
  id: string;
  kind: string;
  key: string | null;
  payload: unknown;
  progress: unknown;
  view: unknown;
}

interface Kind {
  handler: JobHandler<never, unknown, never>;
  options: JobKindOptions;
}

interface Active extends RunningHere {
  abort: AbortController;
  /** Why the signal was aborted: the runner's own reasons. */
  stop: 'cancel' | 'lost' | 'shutdown' | null;
}

/** How a run ended, for a caller that ran it here: the original error when it failed. */
type Outcome = { job: JobRecord; error?: unknown };

/** A message safe to keep in the table: our own errors' words, otherwise only the error's kind. */
function describe(e: unknown): string {
  if (e instanceof AppError || isRetryable(e)) return (e as Error).message.slice(0, 1000);
  const code = (e as { code?: unknown })?.code;
  const name = e instanceof Error ? e.name : 'Error';
  return `${name}${typeof code === 'string' ? ` ${code}` : ''}`;
}

/**
 * The durable job runner (decision 0018): jobs live in the `jobs` table, any server sharing the
 * database claims them, a claimed job is held by a lease renewed while it runs, and a job whose lease
 * ran out (its server was killed) is claimed again and re-run from the start.
 */
export function createJobRunner(opts: RunnerOptions) {
  const { db, settings } = opts;
  const repo = createJobsRepo(db);
  const runnerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const pollMs = opts.pollMs ?? 1000;
  const concurrency = opts.concurrency ?? 1;
  const kinds = new Map<string, Kind>();
  const active = new Map<string, Active>();
  const runs = new Set<Promise<unknown>>();
  const onError = opts.onError ?? (() => {});
  let started = false;
  let timer: NodeJS.Timeout | null = null;
  let looking: Promise<void> | null = null;
  let again = false;

  function kindOf(kind: string): Kind {
    const k = kinds.get(kind);
    if (!k) throw new Error(`No handler for job kind ${kind}`);
    return k;
  }

  async function run(job: JobRecord, local?: unknown): Promise<Outcome> {
    const { handler, options } = kindOf(job.kind);
    const abort = new AbortController();
    const a: Active = {
      id: job.id,
      kind: job.kind,
      key: job.key,
      payload: job.payload,
      progress: job.progress,
      view: undefined,
      abort,
      stop: null,
    };
    active.set(job.id, a);
    // Progress: the latest value in memory at once; the table gets it at most every PROGRESS_WRITE_MS,
    // one write at a time (on PGlite a write waits while the job's own transaction holds the connection).
    let written = 0;
    let writing: Promise<void> | null = null;
    let pending = false;
    let progressTimer: NodeJS.Timeout | null = null;
    const writeProgress = () => {
      progressTimer = null;
      if (writing) {
        pending = true;
        return;
      }
      pending = false;
      written = Date.now();
      writing = repo
        .setProgress(job.id, runnerId, a.progress)
        .catch(onError)
        .finally(() => {
          writing = null;
          if (pending) schedule();
        });
    };
    const schedule = () => {
      if (progressTimer) return;
      progressTimer = setTimeout(writeProgress, Math.max(0, written + PROGRESS_WRITE_MS - Date.now()));
      progressTimer.unref();
    };
    let renewing = false;
    const lease = setInterval(
      () => {
        if (renewing) return;
        renewing = true;
        repo
          .renew(job.id, runnerId, settings.leaseSeconds)
          .then((r) => {
            if (!r.held) a.stop ??= 'lost';
            else if (r.cancelRequested) a.stop ??= 'cancel';
            if (a.stop) abort.abort(new Error(`job ${a.stop}`));
          })
          .catch(onError)
          .finally(() => {
            renewing = false;
          });
      },
      Math.max(200, (settings.leaseSeconds * 1000) / 3),
    );
    lease.unref();
    const jobRun: JobRun<unknown, unknown> = {
      id: job.id,
      kind: job.kind,
      payload: job.payload,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      signal: abort.signal,
      ctx: { db, runnerId },
      local,
      progress(value) {
        a.progress = value;
        schedule();
      },
      show(view) {
        a.view = view;
      },
    };
    const settle = async () => {
      clearInterval(lease);
      if (progressTimer) clearTimeout(progressTimer);
      await writing;
    };
    try {
      const result = await (handler as JobHandler<unknown, unknown, unknown>)(jobRun);
      await settle();
      await repo.finish(job.id, runnerId, {
        state: 'succeeded',
        result: result ?? null,
        progress: a.progress,
      });
      return { job: { ...job, state: 'succeeded', result, progress: a.progress } };
    } catch (e) {
      await settle();
      const error = describe(e);
      if (a.stop === 'lost') return { job: { ...job, lastError: error }, error: e };
      if (a.stop === 'cancel') {
        await repo.finish(job.id, runnerId, { state: 'cancelled', error });
        await options.onAbandoned?.(job, 'cancelled');
        return { job: { ...job, state: 'cancelled', lastError: error }, error: e };
      }
      if (a.stop === 'shutdown') {
        // Stopped by this server's shutdown, not by the work: queued again, the attempt not counted.
        await repo.requeue(job.id, runnerId, { delayMs: 0, refund: true });
        return { job: { ...job, state: 'queued' }, error: e };
      }
      if (isRetryable(e) && job.attempts < job.maxAttempts) {
        const delayMs =
          (e as { retryAfterMs?: number }).retryAfterMs ??
          options.backoffMs?.(job.attempts) ??
          Math.min(60_000, 1000 * 2 ** job.attempts);
        await repo.requeue(job.id, runnerId, { delayMs, error });
        if (started) setTimeout(kick, delayMs).unref();
        return { job: { ...job, state: 'queued', lastError: error }, error: e };
      }
      await repo.finish(job.id, runnerId, { state: 'failed', error });
      return { job: { ...job, state: 'failed', lastError: error }, error: e };
    } finally {
      active.delete(job.id);
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    runs.add(p);
    const done = () => {
      runs.delete(p);
      if (started) kick();
    };
    p.then(done, done);
    return p;
  }

  /** Fails the jobs whose servers died as often as they may run; their kinds hear it. */
  async function sweep(names: string[]) {
    for (const job of await repo.failExhausted(names, runnerId, INTERRUPTED)) {
      await kinds.get(job.kind)?.options.onAbandoned?.(job, 'interrupted');
    }
  }

  /** Claims and starts due jobs while places are free. */
  async function look(): Promise<void> {
    const names = [...kinds.keys()];
    if (names.length === 0) return;
    await sweep(names);
    while (started && active.size < concurrency) {
      const job = await repo.claim(names, runnerId, settings.leaseSeconds);
      if (!job) return;
      track(run(job)).catch(onError);
    }
  }

  /** Looks for due jobs now (after an enqueue), then every pollMs. */
  function kick(): void {
    if (!started) return;
    if (looking) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = null;
    // Outside any request's wait budget: background work is never refused (db/wait.ts).
    looking = withoutWaitBudget(() =>
      look()
        .catch(onError)
        .finally(() => {
          looking = null;
          if (!started) return;
          if (again) {
            again = false;
            kick();
          } else {
            timer = setTimeout(kick, pollMs);
            timer.unref();
          }
        }),
    );
  }

  let recovered = false;
  /** PGlite: one process owns the database, so a job still running was left by a dead process. */
  async function recover() {
    if (recovered || db.kind !== 'pglite') return;
    recovered = true;
    await repo.expireLeases();
  }

  async function waitFor(id: string): Promise<JobRecord> {
    for (;;) {
      const job = await repo.get(id);
      if (!job) throw new Error(`Job ${id} not found`);
      if (job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled') return job;
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  async function insert<P>(
    kind: string,
    payload: P,
    o: EnqueueOptions,
    claim?: boolean,
  ): Promise<JobRecord<P>> {
    const maxAttempts = o.maxAttempts ?? kindOf(kind).options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    try {
      return await repo.insert(
        kind,
        payload,
        { ...o, maxAttempts },
        claim ? { runnerId, leaseSeconds: settings.leaseSeconds } : undefined,
      );
    } catch (e) {
      if ((e as { code?: string }).code === '23505' && o.key) throw new JobKeyTaken(o.key);
      throw e;
    }
  }

  return {
    id: runnerId,

    register<P, R = unknown, L = unknown>(
      kind: string,
      handler: JobHandler<P, R, L>,
      options: JobKindOptions = {},
    ): void {
      if (kinds.has(kind)) throw new Error(`Job kind ${kind} registered twice`);
      kinds.set(kind, { handler: handler as JobHandler<never, unknown, never>, options });
    },

    /** Queues a job for any runner of the database; JobKeyTaken when its key is queued or running. */
    async enqueue<P>(kind: string, payload: P, o: EnqueueOptions = {}): Promise<JobRecord<P>> {
      const job = await insert(kind, payload, o);
      kick();
      return job;
    },

    /**
     * Creates the job already claimed by this runner and runs it here to its end (the CLI, tests):
     * `local` reaches the handler as `run.local`. Resolves with the job when it succeeded; rejects with
     * the handler's own error otherwise. Killed mid-way, the job is re-run by the next runner.
     */
    async runNow<P, R = unknown, L = unknown>(
      kind: string,
      payload: P,
      o: EnqueueOptions = {},
      local?: L,
    ): Promise<R> {
      const job = await insert(kind, payload, o, true);
      const out = await withoutWaitBudget(() => track(run(job as JobRecord, local)));
      if (out.job.state !== 'succeeded') throw out.error ?? new JobFailed(out.job);
      return out.job.result as R;
    },

    /** Waits until the job has ended (any server may run it); the job as it ended. */
    waitFor,

    get: (id: string) => repo.get(id),
    /** The latest job with this key. */
    latest: (key: string) => repo.latest(key),
    /** Progress of queued or running jobs by key: this process's own first, then the table's. */
    async progressOf(keys: readonly string[]): Promise<Map<string, unknown>> {
      const out = new Map<string, unknown>();
      const rest: string[] = [];
      for (const k of keys) {
        const here = this.runningHere(k);
        if (here) out.set(k, here.progress);
        else rest.push(k);
      }
      for (const [k, v] of await repo.activeProgress(rest)) out.set(k, v);
      return out;
    },

    /** The job with this key (or id) if this process runs it now: answered from memory. */
    runningHere(keyOrId: string): RunningHere | null {
      const byId = active.get(keyOrId);
      const a = byId ?? [...active.values()].find((x) => x.key === keyOrId);
      return a
        ? { id: a.id, kind: a.kind, key: a.key, payload: a.payload, progress: a.progress, view: a.view }
        : null;
    },

    /**
     * Cancels a queued job (it never runs; its kind's onAbandoned hears it). A running job is asked to
     * stop: its signal is aborted at its next lease renewal. Null when the job had already ended.
     */
    async cancel(id: string): Promise<JobRecord | null> {
      const job = await repo.cancel(id);
      if (job?.state === 'cancelled') await kinds.get(job.kind)?.options.onAbandoned?.(job, 'cancelled');
      const here = active.get(id);
      if (job?.state === 'running' && here) {
        here.stop ??= 'cancel';
        here.abort.abort(new Error('job cancel'));
      }
      return job;
    },

    /** Starts claiming: on PGlite, jobs left running by a dead process are claimed at once. */
    async start(): Promise<void> {
      if (started) return;
      await recover();
      started = true;
      kick();
    },

    /**
     * Stops claiming, asks running jobs to stop (their signal), and waits for them: a job that stops
     * early goes back to the queue without counting the attempt; one that ignores the signal ends.
     */
    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await looking;
      for (const a of active.values()) {
        a.stop ??= 'shutdown';
        a.abort.abort(new Error('job shutdown'));
      }
      await Promise.allSettled([...runs]);
    },

    /** Runs due jobs here until none is left (tests, a command that drains the queue). */
    async drain(): Promise<void> {
      await recover();
      const names = [...kinds.keys()];
      await sweep(names);
      for (;;) {
        const job = await repo.claim(names, runnerId, settings.leaseSeconds);
        if (!job) break;
        await track(run(job));
      }
      await Promise.allSettled([...runs]);
    },
  };
}
export type JobRunner = ReturnType<typeof createJobRunner>;
