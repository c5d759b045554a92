import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { inTransaction } from '../../src/platform/db/unit-of-work.js';
import { AppError } from '../../src/platform/errors.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { aWorker, ctxAs } from '../support/factories.js';

/**
 * One operation across modules commits or rolls back whole: a service called with a context that
 * carries a transaction joins it, and the audit writer writes into it.
 */
let tdb: TestDatabase;
let app: App;
let userId: string;

before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
  const { user } = await app.users.create(ctxAs(), {
    email: 'operator@payung.local',
    fullName: 'Operator',
    role: 'regency_operator',
    regionCodes: ['16.71'],
  });
  userId = user.id;
});
after(async () => {
  await tdb.drop();
});

/** Makes the audit trail refuse events of one action, as a failing later step. */
async function auditRefuses(action: string) {
  await tdb.db.exec(`
    CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$;
    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events
      FOR EACH ROW WHEN (NEW.action = '${action}') EXECUTE FUNCTION test_refuse_audit();`);
}
afterEach(async () => {
  await tdb.db.exec('DROP TRIGGER IF EXISTS test_refuse_audit ON audit_events');
});

const count = async (sql: string, params: unknown[] = []) =>
  (await tdb.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

test('an API token whose audit event fails is not created (users + auth + audit in one transaction)', async () => {
  await auditRefuses('token.create');
  await assert.rejects(app.users.createToken(ctxAs(), userId, { name: 'rolled back' }), /audit refused/);
  assert.equal(await count('api_tokens WHERE name = $1', ['rolled back']), 0);

  await tdb.db.exec('DROP TRIGGER test_refuse_audit ON audit_events');
  const created = await app.users.createToken(ctxAs(), userId, { name: 'kept' });
  assert.equal(await count('api_tokens WHERE id = $1', [created.id]), 1);
  assert.equal(await count(`audit_events WHERE action = 'token.create' AND entity_id = $1`, [created.id]), 1);
});

test('an API token whose revocation cannot be audited stays valid', async () => {
  const { id, token } = await app.users.createToken(ctxAs(), userId, { name: 'to revoke' });
  await auditRefuses('token.revoke');
  await assert.rejects(app.users.revokeToken(ctxAs(), id), /audit refused/);
  assert.equal(await count('api_tokens WHERE id = $1 AND revoked_at IS NULL', [id]), 1);
  assert.ok(await app.auth.apiToken(token, new Date()), 'the token still signs in');

  await tdb.db.exec('DROP TRIGGER test_refuse_audit ON audit_events');
  await app.users.revokeToken(ctxAs(), id);
  assert.equal(await app.auth.apiToken(token, new Date()), null);
});

test("a later module's failure rolls back an earlier module's write and its audit event", async () => {
  const ctx = ctxAs();
  const worker = aWorker();
  await assert.rejects(
    inTransaction(app.db, ctx, async (tx) => {
      await app.workers.create(tx, worker);
      // The users module's step fails: that e-mail is taken.
      await app.users.create(tx, {
        email: 'operator@payung.local',
        fullName: 'Dup',
        role: 'regency_operator',
        regionCodes: ['16.71'],
      });
    }),
    (e) => e instanceof AppError && e.code === 'USER_EMAIL_EXISTS',
  );
  assert.equal(await count('workers WHERE nik = $1', [worker.nik]), 0);
  assert.equal(await count(`audit_events WHERE request_id = $1`, [ctx.requestId]), 0);
});

test('a failing audit step of the users module rolls back the workers module before it', async () => {
  const ctx = ctxAs();
  const worker = aWorker();
  await auditRefuses('user.create');
  await assert.rejects(
    inTransaction(app.db, ctx, async (tx) => {
      await app.workers.create(tx, worker);
      await app.users.create(tx, {
        email: 'new.operator@payung.local',
        fullName: 'New',
        role: 'regency_operator',
        regionCodes: ['16.71'],
      });
    }),
    /audit refused/,
  );
  assert.equal(await count('workers WHERE nik = $1', [worker.nik]), 0);
  assert.equal(await count('users WHERE email = $1', ['new.operator@payung.local']), 0);
});

test('steps that all succeed commit together, and a joined step runs in the same transaction', async () => {
  const ctx = ctxAs();
  const worker = aWorker();
  const created = await inTransaction(app.db, ctx, async (tx) => {
    const w = await app.workers.create(tx, worker);
    // Seen inside the transaction before it commits: the step joined it.
    assert.equal((await app.workers.get(tx, w.id)).id, w.id);
    await inTransaction(app.db, tx, async (inner) => assert.equal(inner.tx, tx.tx));
    await app.workers.deactivate(tx, w.id, 'pindah', w.version);
    return w;
  });
  assert.equal((await app.workers.get(ctxAs(), created.id)).isActive, false);
  assert.equal(await count(`audit_events WHERE request_id = $1`, [ctx.requestId]), 3);
});
