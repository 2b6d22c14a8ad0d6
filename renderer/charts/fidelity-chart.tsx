import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { FidelityReport } from '../../shared/graph';

/**
 * Where fidelity is lost: top-1 agreement (%) and mean KL of the cache part (specialised vs
 * full context), the quantisation part (quantised vs specialised) and the total. Pure: props in,
 * SVG out, so reports can render it in Node.
 */
export function FidelityChart({ report, width = 560 }: { report: FidelityReport; width?: number }) {
  const parts = [
    { part: 'cache', summary: report.cache },
    { part: 'quantisation', summary: report.quantization },
    { part: 'total', summary: report.total },
  ].flatMap(({ part, summary }) =>
    summary ? [{ part, top1: 100 * summary.top1Agreement, kl: summary.klMean }] : [],
  );
  return (
    <BarChart
      width={width}
      height={240}
      data={parts}
      margin={{ top: 8, right: 48, left: 8, bottom: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="part" />
      <YAxis yAxisId="top1" domain={[0, 100]} unit="%" />
      <YAxis
        yAxisId="kl"
        orientation="right"
        tickFormatter={(value: number) => value.toExponential(0)}
      />
      <Tooltip />
      <Legend />
      <Bar
        yAxisId="top1"
        dataKey="top1"
        name="top-1 agreement (%)"
        fill="#2f6fde"
        isAnimationActive={false}
      />
      <Bar
        yAxisId="kl"
        dataKey="kl"
        name="mean KL (nats)"
        fill="#e07b39"
        isAnimationActive={false}
      />
    </BarChart>
  );
}
