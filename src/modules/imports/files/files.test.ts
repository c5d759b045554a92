import assert from 'node:assert/strict';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, test } from 'node:test';
import yazl from 'yazl';
import { guessDelimiter, readCsv } from './csv.js';
import { FileRejected } from './types.js';
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
