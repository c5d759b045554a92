// Parsers for single cells of a worker list. Each returns a value or a reason in Bahasa
// Indonesia saying what is wrong and how to fix it; optional data that cannot be read comes back
// as a warning so the worker is still registered.

import { normalizeNikInput } from '../nik.js';
import { normalizePhone } from '../phone.js';
import { cellText, fail, foldCase, isBlank, type Parsed, quote, squash } from './cells.js';

export type { Parsed, ValueIssue } from './cells.js';
export { type DateOptions, parseBirthPlaceAndDate, parseDateCell } from './dates.js';
export { parseOccupation } from './occupations.js';

// ---- NIK --------------------------------------------------------------------------------------

// '1.67101E+15', '1,67101E+15', '1.67101e15': Excel showed the NIK in scientific notation.
const SCIENTIFIC = /^\d+(?:[.,]\d+)?\s*e\s*\+?\s*\d+$/i;
const NIK_DIGITS = 16;

const RETYPE_NIK =
  'Ubah format kolom NIK menjadi Teks (Text), lalu ketik ulang NIK dari KTP atau Kartu Keluarga ' +
  "(atau awali NIK dengan tanda petik satu, misalnya '1671011708750001).";

function nikDamaged(shown: string): { ok: false; code: string; message: string } {
  return fail(
    'NIK_SPREADSHEET_DAMAGED',
    `NIK terbaca sebagai angka ${shown}. Excel menyimpan NIK sebagai angka dan hanya menyimpan 15 angka ` +
      'pertama, sehingga angka terakhir berubah menjadi 0 atau NIK tampil sebagai notasi ilmiah (E+15); ' +
      `NIK yang benar tidak dapat dipulihkan dari file ini. ${RETYPE_NIK}`,
  );
}

/**
 * A NIK cell, normalised (spaces, dots, dashes, a leading apostrophe removed). Only damage done by
 * spreadsheets is judged here; length, digits and structure are checkNik's job.
 */
export function parseNikCell(v: unknown): Parsed<string> {
  if (typeof v === 'number') return nikFromNumber(v);
  const raw = cellText(v);
  if (raw === '') {
    return fail('NIK_REQUIRED', 'NIK belum diisi. Isi 16 angka NIK sesuai KTP atau Kartu Keluarga.');
  }
  if (SCIENTIFIC.test(raw)) return nikDamaged(quote(raw));
  return { ok: true, value: normalizeNikInput(raw) };
}

// A spreadsheet keeps 15 significant digits: a 16-digit NIK typed into a number cell comes back
// with its last digit 0. A real NIK may end in 0 too, but from the number alone the two cannot be
// told apart, and letting a wrong NIK through is worse than asking for it to be re-typed.
function nikFromNumber(n: number): Parsed<string> {
  if (Number.isNaN(n)) return parseNikCell('');
  if (!Number.isInteger(n) || n < 0) {
    return fail('NIK_NOT_DIGITS', `NIK terbaca sebagai angka ${String(n)}, bukan 16 angka. ${RETYPE_NIK}`);
  }
  if (!Number.isSafeInteger(n)) return nikDamaged(n.toExponential(5).replace('e', 'E'));
  const digits = String(n);
  if (digits.length === NIK_DIGITS && digits.endsWith('0')) return nikDamaged(digits);
  return { ok: true, value: digits };
}

// ---- Sex --------------------------------------------------------------------------------------

const SEX = new Map<string, 'L' | 'P'>();
for (const s of ['l', 'lk', 'laki', 'lakilaki', 'lelaki', 'pria', 'm', 'male']) SEX.set(s, 'L');
for (const s of ['p', 'pr', 'prp', 'pere', 'perempuan', 'wanita', 'w', 'f', 'female']) SEX.set(s, 'P');
const DIGITS = /\d+/g;

/** L/P, Laki-laki, Laki2, Lk, Pria → L; Perempuan, Pr, Wanita → P. */
export function parseSex(v: unknown): Parsed<'L' | 'P'> {
  const raw = cellText(v);
  if (raw === '') {
    return fail('SEX_MISSING', 'Jenis kelamin belum diisi. Isi L untuk laki-laki atau P untuk perempuan.');
  }
  // 'Laki2' is how many write Laki-laki.
  const sex = SEX.get(squash(raw).replace(DIGITS, ''));
  if (sex) return { ok: true, value: sex };
  return fail(
    'SEX_INVALID',
    `Jenis kelamin ${quote(raw)} tidak dikenal. Isi L untuk laki-laki atau P untuk perempuan.`,
  );
}

// ---- Phone ------------------------------------------------------------------------------------

const PHONE_LIST_SEPARATOR = /\s*(?:[/,;&]|\batau\b|\bdan\b)\s*/i;
const PHONE_KEPT_WITHOUT =
  ' Data pekerja tetap diterima tanpa nomor telepon; perbaiki nomornya di file lalu unggah ulang, ' +
  'atau lengkapi nanti pada data pekerja.';

/**
 * Phone in E.164 ('+62…'), or null. An unreadable number is a warning, not an error: the worker
 * is registered without it. A number cell that lost its leading 0 (81234567890) is accepted.
 */
