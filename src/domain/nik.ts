// NIK (Nomor Induk Kependudukan) check, DESIGN §4.4.
// Layout: PP KK CC DDMMYY SSSS — province, regency/city, district (where the NIK was first
// issued, not where the person lives), birth date with day +40 for women, serial from 0001.

import { formatCalendarDate, MONTHS_EN, MONTHS_ID } from '../contracts/months.js';

/** Dotted Kemendagri codes: '16', '16.71', '16.71.01'. */
export interface RegionCodes {
  hasProvince(code: string): boolean;
  hasRegency(code: string): boolean;
  hasDistrict(code: string): boolean;
}

export type NikIssueCode =
  | 'NIK_REQUIRED'
  | 'NIK_NOT_DIGITS'
  | 'NIK_LENGTH'
  | 'NIK_PROVINCE_UNKNOWN'
  | 'NIK_REGENCY_UNKNOWN'
  | 'NIK_DISTRICT_UNKNOWN'
  | 'NIK_BIRTHDATE_INVALID'
  | 'NIK_SERIAL_ZERO'
  | 'NIK_SEX_MISMATCH'
  | 'NIK_BIRTHDATE_MISMATCH';

export interface NikIssue {
  code: NikIssueCode;
  /** Bahasa Indonesia: what is wrong and how to fix it. */
  message: string;
  messageEn: string;
}

export interface NikCheck {
  /** The normalised input (see normalizeNikInput). */
  nik: string;
  valid: boolean;
  errors: NikIssue[];
  warnings: NikIssue[];
  /** Codes as read from the NIK, filled even when unknown to RegionCodes; errors say whether they exist. */
  province: string | null;
  regency: string | null;
  district: string | null;
  /** 'YYYY-MM-DD', null when the date part is not a real date. */
  birthDate: string | null;
  /** Filled whenever the day part is in a valid range (01–31 men, 41–71 women), even if the month is not. */
  sex: 'L' | 'P' | null;
  serial: string | null;
}

const NIK_DIGITS = 16;
const WOMAN_DAY_OFFSET = 40;

