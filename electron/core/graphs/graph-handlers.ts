import type { InvokeHandlers } from '../../../shared/contract';
import type { StudioEventBus } from '../../../shared/event-bus';
import type { ArtifactCache } from './artifact-cache';

/**
 * Handlers of the `graph:*` channels; build progress goes out as `graph:onDidProgress`. The graph
 * modules load onnxruntime-node's native binding, so they are imported on first use, not when a
 * host starts.
 */
export function graphHandlers(
  cache: ArtifactCache,
  bus: StudioEventBus,
): Pick<InvokeHandlers, 'graph:inspect' | 'graph:build' | 'graph:fidelity'> {
  const progress = (buildId: string) => (step: number, steps: number, message: string) =>
    bus.emit('graph:onDidProgress', { buildId, step, steps, message });
  return {
    'graph:inspect': async ({ model }) => (await import('./graph-service')).inspectGraphFile(model),
    'graph:build': async ({ buildId, ...request }) =>
      (await import('./build-graphs')).buildGraphs(request, cache, progress(buildId)),
    'graph:fidelity': async ({ buildId, ...request }) =>
      (await import('./fidelity/fidelity')).measureFidelity(request, cache, progress(buildId)),
  };
}
