import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Parsed } from './cells.js';
import { parseIncome, parseNikCell, parseOccupation, parsePhoneCell, parseSex } from './values.js';

/** Messages for people say how to fix the problem, not only what it is. */
export const HOW_TO_FIX =
  /\b(Isi|isi|Tulis|tulis|Periksa|periksa|Ubah|Perbaiki|perbaiki|Lengkapi|lengkapi|Pilih)\b/;

function value<T>(r: Parsed<T>): T {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.value;
}
function failure<T>(r: Parsed<T>): { code: string; message: string } {
  assert.ok(!r.ok, `expected a failure, got ${JSON.stringify(r)}`);
  assert.match(r.message, HOW_TO_FIX);
  return r;
}

describe('parseNikCell', () => {
  it('normalises typed NIKs', () => {
    assert.equal(value(parseNikCell('1671011708750001')), '1671011708750001');
    assert.equal(value(parseNikCell(' 1671 0117 0875 0001 ')), '1671011708750001');
    assert.equal(value(parseNikCell('1671.0117.0875.0001')), '1671011708750001');
    assert.equal(value(parseNikCell('1671-0117-0875-0001')), '1671011708750001');
    assert.equal(value(parseNikCell("'1671011708750001")), '1671011708750001');
  });

  it('hands anything else on for checkNik to judge', () => {
    assert.equal(value(parseNikCell('16710117087500')), '16710117087500');
    assert.equal(value(parseNikCell('167101170875OOO1')), '167101170875OOO1');
    // A string ending in 0 was typed as text: nothing was cut.
    assert.equal(value(parseNikCell('1671011708750010')), '1671011708750010');
  });

  it('accepts a 16-digit number that a spreadsheet cannot have cut', () => {
    assert.equal(value(parseNikCell(1671011708750001)), '1671011708750001');
    assert.equal(value(parseNikCell(1671015708750123)), '1671015708750123');
  });

  it('rejects a 16-digit number ending in 0: Excel keeps 15 digits', () => {
    const r = failure(parseNikCell(1671014508750000));
    assert.equal(r.code, 'NIK_SPREADSHEET_DAMAGED');
    assert.match(r.message, /15 angka/);
    assert.match(r.message, /Teks/);
    assert.match(r.message, /ketik ulang NIK dari KTP/);
  });

  it('rejects numbers beyond 2^53, whose digits are lost', () => {
    const r = failure(parseNikCell(Number('9171011708750001')));
    assert.equal(r.code, 'NIK_SPREADSHEET_DAMAGED');
    assert.match(r.message, /E\+15/);
  });

  it('rejects scientific notation as text', () => {
    for (const s of ['1.67101E+15', '1,67101E+15', '1.67101e15', '1.67101450875E+15', '1,67101 E+15']) {
      assert.equal(failure(parseNikCell(s)).code, 'NIK_SPREADSHEET_DAMAGED', s);
    }
  });

  it('rejects fractions and negative numbers', () => {
    assert.equal(failure(parseNikCell(1671.5)).code, 'NIK_NOT_DIGITS');
    assert.equal(failure(parseNikCell(-1)).code, 'NIK_NOT_DIGITS');
  });

  it('reports an empty cell as missing', () => {
    for (const v of [undefined, null, '', '  ', '-', Number.NaN]) {
      assert.equal(failure(parseNikCell(v)).code, 'NIK_REQUIRED', String(v));
    }
  });
});

