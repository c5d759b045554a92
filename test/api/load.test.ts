import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newContext, systemActor } from '../../src/platform/context.js';
import type { Database } from '../../src/platform/db/index.js';
import { createTestApp, type TestApp } from '../support/app.js';

// Admission and load shedding (decision 0011): health and the web app's files answer while the
// database is busy, requests wait for it in a bounded queue (503 + Retry-After), name searches run a
// few at a time, and each user's worker searches are limited per minute (429, the burst audited).

/** Takes every turn of the database, as a long import statement does; returns the way to give them back. */
async function holdDatabase(db: Database): Promise<() => void> {
  const held: (() => void)[] = [];
  for (let i = 0; i < db.turns.size; i++) held.push(await db.turns.acquire());
  return () => {
    for (const release of held) release();
  };
}

/** Waits (a bounded number of turns of the event loop) until `n` requests wait for the database. */
async function untilWaiting(db: Database, n: number) {
  for (let i = 0; i < 10_000 && db.turns.waiting < n; i++) await new Promise((r) => setImmediate(r));
  assert.equal(db.turns.waiting, n);
}

/** `p`, or a note that it did not settle within `ms` (a generous bound, so a missing limit fails instead of hanging). */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<'no answer'>((r) => {
      timer = setTimeout(() => r('no answer'), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('a long statement does not stop the server', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  before(async () => {
    t = await createTestApp();
    admin = await t.login('admin@payung.local');
  });
  after(async () => {
    await t.close();
  });

  test('health and the web app answer while a long statement runs; health says the database is busy', async () => {
    const order: string[] = [];
    // Background work (no request): it holds the database for seconds, like an import's index rebuild.
    const long = t.app.db.query('SELECT pg_sleep(3)').then(() => order.push('long statement'));
    const health = t.server.inject({ method: 'GET', url: '/api/v1/health' }).then((r) => {
      order.push('health');
      return r;
    });
    // A page of the web app, sent with the session cookie as a browser does.
    const page = t.server.inject({ method: 'GET', url: '/index.html', headers: admin }).then((r) => {
      order.push('page');
      return r;
    });
    const [h, p] = await Promise.all([health, page]);
    await long;
    assert.deepEqual(order.slice(0, 2).sort(), ['health', 'page']);
    assert.equal(order[2], 'long statement');
    assert.equal(h.statusCode, 200);
    assert.equal(h.json().status, 'ok');
    assert.notEqual(p.statusCode, 503);
    if (t.app.db.kind === 'pglite') {
      // PGlite has one connection, held by the long statement.
      assert.equal(h.json().databaseState, 'busy');
    }
    const again = await t.server.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(again.json().databaseState, 'ok');
  });

  test('a request waits for the database in a bounded queue: full queue and long wait answer 503 with Retry-After', async () => {
    // The default limits: a queue of 64 requests, 5 s each at most. A smaller app for this test.
    const small = await createTestApp({ limits: { dbWaitMs: 300, dbQueue: 2 } });
    try {
      const who = await small.login('operator.palembang@payung.local');
      const me = () => small.server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: who });
      const release = await holdDatabase(small.app.db);
      let released = false;
      try {
        // Two requests wait (the queue's size)…
        const waiting = [me(), me()];
        await untilWaiting(small.app.db, 2);
        // …the third is refused at once…
        const refused = await within(me(), 10_000);
        assert.notEqual(refused, 'no answer');
        if (refused === 'no answer') return;
        assert.equal(refused.statusCode, 503);
        assert.equal(refused.json().error.code, 'DATABASE_BUSY');
        assert.match(refused.json().error.message, /Coba lagi dalam \d+ detik/);
        assert.equal(refused.headers['retry-after'], '1');
        // Health still answers, from the process.
        const h = await small.server.inject({ method: 'GET', url: '/api/v1/health' });
        assert.equal(h.statusCode, 200);
        assert.equal(h.json().databaseState, 'busy');
        // …and the two waiting ones get 503 when their wait grows too long (the database stays busy).
        const waited = await within(Promise.all(waiting), 10_000);
        assert.notEqual(waited, 'no answer');
        for (const r of waited === 'no answer' ? [] : waited) {
          assert.equal(r.statusCode, 503);
          assert.equal(r.json().error.code, 'DATABASE_BUSY');
          assert.ok(r.headers['retry-after']);
        }
        // Work that is not a request (an import's commit, the CLI) is never refused: it waits its turn.
        const background = small.app.db.query<{ n: number }>('SELECT 1 AS n');
        // Longer than a request may wait (a pause, not a measurement).
        await new Promise((r) => setTimeout(r, 600));
        release();
        released = true;
        assert.deepEqual((await background).rows, [{ n: 1 }]);
      } finally {
        if (!released) release();
      }
      // Once the database is free again, requests are answered.
      assert.equal((await me()).statusCode, 200);
    } finally {
      await small.close();
    }
  });
});

