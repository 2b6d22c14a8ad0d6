import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

/** Props of the op histogram: op type → node count. */
export interface OpHistogramChartProps {
  histogram: Record<string, number>;
  /** How many of the most frequent ops to show. */
  top?: number;
  width?: number;
}

/** Horizontal bars of the most frequent op types of a graph (pure: props in, SVG out). */
export function OpHistogramChart({ histogram, top = 12, width = 520 }: OpHistogramChartProps) {
  const data = Object.entries(histogram)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([op, count]) => ({ op, count }));
  return (
    <BarChart
      width={width}
      height={28 * data.length + 40}
      data={data}
      layout="vertical"
      margin={{ left: 40, right: 16 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} />
      <YAxis type="category" dataKey="op" width={110} />
      <Tooltip />
      <Bar dataKey="count" name="nodes" fill="#2f6fde" isAnimationActive={false} />
    </BarChart>
  );
}
