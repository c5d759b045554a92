import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkMapping,
  findHeaderRow,
  IMPORT_FIELDS,
  type ImportField,
  mapHeaders,
  recogniseHeader,
} from './headers.js';

describe('recogniseHeader', () => {
  const cases: [ImportField, string[]][] = [
    [
      'nik',
      ['NIK', 'No. KTP', 'No KTP', 'Nomor KTP', 'Nomor Induk Kependudukan', 'nik_ktp', 'NIK (16 digit)'],
    ],
    ['fullName', ['NAMA', 'NAMA LENGKAP', 'Nama Pekerja', 'nama_lengkap', 'Nama Lengkap (sesuai KTP)']],
    ['sex', ['JK', 'L/P', 'JENIS KELAMIN', 'Kelamin', 'Jenis Kelamin (L/P)']],
    ['birthPlace', ['TEMPAT LAHIR', 'Tempat_Lahir']],
    ['birthDate', ['TANGGAL LAHIR', 'TGL LAHIR', 'Tgl. Lahir', 'tgl_lahir', 'Tanggal Lahir (dd-mm-yyyy)']],
    ['birthPlaceAndDate', ['TEMPAT, TGL LAHIR', 'TEMPAT/TANGGAL LAHIR', 'TTL', 'Tempat / Tgl. Lahir']],
    ['district', ['KECAMATAN', 'KEC', 'Kec.']],
    ['village', ['DESA', 'KELURAHAN', 'DESA/KELURAHAN', 'DESA/KEL', 'Desa / Kel.']],
    ['villageCode', ['KODE DESA', 'KODE WILAYAH', 'KODE KELURAHAN', 'kode_desa']],
    ['occupation', ['PEKERJAAN', 'JENIS PEKERJAAN', 'Jenis_Pekerjaan']],
    ['phone', ['NO HP', 'NO. HP', 'NOMOR HP', 'NO TELP', 'TELEPON', 'HP', 'WA', 'No. HP/WA', 'no_hp']],
    ['motherMaidenName', ['NAMA IBU KANDUNG', 'NAMA IBU', 'IBU KANDUNG']],
    ['declaredIncome', ['PENGHASILAN', 'PENDAPATAN', 'UPAH', 'PENGHASILAN PER BULAN', 'Penghasilan (Rp)']],
    ['address', ['ALAMAT', 'Alamat Lengkap', 'ALAMAT (RT/RW, Dusun)']],
    ['rowNumber', ['NO', 'NO.', 'NO URUT', 'No. Urut']],
  ];
  for (const [field, headers] of cases) {
    it(`recognises ${field}`, () => {
      for (const h of headers) assert.equal(recogniseHeader(h), field, h);
    });
  }

  it('is insensitive to case, spacing, line breaks and punctuation', () => {
    assert.equal(recogniseHeader('  nama   lengkap '), 'fullName');
    assert.equal(recogniseHeader('TANGGAL\nLAHIR'), 'birthDate');
    assert.equal(recogniseHeader('N.I.K'), 'nik');
    assert.equal(recogniseHeader('NIK*'), 'nik');
  });

  it('takes the mother’s name for the mother, not for the worker', () => {
    assert.equal(recogniseHeader('Nama Ibu Kandung Pekerja'), 'motherMaidenName');
    assert.equal(recogniseHeader('Nama Pekerja Rentan'), 'fullName');
  });

  it('recognises nothing in titles, data or non-text', () => {
    for (const h of [
      'DATA PEKERJA RENTAN KAB. OGAN ILIR',
      'Keterangan',
      'L',
      'Budi',
      '',
      null,
      1,
      undefined,
    ]) {
      assert.equal(recogniseHeader(h), null, String(h));
    }
  });
});