describe('parseSex', () => {
  it('reads the ways people write male', () => {
    for (const s of ['L', 'l', 'Laki-laki', 'LAKI-LAKI', 'Laki Laki', 'Laki2', 'Lk', 'Pria', 'Laki', ' l ']) {
      assert.equal(value(parseSex(s)), 'L', s);
    }
  });

  it('reads the ways people write female', () => {
    for (const s of ['P', 'p', 'Perempuan', 'PEREMPUAN', 'Pr', 'Wanita', 'P.']) {
      assert.equal(value(parseSex(s)), 'P', s);
    }
  });

  it('rejects anything else, quoting it', () => {
    for (const s of ['X', 'Lp', 'Laki/Perempuan', 1]) {
      const r = failure(parseSex(s));
      assert.equal(r.code, 'SEX_INVALID');
      assert.match(r.message, /L untuk laki-laki atau P untuk perempuan/);
    }
  });

  it('reports an empty cell as missing', () => {
    assert.equal(failure(parseSex('')).code, 'SEX_MISSING');
    assert.equal(failure(parseSex(null)).code, 'SEX_MISSING');
  });
});

describe('parsePhoneCell', () => {
  it('normalises strings to +62', () => {
    assert.equal(value(parsePhoneCell('0812-3456-7890')), '+6281234567890');
    assert.equal(value(parsePhoneCell('+62 812 3456 7890')), '+6281234567890');
    assert.equal(value(parsePhoneCell('(0711) 123456')), '+62711123456');
  });

  it('accepts a number cell that lost its leading 0', () => {
    assert.equal(value(parsePhoneCell(81234567890)), '+6281234567890');
    assert.equal(value(parsePhoneCell(6281234567890)), '+6281234567890');
  });

  it('is empty without a warning when blank', () => {
    assert.deepEqual(parsePhoneCell(''), { ok: true, value: null });
    assert.deepEqual(parsePhoneCell(undefined), { ok: true, value: null });
    assert.deepEqual(parsePhoneCell('-'), { ok: true, value: null });
  });

  it('keeps the first of two numbers, with a warning', () => {
    const r = parsePhoneCell('0812-3456-7890 / 0813 1111 2222');
    assert.ok(r.ok);
    assert.equal(r.value, '+6281234567890');
    assert.equal(r.warning?.code, 'PHONE_MULTIPLE');
  });

  it('turns an invalid number into a warning, not an error', () => {
    for (const v of ['abc', '12345', 'tidak ada', 1.5]) {
      const r = parsePhoneCell(v);
      assert.ok(r.ok, String(v));
      assert.equal(r.value, null);
      assert.equal(r.warning?.code, 'PHONE_INVALID');
      assert.match(r.warning?.message ?? '', /tetap diterima tanpa nomor telepon/);
    }
  });
});

describe('parseIncome', () => {
  const cases: [unknown, number][] = [
    [1500000, 1_500_000],
    [1500000.4, 1_500_000],
    [0, 0],
    ['Rp 1.500.000', 1_500_000],
    ['Rp1.000.000,-', 1_000_000],
    ['1500000', 1_500_000],
    ['1.500.000', 1_500_000],
    ['1,500,000', 1_500_000],
    ['1,5 juta', 1_500_000],
    ['1,2 jt', 1_200_000],
    ['1.2 juta', 1_200_000],
    ['2jt', 2_000_000],
    ['1.250 juta', 1_250_000],
    ['500 ribu', 500_000],
    ['500rb', 500_000],
    ['1.500 ribu', 1_500_000],
    ['Rp. 2.000.000,00', 2_000_000],
    ['IDR 750.000', 750_000],
    ['Rp 1.500.000 / bulan', 1_500_000],
    ['1,5 juta per bulan', 1_500_000],
    ['Rp 1.500.000,50', 1_500_001],
    ['1.000.000.00', 1_000_000],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => assert.equal(value(parseIncome(input)), expected));
  }

  it('accepts an empty cell with an INCOME_MISSING warning', () => {
    for (const v of [undefined, null, '', '-']) {
      const r = parseIncome(v);
      assert.ok(r.ok);
      assert.equal(r.value, null);
      assert.equal(r.warning?.code, 'INCOME_MISSING');
      assert.match(r.warning?.message ?? '', HOW_TO_FIX);
    }
  });

  it('rejects nonsense, ranges and mixed separators', () => {
    for (const v of [
      'banyak',
      'tidak tetap',
      '1-2 juta',
      '1,000.000.000',
      '1.000.000.000,00.5',
      'Rp',
      '1.5.0',
    ]) {
      assert.equal(failure(parseIncome(v)).code, 'INCOME_INVALID', String(v));
    }
  });

  it('rejects amounts no monthly income has', () => {
    assert.match(failure(parseIncome(-5)).code, /INCOME_INVALID/);
    assert.match(failure(parseIncome('2 miliar')).code, /INCOME_INVALID/);
    assert.match(failure(parseIncome(2_000_000_000)).message, /terlalu besar/);
    // "1,5" without "juta": almost surely millions, not one and a half rupiah.
    assert.match(failure(parseIncome('1,5')).message, /ribu atau juta/);
    assert.match(failure(parseIncome(150)).message, /ribu atau juta/);
  });
});

