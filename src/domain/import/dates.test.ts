import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Parsed } from './cells.js';
import { formatDateId, parseBirthPlaceAndDate, parseDateCell, yearForTwoDigits } from './dates.js';

const today = new Date('2026-03-01T00:00:00Z');
const HOW_TO_FIX = /\b(Tulis|Periksa|Lengkapi|ubah)\b/;

function date(v: unknown, opts: { today?: Date; date1904?: boolean } = {}): string {
  const r = parseDateCell(v, { today, ...opts });
  assert.ok(r.ok, r.ok ? '' : `${String(v)}: ${r.message}`);
  return r.value;
}
function invalid<T>(r: Parsed<T>): string {
  assert.ok(!r.ok, `expected a failure, got ${JSON.stringify(r)}`);
  assert.equal(r.code, 'DATE_INVALID');
  assert.match(r.message, HOW_TO_FIX);
  return r.message;
}

describe('parseDateCell — date cells', () => {
  it('reads Date objects in UTC', () => {
    assert.equal(date(new Date(Date.UTC(1975, 7, 17))), '1975-08-17');
  });

  it('rounds Dates at local midnight or a few seconds off to the nearest day', () => {
    // Local midnight in WIB (UTC+7) is 17:00 UTC the day before.
    assert.equal(date(new Date('1975-08-16T17:00:00Z')), '1975-08-17');
    assert.equal(date(new Date('1975-08-17T00:00:43Z')), '1975-08-17');
    assert.equal(date(new Date('1975-08-16T23:59:17Z')), '1975-08-17');
  });

  it('rejects an invalid Date', () => {
    assert.equal(parseDateCell(new Date(Number.NaN), { today }).ok, false);
  });

  it('reads Excel serial numbers (1900 date system)', () => {
    assert.equal(date(27623), '1975-08-17');
    assert.equal(date(27623.75), '1975-08-17');
    assert.equal(date(61), '1900-03-01');
    assert.equal(date(1), '1900-01-01');
    assert.equal(date(59), '1900-02-28');
    assert.equal(date(73050), '2099-12-31');
  });

  it('reads Excel serial numbers (1904 date system)', () => {
    assert.equal(date(0, { date1904: true }), '1904-01-01');
    assert.equal(date(26161, { date1904: true }), '1975-08-17');
  });

  it('rejects serials outside 1900–2100 and Excel’s 29 February 1900', () => {
    for (const n of [0, -3, 60, 80_000, 17_081_975]) invalid(parseDateCell(n, { today }));
  });
});

describe('parseDateCell — text', () => {
  it('reads day-first numeric dates with -, / or .', () => {
    for (const s of ['17-08-1975', '17/08/1975', '17.08.1975', '17-8-1975', '7/8/1975', ' 17 / 08 / 1975 ']) {
      assert.equal(date(s).slice(5), s.includes('7/8') ? '08-07' : '08-17', s);
    }
    assert.equal(date('1/2/1980'), '1980-02-01');
  });

  it('reads ISO dates, with or without a midnight time', () => {
    assert.equal(date('1975-08-17'), '1975-08-17');
    assert.equal(date('1975/8/17'), '1975-08-17');
    assert.equal(date('1975-08-17T00:00:00Z'), '1975-08-17');
    assert.equal(date('17/08/1975 00:00:00'), '1975-08-17');
  });

  it('takes the century of two-digit years that does not lie in the future', () => {
    assert.equal(date('17-08-75'), '1975-08-17');
    assert.equal(date('01-02-26'), '2026-02-01');
    assert.equal(date('02-03-26'), '1926-03-02');
    assert.equal(date('01-03-26'), '2026-03-01');
  });

  it('reads Indonesian month names, full and short', () => {
    const eights = [
      '17 Agustus 1975',
      '17 Agt 1975',
      '17-Agu-1975',
      '17 Ags 1975',
      '17 agt. 1975',
      '17 AGUSTUS 1975',
    ];
    for (const s of eights) assert.equal(date(s), '1975-08-17', s);
    const months: [string, number][] = [
      ['Januari', 1],
      ['Jan', 1],
      ['Februari', 2],
      ['Feb', 2],
      ['Peb', 2],
      ['Maret', 3],
      ['Mar', 3],
      ['April', 4],
      ['Apr', 4],
      ['Mei', 5],
      ['Juni', 6],
      ['Jun', 6],
      ['Juli', 7],
      ['Jul', 7],
      ['September', 9],
      ['Sep', 9],
      ['Sept', 9],
      ['Oktober', 10],
      ['Okt', 10],
      ['November', 11],
      ['Nov', 11],
      ['Nop', 11],
      ['Desember', 12],
      ['Des', 12],
    ];
    for (const [name, month] of months) {
      assert.equal(date(`5 ${name} 1980`), `1980-${String(month).padStart(2, '0')}-05`, name);
    }
  });

  it('reads the English short names Excel writes', () => {
    assert.equal(date('17-Aug-1975'), '1975-08-17');
    assert.equal(date('17-Aug-75'), '1975-08-17');
    assert.equal(date('1-May-1980'), '1980-05-01');
    assert.equal(date('3 Oct 1980'), '1980-10-03');
    assert.equal(date('24-Dec-1980'), '1980-12-24');
  });
});

