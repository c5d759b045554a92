import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkNik,
  maskNik,
  type NikCheck,
  normalizeNikInput,
  type RegionCodes,
  sexAndBirthDateAgree,
} from './nik.js';

const regions: RegionCodes = {
  hasProvince: (code) => ['16', '31'].includes(code),
  hasRegency: (code) => ['16.71', '16.10', '31.71'].includes(code),
  hasDistrict: (code) => ['16.71.01', '16.10.01'].includes(code),
};
const today = new Date('2026-11-23T00:00:00Z');

/** Palembang (16.71.01) by default; ddmmyy and serial are what most tests vary. */
function nik(ddmmyy: string, serial = '0001', region = '167101'): string {
  return `${region}${ddmmyy}${serial}`;
}
function check(input: string, on: Date = today): NikCheck {
  return checkNik(input, regions, on);
}
function codes(c: NikCheck): string[] {
  return c.errors.map((e) => e.code);
}

describe('checkNik — valid NIKs', () => {
  it('decodes a man’s NIK', () => {
    const c = check('1671011708750001');
    assert.deepEqual(c, {
      nik: '1671011708750001',
      valid: true,
      errors: [],
      warnings: [],
      province: '16',
      regency: '16.71',
      district: '16.71.01',
      birthDate: '1975-08-17',
      sex: 'L',
      serial: '0001',
    });
  });

  it('decodes a woman’s NIK (day + 40)', () => {
    const c = check(nik('570875', '0002'));
    assert.equal(c.valid, true);
    assert.equal(c.sex, 'P');
    assert.equal(c.birthDate, '1975-08-17');
  });

  it('accepts the edges of both day ranges', () => {
    assert.equal(check(nik('010190')).birthDate, '1990-01-01');
    assert.equal(check(nik('310190')).birthDate, '1990-01-31');
    assert.equal(check(nik('410190')).birthDate, '1990-01-01');
    assert.equal(check(nik('710190')).sex, 'P');
    assert.equal(check(nik('710190')).birthDate, '1990-01-31');
  });

  it('accepts other known regions', () => {
    assert.equal(check(nik('170875', '0001', '161001')).valid, true);
    assert.equal(check(nik('170875', '0001', '317101')).warnings[0]?.code, 'NIK_DISTRICT_UNKNOWN');
  });
});

describe('checkNik — birth date', () => {
  it('rejects impossible days: 00, 32, 40, 72', () => {
    for (const dd of ['00', '32', '40', '72', '99']) {
      const c = check(nik(`${dd}0875`));
      assert.deepEqual(codes(c), ['NIK_BIRTHDATE_INVALID'], dd);
      assert.equal(c.sex, null, dd);
      assert.equal(c.birthDate, null, dd);
      assert.match(c.errors[0]!.message, new RegExp(`tanggal ${dd} tidak mungkin`));
    }
  });

  it('rejects months 00 and 13 but still reports the sex', () => {
    const c = check(nik('571375'));
    assert.deepEqual(codes(c), ['NIK_BIRTHDATE_INVALID']);
    assert.match(c.errors[0]!.message, /bulan 13 tidak ada/);
    assert.equal(c.sex, 'P');
    assert.equal(c.birthDate, null);
    assert.deepEqual(codes(check(nik('170075'))), ['NIK_BIRTHDATE_INVALID']);
  });

  it('names every problem in one issue when day and month are both wrong', () => {
    const c = check(nik('321375'));
    assert.equal(c.errors.length, 1);
    assert.match(c.errors[0]!.message, /tanggal 32 tidak mungkin.*bulan 13 tidak ada/);
  });

  it('rejects days past the end of the month', () => {
    const feb30 = check(nik('300290'));
    assert.deepEqual(codes(feb30), ['NIK_BIRTHDATE_INVALID']);
    assert.match(feb30.errors[0]!.message, /tanggal 30 Februari tidak ada/);
    assert.match(feb30.errors[0]!.messageEn, /February 30 does not exist/);
    assert.deepEqual(codes(check(nik('310490'))), ['NIK_BIRTHDATE_INVALID']);
    assert.deepEqual(codes(check(nik('710490'))), ['NIK_BIRTHDATE_INVALID']);
  });

  it('handles 29 February by leap year', () => {
    assert.equal(check(nik('290200')).birthDate, '2000-02-29');
    assert.equal(check(nik('290224')).birthDate, '2024-02-29');
    assert.equal(check(nik('690224')).birthDate, '2024-02-29');
    const y2023 = check(nik('290223'));
    assert.deepEqual(codes(y2023), ['NIK_BIRTHDATE_INVALID']);
    assert.match(y2023.errors[0]!.message, /29 Februari 2023 tidak ada karena 2023 bukan tahun kabisat/);
  });

  it('puts 00 in 1900 when 2000 is still in the future, and 1900 was not a leap year', () => {
    const c = check(nik('290200'), new Date('1999-06-01T00:00:00Z'));
    assert.deepEqual(codes(c), ['NIK_BIRTHDATE_INVALID']);
    assert.match(c.errors[0]!.message, /29 Februari 1900/);
    assert.equal(c.sex, 'L');
    assert.equal(check(nik('290200'), new Date('2000-02-28T00:00:00Z')).valid, false);
    assert.equal(check(nik('290200'), new Date('2000-02-29T00:00:00Z')).birthDate, '2000-02-29');
  });

  it('chooses the century that does not put the birth after today', () => {
    assert.equal(check(nik('231126')).birthDate, '2026-11-23');
    assert.equal(check(nik('631126')).birthDate, '2026-11-23');
    assert.equal(check(nik('241126')).birthDate, '1926-11-24');
    assert.equal(check(nik('011226')).birthDate, '1926-12-01');
    assert.equal(check(nik('010126')).birthDate, '2026-01-01');
    assert.equal(check(nik('170875')).birthDate, '1975-08-17');
    assert.equal(check(nik('010100')).birthDate, '2000-01-01');
    assert.equal(check(nik('311299')).birthDate, '1999-12-31');
  });

  it('reads today in UTC only', () => {
    // 23:59 UTC on 23 Nov is already 24 Nov in Jakarta; the rule must not care.
    const lateUtc = new Date('2026-11-23T23:59:59.999Z');
    assert.equal(check(nik('231126'), lateUtc).birthDate, '2026-11-23');
    assert.equal(check(nik('241126'), lateUtc).birthDate, '1926-11-24');
    const earlyUtc = new Date('2026-11-24T00:00:00.000+07:00'); // 23 Nov 17:00 UTC
    assert.equal(check(nik('241126'), earlyUtc).birthDate, '1926-11-24');
  });
});

