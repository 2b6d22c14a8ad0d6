import { median } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import type { RunSample } from '../../../shared/run';
import { summarise } from '../../../shared/run-statistics';
import {
  appendToSeries,
  deriveSeries,
  emptySeries,
  withCountingRule,
  type RunSeries,
} from './run-series';
import { randomBatches, syntheticRun } from './testing-run-samples';

/** The chart-facing part of a series (version and fold state are bookkeeping). */
function charted(series: RunSeries) {
  return JSON.parse(JSON.stringify({ ...series, version: 0, fold: null })) as unknown;
}

function appendInBatches(samples: readonly RunSample[], seed: number): RunSeries {
  return randomBatches(samples, seed).reduce(appendToSeries, emptySeries('r1'));
}

describe('RunSeries', () => {
  it('comes out the same however the samples are cut into batches', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const samples = syntheticRun({ seed, repetitions: 3 + (seed % 4) });
      const whole = deriveSeries('r1', samples);
      expect(charted(appendInBatches(samples, seed * 7))).toEqual(charted(whole));
    }
  });

  it('matches the samples it was derived from', () => {
    const samples = syntheticRun({ seed: 3, warmup: 2, repetitions: 5, chunks: 4, tokens: 6 });
    const series = deriveSeries('r1', samples);
    const runner = samples.flatMap((s) => (s.kind === 'runner' ? [s.event] : []));
    const device = samples.flatMap((s) => (s.kind === 'device' ? [s] : []));
    const ttfts = runner.flatMap((e) => (e.ev === 'first_token' ? [e.ttft_ms] : []));
    expect(series.ttft.map((p) => p.ms)).toEqual(ttfts);
    expect(series.ttft.filter((p) => p.warmup)).toHaveLength(2);
    expect(series.chunks).toHaveLength(7 * 4);
    expect(series.decode.map((p) => p.tokens)).toEqual(Array(7).fill(6));
    const steps = runner.flatMap((e) =>
      e.ev === 'token' && e.rep === 0 && !e.warmup ? [e.ms] : [],
    );
    const decode = series.decode.find((p) => p.rep === 0 && !p.warmup)!;
    expect(decode.tokS).toBeCloseTo((6 * 1000) / steps.reduce((a, b) => a + b, 0));
    const rss = [
      ...device.map((s) => s.sample.memory!.vmRssKb),
      ...runner.flatMap((e) => (e.ev === 'mem' ? [e.rss_kb] : [])),
    ];
    expect(series.memoryPeak?.rssKb).toBe(Math.max(...rss));
    expect(series.memory).toHaveLength(rss.length);
    expect(series.cpuFreq).toHaveLength(device.length);
    expect(series.held).toHaveLength(7);
    expect(series.sampleCount).toBe(samples.length);
    expect(series.lastIndex).toBe(samples.length - 1);
  });

  it('keeps the running median and interval of the counted TTFTs, as the summary defines them', () => {
    const samples = syntheticRun({ seed: 11, warmup: 1, repetitions: 6 });
    const series = deriveSeries('r1', samples, { includeThrottled: true });
    const measured = series.ttft.filter((p) => !p.warmup);
    measured.forEach((point, k) => {
      const statistic = summarise(measured.slice(0, k + 1).map((p) => p.ms))!;
      expect(point).toMatchObject({ n: k + 1, median: statistic.median, ciLow: statistic.ciLow });
      expect(point.ciHigh).toBe(statistic.ciHigh);
    });
    expect(series.ttft[0]).toMatchObject({ warmup: true, counted: false, median: null });
  });

  it('draws the running interval at every repetition up to 32, then each tenth of growth', () => {
    const samples = syntheticRun({ seed: 12, warmup: 0, repetitions: 80, chunks: 1, tokens: 1 });
    const series = deriveSeries('r1', samples, { includeThrottled: true });
    const values = series.ttft.map((p) => p.ms);
    const drawnAt = [...new Set(series.ttft.map((p) => p.ciN))];
    expect(drawnAt.slice(0, 32)).toEqual(Array.from({ length: 32 }, (_, k) => k + 1));
    expect(drawnAt.slice(32)).toEqual([36, 40, 44, 49, 54, 60, 66, 73, 81].filter((n) => n <= 80));
    const drawn = new Map(drawnAt.map((n) => [n, summarise(values.slice(0, n))!]));
    for (const point of series.ttft) {
      const statistic = drawn.get(point.ciN)!;
      expect([point.ciLow, point.ciHigh]).toEqual([statistic.ciLow, statistic.ciHigh]);
      expect(point.median).toBe(median(values.slice(0, point.n)));
    }
  });

  it('leaves throttled repetitions out of the statistic unless the run counts them', () => {
    const throttledRuns = Array.from({ length: 20 }, (_, k) => syntheticRun({ seed: 100 + k }));
    const samples = throttledRuns.find((run) =>
      deriveSeries('r', run).ttft.some((p) => p.throttled),
    )!;
    const series = deriveSeries('r1', samples);
    const throttled = series.ttft.filter((p) => p.throttled && !p.warmup);
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((p) => !p.counted)).toBe(true);
    const counted = series.ttft.filter((p) => p.counted).map((p) => p.ms);
    expect(series.ttft.at(-1)!.median).toBe(counted.length ? summarise(counted)!.median : null);
  });

  it('counts the TTFTs again under the rule of the run, as if derived under it', () => {
    for (let seed = 100; seed < 110; seed++) {
      const samples = syntheticRun({ seed });
      const recounted = withCountingRule(deriveSeries('r1', samples), true);
      expect(charted(recounted)).toEqual(
        charted(deriveSeries('r1', samples, { includeThrottled: true })),
      );
      expect(recounted.fold.includeThrottled).toBe(true);
    }
  });

  it('spans each throttled stretch up to the next sample that is not throttled', () => {
    const series = deriveSeries('r1', [
      device(0, 10, false),
      device(1, 20, true),
      device(2, 30, true),
      device(3, 40, false),
      device(4, 50, true),
    ]);
    expect(series.throttledSpans).toEqual([
      { start: 20, end: 40 },
      { start: 50, end: 50 },
    ]);
    expect(series.thermal.map((p) => p.throttled)).toEqual([false, true, true, false, true]);
  });

  it('integrates power into energy and charge', () => {
    const series = deriveSeries('r1', [device(0, 0, false), device(1, 1000, false)]);
    // 100 mA at 4 V for one second: 400 mW, 400 mJ, 100 000 µA over 1/3600 h.
    expect(series.power.map((p) => p.mw)).toEqual([400, 400]);
    expect(series.power[1]!.energyMj).toBeCloseTo(400);
    expect(series.power[1]!.chargeUah).toBeCloseTo(100_000 / 3600);
  });

  it('keeps the newest log lines only, counting those it let go', () => {
    const logs: RunSample[] = Array.from({ length: 30 }, (_, i) => ({
      i,
      t: i,
      kind: 'log',
      source: 'stderr',
      line: `line ${i}`,
    }));
    let series = emptySeries('r1', { logsKept: 8 });
    for (const batch of randomBatches(logs, 5, 4)) series = appendToSeries(series, batch);
    expect(series.logs.map((l) => l.i)).toEqual([22, 23, 24, 25, 26, 27, 28, 29]);
    expect(series.logsDropped).toBe(22);
  });

  it('skips samples it already has, and a batch of only those changes nothing', () => {
    const samples = syntheticRun({ seed: 2 });
    const series = deriveSeries('r1', samples);
    expect(appendToSeries(series, samples.slice(3, 9))).toBe(series);
    expect(series.version).toBe(1);
  });
});

function device(i: number, t: number, throttled: boolean): RunSample {
  return {
    i,
    t,
    kind: 'device',
    throttled,
    sample: {
      memory: null,
      thermal: { status: throttled ? 'severe' : 'none', sensors: [], otherSensors: [] },
      battery: null,
      cpuFreqKhz: [],
      power: { currentUa: 100_000, voltageUv: 4_000_000 },
    },
  };
}
