'use client';

import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// Legend labels in dark text (recharts colours them like their series, too pale to read).
const legendText = (value: string) => <span style={{ color: '#334155' }}>{value}</span>;

// Messages received and sent per day (stacked bars) and conversations with activity (a line).
// Drawn for the eye only: the figure's caption and data table carry the same numbers in text.
export type DailyPoint = { label: string; conversations: number; inbound: number; outbound: number };

export function DailyChart({
  points,
  names,
}: {
  points: DailyPoint[];
  names: { conversations: string; inbound: string; outbound: string };
}) {
  return (
    <div aria-hidden="true" inert className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 340, height: 256 }}>
        <ComposedChart
          data={points}
          margin={{ top: 8, right: 8, bottom: 0, left: -16 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#475569' }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#475569' }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar dataKey="inbound" name={names.inbound} stackId="m" fill="#0f766e" isAnimationActive={false} />
          <Bar
            dataKey="outbound"
            name={names.outbound}
            stackId="m"
            fill="#5eead4"
            isAnimationActive={false}
          />
          <Line
            dataKey="conversations"
            name={names.conversations}
            stroke="#b45309"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
