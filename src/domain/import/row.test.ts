import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regionCatalog } from '../../modules/regions/index.js';
import { checkWorker, type WorkerInput } from '../../modules/workers/index.js';
import { createDomicileResolver } from './regions.js';
import { type RowCells, type RowContext, type RowResult, validateRow } from './row.js';

const catalog = regionCatalog();
const today = new Date('2026-03-01T00:00:00Z');
const ctx: RowContext = {
  resolver: createDomicileResolver(catalog, '16.10'),
  catalog,
  today,
  provinceCode: '16',
};
const HOW_TO_FIX = /\b(isi|tulis|periksa|ubah|perbaiki|lengkapi|pilih)\b/i;

/** A NIK issued in Indralaya (16.10.04) agreeing with `ddmmyy` and sex. */
function nik(ddmmyy = '170875', sex: 'L' | 'P' = 'L', serial = '0001'): string {
  const day = Number(ddmmyy.slice(0, 2)) + (sex === 'P' ? 40 : 0);
  return `161004${String(day).padStart(2, '0')}${ddmmyy.slice(2)}${serial}`;
}

/** A complete row as a regency might send it; override any cell. */
function aRow(overrides: RowCells = {}): RowCells {
  return {
    rowNumber: 1,
    nik: nik(),
    fullName: '  Budi   Santoso ',
    sex: 'L',
    birthPlace: 'Indralaya',
    birthDate: '17-08-1975',
    district: 'Kec. Indralaya',
    village: 'Desa Tanjung Gelam',
    occupation: 'PKL',
    phone: '0812-3456-7890',
    motherMaidenName: 'Siti  Aminah',
    declaredIncome: 'Rp 1.500.000',
    address: 'Dusun II RT 003',
    ...overrides,
  };
}

function validate(cells: RowCells): RowResult {
  return validateRow(cells, ctx);
}
function codes(issues: readonly { code: string }[]): string[] {
  return issues.map((i) => i.code);
}
function accepted(cells: RowCells): RowResult {
  const r = validate(cells);
  assert.equal(r.status, 'accepted', JSON.stringify(r.errors));
  assert.ok(r.worker);
  const checked = checkWorker(r.worker as WorkerInput, { catalog, provinceCode: '16', now: today });
  assert.ok(checked.ok, JSON.stringify(checked));
  return r;
}
function rejected(cells: RowCells): RowResult {
  const r = validate(cells);
  assert.equal(r.status, 'rejected');
  assert.equal(r.worker, undefined);
  for (const e of r.errors) assert.match(e.message, HOW_TO_FIX, `${e.code}: ${e.message}`);
  return r;
}

