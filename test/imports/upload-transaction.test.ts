import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, afterEach, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.js';
import { ctxAs } from '../support/factories.js';
import { aPerson, workerCsv } from '../support/sheets.js';

/** An upload's job row and its audit event commit together, or neither is kept (nor the stored file). */
let t: TestApp;
const dataDir = mkdtempSync(join(tmpdir(), 'payung-upload-tx-'));

before(async () => {
  t = await createTestApp({ env: { PAYUNG_DATA_DIR: dataDir } });
});
after(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Makes the audit trail refuse the upload's event, as a failing last step of the upload. */
async function auditRefusesUploads() {
  await t.app.db.exec(`
    CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit refused for the test'; END $$;
    CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_events
      FOR EACH ROW WHEN (NEW.action = 'import.upload') EXECUTE FUNCTION test_refuse_audit();`);
}
afterEach(async () => {
  await t.app.db.exec('DROP TRIGGER IF EXISTS test_refuse_audit ON audit_events');
});

const count = async (sql: string, params: unknown[] = []) =>
  (await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const storedFiles = () => {
  try {
    return readdirSync(join(dataDir, 'files', 'imports'));
  } catch {
    return [];
  }
};

const upload = (fileName: string) =>
  t.app.imports.upload(ctxAs(), {
    fileName,
    source: Readable.from([Buffer.from(workerCsv([aPerson()]))]),
    regionCode: '16.71',
  });

test('an upload whose audit event cannot be written leaves no import job and no stored file', async () => {
  const jobsBefore = await count('import_jobs');
  await auditRefusesUploads();
  await assert.rejects(upload('refused.csv'), /audit refused/);
  assert.equal(await count('import_jobs'), jobsBefore);
  assert.equal(await count('import_jobs WHERE file_name = $1', ['refused.csv']), 0);
  assert.deepEqual(storedFiles(), []);
});

test('an upload whose audit event is written keeps the job, its event and its file', async () => {
  const { job } = await upload('kept.csv');
  assert.equal(await count('import_jobs WHERE id = $1', [job.id]), 1);
  assert.equal(await count(`audit_events WHERE action = 'import.upload' AND entity_id = $1`, [job.id]), 1);
  assert.deepEqual(storedFiles(), [`${job.id}.csv`]);
});
