import type { ReactNode } from 'react';

/**
 * One column: its heading and how a row shows in it. The first column heads its row (`th scope="row"`)
 * unless the table names another (`rowHeader`).
 */
export interface Column<Row> {
  key: string;
  header: ReactNode;
  /** The words for the cell's label on narrow screens (`data-label`), when the header is not plain text. */
  label?: string;
  cell(row: Row): ReactNode;
  className?: string;
  /** Shown in the header when the rows are ordered by this column. */
  sorted?: 'ascending' | 'descending';
}

/**
 * The one accessible table of the app: a caption (visible or for screen readers), column headers with
 * `scope`, the sort order announced with `aria-sort`, a message when there are no rows and a place for
 * paging below. Pages give columns and rows; the markup is written once, here.
 */
export function DataTable<Row>(props: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey(row: Row): string;
  caption?: ReactNode;
  isCaptionHidden?: boolean;
  empty?: ReactNode;
  testId?: string;
  /** Classes besides `results-table`, for a page's own column widths. */
  className?: string;
  /** The key of the column whose cells head their rows; the first column when not given. */
  rowHeader?: string;
  rowProps?(row: Row): { className?: string; 'data-testid'?: string };
  /** Paging controls ("show more"), below the table. */
  pagination?: ReactNode;
}) {
  if (props.rows.length === 0 && props.empty) return <>{props.empty}</>;
  const header = props.rowHeader ?? props.columns[0]?.key;
  return (
    <>
      <table
        className={props.className ? `results-table ${props.className}` : 'results-table'}
        data-testid={props.testId}
      >
        {props.caption ? (
          <caption className={props.isCaptionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        ) : null}
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.key} scope="col" aria-sort={c.sorted} className={c.className}>
                {c.header}
                {c.sorted ? <span aria-hidden="true">{c.sorted === 'ascending' ? ' ▲' : ' ▼'}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)} {...(props.rowProps?.(row) ?? {})}>
              {props.columns.map((c) =>
                c.key === header ? (
                  <th key={c.key} scope="row" className={c.className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td
                    key={c.key}
                    data-label={c.label ?? (typeof c.header === 'string' ? c.header : undefined)}
                    className={c.className}
                  >
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {props.pagination}
    </>
  );
}
