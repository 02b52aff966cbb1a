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
// heading; standalone it draws its own frame. Wide tables scroll sideways on a phone.
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
      <table className={ui.table}>
        <thead className={standalone ? 'bg-slate-50' : undefined}>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={ui.th}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId}>
              {columns.map((column) => {
                const extra =
                  typeof column.className === 'function' ? column.className(row) : column.className;
                const className = extra ? `${ui.td} ${extra}` : ui.td;
                return column.rowHeader ? (
                  <th key={column.header} scope="row" className={`${className} text-left font-normal`}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={className}>
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
