import { memo } from 'react';
import { cpuFreqTable, RunCpuFreqChart } from '../../charts/run-cpu-freq-chart';
import { decodeTable, RunDecodeChart } from '../../charts/run-decode-chart';
import { energyTable, RunEnergyChart } from '../../charts/run-energy-chart';
import { memoryTable, RunMemoryChart } from '../../charts/run-memory-chart';
import { prefillTable, RunPrefillTimelineChart } from '../../charts/run-prefill-timeline-chart';
import { RunTtftChart, ttftTable } from '../../charts/run-ttft-chart';
import type { ThermalSpan } from '../../charts/thermal-band';
import { ChartCard } from '../../components/chart-card';
import type { Energy, MemoryBreakdown, RunSummary } from '../../../shared/run-metrics';
import { formatBytes } from '../graphs/format-bytes';
import {
  cpuData,
  decodeData,
  memoryData,
  prefillData,
  ttftData,
  type RunChartData,
} from './run-chart-data';
import type { MemoryPeak, RunSeries } from './run-series';
import { usePaced } from './use-paced';

/** How often each chart of a live run is redrawn at most, ms (the cards take turns). */
export const liveChartPaceMs = 1000;

/** The charts' props: the run's series, and its summary once it is in. */
export interface RunChartsGridProps {
  series: RunSeries;
  summary: RunSummary | null;
  /** Points per long series handed to recharts. */
  maxPoints?: number;
  /** Redraw each chart at most this often (a live run: `liveChartPaceMs`); unset: at once. */
  paceMs?: number;
}

/**
 * The series each card draws, paced on its own slot so the cards redraw in turns; each card
 * maps only its own part (a card's turn does not downsample the others' series).
 */
function usePacedSeries(series: RunSeries, paceMs: number | undefined) {
  const slot = (paceMs ?? 0) / 5;
  return [
    usePaced(series, paceMs, 0),
    usePaced(series, paceMs, slot),
    usePaced(series, paceMs, 2 * slot),
    usePaced(series, paceMs, 3 * slot),
    usePaced(series, paceMs, 4 * slot),
  ] as const;
}

/**
 * Every chart of a run in its card (table view, SVG/PNG/CSV export): TTFT with its running
 * median and CI, prefill per chunk, memory with its peak and breakdown, decode, CPU frequencies
 * and energy; the thermal band behind the time charts. Each gets its series downsampled, and a
 * card is only redrawn when its own data changed (not on every sample of the run), and while
 * paced at most every `paceMs`, each card in its own turn.
 */
export function RunChartsGrid({ series, summary, maxPoints, paceMs }: RunChartsGridProps) {
  const [ttftSeries, prefillSeries, memorySeries, decodeSeries, cpuSeries] = usePacedSeries(
    series,
    paceMs,
  );
  const ttft = ttftData(ttftSeries);
  const memory = memoryData(memorySeries, maxPoints);
  const cpu = cpuData(cpuSeries, maxPoints);
  const id = series.runId;
  return (
    <div className="run-charts">
      <TtftCard runId={id} points={ttft.ttft} median={ttft.median} />
      <PrefillCard runId={id} chunks={prefillData(prefillSeries)} />
      <MemoryCard
        runId={id}
        points={memory.memory}
        thermal={memory.thermal}
        peak={memorySeries.memoryPeak}
        readings={memorySeries.memory.length}
        breakdown={summary?.memory ?? null}
      />
      <DecodeCard
        runId={id}
        points={decodeData(decodeSeries)}
        medianTokS={summary?.stats.decodeTokS?.median ?? null}
      />
      <CpuCard runId={id} points={cpu.cpuFreq} thermal={cpu.thermal} />
      <EnergyCard runId={id} energy={summary?.energy ?? null} />
    </div>
  );
}

const TtftCard = memo(function TtftCard(props: {
  runId: string;
  points: RunChartData['ttft'];
  median: RunChartData['median'];
}) {
  return (
    <ChartCard
      title="Time to first token"
      fileName={`${props.runId}-ttft`}
      table={ttftTable({ points: props.points, median: props.median })}
    >
      <RunTtftChart points={props.points} median={props.median} />
    </ChartCard>
  );
});

const PrefillCard = memo(function PrefillCard(props: {
  runId: string;
  chunks: RunChartData['chunks'];
}) {
  return (
    <ChartCard
      title="Prefill per chunk"
      fileName={`${props.runId}-prefill`}
      table={prefillTable({ chunks: props.chunks })}
    >
      <RunPrefillTimelineChart chunks={props.chunks} />
    </ChartCard>
  );
});

const MemoryCard = memo(function MemoryCard(props: {
  runId: string;
  points: RunChartData['memory'];
  thermal: readonly ThermalSpan[];
  peak: MemoryPeak | null;
  readings: number;
  breakdown: MemoryBreakdown | null;
}) {
  const { peak } = props;
  return (
    <ChartCard
      title="Memory"
      fileName={`${props.runId}-memory`}
      table={memoryTable({ points: props.points })}
    >
      <p className="chart-note" data-testid="memory-peak">
        {peak
          ? `Peak RSS ${formatBytes(peak.rssKb * 1024)} at ${(peak.t / 1000).toFixed(1)} s (high-water ${formatBytes(peak.hwmKb * 1024)}); ${props.readings} readings`
          : 'No memory reading yet'}
      </p>
      <RunMemoryChart points={props.points} breakdown={props.breakdown} thermal={props.thermal} />
    </ChartCard>
  );
});

const DecodeCard = memo(function DecodeCard(props: {
  runId: string;
  points: RunChartData['decode'];
  medianTokS: number | null;
}) {
  return (
    <ChartCard
      title="Decode speed"
      fileName={`${props.runId}-decode`}
      table={decodeTable({ points: props.points })}
    >
      <RunDecodeChart points={props.points} medianTokS={props.medianTokS} />
    </ChartCard>
  );
});

const CpuCard = memo(function CpuCard(props: {
  runId: string;
  points: RunChartData['cpuFreq'];
  thermal: readonly ThermalSpan[];
}) {
  return (
    <ChartCard
      title="CPU frequencies"
      fileName={`${props.runId}-cpu`}
      table={cpuFreqTable({ points: props.points })}
    >
      <RunCpuFreqChart points={props.points} thermal={props.thermal} />
    </ChartCard>
  );
});

const EnergyCard = memo(function EnergyCard(props: { runId: string; energy: Energy | null }) {
  return (
    <ChartCard
      title="Energy per token"
      fileName={`${props.runId}-energy`}
      table={energyTable({ energy: props.energy })}
    >
      <RunEnergyChart energy={props.energy} />
    </ChartCard>
  );
});
