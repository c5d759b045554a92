import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, test } from 'node:test';
import yazl from 'yazl';
import {
  columnName,
  declareSize,
  textRow,
  workbookParts,
  xlsxFromParts,
} from '../../../../test/support/xlsx-parts.js';
import { guessDelimiter, readCsv } from './csv.js';
import { FILE_LIMITS, FileRejected } from './types.js';
import { readXlsx } from './xlsx.js';
import { writeXlsx } from './xlsx-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'payung-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test('CSV: UTF-8 with BOM, semicolons, quoted fields, title rows keep their row numbers', async () => {
  const p = join(dir, 'a.csv');
  writeFileSync(
    p,
    '\uFEFFDATA PEKERJA RENTAN KAB. OGAN ILIR\n\nNIK;NAMA;ALAMAT\n1671015708750001;"Siti; Aminah";"Jl. ""Merdeka""\nRT 1"\n',
  );
  const rows = await all(readCsv(p));
  assert.deepEqual(rows[0], { rowNumber: 1, cells: ['DATA PEKERJA RENTAN KAB. OGAN ILIR'] });
  assert.equal(rows[2]!.rowNumber, 3);
  assert.deepEqual(rows[3]!.cells, ['1671015708750001', 'Siti; Aminah', 'Jl. "Merdeka"\nRT 1']);
});

test('CSV: Windows-1252 is recognised and decoded', async () => {
  const p = join(dir, 'b.csv');
  writeFileSync(
    p,
    Buffer.concat([Buffer.from('NIK,NAMA\n1,'), Buffer.from([0x4a, 0x6f, 0x73, 0xe9]), Buffer.from('\n')]),
  );
  const rows = await all(readCsv(p));
  assert.equal(rows[1]!.cells[1], 'José');
});

test('CSV: a NUL character (a damaged or UTF-16 file) is refused, naming the row', async () => {
  const p = join(dir, 'nul.csv');
  writeFileSync(p, 'NIK,NAMA\n1671015708750001,Budi\n1671015708750002,Bu\u0000di\n');
  await assert.rejects(
    all(readCsv(p)),
    (e: FileRejected) => e.code === 'FILE_UNREADABLE' && /^Baris 3 .*NUL.*CSV UTF-8/.test(e.message),
  );
});

test('delimiter guess', () => {
  assert.equal(guessDelimiter('JUDUL\nNIK;NAMA;JK\n1;a;L\n2;b;P'), ';');
  assert.equal(guessDelimiter('NIK,NAMA,JK\n1,"a; b",L'), ',');
});

test('XLSX: written and read back with strings, numbers, dates and formula-looking text', async () => {
  for (const sharedStrings of [false, true]) {
    const p = join(dir, `c${sharedStrings}.xlsx`);
    const date = new Date(Date.UTC(1975, 7, 17));
    await writeXlsx(
      p,
      [
        ['Judul laporan'],
        [],
        ['NIK', 'NAMA', 'TGL LAHIR', 'GAJI'],
        ['1671015708750001', '=1+1', date, 1500000],
      ],
      {
        sharedStrings,
      },
    );
    const rows = await all(readXlsx(p));
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[0], { rowNumber: 1, cells: ['Judul laporan'] });
    assert.equal(rows[2]!.rowNumber, 3);
    assert.deepEqual(rows[3]!.cells, ['1671015708750001', '=1+1', date, 1500000]);
  }
});

test('XLSX: a zip whose parts would expand beyond the limit is refused before expanding', async () => {
  const p = join(dir, 'bomb.xlsx');
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.alloc(30 * 1024 * 1024, 0x41), 'xl/worksheets/sheet1.xml');
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(p));
  await assert.rejects(
    all(readXlsx(p, { maxExpandedBytes: 10 * 1024 * 1024, maxRatio: 1e9 })),
    (e) => e instanceof FileRejected && e.code === 'FILE_TOO_LARGE_EXPANDED',
  );
  await assert.rejects(
    all(readXlsx(p)),
    (e) => e instanceof FileRejected && e.code === 'FILE_TOO_COMPRESSED',
  );
});

test('XLSX: garbage is refused with a clear message', async () => {
  const p = join(dir, 'x.xlsx');
  writeFileSync(p, 'bukan excel');
  await assert.rejects(all(readXlsx(p)), (e) => e instanceof FileRejected && /rusak/.test(e.message));
});

