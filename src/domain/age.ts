// Ages from 'YYYY-MM-DD' birth dates, in UTC calendar dates so the server's timezone never
// shifts someone's birthday. Comparing (month, day) pairs means a 29 February birthday counts
// on 1 March in common years: the person is not a year older until 28 February has passed.

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Whole years lived on `today`; negative if the birth date is after `today`. */
export function ageOn(birthDate: string, today: Date): number {
  const birth = parseIsoDate(birthDate);
  const now = utcCalendarDate(today);
  const hadBirthdayThisYear = now.month * 100 + now.day >= birth.month * 100 + birth.day;
  return now.year - birth.year - (hadBirthdayThisYear ? 0 : 1);
}

/**
 * Birth-date bounds (inclusive, 'YYYY-MM-DD') for people aged ageMin..ageMax on `today`,
 * for SQL such as `birth_date BETWEEN $after AND $before`. An omitted age leaves its bound out.
 * ageMin > ageMax yields bounds that match nobody, which is what such a filter means.
 */
export function birthDateRangeForAge(
  ageMin: number | undefined,
  ageMax: number | undefined,
  today: Date,
): { bornOnOrAfter?: string; bornOnOrBefore?: string } {
  const now = utcCalendarDate(today);
  const range: { bornOnOrAfter?: string; bornOnOrBefore?: string } = {};
  if (ageMin !== undefined) {
    assertAge(ageMin, 'ageMin');
    // Aged at least ageMin ⇔ the ageMin-th birthday is on or before today.
    range.bornOnOrBefore = formatIsoDate(clampToMonth({ ...now, year: now.year - ageMin }));
  }
  if (ageMax !== undefined) {
    assertAge(ageMax, 'ageMax');
    // Aged at most ageMax ⇔ the (ageMax+1)-th birthday is still after today.
    const latestTooOld = clampToMonth({ ...now, year: now.year - ageMax - 1 });
    range.bornOnOrAfter = formatIsoDate(nextDay(latestTooOld));
  }
  return range;
}

function assertAge(age: number, name: string): void {
  if (!Number.isInteger(age) || age < 0) {
    throw new RangeError(`${name} must be a whole number of years, 0 or more; got ${age}`);
  }
}

function parseIsoDate(value: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!date || date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date)) {
    throw new RangeError(`Not a calendar date in YYYY-MM-DD form: ${JSON.stringify(value)}`);
  }
  return date;
}

function utcCalendarDate(date: Date): CalendarDate {
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

// Arithmetic rather than Date.UTC, which reads years 0–99 as 1900–1999.
function daysInMonth({ year, month }: CalendarDate): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Today may be 29 February while the year N years back has none: the 28th is then the
// last day in that month, and the bounds stay real dates SQL can compare.
function clampToMonth(date: CalendarDate): CalendarDate {
  return { ...date, day: Math.min(date.day, daysInMonth(date)) };
}

function nextDay(date: CalendarDate): CalendarDate {
  if (date.day < daysInMonth(date)) return { ...date, day: date.day + 1 };
  if (date.month < 12) return { year: date.year, month: date.month + 1, day: 1 };
  return { year: date.year + 1, month: 1, day: 1 };
}

function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
