import './ui.css';
import type { ReactNode } from 'react';

/** One column of a {@link Table}: its heading and how a row shows in it. */
export interface TableColumn<Row> {
  /** A stable key for the column. */
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Numbers are right-aligned in tabular figures, under a right-aligned heading. */
  numeric?: boolean;
  /** The column that names each row (a row header, `<th scope="row">`), read out with the row's other cells. */
  rowHeader?: boolean;
  /** A hint on hovering the cell (why its control is disabled, a full value the cell shortens). */
  title?: (row: Row) => string | undefined;
}

/** Props of {@link Table}. */
export interface TableProps<Row> {
  /** What the table lists, said above it (and the table's accessible name). */
  caption: ReactNode;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown in one cell across the table when there are no rows. */
  empty?: ReactNode;
  /** The table's accessible name when the caption says more than its name (a state, a count). */
  label?: string;
  /** `data-*` attributes of a row, for what finds a row by its identity (a test, a style). */
  rowData?: (row: Row) => Record<`data-${string}`, string | undefined>;
  className?: string;
}

/** A table of rows with a caption and column headings, in the design system's look. */
export function Table<Row>({ caption, columns, rows, rowKey, empty = 'Nothing to show.', label, rowData, className }: TableProps<Row>) {
  return (
    <table className={['efs-table', className ?? ''].filter(Boolean).join(' ')} aria-label={label}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" data-numeric={column.numeric || undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={columns.length}>{empty}</td>
          </tr>
        ) : (
          rows.map((row) => (
            <tr key={rowKey(row)} {...rowData?.(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" data-numeric={column.numeric || undefined} title={column.title?.(row)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} data-numeric={column.numeric || undefined} title={column.title?.(row)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
