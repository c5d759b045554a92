import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageOn, birthDateRangeForAge } from './age.js';

const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

describe('ageOn', () => {
  it('counts whole years, turning on the birthday itself', () => {
    assert.equal(ageOn('1975-08-17', utc('2026-08-16')), 50);
    assert.equal(ageOn('1975-08-17', utc('2026-08-17')), 51);
    assert.equal(ageOn('1975-08-17', utc('2026-11-23')), 51);
    assert.equal(ageOn('2026-11-23', utc('2026-11-23')), 0);
    assert.equal(ageOn('2000-12-31', utc('2001-01-01')), 0);
  });

  it('reads today in UTC', () => {
    // 01:00 UTC on the birthday, still the day before in UTC-2.
    assert.equal(ageOn('1975-08-17', new Date('2026-08-16T23:00:00-02:00')), 51);
    // 23:00 UTC the day before, already the birthday in Jakarta.
    assert.equal(ageOn('1975-08-17', new Date('2026-08-17T06:00:00+07:00')), 50);
  });

  it('ages a 29 February birthday on 1 March in common years', () => {
    assert.equal(ageOn('2000-02-29', utc('2023-02-28')), 22);
    assert.equal(ageOn('2000-02-29', utc('2023-03-01')), 23);
    assert.equal(ageOn('2000-02-29', utc('2024-02-28')), 23);
    assert.equal(ageOn('2000-02-29', utc('2024-02-29')), 24);
  });

  it('is negative for a birth date after today', () => {
    assert.equal(ageOn('2026-11-24', utc('2026-11-23')), -1);
  });

  it('rejects values that are not calendar dates', () => {
    for (const bad of ['2023-02-29', '1975-13-01', '1975-04-31', '17/08/1975', '1975-8-17', '']) {
      assert.throws(() => ageOn(bad, utc('2026-11-23')), RangeError, bad);
    }
  });
});

describe('birthDateRangeForAge', () => {
  const today = utc('2026-11-23');

  it('gives both bounds for an age band', () => {
    assert.deepEqual(birthDateRangeForAge(18, 60, today), {
      bornOnOrBefore: '2008-11-23',
      bornOnOrAfter: '1965-11-24',
    });
  });

  it('leaves out the bound of an omitted age', () => {
    assert.deepEqual(birthDateRangeForAge(18, undefined, today), { bornOnOrBefore: '2008-11-23' });
    assert.deepEqual(birthDateRangeForAge(undefined, 60, today), { bornOnOrAfter: '1965-11-24' });
    assert.deepEqual(birthDateRangeForAge(undefined, undefined, today), {});
  });

  it('handles year ends and 29 February todays', () => {
    assert.deepEqual(birthDateRangeForAge(0, 0, utc('2026-12-31')), {
      bornOnOrBefore: '2026-12-31',
      bornOnOrAfter: '2026-01-01',
    });
    assert.deepEqual(birthDateRangeForAge(1, 1, utc('2024-02-29')), {
      bornOnOrBefore: '2023-02-28',
      bornOnOrAfter: '2022-03-01',
    });
    assert.deepEqual(birthDateRangeForAge(4, 4, utc('2024-02-29')), {
      bornOnOrBefore: '2020-02-29',
      bornOnOrAfter: '2019-03-01',
    });
  });

  it('rejects negative and fractional ages', () => {
    assert.throws(() => birthDateRangeForAge(-1, undefined, today), RangeError);
    assert.throws(() => birthDateRangeForAge(undefined, 17.5, today), RangeError);
    assert.throws(() => birthDateRangeForAge(Number.NaN, undefined, today), RangeError);
  });

  it('agrees with ageOn for every birth date around leap days and year ends', () => {
    const todays = [
      '2023-02-28',
      '2023-03-01',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2026-12-31',
      '2027-01-01',
    ];
    const bands: [number | undefined, number | undefined][] = [
      [0, 0],
      [1, 1],
      [2, 4],
      [4, undefined],
      [undefined, 3],
      [5, 2],
    ];
    let checked = 0;
    for (const todayIso of todays) {
      const on = utc(todayIso);
      for (let back = -3; back < 8 * 366; back++) {
        const birth = new Date(on.getTime() - back * 86_400_000).toISOString().slice(0, 10);
        const age = ageOn(birth, on);
        for (const [min, max] of bands) {
          const { bornOnOrAfter, bornOnOrBefore } = birthDateRangeForAge(min, max, on);
          const inAgeBand = (min === undefined || age >= min) && (max === undefined || age <= max);
          const inDateRange =
            (bornOnOrAfter === undefined || birth >= bornOnOrAfter) &&
            (bornOnOrBefore === undefined || birth <= bornOnOrBefore);
          assert.equal(inDateRange, inAgeBand, `today ${todayIso}, born ${birth}, band ${min}..${max}`);
          checked++;
        }
      }
    }
    assert.ok(checked > 100_000);
  });
});
