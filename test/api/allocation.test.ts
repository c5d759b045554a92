import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createUsersRepo, hashPassword } from '../../src/modules/access/index.js';
import { DEMO_PASSWORD } from '../../src/modules/demo/index.js';
import { aProgramme, aSponsor, generatedRegistry } from '../support/allocation.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { anActor, ctxAs } from '../support/factories.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
  await generatedRegistry(t.app.db, 11, 400);
  const { user } = await t.app.users.create(ctxAs(), {
    email: 'checker@payung.local',
    fullName: 'Pemeriksa',
    role: 'province_admin',
    regionCodes: ['16'],
  });
  await createUsersRepo(t.app.db).setPassword(user.id, await hashPassword(DEMO_PASSWORD), new Date());
});
after(async () => {
  await t.close();
});

test('simulate, propose (202, polled to its roster), the proposer cannot approve, a second person can', async () => {
  const maker = await t.login('admin@payung.local');
  const checker = await t.login('checker@payung.local');
  const sponsor = await aSponsor(t.app.db, 'csr_bumn');
  const id = await aProgramme(t.app.db, { sponsorId: sponsor, budget: 30 * 201_600 });
  const call = (h: Record<string, string>, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.server.inject({ method, url: `/api/v1${url}`, headers: h, ...(payload ? { payload } : {}) });

  const overview = await call(maker, 'GET', `/programmes/${id}/allocation`);
  assert.equal(overview.statusCode, 200);
  assert.equal(overview.json().canRun, true);
  assert.match(overview.json().formula.id, /^Skor = /);

  const sim = await call(maker, 'POST', `/programmes/${id}/simulation`, {
    budgets: [201_600, 30 * 201_600, 1e12],
  });
  assert.equal(sim.statusCode, 200);
  const runs = sim.json().runs;
  assert.deepEqual(
    runs.map((r: { limitedBy: string }) => r.limitedBy),
    ['budget', 'budget', 'eligible'],
  );
  assert.ok(runs[0].selected >= 1);
  const bad = await call(maker, 'POST', `/programmes/${id}/simulation`, { budgets: [] });
  assert.equal(bad.statusCode, 422);

  const started = await call(maker, 'POST', `/programmes/${id}/rosters`, {});
  assert.equal(started.statusCode, 202);
  const jobId = started.json().jobId;
  await t.app.jobs.waitFor(jobId);
  const job = await call(maker, 'GET', `/allocation-jobs/${jobId}`);
  assert.equal(job.json().state, 'succeeded');
  const rosterId = job.json().rosterId;
  const again = await call(maker, 'POST', `/programmes/${id}/rosters`, {});
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'ROSTER_PENDING');

  const mine = await call(maker, 'GET', `/rosters/${rosterId}`);
  assert.equal(mine.json().canDecide, false);
  assert.match(mine.json().cannotDecideReason, /orang lain/);
  const self = await call(maker, 'POST', `/rosters/${rosterId}/approve`, {});
  assert.equal(self.statusCode, 409);
  assert.equal(self.json().error.code, 'ROSTER_SAME_PERSON');
  const workers = await call(checker, 'GET', `/rosters/${rosterId}/workers?limit=5`);
  assert.equal(workers.statusCode, 200);
  assert.equal(workers.json().total, runs[1].selected);
  assert.match(workers.json().items[0].nik, /\*{8}/);
  const ok = await call(checker, 'POST', `/rosters/${rosterId}/approve`, { note: 'Sesuai' });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().status, 'approved');
  const audit = await t.app.db.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [
    rosterId,
  ]);
  assert.deepEqual(
    audit.rows.map((r) => (r as { action: string }).action),
    ['roster.propose', 'roster.approve'],
  );
  // Personal data never reaches the logs.
  const nik = (await t.app.db.query<{ nik: string }>('SELECT nik FROM workers LIMIT 1')).rows[0]!.nik;
  assert.ok(!t.logs.join('').includes(nik));
});

test("a programme's rosters come newest first, a page at a time, each once", async () => {
  const admin = await t.login('admin@payung.local');
  const checker = anActor('province_admin', ['16'], { id: 'user:checker' });
  const sponsor = await aSponsor(t.app.db, 'csr_bumn');
  const id = await aProgramme(t.app.db, { sponsorId: sponsor, budget: 3 * 201_600 });
  // Five rounds: each roster proposed, then rejected by a second person (its enrolments cancelled).
  const made: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { rosterId } = await t.app.allocation.propose(ctxAs(), id);
    await t.app.allocation.reject(ctxAs(checker), rosterId, `Putaran ${i + 1} ditolak`);
    made.push(rosterId);
  }
  const page = (cursor?: string) =>
    t.server.inject({
      method: 'GET',
      url: `/api/v1/programmes/${id}/rosters?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      headers: admin,
    });
  const seen: string[] = [];
  let cursor: string | undefined;
  const sizes: number[] = [];
  do {
    const r = await page(cursor);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as { items: { id: string; status: string }[]; nextCursor: string | null };
    sizes.push(body.items.length);
    seen.push(...body.items.map((x) => x.id));
    cursor = body.nextCursor ?? undefined;
  } while (cursor);
  assert.deepEqual(sizes, [2, 2, 1]);
  assert.deepEqual(seen, [...made].reverse(), 'newest first, none twice, none left out');
  const whole = await t.server.inject({
    method: 'GET',
    url: `/api/v1/programmes/${id}/rosters`,
    headers: admin,
  });
  assert.equal(whole.json().items.length, 5, 'the default page holds them all');
  assert.equal(whole.json().nextCursor, null);
  const bad = await page('bm90LWpzb24');
  assert.equal(bad.statusCode, 422, bad.body);
  assert.deepEqual(bad.json().error.details.issues[0].path, ['cursor']);
  const tooMany = await t.server.inject({
    method: 'GET',
    url: `/api/v1/programmes/${id}/rosters?limit=101`,
    headers: admin,
  });
  assert.equal(tooMany.statusCode, 422);
});
