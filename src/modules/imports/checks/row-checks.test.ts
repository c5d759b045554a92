import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RowCells } from '../../../domain/import/row.js';
import { regionCatalog } from '../../regions/index.js';
import { openRowChecker, type RowCheckSettings, type RowOutcome, STAGED_TEXT_COLUMNS } from './row-checks.js';

const settings: RowCheckSettings = { regionCode: '16.71', provinceCode: '16', now: '2026-11-23T00:00:00Z' };

function rows(n: number): RowCells[] {
  return Array.from({ length: n }, (_, i): RowCells => {
    if (i % 7 === 3) return {};
    const day = String((i % 28) + 1).padStart(2, '0');
    return {
      nik: `16710${i % 2 === 0 ? '1' : '9'}${day}0890${String((i % 9000) + 1).padStart(4, '0')}`,
      fullName: i % 11 === 5 ? '=HYPERLINK("x")' : `Pekerja ${i}`,
      sex: 'L',
      birthDate: `${day}-08-1990`,
      district: 'Ilir Barat I',
      occupation: 'Pedagang Kaki Lima',
      phone: i % 5 === 0 ? '0812' : '081234567890',
    };
  });
}

test('row checks on worker threads give the same outcomes, in order, as on this thread', async () => {
  const input = rows(2_500);
  const here = await openRowChecker(regionCatalog(), settings, { threads: 0 });
  const pool = await openRowChecker(regionCatalog(), settings, { threads: 2 });
  try {
    assert.equal(here.threads, 0);
    assert.equal(pool.threads, 2, 'the workers started (no silent fallback to this thread)');
    const batches = [input.slice(0, 1_000), input.slice(1_000, 2_000), input.slice(2_000)];
    const expected = (await Promise.all(batches.map((b) => here.check(b)))).flat().map(withoutId);
    const got = (await Promise.all(batches.map((b) => pool.check(b)))).flat().map(withoutId);
    assert.deepEqual(got, expected);
    const kinds = new Set(expected.map((o) => o.kind));
    assert.deepEqual([...kinds].sort(), ['accepted', 'rejected', 'skipped'], 'the sample has every outcome');
  } finally {
    await Promise.all([here.close(), pool.close()]);
  }
});

// Each accepted row's staged text starts with a new worker id, different on every run.
function withoutId(o: RowOutcome): RowOutcome {
  if (o.kind !== 'accepted') return o;
  const [id, ...rest] = o.staged.split('\t');
  assert.match(id!, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  return { ...o, staged: rest.join('\t') };
}

test('an accepted row is staged as COPY text of its new id and its worker columns', async () => {
  const here = await openRowChecker(regionCatalog(), settings, { threads: 0 });
  const [o] = await here.check([rows(1)[0]!]);
  assert.equal(o?.kind, 'accepted');
  if (o?.kind !== 'accepted') return;
  const cells = o.staged.split('\t');
  assert.equal(cells.length, STAGED_TEXT_COLUMNS.length);
  const at = (c: (typeof STAGED_TEXT_COLUMNS)[number]) => cells[STAGED_TEXT_COLUMNS.indexOf(c)];
  assert.equal(at('nik'), o.nik);
  assert.equal(at('name_key'), o.nameKey);
  assert.equal(at('birth_date'), o.birthDate);
  assert.equal(at('full_name'), 'Pekerja 0');
  assert.equal(at('village_code'), '\\N', 'no village given: NULL in COPY text');
});

test('a region the import cannot be scoped to fails on either path', async () => {
  const bad = { ...settings, regionCode: '16.71.01.1001' };
  await assert.rejects(openRowChecker(regionCatalog(), bad, { threads: 0 }), /district code/);
  await assert.rejects(openRowChecker(regionCatalog(), bad, { threads: 1 }), /district code/);
});
