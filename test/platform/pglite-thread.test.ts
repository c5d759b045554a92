import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPglite } from '../../src/platform/db/pglite.js';
import { isUniqueViolation } from '../../src/platform/db/sql.js';
import type { Database } from '../../src/platform/db/types.js';

// PGlite on its own thread (decision 0011) behaves as it did on the main thread: the same values,
// the same error fields, transactions all or nothing, and the main thread free while it works.

let db: Database;
before(async () => {
  db = await openPglite(undefined);
  await db.exec('CREATE TABLE t (id int PRIMARY KEY, d date, n int8, at timestamptz, note text)');
});
after(async () => {
  await db.close();
});

test('values come back as before: DATE as text, INT8 as a number, timestamps as Dates', async () => {
  await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5)', [1, '2001-02-03', 5, new Date(0), 'a\tb']);
  const r = await db.query<{ d: string; n: number; at: Date; note: string }>('SELECT d, n, at, note FROM t');
  assert.deepEqual(r.rows, [{ d: '2001-02-03', n: 5, at: new Date(0), note: 'a\tb' }]);
  assert.equal(
    await db.copyIn(
      't',
      ['id', 'note'],
      [
        [2, 'x\ny'],
        [3, null],
      ],
    ),
    2,
  );
  const c = await db.query<{ note: string | null }>('SELECT note FROM t WHERE id > 1 ORDER BY id');
  assert.deepEqual(c.rows, [{ note: 'x\ny' }, { note: null }]);
});

test('database errors keep their SQLSTATE and constraint; a failed transaction leaves nothing', async () => {
  await assert.rejects(
    db.transaction(async (tx) => {
      await tx.query('INSERT INTO t (id) VALUES (10)');
      await tx.query('INSERT INTO t (id) VALUES (1)');
    }),
    (e) => isUniqueViolation(e, 't_pkey'),
  );
  assert.equal((await db.query('SELECT 1 FROM t WHERE id = 10')).rows.length, 0);
  await assert.rejects(db.query('SELECT 1/0'), (e: { code?: string }) => e.code === '22012');
});

test('a transaction that swallowed a failed statement is reported, not committed; a closed transaction refuses statements', async () => {
  let kept: Parameters<Parameters<Database['transaction']>[0]>[0] | undefined;
  await assert.rejects(
    db.transaction(async (tx) => {
      kept = tx;
      await tx.query('INSERT INTO t (id) VALUES (20)');
      await tx.query('SELECT 1/0').catch(() => {});
    }),
    (e: { code?: string }) => e.code === '25P02',
  );
  assert.equal((await db.query('SELECT 1 FROM t WHERE id = 20')).rows.length, 0);
  await assert.rejects(kept!.query('SELECT 1'), /closed/);
});

test('the main thread keeps running while a statement runs', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  try {
    await db.query('SELECT pg_sleep(1)');
  } finally {
    clearInterval(timer);
  }
  // On the main thread, PGlite held the event loop for the whole second: no tick at all.
  assert.ok(ticks > 0);
});
