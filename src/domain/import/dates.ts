// Dates as Indonesian spreadsheets hold them: real date cells (Date objects or Excel serial
// numbers), day-first text (17-08-1975, 17/8/75), ISO text, and month names in Indonesian or in
// the English abbreviations Excel writes (17-Agu-1975, 17-Aug-75, 17 Agustus 1975).

import { MONTHS_ID } from '../../contracts/months.js';
import { cellText, fail, foldCase, isBlank, type Parsed, quote } from './cells.js';

export interface DateOptions {
  /** Two-digit years take the century that does not put the date after `today` (as NIKs do). */
  today: Date;
  /** The workbook uses the 1904 date system (old Mac Excel): serial 0 is 1904-01-01. */
  date1904?: boolean;
}

const MONTHS = new Map<string, number>();
[
  ['januari', 'jan', 'january'],
  ['februari', 'feb', 'peb', 'pebruari', 'february'],
  ['maret', 'mar', 'march'],
  ['april', 'apr'],
  ['mei', 'may'],
  ['juni', 'jun', 'june'],
  ['juli', 'jul', 'july'],
  ['agustus', 'agt', 'agu', 'ags', 'agus', 'agst', 'aug', 'august'],
  ['september', 'sep', 'sept', 'sep'],
  ['oktober', 'okt', 'oct', 'october'],
  ['november', 'nov', 'nop', 'nopember'],
  ['desember', 'des', 'dec', 'december'],
].forEach((names, i) => {
  for (const n of names) MONTHS.set(n, i + 1);
});

// Excel's CSV export and some readers append a midnight time: "17/08/1975 00:00:00".
// Matched against lower-cased text, hence 't' and 'z'.
const TIME = String.raw`(?:[t ]\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?`;
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{4}|\d{2})${TIME}$`);
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`);
const MONTH_NAMED = /^(\d{1,2})[\s\-/.,]*([a-z]+)\.?[\s\-/.,]*(\d{4}|\d{2})$/;
const SPACES = /\s+/g;
const DIGITS_ONLY = /^\d+$/;

const MS_PER_DAY = 86_400_000;
// Serial 1 is 1900-01-01; Excel also counts a 29 February 1900 that never was (serial 60), so
// from serial 61 on, days since 1899-12-30 give the right date.
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

const HOW_TO_WRITE =
  'Tulis tanggal dengan urutan tanggal-bulan-tahun, misalnya 17-08-1975 atau 17 Agustus 1975, ' +
  'atau ubah format sel menjadi Tanggal.';

/** Parses a date cell to 'YYYY-MM-DD'. */
export function parseDateCell(v: unknown, opts: DateOptions): Parsed<string> {
  if (isBlank(v)) return fail('DATE_MISSING', `Tanggal belum diisi. ${HOW_TO_WRITE}`);
  if (v instanceof Date) return fromDate(v);
  if (typeof v === 'number') return fromSerial(v, opts.date1904 === true);
  const raw = cellText(v);
  const text = foldCase(raw).replace(SPACES, ' ');

  let m = DAY_FIRST.exec(text);
  if (m) return fromParts(raw, Number(m[1]), Number(m[2]), m[3]!, opts.today, true);
  m = YEAR_FIRST.exec(text);
  if (m) return fromParts(raw, Number(m[3]), Number(m[2]), m[1]!, opts.today, false);
  m = MONTH_NAMED.exec(text);
  if (m) {
    const month = MONTHS.get(m[2]!);
    if (month === undefined) {
      return fail(
        'DATE_INVALID',
        `Nama bulan ${quote(m[2]!)} pada tanggal ${quote(raw)} tidak dikenal. ` +
          'Tulis nama bulan lengkap (Januari … Desember) atau singkatannya (Jan, Feb, Mar, Apr, Mei, Jun, Jul, Agt, Sep, Okt, Nov, Des).',
      );
    }
    return fromParts(raw, Number(m[1]), month, m[3]!, opts.today, false);
  }
  if (DIGITS_ONLY.test(text) && text.length === 4) {
    return fail(
      'DATE_INVALID',
      `Tanggal ${quote(raw)} hanya berisi tahun. Lengkapi dengan tanggal dan bulan sesuai KTP, misalnya 17-08-${text}.`,
    );
  }
  return fail('DATE_INVALID', `Tanggal ${quote(raw)} tidak dapat dibaca. ${HOW_TO_WRITE}`);
}

// xlsx readers give UTC midnight, but some give local midnight or carry the seconds-off
// offsets of historical time zones; birth dates have no time, so round to the nearest day.
function fromDate(d: Date): Parsed<string> {
  const t = d.getTime();
  if (Number.isNaN(t)) return fail('DATE_INVALID', `Tanggal pada sel ini tidak sah. ${HOW_TO_WRITE}`);
  return checkedIso(new Date(Math.round(t / MS_PER_DAY) * MS_PER_DAY), d.toISOString().slice(0, 10));
}

function fromSerial(serial: number, date1904: boolean): Parsed<string> {
  const whole = Math.floor(serial);
  if (!Number.isFinite(serial) || whole < (date1904 ? 0 : 1) || (!date1904 && whole === 60)) {
    return serialInvalid(serial);
  }
  let ms: number;
  if (date1904) ms = EPOCH_1904 + whole * MS_PER_DAY;
  else ms = EPOCH_1900 + (whole < 60 ? whole + 1 : whole) * MS_PER_DAY;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < YEAR_MIN || year > YEAR_MAX) return serialInvalid(serial);
  return { ok: true, value: d.toISOString().slice(0, 10) };
}

