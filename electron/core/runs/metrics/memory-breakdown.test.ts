import { describe, expect, it } from 'vitest';
import type { ProcessMemoryReading } from '../../../../shared/device-sample';
import { memoryBreakdownSchema } from '../../../../shared/run-metrics';
import {
  memoryBreakdown,
  peakHwmKb,
  runnerWeightsBytes,
  weightsCountedTwice,
} from './memory-breakdown';
import { SampleLog } from './testing-samples';

const MiB = 1024 * 1024;
const context = { weightsBytes: 40 * MiB, kvCacheBytes: 6 * MiB, memoryStateBytes: 2 * MiB };

function memory(
  rssKb: number,
  hwmKb: number,
  anonKb: number | null = null,
  fileKb: number | null = null,
): ProcessMemoryReading {
  return { vmRssKb: rssKb, vmHwmKb: hwmKb, rssAnonKb: anonKb, rssFileKb: fileKb, pssKb: null };
}

describe('memoryBreakdown', () => {
  it('splits the largest VmHWM into weights, state and the runtime rest', () => {
    const log = new SampleLog()
      .device(10, { memory: memory(50_000, 60_000) })
      .runner(20, { ev: 'mem', t_ms: 20, rss_kb: 70_000, hwm_kb: 80 * 1024 })
      .device(30, { memory: memory(60_000, 70_000) });
    const breakdown = memoryBreakdown(log.samples, context)!;
    // 80 MiB peak − 40 MiB weights − 6 − 2 MiB state = 32 MiB.
    expect(breakdown).toEqual({
      peakBytes: 80 * MiB,
      weightsBytes: 40 * MiB,
      weightsSource: 'artifact',
      kvCacheBytes: 6 * MiB,
      memoryStateBytes: 2 * MiB,
      runtimeBytes: 32 * MiB,
      runtimeNegative: false,
      weightsCountedTwice: false,
    });
    expect(memoryBreakdownSchema.parse(breakdown)).toEqual(breakdown);
  });

  it("takes the runner's weights count from its load line and flags a negative runtime", () => {
    const log = new SampleLog()
      .runner(0, { ev: 'load', ms: 12, weights_bytes: 30 * MiB } as never)
      .device(10, { memory: memory(20 * 1024, 30 * 1024) });
    const breakdown = memoryBreakdown(log.samples, context)!;
    expect(breakdown.weightsSource).toBe('runner');
    expect(breakdown.weightsBytes).toBe(30 * MiB);
    expect(breakdown.runtimeBytes).toBe(-8 * MiB);
    expect(breakdown.runtimeNegative).toBe(true);
  });

  it('ignores a weights count that is not a byte count', () => {
    for (const weights of ['30', -1, Number.NaN, null]) {
      const log = new SampleLog().runner(0, { ev: 'load', ms: 1, weights_bytes: weights } as never);
      expect(runnerWeightsBytes(log.samples)).toBeNull();
    }
  });

  it('is null without any memory reading', () => {
    const log = new SampleLog().runner(0, { ev: 'load', ms: 1 }).device(5, {});
    expect(peakHwmKb(log.samples)).toBeNull();
    expect(memoryBreakdown(log.samples, context)).toBeNull();
  });

  it('says the weights are counted twice when file pages and an anonymous copy are both resident', () => {
    const weightsKb = 40 * 1024;
    const log = new SampleLog()
      .device(10, { memory: memory(30_000, 30_000, 2_000, 28_000) })
      .device(20, { memory: memory(100_000, 100_000, weightsKb + 10_000, 30_000) });
    expect(memoryBreakdown(log.samples, context)!.weightsCountedTwice).toBe(true);
  });
});

describe('weightsCountedTwice', () => {
  const weights = 100 * 1024; // bytes of a 100 kB weights file
  it.each([
    ['mapped only', memory(150, 150, 40, 110), false],
    ['copied only (file pages dropped)', memory(150, 150, 140, 10), false],
    ['mapped and copied', memory(250, 250, 140, 110), true],
    ['no anon/file split', memory(250, 250, null, null), false],
    ['weights small beside the runtime', memory(2000, 2000, 1200, 800), false],
  ])('%s', (_name, reading, twice) => {
    expect(weightsCountedTwice(reading, weights)).toBe(twice);
  });
});
