import type { InvokeHandlers } from '../../../shared/contract';
import { ok } from '../../../shared/result';
import type { RunRepo } from '../store/run-repo';
import type { RunService } from './run-service';

/** Handlers of the `run:*` channels over the studio's run service and store. */
export function runHandlers(
  runs: RunService,
  repo: RunRepo,
): Pick<
  InvokeHandlers,
  'run:start' | 'run:stop' | 'run:list' | 'run:get' | 'run:samples' | 'run:delete'
> {
  return {
    'run:start': async (request) => runs.start(request),
    'run:stop': async ({ runId }) => ok({ stopped: runs.stop(runId) }),
    'run:list': async (filter) => ok({ runs: runs.list(filter) }),
    'run:get': async ({ runId }) => runs.get(runId),
    'run:samples': async ({ runId, after, limit }) => {
      // One more than asked says whether more follow, without a count query.
      const samples = repo.samples(runId, { after, limit: limit + 1 });
      return ok({ samples: samples.slice(0, limit), more: samples.length > limit });
    },
    'run:delete': async ({ runId }) => runs.delete(runId),
  };
}
