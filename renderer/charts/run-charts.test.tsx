import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { Energy, MemoryBreakdown } from '../../shared/run-metrics';
import { RunCpuFreqChart, cpuFreqTable, type CpuFreqPoint } from './run-cpu-freq-chart';
import { RunDecodeChart, decodeTable, type DecodePoint } from './run-decode-chart';
import { RunEnergyChart, energyTable } from './run-energy-chart';
import {
  RunMemoryChart,
  breakdownFlags,
  memoryTable,
  runtimeFlag,
  type MemoryPoint,
} from './run-memory-chart';
import {
  RunPrefillTimelineChart,
  prefillTable,
  prefillTotals,
  type PrefillChunk,
} from './run-prefill-timeline-chart';
import { RunTtftChart, ttftTable, type TtftPoint } from './run-ttft-chart';
import { categoryInterval } from './run-chart-parts';

/**
 * What the tests read of a rendered chart. tsconfig.node.json compiles renderer/charts without
 * the DOM library (reports import it in Node), so the jsdom container is read through this.
 */
interface Rendered {
  querySelector(selector: string): Rendered | null;
  querySelectorAll(selector: string): ArrayLike<Rendered> & Iterable<Rendered>;
  textContent: string | null;
}

function mount(ui: ReactElement): Rendered {
  return render(ui).container as unknown as Rendered;
}

const mib = 1024 * 1024;
const ttft: TtftPoint[] = [0, 1, 2, 3, 4, 5].map((rep) => ({
  rep,
  ttftMs: 120 + rep * 3 + (rep % 2) * 5,
  warmup: rep < 2,
  throttled: rep === 4,
}));
const chunks: PrefillChunk[] = [0, 1, 2].flatMap((rep) =>
  [0, 1, 2, 3].map((i) => ({ rep, i, computeMs: 10 + i, stateMs: 2 + rep, warmup: rep === 0 })),
);
const memory: MemoryPoint[] = Array.from({ length: 200 }, (_, k) => ({
  t: k * 50,
  rssBytes: (100 + k) * mib,
  pssBytes: k % 7 === 0 ? null : (90 + k) * mib,
  throttled: k === 150,
}));
const breakdown: MemoryBreakdown = {
  peakBytes: 299 * mib,
  weightsBytes: 200 * mib,
  weightsSource: 'runner',
  kvCacheBytes: 80 * mib,
  memoryStateBytes: 40 * mib,
  runtimeBytes: -21 * mib,
  runtimeNegative: true,
  weightsCountedTwice: false,
};
const cpu: CpuFreqPoint[] = Array.from({ length: 50 }, (_, k) => ({
  t: k * 200,
  cpuKhz: [1_800_000, 2_400_000 - k * 10_000, k % 5 === 0 ? null : 1_200_000, 600_000],
  throttled: k > 40,
}));
const energy: Energy = {
  prefillUahPerToken: 0.8,
  decodeUahPerToken: 2.5,
  prefillMjPerToken: 11.2,
  decodeMjPerToken: 35,
  samples: 42,
  charging: true,
};

function ticks(container: Rendered) {
  return [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')].map(
    (tick) => tick.textContent,
  );
}

