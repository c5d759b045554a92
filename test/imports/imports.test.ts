import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import yauzl from 'yauzl';
import { DuplicatePage } from '../../src/contracts/imports.js';
import { readXlsx } from '../../src/modules/imports/files/xlsx.js';
import { writeXlsx } from '../../src/modules/imports/files/xlsx-writer.js';
import { STAGING_KEPT_DAYS } from '../../src/modules/imports/imports.service.js';
import type { AppError } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DATABASE_URL } from '../support/db.js';
import { ctxAs, TODAY } from '../support/factories.js';
import { multipart } from '../support/multipart.js';
import { aPerson, HEADER, nikWithSerial, workerCsv } from '../support/sheets.js';

let t: TestApp;
const dir = mkdtempSync(join(tmpdir(), 'payung-import-'));

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function zipEntry(path: string, name: string): Promise<string> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName !== name) return zip.readEntry();
        zip.openReadStream(e, async (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          for await (const c of s) chunks.push(c as Buffer);
          zip.close();
          resolve(Buffer.concat(chunks).toString('utf8'));
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${path}`)));
      zip.readEntry();
    }),
  );
}

const count = async () =>
  (await t.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM workers')).rows[0]!.n;

async function upload(name: string, content: string | Buffer, regionCode = '16.71') {
  return t.app.imports.upload(ctxAs(), {
    fileName: name,
    source: Readable.from([Buffer.from(content)]),
    regionCode,
  });
}

async function dryRun(
  name: string,
  content: string | Buffer,
  regionCode = '16.71',
  opts: { sweepWindow?: number } = {},
) {
  const up = await upload(name, content, regionCode);
  const byRow = new Map<
    number,
    {
      row: number;
      status: string;
      errors: { field: string; code: string; message: string }[];
      warnings: { code: string }[];
    }
  >();
  // A row flagged as a possible duplicate of a registered worker is reported again with the warning.
  const counts = await t.app.imports.validate(ctxAs(), up.job.id, (r) => byRow.set(r.row, r), opts);
  return { id: up.job.id, counts, rows: [...byRow.values()].sort((a, b) => a.row - b.row), up };
}

describe('reading messy regency files', () => {
  test('title rows, a semicolon CSV and a totals row; row numbers as the spreadsheet shows them', async () => {
    const people = [aPerson(), aPerson(), aPerson()];
    const r = await dryRun('plg.csv', workerCsv(people, { delimiter: ';' }));
    assert.equal(r.up.job.header_row, 3);
    assert.deepEqual(r.counts, {
      rows: 3,
      accepted: 3,
      rejected: 0,
      duplicates: 0,
      skipped: 1,
      withWarnings: 0,
      possibleDuplicates: 0,
    });
    // The totals row under the people is left out, and says so.
    assert.deepEqual(
      r.rows.map((x) => [x.row, x.status]),
      [
        [4, 'accepted'],
        [5, 'accepted'],
        [6, 'accepted'],
        [7, 'skipped'],
      ],
    );
    assert.equal(r.rows.at(-1)!.warnings[0]!.code, 'TOTALS_ROW');
  });

  test('values written every way regencies write them', async () => {
    const people = [
      aPerson({ nik: `'${aPerson().nik}` }),
      aPerson({ sex: 'Perempuan', income: 'Rp1.000.000,-', phone: '62 812 1111 2222' }),
      aPerson({ sex: 'Laki-laki', income: '1,2 juta' }),
      aPerson({ sex: 'Wanita', income: '1500000', occupation: 'Ojol' }),
      aPerson({ sex: 'Pria', income: '', occupation: 'penyadap karet' }),
    ];
    // The leading apostrophe person: the NIK must still agree with the row's own birth date and sex.
    const p0 = people[0]!;
    const base = aPerson();
    Object.assign(p0, { nik: `'${base.nik}`, sex: base.sex, birthDate: base.birthDate });
    const female = new Set(['Perempuan', 'Wanita', 'P']);
    for (const p of people.slice(1)) {
      const q = aPerson({ sex: female.has(p.sex) ? 'P' : 'L' });
      p.nik = q.nik;
      p.birthDate = q.birthDate;
    }
    const r = await dryRun('nilai.csv', workerCsv(people));
    assert.equal(r.counts.rejected, 0, JSON.stringify(r.rows.filter((x) => x.status === 'rejected')));
    assert.equal(r.counts.accepted, 5);
    const missingIncome = r.rows.find((x) => x.row === 8);
    assert.ok(missingIncome?.warnings.some((w) => w.code === 'INCOME_MISSING'));
  });

  test('rejected rows carry every error with field, code and an Indonesian message', async () => {
    const ok = aPerson();
    const rows = [
      aPerson({ nik: '12345' }),
      aPerson({ name: '' }),
      aPerson({ name: '=HYPERLINK("http://x")' }),
      aPerson({ name: 'Budi <script>' }),
      { ...aPerson(), sex: ok.sex === 'P' ? 'L' : 'P', nik: ok.nik, birthDate: ok.birthDate },
      aPerson({ district: 'Kecamatan Antah Berantah' }),
      aPerson({ birthDate: '' }),
    ];
    const r = await dryRun('tolak.csv', workerCsv(rows));
    assert.equal(r.counts.rejected, 7);
    const byRow = new Map(r.rows.map((x) => [x.row, x]));
    const codes = (row: number) => byRow.get(row)!.errors.map((e) => e.code);
    assert.ok(
      codes(4).some((c) => c.startsWith('NIK_')),
      codes(4).join(),
    );
    assert.ok(codes(5).length > 0);
    assert.ok(codes(6).includes('NAME_INVALID'), codes(6).join());
    assert.ok(codes(7).includes('NAME_INVALID'), codes(7).join());
    assert.ok(
      codes(8).some((c) => c.includes('SEX')),
      codes(8).join(),
    );
    assert.ok(codes(9).includes('DISTRICT_NOT_FOUND'), codes(9).join());
    assert.ok(
      codes(10).some((c) => c.includes('BIRTHDATE')),
      codes(10).join(),
    );
    for (const x of r.rows)
      for (const e of x.errors) assert.ok(e.field && e.message.length > 10, JSON.stringify(e));
  });

  test('XLSX with real dates, numeric NIKs and a NIK damaged by Excel', async () => {
    const p1 = aPerson();
    const p2 = aPerson();
    const p3 = aPerson();
    const toDate = (dmy: string) => {
      const [d, m, y] = dmy.split('-').map(Number);
      return new Date(Date.UTC(y!, m! - 1, d!));
    };
    const path = join(dir, 'kabupaten.xlsx');
    await writeXlsx(
      path,
      [
        ['REKAP PEKERJA RENTAN'],
        HEADER,
        [
          1,
          p1.nik,
          p1.name,
          p1.sex,
          p1.birthPlace,
          toDate(p1.birthDate),
          p1.district,
          p1.village,
          p1.occupation,
          p1.phone,
          p1.mother,
          1500000,
        ],
        [
          2,
          Number(p2.nik),
          p2.name,
          p2.sex,
          p2.birthPlace,
          toDate(p2.birthDate),
          p2.district,
          p2.village,
          p2.occupation,
          p2.phone,
          p2.mother,
          1000000,
        ],
        // What Excel keeps of a 16-digit NIK typed as a number: 15 significant digits.
        [
          3,
          Number(`${p3.nik.slice(0, 15)}0`),
          p3.name,
          p3.sex,
          p3.birthPlace,
          p3.birthDate,
          p3.district,
          p3.village,
          p3.occupation,
          p3.phone,
          p3.mother,
          'Rp 2.000.000',
        ],
      ],
      { sharedStrings: true },
    );
    const r = await dryRun('kabupaten.xlsx', readFileSync(path));
    assert.equal(r.counts.accepted, 2, JSON.stringify(r.rows));
    const damaged = r.rows.find((x) => x.row === 5)!;
    assert.equal(damaged.status, 'rejected');
    assert.ok(
      damaged.errors.some((e) => e.code === 'NIK_SPREADSHEET_DAMAGED'),
      JSON.stringify(damaged.errors),
    );
  });

  test('a NUL character in a cell: the dry run refuses the file, naming the row; nothing is staged', async () => {
    // Past the first 20 rows, which the upload reads (a NUL there is refused at upload already).
    const people = Array.from({ length: 25 }, () => aPerson());
    people[23]!.name = 'Budi\u0000Santoso';
    const r = await upload('nul.csv', workerCsv(people));
    await assert.rejects(
      t.app.imports.validate(ctxAs(), r.job.id),
      (e: AppError) => e.code === 'FILE_UNREADABLE' && /^Baris 27 /.test(e.message),
    );
    assert.equal((await t.app.imports.get(ctxAs(), r.job.id)).status, 'failed');
    const staged = await t.app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM import_staged_workers WHERE job_id = $1',
      [r.job.id],
    );
    assert.equal(staged.rows[0]!.n, 0);
  });

  test('Windows-1252 CSV from Excel on Windows', async () => {
    const p = aPerson({ name: 'José Marçal' });
    const csv = workerCsv([p]);
    const r = await dryRun('win.csv', Buffer.from(csv, 'latin1'));
    assert.equal(r.counts.accepted, 1);
    const found = await t.app.workers.search(ctxAs(), { q: 'Jose Marcal', status: 'all', limit: 5 });
    assert.equal(found.items.length, 0, 'a dry run writes nothing');
  });
});

