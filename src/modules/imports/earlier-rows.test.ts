import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NameComparer } from '../../domain/import/duplicates.js';
import { EarlierRows } from './earlier-rows.js';

describe('EarlierRows', () => {
  const setup = () => {
    const names = new NameComparer();
    const rows = new EarlierRows(names);
    return (rowNumber: number, nik: string, birthDate: string, key: string) =>
      rows.add(rowNumber, nik, birthDate, names.prepare(key));
  };

  it('finds the same NIK again, and the first earlier row of the same birth date with a similar name', () => {
    const row = setup();
    assert.deepEqual(row(5, '1671015708750001', '1975-08-17', 'siti aminah'), { duplicate: false });
    assert.deepEqual(row(6, '1671015708750002', '1975-08-17', 'budi santoso'), { duplicate: false });
    assert.deepEqual(row(7, '1671015708750003', '1975-08-17', 'siti amina'), {
      duplicate: false,
      similarRow: 5,
    });
    // Like rows 5 and 7: the first of them.
    assert.deepEqual(row(8, '1671015708750004', '1975-08-17', 'siti aminah'), {
      duplicate: false,
      similarRow: 5,
    });
    assert.deepEqual(row(9, '1671015708750002', '1975-08-17', 'agus salim'), { duplicate: true });
    // Another NIK region, same date digits: the same group, still a possible duplicate.
    assert.deepEqual(row(10, '3171015708750001', '1975-08-17', 'budi santoso'), {
      duplicate: false,
      similarRow: 6,
    });
  });

  it('tells birth dates, sexes and centuries apart', () => {
    const row = setup();
    row(2, '1671011708750001', '1975-08-17', 'siti aminah');
    // Same date digits a century later; another day; a woman (day + 40) on the same date.
    assert.deepEqual(row(3, '1671011708750002', '2075-08-17', 'siti aminah'), { duplicate: false });
    assert.deepEqual(row(4, '1671011808750001', '1975-08-18', 'siti aminah'), { duplicate: false });
    assert.deepEqual(row(5, '1671015708750001', '1975-08-17', 'siti aminah'), { duplicate: false });
    assert.deepEqual(row(6, '1671011708750003', '1975-08-17', 'siti aminah'), {
      duplicate: false,
      similarRow: 2,
    });
  });

  it('keeps every row as it grows, each after the rows of its group', () => {
    const row = setup();
    const day = (i: number) => String((i % 28) + 1).padStart(2, '0');
    const nik = (i: number) => `167101${day(i)}0875${String(1000 + i).padStart(4, '0')}`;
    for (let i = 0; i < 5_000; i++) {
      // One name for all: every row is like the first of its day.
      const m = row(i + 2, nik(i), `1975-08-${day(i)}`, 'siti aminah');
      if (i < 28) assert.deepEqual(m, { duplicate: false });
      else assert.deepEqual(m, { duplicate: false, similarRow: (i % 28) + 2 }, `row ${i + 2}`);
    }
    for (let i = 0; i < 5_000; i += 499) {
      assert.deepEqual(
        row(9_000 + i, nik(i), `1975-08-${day(i)}`, 'lain'),
        { duplicate: true },
        `row ${i + 2}`,
      );
    }
  });
});
