import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { MIGRATIONS_DIR } from '../../src/platform/paths.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { aWorker, ctxAs, nikFor } from '../support/factories.js';

let tdb: TestDatabase;
let app: App;
before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
});
after(async () => {
  await tdb.drop();
});

test('migration 0012 gives rows staged by an earlier dry run the worker their twin row stands for', async () => {
  const registered = await app.workers.create(ctxAs(), aWorker({ fullName: 'Rina Marlina' }));
  const job = randomUUID();
  const ids = Object.fromEntries([2, 4, 7, 20].map((r) => [r, randomUUID()]));
  // As an earlier version staged them: in-file twins by row number only.
  const stage = (
    row: number,
    o: { nik?: string; registered?: boolean; similarRow?: number; similarId?: string },
  ) =>
    tdb.db.query(
      `INSERT INTO import_staged_workers (job_id, row_number, worker_id, nik, full_name, name_key, sex, birth_date,
         province_code, regency_code, district_code, occupation, registered, similar_row, similar_worker_id)
       VALUES ($1, $2, $3, $4, 'Dewi', 'dewi', 'P', '1975-08-17', '16', '16.71', '16.71.01', 'ojek', $5, $6, $7)`,
      [
        job,
        row,
        ids[row] ?? randomUUID(),
        o.nik ?? nikFor('1975-08-17', 'P'),
        o.registered ?? false,
        o.similarRow ?? null,
        o.similarId ?? null,
      ],
    );
  await stage(2, {});
  await stage(3, { similarRow: 2 });
  await stage(4, { nik: registered.nik, registered: true });
  await stage(5, { similarRow: 4 });
  await stage(6, { similarRow: 9 });
  await stage(8, { similarRow: 2, similarId: ids[20] });

  await tdb.db.exec(readFileSync(join(MIGRATIONS_DIR, '0012_staged_twin_workers.sql'), 'utf8'));
  const r = await tdb.db.query<{ row_number: number; similar_worker_id: string | null }>(
    'SELECT row_number, similar_worker_id FROM import_staged_workers WHERE job_id = $1 ORDER BY row_number',
    [job],
  );
  assert.deepEqual(
    Object.fromEntries(r.rows.map((x) => [x.row_number, x.similar_worker_id])),
    {
      2: null,
      3: ids[2],
      4: null,
      5: registered.id,
      6: null,
      8: ids[20],
    },
    'twin of a new row: its worker; of a registered row: the registered worker; twin not staged: none; a registry twin stays',
  );
});
