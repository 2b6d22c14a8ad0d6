import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { CartesianGrid, Line, LineChart, XAxis, YAxis } from 'recharts';
import { describe, expect, it } from 'vitest';
import { thermalBand, thermalSpans, type ThermalSpan } from './thermal-band';

/**
 * What the tests read of a rendered chart. tsconfig.node.json compiles renderer/charts without
 * the DOM library (reports import it in Node), so the jsdom container is read through this.
 */
interface Rendered {
  querySelector(selector: string): Rendered | null;
  getAttribute(name: string): string | null;
  innerHTML?: string;
  querySelectorAll(selector: string): ArrayLike<Rendered> & Iterable<Rendered>;
  textContent: string | null;
}

function mount(ui: ReactElement): Rendered {
  return render(ui).container as unknown as Rendered;
}

const spans: ThermalSpan[] = [
  { from: 0, to: 2000, status: 'none' },
  { from: 2000, to: 5000, status: 'moderate' },
  { from: 5000, to: 8000, status: 'severe' },
];

describe('thermal spans', () => {
  it('merges consecutive readings at one status and holds each until the next reading', () => {
    const readings = [
      { t: 0, status: 'none' as const },
      { t: 1000, status: 'none' as const },
      { t: 2000, status: 'moderate' as const },
      { t: 3000, status: 'moderate' as const },
      { t: 5000, status: 'severe' as const },
      { t: 8000, status: 'severe' as const },
    ];
    expect(thermalSpans(readings)).toEqual(spans);
  });

  it('drops a last reading that starts no span', () => {
    expect(
      thermalSpans([
        { t: 0, status: 'light' },
        { t: 10, status: 'none' },
      ]),
    ).toEqual([{ from: 0, to: 10, status: 'light' }]);
  });
});

describe('thermal band', () => {
  it('is nothing when no span is hotter than none', () => {
    expect(thermalBand([{ from: 0, to: 9000, status: 'none' }])).toEqual([]);
  });

  it('draws a shaded stretch per span hotter than none at its seconds, under the lines, labelled', () => {
    const data = Array.from({ length: 10 }, (_, k) => ({ seconds: k, value: k }));
    const container = mount(
      <LineChart width={400} height={200} data={data}>
        <CartesianGrid />
        {thermalBand(spans)}
        <XAxis dataKey="seconds" type="number" unit=" s" domain={['dataMin', 'dataMax']} />
        <YAxis />
        <Line dataKey="value" isAnimationActive={false} />
      </LineChart>,
    );
    const bands = [...container.querySelectorAll('.thermal-band')];
    expect(bands.map((band) => band.getAttribute('class'))).toEqual([
      'thermal-band thermal-moderate',
      'thermal-band thermal-severe',
    ]);
    // 2 s to 5 s and 5 s to 8 s of a 0-9 s axis: equal widths, the second starting where the
    // first ends, both inside the plot.
    const rects = bands.map((band) => band.querySelector('rect')!);
    const [first, second] = rects.map((rect) => ({
      x: Number(rect.getAttribute('x')),
      width: Number(rect.getAttribute('width')),
    })) as [{ x: number; width: number }, { x: number; width: number }];
    expect(first.width).toBeGreaterThan(0);
    expect(second.width).toBeCloseTo(first.width, 6);
    expect(second.x).toBeCloseTo(first.x + first.width, 6);
    expect(container.textContent).toContain('thermal: severe');
    const svg = container.querySelector('svg')!.innerHTML ?? '';
    expect(svg.indexOf('thermal-band')).toBeLessThan(svg.indexOf('recharts-line-curve'));
  });
});