// Zero-width spaces and BOMs ride along when NIKs are pasted from WhatsApp, web pages or CSV
// exports; they count as spaces. Dashes include the typographic ones phones autocorrect to.
const SEPARATORS = /[\s\u200B-\u200D\uFEFF.\-\u2010-\u2015\u2212]/g;
// Excel users type a leading apostrophe to keep the NIK as text; phones curl it.
const LEADING_APOSTROPHE = /^['\u2018\u2019]/;
// '1.67101E+15' / '1,67E+15': Excel already rounded the NIK away; no normalisation can recover it.
const EXCEL_SCIENTIFIC = /^\d([.,]\d+)?e\+?\d+$/i;

export function normalizeNikInput(input: string): string {
  return input.replace(SEPARATORS, '').replace(LEADING_APOSTROPHE, '');
}

/** '1671********0001': enough to recognise a record on screen or in logs without exposing the person. */
export function maskNik(nik: string): string {
  const chars = Array.from(normalizeNikInput(nik));
  // Showing 4 + 4 of a short value would reveal most or all of it.
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return chars.map((c, i) => (i < 4 || i >= chars.length - 4 ? c : '*')).join('');
}

export function checkNik(input: string, regions: RegionCodes, today: Date): NikCheck {
  const nik = normalizeNikInput(input);
  const check: NikCheck = {
    nik,
    valid: false,
    errors: [],
    warnings: [],
    province: null,
    regency: null,
    district: null,
    birthDate: null,
    sex: null,
    serial: null,
  };

  if (nik === '') {
    check.errors.push({
      code: 'NIK_REQUIRED',
      message: 'NIK wajib diisi. Isi 16 angka NIK sesuai KTP atau Kartu Keluarga.',
      messageEn:
        'NIK is required. Enter the 16-digit NIK exactly as printed on the ID card (KTP) or family card.',
    });
    return check;
  }

  const isDigitsOnly = /^[0-9]+$/.test(nik);
  if (!isDigitsOnly) check.errors.push(notDigitsIssue(input, nik));
  const length = isDigitsOnly ? nik.length : Array.from(nik).length;
  if (length !== NIK_DIGITS) check.errors.push(lengthIssue(length, isDigitsOnly));
  // Region, date and serial positions mean nothing once digits are missing or shifted.
  if (check.errors.length > 0) return check;

  checkRegion(nik, regions, check);
  checkBirthDate(nik, today, check);

  check.serial = nik.slice(12, 16);
  if (check.serial === '0000') {
    check.errors.push({
      code: 'NIK_SERIAL_ZERO',
      message:
        'Nomor urut NIK (4 angka terakhir) tidak boleh 0000; nomor urut dimulai dari 0001. ' +
        'Periksa kembali 4 angka terakhir NIK pada KTP — angka terakhir bisa berubah menjadi 0 ' +
        'bila NIK disimpan sebagai angka di Excel.',
      messageEn:
        'The NIK serial (last 4 digits) cannot be 0000; serials start at 0001. Check the last 4 digits ' +
        'against the ID card — Excel turns the last digit into 0 when a NIK is stored as a number.',
    });
  }

  check.valid = check.errors.length === 0;
  return check;
}

function notDigitsIssue(rawInput: string, nik: string): NikIssue {
  if (EXCEL_SCIENTIFIC.test(rawInput.trim())) {
    return {
      code: 'NIK_NOT_DIGITS',
      message:
        `NIK tertulis sebagai "${rawInput.trim()}" karena disimpan sebagai angka di Excel, sehingga ` +
        'sebagian angkanya sudah hilang. Ubah format kolom NIK menjadi Teks, lalu ketik ulang NIK dari KTP.',
      messageEn:
        `The NIK reads "${rawInput.trim()}" because Excel stored it as a number and dropped digits. ` +
        'Format the NIK column as Text and re-enter the NIK from the ID card.',
    };
  }
  const others = [...new Set(Array.from(nik).filter((c) => !/[0-9]/.test(c)))].slice(0, 5);
  const shown = others.map((c) => `"${c}"`).join(', ');
  return {
    code: 'NIK_NOT_DIGITS',
    message:
      `NIK hanya boleh berisi angka; ditemukan karakter lain: ${shown}. ` +
      'Periksa apakah huruf O atau I/l terketik sebagai pengganti angka 0 atau 1.',
    messageEn:
      `A NIK may contain digits only; found other characters: ${shown}. ` +
      'Check whether the letter O or I/l was typed instead of the digit 0 or 1.',
  };
}

function lengthIssue(length: number, isDigitsOnly: boolean): NikIssue {
  const unitId = isDigitsOnly ? 'angka' : 'karakter';
  const unitEn = isDigitsOnly ? 'digits' : 'characters';
  const hintId =
    length < NIK_DIGITS
      ? 'Periksa kembali KTP — angka bisa hilang bila NIK disimpan sebagai angka di Excel.'
      : 'Periksa kembali KTP — mungkin ada angka yang terketik dua kali atau dua NIK tergabung.';
  const hintEn =
    length < NIK_DIGITS
      ? 'Check the ID card again — digits get lost when a NIK is stored as a number in Excel.'
      : 'Check the ID card again — a digit may have been typed twice or two NIKs run together.';
  return {
    code: 'NIK_LENGTH',
    message: `NIK harus 16 angka; yang diisi ${length} ${unitId}. ${hintId}`,
    messageEn: `A NIK has 16 digits; ${length} ${unitEn} were given. ${hintEn}`,
  };
}

// Province and regency are checked strictly; districts split over time (pemekaran), so an old
// NIK can carry a district code that no longer exists — only a warning.
function checkRegion(nik: string, regions: RegionCodes, check: NikCheck): void {
  const province = nik.slice(0, 2);
  const regency = `${province}.${nik.slice(2, 4)}`;
  const district = `${regency}.${nik.slice(4, 6)}`;
  check.province = province;
  check.regency = regency;
  check.district = district;

  // An unknown parent makes its children unknown too; one finding per NIK is enough.
  if (!regions.hasProvince(province)) {
    check.errors.push({
      code: 'NIK_PROVINCE_UNKNOWN',
      message:
        `Kode provinsi ${province} (2 angka pertama NIK) tidak dikenal. ` +
        'Periksa kembali 2 angka pertama NIK pada KTP.',
      messageEn: `Province code ${province} (first 2 digits of the NIK) does not exist. Check the first 2 digits against the ID card.`,
    });
  } else if (!regions.hasRegency(regency)) {
    check.errors.push({
      code: 'NIK_REGENCY_UNKNOWN',
      message:
        `Kode kabupaten/kota ${regency} (angka ke-3 dan ke-4 NIK) tidak dikenal. ` +
        'Periksa kembali angka ke-3 dan ke-4 NIK pada KTP.',
      messageEn: `Regency/city code ${regency} (digits 3–4 of the NIK) does not exist. Check digits 3–4 against the ID card.`,
    });
  } else if (!regions.hasDistrict(district)) {
    check.warnings.push({
      code: 'NIK_DISTRICT_UNKNOWN',
      message:
        `Kode kecamatan ${district} (angka ke-5 dan ke-6 NIK) tidak ada dalam daftar wilayah saat ini. ` +
        'Hal ini bisa terjadi karena pemekaran kecamatan, jadi NIK tetap diterima; pastikan saja angkanya sesuai KTP.',
      messageEn:
        `District code ${district} (digits 5–6 of the NIK) is not in the current region list. ` +
        'Districts split over time, so the NIK is still accepted; just make sure the digits match the ID card.',
    });
  }
}

function checkBirthDate(nik: string, today: Date, check: NikCheck): void {
  const part = nik.slice(6, 12);
  const rawDay = Number(part.slice(0, 2));
  const month = Number(part.slice(2, 4));
  const yy = Number(part.slice(4, 6));

  if (rawDay >= 1 && rawDay <= 31) check.sex = 'L';
  else if (rawDay >= 1 + WOMAN_DAY_OFFSET && rawDay <= 31 + WOMAN_DAY_OFFSET) check.sex = 'P';
  const day = check.sex === 'P' ? rawDay - WOMAN_DAY_OFFSET : rawDay;

  const reasonsId: string[] = [];
  const reasonsEn: string[] = [];
  if (check.sex === null) {
    reasonsId.push(
      `tanggal ${part.slice(0, 2)} tidak mungkin (laki-laki 01–31, perempuan 41–71 karena tanggal lahir ditambah 40)`,
    );
    reasonsEn.push(
      `day ${part.slice(0, 2)} is impossible (01–31 for men, 41–71 for women: birth day plus 40)`,
    );
  }
  if (month < 1 || month > 12) {
    reasonsId.push(`bulan ${part.slice(2, 4)} tidak ada (harus 01–12)`);
    reasonsEn.push(`month ${part.slice(2, 4)} does not exist (must be 01–12)`);
  }
  if (reasonsId.length === 0) {
    const year = yearForTwoDigits(yy, month, day, today);
    if (day <= daysInMonth(year, month)) {
      check.birthDate = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
      return;
    }
    if (month === 2 && day === 29) {
      reasonsId.push(`29 Februari ${year} tidak ada karena ${year} bukan tahun kabisat`);
      reasonsEn.push(`29 February ${year} does not exist because ${year} is not a leap year`);
    } else {
      reasonsId.push(`tanggal ${day} ${MONTHS_ID[month - 1]} tidak ada`);
      reasonsEn.push(`${MONTHS_EN[month - 1]} ${day} does not exist`);
    }
  }
  check.errors.push({
    code: 'NIK_BIRTHDATE_INVALID',
    message:
      `Tanggal lahir pada NIK (angka ke-7 sampai ke-12: ${part}, format TTBBTT) tidak sah: ` +
      `${reasonsId.join('; ')}. Periksa kembali NIK pada KTP.`,
    messageEn:
      `The birth date in the NIK (digits 7–12: ${part}, format DDMMYY) is invalid: ` +
      `${reasonsEn.join('; ')}. Check the NIK against the ID card.`,
  });
}

/**
 * The NIK carries only two year digits: take the latest century that does not put the birth
 * after `today` (UTC). Compared as numbers so impossible dates like 29 Feb 1900 still get a year.
 */
function yearForTwoDigits(yy: number, month: number, day: number, today: Date): number {
  const todayYear = today.getUTCFullYear();
  const year = todayYear - (todayYear % 100) + yy;
  const todayKey = todayYear * 10_000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return year * 10_000 + month * 100 + day > todayKey ? year - 100 : year;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && isLeap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const SEX_ID = { L: 'Laki-laki', P: 'Perempuan' } as const;
const SEX_EN = { L: 'male', P: 'female' } as const;

/**
 * Compares what a form declares with what the NIK encodes. Only DDMMYY is compared: the NIK
 * cannot tell 1925 from 2025, so a declared year in another century is not a disagreement.
 * A malformed declared date is left to the form's own date validation.
 */
export function sexAndBirthDateAgree(check: NikCheck, sex: 'L' | 'P', birthDate: string): NikIssue[] {
  const issues: NikIssue[] = [];
  if (check.sex !== null && check.sex !== sex) {
    issues.push({
      code: 'NIK_SEX_MISMATCH',
      message:
        `Jenis kelamin yang diisi (${SEX_ID[sex]}) tidak sesuai dengan NIK, yang menunjukkan ${SEX_ID[check.sex]} ` +
        '(pada NIK perempuan, tanggal lahir ditambah 40). Periksa kembali jenis kelamin atau NIK pada KTP.',
      messageEn:
        `The declared sex (${SEX_EN[sex]}) disagrees with the NIK, which encodes ${SEX_EN[check.sex]} ` +
        "(women's NIKs add 40 to the birth day). Check the sex or the NIK against the ID card.",
    });
  }
  const declared = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (check.birthDate !== null && declared) {
    const [, year = '', month = '', day = ''] = declared;
    const [nikYear = '', nikMonth = '', nikDay = ''] = check.birthDate.split('-');
    if (year.slice(2) !== nikYear.slice(2) || month !== nikMonth || day !== nikDay) {
      issues.push({
        code: 'NIK_BIRTHDATE_MISMATCH',
        message:
          `Tanggal lahir yang diisi (${formatCalendarDate(birthDate, MONTHS_ID)}) tidak sesuai dengan NIK, ` +
          `yang menunjukkan ${formatCalendarDate(check.birthDate, MONTHS_ID)}. Periksa kembali tanggal lahir atau NIK pada KTP.`,
        messageEn:
          `The declared birth date (${formatCalendarDate(birthDate, MONTHS_EN)}) disagrees with the NIK, ` +
          `which encodes ${formatCalendarDate(check.birthDate, MONTHS_EN)}. Check the birth date or the NIK against the ID card.`,
      });
    }
  }
  return issues;
}
