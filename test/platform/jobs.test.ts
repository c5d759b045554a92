import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/platform/db/index.js';
import { AppError } from '../../src/platform/errors.js';
import {
  createJobRunner,
  JobKeyTaken,
  type JobRecord,
  type JobRunner,
  RetryableError,
} from '../../src/platform/jobs/index.js';
import { createTestDatabase, openTestDatabase, type TestDatabase } from '../support/db.js';

// The durable job runner on the database the suite runs on (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): claims, leases, retries, progress and cancelling.

let t: TestDatabase;
/** A second connection to the same database (PostgreSQL: another pool, as another server has). */
let other: Database;
const runners: JobRunner[] = [];

before(async () => {
  t = await createTestDatabase();
  other = t.db.kind === 'postgres' ? await openTestDatabase(t.location) : t.db;
});
after(async () => {
  for (const r of runners) await r.stop();
  if (other !== t.db) await other.close();
  await t.drop();
});

function runner(db: Database = t.db, leaseSeconds = 30): JobRunner {
  const r = createJobRunner({ db, settings: { leaseSeconds }, pollMs: 20 });
  runners.push(r);
  return r;
}

const state = async (id: string) =>
  (
    await t.db.query<{ state: string; attempts: number; last_error: string | null }>(
      'SELECT state, attempts, last_error FROM jobs WHERE id = $1',
      [id],
    )
  ).rows[0]!;

