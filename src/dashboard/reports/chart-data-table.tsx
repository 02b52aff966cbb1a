import { ui } from '@/src/ui/styles';

// The text alternative of a chart: the same numbers as a table, folded under a summary line, so
// a screen reader (or anyone who prefers to read) gets every value the chart draws.
export function ChartDataTable({
  summary,
  caption,
  columns,
  rows,
}: {
  summary: string;
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}) {
  return (
    <details className="mt-3 text-sm">
      <summary className={`cursor-pointer text-teal-800 ${ui.focus}`}>{summary}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className={ui.table}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col" className={ui.th}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table
                  <td key={index} className={ui.td}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