describe('checkNik — length and characters', () => {
  it('requires a value', () => {
    for (const input of ['', '   ', ' - . ']) {
      const c = check(input);
      assert.deepEqual(codes(c), ['NIK_REQUIRED']);
      assert.equal(c.valid, false);
      assert.equal(c.nik, '');
    }
  });

  it('says how many digits were given for 15 and 17', () => {
    const short = check('167101170875000');
    assert.deepEqual(codes(short), ['NIK_LENGTH']);
    assert.match(short.errors[0]!.message, /NIK harus 16 angka; yang diisi 15 angka/);
    assert.match(short.errors[0]!.message, /Excel/);
    assert.match(short.errors[0]!.messageEn, /15 digits were given/);
    const long = check('16710117087500011');
    assert.deepEqual(codes(long), ['NIK_LENGTH']);
    assert.match(long.errors[0]!.message, /yang diisi 17 angka/);
  });

  it('decodes nothing when the length is wrong', () => {
    const c = check('999901010175000'); // would be an unknown province too, but positions are unreliable
    assert.deepEqual(codes(c), ['NIK_LENGTH']);
    assert.equal(c.province, null);
    assert.equal(c.regency, null);
    assert.equal(c.district, null);
    assert.equal(c.birthDate, null);
    assert.equal(c.sex, null);
    assert.equal(c.serial, null);
  });

  it('rejects letters and names them', () => {
    const c = check('16710117O8750001');
    assert.deepEqual(codes(c), ['NIK_NOT_DIGITS']);
    assert.match(c.errors[0]!.message, /"O"/);
    assert.equal(c.birthDate, null);
  });

  it('reports letters and a wrong length together', () => {
    const c = check('1671ab');
    assert.deepEqual(codes(c), ['NIK_NOT_DIGITS', 'NIK_LENGTH']);
    assert.match(c.errors[1]!.message, /yang diisi 6 karakter/);
  });

  it('recognises a NIK mangled into Excel scientific notation', () => {
    const c = check('1.67101E+15');
    assert.equal(codes(c)[0], 'NIK_NOT_DIGITS');
    assert.match(c.errors[0]!.message, /Excel/);
    assert.match(c.errors[0]!.message, /Teks/);
  });
});

describe('normalizeNikInput', () => {
  it('strips spaces, dots, dashes and a leading apostrophe', () => {
    for (const input of [
      ' 1671 0117 0875 0001 ',
      '1671.0117.0875.0001',
      '1671-0117-0875-0001',
      '1671–0117–0875–0001',
      "'1671011708750001",
      '\u20191671011708750001',
      '\uFEFF1671011708750001\u200B',
      '16\t71\u00A001 170875 0001',
    ]) {
      assert.equal(normalizeNikInput(input), '1671011708750001', JSON.stringify(input));
      assert.equal(check(input).valid, true, JSON.stringify(input));
      assert.equal(check(input).nik, '1671011708750001');
    }
  });

  it('changes nothing else', () => {
    assert.equal(normalizeNikInput("''1671"), "'1671");
    assert.equal(normalizeNikInput("1671'01"), "1671'01");
    assert.equal(normalizeNikInput('1671/01,17'), '1671/01,17');
    assert.equal(normalizeNikInput('O1l'), 'O1l');
  });
});

