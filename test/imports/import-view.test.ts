import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { maskNik } from '../../src/domain/mask.js';
import { readXlsx } from '../../src/modules/imports/files/xlsx.js';
import type { AppError } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ctxAs } from '../support/factories.js';
import { multipart } from '../support/multipart.js';
import { aPerson, nikWithSerial, type SheetPerson, workerCsv } from '../support/sheets.js';

// What the operator sees of an import: every row's true outcome, in the screen's words, whose row it
// is, the two kinds of duplicate told apart, the review queue in pages, and the progress of a dry run.

let t: TestApp;
let operator: { cookie: string; 'x-csrf-token': string };
const dir = mkdtempSync(join(tmpdir(), 'payung-import-view-'));

before(async () => {
  t = await createTestApp();
  operator = await t.login('operator.palembang@payung.local');
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(name: string, content: string) {
  return t.app.imports.upload(ctxAs(), {
    fileName: name,
    source: Readable.from([Buffer.from(content)]),
    regionCode: '16.71',
  });
}

async function dryRun(name: string, content: string) {
  const up = await upload(name, content);
  const counts = await t.app.imports.validate(ctxAs(), up.job.id);
  return { id: up.job.id, counts, up };
}

const get = (url: string) => t.server.inject({ method: 'GET', url: `/api/v1${url}`, headers: operator });

async function report(id: string): Promise<unknown[][]> {
  const path = join(dir, `${id}.xlsx`);
  await t.app.imports.errorReport(ctxAs(), id, path);
  const rows: unknown[][] = [];
  for await (const row of readXlsx(path)) rows.push(row.cells);
  return rows;
}

/** Pairs of people alike (same birth date and sex, the same name, another NIK): possible duplicates. */
function twins(n: number): SheetPerson[] {
  return Array.from({ length: n }, () => {
    const a = aPerson();
    const b = aPerson({ name: a.name, sex: a.sex, birthDate: a.birthDate, nik: nikWithSerial(a.nik, 700) });
    return [a, b];
  }).flat();
}

describe('every row carries its true outcome', () => {
  test('a file of only invalid rows: /results lists them all and the report marks each DITOLAK with its reason', async () => {
    const people = [
      aPerson({ name: 'Rina Salah Kecamatan', district: 'Kecamatan Antah Berantah' }),
      aPerson({ name: 'Budi Tanpa Tanggal', birthDate: '' }),
    ];
    const r = await dryRun('semua-salah.csv', workerCsv(people));
    assert.equal(r.counts.rejected, 2);
    assert.equal(r.counts.accepted, 0);

    const res = await get(`/imports/${r.id}/results?status=rejected`);
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { row: number; name: string; nik: string; errors: unknown[] }[];
    assert.deepEqual(
      items.map((x) => x.row),
      [4, 5],
    );
    // Whose row it is: the name, and the NIK masked like every list's.
    assert.equal(items[0]!.name, 'Rina Salah Kecamatan');
    assert.equal(items[0]!.nik, maskNik(people[0]!.nik));
    assert.notEqual(items[0]!.nik, people[0]!.nik);
    assert.equal(items[1]!.name, 'Budi Tanpa Tanggal');

    const rows = await report(r.id);
    const byRow = new Map(rows.filter((x) => typeof x[0] === 'number').map((x) => [x[0], x]));
    assert.equal(byRow.get(4)![1], 'DITOLAK');
    assert.equal(byRow.get(5)![1], 'DITOLAK');
    // The reasons in the screen's words, never the fields' internal keys.
    assert.match(String(byRow.get(4)![2]), /^Kecamatan: /);
    assert.match(String(byRow.get(5)![2]), /^Tanggal Lahir: /);
    for (const x of rows) {
      assert.doesNotMatch(
        String(x[2] ?? ''),
        /(^|\n)(nik|fullName|village|district|birthDate|domicileCode):/,
      );
    }
    // The totals row is no person: left out, and the report says so.
    assert.equal(byRow.get(6)![1], 'DIABAIKAN');
    assert.match(String(byRow.get(6)![2]), /baris jumlah/);
    assert.ok(![...byRow.values()].some((x) => x[1] === 'DITERIMA'), 'nothing shows as accepted');
  });

  test('a JUMLAH row under accepted people is skipped with its own outcome, in the results and the report', async () => {
    const r = await dryRun('jumlah.csv', workerCsv([aPerson(), aPerson()]));
    assert.equal(r.counts.accepted, 2);
    assert.equal(r.counts.skipped, 1);
    const skipped = (await get(`/imports/${r.id}/results?status=skipped`)).json().items;
    assert.deepEqual(
      skipped.map((x: { row: number }) => x.row),
      [6],
    );
    assert.equal(skipped[0].warnings[0].code, 'TOTALS_ROW');
    const rows = await report(r.id);
    const status = new Map(rows.filter((x) => typeof x[0] === 'number').map((x) => [x[0], x[1]]));
    assert.deepEqual([status.get(4), status.get(5), status.get(6)], ['DITERIMA', 'DITERIMA', 'DIABAIKAN']);
  });

  test('rejected rows with a short NIK: every one listed, the NIK masked as lists mask it', async () => {
    const people = [aPerson(), ...Array.from({ length: 30 }, () => aPerson({ nik: '12345' }))];
    const r = await dryRun('ekor.csv', workerCsv(people));
    assert.equal(r.counts.rejected, 30);
    const items = (await get(`/imports/${r.id}/results?status=rejected&limit=1000`)).json().items;
    assert.equal(items.length, 30);
    assert.equal(items[0].nik, maskNik('12345'), 'masked as lists mask it');
  });
});

describe('Data Ganda and Kemungkinan Data Ganda', () => {
  test('a repeated NIK is Data Ganda; similar people are Kemungkinan Data Ganda, in results and report', async () => {
    const a = aPerson();
    const [x, y] = twins(1);
    const r = await dryRun('ganda.csv', workerCsv([a, { ...a }, x!, y!]));
    assert.equal(r.counts.duplicates, 1);
    assert.equal(r.counts.possibleDuplicates, 1);
    const dup = (await get(`/imports/${r.id}/results?status=duplicate`)).json().items[0];
    assert.match(dup.warnings[0].message, /^Data Ganda: /);
    assert.equal(dup.name, a.name);
    const possible = (await get(`/imports/${r.id}/results?code=POSSIBLE_DUPLICATE_IN_FILE`)).json().items[0];
    assert.match(possible.warnings[0].message, /^Kemungkinan Data Ganda /);
    const rows = await report(r.id);
    assert.equal(rows.find((z) => z[0] === 5)![1], 'DATA GANDA');
    assert.match(String(rows.find((z) => z[0] === 7)![2]), /^Nama Lengkap: Kemungkinan Data Ganda/);
  });
});

describe('the review queue and grouped findings', () => {
  test('more than 50 pairs: pages by cursor, the true total, one import’s pairs apart from the rest', async () => {
    const first = await dryRun('kembar-1.csv', workerCsv(twins(40)));
    await t.app.imports.commit(ctxAs(), first.id);
    const second = await dryRun('kembar-2.csv', workerCsv(twins(25)));
    await t.app.imports.commit(ctxAs(), second.id);

    const p1 = await get('/duplicates?limit=50');
    assert.equal(p1.statusCode, 200, p1.body);
    assert.equal(p1.json().items.length, 50);
    assert.equal(p1.json().total, 65);
    assert.ok(p1.json().nextCursor);
    const p2 = (await get(`/duplicates?limit=50&cursor=${p1.json().nextCursor}`)).json();
    assert.equal(p2.items.length, 15);
    assert.equal(p2.nextCursor, null);
    const ids = new Set([...p1.json().items, ...p2.items].map((x: { id: string }) => x.id));
    assert.equal(ids.size, 65, 'every pair once');

    const one = (await get(`/duplicates?jobId=${second.id}&limit=10`)).json();
    assert.equal(one.total, 25);
    assert.equal(one.items.length, 10);
    assert.ok(one.items.every((x: { jobId: string }) => x.jobId === second.id));

    const bad = await get('/duplicates?cursor=bm90LWpzb24');
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    assert.deepEqual(bad.json().error.details.issues[0].path, ['cursor']);
  });

  test('identical warnings are counted together, and their rows can be listed', async () => {
    const people = [
      ...Array.from({ length: 12 }, () => aPerson({ income: '' })),
      aPerson({ nik: '12345' }),
      aPerson(),
    ];
    const r = await dryRun('tanpa-penghasilan.csv', workerCsv(people));
    const groups = (await get(`/imports/${r.id}/findings`)).json().items;
    const income = groups.find((g: { code: string }) => g.code === 'INCOME_MISSING');
    assert.equal(income.rows, 12);
    assert.equal(income.kind, 'warning');
    assert.equal(groups[0].code, 'INCOME_MISSING', 'largest group first');
    const rows = (await get(`/imports/${r.id}/results?code=INCOME_MISSING&limit=1000`)).json().items;
    assert.equal(rows.length, 12);
    assert.ok(rows.every((x: { row: number }) => x.row < 16));
  });
});

describe('imports that would add nothing, and files imported before', () => {
  test('a dry run with no accepted row cannot be imported: the API refuses with the reason', async () => {
    const r = await dryRun('nol.csv', workerCsv([aPerson({ nik: '1' }), aPerson({ nik: '2' })]));
    assert.equal(r.counts.accepted, 0);
    const res = await t.server.inject({
      method: 'POST',
      url: `/api/v1/imports/${r.id}/commit`,
      headers: operator,
      payload: { updateExisting: false },
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(
      res.json().error.message,
      /^Tidak ada yang bisa diimpor: dari 2 baris, tidak satu pun diterima/,
    );
    assert.equal((await t.app.imports.get(ctxAs(), r.id)).status, 'validated', 'nothing started');

    const empty = await dryRun('kosong.csv', workerCsv([]));
    assert.equal(empty.counts.rows, 0);
    await assert.rejects(
      t.app.imports.commit(ctxAs(), empty.id),
      (e: AppError) => e.code === 'IMPORT_STATE' && /tidak memuat satu pun baris data/.test(e.message),
    );
  });

  test('the same file again is flagged at upload with when and by whom; its rows are all Data Ganda', async () => {
    const csv = workerCsv([aPerson(), aPerson()]);
    const first = await dryRun('sama.csv', csv);
    assert.equal(first.up.job.already_imported, null);
    await t.app.imports.commit(ctxAs(), first.id);

    const m = multipart({}, { name: 'sama-lagi.csv', content: csv, type: 'text/csv' });
    const up = await t.server.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...operator, ...m.headers },
      payload: m.payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    const flagged = up.json().job.alreadyImported;
    assert.equal(flagged.id, first.id);
    assert.equal(flagged.fileName, 'sama.csv');
    assert.equal(flagged.by, first.up.job.created_by);
    assert.ok(!Number.isNaN(Date.parse(flagged.at)));
    // Still flagged when the job is looked at later; the dry run says every NIK is registered.
    const id = up.json().job.id;
    assert.equal((await get(`/imports/${id}`)).json().alreadyImported.id, first.id);
    await t.app.imports.validate(ctxAs(), id);
    await assert.rejects(t.app.imports.commit(ctxAs(), id), (e: AppError) =>
      /semua 2 NIK di berkas ini sudah terdaftar \(Data Ganda\)/.test(e.message),
    );
    // Another file is not flagged.
    const other = await upload('lain.csv', workerCsv([aPerson()]));
    assert.equal(other.job.already_imported, null);
  });
});

describe('progress of a dry run', () => {
  test('a poll during the dry run of a few thousand rows sees rows counted before the end', async () => {
    const people = Array.from({ length: 3_000 }, () => aPerson());
    const up = await upload('progres.csv', workerCsv(people));
    const seen: number[] = [];
    // The operator's page shows the job before the dry run starts (as the web app does).
    assert.equal((await get(`/imports/${up.job.id}`)).statusCode, 200);
    const counts = await t.app.imports.validate(ctxAs(), up.job.id, undefined, {
      // Called after each batch of rows, with the dry run waiting: what a poll answers now. On PGlite the
      // dry run's transaction holds the only connection; the poll is answered all the same (the
      // session is remembered, the progress is in memory).
      onProgress: async () => {
        const res = await get(`/imports/${up.job.id}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().status, 'validating');
        seen.push(res.json().progress.rows);
      },
    });
    assert.equal(counts.rows, 3_000);
    assert.ok(
      seen.some((n) => n > 0 && n < 3_000),
      `an intermediate value among ${seen.join(', ')}`,
    );
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
      'never goes back',
    );
  });
});
