// One row of a worker list: accepted (maybe with warnings), rejected with every reason at once,
// or skipped (blank lines, totals). An accepted row's `worker` passes checkWorker, the rules every
// worker record satisfies whatever its entry point; the row checks are stricter where a file
// needs them to be (a person's NIK typed into a number cell is unrecoverable).

import type { WorkerCreate } from '../../contracts/workers.js';
import { normalizeName } from '../names.js';
import { checkNik, type NikCheck, type RegionCodes, sexAndBirthDateAgree } from '../nik.js';
import { cellText, isBlank, quote, type ValueIssue } from './cells.js';
import { formatDateId, parseBirthPlaceAndDate, parseDateCell } from './dates.js';
import type { ImportField } from './headers.js';
import type { DomicileResolver } from './regions.js';
import { parseIncome, parseNikCell, parseOccupation, parsePhoneCell, parseSex } from './values.js';

export interface RowIssue {
  field: ImportField;
  code: string;
  message: string;
}

/** A worker as an import creates it; consent is recorded for the whole upload, not per row. */
export type ImportedWorker = Omit<WorkerCreate, 'consent' | 'vulnerability'>;

export interface RowContext {
  resolver: DomicileResolver;
  /** Region codes for the NIK check (a RegionCatalog will do). */
  catalog: RegionCodes;
  today: Date;
  /** The deployment's province; domiciles must lie inside it. */
  provinceCode: string;
  /** The workbook uses Excel's 1904 date system. */
  date1904?: boolean;
}

export type RowCells = Partial<Record<ImportField, unknown>>;

export interface RowResult {
  status: 'accepted' | 'rejected' | 'skipped';
  errors: readonly RowIssue[];
  warnings: readonly RowIssue[];
  /** Present when accepted. */
  worker?: ImportedWorker;
  /**
   * Present when skipped: nothing in it (or only its row number), a totals/summary line, or the
   * line of column numbers (1, 2, 3 …) many templates put under the header.
   */
  skipReason?: 'empty' | 'totals' | 'column-numbers';
}

const NONE: readonly RowIssue[] = Object.freeze([]);
const SKIPPED_EMPTY: RowResult = Object.freeze({
  status: 'skipped',
  errors: NONE,
  warnings: NONE,
  skipReason: 'empty',
});
const SKIPPED_TOTALS: RowResult = Object.freeze({
  status: 'skipped',
  errors: NONE,
  warnings: NONE,
  skipReason: 'totals',
});
const SKIPPED_COLUMN_NUMBERS: RowResult = Object.freeze({
  status: 'skipped',
  errors: NONE,
  warnings: NONE,
  skipReason: 'column-numbers',
});

const ALL_FIELDS: readonly ImportField[] = [
  'nik',
  'fullName',
  'sex',
  'birthPlace',
  'birthDate',
  'birthPlaceAndDate',
  'district',
  'village',
  'villageCode',
  'occupation',
  'phone',
  'motherMaidenName',
  'declaredIncome',
  'address',
  'rowNumber',
];
// Fields a totals row's label lands in: the leftmost columns, which the label's merged cell covers.
const LABEL_FIELDS: readonly ImportField[] = ['rowNumber', 'nik', 'fullName', 'district', 'village'];
const TOTALS_LABEL = /^\s*(?:jumlah|total|sub\s*total|grand\s*total|rekap(?:itulasi)?)\b/i;
const NUMERIC_TEXT = /^[\d\s.,]+$/;
const COLUMN_NUMBER = /^\(?\d{1,2}\)?$/;
const HAS_LETTER = /\p{L}/u;
const MARKUP = /[<>]/;
const FORMULA_START = /^[=+\-@]/;

const NAME_MIN = 2;
const NAME_MAX = 120;
const BIRTH_PLACE_MAX = 80;
const MOTHER_MAX = 120;
const ADDRESS_MAX = 300;

const SEX_WORD = { L: 'Laki-laki (L)', P: 'Perempuan (P)' } as const;

