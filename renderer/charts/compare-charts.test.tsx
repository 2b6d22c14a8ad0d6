import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { fidelityBand, frontierLines, paretoData, windowSeries } from './compare-chart-data';
import { CompareParetoChart, paretoTable } from './compare-pareto-chart';
import { configuration } from './compare-testing';
import { CompareTtftWindowChart, ttftWindowTable } from './compare-ttft-window-chart';

/** What the tests read of a rendered chart (tsconfig.node.json has no DOM library). */
interface Rendered {
  querySelector(selector: string): Rendered | null;
  querySelectorAll(selector: string): ArrayLike<Rendered> & Iterable<Rendered>;
  getAttribute(name: string): string | null;
  textContent: string | null;
}

function mount(ui: ReactElement): Rendered {
  return render(ui).container as unknown as Rendered;
}

function ticks(container: Rendered) {
  return [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(
    (tick) => tick.textContent,
  );
}

// Two chunk sizes × three windows, TTFT growing with the window.
const grid = [32, 64].flatMap((chunk) =>
  [128, 256, 512].map((window) =>
    configuration({ scenario: { chunk, window }, ttftMs: window / 2 + chunk }),
  ),
);

describe('TTFT vs window chart', () => {
  it('groups configurations into one series per chunk size, in window order', () => {
    const series = windowSeries([...grid].reverse());
    expect(series.map((line) => line.name)).toEqual(['chunk 32', 'chunk 64']);
    expect(series[0]!.points.map((point) => point.window)).toEqual([128, 256, 512]);
    const [below, above] = series[0]!.points[0]!.errorMs;
    expect(below).toBeCloseTo(4.8);
    expect(above).toBeCloseTo(4.8);
  });

  it('names series by what else varies, and leaves out what has no TTFT', () => {
    const mixed = [
      configuration({ quant: 'int8' }),
      configuration({ quant: 'int4-g32' }),
      configuration({ status: 'infeasible', reason: 'window over the limit' }),
    ];
    expect(windowSeries(mixed).map((line) => line.name)).toEqual([
      'chunk 64 · int4-g32',
      'chunk 64 · int8',
    ]);
  });

  it('draws a line per chunk size with CI error bars and units on both axes', () => {
    const container = mount(<CompareTtftWindowChart configurations={grid} />);
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(container.querySelectorAll('.recharts-errorBar').length).toBeGreaterThanOrEqual(6);
    expect(ticks(container).some((tick) => tick?.endsWith(' ms'))).toBe(true);
    expect(ticks(container).some((tick) => tick?.endsWith(' tok'))).toBe(true);
    expect(container.textContent).toContain('window (tokens)');
  });

  it('tabulates every point with its CI', () => {
    const { rows } = ttftWindowTable({ configurations: grid });
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual(['chunk 32', 128, 96, 91.2, 100.8, 8]);
  });

  it('shows an empty state without measured configurations', () => {
    const container = mount(
      <CompareTtftWindowChart configurations={[configuration({ status: 'failed' })]} />,
    );
    expect(container.querySelector('svg')).toBeNull();
    expect(container.textContent).toContain('No measured TTFT');
  });
});

const plane = [
  configuration({
    scenario: { window: 128 },
    ttftMs: 100,
    peakMib: 400,
    pareto: true,
    cosine: 0.9,
  }),
  configuration({ scenario: { window: 256 }, ttftMs: 150, peakMib: 250, pareto: true }),
  configuration({ scenario: { window: 512 }, ttftMs: 200, peakMib: 300, cosine: 0.9995 }),
  configuration({ scenario: { window: 1024 }, ttftMs: 220, peakMib: 320, throttledSamples: 3 }),
  configuration({ scenario: { window: 2048 }, status: 'infeasible', reason: 'state over 4 GiB' }),
];

describe('Pareto chart', () => {
  it('bands fidelity by cosine', () => {
    expect([0.9995, 0.995, 0.96, 0.5, null].map((cosine) => fidelityBand(cosine).id)).toEqual([
      'excellent',
      'good',
      'fair',
      'poor',
      'unknown',
    ]);
  });

  it('splits drawable points from the rest and orders the frontier by TTFT', () => {
    const { points, unplotted } = paretoData(plane);
    expect(points).toHaveLength(4);
    expect(unplotted).toEqual([
      expect.objectContaining({ status: 'infeasible', reason: 'state over 4 GiB' }),
    ]);
    expect(frontierLines(points).map((line) => line.map((point) => point.ttftMs))).toEqual([
      [100, 150],
    ]);
  });

  it('draws every point coloured by fidelity, the frontier, throttled marks and the budgets', () => {
    const container = mount(
      <CompareParetoChart
        configurations={plane}
        budgets={{ maxPeakMemoryMb: 350, maxTtftMs: 210 }}
      />,
    );
    expect(container.querySelectorAll('.compare-point circle')).toHaveLength(4);
    expect(container.querySelector('.compare-point.compare-band-poor')).not.toBeNull();
    expect(container.querySelector('.compare-point.compare-band-excellent')).not.toBeNull();
    expect(container.querySelectorAll('.compare-throttled .compare-throttled-mark')).toHaveLength(
      1,
    );
    // Each point is drawn where the axes put its values, and says what it is when hovered.
    const fastest = [...container.querySelectorAll('.compare-point')].find((point) =>
      point.querySelector('title')?.textContent?.includes('TTFT 100 ms'),
    );
    expect(fastest?.querySelector('title')?.textContent).toContain('on the frontier');
    const circles = [...container.querySelectorAll('.compare-point circle')];
    const xs = circles.map((circle) => Number(circle.getAttribute('cx')));
    expect(Number(fastest?.querySelector('circle')?.getAttribute('cx'))).toBe(Math.min(...xs));
    expect(container.querySelector('.compare-frontier .recharts-line-curve')).not.toBeNull();
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(2);
    expect(ticks(container).some((tick) => tick?.endsWith(' MiB'))).toBe(true);
    expect(ticks(container).some((tick) => tick?.endsWith(' ms'))).toBe(true);
    expect(container.querySelector('.compare-legend')?.textContent).toContain('cosine ≥ 0.999');
    expect(container.querySelector('.compare-unplotted')?.textContent).toContain(
      'infeasible c64-s4-w2048-mem · int4-g32 on emulator-5554: state over 4 GiB',
    );
  });

  it('tabulates drawn and undrawn configurations', () => {
    const { rows } = paretoTable({ configurations: plane });
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual([
      'c64-s4-w128-mem · int4-g32',
      'emulator-5554 (emulated)',
      100,
      400,
      0.9,
      'yes',
      'no',
      'measured',
    ]);
    expect(rows[4]![7]).toBe('infeasible: state over 4 GiB');
  });

  it('lists what cannot be drawn even when nothing can', () => {
    const container = mount(<CompareParetoChart configurations={plane.slice(4)} />);
    expect(container.querySelector('svg')).toBeNull();
    expect(container.textContent).toContain('No measured configuration');
    expect(container.textContent).toContain('state over 4 GiB');
  });
});