function serialInvalid(serial: number): Parsed<string> {
  return fail(
    'DATE_INVALID',
    `Angka ${String(serial)} bukan tanggal yang masuk akal. Bila kolom ini berisi tanggal lahir, ` +
      'ubah format sel menjadi Tanggal, atau tulis sebagai teks, misalnya 17-08-1975.',
  );
}

function checkedIso(d: Date, raw: string): Parsed<string> {
  const year = d.getUTCFullYear();
  if (year < YEAR_MIN || year > YEAR_MAX) {
    return fail('DATE_INVALID', `Tahun ${year} pada tanggal ${quote(raw)} tidak masuk akal. ${HOW_TO_WRITE}`);
  }
  return { ok: true, value: d.toISOString().slice(0, 10) };
}

function fromParts(
  raw: string,
  day: number,
  month: number,
  yearText: string,
  today: Date,
  isDayFirstNumeric: boolean,
): Parsed<string> {
  if (month > 12) {
    // 08/17/1975: American month/day order, which Indonesian lists never mean.
    if (isDayFirstNumeric && day >= 1 && day <= 12 && month <= 31) {
      return fail(
        'DATE_INVALID',
        `Tanggal ${quote(raw)} tampaknya ditulis dengan urutan bulan/tanggal/tahun. ` +
          `Tulis dengan urutan tanggal/bulan/tahun: ${pad2(month)}/${pad2(day)}/${yearText}.`,
      );
    }
    return fail(
      'DATE_INVALID',
      `Bulan ${month} pada tanggal ${quote(raw)} tidak ada (harus 1–12). Periksa kembali tanggal lahir pada KTP. ${HOW_TO_WRITE}`,
    );
  }
  if (month < 1) {
    return fail('DATE_INVALID', `Bulan 0 pada tanggal ${quote(raw)} tidak ada (harus 1–12). ${HOW_TO_WRITE}`);
  }
  const year =
    yearText.length === 2 ? yearForTwoDigits(Number(yearText), month, day, today) : Number(yearText);
  if (year < YEAR_MIN || year > YEAR_MAX) {
    return fail(
      'DATE_INVALID',
      `Tahun ${year} pada tanggal ${quote(raw)} tidak masuk akal. Periksa kembali tanggal lahir pada KTP.`,
    );
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    const why =
      month === 2 && day === 29
        ? `${year} bukan tahun kabisat, jadi tidak ada tanggal 29 Februari`
        : `bulan ${MONTHS_ID[month - 1]} ${year} hanya sampai tanggal ${last}`;
    return fail(
      'DATE_INVALID',
      `Tanggal ${quote(raw)} tidak ada: ${why}. Periksa kembali tanggal lahir pada KTP.`,
    );
  }
  return { ok: true, value: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** The latest century that does not put the date after `today` (the NIK rule, DESIGN §4.4). */
export function yearForTwoDigits(yy: number, month: number, day: number, today: Date): number {
  const todayYear = today.getUTCFullYear();
  const year = todayYear - (todayYear % 100) + yy;
  const todayKey = todayYear * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return year * 10_000 + month * 100 + day > todayKey ? year - 100 : year;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'YYYY-MM-DD' → '17 Agustus 1975', for messages. */
export function formatDateId(iso: string): string {
  const month = MONTHS_ID[Number(iso.slice(5, 7)) - 1];
  return month ? `${Number(iso.slice(8, 10))} ${month} ${iso.slice(0, 4)}` : iso;
}

const FIRST_DIGIT = /\d/;
const PLACE_TAIL = /[\s,;/\-–]+$/;

/** "Indralaya, 17-08-1975", "PALEMBANG, 17 Agustus 1975", "Palembang / 17-08-1975". */
export function parseBirthPlaceAndDate(
  v: unknown,
  opts: DateOptions,
): Parsed<{ place: string | null; date: string }> {
  if (isBlank(v)) {
    return fail(
      'DATE_MISSING',
      'Tempat/tanggal lahir belum diisi. Tulis tempat dan tanggal lahir sesuai KTP, misalnya Palembang, 17-08-1975.',
    );
  }
  // A real date cell under a "TTL" header: the date is there, the place is not.
  if (v instanceof Date || typeof v === 'number') {
    const date = parseDateCell(v, opts);
    return date.ok ? { ok: true, value: { place: null, date: date.value } } : date;
  }
  const raw = cellText(v);
  const at = raw.search(FIRST_DIGIT);
  if (at < 0) {
    return fail(
      'DATE_MISSING',
      `Kolom tempat/tanggal lahir hanya berisi ${quote(raw)} tanpa tanggal lahir. ` +
        'Tulis tempat dan tanggal lahir sesuai KTP, misalnya Palembang, 17-08-1975.',
    );
  }
  const place = raw.slice(0, at).replace(PLACE_TAIL, '').trim();
  const date = parseDateCell(raw.slice(at), opts);
  if (!date.ok) return date;
  return { ok: true, value: { place: place === '' ? null : place, date: date.value } };
}
