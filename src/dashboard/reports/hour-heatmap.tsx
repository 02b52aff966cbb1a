import type { Messages } from '@/src/i18n/messages-es';
import type { Report } from './load-report';

// Customer messages per weekday and hour as a table whose cells are shaded by count: a heat map
// to the eye, a real table (row and column headers, a label per cell) to a screen reader.
const shades = ['bg-slate-50', 'bg-teal-100', 'bg-teal-300', 'bg-teal-500', 'bg-teal-700', 'bg-teal-900'];
const hours = Array.from({ length: 24 }, (_, h) => h);

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

export function HourHeatmap({ cells, t }: { cells: Report['per_hour']; t: Messages }) {
  const r = t.reports;
  const counts = new Map(cells.map((c) => [`${c.weekday}-${c.hour}`, c.messages]));
  const max = Math.max(1, ...cells.map((c) => c.messages));
  const shade = (n: number) => (n === 0 ? shades[0] : shades[Math.min(5, Math.ceil((n / max) * 5))]);
  return (
    <div className="mt-3 overflow-x-auto">
      <table className="w-full table-fixed border-separate border-spacing-px text-[10px]">
        <caption className="sr-only">{r.perHourHelp}</caption>
        <thead>
          <tr>
            <th scope="col" className="w-9 text-left font-medium text-slate-600">
              <span className="sr-only">{r.weekday}</span>
            </th>
            {hours.map((h) => (
              <th key={h} scope="col" className="font-normal text-slate-600">
                <span className="sr-only">{hourLabel(h)}</span>
                <span aria-hidden="true">{h % 3 === 0 ? h : ''}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.weekdays.map((weekday, index) => (
            <tr key={weekday}>
              <th scope="row" className="text-left font-medium text-slate-700">
                <abbr title={weekday} className="no-underline">
                  {r.weekdaysShort[index]}
                </abbr>
              </th>
              {hours.map((h) => {
                const n = counts.get(`${index + 1}-${h}`) ?? 0;
                return (
                  <td
                    key={h}
                    className={`h-5 rounded-sm ${shade(n)}`}
                    title={r.cellLabel(weekday, hourLabel(h), n)}
                  >
                    <span className="sr-only">{n}</span>
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
