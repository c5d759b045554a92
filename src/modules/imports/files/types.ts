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
