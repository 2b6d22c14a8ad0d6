import type { InvokeHandlers } from '../../../shared/contract';
import { fail, ok } from '../../../shared/result';
import type { JobRegistry } from './job-registry';

/** Handlers of the `job:*` channels over the studio's one registry. */
export function jobHandlers(
  registry: JobRegistry,
): Pick<InvokeHandlers, 'job:list' | 'job:get' | 'job:cancel'> {
  return {
    'job:list': async () => ok({ jobs: registry.list() }),
    'job:get': async ({ jobId }) => {
      const session = registry.get(jobId);
      return session ? ok(session.details()) : fail('not-found', `No job ${jobId}`);
    },
    'job:cancel': async ({ jobId }) => ok({ cancelled: registry.cancel(jobId) }),
  };
}