describe('worker searches: per-user limit and name searches a few at a time', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demoWorkers: 5, limits: { searchesPerMinute: 3 } });
  });
  after(async () => {
    await t.close();
  });

  test('a user over the limit gets 429 RATE_LIMITED with when to retry; the burst is audited once; others are not limited', async () => {
    const op = await t.login('operator.palembang@payung.local');
    const search = (headers: Record<string, string>, url: string) =>
      t.server.inject({ method: 'GET', url, headers });
    // NIKs are searched for in a POST body (never in a URL).
    const byNik = (headers: Record<string, string>, q: string) =>
      t.server.inject({ method: 'POST', url: '/api/v1/workers/search', headers, payload: { q } });
    assert.equal((await search(op, '/api/v1/workers?q=siti')).statusCode, 200);
    assert.equal((await byNik(op, '3671014501900001')).statusCode, 200);
    assert.equal((await search(op, '/api/v1/workers')).statusCode, 200);
    const refused = [];
    for (let i = 0; i < 5; i++) refused.push(await byNik(op, '3671014501900002'));
    for (const r of refused) {
      assert.equal(r.statusCode, 429);
      assert.equal(r.json().error.code, 'RATE_LIMITED');
      assert.match(r.json().error.message, /batas 3 per menit.*Coba lagi dalam \d+ detik/);
      const retry = Number(r.headers['retry-after']);
      assert.ok(retry >= 1 && retry <= 60, String(retry));
    }
    // A person's record counts too (the same lookups, one at a time).
    const one = await search(op, '/api/v1/workers/00000000-0000-7000-8000-000000000000');
    assert.equal(one.statusCode, 429);

    // One audit event for the burst, not one per refused request; never the searched NIK.
    const events = await t.app.db.query<{ actor_label: string; details: unknown }>(
      `SELECT actor_label, details FROM audit_events WHERE action = 'worker.search.limited'`,
    );
    assert.equal(events.rows.length, 1);
    assert.equal(events.rows[0]?.actor_label, 'operator.palembang@payung.local');
    assert.doesNotMatch(JSON.stringify(events.rows), /3671014501900002/);

    // Another user is not limited by the first one's burst.
    const admin = await t.login('admin@payung.local');
    assert.equal((await search(admin, '/api/v1/workers?q=siti')).statusCode, 200);
    // The event is in the audit trail's viewer.
    const trail = await search(admin, '/api/v1/audit?action=worker.search.limited');
    assert.equal(trail.statusCode, 200);
    assert.match(trail.body, /worker\.search\.limited/);
  });

  test('name searches beyond the places and the queue are refused with 503 SERVER_BUSY, not queued', async () => {
    const busy = await createTestApp({ demoWorkers: 3, limits: { searchConcurrency: 1, searchQueue: 0 } });
    try {
      const ctx = newContext(systemActor('16', 'test'));
      const release = await holdDatabase(busy.app.db);
      let first: Promise<unknown>;
      try {
        // The only place: a name search waiting for the database.
        first = busy.app.workers.search(ctx, { q: 'siti', status: 'active', limit: 10 });
        // Its promise jobs run before the next turn of the event loop: by then it holds the place.
        await new Promise((r) => setImmediate(r));
        const second = await within(
          busy.app.workers.search(ctx, { q: 'aminah', status: 'active', limit: 10 }).catch((e) => e),
          10_000,
        );
        assert.equal(second?.code, 'SERVER_BUSY', 'the second name search is refused at once');
        assert.ok(second.details.retryAfterSeconds >= 1);
        assert.match(second.message, /Coba lagi dalam \d+ detik/);
        // A NIK lookup is cheap and does not take a name search's place.
        const byNik = busy.app.workers.search(ctx, { q: '3671014501900001', status: 'active', limit: 10 });
        release();
        await byNik;
      } catch (e) {
        release();
        throw e;
      }
      await first;
      // The place is free again.
      await busy.app.workers.search(ctx, { q: 'aminah', status: 'active', limit: 10 });

      // Over HTTP, a burst of name searches: the excess is refused at once (503 SERVER_BUSY with
      // Retry-After), not queued; the rest are answered.
      const who = await busy.login('admin@payung.local');
      const burst = await within(
        Promise.all(
          Array.from({ length: 30 }, () =>
            busy.server.inject({ method: 'GET', url: '/api/v1/workers?q=siti+aminah', headers: who }),
          ),
        ),
        60_000,
      );
      assert.notEqual(burst, 'no answer');
      const answers = burst === 'no answer' ? [] : burst;
      const refused = answers.filter((r) => r.statusCode === 503);
      assert.ok(refused.length > 0, 'some searches of the burst are refused');
      assert.ok(
        answers.some((r) => r.statusCode === 200),
        'some are answered',
      );
      for (const r of answers) {
        if (r.statusCode === 200) continue;
        assert.equal(r.statusCode, 503, r.body);
        assert.equal(r.json().error.code, 'SERVER_BUSY');
        assert.ok(Number(r.headers['retry-after']) >= 1);
      }
    } finally {
      await busy.close();
    }
  });
});