test('CSV parser: records split across chunks at every position parse the same', async () => {
  const { CsvParser } = await import('./csv.js');
  const text = 'a,"b ""q"", c",d\r\n"x\r\ny",,z\n\n"",e"f,g\r\nlast';
  const whole = new CsvParser(',');
  const expected = [...whole.push(text), ...whole.end('')];
  assert.deepEqual(expected, [['a', 'b "q", c', 'd'], ['x\r\ny', '', 'z'], [''], ['', 'e"f', 'g'], ['last']]);
  for (let cut = 1; cut < text.length; cut++) {
    const p = new CsvParser(',');
    const got = [...p.push(text.slice(0, cut)), ...p.push(text.slice(cut)), ...p.end('')];
    assert.deepEqual(got, expected, `cut at ${cut}`);
  }
});

test('XLSX: shared strings with rich text and phonetic runs, prefixed tags and entities, as other tools write them', async () => {
  const p = join(dir, 'prefixed.xlsx');
  const zip = new yazl.ZipFile();
  const part = (name: string, xml: string) => zip.addBuffer(Buffer.from(xml), name);
  part(
    'xl/workbook.xml',
    '<x:workbook xmlns:x="urn:x" xmlns:r="urn:r"><x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>',
  );
  part(
    'xl/_rels/workbook.xml.rels',
    '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/data.xml"/></Relationships>',
  );
  part(
    'xl/sharedStrings.xml',
    '<x:sst xmlns:x="urn:x"><x:si><x:t>NAMA</x:t></x:si><x:si><x:r><x:t>Siti </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">Aminah &amp; Co</x:t></x:r><x:rPh><x:t>しち</x:t></x:rPh></x:si></x:sst>',
  );
  part(
    'xl/styles.xml',
    '<styleSheet><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
  );
  part(
    'xl/worksheets/data.xml',
    '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" s="1"><x:v>27623</x:v></x:c></x:row><x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" t="b"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>',
  );
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(p));
  assert.deepEqual(await all(readXlsx(p)), [
    { rowNumber: 1, cells: ['NAMA', null, new Date(Date.UTC(1975, 7, 17))] },
    { rowNumber: 2, cells: ['Siti Aminah & Co', true] },
  ]);
});

// Hostile files: every reader stops at FILE_LIMITS, in bounded memory, naming where and why.

