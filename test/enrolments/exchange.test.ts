import assert from 'node:assert/strict';
import { createReadStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ResponseReport } from '../../src/contracts/enrolments.js';
import { readCsv, readXlsx, writeXlsx } from '../../src/modules/imports/index.js';
import { ctxAs } from '../support/factories.js';
import { type EnrolmentWorld, enrolmentWorld } from './setup.js';

let w: EnrolmentWorld;
before(async () => {
  w = await enrolmentWorld();
  // A hostile address: a spreadsheet must show it as text, never run it.
  await w.tdb.db.query(`UPDATE workers SET address = '=HYPERLINK("http://x.example","klik")' WHERE id = $1`, [
    w.workers.palembang1,
  ]);
});
after(async () => {
  await w.tdb.drop();
  rmSync(w.dir, { recursive: true, force: true });
});

async function rowsOf(gen: AsyncGenerator<{ cells: unknown[] }>): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const r of gen) out.push(r.cells);
  return out;
}

test('roster out: .csv and .xlsx, one row per worker with the registration fields, formula-safe', async () => {
  const csv = join(w.dir, 'roster.csv');
  await w.app.enrolments.exportRoster(ctxAs(), w.programmeId, 'csv', csv);
  const rows = await rowsOf(readCsv(csv));
  assert.deepEqual(rows[0]!.slice(0, 6), [
    'NIK',
    'NAMA LENGKAP',
    'JENIS KELAMIN',
    'TEMPAT LAHIR',
    'TANGGAL LAHIR',
    'NAMA IBU KANDUNG',
  ]);
  assert.equal(rows.length, 5);
  const p1 = rows.find((r) => r[0] === w.niks.palembang1)!;
  assert.equal(p1[7], `'=HYPERLINK("http://x.example","klik")`);
  assert.equal(p1[5], 'Fatimah');
  assert.equal(p1[11], 'JKK, JKM');
  assert.equal(p1[15], '1000000');
  assert.ok(!readFileSync(csv, 'utf8').includes('\n=HYPERLINK'));

  const xlsx = join(w.dir, 'roster.xlsx');
  await w.app.enrolments.exportRoster(ctxAs(), w.programmeId, 'xlsx', xlsx);
  const sheet = await rowsOf(readXlsx(xlsx));
  assert.equal(sheet.length, 5);
  const x1 = sheet.find((r) => r[0] === w.niks.palembang1)!;
  assert.equal(typeof x1[0], 'string', 'NIK stays text (16 digits would lose the last one as a number)');
  assert.equal(x1[7], '=HYPERLINK("http://x.example","klik")', 'kept as text with a quote prefix');
  const audit = await w.tdb.db.query<{ details: { format: string } }>(
    `SELECT details FROM audit_events WHERE action = 'enrolment.export' ORDER BY id`,
  );
  assert.deepEqual(
    audit.rows.map((a) => a.details.format),
    ['csv', 'xlsx'],
  );
});

