import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Occupation } from '../src/contracts/workers.js';
import { occupationLabel } from '../src/domain/import/occupations.js';
import { demoGenerator } from '../src/modules/demo/demo.generator.js';
import type { RegionCatalog } from '../src/modules/regions/catalog.js';
import { HEADER, nikWithSerial } from '../test/support/sheets.js';

/** The columns of the benchmark's worker list, as a regency office types them (the tests' header). */
export const SHEET_HEADER = HEADER;

// As offices type them: the import's own label for the code, in title case ("Pedagang Kaki Lima").
const occupationCell = (o: string) =>
  occupationLabel(o as Occupation).replace(/(^| )\p{L}/gu, (c) => c.toUpperCase());

const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
const q = (s: string) => (/[",;\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * `rows` valid, distinct workers of the province as cells of SHEET_HEADER: NIKs that agree with birth
 * date and sex, district and village by name, dates dd-mm-yyyy, phones 08…, incomes `Rp 1.500.000`.
 * Every row is one the import accepts when the registry does not hold it yet (checked by the bench).
 */
export function* sheetRows(
  catalog: RegionCatalog,
  rows: number,
  opts: { seed?: number; serialOffset?: number } = {},
): Generator<string[]> {
  const gen = demoGenerator(catalog, {
    provinceCode: '16',
    now: new Date(),
    seed: opts.seed ?? 7301,
    recordedBy: 'bench',
  });
  // Every generator numbers the people of one birth date and district from 0001; an offset keeps
  // a second file's NIKs apart from the first's.
  const offset = opts.serialOffset ?? 0;
  for (let i = 0; i < rows; i++) {
    const w = gen.next();
    const nik = offset === 0 ? w.nik : nikWithSerial(w.nik, offset);
    const district = catalog.get(w.district_code)?.name ?? '';
    const village = w.village_code ? (catalog.get(w.village_code)?.name ?? '') : '';
    const [y, m, d] = w.birth_date.split('-');
    yield [
      String(i + 1),
      nik,
      w.full_name,
      w.sex,
      w.birth_place ?? '',
      `${d}-${m}-${y}`,
      district,
      village,
      occupationCell(w.occupation),
      w.phone ? `0${w.phone.slice(3)}` : '',
      w.mother_maiden_name ?? '',
      w.declared_income === null ? '' : rupiah(w.declared_income),
    ];
  }
}

/** Writes the rows as a plain CSV (header, then the rows; no title rows, so COPY reads it too). */
export async function writeSheetCsv(path: string, catalog: RegionCatalog, rows: number): Promise<number> {
  const out = createWriteStream(path);
  let buf = `${SHEET_HEADER.join(',')}\r\n`;
  for (const cells of sheetRows(catalog, rows)) {
    buf += `${cells.map(q).join(',')}\r\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
  return out.bytesWritten;
}
