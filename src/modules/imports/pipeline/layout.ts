import { type ImportField, mapHeaders } from '../../../domain/import/headers.js';
import { readCsv } from '../files/csv.js';
import type { SheetRow } from '../files/types.js';
import { readXlsx } from '../files/xlsx.js';
import type { ImportJobRow } from '../imports.repo.js';

/** Which column of the file holds each field. */
export type Mapping = Partial<Record<ImportField, number>>;

/** The file's rows; with `columns`, an .xlsx row holds no cells from that column on (never allocated). */
export function openRows(
  job: Pick<ImportJobRow, 'file_kind' | 'stored_path'>,
  opts: { columns?: number } = {},
): AsyncGenerator<SheetRow> {
  return job.file_kind === 'csv' ? readCsv(job.stored_path) : readXlsx(job.stored_path, undefined, opts);
}

/** Header row and automatic column mapping from the first rows of the file. */
export async function detectLayout(
  job: Pick<ImportJobRow, 'file_kind' | 'stored_path'>,
  findHeaderRow: (rows: unknown[][]) => number | null,
) {
  const first: SheetRow[] = [];
  for await (const r of openRows(job)) {
    first.push(r);
    if (first.length >= 20) break;
  }
  const index = findHeaderRow(first.map((r) => r.cells));
  if (index === null)
    return {
      headerRow: null,
      header: [] as string[],
      mapping: {} as Mapping,
      unmapped: [],
      sample: first.slice(0, 8),
    };
  const header = first[index]!;
  const { mapping, unmapped } = mapHeaders(header.cells);
  return {
    headerRow: header.rowNumber,
    header: header.cells.map((c) => (c === null || c === undefined ? '' : String(c))),
    mapping: mapping as Mapping,
    unmapped,
    sample: first.slice(index + 1, index + 6),
  };
}
