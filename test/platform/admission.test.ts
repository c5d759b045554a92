import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Gate, PerKeyLimit } from '../../src/platform/admission.js';
import { DatabaseTurns, withoutWaitBudget, withWaitBudget } from '../../src/platform/db/wait.js';

const code = (e: unknown) => (e as { code?: string }).code;

test('Gate: a few at a time, a bounded queue, the rest refused at once with when to retry', async () => {
  const gate = new Gate({ maxActive: 1, maxQueue: 1, maxWaitMs: 60_000, what: 'uji' });
  let finish!: () => void;
  const first = gate.run(() => new Promise<void>((r) => (finish = r)));
  const second = gate.run(async () => 'second');
  assert.deepEqual(gate.load, { active: 1, waiting: 1 });
  const third = await gate.run(async () => 'third').catch((e) => e);
  assert.equal(code(third), 'SERVER_BUSY');
  assert.equal(third.details.retryAfterSeconds, 60);
  finish();
  await first;
  assert.equal(await second, 'second');
  assert.deepEqual(gate.load, { active: 0, waiting: 0 });
  // A failure gives its place back too.
  await assert.rejects(
    gate.run(() => Promise.reject(new Error('x'))),
    /x/,
  );
  assert.equal(await gate.run(async () => 'again'), 'again');
});

test('PerKeyLimit: per key, one first refusal a window (again if its record failed), a new window resets', () => {
  const limit = new PerKeyLimit({ limit: 2, windowMs: 60_000 });
  assert.ok(limit.take('a', 0).allowed);
  assert.ok(limit.take('a', 1).allowed);
  const r1 = limit.take('a', 30_000);
  assert.deepEqual(r1, { allowed: false, firstRefusal: true, retryAfterSeconds: 30 });
  limit.burstRecorded('a', false);
  assert.equal((limit.take('a', 30_001) as { firstRefusal: boolean }).firstRefusal, true);
  limit.burstRecorded('a', true);
  assert.equal((limit.take('a', 30_002) as { firstRefusal: boolean }).firstRefusal, false);
  assert.ok(limit.take('b', 30_003).allowed);
  assert.ok(limit.take('a', 60_000).allowed);
});

test('DatabaseTurns: requests wait within their budget, background work without one', async () => {
  const turns = new DatabaseTurns(1);
  const release = await turns.acquire();
  const budget = { maxWaitMs: 50, maxQueue: 1, open: true };
  const waiting = withWaitBudget(budget, () => turns.acquire()).catch((e) => e);
  assert.equal(turns.waiting, 1);
  const full = await withWaitBudget(budget, () => turns.acquire()).catch((e) => e);
  assert.equal(code(full), 'DATABASE_BUSY');
  assert.equal(code(await waiting), 'DATABASE_BUSY');
  // Without a budget (background work, or a budget left inside a request), no refusal.
  let granted = false;
  const background = withWaitBudget(budget, () => withoutWaitBudget(() => turns.acquire())).then((r) => {
    granted = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(granted, false);
  release();
  (await background)();
  // A closed budget (the response was sent) no longer refuses what the request left running.
  const hold = await turns.acquire();
  const closed = { maxWaitMs: 20, maxQueue: 5, open: true };
  const left = withWaitBudget(closed, () => turns.acquire());
  closed.open = false;
  await new Promise((r) => setTimeout(r, 60));
  hold();
  (await left)();
  assert.equal(turns.busyForMs(), 0);
});
