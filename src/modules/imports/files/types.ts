/** One row of an uploaded sheet as the file holds it. */
export interface SheetRow {
  /** As the spreadsheet shows it: 1-based, title rows included. */
  rowNumber: number;
  /** Strings from CSV; strings, numbers, booleans, Dates (UTC) or null from XLSX. */
  cells: unknown[];
}

export class FileRejected extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What every file reader holds a file to, whatever the file says, so that reading stays linear in
 * the file's size and its memory bounded (docs/IMPORT.md, "Limits"). A file beyond one of them is
 * refused with the row, cell or part and how to fix it.
 */
export interface FileLimits {
  cellChars: number;
  rowChars: number;
  columns: number;
  sheetRows: number;
  markupChars: number;
  formatChars: number;
  zipEntries: number;
}

export const FILE_LIMITS: Readonly<FileLimits> = Object.freeze({
  /** Characters in one cell: Excel's own limit, so any file a spreadsheet wrote fits. */
  cellChars: 32_767,
  /** Characters in one row, all its cells together (CSV). */
  rowChars: 1_048_576,
  /** Columns in a row: a spreadsheet's (A to XFD). */
  columns: 16_384,
  /** Rows in a sheet: a spreadsheet's. */
  sheetRows: 1_048_576,
  /** Characters of one piece of XML markup in an .xlsx part: a tag, comment, CDATA section, declaration. */
  markupChars: 65_536,
  /** Characters of a number format (Excel: 255); a longer one is not read as a date format. */
  formatChars: 255,
  /** Parts (files) inside an .xlsx archive; Excel writes a dozen or so. */
  zipEntries: 10_000,
});

/** A count as Indonesian text: 32.767. */
export function count(n: number): string {
  return n.toLocaleString('id-ID');
}
