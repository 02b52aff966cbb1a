import type { ReactNode } from 'react';
import { ui } from './styles';

export type DataColumn<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  // Extra classes for this column's cells (a function where they depend on the row).
  className?: string | ((row: Row) => string);
  // The column that names the row is a <th scope="row">, for screen readers.
  rowHeader?: boolean;
};

// A table of rows with column headers and an empty state. Inside a card it sits below the
// heading; standalone it draws its own frame. On a phone each row becomes a small card of
// "header: value" lines (the header comes from data-label), since a wide table there was cut
// off with no hint that it scrolled.
const phoneTable = 'max-sm:block';
const phoneRow = 'max-sm:block max-sm:py-2';
const phoneCell =
  'max-sm:flex max-sm:gap-3 max-sm:py-1 max-sm:before:w-28 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]';
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  emptyText,
  standalone = false,
  rowTestId,
}: {
  columns: DataColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  emptyText: string;
  standalone?: boolean;
  rowTestId?: string;
}) {
  if (rows.length === 0) return <p className={standalone ? ui.muted : `mt-3 ${ui.muted}`}>{emptyText}</p>;
  return (
    <div
      className={
        standalone ? 'overflow-x-auto rounded-xl border border-slate-200 bg-white' : 'mt-3 overflow-x-auto'
      }
    >
      <table className={`${ui.table} ${phoneTable}`}>
        <thead className={standalone ? 'bg-slate-50 max-sm:sr-only' : 'max-sm:sr-only'}>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={ui.th}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${phoneTable}`}>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId} className={phoneRow}>
              {columns.map((column) => {
                const extra =
                  typeof column.className === 'function' ? column.className(row) : column.className;
                const className = `${ui.td} ${phoneCell}${extra ? ` ${extra}` : ''}`;
                return column.rowHeader ? (
                  <th
                    key={column.header}
                    scope="row"
                    data-label={column.header}
                    className={`${className} text-left font-normal`}
                  >
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} data-label={column.header} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