export function parsePhoneCell(v: unknown): Parsed<string | null> {
  if (isBlank(v)) return { ok: true, value: null };
  const text = typeof v === 'number' && Number.isInteger(v) && v > 0 ? String(v) : cellText(v);
  const phone = normalizePhone(text);
  if (phone.ok) return { ok: true, value: phone.value };
  // "0812… / 0813…": two numbers in one cell; keep the first readable one.
  const parts = text.split(PHONE_LIST_SEPARATOR);
  if (parts.length > 1) {
    for (const part of parts) {
      const p = normalizePhone(part);
      if (p.ok) {
        return {
          ok: true,
          value: p.value,
          warning: {
            code: 'PHONE_MULTIPLE',
            message:
              `Kolom nomor HP berisi lebih dari satu nomor (${quote(text)}); yang disimpan hanya ${part.trim()}. ` +
              'Bila nomor utamanya yang lain, isi satu nomor saja di kolom tersebut.',
          },
        };
      }
    }
  }
  return {
    ok: true,
    value: null,
    warning: { code: 'PHONE_INVALID', message: phone.message + PHONE_KEPT_WITHOUT },
  };
}

// ---- Income -----------------------------------------------------------------------------------

const INCOME_MAX = 1_000_000_000;
// Below this, the writer almost surely meant thousands or millions ("1,5" for 1,5 juta).
const INCOME_MIN_PLAUSIBLE = 1_000;
const SPACES = /\s+/g;
const INCOME_PREFIX = /^(?:kurang lebih |sekitar |\+- ?|± ?)?(?:rp|idr)?\.? ?/;
const INCOME_SUFFIX = / ?(?:[,.]?-+|[,.]00|\/ ?(?:bulan|bln|bl)|per ?(?:bulan|bln|bl)|sebulan)$/;
const MULTIPLIER = / ?(juta|jt|jta|ribu|rb|rbu|k)$/;
// Integer part either grouped by 3s ('1.500.000', '1,500,000') or plain; then an optional decimal.
const INCOME_NUMBER = /^(\d{1,3}(?:([.,])\d{3})+|\d+)(?:([.,])(\d+))?$/;
const GROUP_SEPARATORS = /[.,]/g;

const HOW_TO_WRITE_INCOME =
  'Tulis penghasilan per bulan dalam rupiah, misalnya 1.500.000, Rp 1.500.000 atau 1,5 juta.';

/** Declared monthly income in whole rupiah; empty → null with a warning. */
export function parseIncome(v: unknown): Parsed<number | null> {
  if (isBlank(v)) {
    return {
      ok: true,
      value: null,
      warning: {
        code: 'INCOME_MISSING',
        message:
          'Penghasilan belum diisi. Penghasilan dipakai sebagai dasar iuran; isi penghasilan per bulan ' +
          'dalam rupiah, misalnya 1.500.000.',
      },
    };
  }
  if (typeof v === 'number') return checkIncome(v, String(v));
  const raw = cellText(v);
  let s = foldCase(raw).replace(SPACES, ' ');
  s = s.replace(INCOME_PREFIX, '');
  for (let i = 0; i < 3; i++) {
    const stripped = s.replace(INCOME_SUFFIX, '');
    if (stripped === s) break;
    s = stripped;
  }
  let multiplier = 1;
  const m = MULTIPLIER.exec(s);
  if (m) {
    const unit = m[1]!;
    multiplier = unit === 'juta' || unit === 'jt' || unit === 'jta' ? 1_000_000 : 1_000;
    s = s.slice(0, m.index);
  }
  s = s.replace(SPACES, '');
  const n = INCOME_NUMBER.exec(s);
  if (!n)
    return fail('INCOME_INVALID', `Penghasilan ${quote(raw)} tidak dapat dibaca. ${HOW_TO_WRITE_INCOME}`);
  const [, whole = '', groupSep, decimalSep, decimals] = n;
  const mixedGroups = groupSep !== undefined && whole.includes(groupSep === '.' ? ',' : '.');
  if (mixedGroups || (groupSep && decimalSep && groupSep === decimalSep)) {
    return fail('INCOME_INVALID', `Penghasilan ${quote(raw)} tidak dapat dibaca. ${HOW_TO_WRITE_INCOME}`);
  }
  let value: number;
  // '1.250 juta' is 1,25 juta: nobody earns 1.250 million rupiah a month.
  if (multiplier === 1_000_000 && groupSep && !decimalSep && whole.split(groupSep).length === 2) {
    value = Number(whole.replace(groupSep, '.'));
  } else {
    value = Number(whole.replace(GROUP_SEPARATORS, ''));
    if (decimals) value += Number(`0.${decimals}`);
  }
  return checkIncome(value * multiplier, raw);
}

function checkIncome(value: number, raw: string): Parsed<number | null> {
  if (!Number.isFinite(value) || value < 0) {
    return fail('INCOME_INVALID', `Penghasilan ${quote(raw)} tidak dapat dibaca. ${HOW_TO_WRITE_INCOME}`);
  }
  const rupiah = Math.round(value);
  if (rupiah > INCOME_MAX) {
    return fail(
      'INCOME_INVALID',
      `Penghasilan ${quote(raw)} terlalu besar (lebih dari Rp 1 miliar per bulan). ` +
        `Periksa apakah ada angka nol berlebih. ${HOW_TO_WRITE_INCOME}`,
    );
  }
  if (rupiah > 0 && rupiah < INCOME_MIN_PLAUSIBLE) {
    return fail(
      'INCOME_INVALID',
      `Penghasilan ${quote(raw)} terlalu kecil untuk rupiah per bulan; mungkin maksudnya ribu atau juta. ` +
        `Tulis lengkap, misalnya 1.500.000 atau 1,5 juta.`,
    );
  }
  return { ok: true, value: rupiah };
}
