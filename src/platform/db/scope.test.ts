import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWithin, regionEqualsSql, regionScopeSql } from './scope.js';
import { Params } from './sql.js';

test('a scope of villages names their districts too, so the district index can serve it', () => {
  const p = new Params();
  const sql = regionScopeSql(['16.10', '16.71.01.1001', '16.71.01.1002', '16.10.02.2003'], p, 'w');
  assert.equal(
    sql,
    '(w.regency_code = ANY($1::text[]) OR (w.village_code = ANY($2::text[]) AND w.district_code = ANY($3::text[])))',
  );
  assert.deepEqual(p.values, [
    ['16.10'],
    ['16.71.01.1001', '16.71.01.1002', '16.10.02.2003'],
    ['16.71.01', '16.10.02'],
  ]);
});

test('one region: its own column, and a village its district too', () => {
  const p = new Params();
  assert.equal(regionEqualsSql('16.71.01', p, 'w'), 'w.district_code = $1');
  assert.equal(
    regionEqualsSql('16.71.01.1001', p),
    '(village_code = $2 AND district_code = ANY($3::text[]))',
  );
  assert.deepEqual(p.values, ['16.71.01', '16.71.01.1001', ['16.71.01']]);
});

test('no scope matches nothing, and isWithin follows the code tree', () => {
  assert.equal(regionScopeSql([], new Params()), 'false');
  assert.ok(isWithin('16.71.01.1001', ['16.71']));
  assert.ok(!isWithin('16.710', ['16.71']));
});
