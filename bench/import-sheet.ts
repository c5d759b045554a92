import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Occupation } from '../src/contracts/workers.js';
import { occupationLabel } from '../src/domain/import/occupations.js';
import { demoGenerator, rng } from '../src/modules/demo/demo.generator.js';
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
  opts: { seed?: number; serialOffset?: number; middleNames?: boolean } = {},
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
  const middle = opts.middleNames ? middleNames(opts.seed ?? 7301) : null;
  for (let i = 0; i < rows; i++) {
    const w = gen.next();
    const fullName = middle ? middle(w.full_name) : w.full_name;
    const nik = offset === 0 ? w.nik : nikWithSerial(w.nik, offset);
    const district = catalog.get(w.district_code)?.name ?? '';
    const village = w.village_code ? (catalog.get(w.village_code)?.name ?? '') : '';
    const [y, m, d] = w.birth_date.split('-');
    yield [
      String(i + 1),
      nik,
      fullName,
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

// Syllables of Indonesian given names (Sumatera and Java), put together two or three at a time.
const SYLLABLES = [
  'ra',
  'di',
  'man',
  'su',
  'to',
  'wi',
  'ja',
  'ya',
  'har',
  'no',
  'sa',
  'ri',
  'ti',
  'na',
  'ku',
  'lan',
  'dar',
  'mi',
  'pu',
  'tra',
  'wan',
  'ni',
  'sih',
  'yan',
  'ha',
  'ba',
  'gus',
  'es',
  'in',
  'dah',
  'lia',
  'fi',
  'tri',
  'a',
  'e',
  'o',
  'u',
  'nur',
  'rah',
  'mat',
  'hen',
  'dra',
  'ek',
  'ka',
];

/**
 * Names as varied as a real list's: the demo generator's names repeat (about 1,400 distinct search
 * keys in a million rows), which flatters everything that keeps or compares names. Nine names in ten
 * get a made-up middle name of two or three syllables ("Siti Ekmatfi Aminah"): about 850,000
 * distinct names in a million rows.
 */
function middleNames(seed: number): (name: string) => string {
  const random = rng(seed);
  const pick = () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
  return (name) => {
    if (random() >= 0.9) return name;
    const word = Array.from({ length: random() < 0.5 ? 2 : 3 }, pick).join('');
    const [first, ...rest] = name.split(' ');
    return [first, word[0]!.toUpperCase() + word.slice(1), ...rest].join(' ');
  };
}

/** Writes the rows as a plain CSV (header, then the rows; no title rows, so COPY reads it too). */
export async function writeSheetCsv(
  path: string,
  catalog: RegionCatalog,
  rows: number,
  opts: { middleNames?: boolean } = {},
): Promise<number> {
  const out = createWriteStream(path);
  let buf = `${SHEET_HEADER.join(',')}\r\n`;
  for (const cells of sheetRows(catalog, rows, opts)) {
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