function responseCsv(lines: string[][]): string {
  const path = join(w.dir, `response-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, `${lines.map((l) => l.join(';')).join('\r\n')}\r\n`);
  return path;
}

const importFile = (path: string, dryRun: boolean, programmeId: string | undefined = w.programmeId) =>
  w.app.enrolments.importResponse(ctxAs(), {
    source: createReadStream(path),
    fileName: path.endsWith('.xlsx') ? 'jawaban.xlsx' : 'jawaban.csv',
    programmeId,
    dryRun,
  });

const codesByRow = (r: ResponseReport) =>
  Object.fromEntries(r.errors.map((e) => [e.row, `${e.field}:${e.code}`]));

test('response in: accepted and rejected rows apply, every bad row is reported, a dry run changes nothing, a second import nothing', async () => {
  // Another worker already holds 16710000099 for life.
  await w.tdb.db.query(`INSERT INTO participant_numbers (kpj, worker_id) VALUES ('16710000099', $1)`, [
    w.workers.outsider,
  ]);
  const path = responseCsv([
    ['LAPORAN HASIL VERIFIKASI BPJS KETENAGAKERJAAN'],
    ['No', 'NIK', 'NO KPJ', 'TGL KEPESERTAAN', 'STATUS', 'KETERANGAN'],
    ['1', w.niks.palembang1!, '16710000001', '01/01/2027', 'Diterima', ''],
    ['2', w.niks.palembang3!, '', '', 'DITOLAK', 'NIK tidak padan dengan Dukcapil'],
    ['3', '1671019999990001', '16710000003', '01/01/2027', 'diterima', ''],
    ['4', w.niks.outsider!, '16710000004', '01/01/2027', 'diterima', ''],
    ['5', w.niks.oganIlir!, '1671-000', '01/01/2027', 'diterima', ''],
    ['6', w.niks.palembang2!, '16710000099', '01/01/2027', 'diterima', ''],
    ['7', w.niks.palembang2!, '16710000007', '', 'diterima', ''],
    ['8', w.niks.oganIlir!, '16710000008', '01/01/2027', 'entah', ''],
  ]);
  const dry = await importFile(path, true);
  assert.equal(dry.dryRun, true);
  assert.equal(dry.rows, 8);
  assert.equal(dry.activated, 1);
  assert.equal(dry.rejected, 1);
  assert.deepEqual(codesByRow(dry), {
    5: 'nik:NIK_UNKNOWN',
    6: 'nik:NIK_NOT_IN_ROSTER',
    7: 'kpj:KPJ_INVALID',
    8: 'kpj:KPJ_TAKEN',
    9: 'date:DATE_MISSING',
    10: 'status:STATUS_UNKNOWN',
  });
  for (const e of dry.errors)
    assert.ok(e.message.length > 20, `a message that says how to fix: ${e.message}`);
  assert.equal((await w.app.enrolments.get(ctxAs(), w.enrolments.palembang1!)).status, 'submitted');

  const applied = await importFile(path, false);
  assert.equal(applied.activated, 1);
  assert.equal(applied.rejected, 1);
  assert.equal(applied.errorCount, 6);
  const p1 = await w.app.enrolments.get(ctxAs(), w.enrolments.palembang1!);
  assert.deepEqual([p1.status, p1.kpj, p1.coverageStart], ['active', '16710000001', '2027-01-01']);
  assert.deepEqual(p1.history.at(-1)!.toStatus, 'active');
  const p3 = await w.app.enrolments.get(ctxAs(), w.enrolments.palembang3!);
  assert.deepEqual([p3.status, p3.rejectionReason], ['rejected', 'NIK tidak padan dengan Dukcapil']);
  const pn = await w.tdb.db.query(`SELECT worker_id FROM participant_numbers WHERE kpj = '16710000001'`);
  assert.equal((pn.rows[0] as { worker_id: string }).worker_id, w.workers.palembang1);

  const second = await importFile(path, false);
  assert.equal(second.activated, 0);
  assert.equal(second.rejected, 0);
  assert.equal(second.unchanged, 2);
  const events = await w.tdb.db.query(
    `SELECT count(*)::int AS n FROM enrolment_events WHERE to_status IN ('active', 'rejected')`,
  );
  assert.equal((events.rows[0] as { n: number }).n, 2);

  // The programme is found from the file when not named.
  const inferred = await importFile(path, true, undefined);
  assert.equal(inferred.programmeId, w.programmeId);
});

test('response in (.xlsx, loose headers): a duplicate NIK is refused on both rows; a worker keeps its KPJ', async () => {
  const path = join(w.dir, 'jawaban.xlsx');
  await writeXlsx(path, [
    ['Nomor Induk Kependudukan', 'Nomor Peserta', 'Tanggal Efektif', 'Status Kepesertaan', 'Keterangan'],
    [w.niks.palembang2!, '16710000002', new Date('2027-02-01T00:00:00Z'), 'DITERIMA', ''],
    [w.niks.palembang2!, '16710000002', new Date('2027-02-01T00:00:00Z'), 'DITERIMA', ''],
    [w.niks.oganIlir!, '16710000001', '01-02-2027', 'DITERIMA', ''],
  ]);
  const r = await importFile(path, false);
  assert.deepEqual(codesByRow(r), {
    2: 'nik:NIK_DUPLICATE_IN_FILE',
    3: 'nik:NIK_DUPLICATE_IN_FILE',
    4: 'kpj:KPJ_TAKEN',
  });
  assert.equal(r.activated, 0);
  // A file without the columns is refused as a whole, saying which columns.
  const bad = responseCsv([
    ['NAMA', 'ALAMAT'],
    ['Siti', 'Jl. Merdeka'],
  ]);
  await assert.rejects(importFile(bad, true), (e: { code?: string }) => e.code === 'HEADER_NOT_FOUND');
});

test('roster out: a roster that cannot be written fails its job: no export recorded, nothing submitted twice', async () => {
  const count = async () =>
    (
      await w.tdb.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events WHERE action IN ('enrolment.submit', 'enrolment.export')`,
      )
    ).rows[0]!.n;
  const before = await count();
  for (const format of ['csv', 'xlsx'] as const)
    await assert.rejects(
      w.app.enrolments.exportRoster(
        ctxAs(),
        w.programmeId,
        format,
        join(w.dir, 'missing', `roster.${format}`),
      ),
    );
  assert.equal(await count(), before);
});

test('response in: a NIK repeated on many rows is refused on each, naming a few of the other rows', async () => {
  const lines = [['NIK', 'KPJ', 'TGL KEPESERTAAN', 'STATUS', 'KETERANGAN']];
  for (let i = 0; i < 2_000; i++)
    lines.push([w.niks.palembang2!, '16710000002', '01/02/2027', 'DITERIMA', '']);
  const r = await importFile(responseCsv(lines), true);
  assert.equal(r.errorCount, 2_000);
  assert.ok(r.errors.every((e) => e.code === 'NIK_DUPLICATE_IN_FILE'));
  assert.match(r.errors[0]!.message, /baris 3, 4, 5, 6, 7 dan 1\.994 baris lain\./);
});
