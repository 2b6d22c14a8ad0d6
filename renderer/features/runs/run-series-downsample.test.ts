import { describe, expect, it } from 'vitest';
import type { RunSample } from '../../../shared/run';
import { appendToSeries, emptySeries, type MemoryPoint, type RunSeries } from './run-series';
import { downsampleLttb, downsampled } from './run-series-downsample';
import { seededRandom } from './testing-run-samples';

const lowestAt = 123_457;
const highestAt = 876_543;

/** A run's memory at `count` outside samples: noise, one dip and one spike. */
function memorySamples(from: number, count: number, random: () => number): RunSample[] {
  return memoryPoints(from, count, random).map((point) => ({
    i: point.t / 4,
    t: point.t,
    kind: 'device',
    throttled: false,
    sample: {
      memory: {
        vmRssKb: point.rssKb,
        vmHwmKb: point.hwmKb,
        rssAnonKb: null,
        rssFileKb: null,
        pssKb: null,
      },
      thermal: null,
      battery: null,
      cpuFreqKhz: [],
      power: null,
    },
  }));
}

function memoryPoints(from: number, count: number, random: () => number): MemoryPoint[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const noise = 50_000 + Math.floor(random() * 1000);
    const rssKb = i === lowestAt ? 10 : i === highestAt ? 900_000 : noise;
    return { t: i * 4, rssKb, hwmKb: rssKb, pssKb: null, source: 'device' };
  });
}

/** A million memory points, built as the fold builds them (deriving them is not under test). */
function millionPointSeries(): RunSeries {
  return { ...emptySeries('r1'), memory: memoryPoints(0, 1_000_000, seededRandom(3)) };
}

describe('downsampled', () => {
  it('brings a million points under maxPoints, keeping the ends and the extremes', () => {
    const series = millionPointSeries();
    expect(series.memory).toHaveLength(1_000_000);
    const { memory } = downsampled(series, 500);
    expect(memory.length).toBeLessThanOrEqual(500);
    expect(memory.length).toBeGreaterThan(400);
    expect(memory[0]).toBe(series.memory[0]);
    expect(memory.at(-1)).toBe(series.memory.at(-1));
    expect(memory).toContain(series.memory[lowestAt]);
    expect(memory).toContain(series.memory[highestAt]);
    const times = memory.map((point) => point.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers the same object for an unchanged series, and recomputes only what grew in place', () => {
    const random = seededRandom(4);
    const first = appendToSeries(emptySeries('r1'), memorySamples(0, 5000, random));
    const once = downsampled(first, 100);
    expect(downsampled(first, 100)).toBe(once);
    const grown = appendToSeries(first, memorySamples(5000, 10, random));
    const again = downsampled(grown, 100);
    expect(grown.memory).toBe(first.memory);
    expect(again.memory).not.toBe(once.memory);
    expect(again.memory.at(-1)).toBe(grown.memory.at(-1));
    expect(again.power).toBe(once.power);
    expect(downsampled(grown, 50).memory.length).toBeLessThanOrEqual(50);
  });

  it('hands a short series back whole, as it was when asked', () => {
    const random = seededRandom(5);
    const series = appendToSeries(emptySeries('r1'), memorySamples(0, 20, random));
    const { memory } = downsampled(series, 100);
    expect(memory).toEqual(series.memory);
    appendToSeries(series, memorySamples(20, 5, random));
    expect(memory).toHaveLength(20);
  });

  it('puts back an extreme that LTTB left out', () => {
    // A dip right beside a taller spike: one bucket, and LTTB keeps one point of it.
    const points: MemoryPoint[] = Array.from({ length: 1000 }, (_, t) => ({
      t,
      rssKb: t === 500 ? 1_000_000 : t === 501 ? 0 : 1000,
      hwmKb: 0,
      pssKb: null,
      source: 'device',
    }));
    const kept = downsampleLttb(
      points,
      10,
      (point) => point.t,
      (point) => point.rssKb,
    );
    expect(kept.length).toBeLessThanOrEqual(10);
    expect(kept).toContain(points[500]);
    expect(kept).toContain(points[501]);
  });
});