describe('parseOccupation', () => {
  const cases: [string, string][] = [
    ['PKL', 'pedagang_kaki_lima'],
    ['Pedagang Kaki Lima', 'pedagang_kaki_lima'],
    ['pedagang', 'pedagang_kaki_lima'],
    ['Pedagang sayur keliling', 'pedagang_kaki_lima'],
    ['juru parkir', 'juru_parkir'],
    ['JUKIR', 'juru_parkir'],
    ['Tukang Parkir', 'juru_parkir'],
    ['Nelayan', 'nelayan'],
    ['buruh tani', 'buruh_tani'],
    ['Petani Penggarap', 'buruh_tani'],
    ['penyadap karet', 'penyadap_karet'],
    ['Petani Karet', 'penyadap_karet'],
    ['penyadap', 'penyadap_karet'],
    ['buruh panen tebu', 'buruh_panen_tebu'],
    ['Penebang Tebu', 'buruh_panen_tebu'],
    ['ojek', 'ojek'],
    ['Ojek Pangkalan', 'ojek'],
    ['ojol', 'ojek_online'],
    ['Ojek Online', 'ojek_online'],
    ['driver online', 'ojek_online'],
    ['Driver Gojek', 'ojek_online'],
    ['GRAB', 'ojek_online'],
    ['maxim', 'ojek_online'],
    ['Buruh Harian Lepas', 'buruh_harian_lepas'],
    ['BHL', 'buruh_harian_lepas'],
    ['buruh harian', 'buruh_harian_lepas'],
    ['kuli', 'buruh_harian_lepas'],
    ['Kuli Bangunan', 'buruh_harian_lepas'],
    ['pedagang_kaki_lima', 'pedagang_kaki_lima'],
    ['ojek_online', 'ojek_online'],
    ['Lainnya', 'lainnya'],
  ];
  for (const [text, code] of cases) {
    it(`maps ${JSON.stringify(text)} to ${code} without a warning`, () => {
      const r = parseOccupation(text);
      assert.deepEqual({ ...r }, { ok: true, value: code });
    });
  }

  it('records unknown text as lainnya with a warning naming it', () => {
    const r = parseOccupation('Petani');
    assert.ok(r.ok);
    assert.equal(r.value, 'lainnya');
    assert.equal(r.warning?.code, 'OCCUPATION_UNKNOWN');
    assert.match(r.warning?.message ?? '', /"Petani"/);
    assert.match(r.warning?.message ?? '', /tulis nama tersebut/);
  });

  it('records an empty cell as lainnya with a warning', () => {
    const r = parseOccupation('');
    assert.ok(r.ok);
    assert.equal(r.value, 'lainnya');
    assert.equal(r.warning?.code, 'OCCUPATION_MISSING');
  });

  it('gives the same answer from memory', () => {
    assert.equal(parseOccupation('Tukang Ojek'), parseOccupation('Tukang Ojek'));
    assert.equal(value(parseOccupation('Tukang Ojek')), 'ojek');
  });
});
