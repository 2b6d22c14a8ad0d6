import { thermalStatusSchema } from '../../../../shared/device';
import type { RunSample } from '../../../../shared/run';
import type { RunSummary } from '../../../../shared/run-metrics';

type ThermalStatus = NonNullable<RunSummary['thermal']['worstStatus']>;

/**
 * The thermal side of a run: how many outside samples were taken, how many of them throttled,
 * and the worst status any of them read (null when none read one).
 */
export function thermalSummary(
  samples: readonly RunSample[],
  includeThrottled: boolean,
): RunSummary['thermal'] {
  const order = thermalStatusSchema.options;
  let count = 0;
  let throttledSamples = 0;
  let worst: ThermalStatus | null = null;
  for (const sample of samples) {
    if (sample.kind !== 'device') continue;
    count++;
    if (sample.throttled) throttledSamples++;
    const status = sample.sample.thermal?.status;
    if (status && (worst === null || order.indexOf(status) > order.indexOf(worst))) worst = status;
  }
  return { samples: count, throttledSamples, worstStatus: worst, includeThrottled };
}

/** Runner lines that were not contract events (the session logs them as `malformed`). */
export function malformedLines(samples: readonly RunSample[]): number {
  return samples.filter((sample) => sample.kind === 'log' && sample.source === 'malformed').length;
}

/** The largest PSS of the outside samples in bytes; null when no sample read smaps_rollup. */
export function pssPeakBytes(samples: readonly RunSample[]): number | null {
  let peak: number | null = null;
  for (const sample of samples) {
    const pss = sample.kind === 'device' ? sample.sample.memory?.pssKb : null;
    if (pss !== null && pss !== undefined && (peak === null || pss > peak)) peak = pss;
  }
  return peak === null ? null : peak * 1024;
}

/** The runner's session-create time of both graphs, from its `load` line. */
export function loadMs(samples: readonly RunSample[]): number | null {
  for (const sample of samples)
    if (sample.kind === 'runner' && sample.event.ev === 'load') return sample.event.ms;
  return null;
}

/**
 * The largest resident set (bytes) inside a host-time window, from outside samples (VmRSS) and
 * the runner's own `mem` lines; null when none fell in it.
 */
export function residentPeakIn(
  samples: readonly RunSample[],
  fromMs: number,
  toMs: number,
): number | null {
  let peak: number | null = null;
  for (const sample of samples) {
    if (sample.t < fromMs || sample.t > toMs) continue;
    const rssKb =
      sample.kind === 'device'
        ? sample.sample.memory?.vmRssKb
        : sample.kind === 'runner' && sample.event.ev === 'mem'
          ? sample.event.rss_kb
          : undefined;
    if (rssKb !== undefined && (peak === null || rssKb > peak)) peak = rssKb;
  }
  return peak === null ? null : peak * 1024;
}
