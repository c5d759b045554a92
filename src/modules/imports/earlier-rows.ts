import type { NameComparer, PreparedName } from '../../domain/import/duplicates.js';

/** What a row is to the rows before it in its file. */
export type EarlierMatch =
  /** An earlier row has its NIK. */
  | { duplicate: true }
  /** None has; `similarRow` is the first earlier row that may be the same person, if any. */
  | { duplicate: false; similarRow?: number };

// A prepared name and a birth year in one number: year · 2²¹ + name (names are numbered from 0 and
// are fewer than the rows of a file, at most 1,100,000 < 2²¹).
const NAME_SPAN = 2 ** 21;

/**
 * The accepted rows of a file so far, for the dry run's in-file checks: the same NIK again, or
 * another NIK with the same birth date and sex and a similar name. Rows are grouped by the NIK's
 * birth-date-and-sex digits (a NIK always lands in its own group, and so does a possible duplicate,
 * up to the century, which is compared too), and each group is one array of numbers, three a row in
 * file order: the NIK without its date digits, birth year and prepared name, and row number. A
 * group's rows side by side in memory are what keeps the comparisons fast: chained through arrays
 * of the whole file, each step of a walk missed the processor's cache, and the checks took twice as
 * long. About 30 bytes a row beside its prepared name (as four arrays a group: about 47).
 */
export class EarlierRows {
  readonly #groups = new Map<number, number[]>();

  constructor(private readonly names: NameComparer) {}

  /**
   * The row (a valid NIK, its birth date as yyyy-mm-dd) against the rows before it; added after them
   * unless its NIK came before (then it is the duplicate, and the earlier row stays the one kept).
   */
  add(rowNumber: number, nik: string, birthDate: string, name: PreparedName): EarlierMatch {
    const g = group(nik);
    const nikRest = restOfNik(nik);
    // The rows born the same year have yearName in [from, from + NAME_SPAN).
    const from = Number(birthDate.slice(0, 4)) * NAME_SPAN;
    const rows = this.#groups.get(g);
    if (rows === undefined) {
      this.#groups.set(g, [nikRest, from + name, rowNumber]);
      return NONE;
    }
    let similarRow: number | undefined;
    for (let i = 0; i < rows.length; i += 3) {
      if (rows[i] === nikRest) return DUPLICATE;
      const yearName = rows[i + 1]!;
      if (
        similarRow === undefined &&
        yearName >= from &&
        yearName < from + NAME_SPAN &&
        this.names.similar(yearName - from, name)
      ) {
        similarRow = rows[i + 2];
      }
    }
    rows.push(nikRest, from + name, rowNumber);
    return similarRow === undefined ? NONE : { duplicate: false, similarRow };
  }
}

const NONE: EarlierMatch = Object.freeze({ duplicate: false });
const DUPLICATE: EarlierMatch = Object.freeze({ duplicate: true });

/** The NIK's date digits (DDMMYY) as a number: its group. */
function group(nik: string): number {
  let g = 0;
  for (let i = 6; i < 12; i++) g = g * 10 + nik.charCodeAt(i) - 48;
  return g;
}

/**
 * The NIK's other ten digits as a number: ten digits fit exactly. A number on purpose: a NIK string
 * cut from the file's text can keep the whole megabyte-sized chunk it was cut from alive, and a
 * million of them kept the whole file.
 */
function restOfNik(nik: string): number {
  let r = 0;
  for (let i = 0; i < 16; i++) if (i < 6 || i >= 12) r = r * 10 + nik.charCodeAt(i) - 48;
  return r;
}
