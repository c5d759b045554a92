import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPhone,
  parseDayMonthYear,
  parseRupiah,
} from './format.js';

test('numbers, money and shares are written the Indonesian way', () => {
  assert.equal(formatNumber(1234567), '1.234.567');
  assert.equal(formatNumber(-1500), '-1.500');
  assert.equal(formatNumber(0), '0');
  assert.equal(formatMoney(1500000), 'Rp 1.500.000');
  assert.equal(formatMoney(null), '');
  assert.equal(formatPercent(0.125), '12,5%');
  assert.equal(formatPercent(1), '100%');
});

test('calendar dates use the month names of the chosen language, never a time zone', () => {
  assert.equal(formatDate('1975-08-17', 'id'), '17 Agustus 1975');
  assert.equal(formatDate('1975-08-17', 'en'), '17 August 1975');
  assert.equal(formatDate('bukan tanggal', 'id'), 'bukan tanggal');
});

test('typed amounts and dates are read back', () => {
  assert.equal(parseRupiah('Rp 1.500.000'), 1500000);
  assert.equal(parseRupiah(''), null);
  assert.ok(Number.isNaN(parseRupiah('1,5 juta')));
  assert.equal(parseDayMonthYear('17/8/1975'), '1975-08-17');
  assert.equal(parseDayMonthYear('31/02/2020'), null);
  assert.equal(formatPhone('+6281234567890'), '0812-3456-7890');
});