describe('validateRow — accepted', () => {
  it('turns a complete row into a worker', () => {
    const r = accepted(aRow());
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.worker, {
      nik: '1610041708750001',
      fullName: 'Budi Santoso',
      sex: 'L',
      birthPlace: 'Indralaya',
      birthDate: '1975-08-17',
      motherMaidenName: 'Siti Aminah',
      phone: '+6281234567890',
      address: 'Dusun II RT 003',
      domicileCode: '16.10.04.2006',
      occupation: 'pedagang_kaki_lima',
      declaredIncome: 1_500_000,
    });
  });

  it('reads spreadsheet types: number NIK, Date, number phone and income', () => {
    const r = accepted(
      aRow({
        nik: Number(nik()),
        birthDate: new Date(Date.UTC(1975, 7, 17)),
        phone: 81234567890,
        declaredIncome: 1500000,
        villageCode: 1610042006,
      }),
    );
    assert.equal(r.worker?.nik, '1610041708750001');
    assert.equal(r.worker?.phone, '+6281234567890');
    assert.equal(r.worker?.domicileCode, '16.10.04.2006');
  });

  it('takes place and date from a combined column', () => {
    const r = accepted(
      aRow({ birthPlace: undefined, birthDate: undefined, birthPlaceAndDate: 'PALEMBANG, 17 Agustus 1975' }),
    );
    assert.equal(r.worker?.birthPlace, 'PALEMBANG');
    assert.equal(r.worker?.birthDate, '1975-08-17');
  });

  it('accepts a woman whose NIK day is +40', () => {
    const r = accepted(aRow({ nik: nik('050180', 'P', '0012'), sex: 'Perempuan', birthDate: '5 Jan 1980' }));
    assert.equal(r.worker?.sex, 'P');
  });

  it('keeps optional data empty when absent', () => {
    const r = accepted({
      nik: nik(),
      fullName: 'Budi',
      sex: 'L',
      birthDate: '17/08/1975',
      district: 'Indralaya',
      village: 'Tanjung Gelam',
    });
    assert.equal(r.worker?.phone, null);
    assert.equal(r.worker?.address, null);
    assert.equal(r.worker?.birthPlace, null);
    assert.equal(r.worker?.motherMaidenName, null);
    assert.equal(r.worker?.declaredIncome, null);
    assert.deepEqual(codes(r.warnings), ['OCCUPATION_MISSING', 'INCOME_MISSING']);
  });

  it('accepts with warnings: unknown village, bad phone, no income, unknown occupation', () => {
    const r = accepted(
      aRow({ village: 'Antah Berantah', phone: '12345', declaredIncome: '', occupation: 'Petani' }),
    );
    assert.deepEqual(codes(r.warnings), [
      'VILLAGE_NOT_FOUND',
      'OCCUPATION_UNKNOWN',
      'PHONE_INVALID',
      'INCOME_MISSING',
    ]);
    assert.deepEqual(
      r.warnings.map((w) => w.field),
      ['village', 'occupation', 'phone', 'declaredIncome'],
    );
    assert.equal(r.worker?.domicileCode, '16.10.04');
    assert.equal(r.worker?.phone, null);
    assert.equal(r.worker?.occupation, 'lainnya');
    for (const w of r.warnings) assert.match(w.message, HOW_TO_FIX, w.code);
  });

  it('accepts unreadable income as a warning', () => {
    const r = accepted(aRow({ declaredIncome: 'tidak tetap' }));
    assert.deepEqual(codes(r.warnings), ['INCOME_INVALID']);
    assert.equal(r.worker?.declaredIncome, null);
  });

  it('passes on the NIK’s soft district warning', () => {
    const r = accepted(aRow({ nik: `161099${nik().slice(6)}` }));
    assert.deepEqual(codes(r.warnings), ['NIK_DISTRICT_UNKNOWN']);
  });

  it('accepts a birth year in another century than the NIK suggests', () => {
    // The NIK holds only "25"; the declared year decides.
    accepted(aRow({ nik: nik('010125'), birthDate: '01-01-1925' }));
  });
});

