'use client';

import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';

// Legend labels in dark text (recharts colours them like their series, too pale to read).
const legendText = (value: string) => <span style={{ color: '#334155' }}>{value}</span>;

// A share of a whole (AI vs people, hot/warm/cold) as a ring. Drawn for the eye only: the
// caption and the data table beside it carry the numbers in text.
export type Slice = { name: string; value: number; color: string };

export function DonutChart({ slices }: { slices: Slice[] }) {
  return (
    <div aria-hidden="true" inert className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 300, height: 224 }}>
        <PieChart accessibilityLayer={false}>
          <Pie
            data={slices}
            dataKey="value"
            nameKey="name"
            innerRadius="55%"
            outerRadius="85%"
            paddingAngle={1}
            isAnimationActive={false}
            rootTabIndex={-1}
          >
            {slices.map((slice) => (
              <Cell key={slice.name} fill={slice.color} />
            ))}
          </Pie>
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