describe('importing safely', () => {
  test('dry run writes nothing; import adds the accepted rows; the same file again adds nothing', async () => {
    const people = [aPerson(), aPerson(), aPerson({ nik: '1' })];
    const csv = workerCsv(people);
    const before = await count();
    const first = await dryRun('ulang.csv', csv);
    assert.equal(await count(), before);
    const done = await t.app.imports.commit(ctxAs(), first.id);
    assert.equal(done.added, 2);
    assert.equal(done.rejected, 1);
    assert.equal(await count(), before + 2);
    const again = await dryRun('ulang.csv', csv);
    assert.equal(again.counts.duplicates, 2);
    // Nothing left to add: the import is refused with the reason, and nothing changes.
    await assert.rejects(
      t.app.imports.commit(ctxAs(), again.id),
      (e: AppError) => e.code === 'IMPORT_STATE' && /Tidak ada yang bisa diimpor/.test(e.message),
    );
    assert.equal(await count(), before + 2);
    const dup = again.rows.find((x) => x.status === 'duplicate')!;
    assert.ok(dup.warnings.some((w) => w.code === 'NIK_ALREADY_REGISTERED'));
  });

  test('--update-existing replaces the registry values for known NIKs', async () => {
    const p = aPerson({ occupation: 'Nelayan' });
    const first = await dryRun('u1.csv', workerCsv([p]));
    await t.app.imports.commit(ctxAs(), first.id);
    const changed = await dryRun('u2.csv', workerCsv([{ ...p, occupation: 'Juru Parkir' }]));
    const r = await t.app.imports.commit(ctxAs(), changed.id, { updateExisting: true });
    assert.equal(r.updated, 1);
    const w = (await t.app.workers.search(ctxAs(), { q: p.nik, status: 'all', limit: 1 })).items[0]!;
    assert.equal(w.occupation, 'juru_parkir');
    assert.equal(w.version, 2);
    // Audited like an edit in the form: only what changed, before and after.
    const events = await t.app.db.query<{
      before: unknown;
      after: unknown;
      details: unknown;
      entity_type: string;
      actor_label: string;
      actor_role: string;
      region_code: string | null;
    }>(
      `SELECT before, after, details, entity_type, actor_label, actor_role, region_code
       FROM audit_events WHERE entity_id = $1 AND action = 'worker.update'`,
      [w.id],
    );
    assert.deepEqual(
      events.rows.map((e) => [e.before, e.after, e.details]),
      [[{ occupation: 'nelayan' }, { occupation: 'juru_parkir' }, { import: changed.id }]],
    );
    // Whose change, on what, and where: as recordAudit writes an edit in the form.
    const { actor } = ctxAs();
    const e = events.rows[0]!;
    assert.deepEqual([e.entity_type, e.actor_label, e.actor_role], ['worker', actor.label, actor.role]);
    assert.ok(e.region_code?.startsWith('16.71.'), 'the worker’s village or district');
  });

  test('--update-existing leaves alone a NIK that someone else registered after the dry run', async () => {
    const [known, p] = [aPerson({ occupation: 'Nelayan' }), aPerson({ occupation: 'Nelayan' })];
    await t.app.imports.commit(ctxAs(), (await dryRun('lama.csv', workerCsv([known]))).id);
    const late = await dryRun(
      'telat.csv',
      workerCsv([
        { ...known, occupation: 'Juru Parkir' },
        { ...p, occupation: 'Juru Parkir' },
      ]),
    );
    await t.app.imports.commit(ctxAs(), (await dryRun('dulu.csv', workerCsv([p]))).id);
    const r = await t.app.imports.commit(ctxAs(), late.id, { updateExisting: true });
    assert.equal(r.updated, 1, 'the NIK registered at the dry run is updated');
    assert.equal(r.duplicates, 1);
    const w = (await t.app.workers.search(ctxAs(), { q: p.nik, status: 'all', limit: 1 })).items[0]!;
    assert.equal(w.occupation, 'nelayan');
    assert.equal(w.version, 1);
  });

  // What an index rebuild takes apart and puts back: the indexes of the registry and of its name keys,
  // and the registry's triggers.
  const workerIndexes = async () => [
    ...(
      await t.app.db.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE tablename IN ('workers', 'worker_name_keys') ORDER BY indexname`,
      )
    ).rows.map((r) => r.indexdef),
    ...(
      await t.app.db.query<{ def: string }>(
        `SELECT conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE conrelid = 'workers'::regclass ORDER BY conname`,
      )
    ).rows.map((r) => r.def),
    ...(
      await t.app.db.query<{ def: string }>(
        `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger
         WHERE tgrelid = 'workers'::regclass AND NOT tgisinternal ORDER BY tgname`,
      )
    ).rows.map((r) => r.def),
  ];

  const nameKeysIndexOid = async () =>
    (await t.app.db.query<{ oid: string }>(`SELECT 'worker_name_keys_trgm'::regclass::oid::text AS oid`))
      .rows[0]!.oid;

  for (const rebuildIndexes of [false, true]) {
    test(`a failure in the middle of an import leaves the registry unchanged (${rebuildIndexes ? 'indexes rebuilt' : 'indexes updated row by row'})`, async () => {
      // More rows than one dry-run chunk (CHUNK), so chunks are checked while the next is read.
      const people = Array.from({ length: 24_000 }, () => aPerson());
      const v = await dryRun('besar.csv', workerCsv(people));
      assert.equal(v.counts.accepted, 24_000);
      assert.equal(v.rows.filter((x) => x.status !== 'skipped').length, 24_000);
      const [before, indexes] = [await count(), await workerIndexes()];
      await assert.rejects(
        t.app.imports.commit(ctxAs(), v.id, { failAfterRows: 10_000, rebuildIndexes }),
        /failure injected/,
      );
      assert.equal(await count(), before, 'no partial rows');
      assert.deepEqual(await workerIndexes(), indexes, 'every index of the registry is still there');
      const job = await t.app.imports.get(ctxAs(), v.id);
      assert.equal(job.status, 'validated', 'can be run again');
      const r = await t.app.imports.commit(ctxAs(), v.id, { rebuildIndexes });
      assert.equal(r.added, 24_000);
      assert.equal(await count(), before + 24_000);
    });
  }

  test('a load that rebuilds the indexes: duplicates, a NIK registered meanwhile, reviews and the indexes all come out right', async () => {
    const known = aPerson({ name: 'Sri Wahyuni' });
    await t.app.imports.commit(ctxAs(), (await dryRun('awal.csv', workerCsv([known]))).id);
    const a = aPerson({ name: 'Muhammad Ilham Pratama', sex: 'L' });
    const twin = { ...aPerson({ name: 'Moh. Ilham Pratama', sex: 'L' }), birthDate: a.birthDate };
    twin.nik = nikWithSerial(a.nik, 700);
    const late = aPerson();
    const others = Array.from({ length: 30 }, () => aPerson());
    const v = await dryRun('muat.csv', workerCsv([known, a, twin, late, ...others]));
    assert.equal(v.counts.duplicates, 1, 'the registered NIK');
    // Someone registers `late` between the dry run and the import.
    await t.app.imports.commit(ctxAs(), (await dryRun('sela.csv', workerCsv([late]))).id);
    const [before, indexes, keysIndex] = [await count(), await workerIndexes(), await nameKeysIndexOid()];

    const r = await t.app.imports.commit(ctxAs(), v.id, { rebuildIndexes: true });
    assert.notEqual(await nameKeysIndexOid(), keysIndex, 'the name keys’ index was built again');
    assert.equal(r.added, 32);
    assert.equal(r.duplicates, 2, 'the NIK registered before the dry run and the one registered after');
    assert.equal(await count(), before + 32);
    assert.deepEqual(await workerIndexes(), indexes, 'the same indexes, built again');
    const lateRow = (await t.app.imports.results(ctxAs(), v.id, 'duplicate', 50, 0)).find(
      (x: { row: number }) => x.row === 7,
    );
    assert.ok(lateRow?.warnings.some((w: { code: string }) => w.code === 'NIK_ALREADY_REGISTERED'));
    const found = await t.app.workers.search(ctxAs(), { q: 'ilham pratama', status: 'all', limit: 5 });
    assert.equal(found.items.length, 2, 'name search sees the new workers');
    const queue = (await t.app.reviews.list(ctxAs())).items;
    assert.ok(
      queue.some(
        (q) => q.worker.fullName === 'Moh. Ilham Pratama' && q.other.fullName === 'Muhammad Ilham Pratama',
      ),
      'the twin rows of the file wait for review',
    );
    const again = await dryRun('muat.csv', workerCsv([known, a, twin, late, ...others]));
    assert.equal(again.counts.duplicates, 34, 'the unique NIK index works again');
  });

  test('a rebuild while a search holds the name keys: the keys go in through their index, nothing waits', {
    skip: TEST_DATABASE_URL
      ? false
      : 'PGlite has one connection, so no other session can hold the table (runs on PostgreSQL)',
  }, async () => {
    const people = Array.from({ length: 20 }, (_, i) => aPerson({ name: `Pekerja Sibuk ${i} Lestari` }));
    const v = await dryRun('sibuk.csv', workerCsv(people));
    const indexes = await workerIndexes();
    const keysIndex = await nameKeysIndexOid();
    // Another session reads the name keys and keeps its transaction open meanwhile.
    const r = await t.app.db.transaction(async (other) => {
      await other.query('SELECT count(*) FROM worker_name_keys');
      return t.app.imports.commit(ctxAs(), v.id, { rebuildIndexes: true });
    });
    assert.equal(r.added, 20);
    assert.deepEqual(await workerIndexes(), indexes);
    assert.equal(await nameKeysIndexOid(), keysIndex, 'the keys went in through the index it had');
    const found = await t.app.workers.search(ctxAs(), {
      q: 'pekerja sibuk lestari',
      status: 'all',
      limit: 25,
    });
    assert.equal(found.items.length, 20, 'the new keys are searchable');
  });

  test('once no job has rows staged, a commit empties the staging table and gives its space back', async () => {
    await t.app.db.query('DELETE FROM import_staged_workers');
    const v = await dryRun('kosong.csv', workerCsv(Array.from({ length: 50 }, () => aPerson())));
    const size = async () =>
      (await t.app.db.query<{ n: string }>(`SELECT pg_relation_size('import_staged_workers')::text AS n`))
        .rows[0]!.n;
    assert.notEqual(await size(), '0');
    await t.app.imports.commit(ctxAs(), v.id);
    assert.equal(await size(), '0', 'truncated, not only deleted');
  });

  test('a dry run left unimported for more than a week gives its staged rows up, and importing it asks for the dry run again', async () => {
    const staged = async (id: string) =>
      (
        await t.app.db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM import_staged_workers WHERE job_id = $1',
          [id],
        )
      ).rows[0]!.n;
    const [old, recent] = [
      await dryRun('lama.csv', workerCsv([aPerson(), aPerson()])),
      await dryRun('baru.csv', workerCsv([aPerson()])),
    ];
    // Days before the test's "today" (ctxAs), which the service counts from.
    const backdate = (id: string, days: number) =>
      t.app.db.query('UPDATE import_jobs SET validated_at = $2 WHERE id = $1', [
        id,
        new Date(TODAY.getTime() - days * 86_400_000),
      ]);
    await backdate(old.id, STAGING_KEPT_DAYS + 1);
    await backdate(recent.id, STAGING_KEPT_DAYS - 1);
    await dryRun('lain.csv', workerCsv([aPerson()]));
    assert.equal(await staged(old.id), 0, 'the old dry run’s rows are gone');
    assert.equal(await staged(recent.id), 1, 'a recent one keeps its rows');
    await assert.rejects(
      t.app.imports.commit(ctxAs(), old.id),
      (e: AppError) => e.code === 'IMPORT_STATE' && /uji coba/.test(e.message),
    );
    assert.equal((await t.app.imports.get(ctxAs(), old.id)).status, 'uploaded');
    await t.app.imports.validate(ctxAs(), old.id);
    assert.equal((await t.app.imports.commit(ctxAs(), old.id)).added, 2);
    assert.equal((await t.app.imports.commit(ctxAs(), recent.id)).added, 1);
  });

  test('the same NIK twice in one file: the later row is a duplicate, and only one worker is added', async () => {
    const p = aPerson({ name: 'Rahmat Hidayat' });
    // Same birth date and sex (the NIK's date digits), another NIK: a different person, not a duplicate.
    const sameDay = { ...aPerson({ name: 'Agus Salim' }), sex: p.sex, birthDate: p.birthDate };
    sameDay.nik = nikWithSerial(p.nik, 300);
    const r = await dryRun('ganda.csv', workerCsv([p, sameDay, { ...p, name: 'RAHMAT HIDAYAT' }]));
    assert.equal(r.counts.accepted, 2);
    assert.equal(r.counts.duplicates, 1);
    const dup = r.rows.find((x) => x.status === 'duplicate')!;
    assert.equal(dup.row, 6);
    assert.ok(dup.warnings.some((w) => w.code === 'NIK_DUPLICATE_IN_FILE'));
    const before = await count();
    assert.equal((await t.app.imports.commit(ctxAs(), r.id)).added, 2);
    assert.equal(await count(), before + 2);
  });

  test('a NIK registered between the dry run and the import becomes a duplicate, and the counts say so', async () => {
    const [p1, p2] = [aPerson(), aPerson()];
    const a = await dryRun('a.csv', workerCsv([p1, p2]));
    const b = await dryRun('b.csv', workerCsv([p2]));
    assert.equal((await t.app.imports.commit(ctxAs(), b.id)).added, 1);
    const before = await count();
    const r = await t.app.imports.commit(ctxAs(), a.id);
    assert.equal(r.added, 1);
    assert.equal(r.duplicates, 1);
    assert.equal(r.accepted, 1);
    assert.equal(await count(), before + 1);
    const results = await t.app.imports.results(ctxAs(), a.id, 'duplicate', 50, 0);
    assert.deepEqual(
      results.map((x: { row: number }) => x.row),
      [5],
    );
    assert.ok(results[0]!.warnings.some((w: { code: string }) => w.code === 'NIK_ALREADY_REGISTERED'));
  });

  test('when the staged rows are gone (a database crash), the import asks for a new dry run and writes nothing', async () => {
    const v = await dryRun('hilang.csv', workerCsv([aPerson(), aPerson()]));
    await t.app.db.query('DELETE FROM import_staged_workers WHERE job_id = $1', [v.id]);
    const before = await count();
    await assert.rejects(
      t.app.imports.commit(ctxAs(), v.id),
      (e: AppError) => e.code === 'IMPORT_STATE' && /pemeriksaan/.test(e.message),
    );
    assert.equal(await count(), before);
    assert.equal((await t.app.imports.get(ctxAs(), v.id)).status, 'uploaded');
    await t.app.imports.validate(ctxAs(), v.id);
    assert.equal((await t.app.imports.commit(ctxAs(), v.id)).added, 2);
  });

  test('the layout (header, mapping, first rows) can be asked for again, and that read is audited', async () => {
    const p = aPerson();
    const up = await upload('tata.csv', workerCsv([p]));
    const l = await t.app.imports.layout(ctxAs(), up.job.id);
    assert.deepEqual(l.header, up.header);
    assert.deepEqual(l.job.mapping, up.job.mapping);
    assert.deepEqual(l.sample, up.sample);
    assert.ok(l.sample[0]!.cells.includes(p.nik));
    const events = await t.app.db.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at',
      [up.job.id],
    );
    assert.ok(events.rows.some((e) => e.action === 'import.layout'));
  });

  test('possible duplicates in the file and against the registry are flagged and queued for review', async () => {
    const a = aPerson({ name: 'Muhammad Rizki Saputra', sex: 'L' });
    const twin = aPerson({ name: 'Moh. Rizki Saputra', sex: 'L' });
    twin.birthDate = a.birthDate;
    twin.nik = nikWithSerial(a.nik, 700);
    const r = await dryRun('mirip.csv', workerCsv([a, twin]));
    assert.equal(r.counts.accepted, 2);
    assert.equal(r.counts.possibleDuplicates, 1);
    assert.ok(r.rows.find((x) => x.row === 5)!.warnings.some((w) => w.code === 'POSSIBLE_DUPLICATE_IN_FILE'));
    await t.app.imports.commit(ctxAs(), r.id);

    const third = aPerson({ name: 'MUHAMAD RIZKI SAPUTRA', sex: 'L' });
    third.birthDate = a.birthDate;
    third.nik = nikWithSerial(a.nik, 900);
    // Like the registered pair and like `third`: flagged both ways, counted once.
    const fourth = aPerson({ name: 'Muhammad Rizky Saputra', sex: 'L' });
    fourth.birthDate = a.birthDate;
    fourth.nik = nikWithSerial(a.nik, 950);
    const r2 = await dryRun('mirip2.csv', workerCsv([third, fourth]));
    assert.ok(
      r2.rows[0]!.warnings.some((w) => w.code === 'POSSIBLE_DUPLICATE'),
      JSON.stringify(r2.rows),
    );
    assert.deepEqual(r2.rows[1]!.warnings.map((w) => w.code).sort(), [
      'POSSIBLE_DUPLICATE',
      'POSSIBLE_DUPLICATE_IN_FILE',
    ]);
    assert.equal(r2.counts.possibleDuplicates, 2, 'rows, not flags');
    assert.equal(r2.counts.withWarnings, 2);
    await t.app.imports.commit(ctxAs(), r2.id);
    // The queue's page as the contract describes it (DuplicatePage).
    const queue = DuplicatePage.parse(await t.app.reviews.list(ctxAs())).items;
    assert.ok(queue.length >= 2);
    const item = queue.find((q) => q.worker.fullName === 'MUHAMAD RIZKI SAPUTRA')!;
    assert.ok(item.worker.nik.includes('*'), 'side by side, masked');
    const decided = await t.app.reviews.decide(ctxAs(), item.id, 'merge', item.other.id);
    assert.equal(decided.status, 'merged');
    const dropped = await t.app.workers.get(ctxAs(), item.worker.id);
    assert.equal(dropped.isActive, false);
    await assert.rejects(
      t.app.reviews.decide(ctxAs(), item.id, 'keep_both'),
      (e: AppError) => e.code === 'REVIEW_DECIDED',
    );
  });

  for (const rebuildIndexes of [false, true]) {
    test(`a possible duplicate of a row whose NIK is registered, before the dry run or after it, is queued against the registered worker (${rebuildIndexes ? 'indexes rebuilt' : 'indexes updated row by row'})`, async () => {
      // Registered already, under another name: the file's row with this NIK is a duplicate, and its
      // in-file twin's review names the registered worker.
      const tag = rebuildIndexes ? 'Ayu' : 'Ani';
      const known = aPerson({ name: `Rina Marlina ${tag}`, sex: 'P' });
      await t.app.imports.commit(ctxAs(), (await dryRun('awal.csv', workerCsv([known]))).id);
      const sameNik = { ...known, name: `Dewi Lestari Handayani ${tag}` };
      const twinOfKnown = {
        ...aPerson({ name: `Dewi Lestary Handayani ${tag}`, sex: 'P' }),
        birthDate: known.birthDate,
      };
      twinOfKnown.nik = nikWithSerial(known.nik, rebuildIndexes ? 811 : 711);
      // Registered by someone else between the dry run and the import.
      const late = aPerson({ name: `Sari Wulandari Putri ${tag}`, sex: 'P' });
      const twinOfLate = {
        ...aPerson({ name: `Sari Wulandary Putri ${tag}`, sex: 'P' }),
        birthDate: late.birthDate,
      };
      twinOfLate.nik = nikWithSerial(late.nik, rebuildIndexes ? 822 : 722);
      const v = await dryRun('kembar.csv', workerCsv([sameNik, twinOfKnown, late, twinOfLate]));
      assert.equal(v.counts.possibleDuplicates, 2, JSON.stringify(v.rows));
      const meanwhile = await t.app.imports.commit(ctxAs(), (await dryRun('sela.csv', workerCsv([late]))).id);
      assert.equal(meanwhile.added, 1);

      const r = await t.app.imports.commit(ctxAs(), v.id, { rebuildIndexes });
      assert.equal(r.added, 2);
      const queue = (await t.app.reviews.list(ctxAs())).items;
      const pairOf = (name: string) =>
        queue.filter((q) => q.worker.fullName === name).map((q) => q.other.fullName);
      assert.deepEqual(pairOf(twinOfKnown.name), [known.name], 'the registered worker, not the file’s row');
      assert.deepEqual(pairOf(twinOfLate.name), [late.name], 'the worker registered meanwhile');
    });
  }

  test('registry possible duplicates are found in every window of a long file, read while it is checked', async () => {
    const twinOf = (p: ReturnType<typeof aPerson>, name: string, plus: number) => ({
      ...aPerson({ name, sex: p.sex }),
      sex: p.sex,
      birthDate: p.birthDate,
      nik: nikWithSerial(p.nik, plus),
    });
    const [a, b] = [
      aPerson({ name: 'Hendra Gunawan', sex: 'L' }),
      aPerson({ name: 'Ratna Sari Dewi', sex: 'P' }),
    ];
    await t.app.imports.commit(ctxAs(), (await dryRun('daftar.csv', workerCsv([a, b]))).id);
    // 24,000 rows: two chunks (CHUNK); with a window of 10,000 the first window is checked after the
    // first chunk, the rest at the end. One twin of a registered worker in each.
    const people = Array.from({ length: 24_000 }, () => aPerson());
    people[5] = twinOf(a, 'Hendra Gunawan', 800);
    people[23_000] = twinOf(b, 'Ratna Sari Dewi', 800);
    const r = await dryRun('panjang.csv', workerCsv(people), '16.71', { sweepWindow: 10_000 });
    // Rows as the spreadsheet numbers them: a title row, an empty row and the header come first.
    const flagged = new Set(
      r.rows.filter((x) => x.warnings.some((w) => w.code === 'POSSIBLE_DUPLICATE')).map((x) => x.row),
    );
    assert.ok(flagged.has(4 + 5), 'the twin in the first window');
    assert.ok(flagged.has(4 + 23_000), 'the twin in the last window');
    assert.ok(r.counts.possibleDuplicates >= flagged.size);
  });

  test('rows outside the importing region are rejected; a region outside the actor’s scope is refused', async () => {
    const r = await dryRun('oi.csv', workerCsv([aPerson()]), '16.10');
    assert.equal(r.counts.rejected, 1);
    assert.ok(r.rows[0]!.errors.some((e) => e.code === 'DISTRICT_NOT_FOUND'));
    const oi = {
      id: 'u',
      kind: 'user' as const,
      label: 'op',
      role: 'regency_operator' as const,
      regionCodes: ['16.10'],
      sponsorIds: [],
    };
    await assert.rejects(
      t.app.imports.upload(ctxAs(oi), {
        fileName: 'x.csv',
        source: Readable.from([Buffer.from('NIK,NAMA\n')]),
        regionCode: '16.71',
      }),
      (e: AppError) => e.code === 'FORBIDDEN',
    );
  });
});

describe('the error report and the API', () => {
  test('the report holds the original rows with status and explanations, formulas neutralised', async () => {
    const bad = aPerson({ name: '=HYPERLINK("http://evil","klik")' });
    const r = await dryRun('lapor.csv', workerCsv([aPerson(), bad]));
    const path = join(dir, 'laporan.xlsx');
    await t.app.imports.errorReport(ctxAs(), r.id, path);
    const rows: unknown[][] = [];
    for await (const row of readXlsx(path)) rows.push(row.cells);
    const header = rows.find((x) => x[0] === 'BARIS')!;
    assert.deepEqual(header.slice(0, 3), ['BARIS', 'STATUS', 'KETERANGAN']);
    const rejected = rows.find((x) => x[1] === 'DITOLAK')!;
    assert.match(String(rejected[2]), /fullName|nama/i);
    assert.equal(rejected[5], bad.name, 'original value kept');
    // The formula-looking cell is stored as text with Excel's quote prefix, never as a formula.
    const sheet = await zipEntry(path, 'xl/worksheets/sheet1.xml');
    assert.ok(!sheet.includes('<f>'), 'no formula elements');
    const cell = /<c r="F\d+" t="inlineStr" s="2"><is><t xml:space="preserve">=HYPERLINK/.exec(sheet);
    assert.ok(cell, 'quote-prefixed text cell');
  });

  test('upload through the API: progress, results, report download; bad files get clear errors', async () => {
    const admin = await t.login('operator.palembang@payung.local');
    const m = multipart(
      {},
      { name: 'api.csv', content: workerCsv([aPerson(), aPerson({ nik: '99' })]), type: 'text/csv' },
    );
    const up = await t.server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...admin, ...m.headers },
      payload: m.payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    const id = up.json().job.id;
    assert.equal(up.json().job.regionCode, '16.71');
    assert.equal(up.json().job.mapping.nik, 1);
    const v = await t.server.inject({
      method: 'POST',
      url: `/api/v1/imports/${id}/validate`,
      headers: admin,
    });
    assert.equal(v.statusCode, 202);
    let job = v.json();
    for (let i = 0; i < 100 && job.status !== 'validated'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await t.server.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: admin })).json();
    }
    assert.equal(job.status, 'validated');
    assert.equal(job.counts.rejected, 1);
    const results = (
      await t.server.inject({
        method: 'GET',
        url: `/api/v1/imports/${id}/results?status=rejected`,
        headers: admin,
      })
    ).json();
    assert.equal(results.items.length, 1);
    const report = await t.server.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}/report.xlsx`,
      headers: admin,
    });
    assert.equal(report.statusCode, 200);
    assert.equal(report.rawPayload.subarray(0, 2).toString(), 'PK');

    const wrongType = multipart({}, { name: 'data.xls', content: 'x' });
    const e1 = await t.server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...admin, ...wrongType.headers },
      payload: wrongType.payload,
    });
    assert.equal(e1.statusCode, 422);
    assert.equal(e1.json().error.code, 'FILE_TYPE_UNSUPPORTED');
    const noHeader = multipart({}, { name: 'x.csv', content: 'a,b\n1,2\n' });
    const e2 = await t.server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...admin, ...noHeader.headers },
      payload: noHeader.payload,
    });
    assert.equal(e2.json().error.code, 'HEADER_NOT_FOUND');
  });
});
