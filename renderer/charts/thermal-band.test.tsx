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
  it('gives one area per span hotter than none, in seconds', () => {
    const areas = thermalBand(spans);
    expect(areas.map((area) => area.props)).toMatchObject([
      { x1: 2, x2: 5, className: 'thermal-band thermal-moderate' },
      { x1: 5, x2: 8, className: 'thermal-band thermal-severe' },
    ]);
  });

  it('draws the areas behind a time chart, labelled with their status', () => {
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
    expect(container.querySelectorAll('.recharts-reference-area')).toHaveLength(2);
    expect(container.textContent).toContain('thermal: severe');
  });
});