describe('TTFT chart', () => {
  const median = [2, 3, 4, 5].map((rep) => ({ rep, medianMs: 128, ciLowMs: 125, ciHighMs: 131 }));

  it('draws a symbol per repetition, the median line and its CI band, with units', () => {
    const container = mount(<RunTtftChart points={ttft} median={median} />);
    expect(container.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(ttft.length);
    expect(container.querySelectorAll('.recharts-scatter')).toHaveLength(3);
    expect(container.querySelector('.recharts-area-area')).not.toBeNull();
    expect(container.querySelector('.recharts-line-curve')).not.toBeNull();
    expect(ticks(container).some((tick) => tick?.endsWith(' ms'))).toBe(true);
    expect(container.textContent).toContain('repetition (#)');
  });

  it('tabulates each repetition with the running median after it', () => {
    const { rows } = ttftTable({ points: ttft, median });
    expect(rows).toHaveLength(ttft.length);
    expect(rows[0]).toEqual([0, ttft[0]!.ttftMs, 'yes', 'no', null, null, null]);
    expect(rows[4]).toEqual([4, ttft[4]!.ttftMs, 'no', 'yes', 128, 125, 131]);
  });

  it('says what it waits for over an empty frame without repetitions', () => {
    const container = mount(<RunTtftChart points={[]} />);
    // The frame is drawn (so the first repetition updates a mounted chart), with no point in it.
    expect(container.querySelector('.recharts-wrapper')).not.toBeNull();
    expect(container.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(0);
    expect(container.querySelector('.chart-frame > .chart-empty')?.textContent).toContain(
      'No TTFT yet',
    );
  });

  it('keeps one chart mounted from empty to drawn (an update, not a mount)', () => {
    const { container, rerender } = render(<RunTtftChart points={[]} />);
    const wrapper = container.querySelector('.recharts-wrapper');
    rerender(<RunTtftChart points={ttft} median={median} />);
    expect(container.querySelector('.recharts-wrapper')).toBe(wrapper);
    expect(container.querySelector('.chart-empty')).toBeNull();
    expect(container.querySelectorAll('.recharts-scatter-symbol').length).toBeGreaterThan(0);
  });
});

describe('category axis labels', () => {
  it('shows every label that fits its width, then every n-th', () => {
    // 360 px hold ten labels of 36 px.
    expect(categoryInterval(10, 360)).toBe(0);
    expect(categoryInterval(11, 360)).toBe(1);
    expect(categoryInterval(100, 360)).toBe(9);
    expect(categoryInterval(0, 360)).toBe(0);
    // However narrow, a chart shows at least its first and a later label.
    expect(categoryInterval(4, 10)).toBe(1);
  });
});

describe('prefill timeline chart', () => {
  it('stacks compute and state per chunk of the latest repetition, and per repetition', () => {
    const container = mount(<RunPrefillTimelineChart chunks={chunks} />);
    const [detail, totals] = container.querySelectorAll('.recharts-wrapper');
    expect(detail!.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(4 * 2);
    expect(totals!.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3 * 2);
    expect(detail!.textContent).toContain('repetition 2');
    expect(ticks(container).some((tick) => tick?.endsWith(' ms'))).toBe(true);
  });

  it('details the repetition asked for', () => {
    const container = mount(<RunPrefillTimelineChart chunks={chunks} rep={0} />);
    expect(container.textContent).toContain('repetition 0');
  });

  it('sums the totals and tabulates every chunk', () => {
    expect(prefillTotals(chunks)[1]).toEqual({ rep: 1, computeMs: 46, stateMs: 12, warmup: false });
    expect(prefillTotals(chunks)[0]!.warmup).toBe(true);
    const { rows } = prefillTable({ chunks });
    expect(rows).toHaveLength(chunks.length);
    expect(rows[5]).toEqual([1, 1, 11, 3, 14, 'no']);
  });

  it('shows an empty state without chunks', () => {
    expect(mount(<RunPrefillTimelineChart chunks={[]} />).textContent).toContain('No prefill');
  });
});

describe('memory chart', () => {
  it('draws RSS and PSS, the breakdown lines, a throttled mark and flags a negative runtime', () => {
    const container = mount(<RunMemoryChart points={memory} breakdown={breakdown} />);
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(2);
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(3);
    expect(container.querySelectorAll('.throttled-mark')).toHaveLength(1);
    expect(container.textContent).toContain('weights 200 MiB');
    expect(container.textContent).toContain('+ KV & memory 120 MiB');
    expect(container.querySelector('[role="note"]')?.textContent).toContain('runtime -21 MiB');
    expect(ticks(container).some((tick) => tick?.endsWith(' MiB'))).toBe(true);
    expect(ticks(container).some((tick) => tick?.endsWith(' s'))).toBe(true);
  });

  it('flags nothing when the runtime share is positive', () => {
    const positive = { ...breakdown, runtimeBytes: 10 * mib, runtimeNegative: false };
    expect(runtimeFlag(positive)).toBeNull();
    expect(breakdownFlags(positive)).toEqual([]);
    const container = mount(<RunMemoryChart points={memory} breakdown={positive} />);
    expect(container.querySelector('[role="note"]')).toBeNull();
  });

  it('notes weights counted twice in the legend, in the CLI words, beside a negative runtime', () => {
    const twice = { ...breakdown, weightsCountedTwice: true };
    const container = mount(<RunMemoryChart points={memory} breakdown={twice} />);
    const notes = [...container.querySelectorAll('[role="note"]')].map((note) => note.textContent);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('runtime -21 MiB');
    expect(notes[1]).toBe('⚠ weights counted twice (mapped pages and a packed copy)');
    const alone = { ...twice, runtimeBytes: 10 * mib, runtimeNegative: false };
    expect(breakdownFlags(alone)).toEqual([
      'weights counted twice (mapped pages and a packed copy)',
    ]);
  });

  it('tabulates readings in s and MiB', () => {
    const { rows } = memoryTable({ points: memory });
    expect(rows).toHaveLength(memory.length);
    expect(rows[7]).toEqual([0.35, 107, null, 'no']);
    expect(rows[150]![3]).toBe('yes');
  });

  it('shows an empty state without readings', () => {
    expect(mount(<RunMemoryChart points={[]} />).textContent).toContain('No memory readings');
  });
});

describe('decode chart', () => {
  const points: DecodePoint[] = ttft.map(({ rep, warmup, throttled }) => ({
    rep,
    warmup,
    throttled,
    tokS: 20 + rep,
  }));

  it('draws a bar per repetition, warm-up ones apart, and the median line', () => {
    const container = mount(<RunDecodeChart points={points} medianTokS={23.5} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(points.length);
    expect(container.querySelectorAll('.warmup')).toHaveLength(2);
    expect(container.textContent).toContain('median 23.5 tok/s');
    expect(ticks(container).some((tick) => tick?.endsWith(' tok/s'))).toBe(true);
  });

  it('tabulates each repetition', () => {
    expect(decodeTable({ points }).rows.map((row) => row[1])).toEqual(
      points.map((point) => point.tokS),
    );
  });

  it('shows an empty state without repetitions', () => {
    expect(mount(<RunDecodeChart points={[]} />).textContent).toContain('No decode');
  });
});

describe('CPU frequency chart', () => {
  it('draws one line per CPU in MHz over seconds', () => {
    const container = mount(<RunCpuFreqChart points={cpu} />);
    expect(container.querySelectorAll('.recharts-line')).toHaveLength(4);
    expect(container.querySelectorAll('.throttled-mark')).toHaveLength(9);
    expect(ticks(container).some((tick) => tick?.endsWith(' MHz'))).toBe(true);
    expect(ticks(container).some((tick) => tick?.endsWith(' s'))).toBe(true);
  });

  it('tabulates a column per CPU in MHz, gaps as null', () => {
    const { columns, rows } = cpuFreqTable({ points: cpu });
    expect(columns).toEqual([
      'time (s)',
      'cpu0 (MHz)',
      'cpu1 (MHz)',
      'cpu2 (MHz)',
      'cpu3 (MHz)',
      'throttled',
    ]);
    expect(rows[5]).toEqual([1, 1800, 2350, null, 600, 'no']);
  });

  it('shows an empty state without readings', () => {
    expect(mount(<RunCpuFreqChart points={[]} />).textContent).toContain('No CPU');
  });
});

describe('energy chart', () => {
  it('draws prefill and decode in µAh and mJ per token and says when charging', () => {
    const container = mount(<RunEnergyChart energy={energy} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(4);
    expect(ticks(container).some((tick) => tick?.endsWith(' µAh'))).toBe(true);
    expect(ticks(container).some((tick) => tick?.endsWith(' mJ'))).toBe(true);
    expect(container.textContent).toContain('Charging');
    expect(container.textContent).toContain('42 battery samples');
  });

  it('does not say charging when the phone was not', () => {
    const container = mount(<RunEnergyChart energy={{ ...energy, charging: false }} />);
    expect(container.textContent).not.toContain('Charging');
  });

  it('says not reported when absent, and tabulates the phases', () => {
    expect(mount(<RunEnergyChart energy={null} />).textContent).toContain('Energy not reported');
    expect(energyTable({ energy: null }).rows).toEqual([]);
    expect(energyTable({ energy }).rows).toEqual([
      ['prefill', 0.8, 11.2],
      ['decode', 2.5, 35],
    ]);
  });
});
