import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDateTime, PROVINCE_ZONES, WIB, WIT, WITA, zoneOfProvince } from './timezone.js';

test('all 38 provinces have a zone: 18 in WIB, 12 in WITA, 8 in WIT', () => {
  const zones = Object.values(PROVINCE_ZONES);
  assert.equal(zones.length, 38);
  assert.equal(zones.filter((z) => z === WIB).length, 18);
  assert.equal(zones.filter((z) => z === WITA).length, 12);
  assert.equal(zones.filter((z) => z === WIT).length, 8);
});

test('a province (or a region inside it) gets its zone', () => {
  assert.equal(zoneOfProvince('16').abbr, 'WIB');
  assert.equal(zoneOfProvince('16.71').abbr, 'WIB');
  assert.equal(zoneOfProvince('51').abbr, 'WITA');
  assert.equal(zoneOfProvince('73').abbr, 'WITA');
  assert.equal(zoneOfProvince('94').abbr, 'WIT');
});

test('a time is written in the zone, across midnight', () => {
  const at = new Date('2026-12-04T20:05:03Z');
  assert.equal(localDateTime(at, WIB), '2026-12-05 03:05:03');
  assert.equal(localDateTime(at, WITA), '2026-12-05 04:05:03');
  assert.equal(localDateTime(at, WIT), '2026-12-05 05:05:03');
});