/** Resolves once `check` holds, asking again and again (no time limit of its own). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}

describe('the job runner', () => {
  test('two runners on their own connections take every job exactly once (FOR UPDATE SKIP LOCKED)', async () => {
    const ran: string[] = [];
    const make = (db: Database, name: string) => {
      const r = runner(db);
      r.register<{ n: number }>('test.once', async (run) => {
        ran.push(`${run.payload.n}`);
        // Holds its job a moment, so the other runner claims while this one still runs.
        await new Promise((res) => setTimeout(res, 5));
        return name;
      });
      return r;
    };
    const a = make(t.db, 'a');
    const b = make(other, 'b');
    const ids: string[] = [];
    for (let n = 0; n < 12; n++) ids.push((await a.enqueue('test.once', { n })).id);
    await Promise.all([a.drain(), b.drain()]);
    assert.deepEqual(
      [...ran].sort((x, y) => Number(x) - Number(y)),
      ids.map((_, n) => `${n}`),
      'each job ran once',
    );
    for (const id of ids) {
      const j = (await a.get(id))!;
      assert.equal(j.state, 'succeeded');
      assert.equal(j.attempts, 1);
      assert.ok(j.result === 'a' || j.result === 'b');
    }
  });

  test('a job whose server died (lease run out) is claimed again and re-run; one still leased is not', async () => {
    const r = runner();
    const attempts: number[] = [];
    r.register('test.lease', async (run) => {
      attempts.push(run.attempt);
      return 'done';
    });
    const dead = await r.enqueue('test.lease', {});
    const alive = await r.enqueue('test.lease', {});
    // Claimed by servers that are gone: one lease ran out, the other (PostgreSQL) is still held.
    await t.db.query(
      `UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'gone', lease_until = now() - interval '1 second' WHERE id = $1`,
      [dead.id],
    );
    await t.db.query(
      `UPDATE jobs SET state = 'running', attempts = 1, locked_by = 'elsewhere', lease_until = now() + interval '1 hour' WHERE id = $1`,
      [alive.id],
    );
    await r.drain();
    assert.equal((await state(dead.id)).state, 'succeeded');
    assert.equal((await state(dead.id)).attempts, 2);
    if (t.db.kind === 'postgres') {
      // Another server may still be running it.
      assert.equal((await state(alive.id)).state, 'running');
      assert.deepEqual(attempts, [2]);
    } else {
      // PGlite: one process owns the database, so whatever was running was left by a dead one.
      assert.equal((await state(alive.id)).state, 'succeeded');
      assert.deepEqual(attempts, [2, 2]);
    }
  });

  test('a job interrupted as often as it may run is failed, and its kind hears it', async () => {
    const r = runner();
    const heard: [string, string][] = [];
    r.register('test.crashy', async () => 'never', {
      maxAttempts: 2,
      onAbandoned: async (job, reason) => {
        heard.push([job.id, reason]);
      },
    });
    const j = await r.enqueue('test.crashy', {});
    await t.db.query(
      `UPDATE jobs SET state = 'running', attempts = 2, locked_by = 'gone', lease_until = now() - interval '1 second' WHERE id = $1`,
      [j.id],
    );
    await r.drain();
    const s = await state(j.id);
    assert.equal(s.state, 'failed');
    assert.match(s.last_error!, /terhenti/);
    assert.deepEqual(heard, [[j.id, 'interrupted']]);
  });

  test('only errors marked retryable are tried again, while attempts remain', async () => {
    const r = runner();
    const seen: string[] = [];
    r.register<{ how: string }>(
      'test.retry',
      async (run) => {
        seen.push(`${run.payload.how}:${run.attempt}`);
        if (run.payload.how === 'blip' && run.attempt < 2) throw new RetryableError('sebentar');
        if (run.payload.how === 'always') throw new RetryableError('selalu');
        if (run.payload.how === 'broken') throw new Error('NIK 1671015708750001 rusak');
        if (run.payload.how === 'refused') throw new AppError('IMPORT_STATE', 'Tidak bisa.');
        return 'ok';
      },
      { maxAttempts: 3, backoffMs: () => 0 },
    );
    const blip = await r.enqueue('test.retry', { how: 'blip' });
    const always = await r.enqueue('test.retry', { how: 'always' });
    const broken = await r.enqueue('test.retry', { how: 'broken' });
    const refused = await r.enqueue('test.retry', { how: 'refused' });
    await r.drain();
    assert.deepEqual(await state(blip.id), { state: 'succeeded', attempts: 2, last_error: 'sebentar' });
    assert.deepEqual(await state(always.id), { state: 'failed', attempts: 3, last_error: 'selalu' });
    // Not retryable: failed at once; the message of an error not our own is not kept (it may hold data).
    assert.deepEqual(await state(broken.id), { state: 'failed', attempts: 1, last_error: 'Error' });
    assert.deepEqual(await state(refused.id), { state: 'failed', attempts: 1, last_error: 'Tidak bisa.' });
    assert.equal(seen.filter((s) => s.startsWith('always')).length, 3);
  });

  test('progress is written to the table, where a second runner on another connection reads it', async () => {
    const r = runner();
    const reader = runner(other);
    let release!: () => void;
    const held = new Promise<void>((res) => {
      release = res;
    });
    r.register('test.progress', async (run) => {
      run.progress({ rows: 10 });
      run.progress({ rows: 20 });
      await held;
      return 'ok';
    });
    const j = await r.enqueue('test.progress', {}, { key: 'progress:1' });
    await r.start();
    await eventually(async () => {
      const seen = await reader.progressOf(['progress:1']);
      return (seen.get('progress:1') as { rows?: number } | null)?.rows === 20;
    });
    assert.deepEqual(r.runningHere('progress:1')?.progress, { rows: 20 });
    assert.equal(reader.runningHere('progress:1'), null, 'the reader does not run it');
    release();
    await eventually(async () => (await state(j.id)).state === 'succeeded');
    assert.deepEqual((await reader.get(j.id))!.progress, { rows: 20 });
    await r.stop();
  });

  test('a queued job is cancelled and never runs; a key is held by one queued or running job at a time', async () => {
    const r = runner();
    const ran: string[] = [];
    const heard: string[] = [];
    r.register('test.cancel', async (run) => ran.push(run.id), {
      onAbandoned: async (_job, reason) => {
        heard.push(reason);
      },
    });
    const j = await r.enqueue('test.cancel', {}, { key: 'cancel:1' });
    await assert.rejects(r.enqueue('test.cancel', {}, { key: 'cancel:1' }), JobKeyTaken);
    const cancelled = await r.cancel(j.id);
    assert.equal(cancelled?.state, 'cancelled');
    assert.deepEqual(heard, ['cancelled']);
    await r.drain();
    assert.deepEqual(ran, []);
    assert.equal((await state(j.id)).state, 'cancelled');
    assert.equal(await r.cancel(j.id), null, 'already ended');
    // The key is free again.
    const next = await r.enqueue('test.cancel', {}, { key: 'cancel:1' });
    await r.drain();
    assert.deepEqual(ran, [next.id]);
  });

  test('stopping the runner asks a running job to stop; it goes back to the queue, the attempt not counted', async () => {
    const r = runner();
    let started!: () => void;
    const running = new Promise<void>((res) => {
      started = res;
    });
    r.register('test.stop', async (run) => {
      started();
      await new Promise((_, reject) => run.signal.addEventListener('abort', () => reject(run.signal.reason)));
    });
    const j = await r.enqueue('test.stop', {});
    await r.start();
    await running;
    await r.stop();
    const s = await state(j.id);
    assert.equal(s.state, 'queued');
    assert.equal(s.attempts, 0);
    // The next runner finishes it.
    const next = runner();
    next.register('test.stop', async () => 'ok');
    await next.drain();
    assert.equal((await state(j.id)).state, 'succeeded');
  });

  test('runNow runs the job here with in-process extras and answers its result, or its own error', async () => {
    const r = runner();
    r.register<{ fail: boolean }, string, { tag: string }>('test.now', async (run) => {
      if (run.payload.fail) throw new AppError('BAD_REQUEST', 'Tidak.');
      return `hello ${run.local?.tag}`;
    });
    assert.equal(await r.runNow('test.now', { fail: false }, {}, { tag: 'cli' }), 'hello cli');
    await assert.rejects(r.runNow('test.now', { fail: true }), (e: AppError) => e.code === 'BAD_REQUEST');
    const rows = await t.db.query<Pick<JobRecord, 'state'>>(
      "SELECT state FROM jobs WHERE kind = 'test.now' ORDER BY created_at",
    );
    assert.deepEqual(
      rows.rows.map((x) => x.state),
      ['succeeded', 'failed'],
    );
  });
});
