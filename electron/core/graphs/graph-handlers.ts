import type { InvokeHandlers } from '../../../shared/contract';
import type { StudioEventBus } from '../../../shared/event-bus';
import type { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import { measureFidelity } from './fidelity/fidelity';
import { inspectGraphFile } from './graph-service';

/** Handlers of the `graph:*` channels; build progress goes out as `graph:onDidProgress`. */
export function graphHandlers(
  cache: ArtifactCache,
  bus: StudioEventBus,
): Pick<InvokeHandlers, 'graph:inspect' | 'graph:build' | 'graph:fidelity'> {
  const progress = (buildId: string) => (step: number, steps: number, message: string) =>
    bus.emit('graph:onDidProgress', { buildId, step, steps, message });
  return {
    'graph:inspect': ({ model }) => inspectGraphFile(model),
    'graph:build': ({ model, scenario, quant, buildId }) =>
      buildGraphs({ model, scenario, quant }, cache, progress(buildId)),
    'graph:fidelity': ({ buildId, ...request }) =>
      measureFidelity(request, cache, progress(buildId)),
  };
}
