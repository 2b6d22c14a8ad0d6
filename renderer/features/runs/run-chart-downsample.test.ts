import { describe, expect, it } from 'vitest';
import { blockDownsampler, blockSize } from './run-chart-downsample';
import { downsampleLttb } from './run-series-downsample';
import { seededRandom } from './testing-run-samples';

interface Point {
  t: number;
  v: number;
}
const x = (point: Point) => point.t;
const y = (point: Point) => point.v;

function walk(count: number, seed: number): Point[] {
  const random = seededRandom(seed);
  let v = 0;
  return Array.from({ length: count }, (_, t) => ({ t, v: (v += random() - 0.5) }));
}

describe('blockDownsampler', () => {
  it('answers short series whole and long ones in time order within maxPoints, ends and extremes kept', () => {
    const reduce = blockDownsampler(x, y);
    expect(reduce(walk(500, 1), 1000)).toHaveLength(500);
    const points = walk(blockSize * 7 + 123, 2);
    const kept = reduce(points, 300);
    expect(kept.length).toBeLessThanOrEqual(300);
    expect(kept[0]).toBe(points[0]);
    expect(kept.at(-1)).toBe(points.at(-1));
    expect(kept.every((point, k) => k === 0 || point.t > kept[k - 1]!.t)).toBe(true);
    const values = points.map(y);
    expect(kept.map(y)).toContain(Math.max(...values));
    expect(kept.map(y)).toContain(Math.min(...values));
  });

  it('as the series grows in place, answers what a fresh downsampler answers from scratch', () => {
    const reduce = blockDownsampler(x, y);
    const all = walk(blockSize * 5 + 999, 3);
    const growing: Point[] = [];
    for (let at = 0; at < all.length; at += 1777) {
      growing.push(...all.slice(at, at + 1777));
      const incremental = reduce(growing, 400);
      expect(incremental).toEqual(blockDownsampler(x, y)(growing.slice(), 400));
    }
  });

  it('stays close to a whole-series LTTB: every kept point is a point of the series', () => {
    const points = walk(blockSize * 9, 4);
    const kept = blockDownsampler(x, y)(points, 500);
    const whole = downsampleLttb(points, 500, x, y);
    expect(kept.every((point) => points[point.t] === point)).toBe(true);
    // The same envelope: both keep the series' extremes.
    expect(Math.max(...kept.map(y))).toBe(Math.max(...whole.map(y)));
    expect(Math.min(...kept.map(y))).toBe(Math.min(...whole.map(y)));
  });
});
