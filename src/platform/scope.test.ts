import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Params } from './db/sql.js';
import { anyOf, nothing, regionOverlap, regionScope, sponsorScope, unplaced } from './scope.js';

type Row = { region_code: string | null; sponsor_id: string | null };
const byCode = (codes: string[]) =>
  regionScope<Row>(codes, { kind: 'code', column: 'region_code', regionOf: (r) => r.region_code });

test('a region scope on one column: the code itself or below it, as SQL and in memory', () => {
  const scope = byCode(['16.71']);
  const p = new Params();
  assert.equal(
    scope.where('j', p),
    '(j.region_code = ANY($1::text[]) OR j.region_code LIKE ANY($2::text[]))',
  );
  assert.deepEqual(p.values, [['16.71'], ['16.71.%']]);
  assert.equal(scope.allows({ region_code: '16.71.01', sponsor_id: null }), true);
  assert.equal(scope.allows({ region_code: '16.710', sponsor_id: null }), false);
  assert.equal(scope.allows({ region_code: null, sponsor_id: null }), false);
  assert.equal(scope.covers('16.71'), true);
});

test('no regions, no sponsors, nothing: no rows, never all rows', () => {
  const p = new Params();
  assert.equal(byCode([]).where('j', p), 'false');
  assert.equal(
    sponsorScope<Row>([], { column: 'sponsor_id', sponsorOf: (r) => r.sponsor_id }).where('j', p),
    'false',
  );
  assert.equal(nothing<Row>().allows({ region_code: '16', sponsor_id: null }), false);
  assert.equal(anyOf<Row>().where('j', p), 'false');
  assert.deepEqual(p.values, []);
});

test('sponsors and unplaced rows combine with regions', () => {
  const sponsor = '0190a0a0-0000-7000-8000-000000000001';
  const scope = anyOf(
    byCode(['16.10']),
    sponsorScope<Row>([sponsor], { column: 'sponsor_id', sponsorOf: (r) => r.sponsor_id }),
    unplaced<Row>('region_code', (r) => r.region_code),
  );
  const p = new Params();
  assert.equal(
    scope.where('', p),
    '((region_code = ANY($1::text[]) OR region_code LIKE ANY($2::text[])) OR sponsor_id = ANY($3::uuid[]) OR region_code IS NULL)',
  );
  assert.equal(scope.allows({ region_code: '16.71', sponsor_id: sponsor }), true);
  assert.equal(scope.allows({ region_code: '16.71', sponsor_id: null }), false);
  assert.equal(scope.allows({ region_code: null, sponsor_id: null }), true);
});

test('a region overlap: rows within the regions and rows whose region contains one of them', () => {
  const scope = regionOverlap<Row>(['16.71.01'], { column: 'region_code', regionOf: (r) => r.region_code });
  const row = (region_code: string | null) => ({ region_code, sponsor_id: null });
  for (const code of ['16', '16.71', '16.71.01', '16.71.01.1001'])
    assert.equal(scope.allows(row(code)), true, code);
  for (const code of ['16.72', '16.71.02', '17', '16.710'])
    assert.equal(scope.allows(row(code)), false, code);
  assert.equal(scope.allows(row(null)), false);
  const p = new Params();
  assert.match(scope.where('p', p), /p\.region_code = ANY/);
  assert.deepEqual(p.values.at(-1), ['16', '16.71']);
  assert.equal(
    regionOverlap<Row>([], { column: 'region_code', regionOf: (r) => r.region_code }).where('p', p),
    'false',
  );
});
