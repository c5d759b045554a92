import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { REBUILD_MIN_ROWS } from '../../src/modules/imports/pipeline/sizing.js';
import { loadConfig } from '../../src/platform/config.js';
import { newContext, systemActor } from '../../src/platform/context.js';
import { PROJECT_ROOT } from '../../src/platform/paths.js';
import { createTestDatabase, openTestDatabase, type TestDatabase } from '../support/db.js';
import { aPerson, type SheetPerson, workerCsv } from '../support/sheets.js';

// A process killed in the middle of an import (kill -9, the out-of-memory killer) leaves the registry
// as it was before, and one killed right after the import committed keeps all of it: on PGlite, whose
// database lives and dies with the process, and on PostgreSQL, whose server rolls back a transaction
// when its client goes away. The import's dry run and commit are durable jobs: the next start takes
// an interrupted one up again and brings it to the same end as an uninterrupted run.

const CHILD = join(PROJECT_ROOT, 'test/support/import-then-die.ts');
const dir = mkdtempSync(join(tmpdir(), 'payung-kill-'));
const databases: TestDatabase[] = [];
after(async () => {
  for (const d of databases) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database, closed here so that another process can open it (PGlite: one process a folder). */
async function freshDatabase(): Promise<string> {
  const d = await createTestDatabase();
  databases.push(d);
  await d.db.close();
  return d.location;
}

function writeFile(name: string, people: SheetPerson[]): string {
  const path = join(dir, name);
  writeFileSync(path, workerCsv(people));
  return path;
}

/**
 * Imports the file in another process, which is killed at `at` (import-then-die.ts; or as `at` says:
 * `['--before', REGEXP, '--during', 'validate']`). Its jobs' leases last a second, so that on PostgreSQL
 * the next start takes them up soon.
 */
function importThenDie(location: string, file: string, at: string | string[]): Promise<void> {
  const where = typeof at === 'string' ? ['--at', at] : at;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, '--db', location, '--file', file, ...where],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PAYUNG_DATA_DIR: join(dir, 'data'), PAYUNG_JOB_LEASE_SECONDS: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c) => {
      output += c;
    });
    child.stderr.on('data', (c) => {
      output += c;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else
        reject(new Error(`the import was not killed at ${where.join(' ')} (exit code ${code}): ${output}`));
    });
  });
}

/** The registry as a new process finds it: its workers, reviews and indexes, and whether NIKs are found. */
async function registry(location: string, niks: string[]) {
  const db = await openTestDatabase(location);
  try {
    const one = async (sql: string, params: unknown[] = []) =>
      (await db.query<{ n: number }>(sql, params)).rows[0]!.n;
    const indexes = await db.query<{ name: string }>(
      "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'workers' ORDER BY 1",
    );
    // Through the NIK index, as every lookup of a registered NIK goes.
    const found = await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      return (
        await tx.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM workers WHERE nik = ANY($1::bpchar[])',
          [niks],
        )
      ).rows[0]!.n;
    });
    return {
      workers: await one('SELECT count(*)::int AS n FROM workers'),
      nameKeys: await one('SELECT count(*)::int AS n FROM worker_name_keys'),
      reviews: await one('SELECT count(*)::int AS n FROM duplicate_reviews'),
      imported: await one("SELECT count(*)::int AS n FROM import_jobs WHERE status = 'imported'"),
      indexes: indexes.rows.map((r) => r.name),
      found,
    };
  } finally {
    await db.close();
  }
}

/**
 * The next start: an app on the database runs the jobs left behind until none is queued or running (on
 * PostgreSQL once the dead process's lease has run out). The import and its last job as they ended.
 */
async function nextStart(location: string) {
  const db = await openTestDatabase(location);
  try {
    const app = await createApp({ ...loadConfig({}), dataDir: join(dir, 'data') }, { db, prepared: true });
    const open = async () =>
      (
        await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM jobs WHERE state IN ('queued', 'running')",
        )
      ).rows[0]!.n;
    while ((await open()) > 0) {
      await app.jobs.drain();
      await new Promise((r) => setTimeout(r, 100));
    }
    await app.jobs.stop();
    const job = await db.query<{ state: string; attempts: number; kind: string }>(
      'SELECT state, attempts, kind FROM jobs ORDER BY created_at DESC LIMIT 1',
    );
    const imp = await db.query<{ status: string; counts: { accepted: number; added?: number } }>(
      'SELECT status, counts FROM import_jobs ORDER BY created_at DESC LIMIT 1',
    );
    return { job: job.rows[0]!, import: imp.rows[0]! };
  } finally {
    await db.close();
  }
}