describe('validateRow — rejected', () => {
  it('reports every problem of the row at once', () => {
    const r = rejected({ rowNumber: 3, nik: '12345', district: 'Indralya', occupation: 'PKL' });
    assert.deepEqual(codes(r.errors), [
      'NIK_LENGTH',
      'NAME_MISSING',
      'BIRTHDATE_MISSING',
      'SEX_MISSING',
      'DISTRICT_NOT_FOUND',
    ]);
    assert.deepEqual(
      r.errors.map((e) => e.field),
      ['nik', 'fullName', 'birthDate', 'sex', 'district'],
    );
  });

  it('maps every NIK problem to the nik field', () => {
    const cases: [unknown, string][] = [
      ['', 'NIK_REQUIRED'],
      ['1610041708750O01', 'NIK_NOT_DIGITS'],
      [1610041708750000, 'NIK_SPREADSHEET_DAMAGED'],
      ['1.61004E+15', 'NIK_SPREADSHEET_DAMAGED'],
      [`169904${nik().slice(6)}`, 'NIK_REGENCY_UNKNOWN'],
      [`991004${nik().slice(6)}`, 'NIK_PROVINCE_UNKNOWN'],
      ['1610043208750001', 'NIK_BIRTHDATE_INVALID'],
      [nik('170875', 'L', '0000'), 'NIK_SERIAL_ZERO'],
    ];
    for (const [value, code] of cases) {
      const r = rejected(aRow({ nik: value }));
      assert.deepEqual(
        r.errors.map((e) => [e.field, e.code]),
        [['nik', code]],
        String(value),
      );
    }
  });

  it('rejects names that are markup, formulas, digits or too short', () => {
    const cases: [string, string][] = [
      ['<b>Budi</b>', 'NAME_INVALID'],
      ['=HYPERLINK("x")', 'NAME_INVALID'],
      ['+62812', 'NAME_INVALID'],
      ['-Budi', 'NAME_INVALID'],
      ['@budi', 'NAME_INVALID'],
      ['1610041708750001', 'NAME_INVALID'],
      ['B', 'NAME_TOO_SHORT'],
      ['A'.repeat(121), 'TEXT_TOO_LONG'],
    ];
    for (const [fullName, code] of cases) {
      assert.deepEqual(codes(rejected(aRow({ fullName })).errors), [code], fullName);
    }
  });

  it('rejects sex and birth date that disagree with the NIK', () => {
    const r = rejected(aRow({ sex: 'P', birthDate: '18-08-1975' }));
    assert.deepEqual(
      r.errors.map((e) => [e.field, e.code]),
      [
        ['sex', 'NIK_SEX_MISMATCH'],
        ['birthDate', 'NIK_BIRTHDATE_MISMATCH'],
      ],
    );
    const combined = rejected(aRow({ birthDate: undefined, birthPlaceAndDate: 'Indralaya, 18-08-1975' }));
    assert.deepEqual(
      combined.errors.map((e) => [e.field, e.code]),
      [['birthPlaceAndDate', 'NIK_BIRTHDATE_MISMATCH']],
    );
  });

  it('hints the NIK’s sex and birth date when they are missing', () => {
    const r = rejected(aRow({ sex: '', birthDate: '' }));
    assert.deepEqual(codes(r.errors), ['BIRTHDATE_MISSING', 'SEX_MISSING']);
    assert.match(r.errors[0]?.message ?? '', /Menurut NIK, tanggal lahirnya 17-08-75/);
    assert.match(r.errors[1]?.message ?? '', /Menurut NIK, pekerja ini Laki-laki/);
  });

  it('rejects invalid dates and sexes', () => {
    assert.deepEqual(codes(rejected(aRow({ birthDate: '31/02/1975' })).errors), ['DATE_INVALID']);
    assert.deepEqual(codes(rejected(aRow({ birthDate: '08/17/1975' })).errors), ['DATE_INVALID']);
    assert.deepEqual(codes(rejected(aRow({ sex: 'X' })).errors), ['SEX_INVALID']);
    const ttl = rejected(aRow({ birthDate: undefined, birthPlaceAndDate: 'Indralaya' }));
    assert.deepEqual(
      ttl.errors.map((e) => [e.field, e.code]),
      [['birthPlaceAndDate', 'BIRTHDATE_MISSING']],
    );
  });

  it('rejects a birth date in the future', () => {
    const r = rejected(aRow({ nik: nik('170826'), birthDate: '17-08-2026' }));
    assert.deepEqual(codes(r.errors), ['BIRTHDATE_IN_FUTURE']);
  });

  it('rejects domiciles outside the region', () => {
    const code = rejected(aRow({ villageCode: '16.71.01.1001' }));
    assert.deepEqual(
      code.errors.map((e) => [e.field, e.code]),
      [['villageCode', 'DOMICILE_OUT_OF_REGION']],
    );
    assert.deepEqual(codes(rejected(aRow({ district: 'Sukarami', village: '' })).errors), [
      'DISTRICT_NOT_FOUND',
    ]);
    assert.deepEqual(codes(rejected(aRow({ district: '', village: '' })).errors), ['DISTRICT_MISSING']);
  });

  it('rejects over-long optional text rather than cutting it', () => {
    assert.deepEqual(codes(rejected(aRow({ address: 'x'.repeat(301) })).errors), ['TEXT_TOO_LONG']);
    assert.deepEqual(codes(rejected(aRow({ motherMaidenName: 'x'.repeat(121) })).errors), ['TEXT_TOO_LONG']);
    assert.deepEqual(codes(rejected(aRow({ birthPlace: 'x'.repeat(81) })).errors), ['TEXT_TOO_LONG']);
  });
});

