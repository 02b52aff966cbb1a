// A small bar chart of the AI's median reply time per day (plain SVG, no client code).
export function ReplyTimeChart({
  days,
  locale,
  formatSeconds,
  emptyText,
  title,
}: {
  days: { day: string; median: number | null; replies: number }[];
  locale: string;
  formatSeconds: (seconds: number) => string;
  emptyText: string;
  title: string;
}) {
  const max = Math.max(1, ...days.map((d) => d.median ?? 0));
  if (days.every((d) => d.replies === 0)) return <p className="text-sm text-slate-600">{emptyText}</p>;
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return (
    <figure>
      <svg viewBox="0 0 350 140" role="img" aria-label={title} className="h-40 w-full">
        {days.map((d, index) => {
          const height = d.median === null ? 0 : Math.max(2, (d.median / max) * 100);
          const x = index * 50 + 10;
          return (
            <g key={d.day}>
              <title>{`${d.day}: ${d.median === null ? '—' : formatSeconds(d.median)} (${d.replies})`}</title>
              <rect x={x} y={110 - height} width={30} height={height} rx={4} className="fill-teal-600" />
              <text x={x + 15} y={106 - height} textAnchor="middle" className="fill-slate-700 text-[10px]">
                {d.median === null ? '' : formatSeconds(d.median)}
              </text>
              <text x={x + 15} y={128} textAnchor="middle" className="fill-slate-600 text-[11px]">
                {weekday.format(new Date(`${d.day}T12:00:00Z`))}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