describe('parseDateCell — problems', () => {
  it('rejects days a month does not have, quoting the value', () => {
    const m = invalid(parseDateCell('31/02/1980', { today }));
    assert.match(m, /"31\/02\/1980"/);
    assert.match(m, /Februari 1980 hanya sampai tanggal 29/);
    assert.match(invalid(parseDateCell('29-02-1981', { today })), /bukan tahun kabisat/);
    invalid(parseDateCell('31 April 1980', { today }));
    invalid(parseDateCell('0-01-1980', { today }));
  });

  it('suggests day-first order for American dates', () => {
    const m = invalid(parseDateCell('08/17/1975', { today }));
    assert.match(m, /bulan\/tanggal\/tahun/);
    assert.match(m, /17\/08\/1975/);
  });

  it('rejects months past 12 that are not American order', () => {
    assert.match(invalid(parseDateCell('17/13/1975', { today })), /Bulan 13/);
    invalid(parseDateCell('17/00/1975', { today }));
  });

  it('rejects unknown month names and unreadable text', () => {
    assert.match(invalid(parseDateCell('17 Agst0 1975', { today })), /tidak dapat dibaca/);
    assert.match(invalid(parseDateCell('17 Bulan 1975', { today })), /Nama bulan "bulan"/);
    invalid(parseDateCell('kemarin', { today }));
    invalid(parseDateCell('17081975', { today }));
  });

  it('asks for the full date when only a year is given', () => {
    assert.match(invalid(parseDateCell('1975', { today })), /hanya berisi tahun/);
  });

  it('rejects years out of range', () => {
    invalid(parseDateCell('17-08-1875', { today }));
    invalid(parseDateCell('1875-08-17', { today }));
  });

  it('reports blanks as missing', () => {
    for (const v of [undefined, null, '', ' ', '-']) {
      const r = parseDateCell(v, { today });
      assert.ok(!r.ok);
      assert.equal(r.code, 'DATE_MISSING');
    }
  });
});

describe('parseBirthPlaceAndDate', () => {
  const parse = (v: unknown) => parseBirthPlaceAndDate(v, { today });

  it('splits place and date', () => {
    assert.deepEqual(parse('Indralaya, 17-08-1975'), {
      ok: true,
      value: { place: 'Indralaya', date: '1975-08-17' },
    });
    assert.deepEqual(parse('PALEMBANG, 17 Agustus 1975'), {
      ok: true,
      value: { place: 'PALEMBANG', date: '1975-08-17' },
    });
    assert.deepEqual(parse('Palembang / 17-08-1975'), {
      ok: true,
      value: { place: 'Palembang', date: '1975-08-17' },
    });
    assert.deepEqual(parse('Palembang/17/08/1975'), {
      ok: true,
      value: { place: 'Palembang', date: '1975-08-17' },
    });
    assert.deepEqual(parse('Muara Enim 17-08-1975'), {
      ok: true,
      value: { place: 'Muara Enim', date: '1975-08-17' },
    });
    assert.deepEqual(parse('Lubuk Linggau; 5 Mei 80'), {
      ok: true,
      value: { place: 'Lubuk Linggau', date: '1980-05-05' },
    });
  });

  it('accepts a date alone', () => {
    assert.deepEqual(parse('17-08-1975'), { ok: true, value: { place: null, date: '1975-08-17' } });
    assert.deepEqual(parse(27623), { ok: true, value: { place: null, date: '1975-08-17' } });
    assert.deepEqual(parse(new Date(Date.UTC(1975, 7, 17))), {
      ok: true,
      value: { place: null, date: '1975-08-17' },
    });
  });

  it('says when the date is missing', () => {
    const r = parse('Palembang');
    assert.ok(!r.ok);
    assert.equal(r.code, 'DATE_MISSING');
    assert.match(r.message, /Palembang, 17-08-1975/);
    assert.equal((parse('') as { code: string }).code, 'DATE_MISSING');
  });

  it('passes on an invalid date', () => {
    invalid(parse('Palembang, 31-02-1980'));
  });
});

describe('helpers', () => {
  it('yearForTwoDigits follows the NIK rule', () => {
    assert.equal(yearForTwoDigits(75, 8, 17, today), 1975);
    assert.equal(yearForTwoDigits(5, 1, 1, today), 2005);
    assert.equal(yearForTwoDigits(26, 3, 1, today), 2026);
    assert.equal(yearForTwoDigits(26, 3, 2, today), 1926);
  });

  it('formatDateId writes dates as Indonesians do', () => {
    assert.equal(formatDateId('1975-08-17'), '17 Agustus 1975');
    assert.equal(formatDateId('2000-01-05'), '5 Januari 2000');
  });
});
