import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type App, createApp } from '../../src/app.js';
import { trigramSignature } from '../../src/domain/import/duplicates.js';
import { nameSearchKey } from '../../src/domain/names.js';
import { demoGenerator, rng } from '../../src/modules/demo/demo.generator.js';
import { createImportsRepo } from '../../src/modules/imports/imports.repo.js';
import { regionCatalog } from '../../src/modules/regions/catalog.js';
import { insertWorkersBulk } from '../../src/modules/workers/workers.bulk.js';
import {
  NAME_TRIGRAM_COLUMNS,
  nameTrigramValues,
  PERSON_COLUMNS,
  type WorkerFields,
} from '../../src/modules/workers/workers.repo.js';
import { workersInRegions } from '../../src/modules/workers/workers.scope.js';
import { loadConfig } from '../../src/platform/config.js';
import { migrate, readMigrations } from '../../src/platform/db/migrate.js';
import { openPglite } from '../../src/platform/db/pglite.js';
import type { CopyValue } from '../../src/platform/db/types.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { aWorker, ctxAs, TODAY } from '../support/factories.js';

let tdb: TestDatabase;
let app: App;
before(async () => {
  tdb = await createTestDatabase();
  app = await createApp(loadConfig({}), { db: tdb.db, prepared: true });
});
after(async () => {
  await tdb.drop();
});

const catalog = regionCatalog();
const demo = (seed: number) =>
  demoGenerator(catalog, { provinceCode: '16', now: TODAY, seed, recordedBy: 'test' });

/** Spellings near a key: a letter dropped, changed or doubled, a word added or dropped. */
function variant(key: string, r: () => number): string {
  const words = key.split(' ');
  const w = Math.floor(r() * words.length);
  const word = words[w]!;
  const at = Math.floor(r() * word.length);
  const letter = 'aeiknrsu'[Math.floor(r() * 8)]!;
  const edits = [
    () => word.slice(0, at) + word.slice(at + 1),
    () => word.slice(0, at) + letter + word.slice(at + 1),
    () => word.slice(0, at) + letter + word.slice(at),
    () => `${word} ${['binti', 'bin', 'putri', 's'][Math.floor(r() * 4)]}`,
    () => (words.length > 1 ? '' : word),
  ];
  words[w] = edits[Math.floor(r() * edits.length)]!();
  return words.filter((x) => x !== '').join(' ') || key;
}

test('the import computes the same trigram counts and signatures as the database does', async () => {
  const gen = demo(7);
  const r = rng(11);
  const keys = new Set(['a', 'ab', 'a b', 'anana', 'abababab', 'siti siti', '12 3', 'muhammad rizki']);
  for (let i = 0; i < 3_000; i++) {
    const key = nameSearchKey(gen.next().full_name);
    keys.add(key);
    keys.add(variant(key, r));
  }
  const list = [...keys];
  const db = await tdb.db.query<{ key: string; signature: string; count: number; trigrams: number }>(
    `SELECT k AS key, t.signature::text, t.count, cardinality(show_trgm(k)) AS trigrams
     FROM unnest($1::text[]) AS k, payung_name_trigrams(k) AS t`,
    [list],
  );
  assert.equal(db.rows.length, list.length);
  for (const row of db.rows) {
    const js = trigramSignature(row.key);
    assert.ok(js, `a plain key gets a signature in JavaScript: ${row.key}`);
    assert.equal(row.count, row.trigrams, `count is pg_trgm's: ${row.key}`);
    assert.deepEqual(js, { signature: row.signature, count: row.count }, row.key);
  }
  // Keys pg_trgm may split otherwise are left to the database.
  assert.equal(trigramSignature('жанна'), null);
  assert.equal(trigramSignature('a  b'), null);
  assert.equal(trigramSignature(''), null);
});

test('workers written without a signature get one, and a changed name a new one', async () => {
  const created = await app.workers.create(ctxAs(), aWorker({ fullName: 'Rina Marlina' }));
  const read = () =>
    tdb.db.query<{ name_key: string; signature: string; count: number }>(
      'SELECT name_key, name_trigram_signature::text AS signature, name_trigram_count AS count FROM workers WHERE id = $1',
      [created.id],
    );
  assert.deepEqual(
    { signature: (await read()).rows[0]!.signature, count: (await read()).rows[0]!.count },
    trigramSignature('rina marlina'),
  );
  await tdb.db.query("UPDATE workers SET name_key = 'rina marliana' WHERE id = $1", [created.id]);
  const after = (await read()).rows[0]!;
  assert.deepEqual({ signature: after.signature, count: after.count }, trigramSignature('rina marliana'));
  // Another column changed: the signature stays as it is.
  await tdb.db.query("UPDATE workers SET phone = '+6281234567891' WHERE id = $1", [created.id]);
  assert.equal((await read()).rows[0]!.signature, after.signature);
});