describe('an import killed mid-way', () => {
  // A load as large as the registry: the registry's indexes are dropped and built again after the insert.
  const people = Array.from({ length: REBUILD_MIN_ROWS }, () => aPerson());
  const niks = people.filter((_, i) => i % 97 === 0).map((p) => p.nik);

  test('killed while the registry’s indexes are built again: nothing imported, every index there, and the file imports afterwards', async () => {
    const location = await freshDatabase();
    const file = writeFile('besar.csv', people);
    const before = await registry(location, niks);
    assert.equal(before.workers, 0);
    await importThenDie(location, file, String.raw`^CREATE (UNIQUE )?INDEX \S+ ON public\.workers`);
    const killed = await registry(location, niks);
    assert.deepEqual(killed, before, 'the registry as before the import');

    // The database works on: the same file, checked again and imported, in this process.
    const db = await openTestDatabase(location);
    try {
      const app = await createApp({ ...loadConfig({}), dataDir: join(dir, 'data') }, { db, prepared: true });
      const ctx = newContext(systemActor('16', 'test'));
      const up = await app.imports.upload(ctx, {
        fileName: 'besar.csv',
        source: Readable.from([readFileSync(file)]),
        regionCode: '16',
      });
      await app.imports.validate(ctx, up.job.id);
      assert.equal((await app.imports.commit(ctx, up.job.id)).added, people.length);
    } finally {
      await db.close();
    }
    const imported = await registry(location, niks);
    assert.equal(imported.workers, people.length);
    assert.equal(imported.found, niks.length);
    assert.deepEqual(imported.indexes, before.indexes);
  });

  test('killed right after it committed: every worker there and found through the rebuilt indexes; killed in the next import’s insert: that one not at all', async () => {
    const location = await freshDatabase();
    const before = await registry(location, niks);
    await importThenDie(location, writeFile('besar-2.csv', people), 'committed');
    const committed = await registry(location, niks);
    assert.equal(committed.workers, people.length);
    assert.equal(committed.found, niks.length, 'each NIK found through the NIK index');
    assert.deepEqual(committed.indexes, before.indexes);
    assert.ok(committed.nameKeys > 0 && committed.reviews > 0, 'name keys and reviews kept');
    assert.equal(committed.imported, 1);

    // A smaller file into that registry goes in through the indexes, in slices: killed after the first.
    const more = Array.from({ length: 3_000 }, () => aPerson());
    await importThenDie(location, writeFile('kecil.csv', more), '^INSERT INTO workers');
    const killed = await registry(location, [...niks, ...more.map((p) => p.nik)]);
    assert.deepEqual(killed, { ...committed, found: niks.length }, 'none of the second file');
  });
});

describe('an import job interrupted mid-way is taken up at the next start', () => {
  const people = Array.from({ length: 3_000 }, () => aPerson());
  const niks = people.filter((_, i) => i % 29 === 0).map((p) => p.nik);

  test('killed during the dry run: the next start checks the file again, to the same outcome', async () => {
    const location = await freshDatabase();
    const before = await registry(location, niks);
    await importThenDie(location, writeFile('uji.csv', people), [
      '--at',
      '^SELECT nik, id, COALESCE',
      '--during',
      'validate',
    ]);
    assert.deepEqual(await registry(location, niks), before, 'nothing written');
    const resumed = await nextStart(location);
    assert.deepEqual(resumed.job, { state: 'succeeded', attempts: 2, kind: 'import.validate' });
    assert.equal(resumed.import.status, 'validated');
    assert.equal(resumed.import.counts.accepted, people.length);
    assert.deepEqual(await registry(location, niks), before, 'a dry run writes no worker');
  });

  test('killed during the commit: the next start imports it once, all of it', async () => {
    const location = await freshDatabase();
    const before = await registry(location, niks);
    await importThenDie(location, writeFile('impor.csv', people), '^INSERT INTO workers');
    assert.deepEqual(await registry(location, niks), before, 'nothing imported yet');
    const resumed = await nextStart(location);
    assert.equal(resumed.job.state, 'succeeded');
    assert.equal(resumed.job.kind, 'import.commit');
    assert.equal(resumed.import.status, 'imported');
    assert.equal(resumed.import.counts.added, people.length);
    const after = await registry(location, niks);
    assert.equal(after.workers, people.length);
    assert.equal(after.found, niks.length);
    assert.equal(after.imported, 1);
    assert.deepEqual(after.indexes, before.indexes);
  });

  test('killed after the commit, before its job was marked done: the next start ends the job, adding nothing', async () => {
    const location = await freshDatabase();
    await importThenDie(location, writeFile('selesai.csv', people), [
      '--before',
      String.raw`^UPDATE jobs SET state = \$3`,
    ]);
    const killed = await registry(location, niks);
    assert.equal(killed.workers, people.length, 'the commit is kept');
    const resumed = await nextStart(location);
    assert.deepEqual(resumed.job, { state: 'succeeded', attempts: 2, kind: 'import.commit' });
    assert.equal(resumed.import.status, 'imported');
    assert.equal(resumed.import.counts.added, people.length);
    assert.deepEqual(await registry(location, niks), killed, 'no worker twice, none more');
  });
});
