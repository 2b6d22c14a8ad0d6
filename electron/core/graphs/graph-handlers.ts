import type { InvokeHandlers } from '../../../shared/contract';
import type { StudioEventBus } from '../../../shared/event-bus';
import type { ArtifactCache } from './artifact-cache';
import { buildGraphs } from './build-graphs';
import { inspectGraphFile } from './graph-service';

/** Handlers of the `graph:*` channels; build progress goes out as `graph:onDidProgress`. */
export function graphHandlers(
  cache: ArtifactCache,
  bus: StudioEventBus,
): Pick<InvokeHandlers, 'graph:inspect' | 'graph:build'> {
  return {
    'graph:inspect': ({ model }) => inspectGraphFile(model),
    'graph:build': ({ model, scenario, quant, buildId }) =>
      buildGraphs({ model, scenario, quant }, cache, (step, steps, message) =>
        bus.emit('graph:onDidProgress', { buildId, step, steps, message }),
      ),
  };
}