describe('findHeaderRow', () => {
  const header = ['NO', 'NIK', 'NAMA', 'JK', 'TGL LAHIR'];

  it('finds a header on the first row', () => {
    assert.equal(findHeaderRow([header, [1, '1671011708750001', 'Budi', 'L', '17-08-1975']]), 0);
  });

  it('skips title rows and blank rows above the header', () => {
    const rows = [
      ['DATA PEKERJA RENTAN'],
      ['KABUPATEN OGAN ILIR TAHUN 2026'],
      [],
      [null, null],
      header,
      [1, '1671011708750001', 'Budi', 'L', '17-08-1975'],
    ];
    assert.equal(findHeaderRow(rows), 4);
  });

  it('needs NIK among at least 3 recognised headers', () => {
    assert.equal(findHeaderRow([['NAMA', 'JK', 'TGL LAHIR', 'ALAMAT']]), null);
    assert.equal(findHeaderRow([['NIK', 'NAMA']]), null);
    assert.equal(findHeaderRow([['NIK', 'NAMA', 'ALAMAT']]), 0);
  });

  it('looks no further than maxScan rows', () => {
    const rows = [...Array.from({ length: 5 }, () => ['judul']), header];
    assert.equal(findHeaderRow(rows, 5), null);
    assert.equal(findHeaderRow(rows, 6), 5);
    assert.equal(findHeaderRow(rows), 5);
  });

  it('returns null for an empty sheet', () => {
    assert.equal(findHeaderRow([]), null);
  });
});

describe('mapHeaders', () => {
  it('maps recognised columns and lists the rest', () => {
    const { mapping, unmapped } = mapHeaders([
      'NO.',
      'NIK',
      'NAMA LENGKAP',
      'L/P',
      'TEMPAT, TGL LAHIR',
      'KEC',
      'DESA/KEL',
      'NO. HP',
      'Keterangan',
      null,
      '',
    ]);
    assert.deepEqual(mapping, {
      rowNumber: 0,
      nik: 1,
      fullName: 2,
      sex: 3,
      birthPlaceAndDate: 4,
      district: 5,
      village: 6,
      phone: 7,
    });
    assert.deepEqual(unmapped, [{ index: 8, header: 'Keterangan' }]);
  });

  it('keeps the first of two columns for the same field and reports the second', () => {
    const { mapping, unmapped } = mapHeaders(['NIK', 'NAMA', 'NO HP', 'WA']);
    assert.equal(mapping.phone, 2);
    assert.deepEqual(unmapped, [{ index: 3, header: 'WA' }]);
  });

  it('lets a user mapping override recognition, matched like headers', () => {
    const { mapping, unmapped } = mapHeaders(['NIK', 'NAMA', 'NO HP', 'WA', 'Ket'], {
      'wa.': 'phone',
      'No. HP': 'ignore',
      KET: 'address',
    });
    assert.equal(mapping.phone, 3);
    assert.equal(mapping.address, 4);
    assert.deepEqual(unmapped, []);
  });

  it('reports a column overridden to a field another override already took', () => {
    const { mapping, unmapped } = mapHeaders(['A', 'B'], { A: 'nik', B: 'nik' });
    assert.equal(mapping.nik, 0);
    assert.deepEqual(unmapped, [{ index: 1, header: 'B' }]);
  });

  it('reads numbers and dates in the header row as text', () => {
    const { unmapped } = mapHeaders(['NIK', 2026]);
    assert.deepEqual(unmapped, [{ index: 1, header: '2026' }]);
  });
});

describe('IMPORT_FIELDS', () => {
  it('lists every field once with an Indonesian label', () => {
    const fields = IMPORT_FIELDS.map((f) => f.field);
    assert.equal(new Set(fields).size, fields.length);
    assert.equal(fields.length, 15);
    for (const f of IMPORT_FIELDS) assert.ok(f.label.length > 0 && f.hint.length > 0, f.field);
  });
});

describe('checkMapping', () => {
  it('accepts a complete mapping', () => {
    assert.deepEqual(checkMapping({ nik: 0, fullName: 1, sex: 2, birthPlaceAndDate: 3, villageCode: 4 }), []);
  });

  it('names every missing required column and how to fix it', () => {
    const problems = checkMapping({ fullName: 1 });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['nik', 'sex', 'birthDate', 'district'],
    );
    for (const p of problems) {
      assert.equal(p.code, 'COLUMN_MISSING');
      assert.match(p.message, /Tambahkan kolom/);
    }
  });
});