describe('validateRow — agrees with checkWorker', () => {
  const base: WorkerInput = {
    nik: nik(),
    fullName: 'Budi Santoso',
    sex: 'L',
    birthDate: '1975-08-17',
    domicileCode: '16.10.04.2006',
    occupation: 'lainnya',
  };
  const deps = { catalog, provinceCode: '16', now: today };

  it('rejects what checkWorker rejects', () => {
    const cases: [RowCells, Partial<WorkerInput>][] = [
      [{ nik: '12345' }, { nik: '12345' }],
      [{ nik: `169904${nik().slice(6)}` }, { nik: `169904${nik().slice(6)}` }],
      [{ fullName: '<script>' }, { fullName: '<script>' }],
      [{ fullName: '=1+1' }, { fullName: '=1+1' }],
      [{ sex: 'P' }, { sex: 'P' }],
      [{ birthDate: '18-08-1975' }, { birthDate: '1975-08-18' }],
      [{ villageCode: '31.71.01.1001' }, { domicileCode: '31.71.01.1001' }],
    ];
    for (const [cells, input] of cases) {
      assert.equal(checkWorker({ ...base, ...input }, deps).ok, false, JSON.stringify(input));
      assert.equal(validate(aRow(cells)).status, 'rejected', JSON.stringify(cells));
    }
  });

  it('produces workers checkWorker accepts, for many shapes of row', () => {
    const rows: RowCells[] = [
      aRow(),
      aRow({ birthDate: 27623, phone: '+62 812 3456 7890', occupation: 'Ojek Online' }),
      aRow({ nik: `1610.0417.0875.0001`, sex: 'laki-laki', birthDate: '17-Agu-1975', occupation: 'jukir' }),
      aRow({ nik: nik('170875', 'L', '0002'), village: undefined }),
      aRow({
        nik: nik('010190', 'P', '0003'),
        sex: 'Wanita',
        birthDate: '1990-01-01',
        villageCode: '16.10.04',
      }),
      aRow({ phone: 'tidak punya', declaredIncome: '1,2 jt', address: '' }),
      aRow({ district: '16.10.07', village: 'Tanjung Baru', occupation: 'Buruh Harian Lepas' }),
    ];
    for (const row of rows) accepted(row);
  });
});

describe('validateRow — skipped', () => {
  it('skips empty rows and rows holding only their number', () => {
    for (const cells of [
      {},
      { nik: '', fullName: '  ', sex: null },
      { rowNumber: 12 },
      { rowNumber: '12', nik: '-' },
    ]) {
      const r = validate(cells);
      assert.equal(r.status, 'skipped', JSON.stringify(cells));
      assert.equal(r.skipReason, 'empty');
      assert.deepEqual([r.errors, r.warnings], [[], []]);
    }
  });

  it('skips totals rows', () => {
    const rows: RowCells[] = [
      { rowNumber: 'JUMLAH', declaredIncome: 45_000_000 },
      { nik: 'Total', fullName: '', declaredIncome: '45.000.000' },
      { rowNumber: '', nik: '', fullName: 'Jumlah Pekerja', sex: 120 },
      { fullName: 'SUB TOTAL' },
      { rowNumber: 120, declaredIncome: 45_000_000 },
    ];
    for (const cells of rows) assert.equal(validate(cells).skipReason, 'totals', JSON.stringify(cells));
  });

  it('skips the column-number line under a header', () => {
    const r = validate({ rowNumber: 1, nik: 2, fullName: 3, sex: '(4)', birthDate: 5 });
    assert.equal(r.skipReason, 'column-numbers');
  });

  it('does not skip a row that has a NIK, or a person’s name', () => {
    assert.equal(validate({ nik: nik(), declaredIncome: 100 }).status, 'rejected');
    assert.equal(validate({ rowNumber: '(1)', fullName: 'Budi', sex: 'L' }).status, 'rejected');
    assert.equal(validate({ rowNumber: 1, fullName: 'Totalia' }).status, 'rejected');
  });
});
