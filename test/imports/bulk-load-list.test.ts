import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { LOAD_INDEXES, LOAD_TRIGGERS, NAME_KEY_LOAD_INDEXES } from '../../src/modules/workers/bulk-load.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ctxAs } from '../support/factories.js';
import { aPerson, workerCsv } from '../support/sheets.js';

// A large import drops and builds again only the indexes and triggers bulk-load.ts lists. An index,
// a trigger or a foreign key a later feature adds to `workers` is left in place and works through it.

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await t.app.db.query<T>(sql, params)).rows[0]!;
const oid = async (name: string) =>
  (await one<{ oid: number }>('SELECT $1::regclass::oid AS oid', [name])).oid;

async function importWithRebuild(name: string, people: ReturnType<typeof aPerson>[]) {
  const up = await t.app.imports.upload(ctxAs(), {
    fileName: name,
    source: Readable.from([Buffer.from(workerCsv(people))]),
    regionCode: '16.71',
  });
  await t.app.imports.validate(ctxAs(), up.job.id);
  return { id: up.job.id, counts: await t.app.imports.commit(ctxAs(), up.job.id, { rebuildIndexes: true }) };
}

describe('the indexes and triggers a large import may rebuild', () => {
  test('every listed index and trigger exists after the migrations (a renamed one fails here)', async () => {
    const indexes = await t.app.db.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('workers', 'worker_name_keys')`,
    );
    const names = indexes.rows.map((r) => r.name);
    for (const ix of [...LOAD_INDEXES, ...NAME_KEY_LOAD_INDEXES]) assert.ok(names.includes(ix), ix);
    const triggers = await t.app.db.query<{ name: string }>(
      "SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'workers'::regclass",
    );
    for (const tg of LOAD_TRIGGERS)
      assert.ok(
        triggers.rows.some((r) => r.name === tg),
        tg,
      );
  });

  test('an unlisted index, trigger and foreign key stay in place through an import that rebuilds the listed ones', async () => {
    // What a later feature might add: an index, a row trigger writing elsewhere, a table referring to workers.
    await t.app.db.exec(`
      CREATE INDEX workers_feature_source_idx ON workers (source);
      CREATE TABLE feature_worker_log (worker_id uuid NOT NULL);
      CREATE FUNCTION feature_worker_log_add() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO feature_worker_log (worker_id) VALUES (NEW.id); RETURN NULL; END $$;
      CREATE TRIGGER workers_feature_log_on_insert AFTER INSERT ON workers
        FOR EACH ROW EXECUTE FUNCTION feature_worker_log_add();
      CREATE TABLE feature_enrolments (worker_id uuid NOT NULL REFERENCES workers (id));
    `);
    const kept = {
      index: await oid('workers_feature_source_idx'),
      primaryKey: await oid('workers_pkey'),
    };
    const listed = await oid('workers_nik_key');

    const people = Array.from({ length: 40 }, () => aPerson());
    const r = await importWithRebuild('fitur.csv', people);
    assert.equal(r.counts.added, 40);

    assert.equal(await oid('workers_feature_source_idx'), kept.index, 'the unlisted index was not rebuilt');
    assert.equal(await oid('workers_pkey'), kept.primaryKey, 'a referred-to primary key is kept');
    assert.notEqual(await oid('workers_nik_key'), listed, 'a listed index was built again');
    const state = await one<{ valid: boolean; ready: boolean }>(
      `SELECT indisvalid AS valid, indisready AS ready FROM pg_index
       WHERE indexrelid = 'workers_feature_source_idx'::regclass`,
    );
    assert.deepEqual(state, { valid: true, ready: true });
    // Read through the index alone: it holds every new worker.
    const viaIndex = await t.app.db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      const plan = await tx.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN SELECT count(*) FROM workers WHERE source = $1',
        [`import:${r.id}`],
      );
      assert.match(plan.rows.map((x) => x['QUERY PLAN']).join('\n'), /workers_feature_source_idx/);
      return (
        await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM workers WHERE source = $1', [
          `import:${r.id}`,
        ])
      ).rows[0]!.n;
    });
    assert.equal(viaIndex, 40);

    const logged = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM feature_worker_log l JOIN workers w ON w.id = l.worker_id
       WHERE w.source = $1`,
      [`import:${r.id}`],
    );
    assert.equal(logged.n, 40, 'the unlisted trigger fired for every new worker');
    const triggers = await t.app.db.query<{ name: string }>(
      "SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'workers'::regclass AND NOT tgisinternal ORDER BY 1",
    );
    assert.ok(triggers.rows.some((x) => x.name === 'workers_feature_log_on_insert'));
    for (const tg of LOAD_TRIGGERS)
      assert.ok(
        triggers.rows.some((x) => x.name === tg),
        `${tg} made again`,
      );

    // The foreign key still holds: a new worker can be referred to, an unknown one cannot.
    const worker = await one<{ id: string }>('SELECT id FROM workers WHERE source = $1 LIMIT 1', [
      `import:${r.id}`,
    ]);
    await t.app.db.query('INSERT INTO feature_enrolments (worker_id) VALUES ($1)', [worker.id]);
    await assert.rejects(
      t.app.db.query('INSERT INTO feature_enrolments (worker_id) VALUES ($1)', [
        '00000000-0000-7000-8000-000000000000',
      ]),
      /foreign key/,
    );
  });
});
