import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartTableData } from './chart-table';
import { ChartFrame, categoryInterval, everyTick, runColors } from './run-chart-parts';

/** One prefill chunk of one repetition: its compute and its state update (ms). */
export interface PrefillChunk {
  rep: number;
  i: number;
  computeMs: number;
  stateMs: number;
  warmup?: boolean;
}

/** The chart's props: every chunk so far, and the repetition to detail (default: the latest). */
export interface RunPrefillTimelineChartProps {
  chunks: readonly PrefillChunk[];
  rep?: number;
  width?: number;
  height?: number;
}

/** A repetition's prefill: the sums of its chunks' compute and state update (ms). */
export interface PrefillTotal {
  rep: number;
  computeMs: number;
  stateMs: number;
  warmup: boolean;
}

/** Per-repetition totals, in repetition order. */
export function prefillTotals(chunks: readonly PrefillChunk[]): PrefillTotal[] {
  const byRep = new Map<number, PrefillTotal>();
  for (const chunk of chunks) {
    const total = byRep.get(chunk.rep) ?? {
      rep: chunk.rep,
      computeMs: 0,
      stateMs: 0,
      warmup: false,
    };
    total.computeMs += chunk.computeMs;
    total.stateMs += chunk.stateMs;
    total.warmup ||= chunk.warmup === true;
    byRep.set(chunk.rep, total);
  }
  return [...byRep.values()].sort((a, b) => a.rep - b.rep);
}

/** The table view: one row per chunk. */
export function prefillTable({
  chunks,
}: Pick<RunPrefillTimelineChartProps, 'chunks'>): ChartTableData {
  return {
    columns: ['repetition', 'chunk', 'compute (ms)', 'state update (ms)', 'total (ms)', 'warm-up'],
    rows: chunks.map((chunk) => [
      chunk.rep,
      chunk.i,
      chunk.computeMs,
      chunk.stateMs,
      chunk.computeMs + chunk.stateMs,
      chunk.warmup ? 'yes' : 'no',
    ]),
  };
}

function stackedBars({ idPrefix }: { idPrefix: string }) {
  return [
    <Bar
      key="compute"
      dataKey="computeMs"
      name="compute (ms)"
      stackId={idPrefix}
      fill={runColors.compute}
      isAnimationActive={false}
    />,
    <Bar
      key="state"
      dataKey="stateMs"
      name="state update (ms)"
      stackId={idPrefix}
      fill={runColors.state}
      isAnimationActive={false}
    />,
  ];
}

/**
 * Prefill, stacked compute vs state update (ms): per chunk of one repetition (the latest unless
 * `rep` says), and per repetition in total beside it. Pure.
 */
export function RunPrefillTimelineChart({
  chunks,
  rep,
  width = 560,
  height = 220,
}: RunPrefillTimelineChartProps) {
  const shownRep = rep ?? chunks.at(-1)?.rep;
  const detail = useMemo(
    () => chunks.filter((chunk) => chunk.rep === shownRep),
    [chunks, shownRep],
  );
  const totals = useMemo(() => prefillTotals(chunks), [chunks]);
  const empty =
    chunks.length === 0 && 'No prefill chunks yet: bars appear as the runner reports each chunk.';
  const margin = { top: 8, right: 16, left: 0, bottom: 16 };
  return (
    <ChartFrame empty={empty}>
      <div className="run-chart-pair">
        <BarChart width={Math.round(width * 0.6)} height={height} data={detail} margin={margin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="i"
            interval={categoryInterval(detail.length, width * 0.6)}
            label={{
              value: `chunk (#), repetition ${shownRep ?? ''}`,
              position: 'insideBottom',
              offset: -8,
            }}
          />
          <YAxis unit=" ms" width={64} interval={everyTick} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {stackedBars({ idPrefix: 'chunk' })}
        </BarChart>
        <BarChart width={Math.round(width * 0.4)} height={height} data={totals} margin={margin}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="rep"
            interval={categoryInterval(totals.length, width * 0.4)}
            label={{ value: 'repetition (#)', position: 'insideBottom', offset: -8 }}
          />
          <YAxis unit=" ms" width={64} interval={everyTick} />
          <Tooltip />
          {stackedBars({ idPrefix: 'rep' })}
        </BarChart>
      </div>
    </ChartFrame>
  );
}