describe('checkNik — serial and regions', () => {
  it('rejects serial 0000 but still decodes the rest', () => {
    const c = check(nik('170875', '0000'));
    assert.deepEqual(codes(c), ['NIK_SERIAL_ZERO']);
    assert.equal(c.serial, '0000');
    assert.equal(c.birthDate, '1975-08-17');
    assert.match(c.errors[0]!.message, /0001/);
  });

  it('rejects an unknown province and still decodes date and sex', () => {
    const c = check(nik('570875', '0001', '997101'));
    assert.deepEqual(codes(c), ['NIK_PROVINCE_UNKNOWN']);
    assert.equal(c.province, '99');
    assert.equal(c.birthDate, '1975-08-17');
    assert.equal(c.sex, 'P');
    assert.match(c.errors[0]!.message, /Kode provinsi 99/);
  });

  it('rejects an unknown regency in a known province', () => {
    const c = check(nik('170875', '0001', '169901'));
    assert.deepEqual(codes(c), ['NIK_REGENCY_UNKNOWN']);
    assert.equal(c.regency, '16.99');
    assert.match(c.errors[0]!.message, /16\.99/);
  });

  it('only warns about an unknown district', () => {
    const c = check(nik('170875', '0001', '167199'));
    assert.equal(c.valid, true);
    assert.deepEqual(c.errors, []);
    assert.deepEqual(
      c.warnings.map((w) => w.code),
      ['NIK_DISTRICT_UNKNOWN'],
    );
    assert.equal(c.district, '16.71.99');
    assert.match(c.warnings[0]!.message, /pemekaran/);
  });

  it('reports every applicable error at once', () => {
    const c = check(nik('320275', '0000', '990000'));
    assert.deepEqual(codes(c), ['NIK_PROVINCE_UNKNOWN', 'NIK_BIRTHDATE_INVALID', 'NIK_SERIAL_ZERO']);
    assert.equal(c.valid, false);
  });

  it('writes every message in both languages', () => {
    const inputs = [
      '',
      '1671ab',
      '1.67101E+15',
      nik('320275', '0000', '990000'),
      nik('170875', '0001', '169901'),
    ];
    const issues = inputs.flatMap((i) => {
      const c = check(i);
      return [...c.errors, ...c.warnings];
    });
    assert.ok(issues.length >= 7);
    for (const issue of issues) {
      assert.ok(issue.message.length > 20, issue.code);
      assert.ok(issue.messageEn.length > 20, issue.code);
      assert.notEqual(issue.message, issue.messageEn);
    }
  });
});

describe('maskNik', () => {
  it('shows the first 4 and last 4 digits', () => {
    assert.equal(maskNik('1671011708750001'), '1671********0001');
    assert.equal(maskNik('1671 0117 0875 0001'), '1671********0001');
  });

  it('hides short values completely', () => {
    assert.equal(maskNik('12345678'), '********');
    assert.equal(maskNik(''), '');
  });
});

describe('sexAndBirthDateAgree', () => {
  const woman = check(nik('570875'));

  it('finds nothing when the form agrees with the NIK', () => {
    assert.deepEqual(sexAndBirthDateAgree(woman, 'P', '1975-08-17'), []);
  });

  it('flags a declared sex the NIK contradicts', () => {
    const issues = sexAndBirthDateAgree(woman, 'L', '1975-08-17');
    assert.deepEqual(
      issues.map((i) => i.code),
      ['NIK_SEX_MISMATCH'],
    );
    assert.match(issues[0]!.message, /\(Laki-laki\).*Perempuan/);
  });

  it('flags a declared birth date the NIK contradicts', () => {
    const issues = sexAndBirthDateAgree(woman, 'L', '1975-08-18');
    assert.deepEqual(
      issues.map((i) => i.code),
      ['NIK_SEX_MISMATCH', 'NIK_BIRTHDATE_MISMATCH'],
    );
    assert.match(issues[1]!.message, /18 Agustus 1975.*17 Agustus 1975/);
    assert.match(issues[1]!.messageEn, /18 August 1975/);
  });

  it('does not treat another century as a disagreement', () => {
    const c = check(nik('010120')); // decoded as 2020
    assert.deepEqual(sexAndBirthDateAgree(c, 'L', '1920-01-01'), []);
    assert.equal(sexAndBirthDateAgree(c, 'L', '1921-01-01')[0]?.code, 'NIK_BIRTHDATE_MISMATCH');
  });

  it('stays silent about what the NIK does not encode', () => {
    assert.deepEqual(sexAndBirthDateAgree(check('123'), 'L', '1975-08-17'), []);
    const badDay = check(nik('321375'));
    assert.deepEqual(sexAndBirthDateAgree(badDay, 'P', '1975-08-17'), []);
    assert.deepEqual(sexAndBirthDateAgree(woman, 'P', '17/08/1975'), []);
  });
});