export function validateRow(cells: RowCells, ctx: RowContext): RowResult {
  const skip = skipReason(cells);
  if (skip) return skip;

  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];

  // NIK
  let nik: NikCheck | null = null;
  const nikCell = parseNikCell(cells.nik);
  if (!nikCell.ok) errors.push({ field: 'nik', code: nikCell.code, message: nikCell.message });
  else {
    nik = checkNik(nikCell.value, ctx.catalog, ctx.today);
    for (const e of nik.errors) errors.push({ field: 'nik', code: e.code, message: e.message });
    for (const w of nik.warnings) warnings.push({ field: 'nik', code: w.code, message: w.message });
    if (!nik.valid) nik = null;
  }

  // Name
  const fullName = normalizeName(cellText(cells.fullName));
  const nameProblem = checkName(fullName);
  if (nameProblem) errors.push(nameProblem);

  // Place and date of birth: a date column beats the combined "TTL" column.
  let birthDate: string | null = null;
  let birthDateField: ImportField = 'birthDate';
  let birthPlace = normalizeName(cellText(cells.birthPlace));
  if (!isBlank(cells.birthDate)) {
    const d = parseDateCell(cells.birthDate, ctx);
    if (d.ok) birthDate = d.value;
    else errors.push({ field: 'birthDate', code: d.code, message: d.message });
  } else if (!isBlank(cells.birthPlaceAndDate)) {
    birthDateField = 'birthPlaceAndDate';
    const pd = parseBirthPlaceAndDate(cells.birthPlaceAndDate, ctx);
    if (pd.ok) {
      birthDate = pd.value.date;
      if (birthPlace === '' && pd.value.place) birthPlace = normalizeName(pd.value.place);
    } else {
      const code = pd.code === 'DATE_MISSING' ? 'BIRTHDATE_MISSING' : pd.code;
      errors.push({ field: 'birthPlaceAndDate', code, message: pd.message });
    }
  } else {
    const fromNik = nik?.birthDate ? ` Menurut NIK, tanggal lahirnya ${nikDateHint(nik.birthDate)}.` : '';
    errors.push({
      field: 'birthDate',
      code: 'BIRTHDATE_MISSING',
      message: `Tanggal lahir belum diisi. Isi tanggal lahir sesuai KTP, misalnya 17-08-1975.${fromNik}`,
    });
  }
  if (birthDate !== null && birthDate > isoDay(ctx.today)) {
    errors.push({
      field: birthDateField,
      code: 'BIRTHDATE_IN_FUTURE',
      message: `Tanggal lahir ${formatDateId(birthDate)} belum terjadi. Periksa kembali tanggal lahir pada KTP.`,
    });
    birthDate = null;
  }
  if (birthPlace.length > BIRTH_PLACE_MAX) {
    const field = isBlank(cells.birthPlace) ? 'birthPlaceAndDate' : 'birthPlace';
    errors.push(tooLong(field, 'Tempat lahir', birthPlace.length, BIRTH_PLACE_MAX));
  }

  // Sex
  let sex: 'L' | 'P' | null = null;
  const s = parseSex(cells.sex);
  if (s.ok) sex = s.value;
  else {
    const fromNik = nik?.sex ? ` Menurut NIK, pekerja ini ${SEX_WORD[nik.sex]}.` : '';
    errors.push({ field: 'sex', code: s.code, message: s.message + fromNik });
  }

  if (nik && sex && birthDate) {
    for (const m of sexAndBirthDateAgree(nik, sex, birthDate)) {
      errors.push({
        field: m.code === 'NIK_SEX_MISMATCH' ? 'sex' : birthDateField,
        code: m.code,
        message: m.message,
      });
    }
  }

  // Domicile
  let domicileCode: string | null = null;
  // The cells carry district, village and villageCode under the names the resolver reads.
  const dom = ctx.resolver(cells);
  if (!dom.ok) errors.push({ field: dom.field, code: dom.code, message: dom.message });
  else if (dom.code !== ctx.provinceCode && !dom.code.startsWith(`${ctx.provinceCode}.`)) {
    errors.push({
      field: isBlank(cells.villageCode) ? 'district' : 'villageCode',
      code: 'DOMICILE_OUT_OF_REGION',
      message: `Domisili ${dom.code} berada di luar provinsi ${ctx.provinceCode}. Periksa kembali kecamatan dan desa pekerja.`,
    });
  } else {
    domicileCode = dom.code;
    for (const w of dom.warnings) warnings.push({ field: w.field, code: w.code, message: w.message });
  }

  // Optional data: unreadable values are warnings, the worker is registered without them.
  const occupation = parseOccupation(cells.occupation);
  if (occupation.ok && occupation.warning) warnings.push(issue('occupation', occupation.warning));

  const phone = parsePhoneCell(cells.phone);
  if (phone.ok && phone.warning) warnings.push(issue('phone', phone.warning));

  let declaredIncome: number | null = null;
  const income = parseIncome(cells.declaredIncome);
  if (income.ok) {
    declaredIncome = income.value;
    if (income.warning) warnings.push(issue('declaredIncome', income.warning));
  } else {
    warnings.push({
      field: 'declaredIncome',
      code: income.code,
      message: `${income.message} Data pekerja tetap diterima tanpa penghasilan; lengkapi nanti.`,
    });
  }

  const mother = normalizeName(cellText(cells.motherMaidenName));
  if (mother.length > MOTHER_MAX)
    errors.push(tooLong('motherMaidenName', 'Nama ibu kandung', mother.length, MOTHER_MAX));
  const address = cellText(cells.address);
  if (address.length > ADDRESS_MAX) errors.push(tooLong('address', 'Alamat', address.length, ADDRESS_MAX));

  if (errors.length > 0 || !nik || !sex || !birthDate || !domicileCode) {
    return { status: 'rejected', errors, warnings };
  }
  return {
    status: 'accepted',
    errors: NONE,
    warnings,
    worker: {
      nik: nik.nik,
      fullName,
      sex,
      birthPlace: birthPlace === '' ? null : birthPlace,
      birthDate,
      motherMaidenName: mother === '' ? null : mother,
      phone: phone.ok ? phone.value : null,
      address: address === '' ? null : address,
      domicileCode,
      occupation: occupation.ok ? occupation.value : 'lainnya',
      declaredIncome,
    },
  };
}