test("the registry's possible duplicates are the same with the signature test as with pg_trgm alone", async () => {
  // Everyone born the same day, so every staged row meets every worker: ~600 × 600 pairs, many of
  // them spellings near each other, some on either side of the threshold.
  const birthDate = '1980-03-04';
  const gen = demo(23);
  const r = rng(29);
  const registry: WorkerFields[] = [];
  for (let i = 0; i < 600; i++) {
    const w = { ...gen.next(), source: 'test', birth_date: birthDate, sex: 'P' as const };
    // A few keys the JavaScript leaves to the database's trigger.
    if (i % 50 === 0) w.name_key = `${w.name_key} жанна`;
    registry.push(w);
  }
  await insertWorkersBulk(tdb.db, registry);
  const job = randomUUID();
  const staged = registry.map((w, i) => {
    const key =
      i % 3 === 0 ? w.name_key : variant(i % 3 === 1 ? w.name_key : registry[(i * 7) % 600]!.name_key, r);
    return [
      job,
      i + 2,
      randomUUID(),
      ...PERSON_COLUMNS.map((c) =>
        c === 'nik'
          ? `99${w.nik.slice(2)}`
          : c === 'name_key'
            ? key
            : (w[c] as string | number | boolean | null),
      ),
      ...nameTrigramValues(key),
    ];
  });
  await createImportsRepo(tdb.db).insertJob({
    id: job,
    region_code: '16',
    created_by: 'test',
    created_by_id: 'test',
    file_name: 'near.csv',
    file_kind: 'csv',
    file_size: 0,
    file_sha256: '',
    stored_path: '',
    header_row: 1,
    mapping: {},
  });
  await tdb.db.copyIn(
    'import_staged_workers',
    ['job_id', 'row_number', 'worker_id', ...PERSON_COLUMNS, ...NAME_TRIGRAM_COLUMNS],
    staged as CopyValue[][],
  );
  const found = await tdb.db.transaction((tx) =>
    createImportsRepo(tx).stagedPossibleDuplicates(job, workersInRegions(['16'])),
  );
  // The same question asked of pg_trgm alone, every pair compared.
  const all = await tdb.db.query<{ row_number: number; id: string; similarity: number }>(
    `SELECT s.row_number, w.id, similarity(w.name_key, s.name_key)::float8 AS similarity
     FROM import_staged_workers s JOIN workers w ON w.birth_date = s.birth_date AND w.sex = s.sex AND w.nik <> s.nik
     WHERE s.job_id = $1 AND w.is_active AND similarity(w.name_key, s.name_key) >= 0.6`,
    [job],
  );
  const best = new Map<number, { id: string; similarity: number }>();
  for (const m of all.rows) {
    const b = best.get(m.row_number);
    if (!b || m.similarity > b.similarity || (m.similarity === b.similarity && m.id < b.id))
      best.set(m.row_number, m);
  }
  assert.ok(all.rows.filter((m) => m.similarity < 0.7).length > 50, 'pairs near the threshold were compared');
  assert.ok(found.length > 300);
  assert.deepEqual(
    found.map((f) => [f.row_number, f.id]),
    [...best].sort((a, b) => a[0] - b[0]).map(([row, m]) => [row, m.id]),
  );
  const withoutSignature = await tdb.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM workers WHERE name_trigram_signature IS NULL OR name_trigram_count IS NULL',
  );
  assert.equal(withoutSignature.rows[0]!.n, 0, 'the trigger gave every worker a signature');
});

test('migration 0014 gives the workers already registered their signatures', async () => {
  const db = await openPglite(undefined);
  try {
    const migrations = readMigrations();
    await migrate(
      db,
      migrations.filter((m) => m.version < 14),
    );
    const keys = ['siti aminah', 'siti aminah', 'budi santoso', 'жанна', 'a'];
    for (const [i, key] of keys.entries()) {
      await db.query(
        `INSERT INTO workers (nik, full_name, name_key, sex, birth_date, province_code, regency_code, district_code,
           occupation, consent_method, consent_given_at, consent_recorded_by)
         VALUES ($1, $2, $2, 'P', '1980-03-04', '16', '16.71', '16.71.01', 'ojek', 'tanda_tangan', now(), 'test')`,
        [`16710144038000${i + 10}`, key],
      );
    }
    assert.deepEqual(
      await migrate(
        db,
        migrations.filter((m) => m.version <= 14),
      ),
      ['0014_name_trigram_signatures'],
    );
    const rows = await db.query<{ name_key: string; signature: string; count: number }>(
      `SELECT w.name_key, w.name_trigram_signature::text AS signature, w.name_trigram_count AS count
       FROM workers w ORDER BY w.nik`,
    );
    assert.equal(rows.rows.length, keys.length);
    for (const r of rows.rows) {
      const sql = await db.query<{ signature: string; count: number }>(
        'SELECT signature::text, count FROM payung_name_trigrams($1)',
        [r.name_key],
      );
      assert.deepEqual({ signature: r.signature, count: r.count }, sql.rows[0], r.name_key);
      const js = trigramSignature(r.name_key);
      if (js) assert.deepEqual({ signature: r.signature, count: r.count }, js, r.name_key);
    }
  } finally {
    await db.close();
  }
});
