import { describe, expect, it } from 'vitest';
import {
  loadMs,
  malformedLines,
  pssPeakBytes,
  residentPeakIn,
  thermalSummary,
} from './sample-counts';
import { SampleLog } from './testing-samples';

const thermal = (status: 'none' | 'light' | 'moderate' | 'critical') => ({
  status,
  sensors: [],
  otherSensors: [],
});
const memory = (rssKb: number, pssKb: number | null) => ({
  vmRssKb: rssKb,
  vmHwmKb: rssKb,
  rssAnonKb: null,
  rssFileKb: null,
  pssKb,
});

describe('thermalSummary', () => {
  it('takes the worst status in Android order, not the last or the alphabetically largest', () => {
    const log = new SampleLog()
      .device(0, { thermal: thermal('light') })
      .device(1, { thermal: thermal('critical') }, true)
      .device(2, { thermal: thermal('moderate') }, true)
      .device(3, { thermal: thermal('none') })
      .device(4);
    expect(thermalSummary(log.samples, false)).toEqual({
      samples: 5,
      throttledSamples: 2,
      worstStatus: 'critical',
      includeThrottled: false,
    });
  });

  it('has no worst status without a thermal reading', () => {
    expect(thermalSummary(new SampleLog().device(0).samples, true).worstStatus).toBeNull();
  });
});

describe('sample counts', () => {
  it('counts malformed runner lines only', () => {
    const log = new SampleLog()
      .log(0, 'malformed', 'x')
      .log(1, 'stderr', 'y')
      .log(2, 'malformed', 'z');
    expect(malformedLines(log.samples)).toBe(2);
  });

  it('takes the largest PSS, null when no sample read one', () => {
    const log = new SampleLog()
      .device(0, { memory: memory(10, 7) })
      .device(1, { memory: memory(9, 8) });
    expect(pssPeakBytes(log.samples)).toBe(8 * 1024);
    expect(
      pssPeakBytes(new SampleLog().device(0, { memory: memory(10, null) }).samples),
    ).toBeNull();
  });

  it('takes the resident peak inside a window, from outside samples and mem lines', () => {
    const log = new SampleLog()
      .device(5, { memory: memory(100, null) })
      .device(10, { memory: memory(20, null) })
      .runner(15, { ev: 'mem', t_ms: 14, rss_kb: 30, hwm_kb: 100 })
      .device(21, { memory: memory(500, null) });
    expect(residentPeakIn(log.samples, 10, 20)).toBe(30 * 1024);
    expect(residentPeakIn(log.samples, 11, 14)).toBeNull();
  });

  it("reads the load line's time", () => {
    expect(loadMs(new SampleLog().runner(3, { ev: 'load', ms: 42 }).samples)).toBe(42);
    expect(loadMs(new SampleLog().samples)).toBeNull();
  });
});
