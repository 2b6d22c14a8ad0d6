import { useMemo } from 'react';
import { cpuFreqTable, RunCpuFreqChart } from '../../charts/run-cpu-freq-chart';
import { decodeTable, RunDecodeChart } from '../../charts/run-decode-chart';
import { energyTable, RunEnergyChart } from '../../charts/run-energy-chart';
import { memoryTable, RunMemoryChart } from '../../charts/run-memory-chart';
import { prefillTable, RunPrefillTimelineChart } from '../../charts/run-prefill-timeline-chart';
import { RunTtftChart, ttftTable } from '../../charts/run-ttft-chart';
import { ChartCard } from '../../components/chart-card';
import type { RunSummary } from '../../../shared/run-metrics';
import { formatBytes } from '../graphs/format-bytes';
import { runChartData } from './run-chart-data';
import type { RunSeries } from './run-series';

/** The charts' props: the run's series, and its summary once it is in. */
export interface RunChartsGridProps {
  series: RunSeries;
  summary: RunSummary | null;
  /** Points per long series handed to recharts. */
  maxPoints?: number;
}

/**
 * Every chart of a run in its card (table view, SVG/PNG/CSV export): TTFT with its running
 * median and CI, prefill per chunk, memory with its peak and breakdown, decode, CPU frequencies
 * and energy; the thermal band behind the time charts. Each gets the series already downsampled.
 */
export function RunChartsGrid({ series, summary, maxPoints = 1000 }: RunChartsGridProps) {
  const data = runChartData(series, maxPoints);
  const name = (chart: string) => `${series.runId}-${chart}`;
  const peak = series.memoryPeak;
  const ttftTableData = useMemo(
    () => ttftTable({ points: data.ttft, median: data.median }),
    [data.ttft, data.median],
  );
  return (
    <div className="run-charts">
      <ChartCard title="Time to first token" fileName={name('ttft')} table={ttftTableData}>
        <RunTtftChart points={data.ttft} median={data.median} />
      </ChartCard>
      <ChartCard
        title="Prefill per chunk"
        fileName={name('prefill')}
        table={prefillTable({ chunks: data.chunks })}
      >
        <RunPrefillTimelineChart chunks={data.chunks} />
      </ChartCard>
      <ChartCard
        title="Memory"
        fileName={name('memory')}
        table={memoryTable({ points: data.memory })}
      >
        <p className="chart-note" data-testid="memory-peak">
          {peak
            ? `Peak RSS ${formatBytes(peak.rssKb * 1024)} at ${(peak.t / 1000).toFixed(1)} s (high-water ${formatBytes(peak.hwmKb * 1024)}); ${series.memory.length} readings`
            : 'No memory reading yet'}
        </p>
        <RunMemoryChart
          points={data.memory}
          breakdown={summary?.memory ?? null}
          thermal={data.thermal}
        />
      </ChartCard>
      <ChartCard
        title="Decode speed"
        fileName={name('decode')}
        table={decodeTable({ points: data.decode })}
      >
        <RunDecodeChart
          points={data.decode}
          medianTokS={summary?.stats.decodeTokS?.median ?? null}
        />
      </ChartCard>
      <ChartCard
        title="CPU frequencies"
        fileName={name('cpu')}
        table={cpuFreqTable({ points: data.cpuFreq })}
      >
        <RunCpuFreqChart points={data.cpuFreq} thermal={data.thermal} />
      </ChartCard>
      <ChartCard
        title="Energy per token"
        fileName={name('energy')}
        table={energyTable({ energy: summary?.energy ?? null })}
      >
        <RunEnergyChart energy={summary?.energy ?? null} />
      </ChartCard>
    </div>
  );
}
