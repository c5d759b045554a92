import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AppError } from '../../src/platform/errors.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { anActor, ctxAs } from '../support/factories.js';
import { type EnrolmentWorld, enrolmentWorld } from './setup.js';

let w: EnrolmentWorld;
before(async () => {
  w = await enrolmentWorld();
});
after(async () => {
  await w.tdb.drop();
  rmSync(w.dir, { recursive: true, force: true });
});

async function rejects(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e) => e instanceof AppError && e.code === code);
}

test('export submits the approved roster; the history records each step with its actor', async () => {
  const out = await w.app.enrolments.exportRoster(ctxAs(), w.programmeId, 'csv', join(w.dir, 'r.csv'));
  assert.deepEqual(out, { rows: 4, submitted: 4 });
  const e = await w.app.enrolments.get(ctxAs(), w.enrolments.palembang1!);
  assert.equal(e.status, 'submitted');
  assert.deepEqual(
    e.history.map((h) => [h.fromStatus, h.toStatus]),
    [
      [null, 'proposed'],
      ['proposed', 'submitted'],
    ],
  );
  assert.equal(e.history[1]!.actor, 'test');
  assert.equal(e.nikMasked.includes('*'), true);
  // A second export sends the same rows again and submits nothing new.
  const again = await w.app.enrolments.exportRoster(ctxAs(), w.programmeId, 'csv', join(w.dir, 'r2.csv'));
  assert.deepEqual(again, { rows: 4, submitted: 0 });
  const audit = await w.tdb.db.query<{ action: string; details: { rows: number } }>(
    `SELECT action, details FROM audit_events WHERE action = 'enrolment.export' ORDER BY id`,
  );
  assert.deepEqual(
    audit.rows.map((a) => a.details.rows),
    [4, 4],
  );
});

test('list: filters by status and regency, pages by keyset, counts by status', async () => {
  const all = await w.app.enrolments.list(ctxAs(), w.programmeId, { limit: 3 });
  assert.equal(all.items.length, 3);
  assert.ok(all.nextCursor);
  const rest = await w.app.enrolments.list(ctxAs(), w.programmeId, { limit: 3, cursor: all.nextCursor! });
  assert.equal(rest.items.length, 1);
  assert.equal(rest.nextCursor, null);
  assert.equal(new Set([...all.items, ...rest.items].map((i) => i.id)).size, 4);
  assert.equal(all.counts.submitted, 4);
  const oi = await w.app.enrolments.list(ctxAs(), w.programmeId, { limit: 50, regency: '16.10' });
  assert.deepEqual(
    oi.items.map((i) => i.id),
    [w.enrolments.oganIlir],
  );
  const active = await w.app.enrolments.list(ctxAs(), w.programmeId, { limit: 50, status: 'active' });
  assert.equal(active.items.length, 0);
  await rejects(
    w.app.enrolments.list(ctxAs(), w.programmeId, { limit: 5, cursor: 'bogus' }),
    'VALIDATION_FAILED',
  );
});

