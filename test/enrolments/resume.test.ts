import assert from 'node:assert/strict';
import { createReadStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ResponseReport } from '../../src/contracts/enrolments.js';
import { RetryableError } from '../../src/platform/jobs/index.js';
import { ctxAs } from '../support/factories.js';
import { type EnrolmentWorld, enrolmentWorld } from './setup.js';

/**
 * The exchange jobs work in slices, each its own transaction; a run stopped after a slice (here: the
 * slice hook throws as a dying server would stop it, and the runner queues the job again) is resumed
 * by the next run, without local hooks, from the slice after: the same end state and counts as one
 * clean run, nothing done twice.
 */
let w: EnrolmentWorld;
before(async () => {
  w = await enrolmentWorld();
});
after(async () => {
  await w.tdb.drop();
  rmSync(w.dir, { recursive: true, force: true });
});

const crashAfter = (n: number) => ({
  slice: 1,
  afterSlice: (done: number) => {
    if (done === n) throw new RetryableError('server stopped', 0);
  },
});

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return (await w.tdb.db.query<{ v: T }>(sql, params)).rows[0]!.v;
}

const statuses = async () =>
  (
    await w.tdb.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM enrolments WHERE programme_id = $1 GROUP BY status ORDER BY status`,
      [w.programmeId],
    )
  ).rows.map((r) => `${r.status}:${r.n}`);

test('roster export interrupted after two slices resumes: every enrolment submitted once, one file, counts of one run', async () => {
  const out = join(w.dir, 'roster.csv');
  await assert.rejects(
    w.app.enrolments.exportRoster(ctxAs(), w.programmeId, 'csv', out, crashAfter(2)),
    /server stopped/,
  );
  // What the two committed slices wrote holds together: two submitted, each with its history row and
  // its slice's audit event; no file and no export event yet.
  assert.deepEqual(await statuses(), ['proposed:2', 'submitted:2']);
  assert.equal(
    await one<number>(`SELECT count(*)::int AS v FROM enrolment_events WHERE to_status = 'submitted'`),
    2,
  );
  assert.equal(
    await one<number>(
      `SELECT coalesce(sum((details->>'submitted')::int), 0)::int AS v FROM audit_events WHERE action = 'enrolment.submit'`,
    ),
    2,
  );
  assert.equal(
    await one<number>(`SELECT count(*)::int AS v FROM audit_events WHERE action = 'enrolment.export'`),
    0,
  );
  // The job waits in the queue under the programme's key: another export is refused meanwhile.
  await assert.rejects(w.app.enrolments.startExport(ctxAs(), w.programmeId, 'csv'), {
    code: 'ENROLMENT_EXCHANGE_BUSY',
  });

  await w.app.jobs.drain();
  const job = await w.tdb.db.query<{
    id: string;
    state: string;
    result: { rows: number; submitted: number; fileKey: string };
  }>(`SELECT id, state, result FROM jobs WHERE kind = 'enrolments.export'`);
  assert.equal(job.rows.length, 1);
  const j = job.rows[0]!;
  assert.equal(j.state, 'succeeded');
  assert.deepEqual([j.result.rows, j.result.submitted], [4, 4], 'the counts of one clean run');
  assert.deepEqual(await statuses(), ['submitted:4']);
  assert.equal(
    await one<number>(`SELECT count(*)::int AS v FROM enrolment_events WHERE to_status = 'submitted'`),
    4,
    'one history row per enrolment, none twice',
  );
  assert.equal(
    await one<number>(
      `SELECT sum((details->>'submitted')::int)::int AS v FROM audit_events WHERE action = 'enrolment.submit'`,
    ),
    4,
  );
  // The re-run had no --out: the file is in the store, downloadable through the job.
  const file = await w.app.enrolments.download(ctxAs(), j.id);
  const lines = readFileSync(file.path, 'utf8').trim().split('\r\n');
  assert.equal(lines.length, 5);
  for (const nik of ['palembang1', 'palembang2', 'palembang3', 'oganIlir'])
    assert.ok(
      lines.some((l) => l.startsWith(w.niks[nik]!)),
      nik,
    );
});

test('response import interrupted after a slice resumes: the same enrolments active, KPJs recorded once, the report of one run; a second import changes nothing', async () => {
  const path = join(w.dir, 'jawaban.csv');
  writeFileSync(
    path,
    [
      'NIK;KPJ;TGL KEPESERTAAN;STATUS;KETERANGAN',
      `${w.niks.palembang1};16710000001;01/01/2027;DITERIMA;`,
      `${w.niks.palembang2};16710000002;01/01/2027;DITERIMA;`,
      `${w.niks.outsider};16710000009;01/01/2027;DITERIMA;`,
      `${w.niks.palembang3};;;DITOLAK;Data tidak padan`,
      `${w.niks.oganIlir};123;01/01/2027;DITERIMA;`,
      '',
    ].join('\r\n'),
  );
  const input = () => ({
    source: createReadStream(path),
    fileName: 'jawaban.csv',
    programmeId: w.programmeId,
    dryRun: false,
  });
  await assert.rejects(w.app.enrolments.importResponse(ctxAs(), input(), crashAfter(2)), /server stopped/);
  assert.deepEqual(await statuses(), ['active:2', 'submitted:2']);
  await w.app.jobs.drain();
  const r = await w.tdb.db.query<{ result: ResponseReport }>(
    `SELECT result FROM jobs WHERE kind = 'enrolments.response' AND state = 'succeeded'`,
  );
  const report = r.rows[0]!.result;
  assert.deepEqual(
    [report.activated, report.rejected, report.unchanged, report.errorCount],
    [2, 1, 0, 2],
    'as one clean run counts them',
  );
  assert.deepEqual(
    report.errors.map((e) => [e.row, e.field, e.code]),
    [
      [4, 'nik', 'NIK_NOT_IN_ROSTER'],
      [6, 'kpj', 'KPJ_INVALID'],
    ],
  );
  assert.deepEqual(await statuses(), ['active:2', 'rejected:1', 'submitted:1']);
  assert.equal(await one<number>('SELECT count(*)::int AS v FROM participant_numbers'), 2);
  assert.equal(
    await one<number>(
      `SELECT count(*)::int AS v FROM enrolment_events WHERE to_status IN ('active', 'rejected')`,
    ),
    3,
  );
  assert.equal(
    await one<number>(`SELECT count(*)::int AS v FROM audit_events WHERE action = 'enrolment.response'`),
    1,
  );

  const again = await w.app.enrolments.importResponse(ctxAs(), input());
  assert.deepEqual([again.activated, again.rejected, again.unchanged, again.errorCount], [0, 0, 3, 2]);
  assert.deepEqual(await statuses(), ['active:2', 'rejected:1', 'submitted:1']);
  // The uploaded copies are gone once their jobs ended.
  assert.equal(
    (await w.tdb.db.query(`SELECT 1 FROM jobs WHERE kind = 'enrolments.response' AND state <> 'succeeded'`))
      .rows.length,
    0,
  );
});
