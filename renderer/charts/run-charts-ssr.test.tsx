// @vitest-environment node
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChartTable } from './chart-table';
import { RunCpuFreqChart } from './run-cpu-freq-chart';
import { RunDecodeChart } from './run-decode-chart';
import { RunEnergyChart } from './run-energy-chart';
import { RunMemoryChart } from './run-memory-chart';
import { RunPrefillTimelineChart } from './run-prefill-timeline-chart';
import { RunTtftChart, ttftTable } from './run-ttft-chart';

// Node, no DOM: what electron/core/reports will do. Recharts 3 draws a chart's SVG only after
// its first effects (recharts#5997), so here the charts must not touch window/document and give
// their wrapper; the drawn SVG is checked in jsdom (run-charts.test.tsx).
const ttft = [
  { rep: 0, ttftMs: 130, warmup: true },
  { rep: 1, ttftMs: 121, warmup: false },
];

describe('run charts in Node', () => {
  it('renders every chart on data without a DOM', () => {
    const charts = [
      <RunTtftChart
        key="ttft"
        points={ttft}
        median={[{ rep: 1, medianMs: 121, ciLowMs: 121, ciHighMs: 121 }]}
      />,
      <RunPrefillTimelineChart
        key="prefill"
        chunks={[{ rep: 0, i: 0, computeMs: 9, stateMs: 1 }]}
      />,
      <RunMemoryChart
        key="memory"
        points={[{ t: 0, rssBytes: 1 << 20, pssBytes: null }]}
        thermal={[{ from: 0, to: 10, status: 'light' }]}
      />,
      <RunDecodeChart key="decode" points={[{ rep: 0, tokS: 20, warmup: false }]} />,
      <RunCpuFreqChart key="cpu" points={[{ t: 0, cpuKhz: [1_000_000] }]} />,
      <RunEnergyChart
        key="energy"
        energy={{
          prefillUahPerToken: 1,
          decodeUahPerToken: null,
          prefillMjPerToken: 2,
          decodeMjPerToken: null,
          samples: 3,
          charging: true,
        }}
      />,
    ];
    for (const chart of charts) expect(renderToStaticMarkup(chart)).toContain('recharts-wrapper');
    expect(renderToStaticMarkup(charts[5]!)).toContain('Charging');
  });

  it('renders the empty states as plain markup', () => {
    const html = renderToStaticMarkup(
      <>
        <RunTtftChart points={[]} />
        <RunPrefillTimelineChart chunks={[]} />
        <RunMemoryChart points={[]} />
        <RunDecodeChart points={[]} />
        <RunCpuFreqChart points={[]} />
        <RunEnergyChart energy={null} />
      </>,
    );
    expect(html.match(/class="chart-empty"/g)).toHaveLength(6);
    expect(html).toContain('Energy not reported');
  });

  it('renders a table view with a row per point', () => {
    const html = renderToStaticMarkup(
      <ChartTable table={ttftTable({ points: ttft })} caption="TTFT" />,
    );
    expect(html.match(/<tr>/g)).toHaveLength(ttft.length + 1);
    expect(html).toContain('<th scope="col">TTFT (ms)</th>');
    expect(html).toContain('<td>121</td>');
  });
});
