// Spreadsheet cells as the import parsers see them. Readers hand over strings, numbers, Dates,
// booleans or null; people type "-" for "nothing here". Everything below is module-level so a
// million rows compile no regular expression and build no table.

/** A finding about one value: what is wrong and how to fix it, in Bahasa Indonesia. */
export interface ValueIssue {
  code: string;
  message: string;
}

/** What every value parser returns. `warning` rides along with an accepted value. */
export type Parsed<T> =
  | { ok: true; value: T; warning?: ValueIssue }
  | { ok: false; code: string; message: string };

// Dashes alone are the usual "left blank on purpose" in hand-made lists.
const BLANK = /^[\s\u200B-\u200D\uFEFF\-\u2010-\u2015]*$/;
const NOT_PLAIN_ASCII = /[^\u0020-\u007e]/;
const MARKS = /\p{M}/gu;
const NOT_ALNUM = /[^a-z0-9]+/g;

// Most cells start with a letter or digit; only those starting with a space, dash or
// non-ASCII character need the full test.
function isBlankText(s: string): boolean {
  if (s.length === 0) return true;
  const first = s.charCodeAt(0);
  if (first > 0x2d && first < 0x7f) return false;
  return BLANK.test(s);
}

export function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return isBlankText(v);
  if (typeof v === 'number') return Number.isNaN(v);
  if (v instanceof Date) return Number.isNaN(v.getTime());
  return false;
}

/** The cell as trimmed text; '' for blanks. Dates become YYYY-MM-DD (UTC). */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return isBlankText(v) ? '' : v.trim();
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Lower case without accents: 'Pérémpuan' → 'perempuan'. */
export function foldCase(s: string): string {
  const lower = s.toLowerCase();
  return NOT_PLAIN_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}

/** Letters and digits only: 'No. HP/WA' → 'nohpwa'. */
export function squash(s: string): string {
  return foldCase(s).replace(NOT_ALNUM, '');
}

/** Words of letters and digits separated by single spaces: 'Kec.  Alang-alang' → 'kec alang alang'. */
export function words(s: string): string {
  return foldCase(s).replace(NOT_ALNUM, ' ').trim();
}

/** Quotes a value for a message without letting a pasted paragraph swamp it. */
export function quote(s: string, max = 40): string {
  return `"${s.length > max ? `${s.slice(0, max)}…` : s}"`;
}

export function fail(code: string, message: string): { ok: false; code: string; message: string } {
  return { ok: false, code, message };
}

/** Levenshtein distance, for "did you mean" suggestions on the error path only. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let curr = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      curr[j] = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}
