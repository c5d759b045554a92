// Indonesian phone numbers in one stored form, E.164 '+62…', so the same number typed as
// 0812-…, 62812…, +62 812… or 812… (Excel drops the leading 0) is found and deduplicated as one.

export type PhoneResult =
  | { ok: true; value: string }
  | { ok: false; code: 'PHONE_INVALID'; message: string; messageEn: string };

// National significant number (after +62): 8 digits covers short landlines in small towns,
// 12 covers the longest mobile numbers.
const NSN_MIN = 8;
const NSN_MAX = 12;

const EXAMPLES_ID = 'misalnya 0812-3456-7890 atau (0711) 123456';
const EXAMPLES_EN = 'e.g. 0812-3456-7890 or (0711) 123456';

// Whitespace (with the zero-width kinds that come with pasted text), dashes, dots, parentheses.
const SEPARATORS = /[\s\u200B-\u200D\uFEFF\-\u2010-\u2015\u2212.()]/g;

export function normalizePhone(input: string): PhoneResult {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') {
    return invalid(
      `Nomor telepon kosong. Isi nomor HP atau telepon rumah, ${EXAMPLES_ID}.`,
      `The phone number is empty. Enter a mobile or landline number, ${EXAMPLES_EN}.`,
    );
  }
  if (!/^\+?[0-9]+$/.test(compact)) {
    return invalid(
      `Nomor telepon hanya boleh berisi angka (boleh diawali +, boleh dipisah spasi atau tanda -), ${EXAMPLES_ID}. ` +
        'Periksa apakah ada huruf yang terketik, atau dua nomor ditulis dalam satu kolom.',
      `A phone number may contain digits only (an optional leading +, spaces or dashes), ${EXAMPLES_EN}. ` +
        'Check for letters, or two numbers in one field.',
    );
  }

  const hasCountryCode = /^(\+62|0062|62)/.test(compact);
  let nsn: string;
  if (hasCountryCode) nsn = compact.replace(/^(\+62|0062|62)/, '');
  else if (compact.startsWith('+')) {
    return invalid(
      'Hanya nomor Indonesia (kode negara +62) yang dapat dicatat. ' +
        `Tulis nomor Indonesia, ${EXAMPLES_ID}.`,
      `Only Indonesian numbers (country code +62) can be recorded. Enter an Indonesian number, ${EXAMPLES_EN}.`,
    );
  } else if (compact.startsWith('0')) nsn = compact.slice(1);
  // A mobile number whose leading 0 was lost, usually to a spreadsheet.
  else if (compact.startsWith('8')) nsn = compact;
  else {
    return invalid(
      'Nomor telepon harus diawali 0, 62 atau +62. Untuk telepon rumah tulis juga kode areanya, ' +
        `${EXAMPLES_ID}.`,
      `A phone number must start with 0, 62 or +62. For a landline include the area code, ${EXAMPLES_EN}.`,
    );
  }

  if (nsn.startsWith('0')) {
    return hasCountryCode
      ? invalid(
          'Setelah kode negara 62 jangan tulis angka 0 lagi: tulis +62 812-3456-7890 atau 0812-3456-7890, ' +
            'bukan +62 0812-3456-7890.',
          'Do not write a 0 after the country code 62: write +62 812-3456-7890 or 0812-3456-7890, ' +
            'not +62 0812-3456-7890.',
        )
      : invalid(
          `Nomor telepon diawali lebih dari satu angka 0. Tulis dengan satu angka 0 di depan, ${EXAMPLES_ID}.`,
          `The number starts with more than one 0. Write it with a single leading 0, ${EXAMPLES_EN}.`,
        );
  }
  if (nsn.length < NSN_MIN || nsn.length > NSN_MAX) {
    const given = nsn.length + 1; // as people count it: with the leading 0
    const isShort = nsn.length < NSN_MIN;
    return invalid(
      `Nomor telepon terlalu ${isShort ? 'pendek' : 'panjang'}: ${given} angka (dihitung dengan angka 0 di depan), ` +
        `padahal nomor Indonesia ${NSN_MIN + 1}–${NSN_MAX + 1} angka. ` +
        (isShort
          ? 'Periksa apakah ada angka yang terlewat atau kode area belum ditulis.'
          : 'Periksa apakah ada angka yang terketik dua kali atau dua nomor tergabung.'),
      `The phone number is too ${isShort ? 'short' : 'long'}: ${given} digits (counting the leading 0), ` +
        `while Indonesian numbers have ${NSN_MIN + 1}–${NSN_MAX + 1}. ` +
        (isShort
          ? 'Check for a missing digit or a missing area code.'
          : 'Check for a digit typed twice or two numbers run together.'),
    );
  }
  return { ok: true, value: `+62${nsn}` };
}

function invalid(message: string, messageEn: string): PhoneResult {
  return { ok: false, code: 'PHONE_INVALID', message, messageEn };
}