test('CSV: a quote opened and never closed is refused at the cell limit, naming the row, without reading on', async () => {
  const { CsvParser } = await import('./csv.js');
  const p = new CsvParser(',');
  const rows = p.push('NIK,NAMA\n1671015708750001,"Budi\n');
  assert.equal(rows.length, 1);
  // 64 KB pieces of a never-ending cell: the parser gives up once the cell passes the limit.
  const piece = 'x'.repeat(64 * 1024);
  let pieces = 0;
  while (!p.failure && pieces < 1000) {
    p.push(piece);
    pieces++;
  }
  assert.ok(pieces <= Math.ceil(FILE_LIMITS.cellChars / piece.length) + 1, `stopped after ${pieces} pieces`);
  assert.match(
    p.failure!.message,
    /^Baris 2, kolom ke-2: sel diawali tanda kutip \(".*32\.767 karakter.*Tutup tanda kutip/,
  );
  assert.throws(() => p.push('x'), FileRejected);

  // Through the reader: the rows before the refused one are given first (the mapping step reads those).
  const file = join(dir, 'quote.csv');
  writeFileSync(file, `NIK,NAMA\n1,a\n2,b\n3,"${'x'.repeat(200_000)}\n4,d\n`);
  const got: number[] = [];
  await assert.rejects(
    (async () => {
      for await (const r of readCsv(file)) got.push(r.rowNumber);
    })(),
    (e: FileRejected) =>
      e.code === 'FILE_UNREADABLE' && /^Baris 4, kolom ke-2: sel diawali tanda kutip/.test(e.message),
  );
  assert.deepEqual(got, [1, 2, 3]);
});

test('CSV: a cell, a row or a column count beyond the limits is refused with the row', async () => {
  const { CsvParser } = await import('./csv.js');
  const limits = { cellChars: 10, rowChars: 25, columns: 4 };
  const failure = (text: string) => {
    const p = new CsvParser(',', limits);
    p.end(text);
    return p.failure?.message;
  };
  assert.equal(failure('a,b\n0123456789,0123456789,01234\n'), undefined, 'at the limits');
  assert.match(failure('a,b\n01234567890\n') ?? '', /^Baris 2, kolom ke-1: isi sel lebih dari 10 karakter/);
  assert.match(failure('a\nb\n1,0123456789,0123456789,0123456\n') ?? '', /^Baris 3 lebih dari 25 karakter/);
  assert.match(failure('1,2,3,4,5\n') ?? '', /^Baris 1 memuat lebih dari 4 kolom/);
  // A quoted cell spanning lines counts as one row, and its row is the record's number.
  assert.match(failure('"a\nb",c\n"0123456789ab"\n') ?? '', /^Baris 2, kolom ke-1: sel diawali tanda kutip/);
});

test('XLSX: references beyond a spreadsheet (column 100,000,000, row 2,000,000) are refused without allocating', async () => {
  const file = join(dir, 'far.xlsx');
  const far = columnName(100_000_000 - 1);
  writeFileSync(
    file,
    await xlsxFromParts(
      workbookParts(`${textRow(1, ['NIK', 'NAMA'])}<row r="2"><c r="${far}2"><v>1</v></c></row>`),
    ),
  );
  const before = process.memoryUsage().heapUsed;
  await assert.rejects(all(readXlsx(file)), (e: FileRejected) => {
    assert.match(e.message, new RegExp(`^Baris 2: sel ${far}2 berada di kolom sesudah XFD.*16\\.384 kolom`));
    return true;
  });
  // The old reader filled 100,000,000 cells (gigabytes); the limit is met before any.
  assert.ok(process.memoryUsage().heapUsed - before < 50 * 1048576);

  writeFileSync(file, await xlsxFromParts(workbookParts('<row r="2000000"><c r="A1"><v>1</v></c></row>')));
  await assert.rejects(all(readXlsx(file)), /^Error: Baris 1: nomor baris "2000000" tidak sah/);
  writeFileSync(file, await xlsxFromParts(workbookParts(`<row>${'<c/>'.repeat(16_385)}</row>`)));
  await assert.rejects(all(readXlsx(file)), /Baris 1: sel ke-16385 berada di kolom sesudah XFD/);
});

test('XLSX: the last column is allowed; empty cells do not lengthen a row; cells beyond `columns` are not kept', async () => {
  const file = join(dir, 'wide.xlsx');
  writeFileSync(
    file,
    await xlsxFromParts(
      workbookParts(
        `${textRow(1, ['NIK', 'NAMA'])}<row r="2"><c r="A2"><v>7</v></c><c r="XFD2" s="1"/></row><row r="3"><c r="A3"><v>8</v></c><c r="XFD3"><v>9</v></c></row>`,
      ),
    ),
  );
  const rows = await all(readXlsx(file));
  assert.deepEqual(rows[1], { rowNumber: 2, cells: [7] });
  assert.equal(rows[2]!.cells.length, 16_384);
  assert.equal(rows[2]!.cells[16_383], 9);
  const narrow = await all(readXlsx(file, undefined, { columns: 2 }));
  assert.deepEqual(
    narrow.map((r) => r.cells),
    [['NIK', 'NAMA'], [7], [8]],
  );
  // Cells without a reference follow the previous one, from column A.
  writeFileSync(
    file,
    await xlsxFromParts(workbookParts('<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>')),
  );
  assert.deepEqual(await all(readXlsx(file)), [{ rowNumber: 1, cells: ['a', 2] }]);
});

test('XLSX: workbook and relationship parts with an endless tag (`<sheet ` 40,000 times) are refused, read linearly', async () => {
  const file = join(dir, 'sheets.xlsx');
  for (const [part, xml] of [
    ['xl/workbook.xml', `<workbook>${'<sheet '.repeat(40_000)}`],
    ['xl/_rels/workbook.xml.rels', `<Relationships>${'<Relationship '.repeat(40_000)}`],
    ['xl/styles.xml', `<styleSheet>${'<numFmt '.repeat(40_000)}`],
  ] as const) {
    writeFileSync(file, await xlsxFromParts(workbookParts(textRow(1, ['NIK']), { [part]: xml })));
    await assert.rejects(all(readXlsx(file)), (e: FileRejected) => {
      assert.equal(e.code, 'FILE_UNREADABLE');
      assert.equal(
        e.message,
        `Berkas .xlsx rusak: bagian ${part} memuat tag yang tidak ditutup dalam 65.536 karakter. Buka berkas di Excel, simpan ulang sebagai .xlsx, lalu unggah lagi.`,
      );
      return true;
    });
  }
  // Many small, complete tags are fine, and the first sheet's relationship is the one followed.
  writeFileSync(
    file,
    await xlsxFromParts(
      workbookParts(textRow(1, ['NIK']), {
        'xl/workbook.xml': `<workbook><sheets><sheet r:id="rId2"/>${'<sheet r:id="rId1"/>'.repeat(10_000)}</sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships>${'<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'.repeat(10_000)}<Relationship Id="rId2" Target="/xl/worksheets/other.xml"/></Relationships>`,
        'xl/worksheets/other.xml': `<worksheet><sheetData>${textRow(1, ['LAIN'])}</sheetData></worksheet>`,
      }),
    ),
  );
  assert.deepEqual(await all(readXlsx(file)), [{ rowNumber: 1, cells: ['LAIN'] }]);
});

test('XLSX: a cell longer than Excel allows is refused, naming the cell', async () => {
  const file = join(dir, 'long.xlsx');
  writeFileSync(file, await xlsxFromParts(workbookParts(textRow(4, ['NIK', 'x'.repeat(40_000)]))));
  await assert.rejects(all(readXlsx(file)), /Baris 4, sel B4: isi sel lebih dari 32\.767 karakter/);
  writeFileSync(
    file,
    await xlsxFromParts(
      workbookParts(textRow(1, ['NIK']), {
        'xl/sharedStrings.xml': `<sst><si><t>a</t></si><si><t>${'y'.repeat(40_000)}</t></si></sst>`,
      }),
    ),
  );
  await assert.rejects(
    all(readXlsx(file)),
    /Teks ke-2 di bagian xl\/sharedStrings.xml: isi sel lebih dari 32\.767 karakter/,
  );
});

test('XLSX: a part that expands beyond its declared size is stopped and named', async () => {
  const file = join(dir, 'lying.xlsx');
  const sheet = `<worksheet><sheetData>${textRow(1, ['NIK'])}${' '.repeat(3 << 20)}</sheetData></worksheet>`;
  const zip = await xlsxFromParts(workbookParts('', { 'xl/worksheets/sheet1.xml': sheet }));
  writeFileSync(file, declareSize(zip, 'xl/worksheets/sheet1.xml', 100_000));
  await assert.rejects(all(readXlsx(file)), (e: FileRejected) => {
    assert.equal(e.code, 'FILE_UNREADABLE');
    assert.match(
      e.message,
      /^Berkas \.xlsx rusak: bagian xl\/worksheets\/sheet1\.xml berisi lebih banyak data daripada ukuran yang tercatat untuknya di daftar isi berkas \(100\.000 byte\)/,
    );
    return true;
  });
  // Damaged compressed data, too.
  const damaged = await xlsxFromParts(workbookParts(textRow(1, ['x'.repeat(2000)])));
  const at = damaged.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 40;
  damaged.fill(0xff, at, at + 64);
  writeFileSync(file, damaged);
  await assert.rejects(
    all(readXlsx(file)),
    /Berkas \.xlsx rusak: bagian xl\/worksheets\/sheet1\.xml tidak dapat dibuka/,
  );
});

test('XLSX: a long shared string used by many cells is held to the row and file limits', async () => {
  const file = join(dir, 'shared.xlsx');
  const sst = `<sst><si><t>${'s'.repeat(30_000)}</t></si></sst>`;
  const refs = (r: number, n: number) =>
    `<row r="${r}">${Array.from({ length: n }, (_, i) => `<c r="${columnName(i)}${r}" t="s"><v>0</v></c>`).join('')}</row>`;
  // 40 cells of 30,000 characters: a 1,200,000-character row from a few kilobytes.
  writeFileSync(file, await xlsxFromParts(workbookParts(refs(1, 40), { 'xl/sharedStrings.xml': sst })));
  await assert.rejects(all(readXlsx(file)), /^Error: Baris 1: isi baris lebih dari 1\.048\.576 karakter/);
  // Rows within their limit, adding up to more text than the file may expand to.
  const rows = Array.from({ length: 10 }, (_, i) => refs(i + 1, 4)).join('');
  writeFileSync(file, await xlsxFromParts(workbookParts(rows, { 'xl/sharedStrings.xml': sst })));
  assert.equal((await all(readXlsx(file))).length, 10);
  await assert.rejects(
    all(readXlsx(file, { maxExpandedBytes: 1_000_000, maxRatio: 200 })),
    (e: FileRejected) =>
      e.code === 'FILE_TOO_LARGE_EXPANDED' && /lebih dari 1\.000\.000 karakter/.test(e.message),
  );
});

test('writeXlsx: output that fails stops reading rows; rows that fail end the file with their error', async () => {
  let pulled = 0;
  async function* many() {
    for (let i = 0; i < 1_000_000; i++) {
      pulled++;
      yield [`baris ${i}`, i];
    }
  }
  // A folder that does not exist: the file cannot be opened.
  await assert.rejects(writeXlsx(join(dir, 'missing', 'out.xlsx'), many()), { code: 'ENOENT' });
  assert.ok(pulled < 1_000_000, `stopped after ${pulled} rows`);

  async function* failing() {
    yield ['NIK', 'NAMA'];
    throw new Error('rows failed');
  }
  for (const sharedStrings of [false, true])
    await assert.rejects(
      writeXlsx(join(dir, `failing-${sharedStrings}.xlsx`), failing(), { sharedStrings }),
      {
        message: 'rows failed',
      },
    );
});
