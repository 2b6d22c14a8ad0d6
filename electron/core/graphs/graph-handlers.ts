import type { InvokeHandlers } from '../../../shared/contract';
import type { JobRegistry } from '../jobs/job-registry';
import type { JobContext } from '../jobs/job-session';
import type { ArtifactCache } from './artifact-cache';

/**
 * Handlers of the `graph:*` channels. A build or a fidelity run is a job: its id comes back at
 * once, its progress and result go out as `job:onDidChange`. The graph modules load
 * onnxruntime-node's native binding, so they are imported on first use, not when a host starts.
 */
export function graphHandlers(
  cache: ArtifactCache,
  jobs: JobRegistry,
): Pick<InvokeHandlers, 'graph:inspect' | 'graph:build' | 'graph:fidelity'> {
  const progress = (context: JobContext) => (step: number, steps: number, message: string) =>
    context.progress(steps > 0 ? step / steps : 0, message);
  return {
    'graph:inspect': async ({ model }) => (await import('./graph-service')).inspectGraphFile(model),
    'graph:build': async (request) =>
      jobs.launch({
        kind: 'graph-build',
        subject: request.model,
        label: `Graph build ${request.quant}`,
        state: 'building',
        work: async (context) =>
          (await import('./build-graphs')).buildGraphs(
            request,
            cache,
            progress(context),
            context.signal,
          ),
      }),
    'graph:fidelity': async (request) =>
      jobs.launch({
        kind: 'graph-fidelity',
        subject: request.model,
        label: `Fidelity run ${request.quant}`,
        state: 'running',
        work: async (context) =>
          (await import('./fidelity/fidelity')).measureFidelity(request, cache, progress(context), {
            signal: context.signal,
          }),
      }),
  };
}
