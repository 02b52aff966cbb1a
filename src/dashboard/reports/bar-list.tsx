// Counts with a label each, as horizontal bars: the label and the number are text (they wrap on
// a phone), the bar is decoration sized by the count.
export type BarItem = { key: string; label: string; count: number; note?: string };

export function BarList({ items, label }: { items: BarItem[]; label: string }) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul className="mt-3 space-y-3" aria-label={label}>
      {items.map((item) => (
        <li key={item.key} className="text-sm">
          <div className="flex items-baseline justify-between gap-3">
            <span className="text-slate-800">{item.label}</span>
            <span className="shrink-0 font-semibold tabular-nums text-slate-900">
              {item.count}
              {item.note && <span className="ml-1 font-normal text-slate-600">{item.note}</span>}
            </span>
          </div>
          <div aria-hidden="true" className="mt-1 h-2 rounded-full bg-slate-100">
            <div className="h-2 rounded-full bg-teal-600" style={{ width: `${(item.count / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
