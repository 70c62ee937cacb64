import type { HTMLAttributes, Key, ReactNode } from "react";

/** One column of a {@link DataTable}: its header and how to render a row's cell. */
export type DataTableColumn<T> = {
  header: ReactNode;
  /** Right-aligned figures: adds the "num" class to the header and the cells. */
  numeric?: boolean;
  /** Extra class for the cells (not the header), e.g. "table__clip" or "table__actions". */
  cellClassName?: string;
  /** data-testid for each of the column's cells. */
  cellTestId?: string;
  cell: (row: T) => ReactNode;
};

/** Extra attributes for a row's <tr>, data-* ones included. */
export type DataTableRowProps = HTMLAttributes<HTMLTableRowElement> & { [attribute: `data-${string}`]: string | undefined };

const cellClass = ({ numeric, cellClassName }: DataTableColumn<never>) =>
  [numeric ? "num" : null, cellClassName].filter(Boolean).join(" ") || undefined;

/**
 * The app's plain data table: `div.table-wrap > table.table` with a header row of `th scope="col"`
 * and one body row per item. Tables that need a caption or rows not tied to an item build their own markup.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  testId,
}: {
  rows: readonly T[];
  columns: readonly DataTableColumn<T>[];
  rowKey: (row: T) => Key;
  rowProps?: (row: T) => DataTableRowProps;
  testId?: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={column.numeric ? "num" : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column, i) => (
                <td key={i} className={cellClass(column)} data-testid={column.cellTestId}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