test('scope: a regency operator sees its regency, another regency nothing of it, a sponsor officer its sponsor only', async () => {
  const plg = ctxAs(anActor('regency_operator', ['16.71']));
  const oi = ctxAs(anActor('regency_operator', ['16.10']));
  assert.equal((await w.app.enrolments.list(plg, w.programmeId, { limit: 50 })).items.length, 3);
  assert.equal((await w.app.enrolments.list(oi, w.programmeId, { limit: 50 })).items.length, 1);
  await rejects(w.app.enrolments.get(oi, w.enrolments.palembang1!), 'ENROLMENT_NOT_FOUND');
  const mine = ctxAs(anActor('sponsor_officer', ['16'], { sponsorIds: [w.sponsorId] }));
  const other = ctxAs(
    anActor('sponsor_officer', ['16'], { sponsorIds: ['0190a0a0-0000-7000-8000-000000000009'] }),
  );
  assert.equal((await w.app.enrolments.list(mine, w.programmeId, { limit: 50 })).items.length, 4);
  assert.equal((await w.app.enrolments.list(other, w.programmeId, { limit: 50 })).items.length, 0);
  assert.equal((await w.app.enrolments.sponsored(mine, { limit: 50 })).items.length, 4);
  assert.equal((await w.app.enrolments.sponsored(other, { limit: 50 })).items.length, 0);
  await rejects(w.app.enrolments.get(other, w.enrolments.palembang1!), 'ENROLMENT_NOT_FOUND');
  // Reading is not changing: a sponsor officer and an auditor may not end one, nor exchange files.
  await rejects(
    w.app.enrolments.end(mine, w.enrolments.palembang1!, { reason: 'withdrawn', effectiveOn: '2027-03-10' }),
    'FORBIDDEN',
  );
  await rejects(
    w.app.enrolments.exportRoster(
      ctxAs(anActor('auditor', ['16'])),
      w.programmeId,
      'csv',
      join(w.dir, 'x.csv'),
    ),
    'FORBIDDEN',
  );
  // Another regency's operator cannot end an enrolment it cannot see.
  await rejects(
    w.app.enrolments.end(oi, w.enrolments.palembang1!, { reason: 'withdrawn', effectiveOn: '2027-03-10' }),
    'ENROLMENT_NOT_FOUND',
  );
});

test('ending early moves the last month back and frees the later months for another programme', async () => {
  const id = w.enrolments.palembang2!;
  await rejects(
    w.app.enrolments.end(ctxAs(), id, { reason: 'withdrawn', effectiveOn: '2026-12-31' }),
    'ENROLMENT_DATE_INVALID',
  );
  const ended = await w.app.enrolments.end(ctxAs(anActor('regency_operator', ['16.71'])), id, {
    reason: 'wage_earner',
    effectiveOn: '2027-04-15',
    note: 'Diterima bekerja di pabrik',
  });
  assert.equal(ended.status, 'ended');
  assert.equal(ended.endReason, 'wage_earner');
  assert.equal(ended.lastMonth, '2027-04');
  assert.equal(ended.endedOn, '2027-04-15');
  const last = ended.history.at(-1)!;
  assert.deepEqual([last.fromStatus, last.toStatus, last.effectiveOn], ['submitted', 'ended', '2027-04-15']);
  assert.match(last.reason!, /pekerja penerima upah: Diterima bekerja/);
  await rejects(
    w.app.enrolments.end(ctxAs(), id, { reason: 'died', effectiveOn: '2027-05-01' }),
    'ENROLMENT_STATE',
  );
  // May onwards is free: another programme may pay for it; April is not.
  const other = await aProgramme(w.tdb.db, { start: '2027-05-01', end: '2027-12-01' });
  const roster = await aRoster(w.tdb.db, other.id);
  await anEnrolment(w.tdb.db, {
    workerId: w.workers.palembang2!,
    programmeId: other.id,
    sponsorId: other.sponsorId,
    rosterId: roster,
    firstMonth: '2027-05-01',
  });
  await assert.rejects(
    anEnrolment(w.tdb.db, {
      workerId: w.workers.palembang2!,
      programmeId: other.id,
      sponsorId: other.sponsorId,
      rosterId: roster,
      firstMonth: '2027-04-01',
      lastMonth: '2027-04-01',
    }),
    (e: { code?: string }) => e.code === '23P01',
  );
  const audit = await w.tdb.db.query(
    `SELECT 1 FROM audit_events WHERE action = 'enrolment.end' AND entity_id = $1`,
    [id],
  );
  assert.equal(audit.rows.length, 1);
  const mine = await w.app.enrolments.ofWorker(ctxAs(), w.workers.palembang2!);
  assert.deepEqual(
    mine.map((e) => e.status),
    ['proposed', 'ended'],
  );
});
