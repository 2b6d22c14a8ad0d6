import type { DeviceDetails } from '../../../shared/device';
import type { RunContext, RunDeviceSample } from '../../../shared/run';
import type { RunnerEvent } from '../../../shared/runner-events';
import { studioVersion } from '../paths';
import type { BuiltArtifact } from './accuracy/host-reference';

/** What a run context is made from, besides the phone's details read just before the run. */
export interface ContextParts {
  details: DeviceDetails;
  bundleId: string;
  artifact: BuiltArtifact;
  /** sha256 of the prefill and decode graphs as pushed (their names in the phone's cache). */
  graphHashes: { prefill: string; decode: string };
  now?: Date;
}

/**
 * The context saved with a run before it starts: the phone's build, kernel, governor, thermal
 * and battery, the studio's version and the graphs' key. What only the runner can tell (its
 * version, ORT's, the EP it really used) and the CPU frequencies of the first sample are added
 * as they arrive (`withRunnerHello`, `withFirstSample`). Pure.
 */
export function runContextOf(parts: ContextParts): RunContext {
  const { details, artifact } = parts;
  return {
    deviceKey: details.key,
    model: details.model,
    abi: details.abi,
    emulated: details.emulated,
    capturedAt: (parts.now ?? new Date()).toISOString(),
    fingerprint: details.fingerprint,
    kernel: details.kernel,
    governor: details.governor,
    cpuFreqKhz: [],
    thermal: details.thermal,
    batteryPercent: details.batteryPercent,
    batteryCelsius: details.batteryCelsius,
    studioVersion: studioVersion(),
    runtime: { bundle: parts.bundleId, runner: null, runnerVersion: null, ort: null },
    ep: null,
    threads: null,
    graphs: { key: artifact.key, ...parts.graphHashes },
  };
}

/** The context with what the runner's `hello` line says. Pure. */
export function withRunnerHello(context: RunContext, hello: RunnerEvent): RunContext {
  if (hello.ev !== 'hello') return context;
  return {
    ...context,
    runtime: {
      ...context.runtime,
      runner: hello.runner,
      runnerVersion: hello.version,
      ort: hello.ort,
    },
    ep: hello.ep,
    threads: hello.threads,
  };
}

/** The context with the CPU frequencies of the run's first outside sample. Pure. */
export function withFirstSample(context: RunContext, sample: RunDeviceSample): RunContext {
  return context.cpuFreqKhz.length > 0 ? context : { ...context, cpuFreqKhz: sample.cpuFreqKhz };
}