function skipReason(cells: RowCells): RowResult | null {
  let filled = 0;
  let numericOnly = true;
  let columnNumbersOnly = true;
  let onlyRowNumber = true;
  for (const field of ALL_FIELDS) {
    const v = cells[field];
    if (isBlank(v)) continue;
    filled++;
    if (field !== 'rowNumber') onlyRowNumber = false;
    if (!numericOnly && !columnNumbersOnly) continue;
    if (typeof v === 'number') {
      if (!(Number.isInteger(v) && v >= 0 && v < 100)) columnNumbersOnly = false;
    } else if (typeof v === 'string' && NUMERIC_TEXT.test(v)) {
      if (!COLUMN_NUMBER.test(v.trim())) columnNumbersOnly = false;
    } else if (typeof v === 'string' && COLUMN_NUMBER.test(v.trim())) {
      numericOnly = false; // "(1)": a column number, not a count
    } else {
      numericOnly = false;
      columnNumbersOnly = false;
    }
  }
  // Templates come pre-numbered: a row with just its number is an unused line.
  if (filled === 0 || onlyRowNumber) return SKIPPED_EMPTY;
  if (columnNumbersOnly && filled >= 3) return SKIPPED_COLUMN_NUMBERS;
  const nikText = cellText(cells.nik);
  if (nikText === '' && numericOnly) return SKIPPED_TOTALS;
  if (nikText === '' || TOTALS_LABEL.test(nikText)) {
    for (const field of LABEL_FIELDS) {
      const v = cells[field];
      if (typeof v === 'string' && TOTALS_LABEL.test(v)) return SKIPPED_TOTALS;
    }
  }
  return null;
}

function checkName(name: string): RowIssue | null {
  if (name === '') {
    return {
      field: 'fullName',
      code: 'NAME_MISSING',
      message: 'Nama belum diisi. Isi nama lengkap pekerja sesuai KTP.',
    };
  }
  if (MARKUP.test(name) || FORMULA_START.test(name)) {
    return {
      field: 'fullName',
      code: 'NAME_INVALID',
      message: `Nama ${quote(name)} tidak boleh memuat tanda < atau > dan tidak boleh diawali =, +, - atau @. Tulis nama sesuai KTP.`,
    };
  }
  if (!HAS_LETTER.test(name)) {
    return {
      field: 'fullName',
      code: 'NAME_INVALID',
      message: `Nama ${quote(name)} tidak berisi huruf. Periksa apakah kolom bergeser (misalnya NIK masuk ke kolom Nama), lalu tulis nama sesuai KTP.`,
    };
  }
  if (name.length < NAME_MIN) {
    return {
      field: 'fullName',
      code: 'NAME_TOO_SHORT',
      message: `Nama ${quote(name)} terlalu pendek (minimal ${NAME_MIN} huruf). Tulis nama lengkap sesuai KTP.`,
    };
  }
  if (name.length > NAME_MAX) return tooLong('fullName', 'Nama', name.length, NAME_MAX);
  return null;
}

function tooLong(field: ImportField, what: string, length: number, max: number): RowIssue {
  return {
    field,
    code: 'TEXT_TOO_LONG',
    message: `${what} terlalu panjang (${length} karakter, maksimal ${max}). Periksa apakah isi beberapa kolom tergabung, lalu persingkat.`,
  };
}

function issue(field: ImportField, w: ValueIssue): RowIssue {
  return { field, code: w.code, message: w.message };
}

// The NIK holds a two-digit year only, so the hint gives day, month and those two digits.
function nikDateHint(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(2, 4)} (tanggal-bulan-tahun)`;
}

// One import runs with one `today`; converting it once instead of per row.
let lastTodayMs = Number.NaN;
let lastTodayIso = '';
function isoDay(today: Date): string {
  const ms = today.getTime();
  if (ms !== lastTodayMs) {
    lastTodayMs = ms;
    lastTodayIso = today.toISOString().slice(0, 10);
  }
  return lastTodayIso;
}
