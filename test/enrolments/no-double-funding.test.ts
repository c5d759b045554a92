import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { type EnrolmentWorld, enrolmentWorld } from './setup.js';

/**
 * enrolments_no_double_funding (migration 0021): the database itself refuses a worker paid twice for a
 * month, whichever path writes the rows — here plain SQL, no service in between.
 */
let w: EnrolmentWorld;
let other: { id: string; sponsorId: string; rosterId: string };
before(async () => {
  w = await enrolmentWorld();
  const p = await aProgramme(w.tdb.db, { start: '2027-06-01', end: '2028-05-01' });
  other = { ...p, rosterId: await aRoster(w.tdb.db, p.id) };
});
after(async () => {
  await w.tdb.drop();
  rmSync(w.dir, { recursive: true, force: true });
});

const isExclusion = (e: unknown) =>
  (e as { code?: string }).code === '23P01' &&
  String((e as { message?: string }).message ?? '').includes('enrolments_no_double_funding');

const overlapping = (workerId: string, firstMonth = '2027-06-01', lastMonth = '2028-05-01') =>
  anEnrolment(w.tdb.db, {
    workerId,
    programmeId: other.id,
    sponsorId: other.sponsorId,
    rosterId: other.rosterId,
    firstMonth,
    lastMonth,
  });

test('a direct insert of an overlapping enrolment is refused (23P01), one sharing no month is not', async () => {
  await assert.rejects(overlapping(w.workers.palembang1!), isExclusion);
  await assert.rejects(overlapping(w.workers.palembang1!, '2027-12-01', '2027-12-01'), isExclusion);
  // 2028 is free: the first programme runs 2027-01 … 2027-12.
  await overlapping(w.workers.palembang1!, '2028-01-01', '2028-05-01');
  // Every status that holds months counts, active and ended included.
  await w.tdb.db.query(`UPDATE enrolments SET status = 'active', kpj = '16710000011' WHERE id = $1`, [
    w.enrolments.palembang3,
  ]);
  await assert.rejects(overlapping(w.workers.palembang3!), isExclusion);
});

test('rejected and cancelled enrolments release their months; an ended one keeps only those up to its end', async () => {
  await w.tdb.db.query(`UPDATE enrolments SET status = 'rejected', rejection_reason = 'x' WHERE id = $1`, [
    w.enrolments.palembang2,
  ]);
  await overlapping(w.workers.palembang2!);
  await w.tdb.db.query(`UPDATE enrolments SET status = 'cancelled' WHERE id = $1`, [w.enrolments.oganIlir]);
  await overlapping(w.workers.oganIlir!);
  // Ended in May 2027 with its last month moved back: June onwards is free, May is not.
  await w.tdb.db.query(
    `UPDATE enrolments SET status = 'ended', end_reason = 'withdrawn', ended_on = '2027-05-20', last_month = '2027-05-01'
      WHERE id = $1`,
    [w.enrolments.palembang3],
  );
  await overlapping(w.workers.palembang3!, '2027-06-01', '2027-07-01');
  await assert.rejects(overlapping(w.workers.palembang3!, '2027-05-01', '2027-05-01'), isExclusion);
  // Bringing a rejected enrolment back while another holds its months is refused too.
  await assert.rejects(
    w.tdb.db.query(`UPDATE enrolments SET status = 'submitted' WHERE id = $1`, [w.enrolments.palembang2]),
    isExclusion,
  );
});

test('two transactions inserting overlapping enrolments for one worker: exactly one commits', async () => {
  const worker = w.workers.outsider!;
  const insert = `INSERT INTO enrolments (worker_id, programme_id, roster_id, sponsor_id, province_code, regency_code,
                                          district_code, status, first_month, last_month, monthly_cost, total_cost)
                  SELECT w.id, $2, $3, $4, w.province_code, w.regency_code, w.district_code, 'proposed',
                         $5::date, '2027-12-01', 16800, 16800 FROM workers w WHERE w.id = $1`;
  const a = [worker, w.programmeId, w.rosterId, w.sponsorId, '2027-01-01'];
  const b = [worker, other.id, other.rosterId, other.sponsorId, '2027-06-01'];
  if (w.tdb.db.kind === 'postgres') {
    // Two connections: the second insert waits for the first transaction and fails when it commits.
    const one = new pg.Client({ connectionString: w.tdb.location });
    const two = new pg.Client({ connectionString: w.tdb.location });
    await one.connect();
    await two.connect();
    try {
      await one.query('BEGIN');
      await two.query('BEGIN');
      await one.query(insert, a);
      const second = two.query(insert, b).then(
        () => 'committed',
        (e: unknown) => (isExclusion(e) ? 'refused' : `other: ${e}`),
      );
      // Give the second statement time to reach the lock; its outcome does not depend on when.
      await new Promise((r) => setTimeout(r, 200));
      await one.query('COMMIT');
      assert.equal(await second, 'refused');
      await two.query('ROLLBACK');
    } finally {
      await one.end();
      await two.end();
    }
  } else {
    // PGlite has one connection: transactions run one after the other, and the second is refused.
    const results = await Promise.allSettled([
      w.tdb.db.transaction((tx) => tx.query(insert, a)),
      w.tdb.db.transaction((tx) => tx.query(insert, b)),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected'],
    );
    assert.ok(isExclusion((results[1] as PromiseRejectedResult).reason));
  }
  const held = await w.tdb.db.query(`SELECT count(*)::int AS n FROM enrolments WHERE worker_id = $1`, [
    worker,
  ]);
  assert.equal((held.rows[0] as { n: number }).n, 1);
});
