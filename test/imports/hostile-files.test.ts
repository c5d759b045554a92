import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readXlsx } from '../../src/modules/imports/files/xlsx.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';
import { aPerson, HEADER, personCells, workerCsv } from '../support/sheets.js';
import { columnName, declareSize, textRow, workbookParts, xlsxFromParts } from '../support/xlsx-parts.js';

// Files any operator could upload to hurt the server, through the real entry points: the upload (which
// reads the first rows for the mapping step), the layout answer, and the dry run in the background.
// Each ends with a refused upload or a failed job saying what is wrong, and the server goes on serving.

let t: TestApp;
let operator: Record<string, string>;

before(async () => {
  t = await createTestApp();
  operator = await t.login('operator.palembang@payung.local');
});
after(() => t.close());

async function upload(name: string, content: string | Buffer) {
  const m = multipart({}, { name, content });
  return t.server.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...operator, ...m.headers },
    payload: m.payload,
  });
}

/** Uploads (which must succeed), runs the dry run and waits for its end: the job as then answered. */
async function dryRun(name: string, content: string | Buffer) {
  const up = await upload(name, content);
  assert.equal(up.statusCode, 201, up.body);
  const id: string = up.json().job.id;
  const layout = await t.server.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}/layout`,
    headers: operator,
  });
  assert.equal(layout.statusCode, 200, layout.body);
  const v = await t.server.inject({
    method: 'POST',
    url: `/api/v1/imports/${id}/validate`,
    headers: operator,
  });
  assert.equal(v.statusCode, 202, v.body);
  let job = v.json();
  for (let i = 0; i < 400 && (job.status === 'validating' || job.status === 'uploaded'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = (await t.server.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: operator })).json();
  }
  return { job, upload: up, layout };
}

/** The server still answers, and a good file still goes through a dry run. */
async function stillServing() {
  const health = await t.server.inject({ method: 'GET', url: '/api/v1/health' });
  assert.equal(health.statusCode, 200);
  const { job } = await dryRun('baik.csv', workerCsv([aPerson()]));
  assert.equal(job.status, 'validated', job.error);
  assert.equal(job.counts.accepted, 1);
}

const people = (n: number) => Array.from({ length: n }, (_, i) => personCells(aPerson(), i));

/** An .xlsx of the header and `n` people, then `tail` (more worksheet XML) before the sheet's end. */
function sheetWith(n: number, tail: string) {
  return [textRow(1, HEADER), ...people(n).map((cells, i) => textRow(i + 2, cells)), tail].join('');
}

describe('hostile files', () => {
  test('1. a CSV cell opening a quote it never closes: refused with the row, the upload or the dry run', async () => {
    // In the first rows: the upload itself refuses it.
    const early = await upload('kutip.csv', `${HEADER.join(',')}\r\n1,"${'x'.repeat(300_000)}`);
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json().error.code, 'FILE_UNREADABLE');
    assert.match(
      early.json().error.message,
      /^Baris 2, kolom ke-2: sel diawali tanda kutip \("\) yang tidak ditutup dalam 32\.767 karakter/,
    );
    // Further down: the upload and the mapping step read their first rows; the dry run fails saying where.
    const csv = `${workerCsv(
      people(25).map(() => aPerson()),
      { totals: false },
    )}26,"${'x'.repeat(300_000)}\r\n`;
    const { job } = await dryRun('kutip-akhir.csv', csv);
    assert.equal(job.status, 'failed');
    // Title row, blank row, header, 25 people: the 29th row.
    assert.match(job.error, /^Baris 29, kolom ke-2: sel diawali tanda kutip/);
    await stillServing();
  });

  test('2. an .xlsx cell at column 100,000,000: refused, nothing allocated for it; the answers stay small', async () => {
    const far = `<row r="2"><c r="${columnName(100_000_000 - 1)}2"><v>1</v></c></row>`;
    const early = await upload(
      'jauh.xlsx',
      await xlsxFromParts(workbookParts(`${textRow(1, HEADER)}${far}`)),
    );
    assert.equal(early.statusCode, 422, early.body);
    const name = columnName(100_000_000 - 1);
    assert.match(
      early.json().error.message,
      new RegExp(`^Baris 2: sel ${name}2 berada di kolom sesudah XFD`),
    );

    const late = `<row r="150"><c r="${columnName(100_000_000 - 1)}150"><v>1</v></c></row>`;
    const { job } = await dryRun('jauh-akhir.xlsx', await xlsxFromParts(workbookParts(sheetWith(100, late))));
    assert.equal(job.status, 'failed');
    assert.match(job.error, new RegExp(`^Baris 150: sel ${name}150 berada di kolom sesudah XFD`));

    // One long shared string in every cell of a row: refused by its row's length, not answered.
    const refs = Array.from({ length: 200 }, (_, i) => `<c r="${columnName(i)}2" t="s"><v>0</v></c>`);
    const repeated = await xlsxFromParts(
      workbookParts(`${textRow(1, HEADER)}<row r="2">${refs.join('')}</row>`, {
        'xl/sharedStrings.xml': `<sst><si><t>${'s'.repeat(32_000)}</t></si></sst>`,
      }),
    );
    const long = await upload('berulang.xlsx', repeated);
    assert.equal(long.statusCode, 422, long.body.slice(0, 200));
    assert.match(long.json().error.message, /^Baris 2: isi baris lebih dari 1\.048\.576 karakter/);

    // The last column a spreadsheet has is allowed: the mapping step's answers stay small all the same.
    const wide = sheetWith(3, '<row r="5"><c r="XFD5"><v>1</v></c></row>');
    const ok = await dryRun('lebar.xlsx', await xlsxFromParts(workbookParts(wide)));
    assert.equal(ok.job.status, 'validated', ok.job.error);
    assert.ok(ok.upload.body.length < 1_000_000, `upload answer of ${ok.upload.body.length} bytes`);
    assert.ok(ok.layout.body.length < 1_000_000, `layout answer of ${ok.layout.body.length} bytes`);
    // Nor does the error report echo 16,384 cells a row: the file's first 256 columns and the mapped ones.
    const report = await t.server.inject({
      method: 'GET',
      url: `/api/v1/imports/${ok.job.id}/report.xlsx`,
      headers: operator,
    });
    assert.equal(report.statusCode, 200);
    const path = join(tmpdir(), `payung-report-${randomBytes(4).toString('hex')}.xlsx`);
    writeFileSync(path, report.rawPayload);
    try {
      let widest = 0;
      for await (const row of readXlsx(path)) widest = Math.max(widest, row.cells.length);
      assert.ok(widest > HEADER.length && widest <= 3 + 256, `report rows ${widest} cells wide`);
    } finally {
      rmSync(path, { force: true });
    }
    await stillServing();
  });

  test('3. a workbook or its relationships with `<sheet ` 40,000 times: refused, naming the part', async () => {
    for (const [part, xml] of [
      ['xl/workbook.xml', `<workbook>${'<sheet '.repeat(40_000)}</workbook>`],
      ['xl/_rels/workbook.xml.rels', `<Relationships>${'<Relationship '.repeat(40_000)}</Relationships>`],
    ] as const) {
      const file = await xlsxFromParts(workbookParts(textRow(1, HEADER), { [part]: xml }));
      assert.ok(file.length < 10_000, `${file.length} bytes`);
      const r = await upload('buku.xlsx', file);
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(
        r.json().error.message,
        `Berkas .xlsx rusak: bagian ${part} memuat tag yang tidak ditutup dalam 65.536 karakter. Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.`,
      );
    }
    await stillServing();
  });

  test('4. a worksheet with an attribute never closed (2 MB): the dry run fails naming the part', async () => {
    // Random text, as repeated text would be refused earlier for its compression ratio.
    const open = `<row r="150"><c r="A150" t="${randomBytes(3 << 19).toString('base64')}`;
    const { job } = await dryRun('atribut.xlsx', await xlsxFromParts(workbookParts(sheetWith(100, open))));
    assert.equal(job.status, 'failed');
    assert.match(
      job.error,
      /^Berkas \.xlsx rusak: bagian xl\/worksheets\/sheet1\.xml memuat tag yang tidak ditutup/,
    );
    await stillServing();
  });

  test('5. a zip part that expands beyond its declared size: the dry run says what is wrong with the file', async () => {
    const sheet = `<worksheet><sheetData>${sheetWith(200, '')}</sheetData></worksheet>`;
    // Declared: the sheet up to its 150th row (well past what the upload reads); in fact it goes on,
    // with 3 MB more.
    const declared = sheet.indexOf('<row r="150"');
    const padded = `${sheet.slice(0, -'</sheetData></worksheet>'.length)}${' '.repeat(3 << 20)}</sheetData></worksheet>`;
    const zip = await xlsxFromParts(workbookParts('', { 'xl/worksheets/sheet1.xml': padded }));
    const { job } = await dryRun('bohong.xlsx', declareSize(zip, 'xl/worksheets/sheet1.xml', declared));
    assert.equal(job.status, 'failed');
    assert.match(
      job.error,
      /^Berkas \.xlsx rusak: bagian xl\/worksheets\/sheet1\.xml berisi lebih banyak data daripada ukuran yang tercatat untuknya di daftar isi berkas \([\d.]+ byte\), jadi pembacaan dihentikan\. Buka berkas di Excel/,
    );
    assert.doesNotMatch(job.error, /kesalahan server/);
    await stillServing();
  });
});
