import type { ProcessMemoryReading } from '../../../../shared/device-sample';
import type { RunSample } from '../../../../shared/run';
import type { MemoryBreakdown } from '../../../../shared/run-metrics';

const kib = 1024;

/** What the session knows about the memory of the artifact that ran. */
export interface MemoryContext {
  /** Bytes of the artifact's weights files (used when the runner does not count them). */
  weightsBytes: number;
  kvCacheBytes: number;
  memoryStateBytes: number;
}

/**
 * Where the peak memory of a run went. The peak is the largest VmHWM seen, from the outside
 * samples and from the runner's own `mem` lines; the weights are the runner's count when its
 * `load` line carries `weights_bytes`, else the artifact's files; the state is the KV cache plus
 * the compressed memory; the runtime is what is left, flagged when negative (the two above
 * overcount the peak, e.g. weights mapped but never all paged in). Null without any reading.
 */
export function memoryBreakdown(
  samples: readonly RunSample[],
  context: MemoryContext,
): MemoryBreakdown | null {
  const peakKb = peakHwmKb(samples);
  if (peakKb === null) return null;
  const peakBytes = peakKb * kib;
  const runnerWeights = runnerWeightsBytes(samples);
  const weightsBytes = runnerWeights ?? context.weightsBytes;
  const runtimeBytes = peakBytes - weightsBytes - context.kvCacheBytes - context.memoryStateBytes;
  return {
    peakBytes,
    weightsBytes,
    weightsSource: runnerWeights === null ? 'artifact' : 'runner',
    kvCacheBytes: context.kvCacheBytes,
    memoryStateBytes: context.memoryStateBytes,
    runtimeBytes,
    runtimeNegative: runtimeBytes < 0,
    weightsCountedTwice: weightsCountedTwice(largestResident(samples), weightsBytes),
  };
}

/** The largest VmHWM (kB) of the outside samples and the runner's `mem` lines; null if none. */
export function peakHwmKb(samples: readonly RunSample[]): number | null {
  let peak: number | null = null;
  for (const sample of samples) {
    const hwm =
      sample.kind === 'device'
        ? sample.sample.memory?.vmHwmKb
        : sample.kind === 'runner' && sample.event.ev === 'mem'
          ? sample.event.hwm_kb
          : undefined;
    if (hwm !== undefined && (peak === null || hwm > peak)) peak = hwm;
  }
  return peak;
}

/**
 * The runner's count of initializer bytes from its `load` line. Read off the raw object: the
 * field is optional and may not be in the event schema yet (a runner that does not print it
 * leaves the artifact's figure in place).
 */
export function runnerWeightsBytes(samples: readonly RunSample[]): number | null {
  for (const sample of samples) {
    if (sample.kind !== 'runner' || sample.event.ev !== 'load') continue;
    const bytes = (sample.event as { weights_bytes?: unknown }).weights_bytes;
    if (typeof bytes === 'number' && Number.isFinite(bytes) && bytes >= 0) return bytes;
  }
  return null;
}

/** The outside reading with the largest VmRSS: the one whose anon/file split explains the peak. */
function largestResident(samples: readonly RunSample[]): ProcessMemoryReading | null {
  let largest: ProcessMemoryReading | null = null;
  for (const sample of samples) {
    const memory = sample.kind === 'device' ? sample.sample.memory : null;
    if (memory && (largest === null || memory.vmRssKb > largest.vmRssKb)) largest = memory;
  }
  return largest;
}

/**
 * Whether the weights are resident twice at the peak. ORT maps an external-data weights file
 * (its pages count as RssFile) and may also copy or pre-pack the initializers into its own
 * buffers (anonymous pages, RssAnon). When, at the largest resident sample, file-backed pages
 * hold more than half of the weights *and* anonymous memory alone exceeds the whole weights, both
 * copies are resident: the peak holds the weights twice, so the breakdown's runtime share
 * includes a second copy of them. Without the anon/file split (an old kernel, no outside sample)
 * it cannot be told, and is not claimed; nor when the weights are under a quarter of the
 * resident set: the runtime's own library pages and arenas then pass both tests alone (a 3 MB
 * model under a 50 MB runtime), so they say nothing about the weights.
 */
export function weightsCountedTwice(
  reading: ProcessMemoryReading | null,
  weightsBytes: number,
): boolean {
  if (reading === null || reading.rssAnonKb === null || reading.rssFileKb === null) return false;
  if (weightsBytes <= 0 || weightsBytes < (reading.vmRssKb * kib) / 4) return false;
  return reading.rssFileKb * kib > weightsBytes / 2 && reading.rssAnonKb * kib > weightsBytes;
}
